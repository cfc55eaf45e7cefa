"""Index today's tickets by prefix, status and number: numbering in constant
time; and the waiting tickets in queue order: calling in constant time.

Issuing a ticket asks whether its number is still in use today (after the
daily sequence has wrapped) and how many numbers of the prefix are in use (a
full queue is refused); both are a few index lookups with this index, where
they walked every ticket of the day without it. Calling reads the first few
of each line (service, class) and of the tickets transferred to the window;
two partial indexes of the waiting tickets give them in queue order, where
the database sorted every waiting ticket of the service for each call. The
estimate's service times come from the index of finished tickets alone.

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


WAITING = "status IN ('waiting', 'transferred')"
LINE_ORDER = "coalesce(appointment_at, queued_at)"  # appointments by their slot (migration 0015)


def upgrade() -> None:
    op.create_index("ix_tickets_day_prefix_status_number", "tickets", ["business_date", "prefix", "status", "number"])
    op.create_index("ix_tickets_waiting_line", "tickets", ["business_date", "service_id", "priority", sa.text(LINE_ORDER), "id"],
                    sqlite_where=sa.text(WAITING), postgresql_where=sa.text(WAITING))
    op.create_index("ix_tickets_waiting_target", "tickets", ["target_window_id", "queued_at", "id"],
                    sqlite_where=sa.text(WAITING), postgresql_where=sa.text(WAITING))
    # The estimate's service times (the last 400 finished of each service, once a
    # minute) read from the index alone: over a long history each row was a
    # lookup in the table (20 ms a refresh with 1,000,000 tickets).
    op.drop_index("ix_tickets_service_finished", table_name="tickets")
    op.create_index("ix_tickets_service_finished", "tickets",
                    ["service_id", "finished_at", "called_at", "status", "outcome"])


def downgrade() -> None:
    op.drop_index("ix_tickets_service_finished", table_name="tickets")
    op.create_index("ix_tickets_service_finished", "tickets", ["service_id", "finished_at"])
    op.drop_index("ix_tickets_waiting_target", table_name="tickets")
    op.drop_index("ix_tickets_waiting_line", table_name="tickets")
    op.drop_index("ix_tickets_day_prefix_status_number", table_name="tickets")
