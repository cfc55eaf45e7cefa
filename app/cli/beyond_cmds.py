"""Beyond the lobby: appointments, messages to the customer's phone, the phone page."""

from __future__ import annotations

import argparse
import os
import signal
import threading
from collections import Counter

from app.cli.registry import Arg, Context, NothingToDo, Outcome, UsageError, command, parse_at, parse_date, reference

SERVICE = Arg("--service", str, required=True, help="service code (A, B, ...)")
# The phone page's server: phones ask every few seconds, so their connections are kept
# longer than uvicorn's default 5 s; the rate limit reads X-Forwarded-For itself.
SERVER_OPTIONS = {"log_level": "warning", "proxy_headers": False, "server_header": False, "timeout_keep_alive": 30}
APPOINTMENT = Arg("--appointment", reference, required=True, help="booking reference (or id)")


def _slot_text(a) -> str:  # type: ignore[no-untyped-def]
    return f"{a.reference}: {a.service_code} at {a.slot_at:%Y-%m-%d %H:%M}, {a.status.replace('_', ' ')}"


@command("appointment book", SERVICE,
         Arg("--slot", parse_at, required=True, help="the slot, ISO-8601 such as 2026-12-08T10:30"),
         Arg("--name", str, help="customer name (personal data)"),
         Arg("--phone", str, help="customer phone (personal data)"),
         Arg("--reference", str, help="the booking's own reference (default: AP-YYYYMMDD-NNNN)"),
         help="book an appointment (the slot must have room)")
