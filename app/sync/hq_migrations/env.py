"""Head office's own Alembic environment (version table hq_alembic_version).

Separate from the branch's app/store/migrations: a head-office database is
never a branch database. Driven from app.sync.hq.upgrade_hq with a connection.
"""

from alembic import context

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used from code
    raise RuntimeError("Run head-office migrations through app.sync.hq.upgrade_hq().")

context.configure(connection=connection, target_metadata=None, version_table="hq_alembic_version")
with context.begin_transaction():
    context.run_migrations()
