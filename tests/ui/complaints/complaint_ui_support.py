"""A complaint-window branch for the screen tests and the screenshots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import app.complaints as cp
from app.queue import get_settings, init_catalogue
from app.staff.accounts import actor_for
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.models import Staff

T = dt.datetime
ROLES = {"officer": "complaints", "boss": "manager", "teller1": "teller", "greeter1": "greeter"}


@dataclass
class FakeScreenContext:
    """What the shell passes a screen: db, settings, devices and a clock."""

    db: Any
    settings: dict[str, Any]
    devices: dict[str, Any] = field(default_factory=dict)
    clock: Any = None
    bridge: Any = None  # app.ui.bridge.FeedBridge, when a test wants the change feed

    def now(self) -> dt.datetime:
        return self.clock()

    def action_time(self) -> dt.datetime:
        return self.clock()


def make_branch(url: str, now: dt.datetime):  # type: ignore[no-untyped-def]
    db = open_database(url)
    init_catalogue(db, actor=SYSTEM, now=now)
    with db.write() as s:  # no argon2 hashing: these accounts never log in
        s.add_all(Staff(username=n, full_name=n, roles=r, password_hash="-", active=True, created_at=now)
                  for n, r in ROLES.items())
    return db, {n: actor_for(db, n) for n in ROLES}


def context(db, clock, printer=None) -> FakeScreenContext:  # type: ignore[no-untyped-def]
    return FakeScreenContext(db, get_settings(db), {"printer": printer} if printer else {}, clock)


def sample_cases(db, officer) -> None:  # type: ignore[no-untyped-def]
    """A week of cases in every state, as seen on Mon 2026-11-23 15:00."""
    def intake(at, **kw):  # type: ignore[no-untyped-def]
        base = dict(kind="complaint", channel="counter", content="客户反映排队时间过长，取号后等候超过一小时。",
                    customer_name="王小明", customer_phone="13912345678", categories=["waiting_time"])
        base.update(kw)
        return cp.intake_complaint(db, actor=officer, now=at, **base)

    late = intake(T(2026, 11, 17, 10), customer_name="李娜", customer_phone="13600001234",
                  categories=["staff_attitude"], content="柜员办理业务时态度冷淡。")
    cp.acknowledge(db, late.reference, actor=officer, now=T(2026, 11, 17, 11))
    soon = intake(T(2026, 11, 18, 10), channel="phone", categories=["fees"], customer_name="张伟",
                  customer_phone="13800138000", content="转账手续费与告知不符。")
    cp.acknowledge(db, soon.reference, actor=officer, now=T(2026, 11, 18, 11))
    cp.start_handling(db, soon.reference, actor=officer, now=T(2026, 11, 18, 14))
    sug = intake(T(2026, 11, 20, 9), kind="suggestion", channel="web", customer_phone=None,
                 customer_email="chen.jing@example.com", customer_name="陈静", categories=["environment"],
                 content="建议在等候区增加充电插座。")
    cp.acknowledge(db, sug.reference, actor=officer, now=T(2026, 11, 20, 10))
    paused = intake(T(2026, 11, 19, 15), categories=["system_fault"], customer_name="赵磊",
                    customer_phone="13700007777", content="ATM 吞卡，要求调查。")
    cp.acknowledge(db, paused.reference, actor=officer, now=T(2026, 11, 19, 16))
    cp.pause_case(db, paused.reference, reason="appraisal", actor=officer, now=T(2026, 11, 20, 9))
    intake(T(2026, 11, 23, 14), categories=["waiting_time", "staff_attitude"])
    intake(T(2026, 11, 23, 11), kind="praise", channel="letter", customer_phone=None, customer_name="周敏",
           categories=[], content="感谢3号窗口柜员耐心讲解理财产品。")


class Clock:
    """The screen's clock, set by the test (``clock.now = ...``)."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now
