"""Frozen report contents: what the JSON, the CSV and the PDF all render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.errors import DomainError
from app.reports.stats import Summary, WaitStats


class InvalidPeriod(DomainError):
    """A report asked for a future day or a reversed range."""

    code = "invalid_period"


class ReportNotWritten(DomainError):
    """The report file could not be written where asked."""

    code = "report_not_written"


@dataclass(frozen=True)
class Branch:
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class ServiceRow:
    code: str
    name_zh: str
    name_en: str
    target_wait_min: int
    issued: int
    served: int
    no_shows: int
    cancelled: int
    expired: int
    wait: WaitStats
    within_target_pct: float | None
    service_avg_min: float | None


@dataclass(frozen=True)
class WindowRow:
    window: int | None
    window_name: str
    teller: str
    called: int
    served: int
    no_shows: int
    wait_avg_min: float | None
    service_avg_min: float | None
    rating_avg: float | None
    transferred_in: int = 0  # customers who came here by a transfer after a call elsewhere


@dataclass(frozen=True)
class HourRow:
    hour: int
    arrivals: int
    served: int
    wait_avg_min: float | None


@dataclass(frozen=True)
class LongWait:
    number: str
    service: str
    issued_at: dt.datetime
    first_called_at: dt.datetime | None  # None: never called (the wait is a lower bound)
    wait_min: float
    status: str


@dataclass(frozen=True)
class DailyReport:
    branch: Branch
    business_date: dt.date
    generated_at: dt.datetime
    has_data: bool
    summary: Summary
    services: tuple[ServiceRow, ...]
    windows: tuple[WindowRow, ...]
    hours: tuple[HourRow, ...]
    histogram: tuple[tuple[str, int], ...]
    longest: tuple[LongWait, ...]
    complaints: Any  # the complaints package's day summary, or None
    definitions: tuple[str, ...]
    # Final: the day was closed and nothing of it was still in the queue when
    # the report was made. Otherwise it is provisional and says how many
    # tickets were still open.
    final: bool = False
    open_tickets: int = 0
    appointments: Any = None  # app/appointments/figures.py AppointmentDay, or None without appointments
    staff: Any = None  # StaffFigures (app/reports/staff.py), or None when not asked for

    @property
    def status_line(self) -> tuple[str, str]:
        """(Chinese, English) sentence saying whether the figures are final."""
        if self.final:
            return "最终报告：营业日已结束。", "Final report: the business day is closed."
        return (f"临时报告：生成时仍有 {self.open_tickets} 张票未结束。",
                f"Provisional report: {self.open_tickets} tickets were still open when it was made.")


@dataclass(frozen=True)
class DayRow:
    business_date: dt.date
    issued: int
    served: int
    no_shows: int
    cancelled: int
    expired: int
    waits: int  # waits averaged that day (weights for weekly figures)
    wait_avg_min: float | None
    wait_median_min: float | None
    wait_p90_min: float | None
    within_target_pct: float | None
    service_avg_min: float | None


@dataclass(frozen=True)
class RangeReport:
    branch: Branch
    date_from: dt.date
    date_to: dt.date
    generated_at: dt.datetime
    has_data: bool
    summary: Summary
    days: tuple[DayRow, ...]
    definitions: tuple[str, ...]
    staffing: Any = None  # StaffingAdvice over the period's weekdays (app/reports/staffing.py)
