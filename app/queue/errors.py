"""The queue engine's named errors (defined in app.errors, shared by all cores)."""

from app.errors import (  # noqa: F401
    AfterHours,
    DomainError,
    InvalidInput,
    InvalidTicketState,
    NoTicketWaiting,
    NotPermitted,
    QueueFull,
    ServiceInactive,
    TimeRunsBackwards,
    UnknownService,
    UnknownStaff,
    UnknownTicket,
    UnknownWindow,
    WindowBusy,
    WindowClosed,
)
