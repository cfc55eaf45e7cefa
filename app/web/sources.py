"""Where the phone page reads a ticket: the branch database, or head office.

``BranchSource`` reads the branch's own database (SQLite or PostgreSQL): the
ticket by the uuid its token names, and, while it waits, its people ahead and
wait from the queue snapshot (one per change of the queue and process, read
by a background thread and shared by every phone). It is the only place a
phone can opt in to messages.

``HqSource`` reads head office's PostgreSQL (``hq_ticket_live``, which the
branches' sync keeps up to date, joined with ``hq_tickets``): every branch at
once, read-only (settled question 9), figures as old as the sync interval,
and the page says so. Both keep nothing between requests that another
process would need: run as many processes as the traffic wants.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from app.clock import db_now, to_branch_time
from app.settings import BranchSettings, stored_values, value_of
from app.store.engine import Database
from app.store.models import Event, Service, Ticket, Window
from app.store.models_beyond import NotifySubscription
from app.web.links import link_key, parse_token, token_hash
from app.web.state import SHOWN, PageState

log = logging.getLogger("branchdesk.web")
TTL_S = 1.0  # the queue's version is read at most this often
MAX_AGE_S = 15.0  # a ticket's figures are never older than this
IDLE_S = 60.0  # the snapshot's background reads stop after this long without a waiting ticket asked for
SETTINGS_TTL_S = 30.0
FINAL = frozenset({"served", "cancelled", "expired"})  # shown states that do not change again
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
    """The branch's own database (see the module docstring).

    A ticket's page is reused while the queue has not changed (the event
    log's newest id, read at most once a second) and for at most ``MAX_AGE_S``;
    a served or cancelled ticket's page does not change again. When the queue
    moves, a background thread reads the new snapshot and works out again the
    figures of the waiting tickets phones are following, so a phone's request
    is a look-up: one estimate per ticket per new snapshot, not one per
    request, and a call shows a second or two after it.
    """

    hosted = "branch"

    def __init__(self, db: Database, *, clock: Clock = lambda: None) -> None:
        self.db, self.clock = db, clock
        self.key = link_key(db)
        self._tickets = _Memo(MAX_AGE_S)  # uuid -> (queue version, page)
        self._figures = _Memo(MAX_AGE_S)  # uuid -> (when its snapshot was read, estimate)
        self._followed: dict[str, float] = {}  # uuids of waiting or called tickets -> when a phone last asked
        self._version = _Memo(TTL_S, size=4)
        self._settings = _Memo(SETTINGS_TTL_S, size=4)
        self._snap: tuple[int, float, Any] | None = None  # (queue version, when read, snapshot)
        self._snap_lock = threading.Lock()
        self._stop = threading.Event()
        self._refresher: threading.Thread | None = None
        self._asked = 0.0  # when a phone last asked about a ticket that can still change

    def settings(self) -> dict[str, Any]:
        values = self._settings.get("values")
        if values is None:
            with self.db.read() as s:
                values = self._settings.put("values", stored_values(s))
        return values

    def forget(self, uuid: str) -> None:
        self._tickets.put(uuid, None)
        self._version.put("v", None)

    def queue_version(self) -> int:
        """The event log's newest id: it moves whenever the queue does."""
        version = self._version.get("v")
        if version is None:
            with self.db.read() as s:
                version = self._version.put("v", int(s.scalar(select(func.max(Event.id))) or 0))
        return version

    def peek(self, token: str) -> tuple[bool, PageState | None]:
        """(True, the page) when it is known without reading the database (the
        server answers those on its event loop), else (False, None)."""
        uuid = parse_token(self.key, token)
        if uuid is None:
            return True, None
        version = self._version.get("v")
        return (False, None) if version is None else self._known(uuid, version)

    def state(self, token: str) -> PageState | None:
        uuid = parse_token(self.key, token)
        if uuid is None:
            return None
        version = self.queue_version()
        known, state = self._known(uuid, version)
        if not known:
            state = self._compute(uuid, version)
            self._follow(uuid, state)
        return state

    def _known(self, uuid: str, version: int) -> tuple[bool, PageState | None]:
        cached = self._tickets.get(uuid)
        if cached is not None and (cached[0] == version or cached[1].state in FINAL or self._follows(uuid)):
            self._follow(uuid, cached[1])  # current, final, or the background thread works it out again
            return True, cached[1]
        return False, None

    def _follow(self, uuid: str, state: PageState | None) -> None:
        if state is not None and state.state not in FINAL:
            self._asked = self._followed[uuid] = time.monotonic()

    def _follows(self, uuid: str) -> bool:
        thread = self._refresher
        return uuid in self._followed and thread is not None and thread.is_alive() and not self._stop.is_set()

    def _compute(self, uuid: str, version: int) -> PageState | None:
        """Read the ticket and work its figures out (stored for the next requests)."""
        values = self.settings()
        cfg = BranchSettings.from_values(values)
        now = self.clock()
        t, sub = Ticket.__table__, NotifySubscription.__table__
        subscribed = select(sub.c.id).where(sub.c.ticket_id == t.c.id, sub.c.phone.is_not(None)).exists()
        with self.db.read() as s:
            at = to_branch_time(now, cfg.timezone) if now is not None else db_now(s, cfg.timezone)
            row = s.execute(
                select(t.c.id, t.c.number, t.c.status, t.c.business_date, t.c.service_id, t.c.priority,
                       t.c.queued_at, t.c.target_window_id, t.c.appointment_at, Service.__table__.c.name_zh,
                       Service.__table__.c.name_en, Window.__table__.c.number.label("window"),
                       subscribed.label("subscribed"))
                .join(Service.__table__, Service.__table__.c.id == t.c.service_id)
                .outerjoin(Window.__table__, Window.__table__.c.id == t.c.window_id)
                .where(t.c.uuid == uuid)
            ).first()
        if row is None:
            return None
        shown = "expired" if row.business_date != at.date() else SHOWN.get(row.status, "expired")
        ahead = minutes = low = high = note = None
        if shown == "waiting":
            from app.queue.estimate import estimate

            snap_version, read_at, snap = self._snapshot()
            version = min(version, snap_version)  # figures from an older snapshot: redone once it is new
            figures = self._figures.get(uuid)
            if figures is not None and figures[0] == read_at:
                est = figures[1]
            else:
                est = estimate(snap, service_id=row.service_id, priority=row.priority,
                               ticket_id=row.id, queued_at=row.queued_at, target_window_id=row.target_window_id,
                               appointment_at=row.appointment_at)
                self._figures.put(uuid, (read_at, est))
            ahead, minutes, low, high, note = est.people_ahead, est.minutes, est.low, est.high, est.note
        state = PageState(
            row.number, row.name_zh, row.name_en, shown, row.window if shown in ("called", "serving") else None,
            ahead, minutes, low, high, note, at, value_of(values, "branch.name_zh"),
            value_of(values, "branch.name_en"), self.hosted,
            can_subscribe=value_of(values, "notify.gateway") != "none", subscribed=bool(row.subscribed))
        self._tickets.put(uuid, (version, state))
        return state

    def _snapshot(self) -> tuple[int, float, Any]:
        """The newest queue snapshot: (the queue version and the moment it was
        read at, the snapshot). A background thread reads a new one when the
        queue changes (or it is MAX_AGE_S old), so a phone's request never waits
        for that read; only the first request of a process (or after IDLE_S
        without one) reads it itself."""
        with self._snap_lock:
            if self._refresher is None:
                version = self.queue_version()
                if self._snap is None or self._snap[0] != version:
                    self._read_snapshot(version)
                if not self._stop.is_set():
                    self._refresher = threading.Thread(target=self._refresh, name="phone-page-snapshot",
                                                       daemon=True)
                    self._refresher.start()
        held = self._snap
        assert held is not None
        return held

    def _read_snapshot(self, version: int) -> None:
        from app.queue.snapshot import queue_snapshot

        self._snap = (version, time.monotonic(), queue_snapshot(self.db, self.clock()))

    def _refresh(self) -> None:
        while not self._stop.wait(TTL_S / 4):
            if time.monotonic() - self._asked > IDLE_S:  # no phone waiting: stop (the next one restarts it)
                with self._snap_lock:
                    self._refresher = None
                return
            try:
                version = self.queue_version()
                held = self._snap
                if held is None or held[0] != version or time.monotonic() - held[1] > MAX_AGE_S:
                    self._read_snapshot(version)
                    self._work_out_followed(version)
            except Exception:  # the database away for a moment: the last snapshot stays in use
                log.warning("phone page: queue snapshot not refreshed", exc_info=True)

    def _work_out_followed(self, version: int) -> None:
        """The pages phones are following, worked out again from the new snapshot
        before they ask, fewest people ahead first (the next to be called); a
        phone that asked nothing for a while is let go."""
        def ahead(uuid: str) -> int:
            cached = self._tickets.get(uuid)
            return (cached[1].people_ahead or 0) if cached is not None else 0

        for uuid, asked in sorted(list(self._followed.items()), key=lambda item: ahead(item[0])):
            if self._stop.is_set():
                return
            state = self._compute(uuid, version) if time.monotonic() - asked < 2 * MAX_AGE_S else None
            if state is None or state.state in FINAL:
                self._followed.pop(uuid, None)
            elif state.state == "waiting":
                time.sleep(0.002)  # the phones' requests go first: a pause between two estimates

    def close(self) -> None:
        """Stop the background reads (the server's shutdown; tests)."""
        self._stop.set()
        thread = self._refresher
        if thread is not None and thread is not threading.current_thread():
            thread.join(2)

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

        self.engine = create_engine(_sa_url(url), pool_size=pool_size, max_overflow=pool_size, pool_recycle=600,
                                    connect_args={"connect_timeout": 5,
                                                  "options": "-c statement_timeout=5000 "
                                                             "-c default_transaction_read_only=on"})
        self._tickets = _Memo(TTL_S)

    def peek(self, token: str) -> tuple[bool, PageState | None]:
        """(True, the page) when it is known without asking PostgreSQL, else (False, None)."""
        if not token or len(token) != 35:
            return True, None
        cached = self._tickets.get(token)
        return (cached is not None), cached

    def state(self, token: str) -> PageState | None:
        known, cached = self.peek(token)
        if known:
            return cached
        from sqlalchemy.exc import DBAPIError

        params = {"hash": token_hash(token), "now": self.clock()}
        for attempt in (1, 2):  # no ping before each query (a round trip per poll); a dropped connection: once more
            try:
                with self.engine.connect() as conn:
                    r = conn.exec_driver_sql(HQ_QUERY, params).mappings().first()
                break
            except DBAPIError as exc:
                if attempt == 2 or not exc.connection_invalidated:
                    raise
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

    def forget_all(self) -> None:
        self._tickets = _Memo(TTL_S)

    def subscribe(self, token: str, **_: Any) -> bool:
        return False  # head office writes nothing (settled question 9)

    def close(self) -> None:
        self.engine.dispose()
