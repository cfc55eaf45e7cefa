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
    if command_name == "run" and not getattr(args, "lobby", False):
        values = first_start(args) or values
    if getattr(args, "db", None) is None and not os.environ.get("BRANCHDESK_DB") and values["database.url"]:
        args.db = values["database.url"]
    if command_name == "run":
        apply_screen_settings(args, values)
        start_daily_backup(args.db, values)


def apply_screen_settings(args: Any, values: dict[str, Any]) -> None:
    """This PC's screen role, lobby monitor and language from the settings
    file, unless the command line says otherwise (shortcuts pass flags)."""
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


def start_daily_backup(db_url: str | None, values: dict[str, Any]) -> threading.Thread | None:
    """Today's backup of the embedded database, in a background thread (the
    online backup API lets tellers keep working meanwhile)."""
    from app.store.engine import resolve_url

    url = resolve_url(db_url)
    if not url.startswith("sqlite:"):
        return None

    def work() -> None:
        from app.ops.backup import daily_backup

        try:
            daily_backup(url, dt.date.today(), keep=int(values.get("backup.keep", 14)))
        except Exception:  # never stop the app for a backup; the log says why
            log.exception("daily backup failed")

    thread = threading.Thread(target=work, name="daily-backup", daemon=True)
    thread.start()
    return thread
