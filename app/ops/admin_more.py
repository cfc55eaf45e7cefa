"""More administration service functions: complaint categories and this
PC's settings file (head-office sync, screen, logging), each recorded in the
event log like every other change."""

from __future__ import annotations

import datetime as dt
import re
import socket
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.events import EventType
from app.errors import InvalidInput
from app.ops import settings_file
from app.ops.admin_rules import check_int, check_name
from app.settings import store_in
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event

_CATEGORY = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
MACHINE_KEYS = ("sync.enabled", "sync.hq_url", "sync.interval_min",
                "ui.lobby_monitor", "ui.screen_role", "logging.level", "backup.keep", "backup.folder")


def save_category(db: Database, *, code: str, name_zh: str, name_en: str, resolve_days: int | None,
                  active: bool = True, position: int = 0, actor: Actor, now: dt.datetime) -> dict[str, Any]:
    """Create or update a complaint category and its resolution deadline
    (working days; None: the kind's default)."""
    from app.store.models_complaints import ComplaintCategory

    require(actor, "settings.manage")
    code = (code or "").strip().lower()
    if not _CATEGORY.match(code):
        raise InvalidInput("A category code is 2-32 small letters, digits or underscores.", field="category_code")
    zh, en = check_name(name_zh, "name_zh"), check_name(name_en, "name_en")
    days = None if resolve_days in (None, 0, "") else check_int(resolve_days, "resolve_days", 1, 60)
    pos = check_int(position, "position", 0, 999)
    with db.write() as s:
        cat = s.get(ComplaintCategory, code)
        created = cat is None
        if cat is None:
            cat = ComplaintCategory(code=code)
            s.add(cat)
        cat.name_zh, cat.name_en, cat.resolve_days, cat.active, cat.position = zh, en, days, bool(active), pos
        values = {"code": code, "name_zh": zh, "name_en": en, "resolve_days": days, "active": bool(active),
                  "position": pos, "created": created}
        record_event(s, EventType.COMPLAINT_CATEGORY_SAVED, now, staff_id=actor.staff_id, payload=values)
    return values


def category_codes(db: Database) -> list[str]:
    from app.store.models_complaints import ComplaintCategory

    with db.read() as s:
        return list(s.scalars(select(ComplaintCategory.code).order_by(ComplaintCategory.position)))


def save_machine_settings(db: Database, values: dict[str, Any], *, actor: Actor, now: dt.datetime,
                          path: Path | None = None) -> dict[str, Any]:
    """Check and write keys of this PC's settings file; the change is also
    recorded in the branch's event log (without the head-office password)."""
    require(actor, "settings.manage")
    current = settings_file.load(path)
    for key, value in values.items():
        if key not in MACHINE_KEYS:
            raise InvalidInput(f"The setting {key!r} cannot be changed here.", field=key)
        try:
            settings_file.check_value(key, value)
        except settings_file.SettingsFileError as exc:
            raise InvalidInput(exc.message.split(": ", 1)[-1], field=key) from None
    current.update(values)
    if current["sync.enabled"] and not current["sync.hq_url"]:
        raise InvalidInput("Give the head-office database address, or switch sync off.", field="sync.hq_url")
    settings_file.save(current, path)
    shown = {k: (_without_password(v) if k == "sync.hq_url" else v) for k, v in values.items()}
    with db.write() as s:  # this PC's file changed: recorded, not stored in the branch's settings
        store_in(s, shown, now=now, staff_id=actor.staff_id, source="machine", scope="machine", store=False,
                 extra={"host": socket.gethostname()})
    return current


def _without_password(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url or "")
