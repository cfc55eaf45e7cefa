"""``branchdesk report daily|range|end-of-day``: the manager's reports headless."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.cli.registry import Arg, Context, NothingToDo, Outcome, UsageError, command, parse_date
from app.reports import (
    FORMATS, DailyReport, InvalidPeriod, build_daily, build_range, render, to_json_data, write_report,
)
from app.reports.endofday import end_of_day_tick, write_end_of_day
from app.reports.staff import build_staff

FORMAT = Arg("--format", str, choices=FORMATS, help="pdf, csv or json (default: from the -o file name)")
OUTPUT = Arg("-o", str, help="file to write (csv and json go to standard output without it)")


def _output_arg(a: argparse.Namespace) -> str | None:
    return getattr(a, "o", None)


def _format(a: argparse.Namespace) -> str:
    out = _output_arg(a)
    if a.format:
        return a.format
    suffix = Path(out).suffix.lower().lstrip(".") if out else ""
    if suffix in FORMATS:
        return suffix
    raise UsageError("Say which format to write with --format pdf, csv or json.")


def _deliver(ctx: Context, report, fmt: str, a: argparse.Namespace, what: str) -> Outcome:  # type: ignore[no-untyped-def]
    out = _output_arg(a)
    sm = report.summary
    data = {"summary": sm, "has_data": report.has_data, "format": fmt, "path": None}
    if out is None:
        if fmt == "pdf":
            raise UsageError("A PDF report needs a file name: add -o report.pdf.")
        text = render(report, fmt).decode("utf-8-sig")
        return Outcome(to_json_data(report) if fmt == "json" else data, text.rstrip("\n"))
    path = write_report(report, fmt, out)
    data["path"] = str(path)
    if not report.has_data:
        line = f"{what}: no tickets were issued; the report at {path} says so."
    else:
        line = (f"{what}: {sm.issued} issued, {sm.served} served, average wait "
                f"{sm.wait.average_min if sm.wait.average_min is not None else '-'} min; written to {path}.")
    return Outcome(data, line)


def _period_error(exc: InvalidPeriod) -> UsageError:
    return UsageError(exc.message)


@command("report daily", Arg("--date", parse_date, help="business day, YYYY-MM-DD (default: today)"), FORMAT,
         OUTPUT, help="the daily wait-time report (PDF, CSV or JSON)", batchable=False)
def report_daily(ctx: Context, a: argparse.Namespace) -> Outcome:
    fmt = _format(a)
    now = ctx.clock()
    try:
        report: DailyReport = build_daily(ctx.db, a.date or now.date(), now=now)
    except InvalidPeriod as exc:
        raise _period_error(exc) from None
    return _deliver(ctx, report, fmt, a, f"Daily report {report.business_date}")


@command("report range", Arg("--from", parse_date, required=True, help="first business day, YYYY-MM-DD"),
         Arg("--to", parse_date, required=True, help="last business day, YYYY-MM-DD"), FORMAT, OUTPUT,
         help="the wait-time report over a range of days, with a day-by-day table", batchable=False)
def report_range(ctx: Context, a: argparse.Namespace) -> Outcome:
    fmt = _format(a)
    try:
        report = build_range(ctx.db, getattr(a, "from"), a.to, now=ctx.clock())
    except InvalidPeriod as exc:
        raise _period_error(exc) from None
    return _deliver(ctx, report, fmt, a, f"Range report {report.date_from} to {report.date_to}")


@command("report staff", Arg("--from", parse_date, required=True, help="first business day, YYYY-MM-DD"),
         Arg("--to", parse_date, required=True, help="last business day, YYYY-MM-DD"), FORMAT, OUTPUT,
         help="staff figures per teller and per window over a range of days", batchable=False)
def report_staff(ctx: Context, a: argparse.Namespace) -> Outcome:
    fmt = _format(a)
    try:
        report = build_staff(ctx.db, getattr(a, "from"), a.to, now=ctx.clock())
    except InvalidPeriod as exc:
        raise _period_error(exc) from None
    out = _output_arg(a)
    data = {"tellers": len(report.staff.tellers), "windows": len(report.staff.windows),
            "has_data": report.has_data, "format": fmt, "path": None}
    if out is None:
        if fmt == "pdf":
            raise UsageError("A PDF report needs a file name: add -o report.pdf.")
        text = render(report, fmt).decode("utf-8-sig")
        return Outcome(to_json_data(report) if fmt == "json" else data, text.rstrip("\n"))
    data["path"] = str(write_report(report, fmt, out))
    served = sum(r.served for r in report.staff.tellers)
    return Outcome(data, f"Staff report {report.date_from} to {report.date_to}: {len(report.staff.tellers)} tellers, "
                         f"{served} served; written to {data['path']}.")


@command("report end-of-day", Arg("--date", parse_date, help="business day (default: the automatic check)"),
         Arg("--force", action="store_true", help="write it again even if it was written already"),
         help="the automatic end of day, for cron or Task Scheduler: once the closing moment has passed, "
              "close the day and write its final report once", batchable=False)
def report_end_of_day(ctx: Context, a: argparse.Namespace) -> Outcome:
    now = ctx.clock()
    if a.date is None and not a.force:
        r = end_of_day_tick(ctx.db, now=ctx.now())
        if r is None:
            raise NothingToDo("Nothing to do: the day is not over yet, or its final report was written already.")
        return Outcome(r, r.message)
    day: dt.date = a.date or now.date()
    if day > now.date():
        raise UsageError(f"{day.isoformat()} is in the future; choose today or an earlier day.")
    r = write_end_of_day(ctx.db, now=ctx.now(), day=day, force=a.force, actor=ctx.actor)
    if not r.written:
        raise NothingToDo(r.message)  # exit 3, one line on stderr
    return Outcome(r, r.message)
