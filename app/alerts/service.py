"""Alerts as events: check the rules, raise and clear; acknowledge; list.

``check_alerts`` reads a snapshot and compares the conditions that hold with
the open alerts, outside any write lock; only when something changed does it
open one write transaction, look again at the open alerts (another PC may
have just raised the same one) and append one AlertRaised or AlertCleared
event per change. Every BranchDesk process runs it (app/ui/alerts.py) after
queue changes and every few seconds; ``branchdesk alerts check`` does the
same from cron. A condition that lasts is raised once: its alert stays open
(``open_key``) until the condition ends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.alerts.facts import alert_settings, read_facts
from app.alerts.notify import notifier_configured
from app.alerts.rules import AlertConfig, Condition, changes, evaluate
from app.errors import DomainError, InvalidInput
from app.events import EventType
from app.queue.day import moment
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.events import record_event
from app.store.models_alerts import Alert

_PG_ALERT_LOCK = 0x42D3A1  # one PC at a time raises or clears (the open_key index is the backstop)
RECENT = 20


class UnknownAlert(DomainError):
    code = "unknown_alert"


OPEN_STATES = ("raised", "acknowledged")  # and then "cleared", for good


@dataclass(frozen=True)
class AlertView:
    id: int
    uuid: str
    rule: str
    level: str
    state: str  # raised / acknowledged / cleared
    service_code: str | None
    window_number: int | None
    ticket_number: str | None
    reference: str | None
    figures: dict[str, Any]
    raised_at: dt.datetime
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None
    cleared_at: dt.datetime | None
    cleared_how: str | None
    notify_state: str

    @property
    def open(self) -> bool:
        return self.state in OPEN_STATES


def alert_view(a: Alert) -> AlertView:
    return AlertView(a.id, a.uuid, a.rule, a.level, a.state, a.service_code, a.window_number, a.ticket_number,
                     a.reference, dict(a.figures or {}), a.raised_at, a.acknowledged_at, a.acknowledged_name,
                     a.cleared_at, a.cleared_how, a.notify_state)


@dataclass(frozen=True)
class AlertCheck:
    at: dt.datetime
    raised: tuple[AlertView, ...] = ()
    cleared: tuple[AlertView, ...] = ()
    open: int = 0  # alerts open after the check


def _open_keys(s: Session) -> list[tuple[str, str]]:
    return [(k, r) for k, r in s.execute(select(Alert.open_key, Alert.rule).where(Alert.open_key.is_not(None)))]


def check_alerts(db: Database, *, now: dt.datetime | None = None, printer: str | None = None,
                 host: str = "") -> AlertCheck:
    """Raise the alerts whose condition holds and has none open, clear those
    whose condition ended. ``printer``: this PC's printer state, when it has
    one (only that PC can tell); ``host``: this PC's name."""
    with db.read() as s:
        m = moment(s, now)
        values = alert_settings(s)
        cfg = AlertConfig.from_settings(values)
        ev = evaluate(read_facts(s, m, cfg, printer=printer, host=host), cfg)
        open_now = _open_keys(s)
    if not changes(ev, open_now, cfg):
        return AlertCheck(m.now, open=len(open_now))
    notify = notifier_configured(values)
    with db.write() as s:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_ALERT_LOCK})
        open_now = _open_keys(s)
        change = changes(ev, open_now, cfg)  # again: another PC may have done it meanwhile
        at = m.now
        raised = tuple(_raise(s, c, at, notify) for c in change.raise_)
        cleared = tuple(_clear(s, key, how, at) for key, how in change.clear)
        return AlertCheck(at, raised, tuple(c for c in cleared if c is not None),
                          len(open_now) + len(raised) - len(cleared))


def _payload(a: Alert) -> dict[str, Any]:
    data: dict[str, Any] = {"alert": a.uuid, "rule": a.rule, "level": a.level}
    for key, value in (("service", a.service_code), ("window", a.window_number), ("number", a.ticket_number),
                       ("reference", a.reference)):
        if value is not None:
            data[key] = value
    return data


