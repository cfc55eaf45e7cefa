"""What leaves the branch: every event type of the catalogue, produced by the
real service functions with personal data and free text in every field a
person fills, and then once more with every payload key filled with free
text, reaches a real head office without any of it; head office gets the
coded values."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

import app.complaints as cp
import app.queue as q
from app.alerts import acknowledge_alert, alert_board, check_alerts
from app.events import EventType
from app.ops.admin import save_service, save_window
from app.ops.setup import SetupRequest, _write_branch
from app.privacy.retention import erase_customer, purge
from app.privacy.rotation import rotate_key
from app.reports.endofday import close_and_report
from app.settings import change_settings
from app.staff.accounts import add_staff, reset_password, update_staff
from app.staff.roles import SYSTEM
from app.store.events import record_event
from app.sync.allowlist import ALLOWED
from app.sync.worker import SyncWorker
from tests.integration.sync.conftest import hq  # noqa: F401 (fixture)
from tests.integration.sync.support import new_branch

pytestmark = pytest.mark.postgres
D = dt.datetime


def secret(field: str) -> str:
    """Free text a person typed: findable at head office by its tag."""
    return f"机密{field}张三丰13912348765"


def _every_event_type(db, tmp_path, at, day) -> None:  # type: ignore[no-untyped-def]
    boss = add_staff(db, username="boss", password="boss-password", roles="manager", full_name=secret("staffname"),
                     actor=SYSTEM, now=at(8))
    update_staff(db, "boss", full_name=secret("staffname2"), actor=SYSTEM, now=at(8))
    reset_password(db, "boss", "another-password", actor=SYSTEM, now=at(8))
    _write_branch(db, SetupRequest(branch_code="BR7", branch_name_zh=secret("branchzh"),
                                   branch_name_en=secret("branchen"), admin_username="chief",
                                   admin_password="chief-password", admin_full_name=secret("adminname")), at(8))
    change_settings(db, {"lobby.notice": secret("notice"), "reports.folder": str(tmp_path / "reports"),
                         "reports.formats": ["json"]}, actor=SYSTEM, now=at(8))
    save_service(db, code="H", name_zh=secret("svczh"), name_en=secret("svcen"), target_wait_min=10,
                 actor=SYSTEM, now=at(8))
    save_window(db, number=7, name=secret("window"), service_codes=["A", "H"], actor=SYSTEM, now=at(8))

    def issue(minute: int):  # type: ignore[no-untyped-def]
        return q.issue_ticket(db, service="A", customer_name=secret("name"), customer_phone="13912348765",
                              need_note=secret("need"), actor=SYSTEM, now=at(9, minute)).ticket

    q.open_window(db, window=1, actor=SYSTEM, now=at(9))
    tickets = [issue(m) for m in range(11)]
    q.call_next(db, window=1, actor=SYSTEM, now=at(9, 10))
    q.recall(db, window=1, actor=SYSTEM, now=at(9, 11))
    q.no_show(db, window=1, actor=SYSTEM, now=at(9, 12))
    q.requeue_ticket(db, tickets[0].number, actor=SYSTEM, now=at(9, 13))
    served = q.call_next(db, window=1, actor=SYSTEM, now=at(9, 14))
    q.start_service(db, window=1, actor=SYSTEM, now=at(9, 15))
    q.finish(db, window=1, outcome=secret("outcome"), actor=SYSTEM, now=at(9, 20))
    q.rate_ticket(db, served.number, rating=5, actor=SYSTEM, now=at(9, 21))
    q.rate_ticket(db, served.number, rating=1, actor=SYSTEM, now=at(9, 21))  # an alert: raised, seen, cleared
    check_alerts(db, now=at(9, 21))
    acknowledge_alert(db, alert_board(db).open[0].id, actor=SYSTEM, now=at(9, 21))
    q.rate_ticket(db, served.number, rating=5, actor=SYSTEM, now=at(9, 21))
    check_alerts(db, now=at(9, 21))
    q.transfer_ticket(db, tickets[2].number, to_service="B", actor=SYSTEM, now=at(9, 22))
    q.cancel_ticket(db, tickets[3].number, reason=secret("cancel"), actor=SYSTEM, now=at(9, 23))
    for t, state in zip(tickets[4:10], ("printed", "failed", "not_printed", "voided", "screen_only", "simulated")):
        q.set_print_state(db, t.number, state=state, detail=secret("printdetail"), actor=SYSTEM, now=at(9, 24))
    q.pause_window(db, window=1, reason=secret("pause"), actor=SYSTEM, now=at(9, 25))
    q.resume_window(db, window=1, actor=SYSTEM, now=at(9, 26))
    q.close_window(db, window=1, actor=SYSTEM, now=at(9, 27))

    officer = SYSTEM
    cp.set_category(db, "leak", name_zh=secret("catzh"), name_en=secret("caten"), actor=SYSTEM, now=at(9, 30))
    c = cp.intake_complaint(db, kind="complaint", channel="counter", content=secret("content"),
                            customer_name=secret("cname"), customer_phone="13698761234",
                            customer_email="leak.person@example.com", teller=secret("teller"),
                            categories=["leak"], actor=officer, now=at(9, 31))
    ref = c.reference
    cp.set_receipt_print_state(db, ref, state="failed", detail=secret("receipt"), actor=officer, now=at(9, 31))
    cp.acknowledge(db, ref, note=secret("ack"), actor=officer, now=at(9, 32))
    cp.assign_case(db, ref, handler="boss", note=secret("assign"), actor=officer, now=at(9, 33))
    cp.start_handling(db, ref, note=secret("start"), actor=officer, now=at(9, 34))
    cp.pause_case(db, ref, reason="customer", note=secret("pausenote"), actor=officer, now=at(9, 35))
    cp.resume_case(db, ref, note=secret("resume"), actor=officer, now=at(9, 36))
    cp.add_note(db, ref, note=secret("note"), actor=officer, now=at(9, 37))
    cp.extend_limit(db, ref, reason=secret("extend"), actor=officer, now=at(9, 38))
    cp.resolve_case(db, ref, resolution=secret("answer"), actor=officer, now=at(9, 39))
    cp.notify_customer(db, ref, method="phone", note=secret("notify"), actor=officer, now=at(9, 40))
    cp.close_case(db, ref, satisfaction=2, note=secret("close"), actor=officer, now=at(9, 41))
    cp.reopen_case(db, ref, reason=secret("reopen"), actor=officer, now=at(9, 42))
    # A case whose deadline waits for the 2027 calendar, then gets it.
    cp.intake_complaint(db, kind="complaint", channel="phone", content=secret("late"), customer_phone="13500001111",
                        actor=officer, now=D(2026, 12, 30, 10))
    cp.set_calendar_override(db, dt.date(2027, 1, 1), kind="holiday", note=secret("holiday"), actor=SYSTEM,
                             now=D(2026, 12, 30, 11))

    _appointments_and_messages(db, at, tickets[10])
    close_and_report(db, day=day, actor=SYSTEM, now=at(18))  # expires what waits, writes the report
    rotate_key(db, actor=SYSTEM, now=D(2026, 12, 30, 12))
    erase_customer(db, phone="13698761234", actor=SYSTEM, now=D(2026, 12, 30, 13), purpose=secret("erase"))
    purge(db, actor=SYSTEM, now=D(2027, 1, 2, 9), backup_folder=None)


def _appointments_and_messages(db, at, waiting) -> None:  # type: ignore[no-untyped-def]
    """Issue 16's events, with a name, a phone and free text wherever a person types one."""
    from app.appointments import book_appointment, cancel_appointment, check_in, import_appointments, sweep_no_shows
    from app.appointments.importing import parse_text
    from app.notify import NotifyWorker, RecordingGateway, SendFailed, broadcast, subscribe

    def book(slot, ref):  # type: ignore[no-untyped-def]
        return book_appointment(db, service="B", slot=slot, name=secret("booked"), phone="13912348765",
                                reference=ref, actor=SYSTEM, now=at(8))

    book(at(9, 30), secret("ref1"))
    cancel_appointment(db, book(at(11, 0), None).reference, actor=SYSTEM, now=at(8, 1))
    came = book(at(10, 0), secret("ref2"))
    import_appointments(db, parse_text(f"reference,service,slot,name,phone\n{secret('ref3')},B,2026-11-23T15:00,"
                                       f"{secret('imported')},13912348765\n")[0], actor=SYSTEM, now=at(8, 2))
    sweep_no_shows(db, now=at(9, 41))
    check_in(db, came.reference, actor=SYSTEM, now=at(9, 55))

    class Down:
        def send(self, msg) -> None:  # type: ignore[no-untyped-def]
            raise SendFailed("http_500", True, secret("platform"))

        def close(self) -> None:
            pass

    change_settings(db, {"notify.gateway": "recording"}, actor=SYSTEM, now=at(9, 56))
    subscribe(db, waiting.number, phone="13912348765", consent=True, actor=SYSTEM, now=at(9, 57))
    broadcast(db, text_zh=secret("broadcast"), actor=SYSTEM, now=at(9, 58))
    for gateway, minute in ((Down(), 58), (RecordingGateway(), 59)):
        worker = NotifyWorker(db, gateway=gateway)
        worker.run_once(now=at(9, minute) if minute == 58 else at(10, 30))
        worker.close()
    broadcast(db, text_zh=secret("broadcast2"), actor=SYSTEM, now=at(10, 31))
    q.cancel_ticket(db, waiting.number, actor=SYSTEM, now=at(10, 32))
    worker = NotifyWorker(db, gateway=RecordingGateway())
    worker.run_once(now=at(10, 33))  # no longer true: skipped
    worker.close()


