"""The checks of branch settings (app/settings.py): each takes the key and a
value and returns the cleaned value, or raises InvalidInput naming the key's
field in one sentence."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.errors import InvalidInput

Check = Callable[[str, Any], Any]


# --- checks: each returns the cleaned value or raises InvalidInput(field=key) ---

def _int(lo: int, hi: int, unit: str = "") -> Check:
    def check(key: str, v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, (int, float, str)):
            raise InvalidInput(f"Setting {key} must be a whole number from {lo} to {hi}{unit}.", field=key)
        try:
            number = int(str(v).strip()) if not isinstance(v, float) else int(v)
        except ValueError:
            raise InvalidInput(f"Setting {key} must be a whole number from {lo} to {hi}{unit}.", field=key) from None
        if isinstance(v, float) and (not math.isfinite(v) or v != int(v)):
            raise InvalidInput(f"Setting {key} must be a whole number from {lo} to {hi}{unit}.", field=key)
        if not lo <= number <= hi:
            raise InvalidInput(f"Setting {key} must be a whole number from {lo} to {hi}{unit}.", field=key)
        return number
    return check


def _number(lo: float, hi: float, unit: str) -> Check:
    def check(key: str, v: Any) -> float:
        try:
            number = float(str(v).strip()) if not isinstance(v, bool) else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or not lo <= number <= hi:
            raise InvalidInput(f"Setting {key} must be a number from {lo:g} to {hi:g}{unit}.", field=key)
        return number
    return check


def _text(limit: int, *, required: bool = False, printed: bool = False) -> Check:
    """Text of at most ``limit`` characters; ``printed``: it goes on tickets,
    so characters the ticket printer cannot print are refused."""
    def check(key: str, v: Any) -> str:
        if v is None:
            v = ""
        if not isinstance(v, str):
            raise InvalidInput(f"Setting {key} must be text.", field=key)
        value = v.strip()
        if required and not value:
            raise InvalidInput(f"Setting {key} cannot be empty.", field=key)
        if len(value) > limit:
            raise InvalidInput(f"Setting {key} is too long (at most {limit} characters).", field=key)
        if any(ord(c) < 32 and c not in "\n" for c in value) or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise InvalidInput(f"Setting {key} holds characters that cannot be stored.", field=key)
        if printed:
            from app.ops.admin_rules import check_printable

            check_printable(value, key)
        return value
    return check


def _choice(*choices: str) -> Check:
    def check(key: str, v: Any) -> str:
        if v not in choices:
            raise InvalidInput(f"Setting {key} must be one of {', '.join(choices)}.", field=key)
        return str(v)
    return check


def _bool(key: str, v: Any) -> bool:
    if not isinstance(v, bool):
        raise InvalidInput(f"Setting {key} must be true or false.", field=key)
    return v


_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _hhmm(*, optional: bool = False) -> Check:
    def check(key: str, v: Any) -> str:
        text = "" if v is None else str(v).strip()
        if optional and text == "":
            return ""
        if not _HHMM.match(text):
            raise InvalidInput(f"Setting {key} must be a time such as 17:00.", field=key)
        return text
    return check


def _timezone(key: str, v: Any) -> str:
    name = str(v or "").strip()
    try:
        if not name:
            raise ZoneInfoNotFoundError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"Setting {key} must be a time zone such as Asia/Shanghai.", field=key) from None
    return name


def _branch_code(key: str, v: Any) -> str:
    value = str(v or "").strip().upper()
    if not re.match(r"^[A-Z0-9]{1,16}$", value):
        raise InvalidInput("A branch code is 1 to 16 letters and digits.", field=key)
    return value


def _kind_days(key: str, v: Any) -> dict[str, int]:
    if not isinstance(v, dict):
        raise InvalidInput("Give working days per kind.", field=key)
    days = _int(1, 60)
    return {str(k): days(key, n) for k, n in v.items() if k in ("complaint", "suggestion", "praise")}


def _formats(key: str, v: Any) -> list[str]:
    if not isinstance(v, (list, tuple)) or not v or any(f not in ("pdf", "csv", "json") for f in v):
        raise InvalidInput(f"Setting {key} must list one or more of pdf, csv, json.", field=key)
    return list(dict.fromkeys(v))


def _sslmode(key: str, v: Any) -> str:
    return _choice("disable", "allow", "prefer", "require", "verify-ca", "verify-full")(key, v)


def _address(key: str, v: Any) -> str:
    """A database address stored without any password (kept in the credential store instead)."""
    from app.privacy.credentials import split_password

    value = _text(500)(key, v)
    try:
        if split_password(value)[1] is not None:
            raise InvalidInput(f"Setting {key} must not contain a password: give the password separately "
                               f"(it is kept in the credential store).", field=key)
    except ValueError:
        raise InvalidInput(f"Setting {key} is not a valid address.", field=key) from None
    return value


def _template(*names: str, limit: int = 200) -> Check:
    """A message text with {placeholders} from ``names`` only."""
    import string

    def check(key: str, v: Any) -> str:
        value = _text(limit, required=True)(key, v)
        try:
            used = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        except ValueError:
            raise InvalidInput(f"Setting {key} has an unmatched brace; write placeholders as {{number}}.",
                               field=key) from None
        unknown = sorted(used - set(names))
        if unknown:
            raise InvalidInput(f"Setting {key} uses {{{unknown[0]}}}; the placeholders are "
                               f"{', '.join('{' + n + '}' for n in names)}.", field=key)
        return value
    return check


def _capacity(key: str, v: Any) -> dict[str, int]:
    """Appointments per slot: {"*": 2, "B": 3, "B@12:00": 0} (every service, one service, one slot time)."""
    if not isinstance(v, dict) or not v:
        raise InvalidInput(f"Setting {key} must map services (or *) to appointments per slot, "
                           f"such as {{\"*\": 2, \"B\": 3, \"B@12:00\": 0}}.", field=key)
    count = _int(0, 50)
    out = {}
    for name, n in v.items():
        name = str(name).strip().upper()
        code, _, at = name.partition("@")
        if not (code == "*" or re.match(r"^[A-Z]{1,8}$", code)) or (at and not _HHMM.match(at)):
            raise InvalidInput(f"Setting {key}: {name!r} is not a service code, * or CODE@HH:MM.", field=key)
        out[name] = count(key, n)
    return out


def _http_url(key: str, v: Any) -> str:
    value = _text(500)(key, v)
    if value and not re.match(r"^https?://[^\s/?#]+[^\s]*$", value):
        raise InvalidInput(f"Setting {key} must be an address starting with http:// or https://.", field=key)
    return value.rstrip("/") if key == "web.public_url" else value


def _json_template(key: str, v: Any) -> dict[str, str]:
    names = ("phone", "text", "message_id", "kind", "branch")
    if not isinstance(v, dict) or not v:
        raise InvalidInput(f"Setting {key} must map the platform's field names to texts with placeholders "
                           f"such as {{\"mobile\": \"{{phone}}\", \"content\": \"{{text}}\"}}.", field=key)
    return {str(k): _template(*names, limit=500)(key, str(val)) for k, val in v.items()}


def _any_json(key: str, v: Any) -> Any:
    return v  # structured values checked by their own layer (serial.devices)
