"""Index the windows' openings, pauses, resumptions and closings by time (a
partial index: a few events per window and day, nothing for the tickets'
events). The manager's live figures, the staffing advice and every report
read a period's window events; they read the whole event log to find them
before (100 ms at a million events, growing with the branch's years).

Revision ID: 0021
Revises: 0020
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

WINDOW_EVENTS = "type IN ('WindowOpened', 'WindowPaused', 'WindowResumed', 'WindowClosed')"


def upgrade() -> None:
    op.create_index("ix_events_window_at", "events", ["at"],
                    sqlite_where=sa.text(WINDOW_EVENTS), postgresql_where=sa.text(WINDOW_EVENTS))


def downgrade() -> None:
    op.drop_index("ix_events_window_at", table_name="events")
