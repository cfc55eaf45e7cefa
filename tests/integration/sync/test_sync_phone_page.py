"""The phone page at head office: the branch's sync pushes each ticket's live
figures and its link's hash; the head-office page (a read-only login) shows
them with their age; head office hands bookings to the branch."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import httpx
import psycopg
import pytest

import app.queue as q
from app.appointments import list_appointments
from app.appointments.importing import parse_text
from app.devices.printing import phone_link
from app.settings import change_settings, get_settings
from app.staff.roles import SYSTEM
from app.sync.config import _libpq_url
from app.sync.hq import add_branch, put_setting
from app.sync.hq_beyond import add_web_login, put_appointments
from app.sync.worker import SyncWorker
from app.web.server import create_app
from app.web.sources import HqSource
from tests.support.servers import ServerThread

pytestmark = pytest.mark.postgres
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_head_office_page_shows_the_branchs_figures_with_their_age(hq, branches, at):
    b = branches("BR7")
    add_branch(hq.admin_url, "BR7", name="城中支行 City Centre")  # head office names its branches ...
    put_setting(hq.admin_url, "catalogue.services", [{"code": "A", "name_zh": "个人业务", "name_en": "Personal"}])
    change_settings(b.db, {"web.public_url": "https://q.bank.cn"}, actor=SYSTEM, now=at(8, 1))
    q.open_window(b.db, window=1, actor=SYSTEM, now=at(9, 0))
    tickets = [q.issue_ticket(b.db, service="A", customer_name="张三", customer_phone="13812345678", actor=SYSTEM,
                              now=at(9, i)).ticket for i in range(1, 4)]
    worker = SyncWorker(b.db, b.cfg, clock=lambda: at(9, 10))
    assert worker.run_once().ok
    live = hq.rows("SELECT number, status, people_ahead, wait_min, interval_s, token_hash FROM hq_ticket_live "
                   "WHERE branch_code = 'BR7' ORDER BY number")
    assert [(r[0], r[1]) for r in live] == [("A001", "waiting"), ("A002", "waiting"), ("A003", "waiting")]
    assert [r[2] for r in live] == [0, 1, 2] and all(r[3] is not None for r in live) and live[0][4] == 30
    columns = {r[0] for r in hq.rows("SELECT column_name FROM information_schema.columns "
                                     "WHERE table_name = 'hq_ticket_live'")}
    assert not columns & {"customer_name", "customer_phone", "need_note", "token"}  # the hash, never the link

    password = add_web_login(hq.admin_url, "phone_page_web")
    web_url = f"postgresql://phone_page_web:{password}@{hq.host}:{hq.port}/{hq.dbname}"
    seen_at = dt.datetime(2026, 11, 23, 9, 10, 40, tzinfo=SHANGHAI)
    source = HqSource(web_url, clock=lambda: seen_at)
    path = phone_link(b.db, get_settings(b.db), tickets[2].uuid).removeprefix("https://q.bank.cn")
    with ServerThread(create_app(source)) as srv, httpx.Client(base_url=srv.url) as client:
        data = client.get(path.replace("/t/", "/api/t/"), params={"lang": "en"}).json()
        assert (data["number"], data["state"], data["people_ahead"], data["hosted"]) == ("A003", "waiting", 2,
                                                                                        "head_office")
        assert data["freshness_text"] == "Head-office page: figures arrive about every 30 s; these are 40 s old"
        assert (data["branch"], data["service"]) == ("城中支行 City Centre", "Personal")  # ... and services
        page = client.get(path, headers={"Accept-Language": "zh-CN"})
        assert "总行页面" in page.text and "张" not in page.text and 'id="subscribe" class="card" hidden' in page.text
        opt_in = client.post(path.replace("/t/", "/api/t/") + "/notify", json={"phone": "13812345678",
                                                                                 "consent": True})
        assert opt_in.status_code == 404  # head office writes nothing

        q.call_next(b.db, window=1, actor=SYSTEM, now=at(9, 11))
        q.finish(b.db, window=1, actor=SYSTEM, now=at(9, 12))
        q.call_next(b.db, window=1, actor=SYSTEM, now=at(9, 13))
        q.finish(b.db, window=1, actor=SYSTEM, now=at(9, 14))
        q.call_next(b.db, window=1, actor=SYSTEM, now=at(9, 15))
        SyncWorker(b.db, b.cfg, clock=lambda: at(9, 15)).run_once()
    source.close()
    fresh = HqSource(web_url, clock=lambda: seen_at + dt.timedelta(minutes=5))
    state = fresh.state(path.split("/t/")[1])
    assert (state.state, state.window) == ("called", 1)
    next_day = HqSource(web_url, clock=lambda: dt.datetime(2026, 11, 24, 0, 0, 1, tzinfo=SHANGHAI))
    assert next_day.state(path.split("/t/")[1]).state == "expired"
    with psycopg.connect(_libpq_url(web_url)) as conn:  # the page's login reads nothing else
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM hq_complaints")
    for s in (fresh, next_day):
        s.close()


def test_head_office_hands_bookings_to_the_branch(hq, branches, at):
    b = branches("BR8")
    bookings, problems = parse_text("reference,service,slot,name,phone\n"
                                    "HQ-1,B,2026-11-23T10:00,赵六,13600001234\n"
                                    "HQ-2,E,2026-11-23T11:30,,\n")
    assert problems == []
    put_appointments(hq.admin_url, "br8", bookings)
    other = branches("BR9")
    SyncWorker(b.db, b.cfg, clock=lambda: at(9, 0)).run_once()
    SyncWorker(other.db, other.cfg, clock=lambda: at(9, 0)).run_once()
    rows = list_appointments(b.db, day=at(0).date())
    assert [(a.reference, a.service_code, a.slot_at, a.source) for a in rows] == [
        ("HQ-1", "B", at(10, 0), "head_office"), ("HQ-2", "E", at(11, 30), "head_office")]
    assert rows[0].customer_phone_masked == "*******1234"
    assert list_appointments(other.db, day=at(0).date()) == []  # another branch's bookings stay hidden
    # Moved at head office: the next round moves it here; an unchanged one is not read again.
    put_appointments(hq.admin_url, "BR8", parse_text("reference,service,slot\nHQ-2,E,2026-11-23T14:00\n")[0])
    SyncWorker(b.db, b.cfg, clock=lambda: at(9, 5)).run_once()
    assert {a.reference: a.slot_at for a in list_appointments(b.db, day=at(0).date())} == {
        "HQ-1": at(10, 0), "HQ-2": at(14, 0)}


def test_a_branch_back_after_a_morning_offline_pushes_the_links_of_tickets_served_meanwhile(hq, branches, at):
    b = branches("BR6")
    change_settings(b.db, {"web.public_url": "https://q.bank.cn"}, actor=SYSTEM, now=at(8, 1))
    q.open_window(b.db, window=1, actor=SYSTEM, now=at(9, 0))
    served = q.issue_ticket(b.db, service="A", actor=SYSTEM, now=at(9, 1)).ticket
    waiting = q.issue_ticket(b.db, service="A", actor=SYSTEM, now=at(9, 2)).ticket
    q.call_next(b.db, window=1, actor=SYSTEM, now=at(9, 3))
    q.finish(b.db, window=1, actor=SYSTEM, now=at(9, 8))
    assert SyncWorker(b.db, b.cfg, clock=lambda: at(11, 0)).run_once().ok  # the day's first round, at eleven
    password = add_web_login(hq.admin_url, "phone_page_web6")
    source = HqSource(f"postgresql://phone_page_web6:{password}@{hq.host}:{hq.port}/{hq.dbname}",
                      clock=lambda: dt.datetime(2026, 11, 23, 11, 0, 20, tzinfo=SHANGHAI))
    try:
        shown = {t.number: source.state(phone_link(b.db, get_settings(b.db), t.uuid).split("/t/")[1])
                 for t in (served, waiting)}
        assert (shown["A001"].state, shown["A002"].state, shown["A002"].people_ahead) == ("served", "waiting", 0)
        # Head office's server drops the page's connections (a restart, a failover): the next poll still answers.
        with psycopg.connect(_libpq_url(hq.admin_url), autocommit=True) as admin:
            dropped = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                    "WHERE usename = 'phone_page_web6'").fetchone()[0]
        assert dropped >= 1
        source.forget_all()
        assert source.state(phone_link(b.db, get_settings(b.db), waiting.uuid).split("/t/")[1]).state == "waiting"
    finally:
        source.close()
