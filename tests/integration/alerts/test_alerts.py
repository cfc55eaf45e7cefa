"""Each alert rule raised and cleared through the real service functions on a
real SQLite file; a lasting condition raised once; acknowledged by whom; the
alerts' messages posted to a real local HTTP server; two PCs on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select

import app.complaints as cp
import app.queue as q
from app.alerts import acknowledge_alert, alert_board, check_alerts, deliver_pending
from app.errors import InvalidInput, NotPermitted
from app.events import EventType
from app.settings import change_settings
from app.staff.roles import SYSTEM, Actor
from app.store import open_database
from app.store.models import Event
from app.sync.state import save_failure, save_success
from tests.support.plans import plan, statements

TELLER = Actor("li", frozenset({"teller"}), None)


@pytest.fixture
def db(sqlite_url, at):
    d = open_database(sqlite_url)
    q.init_catalogue(d, actor=SYSTEM, now=at(8, 0))
    yield d
    d.dispose()


def open_keys(db) -> set[str]:  # type: ignore[no-untyped-def]
    return {f"{a.rule}:{a.level}:{a.service_code or a.window_number or a.reference or a.ticket_number or ''}"
            for a in alert_board(db).open}


def events(db, type_: EventType) -> list[dict]:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return [p for (p,) in s.execute(select(Event.payload).where(Event.type == type_.value).order_by(Event.id))]


def test_a_wait_past_the_target_is_raised_once_and_cleared_by_the_call(db, at):
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 0))
    assert check_alerts(db, now=at(9, 15)).raised == ()  # at the target of 15 min: fine
    raised = check_alerts(db, now=at(9, 16)).raised
    assert [(a.rule, a.service_code, a.figures["wait_min"]) for a in raised] == [("wait_over_target", "A", 16)]
    for minute in (17, 18, 19):  # checked again and again: not raised again
        assert check_alerts(db, now=at(9, minute)).raised == ()
    assert len(events(db, EventType.ALERT_RAISED)) == 1
    q.call_next(db, window=1, actor=SYSTEM, now=at(9, 20))
    cleared = check_alerts(db, now=at(9, 20)).cleared
    assert [(a.rule, a.cleared_how) for a in cleared] == [("wait_over_target", "condition_ended")]
    assert alert_board(db).open == ()
    # The events head office gets: the rule, the service, the figures; never a name.
    assert events(db, EventType.ALERT_CLEARED)[0]["how"] == "condition_ended"


def test_the_board_reads_the_open_and_the_last_cleared_through_indexes(db, at):
    """Three waits past the target, one each hour, each cleared by its call:
    the board shows the last two cleared, newest first, and the one still
    open; found through the state's indexes, never by reading every alert
    the branch ever had (a board after years of alerts)."""
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    for hour in (9, 10, 11):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(hour, 0))
        check_alerts(db, now=at(hour, 16))
        q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=at(hour, 20))
        check_alerts(db, now=at(hour, 20))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(12, 0))
    check_alerts(db, now=at(12, 16))
    board = alert_board(db, recent=2)
    assert [(a.state, a.raised_at) for a in board.open] == [("raised", at(12, 16))]
    assert [a.cleared_at for a in board.recent] == [at(11, 20), at(10, 20)]

    sql = statements(db, lambda: alert_board(db, recent=2), "FROM alerts")
    plans = [plan(db, x) for x in sql]
    assert len(plans) == 2 and all("USING INDEX ix_alerts_state_" in p and "SCAN alerts" not in p for p in plans)
    assert "TEMP B-TREE" not in plans[1]  # the last cleared come in the index's order


def test_too_many_waiting_and_no_window_for_a_service(db, at):
    change_settings(db, {"alerts.queue_length_max": 2}, actor=SYSTEM, now=at(8, 0))
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))  # serves A and D, not B
    for minute in range(3):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, minute))
    q.issue_ticket(db, service="B", actor=SYSTEM, now=at(9, 3))
    check_alerts(db, now=at(9, 4))
    assert open_keys(db) == {"queue_length:too_many:A", "no_window:no_window:B"}
    q.call_next(db, window=1, actor=SYSTEM, now=at(9, 5))  # two left for A: not more than 2
    q.open_window(db, window=4, actor=SYSTEM, now=at(9, 5))  # window 4 serves B
    check_alerts(db, now=at(9, 6))
    assert open_keys(db) == set()


def test_a_window_paused_or_unattended_while_people_wait(db, at):
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    q.pause_window(db, window=1, reason="午饭", actor=SYSTEM, now=at(9, 0))
    q.issue_ticket(db, service="D", actor=SYSTEM, now=at(9, 1))
    check_alerts(db, now=at(9, 9))
    assert "window_idle:paused:1" not in open_keys(db)  # paused 9 min < 10
    check_alerts(db, now=at(9, 10))
    assert "window_idle:paused:1" in open_keys(db)
    q.resume_window(db, window=1, actor=SYSTEM, now=at(9, 11))
    check_alerts(db, now=at(9, 11))
    assert "window_idle:paused:1" not in open_keys(db)
    # A teller's app that goes silent: unattended after 3 min, an alert 10 min later.
    teller = Actor("wang", frozenset({"teller"}), None)
    q.open_window(db, window=2, actor=teller, now=at(9, 12), holder="pc-2")
    q.issue_ticket(db, service="F", actor=SYSTEM, now=at(9, 13))  # only window 2 serves F
    check_alerts(db, now=at(9, 24))
    assert "window_idle:unattended:2" not in open_keys(db)
    check_alerts(db, now=at(9, 25))
    assert "window_idle:unattended:2" in open_keys(db) and "no_window:no_window:F" in open_keys(db)
    assert q.heartbeat(db, window=2, holder="pc-2", now=at(9, 26))
    check_alerts(db, now=at(9, 26))
    assert not {"window_idle:unattended:2", "no_window:no_window:F"} & open_keys(db)


def test_a_complaint_due_soon_then_overdue_then_acknowledged(db, at):
    case = cp.intake_complaint(db, kind="complaint", channel="counter", content="等太久", customer_phone="13800138000",
                               actor=SYSTEM, now=at(9, 0))
    ref = case.reference
    ack_due = case.ack_due
    check_alerts(db, now=ack_due - dt.timedelta(hours=5))
    assert open_keys(db) == set()
    check_alerts(db, now=ack_due - dt.timedelta(hours=3))
    assert open_keys(db) == {f"complaint_due:ack_due_soon:{ref}"}
    check_alerts(db, now=ack_due + dt.timedelta(minutes=1))
    assert open_keys(db) == {f"complaint_due:ack_overdue:{ref}"}  # the due-soon one cleared
    cp.acknowledge(db, ref, note="已联系", actor=SYSTEM, now=ack_due + dt.timedelta(minutes=2))
    check_alerts(db, now=ack_due + dt.timedelta(minutes=3))
    assert not any(k.startswith("complaint_due:ack") for k in open_keys(db))


def test_the_printer_of_one_pc(db, at):
    check_alerts(db, now=at(9, 0), printer="paper_out", host="greeter-pc")
    assert open_keys(db) == {"printer:paper_out:"}
    check_alerts(db, now=at(9, 1), printer=None, host="manager-pc")  # another PC cannot tell
    assert open_keys(db) == {"printer:paper_out:"}
    check_alerts(db, now=at(9, 2), printer="ok", host="greeter-pc")
    assert open_keys(db) == set()


def test_head_office_sync_failing_for_too_long(db, at):
    change_settings(db, {"sync.hq_url": "postgresql://br@hq.example/hq"}, actor=SYSTEM, now=at(8, 0))
    save_success(db, at(9, 0))
    save_failure(db, "Head office could not be reached.", at(9, 10))
    check_alerts(db, now=at(9, 29))
    assert open_keys(db) == set()
    check_alerts(db, now=at(9, 31))
    assert open_keys(db) == {"sync_failing:failing:"}
    save_success(db, at(9, 32))
    check_alerts(db, now=at(9, 32))
    assert open_keys(db) == set()


def test_a_low_rating_until_a_complaint_is_taken_for_its_ticket(db, at):
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 0))
    t = q.call_next(db, window=1, actor=SYSTEM, now=at(9, 1))
    q.finish(db, window=1, actor=SYSTEM, now=at(9, 5))
    q.rate_ticket(db, t.number, rating=2, actor=SYSTEM, now=at(9, 6))
    check_alerts(db, now=at(9, 6))
    (alert,) = alert_board(db).open
    assert (alert.rule, alert.ticket_number, alert.window_number, alert.figures) == ("low_rating", "A001", 1,
                                                                                    {"rating": 2})
    boss = Actor("boss", frozenset({"manager"}), None)
    with pytest.raises(NotPermitted):
        acknowledge_alert(db, alert.id, actor=TELLER, now=at(9, 7))
    seen = acknowledge_alert(db, alert.id, actor=boss, now=at(9, 7))
    assert (seen.state, seen.acknowledged_by, seen.acknowledged_at) == ("acknowledged", "boss", at(9, 7))
    with pytest.raises(InvalidInput, match="already acknowledged by boss"):
        acknowledge_alert(db, alert.uuid, actor=boss, now=at(9, 8))
    check_alerts(db, now=at(9, 8))
    assert len(alert_board(db).open) == 1  # acknowledged, still open: the complaint is not taken yet
    cp.intake_complaint(db, kind="complaint", channel="counter", content="态度不好", customer_phone="13800138000",
                        ticket=t.number, window_number=1, actor=SYSTEM, now=at(9, 10))
    check_alerts(db, now=at(9, 10))
    assert alert_board(db).open == ()
    assert [e["by"] for e in events(db, EventType.ALERT_ACKNOWLEDGED)] == ["boss"]


def test_a_rule_switched_off_clears_its_alerts_and_raises_none(db, at):
    q.issue_ticket(db, service="B", actor=SYSTEM, now=at(9, 0))
    check_alerts(db, now=at(9, 1))
    assert "no_window:no_window:B" in open_keys(db)
    change_settings(db, {"alerts.no_window": False}, actor=SYSTEM, now=at(9, 2))
    cleared = check_alerts(db, now=at(9, 2)).cleared
    assert [(a.rule, a.cleared_how) for a in cleared] == [("no_window", "rule_off")]
    check_alerts(db, now=at(9, 3))
    assert "no_window:no_window:B" not in open_keys(db)


class _Receiver(BaseHTTPRequestHandler):
    answers: list[int] = []
    got: list[tuple[dict, dict]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).got.append((dict(self.headers), json.loads(body)))
        code = type(self).answers.pop(0) if type(self).answers else 200
        self.send_response(code)
        self.end_headers()

    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


@pytest.fixture
def receiver():
    _Receiver.answers, _Receiver.got = [], []
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, _Receiver
    server.shutdown()
    server.server_close()


def test_alerts_go_to_the_webhook_once_retrying_after_a_failure(db, at, receiver):
    server, got = receiver
    change_settings(db, {"alerts.webhook_url": f"http://127.0.0.1:{server.server_port}/hook"}, actor=SYSTEM,
                    now=at(8, 0))
    q.issue_ticket(db, service="B", customer_name="张三丰", customer_phone="13912345678", actor=SYSTEM, now=at(9, 0))
    check_alerts(db, now=at(9, 1))  # no window for B
    got.answers = [503]
    first = deliver_pending(db, now=at(9, 1))
    assert (first.sent, first.retried) == (0, 1)
    assert deliver_pending(db, now=at(9, 1, 30)).sent == 0  # not before its back-off
    second = deliver_pending(db, now=at(9, 2))
    assert second.sent == 1
    assert deliver_pending(db, now=at(9, 10)).sent == 0  # sent: never again
    (h1, body1), (h2, body2) = got.got
    assert h1["Idempotency-Key"] == h2["Idempotency-Key"] == f"alert-{body1['alert']}"  # the same message twice
    assert body2["rule"] == "no_window" and "B 业务" in body2["text_zh"] and "Service B" in body2["text_en"]
    assert "张三丰" not in json.dumps(body2, ensure_ascii=False) and "13912345678" not in json.dumps(body2)
    assert alert_board(db).open[0].notify_state == "sent"


def test_an_alert_cleared_before_it_could_be_sent_is_skipped(db, at, receiver):
    server, got = receiver
    change_settings(db, {"alerts.webhook_url": f"http://127.0.0.1:{server.server_port}/hook"}, actor=SYSTEM,
                    now=at(8, 0))
    q.issue_ticket(db, service="B", actor=SYSTEM, now=at(9, 0))
    check_alerts(db, now=at(9, 1))
    q.cancel_ticket(db, "B001", actor=SYSTEM, now=at(9, 1))
    check_alerts(db, now=at(9, 1))
    assert deliver_pending(db, now=at(9, 2)).skipped == 1 and got.got == []


@pytest.mark.postgres
def test_two_pcs_checking_at_once_raise_one_alert(pg_url, at):
    db = open_database(pg_url)
    other = open_database(pg_url)
    try:
        q.init_catalogue(db, actor=SYSTEM, now=at(8, 0))
        for minute in range(3):
            q.issue_ticket(db, service="B", actor=SYSTEM, now=at(9, minute))
        barrier = threading.Barrier(6)
        results: list = []

        def pc(d) -> None:  # type: ignore[no-untyped-def]
            barrier.wait()
            results.append(check_alerts(d, now=at(9, 25)))

        threads = [threading.Thread(target=pc, args=(d,)) for d in (db, other) * 3]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sum(len(r.raised) for r in results) == 2  # no window for B, B waiting past its target
        assert len(events(db, EventType.ALERT_RAISED)) == 2
    finally:
        db.dispose()
        other.dispose()
