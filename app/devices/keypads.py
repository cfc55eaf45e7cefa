"""Caller keypads: key presses on a serial port become queue actions for a window.

One ``KeypadService`` thread per port reads frames through a keypad protocol
adapter, maps each keypad address to its window, calls the queue engine as
that window's actor with ``now`` from the clock, and answers the keypad
(ACK with the window's number, or ERR with a code). The window display is
updated from the change feed (``WindowDisplays``), woken at once after a key.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

import app.queue as q
from app.devices.serial_link import SerialLink
from app.devices.serial_protocol import Garbled, KeyPress
from app.errors import DomainError
from app.staff.roles import Actor
from app.store.engine import Database
from app.store.models import Staff, Window

log = logging.getLogger("branchdesk.devices.keypad")

# DomainError.code -> the short code sent back in ERR frames.
ERROR_CODES = {
    "no_ticket_waiting": "NOBODY",
    "window_closed": "CLOSED",
    "window_busy": "BUSY",
    "invalid_state": "STATE",
    "not_permitted": "DENIED",
    "unknown_window": "WINDOW",
    "invalid_input": "INPUT",
}


def default_clock() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def window_actor(db: Database, window: int) -> Actor:
    """The staff member signed in at ``window`` if they may call, else a keypad teller.

    A keypad acting without staff still records the window's staff on the
    ticket (the queue engine falls back to the window's staff).
    """
    with db.read() as s:
        row = s.execute(select(Staff).join(Window, Window.staff_id == Staff.id)
                        .where(Window.number == window)).scalar_one_or_none()
        if row is not None and row.active:
            actor = Actor(row.username, frozenset(filter(None, row.roles.split(","))), row.id)
            if actor.can("call") and actor.can("window.operate"):
                return actor
    return Actor(f"keypad-{window}", frozenset({"teller"}))


def window_state(db: Database, window: int) -> str | None:
    with db.read() as s:
        return s.scalar(select(Window.state).where(Window.number == window))


def press(db: Database, window: int, key: str, *, actor: Actor, now: dt.datetime) -> str:
    """Do what ``key`` means at ``window``; returns the window's ticket number ("" if none).

    NEXT finishes the current ticket and calls the next; PAUSE pauses an open
    window and resumes a paused one. Raises the queue's DomainError.
    """
    if key == "NEXT":
        return q.call_next(db, window=window, finish_current=True, actor=actor, now=now).number
    if key == "RECALL":
        return q.recall(db, window=window, actor=actor, now=now).number
    if key == "NOSHOW":
        q.no_show(db, window=window, actor=actor, now=now)
        return ""
    if key == "START":
        return q.start_service(db, window=window, actor=actor, now=now).number
    if key == "FINISH":
        q.finish(db, window=window, actor=actor, now=now)
        return ""
    if key == "PAUSE":
        if window_state(db, window) == "paused":
            q.resume_window(db, window=window, actor=actor, now=now)
        else:
            q.pause_window(db, window=window, reason="paused at the keypad", actor=actor, now=now)
        return ""
    raise ValueError(f"unknown key {key!r}")


class KeypadService:
    """Reads one port (a single keypad or an RS-485 bus of addressed keypads)."""

    def __init__(self, db: Database, link: SerialLink, protocol: Any, windows: dict[int, int], *,
                 clock: Callable[[], dt.datetime] = default_clock,
                 on_action: Callable[[int, str, str], None] | None = None) -> None:
        self.db = db
        self.link = link
        self.protocol = protocol
        self.windows = windows  # keypad address -> window number
        self.clock = clock
        self.on_action = on_action  # (window, key, number) after a successful key
        self.garbled = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._generation = -1

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f"keypad-{self.link.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)

    close = stop

    def _run(self) -> None:
        while not self._stop.is_set():
            data = self.link.read()
            if self.link.generation != self._generation:  # reconnected: drop half a frame
                self._generation = self.link.generation
                self.protocol.reset()
            if not data:
                continue
            for event in self.protocol.feed(data):
                try:
                    self.handle(event)
                except Exception:  # one bad key press never stops the keypads
                    log.exception("keypad %s: unexpected error", self.link.name)

    def handle(self, event: KeyPress | Garbled) -> None:
        """Act on one decoded event and answer the keypad."""
        if isinstance(event, Garbled):
            self.garbled += 1
            log.warning("keypad %s: ignored garbled frame %r (%s)", self.link.name, event.raw[:80], event.reason)
            return
        window = self.windows.get(event.address)
        if window is None:
            log.warning("keypad %s: no window for address %02d", self.link.name, event.address)
            return
        try:
            number = press(self.db, window, event.key, actor=window_actor(self.db, window), now=self.clock())
        except DomainError as exc:
            log.info("keypad window %s %s: %s", window, event.key, exc.message)
            self.link.write(self.protocol.error(event.address, ERROR_CODES.get(exc.code, "ERROR")))
            return
        self.link.write(self.protocol.ack(event.address, event.key, number))
        if self.on_action is not None:
            self.on_action(window, event.key, number)
