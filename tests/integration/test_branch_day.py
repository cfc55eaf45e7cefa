"""A branch day that holds: across closing time, midnight and several PCs
(issue 12), through the service functions, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

import app.queue as q
from app.errors import AfterHours, InvalidInput, TimeRunsBackwards, WindowBusy
from app.queue.day import day_state
from app.reports import build_daily
from app.reports.endofday import already_written, end_of_day_tick
from app.settings import change_settings
from app.staff.accounts import actor_for, add_staff
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import BusinessDay, Event, Ticket

D1 = dt.date(2026, 11, 23)  # Monday


def T(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """Day 1, 2, 3 of the run at hour:minute."""
    return dt.datetime.combine(D1 + dt.timedelta(days=day - 1), dt.time(hour, minute))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'branch.sqlite3'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    database = open_database(url)
    q.init_catalogue(database, actor=SYSTEM, now=T(1, 7))
    change_settings(database, {"reports.folder": str(tmp_path / "reports")}, actor=SYSTEM, now=T(1, 7))
    yield database
    database.dispose()


def issued_on(db, day: dt.date) -> list[tuple[str, str, str | None]]:
    with db.read() as s:
        return [tuple(r) for r in s.execute(select(Ticket.number, Ticket.status, Ticket.outcome)
                                            .where(Ticket.business_date == day).order_by(Ticket.id))]


def window_states(db, now: dt.datetime) -> dict[int, str]:
    return {w.number: w.state for w in q.queue_status(db, now=now).windows}


def test_three_days_with_leftovers_and_nobody_closing_by_hand(db, tmp_path):
    """Each evening someone is still waiting, called, or at a window; nobody
    closes the day. Each morning the windows call that day's tickets, and
    every day's report accounts for every ticket it issued."""
    for day in (1, 2, 3):
        q.open_window(db, window=1, actor=SYSTEM, now=T(day, 8, 30))
        q.open_window(db, window=2, actor=SYSTEM, now=T(day, 8, 30))
        first = q.issue_ticket(db, service="A", actor=SYSTEM, now=T(day, 9)).ticket
        # The morning's first call works: yesterday's called ticket does not block window 1,
        # and today's numbering starts again at A001.
        assert first.number == "A001"
        assert q.call_next(db, window=1, actor=SYSTEM, now=T(day, 9, 1)).number == "A001"
        q.finish(db, window=1, actor=SYSTEM, now=T(day, 9, 10))
        for minute in range(5):
            q.issue_ticket(db, service="A", actor=SYSTEM, now=T(day, 16, minute))
        q.call_next(db, window=1, actor=SYSTEM, now=T(day, 16, 40))  # A002: called, left at the window
        q.call_next(db, window=2, actor=SYSTEM, now=T(day, 16, 41))  # A003: being served at closing
        q.start_service(db, window=2, actor=SYSTEM, now=T(day, 16, 42))
        # A004..A006 still wait; the app's minute tick runs at 17:05 and 18:10 (closing 17:00 + 60 min).
        assert end_of_day_tick(db, now=T(day, 17, 5)) is None
        assert window_states(db, T(day, 17, 6))[1] == "open"
        if day < 3:
            result = end_of_day_tick(db, now=T(day, 18, 10))
            assert result is not None and result.final and result.closed.expired == 4
        # day 3: no app is running at closing time; the next morning's first action closes it.

    after = q.issue_ticket(db, service="B", actor=SYSTEM, now=T(4, 8, 55)).ticket  # day 4, first action
    assert after.number == "B001"
    for day in (1, 2, 3):
        d = D1 + dt.timedelta(days=day - 1)
        rows = issued_on(db, d)
        assert [r[0] for r in rows] == ["A001", "A002", "A003", "A004", "A005", "A006"]
        assert [r[1] for r in rows] == ["done", "expired", "done", "expired", "expired", "expired"]
        assert rows[2][2] == "day_closed"  # settled question 8: served at closing
        state = day_state(db, d)
        assert state.final and state.closed_how == ("auto" if day < 3 else "next_day")
        assert state.closed_at == T(day, 18)  # its own closing moment (17:00 + 60 min), whoever closed it
        report = build_daily(db, d, now=T(4, 9))
        sm = report.summary
        assert report.final and sm.issued == 6
        assert (sm.served, sm.expired) == (2, 4)
    # No window was left open overnight: the fourth day started with all of them closed.
    assert set(window_states(db, T(4, 8, 56)).values()) == {"closed"}
    # The morning tick writes the final report of the day no app saw close.
    assert not already_written(db, D1 + dt.timedelta(days=2))
    done = end_of_day_tick(db, now=T(4, 9, 1))
    assert done is not None and done.business_date == D1 + dt.timedelta(days=2) and done.final
    assert sorted(p.name for p in (tmp_path / "reports").iterdir() if p.suffix == ".pdf") == [
        f"branchdesk-daily-2026-11-2{n}.pdf" for n in (3, 4, 5)]
    with db.read() as s:
        closes = s.scalar(select(func.count()).select_from(Event).where(Event.type == "DayClosed"))
        days = s.scalar(select(func.count()).select_from(BusinessDay))
    assert (closes, days) == (3, 4)


