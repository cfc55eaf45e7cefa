"""Messages through a fake SMS platform on 127.0.0.1: at N ahead and on call,
a crash between send and record, the platform down for an hour, the daily cap
per phone, a broadcast, erasure, and a hung platform that never holds the queue."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select, text

import app.queue as q
from app.events import EventType
from app.notify import NotifyWorker, broadcast, claim, subscribe
from app.notify.gateways import HttpGateway
from app.notify.outbox import LEASE
from app.privacy.retention import erase_customer
from app.settings import change_settings
from app.staff.roles import SYSTEM
from app.store.models import Event
from app.store.models_beyond import NotifyMessage, NotifySubscription
from tests.support.servers import FakeSms, ServerThread

PHONE = "13812345678"


@pytest.fixture
def platform(tmp_path):
    fake = FakeSms(secret=b"s3cret-shared-with-the-platform")
    with ServerThread(fake.app()) as srv:
        fake.url = f"{srv.url}/sms"  # type: ignore[attr-defined]
        yield fake


def configure(db, platform, at, tmp_path, **extra):  # type: ignore[no-untyped-def]
    secret = tmp_path / "sms.secret"
    secret.write_bytes(platform.secret)
    secret.chmod(0o600)
    change_settings(db, {"notify.gateway": "http", "notify.http_url": platform.url, "notify.ahead": 2,
                         "notify.http_secret_file": str(secret), **extra}, actor=SYSTEM, now=at(8, 1))


def queue_of(db, at, n: int, service: str = "A"):  # type: ignore[no-untyped-def]
    return [q.issue_ticket(db, service=service, actor=SYSTEM, now=at(9, i + 1)).ticket for i in range(n)]


def one_called_with_messages(db, at, language: str = "zh_CN"):  # type: ignore[no-untyped-def]
    """A001, whose customer asked for messages at 9:02, called at window 1 at 9:03."""
    q.open_window(db, window=1, actor=SYSTEM, now=at(9, 0))
    t = queue_of(db, at, 1)[0]
    subscribe(db, t.number, phone=PHONE, consent=True, language=language, actor=SYSTEM, now=at(9, 2))
    q.call_next(db, window=1, actor=SYSTEM, now=at(9, 3))
    return t


def events(db, kind: EventType) -> list[dict]:
    with db.read() as s:
        return [e.payload for e in s.scalars(select(Event).where(Event.type == kind.value).order_by(Event.id))]


def test_a_message_at_n_ahead_and_one_when_called(lobby, platform, at, tmp_path):
    configure(lobby, platform, at, tmp_path)
    q.open_window(lobby, window=1, actor=SYSTEM, now=at(9, 0))
    tickets = queue_of(lobby, at, 5)
    sub = subscribe(lobby, tickets[4].number, phone="138 1234 5678", consent=True, actor=SYSTEM, now=at(9, 6))
    assert (sub.phone_masked, sub.consent_at, sub.via) == ("*******5678", at(9, 6), "greeter")
    worker = NotifyWorker(lobby)
    try:
        worker.run_once(now=at(9, 7))
        assert platform.texts_to(PHONE) == []  # four ahead: nothing yet
        for i in range(2):
            q.call_next(lobby, window=1, finish_current=True, actor=SYSTEM, now=at(9, 10 + i))
            worker.run_once(now=at(9, 10 + i))
        assert platform.texts_to(PHONE) == [f"【示范银行 城中支行】您的号码A005前面还有2人，约"
                                            f"{platform.texts_to(PHONE)[0].split('约')[1]}"]
        assert "前面还有2人" in platform.texts_to(PHONE)[0] and "分钟" in platform.texts_to(PHONE)[0]
        q.call_next(lobby, window=1, finish_current=True, actor=SYSTEM, now=at(9, 12))
        worker.run_once(now=at(9, 12))
        assert len(platform.texts_to(PHONE)) == 1  # one "ahead" message, however often the worker looks
        for i in range(2):
            q.call_next(lobby, window=1, finish_current=True, actor=SYSTEM, now=at(9, 13 + i))
        worker.run_once(now=at(9, 15))
        worker.run_once(now=at(9, 16))
    finally:
        worker.close()
    assert platform.texts_to(PHONE)[1:] == ["【示范银行 城中支行】请A005号到1号窗口办理。"]
    assert platform.bad_signatures == 0
    with lobby.read() as s:
        ids = {m.uuid for m in s.scalars(select(NotifyMessage))}
        row = s.scalar(select(NotifySubscription))
        raw_phone = s.execute(text("SELECT phone FROM notify_subscriptions")).scalar_one()
    assert {r["key"] for r in platform.received} == ids  # the idempotency key is the message id
    assert PHONE not in raw_phone and row.consent_at == at(9, 6) and row.consent_via == "greeter"
    assert [(e["kind"], e["attempts"]) for e in events(lobby, EventType.NOTIFY_SENT)] == [("ahead", 1), ("called", 1)]
    assert events(lobby, EventType.NOTIFY_SUBSCRIBED) == [{"number": "A005", "via": "greeter", "language": "zh_CN",
                                                           "ahead": 2}]


def test_english_and_a_form_template(branch_db, platform, at, tmp_path):
    configure(branch_db, platform, at, tmp_path, **{"notify.http_format": "form", "notify.http_template": {
        "phone": "{phone}", "text": "{text}", "ref": "{message_id}"}})
    one_called_with_messages(branch_db, at, language="en")
    worker = NotifyWorker(branch_db)
    worker.run_once(now=at(9, 3))
    worker.close()
    texts = [r["text"] for r in platform.received]
    assert [x.replace("+", " ").replace("%2C", ",").replace("%5B", "[").replace("%5D", "]") for x in texts][-1] == \
        "[Demo Bank, City Centre Branch] Ticket A001, please go to window 1."


def test_no_message_without_consent(branch_db, platform, at, tmp_path):
    from app.errors import InvalidInput

    configure(branch_db, platform, at, tmp_path)
    t = queue_of(branch_db, at, 1)[0]
    with pytest.raises(InvalidInput, match="only with the customer's consent"):
        subscribe(branch_db, t.number, phone=PHONE, consent=False, actor=SYSTEM, now=at(9, 2))


def test_a_crash_between_send_and_record_sends_no_duplicate(branch_db, platform, at, tmp_path):
    """The platform deduplicates by the message id (settled question 10)."""
    platform.dedupe = True
    configure(branch_db, platform, at, tmp_path)
    one_called_with_messages(branch_db, at)
    from app.notify.outbox import scan

    assert scan(branch_db, now=at(9, 3)) == 1
    claimed = claim(branch_db, now=at(9, 3))
    gateway = HttpGateway(platform.url, template={"phone": "{phone}", "text": "{text}"},
                          signature_header="X-BranchDesk-Signature", secret=platform.secret)
    gateway.send(claimed[0].message)  # the platform has it ... and the process dies before recording it
    gateway.close()
    worker = NotifyWorker(branch_db)
    try:
        assert worker.run_once(now=at(9, 3, 30)).sent == 0  # its lease still runs
        report = worker.run_once(now=at(9, 3) + LEASE + dt.timedelta(seconds=1))
    finally:
        worker.close()
    assert report.sent == 1 and platform.requests == 2
    assert platform.texts_to(PHONE) == ["【示范银行 城中支行】请A001号到1号窗口办理。"]  # once
    with branch_db.read() as s:
        assert [(m.state, m.attempts) for m in s.scalars(select(NotifyMessage))] == [("sent", 2)]


def test_without_dedupe_at_the_platform_a_crash_may_repeat_one_message(branch_db, platform, at, tmp_path):
    """At least once: the same message id arrives twice, and the docs say so."""
    configure(branch_db, platform, at, tmp_path)
    one_called_with_messages(branch_db, at)
    from app.notify.outbox import scan

    scan(branch_db, now=at(9, 3))
    c = claim(branch_db, now=at(9, 3))[0]
    g = HttpGateway(platform.url, template={"phone": "{phone}", "text": "{text}"},
                    signature_header="X-BranchDesk-Signature", secret=platform.secret)
    g.send(c.message)
    g.close()
    worker = NotifyWorker(branch_db)
    worker.run_once(now=at(9, 5))
    worker.close()
    assert [r["key"] for r in platform.received] == [c.message.message_id] * 2


def test_the_platform_down_for_an_hour_then_caught_up(branch_db, platform, at, tmp_path):
    configure(branch_db, platform, at, tmp_path, **{"notify.ahead": 3})
    q.open_window(branch_db, window=1, actor=SYSTEM, now=at(9, 0))
    tickets = queue_of(branch_db, at, 8)
    phones = {t.number: f"1390000{i:04d}" for i, t in enumerate(tickets)}
    for t in tickets:
        subscribe(branch_db, t.number, phone=phones[t.number], consent=True, actor=SYSTEM, now=at(9, 10))
    platform.down = True
    worker = NotifyWorker(branch_db)
    start = at(9, 10)
    try:
        for minute in range(60):  # an hour: the queue moves on, every send fails
            now = start + dt.timedelta(minutes=minute)
            if minute % 12 == 0:
                q.call_next(branch_db, window=1, finish_current=True, actor=SYSTEM, now=now)
            worker.run_once(now=now)
        assert platform.received == [] and platform.requests > 0
        platform.down = False
        back = start + dt.timedelta(minutes=60)
        for second in range(0, 6 * 60, 30):  # the longest backoff is five minutes
            worker.run_once(now=back + dt.timedelta(seconds=second))
    finally:
        worker.close()
    with branch_db.read() as s:
        states = {(m.kind, m.state) for m in s.scalars(select(NotifyMessage))}
        status = {t.number: t.status for t in (q.get_ticket(branch_db, x.number, now=back) for x in tickets)}
    assert not {st for _, st in states} & {"pending", "sending"}  # caught up: nothing left waiting
    got = {number: platform.texts_to(phone) for number, phone in phones.items()}
    # Called while the platform was down and still at the window: "go to window 1"; the ones
    # served meanwhile get nothing (no longer true); the waiting ones their "ahead" message once.
    assert got["A005"] == ["【示范银行 城中支行】请A005号到1号窗口办理。"] and status["A005"] == "called"
    assert all(got[n] == [] for n in ("A001", "A002", "A003", "A004"))
    assert all(len(got[n]) == 1 and "前面还有" in got[n][0] for n in ("A006", "A007", "A008"))
    failed = events(branch_db, EventType.NOTIFY_FAILED)
    assert failed and all(e["error"] == "http_503" and e["final"] is False for e in failed)
    assert {e["reason"] for e in events(branch_db, EventType.NOTIFY_SKIPPED)} == {"stale"}


def test_the_daily_cap_per_phone(branch_db, platform, at, tmp_path):
    configure(branch_db, platform, at, tmp_path, **{"notify.daily_cap": 3})
    q.open_window(branch_db, window=1, actor=SYSTEM, now=at(9, 0))
    tickets = queue_of(branch_db, at, 3)
    for t in tickets:  # one customer, three tickets (and the same number)
        subscribe(branch_db, t.number, phone=PHONE, consent=True, actor=SYSTEM, now=at(9, 5))
    worker = NotifyWorker(branch_db)
    try:
        worker.run_once(now=at(9, 6))  # three "ahead" messages
        broadcast(branch_db, text_zh="系统故障，请稍候", text_en="System fault, please wait", actor=SYSTEM,
                  now=at(9, 7))
        worker.run_once(now=at(9, 7))
    finally:
        worker.close()
    assert len(platform.texts_to(PHONE)) == 3
    assert [e["reason"] for e in events(branch_db, EventType.NOTIFY_SKIPPED)] == ["capped"] * 3
    with branch_db.read() as s:
        assert sorted(m.state for m in s.scalars(select(NotifyMessage))) == ["capped"] * 3 + ["sent"] * 3


def test_a_broadcast_reaches_everyone_waiting_in_their_language(lobby, platform, at, tmp_path):
    configure(lobby, platform, at, tmp_path, **{"notify.ahead": 1})
    q.open_window(lobby, window=1, actor=SYSTEM, now=at(9, 0))
    a1, a2, a3 = queue_of(lobby, at, 3)
    subscribe(lobby, a1.number, phone="13900000001", consent=True, language="en", actor=SYSTEM, now=at(9, 4))
    subscribe(lobby, a3.number, phone="13900000003", consent=True, actor=SYSTEM, now=at(9, 4))
    q.call_next(lobby, window=1, actor=SYSTEM, now=at(9, 5))
    q.finish(lobby, window=1, actor=SYSTEM, now=at(9, 6))  # A001 served: no broadcast for them
    assert broadcast(lobby, text_zh="系统故障，请稍候", text_en="System fault, please wait", actor=SYSTEM,
                     now=at(9, 7)) == 1
    worker = NotifyWorker(lobby)
    worker.run_once(now=at(9, 7))
    worker.close()
    assert "系统故障，请稍候" in platform.texts_to("13900000003")  # beside its "ahead" message
    assert "System fault, please wait" not in platform.texts_to("13900000001")
    assert events(lobby, EventType.NOTIFY_BROADCAST) == [{"recipients": 1}]


def test_erasing_a_customer_erases_the_phone_and_drops_their_messages(branch_db, platform, at, tmp_path):
    configure(branch_db, platform, at, tmp_path)
    one_called_with_messages(branch_db, at)
    from app.notify.outbox import scan

    scan(branch_db, now=at(9, 3))
    r = erase_customer(branch_db, phone=PHONE, actor=SYSTEM, now=at(9, 4))
    assert r.subscriptions == 1
    worker = NotifyWorker(branch_db)
    worker.run_once(now=at(9, 5))
    worker.close()
    assert platform.received == []
    with branch_db.read() as s:
        sub = s.scalar(select(NotifySubscription))
        assert (sub.phone, sub.phone_masked, sub.phone_index) == (None, None, None)
        assert sub.personal_erased_at == at(9, 4)
    assert [e["reason"] for e in events(branch_db, EventType.NOTIFY_SKIPPED)] == ["erased"]


def test_a_hung_platform_never_holds_the_queue(branch_db, at, tmp_path):
    """While a send hangs in the worker, the greeter issues and the teller calls."""
    release, entered = threading.Event(), threading.Event()

    class Hanging:
        def send(self, msg) -> None:  # type: ignore[no-untyped-def]
            entered.set()
            release.wait(30)

        def close(self) -> None:
            pass

    change_settings(branch_db, {"notify.gateway": "recording"}, actor=SYSTEM, now=at(8, 1))
    one_called_with_messages(branch_db, at)
    worker = NotifyWorker(branch_db, gateway=Hanging())
    round_ = threading.Thread(target=worker.run_once, kwargs={"now": at(9, 3)})
    round_.start()
    assert entered.wait(10)
    try:  # the send is in flight, outside any transaction
        issued = q.issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 4))
        q.finish(branch_db, window=1, actor=SYSTEM, now=at(9, 5))
        called = q.call_next(branch_db, window=1, actor=SYSTEM, now=at(9, 6))
        assert called.number == issued.ticket.number
    finally:
        release.set()
        round_.join(30)
        worker.close()
