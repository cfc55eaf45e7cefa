"""The queue engine's service functions on a real SQLite file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

import app.queue as q
from app.errors import (
    InvalidTicketState,
    NoTicketWaiting,
    NotPermitted,
    QueueFull,
    UnknownService,
    UnknownTicket,
    UnknownWindow,
    WindowBusy,
    WindowClosed,
)
from app.staff.accounts import add_staff, authenticate
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import Event, Service, Staff, Ticket
from tests.integration.core_support import branch, event_count, open_windows, status_of  # noqa: F401
from tests.support.plans import plan, statements

S = SYSTEM


def issue(db, service="A", when=None, **kw):
    return q.issue_ticket(db, service=service, actor=S, now=when, **kw)


def test_numbers_per_prefix_and_reset_next_day(branch, at):
    shown = [issue(branch, "A", at(9, i)).ticket.number for i in range(3)]
    shown.append(issue(branch, "B", at(9, 5)).ticket.number)
    assert shown == ["A001", "A002", "A003", "B001"]
    tomorrow = at(9, 0) + dt.timedelta(days=1)
    t = issue(branch, "A", tomorrow).ticket
    assert (t.number, t.business_date) == ("A001", tomorrow.date())


def test_issue_tells_the_policys_people_ahead_and_stores_what_it_told(branch, at):
    """Window 1 serves A before D. D001 waits, then A001 comes: the window will
    call A001 first, so a new D customer has two people ahead, not one."""
    from app.queue.estimate import estimate
    from app.queue.snapshot import queue_snapshot
    from app.store.models import Service as Svc

    open_windows(branch, 1, now=at(8, 30))
    issue(branch, "D", at(9, 0))
    issue(branch, "A", at(9, 1))
    with branch.read() as s:
        d_id = s.scalar(select(Svc.id).where(Svc.code == "D"))
    expected = estimate(queue_snapshot(branch, at(9, 2)), service_id=d_id)
    r = issue(branch, "D", at(9, 2))
    assert (r.people_ahead, r.estimated_wait_min, r.estimated_wait_range_min, r.estimate_note) == (
        2, expected.minutes, expected.range, "default_times")  # no history yet: the catalogue's times
    low, high = r.estimated_wait_range_min
    assert low <= r.estimated_wait_min <= high and r.estimated_wait_min > 0
    told = q.get_ticket(branch, r.ticket.number, now=at(9, 3))  # kept on the ticket for reprints
    assert (told.promised_wait_min, told.promised_range_min, told.people_ahead_at_issue) == (
        r.estimated_wait_min, (low, high), 2)


def test_a_priority_customer_has_only_the_priority_customers_before_them_ahead(branch, at):
    open_windows(branch, 1, now=at(8, 30))
    issue(branch, "A", at(9, 0))
    issue(branch, "A", at(9, 1), priority="needs", priority_note="elderly")
    r = issue(branch, "A", at(9, 2), priority="vip")
    assert r.people_ahead == 1


def test_a_service_no_open_window_serves_promises_no_minutes(branch, at):
    open_windows(branch, 1, now=at(8, 30))  # A and D only
    r = issue(branch, "F", at(9, 0))
    assert (r.estimated_wait_min, r.estimated_wait_range_min, r.estimate_note) == (None, None, "no_window")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_branch(request, at):
    """A catalogued branch database on each backend (the number lookups are
    statements run on the driver: each dialect's own text)."""
    db = open_database(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))
    q.init_catalogue(db, actor=S, now=at(8, 0))
    yield db
    db.dispose()


def test_number_wrap_skips_numbers_still_active_and_reports_full(any_branch, at):
    branch = any_branch
    with branch.write() as s:
        s.execute(update(Service).where(Service.code == "A").values(max_number=3))
    open_windows(branch, 1, now=at(8, 30))
    first = [issue(branch, "A", at(9, i)).ticket.number for i in range(3)]
    assert first == ["A001", "A002", "A003"]
    q.call_next(branch, window=1, actor=S, now=at(9, 5))    # A001 called (still active)
    q.finish(branch, window=1, actor=S, now=at(9, 6))       # A001 done: its number is free
    assert issue(branch, "A", at(9, 7)).ticket.number == "A001"
    with pytest.raises(QueueFull) as exc:
        issue(branch, "A", at(9, 8))
    assert "All 3 numbers of service A" in exc.value.message
    q.cancel_ticket(branch, "A003", actor=S, now=at(9, 9))
    t = issue(branch, "A", at(9, 10)).ticket
    assert t.number == "A003"
    with branch.read() as s:
        seqs = list(s.scalars(select(Ticket.seq).where(Ticket.prefix == "A").order_by(Ticket.seq)))
    assert len(seqs) == len(set(seqs)) == 5  # the sequence itself never repeats


