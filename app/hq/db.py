"""Connecting to head office's PostgreSQL for reading (the report, the tiles)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from app.errors import DomainError
from app.privacy.credentials import redact_text
from app.sync.config import _libpq_url

CONNECT_TIMEOUT_S = 10
STATEMENT_TIMEOUT_MS = 120_000


class HeadOfficeUnavailable(DomainError):
    code = "hq_unavailable"


@contextmanager
def reading(url: str) -> Iterator[psycopg.Connection]:
    """A read-only transaction on head office's database (also for a role that could write)."""
    try:
        conn = psycopg.connect(_libpq_url(url), connect_timeout=CONNECT_TIMEOUT_S,
                               options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}")
    except psycopg.Error as exc:
        reason = redact_text(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
        raise HeadOfficeUnavailable(f"Head office's database could not be reached: {reason}") from None
    try:
        with conn:
            conn.read_only = True
            yield conn
    except psycopg.errors.UndefinedTable:
        raise HeadOfficeUnavailable("Head office's schema is older than this report: run 'branchdesk hq init' "
                                    "with an administrator's address first.") from None
    except psycopg.errors.InsufficientPrivilege:
        raise HeadOfficeUnavailable("This database role may not read the head-office figures: use a role made "
                                    "with 'branchdesk hq add-reader'.") from None
    finally:
        conn.close()


def server_now(conn: psycopg.Connection) -> dt.datetime:
    """Head office's clock (its local time), for 'as of now'."""
    return conn.execute("SELECT localtimestamp(0)").fetchone()[0]  # type: ignore[index]
