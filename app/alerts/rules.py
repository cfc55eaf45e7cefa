"""The alert rules: plain functions from a snapshot of the branch to the
conditions that hold now (no database, no Qt).

Each condition has a key; the alert service (service.py) raises an alert for
a key that has none open, and clears the open alert of a key whose condition
has ended. So a condition that lasts raises one alert, however often it is
checked. The rules and their settings (app/settings.py, ``alerts.*``):

- ``wait_over_target`` (per service): a customer still waiting, never called,
  has waited longer than ``alerts.wait_over_target_factor`` x the target of
  the service the ticket was issued for (the target the reports judge by);
- ``queue_length`` (per service): more than ``alerts.queue_length_max`` wait;
- ``no_window`` (per service): people wait and no open, attended window
  serves the service;
- ``window_idle`` (per window): paused, or open but unattended (its teller's
  app silent), for ``alerts.window_idle_min`` minutes or more while people
  wait for a service it serves (or for it by name);
- ``complaint_due`` (per case and deadline): an open case's acknowledgement
  or answer is due within ``alerts.complaint_due_hours``, or overdue (a
  paused case's clock is stopped; a pending deadline is not due);
- ``printer`` (per PC with a printer): out of paper, or offline (cover open,
  unplugged, not answering); only the PC that owns the printer can tell;
- ``sync_failing``: head-office sync has failed for ``alerts.sync_failing_min``
  minutes (since the last success, or since the oldest event still unsent);
- ``low_rating`` (per ticket): a customer of today rated 2 or lower, and no
  complaint has been taken in for that ticket yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

RULES = ("wait_over_target", "queue_length", "no_window", "window_idle", "complaint_due", "printer",
         "sync_failing", "low_rating")
LOW_RATING = 2
# Printer states that mean no ticket comes out (app/devices: PrinterStatus.kind).
PRINTER_DOWN = ("paper_out", "offline", "cover_open", "unplugged", "timeout")
CASE_OPEN = ("received", "acknowledged", "in_progress")


@dataclass(frozen=True)
class AlertConfig:
    enabled: frozenset[str]
    wait_factor: float = 1.0
    queue_max: int = 15
    window_idle: dt.timedelta = dt.timedelta(minutes=10)
    complaint_within: dt.timedelta = dt.timedelta(hours=4)
    sync_after: dt.timedelta = dt.timedelta(minutes=30)

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> AlertConfig:
        """From the branch settings (defaults where a stored value no longer passes its check)."""
        from app.errors import InvalidInput
        from app.settings import SPECS, clean

        def get(key: str) -> Any:
            try:
                return clean(key, values.get(key, SPECS[key].default))
            except InvalidInput:
                return SPECS[key].default

        return cls(
            enabled=frozenset(r for r in RULES if get(f"alerts.{r}")),
            wait_factor=float(get("alerts.wait_over_target_factor")),
            queue_max=int(get("alerts.queue_length_max")),
            window_idle=dt.timedelta(minutes=get("alerts.window_idle_min")),
            complaint_within=dt.timedelta(hours=get("alerts.complaint_due_hours")),
            sync_after=dt.timedelta(minutes=get("alerts.sync_failing_min")),
        )


@dataclass(frozen=True)
class ServiceFacts:
    code: str
    target_min: int
    waiting: int  # tickets waiting for it now (its queue)
    issued: tuple[dt.datetime, ...] = ()  # issue times of the never-called waiting, issued for it


@dataclass(frozen=True)
class WindowFacts:
    number: int
    state: str  # open / paused / closed
    attended: bool
    services: tuple[str, ...]
    since: dt.datetime | None = None  # paused since, or silent since (unattended)
    waiting_for_it: int = 0  # tickets sent to this window by name


@dataclass(frozen=True)
class CaseFacts:
    complaint_id: int
    reference: str
    status: str
    ack_due: dt.datetime | None
    resolve_due: dt.datetime | None  # None: pending, not yet due


@dataclass(frozen=True)
class RatingFacts:
    ticket_id: int
    number: str
    rating: int
    service: str | None
    window: int | None


@dataclass(frozen=True)
class SyncFacts:
    failing: bool
    since: dt.datetime | None  # the last success, else the oldest event still unsent


@dataclass(frozen=True)
class AlertFacts:
    now: dt.datetime
    services: tuple[ServiceFacts, ...] = ()
    windows: tuple[WindowFacts, ...] = ()
    cases: tuple[CaseFacts, ...] = ()
    ratings: tuple[RatingFacts, ...] = ()
    sync: SyncFacts | None = None  # None: sync not set up
    printer: str | None = None  # this PC's printer state (PrinterStatus.kind); None: no printer here
    host: str = ""  # this PC, for the printer's key


@dataclass(frozen=True)
class Condition:
    key: str  # one open alert per key
    rule: str
    level: str = ""
    service: str | None = None
    window: int | None = None
    ticket_id: int | None = None
    ticket_number: str | None = None
    complaint_id: int | None = None
    reference: str | None = None
    figures: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    conditions: dict[str, Condition]
    scopes: tuple[str, ...]  # key prefixes this evaluation speaks for: open alerts under them may clear


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)


def wait_over_target(f: AlertFacts, cfg: AlertConfig) -> Iterable[Condition]:
    for svc in f.services:
        limit = dt.timedelta(minutes=svc.target_min * cfg.wait_factor)
        over = [t for t in svc.issued if f.now - t > limit]
        if over:
            yield Condition(f"wait_over_target:{svc.code}", "wait_over_target", "over_target", service=svc.code,
                            figures={"wait_min": _minutes(f.now - min(over)), "target_min": svc.target_min,
                                     "waiting": len(over)})


def queue_length(f: AlertFacts, cfg: AlertConfig) -> Iterable[Condition]:
    for svc in f.services:
        if svc.waiting > cfg.queue_max:
            yield Condition(f"queue_length:{svc.code}", "queue_length", "too_many", service=svc.code,
                            figures={"waiting": svc.waiting, "limit": cfg.queue_max})


def no_window(f: AlertFacts, cfg: AlertConfig) -> Iterable[Condition]:
    served = {code for w in f.windows if w.state == "open" and w.attended for code in w.services}
    for svc in f.services:
        if svc.waiting and svc.code not in served:
            yield Condition(f"no_window:{svc.code}", "no_window", "no_window", service=svc.code,
                            figures={"waiting": svc.waiting})


def window_idle(f: AlertFacts, cfg: AlertConfig) -> Iterable[Condition]:
    waiting = {svc.code: svc.waiting for svc in f.services}
    for w in f.windows:
        how = "paused" if w.state == "paused" else "unattended" if w.state == "open" and not w.attended else None
        if how is None or w.since is None or f.now - w.since < cfg.window_idle:
            continue
        people = w.waiting_for_it + sum(waiting.get(code, 0) for code in w.services)
        if people:
            yield Condition(f"window_idle:{w.number}:{how}", "window_idle", how, window=w.number,
                            figures={"minutes": _minutes(f.now - w.since), "waiting": people})


def complaint_due(f: AlertFacts, cfg: AlertConfig) -> Iterable[Condition]:
    for c in f.cases:
        if c.status not in CASE_OPEN:
            continue  # paused: the clock is stopped; answered or closed: nothing is due
        stages = [("answer", c.resolve_due)]
        if c.status == "received":
            stages.insert(0, ("ack", c.ack_due))
        for stage, due in stages:
            if due is None:
                continue
            if f.now > due:
                level, hours = f"{stage}_overdue", (f.now - due).total_seconds() / 3600
            elif due - f.now <= cfg.complaint_within:
                level, hours = f"{stage}_due_soon", (due - f.now).total_seconds() / 3600
            else:
                continue
            yield Condition(f"complaint_due:{c.reference}:{level}", "complaint_due", level,
                            complaint_id=c.complaint_id, reference=c.reference, figures={"hours": int(hours)})


def printer(f: AlertFacts, cfg: AlertConfig) -> Iterable[Condition]:
    if f.printer in PRINTER_DOWN:
        yield Condition(f"printer:{f.host}:{f.printer}", "printer", str(f.printer))


def sync_failing(f: AlertFacts, cfg: AlertConfig) -> Iterable[Condition]:
    s = f.sync
    if s is not None and s.failing and s.since is not None and f.now - s.since >= cfg.sync_after:
        yield Condition("sync_failing", "sync_failing", "failing", figures={"minutes": _minutes(f.now - s.since)})


def low_rating(f: AlertFacts, cfg: AlertConfig) -> Iterable[Condition]:
    for r in f.ratings:
        if r.rating <= LOW_RATING:
            yield Condition(f"low_rating:{r.ticket_id}", "low_rating", "low", service=r.service, window=r.window,
                            ticket_id=r.ticket_id, ticket_number=r.number, figures={"rating": r.rating})


CHECKS = {
    "wait_over_target": wait_over_target, "queue_length": queue_length, "no_window": no_window,
    "window_idle": window_idle, "complaint_due": complaint_due, "printer": printer,
    "sync_failing": sync_failing, "low_rating": low_rating,
}


def scope_of(rule: str, f: AlertFacts) -> str | None:
    """The keys this snapshot can speak for under ``rule`` (None: it cannot tell,
    so that rule's open alerts stay as they are): only a PC with a printer
    knows its printer."""
    if rule == "printer":
        return f"printer:{f.host}:" if f.printer is not None else None
    return f"{rule}"


def evaluate(f: AlertFacts, cfg: AlertConfig) -> Evaluation:
    """Every condition that holds in ``f`` under the enabled rules."""
    conditions: dict[str, Condition] = {}
    scopes: list[str] = []
    for rule in RULES:
        scope = scope_of(rule, f)
        if rule not in cfg.enabled or scope is None:
            continue
        scopes.append(scope)
        for c in CHECKS[rule](f, cfg):
            conditions[c.key] = c
    return Evaluation(conditions, tuple(scopes))


@dataclass(frozen=True)
class Change:
    raise_: tuple[Condition, ...]
    clear: tuple[tuple[str, str], ...]  # (open key, how)

    def __bool__(self) -> bool:
        return bool(self.raise_ or self.clear)


def changes(ev: Evaluation, open_keys: Iterable[tuple[str, str]], cfg: AlertConfig) -> Change:
    """What to raise and clear given the open alerts ``(key, rule)``: a condition
    without an open alert is raised; an open alert whose condition ended
    (within a scope evaluated) is cleared, and every open alert of a rule
    switched off is cleared too."""
    open_map = dict(open_keys)
    raise_ = tuple(c for key, c in ev.conditions.items() if key not in open_map)
    clear: list[tuple[str, str]] = []
    for key, rule in open_map.items():
        if rule not in cfg.enabled:
            clear.append((key, "rule_off"))
        elif key not in ev.conditions and any(_under(key, scope) for scope in ev.scopes):
            clear.append((key, "condition_ended"))
    return Change(raise_, tuple(clear))


def _under(key: str, scope: str) -> bool:
    return key == scope or key.startswith(scope if scope.endswith(":") else scope + ":")
