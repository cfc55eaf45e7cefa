"""Workflow rules, input checks and the analysis figures (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.complaints.analysis import CaseFacts, analyse, parse_period
from app.complaints.errors import InvalidComplaintState, InvalidInput
from app.complaints.rules import next_status, normalise_email, reference_number
from app.privacy.masking import mask_email

T = dt.datetime


def test_statuses_follow_the_workflow_and_refuse_jumps():
    assert next_status("received", "acknowledge") == "acknowledged"
    assert next_status("in_progress", "resolve") == "resolved"
    assert next_status("closed", "reopen") == "in_progress"
    with pytest.raises(InvalidComplaintState) as err:
        next_status("received", "resolve", "TS-20261123-0001")
    assert err.value.message == "TS-20261123-0001 is received, so it cannot be resolved now."


def test_email_and_reference():
    assert normalise_email(" Li.Si@Example.COM ") == "li.si@example.com"
    with pytest.raises(InvalidInput, match="not a valid email"):
        normalise_email("li.si@example")
    assert mask_email("lisi@example.com") == "l***@example.com"
    assert reference_number(dt.date(2026, 11, 23), 7) == "TS-20261123-0007"


def test_periods():
    assert parse_period("2026-02")[1:] == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert parse_period(quarter="2026Q4")[1:] == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    with pytest.raises(InvalidInput):
        parse_period("2026-13")
    with pytest.raises(InvalidInput):
        parse_period("2026-11", "2026Q4")


def _case(kind="complaint", channel="counter", cats=("fees",), status="closed", day=3,
          resolved=None, due_day=6, sat=None, adopted=None):
    return CaseFacts(kind, channel, tuple(cats), status, T(2026, 11, day, 10), T(2026, 11, due_day, 17),
                     resolved, sat, adopted)


def test_analysis_figures_by_hand():
    cases = [
        _case(resolved=T(2026, 11, 5, 10), sat=5),                                   # on time, happy
        _case(resolved=T(2026, 11, 7, 10), sat=4, cats=("fees", "product")),         # late
        _case(kind="suggestion", channel="web", cats=("product",), resolved=T(2026, 11, 4), sat=3, adopted=True),
        _case(kind="suggestion", channel="web", cats=(), resolved=T(2026, 11, 4), sat=5, adopted=False),
        _case(kind="praise", channel="letter", cats=(), status="notified", resolved=T(2026, 11, 4)),
        _case(status="in_progress", due_day=20),                                     # open, not yet due
        _case(status="acknowledged", due_day=9),                                     # open, overdue
        _case(status="paused", due_day=9),                                           # paused: not judged
        _case(day=10, resolved=T(2026, 11, 12, 9), due_day=13),                     # on time, no rating
        CaseFacts("complaint", "phone", (), "closed", T(2026, 10, 31, 10), T(2026, 11, 4, 17), None, 1, None),
    ]
    a = analyse(cases, period="2026-11", start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30),
                as_of=T(2026, 11, 15, 12), monthly_target=200)
    assert a.received == 9  # the October case is outside the month
    assert a.by_kind == {"complaint": 6, "suggestion": 2, "praise": 1}
    assert a.by_channel["web"] == 2 and a.by_channel["letter"] == 1 and a.by_channel["counter"] == 6
    assert a.by_category == {"fees": 6, "product": 2}
    assert (a.handling.numerator, a.handling.denominator) == (5, 9)
    assert a.handling.met is False
    # answered: 6 (5 on time, 1 late); the overdue open case counts against; the paused one does not.
    assert (a.timeliness.numerator, a.timeliness.denominator) == (5, 7)
    assert (a.satisfaction.numerator, a.satisfaction.denominator) == (3, 4)
    assert a.satisfaction.value == 0.75
    assert (a.adoption.numerator, a.adoption.denominator) == (1, 2) and a.adoption.met is True
    assert a.volume.denominator == 200 and a.volume.numerator == 9


def test_a_still_pending_deadline_counts_as_not_yet_due():
    """Cases received late in December 2026 whose deadline waits for the 2027 calendar."""
    D = dt.date
    received = T(2026, 12, 28, 10)
    on_time = CaseFacts("complaint", "counter", (), "resolved", T(2026, 12, 21, 10), T(2026, 12, 24, 17),
                        T(2026, 12, 23, 10), None, None)
    answered_pending = CaseFacts("complaint", "counter", (), "resolved", received, None,
                                 T(2026, 12, 30, 10), None, None)
    open_pending = CaseFacts("suggestion", "counter", (), "acknowledged", received, None, None, None, None)
    a = analyse([on_time, answered_pending, open_pending], period="2026-12", start=D(2026, 12, 1),
                end=D(2026, 12, 31), as_of=T(2027, 1, 20, 9), monthly_target=200)
    # Neither pending case is late nor measured; the handled count still sees all three.
    assert (a.timeliness.numerator, a.timeliness.denominator) == (1, 1)
    assert a.received == 3
