"""Administration service functions: services, windows, branch settings.

The admin screens call these (never SQL). Each checks the role, validates
with admin_rules, runs ONE transaction and appends ONE event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.events import EventType
from app.errors import InvalidInput, UnknownService, UnknownWindow
from app.ops.admin_rules import check_int, check_name, check_prefix
from app.queue.views import ServiceView
from app.settings import change_settings
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Service, Setting, Window, WindowService


@dataclass(frozen=True)
class WindowAdminView:
    id: int
    number: int
    name: str
    state: str
    service_codes: tuple[str, ...]


def _service_view(x: Service) -> ServiceView:
    return ServiceView(x.id, x.code, x.name_zh, x.name_en, x.target_wait_min, x.active, x.position)


def save_service(db: Database, *, code: str, name_zh: str, name_en: str, target_wait_min: int,
                 position: int = 0, active: bool = True, service_id: int | None = None,
                 actor: Actor, now: dt.datetime) -> ServiceView:
    """Create a service (``service_id`` None) or update one. A prefix already
    used by another service is refused."""
    require(actor, "catalogue.manage")
    code = check_prefix(code)
    zh = check_name(name_zh, "name_zh")
    en = check_name(name_en, "name_en")
    target = check_int(target_wait_min, "target_wait_min", 1, 240)
    pos = check_int(position, "position", 0, 999)
    with db.write() as s:
        other = s.scalar(select(Service).where(Service.code == code))
        if other is not None and other.id != service_id:
            raise InvalidInput(f"The prefix {code} is already used by another service.", field="code", code=code)
        if service_id is None:
            svc = Service(code=code, default_service_min=6, max_number=999)
            s.add(svc)
        else:
            svc = s.get(Service, service_id)
            if svc is None:
                raise UnknownService(f"There is no service number {service_id}.", code=code)
        svc.code, svc.name_zh, svc.name_en = code, zh, en
        svc.target_wait_min, svc.position, svc.active = target, pos, bool(active)
        s.flush()
        record_event(s, EventType.SERVICE_SAVED, now, staff_id=actor.staff_id,
                     payload={"code": code, "name_zh": zh, "name_en": en, "target_wait_min": target,
                              "position": pos, "active": bool(active), "created": service_id is None})
        return _service_view(svc)


def list_windows_admin(db: Database) -> list[WindowAdminView]:
    with db.read() as s:
        return [_window_view(w) for w in s.scalars(select(Window).order_by(Window.number))]


def _window_view(w: Window) -> WindowAdminView:
    return WindowAdminView(w.id, w.number, w.name, w.state, tuple(ws.service.code for ws in w.services))


def save_window(db: Database, *, number: int, name: str, service_codes: list[str],
                window_id: int | None = None, actor: Actor, now: dt.datetime) -> WindowAdminView:
    """Create or update a window and the services it serves, in order. A
    window must serve at least one service; numbers are unique."""
    require(actor, "catalogue.manage")
    number = check_int(number, "number", 1, 999)
    name = check_name(name, "name")
    codes = [check_prefix(c) for c in service_codes]
    if not codes:
        raise InvalidInput("A window must serve at least one service.", field="services")
    if len(set(codes)) != len(codes):
        raise InvalidInput("A service is listed twice for this window.", field="services")
    with db.write() as s:
        other = s.scalar(select(Window).where(Window.number == number))
        if other is not None and other.id != window_id:
            raise InvalidInput(f"Window number {number} already exists.", field="number", window=number)
        services = {x.code: x for x in s.scalars(select(Service).where(Service.code.in_(codes)))}
        missing = [c for c in codes if c not in services]
        if missing:
            raise UnknownService(f"There is no service with code {missing[0]!r}.", code=missing[0])
        if window_id is None:
            win = Window(state="closed", priority_streak=0)
            s.add(win)
        else:
            win = s.get(Window, window_id)
            if win is None:
                raise UnknownWindow(f"There is no window number {number}.", window=number)
        win.number, win.name = number, name
        win.services = [WindowService(service_id=services[c].id, position=i) for i, c in enumerate(codes)]
        s.flush()
        record_event(s, EventType.WINDOW_SAVED, now, window_id=win.id, staff_id=actor.staff_id,
                     payload={"number": number, "name": name, "services": codes, "created": window_id is None})
        return _window_view(win)


def update_settings(db: Database, values: dict[str, Any], *, actor: Actor,
                    now: dt.datetime | None = None) -> dict[str, Any]:
    """Check and store several branch settings in one transaction (one
    SettingsChanged event); app/settings.py holds every key's check."""
    return change_settings(db, values, actor=actor, now=now, source="admin")
