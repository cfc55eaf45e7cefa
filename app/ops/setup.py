"""First-run setup, shared by the wizard and ``branchdesk setup``.

``check_setup`` validates every field and returns all refusals at once
(field -> sentence), so a form can mark each field; ``apply_setup`` writes
nothing until everything is valid and the database answers, then stores
the branch settings and the first administrator in one transaction and the
settings file last.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.events import EventType
from app.errors import DomainError, InvalidInput
from app.ops import settings_file
from app.ops.admin_rules import check_branch_code, check_name

_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,64}$")


class SetupInvalid(DomainError):
    """One or more setup fields are wrong; ``errors`` maps field -> sentence."""

    code = "setup_invalid"

    def __init__(self, errors: dict[str, str]) -> None:
        first = next(iter(errors.values()))
        super().__init__(first, errors=errors)
        self.errors = errors


@dataclass(frozen=True)
class SetupRequest:
    branch_code: str
    branch_name_zh: str
    branch_name_en: str
    admin_username: str
    admin_password: str
    admin_full_name: str = ""
    language: str = "zh_CN"
    database_url: str = ""  # empty: the embedded SQLite file
    printer: dict[str, Any] = field(default_factory=dict)  # printer.* branch settings
    lobby_monitor: int = 0
    screen_role: str = ""
    sync_enabled: bool = False
    sync_hq_url: str = ""
    sync_interval_min: int = 5


@dataclass(frozen=True)
class SetupResult:
    database_url: str
    settings_file: str
    branch_code: str
    admin_username: str
    catalogue_created: bool


def check_setup(req: SetupRequest) -> dict[str, str]:
    """Every refusal, field by field (empty: all valid). No I/O."""
    errors: dict[str, str] = {}

    def attempt(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        try:
            fn()
        except DomainError as exc:
            errors.setdefault(name, exc.message)

    attempt("branch_code", lambda: check_branch_code(req.branch_code))
    attempt("branch_name_zh", lambda: check_name(req.branch_name_zh, "branch_name_zh", 60))
    attempt("branch_name_en", lambda: check_name(req.branch_name_en, "branch_name_en", 80))
    if not _USERNAME.match(req.admin_username or ""):
        errors["admin_username"] = "A username is 2-64 letters, digits, dots, dashes or underscores."
    if len(req.admin_password or "") < 8:
        errors["admin_password"] = "A password needs at least 8 characters."
    for key, value, name in (
        ("ui.language", req.language, "language"),
        ("database.url", req.database_url, "database_url"),
        ("ui.lobby_monitor", req.lobby_monitor, "lobby_monitor"),
        ("ui.screen_role", req.screen_role, "screen_role"),
        ("sync.hq_url", req.sync_hq_url, "sync_hq_url"),
        ("sync.interval_min", req.sync_interval_min, "sync_interval_min"),
    ):
        try:
            settings_file.check_value(key, value, "setup")
        except settings_file.SettingsFileError as exc:
            errors[name] = "The " + exc.message.split(": key ", 1)[1]
    if req.sync_enabled and not req.sync_hq_url:
        errors.setdefault("sync_hq_url", "Give the head-office database address, or switch sync off.")
    if req.printer:
        from app.devices.config import PrinterConfigError, printer_config

        try:
            printer_config(req.printer)
        except PrinterConfigError as exc:
            errors["printer"] = exc.message
    return errors


def test_database(url: str) -> str:
    """Connect to the database (creating an empty SQLite file is fine) and
    return its version line; raise InvalidInput(field='database_url')."""
    from sqlalchemy import text

    from app.store.engine import Database, resolve_url

    try:
        db = Database(resolve_url(url or None))
        try:
            with db.read() as s:
                if db.is_sqlite:
                    version = "SQLite " + str(s.execute(text("SELECT sqlite_version()")).scalar())
                else:
                    version = str(s.execute(text("SELECT version()")).scalar()).split(",")[0]
        finally:
            db.dispose()
    except DomainError:
        raise
    except Exception as exc:
        reason = driver_reason(exc)
        raise InvalidInput(f"The database cannot be reached: {DRIVER_REASONS[reason]}", field="database_url",
                           reason=reason) from None
    return version


# What a database driver's error means, in one sentence a person can act on
# (the screens translate them by their code; the driver's own text goes to the log).
DRIVER_REASONS = {
    "refused": "the server refused the connection. Check the address and port, and that the server is running.",
    "timeout": "the server did not answer in time. Check the address and the network.",
    "unknown_host": "that server name is not known. Check the address.",
    "password": "the user name or password is wrong.",
    "no_database": "there is no database of that name on the server.",
    "ssl": "the server requires an encrypted connection (or refuses one). Check sslmode in the address.",
    "permission": "the user may not connect to this database.",
    "file": "the database file cannot be opened or created there.",
    "other": "the database server gave an error; the log has its words.",
}


def driver_reason(exc: BaseException) -> str:
    """The code of DRIVER_REASONS for a driver's error (its text logged)."""
    import logging

    text = str(exc).lower()
    logging.getLogger("branchdesk.ops").info("database test failed: %s", str(exc).splitlines()[0] if str(exc) else exc)
    checks = (
        ("password", ("password authentication failed", "no password supplied", "authentication failed")),
        ("no_database", ("does not exist",)),
        ("unknown_host", ("could not translate host name", "name or service not known", "nodename nor servname",
                          "name resolution", "no such host")),
        ("refused", ("connection refused", "actively refused")),
        ("timeout", ("timeout", "timed out", "did not answer", "does not answer")),
        ("ssl", ("ssl", "sslmode")),
        ("permission", ("permission denied", "not permitted", "no pg_hba.conf entry")),
        ("file", ("unable to open database file", "readonly database", "disk i/o error")),
    )
    for code, needles in checks:
        if any(n in text for n in needles):
            return code
    return "other"


