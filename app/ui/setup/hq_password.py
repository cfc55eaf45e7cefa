"""The head-office password, kept out of the address and the settings.

The admin screen's head-office tab and the setup wizard take the address
(which a person may paste with ``user:password@``) and a password field. The
address is stored without the password; the password goes to the OS keyring
or a 0600 file through ``app.sync.config.store_password``, the only places the
sync reads it from. ``keep_password`` blocks: call it off the GUI thread.
"""

from __future__ import annotations

from typing import Any

from app.errors import InvalidInput
from app.sync.config import load_config, store_password, strip_password


def split_hq_url(url: str) -> tuple[str, str | None]:
    """(the address without a password, the password it carried or None)."""
    try:
        return strip_password(url.strip())
    except ValueError:  # a malformed address (bad port): the settings check refuses it with one sentence
        return url.strip(), None


def keep_password(settings: dict[str, Any], url: str, password: str) -> str:
    """Store ``password`` for the branch role of ``url``; returns where it went
    ("the system keyring" or the file's path). ``settings`` are the branch's
    sync settings (branch code, sync.password_file)."""
    cfg = load_config({**settings, "sync.hq_url": url})
    try:
        return store_password(cfg, password)
    except OSError as exc:
        raise InvalidInput(f"The password could not be stored ({exc.strerror or exc}).",
                           field="sync.password") from None
