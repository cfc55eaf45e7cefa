"""A client-side watchdog for PostgreSQL connections (settled question 3).

A query on an open connection to a server that stopped answering (a frozen
host, a half-open proxy) outlives ``statement_timeout`` and TCP keepalives:
measured at 12 s and more. So every branch query, and every step of the
head-office push, runs under this watchdog: when the block takes longer than
its limit, the connection's socket is shut down, the blocked call raises at
once, and the caller's normal error path takes over.

One thread serves every armed connection of the process (arming costs a heap
push, not a thread), so it can guard every transaction of a busy branch.
"""

from __future__ import annotations

import heapq
import itertools
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Guard:
    """One armed block: ``fired`` tells whether the watchdog cut it."""

    __slots__ = ("deadline", "seconds", "cut", "fired", "done")

    def __init__(self, seconds: float, cut: Callable[[], None]) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.cut = cut
        self.fired = False
        self.done = False


class Watchdog:
    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Guard]] = []
        self._count = itertools.count()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, cut: Callable[[], None]) -> Guard:
        guard = Guard(seconds, cut)
        with self._cond:
            heapq.heappush(self._heap, (guard.deadline, next(self._count), guard))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is guard:
                self._cond.notify()
        return guard

    def disarm(self, guard: Guard) -> None:
        guard.done = True  # dropped lazily from the heap

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait(5.0)
                    continue
                deadline, _, guard = self._heap[0]
                delay = deadline - time.monotonic()
                if delay > 0:
                    self._cond.wait(delay)
                    continue
                heapq.heappop(self._heap)
            if not guard.done:
                guard.fired = True
                try:
                    guard.cut()
                except OSError:
                    pass

    @contextmanager
    def guard_socket(self, fd_of: Callable[[], int], seconds: float) -> Iterator[Guard]:
        """Shut down the socket ``fd_of()`` returns if the block outlives ``seconds``."""
        g = self.arm(seconds, lambda: shutdown_fd(fd_of()))
        try:
            yield g
        finally:
            self.disarm(g)


def shutdown_fd(fd: int) -> None:
    """Shut a socket down in both directions: a thread blocked in recv() wakes
    at once. ``shutdown()`` acts on the socket every descriptor shares, so a
    duplicate is enough and the connection's own descriptor stays valid."""
    if fd < 0:
        return
    s = socket.socket(fileno=os.dup(fd))
    try:
        s.shutdown(socket.SHUT_RDWR)
    finally:
        s.close()


WATCHDOG = Watchdog()