def _hq_dump(hq) -> str:  # type: ignore[no-untyped-def]
    tables = [r[0] for r in hq.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                    "AND tablename LIKE 'hq\\_%'")]
    return "\n".join(json.dumps(r[0], ensure_ascii=False) for t in tables
                     for r in hq.rows(f"SELECT row_to_json(x) FROM {t} x"))


def test_head_office_receives_no_personal_data_or_free_text_from_any_event_type(hq, tmp_path, at, day):  # noqa: F811
    b = new_branch(hq, tmp_path / "br7.sqlite3", "BR7", now=at(8, 0))
    try:
        _every_event_type(b.db, tmp_path, at, day)
        report = SyncWorker(b.db, b.cfg).run_once()
        assert report.ok and report.backlog == 0, report.error
    finally:
        b.db.dispose()
    sent = {r[0] for r in hq.rows("SELECT DISTINCT type FROM hq_events WHERE branch_code = 'BR7'")}
    assert sent == {t.value for t in EventType}  # the scenario produces every type of the catalogue
    dump = _hq_dump(hq)
    assert "机密" not in dump and "张三丰" not in dump and "13912348765" not in dump and "13698761234" not in dump
    assert "leak.person" not in dump
    # What head office needs did arrive, as codes.
    finished = hq.rows("SELECT payload FROM hq_events WHERE type = 'TicketFinished' ORDER BY branch_event_id")
    assert [p[0]["outcome"] for p in finished][:1] == ["other"]  # the teller's words stay at the branch
    assert set(finished[0][0]) == {"number", "window", "outcome"}
    paused = hq.one("SELECT payload FROM hq_events WHERE type = 'ComplaintPaused'")
    assert paused["reason"] == "customer" and paused["status"] == "paused"
    assert hq.one("SELECT count(*) FROM hq_tickets WHERE branch_code = 'BR7'") == 12  # 11 + a check-in


