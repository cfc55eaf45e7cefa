"""The queue engine: numbering, calling policy, wait estimates, service functions.

Plain Python over the store; no Qt. Each service function runs one
transaction, appends one event and returns frozen dataclasses.
"""

from app.queue.calling import call_next, call_ticket, finish, no_show, recall, start_service
from app.queue.catalogue import get_settings, init_catalogue, set_setting
from app.queue.status import get_ticket, list_services, queue_status, recent_calls, recent_tickets, waiting_list
from app.queue.moves import cancel_ticket, requeue_ticket, transfer_ticket
from app.queue.tickets import end_of_day, issue_ticket, rate_ticket, set_print_state, ticket_personal_data
from app.queue.windows import close_window, heartbeat, leave_window, open_window, pause_window, resume_window

__all__ = [
    "call_next", "call_ticket", "finish", "no_show", "recall", "start_service",
    "get_settings", "init_catalogue", "set_setting",
    "get_ticket", "list_services", "queue_status", "recent_calls", "recent_tickets", "waiting_list",
    "cancel_ticket", "end_of_day", "issue_ticket", "rate_ticket", "requeue_ticket",
    "set_print_state", "ticket_personal_data", "transfer_ticket",
    "close_window", "heartbeat", "leave_window", "open_window", "pause_window", "resume_window",
]
