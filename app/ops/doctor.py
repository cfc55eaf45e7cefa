"""``branchdesk doctor``: one line per check (OK/WARN/FAIL and a sentence).

Each check is a plain function returning a ``Check``; none raises, none needs
a display. Slow probes (sound, head office) run with a timeout.
"""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OK, WARN, FAIL = "OK", "WARN", "FAIL"


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # OK / WARN / FAIL
    message: str

    def line(self) -> str:
        return f"{self.status:<4} {self.name}: {self.message}"


def check_folders() -> Check:
    """Where branch data is kept, and whether this account may use it."""
    import os
    import stat

    from app.errors import DomainError
    from app.ops import machine
    from app.paths import folders

    try:
        f = folders()
    except DomainError as exc:
        return Check("data folder", FAIL, exc.message)
    if not f.per_machine:
        return Check("data folder", OK, f"A single-user run: branch data is kept in this account's folder {f.data}.")
    if not machine.writable(f.data):
        return Check("data folder", FAIL, machine.unusable_sentence(f))
    if os.name == "posix" and f.data.stat().st_mode & stat.S_IRWXO:
        return Check("data folder", WARN, f"Every account of this PC can read {f.data}; run 'chmod o-rwx {f.data}'.")
    leftover = machine.leftover_user_database(f)
    if leftover is not None:
        return Check("data folder", WARN, f"Branch data is kept per machine in {f.data}, but this account still has "
                                          f"an older database at {leftover}, which is not used.")
    where = f"{f.data}" if f.config == f.data else f"{f.data} (settings in {f.config})"
    return Check("data folder", OK, f"Branch data is kept per machine in {where}, for group {f.group}.")


def check_database(db_url: str | None) -> Check:
    from app.store.engine import Database, resolve_url
    from sqlalchemy import text

    url = resolve_url(db_url)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        return Check("database", FAIL, f"There is no database at {url[len('sqlite:///'):]} yet; run 'branchdesk setup'.")
    try:
        db = Database(url)
        try:
            with db.read() as s:
                s.execute(text("SELECT 1"))
                if db.is_sqlite:
                    result = s.execute(text("PRAGMA integrity_check")).scalar()
                    if result != "ok":
                        return Check("database", FAIL, f"The database file is damaged: {result}.")
        finally:
            db.dispose()
    except Exception as exc:  # every failure becomes one line
        return Check("database", FAIL, _sentence(exc))
    where = "embedded file" if db.is_sqlite else "PostgreSQL server"
    return Check("database", OK, f"The {where} opens and reads correctly.")


def check_migrations(db_url: str | None) -> Check:
    from app.store.engine import Database, resolve_url
    from app.store.migrate import current_revisions, known_heads

    try:
        db = Database(resolve_url(db_url))
        try:
            current = current_revisions(db)
        finally:
            db.dispose()
        heads = known_heads()
    except Exception as exc:
        return Check("migrations", FAIL, _sentence(exc))
    if current == heads:
        return Check("migrations", OK, f"The schema is current ({', '.join(sorted(heads))}).")
    from alembic.script import ScriptDirectory
    from app.store.migrate import alembic_config

    known = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current - known:
        return Check("migrations", FAIL, "The database comes from a newer BranchDesk; install that version.")
    if not current:
        return Check("migrations", WARN, "The database is empty; it is created on first start (or run 'branchdesk init').")
    return Check("migrations", WARN, "The schema is older than this version; it is upgraded on the next start.")


def check_calendar(db_url: str | None, now: dt.datetime | None = None) -> Check:
    """The working-day calendar reaches far enough for complaint deadlines:
    WARN when, from 1 November, next year is not known (or this year is not),
    or when cases wait with a pending deadline."""
    from app.complaints.queries import calendar_status
    from app.store.engine import Database, resolve_url

    now = now or dt.datetime.now()
    url = resolve_url(db_url)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        return Check("calendar", WARN, "There is no database yet, so the working-day calendar was not checked.")
    try:
        db = Database(url)
        try:
            status = calendar_status(db, now)
        finally:
            db.dispose()
    except Exception as exc:  # no database or no schema yet: the checks above say so
        return Check("calendar", WARN, f"The working-day calendar could not be read: {_sentence(exc)}")
    if status.needs_attention:
        return Check("calendar", WARN, status.sentence())
    return Check("calendar", OK, status.sentence())


def check_data_key(db_url: str | None) -> Check:
    """This PC has every version of the branch's data key the database still
    uses, readable by nobody else, and no rotation is left half done."""
    from app.privacy.keys import KeyStore
    from app.privacy.rotation import key_status, stale_rows
    from app.store.engine import Database, resolve_url

    url = resolve_url(db_url)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        return Check("data key", WARN, "There is no database yet, so the data key was not checked.")
    try:
        db = Database(url)
        try:
            versions, stale = key_status(db), stale_rows(db)
        finally:
            db.dispose()
    except Exception as exc:
        return Check("data key", WARN, f"The data key could not be checked: {_sentence(exc)}")
    live = [k for k in versions if k.state != "destroyed"]
    if not live:
        return Check("data key", OK, "No personal data is stored yet; the data key is made with the first.")
    missing = [str(k.version) for k in live if k.state != "retired" and not k.on_this_pc]
    if missing:
        return Check("data key", FAIL, f"This PC lacks the branch's data key (version {', '.join(missing)}): "
                                       f"import it with 'branchdesk privacy import-key FILE'.")
    store = KeyStore()
    loose = [str(store.path(k.key_id)) for k in live
             if store.path(k.key_id).is_file() and store.path(k.key_id).stat().st_mode & 0o007]
    if loose:
        return Check("data key", FAIL, f"The key file {loose[0]} can be read by anyone; run 'chmod 640' on it.")
    if stale:
        return Check("data key", WARN, f"A key rotation is unfinished ({stale} rows): run "
                                       f"'branchdesk privacy rotate-key --resume'.")
    return Check("data key", OK, f"This PC has the data key (version {max(k.version for k in live)}).")


