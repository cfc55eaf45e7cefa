"""The working-day calendar: mainland China's public holidays plus branch overrides.

Pure: a ``WorkCalendar`` is built from the branch's override rows and asked
about single dates. Overrides win over the holiday source (a branch may close
for a local holiday). The holiday source is the ``chinesecalendar`` package
(pinned: it learns a year only when the State Council publishes it, usually
in November), or a holiday table file named by ``$BRANCHDESK_HOLIDAYS``
(JSON, see docs/complaint-deadlines.md) that replaces it: a branch can pin
its calendar that way, and the tests bring their own known and unknown years
so they pass whatever the installed package knows.

For a year the source does not know, the year counts as known once the
branch has entered at least one override in it (the State Council's holiday
schedule for that year): listed dates follow their override, every other
date follows the week (Mon-Fri working). A date known to neither raises
``CalendarUnknown`` instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from app.complaints.errors import CalendarUnknown

HOLIDAY = "holiday"
WORKDAY = "workday"
OVERRIDE_KINDS = (HOLIDAY, WORKDAY)
HOLIDAYS_ENV = "BRANCHDESK_HOLIDAYS"
# Guard against runaway loops over a misconfigured calendar.
_MAX_SCAN_DAYS = 400


class HolidaySource(Protocol):
    def knows_year(self, year: int) -> bool: ...

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day; only asked for years it knows."""
        ...


class PackageHolidays:
    """The ``chinesecalendar`` package (it raises for years it does not know)."""

    @lru_cache(maxsize=4096)  # noqa: B019 - one instance per process; boards ask about the same days
    def is_workday(self, day: dt.date) -> bool:
        import chinese_calendar

        return bool(chinese_calendar.is_workday(day))

    @lru_cache(maxsize=64)  # noqa: B019
    def knows_year(self, year: int) -> bool:
        try:
            self.is_workday(dt.date(year, 1, 1))
        except NotImplementedError:
            return False
        return True


@dataclass(frozen=True)
class HolidayTable:
    """Known years with their exceptions to the Mon-Fri week: closed weekdays
    (``False``) and make-up working weekend days (``True``)."""

    years: frozenset[int]
    exceptions: Mapping[dt.date, bool]

    @classmethod
    def from_file(cls, path: Path) -> HolidayTable:
        """``{"years": {"2026": {"holidays": [...], "workdays": [...]}}}``."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            years: set[int] = set()
            exceptions: dict[dt.date, bool] = {}
            for year, table in raw["years"].items():
                years.add(int(year))
                for text in table.get("holidays", []):
                    exceptions[dt.date.fromisoformat(text)] = False
                for text in table.get("workdays", []):
                    exceptions[dt.date.fromisoformat(text)] = True
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CalendarUnknown(f"The holiday table {path} cannot be read ({exc}).") from None
        return cls(frozenset(years), exceptions)

    def knows_year(self, year: int) -> bool:
        return year in self.years

    def is_workday(self, day: dt.date) -> bool:
        return self.exceptions.get(day, day.weekday() < 5)


_SOURCE: HolidaySource | None = None


def holiday_source() -> HolidaySource:
    """The process's holiday source: ``$BRANCHDESK_HOLIDAYS`` if set, else the package."""
    global _SOURCE
    if _SOURCE is None:
        path = os.environ.get(HOLIDAYS_ENV)
        _SOURCE = HolidayTable.from_file(Path(path)) if path else PackageHolidays()
    return _SOURCE


def use_holiday_source(source: HolidaySource | None) -> None:
    """Replace the holiday source (None: read ``$BRANCHDESK_HOLIDAYS`` again)."""
    global _SOURCE
    _SOURCE = source


def package_knows_year(year: int) -> bool:
    """True when the holiday source has the schedule of ``year``."""
    return holiday_source().knows_year(year)


def first_unknown_year(day: dt.date) -> int:
    """The first year from ``day``'s on that the holiday source does not know."""
    year = day.year
    while package_knows_year(year):
        year += 1
    return year


@dataclass(frozen=True)
class WorkCalendar:
    """``overrides`` maps a date to True (working) or False (closed)."""

    overrides: Mapping[dt.date, bool] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[dt.date, str]]) -> WorkCalendar:
        return cls({day: kind == WORKDAY for day, kind in rows})

    def _branch_knows_year(self, year: int) -> bool:
        return any(d.year == year for d in self.overrides)

    def knows_year(self, year: int) -> bool:
        """True when deadlines can be counted through ``year``."""
        return package_knows_year(year) or self._branch_knows_year(year)

    def is_workday(self, day: dt.date) -> bool:
        """True when the branch works on ``day`` (make-up Saturdays included)."""
        if day in self.overrides:
            return self.overrides[day]
        source = holiday_source()
        if source.knows_year(day.year):
            return source.is_workday(day)
        if self._branch_knows_year(day.year):
            return day.weekday() < 5
        raise CalendarUnknown(
            f"The working-day calendar for {day.year} is not known yet; enter the branch's "
            f"holidays and make-up working days for {day.year} before counting deadlines "
            f"that reach {day.isoformat()}.",
            year=day.year,
            date=day.isoformat(),
        )

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        for _ in range(_MAX_SCAN_DAYS):
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                return day
        raise CalendarUnknown(f"No working day follows {day.isoformat()} within a year.")

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (``day`` itself is not counted)."""
        for _ in range(n):
            day = self.next_workday(day)
        return day

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next working day."""
        return day if self.is_workday(day) else self.next_workday(day)