def test_window_lifecycle(branch, at):
    w = q.open_window(branch, window=1, actor=S, now=at(8, 30))
    assert (w.state, w.service_codes) == ("open", ("A", "D"))
    w = q.pause_window(branch, window=1, reason="  lunch   break ", actor=S, now=at(12, 0))
    assert (w.state, w.pause_reason) == ("paused", "lunch break")
    issue(branch, "A", at(12, 1))
    with pytest.raises(WindowClosed, match="Window 1 is paused"):
        q.call_next(branch, window=1, actor=S, now=at(12, 2))
    assert q.resume_window(branch, window=1, actor=S, now=at(12, 30)).state == "open"
    q.call_next(branch, window=1, actor=S, now=at(12, 31))
    with pytest.raises(WindowBusy, match="still has ticket A001"):
        q.close_window(branch, window=1, actor=S, now=at(12, 32))
    q.finish(branch, window=1, actor=S, now=at(12, 40))
    assert q.close_window(branch, window=1, actor=S, now=at(12, 41)).state == "closed"
    types = ["WindowOpened", "WindowPaused", "WindowResumed", "WindowClosed"]
    assert [event_count(branch, t) for t in types] == [1, 1, 1, 1]


def test_call_next_fcfs_and_service_order(branch, at):
    open_windows(branch, 1, 2, now=at(8, 30))
    issue(branch, "D", at(9, 0))
    issue(branch, "A", at(9, 1))
    issue(branch, "A", at(9, 2))
    # Window 1 serves A before D; window 2 too.
    assert q.call_next(branch, window=1, actor=S, now=at(9, 5)).number == "A001"
    assert q.call_next(branch, window=2, actor=S, now=at(9, 5)).number == "A002"
    q.finish(branch, window=1, actor=S, now=at(9, 6))
    t = q.call_next(branch, window=1, actor=S, now=at(9, 7))
    assert (t.number, t.status, t.window_number, t.call_count) == ("D001", "called", 1, 1)
    q.finish(branch, window=1, actor=S, now=at(9, 8))
    with pytest.raises(NoTicketWaiting, match="Nobody is waiting for window 1"):
        q.call_next(branch, window=1, actor=S, now=at(9, 9))


def _drain(db, window, at, n, start=10):
    got = []
    for i in range(n):
        got.append(q.call_next(db, window=window, finish_current=True, actor=S, now=at(9, start + i)))
    return got


@pytest.mark.parametrize("ratio", [1, 2, 3])
def test_priority_ratio_setting(branch, at, ratio):
    q.set_setting(branch, "queue.priority_ratio", ratio, actor=S, now=at(8, 0))
    open_windows(branch, 1, now=at(8, 30))
    for i in range(4):
        issue(branch, "A", at(9, i))
    for i in range(6):
        issue(branch, "A", at(9, 4 + i), priority="vip")
    kinds = "".join("P" if t.priority != "normal" else "N" for t in _drain(branch, 1, at, 10))
    assert kinds.startswith("P" * ratio + "N")
    assert "P" * (ratio + 1) not in kinds[: kinds.rindex("N")]


def test_default_ratio_is_two(branch, at):
    open_windows(branch, 1, now=at(8, 30))
    issue(branch, "A", at(9, 0))
    for i in range(3):
        issue(branch, "A", at(9, 1 + i), priority="needs")
    assert [t.number for t in _drain(branch, 1, at, 4)] == ["A002", "A003", "A001", "A004"]


