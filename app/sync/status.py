"""What the status bar shows: last successful sync, backlog, last error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.store.engine import Database
from app.store.feed import events_after
from app.store.models import Setting
from app.store.models_sync import SyncState
from app.sync.push import stored_cursor

NOT_CONFIGURED, NEVER, OK, FAILING = "not_configured", "never", "ok", "failing"


@dataclass(frozen=True)
class SyncStatus:
    state: str  # not_configured / never (set up, nothing sent yet) / ok / failing
    last_success_at: dt.datetime | None  # branch-local time
    backlog: int  # events head office has not acknowledged
    last_error: str | None  # one sentence, None after a success
    last_error_at: dt.datetime | None = None
    failures: int = 0  # failed rounds in a row
    cursor_event_id: int = 0

    def sentence(self) -> str:
        """English one-liner for the command line (the UI translates its own)."""
        if self.state == NOT_CONFIGURED:
            return f"Sync is not set up; {self.backlog} events wait at the branch."
        when = self.last_success_at.strftime("%Y-%m-%d %H:%M") if self.last_success_at else "never"
        text = f"Last sync {when}; {self.backlog} events waiting."
        return f"{text} Last error: {self.last_error}" if self.last_error else text


def sync_status(db: Database) -> SyncStatus:
    """The sync figures, read in one snapshot (cheap: the cursor and a count)."""
    with db.read() as s:
        row = s.get(SyncState, 1)
        cursor = row.cursor_event_id if row is not None else 0
        backlog = int(s.scalar(events_after(s, stored_cursor(s))) or 0)
        url = s.get(Setting, "sync.hq_url")
        configured = url is not None and bool(url.value)
    attempted = row is not None and row.last_attempt_at is not None
    if not configured and not attempted:  # a worker given its config directly counts as set up
        state = NOT_CONFIGURED
    elif row is None or (row.last_success_at is None and row.last_error is None):
        state = NEVER
    else:
        state = FAILING if row.last_error else OK
    if row is None:
        return SyncStatus(state, None, backlog, None)
    return SyncStatus(state, row.last_success_at, backlog, row.last_error, row.last_error_at, row.failures, cursor)
