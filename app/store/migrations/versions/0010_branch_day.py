"""The branch day: merge the parallel heads into one line, and add what the
day's lifecycle, windows that follow their teller and the commit-ordered
change feed need.

- ``business_days``: one row per business date (opened, closed, how, what
  closing did), so no earlier day is ever left open.
- ``windows.heartbeat_at`` / ``windows.holder``: the teller app holding an
  open window says so every few seconds; silence means unattended.
- ``events.txid``: on PostgreSQL the writing transaction's id
  (``pg_current_xact_id()``): ids are not commit order there, transaction
  snapshots are (the change feed and the sync push read by it).
- ``sync_state.cursor_txid``: the push cursor on PostgreSQL is (txid, id).

Every later migration chains from this one (``alembic upgrade head`` works).

Revision ID: 0010
Revises: 0003, 0007, 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = ("0003", "0007", "0009")
branch_labels = None
depends_on = None

TXID_DEFAULT = "(pg_current_xact_id()::text)::bigint"


def upgrade() -> None:
    op.create_table(
        "business_days",
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_how", sa.String(length=16), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("expired", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("served_at_close", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("business_date", name=op.f("pk_business_days")),
    )
    with op.batch_alter_table("windows") as batch:
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("holder", sa.String(length=64), nullable=True))
    is_pg = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("txid", sa.BigInteger(), nullable=True,
                                   server_default=sa.text(TXID_DEFAULT) if is_pg else None))
    if is_pg:  # events written before: all committed long ago, before any transaction now
        op.execute("UPDATE events SET txid = 0 WHERE txid IS NULL")
    op.create_index("ix_events_txid", "events", ["txid", "id"])
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("cursor_txid", sa.BigInteger(), nullable=False, server_default="0"))
    # Days already in the database are closed history: the oldest open work is
    # closed by the first action of the next day (app/queue/day.py).


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("cursor_txid")
    op.drop_index("ix_events_txid", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("txid")
    with op.batch_alter_table("windows") as batch:
        batch.drop_column("holder")
        batch.drop_column("heartbeat_at")
    op.drop_table("business_days")
