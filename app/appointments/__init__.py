"""Appointments: booked visits merged into the walk-in queue.

Booking (staff screens, ``branchdesk appointment book``), import from the
bank's booking system and head office (idempotent by the booking's own
reference), check-in at the greeter (a ticket with appointment priority
inside the window, a normal one otherwise, saying why), no-shows, and the
figures the greeter, the lobby display and the daily report show. The calling
policy itself stays in app/queue/policy.py (appointments by slot time).
"""

from app.appointments.booking import (
    AppointmentView,
    book_appointment,
    cancel_appointment,
    get_appointment,
    list_appointments,
    slot_table,
    sweep_no_shows,
)
from app.appointments.checkin import CheckIn, check_in, find_for_checkin
from app.appointments.errors import AppointmentError, SlotFull, UnknownAppointment
from app.appointments.figures import appointments_day, upcoming
from app.appointments.importing import ImportResult, import_appointments, parse_file

__all__ = [
    "AppointmentError", "AppointmentView", "CheckIn", "ImportResult", "SlotFull", "UnknownAppointment",
    "appointments_day", "book_appointment", "cancel_appointment", "check_in", "find_for_checkin",
    "get_appointment", "import_appointments", "list_appointments", "parse_file", "slot_table", "sweep_no_shows",
    "upcoming",
]
