"""``branchdesk alerts check|list|ack`` and ``report staffing``: alerts and
staffing advice headless (cron, scripts, a PC with no screen)."""

from __future__ import annotations

import argparse
import socket

from app.alerts import acknowledge_alert, alert_board, alert_text, check_alerts, deliver_pending
from app.alerts.rules import PRINTER_DOWN
from app.cli.registry import Arg, Context, NothingToDo, Outcome, command
from app.reports.staffing import staffing_advice

PRINTER_STATES = ("ok", "low_paper", *PRINTER_DOWN)


@command("alerts check", Arg("--printer", choices=PRINTER_STATES,
                             help="this PC's ticket printer state (only the PC with the printer knows it)"),
         help="check the alert rules now: raise what holds, clear what ended, send what waits for the webhook")
def alerts_check(ctx: Context, a: argparse.Namespace) -> Outcome:
    result = check_alerts(ctx.db, now=ctx.now(), printer=a.printer, host=socket.gethostname()[:60])
    sent = deliver_pending(ctx.db, now=ctx.now())
    lines = [f"raised: {alert_text(x, 'en')}" for x in result.raised]
    lines += [f"cleared: {alert_text(x, 'en')}" for x in result.cleared]
    lines.append(f"{result.open} alerts open; {sent.sent} sent to the webhook.")
    return Outcome({"raised": result.raised, "cleared": result.cleared, "open": result.open,
                    "sent": sent.sent, "retried": sent.retried, "failed": sent.failed}, "\n".join(lines))


@command("alerts list", Arg("--all", action="store_true", help="also the ones cleared most recently"),
         help="the open alerts (unacknowledged first)")
def alerts_list(ctx: Context, a: argparse.Namespace) -> Outcome:
    board = alert_board(ctx.db)
    shown = list(board.open) + (list(board.recent) if a.all else [])
    lines = [f"{x.id:>5} {x.raised_at:%Y-%m-%d %H:%M} {x.state:<12} {alert_text(x, 'en')}" for x in shown]
    return Outcome({"open": board.open, "recent": board.recent if a.all else []},
                   "\n".join(lines) if lines else "No open alerts.")


@command("alerts ack", Arg("alert", help="the alert's number (alerts list) or uuid"),
         help="acknowledge an alert (a manager has seen it)")
def alerts_ack(ctx: Context, a: argparse.Namespace) -> Outcome:
    view = acknowledge_alert(ctx.db, a.alert, actor=ctx.actor, now=ctx.now())
    return Outcome(view, f"Alert {view.id} acknowledged by {view.acknowledged_by}: {alert_text(view, 'en')}")


@command("report staffing", Arg("--days", int, default=7, help="days ahead after today (default 7)"),
         help="windows needed per hour (Erlang C) against the windows open, today and the days ahead",
         batchable=False)
def report_staffing(ctx: Context, a: argparse.Namespace) -> Outcome:
    days = max(0, min(31, a.days if a.days is not None else 7))
    advice = staffing_advice(ctx.db, now=ctx.clock(), days_ahead=days)
    if not any(d.hours for d in advice.days):
        raise NothingToDo(f"No arrivals from {advice.history_from} to {advice.history_to} to learn from.")
    lines = [f"Goal {advice.goal_pct} % within target, learned from {advice.history_from} to {advice.history_to}."]
    for d in advice.days:
        hours = ", ".join(f"{h.hour:02d}h {h.needed}" + (f"/{h.open:g}" if h.open is not None else "")
                          for h in d.hours)
        lines.append(f"{d.day}: {hours}")
    return Outcome(advice, "\n".join(lines))
