"""Deadline arithmetic on the working-day calendar (pure functions).

The counting rule (docs/complaint-deadlines.md):
- The day of receipt is not counted. A case received after the branch's
  closing time, or on a non-working day, counts as received on the next
  working day (its *counting day*).
- A deadline of N working days falls at closing time of the N-th working
  day after the counting day.
- The acknowledgement deadline runs on the clock: received time + 24 hours.
- The regulatory outer limit is 15 calendar days (extendable to 30, then
  60): closing time of counting day + N days, moved to the next working day
  when that date is not one.
- A pause (waiting for the customer or an outside appraisal) extends the
  working-day deadline by the number of working days whose closing time
  fell inside the pause, and the regulatory limit by the number of calendar
  days whose closing time fell inside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.complaints.calendar import WorkCalendar
from app.complaints.errors import CalendarUnknown, InvalidInput

DEFAULT_CLOSING = dt.time(17, 0)  # branch.closing_time's default (app/settings.py parses the setting)
DEFAULT_ACK_HOURS = 24
DEFAULT_RESOLVE_DAYS = {"complaint": 3, "suggestion": 5, "praise": 5}
REGULATORY_STEPS = (15, 30, 60)
DUE_SOON = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Pause:
    """One stop of the clock; ``end`` is None while the case is still paused."""

    start: dt.datetime
    end: dt.datetime | None = None


@dataclass(frozen=True)
class Deadlines:
    """A case's deadlines; None where the working-day calendar is not known yet."""

    ack_due: dt.datetime
    resolve_due: dt.datetime | None
    regulatory_due: dt.datetime | None
    counting_day: dt.date | None
    paused_workdays: int | None
    unknown_year: int | None = None  # the year the pending deadlines wait for

    @property
    def pending(self) -> tuple[str, ...]:
        """Names of the deadlines left pending: "resolve", "regulatory"."""
        return tuple(n for n in ("resolve", "regulatory") if getattr(self, f"{n}_due") is None)


def counting_day(received_at: dt.datetime, closing: dt.time, cal: WorkCalendar) -> dt.date:
    """The day the count starts from (itself not counted)."""
    day = received_at.date()
    if cal.is_workday(day) and received_at.time() <= closing:
        return day
    return cal.next_workday(day)


def _closings_inside(pauses: Iterable[Pause], closing: dt.time, count_day) -> int:  # type: ignore[no-untyped-def]
    total = 0
    for p in pauses:
        if p.end is None:
            continue  # an open pause is counted when it ends
        day = p.start.date()
        while day <= p.end.date():
            at = dt.datetime.combine(day, closing)
            if p.start <= at < p.end and count_day(day):
                total += 1
            day += dt.timedelta(days=1)
    return total


def paused_workdays(pauses: Iterable[Pause], closing: dt.time, cal: WorkCalendar) -> int:
    """Working days whose closing time fell inside a finished pause."""
    return _closings_inside(pauses, closing, cal.is_workday)


def paused_days(pauses: Iterable[Pause], closing: dt.time) -> int:
    """Calendar days whose closing time fell inside a finished pause."""
    return _closings_inside(pauses, closing, lambda _d: True)


def resolve_days_for(
    kind: str,
    categories: Sequence[str],
    kind_days: Mapping[str, int] | None = None,
    category_days: Mapping[str, int | None] | None = None,
) -> int:
    """Working days to resolve: the strictest category override, else the kind's."""
    per_cat = [d for c in categories if (d := (category_days or {}).get(c))]
    if per_cat:
        return min(per_cat)
    days = dict(DEFAULT_RESOLVE_DAYS)
    days.update(kind_days or {})
    return int(days.get(kind, DEFAULT_RESOLVE_DAYS["complaint"]))


def compute_deadlines(
    received_at: dt.datetime,
    *,
    resolve_days: int,
    regulatory_days: int = REGULATORY_STEPS[0],
    pauses: Sequence[Pause] = (),
    closing: dt.time = DEFAULT_CLOSING,
    ack_hours: int = DEFAULT_ACK_HOURS,
    cal: WorkCalendar,
) -> Deadlines:
    """Every deadline of one case, given its pauses so far.

    Never raises ``CalendarUnknown``: a working-day deadline that reaches a
    year the calendar does not know is returned as None, with that year in
    ``unknown_year``. The acknowledgement runs on the clock and is always known.
    """
    ack_due = received_at + dt.timedelta(hours=ack_hours)
    unknown: list[int] = []

    def attempt(count):  # type: ignore[no-untyped-def]
        try:
            return count()
        except CalendarUnknown as exc:
            unknown.append(int(exc.params.get("year") or 0))
            return None

    start = attempt(lambda: counting_day(received_at, closing, cal))
    extra = resolve_due = regulatory_due = None
    if start is not None:
        extra = attempt(lambda: paused_workdays(pauses, closing, cal))
        if extra is not None:
            resolve_day = attempt(lambda: cal.add_workdays(start, resolve_days + extra))
            if resolve_day is not None:
                resolve_due = dt.datetime.combine(resolve_day, closing)
        reg_day = attempt(lambda: cal.on_or_after(
            start + dt.timedelta(days=regulatory_days + paused_days(pauses, closing))))
        if reg_day is not None:
            regulatory_due = dt.datetime.combine(reg_day, closing)
    years = [y for y in unknown if y]
    return Deadlines(
        ack_due=ack_due, resolve_due=resolve_due, regulatory_due=regulatory_due,
        counting_day=start, paused_workdays=extra,
        unknown_year=min(years) if years else None,
    )


def next_regulatory_step(current: int) -> int:
    """15 -> 30 -> 60; past 60 the limit cannot be extended."""
    for step in REGULATORY_STEPS:
        if step > current:
            return step
    raise InvalidInput("The regulatory limit is already at its maximum of 60 days.", field="extend")


def deadline_state(due: dt.datetime | None, now: dt.datetime, soon: dt.timedelta = DUE_SOON) -> str:
    """'overdue', 'due_soon' or 'ok' (the board's colours)."""
    if due is None:
        return "ok"
    if now > due:
        return "overdue"
    if due - now <= soon:
        return "due_soon"
    return "ok"
