"""Connections to head office: bounded in time at every step.

``connect_timeout`` bounds the connect, ``statement_timeout`` bounds work the
server is doing, TCP keepalives and ``tcp_user_timeout`` notice a dead peer,
and a watchdog shuts the socket when a peer that is alive but silent (a
half-open proxy, a hung server) would otherwise block us for ever.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from app.sync.config import SyncConfig, conninfo_kwargs, find_password


def connect(cfg: SyncConfig, *, password: str | None = None) -> psycopg.Connection:
    """A connection as the branch role, or psycopg/OSError.

    Autocommit, so each ``conn.transaction()`` is a real BEGIN...COMMIT.
    """
    cfg.require_configured()
    pw = password if password is not None else find_password(cfg)
    kw = conninfo_kwargs(cfg, pw)
    conninfo = str(kw.pop("conninfo"))
    return psycopg.connect(conninfo, autocommit=True, **kw)  # type: ignore[arg-type]


class _Watch:
    def __init__(self) -> None:
        self.conn: psycopg.Connection | None = None
        self.fired = False


@contextmanager
def watchdog(conn: psycopg.Connection | None, seconds: float) -> Iterator[_Watch]:
    """Cut ``conn``'s socket if the block takes longer than ``seconds``.

    psycopg then raises OperationalError in the blocked call; the caller's
    normal error path (rollback, record the error, back off) takes over.
    """
    watch = _Watch()
    watch.conn = conn

    def fire() -> None:
        watch.fired = True
        c = watch.conn
        if c is None or c.closed:
            return
        try:
            fd = c.pgconn.socket
            # shutdown() acts on the socket shared by every descriptor, so a
            # duplicate is enough to wake the thread blocked in recv().
            s = socket.socket(fileno=os.dup(fd))
            try:
                s.shutdown(socket.SHUT_RDWR)
            finally:
                s.close()
        except (OSError, psycopg.Error):
            pass

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield watch
    except psycopg.OperationalError as exc:
        if watch.fired:
            raise TimeoutError(f"no answer within {seconds:.0f} seconds") from exc
        raise
    finally:
        timer.cancel()