def test_every_allowed_key_filled_with_free_text_is_dropped(hq, tmp_path, at):  # noqa: F811
    assert set(ALLOWED) == set(EventType)  # every type has its allow-list
    b = new_branch(hq, tmp_path / "br8.sqlite3", "BR8", now=at(8, 0))
    personal = ("customer_name", "customer_phone", "name", "phone", "email", "content", "note", "notes",
                "detail", "reason", "outcome", "resolution", "full_name", "text", "files", "values", "purpose")
    try:
        with b.db.write() as s:
            for t in EventType:
                keys = set(ALLOWED[t]) | set(personal)
                payload = {k: secret(k) for k in keys} | {"nested": {"name": secret("nested")},
                                                        "list": [secret("list")]}
                record_event(s, t, at(9), payload=payload)
            # An older release stored a bare NaN in an event (sync configure --interval nan): it must
            # not stop the push for good.
            s.execute(text("INSERT INTO events (uuid, at, type, payload) VALUES "
                           "('00000000-0000-4000-8000-0000000000aa', '2026-11-23 09:00:00', 'SettingsChanged', "
                           "'{\"values\": {\"sync.interval_s\": NaN}, \"keys\": [\"sync.interval_s\"]}')"))
        assert SyncWorker(b.db, b.cfg).run_once().ok
    finally:
        b.db.dispose()
    dump = _hq_dump(hq)
    assert "机密" not in dump and "NaN" not in dump
    assert hq.one("SELECT count(*) FROM hq_events WHERE branch_code = 'BR8'") >= len(EventType)