def test_promotion_after_setting(branch, at):
    q.set_setting(branch, "queue.promote_after_min", 30, actor=S, now=at(8, 0))
    open_windows(branch, 1, now=at(8, 30))
    issue(branch, "A", at(9, 0))
    issue(branch, "A", at(9, 20), priority="vip")
    assert q.call_next(branch, window=1, actor=S, now=at(9, 25)).number == "A002"
    issue(branch, "A", at(9, 26), priority="vip")
    q.finish(branch, window=1, actor=S, now=at(9, 31))
    # A001 waited 31 minutes > 30: it now beats the VIP.
    assert q.call_next(branch, window=1, actor=S, now=at(9, 31)).number == "A001"


def test_transfer_to_window_goes_first_and_keeps_issue_time(branch, at):
    open_windows(branch, 1, 4, now=at(8, 30))
    issue(branch, "B", at(9, 0))
    issue(branch, "B", at(9, 1))
    issue(branch, "A", at(9, 2))
    q.call_next(branch, window=4, actor=S, now=at(9, 5))                 # B001 at window 4
    q.start_service(branch, window=4, actor=S, now=at(9, 6))
    t = q.transfer_ticket(branch, "B001", to_window=1, actor=S, now=at(9, 10))
    assert (t.status, t.target_window_number, t.issued_at, t.transfer_count) == ("transferred", 1, at(9, 0), 1)
    # Window 4 is free again; window 1 (which serves A and D, not B) takes B001 first.
    assert q.call_next(branch, window=4, actor=S, now=at(9, 11)).number == "B002"
    t = q.call_next(branch, window=1, actor=S, now=at(9, 12))
    assert (t.number, t.issued_at, t.target_window_number) == ("B001", at(9, 0), None)


def test_transfer_to_service(branch, at):
    open_windows(branch, 6, now=at(8, 30))
    issue(branch, "A", at(9, 0))
    t = q.transfer_ticket(branch, "A001", to_service="G", actor=S, now=at(9, 5))
    assert (t.number, t.service_code, t.status) == ("A001", "G", "transferred")
    assert q.call_next(branch, window=6, actor=S, now=at(9, 6)).number == "A001"


def test_call_chosen_recall_noshow_requeue_start_finish_rate(branch, at):
    open_windows(branch, 1, now=at(8, 30))
    for i in range(3):
        issue(branch, "A", at(9, i))
    t = q.call_ticket(branch, window=1, ticket="A003", actor=S, now=at(9, 5))
    assert (t.number, t.status) == ("A003", "called")
    assert q.recall(branch, window=1, actor=S, now=at(9, 6)).call_count == 2
    assert q.no_show(branch, window=1, actor=S, now=at(9, 7)).status == "no_show"
    assert q.requeue_ticket(branch, "A003", actor=S, now=at(9, 8)).status == "waiting"
    # Requeued at the back: A001, A002 come first.
    assert q.call_next(branch, window=1, actor=S, now=at(9, 9)).number == "A001"
    assert q.start_service(branch, window=1, actor=S, now=at(9, 10)).status == "serving"
    with pytest.raises(InvalidTicketState, match="A001 is serving, so it cannot be marked no-show"):
        q.no_show(branch, window=1, actor=S, now=at(9, 11))
    t = q.finish(branch, window=1, outcome="card issued", actor=S, now=at(9, 20))
    assert (t.status, t.outcome, t.finished_at) == ("done", "card issued", at(9, 20))
    assert q.rate_ticket(branch, "A001", rating=5, actor=S, now=at(9, 21)).rating == 5
    with pytest.raises(InvalidTicketState):
        q.requeue_ticket(branch, "A001", actor=S, now=at(9, 22))


def test_cancel_frees_the_window(branch, at):
    open_windows(branch, 1, now=at(8, 30))
    issue(branch, "A", at(9, 0))
    issue(branch, "A", at(9, 1))
    q.call_next(branch, window=1, actor=S, now=at(9, 2))
    assert q.cancel_ticket(branch, "A001", reason="left", actor=S, now=at(9, 3)).status == "cancelled"
    assert q.call_next(branch, window=1, actor=S, now=at(9, 4)).number == "A002"
    with pytest.raises(InvalidTicketState):
        q.cancel_ticket(branch, "A001", actor=S, now=at(9, 5))


