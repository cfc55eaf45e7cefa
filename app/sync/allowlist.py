"""What an event tells head office: an allow-list per event type.

Each type names the payload keys that may leave the branch and what each
holds: a code from a known set, a ticket number, a count, a date... A key not
listed stays at the branch; a value that is not of its kind is dropped (a
free-text reason becomes ``"other"`` where the key is a choice). So personal
data and free text (names, phones, notes, outcomes typed by a teller, print
details, file paths) never leave, whatever a future payload holds, and a
value strict JSON cannot carry (NaN) never blocks the push.

A new event type sends nothing but its type and columns until it is added
here; tests/integration/privacy/test_privacy_push.py checks every type of
the catalogue against a real head office.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from app.events import EventType

E = EventType
Check = Callable[[Any], Any]  # the value to send, or _DROP

_DROP = object()
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")  # statuses, kinds, reasons the code chose
_SERVICE = re.compile(r"^[A-Z]{1,8}$")  # ticket prefixes are letters
_TICKET = re.compile(r"^[A-Z]{1,8}\d{3,6}$")
_REFERENCE = re.compile(r"^TS-\d{8}-\d{4}$")
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{1,63}$")
_SETTING = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _pattern(rx: re.Pattern[str]) -> Check:
    return lambda v: v if isinstance(v, str) and rx.match(v) else _DROP


def choice(*codes: str, other: str | None = "other") -> Check:
    """One of ``codes``; anything else (a typed sentence) as ``other``."""
    allowed = frozenset(codes)
    return lambda v: v if v in allowed else (_DROP if v in (None, "") or other is None else other)


def integer(v: Any) -> Any:
    return v if isinstance(v, int) and not isinstance(v, bool) and abs(v) <= 2**53 else _DROP


def flag(v: Any) -> Any:
    return v if isinstance(v, bool) else _DROP


def _iso(parse: Callable[[str], Any]) -> Check:
    def check(v: Any) -> Any:
        try:
            parse(v)
        except (TypeError, ValueError):
            return _DROP
        return v
    return check


def many(check: Check, limit: int = 500) -> Check:
    def each(v: Any) -> Any:
        if not isinstance(v, list):
            return _DROP
        kept = [x for x in (check(x) for x in v[:limit]) if x is not _DROP]
        return kept
    return each


code, service, ticket, reference, username, setting_key = (
    _pattern(_CODE), _pattern(_SERVICE), _pattern(_TICKET), _pattern(_REFERENCE), _pattern(_USERNAME),
    _pattern(_SETTING))
day, moment = _iso(dt.date.fromisoformat), _iso(dt.datetime.fromisoformat)
optional_flag = lambda v: v if v is None or isinstance(v, bool) else _DROP  # noqa: E731

OUTCOMES = choice("done", "day_closed", "window_left")  # what the code sets; a teller's words are "other"
WINDOW_REASONS = choice("teller_left", "taken_over", "teller_moved", "day_closed", "unattended")

_TICKET_KEYS = {"number": ticket, "window": integer, "service": service}
_COMPLAINT_KEYS = {
    "reference": reference, "action": code, "status": code, "kind": code, "channel": code,
    "categories": many(code), "resolve_due": moment, "regulatory_due": moment, "pending": many(code),
    "within_deadline": optional_flag, "method": code, "notified_at": moment, "satisfaction": integer,
    "adopted": optional_flag, "reopen_count": integer, "handler": username, "from_days": integer,
    "to_days": integer, "approved_by": username, "print_state": code, "year": integer,
}
_STAFF_KEYS = {"username": username, "roles": many(code), "active": flag}
# Alerts (app/alerts): the rule, its level, what it is about, and its counts.
ALERT_RULES = choice("wait_over_target", "queue_length", "no_window", "window_idle", "complaint_due", "printer",
                     "sync_failing", "low_rating", other=None)
_ALERT_KEYS = {"alert": _pattern(_UUID), "rule": ALERT_RULES, "level": code, "service": service,
               "window": integer, "number": ticket, "reference": reference, "waiting": integer,
               "wait_min": integer, "target_min": integer, "limit": integer, "minutes": integer, "hours": integer,
               "rating": integer}

ALLOWED: dict[EventType, Mapping[str, Check]] = {
    E.TICKET_ISSUED: {**_TICKET_KEYS, "priority": code, "people_ahead": integer, "estimated_wait_min": integer,
                      "estimated_wait_range_min": many(integer, limit=2),
                      "estimate_note": choice("no_window", "after_closing", "default_times", other=None)},
    E.TICKET_CALLED: {**_TICKET_KEYS, "how": code, "call_count": integer},
    E.TICKET_RECALLED: {**_TICKET_KEYS, "call_count": integer},
    E.TICKET_NO_SHOW: {**_TICKET_KEYS, "reason": WINDOW_REASONS},
    E.SERVICE_STARTED: _TICKET_KEYS,
    E.TICKET_FINISHED: {**_TICKET_KEYS, "outcome": OUTCOMES, "was": code},
    E.TICKET_TRANSFERRED: {**_TICKET_KEYS, "to_service": service, "to_window": integer},
    E.TICKET_CANCELLED: _TICKET_KEYS,
    E.TICKET_REQUEUED: {**_TICKET_KEYS, "reason": WINDOW_REASONS, "head": flag},
    E.TICKET_RATED: {**_TICKET_KEYS, "rating": integer},
    E.TICKET_EXPIRED: {**_TICKET_KEYS, "outcome": OUTCOMES, "was": code},
    E.TICKET_PRINT_PRINTED: _TICKET_KEYS,
    E.TICKET_PRINT_FAILED: _TICKET_KEYS,
    E.TICKET_PRINT_VOIDED: _TICKET_KEYS,
    E.TICKET_PRINT_NOT_PRINTED: _TICKET_KEYS,
    E.TICKET_PRINT_SCREEN_ONLY: _TICKET_KEYS,
    E.TICKET_PRINT_SIMULATED: _TICKET_KEYS,
    E.WINDOW_OPENED: {"window": integer},
    E.WINDOW_PAUSED: {"window": integer, "reason": WINDOW_REASONS},
    E.WINDOW_RESUMED: {"window": integer},
    E.WINDOW_CLOSED: {"window": integer, "reason": WINDOW_REASONS},
    E.WINDOW_SAVED: {"number": integer, "services": many(service), "created": flag},
    E.DAY_OPENED: {"business_date": day},
    E.DAY_CLOSED: {"business_date": day, "how": code, "expired": integer, "served_at_close": integer,
                   "windows_closed": many(integer), "numbers": many(ticket)},
    E.DAILY_REPORT_WRITTEN: {"business_date": day, "printed": optional_flag, "issued": integer, "final": flag,
                             "open_tickets": integer},
    E.BRANCH_SET_UP: {"language": choice("zh_CN", "en", other=None),
                      "screen_role": code, "sync_enabled": flag, "lobby_monitor": integer},
    E.CATALOGUE_INITIALISED: {"services": integer, "windows": integer, "created": flag},
    E.SERVICE_SAVED: {"code": service, "target_wait_min": integer, "position": integer, "active": flag,
                      "created": flag},
    E.SETTINGS_CHANGED: {"scope": code, "source": code, "keys": many(setting_key)},
    E.STAFF_ADDED: _STAFF_KEYS,
    E.STAFF_UPDATED: _STAFF_KEYS,
    E.STAFF_PASSWORD_RESET: {"username": username},
    **{t: {**_COMPLAINT_KEYS, **({"reason": choice("customer", "appraisal", other=None)}
                                if t is E.COMPLAINT_PAUSED else {})}
       for t in EventType if t.value.startswith("Complaint") and t is not E.COMPLAINT_CATEGORY_SAVED},
    E.COMPLAINT_CATEGORY_SAVED: {"code": code, "resolve_days": integer, "active": flag, "position": integer,
                                 "created": flag},
    E.CALENDAR_OVERRIDE_SET: {"day": day, "kind": code},
    E.PERSONAL_DATA_PURGED: {"how": code, "tickets": integer, "complaints": integer, "backups": integer,
                             "appointments": integer, "subscriptions": integer,
                             "ticket_cutoff": day, "complaint_cutoff": moment},
    E.PERSONAL_DATA_ERASED: {"tickets": integer, "complaints": integer, "complaints_open": integer,
                             "appointments": integer, "subscriptions": integer},
    E.DATA_KEY_ROTATED: {"version": integer},
    # A booking's own reference stays at the branch (a booking system may use anything as one).
    **{t: {"service": service, "slot": moment, "source": code}
       for t in (E.APPOINTMENT_BOOKED, E.APPOINTMENT_CANCELLED, E.APPOINTMENT_NO_SHOW)},
    E.APPOINTMENT_CHECKED_IN: {"service": service, "slot": moment, "number": ticket,
                               "checkin": choice("on_time", "early", "late", other=None), "how": code},
    E.APPOINTMENTS_IMPORTED: {"source": code, "created": integer, "updated": integer, "unchanged": integer,
                              "refused": integer},
    E.NOTIFY_SUBSCRIBED: {"number": ticket, "via": choice("greeter", "phone_page", other=None),
                          "language": choice("zh_CN", "en", other=None), "ahead": integer},
    E.NOTIFY_SENT: {"number": ticket, "kind": code, "attempts": integer},
    E.NOTIFY_FAILED: {"number": ticket, "kind": code, "attempts": integer, "error": code, "final": flag},
    E.NOTIFY_SKIPPED: {"number": ticket, "kind": code, "reason": code},
    E.NOTIFY_BROADCAST: {"recipients": integer},
    E.ALERT_RAISED: _ALERT_KEYS,
    E.ALERT_ACKNOWLEDGED: {**_ALERT_KEYS, "by": username},
    E.ALERT_CLEARED: {**_ALERT_KEYS, "how": code},
}


def outgoing_payload(event_type: str, payload: Mapping[str, Any] | None) -> dict[str, Any]:
    """The part of an event's payload head office may receive."""
    try:
        allowed = ALLOWED[EventType(event_type)]
    except ValueError:  # a type this build does not know: nothing but the type itself
        return {}
    out: dict[str, Any] = {}
    for key, value in (payload or {}).items():
        check = allowed.get(key)
        if check is None or (isinstance(value, float) and not math.isfinite(value)):
            continue
        kept = check(value)
        if kept is not _DROP:
            out[key] = kept
    return out
