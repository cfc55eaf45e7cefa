"""What the customer was told at issue: the estimated wait, its range, the
people ahead and why no number was given, kept on the ticket (settled
question 5) for reprints, the estimate's self-correction and the phone page.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("promised_wait_min", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("promised_low_min", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("promised_high_min", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("people_ahead", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("promise_note", sa.String(length=16), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild of tickets would
    # drop a table that events, ratings and complaints point at.
    for col in ("promise_note", "people_ahead", "promised_high_min", "promised_low_min", "promised_wait_min"):
        op.execute(f"ALTER TABLE tickets DROP COLUMN {col}")