def check_printer(settings: dict[str, Any]) -> Check:
    """``settings`` are the branch settings (printer.* keys live in the database)."""
    from app.ops.devices_bridge import printer_status

    try:
        status = printer_status(settings)
    except Exception as exc:
        return Check("printer", FAIL, _sentence(exc))
    if status is None:
        return Check("printer", WARN, "The printer drivers are not part of this build; the printer was not checked.")
    if status.kind in ("not_set_up", "simulated"):  # customers get no paper: say so, never "ready"
        return Check("printer", WARN, status.message)
    if status.online is False or status.paper == "out":
        return Check("printer", FAIL, status.message)
    if status.online is None or status.paper in ("low", "unknown"):
        return Check("printer", WARN, status.message)
    return Check("printer", OK, status.message)


def check_serial(settings: dict[str, Any]) -> Check:
    """Open every port of the branch setting ``serial.devices`` (keypads and
    window displays, see app/devices/serial_devices.py)."""
    from app.devices.serial_devices import serial_specs

    try:
        ports = [spec.port for spec in serial_specs(settings)]
    except Exception as exc:  # SerialConfigError: one sentence naming the entry
        return Check("serial", FAIL, _sentence(exc))
    if not ports:
        return Check("serial", OK, "No serial keypads or displays are configured.")
    for port in ports:
        result = check_port(port)
        if result.status != OK:
            return result
    return Check("serial", OK, f"Serial port(s) {', '.join(ports)} open correctly.")


def check_port(port: str) -> Check:
    """Open and close one serial port (name or pyserial URL)."""
    import serial

    try:
        serial.serial_for_url(port, timeout=0.5).close()
    except (serial.SerialException, OSError, ValueError) as exc:
        return Check("serial", FAIL, f"The serial port {port} cannot be opened: {_sentence(exc)}")
    return Check("serial", OK, f"The serial port {port} opens correctly.")


def sound_probe_command() -> list[str]:
    """How to start the sound probe: the bundle's own executable when frozen."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--sound-probe"]
    return [sys.executable, "-m", "app.ui.setup.sound_probe"]


def check_sound(timeout: float = 20.0) -> Check:
    # In a child process: Qt Multimedia may need libraries that are missing,
    # and a crash there must not take the doctor down.
    try:
        proc = subprocess.run(sound_probe_command(), capture_output=True, text=True, timeout=timeout,
                              env=_offscreen_env())
    except subprocess.TimeoutExpired:
        return Check("sound", WARN, "The sound system did not answer in time.")
    except OSError as exc:
        return Check("sound", WARN, f"The sound check could not start: {exc.strerror}.")
    out = (proc.stdout.strip().splitlines() or [""])[-1]
    if proc.returncode != 0:
        return Check("sound", FAIL, "Qt Multimedia cannot be loaded; calls are not spoken (install libpulse0 on Linux).")
    if out.startswith("devices=0"):
        return Check("sound", WARN, "No audio output device was found; calls are not spoken.")
    return Check("sound", OK, f"Audio output available ({out.split(' ', 1)[-1]}).")


def _offscreen_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def check_head_office(settings: dict[str, Any], timeout: float = 3.0) -> Check:
    if not settings.get("sync.enabled"):
        return Check("head office", OK, "Head-office sync is switched off on this PC.")
    host, port = "", 5432
    if settings.get("sync.hq_url"):
        from sqlalchemy.engine import make_url

        url = make_url(settings["sync.hq_url"])
        host, port = url.host or "", url.port or 5432
    if not host:
        return Check("head office", FAIL, "Sync is on but no head-office host is configured.")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        return Check("head office", FAIL, f"Head office {host}:{port} cannot be reached ({exc.strerror or exc}).")
    return Check("head office", OK, f"Head office {host}:{port} answers.")


def check_clock(db_url: str | None) -> Check:
    """This PC's clock against the database's: the queue is ordered by the
    database's clock, and a PC more than 30 s off shows wrong waits."""
    from app.clock import measure_skew, skew_sentence
    from app.store.engine import Database, resolve_url

    try:
        db = Database(resolve_url(db_url))
        try:
            if db.is_sqlite:
                return Check("clock", OK, "The embedded database uses this PC's clock.")
            skew = measure_skew(db)
        finally:
            db.dispose()
    except Exception as exc:
        return Check("clock", WARN, f"The database's clock could not be read: {_sentence(exc)}")
    problem = skew_sentence(skew)
    if problem:
        return Check("clock", WARN, problem)
    return Check("clock", OK, f"This PC's clock is within {abs(skew):.1f} s of the database's.")


def run_checks(db_url: str | None, settings: dict[str, Any], *, sound: bool = True) -> list[Check]:
    """Every check in order; sound can be skipped (it starts a process)."""
    checks: list[Callable[[], Check]] = [
        check_folders,
        lambda: check_database(db_url),
        lambda: check_migrations(db_url),
        lambda: check_clock(db_url),
        lambda: check_calendar(db_url),
        lambda: check_data_key(db_url),
        lambda: check_printer(settings),
        lambda: check_serial(settings),
    ]
    if sound:
        checks.append(check_sound)
    checks.append(lambda: check_head_office(settings))
    return [c() for c in checks]


def _sentence(exc: BaseException) -> str:
    msg = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
    msg = msg.splitlines()[0].strip()
    return msg if msg.endswith(".") else msg + "."
