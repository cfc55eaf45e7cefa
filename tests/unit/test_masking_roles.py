"""Masked personal data and the role table (no database)."""

from __future__ import annotations

import pytest

from app.errors import InvalidInput, NotPermitted
from app.queue.views import mask_name, mask_phone
from app.staff.roles import SYSTEM, Actor, parse_roles, require


@pytest.mark.parametrize(
    "name, masked",
    [("张三丰", "张**"), ("王五", "王*"), ("李", "*"), ("John Smith", "J*********"), ("", None), (None, None)],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    "phone, masked",
    [("13812345678", "*******5678"), ("82345678", "****5678"), ("1234567", "****567"),
     ("1234", "**34"), ("12", "*2"), ("1", "*"), (None, None)],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("text", ["李", "王五", "张三丰", "Jo", "John Smith", "1", "12", "1234567", "82345678",
                                  "13812345678", "008613812345678"])
def test_masking_hides_at_least_half_and_at_most_four_last_digits_show(text):
    for masked in (mask_name(text), mask_phone(text)):
        shown = [ch for ch in masked if ch != "*"]
        assert len(masked) == len(text) and len(shown) <= len(text) // 2
    tail = mask_phone(text).lstrip("*")
    assert text.endswith(tail) and len(tail) <= 4


def test_masked_phone_never_shows_the_middle_digits():
    assert "1234" not in mask_phone("13812345678")
    assert mask_phone("13812345678").count("*") == 7


def test_greeter_may_issue_but_not_call():
    greeter = Actor("li", frozenset({"greeter"}), 3)
    require(greeter, "ticket.issue")
    with pytest.raises(NotPermitted) as exc:
        require(greeter, "call")
    assert exc.value.message == "li is not allowed to do this (call)."
    assert exc.value.code == "not_permitted"


def test_teller_may_call_but_not_close_the_day():
    teller = Actor("wang", frozenset({"teller"}), 4)
    require(teller, "call")
    with pytest.raises(NotPermitted):
        require(teller, "day.close")


def test_admin_and_system_may_do_everything():
    for action in ("call", "day.close", "staff.manage", "no.such.action"):
        require(SYSTEM, action)
        require(Actor("root", frozenset({"admin"})), action)


def test_only_admin_manages_staff():
    with pytest.raises(NotPermitted):
        require(Actor("boss", frozenset({"manager"})), "staff.manage")


def test_parse_roles():
    assert parse_roles(" Teller, greeter ") == frozenset({"teller", "greeter"})
    with pytest.raises(InvalidInput, match="Unknown role 'cashier'"):
        parse_roles("teller,cashier")
    with pytest.raises(InvalidInput):
        parse_roles(" , ")
