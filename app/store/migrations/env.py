"""Alembic environment: always driven from app.store.migrate with a connection."""

from alembic import context

from app.store.base import Base
import app.store.models  # noqa: F401  (registers the core tables)
import app.store.models_complaints  # noqa: F401  (complaint window, revision 0002)
import app.store.models_sync  # noqa: F401  (upstream sync state, revision 0003)
import app.store.models_privacy  # noqa: F401  (data key versions, login throttle, revision 0011)
import app.store.models_beyond  # noqa: F401  (appointments, messages, revision 0015)
import app.store.models_alerts  # noqa: F401  (alerts, revision 0016)

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used from code
    raise RuntimeError("Run migrations through app.store.migrate.upgrade_to_head().")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
