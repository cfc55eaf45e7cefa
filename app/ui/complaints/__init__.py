"""The complaint officer's board: list, case view and intake form."""
