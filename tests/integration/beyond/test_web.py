"""The branch-hosted phone page over real HTTP (uvicorn on 127.0.0.1): what it
shows in both languages, the ticket's own figures, its states, expiry with
the business day, no personal data, the rate limit, and the opt-in."""

from __future__ import annotations

import datetime as dt
import threading
import time

import httpx
import pytest
from sqlalchemy import select

import app.queue as q
from app.devices.printing import phone_link
from app.queue.estimate import estimate
from app.queue.snapshot import queue_snapshot
from app.settings import change_settings, get_settings
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models_beyond import NotifySubscription
from app.web.links import link_key, make_token, parse_token
from app.web.server import create_app
from app.web import sources
from app.web.sources import BranchSource
from tests.support.servers import ServerThread


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def site(branch_db, at):
    change_settings(branch_db, {"web.public_url": "https://q.example.cn/BR001", "notify.gateway": "recording"},
                    actor=SYSTEM, now=at(8, 1))
    clock = Clock(at(9, 10))
    source = BranchSource(branch_db, clock=clock)
    with ServerThread(create_app(source, poll_s=5, rate_per_min=600, trust_forwarded=True)) as srv:
        with httpx.Client(base_url=srv.url, timeout=10) as client:
            yield branch_db, client, clock, source
    source.close()


def path_of(db, ticket) -> str:  # type: ignore[no-untyped-def]
    url = phone_link(db, get_settings(db), ticket.uuid)
    assert url is not None and url.startswith("https://q.example.cn/BR001/t/")
    return url.removeprefix("https://q.example.cn/BR001")


def test_the_page_shows_the_tickets_own_figures_in_both_languages(site, at):
    db, client, clock, source = site
    q.open_window(db, window=3, actor=SYSTEM, now=at(9, 0))
    tickets = [q.issue_ticket(db, service="A", customer_name="张三丰", customer_phone="13812345678",
                              actor=SYSTEM, now=at(9, i)).ticket for i in range(1, 5)]
    me = tickets[3]
    page = client.get(path_of(db, me), headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert page.status_code == 200 and page.headers["content-language"] == "zh"
    assert "A004" in page.text and "个人业务" in page.text and "请耐心等候" in page.text
    want = estimate(queue_snapshot(db, at(9, 10)), service_id=1, ticket_id=me.id, queued_at=me.queued_at)
    data = client.get(path_of(db, me).replace("/t/", "/api/t/"), params={"lang": "en"}).json()
    assert (data["people_ahead"], data["wait_min"], data["wait_range_min"]) == \
        (want.people_ahead, want.minutes, [want.low, want.high])
    assert data["ahead_text"] == f"{want.people_ahead} ahead of you" and data["headline"] == "Please wait"
    english = client.get(path_of(db, me), headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Personal Banking" in english.text and "Text me when my turn nears" in english.text
    for shown in (page.text, english.text, str(data)):  # no personal data, not even masked
        assert "张" not in shown and "5678" not in shown and me.uuid not in shown
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/page.js").status_code == 200


def test_called_served_and_expired_with_the_business_day(site, at):
    db, client, clock, source = site
    q.open_window(db, window=3, actor=SYSTEM, now=at(9, 0))
    t = q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 1)).ticket
    api = path_of(db, t).replace("/t/", "/api/t/")
    assert client.get(api).json()["state"] == "waiting"
    q.call_next(db, window=3, actor=SYSTEM, now=at(9, 11))
    source.forget(t.uuid)
    called = client.get(api, params={"lang": "zh"}).json()
    assert (called["state"], called["window"], called["headline"]) == ("called", 3, "请到 3 号窗口")
    assert client.get(api, params={"lang": "en"}).json()["headline"] == "Go to window 3"
    q.finish(db, window=3, actor=SYSTEM, now=at(9, 20))
    source.forget(t.uuid)
    assert client.get(api, params={"lang": "en"}).json()["headline"] == "Served. Thank you for visiting"
    clock.now = at(9, 0) + dt.timedelta(days=1)  # the next business day: the link has expired
    source.forget(t.uuid)
    assert client.get(api, params={"lang": "en"}).json()["state"] == "expired"


def test_a_wrong_or_altered_link_is_not_found(site, at):
    db, client, clock, source = site
    t = q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 1)).ticket
    token = make_token(link_key(db), t.uuid)
    assert parse_token(link_key(db), token) == t.uuid
    # a character in the middle: the last one may carry only padding bits, which decoding ignores
    altered = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    for path in (f"/t/{altered}", f"/t/{t.uuid}", "/t/x", f"/api/t/{make_token(b'another-key', t.uuid)}"):
        r = client.get(path, params={"lang": "en"})
        assert r.status_code == 404 and "not valid" in r.text


