"""The complaint window: intake, deadlines on a working-day calendar, the
follow-up workflow and the monthly/quarterly analysis. No Qt."""

from app.complaints.intake import intake_complaint
from app.complaints.queries import (
    CalendarStatus,
    calendar_overrides,
    calendar_status,
    complaint_detail,
    get_complaint,
    list_categories,
    list_complaints,
    list_handlers,
    overdue_count,
    set_calendar_override,
    set_category,
)
from app.complaints.workflow import (
    acknowledge,
    add_note,
    assign_case,
    close_case,
    extend_limit,
    notify_customer,
    pause_case,
    reopen_case,
    resolve_case,
    resume_case,
    set_receipt_print_state,
    start_handling,
)

__all__ = [
    "intake_complaint", "CalendarStatus", "calendar_overrides", "calendar_status", "complaint_detail", "get_complaint", "list_categories",
    "list_complaints", "list_handlers", "overdue_count", "set_calendar_override", "set_category",
    "acknowledge", "add_note", "assign_case", "close_case", "extend_limit", "notify_customer",
    "pause_case", "reopen_case", "resolve_case", "resume_case", "set_receipt_print_state", "start_handling",
]
