"""The working-day calendar: mainland China (chinesecalendar) plus branch overrides.

Pure: a ``WorkCalendar`` is built from the branch's override rows and asked
about single dates. Overrides win over the package (a branch may close for a
local holiday). For a year the package does not know (it raises for 2027),
the year counts as known once the branch has entered at least one override
in it (the State Council's holiday schedule for that year): listed dates
follow their override, every other date follows the week (Mon-Fri working).
A date known to neither raises ``CalendarUnknown`` instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import chinese_calendar

from app.complaints.errors import CalendarUnknown

HOLIDAY = "holiday"
WORKDAY = "workday"
OVERRIDE_KINDS = (HOLIDAY, WORKDAY)
# Guard against runaway loops over a misconfigured calendar.
_MAX_SCAN_DAYS = 400


@lru_cache(maxsize=4096)
def _package_is_workday(day: dt.date) -> bool:
    # chinesecalendar walks its tables on each call; boards ask about the same days.
    return bool(chinese_calendar.is_workday(day))


@lru_cache(maxsize=64)
def package_knows_year(year: int) -> bool:
    """True when chinesecalendar has the holiday schedule of ``year``."""
    try:
        _package_is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def first_unknown_year(day: dt.date) -> int:
    """The first year from ``day``'s on that chinesecalendar does not know."""
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
        try:
            return _package_is_workday(day)
        except NotImplementedError:
            if self._branch_knows_year(day.year):
                return day.weekday() < 5
            raise CalendarUnknown(
                f"The working-day calendar for {day.year} is not known yet; enter the branch's "
                f"holidays and make-up working days for {day.year} before counting deadlines "
                f"that reach {day.isoformat()}.",
                year=day.year,
                date=day.isoformat(),
            ) from None

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
