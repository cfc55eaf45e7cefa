"""The bundle's self-check: a fresh database, a ticket issued and called, the
ticket rendered through the simulated printer, a daily report written. Each
step is reported; a feature missing from the build is a SKIP, not a failure."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.ops.doctor import Check


# One line per step, like the doctor's checks (status OK / SKIP / FAIL).
Step = Check


def run_selfcheck(folder: Path | None = None, *, now: dt.datetime | None = None) -> list[Step]:
    """Run every step in ``folder`` (default: a temporary folder)."""
    now = now or dt.datetime.now().replace(microsecond=0)
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="branchdesk-selfcheck-"))
    folder.mkdir(parents=True, exist_ok=True)
    state: dict[str, Any] = {"folder": folder, "now": now}
    steps: list[Step] = []
    for name, fn in (("database", _database), ("ticket", _ticket), ("printer", _printer),
                     ("report", _report), ("migrations", _migrations)):
        if any(s.status == "FAIL" for s in steps) and name != "migrations":
            steps.append(Step(name, "SKIP", "An earlier step failed."))
            continue
        steps.append(_guard(name, fn, state))
    if "db" in state:
        state["db"].dispose()
    return steps


def _guard(name: str, fn: Callable[[dict[str, Any]], str], state: dict[str, Any]) -> Step:
    try:
        return Step(name, "OK", fn(state))
    except Exception as exc:
        msg = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
        return Step(name, "FAIL", msg.splitlines()[0])


def _database(state: dict[str, Any]) -> str:
    from app.bootstrap import build
    from app.queue import init_catalogue
    from app.staff.roles import SYSTEM

    path = state["folder"] / "selfcheck.sqlite3"
    path.unlink(missing_ok=True)
    db = build(f"sqlite:///{path}").db
    state["db"] = db
    result = init_catalogue(db, actor=SYSTEM, now=state["now"])
    return f"Created {path.name} with {result.services} services and {result.windows} windows."


def _ticket(state: dict[str, Any]) -> str:
    from app.queue import call_next, issue_ticket, open_window
    from app.staff.roles import SYSTEM

    db, now = state["db"], state["now"]
    issued = issue_ticket(db, service="A", after_hours_ok=True, actor=SYSTEM, now=now)  # at any hour
    open_window(db, window=1, actor=SYSTEM, now=now)
    called = call_next(db, window=1, actor=SYSTEM, now=now + dt.timedelta(minutes=1))
    if called.number != issued.ticket.number:
        raise RuntimeError(f"Window 1 called {called.number}, expected {issued.ticket.number}.")
    state["issued"] = issued
    return f"Ticket {issued.ticket.number} issued and called to window 1."


def _printer(state: dict[str, Any]) -> str:
    from app.devices.base import TicketPrintJob
    from app.devices.layout import ticket_steps
    from app.devices.png_render import render_png

    from app.queue import get_settings

    issued, settings = state["issued"], get_settings(state["db"])
    t = issued.ticket
    job = TicketPrintJob(
        number=t.number, service_name_zh=t.service_name_zh, service_name_en=t.service_name_en,
        people_ahead=issued.people_ahead, estimated_wait_min=issued.estimated_wait_min,
        estimated_range=issued.estimated_wait_range_min, estimate_note=issued.estimate_note,
        issued_at=t.issued_at, reference=t.uuid,
        branch_name_zh=str(settings.get("branch.name_zh", "")), branch_name_en=str(settings.get("branch.name_en", "")),
    )
    dots = 576
    image = render_png(ticket_steps(job, dots), dots)
    out = state["folder"] / f"ticket-{t.number}.png"
    image.save(out)
    return f"Ticket rendered to {out.name} ({image.width}x{image.height} dots)."


def _report(state: dict[str, Any]) -> str:
    from app.reports.daily import build_daily
    from app.reports.export import write_report

    now = state["now"]
    report = build_daily(state["db"], now.date(), now=now + dt.timedelta(minutes=5))
    out = write_report(report, "pdf", state["folder"] / f"daily-{now:%Y%m%d}.pdf")
    return f"Daily report written to {out.name} ({out.stat().st_size} bytes)."


def _migrations(state: dict[str, Any]) -> str:
    from app.store.migrate import current_revisions, known_heads

    if "db" not in state:
        raise RuntimeError("No database to check.")
    current, heads = current_revisions(state["db"]), known_heads()
    if current != heads:
        raise RuntimeError(f"Schema at {sorted(current)}, expected {sorted(heads)}.")
    return f"Schema at {', '.join(sorted(heads))}."
