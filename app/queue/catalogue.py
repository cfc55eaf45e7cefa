"""The default catalogue of a mainland-China bank branch, and ``init``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.events import EventType
from app.queue.errors import InvalidInput
from app.settings import change_settings, get_settings  # noqa: F401  (get_settings: app.queue's API)
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Service, Setting, Window, WindowService

# code, 中文, English, target wait (min), typical service time (min)
DEFAULT_SERVICES = [
    ("A", "个人业务", "Personal Banking", 15, 6),
    ("B", "对公业务", "Corporate Banking", 20, 12),
    ("C", "理财/贵宾", "Wealth Management / VIP", 10, 15),
    ("D", "开户与银行卡", "Accounts & Cards", 15, 10),
    ("E", "贷款与信用卡", "Loans & Credit Cards", 20, 15),
    ("F", "外汇业务", "Foreign Exchange", 20, 10),
    ("G", "投诉与建议", "Complaints & Suggestions", 15, 15),
]

# window number, name, services in the order the window serves them
DEFAULT_WINDOWS = [
    (1, "1号窗口", ["A", "D"]),
    (2, "2号窗口", ["A", "D", "F"]),
    (3, "3号窗口", ["A", "E"]),
    (4, "4号窗口", ["B"]),
    (5, "贵宾室", ["C", "A"]),
    (6, "投诉与建议", ["G"]),
]


@dataclass(frozen=True)
class InitResult:
    services: int
    windows: int
    created: bool


def init_catalogue(db: Database, *, actor: Actor, now: dt.datetime | None = None,
                   branch_code: str | None = None, branch_name: str | None = None) -> InitResult:
    """Load the default catalogue into an empty database (idempotent)."""
    from app.queue.day import moment

    require(actor, "catalogue.manage")
    with db.write() as s:
        now = moment(s, now).now
        have = s.scalar(select(Service.id).limit(1)) is not None
        if not have:
            services = {}
            for pos, (code, zh, en, target, typical) in enumerate(DEFAULT_SERVICES):
                svc = Service(code=code, name_zh=zh, name_en=en, target_wait_min=target,
                              default_service_min=typical, position=pos, active=True, max_number=999)
                s.add(svc)
                services[code] = svc
            s.flush()
            for number, name, codes in DEFAULT_WINDOWS:
                win = Window(number=number, name=name, state="closed", priority_streak=0)
                win.services = [WindowService(service_id=services[c].id, position=i) for i, c in enumerate(codes)]
                s.add(win)
        if branch_code:
            if not branch_code.isalnum() or len(branch_code) > 16:
                raise InvalidInput("A branch code is up to 16 letters and digits.", field="branch_code")
            s.merge(Setting(key="branch.code", value=branch_code.upper(), updated_at=now))
        if branch_name:
            s.merge(Setting(key="branch.name_zh", value=branch_name.strip()[:60], updated_at=now))
        s.flush()
        n_services = len(s.scalars(select(Service.id)).all())
        n_windows = len(s.scalars(select(Window.id)).all())
        record_event(s, EventType.CATALOGUE_INITIALISED, now, staff_id=actor.staff_id,
                     payload={"services": n_services, "windows": n_windows, "created": not have})
        return InitResult(n_services, n_windows, not have)


def set_setting(db: Database, key: str, value: object, *, actor: Actor, now: dt.datetime | None = None) -> None:
    """Change one branch setting (checked; one ``SettingsChanged`` event)."""
    change_settings(db, {key: value}, actor=actor, now=now, source="cli")
