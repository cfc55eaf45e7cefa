"""Monthly and quarterly analysis of the complaint window.

The figures (docs/complaint-deadlines.md, "Analysis"), over cases received
in the period, as of the time of the analysis:
- handling rate: closed / received (target >= 95%);
- timeliness: answered by the resolution deadline / (answered + unanswered
  past their deadline, paused cases excepted) (target >= 90%); a deadline
  still pending (its year's calendar not entered) counts as not yet due, so
  the case is left out until the deadline is known;
- satisfaction: ratings 4-5 / closed cases with a rating (target >= 85%);
- adoption: adopted / closed suggestions (target >= 50%);
- volume: received / monthly target x months (default 200 a month).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from app.complaints.common import setting
from app.complaints.errors import InvalidInput
from app.complaints.rules import CHANNELS, KINDS
from app.queue.views import to_jsonable  # noqa: F401  (re-exported for callers)
from app.staff.roles import Actor, require
from app.store.engine import Database
from app.store.models_complaints import Complaint, ComplaintCategory

TARGETS = {"handling": 0.95, "timeliness": 0.90, "satisfaction": 0.85, "adoption": 0.50}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")


@dataclass(frozen=True)
class CaseFacts:
    """What the analysis needs of one case (no personal data)."""

    kind: str
    channel: str
    categories: tuple[str, ...]
    status: str
    received_at: dt.datetime
    resolve_due: dt.datetime | None  # None: pending, not yet due
    resolved_at: dt.datetime | None
    satisfaction: int | None
    adopted: bool | None


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int
    value: float | None  # None when there is nothing to measure
    target: float
    met: bool | None


@dataclass(frozen=True)
class ComplaintAnalysis:
    period: str  # "2026-11" or "2026Q4"
    start: dt.date
    end: dt.date  # inclusive
    as_of: dt.datetime
    received: int
    by_kind: dict[str, int]
    by_channel: dict[str, int]
    by_category: dict[str, int]
    category_labels: dict[str, str]
    handling: Rate
    timeliness: Rate
    satisfaction: Rate
    adoption: Rate
    volume: Rate  # received against the feedback target (target as a count)


def parse_period(month: str | None = None, quarter: str | None = None) -> tuple[str, dt.date, dt.date]:
    """('2026-11', first day, last day) for --month 2026-11 or --quarter 2026Q4."""
    if bool(month) == bool(quarter):
        raise InvalidInput("Give either a month (2026-11) or a quarter (2026Q4).", field="period")
    if month:
        m = _MONTH.match(month.strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise InvalidInput(f"{month!r} is not a month such as 2026-11.", field="month")
        year, first, count, label = int(m.group(1)), int(m.group(2)), 1, f"{m.group(1)}-{m.group(2)}"
    else:
        q = _QUARTER.match(str(quarter).strip())
        if not q:
            raise InvalidInput(f"{quarter!r} is not a quarter such as 2026Q4.", field="quarter")
        year, first, count, label = int(q.group(1)), (int(q.group(2)) - 1) * 3 + 1, 3, f"{q.group(1)}Q{q.group(2)}"
    start = dt.date(year, first, 1)
    nxt = dt.date(year + (first + count - 1) // 12, (first + count - 1) % 12 + 1, 1)
    return label, start, nxt - dt.timedelta(days=1)


def _rate(num: int, den: int, target: float) -> Rate:
    if den == 0:
        return Rate(num, den, None, target, None)
    value = num / den
    return Rate(num, den, round(value, 4), target, value >= target)


def analyse(cases: Sequence[CaseFacts], *, period: str, start: dt.date, end: dt.date, as_of: dt.datetime,
            monthly_target: int, category_labels: dict[str, str] | None = None) -> ComplaintAnalysis:
    """The figures of one period from plain case facts (pure)."""
    cases = [c for c in cases if start <= c.received_at.date() <= end]
    # A pending deadline is not yet due: neither late nor measured until known.
    answered = [c for c in cases if c.resolved_at is not None and c.resolve_due is not None]
    late_open = [c for c in cases if c.resolved_at is None and c.status != "paused"
                 and c.resolve_due is not None and c.resolve_due < as_of]
    rated = [c for c in cases if c.status == "closed" and c.satisfaction is not None]
    suggestions = [c for c in cases if c.kind == "suggestion" and c.status == "closed" and c.adopted is not None]
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    target = monthly_target * months
    return ComplaintAnalysis(
        period=period, start=start, end=end, as_of=as_of, received=len(cases),
        by_kind={k: sum(c.kind == k for c in cases) for k in KINDS},
        by_channel={ch: sum(c.channel == ch for c in cases) for ch in CHANNELS},
        by_category=dict(Counter(cat for c in cases for cat in c.categories).most_common()),
        category_labels=dict(category_labels or {}),
        handling=_rate(sum(c.status == "closed" for c in cases), len(cases), TARGETS["handling"]),
        timeliness=_rate(sum(c.resolved_at <= c.resolve_due for c in answered),  # type: ignore[operator]
                         len(answered) + len(late_open), TARGETS["timeliness"]),
        satisfaction=_rate(sum(c.satisfaction >= 4 for c in rated), len(rated),  # type: ignore[operator]
                           TARGETS["satisfaction"]),
        adoption=_rate(sum(bool(c.adopted) for c in suggestions), len(suggestions), TARGETS["adoption"]),
        volume=Rate(len(cases), target, round(len(cases) / target, 4) if target else None, float(target),
                    len(cases) >= target if target else None),
    )


def complaint_analysis(db: Database, *, month: str | None = None, quarter: str | None = None,
                       actor: Actor, now: dt.datetime) -> ComplaintAnalysis:
    """The analysis of a month or quarter, read from the store."""
    require(actor, "complaint.view")
    period, start, end = parse_period(month, quarter)
    lo = dt.datetime.combine(start, dt.time())
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    with db.read() as s:
        facts = [
            CaseFacts(c.kind, c.channel, tuple(c.categories or ()), c.status, c.received_at, c.resolve_due,
                      c.resolved_at, c.satisfaction, c.adopted)
            for c in s.scalars(select(Complaint).where(Complaint.received_at >= lo, Complaint.received_at < hi))
        ]
        labels = {c.code: f"{c.name_zh} {c.name_en}" for c in s.scalars(select(ComplaintCategory))}
        target = int(setting(s, "complaints.monthly_target") or 200)
    return analyse(facts, period=period, start=start, end=end, as_of=now, monthly_target=target,
                   category_labels=labels)
