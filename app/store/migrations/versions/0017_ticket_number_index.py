"""Index today's tickets by prefix, status and number: numbering in constant time.

Issuing a ticket asks whether its number is still in use today (after the
daily sequence has wrapped) and how many numbers of the prefix are in use (a
full queue is refused); both are a few index lookups with this index, where
they walked every ticket of the day without it.

Revision ID: 0017
Revises: 0012
"""
from alembic import op

revision = "0017"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tickets_day_prefix_status_number", "tickets", ["business_date", "prefix", "status", "number"])


def downgrade() -> None:
    op.drop_index("ix_tickets_day_prefix_status_number", table_name="tickets")
