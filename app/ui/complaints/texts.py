"""Translated names of the complaint window's kinds, channels and statuses."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

CONTEXT = "Complaints"


def t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def kind_text(kind: str) -> str:
    return {"complaint": t("Complaint"), "suggestion": t("Suggestion"), "praise": t("Praise")}.get(kind, kind)


def channel_text(channel: str) -> str:
    return {"counter": t("Counter"), "phone": t("Phone"), "letter": t("Letter"), "web": t("Web / app"),
            "other": t("Other")}.get(channel, channel)


def status_text(status: str) -> str:
    return {"received": t("Received"), "acknowledged": t("Acknowledged"), "in_progress": t("In progress"),
            "paused": t("Paused"), "resolved": t("Resolved"), "notified": t("Customer notified"),
            "closed": t("Closed")}.get(status, status)


def method_text(method: str) -> str:
    return {"phone": t("Phone"), "sms": t("SMS"), "email": t("Email"), "letter": t("Letter"),
            "in_person": t("In person")}.get(method, method)


def pause_text(reason: str) -> str:
    return {"customer": t("Waiting for the customer"), "appraisal": t("Outside appraisal")}.get(reason, reason)


def action_text(action: str) -> str:
    return {"intake": t("Received"), "acknowledge": t("Acknowledged"), "start": t("Started"),
            "pause": t("Paused"), "resume": t("Resumed"), "resolve": t("Resolved"),
            "notify": t("Customer notified"), "close": t("Closed"), "reopen": t("Reopened"),
            "assign": t("Assigned"), "note": t("Note"), "extend": t("Limit extended"),
            "print": t("Receipt print")}.get(action, action)


def due_text(due: dt.datetime | None, now: dt.datetime) -> str:
    """'2026-11-26 17:00 (in 2 d)' / '... (3 h overdue)'."""
    if due is None:
        return "–"
    delta = due - now
    hours = abs(delta.total_seconds()) / 3600
    span = t("%1 d").replace("%1", str(int(hours // 24))) if hours >= 24 else \
        t("%1 h").replace("%1", str(max(1, round(hours))))
    when = t("overdue %1").replace("%1", span) if delta.total_seconds() < 0 else t("in %1").replace("%1", span)
    return f"{due:%m-%d %H:%M} ({when})"
