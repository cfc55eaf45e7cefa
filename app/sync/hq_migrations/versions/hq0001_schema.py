"""Head-office schema: branches, consolidated branch records, shared settings,
a NOLOGIN owner role, a branch group role, and row-level security.

Revision ID: hq0001
Revises:

Every branch record is keyed by its uuid and carries the branch code. A
branch's login role is a member of the group role ``<db>_branch`` and sees,
inserts and updates only rows whose branch_code is the one hq_branches maps to
its login name (``session_user``, which a client cannot change). The tables
belong to ``<db>_owner`` (NOLOGIN), so no application role owns them.
"""
from alembic import op

from app.sync.hq_roles import branch_group_role, owner_role

revision = "hq0001"
down_revision = None
branch_labels = None
depends_on = None

RECORD_TABLES = ("hq_tickets", "hq_events", "hq_complaints", "hq_complaint_log")

TABLES = """
CREATE TABLE hq_branches (
    code        text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{1,16}$'),
    name        text NOT NULL DEFAULT '',
    role_name   text NOT NULL UNIQUE,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE hq_settings_version_seq;
CREATE TABLE hq_settings (
    scope       text NOT NULL DEFAULT '*',   -- '*' = every branch, else a branch code
    key         text NOT NULL,
    value       jsonb NOT NULL,
    version     bigint NOT NULL DEFAULT nextval('hq_settings_version_seq'),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
-- Branch times are the branch's local wall-clock time (timestamp, no zone).
CREATE TABLE hq_tickets (
    uuid                  uuid PRIMARY KEY,
    branch_code           text NOT NULL REFERENCES hq_branches(code),
    version               integer NOT NULL,
    business_date         date NOT NULL,
    number                text NOT NULL,
    prefix                text NOT NULL,
    seq                   integer NOT NULL,
    service_code          text,
    original_service_code text,
    priority              text NOT NULL,
    priority_note         text,
    status                text NOT NULL,
    issued_at             timestamp NOT NULL,
    queued_at             timestamp,
    first_called_at       timestamp,
    called_at             timestamp,
    started_at            timestamp,
    finished_at           timestamp,
    transferred_at        timestamp,
    transfer_count        integer NOT NULL DEFAULT 0,
    window_number         integer,
    target_window_number  integer,
    staff_username        text,
    call_count            integer NOT NULL DEFAULT 0,
    rating                integer,
    print_state           text,
    had_contact_details   boolean NOT NULL DEFAULT false,
    received_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_hq_tickets_branch_day ON hq_tickets (branch_code, business_date);
CREATE TABLE hq_events (
    uuid             uuid PRIMARY KEY,
    branch_code      text NOT NULL REFERENCES hq_branches(code),
    branch_event_id  bigint NOT NULL,
    at               timestamp NOT NULL,
    type             text NOT NULL,
    ticket_uuid      uuid,
    complaint_uuid   uuid,
    window_number    integer,
    staff_username   text,
    payload          jsonb NOT NULL DEFAULT '{}',
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_hq_events_branch_id ON hq_events (branch_code, branch_event_id);
CREATE TABLE hq_complaints (
    uuid                   uuid PRIMARY KEY,
    branch_code            text NOT NULL REFERENCES hq_branches(code),
    version                integer NOT NULL,
    reference              text NOT NULL,
    business_date          date NOT NULL,
    kind                   text NOT NULL,
    channel                text,
    status                 text NOT NULL,
    categories             jsonb NOT NULL DEFAULT '[]',
    ticket_uuid            uuid,
    ticket_number          text,
    window_number          integer,
    teller                 text,
    received_at            timestamp NOT NULL,
    received_by            text,
    handler                text,
    resolve_days           integer,
    ack_due                timestamp,
    resolve_due            timestamp,
    regulatory_due         timestamp,
    acknowledged_at        timestamp,
    started_at             timestamp,
    resolved_at            timestamp,
    notified_at            timestamp,
    notify_method          text,
    closed_at              timestamp,
    satisfaction           integer,
    adopted                boolean,
    reopen_count           integer NOT NULL DEFAULT 0,
    updated_at             timestamp,
    received_at_hq         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_hq_complaints_branch_received ON hq_complaints (branch_code, received_at);
CREATE TABLE hq_complaint_log (
    uuid            uuid PRIMARY KEY,
    branch_code     text NOT NULL REFERENCES hq_branches(code),
    complaint_uuid  uuid NOT NULL,
    at              timestamp NOT NULL,
    staff           text,
    action          text NOT NULL,
    from_status     text,
    to_status       text,
    received_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_hq_complaint_log_complaint ON hq_complaint_log (complaint_uuid);
"""


def _ensure_role(name: str) -> None:
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
        f'CREATE ROLE "{name}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT; END IF; END $$'
    )


def upgrade() -> None:
    bind = op.get_bind()
    dbname = bind.exec_driver_sql("SELECT current_database()").scalar_one()
    owner, group = owner_role(dbname), branch_group_role(dbname)
    _ensure_role(owner)
    _ensure_role(group)
    # The admin running this must be able to hand the tables to the owner.
    op.execute(f'GRANT "{owner}" TO current_user')
    op.execute(TABLES)
    op.execute(
        "CREATE FUNCTION hq_current_branch() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER "
        "SET search_path = public, pg_temp AS "
        "$$ SELECT code FROM hq_branches WHERE role_name = session_user AND active $$"
    )
    op.execute(f'GRANT CONNECT ON DATABASE "{dbname}" TO "{group}"')
    op.execute(f'GRANT USAGE ON SCHEMA public TO "{group}"')
    op.execute("REVOKE ALL ON FUNCTION hq_current_branch() FROM PUBLIC")
    op.execute(f'GRANT EXECUTE ON FUNCTION hq_current_branch() TO "{group}"')
    for table in ("hq_branches", "hq_settings", *RECORD_TABLES):
        op.execute(f'ALTER TABLE {table} OWNER TO "{owner}"')
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"REVOKE ALL ON {table} FROM PUBLIC")
    op.execute('ALTER SEQUENCE hq_settings_version_seq OWNER TO "{}"'.format(owner))
    op.execute('ALTER FUNCTION hq_current_branch() OWNER TO "{}"'.format(owner))
    for table in RECORD_TABLES:
        op.execute(f'GRANT SELECT, INSERT, UPDATE ON {table} TO "{group}"')
        op.execute(
            f'CREATE POLICY own_branch ON {table} TO "{group}" '
            "USING (branch_code = hq_current_branch()) WITH CHECK (branch_code = hq_current_branch())"
        )
    op.execute(f'GRANT SELECT ON hq_settings, hq_branches TO "{group}"')
    op.execute(
        f'CREATE POLICY shared_or_own ON hq_settings FOR SELECT TO "{group}" '
        "USING (scope = '*' OR scope = hq_current_branch())"
    )
    op.execute(f'CREATE POLICY own_row ON hq_branches FOR SELECT TO "{group}" USING (role_name = session_user)')


def downgrade() -> None:
    op.execute("DROP TABLE hq_complaint_log, hq_complaints, hq_events, hq_tickets, hq_settings, hq_branches")
    op.execute("DROP SEQUENCE IF EXISTS hq_settings_version_seq")
    op.execute("DROP FUNCTION IF EXISTS hq_current_branch()")