def test_the_rate_limit_is_per_address(branch_db, at):
    source = BranchSource(branch_db, clock=lambda: at(9, 10))
    with ServerThread(create_app(source, rate_per_min=60, trust_forwarded=True)) as srv, \
            httpx.Client(base_url=srv.url) as client:
        codes = [client.get("/t/x", headers={"X-Forwarded-For": "10.0.0.1"}).status_code for _ in range(14)]
        assert codes[:10] == [404] * 10 and codes[-1] == 429  # a burst of ten, then one a second
        other = client.get("/t/x", headers={"X-Forwarded-For": "10.0.0.2, 172.16.0.1"})
        assert other.status_code == 404
        busy = client.get("/api/t/x?lang=en", headers={"X-Forwarded-For": "10.0.0.1"})
        assert busy.status_code == 429 and busy.json()["message"] == "Too many requests; please try again shortly"
        assert client.get("/healthz", headers={"X-Forwarded-For": "10.0.0.1"}).text == "ok"
    source.close()


def test_opting_in_from_the_page_records_the_consent(site, at):
    db, client, clock, source = site
    t = q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 1)).ticket
    api = path_of(db, t).replace("/t/", "/api/t/") + "/notify"
    refused = client.post(api, json={"phone": "13812345678", "consent": False}, params={"lang": "en"})
    assert refused.status_code == 400 and refused.json()["message"] == "Please tick the box to agree first"
    bad = client.post(api, json={"phone": "12", "consent": True}, params={"lang": "zh"})
    assert bad.status_code == 400 and bad.json()["message"] == "请核对手机号码"
    ok = client.post(api, json={"phone": "13812345678", "consent": True}, params={"lang": "en"})
    assert ok.status_code == 200
    with db.read() as s:
        sub = s.scalar(select(NotifySubscription))
    assert (sub.consent_via, sub.consent_at, sub.language, sub.phone_masked) == \
        ("phone_page", at(9, 10), "en", "*******5678")
    state = client.get(api.removesuffix("/notify")).json()
    assert state["subscribed"] is True and state["can_subscribe"] is False


def until(check, seconds: float = 8.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def test_a_call_from_another_pc_reaches_the_page_at_the_next_polls(site, at):
    """The page's process is told nothing: another PC's call still shows within a couple of seconds."""
    db, client, clock, source = site
    q.open_window(db, window=3, actor=SYSTEM, now=at(9, 0))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 1))
    me = q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 2)).ticket
    api = path_of(db, me).replace("/t/", "/api/t/")
    assert client.get(api).json()["people_ahead"] == 1
    other_pc = open_database(db.url, upgrade=False)
    try:
        q.call_next(other_pc, window=3, actor=SYSTEM, now=at(9, 5))
        assert until(lambda: client.get(api).json()["people_ahead"] == 0)
        q.call_next(other_pc, window=3, finish_current=True, actor=SYSTEM, now=at(9, 9))
        called = until(lambda: (r := client.get(api, params={"lang": "en"}).json())["state"] == "called" and r)
        assert called and called["headline"] == "Go to window 3"
    finally:
        other_pc.dispose()


def test_a_request_never_waits_for_the_queue_snapshot(branch_db, at, monkeypatch):
    """A slow read of the queue (a busy database) is the background thread's wait,
    not the phone's: the request answers from the last snapshot, the next ones
    from the new one."""
    from app.queue import snapshot

    q.open_window(branch_db, window=3, actor=SYSTEM, now=at(9, 0))
    q.issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 1))
    me = q.issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 2)).ticket
    source = BranchSource(branch_db, clock=lambda: at(9, 10))
    token = make_token(source.key, me.uuid)
    try:
        assert source.state(token).people_ahead == 1  # the process's first request reads the snapshot itself
        real, reading, release = snapshot.queue_snapshot, threading.Event(), threading.Event()

        def held_up(*args, **kwargs):  # type: ignore[no-untyped-def]
            reading.set()
            release.wait(30)  # the database busy until the test lets it go
            return real(*args, **kwargs)

        monkeypatch.setattr(snapshot, "queue_snapshot", held_up)
        q.call_next(branch_db, window=3, actor=SYSTEM, now=at(9, 5))
        assert reading.wait(10)  # the background thread has seen the queue move and is reading it
        source.forget(me.uuid)
        stale = source.state(token)  # answered while that read is still held up
        assert not release.is_set() and stale.people_ahead == 1
        release.set()
        assert until(lambda: source.state(token).people_ahead == 0)
    finally:
        source.close()


def test_the_background_reads_stop_when_no_phone_asks_and_on_close(branch_db, at, monkeypatch):
    monkeypatch.setattr(sources, "IDLE_S", 0.3)
    q.open_window(branch_db, window=3, actor=SYSTEM, now=at(9, 0))
    q.issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 1))
    me = q.issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 2)).ticket
    source = BranchSource(branch_db, clock=lambda: at(9, 10))
    token = make_token(source.key, me.uuid)
    assert source.state(token).people_ahead == 1
    thread = source._refresher
    assert thread is not None and thread.is_alive()
    thread.join(5)
    assert not thread.is_alive() and source._refresher is None  # idle: stopped
    q.call_next(branch_db, window=3, actor=SYSTEM, now=at(9, 5))
    source.forget(me.uuid)
    assert source.state(token).people_ahead == 0  # asked again: read afresh, and reading again
    restarted = source._refresher
    assert restarted is not None and restarted.is_alive()
    source.close()
    assert not restarted.is_alive()
