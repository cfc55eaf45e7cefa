"""Administration and first-run input checks, field by field (no database)."""

from __future__ import annotations

import pytest

from app.errors import InvalidInput
from app.ops.admin_rules import check_prefix, check_setting
from app.ops.setup import SetupRequest, check_setup


def _request(**kw) -> SetupRequest:
    base = dict(branch_code="BR002", branch_name_zh="城东支行", branch_name_en="East Branch",
                admin_username="admin", admin_password="secret123")
    base.update(kw)
    return SetupRequest(**base)


@pytest.mark.parametrize("raw, cleaned", [("a", "A"), (" b ", "B"), ("vp", "VP")])
def test_prefixes_are_one_or_two_letters(raw, cleaned):
    assert check_prefix(raw) == cleaned


@pytest.mark.parametrize("raw", ["", "1", "ABC", "A1", "号"])
def test_bad_prefixes_are_refused_on_the_code_field(raw):
    with pytest.raises(InvalidInput) as err:
        check_prefix(raw)
    assert err.value.params["field"] == "code"


@pytest.mark.parametrize("key, value", [
    ("queue.priority_ratio", 11), ("queue.priority_ratio", "two"), ("queue.promote_after_min", -5),
    ("lobby.notice", "x" * 501), ("sync.interval_s", float("nan")), ("sync.timeout_s", "inf"),
    ("day.auto_close_delay_min", 481), ("branch.timezone", "Mars/Olympus"), ("window.leave_rule", "vanish"), ("branch.closing_time", "25:00"), ("branch.code", "BR-01"),
])
def test_bad_branch_settings_are_refused_on_their_field(key, value):
    with pytest.raises(InvalidInput) as err:
        check_setting(key, value)
    assert err.value.params["field"] == key


def test_unknown_setting_is_refused():
    with pytest.raises(InvalidInput):
        check_setting("queue.anything", 1)


def test_a_valid_setup_request_has_no_refusals():
    assert check_setup(_request()) == {}


def test_setup_refuses_each_wrong_field_at_once():
    errors = check_setup(_request(branch_code="", admin_username="x", admin_password="short",
                                  database_url="oracle://db", lobby_monitor=99))
    assert set(errors) == {"branch_code", "admin_username", "admin_password", "database_url", "lobby_monitor"}
    assert "database address" in errors["database_url"]


def test_setup_with_sync_on_needs_a_head_office_address():
    assert set(check_setup(_request(sync_enabled=True))) == {"sync_hq_url"}


def test_setup_checks_the_printer_settings():
    errors = check_setup(_request(printer={"printer.connection": "network"}))
    assert "printer.network.host" in errors["printer"]