def appointment_book(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.appointments import book_appointment

    v = book_appointment(ctx.db, service=a.service, slot=a.slot, name=a.name, phone=a.phone,
                         reference=a.reference, source="cli", actor=ctx.actor, now=ctx.now())
    return Outcome(v, f"Booked {_slot_text(v)}.")


@command("appointment cancel", APPOINTMENT, help="cancel a booked appointment")
def appointment_cancel(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.appointments import cancel_appointment

    v = cancel_appointment(ctx.db, a.appointment, actor=ctx.actor, now=ctx.now())
    return Outcome(v, f"Cancelled {_slot_text(v)}.")


@command("appointment list", Arg("--date", parse_date, help="business day (default: today)"),
         Arg("--service", str, help="one service only"),
         help="a day's appointments by slot (personal data masked)")
def appointment_list(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.appointments import list_appointments

    rows = list_appointments(ctx.db, day=a.date or ctx.today(), service=a.service)
    lines = [f"{_slot_text(v)}" + (f" (ticket {v.ticket_number})" if v.ticket_number else "") for v in rows]
    return Outcome(rows, "\n".join(lines) or "No appointments that day.")


@command("appointment slots", SERVICE, Arg("--date", parse_date, help="business day (default: today)"),
         help="a day's slots of one service: capacity and places taken")
def appointment_slots(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.appointments import slot_table

    rows = slot_table(ctx.db, day=a.date or ctx.today(), service=a.service)
    return Outcome(rows, "\n".join(f"{r.slot_at:%H:%M}  {r.booked}/{r.capacity}" for r in rows))


@command("appointment import", Arg("file", help="CSV or JSON from the booking system"),
         help="import bookings, idempotent by their own reference", batchable=False)
def appointment_import(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.appointments import import_appointments, parse_file

    bookings, problems = parse_file(a.file)
    r = import_appointments(ctx.db, bookings, actor=ctx.actor, now=ctx.now(), problems=problems)
    data = {"created": r.created, "updated": r.updated, "unchanged": r.unchanged, "refused": r.refused,
            "problems": [{"line": line, "error": text} for line, text in r.problems]}
    text = (f"{r.created} booked, {r.updated} changed, {r.unchanged} unchanged, {r.refused} refused."
            + "".join(f"\nline {line}: {msg}" for line, msg in r.problems[:50]))
    return Outcome(data, text)


@command("appointment checkin", Arg("--reference", str, help="booking reference, or what its QR code holds"),
         Arg("--last4", str, help="last four digits of the phone"), Arg("--initial", str,
                                                                         help="first character of the name"),
         help="check a customer in and issue the ticket (appointment ticket inside the window)")
def appointment_checkin(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.appointments import check_in, find_for_checkin

    if not a.reference and not (a.last4 and a.initial):
        raise UsageError("Give --reference, or --last4 and --initial.")
    found = find_for_checkin(ctx.db, reference=a.reference, last4=a.last4, initial=a.initial, now=ctx.now())
    waiting = [v for v in found if v.status in ("booked", "no_show")]
    if not waiting:
        raise NothingToDo("No appointment today to check in matches that." if not found
                          else f"Appointment {found[0].reference} is checked in already.")
    if len(waiting) > 1 and not a.reference:
        raise UsageError(f"{len(waiting)} appointments match; give the booking reference "
                         f"({', '.join(v.reference for v in waiting)}).")
    c = check_in(ctx.db, waiting[0].reference, actor=ctx.actor, now=ctx.now(),
                 how_found="reference" if a.reference else "phone")
    data = {"appointment": c.appointment, "ticket": c.issued.ticket, "checkin": c.how, "priority": c.priority,
            "reason": c.reason_en, "reason_zh": c.reason_zh, "people_ahead": c.issued.people_ahead,
            "estimated_wait_min": c.issued.estimated_wait_min}
    text = f"{c.appointment.reference} checked in ({c.how.replace('_', ' ')}): ticket {c.issued.ticket.number}."
    return Outcome(data, text + (f" {c.reason_en}" if c.reason_en else ""))


@command("appointment sweep", help="mark appointments not checked in by the end of their window as no-shows")
def appointment_sweep(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.appointments import sweep_no_shows

    n = sweep_no_shows(ctx.db, actor=ctx.actor, now=ctx.now())
    return Outcome({"no_shows": n}, f"{n} appointments marked no-show.")


@command("appointment upcoming", help="today's coming appointment slots per service (no names)")
def appointment_upcoming(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.appointments import upcoming

    rows = upcoming(ctx.db, now=ctx.now())
    lines = [f"{u.code}: " + ", ".join(f"{s.slot_at:%H:%M} ×{s.booked}" for s in u.slots) for u in rows]
    return Outcome(rows, "\n".join(lines) or "No more appointments today.")


@command("notify add", Arg("--ticket", reference, required=True, help="ticket number today (A023), id or uuid"),
         Arg("--phone", str, required=True, help="the customer's mobile (personal data)"),
         Arg("--consent", action="store_true", help="the customer agreed to the messages (required)"),
         Arg("--language", str, default="zh_CN", choices=("zh_CN", "en"), help="the messages' language"),
         help="send a ticket's customer a message when few are ahead and when called")
def notify_add(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.notify import subscribe

    sub = subscribe(ctx.db, a.ticket, phone=a.phone, consent=a.consent, language=a.language, via="greeter",
                    actor=ctx.actor, now=ctx.now())
    return Outcome(sub, f"{sub.ticket_number}: messages to {sub.phone_masked} "
                        f"(consent at {sub.consent_at:%H:%M:%S}).")


@command("notify broadcast", Arg("--text", str, required=True, help="the message in Chinese"),
         Arg("--text-en", str, help="the message in English (default: the Chinese)"),
         help="one message to everyone waiting who asked for messages (manager)")
def notify_broadcast(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.notify import broadcast

    n = broadcast(ctx.db, text_zh=a.text, text_en=a.text_en, actor=ctx.actor, now=ctx.now())
    return Outcome({"queued": n}, f"{n} messages queued.")


@command("notify status", help="the outbox: messages per state today")
def notify_status(ctx: Context, a: argparse.Namespace) -> Outcome:
    from sqlalchemy import func, select

    from app.store.models_beyond import NotifyMessage

    with ctx.db.read() as s:
        rows = s.execute(select(NotifyMessage.state, func.count()).where(
            NotifyMessage.business_date == ctx.today()).group_by(NotifyMessage.state)).all()
    counts = Counter(dict(rows))
    return Outcome(dict(counts), ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "No messages today.")


@command("notify run", Arg("--watch", action="store_true", help="keep running until stopped"),
         help="send the messages due (the app does this in the background)", batchable=False)
def notify_run(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.notify import NotifyWorker

    worker = NotifyWorker(ctx.db)
    try:
        if a.watch:
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            try:
                report = worker.watch(stop)
            except KeyboardInterrupt:
                report = worker.last_report
        else:
            report = worker.run_once(now=ctx.now())
    finally:
        worker.close()
    if report is None:
        return Outcome(None, "Stopped.")
    text = (f"{report.sent} sent, {report.failed} failed attempts, {report.pending} waiting; "
            f"{report.no_shows} appointments marked no-show." + (f" Error: {report.error}" if report.error else ""))
    return Outcome(report, text, 1 if report.error else 0)


@command("ticket link", Arg("--ticket", reference, required=True, help="ticket number today (A023), id or uuid"),
         help="the ticket's phone page (what its QR code holds)")
def ticket_link(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.devices.printing import phone_link
    from app.queue import get_ticket

    t = get_ticket(ctx.db, a.ticket, now=ctx.now())
    url = phone_link(ctx.db, ctx.app.refresh_settings(), t.uuid)
    if url is None:
        raise UsageError("Set web.public_url first: the phone page's address as customers' phones reach it.")
    return Outcome({"number": t.number, "url": url}, url)


@command("web", Arg("--host", str, default="127.0.0.1", help="address to listen on (0.0.0.0: every one)"),
         Arg("--port", int, default=8080, help="port"),
         Arg("--head-office", action="store_true",
             help="serve every branch from head office's database (--db or $BRANCHDESK_HQ_DB)"),
         Arg("--workers", int, default=1, help="processes (each shares nothing but the database)"),
         help="serve the phone page (read-only) until stopped", needs_db=False, batchable=False)
def web(ctx: Context, a: argparse.Namespace) -> Outcome:
    import uvicorn

    from app.web.run import app_from_environment, environment_for

    env = environment_for(ctx.db_url, head_office=a.head_office, at=ctx.at)
    if a.workers > 1:
        os.environ.update(env)
        uvicorn.run("app.web.run:app_from_environment", factory=True, host=a.host, port=a.port, workers=a.workers,
                    **SERVER_OPTIONS)
    else:
        uvicorn.run(app_from_environment(env), host=a.host, port=a.port, **SERVER_OPTIONS)
    return Outcome(None, "Stopped.")


def _hq(ctx: Context) -> str:
    from app.cli.sync_cmds import _hq_url

    return _hq_url(ctx)


@command("hq add-web-login", Arg("role", help="the login role's name"),
         Arg("--password", help="its password (default: generated and shown once)"),
         help="a read-only login for the head-office phone page (administrator URL in --db)",
         needs_db=False, batchable=False)
def hq_add_web_login(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.sync.hq_beyond import add_web_login

    generated = add_web_login(_hq(ctx), a.role, password=a.password)
    text = f"Role {a.role} reads the phone page's figures only."
    return Outcome({"role": a.role, "password": generated},
                   text + (f"\nIts password (shown once): {generated}" if generated else ""))


@command("hq put-appointments", Arg("file", help="CSV or JSON from the booking system"),
         Arg("--branch", str, required=True, help="the branch the bookings are for"),
         help="hand bookings to a branch (it pulls them at its next sync round)", needs_db=False, batchable=False)
def hq_put_appointments(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.appointments import parse_file
    from app.sync.hq_beyond import put_appointments

    bookings, problems = parse_file(a.file)
    n = put_appointments(_hq(ctx), a.branch, bookings)
    text = f"{n} bookings for {a.branch.upper()}." + "".join(f"\nline {ln}: {msg}" for ln, msg in problems[:50])
    return Outcome({"bookings": n, "problems": [{"line": ln, "error": m} for ln, m in problems]}, text)
