"""Index the alerts by state and time cleared: the alert board (the manager's
screen, ``branchdesk alerts list``) shows the last few cleared, newest first,
through it. It sorted every alert ever cleared before (and read every alert
to find the open ones), a read that grew with the branch's years.

Revision ID: 0020
Revises: 0019
"""
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_alerts_state_cleared", "alerts", ["state", "cleared_at"])


def downgrade() -> None:
    op.drop_index("ix_alerts_state_cleared", table_name="alerts")