def test_end_of_day_expires_waiting_and_called(branch, at, day):
    open_windows(branch, 1, 2, now=at(8, 30))
    for i in range(4):
        issue(branch, "A", at(9, i))
    q.call_next(branch, window=1, actor=S, now=at(9, 5))
    q.call_next(branch, window=2, actor=S, now=at(9, 5))
    q.start_service(branch, window=2, actor=S, now=at(9, 6))
    r = q.end_of_day(branch, actor=S, now=at(17, 30))
    assert (r.business_date, r.expired, r.served_at_close, r.windows_closed) == (day, 3, 1, (1, 2))
    # Settled question 8: the customer being served ends as served, outcome day_closed, at closing.
    assert [status_of(branch, n, day) for n in ("A001", "A002", "A003", "A004")] == \
        ["expired", "done", "expired", "expired"]
    a002 = q.get_ticket(branch, "A002", now=at(17, 31))
    assert (a002.outcome, a002.finished_at) == ("day_closed", at(17, 30))
    st = q.queue_status(branch, now=at(17, 31))
    assert st.waiting_total == 0
    assert {w.number: (w.state, w.current_ticket) for w in st.windows}[1] == ("closed", None)


def test_queue_status_counts(branch, at):
    open_windows(branch, 1, now=at(8, 30))
    issue(branch, "A", at(9, 0))
    issue(branch, "A", at(9, 1), priority="vip")
    issue(branch, "B", at(9, 2))
    st = q.queue_status(branch, now=at(9, 20))
    by_code = {sq.service.code: sq for sq in st.services}
    assert st.waiting_total == 3
    assert (by_code["A"].waiting, by_code["A"].priority_waiting, by_code["A"].longest_wait_min) == (2, 1, 20)
    assert by_code["B"].waiting == 1
    assert [w.state for w in st.windows][:2] == ["open", "closed"]


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda db, now: q.issue_ticket(db, service="Z", actor=S, now=now), UnknownService),
        (lambda db, now: q.call_next(db, window=99, actor=S, now=now), UnknownWindow),
        (lambda db, now: q.call_next(db, window=2, actor=S, now=now), WindowClosed),
        (lambda db, now: q.cancel_ticket(db, "A777", actor=S, now=now), UnknownTicket),
        (lambda db, now: q.recall(db, window=1, actor=S, now=now), InvalidTicketState),
        (lambda db, now: q.call_next(db, window=1, actor=S, now=now), NoTicketWaiting),
    ],
)
def test_named_errors_leave_no_trace(branch, at, call, error):
    open_windows(branch, 1, now=at(8, 30))
    before = event_count(branch)
    with pytest.raises(error) as exc:
        call(branch, at(9, 0))
    assert exc.value.message.endswith(".") and "\n" not in exc.value.message
    assert event_count(branch) == before


def test_staff_accounts_hash_with_argon2id_and_roles_are_enforced(branch, at):
    v = add_staff(branch, username="li.na", password="greeter-pass", roles="greeter", full_name="李娜",
                  actor=S, now=at(8, 0))
    assert v.roles == ("greeter",)
    with branch.read() as s:
        stored = s.scalar(select(Staff.password_hash).where(Staff.username == "li.na"))
    assert stored.startswith("$argon2id$") and "greeter-pass" not in stored
    greeter = authenticate(branch, "li.na", "greeter-pass")
    with pytest.raises(NotPermitted, match="Unknown user or wrong password"):
        authenticate(branch, "li.na", "wrong-pass")
    open_windows(branch, 1, now=at(8, 30))
    t = q.issue_ticket(branch, service="A", actor=greeter, now=at(9, 0)).ticket
    with pytest.raises(NotPermitted, match=r"li.na is not allowed to do this \(call\)"):
        q.call_next(branch, window=1, actor=greeter, now=at(9, 1))
    with branch.read() as s:
        issued = s.scalar(select(Event).where(Event.type == "TicketIssued"))
        assert issued.staff_id == greeter.staff_id
    assert status_of(branch, t.number, t.business_date) == "waiting"


