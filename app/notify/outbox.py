"""The message outbox: what to send (``scan``, ``broadcast``), and its
delivery in three steps that never hold a queue transaction (``claim``,
the gateway's send outside any transaction, ``record``).

- ``scan`` enqueues, once per ticket, the message "N people ahead" when the
  replay of the calling policy (the ticket's own definition, app/queue/estimate.py)
  puts at most ``notify.ahead`` people ahead, and "go to window W" when the
  ticket is called. The outbox's unique key makes a second scan (another PC,
  a restart) enqueue nothing.
- ``claim`` takes due messages (pending, or sending with a lapsed lease:
  a crash between send and record), leases them, and decides what no longer
  goes: a message that is no longer true (the customer was called or left),
  a phone erased, or a phone past its daily cap; each with its event.
- ``record`` writes what the platform answered: sent, or failed (retried
  with exponential backoff up to ``RETRY_CAP``, or final for a refusal).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.events import EventType
from app.notify.gateways import Outgoing
from app.notify.texts import Texts, wait_span
from app.privacy.personal import open_fields
from app.queue.day import begin, moment
from app.settings import stored_values, value_of
from app.staff.roles import Actor, require
from app.store.base import new_uuid
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Service, Ticket, Window
from app.store.models_beyond import NotifyMessage, NotifySubscription

LEASE = dt.timedelta(seconds=60)  # a claimed message not recorded by then is sent again
RETRY_BASE_S, RETRY_CAP_S = 5.0, 300.0
MAX_ATTEMPTS = 60  # with the cap, about five hours of trying
STILL_TRUE = {"ahead": ("waiting", "transferred"), "called": ("called",),
              "broadcast": ("waiting", "transferred", "called")}


def retry_delay(attempts: int, rand: Callable[[], float] = random.random) -> float:
    """Seconds before the next try after ``attempts`` failed ones: exponential
    up to RETRY_CAP_S, with jitter (half to all of the step)."""
    step = min(RETRY_CAP_S, RETRY_BASE_S * 2 ** min(max(attempts - 1, 0), 30))
    return step / 2 + rand() * step / 2


def _insert(s: Session, rows: list[dict]) -> int:
    """Insert outbox rows, skipping any whose dedupe key is there already."""
    if not rows:
        return 0
    ins = (pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert)(NotifyMessage)
    stmt = ins.values(rows).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(NotifyMessage.id)
    return len(s.execute(stmt).all())


def _row(sub_id: int, sub_uuid: str, ticket_id: int, day: dt.date, kind: str, text: str, now: dt.datetime,
         key: str | None = None) -> dict:
    return {"uuid": new_uuid(), "dedupe_key": key or f"{sub_uuid}:{kind}", "subscription_id": sub_id,
            "ticket_id": ticket_id, "business_date": day, "kind": kind, "text": text, "state": "pending",
            "attempts": 0, "created_at": now, "next_at": now}


def scan(db: Database, *, now: dt.datetime | None = None) -> int:
    """Enqueue the messages today's subscribed tickets are due (see the module
    docstring); returns how many were new."""
    from app.queue.estimate import estimate
    from app.queue.snapshot import queue_snapshot

    with db.read() as s:
        m = moment(s, now)
        t, sub, msg = Ticket.__table__, NotifySubscription.__table__, NotifyMessage.__table__
        rows = s.execute(
            select(sub.c.id, sub.c.uuid, sub.c.language, sub.c.ahead_threshold, t.c.id.label("ticket_id"),
                   t.c.number, t.c.status, t.c.service_id, t.c.priority, t.c.queued_at, t.c.target_window_id,
                   t.c.appointment_at, t.c.window_id)
            .join(t, t.c.id == sub.c.ticket_id)
            .where(sub.c.business_date == m.day, sub.c.phone.is_not(None),
                   t.c.status.in_(("waiting", "transferred", "called")))
        ).all()
        if not rows:
            return 0
        done = set(s.execute(select(msg.c.subscription_id, msg.c.kind).where(
            msg.c.subscription_id.in_([r.id for r in rows]), msg.c.kind.in_(("ahead", "called")))).all())
        texts = Texts.read(s)
        windows = dict(s.execute(select(Window.id, Window.number)).all())
        services = {sid: (zh, en) for sid, zh, en in s.execute(select(Service.id, Service.name_zh, Service.name_en))}
    snap = None
    new: list[dict] = []
    for r in rows:
        service = services.get(r.service_id, ("", ""))
        if r.status == "called" and (r.id, "called") not in done:
            text = texts.called(r.language, number=r.number, service=service, window=windows.get(r.window_id, ""))
            new.append(_row(r.id, r.uuid, r.ticket_id, m.day, "called", text, m.now))
        elif r.status in ("waiting", "transferred") and (r.id, "ahead") not in done:
            if snap is None:
                snap = queue_snapshot(db, now)  # one read for every subscribed ticket
            est = estimate(snap, service_id=r.service_id, priority=r.priority, ticket_id=r.ticket_id,
                           queued_at=r.queued_at, target_window_id=r.target_window_id,
                           appointment_at=r.appointment_at)
            if est.note != "no_window" and est.people_ahead <= r.ahead_threshold:
                text = texts.ahead(r.language, number=r.number, service=service, ahead=est.people_ahead,
                                   wait=wait_span(est))
                new.append(_row(r.id, r.uuid, r.ticket_id, m.day, "ahead", text, m.now))
    if not new:
        return 0
    with db.write() as s:
        return _insert(s, new)


def broadcast(db: Database, *, text_zh: str, text_en: str | None = None, actor: Actor,
              now: dt.datetime | None = None) -> int:
    """One message to everyone still waiting (or called) who asked for messages
    today, in their language; returns how many were queued."""
    require(actor, "notify.broadcast")
    zh = " ".join((text_zh or "").split())
    en = " ".join((text_en or "").split()) or zh
    if not zh:
        raise InvalidInput("Write the message to send.", field="text")
    if len(zh) > 140 or len(en) > 300:
        raise InvalidInput("The message is too long for one text message (140 characters in Chinese, "
                           "300 in English).", field="text")
    with db.write() as s:
        m = begin(db, s, now)
        sub, t = NotifySubscription.__table__, Ticket.__table__
        rows = s.execute(select(sub.c.id, sub.c.uuid, sub.c.language, t.c.id).join(t, t.c.id == sub.c.ticket_id)
                         .where(sub.c.business_date == m.day, sub.c.phone.is_not(None),
                                t.c.status.in_(STILL_TRUE["broadcast"]))).all()
        bid = new_uuid()
        queued = _insert(s, [_row(sid, suuid, tid, m.day, "broadcast", en if lang == "en" else zh, m.now,
                                  key=f"broadcast:{bid}:{sid}") for sid, suuid, lang, tid in rows])
        record_event(s, EventType.NOTIFY_BROADCAST, m.now, staff_id=actor.staff_id, payload={"recipients": queued})
        return queued


@dataclass(frozen=True)
class Claimed:
    message: Outgoing
    row_id: int
    ticket_id: int
    number: str
    attempts: int


def claim(db: Database, *, now: dt.datetime | None = None, limit: int = 50) -> list[Claimed]:
    """Lease up to ``limit`` due messages for sending (see the module docstring)."""
    with db.write() as s:
        m = moment(s, now)
        q = (select(NotifyMessage).where(NotifyMessage.state.in_(("pending", "sending")),
                                         NotifyMessage.next_at <= m.now)
             .order_by(NotifyMessage.next_at, NotifyMessage.id).limit(limit))
        if s.get_bind().dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)  # another PC's worker takes the others
        msgs = list(s.scalars(q))
        if not msgs:
            return []
        subs = {x.id: x for x in s.scalars(select(NotifySubscription).where(
            NotifySubscription.id.in_({mm.subscription_id for mm in msgs})))}
        tickets = dict((tid, (num, st)) for tid, num, st in s.execute(
            select(Ticket.id, Ticket.number, Ticket.status).where(Ticket.id.in_({mm.ticket_id for mm in msgs}))))
        values = stored_values(s)
        cap, branch = value_of(values, "notify.daily_cap"), value_of(values, "branch.name_zh")
        used = _sent_today(s, {sub.phone_index for sub in subs.values() if sub.phone_index}, m.now.date())
        out = []
        for mm in msgs:
            sub = subs[mm.subscription_id]
            number, status = tickets[mm.ticket_id]
            reason = None
            if sub.phone is None:
                reason = "erased"
            elif status not in STILL_TRUE.get(mm.kind, ()):
                reason = "stale"  # the customer was called, served or left meanwhile
            elif mm.state == "pending" and used[sub.phone_index] >= cap:
                reason = "capped"
            if reason is not None:
                mm.state, mm.last_error = ("capped" if reason == "capped" else "dropped"), reason
                record_event(s, EventType.NOTIFY_SKIPPED, m.now, ticket_id=mm.ticket_id,
                             payload={"number": number, "kind": mm.kind, "reason": reason})
                continue
            if mm.state == "pending":
                used[sub.phone_index] += 1
            mm.state, mm.attempts, mm.next_at = "sending", mm.attempts + 1, m.now + LEASE
            phone = open_fields(s, sub, "notify_subscriptions", ("phone",))["phone"]
            out.append(Claimed(Outgoing(mm.uuid, phone or "", mm.text, mm.kind, str(branch)), mm.id,
                               mm.ticket_id, number, mm.attempts))
        return out


def _sent_today(s: Session, indexes: set[str], day: dt.date) -> Counter:
    """Messages handed to the platform today per phone index (the daily cap)."""
    if not indexes:
        return Counter()
    msg, sub = NotifyMessage.__table__, NotifySubscription.__table__
    rows = s.execute(select(sub.c.phone_index, func.count()).join(msg, msg.c.subscription_id == sub.c.id)
                     .where(sub.c.phone_index.in_(indexes), msg.c.business_date == day,
                            msg.c.state.in_(("sending", "sent")))
                     .group_by(sub.c.phone_index)).all()
    return Counter(dict(rows))


@dataclass(frozen=True)
class Result:
    claimed: Claimed
    error: str | None = None  # None: sent
    retry: bool = True


def record(db: Database, results: Iterable[Result], *, now: dt.datetime | None = None,
           rand: Callable[[], float] = random.random) -> None:
    """Write what the platform answered for each claimed message (one transaction)."""
    results = list(results)
    if not results:
        return
    with db.write() as s:
        m = moment(s, now)
        rows = {mm.id: mm for mm in s.scalars(select(NotifyMessage).where(
            NotifyMessage.id.in_([r.claimed.row_id for r in results])))}
        for r in results:
            mm, c = rows[r.claimed.row_id], r.claimed
            if mm.state != "sending" or mm.attempts != c.attempts:
                continue  # its lease lapsed and another worker took it over: theirs to record
            if r.error is None:
                mm.state, mm.sent_at, mm.last_error = "sent", m.now, None
                record_event(s, EventType.NOTIFY_SENT, m.now, ticket_id=c.ticket_id,
                             payload={"number": c.number, "kind": mm.kind, "attempts": mm.attempts})
                continue
            final = not r.retry or mm.attempts >= MAX_ATTEMPTS
            mm.last_error = r.error[:200]
            if final:
                mm.state = "failed"
            else:
                mm.state, mm.next_at = "pending", m.now + dt.timedelta(seconds=retry_delay(mm.attempts, rand))
            record_event(s, EventType.NOTIFY_FAILED, m.now, ticket_id=c.ticket_id, payload={
                "number": c.number, "kind": mm.kind, "attempts": mm.attempts, "error": _code(r.error),
                "final": final})


def _code(error: str) -> str:
    code = error.split(":", 1)[0].strip().lower()
    return code if code.replace("_", "").isalnum() else "other"


def pending_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(NotifyMessage).where(
            NotifyMessage.state.in_(("pending", "sending")))) or 0)


def due_at(db: Database) -> dt.datetime | None:
    """When the next message falls due (None: nothing waits)."""
    with db.read() as s:
        return s.scalar(select(func.min(NotifyMessage.next_at)).where(
            or_(NotifyMessage.state == "pending", and_(NotifyMessage.state == "sending"))))
