"""Logging: one rotating file in the platform log folder, set up once.

Nothing of it reaches a person's terminal: no library's handler (python-escpos
calls ``basicConfig`` on import), no "--- Logging error ---" traceback when
the log file cannot be written (a full disk), and no password in a line.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOGGER = "branchdesk"
MAX_BYTES = 2_000_000
_handler: RotatingFileHandler | None = None


def log_dir() -> Path:
    """$BRANCHDESK_LOG_DIR, else the machine's or this account's log folder (app/paths.py)."""
    env = os.environ.get("BRANCHDESK_LOG_DIR")
    if env:
        return Path(env).expanduser()
    from app.paths import folders

    return folders().logs


def log_file() -> Path:
    return log_dir() / "branchdesk.log"


def setup_logging(level: str | None = None, keep_files: int | None = None) -> Path | None:
    """Attach the rotating file handler to the ``branchdesk`` logger (once per
    process). Level and rotation come from the settings file unless given.
    Returns the log file, or None when the folder cannot be written (the app
    still runs; logging must never stop it)."""
    global _handler
    quiet_libraries()
    if level is None or keep_files is None:
        try:
            from app.ops.settings_file import load

            values = load()
        except Exception:  # a broken settings file is reported elsewhere
            values = {"logging.level": "INFO", "logging.keep_files": 5}
        level = level or values["logging.level"]
        keep_files = keep_files or values["logging.keep_files"]
    logger = logging.getLogger(LOGGER)
    logger.setLevel(getattr(logging, str(level).upper(), logging.INFO))
    path = log_file()
    if _handler is not None:
        if Path(_handler.baseFilename) == path.resolve():
            return path
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=int(keep_files), encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(_Redacting("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"))
    logger.addHandler(handler)
    _handler = handler
    return path


class _Redacting(logging.Formatter):
    """Every line with any password in an address shown as *** (app/privacy/credentials.py)."""

    def format(self, record: logging.LogRecord) -> str:
        from app.privacy.credentials import redact_text

        return redact_text(super().format(record))


def quiet_libraries() -> None:
    """Keep every log line off the terminal: drop handlers a library put on the
    root logger for stderr, leave a null one there (so a later ``basicConfig``
    does nothing), and never print a traceback when a log file fails."""
    logging.raiseExceptions = False
    root = logging.getLogger()
    terminals = {sys.stderr, sys.stdout, sys.__stderr__, sys.__stdout__}
    for h in list(root.handlers):
        if type(h) is logging.StreamHandler and h.stream in terminals:
            root.removeHandler(h)
    if not root.handlers:
        root.addHandler(logging.NullHandler())
