"""The default catalogue of a mainland-China bank branch, and ``init``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.queue.errors import InvalidInput
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

DEFAULT_SETTINGS = {
    "branch.code": "BR001",
    "branch.name_zh": "示范银行 城中支行",
    "branch.name_en": "Demo Bank, City Centre Branch",
    "branch.closing_time": "17:00",
    "lobby.notice": "",
    "ticket.footer_zh": "过号请重新取号",
    "ticket.footer_en": "Please take a new ticket if your number has passed",
    "ui.language": "zh_CN",
}


@dataclass(frozen=True)
class InitResult:
    services: int
    windows: int
    created: bool


def init_catalogue(db: Database, *, actor: Actor, now: dt.datetime,
                   branch_code: str | None = None, branch_name: str | None = None) -> InitResult:
    """Load the default catalogue into an empty database (idempotent)."""
    require(actor, "catalogue.manage")
    with db.write() as s:
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
        for key, value in DEFAULT_SETTINGS.items():
            if s.get(Setting, key) is None:
                s.add(Setting(key=key, value=value, updated_at=now))
        if branch_code:
            if not branch_code.isalnum() or len(branch_code) > 16:
                raise InvalidInput("A branch code is up to 16 letters and digits.", field="branch_code")
            s.merge(Setting(key="branch.code", value=branch_code.upper(), updated_at=now))
        if branch_name:
            s.merge(Setting(key="branch.name_zh", value=branch_name.strip()[:60], updated_at=now))
        s.flush()
        n_services = len(s.scalars(select(Service.id)).all())
        n_windows = len(s.scalars(select(Window.id)).all())
        record_event(s, "CatalogueInitialised", now, staff_id=actor.staff_id,
                     payload={"services": n_services, "windows": n_windows, "created": not have})
        return InitResult(n_services, n_windows, not have)


def get_settings(db: Database) -> dict[str, object]:
    with db.read() as s:
        values: dict[str, object] = dict(DEFAULT_SETTINGS)
        values.update({row.key: row.value for row in s.scalars(select(Setting))})
        return values


def set_setting(db: Database, key: str, value: object, *, actor: Actor, now: dt.datetime) -> None:
    require(actor, "settings.manage")
    with db.write() as s:
        s.merge(Setting(key=key, value=value, updated_at=now))
        record_event(s, "SettingChanged", now, staff_id=actor.staff_id, payload={"key": key, "value": value})