def apply_setup(req: SetupRequest, *, now: dt.datetime | None = None, config_path: Path | None = None) -> SetupResult:
    """Validate, test the database, check that every place it writes can be
    written (settings folder, key folder, credential store), then write branch
    settings, the first administrator, the data key and the settings file.
    Nothing is written when anything is wrong. A password in the database or
    head-office address is kept in the credential store, never in the file."""
    from app.privacy.credentials import keep_database_password, probe_folder, redact_text
    from app.privacy.keys import KeyStore
    from app.sync.config import strip_password

    errors = check_setup(req)
    if errors:
        raise SetupInvalid(errors)
    db_url, db_password = _split(req.database_url, "database_url")
    hq_url, hq_password = strip_password(req.sync_hq_url) if req.sync_hq_url else ("", None)
    path = config_path or settings_file.settings_path()
    _probe_folder(path.parent)
    KeyStore().probe()
    if db_password is not None:
        probe_folder()
    try:
        test_database(req.database_url)
    except InvalidInput as exc:
        raise SetupInvalid({"database_url": exc.message}) from None
    from app.bootstrap import build

    app = build(req.database_url or None)
    try:
        created = _write_branch(app.db, req, now)
        url = app.db.url
    finally:
        app.close()
    if db_password is not None:
        keep_database_password(db_url, db_password)
    if hq_password is not None:
        _keep_hq_password(req, hq_url, hq_password)
    values = settings_file.load(config_path) if settings_file.exists(config_path) else settings_file.defaults()
    values.update({
        "database.url": db_url, "ui.language": req.language, "ui.lobby_monitor": req.lobby_monitor,
        "ui.screen_role": req.screen_role, "sync.enabled": req.sync_enabled, "sync.hq_url": hq_url,
        "sync.interval_min": req.sync_interval_min,
    })
    try:
        path = settings_file.save(values, config_path)
    except OSError as exc:
        raise settings_file.SettingsFileError(f"The settings file {path} cannot be written: "
                                              f"{exc.strerror or exc}.") from None
    return SetupResult(redact_text(url).split("@")[-1], str(path), check_branch_code(req.branch_code),
                       req.admin_username, created)


def _split(url: str, field: str) -> tuple[str, str | None]:
    from app.privacy.credentials import split_password

    try:
        return split_password(url) if url else ("", None)
    except ValueError:
        raise SetupInvalid({field: "The database address is not valid."}) from None


def _probe_folder(folder: Path) -> None:
    """SettingsFileError unless the settings file's folder can be written (checked first)."""
    from app.privacy.credentials import probe_writable

    try:
        probe_writable(folder)
    except OSError as exc:
        raise settings_file.SettingsFileError(
            f"The settings folder {folder} cannot be written ({exc.strerror or exc}); nothing was set up.") from None


def _keep_hq_password(req: SetupRequest, url: str, password: str) -> None:
    from app.sync.config import load_config, store_password

    try:
        store_password(load_config({"sync.hq_url": url, "branch.code": check_branch_code(req.branch_code)}),
                       password)
    except OSError as exc:
        raise settings_file.SettingsFileError(f"The head-office password cannot be kept "
                                              f"({exc.strerror or exc}).") from None


def _write_branch(db, req: SetupRequest, now: dt.datetime | None) -> bool:  # type: ignore[no-untyped-def]
    """The default catalogue (if empty), then one transaction for the branch
    settings and the first administrator, with one BranchSetUp event."""
    from sqlalchemy import select

    from app.privacy.vault import vault
    from app.queue import init_catalogue
    from app.queue.day import moment
    from app.settings import store_in
    from app.staff.accounts import hash_password
    from app.staff.roles import SYSTEM
    from app.store.events import record_event
    from app.store.models import Staff

    created = init_catalogue(db, actor=SYSTEM, now=now).created
    settings = {
        "branch.code": check_branch_code(req.branch_code),
        "branch.name_zh": req.branch_name_zh.strip(),
        "branch.name_en": req.branch_name_en.strip(),
        "ui.language": req.language,
        **req.printer,
    }
    with db.write() as s:
        now = moment(s, now).now
        existing = s.scalar(select(Staff).where(Staff.username == req.admin_username))
        if existing is not None and "admin" not in existing.roles.split(","):
            raise SetupInvalid({"admin_username": f"The account {req.admin_username!r} exists and is not an administrator."})
        if existing is None:
            s.add(Staff(username=req.admin_username, full_name=req.admin_full_name.strip()[:100], roles="admin",
                        password_hash=hash_password(req.admin_password), active=True, created_at=now))
        store_in(s, settings, now=now, staff_id=None, source="setup")
        payload = {k: v for k, v in asdict(req).items() if k not in ("admin_password", "database_url", "sync_hq_url")}
        record_event(s, EventType.BRANCH_SET_UP, now, payload=payload)
        vault(s).current()  # the data key, made now on the PC that sets the branch up (export it for others)
    return created
