"""Beyond the lobby: appointments, messages to the customer's phone, and the
key that signs the phone page's ticket links.

- tickets.appointment_at: the slot time of the appointment a ticket was
  issued for (the calling policy serves appointments by it);
- appointments: booked visits (personal data sealed like a ticket's);
- notify_subscriptions: a customer's consent, with its time, to messages
  about one ticket, and the sealed phone number;
- notify_outbox: the messages, sent by the notify worker with retries;
- branch_secrets: the phone-link key, made here once per database.

Revision ID: 0015
Revises: 0012
"""
import datetime as dt
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0012"
branch_labels = None
depends_on = None


def _personal() -> list[sa.Column]:
    return [sa.Column("customer_name", sa.Text(), nullable=True),
            sa.Column("customer_phone", sa.Text(), nullable=True),
            sa.Column("customer_name_masked", sa.String(length=100), nullable=True),
            sa.Column("customer_phone_masked", sa.String(length=32), nullable=True),
            sa.Column("phone_index", sa.String(length=40), nullable=True),
            sa.Column("personal_erased_at", sa.DateTime(), nullable=True)]


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("appointment_at", sa.DateTime(), nullable=True))
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("slot_at", sa.DateTime(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("booked_at", sa.DateTime(), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(), nullable=True),
        sa.Column("checkin", sa.String(length=8), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        *_personal(),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_appointments_service_id_services")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_appointments_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sa.UniqueConstraint("uuid", name=op.f("uq_appointments_uuid")),
        sa.UniqueConstraint("reference", name=op.f("uq_appointments_reference")),
    )
    op.create_index("ix_appointments_day_service", "appointments", ["business_date", "service_id", "slot_at"])
    op.create_index("ix_appointments_phone_index", "appointments", ["phone_index"])
    op.create_table(
        "notify_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=False),
        sa.Column("consent_via", sa.String(length=16), nullable=False),
        sa.Column("ahead_threshold", sa.Integer(), nullable=False),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("phone_masked", sa.String(length=32), nullable=True),
        sa.Column("phone_index", sa.String(length=40), nullable=True),
        sa.Column("personal_erased_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name=op.f("fk_notify_subscriptions_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notify_subscriptions")),
        sa.UniqueConstraint("uuid", name=op.f("uq_notify_subscriptions_uuid")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_notify_subscriptions_ticket_id")),
    )
    op.create_index("ix_notify_subscriptions_day", "notify_subscriptions", ["business_date"])
    op.create_index("ix_notify_subscriptions_phone_index", "notify_subscriptions", ["phone_index"])
    op.create_table(
        "notify_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("dedupe_key", sa.String(length=100), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["subscription_id"], ["notify_subscriptions.id"],
                                name=op.f("fk_notify_outbox_subscription_id_notify_subscriptions")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_notify_outbox_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notify_outbox")),
        sa.UniqueConstraint("uuid", name=op.f("uq_notify_outbox_uuid")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_notify_outbox_dedupe_key")),
    )
    op.create_index("ix_notify_outbox_due", "notify_outbox", ["state", "next_at"])
    op.create_index("ix_notify_outbox_subscription", "notify_outbox", ["subscription_id"])
    secrets_table = op.create_table(
        "branch_secrets",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_branch_secrets")),
    )
    op.bulk_insert(secrets_table, [{"name": "web.link_key", "value": secrets.token_urlsafe(32),
                                    "created_at": dt.datetime.now().replace(microsecond=0)}])


def downgrade() -> None:
    op.drop_table("branch_secrets")
    op.drop_index("ix_notify_outbox_subscription", table_name="notify_outbox")
    op.drop_index("ix_notify_outbox_due", table_name="notify_outbox")
    op.drop_table("notify_outbox")
    op.drop_index("ix_notify_subscriptions_phone_index", table_name="notify_subscriptions")
    op.drop_index("ix_notify_subscriptions_day", table_name="notify_subscriptions")
    op.drop_table("notify_subscriptions")
    op.drop_index("ix_appointments_phone_index", table_name="appointments")
    op.drop_index("ix_appointments_day_service", table_name="appointments")
    op.drop_table("appointments")
    op.execute("ALTER TABLE tickets DROP COLUMN appointment_at")  # plain DROP COLUMN, as 0012 does
