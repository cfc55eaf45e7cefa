"""Store-level failures, each carrying one sentence a person can act on."""


class StoreError(Exception):
    """Base for database problems shown to people as one sentence."""


class DatabaseUnavailable(StoreError):
    """The database cannot be opened, reached or written."""


class DatabaseTooNew(StoreError):
    """The database was written by a newer BranchDesk than this one."""
