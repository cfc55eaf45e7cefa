"""Administration service functions: validated, one event each, role-checked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import InvalidInput, NotPermitted
from app.ops.admin import list_windows_admin, save_service, save_window, update_settings
from app.queue import get_settings, issue_ticket, list_services
from app.staff.accounts import add_staff, authenticate, reset_password, update_staff
from app.staff.roles import SYSTEM, Actor
from app.store.models import Event

TELLER = Actor(username="teller1", roles=frozenset({"teller"}), staff_id=None)


def _events(db, type_: str) -> list[dict]:
    with db.read() as s:
        return [e.payload for e in s.scalars(select(Event).where(Event.type == type_).order_by(Event.id))]


def test_new_service_gets_tickets_with_its_prefix(branch_db, at):
    v = save_service(branch_db, code="h", name_zh="养老金", name_en="Pensions", target_wait_min=12, position=8,
                     actor=SYSTEM, now=at(8, 5))
    assert v.code == "H" and v in list_services(branch_db)
    assert issue_ticket(branch_db, service="H", actor=SYSTEM, now=at(9, 0)).ticket.number == "H001"
    assert _events(branch_db, "ServiceSaved")[-1]["name_en"] == "Pensions"


def test_duplicate_prefix_is_refused_and_nothing_changes(branch_db, at):
    before = list_services(branch_db)
    with pytest.raises(InvalidInput) as err:
        save_service(branch_db, code="A", name_zh="重复", name_en="Dup", target_wait_min=10, actor=SYSTEM, now=at(8, 5))
    assert err.value.params["field"] == "code" and "already used" in err.value.message
    assert list_services(branch_db) == before and _events(branch_db, "ServiceSaved") == []


def test_renaming_a_service_keeps_its_prefix_free_for_itself(branch_db, at):
    a = next(s for s in list_services(branch_db) if s.code == "A")
    v = save_service(branch_db, service_id=a.id, code="A", name_zh="个人业务", name_en="Personal", target_wait_min=9,
                     position=0, active=False, actor=SYSTEM, now=at(8, 5))
    assert (v.name_en, v.target_wait_min, v.active) == ("Personal", 9, False)


def test_window_must_serve_at_least_one_service(branch_db, at):
    with pytest.raises(InvalidInput) as err:
        save_window(branch_db, number=7, name="7号窗口", service_codes=[], actor=SYSTEM, now=at(8, 5))
    assert err.value.params["field"] == "services"
    assert 7 not in [w.number for w in list_windows_admin(branch_db)]


def test_window_services_are_stored_in_order(branch_db, at):
    w = save_window(branch_db, number=7, name="7号窗口", service_codes=["F", "A"], actor=SYSTEM, now=at(8, 5))
    assert w.service_codes == ("F", "A")
    w2 = save_window(branch_db, window_id=w.id, number=7, name="外汇窗口", service_codes=["F"], actor=SYSTEM,
                     now=at(8, 6))
    assert next(x for x in list_windows_admin(branch_db) if x.number == 7).service_codes == ("F",)
    assert w2.name == "外汇窗口" and len(_events(branch_db, "WindowSaved")) == 2
    with pytest.raises(InvalidInput, match="already exists"):
        save_window(branch_db, number=1, name="dup", service_codes=["A"], actor=SYSTEM, now=at(8, 7))


def test_queue_rules_and_notice_are_saved_together_in_one_event(branch_db, at):
    update_settings(branch_db, {"queue.priority_ratio": 3, "queue.promote_after_min": 30,
                                "lobby.notice": "今日外汇窗口暂停"}, actor=SYSTEM, now=at(8, 5))
    s = get_settings(branch_db)
    assert (s["queue.priority_ratio"], s["queue.promote_after_min"], s["lobby.notice"]) == (3, 30, "今日外汇窗口暂停")
    assert len(_events(branch_db, "SettingsChanged")) == 1


def test_a_bad_value_refuses_the_whole_change(branch_db, at):
    with pytest.raises(InvalidInput) as err:
        update_settings(branch_db, {"lobby.notice": "ok", "queue.priority_ratio": 50}, actor=SYSTEM, now=at(8, 5))
    assert err.value.params["field"] == "queue.priority_ratio"
    assert get_settings(branch_db)["lobby.notice"] == ""


def test_a_teller_may_not_change_the_catalogue(branch_db, at):
    with pytest.raises(NotPermitted):
        save_service(branch_db, code="H", name_zh="x", name_en="x", target_wait_min=5, actor=TELLER, now=at(8, 5))
    with pytest.raises(NotPermitted):
        update_settings(branch_db, {"lobby.notice": "x"}, actor=TELLER, now=at(8, 5))


def test_reset_password_and_deactivate_an_account(branch_db, at):
    add_staff(branch_db, username="wang", password="oldpassword", roles="teller", actor=SYSTEM, now=at(8, 0))
    reset_password(branch_db, "wang", "newpassword", actor=SYSTEM, now=at(8, 1))
    assert authenticate(branch_db, "wang", "newpassword").username == "wang"
    with pytest.raises(NotPermitted):
        authenticate(branch_db, "wang", "oldpassword")
    update_staff(branch_db, "wang", active=False, actor=SYSTEM, now=at(8, 2))
    with pytest.raises(NotPermitted):
        authenticate(branch_db, "wang", "newpassword")
    assert [e["username"] for e in _events(branch_db, "StaffPasswordReset")] == ["wang"]


def test_the_last_administrator_cannot_be_deactivated(branch_db, at):
    add_staff(branch_db, username="boss", password="password1", roles="admin", actor=SYSTEM, now=at(8, 0))
    with pytest.raises(InvalidInput, match="administrator"):
        update_staff(branch_db, "boss", active=False, actor=SYSTEM, now=at(8, 1))
    with pytest.raises(InvalidInput, match="administrator"):
        update_staff(branch_db, "boss", roles="manager", actor=SYSTEM, now=at(8, 1))
    assert authenticate(branch_db, "boss", "password1").roles == frozenset({"admin"})
