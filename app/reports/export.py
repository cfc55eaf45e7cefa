"""Writing a report as JSON, CSV or PDF (the same numbers in all three)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from collections.abc import Callable
from typing import Any

from app.queue.views import to_jsonable
from app.reports.model import DailyReport, RangeReport, ReportNotWritten
from app.reports.staff import StaffReport
from app.reports.tables import cell, daily_tables, range_tables, staff_tables

FORMATS = ("pdf", "csv", "json")
PERCENTILE_METHOD = "nearest-rank"

Report = DailyReport | RangeReport | StaffReport


def to_json_data(report: Report) -> dict[str, Any]:
    data = to_jsonable(report)
    data["kind"] = ("daily" if isinstance(report, DailyReport) else "staff" if isinstance(report, StaffReport)
                    else "range")
    data["percentile_method"] = PERCENTILE_METHOD
    data["units"] = {"durations": "minutes, one decimal", "shares": "percent, one decimal"}
    if isinstance(report, DailyReport):
        data["histogram"] = [{"wait_min": label, "tickets": n} for label, n in report.histogram]
    return data


def to_json(report: Report) -> str:
    return json.dumps(to_json_data(report), ensure_ascii=False, indent=2)


def to_csv(report: Report) -> str:
    """Sections one after another: a title line, a header line, rows, a blank line."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if isinstance(report, DailyReport):
        w.writerow(["report", "daily", "business_date", report.business_date.isoformat()])
        tables = daily_tables(report)
    elif isinstance(report, StaffReport):
        w.writerow(["report", "staff", "from", report.date_from.isoformat(), "to", report.date_to.isoformat()])
        tables = staff_tables(report.staff)
    else:
        w.writerow(["report", "range", "from", report.date_from.isoformat(), "to", report.date_to.isoformat()])
        tables = range_tables(report)
    w.writerow(["branch", report.branch.name_zh, report.branch.name_en])
    w.writerow(["generated_at", report.generated_at.isoformat(sep=" ")])
    if isinstance(report, DailyReport):
        w.writerow(["final", "yes" if report.final else "no", "open_tickets", report.open_tickets])
    w.writerow(["percentile_method", PERCENTILE_METHOD])
    if not report.has_data:
        w.writerow(["note", "No tickets were issued in this period." if not isinstance(report, StaffReport)
                    else "No window was open and no ticket was called in this period."])
    write_sections(w, tables, report.definitions)
    return buf.getvalue()


def write_sections(w: Any, tables: Any, definitions: tuple[str, ...]) -> None:
    """Each table as a ``# key`` section (header row of keys, then the cells), then the definitions."""
    for table in tables:
        w.writerow([])
        w.writerow([f"# {table.key}"])
        w.writerow([c.key for c in table.columns])
        for row in table.rows:
            w.writerow([cell(v) for v in row])
    w.writerow([])
    w.writerow(["# definitions"])
    for line in definitions:
        w.writerow([line])


def render(report: Report, fmt: str) -> bytes:
    """The report in ``fmt`` as bytes (CSV with a BOM so spreadsheet programs read Chinese)."""
    if fmt == "json":
        return to_json(report).encode("utf-8")
    if fmt == "csv":
        return to_csv(report).encode("utf-8-sig")
    if fmt == "pdf":
        from app.reports.pdf import to_pdf

        return to_pdf(report)
    raise ValueError(f"unknown report format {fmt!r}")


def write_report(report: Any, fmt: str, path: str | os.PathLike[str],
                 renderer: Callable[[Any, str], bytes] | None = None) -> Path:
    """Render (with ``renderer``, else this module's) and write atomically (a
    half-written report never replaces a good one)."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ReportNotWritten(f"{target} is a folder; give a file name for the report.")
    if not target.parent.is_dir():
        raise ReportNotWritten(f"The folder {target.parent} does not exist; the report was not written.")
    data = (renderer or render)(report, fmt)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ReportNotWritten(
            f"The report could not be written to {target}: {exc.strerror or exc}."
        ) from exc
    return target
