"""Alerts: raised, acknowledged and cleared threshold crossings (app/alerts).

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("open_key", sa.String(length=160), nullable=True),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("service_code", sa.String(length=8), nullable=True),
        sa.Column("window_number", sa.Integer(), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("ticket_number", sa.String(length=16), nullable=True),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=24), nullable=True),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.Integer(), nullable=True),
        sa.Column("acknowledged_name", sa.String(length=64), nullable=True),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.Column("cleared_how", sa.String(length=32), nullable=True),
        sa.Column("notify_state", sa.String(length=16), nullable=False),
        sa.Column("notify_attempts", sa.Integer(), nullable=False),
        sa.Column("notify_after", sa.DateTime(), nullable=True),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.Column("notify_error", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name="fk_alerts_ticket_id_tickets"),
        sa.ForeignKeyConstraint(["acknowledged_by"], ["staff.id"], name="fk_alerts_acknowledged_by_staff"),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("uuid", name="uq_alerts_uuid"),
        sa.UniqueConstraint("open_key", name="uq_alerts_open_key"),
    )
    op.create_index("ix_alerts_state_raised", "alerts", ["state", "raised_at"])
    op.create_index("ix_alerts_notify_state", "alerts", ["notify_state"])


def downgrade() -> None:
    op.drop_index("ix_alerts_notify_state", table_name="alerts")
    op.drop_index("ix_alerts_state_raised", table_name="alerts")
    op.drop_table("alerts")
