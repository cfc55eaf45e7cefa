"""Where the phone page reads a ticket: the branch database, or head office.

``BranchSource`` reads the branch's own database (SQLite or PostgreSQL): the
ticket by the uuid its token names, and, while it waits, its people ahead and
wait from the queue snapshot (one snapshot a second per process, shared by
every phone). It is the only place a phone can opt in to messages.

``HqSource`` reads head office's PostgreSQL (``hq_ticket_live``, which the
branches' sync keeps up to date, joined with ``hq_tickets``): every branch at
once, read-only (settled question 9), figures as old as the sync interval,
and the page says so. Both keep nothing between requests that another
process would need: run as many processes as the traffic wants.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from app.queue.day import moment
from app.settings import stored_values, value_of
from app.store.engine import Database
from app.store.models import Service, Ticket, Window
from app.store.models_beyond import NotifySubscription
from app.web.links import link_key, parse_token, token_hash
from app.web.state import SHOWN, PageState

TTL_S = 1.0  # a ticket's figures and the queue snapshot are reused this long
SETTINGS_TTL_S = 30.0
Clock = Callable[[], dt.datetime | None]


class _Memo:
    """A small per-process cache with a time to live (thread-safe)."""

    def __init__(self, ttl: float, size: int = 20_000) -> None:
        self.ttl, self.size = ttl, size
        self._data: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        hit = self._data.get(key)
        return hit[1] if hit is not None and time.monotonic() - hit[0] < self.ttl else None

    def put(self, key: Any, value: Any) -> Any:
        with self._lock:
            if len(self._data) >= self.size:
                self._data.clear()
            self._data[key] = (time.monotonic(), value)
        return value


class BranchSource:
    hosted = "branch"

    def __init__(self, db: Database, *, clock: Clock = lambda: None) -> None:
        self.db, self.clock = db, clock
        self.key = link_key(db)
        self._tickets = _Memo(TTL_S)
        self._snap = _Memo(TTL_S, size=4)
        self._settings = _Memo(SETTINGS_TTL_S, size=4)
        self._snap_lock = threading.Lock()

    def settings(self) -> dict[str, Any]:
        values = self._settings.get("values")
        if values is None:
            with self.db.read() as s:
                values = self._settings.put("values", stored_values(s))
        return values

    def forget(self, uuid: str) -> None:
        self._tickets.put(uuid, None)

    def state(self, token: str) -> PageState | None:
        uuid = parse_token(self.key, token)
        if uuid is None:
            return None
        cached = self._tickets.get(uuid)
        if cached is not None:
            return cached
        now = self.clock()
        with self.db.read() as s:
            m = moment(s, now)
            row = s.execute(
                select(Ticket.id, Ticket.number, Ticket.status, Ticket.business_date, Ticket.service_id,
                       Ticket.priority, Ticket.queued_at, Ticket.target_window_id, Ticket.appointment_at,
                       Service.name_zh, Service.name_en, Window.number.label("window"))
                .join(Service, Service.id == Ticket.service_id)
                .outerjoin(Window, Window.id == Ticket.window_id)
                .where(Ticket.uuid == uuid)
            ).first()
            if row is None:
                return None
            subscribed = s.scalar(select(NotifySubscription.id).where(
                NotifySubscription.ticket_id == row.id, NotifySubscription.phone.is_not(None))) is not None
        values = self.settings()
        shown = "expired" if row.business_date != m.day else SHOWN.get(row.status, "expired")
        ahead = minutes = low = high = note = None
        if shown == "waiting":
            from app.queue.estimate import estimate

            est = estimate(self._snapshot(now), service_id=row.service_id, priority=row.priority,
                           ticket_id=row.id, queued_at=row.queued_at, target_window_id=row.target_window_id,
                           appointment_at=row.appointment_at)
            ahead, minutes, low, high, note = est.people_ahead, est.minutes, est.low, est.high, est.note
        state = PageState(
            row.number, row.name_zh, row.name_en, shown, row.window if shown in ("called", "serving") else None,
            ahead, minutes, low, high, note, m.now, value_of(values, "branch.name_zh"),
            value_of(values, "branch.name_en"), self.hosted,
            can_subscribe=value_of(values, "notify.gateway") != "none", subscribed=subscribed)
        return self._tickets.put(uuid, state)

    def _snapshot(self, now: dt.datetime | None) -> Any:
        from app.queue.snapshot import queue_snapshot

        snap = self._snap.get(now)
        if snap is not None:
            return snap
        with self._snap_lock:  # one phone computes it, the others wait a moment and share it
            snap = self._snap.get(now)
            if snap is None:
                snap = self._snap.put(now, queue_snapshot(self.db, now))
        return snap

    def subscribe(self, token: str, *, phone: str, consent: bool, language: str) -> bool:
        """The customer's own opt-in from the page (False: no such ticket)."""
        from app.notify.subscribe import subscribe

        uuid = parse_token(self.key, token)
        if uuid is None:
            return False
        subscribe(self.db, uuid, phone=phone, consent=consent, language=language, via="phone_page",
                  actor=PHONE_PAGE, now=self.clock())
        self.forget(uuid)
        return True


