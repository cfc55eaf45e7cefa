"""The automatic end-of-day report: at closing time the day's report is written
to the reports folder (and printed if the branch wants it), once per day.

"Once" is recorded in the event log as ``DailyReportWritten`` so every PC,
process and restart agrees. The UI calls ``end_of_day_tick`` every minute;
``branchdesk report end-of-day`` does the same from cron or Task Scheduler.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.reports.daily import build_daily
from app.reports.export import FORMATS, write_report
from app.reports.model import ReportNotWritten
from app.reports.query import setting_values
from app.staff.roles import SYSTEM, Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Event

log = logging.getLogger("branchdesk.reports")

EVENT = "DailyReportWritten"
DEFAULT_CLOSING = dt.time(17, 0)
SETTING_KEYS = ("branch.closing_time", "reports.folder", "reports.auto_print", "reports.formats")


@dataclass(frozen=True)
class EndOfDayResult:
    business_date: dt.date
    written: bool  # False: it had been written already (nothing done)
    files: tuple[str, ...]
    printed: bool | None  # None: printing not asked for
    message: str


def closing_time(value: Any) -> dt.time:
    """``"17:30"`` -> 17:30; anything unreadable means the default 17:00."""
    try:
        hours, minutes = str(value).strip().split(":")[:2]
        return dt.time(int(hours), int(minutes))
    except (ValueError, TypeError):
        return DEFAULT_CLOSING


def reports_folder(settings: dict[str, Any]) -> Path:
    """Setting ``reports.folder``, else "reports" in the data folder (app/paths.py)."""
    folder = settings.get("reports.folder")
    if folder:
        return Path(str(folder)).expanduser()
    from app.paths import folders

    return folders().data / "reports"


def already_written(db: Database, day: dt.date) -> bool:
    with db.read() as s:
        return _written(s, day)


def _written(s: Any, day: dt.date) -> bool:
    since = dt.datetime.combine(day, dt.time())
    payloads = s.scalars(select(Event.payload).where(Event.type == EVENT, Event.at >= since))
    return any((p or {}).get("business_date") == day.isoformat() for p in payloads)


def is_due(settings: dict[str, Any], now: dt.datetime) -> bool:
    return now.time() >= closing_time(settings.get("branch.closing_time", "17:00"))


def write_end_of_day(db: Database, *, now: dt.datetime, day: dt.date | None = None, force: bool = False,
                     actor: Actor = SYSTEM) -> EndOfDayResult:
    """Write (and maybe print) the daily report of ``day`` (default today), once."""
    require(actor, "report.view")
    day = day or now.date()
    if not force and already_written(db, day):
        return EndOfDayResult(day, False, (), None, f"The report of {day} was written already.")
    with db.read() as s:
        settings = setting_values(s, *SETTING_KEYS)
    folder = reports_folder(settings)
    formats = [f for f in (settings.get("reports.formats") or ["pdf", "csv"]) if f in FORMATS] or ["pdf"]
    report = build_daily(db, day, now=now)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportNotWritten(f"The reports folder {folder} cannot be created: {exc.strerror or exc}.") from exc
    files = [str(write_report(report, fmt, folder / f"branchdesk-daily-{day.isoformat()}.{fmt}"))
             for fmt in formats]
    printed = None
    if settings.get("reports.auto_print") and any(f.endswith(".pdf") for f in files):
        printed = print_file(Path(next(f for f in files if f.endswith(".pdf"))))
    with db.write() as s:
        if force or not _written(s, day):  # another PC may have finished first
            record_event(s, EVENT, now, staff_id=actor.staff_id,
                         payload={"business_date": day.isoformat(), "files": files, "printed": printed,
                                  "issued": report.summary.issued})
    return EndOfDayResult(day, True, tuple(files), printed, f"The report of {day} was written to {folder}.")


def end_of_day_tick(db: Database, *, now: dt.datetime) -> EndOfDayResult | None:
    """Call every minute or so: writes today's report once closing time has passed."""
    with db.read() as s:
        settings = setting_values(s, *SETTING_KEYS)
    if not is_due(settings, now) or already_written(db, now.date()):
        return None
    return write_end_of_day(db, now=now)


def print_file(path: Path) -> bool:
    """Send a PDF to the default printer; False (and a log line) if that fails."""
    try:
        if sys.platform == "win32":
            os.startfile(str(path), "print")  # type: ignore[attr-defined]  # the PDF viewer prints it
            return True
        lp = shutil.which("lp") or shutil.which("lpr")
        if lp is None:
            log.warning("no print command (lp/lpr) found; %s not printed", path)
            return False
        done = subprocess.run([lp, str(path)], capture_output=True, timeout=60, check=False)
        if done.returncode != 0:
            log.warning("printing %s failed: %s", path, done.stderr.decode(errors="replace").strip())
        return done.returncode == 0
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("printing %s failed: %s", path, exc)
        return False
