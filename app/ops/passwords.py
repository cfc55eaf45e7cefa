"""Passwords found in this PC's settings file (written by hand, or by an older
release) are moved once to the credential store, and the file is rewritten
without them, with a log line (app/privacy/credentials.py). A password the
store already holds is not replaced by one from the file (a stale copy must
not break a working connection)."""

from __future__ import annotations

import logging
from typing import Any

from app.ops import settings_file

log = logging.getLogger("branchdesk.ops")


def _split(url: str) -> tuple[str, str | None]:
    from app.privacy.credentials import split_password

    try:
        return split_password(url)
    except ValueError:  # a malformed address: the settings check reports it
        return url, None


def _rewrite(values: dict[str, Any], key: str, clean: str) -> dict[str, Any]:
    values = {**values, key: clean}
    try:
        settings_file.save(values)
    except (OSError, settings_file.SettingsFileError) as exc:
        log.warning("the settings file could not be rewritten without the password of %s: %s", key, exc)
    else:
        log.warning("the password in %s of %s was moved to the credential store", key, settings_file.settings_path())
    return values


def move_database_password(values: dict[str, Any]) -> dict[str, Any]:
    """``database.url`` without its password (kept in the credential store)."""
    from app.privacy.credentials import CredentialError, database_password, keep_database_password

    clean, password = _split(values.get("database.url") or "")
    if password is None:
        return values
    try:
        if database_password(clean) is None:
            keep_database_password(clean, password)
    except CredentialError as exc:
        log.warning("the database password stays in the settings file: %s", exc.message)
        return values
    return _rewrite(values, "database.url", clean)


def move_hq_password(values: dict[str, Any], branch: dict[str, Any]) -> dict[str, Any]:
    """``sync.hq_url`` without its password (kept where the sync finds it;
    ``branch``: the branch's sync settings, which name that place)."""
    from app.sync.config import find_password, load_config, store_password
    from app.sync.errors import PasswordUnavailable

    clean, password = _split(values.get("sync.hq_url") or "")
    if password is None:
        return values
    cfg = load_config({**branch, "sync.hq_url": clean})
    try:
        find_password(cfg)
    except (PasswordUnavailable, OSError):
        stored = False
    else:
        stored = True
    try:
        if not stored:
            store_password(cfg, password)
    except OSError as exc:
        log.warning("the head-office password stays in the settings file: %s", exc)
        return values
    return _rewrite(values, "sync.hq_url", clean)
