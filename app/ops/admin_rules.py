"""Checks for administration input: plain functions, no database, no Qt.

Each raises ``InvalidInput`` with ``field`` set, so a screen can put the
(translated) refusal next to the field it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from app.errors import InvalidInput

_PREFIX = re.compile(r"^[A-Z]{1,2}$")
_BRANCH_CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")


def check_prefix(code: str) -> str:
    code = (code or "").strip().upper()
    if not _PREFIX.match(code):
        raise InvalidInput("A ticket prefix is one or two letters (A-Z).", field="code")
    return code


def check_name(value: str, field: str, limit: int = 64) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput("This name cannot be empty.", field=field)
    if len(value) > limit:
        raise InvalidInput(f"This name is too long (at most {limit} characters).", field=field)
    return value


def check_int(value: Any, field: str, lo: int, hi: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"Enter a whole number from {lo} to {hi}.", field=field) from None
    if isinstance(value, bool) or not lo <= number <= hi:
        raise InvalidInput(f"Enter a whole number from {lo} to {hi}.", field=field)
    return number


def check_branch_code(value: str) -> str:
    value = (value or "").strip().upper()
    if not _BRANCH_CODE.match(value):
        raise InvalidInput("A branch code is 1 to 16 letters and digits.", field="branch.code")
    return value


def check_notice(value: str) -> str:
    value = (value or "").strip()
    if len(value) > 200:
        raise InvalidInput("The lobby notice is too long (at most 200 characters).", field="lobby.notice")
    return value


def check_language(value: str) -> str:
    if value not in ("zh_CN", "en"):
        raise InvalidInput("The language must be zh_CN or en.", field="ui.language")
    return value


# Branch settings an administrator may change, each with its check.
SETTING_CHECKS: dict[str, Callable[[Any], Any]] = {
    "queue.priority_ratio": lambda v: check_int(v, "queue.priority_ratio", 0, 10),
    "queue.promote_after_min": lambda v: check_int(v, "queue.promote_after_min", 0, 240),
    "lobby.notice": check_notice,
    "branch.code": check_branch_code,
    "branch.name_zh": lambda v: check_name(v, "branch.name_zh", 60),
    "branch.name_en": lambda v: check_name(v, "branch.name_en", 80),
    "branch.closing_time": lambda v: _check_hhmm(v, "branch.closing_time"),
    "ui.language": check_language,
    "complaints.ack_hours": lambda v: check_int(v, "complaints.ack_hours", 1, 240),
    "complaints.resolve_days": lambda v: _check_kind_days(v),
}


def _check_kind_days(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise InvalidInput("Give working days per kind.", field="complaints.resolve_days")
    return {str(k): check_int(v, "complaints.resolve_days", 1, 60) for k, v in value.items()
            if k in ("complaint", "suggestion", "praise")}


def _check_hhmm(value: str, field: str) -> str:
    if not re.match(r"^([01]\d|2[0-3]):[0-5]\d$", str(value or "")):
        raise InvalidInput("Enter a time such as 17:00.", field=field)
    return str(value)


def check_setting(key: str, value: Any) -> Any:
    """The cleaned value of one branch setting (printer.* keys are checked
    together by app.devices.config.printer_config)."""
    if key.startswith("printer.") or key == "serial.devices":
        return value  # checked as a whole by the devices layer (app/ops/admin.py)
    check = SETTING_CHECKS.get(key)
    if check is None:
        raise InvalidInput(f"The setting {key!r} cannot be changed here.", field=key)
    return check(value)
