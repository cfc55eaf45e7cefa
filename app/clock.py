"""One clock for the branch (DESIGN, settled question 1).

Times are stored as the branch's local wall-clock time, naive, to the second.
A service function's ``now`` is either given (tests, imports, replays,
``--at``: honoured as given) or ``None``: then the database's clock is read
inside the write transaction, so every PC of a branch sharing a PostgreSQL
database orders its queue by one clock, the server's, whatever its own clock
says. On SQLite the database is a file on this PC and the PC's clock is the
database's clock. Either way the time is taken in the branch's time zone
(``branch.timezone``), never the PC's.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

DEFAULT_TZ = "Asia/Shanghai"
SKEW_WARN_S = 30.0


@lru_cache(maxsize=8)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name or DEFAULT_TZ)


def pc_now(tz: str = DEFAULT_TZ) -> dt.datetime:
    """This PC's clock in the branch's time zone (naive, whole seconds)."""
    return dt.datetime.now(zone(tz)).replace(tzinfo=None, microsecond=0)


def to_branch_time(value: dt.datetime, tz: str = DEFAULT_TZ) -> dt.datetime:
    """An aware time converted to branch-local naive time; a naive one as it is."""
    if value.tzinfo is not None:
        value = value.astimezone(zone(tz)).replace(tzinfo=None)
    return value


def db_now(s: Session, tz: str = DEFAULT_TZ) -> dt.datetime:
    """The database's clock, in the branch's time zone (naive, whole seconds)."""
    if s.get_bind().dialect.name == "postgresql":
        value = s.execute(text("SELECT date_trunc('second', clock_timestamp() AT TIME ZONE :tz)"),
                          {"tz": tz or DEFAULT_TZ}).scalar_one()
        return value
    return pc_now(tz)


def measure_skew(db) -> float:  # type: ignore[no-untyped-def]
    """Seconds this PC's clock runs ahead of the database's (negative: behind).

    On SQLite the database's clock is this PC's: 0. On PostgreSQL the server's
    ``clock_timestamp()`` is compared with the middle of the round trip.
    """
    if db.is_sqlite:
        return 0.0
    with db.read() as s:
        before = time.time()
        server = s.execute(text("SELECT extract(epoch FROM clock_timestamp())")).scalar_one()
        after = time.time()
    return (before + after) / 2 - float(server)


def skew_sentence(skew_s: float) -> str | None:
    """One sentence when this PC's clock is more than 30 s off the database's."""
    if abs(skew_s) <= SKEW_WARN_S:
        return None
    way = "ahead of" if skew_s > 0 else "behind"
    return (f"This PC's clock is {abs(skew_s):.0f} seconds {way} the database's; "
            f"the queue uses the database's time, so set this PC's clock right.")
