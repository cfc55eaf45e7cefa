"""The alert rules as plain functions: each threshold, and what is raised or
cleared against the alerts already open (no database, no screen)."""

from __future__ import annotations

import datetime as dt

from app.alerts.rules import (
    RULES,
    AlertConfig,
    AlertFacts,
    CaseFacts,
    RatingFacts,
    ServiceFacts,
    SyncFacts,
    WindowFacts,
    changes,
    evaluate,
)

NOW = dt.datetime(2026, 11, 23, 10, 0)
ALL = AlertConfig(enabled=frozenset(RULES), wait_factor=1.0, queue_max=3, window_idle=dt.timedelta(minutes=10),
                  complaint_within=dt.timedelta(hours=4), sync_after=dt.timedelta(minutes=30))


def ago(minutes: float) -> dt.datetime:
    return NOW - dt.timedelta(minutes=minutes)


def keys(facts: AlertFacts, cfg: AlertConfig = ALL) -> set[str]:
    return set(evaluate(facts, cfg).conditions)


def only(rule: str, **kw) -> AlertConfig:  # type: ignore[no-untyped-def]
    return AlertConfig(**{**ALL.__dict__, "enabled": frozenset({rule}), **kw})


def test_a_wait_past_the_target_or_a_multiple_of_it():
    svc = ServiceFacts("A", 15, 2, (ago(16), ago(5)))
    rule = only("wait_over_target")
    c = evaluate(AlertFacts(NOW, services=(svc,)), rule).conditions["wait_over_target:A"]
    assert c.figures == {"wait_min": 16, "target_min": 15, "waiting": 1}
    assert keys(AlertFacts(NOW, services=(ServiceFacts("A", 15, 1, (ago(15),)),)), rule) == set()  # at the target
    twice = only("wait_over_target", wait_factor=2.0)
    assert keys(AlertFacts(NOW, services=(svc,)), twice) == set()
    assert keys(AlertFacts(NOW, services=(ServiceFacts("A", 15, 1, (ago(31),)),)), twice) == {"wait_over_target:A"}


def test_queue_length_and_no_window():
    a, b = ServiceFacts("A", 15, 4), ServiceFacts("B", 20, 1)
    open_a = WindowFacts(1, "open", True, ("A",))
    assert keys(AlertFacts(NOW, services=(a, b), windows=(open_a,))) == {"queue_length:A", "no_window:B"}
    # An open window whose teller's app went silent serves nobody; a paused one neither.
    silent = WindowFacts(2, "open", False, ("B",))
    paused = WindowFacts(3, "paused", True, ("B",))
    assert "no_window:B" in keys(AlertFacts(NOW, services=(b,), windows=(silent, paused)))
    assert "no_window:B" not in keys(AlertFacts(NOW, services=(b,), windows=(WindowFacts(2, "open", True, ("B",)),)))


def test_a_window_paused_or_unattended_too_long_while_people_wait():
    a, rule = ServiceFacts("A", 15, 2), only("window_idle")
    paused = WindowFacts(3, "paused", True, ("A",), since=ago(11))
    c = evaluate(AlertFacts(NOW, services=(a,), windows=(paused,)), rule).conditions["window_idle:3:paused"]
    assert c.figures == {"minutes": 11, "waiting": 2} and c.window == 3
    short = WindowFacts(3, "paused", True, ("A",), ago(9))
    assert keys(AlertFacts(NOW, services=(a,), windows=(short,)), rule) == set()
    nobody = ServiceFacts("A", 15, 0)
    assert keys(AlertFacts(NOW, services=(nobody,), windows=(paused,)), rule) == set()  # nobody waits: no alert
    silent = WindowFacts(4, "open", False, ("B",), since=ago(12), waiting_for_it=1)  # a ticket sent to it
    assert keys(AlertFacts(NOW, services=(nobody,), windows=(silent,)), rule) == {"window_idle:4:unattended"}


def test_complaints_due_soon_then_overdue_paused_ones_wait():
    soon = CaseFacts(1, "TS-20261123-0001", "received", NOW + dt.timedelta(hours=3), NOW + dt.timedelta(days=5))
    assert keys(AlertFacts(NOW, cases=(soon,))) == {"complaint_due:TS-20261123-0001:ack_due_soon"}
    late = CaseFacts(2, "TS-20261120-0002", "in_progress", ago(600), ago(30))
    c = evaluate(AlertFacts(NOW, cases=(late,)), ALL).conditions
    assert set(c) == {"complaint_due:TS-20261120-0002:answer_overdue"}  # acknowledged: only the answer counts
    assert keys(AlertFacts(NOW, cases=(CaseFacts(3, "TS-20261120-0003", "paused", ago(600), ago(30)),))) == set()
    pending = CaseFacts(4, "TS-20261120-0004", "acknowledged", ago(600), None)  # calendar not entered yet
    assert keys(AlertFacts(NOW, cases=(pending,))) == set()


def test_printer_sync_and_low_rating():
    assert keys(AlertFacts(NOW, printer="paper_out", host="pc1")) == {"printer:pc1:paper_out"}
    assert keys(AlertFacts(NOW, printer="low_paper", host="pc1")) == set()
    assert keys(AlertFacts(NOW, sync=SyncFacts(True, ago(31)))) == {"sync_failing"}
    assert keys(AlertFacts(NOW, sync=SyncFacts(True, ago(29)))) == set()
    assert keys(AlertFacts(NOW, sync=SyncFacts(False, None))) == set()
    ratings = (RatingFacts(7, "A007", 2, "A", 1), RatingFacts(8, "A008", 3, "A", 1))
    assert keys(AlertFacts(NOW, ratings=ratings)) == {"low_rating:7"}


def test_a_lasting_condition_is_raised_once_and_cleared_when_it_ends():
    facts = AlertFacts(NOW, services=(ServiceFacts("A", 15, 4),), windows=(WindowFacts(1, "open", True, ("A",)),))
    first = changes(evaluate(facts, ALL), [], ALL)
    assert [c.key for c in first.raise_] == ["queue_length:A"] and not first.clear
    again = changes(evaluate(facts, ALL), [("queue_length:A", "queue_length")], ALL)
    assert not again  # still open: nothing to do, however often it is checked
    calm = AlertFacts(NOW, services=(ServiceFacts("A", 15, 1),), windows=facts.windows)
    ended = changes(evaluate(calm, ALL), [("queue_length:A", "queue_length")], ALL)
    assert ended.clear == (("queue_length:A", "condition_ended"),) and not ended.raise_


def test_a_pc_without_the_printer_leaves_its_alert_alone_and_a_rule_switched_off_clears():
    open_ = [("printer:pc1:paper_out", "printer")]
    other_pc = AlertFacts(NOW, printer=None, host="pc2")
    assert not changes(evaluate(other_pc, ALL), open_, ALL)
    mended = AlertFacts(NOW, printer="ok", host="pc1")
    assert changes(evaluate(mended, ALL), open_, ALL).clear == (("printer:pc1:paper_out", "condition_ended"),)
    off = AlertConfig(**{**ALL.__dict__, "enabled": frozenset(RULES) - {"printer"}})
    assert changes(evaluate(other_pc, off), open_, off).clear == (("printer:pc1:paper_out", "rule_off"),)


def test_settings_give_the_thresholds():
    cfg = AlertConfig.from_settings({"alerts.queue_length_max": 8, "alerts.low_rating": False,
                                     "alerts.window_idle_min": "abc"})  # a bad stored value: the default
    assert cfg.queue_max == 8 and "low_rating" not in cfg.enabled and cfg.window_idle == dt.timedelta(minutes=10)
