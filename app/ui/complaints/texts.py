"""Translated names of the complaint window's kinds, channels and statuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from app.ui.i18n import current_language

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
        "deadline_pending": QCoreApplication.translate("Complaints", "Deadline pending"),
        "deadlines_computed": QCoreApplication.translate("Complaints", "Deadlines computed"),
    }.get(action, action)


def pending_text(year: int | None) -> str:
    """A deadline the working-day calendar cannot reach yet: 'Pending (2027 calendar missing)'."""
    if year is None:
        return QCoreApplication.translate("Complaints", "Pending (calendar missing)")
    return QCoreApplication.translate("Complaints", "Pending (%1 calendar missing)").replace("%1", str(year))


def log_note_text(action: str, note: str, data: Mapping[str, object]) -> str:
    """A follow-up log note; the system's own sentences in the screen language
    (after the action's name, so without repeating it)."""
    if action == "deadline_pending" and data.get("year"):
        return QCoreApplication.translate(
            "Complaints", "the working-day calendar for %1 is not known yet; "
            "enter the %1 holidays and make-up working days.").replace("%1", str(data["year"]))
    if action == "deadlines_computed":
        parts = []
        if data.get("resolve_due"):
            parts.append(QCoreApplication.translate("Complaints", "answer by %1")
                         .replace("%1", _short(str(data["resolve_due"]))))
        if data.get("regulatory_due"):
            parts.append(QCoreApplication.translate("Complaints", "regulatory limit %1")
                         .replace("%1", _short(str(data["regulatory_due"]))))
        if parts:
            return QCoreApplication.translate("Complaints", ", ").join(parts)
    return note


def _short(iso: str) -> str:
    return f"{dt.datetime.fromisoformat(iso):%Y-%m-%d %H:%M}"


def deadline_text(due: dt.datetime | None, year: int | None, fmt: str) -> str:
    """A stored deadline, or the pending text when it is not computed yet."""
    return pending_text(year) if due is None else f"{due:{fmt}}"


def calendar_banner_text(missing_year: int | None, this_year: int, pending_cases: int,
                         year: int | None) -> str:
    """The board's banner when the working-day calendar does not reach far enough."""
    if year == this_year + 1 and missing_year == year:
        text = QCoreApplication.translate(
            "Complaints", "Enter next year's holidays: the %1 working-day calendar is not known yet.")
    else:
        text = QCoreApplication.translate(
            "Complaints", "Enter the %1 holidays: the %1 working-day calendar is not known yet.")
    text = text.replace("%1", str(year))
    if pending_cases:
        text += ("" if current_language() == "zh_CN" else " ") + QCoreApplication.translate(
            "Complaints", "Open cases with a pending deadline: %1.").replace("%1", str(pending_cases))
    return text


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
