"""Persistence: SQLAlchemy 2 models, engine setup and Alembic migrations."""

from app.store.engine import Database, open_database

__all__ = ["Database", "open_database"]
