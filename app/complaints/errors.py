"""Named refusals of the complaint window (one sentence each)."""

from __future__ import annotations

from app.errors import DomainError, InvalidInput, NotPermitted  # noqa: F401


class CalendarUnknown(DomainError):
    """Neither chinesecalendar nor the branch's overrides know a date."""

    code = "calendar_unknown"


class UnknownComplaint(DomainError):
    code = "unknown_complaint"


class InvalidComplaintState(DomainError):
    code = "invalid_complaint_state"