def test_a_report_written_while_tickets_are_open_says_so(db):
    q.open_window(db, window=1, actor=SYSTEM, now=T(1, 8, 30))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=T(1, 9))
    early = build_daily(db, D1, now=T(1, 12))
    assert not early.final and early.open_tickets == 1
    assert early.status_line[1] == "Provisional report: 1 tickets were still open when it was made."
    closed = q.end_of_day(db, actor=actor_for_manager(db), now=T(1, 17, 30))
    assert (closed.expired, closed.windows_closed) == (1, (1,))
    late = build_daily(db, D1, now=T(1, 17, 31))
    assert late.final and late.status_line[1] == "Final report: the business day is closed."


def actor_for_manager(db):  # type: ignore[no-untyped-def]
    add_staff(db, username="boss", password="password1", roles="manager", actor=SYSTEM, now=T(1, 7))
    return actor_for(db, "boss")


def test_times_that_run_backwards_are_refused(db):
    q.open_window(db, window=1, actor=SYSTEM, now=T(1, 8, 30))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=T(1, 9, 0))
    # Called "before" it was issued: not in the queue yet at 08:59.
    with pytest.raises(q.errors.NoTicketWaiting):
        q.call_next(db, window=1, actor=SYSTEM, now=T(1, 8, 59))
    with pytest.raises(TimeRunsBackwards, match="before its last change at 2026-11-23 09:00:00"):
        q.call_ticket(db, window=1, ticket="A001", actor=SYSTEM, now=T(1, 8, 59))
    q.call_ticket(db, window=1, ticket="A001", actor=SYSTEM, now=T(1, 9, 30))
    with pytest.raises(TimeRunsBackwards):
        q.start_service(db, window=1, actor=SYSTEM, now=T(1, 9, 29))
    with pytest.raises(TimeRunsBackwards):
        q.finish(db, window=1, actor=SYSTEM, now=T(1, 9, 20))
    t = q.finish(db, window=1, actor=SYSTEM, now=T(1, 9, 40))
    assert (t.called_at, t.finished_at) == (T(1, 9, 30), T(1, 9, 40))
    report = build_daily(db, D1, now=T(1, 10))
    assert report.summary.wait.average_min == 30.0  # never negative


def test_cli_refuses_a_finish_before_the_call_with_one_sentence(tmp_path):
    from tests.integration.core_support import cli as run_cli

    url = str(tmp_path / "b.sqlite3")
    base = ["--db", url]
    assert run_cli(*base, "init").returncode == 0
    assert run_cli(*base, "window", "open", "--window", "1", "--at", "2026-11-23T08:30").returncode == 0
    assert run_cli(*base, "ticket", "issue", "--service", "A", "--at", "2026-11-23T09:00").returncode == 0
    assert run_cli(*base, "call", "next", "--window", "1", "--at", "2026-11-23T09:30").returncode == 0
    r = run_cli(*base, "finish", "--window", "1", "--at", "2026-11-23T09:10")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == ("branchdesk: Ticket A001 cannot be finished at 2026-11-23 09:10:00: "
                                "that is before its last change at 2026-11-23 09:30:00.")


def test_the_business_date_is_the_branchs_not_the_pcs(db):
    """16:30 UTC is 00:30 the next day in Shanghai: the ticket belongs to that day."""
    q.open_window(db, window=1, actor=SYSTEM, now=T(1, 8))
    late = dt.datetime(2026, 11, 23, 16, 30, tzinfo=dt.timezone.utc)
    t = q.issue_ticket(db, service="A", after_hours_ok=True, actor=SYSTEM, now=late).ticket
    assert (t.business_date, t.issued_at) == (dt.date(2026, 11, 24), dt.datetime(2026, 11, 24, 0, 30))
    change_settings(db, {"branch.timezone": "Europe/London"}, actor=SYSTEM, now=T(2, 1))
    t2 = q.issue_ticket(db, service="A", after_hours_ok=True, actor=SYSTEM,
                        now=dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.timezone.utc)).ticket
    assert (t2.business_date, t2.issued_at) == (dt.date(2026, 11, 24), dt.datetime(2026, 11, 24, 1, 0))


def test_after_the_last_ticket_time_the_greeter_confirms(db):
    change_settings(db, {"day.last_ticket_time": "16:30"}, actor=SYSTEM, now=T(1, 8))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=T(1, 16, 29))
    with pytest.raises(AfterHours) as refused:
        q.issue_ticket(db, service="A", actor=SYSTEM, now=T(1, 16, 30))
    assert refused.value.params["limit"] == "16:30"
    assert q.issue_ticket(db, service="A", after_hours_ok=True, actor=SYSTEM, now=T(1, 16, 31)).ticket.number == "A002"
    with pytest.raises(InvalidInput, match="last-ticket time must not be after the closing time"):
        change_settings(db, {"day.last_ticket_time": "17:30"}, actor=SYSTEM, now=T(1, 16, 40))


