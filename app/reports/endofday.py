"""The end of a business day: the day closes, then its final report is written.

Every running app calls ``end_of_day_tick`` every minute (and ``branchdesk
report end-of-day`` does the same from cron or Task Scheduler): once the
day's closing moment (closing time plus ``day.auto_close_delay_min``) has
passed, a day with tickets still in its queue or windows open is closed
(app/queue/day.py), and its final report is written to the reports folder,
and printed if the branch wants it, once. A day closed by the next morning's
first action gets its final report at the next tick. "Once" is recorded in
the event log as ``DailyReportWritten`` (with ``final``), so every PC,
process and restart agrees. A report written while the day's tickets were
still open says so, and does not count as the final one.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.reports.daily import build_daily
from app.reports.export import FORMATS, write_report
from app.reports.model import ReportNotWritten
from app.events import EventType
from app.queue.day import day_state, moment, settings_in
from app.reports.query import setting_values
from app.settings import SPECS
from app.staff.roles import SYSTEM, Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import BusinessDay, Event

log = logging.getLogger("branchdesk.reports")

EVENT = EventType.DAILY_REPORT_WRITTEN
SETTING_KEYS = ("reports.folder", "reports.auto_print", "reports.formats")
CATCH_UP_DAYS = 7  # closed days whose final report a tick still writes


@dataclass(frozen=True)
class EndOfDayResult:
    business_date: dt.date
    written: bool  # False: it had been written already (nothing done)
    files: tuple[str, ...]
    printed: bool | None  # None: printing not asked for
    message: str
    final: bool = False
    closed: Any = None  # the DayClosed of a day this tick closed, else None


def reports_folder(settings: dict[str, Any]) -> Path:
    """Setting ``reports.folder``, else "reports" in the data folder (app/paths.py)."""
    folder = settings.get("reports.folder")
    if folder:
        return Path(str(folder)).expanduser()
    from app.paths import folders

    return folders().data / "reports"


def already_written(db: Database, day: dt.date, *, final_only: bool = True) -> bool:
    with db.read() as s:
        return _written(s, day, final_only)


def _written(s: Any, day: dt.date, final_only: bool = True) -> bool:
    since = dt.datetime.combine(day, dt.time())
    payloads = s.scalars(select(Event.payload).where(Event.type == EVENT, Event.at >= since))
    return any((p or {}).get("business_date") == day.isoformat() and (p.get("final") or not final_only)
               for p in payloads)


def write_end_of_day(db: Database, *, now: dt.datetime | None = None, day: dt.date | None = None,
                     force: bool = False, actor: Actor = SYSTEM) -> EndOfDayResult:
    """Write (and maybe print) the daily report of ``day`` (default today):
    once final, or again with ``force``. A report of a day still open is
    written too, marked provisional, and does not count as the final one."""
    require(actor, "report.view")
    with db.read() as s:
        now = moment(s, now).now
    day = day or now.date()
    if not force and already_written(db, day):
        return EndOfDayResult(day, False, (), None, f"The final report of {day} was written already.", True)
    with db.read() as s:
        settings = {key: SPECS[key].default for key in SETTING_KEYS}
        settings.update(setting_values(s, *SETTING_KEYS))
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
        if force or not report.final or not _written(s, day):  # another PC may have finished first
            record_event(s, EVENT, now, staff_id=actor.staff_id,
                         payload={"business_date": day.isoformat(), "files": files, "printed": printed,
                                  "issued": report.summary.issued, "final": report.final,
                                  "open_tickets": report.open_tickets})
    kind = "final report" if report.final else f"provisional report ({report.open_tickets} tickets still open)"
    return EndOfDayResult(day, True, tuple(files), printed, f"The {kind} of {day} was written to {folder}.",
                          report.final)


def close_and_report(db: Database, *, day: dt.date | None = None, actor: Actor = SYSTEM,
                     now: dt.datetime | None = None) -> EndOfDayResult:
    """Close ``day`` now (the manager's end of day), then write its final report."""
    from app.queue import end_of_day

    closed = end_of_day(db, day=day, actor=actor, now=now)
    result = write_end_of_day(db, now=now, day=closed.business_date, force=True, actor=actor)
    return replace(result, closed=closed)


def end_of_day_tick(db: Database, *, now: dt.datetime | None = None) -> EndOfDayResult | None:
    """Call every minute or so. Once today's closing moment has passed, closes
    the day if anything is left open, and writes its final report once; also
    writes the final report of a recent day that closed without one (the
    next morning's first action closed it while no app was running)."""
    from app.queue import end_of_day
    from app.queue.day import open_work

    with db.read() as s:
        m = moment(s, now)
        cfg = settings_in(s)
        due = m.now >= cfg.closes_at(m.day)
        leftover = due and open_work(s, m.day)
        closed_days = list(s.scalars(select(BusinessDay.business_date).where(
            BusinessDay.closed_at.is_not(None), BusinessDay.business_date >= m.day - dt.timedelta(CATCH_UP_DAYS),
            BusinessDay.business_date <= m.day).order_by(BusinessDay.business_date)))
    closed = None
    if leftover:
        closed = end_of_day(db, day=m.day, actor=SYSTEM, now=now)
        closed_days.append(m.day)
    for day in dict.fromkeys(closed_days):
        if (day < m.day or due) and not already_written(db, day) and day_state(db, day).final:
            return replace(write_end_of_day(db, now=now, day=day), closed=closed)
    return None


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
