"""Head office: the phone page's figures per ticket, and the appointments head
office hands to branches.

Revision ID: hq0002
Revises: hq0001

- ``hq_ticket_live``: each of today's tickets as its branch last saw it (number,
  service code, state, window, people ahead, wait and range, when that was
  true, when the link expires) and the hash of its phone link; written by the
  branch's sync (its own rows only), read by the head-office page through role
  ``<db>_web``. Names come from head office's own tables (``hq_branches``, the
  catalogue it publishes), never free text from a branch.
- ``hq_appointments``: bookings head office holds for a branch (from the bank's
  booking system); the branch reads its own and imports them by reference.
  They hold the customer's name and phone as the booking system gave them.
"""
from alembic import op

from app.sync.hq_roles import branch_group_role, owner_role, web_role

revision = "hq0002"
down_revision = "hq0001"
branch_labels = None
depends_on = None

TABLES = """
CREATE TABLE hq_ticket_live (
    ticket_uuid      uuid PRIMARY KEY,
    branch_code      text NOT NULL REFERENCES hq_branches(code),
    token_hash       text NOT NULL UNIQUE,
    business_date    date NOT NULL,
    number           text NOT NULL,
    status           text NOT NULL,
    window_number    integer,
    service_code     text,
    people_ahead     integer,
    wait_min         integer,
    low_min          integer,
    high_min         integer,
    note             text,
    computed_at      timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    timezone         text NOT NULL DEFAULT 'Asia/Shanghai',
    interval_s       integer,
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_hq_ticket_live_branch_day ON hq_ticket_live (branch_code, business_date);
CREATE SEQUENCE hq_appointments_version_seq;
CREATE TABLE hq_appointments (
    branch_code     text NOT NULL REFERENCES hq_branches(code),
    reference       text NOT NULL,
    service_code    text NOT NULL,
    slot_at         timestamp NOT NULL,
    customer_name   text,
    customer_phone  text,
    status          text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
    version         bigint NOT NULL DEFAULT nextval('hq_appointments_version_seq'),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (branch_code, reference)
);
CREATE INDEX ix_hq_appointments_version ON hq_appointments (branch_code, version);
"""


def _ensure_role(name: str) -> None:
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
        f'CREATE ROLE "{name}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT; END IF; END $$'
    )


def upgrade() -> None:
    dbname = op.get_bind().exec_driver_sql("SELECT current_database()").scalar_one()
    owner, group, web = owner_role(dbname), branch_group_role(dbname), web_role(dbname)
    _ensure_role(web)
    op.execute(f'GRANT "{owner}" TO current_user')
    op.execute(TABLES)
    for table in ("hq_ticket_live", "hq_appointments"):
        op.execute(f'ALTER TABLE {table} OWNER TO "{owner}"')
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"REVOKE ALL ON {table} FROM PUBLIC")
    op.execute(f'ALTER SEQUENCE hq_appointments_version_seq OWNER TO "{owner}"')
    op.execute(f'GRANT SELECT, INSERT, UPDATE ON hq_ticket_live TO "{group}"')
    op.execute(f'CREATE POLICY own_branch ON hq_ticket_live TO "{group}" '
               "USING (branch_code = hq_current_branch()) WITH CHECK (branch_code = hq_current_branch())")
    op.execute(f'GRANT SELECT ON hq_appointments TO "{group}"')
    op.execute(f'CREATE POLICY own_branch ON hq_appointments FOR SELECT TO "{group}" '
               "USING (branch_code = hq_current_branch())")
    # The phone page: every branch's live figures and ticket states, nothing personal, nothing written.
    op.execute(f'GRANT CONNECT ON DATABASE "{dbname}" TO "{web}"')
    op.execute(f'GRANT USAGE ON SCHEMA public TO "{web}"')
    for table in PAGE_READS:
        op.execute(f'GRANT SELECT ON {table} TO "{web}"')
        op.execute(f'CREATE POLICY phone_page ON {table} FOR SELECT TO "{web}" USING (true)')


PAGE_READS = ("hq_ticket_live", "hq_tickets", "hq_branches", "hq_settings")


def downgrade() -> None:
    for table in PAGE_READS[1:]:
        op.execute(f"DROP POLICY IF EXISTS phone_page ON {table}")
    op.execute("DROP TABLE hq_appointments, hq_ticket_live")
    op.execute("DROP SEQUENCE IF EXISTS hq_appointments_version_seq")
