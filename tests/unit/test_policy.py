"""The calling policy as plain data: which ticket a window calls next."""

from __future__ import annotations

import datetime as dt

import pytest

from app.queue.policy import Candidate, Choice, PolicyConfig, choose_next, next_streak

T0 = dt.datetime(2026, 11, 23, 9, 0)
A, D, F = 1, 4, 6  # service ids
WIN = 10


def cand(tid: int, minute: int, *, service: int = A, priority: str = "normal",
         target: int | None = None) -> Candidate:
    return Candidate(tid, service, priority, T0 + dt.timedelta(minutes=minute), target)


def pick(cands, *, streak=0, ratio=2, promote=45, order=(A, D), now_min=10, exclude=frozenset()):
    cfg = PolicyConfig(priority_ratio=ratio,
                       promote_after=dt.timedelta(minutes=promote) if promote is not None else None)
    return choose_next(cands, window_id=WIN, service_order=list(order), priority_streak=streak,
                       config=cfg, now=T0 + dt.timedelta(minutes=now_min), exclude=exclude)


def test_nobody_waiting_gives_none():
    assert pick([]) is None


def test_first_come_first_served_within_equal_rank():
    assert pick([cand(2, 3), cand(1, 1), cand(3, 2)]).ticket_id == 1


def test_equal_times_break_ties_by_issue_order():
    assert pick([cand(7, 1), cand(5, 1)]).ticket_id == 5


def test_window_service_order_beats_arrival_time():
    # Window serves A before D: an A ticket that came later still goes first.
    assert pick([cand(1, 1, service=D), cand(2, 5, service=A)]).ticket_id == 2
    assert pick([cand(1, 1, service=D), cand(2, 5, service=A)], order=(D, A)).ticket_id == 1


def test_services_the_window_does_not_serve_are_ignored():
    assert pick([cand(1, 1, service=F)]) is None


def test_ticket_transferred_to_this_window_goes_first():
    c = [cand(1, 1, priority="vip"), cand(2, 8, service=F, target=WIN)]
    choice = pick(c)
    assert (choice.ticket_id, choice.reason) == (2, "transferred")


def test_ticket_transferred_to_another_window_is_not_ours():
    assert pick([cand(1, 1, target=WIN + 1)]) is None


def test_priority_before_normal():
    choice = pick([cand(1, 1), cand(2, 5, priority="needs")])
    assert (choice.ticket_id, choice.is_priority, choice.reason) == (2, True, "priority")


@pytest.mark.parametrize("ratio", [0, 1, 2, 3])
def test_priority_ratio_lets_a_normal_ticket_through(ratio):
    """Simulate a window calling from a queue with plenty of both kinds."""
    waiting = [cand(i, i) for i in range(1, 20)] + [cand(100 + i, i, priority="vip") for i in range(20)]
    streak, kinds = 0, []
    for _ in range(12):
        normal_waiting = any(c.priority == "normal" for c in waiting)
        choice = pick(waiting, streak=streak, ratio=ratio, promote=None)
        waiting = [c for c in waiting if c.ticket_id != choice.ticket_id]
        streak = next_streak(streak, choice, normal_waiting and any(c.priority == "normal" for c in waiting))
        kinds.append("P" if choice.is_priority else "N")
    run, longest = 0, 0
    for k in kinds:
        run = run + 1 if k == "P" else 0
        longest = max(longest, run)
    assert longest == ratio
    assert kinds[: ratio + 1] == ["P"] * ratio + ["N"]


def test_priority_calls_continue_when_no_normal_ticket_waits():
    assert pick([cand(1, 1, priority="vip")], streak=5).ticket_id == 1


def test_promotion_after_the_limit_beats_priority():
    c = [cand(1, 0), cand(2, 50, priority="vip")]
    choice = pick(c, now_min=60, promote=45)
    assert (choice.ticket_id, choice.reason) == (1, "promoted")
    # Not yet overdue: priority wins.
    assert pick(c, now_min=40, promote=45).ticket_id == 2


