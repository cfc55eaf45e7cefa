"""Index today's tickets by status: the calling query and the queue status.

Without it SQLite answers "today's waiting tickets" by walking every ticket of
the day (done ones included), so call-next slows down as the day goes on.

Revision ID: 0007
Revises: 0001
"""
from alembic import op

revision = "0007"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tickets_day_status", "tickets", ["business_date", "status", "service_id"])


def downgrade() -> None:
    op.drop_index("ix_tickets_day_status", table_name="tickets")