# -- windows follow their teller ---------------------------------------------------

@pytest.fixture
def tellers(db):
    for name in ("li", "wang"):
        add_staff(db, username=name, password="password1", roles="teller", actor=SYSTEM, now=T(1, 7))
    return actor_for(db, "li"), actor_for(db, "wang")


def test_choosing_another_window_leaves_the_first_and_its_customer_goes_back_first(db, tellers):
    li, _ = tellers
    q.open_window(db, window=1, actor=li, now=T(1, 8, 30), holder="pc1")
    for minute in (0, 1):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=T(1, 9, minute))
    q.call_next(db, window=1, actor=li, now=T(1, 9, 5))  # A001 called at window 1
    w2 = q.open_window(db, window=2, actor=li, now=T(1, 9, 6), holder="pc1")  # the teller moves
    assert w2.state == "open" and window_states(db, T(1, 9, 7)) == {1: "closed", 2: "open", 3: "closed",
                                                                    4: "closed", 5: "closed", 6: "closed"}
    # A001 is back at the head of its queue, before A002: window 2 calls it first.
    assert [t.number for t in q.waiting_list(db, now=T(1, 9, 7))] == ["A001", "A002"]
    assert q.call_next(db, window=2, actor=li, now=T(1, 9, 8)).number == "A001"


def test_leaving_by_logout_pauses_or_closes_by_the_branchs_rule(db, tellers):
    li, _ = tellers
    change_settings(db, {"window.leave_state": "paused", "window.leave_rule": "no_show"}, actor=SYSTEM, now=T(1, 8))
    q.open_window(db, window=1, actor=li, now=T(1, 8, 30), holder="pc1")
    q.issue_ticket(db, service="A", actor=SYSTEM, now=T(1, 9))
    q.call_next(db, window=1, actor=li, now=T(1, 9, 1))
    left = q.leave_window(db, window=1, actor=li, now=T(1, 9, 2))
    assert (left.state, left.pause_reason, left.current_ticket) == ("paused", "teller_left", None)
    assert q.get_ticket(db, "A001", now=T(1, 9, 3)).status == "no_show"
    # Serving a customer: the teller is asked to finish first (the app ends it as served on quit).
    q.resume_window(db, window=1, actor=li, now=T(1, 9, 4))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=T(1, 9, 5))
    q.call_next(db, window=1, actor=li, now=T(1, 9, 6))
    q.start_service(db, window=1, actor=li, now=T(1, 9, 7))
    with pytest.raises(WindowBusy):
        q.leave_window(db, window=1, actor=li, now=T(1, 9, 8))
    q.leave_window(db, window=1, actor=li, now=T(1, 9, 9), finish_serving=True)
    a002 = q.get_ticket(db, "A002", now=T(1, 9, 10))
    assert (a002.status, a002.outcome) == ("done", "window_left")


def test_a_silent_teller_app_makes_its_window_unattended_and_another_teller_takes_it_over(db, tellers):
    li, wang = tellers
    q.open_window(db, window=1, actor=li, now=T(1, 8, 30), holder="pc1")
    assert q.heartbeat(db, window=1, holder="pc1", now=T(1, 8, 32))
    st = q.queue_status(db, now=T(1, 8, 34))  # 2 min since the last heartbeat: still attended (limit 3)
    assert next(w for w in st.windows if w.number == 1).attended
    st = q.queue_status(db, now=T(1, 8, 36))  # 4 min: the PC crashed
    assert not next(w for w in st.windows if w.number == 1).attended
    q.issue_ticket(db, service="A", actor=SYSTEM, now=T(1, 8, 36))
    q.call_ticket(db, window=1, ticket="A001", actor=li, now=T(1, 8, 37))
    # Another teller may not take an attended window, but takes over an unattended one.
    q.open_window(db, window=2, actor=wang, now=T(1, 8, 38), holder="pc2")
    with pytest.raises(InvalidInput, match="already open"):
        q.open_window(db, window=2, actor=li, now=T(1, 8, 39), holder="pc1")
    w1 = q.open_window(db, window=1, actor=wang, now=T(1, 8, 40), holder="pc3")
    assert (w1.state, w1.staff_username, w1.attended) == ("open", "wang", True)
    assert q.get_ticket(db, "A001", now=T(1, 8, 41)).status == "waiting"  # back to the queue
    assert not q.heartbeat(db, window=1, holder="pc1", now=T(1, 8, 42))  # the crashed app lost it
    # wang held window 2: one teller, one open window.
    assert window_states(db, T(1, 8, 43))[2] == "closed"


def test_a_window_opened_from_the_command_line_is_never_unattended(db):
    q.open_window(db, window=4, actor=SYSTEM, now=T(1, 8))
    st = q.queue_status(db, now=T(1, 12))
    assert next(w for w in st.windows if w.number == 4).attended
