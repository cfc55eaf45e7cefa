"""Headless queue operations: tickets, calling, windows, status, end of day."""

from __future__ import annotations

import argparse

import app.queue as q
from app.cli.registry import Arg, Context, Outcome, command, parse_date, reference
from app.queue.policy import PRIORITY_CLASSES, PRIORITY_NOTES
from app.queue.views import TicketView, to_jsonable

WINDOW = Arg("--window", int, required=True, help="window number")
TICKET = Arg("--ticket", reference, required=True, help="ticket number today (A023), id or uuid")


def _ticket_text(t: TicketView, verb: str) -> str:
    where = f" at window {t.window_number}" if t.window_number else ""
    return f"{t.number} {verb}{where} ({t.service_name_en}); status {t.status}."


@command(
    "ticket issue",
    Arg("--service", str, required=True, help="service code (A, B, ...)"),
    Arg("--priority", str, default="normal", choices=PRIORITY_CLASSES, help="priority class"),
    Arg("--priority-note", str, choices=PRIORITY_NOTES, help="why priority (elderly, disabled, pregnant, other)"),
    Arg("--name", str, help="customer name (personal data)"),
    Arg("--phone", str, help="customer phone (personal data)"),
    Arg("--need", str, help="what the customer needs (personal data)"),
    Arg("--after-hours", action="store_true", help="confirm a ticket after the last-ticket (or closing) time"),
    help="issue a numbered ticket",
)
def ticket_issue(ctx: Context, a: argparse.Namespace) -> Outcome:
    r = q.issue_ticket(
        ctx.db, service=a.service, priority=a.priority, priority_note=a.priority_note,
        customer_name=a.name, customer_phone=a.phone, need_note=a.need, after_hours_ok=a.after_hours,
        actor=ctx.actor, now=ctx.now(),
    )
    data = {"ticket": r.ticket, "people_ahead": r.people_ahead, "estimated_wait_min": r.estimated_wait_min,
            "estimated_wait_range_min": r.estimated_wait_range_min, "estimate_note": r.estimate_note}
    return Outcome(data, f"{r.ticket.number} issued ({r.ticket.service_name_en}); {wait_text(r)}")


def wait_text(r) -> str:  # type: ignore[no-untyped-def]
    """What the customer was told, in one English clause."""
    if r.estimate_note == "no_window":
        return f"{r.people_ahead} ahead; no window serves it now, no wait promised."
    if r.estimated_wait_min is None:
        return f"{r.people_ahead} ahead; may not be served today."
    low, high = r.estimated_wait_range_min or (r.estimated_wait_min, r.estimated_wait_min)
    return f"{r.people_ahead} ahead, about {r.estimated_wait_min} min ({low}-{high})."


