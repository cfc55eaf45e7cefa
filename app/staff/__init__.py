"""Staff accounts, roles and the permission table."""