def _lobby_day(db, at) -> list[tuple[int, str]]:
    """A mixed morning: services, priorities, a transfer, an overdue ticket."""
    open_windows(db, 1, 2, now=at(8, 30))
    plan = [("A", "normal"), ("D", "normal"), ("A", "vip"), ("F", "normal"), ("A", "normal"),
            ("D", "needs"), ("A", "needs"), ("A", "normal"), ("F", "vip"), ("D", "normal"),
            ("A", "appointment"), ("A", "normal"), ("D", "normal"), ("A", "vip")]
    for i, (code, prio) in enumerate(plan):
        issue(db, code, at(8, 40) if i == 0 else at(9, i), priority=prio)
    q.transfer_ticket(db, "D002", to_window=2, actor=S, now=at(9, 30))
    calls = []
    for i in range(len(plan)):
        window = 1 + i % 2
        try:
            t = q.call_next(db, window=window, finish_current=True, actor=S, now=at(9, 31 + i))
        except NoTicketWaiting:
            t = q.call_next(db, window=3 - window, finish_current=True, actor=S, now=at(9, 31 + i))
        calls.append((t.window_number, t.number))
    return calls


def test_a_number_finds_the_active_lap_first_through_the_index(branch, at):
    """A023 said at a window: the ticket waiting or called under that number,
    else the latest lap's; looked up by seeks in the (day, prefix, status,
    number) index, not by reading the day's tickets."""
    with branch.write() as s:
        s.execute(update(Service).where(Service.code == "A").values(max_number=3))
    open_windows(branch, 1, now=at(8, 30))
    for i in range(3):
        issue(branch, "A", at(9, i))
    q.call_next(branch, window=1, actor=S, now=at(9, 5))
    q.finish(branch, window=1, actor=S, now=at(9, 6))       # the first A001 is done
    assert issue(branch, "A", at(9, 7)).ticket.number == "A001"
    found = q.get_ticket(branch, " a001 ", now=at(9, 8))
    assert (found.status, found.issued_at) == ("waiting", at(9, 7))  # the second lap's, waiting
    q.call_ticket(branch, window=1, ticket="A001", actor=S, now=at(9, 9))
    assert q.get_ticket(branch, "A001", now=at(9, 9)).status == "called"
    q.finish(branch, window=1, actor=S, now=at(9, 10))
    done = q.get_ticket(branch, "A001", now=at(9, 10))  # both done: the latest lap's
    assert (done.status, done.issued_at) == ("done", at(9, 7))
    for unknown in ("A009", "A-1", "ABC1"):
        with pytest.raises(UnknownTicket):
            q.get_ticket(branch, unknown, now=at(9, 11))

    (sql,) = statements(branch, lambda: q.get_ticket(branch, "A003", now=at(9, 12)), "number =")
    found = plan(branch, sql)
    assert "ix_tickets_day_prefix_status_number" in found and "number=?" in found


def test_long_queue_reading_picks_the_same_tickets(tmp_path, at, monkeypatch):
    """call_next reads only the heads of each queue; with heads of one ticket the
    calls must be exactly those it makes when its heads hold every waiting ticket."""
    import app.queue.calling as calling

    def run(name: str) -> list[tuple[int, str]]:
        db = open_database(str(tmp_path / name))
        try:
            q.init_catalogue(db, actor=S, now=at(8, 0))
            return _lobby_day(db, at)
        finally:
            db.dispose()

    reference = run("all.sqlite3")
    monkeypatch.setattr(calling, "HEAD_SIZE", 1)
    assert run("heads.sqlite3") == reference
    assert len({n for _, n in reference}) == 14
    assert reference[0] == (1, "A001")  # waited 50 minutes: promoted past the VIPs


def test_next_with_a_customer_at_the_window_logs_the_finish_before_the_call(branch, at):
    """A keypad's Next finishes A001 and calls A002 in one transaction: the event
    log says so in that order (the feed and the lobby read it in id order)."""
    open_windows(branch, 1, now=at(8, 30))
    first, second = issue(branch, "A", at(9, 0)).ticket, issue(branch, "A", at(9, 1)).ticket
    q.call_next(branch, window=1, actor=S, now=at(9, 2))
    q.call_next(branch, window=1, finish_current=True, actor=S, now=at(9, 7))
    with branch.read() as s:
        last = s.execute(select(Event.type, Event.ticket_id, Event.payload).order_by(Event.id.desc()).limit(2)).all()
    assert [(e.type, e.ticket_id) for e in reversed(last)] == [("TicketFinished", first.id), ("TicketCalled", second.id)]
    assert last[0].payload["number"] == "A002" and last[1].payload["outcome"] == "done"
    day = at(9, 0).date()
    assert status_of(branch, "A001", day) == "done" and status_of(branch, "A002", day) == "called"
