"""The snapshot the alert rules look at, read in one read transaction (no lock)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.alerts.rules import CASE_OPEN, LOW_RATING, AlertConfig, AlertFacts, CaseFacts, RatingFacts, ServiceFacts, \
    SyncFacts, WindowFacts
from app.events import EventType
from app.queue.common import WAITING
from app.queue.day import Moment
from app.queue.windows import attended
from app.store.models import Event, Service, Setting, Ticket, Window, WindowService
from app.store.models_complaints import Complaint
from app.store.models_sync import SyncState


def alert_settings(s: Session) -> dict[str, Any]:
    """The stored ``alerts.*`` and ``sync.*`` settings (the rest are defaults)."""
    rows = s.execute(select(Setting.key, Setting.value).where(
        Setting.key.like("alerts.%") | Setting.key.in_(("sync.hq_url", "sync.enabled"))))
    return dict(rows.all())


def read_facts(s: Session, m: Moment, cfg: AlertConfig, *, printer: str | None = None,
               host: str = "") -> AlertFacts:
    """Everything the enabled rules need, at ``m.now`` on business day ``m.day``."""
    return AlertFacts(
        now=m.now,
        services=_services(s, m.day),
        windows=_windows(s, m),
        cases=_cases(s) if "complaint_due" in cfg.enabled else (),
        ratings=_ratings(s, m.day) if "low_rating" in cfg.enabled else (),
        sync=_sync(s) if "sync_failing" in cfg.enabled else None,
        printer=printer,
        host=host,
    )


def _services(s: Session, day: dt.date) -> tuple[ServiceFacts, ...]:
    waiting = dict(s.execute(
        select(Ticket.service_id, func.count()).where(Ticket.business_date == day, Ticket.status.in_(WAITING))
        .group_by(Ticket.service_id)).all())
    issued: dict[int, list[dt.datetime]] = defaultdict(list)
    for sid, at in s.execute(select(Ticket.original_service_id, Ticket.issued_at).where(
            Ticket.business_date == day, Ticket.status.in_(WAITING), Ticket.first_called_at.is_(None))):
        issued[sid].append(at)
    return tuple(
        ServiceFacts(svc.code, svc.target_wait_min, int(waiting.get(svc.id, 0)), tuple(issued.get(svc.id, ())))
        for svc in s.scalars(select(Service).order_by(Service.position, Service.code))
        if svc.active or svc.id in waiting or svc.id in issued
    )


def _windows(s: Session, m: Moment) -> tuple[WindowFacts, ...]:
    codes: dict[int, list[str]] = defaultdict(list)
    for wid, code in s.execute(select(WindowService.window_id, Service.code)
                               .join(Service, Service.id == WindowService.service_id)
                               .order_by(WindowService.window_id, WindowService.position)):
        codes[wid].append(code)
    targeted = dict(s.execute(
        select(Ticket.target_window_id, func.count()).where(
            Ticket.business_date == m.day, Ticket.status.in_(WAITING), Ticket.target_window_id.is_not(None))
        .group_by(Ticket.target_window_id)).all())
    windows = list(s.scalars(select(Window).order_by(Window.number)))
    paused = [w.id for w in windows if w.state == "paused"]
    paused_at = dict(s.execute(
        select(Event.window_id, func.max(Event.at)).where(
            Event.type == EventType.WINDOW_PAUSED.value, Event.window_id.in_(paused))
        .group_by(Event.window_id)).all()) if paused else {}
    limit = m.settings.unattended_after
    out = []
    for w in windows:
        present = attended(w, m.now, limit)
        since = paused_at.get(w.id) if w.state == "paused" else (
            w.heartbeat_at + limit if not present and w.heartbeat_at is not None else None)
        out.append(WindowFacts(w.number, w.state, present, tuple(codes.get(w.id, ())), since,
                               int(targeted.get(w.id, 0))))
    return tuple(out)


def _cases(s: Session) -> tuple[CaseFacts, ...]:
    rows = s.execute(select(Complaint.id, Complaint.reference, Complaint.status, Complaint.ack_due,
                            Complaint.resolve_due).where(Complaint.status.in_(CASE_OPEN)))
    return tuple(CaseFacts(*r) for r in rows)


def _ratings(s: Session, day: dt.date) -> tuple[RatingFacts, ...]:
    """Today's ratings of 2 or lower with no complaint taken in for the ticket."""
    complained = select(Complaint.id).where(Complaint.ticket_uuid == Ticket.uuid).exists()
    rows = s.execute(
        select(Ticket.id, Ticket.number, Ticket.rating, Service.code, Window.number)
        .join(Service, Service.id == Ticket.service_id)
        .outerjoin(Window, Window.id == Ticket.window_id)
        .where(and_(Ticket.business_date == day, Ticket.rating.is_not(None), Ticket.rating <= LOW_RATING),
               ~complained))
    return tuple(RatingFacts(*r) for r in rows)


def _sync(s: Session) -> SyncFacts | None:
    """Whether the push is failing and since when; None when sync is not set up or switched off."""
    values = {k: v for k, v in alert_settings(s).items() if k.startswith("sync.")}
    if not values.get("sync.hq_url") or values.get("sync.enabled") is False:
        return None
    row = s.get(SyncState, 1)
    if row is None or not row.last_error:
        return SyncFacts(False, None)
    since = row.last_success_at
    if since is None:
        since = s.scalar(select(func.min(Event.at)).where(Event.id > row.cursor_event_id))
    return SyncFacts(True, since)
