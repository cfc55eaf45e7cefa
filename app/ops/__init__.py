"""Operations: the settings file, logging, backup/restore, doctor checks,
first-run setup and the administration service functions. No Qt here."""
