"""Named domain errors shared by every core package. Each carries one sentence
for people and a code the UI translates."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every refusal the UI or the CLI shows as one sentence."""

    code = "error"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class InvalidInput(DomainError):
    code = "invalid_input"


class NotPermitted(DomainError):
    code = "not_permitted"


class UnknownService(DomainError):
    code = "unknown_service"


class UnknownWindow(DomainError):
    code = "unknown_window"


class UnknownTicket(DomainError):
    code = "unknown_ticket"


class UnknownStaff(DomainError):
    code = "unknown_staff"


class NoTicketWaiting(DomainError):
    code = "no_ticket_waiting"


class WindowClosed(DomainError):
    code = "window_closed"


class WindowBusy(DomainError):
    code = "window_busy"


class InvalidTicketState(DomainError):
    code = "invalid_state"


class QueueFull(DomainError):
    code = "queue_full"


class ServiceInactive(DomainError):
    code = "service_inactive"


class TimeRunsBackwards(InvalidInput):
    """A given time is before the last change of what it acts on."""

    code = "time_backwards"


class AfterHours(DomainError):
    """A ticket after the last-ticket time (or closing time) needs confirming."""

    code = "after_hours"
