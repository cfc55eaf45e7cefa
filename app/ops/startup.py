"""Process start for every front end: logging, the settings file, the
automatic daily backup. Called once from ``app.cli.main``."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from typing import Any

log = logging.getLogger("branchdesk.ops")
# Commands that must work with a broken settings file (they report or fix it).
TOLERANT = {"doctor", "setup", "settings check", "settings path"}
# Commands that work without the machine's data folder: they report on it,
# or use their own (a temporary folder, the demo's per-user database).
NO_DATA_FOLDER = TOLERANT | {"selfcheck", "demo", "screenshots"}
# Commands that report on the embedded database and must not create it.
REPORTERS = NO_DATA_FOLDER - {"setup"}


def prepare(args: Any, command_name: str) -> None:
    """Set up the machine's folders (app/ops/machine.py) and logging, apply
    the settings file's database address when none was given, and start the
    daily backup for the app itself."""
    from app.ops import machine
    from app.ops.logs import setup_logging
    from app.ops.settings_file import SettingsFileError, load

    folders = machine.start()  # before any file is written: the group-only file mode
    setup_logging()
    embedded = getattr(args, "db", None) is None and not os.environ.get("BRANCHDESK_DB")
    if embedded and command_name not in NO_DATA_FOLDER:
        machine.require_writable(folders)
    if embedded:
        machine.adopt(folders)
    try:
        values = load()
    except SettingsFileError:
        if command_name in TOLERANT:
            return
        raise
    if embedded and not values["database.url"] and command_name not in REPORTERS:
        machine.create_database_file(folders)  # group rights from the start (per machine only)
    from app.ops.passwords import move_database_password

    values = move_database_password(values)  # a password never stays in the settings file
    device = getattr(args, "lobby", False) or getattr(args, "rating_pad", False)  # no login, no wizard
    if command_name == "run" and not device:
        values = first_start(args) or values
    if getattr(args, "db", None) is None and not os.environ.get("BRANCHDESK_DB") and values["database.url"]:
        args.db = values["database.url"]
    if command_name == "run":
        apply_screen_settings(args, values)
        start_daily_backup(args.db, values)


def apply_screen_settings(args: Any, values: dict[str, Any]) -> None:
    """This PC's screen role, lobby monitor and language from the settings
    file, unless the command line says otherwise (shortcuts pass flags)."""
    if getattr(args, "rating_pad", False):
        return  # the rating pad says where it goes (--window, --screen)
    role = values.get("ui.screen_role") or ""
    if role and not getattr(args, "open", None) and not getattr(args, "lobby", False):
        if role == "lobby":
            args.lobby = True
        else:
            args.open = role
    if getattr(args, "screen", None) is None and hasattr(args, "screen"):
        args.screen = int(values.get("ui.lobby_monitor") or 0)
    if getattr(args, "language", None) is None and hasattr(args, "language") and values.get("ui.language"):
        args.language = values["ui.language"]


def first_start(args: Any) -> dict[str, Any] | None:
    """Run the setup wizard when this PC was never set up; the new settings.
    The wizard lives in app.ui (Qt); it is looked up by name, as the CLI's
    ``run`` command does, so this module stays importable without Qt."""
    import importlib

    from app.errors import DomainError
    from app.ops.settings_file import load

    first_run = importlib.import_module("app.ui.setup.first_run")
    if not first_run.needed(getattr(args, "db", None)):
        return None
    if not first_run.run_wizard(getattr(args, "db", None)):
        raise DomainError("Setup was cancelled; BranchDesk starts once a branch and an administrator are set up.")
    return load()


def start_daily_backup(db_url: str | None, values: dict[str, Any]) -> threading.Thread:
    """The daily jobs (``daily_jobs``) in a background thread: at start, then
    whenever the date changes while the app runs (the online backup API lets
    tellers keep working meanwhile)."""
    from app.store.engine import resolve_url

    url = resolve_url(db_url)

    def work() -> None:
        done: dt.date | None = None
        while True:
            today = dt.date.today()
            if today != done:
                try:
                    daily_jobs(url, None, values)
                    done = today
                except Exception:  # never stop the app for a daily job; the log says why
                    log.exception("daily jobs failed")
                    done = today  # tried today; again tomorrow
            _STOP.wait(3600)

    thread = threading.Thread(target=work, name="daily-jobs", daemon=True)
    thread.start()
    return thread


_STOP = threading.Event()


def daily_jobs(db_url: str, now: dt.datetime | None, values: dict[str, Any]) -> None:
    """Once a day: erase the personal data past its retention period (and the
    backups and keys it makes obsolete), then today's backup of the embedded
    database. Each is recorded (event, access log)."""
    from pathlib import Path

    from app.ops.backup import daily_backup, default_backup_dir
    from app.privacy.access import log_access
    from app.privacy.retention import purge
    from app.queue.day import moment
    from app.staff.roles import SYSTEM
    from app.store import open_database

    db = open_database(db_url)
    try:
        with db.read() as s:
            now = moment(s, now).now
        folder = None
        if db.is_sqlite:
            folder = Path(values["backup.folder"]).expanduser() if values.get("backup.folder") \
                else default_backup_dir(db_url)
        purge(db, actor=SYSTEM, now=now, how="daily", backup_folder=folder)
        if folder is not None:
            if daily_backup(db_url, now.date(), folder=folder, keep=int(values.get("backup.keep", 14))):
                log_access(db, None, "backup", now=now, username="system", purpose="daily")
    finally:
        db.dispose()
