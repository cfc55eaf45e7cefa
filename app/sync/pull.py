"""Pull: settings head office shares with every branch (or one branch).

Only known keys are applied (head office cannot, say, change a branch code):
``catalogue.services`` (services upserted by code), ``calendar.holidays``
(holiday and make-up working-day overrides) and ``lobby.notice``. A key is
applied when head office's version differs from the one applied last (HQ
versions only grow); the apply and its ``SettingsChanged`` event (source
``head_office``) share one branch transaction, so the change is in the log,
reaches every running screen like any other settings change, and is itself
pushed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.settings import clean, store_in
from app.store.engine import Database
from app.store.models import Service, Setting
from app.store.models_complaints import CalendarOverride
from app.store.models_sync import SyncState
from app.sync.hq import SHARED_KEYS
from app.sync.state import state_row

SERVICE_FIELDS = ("name_zh", "name_en", "target_wait_min", "default_service_min", "position", "active",
                  "max_number")


def fetch_settings(conn: psycopg.Connection) -> dict[str, tuple[str, Any]]:
    """key -> (version tag, value); this branch's own override wins over '*'.

    Row-level security at head office returns only shared rows and this
    branch's own, whatever is asked.
    """
    rows = conn.execute(
        "SELECT scope, key, value, version FROM hq_settings WHERE key = ANY(%s) ORDER BY (scope = '*') DESC",
        (list(SHARED_KEYS),)).fetchall()
    found: dict[str, tuple[str, Any]] = {}
    for scope, key, value, version in rows:  # shared first, then the branch's own overwrites
        found[key] = (f"{scope}:{version}", value)
    return found


def pending(found: dict[str, tuple[str, Any]], applied: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """The settings whose head-office version is not the one applied here."""
    return {k: v for k, v in found.items() if applied.get(k) != v[0]}


def apply_settings(db: Database, found: dict[str, tuple[str, Any]], now: dt.datetime) -> list[str]:
    """Apply what changed at head office; returns the keys applied."""
    with db.write() as s:
        state = state_row(s)
        todo = pending(found, dict(state.pulled_versions or {}))
        if not todo:
            return []
        values: dict[str, Any] = {}
        for key, (_tag, value) in sorted(todo.items()):
            if key == "lobby.notice":
                values[key] = clean(key, "" if value is None else str(value)[:500])
            else:
                _APPLY[key](s, value, now)
        versions = dict(state.pulled_versions or {})
        versions.update({k: tag for k, (tag, _v) in todo.items()})
        state.pulled_versions = versions
        store_in(s, values, now=now, staff_id=None, source="head_office", keys=tuple(todo),
                 extra={"versions": {k: versions[k] for k in sorted(todo)}})
        return sorted(todo)


def pulled_versions(db: Database) -> dict[str, Any]:
    with db.read() as s:
        row = s.get(SyncState, 1)
        return dict(row.pulled_versions or {}) if row is not None else {}


def _put_setting(s: Session, key: str, value: Any, now: dt.datetime) -> None:
    s.merge(Setting(key=key, value=value, updated_at=now))


def _apply_catalogue(s: Session, value: Any, now: dt.datetime) -> None:
    """Upsert services by code; services head office does not list are left alone."""
    for item in value or []:
        code = str(item.get("code", "")).strip().upper()
        if not code:
            continue
        svc = s.scalar(select(Service).where(Service.code == code))
        if svc is None:
            svc = Service(code=code, name_zh=item.get("name_zh", code), name_en=item.get("name_en", code))
            s.add(svc)
        for f in SERVICE_FIELDS:
            if f in item:
                setattr(svc, f, item[f])
    _put_setting(s, "hq.catalogue.services", value, now)


def _apply_holidays(s: Session, value: Any, now: dt.datetime) -> None:
    """Head office's holiday / make-up day list replaces the list it sent before."""
    previous = s.get(Setting, "hq.calendar.holidays")
    _put_setting(s, "hq.calendar.holidays", value, now)
    old_days = {dt.date.fromisoformat(i["day"]) for i in (previous.value if previous else []) or []}
    new = {dt.date.fromisoformat(i["day"]): i for i in value or []}
    if old_days - set(new):
        s.execute(delete(CalendarOverride).where(CalendarOverride.day.in_(old_days - set(new))))
    for day, item in new.items():
        row = s.get(CalendarOverride, day) or CalendarOverride(day=day)
        row.kind = item.get("kind", "holiday")
        row.note = str(item.get("note", ""))[:100]
        s.add(row)


_APPLY = {
    "catalogue.services": _apply_catalogue,
    "calendar.holidays": _apply_holidays,
}
