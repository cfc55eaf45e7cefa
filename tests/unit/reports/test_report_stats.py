"""The report maths without a database: percentiles, the averaging rules,
transfer waits and the wait histogram."""

from __future__ import annotations

import datetime as dt

from app.reports.stats import Accumulator, histogram, nearest_rank, transfer_waits, wait_stats


def test_nearest_rank_percentiles():
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert nearest_rank(values, 50) == 5  # rank ceil(5.0) = 5
    assert nearest_rank(values, 90) == 9  # rank 9
    assert nearest_rank(values, 91) == 10  # rank ceil(9.1) = 10
    assert nearest_rank([7], 90) == 7
    assert nearest_rank([], 50) is None


def test_wait_stats_in_minutes_with_one_decimal():
    st = wait_stats([60, 120, 600, 90])  # 1, 2, 10, 1.5 min
    assert (st.count, st.average_min, st.median_min, st.p90_min, st.max_min) == (4, 3.6, 1.5, 10.0, 10.0)
    assert wait_stats([]).average_min is None


def test_everyone_who_waited_counts_and_the_never_called_are_lower_bounds():
    acc = Accumulator()
    acc.add("done", 600, 300, 15, 4, 0)  # called after 10 min: within the 15
    acc.add("no_show", 120, None, 15, None, 0)  # called after 2: a wait, no service time
    acc.add("cancelled", 3000, None, 15, None, 0)  # called after 50, then cancelled: over
    acc.add("expired", None, None, 15, None, 0, (), 1200)  # never called, at least 20 when the day closed: over
    acc.add("waiting", None, None, 15, None, 0, (), 300)  # never called yet, 5 so far: not over (yet)
    sm = acc.summary()
    assert (sm.issued, sm.served, sm.no_shows, sm.cancelled, sm.expired, sm.in_progress) == (5, 1, 1, 1, 1, 1)
    assert (sm.wait.count, sm.wait.average_min, sm.wait.max_min) == (3, 20.7, 50.0)  # (10 + 2 + 50) / 3
    assert (sm.service_count, sm.service_avg_min) == (1, 5.0)
    assert (sm.waited, sm.within_target, sm.within_target_pct) == (5, 3, 60.0)
    assert (sm.never_called, sm.never_called_total_min, sm.never_called_wait.max_min) == (2, 25.0, 20.0)
    assert (sm.rating_avg, sm.rating_count) == (4.0, 1)


def test_the_six_customer_day_is_33_percent_within_target():
    """Six customers wait; two are served in minutes, four are never called
    before closing (issue 21): 2 of 6 within target, the four on their own line."""
    acc = Accumulator()
    acc.add("done", 180, 300, 15, None, 0)
    acc.add("done", 240, 300, 15, None, 0)
    for lower in (7200, 7800, 8100, 7500):  # 120, 130, 135, 125 min until the day closed
        acc.add("expired", None, None, 15, None, 0, (), lower)
    sm = acc.summary()
    assert (sm.waited, sm.within_target, sm.within_target_pct) == (6, 2, 33.3)
    assert (sm.wait.count, sm.wait.average_min) == (2, 3.5)  # the called only
    assert (sm.never_called, sm.never_called_total_min, sm.never_called_wait.max_min) == (4, 510.0, 135.0)


def test_within_target_is_at_or_under():
    acc = Accumulator()
    acc.add("done", 900, 60, 15, None, 0)  # exactly 15 min: within
    acc.add("done", 901, 60, 15, None, 0)  # one second over
    assert acc.summary().within_target_pct == 50.0


def test_transfer_waits_start_only_after_a_call():
    t = dt.datetime(2026, 11, 23, 9, 0)
    m = dt.timedelta(minutes=1)
    events = [
        (1, "TicketCalled", t), (1, "TicketTransferred", t + 5 * m), (1, "TicketCalled", t + 12 * m),
        (2, "TicketTransferred", t), (2, "TicketCalled", t + 3 * m),  # moved before any call: first wait
        (3, "TicketCalled", t), (3, "TicketTransferred", t + m), (3, "TicketTransferred", t + 2 * m),
        (3, "TicketCalled", t + 9 * m),  # two transfers in a row: one wait from the first
    ]
    assert transfer_waits(events) == {1: [420.0], 3: [480.0]}


def test_customer_total_wait_adds_transfer_waits():
    acc = Accumulator()
    acc.add("done", 600, 60, 15, None, 1, [300.0])
    acc.add("done", 300, 60, 15, None, 0)
    sm = acc.summary()
    assert sm.wait.average_min == 7.5 and sm.total_wait_avg_min == 10.0
    assert (sm.transfer_wait.count, sm.transfer_wait.average_min, sm.transferred) == (1, 5.0, 1)


def test_histogram_bins_include_their_upper_bound():
    bins = dict(histogram([0, 300, 301, 3600, 3601]))
    assert bins["0-5"] == 2 and bins["5-10"] == 1 and bins["45-60"] == 1 and bins["60+"] == 1
    assert list(bins) == ["0-5", "5-10", "10-15", "15-20", "20-30", "30-45", "45-60", "60+"]


def test_long_ranges_trend_by_week_weighted_by_waits():
    from app.reports.model import DayRow
    from app.reports.range_report import trend

    def row(day: int, issued: int, waits: int, avg: float | None) -> DayRow:
        return DayRow(dt.date(2026, 1, day), issued, issued, 0, 0, 0, waits, avg, None, None, None, None)

    short = [row(5, 10, 10, 4.0), row(6, 30, 30, 8.0)]  # Monday 5 and Tuesday 6 January 2026
    assert trend(tuple(short)) == [("01-05", 10, 10, 4.0), ("01-06", 30, 30, 8.0)]
    weekly = trend(tuple(short + [row(12, 5, 0, None)]), max_points=2)
    # Week of 5 January: 40 issued, average wait (10 x 4 + 30 x 8) / 40 = 7.0; week of 12 January: no waits.
    assert weekly == [("01-05", 40, 40, 7.0), ("01-12", 5, 5, None)]
