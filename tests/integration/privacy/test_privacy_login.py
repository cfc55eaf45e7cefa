"""Logins: a growing wait after five wrong passwords, the same argon2
verification for an unknown user as for a known one (counted, not timed:
benchmarks/bench_privacy.py has the timings), every attempt recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from app.errors import NotPermitted
from app.staff import accounts
from app.staff.accounts import add_staff, authenticate, update_staff
from app.staff.login import LoginThrottled
from app.staff.roles import SYSTEM
from app.store.models import DataAccess
from tests.integration.core_support import branch  # noqa: F401 (fixture)

S = dt.timedelta(seconds=1)


@pytest.fixture
def teller(branch, at):  # noqa: F811
    add_staff(branch, username="wang", password="right-password", roles="teller", actor=SYSTEM, now=at(8))
    return "wang"


class CountingHasher(PasswordHasher):
    """The argon2 hasher, counting each verification and the parameters of the hash it used."""

    def __init__(self) -> None:
        super().__init__()
        self.verified: list[str] = []

    def verify(self, hash, password):  # type: ignore[no-untyped-def]
        self.verified.append(hash.rsplit("$", 2)[0])  # $argon2id$v=19$m=...,t=...,p=...
        return super().verify(hash, password)


def _wrong(db, name: str, when: dt.datetime, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        with pytest.raises(NotPermitted) as exc:
            authenticate(db, name, "wrong-password", now=when)
        assert exc.value.message == "Unknown user or wrong password."


def test_after_five_wrong_passwords_the_username_waits_longer_each_time(branch, teller, at):  # noqa: F811
    t0 = at(9)
    _wrong(branch, teller, t0, 5)
    with pytest.raises(LoginThrottled) as exc:  # even the right password waits
        authenticate(branch, teller, "right-password", now=t0 + S)
    assert exc.value.message == "Too many wrong passwords for wang: try again in 29 seconds."
    assert exc.value.params["wait_s"] == 29
    _wrong(branch, teller, t0 + 30 * S)  # the sixth: a minute now
    with pytest.raises(LoginThrottled, match="try again in 60 seconds"):
        authenticate(branch, teller, "right-password", now=t0 + 30 * S)
    _wrong(branch, teller, t0 + 90 * S)  # the seventh: two minutes
    with pytest.raises(LoginThrottled, match="try again in 120 seconds"):
        authenticate(branch, teller, "right-password", now=t0 + 90 * S)
    assert authenticate(branch, teller, "right-password", now=t0 + 210 * S).username == "wang"
    _wrong(branch, teller, t0 + 211 * S, 4)  # the count started again
    assert authenticate(branch, teller, "right-password", now=t0 + 212 * S).username == "wang"


def test_an_unknown_user_goes_through_the_same_verification_and_the_same_wait(branch, teller, at,  # noqa: F811
                                                                              monkeypatch):
    counting = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", counting)
    update_staff(branch, "wang", active=True, actor=SYSTEM, now=at(8))
    _wrong(branch, "wang", at(9))
    _wrong(branch, "nobody", at(9))
    add_staff(branch, username="gone", password="right-password", roles="teller", actor=SYSTEM, now=at(8))
    update_staff(branch, "gone", active=False, actor=SYSTEM, now=at(8))
    _wrong(branch, "gone", at(9))
    with pytest.raises(NotPermitted, match="Unknown user or wrong password"):
        authenticate(branch, "gone", "right-password", now=at(9))  # a deactivated account: the same answer
    assert len(counting.verified) == 4 and len(set(counting.verified)) == 1  # one each, same argon2 cost
    _wrong(branch, "nobody", at(9), 4)
    with pytest.raises(LoginThrottled, match="try again in 30 seconds"):
        authenticate(branch, "nobody", "anything", now=at(9))


def test_every_login_is_recorded(branch, teller, at):  # noqa: F811
    _wrong(branch, teller, at(9))
    _wrong(branch, "ghost", at(9))
    authenticate(branch, teller, "right-password", now=at(9, 1))
    with branch.read() as s:
        rows = [(r.at, r.username, r.action, r.outcome, r.staff_id is not None) for r in
                s.scalars(select(DataAccess).order_by(DataAccess.id))]
    assert rows == [(at(9), "wang", "login", "failed", False), (at(9), "ghost", "login", "failed", False),
                    (at(9, 1), "wang", "login", "ok", True)]


def test_old_failed_logins_are_forgotten_by_the_daily_purge(branch, teller, at):  # noqa: F811
    from app.privacy.retention import purge
    from app.store.models_privacy import LoginThrottle

    _wrong(branch, "typo-name", at(9), 2)
    _wrong(branch, teller, at(9), 5)  # locked until 09:00:30
    purge(branch, actor=SYSTEM, now=at(9) + dt.timedelta(days=1, seconds=1), backup_folder=None)
    with branch.read() as s:
        assert list(s.scalars(select(LoginThrottle.username))) == []