@command("ticket show", TICKET, help="show a ticket (personal data masked)")
def ticket_show(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.get_ticket(ctx.db, a.ticket, now=ctx.now())
    return Outcome(t, _ticket_text(t, "is"))


@command("call next", WINDOW, Arg("--finish-current", action="store_true", help="finish the ticket at the window first"),
         help="call the next ticket to a window")
def call_next(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.call_next(ctx.db, window=a.window, finish_current=a.finish_current, actor=ctx.actor, now=ctx.now())
    return Outcome(t, _ticket_text(t, "called"))


@command("call ticket", WINDOW, TICKET, help="call a chosen waiting ticket out of order")
def call_ticket(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.call_ticket(ctx.db, window=a.window, ticket=a.ticket, actor=ctx.actor, now=ctx.now())
    return Outcome(t, _ticket_text(t, "called"))


@command("recall", WINDOW, help="announce the window's current ticket again")
def recall(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.recall(ctx.db, window=a.window, actor=ctx.actor, now=ctx.now())
    return Outcome(t, _ticket_text(t, f"called again (call {t.call_count})"))


@command("no-show", WINDOW, help="mark the window's current ticket as not come")
def no_show(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.no_show(ctx.db, window=a.window, actor=ctx.actor, now=ctx.now())
    return Outcome(t, _ticket_text(t, "marked no-show"))


@command("requeue", TICKET, help="put a no-show ticket back in the queue")
def requeue(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.requeue_ticket(ctx.db, a.ticket, actor=ctx.actor, now=ctx.now())
    return Outcome(t, _ticket_text(t, "back in the queue"))


@command("start", WINDOW, help="start serving the window's current ticket")
def start(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.start_service(ctx.db, window=a.window, actor=ctx.actor, now=ctx.now())
    return Outcome(t, _ticket_text(t, "being served"))


@command("finish", WINDOW, Arg("--outcome", str, default="done", help="outcome of the service"),
         help="finish the window's current ticket")
def finish(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.finish(ctx.db, window=a.window, outcome=a.outcome, actor=ctx.actor, now=ctx.now())
    return Outcome(t, _ticket_text(t, "finished"))


@command("transfer", TICKET, Arg("--to-service", str, help="service code"), Arg("--to-window", int, help="window number"),
         help="transfer a ticket to another service or window")
def transfer(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.transfer_ticket(ctx.db, a.ticket, to_service=a.to_service, to_window=a.to_window,
                          actor=ctx.actor, now=ctx.now())
    dest = f"window {t.target_window_number}" if t.target_window_number else f"service {t.service_code}"
    return Outcome(t, f"{t.number} transferred to {dest}.")


@command("cancel", TICKET, Arg("--reason", str, default="", help="why"), help="cancel a ticket")
def cancel(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.cancel_ticket(ctx.db, a.ticket, reason=a.reason, actor=ctx.actor, now=ctx.now())
    return Outcome(t, _ticket_text(t, "cancelled"))


@command("rate", TICKET, Arg("--rating", int, required=True, help="1 to 5"), help="store the customer's rating")
def rate(ctx: Context, a: argparse.Namespace) -> Outcome:
    t = q.rate_ticket(ctx.db, a.ticket, rating=a.rating, actor=ctx.actor, now=ctx.now())
    return Outcome(t, f"{t.number} rated {t.rating}.")


def _window_outcome(w, verb: str) -> Outcome:  # type: ignore[no-untyped-def]
    return Outcome(w, f"Window {w.number} {verb}.")


@command("window open", WINDOW, help="open a window")
def window_open(ctx: Context, a: argparse.Namespace) -> Outcome:
    return _window_outcome(q.open_window(ctx.db, window=a.window, actor=ctx.actor, now=ctx.now()), "open")


@command("window pause", WINDOW, Arg("--reason", str, required=True, help="why"), help="pause a window")
def window_pause(ctx: Context, a: argparse.Namespace) -> Outcome:
    w = q.pause_window(ctx.db, window=a.window, reason=a.reason, actor=ctx.actor, now=ctx.now())
    return _window_outcome(w, f"paused ({w.pause_reason})")


@command("window resume", WINDOW, help="resume a paused window")
def window_resume(ctx: Context, a: argparse.Namespace) -> Outcome:
    return _window_outcome(q.resume_window(ctx.db, window=a.window, actor=ctx.actor, now=ctx.now()), "open again")


@command("window close", WINDOW, help="close a window")
def window_close(ctx: Context, a: argparse.Namespace) -> Outcome:
    return _window_outcome(q.close_window(ctx.db, window=a.window, actor=ctx.actor, now=ctx.now()), "closed")


@command("window leave", WINDOW,
         Arg("--finish-serving", action="store_true", help="end a service in progress as served first"),
         help="the teller leaves the window: closed (or paused), a called customer back to the queue or no-show")
def window_leave(ctx: Context, a: argparse.Namespace) -> Outcome:
    w = q.leave_window(ctx.db, window=a.window, finish_serving=a.finish_serving, actor=ctx.actor, now=ctx.now())
    return _window_outcome(w, "left" + (f" ({w.state})" if w.state != "closed" else ""))


@command("queue status", help="waiting per service and what each window serves now")
def queue_status(ctx: Context, a: argparse.Namespace) -> Outcome:
    st = q.queue_status(ctx.db, now=ctx.now())
    lines = [f"{st.business_date}: {st.waiting_total} waiting"]
    for sq in st.services:
        if sq.service.active:
            lines.append(f"  {sq.service.code} {sq.service.name_en}: {sq.waiting} waiting, longest {sq.longest_wait_min} min")
    for w in st.windows:
        cur = w.current_ticket.number if w.current_ticket else "-"
        unattended = "" if w.attended else " UNATTENDED"
        lines.append(f"  window {w.number} [{w.state}{unattended}] {','.join(w.service_codes)} now {cur}")
    return Outcome(st, "\n".join(lines))


@command("end-of-day", Arg("--date", parse_date, help="business day to close (default: today)"),
         help="close the business day now (expire what waits, close the windows), then write its final report",
         batchable=False)
def end_of_day(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.reports.endofday import close_and_report

    r = close_and_report(ctx.db, day=a.date, actor=ctx.actor, now=ctx.now())
    c = r.closed
    return Outcome({"closed": c, "report": r},
                   f"{c.business_date} closed at {c.closed_at:%H:%M}: {c.expired} tickets expired, "
                   f"{c.served_at_close} being served ended as served, windows closed: "
                   f"{', '.join(map(str, c.windows_closed)) or 'none'}. {r.message}")


@command("day close", Arg("--date", parse_date, help="business day to close (default: today)"),
         help="close the business day now without writing a report (batch and replays)")
def day_close(ctx: Context, a: argparse.Namespace) -> Outcome:
    c = q.end_of_day(ctx.db, day=a.date, actor=ctx.actor, now=ctx.now())
    return Outcome(c, f"{c.business_date} closed: {c.expired} tickets expired, {c.served_at_close} served at close.")


@command("day status", Arg("--date", parse_date, help="business day (default: today)"),
         help="whether a business day is open or closed, and what is still in its queue")
def day_status(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.queue.day import day_state

    st = day_state(ctx.db, a.date or ctx.today())
    closed = f"closed at {st.closed_at:%Y-%m-%d %H:%M} ({st.closed_how})" if st.closed_at else "open"
    return Outcome({**to_jsonable(st), "final": st.final},
                   f"{st.business_date}: {closed}; {st.open_tickets} tickets still in the queue; "
                   f"closes itself at {st.closes_at:%H:%M}.")
