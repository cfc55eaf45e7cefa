"""Headless complaint window: intake, the follow-up steps, lists, analysis."""

from __future__ import annotations

import argparse
import datetime as dt

import app.complaints as cp
from app.cli.registry import Arg, Context, Outcome, command, parse_at, parse_date, reference
from app.complaints.analysis import complaint_analysis
from app.complaints.calendar import OVERRIDE_KINDS
from app.complaints.receipt import print_receipt, receipt_job
from app.complaints.rules import CHANNELS, KINDS, NOTIFY_METHODS, PAUSE_REASONS, STATUSES
from app.complaints.views import ComplaintSummary

REF = Arg("--ref", reference, required=True, help="reference (TS-20261123-0007), id or uuid")
NOTE = Arg("--note", str, default="", help="note for the follow-up log")


def _answer_by(due: dt.date | dt.datetime | None) -> str:
    if due is None:
        return "answer date pending (the working-day calendar of its year is not entered yet)"
    return f"answer by {due:%Y-%m-%d %H:%M}" if isinstance(due, dt.datetime) else f"answer by {due:%Y-%m-%d}"


def _line(c: ComplaintSummary) -> str:
    due = f"due {c.next_due:%Y-%m-%d %H:%M}" if c.next_due else "no open deadline"
    flag = {"overdue": " OVERDUE", "due_soon": " due soon"}.get(c.deadline_state, "")
    if c.deadline_state == "pending":
        due, flag = f"deadline pending ({c.pending_year} calendar not entered)", ""
    return f"{c.reference} {c.kind} [{c.status}] {due}{flag}; handler {c.handler or '-'}"


@command(
    "complaints intake",
    Arg("--kind", str, required=True, choices=KINDS, help="complaint, suggestion or praise"),
    Arg("--channel", str, default="counter", choices=CHANNELS, help="how it reached the branch"),
    Arg("--content", str, required=True, help="what the customer said (personal data)"),
    Arg("--name", str, help="customer name (personal data)"),
    Arg("--phone", str, help="customer phone (personal data)"),
    Arg("--email", str, help="customer email (personal data)"),
    Arg("--categories", str, default="", help="comma-separated category codes"),
    Arg("--ticket", str, help="related ticket: today's number or uuid"),
    Arg("--window", int, help="window number concerned"),
    Arg("--teller", str, help="teller concerned"),
    Arg("--received-at", parse_at, help="when it was received (default: --at / now)"),
    help="record a new complaint, suggestion or praise",
)
def intake(ctx: Context, a: argparse.Namespace) -> Outcome:
    c = cp.intake_complaint(
        ctx.db, kind=a.kind, channel=a.channel, content=a.content, customer_name=a.name,
        customer_phone=a.phone, customer_email=a.email,
        categories=[x for x in a.categories.split(",") if x.strip()], ticket=a.ticket,
        window_number=a.window, teller=a.teller, received_at=a.received_at, actor=ctx.actor, now=ctx.clock(),
    )
    return Outcome(c, f"{c.reference} received; acknowledge by {c.ack_due:%Y-%m-%d %H:%M}, "
                      f"{_answer_by(c.resolve_due)}.")


@command(
    "complaints list",
    Arg("--status", str, choices=STATUSES + ("open",), help="a status, or open"),
    Arg("--kind", str, choices=KINDS), Arg("--category", str), Arg("--handler", str),
    Arg("--from", parse_date, help="received on or after"), Arg("--to", parse_date, help="received on or before"),
    Arg("--search", str, help="reference, ticket number, name or phone"),
    help="cases by nearest deadline (contacts masked)",
)
def list_cmd(ctx: Context, a: argparse.Namespace) -> Outcome:
    rows = cp.list_complaints(ctx.db, actor=ctx.actor, now=ctx.clock(), kind=a.kind, status=a.status,
                              category=a.category, handler=a.handler, date_from=getattr(a, "from"),
                              date_to=a.to, search=a.search)
    return Outcome(rows, "\n".join(_line(c) for c in rows) or "No cases.")


@command("complaints show", REF, Arg("--purpose", str, default="follow-up", help="why the data is opened"),
         help="one case with personal data and log (the opening is recorded)")
def show(ctx: Context, a: argparse.Namespace) -> Outcome:
    d = cp.complaint_detail(ctx.db, a.ref, purpose=a.purpose, actor=ctx.actor, now=ctx.clock())
    lines = [_line(d.summary), d.content] + [
        f"  {e.at:%Y-%m-%d %H:%M} {e.staff} {e.action}{': ' + e.note if e.note else ''}" for e in d.log
    ]
    return Outcome(d, "\n".join(lines))


def _step(name: str, fn, *args: Arg, help: str, **fixed) -> None:  # type: ignore[no-untyped-def]
    """Register ``complaints <name>``: call ``fn(db, ref, **options)``."""
    def handler(ctx: Context, a: argparse.Namespace) -> Outcome:
        kwargs = {arg.dest: getattr(a, arg.dest) for arg in args}
        for key, convert in fixed.items():
            kwargs[key] = convert(kwargs.pop(key)) if key in kwargs else convert
        c = fn(ctx.db, a.ref, actor=ctx.actor, now=ctx.clock(), **kwargs)
        return Outcome(c, _line(c))
    command(f"complaints {name}", REF, *args, help=help)(handler)


