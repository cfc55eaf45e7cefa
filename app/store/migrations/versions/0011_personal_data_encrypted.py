"""Personal data encrypted at rest, the access log widened, login throttling.

- ``privacy_keys``: the versions of the branch's data key (ids and check
  values; the key itself stays outside the database, app/privacy/keys.py).
- ``login_throttle``: failed logins per username.
- tickets: name, phone and need note become ciphertext (text), with their
  masked forms, a phone index and when they were erased beside them.
- complaints: name, phone, e-mail, content, answer and extension reason
  likewise (content may be empty once erased); the log's notes are sealed.
- ``data_access_log``: who did what (action, outcome, username), not only
  which case or ticket was opened.

Rows already holding personal data are encrypted here, with version 1 of the
key created for them. SQLite keeps the old plain pages until they are reused,
so the migration asks ``upgrade_to_head`` for a VACUUM and a WAL checkpoint
after its commit (``branchdesk_vacuum``). Tables are rebuilt the FK-safe way
of 0009 (rows parked, checks deferred to the commit).

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TICKETS = ("customer_name", "customer_phone", "need_note")
COMPLAINTS = ("customer_name", "customer_phone", "customer_email")
OLD_TYPES = {("tickets", "customer_name"): sa.String(100), ("tickets", "customer_phone"): sa.String(32),
             ("tickets", "need_note"): sa.String(500), ("complaints", "customer_name"): sa.String(100),
             ("complaints", "customer_phone"): sa.String(32), ("complaints", "customer_email"): sa.String(120)}


def _rebuild(table: str, change) -> None:  # type: ignore[no-untyped-def]
    """``change(batch)`` on ``table``; on SQLite with its rows parked meanwhile."""
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    park = f"_{table}_0011"
    if sqlite:
        op.execute("PRAGMA defer_foreign_keys = ON")
        op.execute(f"CREATE TEMP TABLE {park} AS SELECT * FROM {table}")
        op.execute(f"DELETE FROM {table}")
    with op.batch_alter_table(table) as batch:
        change(batch)
    if sqlite:  # the columns both tables have (the new ones stay empty, the dropped ones go)
        kept = {r[1] for r in bind.exec_driver_sql(f"PRAGMA table_info({table})")}
        columns = ", ".join(f'"{r[1]}"' for r in bind.exec_driver_sql(f"PRAGMA table_info({park})") if r[1] in kept)
        op.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {park}")
        op.execute(f"DROP TABLE {park}")


def upgrade() -> None:
    op.create_table(
        "privacy_keys",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key_id", sa.String(length=36), nullable=False),
        sa.Column("check", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("destroyed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_privacy_keys")),
        sa.UniqueConstraint("key_id", name=op.f("uq_privacy_keys_key_id")),
    )
    op.create_table(
        "login_throttle",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_login_throttle")),
    )

    def tickets(batch) -> None:  # type: ignore[no-untyped-def]
        for name in TICKETS:
            batch.alter_column(name, existing_type=OLD_TYPES[("tickets", name)], type_=sa.Text(),
                               existing_nullable=True)
        batch.add_column(sa.Column("customer_name_masked", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("customer_phone_masked", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("phone_index", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("personal_erased_at", sa.DateTime(), nullable=True))
        batch.create_index("ix_tickets_phone_index", ["phone_index"])

    def complaints(batch) -> None:  # type: ignore[no-untyped-def]
        for name in COMPLAINTS:
            batch.alter_column(name, existing_type=OLD_TYPES[("complaints", name)], type_=sa.Text(),
                               existing_nullable=True)
        batch.alter_column("content", existing_type=sa.Text(), nullable=True)
        batch.add_column(sa.Column("customer_name_masked", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("contact_masked", sa.String(length=160), nullable=True))
        batch.add_column(sa.Column("phone_index", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("personal_erased_at", sa.DateTime(), nullable=True))
        batch.create_index("ix_complaints_phone_index", ["phone_index"])

    _rebuild("tickets", tickets)
    _rebuild("complaints", complaints)
    with op.batch_alter_table("data_access_log") as batch:
        batch.add_column(sa.Column("username", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("action", sa.String(length=32), nullable=False, server_default="view"))
        batch.add_column(sa.Column("outcome", sa.String(length=16), nullable=False, server_default="ok"))
        batch.alter_column("subject", existing_type=sa.String(length=32), nullable=True)
        batch.alter_column("subject_uuid", existing_type=sa.String(length=36), nullable=True)
    _encrypt_existing()
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.info["branchdesk_vacuum"] = True  # the old plain pages: app/store/migrate.py


def _encrypt_existing() -> None:
    """Seal what older releases stored in clear, under a first key version."""
    from app.privacy.crypto import is_sealed
    from app.privacy.masking import mask_email, mask_name, mask_phone
    from app.privacy.personal import aad
    from app.privacy.vault import Vault

    bind = op.get_bind()
    vault = Vault(bind)
    meta = sa.MetaData()
    t = sa.Table("tickets", meta, autoload_with=bind)
    c = sa.Table("complaints", meta, autoload_with=bind)
    lg = sa.Table("complaint_log", meta, autoload_with=bind)

    def update(table: sa.Table, fields: tuple[str, ...], extra) -> None:  # type: ignore[no-untyped-def]
        cond = sa.or_(*(table.c[f].is_not(None) & (table.c[f] != "") for f in fields))
        rows = bind.execute(sa.select(table.c.id, table.c.uuid, *(table.c[f] for f in fields)).where(cond)).all()
        changes = []
        for row in rows:
            clear = {f: getattr(row, f) for f in fields}
            values = {f"b_{f}": (v if is_sealed(v) or not v else vault.seal(v, aad(table.name, f, row.uuid)))
                      for f, v in clear.items()}
            changes.append({"b_id": row.id, **values, **extra(clear, vault)})
        if changes:
            names = [k[2:] for k in changes[0] if k != "b_id"]
            bind.execute(table.update().where(table.c.id == sa.bindparam("b_id"))
                         .values({n: sa.bindparam(f"b_{n}") for n in names}), changes)

    update(t, TICKETS, lambda v, vt: {
        "b_customer_name_masked": mask_name(v["customer_name"]),
        "b_customer_phone_masked": mask_phone(v["customer_phone"]),
        "b_phone_index": vt.index(v["customer_phone"])})
    update(c, ("customer_name", "customer_phone", "customer_email", "content", "resolution", "extension_reason"),
           lambda v, vt: {"b_customer_name_masked": mask_name(v["customer_name"]),
                          "b_contact_masked": mask_phone(v["customer_phone"]) or mask_email(v["customer_email"]),
                          "b_phone_index": vt.index(v["customer_phone"])})
    update(lg, ("note",), lambda v, vt: {})


def downgrade() -> None:
    from app.privacy.personal import aad
    from app.privacy.vault import Vault

    bind = op.get_bind()
    vault = Vault(bind)
    meta = sa.MetaData()
    for name, fields in (("tickets", TICKETS), ("complaints", COMPLAINTS + ("content", "resolution",
                                                                              "extension_reason")),
                         ("complaint_log", ("note",))):
        table = sa.Table(name, meta, autoload_with=bind)
        for row in bind.execute(sa.select(table.c.id, table.c.uuid, *(table.c[f] for f in fields))).all():
            clear = {f: vault.open(getattr(row, f), aad(name, f, row.uuid)) for f in fields}
            bind.execute(table.update().where(table.c.id == row.id).values(
                {f: (v if v is not None or name != "complaint_log" else "") for f, v in clear.items()}))
    bind.execute(sa.text("UPDATE complaints SET content = '' WHERE content IS NULL"))
    with op.batch_alter_table("data_access_log") as batch:
        bind.execute(sa.text("UPDATE data_access_log SET subject = action WHERE subject IS NULL"))
        bind.execute(sa.text("UPDATE data_access_log SET subject_uuid = '' WHERE subject_uuid IS NULL"))
        batch.alter_column("subject", existing_type=sa.String(length=32), nullable=False)
        batch.alter_column("subject_uuid", existing_type=sa.String(length=36), nullable=False)
        batch.drop_column("outcome")
        batch.drop_column("action")
        batch.drop_column("username")

    def tickets(batch) -> None:  # type: ignore[no-untyped-def]
        batch.drop_index("ix_tickets_phone_index")
        for col in ("personal_erased_at", "phone_index", "customer_phone_masked", "customer_name_masked"):
            batch.drop_column(col)
        for name in TICKETS:
            batch.alter_column(name, existing_type=sa.Text(), type_=OLD_TYPES[("tickets", name)])

    def complaints(batch) -> None:  # type: ignore[no-untyped-def]
        batch.drop_index("ix_complaints_phone_index")
        for col in ("personal_erased_at", "phone_index", "contact_masked", "customer_name_masked"):
            batch.drop_column(col)
        batch.alter_column("content", existing_type=sa.Text(), nullable=False)
        for name in COMPLAINTS:
            batch.alter_column(name, existing_type=sa.Text(), type_=OLD_TYPES[("complaints", name)])

    _rebuild("tickets", tickets)
    _rebuild("complaints", complaints)
    op.drop_table("login_throttle")
    op.drop_table("privacy_keys")