def _raise(s: Session, c: Condition, at: dt.datetime, notify: bool) -> AlertView:
    a = Alert(key=c.key, open_key=c.key, rule=c.rule, level=c.level, state="raised", service_code=c.service,
              window_number=c.window, ticket_id=c.ticket_id, ticket_number=c.ticket_number,
              complaint_id=c.complaint_id, reference=c.reference, figures=dict(c.figures), raised_at=at,
              notify_state="pending" if notify else "off", notify_attempts=0)
    s.add(a)
    s.flush()
    record_event(s, EventType.ALERT_RAISED, at, ticket_id=c.ticket_id, complaint_id=c.complaint_id,
                 payload={**_payload(a), **c.figures})
    return alert_view(a)


def _clear(s: Session, key: str, how: str, at: dt.datetime) -> AlertView | None:
    a = s.scalar(select(Alert).where(Alert.open_key == key))
    if a is None:
        return None
    a.state, a.open_key, a.cleared_at, a.cleared_how = "cleared", None, max(at, a.raised_at), how
    record_event(s, EventType.ALERT_CLEARED, a.cleared_at, ticket_id=a.ticket_id, complaint_id=a.complaint_id,
                 payload={**_payload(a), "how": how})
    return alert_view(a)


def _find(s: Session, alert: int | str) -> Alert:
    ref = str(alert).strip()
    a = s.scalar(select(Alert).where(Alert.uuid == ref.lower())) if not ref.isdigit() else s.get(Alert, int(ref))
    if a is None:
        raise UnknownAlert(f"There is no alert {ref!r}.", alert=ref)
    return a


def acknowledge_alert(db: Database, alert: int | str, *, actor: Actor, now: dt.datetime | None = None) -> AlertView:
    """A manager has seen the alert: who and when (it stays open until its condition ends)."""
    require(actor, "alert.acknowledge")
    with db.write() as s:
        m = moment(s, now)
        a = _find(s, alert)
        if a.acknowledged_at is not None:
            raise InvalidInput(f"This alert was already acknowledged by {a.acknowledged_name or 'someone'} "
                               f"at {a.acknowledged_at:%H:%M}.", alert=a.uuid)
        a.acknowledged_at, a.acknowledged_by, a.acknowledged_name = max(m.now, a.raised_at), actor.staff_id, \
            actor.username
        if a.state == "raised":
            a.state = "acknowledged"
        record_event(s, EventType.ALERT_ACKNOWLEDGED, a.acknowledged_at, ticket_id=a.ticket_id,
                     complaint_id=a.complaint_id, staff_id=actor.staff_id,
                     payload={**_payload(a), "by": actor.username})
        return alert_view(a)


@dataclass(frozen=True)
class AlertBoard:
    """What the manager sees: the open alerts (unacknowledged first, newest
    first) and the ones cleared most recently."""

    open: tuple[AlertView, ...] = ()
    recent: tuple[AlertView, ...] = field(default_factory=tuple)

    @property
    def unacknowledged(self) -> int:
        return sum(a.acknowledged_at is None for a in self.open)


def alert_board(db: Database, *, recent: int = RECENT) -> AlertBoard:
    with db.read() as s:
        # Both through the state's indexes: the open ones, and the last cleared
        # (not every alert the branch ever had).
        opened = s.scalars(select(Alert).where(Alert.state.in_(OPEN_STATES))
                           .order_by(Alert.acknowledged_at.is_not(None), Alert.raised_at.desc(), Alert.id.desc()))
        done = s.scalars(select(Alert).where(Alert.state == "cleared")
                         .order_by(Alert.cleared_at.desc(), Alert.id.desc()).limit(recent))
        return AlertBoard(tuple(alert_view(a) for a in opened), tuple(alert_view(a) for a in done))


def get_alert(db: Database, alert: int | str) -> AlertView:
    with db.read() as s:
        return alert_view(_find(s, alert))

