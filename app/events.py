"""The typed catalogue of event types: one name per fact.

Every row of the event log (change feed, audit trail, sync outbox) has one of
these types. ``EventType`` is a ``StrEnum``, so the stored value is the plain
name (``"TicketCalled"``) and comparisons with stored strings just work; but
code that appends an event must name a member, never a bare string
(``record_event`` refuses anything else). Readers that react to a kind of
fact use the groups below, so a new event type is added in one place.
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    # Tickets
    TICKET_ISSUED = "TicketIssued"
    TICKET_CALLED = "TicketCalled"
    TICKET_RECALLED = "TicketRecalled"
    TICKET_NO_SHOW = "TicketNoShow"
    SERVICE_STARTED = "ServiceStarted"
    TICKET_FINISHED = "TicketFinished"
    TICKET_TRANSFERRED = "TicketTransferred"
    TICKET_CANCELLED = "TicketCancelled"
    TICKET_REQUEUED = "TicketRequeued"
    TICKET_RATED = "TicketRated"
    TICKET_EXPIRED = "TicketExpired"  # still waiting or called when the day closed
    TICKET_PRINT_PRINTED = "TicketPrintPrinted"
    TICKET_PRINT_FAILED = "TicketPrintFailed"
    TICKET_PRINT_VOIDED = "TicketPrintVoided"
    TICKET_PRINT_NOT_PRINTED = "TicketPrintNotPrinted"
    TICKET_PRINT_SCREEN_ONLY = "TicketPrintScreenOnly"  # no printer set up: the number on screen only
    TICKET_PRINT_SIMULATED = "TicketPrintSimulated"  # the simulated printer: a picture, no paper
    # Windows
    WINDOW_OPENED = "WindowOpened"
    WINDOW_PAUSED = "WindowPaused"
    WINDOW_RESUMED = "WindowResumed"
    WINDOW_CLOSED = "WindowClosed"
    WINDOW_SAVED = "WindowSaved"
    # The business day
    DAY_OPENED = "DayOpened"
    DAY_CLOSED = "DayClosed"
    DAILY_REPORT_WRITTEN = "DailyReportWritten"
    # Branch set-up and settings
    BRANCH_SET_UP = "BranchSetUp"
    CATALOGUE_INITIALISED = "CatalogueInitialised"
    SERVICE_SAVED = "ServiceSaved"
    SETTINGS_CHANGED = "SettingsChanged"  # every settings change: admin, CLI, head office, a PC's file
    # Staff
    STAFF_ADDED = "StaffAdded"
    STAFF_UPDATED = "StaffUpdated"
    STAFF_PASSWORD_RESET = "StaffPasswordReset"
    # Complaints
    COMPLAINT_RECEIVED = "ComplaintReceived"
    COMPLAINT_ACKNOWLEDGED = "ComplaintAcknowledged"
    COMPLAINT_STARTED = "ComplaintStarted"
    COMPLAINT_PAUSED = "ComplaintPaused"
    COMPLAINT_RESUMED = "ComplaintResumed"
    COMPLAINT_RESOLVED = "ComplaintResolved"
    COMPLAINT_NOTIFIED = "ComplaintNotified"
    COMPLAINT_CLOSED = "ComplaintClosed"
    COMPLAINT_REOPENED = "ComplaintReopened"
    COMPLAINT_ASSIGNED = "ComplaintAssigned"
    COMPLAINT_NOTE_ADDED = "ComplaintNoteAdded"
    COMPLAINT_EXTENDED = "ComplaintExtended"
    COMPLAINT_RECEIPT_PRINTED = "ComplaintReceiptPrint"  # stored name kept: head office has it
    COMPLAINT_DEADLINES_COMPUTED = "ComplaintDeadlinesComputed"
    COMPLAINT_CATEGORY_SAVED = "ComplaintCategorySaved"
    CALENDAR_OVERRIDE_SET = "CalendarOverrideSet"
    # Personal data (app/privacy): erasure runs and requests, key rotations.
    # Reading it, backups, key exports and logins go to the access log instead.
    PERSONAL_DATA_PURGED = "PersonalDataPurged"  # a retention run: kinds, counts, cut-off dates
    PERSONAL_DATA_ERASED = "PersonalDataErased"  # a customer's own request: counts only
    DATA_KEY_ROTATED = "DataKeyRotated"  # a new key version; rows re-encrypted in the background
    # Appointments (app/appointments)
    APPOINTMENT_BOOKED = "AppointmentBooked"
    APPOINTMENT_CANCELLED = "AppointmentCancelled"
    APPOINTMENT_CHECKED_IN = "AppointmentCheckedIn"  # with its ticket: on time, early or late
    APPOINTMENT_NO_SHOW = "AppointmentNoShow"  # not checked in by the end of its window
    APPOINTMENTS_IMPORTED = "AppointmentsImported"  # a file or head office's list: counts only
    # Messages to a customer's phone (app/notify): never the number itself
    NOTIFY_SUBSCRIBED = "NotifySubscribed"  # the customer's consent, with its time
    NOTIFY_SENT = "NotifySent"
    NOTIFY_FAILED = "NotifyFailed"  # one failed attempt (retried unless final)
    NOTIFY_SKIPPED = "NotifySkipped"  # not sent: the daily cap, no longer true, or the phone erased
    NOTIFY_BROADCAST = "NotifyBroadcast"  # a manager's message to everyone waiting
    # Alerts (app/alerts): a threshold crossed, seen by a manager, over
    ALERT_RAISED = "AlertRaised"
    ALERT_ACKNOWLEDGED = "AlertAcknowledged"
    ALERT_CLEARED = "AlertCleared"


E = EventType

# A number is (re)announced on the lobby display and window displays.
CALL_EVENTS = frozenset({E.TICKET_CALLED, E.TICKET_RECALLED})

# What a waiting list, a window or the day's figures look like changed.
QUEUE_EVENTS = frozenset({
    E.TICKET_ISSUED, E.TICKET_CALLED, E.TICKET_RECALLED, E.TICKET_NO_SHOW, E.SERVICE_STARTED,
    E.TICKET_FINISHED, E.TICKET_TRANSFERRED, E.TICKET_CANCELLED, E.TICKET_REQUEUED, E.TICKET_RATED,
    E.TICKET_EXPIRED, E.TICKET_PRINT_PRINTED, E.TICKET_PRINT_FAILED, E.TICKET_PRINT_VOIDED,
    E.TICKET_PRINT_NOT_PRINTED, E.TICKET_PRINT_SCREEN_ONLY, E.TICKET_PRINT_SIMULATED,
    E.WINDOW_OPENED, E.WINDOW_PAUSED, E.WINDOW_RESUMED, E.WINDOW_CLOSED, E.WINDOW_SAVED,
    E.DAY_OPENED, E.DAY_CLOSED, E.CATALOGUE_INITIALISED, E.SERVICE_SAVED, E.BRANCH_SET_UP,
    E.APPOINTMENT_BOOKED, E.APPOINTMENT_CANCELLED, E.APPOINTMENT_CHECKED_IN, E.APPOINTMENT_NO_SHOW,
    E.APPOINTMENTS_IMPORTED,
})

# The catalogue of services or windows changed: screens rebuild their buttons.
CATALOGUE_EVENTS = frozenset({E.CATALOGUE_INITIALISED, E.SERVICE_SAVED, E.WINDOW_SAVED, E.BRANCH_SET_UP})

COMPLAINT_EVENTS = frozenset(t for t in EventType if t.value.startswith("Complaint")) | {E.CALENDAR_OVERRIDE_SET}

# Complaint workflow actions (app/complaints) and the event each appends.
COMPLAINT_ACTION_EVENTS = {
    "intake": E.COMPLAINT_RECEIVED, "acknowledge": E.COMPLAINT_ACKNOWLEDGED, "start": E.COMPLAINT_STARTED,
    "pause": E.COMPLAINT_PAUSED, "resume": E.COMPLAINT_RESUMED, "resolve": E.COMPLAINT_RESOLVED,
    "notify": E.COMPLAINT_NOTIFIED, "close": E.COMPLAINT_CLOSED, "reopen": E.COMPLAINT_REOPENED,
    "assign": E.COMPLAINT_ASSIGNED, "note": E.COMPLAINT_NOTE_ADDED, "extend": E.COMPLAINT_EXTENDED,
    "print": E.COMPLAINT_RECEIPT_PRINTED, "deadlines_computed": E.COMPLAINT_DEADLINES_COMPUTED,
}

# An alert was raised, acknowledged or cleared: the manager screen redraws its list.
ALERT_EVENTS = frozenset({E.ALERT_RAISED, E.ALERT_ACKNOWLEDGED, E.ALERT_CLEARED})

PRINT_STATE_EVENTS = {
    "printed": E.TICKET_PRINT_PRINTED, "failed": E.TICKET_PRINT_FAILED,
    "voided": E.TICKET_PRINT_VOIDED, "not_printed": E.TICKET_PRINT_NOT_PRINTED,
    "screen_only": E.TICKET_PRINT_SCREEN_ONLY, "simulated": E.TICKET_PRINT_SIMULATED,
}
