"""Appointments: booking and capacity, idempotent import, check-in early, on
time and late, the calling order among walk-ins and priorities, no-shows and
the daily report's section, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading

import pytest

import app.queue as q
from app.appointments import (
    SlotFull,
    book_appointment,
    cancel_appointment,
    check_in,
    find_for_checkin,
    import_appointments,
    list_appointments,
    parse_file,
    slot_table,
    sweep_no_shows,
    upcoming,
)
from app.appointments.errors import AppointmentError
from app.errors import InvalidInput
from app.reports.daily import build_daily
from app.reports.export import to_csv, to_json_data
from app.settings import change_settings
from app.staff.roles import SYSTEM


def book(db, at, slot, service="B", **kw):  # type: ignore[no-untyped-def]
    return book_appointment(db, service=service, slot=slot, actor=SYSTEM, now=at(8, 5), **kw)


def test_a_slot_takes_its_capacity_and_no_more(lobby, at):
    change_settings(lobby, {"appointments.capacity": {"*": 2, "B@11:00": 1}}, actor=SYSTEM, now=at(8, 1))
    first = book(lobby, at, at(10, 30), name="张三", phone="13812345678")
    book(lobby, at, at(10, 30))
    with pytest.raises(SlotFull, match="Service B has no place left at 2026-11-23 10:30 \\(2 of 2 booked\\)"):
        book(lobby, at, at(10, 30))
    book(lobby, at, at(11, 0))
    with pytest.raises(SlotFull, match="1 of 1"):
        book(lobby, at, at(11, 0))
    with pytest.raises(InvalidInput, match="10:40 is not a slot: slots start at 09:00 and every 30 minutes"):
        book(lobby, at, at(10, 40))
    with pytest.raises(InvalidInput, match="has passed"):
        book(lobby, at, at(8, 0))
    assert first.reference == "AP-20261123-0001"
    assert (first.customer_name_masked, first.customer_phone_masked) == ("张*", "*******5678")
    cancel_appointment(lobby, first.reference, actor=SYSTEM, now=at(8, 10))
    book(lobby, at, at(10, 30))  # the cancelled place is free again
    rows = {r.slot_at: (r.booked, r.capacity) for r in slot_table(lobby, day=at(0).date(), service="B")}
    assert rows[at(10, 30)] == (2, 2) and rows[at(11, 0)] == (1, 1) and rows[at(9, 0)] == (0, 2)


@pytest.mark.postgres
def test_two_pcs_booking_the_last_place_at_once_get_one_booking(pg_url, at):
    from app.queue import init_catalogue
    from app.store import open_database

    dbs = [open_database(pg_url) for _ in range(2)]
    init_catalogue(dbs[0], actor=SYSTEM, now=at(8, 0))
    change_settings(dbs[0], {"appointments.capacity": {"*": 1}}, actor=SYSTEM, now=at(8, 1))
    barrier, results = threading.Barrier(2), []

    def take(db) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        try:
            results.append(book(db, at, at(14, 0)).reference)
        except SlotFull as exc:
            results.append(exc.message)

    threads = [threading.Thread(target=take, args=(db,)) for db in dbs]
    [t.start() for t in threads]
    [t.join(30) for t in threads]
    for db in dbs:
        db.dispose()
    assert sorted(r.startswith("AP-") for r in results) == [False, True]


def test_import_is_idempotent_by_the_bookings_own_reference(branch_db, at, tmp_path):
    csv_file = tmp_path / "bookings.csv"
    csv_file.write_text("reference,service,slot,name,phone\n"
                        "BK-1,B,2026-11-23T10:00,王五,13900001111\n"
                        "BK-2,E,2026-11-23 10:30,李四,13900002222\n"
                        "BK-3,B,2026-11-23T11:00,,\n"
                        "BK-4,B,tomorrow,,\n"
                        "BK-5,Z,2026-11-23T11:00,,\n", encoding="utf-8")
    bookings, problems = parse_file(csv_file)
    first = import_appointments(branch_db, bookings, actor=SYSTEM, now=at(8, 30), problems=problems)
    assert (first.created, first.updated, first.unchanged, first.refused) == (3, 0, 0, 2)
    assert [line for line, _ in first.problems] == [5, 6]
    assert "'tomorrow' is not a time" in first.problems[0][1] and "no service with code 'Z'" in first.problems[1][1]

    again = import_appointments(branch_db, parse_file(csv_file)[0], actor=SYSTEM, now=at(8, 31))
    assert (again.created, again.updated, again.unchanged, again.refused) == (0, 0, 3, 1)  # Z still unknown

    # The booking system moves one and cancels another; the file is JSON with Chinese keys this time.
    later = tmp_path / "bookings.json"
    later.write_text(json.dumps([
        {"预约号": "BK-1", "业务": "B", "预约时间": "2026-11-23T15:00"},
        {"预约号": "BK-2", "业务": "E", "预约时间": "2026-11-23T10:30", "状态": "已取消"},
        {"预约号": "BK-3", "业务": "B", "预约时间": "2026-11-23T11:00"}], ensure_ascii=False), encoding="utf-8")
    moved = import_appointments(branch_db, parse_file(later)[0], actor=SYSTEM, now=at(8, 40))
    assert (moved.created, moved.updated, moved.unchanged) == (0, 2, 1)
    rows = {a.reference: (a.service_code, a.slot_at, a.status) for a in list_appointments(branch_db, day=at(0).date())}
    assert rows == {"BK-1": ("B", at(15, 0), "booked"), "BK-2": ("E", at(10, 30), "cancelled"),
                    "BK-3": ("B", at(11, 0), "booked")}
    # A booking cancelled at the branch stays cancelled when the first file comes again.
    cancel_appointment(branch_db, "BK-3", actor=SYSTEM, now=at(8, 45))
    import_appointments(branch_db, parse_file(later)[0], actor=SYSTEM, now=at(8, 50))
    assert {a.reference: a.status for a in list_appointments(branch_db, day=at(0).date())}["BK-3"] == "cancelled"


def test_check_in_on_time_early_and_late(lobby, at):
    q.open_window(lobby, window=4, actor=SYSTEM, now=at(9, 0))
    on_time = book(lobby, at, at(10, 30), name="张三", phone="13812345678")
    early = book(lobby, at, at(11, 0), name="李四", phone="13900005678")
    late = book(lobby, at, at(10, 0), name="王五", phone="13700009999")

    found = find_for_checkin(lobby, last4="5678", initial="张", now=at(10, 20))
    assert [a.reference for a in found] == [on_time.reference]
    c = check_in(lobby, on_time.reference, actor=SYSTEM, now=at(10, 20))
    assert (c.how, c.priority, c.issued.ticket.priority, c.reason_en) == ("on_time", True, "appointment", None)
    assert c.appointment.status == "checked_in" and c.appointment.ticket_number == c.issued.ticket.number

    e = check_in(lobby, early.reference, actor=SYSTEM, now=at(10, 21))
    assert (e.how, e.issued.ticket.priority) == ("early", "normal")
    assert e.reason_en == ("More than 15 minutes before the 11:00 appointment: a normal ticket now, "
                           "or an appointment ticket from 10:45.")
    assert "10:45" in e.reason_zh

    x = check_in(lobby, late.reference, actor=SYSTEM, now=at(10, 22))
    assert (x.how, x.issued.ticket.priority) == ("late", "normal")
    assert x.reason_en == "More than 10 minutes after the 10:00 appointment (until 10:10): a normal ticket."

    with pytest.raises(AppointmentError, match="checked in already"):
        check_in(lobby, on_time.reference, actor=SYSTEM, now=at(10, 23))
    # The booking's QR code holds its reference.
    scan = book(lobby, at, at(11, 30))
    assert check_in(lobby, f"BRANCHDESK-APPT:{scan.reference}", actor=SYSTEM, now=at(11, 25)).how == "on_time"


def test_appointments_are_called_by_slot_within_the_priority_ratio(lobby, at):
    """Window 4 serves B; priority ratio 2. The slot orders appointments among
    the priority customers; a normal customer still comes after two priority calls."""
    q.open_window(lobby, window=4, actor=SYSTEM, now=at(9, 0))
    slot_1030 = book(lobby, at, at(10, 30))
    slot_1000 = book(lobby, at, at(10, 0))
    n1 = q.issue_ticket(lobby, service="B", actor=SYSTEM, now=at(10, 1)).ticket.number
    n2 = q.issue_ticket(lobby, service="B", actor=SYSTEM, now=at(10, 2)).ticket.number
    v1 = q.issue_ticket(lobby, service="B", priority="vip", actor=SYSTEM, now=at(10, 5)).ticket.number
    late = check_in(lobby, slot_1000.reference, actor=SYSTEM, now=at(10, 8))  # 8 minutes late: still its slot
    early = check_in(lobby, slot_1030.reference, actor=SYSTEM, now=at(10, 16))  # 14 minutes early: its window
    assert (late.how, early.how) == ("on_time", "on_time")
    called = [q.call_next(lobby, window=4, finish_current=True, actor=SYSTEM, now=at(10, 20 + i)).number
              for i in range(5)]
    # The 10:00 appointment (checked in at 10:08) comes before the VIP who queued at 10:05; the 10:30
    # appointment (checked in at 10:16) after it; after two priority calls a normal one goes first.
    assert called == [late.issued.ticket.number, v1, n1, early.issued.ticket.number, n2]


def test_an_appointment_put_back_after_a_no_show_goes_to_the_back(lobby, at):
    """Its slot placed it at check-in; once it was called and did not come,
    "back in the queue" means behind those who waited meanwhile, as for anyone."""
    q.open_window(lobby, window=4, actor=SYSTEM, now=at(9, 0))
    slot = book(lobby, at, at(10, 0))
    came = check_in(lobby, slot.reference, actor=SYSTEM, now=at(9, 58))
    assert came.how == "on_time"
    a = came.issued.ticket.number
    vip = q.issue_ticket(lobby, service="B", priority="vip", actor=SYSTEM, now=at(10, 1)).ticket.number
    assert q.call_next(lobby, window=4, actor=SYSTEM, now=at(10, 2)).number == a
    q.no_show(lobby, window=4, actor=SYSTEM, now=at(10, 4))
    q.requeue_ticket(lobby, a, actor=SYSTEM, now=at(10, 5))
    called = [q.call_next(lobby, window=4, finish_current=True, actor=SYSTEM, now=at(10, 6 + i)).number
              for i in range(2)]
    assert called == [vip, a]  # by its slot (10:00) it would have gone before the VIP of 10:01


def test_no_shows_and_the_report_section(lobby, at):
    q.open_window(lobby, window=4, actor=SYSTEM, now=at(9, 0))
    gone = book(lobby, at, at(9, 30))
    came = book(lobby, at, at(10, 0))
    coming = book(lobby, at, at(16, 0))
    cancelled = book(lobby, at, at(15, 0))
    cancel_appointment(lobby, cancelled.reference, actor=SYSTEM, now=at(9, 0))
    assert sweep_no_shows(lobby, now=at(9, 40)) == 0  # its window lasts until 09:40
    assert sweep_no_shows(lobby, now=at(9, 41)) == 1
    assert sweep_no_shows(lobby, now=at(9, 42)) == 0
    c = check_in(lobby, came.reference, actor=SYSTEM, now=at(9, 55))
    q.call_next(lobby, window=4, actor=SYSTEM, now=at(10, 7))
    up = upcoming(lobby, now=at(10, 10))
    assert [(u.code, [(s.slot_at, s.booked) for s in u.slots]) for u in up] == [("B", [(at(16, 0), 1)])]

    report = build_daily(lobby, at(0).date(), now=at(12, 0))
    a = report.appointments
    assert (a.booked, a.checked_in, a.on_time, a.no_show, a.cancelled, a.still_to_come) == (3, 1, 1, 1, 1, 1)
    assert (a.wait_after_checkin_avg_min, a.wait_after_checkin_p90_min) == (12.0, 12.0)  # 09:55 -> 10:07
    data = to_json_data(report)["appointments"]
    assert data["no_show"] == 1 and data["services"][0]["code"] == "B"
    csv_text = to_csv(report)
    assert "# appointments" in csv_text
    assert 'wait_after_checkin_avg_min,"签到后平均等候(分) Wait after check-in, average (min)",12.0' in csv_text
    assert any(line.startswith("预约：") for line in report.definitions)
    assert c.issued.ticket.number in {t.number for t in q.recent_tickets(lobby, now=at(10, 10), limit=5)}
    del gone, coming


def test_a_day_without_appointments_has_no_section(branch_db, at):
    q.issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    report = build_daily(branch_db, at(0).date(), now=at(12, 0))
    assert report.appointments is None and "# appointments" not in to_csv(report)