def _yes_no(text: str | None) -> bool | None:
    return None if text is None else text == "yes"


_step("ack", cp.acknowledge, NOTE, help="acknowledge a case to the customer")
_step("start", cp.start_handling, NOTE, help="start handling a case")
_step("resolve", cp.resolve_case, Arg("--resolution", str, required=True, help="the answer"),
      help="record the answer")
_step("notify", cp.notify_customer, Arg("--method", str, required=True, choices=NOTIFY_METHODS),
      Arg("--notified-at", parse_at, help="when (default: now)"), NOTE, help="record how the customer was told")
_step("close", cp.close_case, Arg("--satisfaction", int, required=True, help="1 to 5"),
      Arg("--adopted", str, choices=("yes", "no"), help="suggestions: adopted?"), NOTE,
      help="close with the customer's satisfaction", adopted=_yes_no)
_step("reopen", cp.reopen_case, Arg("--reason", str, required=True), help="reopen for a dissatisfied customer")
_step("assign", cp.assign_case, Arg("--handler", str, required=True, help="staff username"), NOTE,
      help="assign a handler")
_step("note", cp.add_note, Arg("--note", str, required=True), help="append a follow-up note")
_step("pause", cp.pause_case, Arg("--reason", str, required=True, choices=PAUSE_REASONS), NOTE,
      help="stop the clock (waiting on the customer or an appraisal)")
_step("resume", cp.resume_case, NOTE, help="restart the clock")
_step("extend", cp.extend_limit, Arg("--reason", str, required=True),
      help="manager: extend the regulatory limit 15 -> 30 -> 60 days")


@command("complaints receipt", REF, help="what the customer's receipt shows")
def receipt(ctx: Context, a: argparse.Namespace) -> Outcome:
    job = receipt_job(ctx.db, a.ref, actor=ctx.actor)
    return Outcome(job, f"{job.reference} {job.kind_en}; {_answer_by(job.answer_due)}.")


@command("complaints print", REF, help="print the customer's receipt on the configured printer")
def print_cmd(ctx: Context, a: argparse.Namespace) -> Outcome:
    printer = ctx.app.printer(fresh=True)
    state = print_receipt(ctx.db, printer, a.ref, actor=ctx.actor, now=ctx.clock())
    c = cp.get_complaint(ctx.db, a.ref, actor=ctx.actor, now=ctx.clock())
    if state != "printed":
        return Outcome(c, f"The receipt for {c.reference} could not be printed; the case is kept.", 1)
    return Outcome(c, f"Receipt for {c.reference} printed.")


@command("complaints analysis", Arg("--month", str, help="2026-11"), Arg("--quarter", str, help="2026Q4"),
         help="counts and rates for a month or a quarter")
def analysis(ctx: Context, a: argparse.Namespace) -> Outcome:
    r = complaint_analysis(ctx.db, month=a.month, quarter=a.quarter, actor=ctx.actor, now=ctx.clock())

    def pct(v: float | None) -> str:
        return "-" if v is None else f"{v * 100:.1f}%"
    text = (f"{r.period}: {r.received} received; handling {pct(r.handling.value)}, "
            f"timeliness {pct(r.timeliness.value)}, satisfaction {pct(r.satisfaction.value)}, "
            f"adoption {pct(r.adoption.value)}.")
    return Outcome(r, text)


@command("complaints overdue", help="how many open cases are past a deadline")
def overdue(ctx: Context, a: argparse.Namespace) -> Outcome:
    n = cp.overdue_count(ctx.db, ctx.clock())
    return Outcome({"overdue": n}, f"{n} overdue.")


@command("complaints categories", help="the category list")
def categories(ctx: Context, a: argparse.Namespace) -> Outcome:
    rows = cp.list_categories(ctx.db, include_inactive=True)
    return Outcome(rows, "\n".join(f"{c.code}: {c.name_zh} / {c.name_en}" for c in rows))


@command("complaints category", Arg("--code", str, required=True), Arg("--zh", str, required=True),
         Arg("--en", str, required=True), Arg("--days", int, help="working days to resolve (overrides the kind)"),
         Arg("--inactive", action="store_true", help="hide it from intake"),
         help="add or change a complaint category")
def category(ctx: Context, a: argparse.Namespace) -> Outcome:
    c = cp.set_category(ctx.db, a.code, name_zh=a.zh, name_en=a.en, resolve_days=a.days,
                        active=not a.inactive, actor=ctx.actor, now=ctx.clock())
    return Outcome(c, f"Category {c.code}: {c.name_zh} / {c.name_en}.")


@command("complaints calendar", Arg("--date", parse_date, required=True),
         Arg("--kind", str, required=True, choices=OVERRIDE_KINDS + ("none",), help="holiday, workday or none"),
         Arg("--note", str, default=""), help="set a branch holiday or make-up working day")
def calendar(ctx: Context, a: argparse.Namespace) -> Outcome:
    kind = None if a.kind == "none" else a.kind
    cp.set_calendar_override(ctx.db, a.date, kind=kind, note=a.note, actor=ctx.actor, now=ctx.clock())
    return Outcome({"date": a.date, "kind": kind}, f"{a.date}: {kind or 'no override'}.")
