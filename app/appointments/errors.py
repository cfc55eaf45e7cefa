"""Refusals of the appointment book, each one sentence (DomainError)."""

from __future__ import annotations

from app.errors import DomainError


class AppointmentError(DomainError):
    """An appointment cannot be booked, changed or checked in as asked."""

    code = "appointment"


class SlotFull(AppointmentError):
    code = "slot_full"


class UnknownAppointment(AppointmentError):
    code = "unknown_appointment"
