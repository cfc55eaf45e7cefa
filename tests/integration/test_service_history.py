"""The service times the estimate learns from the history (app/queue/history.py):
kept per process and brought up to date from the tickets finished since,
they are the figures a full read of the history gives at the same moment,
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest

import app.queue as q
from app.errors import NoTicketWaiting
from app.queue import history
from app.queue.day import moment
from app.staff.roles import SYSTEM
from tests.support.branch import BACKENDS, DAY, at, catalogue_database


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path, monkeypatch):
    # A short history, so a test runs past it in a few dozen services.
    monkeypatch.setattr(history, "HISTORY", 6)
    monkeypatch.setattr(history, "LONG_HISTORY", 20)
    history._statements.cache_clear()
    yield from catalogue_database(request, tmp_path)
    history._statements.cache_clear()


def times_at(db, now: dt.datetime, kept: history.HistoryRows | None):  # type: ignore[no-untyped-def]
    with db.read() as s:
        m = moment(s, now)
        return history.service_times(s, m, kept)


def test_kept_history_gives_the_figures_of_a_full_read_at_every_minute(db):
    """Two windows serve A and D for two hours, with services of random
    length; every few minutes the kept figures are brought up to date and
    compared with a full read at the same moment (a full read comes every
    FULL_EVERY only)."""
    rng = random.Random(5)
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    q.open_window(db, window=2, actor=SYSTEM, now=at(8, 30))
    clock = at(9)
    kept = None
    incremental = 0
    for step in range(70):
        clock += dt.timedelta(seconds=rng.randint(20, 200))
        q.issue_ticket(db, service=rng.choice("AD"), actor=SYSTEM, now=clock)
        w = 1 + step % 2
        try:
            q.call_next(db, window=w, finish_current=True, actor=SYSTEM, now=clock + dt.timedelta(seconds=1))
        except NoTicketWaiting:
            pass
        if step % 3 == 0:
            now = clock + dt.timedelta(seconds=2)
            figures, kept_next = times_at(db, now, kept)
            full, _ = times_at(db, now, None)
            assert figures == full
            incremental += kept is not None and kept_next.full_at == kept.full_at
            kept = kept_next
    assert incremental >= 15  # most refreshes read only what finished since
    served = figures[1]  # type: ignore[possibly-undefined]
    assert served.from_history and served.samples > 6


def test_a_finish_committed_late_within_the_overlap_is_counted(db):
    """A finish whose time is a little before the last refresh (a transaction
    that committed late) is still seen by the next one."""
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    for i in range(8):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, i))
    for i in range(6):
        q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=at(9, 10 + 5 * i))
    _, kept = times_at(db, at(9, 40), None)
    q.finish(db, window=1, actor=SYSTEM, now=at(9, 38))  # before the refresh at 9:40, committed after it
    figures, _ = times_at(db, at(9, 41), kept)
    full, _ = times_at(db, at(9, 41), None)
    assert figures == full
    assert figures[1].samples == 6


def test_a_new_day_or_a_time_before_the_last_refresh_reads_the_history_afresh(db):
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    _, kept = times_at(db, at(10), None)
    _, same_day = times_at(db, at(10, 1), kept)
    assert same_day.full_at == kept.full_at
    _, earlier = times_at(db, at(9, 59), kept)
    assert earlier.full_at == at(9, 59)
    _, later = times_at(db, at(10, 1) + history.FULL_EVERY, kept)
    assert later.full_at == at(10, 1) + history.FULL_EVERY
    _, next_day = times_at(db, at(10, 2) + dt.timedelta(days=1), kept)
    assert next_day.day == DAY + dt.timedelta(days=1) and next_day.full_at == next_day.now


def test_customers_who_do_not_come_teach_the_estimate_its_no_show_rate(db):
    """Window 1 calls ten A customers; A003, A006 and A009 do not come. The
    estimate learns its no-show rate from the last HISTORY customers called
    (6 here): 2 in 6 (it learned 0 while a no-show kept no time of leaving).
    A009 put back in the queue no longer counts: 1 in 6."""
    assert history.HISTORY == 6
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    for i in range(12):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, i))
    clock = at(9, 20)
    for i in range(10):
        q.call_next(db, window=1, actor=SYSTEM, now=clock)
        if i in (2, 5, 8):
            q.no_show(db, window=1, actor=SYSTEM, now=clock + dt.timedelta(minutes=2))
        else:
            q.finish(db, window=1, actor=SYSTEM, now=clock + dt.timedelta(minutes=4))
        clock += dt.timedelta(minutes=5)
    learned, _ = times_at(db, clock, None)
    assert learned[1].no_show_rate == pytest.approx(2 / 6)  # A010 A009* A008 A007 A006* A005

    q.requeue_ticket(db, "A009", actor=SYSTEM, now=clock)  # came after all: back in the queue
    later, _ = times_at(db, clock + dt.timedelta(minutes=1), None)
    assert later[1].no_show_rate == pytest.approx(1 / 6)  # A010 A008 A007 A006* A005 A004
