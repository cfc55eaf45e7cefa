"""Deadline arithmetic against hand-worked dates.

Every holiday and make-up working day used here was checked against
chinesecalendar 1.11: Spring Festival 2026 closes Feb 15-23 with make-up
working Saturdays Feb 14 and Feb 28; Mid-autumn closes Sep 25-27 and
National Day Oct 1-7, with make-up working days Sep 20 (Sun) and Oct 10
(Sat). The tests' own holiday table (tests/fixtures/calendar, copied from that
release) knows 2024-2026 and not 2027, whatever the installed package knows.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.complaints.calendar import PackageHolidays, WorkCalendar, holiday_source, use_holiday_source
from app.complaints.deadlines import (
    Pause,
    compute_deadlines,
    counting_day,
    deadline_state,
    next_regulatory_step,
    paused_workdays,
    resolve_days_for,
)
from app.complaints.errors import CalendarUnknown, InvalidInput

CAL = WorkCalendar()
D, T = dt.date, dt.datetime


def resolve_due(received: dt.datetime, days: int, cal: WorkCalendar = CAL, pauses=()) -> dt.datetime:
    return compute_deadlines(received, resolve_days=days, pauses=pauses, cal=cal).resolve_due


def test_the_holiday_facts_used_below_are_those_of_the_tests_own_table():
    src = holiday_source()
    assert src.is_workday(D(2026, 2, 14)) and src.is_workday(D(2026, 2, 28))
    assert not any(src.is_workday(D(2026, 2, d)) for d in range(15, 24))
    assert src.is_workday(D(2026, 2, 24))
    assert not any(src.is_workday(D(2026, 10, d)) for d in range(1, 8))
    assert src.is_workday(D(2026, 10, 10)) and src.is_workday(D(2026, 9, 20))
    assert not src.is_workday(D(2026, 9, 25))
    assert src.knows_year(2026) and not src.knows_year(2027)
    with pytest.raises(CalendarUnknown):
        CAL.is_workday(D(2027, 1, 4))


class _FakePackage:
    """Stands in for chinesecalendar: knows 2026 only (National Day closed)."""

    @staticmethod
    def is_workday(day):
        if day.year != 2026:
            raise NotImplementedError("no data for that year")
        return day.weekday() < 5 and not (day.month == 10 and day.day <= 7)


def test_the_package_source_asks_chinesecalendar_and_treats_its_refusal_as_unknown(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "chinese_calendar", _FakePackage)
    source = PackageHolidays()
    use_holiday_source(source)
    try:
        assert source.knows_year(2026) and not source.knows_year(2027)
        # Thu Oct 1 closed by the package; Mon Oct 12 working; 2027 unknown without overrides.
        assert WorkCalendar().add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 8)
        assert WorkCalendar({D(2027, 1, 1): False}).next_workday(D(2026, 12, 31)) == D(2027, 1, 4)
        with pytest.raises(CalendarUnknown):
            WorkCalendar().next_workday(D(2026, 12, 31))
    finally:
        use_holiday_source(None)


@pytest.mark.parametrize("received, days, expected", [
    # Thu before Spring Festival: Fri 13, make-up Sat 14, then Tue 24 after the holiday.
    (T(2026, 2, 12, 10, 0), 3, T(2026, 2, 24, 17, 0)),
    # Suggestion on Fri 13: Sat 14, Tue 24, Wed 25, Thu 26, Fri 27.
    (T(2026, 2, 13, 10, 0), 5, T(2026, 2, 27, 17, 0)),
    # After closing on Fri 13: counts from make-up Sat 14 -> 24, 25, 26.
    (T(2026, 2, 13, 17, 30), 3, T(2026, 2, 26, 17, 0)),
    # Received on the make-up Saturday itself: a working day, counted from it.
    (T(2026, 2, 14, 9, 30), 3, T(2026, 2, 26, 17, 0)),
    # Received during the holiday: counts from Tue 24 -> 25, 26, 27.
    (T(2026, 2, 18, 11, 0), 3, T(2026, 2, 27, 17, 0)),
    # At exactly closing time it is still that day: Sat 28 (make-up), Mon 2, Tue 3.
    (T(2026, 2, 27, 17, 0), 3, T(2026, 3, 3, 17, 0)),
    (T(2026, 2, 27, 17, 1), 3, T(2026, 3, 4, 17, 0)),
    # Before National Day: Thu Oct 8, Fri 9, make-up Sat 10.
    (T(2026, 9, 30, 11, 0), 3, T(2026, 10, 10, 17, 0)),
    # After closing on Sep 30: counts from Oct 8 -> 9, 10, 12, 13, 14.
    (T(2026, 9, 30, 18, 0), 5, T(2026, 10, 14, 17, 0)),
    # Mid-autumn Sep 25-27: Mon 28, Tue 29, Wed 30.
    (T(2026, 9, 24, 10, 0), 3, T(2026, 9, 30, 17, 0)),
    # An ordinary weekend: Fri Nov 27 -> Mon 30, Tue Dec 1, Wed Dec 2.
    (T(2026, 11, 27, 10, 0), 3, T(2026, 12, 2, 17, 0)),
    # Saturday (not a make-up day): counts from Monday.
    (T(2026, 11, 28, 10, 0), 3, T(2026, 12, 3, 17, 0)),
])
def test_resolution_deadline_falls_at_closing_of_the_nth_working_day(received, days, expected):
    assert resolve_due(received, days) == expected


def test_acknowledgement_runs_on_the_clock_even_over_the_holiday():
    d = compute_deadlines(T(2026, 2, 13, 17, 30), resolve_days=3, cal=CAL)
    assert d.ack_due == T(2026, 2, 14, 17, 30)
    assert d.counting_day == D(2026, 2, 14)


def test_counting_day_moves_to_the_next_working_day():
    assert counting_day(T(2026, 10, 3, 9, 0), dt.time(17), CAL) == D(2026, 10, 8)
    assert counting_day(T(2026, 11, 23, 16, 59), dt.time(17), CAL) == D(2026, 11, 23)
    assert counting_day(T(2026, 11, 23, 16, 59), dt.time(16, 30), CAL) == D(2026, 11, 24)


def test_regulatory_limit_is_calendar_days_moved_off_non_working_days():
    # Nov 20 + 15 = Sat Dec 5 -> Mon Dec 7.
    assert compute_deadlines(T(2026, 11, 20, 10), resolve_days=3, cal=CAL).regulatory_due == T(2026, 12, 7, 17)
    # Feb 13 + 15 = Sat Feb 28, a make-up working day: stays.
    assert compute_deadlines(T(2026, 2, 13, 10), resolve_days=3, cal=CAL).regulatory_due == T(2026, 2, 28, 17)
    # Extended to 30: Feb 13 + 30 = Sun Mar 15 -> Mon Mar 16.
    d = compute_deadlines(T(2026, 2, 13, 10), resolve_days=3, regulatory_days=30, cal=CAL)
    assert d.regulatory_due == T(2026, 3, 16, 17)


def test_year_end_into_2027_needs_the_branch_calendar():
    # The calendar itself still refuses to guess a 2027 date...
    with pytest.raises(CalendarUnknown) as err:
        WorkCalendar().add_workdays(D(2026, 12, 30), 3)
    assert "2027" in err.value.message and err.value.message.endswith(".")
    # ...and the deadline arithmetic leaves such deadlines pending instead of failing.
    d = compute_deadlines(T(2026, 12, 30, 10, 0), resolve_days=3, cal=CAL)
    assert (d.resolve_due, d.regulatory_due) == (None, None)
    assert d.pending == ("resolve", "regulatory") and d.unknown_year == 2027
    assert d.ack_due == T(2026, 12, 31, 10, 0)  # on the clock: always known
    assert d.counting_day == D(2026, 12, 30)
    # Within 2026 the count still works: Dec 29, 30, 31.
    assert WorkCalendar().add_workdays(D(2026, 12, 28), 3) == D(2026, 12, 31)


def test_only_the_deadlines_that_reach_2027_are_pending():
    # Mon Dec 14 10:00, complaint: Dec 15, 16, 17 -> known; Dec 14 + 15 = Tue Dec 29 -> known.
    d = compute_deadlines(T(2026, 12, 14, 10, 0), resolve_days=3, cal=CAL)
    assert (d.resolve_due, d.regulatory_due, d.pending) == (T(2026, 12, 17, 17), T(2026, 12, 29, 17), ())
    # Mon Dec 21 10:00: Dec 22, 23, 24 known; Dec 21 + 15 = Jan 5 2027 -> pending.
    d = compute_deadlines(T(2026, 12, 21, 10, 0), resolve_days=3, cal=CAL)
    assert d.resolve_due == T(2026, 12, 24, 17) and d.regulatory_due is None
    assert d.pending == ("regulatory",) and d.unknown_year == 2027
    # Thu Dec 31 18:00 (after closing): even the counting day is in 2027.
    d = compute_deadlines(T(2026, 12, 31, 18, 0), resolve_days=3, cal=CAL)
    assert d.counting_day is None and d.pending == ("resolve", "regulatory")
    assert d.ack_due == T(2027, 1, 1, 18, 0)


def test_a_pause_into_2027_leaves_the_resolution_pending():
    # Received Mon Dec 21 10:00, paused Wed Dec 23 10:00 - Mon Jan 4 2027 09:00:
    # the paused working days cannot be counted without the 2027 calendar.
    pauses = [Pause(T(2026, 12, 23, 10), T(2027, 1, 4, 9))]
    d = compute_deadlines(T(2026, 12, 21, 10, 0), resolve_days=3, pauses=pauses, cal=CAL)
    assert d.resolve_due is None and d.paused_workdays is None and d.unknown_year == 2027
    # With 2027 entered (Jan 1 closed): closings Dec 23, 24, 25, 28, 29, 30, 31 = 7 working
    # days inside; Dec 22 + ... -> the 10th working day after Mon Dec 21:
    # 22, 23, 24, 25, 28, 29, 30, 31, Jan 4, Jan 5.
    cal = WorkCalendar({D(2027, 1, 1): False})
    d = compute_deadlines(T(2026, 12, 21, 10, 0), resolve_days=3, pauses=pauses, cal=cal)
    assert d.paused_workdays == 7 and d.resolve_due == T(2027, 1, 5, 17)
    # Regulatory: Dec 21 + 15 + 12 calendar closings (Dec 23 .. Jan 3) = Jan 17 (Sun) -> Mon Jan 18.
    assert d.regulatory_due == T(2027, 1, 18, 17)


def test_year_end_with_branch_overrides_for_2027():
    cal = WorkCalendar({D(2027, 1, 1): False})
    # Dec 31 (1), Jan 1 closed, weekend, Mon Jan 4 (2), Tue Jan 5 (3).
    assert resolve_due(T(2026, 12, 30, 10, 0), 3, cal) == T(2027, 1, 5, 17, 0)


def test_branch_overrides_win_over_the_package():
    cal = WorkCalendar({D(2026, 11, 24): False, D(2026, 11, 28): True})
    # Tue 24 closed locally, Sat 28 opened: Wed 25, Thu 26, Fri 27.
    assert resolve_due(T(2026, 11, 23, 10, 0), 3, cal) == T(2026, 11, 27, 17, 0)
    assert resolve_due(T(2026, 11, 26, 10, 0), 3, cal) == T(2026, 11, 30, 17, 0)


def test_pause_extends_by_working_days_whose_closing_fell_inside():
    received = T(2026, 11, 23, 10, 0)  # plain due: Thu Nov 26 17:00
    assert resolve_due(received, 3) == T(2026, 11, 26, 17, 0)
    # Paused Tue 10:00 -> Thu 09:00: Tue and Wed closings inside: +2 -> Mon Nov 30.
    pause = Pause(T(2026, 11, 24, 10, 0), T(2026, 11, 26, 9, 0))
    d = compute_deadlines(received, resolve_days=3, pauses=[pause], cal=CAL)
    assert d.resolve_due == T(2026, 11, 30, 17, 0)
    assert d.paused_workdays == 2
    assert d.regulatory_due == T(2026, 12, 10, 17, 0)  # Nov 23 + 15 + 2 calendar days


def test_short_or_weekend_pauses():
    cal_pause_same_day = [Pause(T(2026, 11, 24, 10), T(2026, 11, 24, 16))]
    assert paused_workdays(cal_pause_same_day, dt.time(17), CAL) == 0
    weekend = [Pause(T(2026, 11, 27, 18), T(2026, 11, 30, 9))]
    assert paused_workdays(weekend, dt.time(17), CAL) == 0
    d = compute_deadlines(T(2026, 11, 23, 10), resolve_days=3, pauses=weekend, cal=CAL)
    assert d.regulatory_due == T(2026, 12, 10, 17)  # +2: the Saturday and Sunday closings
    # An open pause is not counted until it ends.
    assert paused_workdays([Pause(T(2026, 11, 24, 10))], dt.time(17), CAL) == 0


def test_resolve_days_per_kind_and_category():
    assert resolve_days_for("complaint", []) == 3
    assert resolve_days_for("suggestion", []) == 5
    assert resolve_days_for("complaint", [], {"complaint": 2}) == 2
    assert resolve_days_for("suggestion", ["fees", "product"], None, {"fees": 4, "product": 2}) == 2
    assert resolve_days_for("complaint", ["waiting_time"], None, {"waiting_time": None}) == 3


def test_regulatory_steps_and_states():
    assert next_regulatory_step(15) == 30 and next_regulatory_step(30) == 60
    with pytest.raises(InvalidInput):
        next_regulatory_step(60)
    now = T(2026, 11, 23, 12)
    assert deadline_state(T(2026, 11, 23, 11), now) == "overdue"
    assert deadline_state(T(2026, 11, 24, 11), now) == "due_soon"
    assert deadline_state(T(2026, 11, 26, 17), now) == "ok"
