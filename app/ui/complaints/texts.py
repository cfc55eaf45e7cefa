"""Translated names of the complaint window's kinds, channels and statuses."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

# Every call names the context "Complaints" literally, so pyside6-lupdate finds the strings.


def kind_text(kind: str) -> str:
    return {
        "complaint": QCoreApplication.translate("Complaints", "Complaint"),
        "suggestion": QCoreApplication.translate("Complaints", "Suggestion"),
        "praise": QCoreApplication.translate("Complaints", "Praise"),
    }.get(kind, kind)


def channel_text(channel: str) -> str:
    return {
        "counter": QCoreApplication.translate("Complaints", "Counter"),
        "phone": QCoreApplication.translate("Complaints", "Phone"),
        "letter": QCoreApplication.translate("Complaints", "Letter"),
        "web": QCoreApplication.translate("Complaints", "Web / app"),
        "other": QCoreApplication.translate("Complaints", "Other"),
    }.get(channel, channel)


def status_text(status: str) -> str:
    return {
        "received": QCoreApplication.translate("Complaints", "Received"),
        "acknowledged": QCoreApplication.translate("Complaints", "Acknowledged"),
        "in_progress": QCoreApplication.translate("Complaints", "In progress"),
        "paused": QCoreApplication.translate("Complaints", "Paused"),
        "resolved": QCoreApplication.translate("Complaints", "Resolved"),
        "notified": QCoreApplication.translate("Complaints", "Customer notified"),
        "closed": QCoreApplication.translate("Complaints", "Closed"),
    }.get(status, status)


def method_text(method: str) -> str:
    return {
        "phone": QCoreApplication.translate("Complaints", "Phone"),
        "sms": QCoreApplication.translate("Complaints", "SMS"),
        "email": QCoreApplication.translate("Complaints", "Email"),
        "letter": QCoreApplication.translate("Complaints", "Letter"),
        "in_person": QCoreApplication.translate("Complaints", "In person"),
    }.get(method, method)


def pause_text(reason: str) -> str:
    return {
        "customer": QCoreApplication.translate("Complaints", "Waiting for the customer"),
        "appraisal": QCoreApplication.translate("Complaints", "Outside appraisal"),
    }.get(reason, reason)


def action_text(action: str) -> str:
    return {
        "intake": QCoreApplication.translate("Complaints", "Received"),
        "acknowledge": QCoreApplication.translate("Complaints", "Acknowledged"),
        "start": QCoreApplication.translate("Complaints", "Started"),
        "pause": QCoreApplication.translate("Complaints", "Paused"),
        "resume": QCoreApplication.translate("Complaints", "Resumed"),
        "resolve": QCoreApplication.translate("Complaints", "Resolved"),
        "notify": QCoreApplication.translate("Complaints", "Customer notified"),
        "close": QCoreApplication.translate("Complaints", "Closed"),
        "reopen": QCoreApplication.translate("Complaints", "Reopened"),
        "assign": QCoreApplication.translate("Complaints", "Assigned"),
        "note": QCoreApplication.translate("Complaints", "Note"),
        "extend": QCoreApplication.translate("Complaints", "Limit extended"),
        "print": QCoreApplication.translate("Complaints", "Receipt print"),
    }.get(action, action)


def due_text(due: dt.datetime | None, now: dt.datetime) -> str:
    """'11-26 17:00 (in 2 d)' / '11-20 17:00 (overdue 3 h)'."""
    if due is None:
        return "–"
    seconds = (due - now).total_seconds()
    hours = abs(seconds) / 3600
    if hours >= 24:
        span = QCoreApplication.translate("Complaints", "%1 d").replace("%1", str(int(hours // 24)))
    else:
        span = QCoreApplication.translate("Complaints", "%1 h").replace("%1", str(max(1, round(hours))))
    if seconds < 0:
        when = QCoreApplication.translate("Complaints", "overdue %1").replace("%1", span)
    else:
        when = QCoreApplication.translate("Complaints", "in %1").replace("%1", span)
    return f"{due:%m-%d %H:%M} ({when})"