def _phone_page_actor():  # type: ignore[no-untyped-def]
    from app.staff.roles import Actor

    return Actor(username="phone_page", roles=frozenset({"greeter"}))


PHONE_PAGE = _phone_page_actor()

HQ_QUERY = """
SELECT l.number, coalesce(t.status, l.status) AS status, coalesce(t.window_number, l.window_number) AS window,
       l.service_code, b.name AS branch_name, l.people_ahead, l.wait_min, l.low_min, l.high_min, l.note,
       l.computed_at AT TIME ZONE l.timezone AS as_of, l.interval_s,
       extract(epoch FROM coalesce(%(now)s, now()) - l.computed_at)::int AS age_s,
       coalesce(%(now)s, now()) > l.expires_at AS expired,
       (SELECT jsonb_build_array(x->>'name_zh', x->>'name_en') FROM hq_settings hs,
               jsonb_array_elements(CASE WHEN jsonb_typeof(hs.value) = 'array' THEN hs.value ELSE '[]' END) x
        WHERE hs.key = 'catalogue.services' AND hs.scope IN ('*', l.branch_code) AND x->>'code' = l.service_code
        ORDER BY hs.scope = '*' LIMIT 1) AS service_names
FROM hq_ticket_live l JOIN hq_branches b ON b.code = l.branch_code
LEFT JOIN hq_tickets t ON t.uuid = l.ticket_uuid
WHERE l.token_hash = %(hash)s
"""


class HqSource:
    """Head office's page: read-only, every branch (see the module docstring)."""

    hosted = "head_office"

    def __init__(self, url: str, *, pool_size: int = 8, clock: Callable[[], dt.datetime | None] = lambda: None
                 ) -> None:
        """``clock``: an aware time to judge age and expiry by (tests), else head office's own."""
        from sqlalchemy import create_engine

        self.clock = clock

        from app.sync.hq import _sa_url

        self.engine = create_engine(_sa_url(url), pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                                    connect_args={"connect_timeout": 5,
                                                  "options": "-c statement_timeout=5000 "
                                                             "-c default_transaction_read_only=on"})
        self._tickets = _Memo(TTL_S)

    def state(self, token: str) -> PageState | None:
        if not token or len(token) != 35:
            return None
        cached = self._tickets.get(token)
        if cached is not None:
            return cached
        with self.engine.connect() as conn:
            r = conn.exec_driver_sql(HQ_QUERY, {"hash": token_hash(token), "now": self.clock()}).mappings().first()
        if r is None:
            return None
        shown = "expired" if r["expired"] else SHOWN.get(r["status"], "expired")
        waiting = shown == "waiting"
        zh, en = (r["service_names"] or [None, None])[:2]
        branch = r["branch_name"] or ""
        state = PageState(
            r["number"], zh or r["service_code"] or "", en or zh or r["service_code"] or "", shown,
            r["window"] if shown in ("called", "serving") else None,
            r["people_ahead"] if waiting else None, r["wait_min"] if waiting else None,
            r["low_min"] if waiting else None, r["high_min"] if waiting else None, r["note"] if waiting else None,
            r["as_of"], branch, branch, self.hosted, age_s=max(0, int(r["age_s"] or 0)),
            every_s=int(r["interval_s"] or 0) or None)
        return self._tickets.put(token, state)

    def subscribe(self, token: str, **_: Any) -> bool:
        return False  # head office writes nothing (settled question 9)

    def close(self) -> None:
        self.engine.dispose()
