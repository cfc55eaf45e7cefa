"""Plain rules of the complaint window: kinds, channels, the status machine,
input checks and the reference number. No database, no Qt."""

from __future__ import annotations

import datetime as dt
import re

from app.complaints.errors import InvalidComplaintState, InvalidInput

KINDS = ("complaint", "suggestion", "praise")
KIND_NAMES = {"complaint": ("投诉", "Complaint"), "suggestion": ("建议", "Suggestion"), "praise": ("表扬", "Praise")}
CHANNELS = ("counter", "phone", "letter", "web", "other")
NOTIFY_METHODS = ("phone", "sms", "email", "letter", "in_person")
PAUSE_REASONS = ("customer", "appraisal")
STATUSES = ("received", "acknowledged", "in_progress", "paused", "resolved", "notified", "closed")
OPEN_STATUSES = ("received", "acknowledged", "in_progress", "paused")
# Statuses counted as "answered" (the resolution exists).
ANSWERED = ("resolved", "notified", "closed")

# action -> statuses it may start from, and the status it leads to
# (None: back to the status before the pause).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "acknowledge": (("received",), "acknowledged"),
    "start": (("acknowledged",), "in_progress"),
    "pause": (("acknowledged", "in_progress"), "paused"),
    "resume": (("paused",), None),
    "resolve": (("in_progress",), "resolved"),
    "notify": (("resolved",), "notified"),
    "close": (("notified",), "closed"),
    "reopen": (("notified", "closed"), "in_progress"),
}

MAX_CONTENT = 4000
MAX_NOTE = 2000
MAX_NAME = 50
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")


def next_status(current: str, action: str, reference: str = "") -> str | None:
    """The status ``action`` leads to from ``current``, or one clear refusal."""
    allowed, target = TRANSITIONS[action]
    if current not in allowed:
        label = reference or "This case"
        raise InvalidComplaintState(
            f"{label} is {current.replace('_', ' ')}, so it cannot be {_past(action)} now.",
            status=current, action=action,
        )
    return target


def _past(action: str) -> str:
    return {"acknowledge": "acknowledged", "start": "started", "pause": "paused", "resume": "resumed",
            "resolve": "resolved", "notify": "marked as notified", "close": "closed",
            "reopen": "reopened"}[action]


def check_choice(value: str | None, choices: tuple[str, ...], label: str) -> str:
    if value not in choices:
        raise InvalidInput(f"Unknown {label} {value!r}; use one of {', '.join(choices)}.", field=label)
    return value


def clean_text(value: str | None, limit: int, label: str, *, required: bool = False) -> str | None:
    """Trimmed text, None when empty (or a refusal when ``required``)."""
    text = (value or "").strip()
    if not text:
        if required:
            raise InvalidInput(f"The {label} is missing.", field=label)
        return None
    if len(text) > limit:
        raise InvalidInput(f"The {label} is too long (at most {limit} characters).", field=label)
    return text


def normalise_email(email: str | None) -> str | None:
    text = (email or "").strip()
    if not text:
        return None
    if not _EMAIL.match(text) or len(text) > 120:
        raise InvalidInput(f"{text!r} is not a valid email address.", field="email")
    return text.lower()


def reference_number(day: dt.date, seq: int) -> str:
    """TS-20261123-0007: the customer's reference, unique per branch and day."""
    return f"TS-{day:%Y%m%d}-{seq:04d}"


def check_satisfaction(value: int | None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise InvalidInput("Satisfaction is a whole number from 1 to 5.", field="satisfaction")
    return value
