"""Checks for administration input: plain functions, no database, no Qt.

Each raises ``InvalidInput`` with ``field`` set, so a screen can put the
(translated) refusal next to the field it concerns.
"""

from __future__ import annotations

import re
from typing import Any

from app.errors import InvalidInput

_PREFIX = re.compile(r"^[A-Z]{1,2}$")


def check_prefix(code: str) -> str:
    code = (code or "").strip().upper()
    if not _PREFIX.match(code):
        raise InvalidInput("A ticket prefix is one or two letters (A-Z).", field="code")
    return code


def check_printable(value: str, field: str) -> str:
    """Refuse what a ticket printer would print as blank boxes (emoji and such):
    names end up on tickets, receipts and window displays."""
    from app.devices.layout import unprintable

    bad = unprintable(value or "")
    if bad:  # an invisible one (a line break, a control character) by its code: the sentence stays one line
        shown = " ".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in bad[:5])
        raise InvalidInput(f"The ticket printer cannot print {shown}; use letters, digits and Chinese characters.",
                           field=field, characters=shown)
    return value


def check_name(value: str, field: str, limit: int = 64) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput("This name cannot be empty.", field=field)
    if len(value) > limit:
        raise InvalidInput(f"This name is too long (at most {limit} characters).", field=field)
    return check_printable(value, field)


def check_int(value: Any, field: str, lo: int, hi: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"Enter a whole number from {lo} to {hi}.", field=field) from None
    if isinstance(value, bool) or not lo <= number <= hi:
        raise InvalidInput(f"Enter a whole number from {lo} to {hi}.", field=field)
    return number


def check_branch_code(value: str) -> str:
    from app.settings import clean

    try:
        return clean("branch.code", value)
    except InvalidInput as exc:
        raise InvalidInput(exc.message, field="branch.code") from None


def check_setting(key: str, value: Any) -> Any:
    """The cleaned value of one branch setting (app/settings.py holds every
    key's check; printer.* keys are checked together by app/devices/config.py)."""
    from app.settings import clean

    return clean(key, value)
