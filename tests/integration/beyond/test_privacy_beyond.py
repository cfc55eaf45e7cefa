"""The phone numbers and names of appointments and message subscriptions are
personal data like a ticket's: sealed at rest, re-encrypted by a key rotation,
erased after the retention period and on a customer's request."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

import app.queue as q
from app.appointments import book_appointment, find_for_checkin
from app.notify import subscribe
from app.privacy.personal import open_fields
from app.privacy.retention import erase_customer, purge
from app.privacy.rotation import rotate_key, stale_rows
from app.settings import change_settings
from app.staff.roles import SYSTEM
from app.store.models_beyond import Appointment, NotifySubscription


def test_sealed_rotated_purged_and_erased(branch_db, at):
    change_settings(branch_db, {"notify.gateway": "recording"}, actor=SYSTEM, now=at(8, 1))
    book_appointment(branch_db, service="B", slot=at(10, 0), name="张三丰", phone="13812345678", actor=SYSTEM,
                     now=at(8, 2))
    later = book_appointment(branch_db, service="B", slot=at(10, 0) + dt.timedelta(days=40), name="李四",
                             phone="13900009999", actor=SYSTEM, now=at(8, 3))
    t = q.issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0)).ticket
    subscribe(branch_db, t.number, phone="13812345678", consent=True, actor=SYSTEM, now=at(9, 1))
    with branch_db.read() as s:
        raw = s.execute(text("SELECT customer_name || customer_phone FROM appointments UNION ALL "
                             "SELECT phone FROM notify_subscriptions")).scalars().all()
    assert raw and not any("张三丰" in r or "13812345678" in r or "13900009999" in r for r in raw)

    rotate_key(branch_db, actor=SYSTEM, now=at(9, 2))
    assert stale_rows(branch_db) == 0
    with branch_db.read() as s:
        a = s.scalar(select(Appointment).where(Appointment.reference == later.reference))
        assert open_fields(s, a, "appointments") == {"customer_name": "李四", "customer_phone": "13900009999"}
        sub = s.scalar(select(NotifySubscription))
        assert open_fields(s, sub, "notify_subscriptions") == {"phone": "13812345678"}
    # Found by the phone's index after the rotation, as a customer's erasure request finds it.
    assert [x.reference for x in find_for_checkin(branch_db, last4="9999", initial="李",
                                                  now=at(10, 0) + dt.timedelta(days=40))] == [later.reference]

    r = purge(branch_db, actor=SYSTEM, now=at(9, 0) + dt.timedelta(days=31), backup_folder=None)
    assert (r.appointments, r.subscriptions) == (1, 1)  # today's; the booking 40 days ahead is kept
    erased = erase_customer(branch_db, phone="139 0000 9999", actor=SYSTEM, now=at(9, 0) + dt.timedelta(days=32))
    assert (erased.appointments, erased.subscriptions) == (1, 0)
    with branch_db.read() as s:
        rows = s.execute(select(Appointment.customer_name, Appointment.customer_phone, Appointment.customer_name_masked,
                                Appointment.phone_index, Appointment.personal_erased_at)).all()
    assert all(row[:4] == (None, None, None, None) and row[4] is not None for row in rows)