def test_promotion_switched_off():
    assert pick([cand(1, 0), cand(2, 50, priority="vip")], now_min=600, promote=None).ticket_id == 2


def test_excluded_tickets_are_skipped():
    assert pick([cand(1, 1), cand(2, 2)], exclude=frozenset({1})).ticket_id == 2


@pytest.mark.parametrize(
    "streak, choice, normal_waiting, expected",
    [
        (0, Choice(1, True, "priority"), True, 1),
        (1, Choice(1, True, "priority"), True, 2),
        (2, Choice(1, False, "normal"), True, 0),
        (1, Choice(1, True, "priority"), False, 1),
        (3, Choice(1, False, "promoted"), False, 0),
    ],
)
def test_streak_counter(streak, choice, normal_waiting, expected):
    assert next_streak(streak, choice, normal_waiting) == expected


# -- call_order: the teller's waiting list is choose() pressed again and again --

def _order(cands, *, streak=0, ratio=2, promote=45, order=(A, D), now_min=10, limit=None):
    from app.queue.policy import Queues, call_order

    cfg = PolicyConfig(priority_ratio=ratio,
                       promote_after=dt.timedelta(minutes=promote) if promote is not None else None)
    q = Queues(cands)
    got = [c.ticket_id for c in call_order(q, window_id=WIN, service_order=list(order), priority_streak=streak,
                                           config=cfg, now=T0 + dt.timedelta(minutes=now_min), limit=limit)]
    assert q.size == len(cands)  # the queues it was given are left alone
    return got


def _pressing_f1(cands, *, streak=0, ratio=2, promote=45, order=(A, D), now_min=10):
    """What call_next does, press after press: choose_next over what is left, streak as it counts."""
    left, out = list(cands), []
    while True:
        choice = pick(left, streak=streak, ratio=ratio, promote=promote, order=order, now_min=now_min)
        if choice is None:
            return out
        out.append(choice.ticket_id)
        left = [c for c in left if c.ticket_id != choice.ticket_id]
        normal_left = any(c.priority == "normal" and (c.target_window_id == WIN or (
            c.target_window_id is None and c.service_id in order)) for c in left)
        streak = next_streak(streak, choice, normal_left)


def test_call_order_follows_the_windows_service_order_not_the_arrival():
    """The defect: D001 came first, but window 1 serves A before D, so F1 calls A005."""
    d001, a005 = cand(1, 0, service=D), cand(2, 5)
    assert _order([d001, a005]) == [2, 1]


def test_call_order_interleaves_priority_and_normal_by_the_ratio():
    cands = [cand(i, i, priority="vip") for i in range(1, 6)] + [cand(10 + i, i) for i in range(1, 4)]
    assert _order(cands, ratio=2) == [1, 2, 11, 3, 4, 12, 5, 13]
    assert _order(cands, ratio=2, streak=2) == [11, 1, 2, 12, 3, 4, 13, 5]
    assert _order(cands, ratio=2, limit=3) == [1, 2, 11]


def test_call_order_puts_transfers_to_this_window_and_long_waits_first():
    cands = [cand(1, 0, priority="vip"), cand(2, -60), cand(3, 5, service=F, target=WIN), cand(4, 1, target=99)]
    assert _order(cands) == [3, 2, 1]  # 4 waits for another window; F is served here only as a transfer


def test_call_order_is_what_pressing_call_next_again_and_again_gives():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    one = st.builds(lambda tid, minute, service, prio, target: cand(tid, minute, service=service, priority=prio,
                                                                     target=target),
                    st.integers(1, 10_000), st.integers(-90, 10), st.sampled_from((A, D, F)),
                    st.sampled_from(("normal", "normal", "needs", "vip", "appointment")),
                    st.sampled_from((None, None, None, WIN, 99)))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(one, max_size=25, unique_by=lambda c: c.ticket_id), st.integers(0, 3), st.integers(0, 3),
           st.sampled_from((None, 45)))
    def check(cands, ratio, streak, promote):
        assert _order(cands, ratio=ratio, streak=streak, promote=promote) == _pressing_f1(
            cands, ratio=ratio, streak=streak, promote=promote)

    check()
