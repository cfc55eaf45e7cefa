"""Manager reports: the daily wait-time report, the range report, the automatic
end-of-day report and the live figures of the manager screen. No Qt here.

Figures come from ``stats.Accumulator`` (one pass over the rows); renderings
(JSON, CSV, PDF) all print the values of ``tables`` so they never disagree.
"""

from app.reports.daily import build_daily
from app.reports.export import FORMATS, render, to_csv, to_json, to_json_data, write_report
from app.reports.model import DailyReport, InvalidPeriod, RangeReport, ReportNotWritten
from app.reports.range_report import build_range

__all__ = [
    "FORMATS", "DailyReport", "InvalidPeriod", "RangeReport", "ReportNotWritten",
    "build_daily", "build_range", "render", "to_csv", "to_json", "to_json_data", "write_report",
]
