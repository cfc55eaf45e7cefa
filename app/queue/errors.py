"""The queue engine's named errors (defined in app.errors, shared by all cores)."""

from app.errors import (  # noqa: F401
    DomainError,
    InvalidInput,
    InvalidTicketState,
    NoTicketWaiting,
    NotPermitted,
    QueueFull,
    ServiceInactive,
    UnknownService,
    UnknownStaff,
    UnknownTicket,
    UnknownWindow,
    WindowBusy,
    WindowClosed,
)
