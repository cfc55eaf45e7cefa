"""Complaint deadlines may be pending: resolve_due and regulatory_due nullable.

A case whose working-day deadline reaches a year the calendar does not know
yet (chinesecalendar stops at 2026) is taken in with that deadline NULL and
computed when the branch enters the year. ack_due runs on the clock and stays
NOT NULL.

SQLite cannot drop NOT NULL in place: batch mode rebuilds the table (copy,
drop, rename). With foreign keys enforced, dropping ``complaints`` while
``complaint_log`` rows point at it fails, and PRAGMA foreign_keys cannot be
switched off inside the migration's transaction. So the rows are parked in a
temporary table, the checks deferred to the commit, the (empty) table rebuilt,
and the rows put back under the same ids before the commit checks them.

Revision ID: 0009
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0002"
branch_labels = None
depends_on = None

_PARK = "_complaints_0009"


def _rebuild(nullable: bool) -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        op.execute("PRAGMA defer_foreign_keys = ON")  # checked at commit, after the rows are back
        op.execute(f"CREATE TEMP TABLE {_PARK} AS SELECT * FROM complaints")
        op.execute("DELETE FROM complaints")
    with op.batch_alter_table("complaints") as batch:
        batch.alter_column("resolve_due", existing_type=sa.DateTime(), nullable=nullable)
        batch.alter_column("regulatory_due", existing_type=sa.DateTime(), nullable=nullable)
    if sqlite:
        columns = ", ".join(f'"{r[1]}"' for r in bind.exec_driver_sql(f"PRAGMA table_info({_PARK})"))
        op.execute(f"INSERT INTO complaints ({columns}) SELECT {columns} FROM {_PARK}")
        op.execute(f"DROP TABLE {_PARK}")


def upgrade() -> None:
    _rebuild(nullable=True)


def downgrade() -> None:
    # Only possible while no deadline is pending (enter the calendar first).
    _rebuild(nullable=False)
