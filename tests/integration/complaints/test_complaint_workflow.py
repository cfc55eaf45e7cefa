"""The whole complaint workflow through the service layer on a real SQLite file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

import app.complaints as cp
from app.complaints.errors import InvalidComplaintState
from app.errors import InvalidInput, NotPermitted, UnknownStaff
from app.queue import issue_ticket
from app.staff.roles import SYSTEM
from app.store.models import DataAccess, Event
from app.store.models_complaints import Complaint, ComplaintCounter, ComplaintLog

T = dt.datetime


def _counts(db) -> tuple[int, int, int, int]:
    with db.read() as s:
        return tuple(int(s.scalar(select(func.count()).select_from(m))) for m in
                     (Complaint, ComplaintLog, Event, ComplaintCounter))  # type: ignore[return-value]


def _intake(db, actor, now, **kw):
    args = dict(kind="complaint", channel="counter", content="排队等了一个半小时", customer_name="王小明",
                customer_phone="139 1234 5678", categories=["waiting_time", "staff_attitude"])
    args.update(kw)
    return cp.intake_complaint(db, actor=actor, now=now, **args)


def test_full_workflow_from_intake_to_close(branch, staff, at):
    officer, boss = staff["officer"], staff["boss"]
    c = _intake(branch, officer, at(10, 0))  # Mon 2026-11-23
    assert c.reference == "TS-20261123-0001"
    assert c.ack_due == at(10, 0) + dt.timedelta(hours=24)
    assert c.resolve_due == T(2026, 11, 26, 17, 0)
    assert c.contact_masked == "*******5678" and c.customer_name_masked == "王**"
    steps = [
        lambda: cp.acknowledge(branch, c.reference, note="已电话告知受理", actor=officer, now=at(11)),
        lambda: cp.assign_case(branch, c.reference, handler="officer2", actor=boss, now=at(11, 5)),
        lambda: cp.start_handling(branch, c.reference, actor=staff["officer2"], now=at(11, 10)),
        lambda: cp.add_note(branch, c.reference, note="调取监控", actor=staff["officer2"], now=at(14)),
        lambda: cp.resolve_case(branch, c.reference, resolution="致歉并增开窗口", actor=staff["officer2"],
                                now=T(2026, 11, 25, 10)),
        lambda: cp.notify_customer(branch, c.reference, method="phone", actor=officer, now=T(2026, 11, 25, 11)),
        lambda: cp.close_case(branch, c.reference, satisfaction=5, actor=officer, now=T(2026, 11, 25, 12)),
    ]
    versions = [c.version]
    for step in steps:
        versions.append(step().version)
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    d = cp.complaint_detail(branch, c.reference, actor=officer, now=T(2026, 11, 25, 13))
    assert d.summary.status == "closed" and d.summary.satisfaction == 5
    assert d.summary.handler == "officer2"
    assert [e.action for e in d.log] == ["intake", "acknowledge", "assign", "start", "note", "resolve",
                                         "notify", "close"]
    assert d.log[1].note == "已电话告知受理" and d.log[2].staff == "boss"
    assert d.customer_phone == "13912345678" and d.content == "排队等了一个半小时"
    with branch.read() as s:
        events = s.scalars(select(Event.type).where(Event.complaint_id == d.summary.id).order_by(Event.id)).all()
        uuids = s.scalars(select(ComplaintLog.uuid)).all()
    assert events == ["ComplaintReceived", "ComplaintAcknowledged", "ComplaintAssigned", "ComplaintStarted",
                      "ComplaintNoteAdded", "ComplaintResolved", "ComplaintNotified", "ComplaintClosed"]
    assert len(set(uuids)) == 8


def test_reopen_after_a_dissatisfied_customer(branch, staff, at):
    o = staff["officer"]
    c = _intake(branch, o, at(9), kind="suggestion", customer_phone=None, customer_email="li@example.com")
    for fn, kw in ((cp.acknowledge, {}), (cp.start_handling, {}), (cp.resolve_case, {"resolution": "会考虑"}),
                   (cp.notify_customer, {"method": "email"})):
        fn(branch, c.reference, actor=o, now=at(10), **kw)
    with pytest.raises(InvalidInput, match="adopted"):
        cp.close_case(branch, c.reference, satisfaction=2, actor=o, now=at(11))
    cp.close_case(branch, c.reference, satisfaction=2, adopted=False, actor=o, now=at(11))
    r = cp.reopen_case(branch, c.reference, reason="客户不满意答复", actor=o, now=at(12))
    assert r.status == "in_progress" and r.reopen_count == 1 and r.satisfaction is None


def test_out_of_order_and_bad_input_store_nothing(branch, staff, at):
    o = staff["officer"]
    c = _intake(branch, o, at(10))
    before = _counts(branch)
    with pytest.raises(InvalidComplaintState) as err:
        cp.resolve_case(branch, c.reference, resolution="done", actor=o, now=at(11))
    assert err.value.message == f"{c.reference} is received, so it cannot be resolved now."
    with pytest.raises(InvalidInput, match="resolution is missing"):
        cp.resolve_case(branch, c.reference, resolution="  ", actor=o, now=at(11))
    with pytest.raises(InvalidInput, match="reason for the extension is missing"):
        cp.extend_limit(branch, c.reference, reason="", actor=staff["boss"], now=at(11))
    with pytest.raises(NotPermitted):
        cp.extend_limit(branch, c.reference, reason="复杂", actor=o, now=at(11))
    with pytest.raises(UnknownStaff):
        cp.assign_case(branch, c.reference, handler="ghost", actor=o, now=at(11))
    with pytest.raises(InvalidInput, match="complaints role"):
        cp.assign_case(branch, c.reference, handler="teller1", actor=o, now=at(11))
    with pytest.raises(InvalidInput, match="content is missing"):
        _intake(branch, o, at(11), content=" ")
    with pytest.raises(InvalidInput, match="phone number"):
        _intake(branch, o, at(11), customer_phone="12-34")
    with pytest.raises(InvalidInput, match="valid email"):
        _intake(branch, o, at(11), customer_phone=None, customer_email="wang@")
    with pytest.raises(InvalidInput, match="needs a phone number or an email"):
        _intake(branch, o, at(11), customer_phone=None)
    with pytest.raises(InvalidInput, match="Unknown category"):
        _intake(branch, o, at(11), categories=["nope"])
    assert _counts(branch) == before
    # The next good intake still gets the next number.
    assert _intake(branch, o, at(12)).reference == "TS-20261123-0002"


def test_roles_without_the_right_see_nothing(branch, staff, at):
    c = _intake(branch, staff["officer"], at(10))
    for name in ("teller1", "greeter1"):
        actor = staff[name]
        with pytest.raises(NotPermitted):
            cp.complaint_detail(branch, c.reference, actor=actor, now=at(11))
        with pytest.raises(NotPermitted):
            cp.list_complaints(branch, actor=actor, now=at(11))
        with pytest.raises(NotPermitted):
            _intake(branch, actor, at(11))
        with pytest.raises(NotPermitted):
            cp.acknowledge(branch, c.reference, actor=actor, now=at(11))
    with branch.read() as s:  # nothing was opened; each refused opening is in the access log
        rows = s.execute(select(DataAccess.username, DataAccess.action, DataAccess.outcome)).all()
    assert [tuple(r) for r in rows] == [("teller1", "view", "refused"), ("greeter1", "view", "refused")]


def test_opening_personal_data_is_recorded_and_lists_are_masked(branch, staff, at):
    c = _intake(branch, staff["officer"], at(10))
    rows = cp.list_complaints(branch, actor=staff["boss"], now=at(11))
    assert [r.contact_masked for r in rows] == ["*******5678"]
    assert not hasattr(rows[0], "content")
    cp.complaint_detail(branch, c.reference, purpose="callback", actor=staff["boss"], now=at(11, 30))
    with branch.read() as s:
        row = s.scalars(select(DataAccess)).one()
    assert (row.subject, row.subject_uuid, row.staff_id, row.at, row.purpose) == (
        "complaint", c.uuid, staff["boss"].staff_id, at(11, 30), "callback")


def test_reference_numbers_per_day_and_linked_ticket(branch, staff, at):
    o = staff["officer"]
    issued = issue_ticket(branch, service="G", actor=SYSTEM, now=at(9))
    a = _intake(branch, o, at(10), ticket=issued.ticket.number, window_number=6, teller="teller1")
    b = _intake(branch, o, at(16))
    nxt = _intake(branch, o, T(2026, 11, 24, 9))
    assert [a.reference, b.reference, nxt.reference] == ["TS-20261123-0001", "TS-20261123-0002",
                                                         "TS-20261124-0001"]
    assert a.ticket_number == issued.ticket.number and a.window_number == 6


def test_pause_extends_the_deadline_and_manager_extends_the_limit(branch, staff, at):
    o = staff["officer"]
    c = _intake(branch, o, at(10))
    cp.acknowledge(branch, c.reference, actor=o, now=at(10, 30))
    p = cp.pause_case(branch, c.reference, reason="appraisal", actor=o, now=T(2026, 11, 24, 10))
    assert p.status == "paused" and p.next_due is None
    r = cp.resume_case(branch, c.reference, actor=o, now=T(2026, 11, 26, 9))
    assert r.status == "acknowledged"
    assert r.resolve_due == T(2026, 11, 30, 17, 0)  # +2 working days (Tue and Wed closings)
    assert r.regulatory_due == T(2026, 12, 10, 17, 0)
    e = cp.extend_limit(branch, c.reference, reason="需外部鉴定", actor=staff["boss"], now=T(2026, 11, 26, 10))
    assert e.regulatory_days == 30 and e.regulatory_due == T(2026, 12, 25, 17, 0)
    d = cp.complaint_detail(branch, c.reference, actor=staff["boss"], now=T(2026, 11, 26, 11))
    assert d.extension_approved_by == "boss" and d.extension_reason == "需外部鉴定"


def test_overdue_count_for_the_manager(branch, staff, at):
    o = staff["officer"]
    late = _intake(branch, o, at(10))
    _intake(branch, o, at(11))
    cp.acknowledge(branch, late.reference, actor=o, now=at(12))
    assert cp.overdue_count(branch, at(10, 30)) == 0
    # Next day 11:30: the second case missed its 24-hour acknowledgement.
    assert cp.overdue_count(branch, T(2026, 11, 24, 11, 30)) == 1
    # After Thu 17:00 both are past the resolution deadline.
    assert cp.overdue_count(branch, T(2026, 11, 26, 17, 1)) == 2
    rows = cp.list_complaints(branch, actor=o, now=T(2026, 11, 26, 17, 1))
    assert {r.deadline_state for r in rows} == {"overdue"}


def test_year_end_needs_the_branch_calendar_for_2027(branch, staff, at):
    o = staff["officer"]
    before = _counts(branch)
    # Taken in without the 2027 calendar: stored, the 2027 deadlines pending.
    c = _intake(branch, o, T(2026, 12, 30, 10), received_at=T(2026, 12, 30, 10))
    assert c.reference == "TS-20261230-0001"
    assert (c.resolve_due, c.regulatory_due, c.pending) == (None, None, ("resolve", "regulatory"))
    assert _counts(branch) == (before[0] + 1, before[1] + 2, before[2] + 1, before[3] + 1)
    cp.set_calendar_override(branch, dt.date(2027, 1, 1), kind="holiday", note="元旦", actor=SYSTEM,
                             now=T(2026, 12, 30, 11))
    assert cp.get_complaint(branch, c.reference, actor=o, now=T(2026, 12, 30, 11)).resolve_due \
        == T(2027, 1, 5, 17, 0)
    c = _intake(branch, o, T(2026, 12, 30, 12))
    assert c.resolve_due == T(2027, 1, 5, 17, 0)


def test_list_filters_and_search(branch, staff, at):
    o = staff["officer"]
    a = _intake(branch, o, at(9), categories=["fees"])
    _intake(branch, o, at(9, 30), kind="praise", customer_phone=None, customer_name="赵六", categories=[])
    cp.assign_case(branch, a.reference, handler="officer2", actor=o, now=at(10))
    now = at(12)
    assert [r.kind for r in cp.list_complaints(branch, actor=o, now=now, kind="praise")] == ["praise"]
    assert [r.reference for r in cp.list_complaints(branch, actor=o, now=now, category="fees")] == [a.reference]
    assert [r.reference for r in cp.list_complaints(branch, actor=o, now=now, handler="officer2")] == [a.reference]
    assert len(cp.list_complaints(branch, actor=o, now=now, search="赵")) == 1
    assert cp.list_complaints(branch, actor=o, now=now, date_from=dt.date(2026, 11, 24)) == []


def test_category_deadline_overrides_the_kind(branch, staff, at):
    cp.set_category(branch, "fraud", name_zh="疑似诈骗", name_en="Suspected fraud", resolve_days=1,
                    actor=staff["boss"], now=at(8))
    with pytest.raises(NotPermitted):
        cp.set_category(branch, "x", name_zh="x", name_en="x", actor=staff["officer"], now=at(8))
    assert [c.code for c in cp.list_categories(branch)][-1] == "fraud"
    c = _intake(branch, staff["officer"], at(10), categories=["fraud", "fees"])
    assert c.resolve_due == T(2026, 11, 24, 17, 0)  # 1 working day, not 3
