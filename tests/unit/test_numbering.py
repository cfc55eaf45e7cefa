"""Ticket numbers: prefix + zero-padded daily sequence, folding at max_number."""

from __future__ import annotations

import pytest

from app.queue.numbering import display_number, number_width


@pytest.mark.parametrize(
    "prefix, seq, max_number, shown",
    [
        ("A", 1, 999, "A001"),
        ("A", 23, 999, "A023"),
        ("B", 999, 999, "B999"),
        ("B", 1000, 999, "B001"),  # wraps back to 1, never 0
        ("C", 2000, 999, "C002"),
        ("D", 5, 50, "D005"),      # at least three digits
        ("D", 51, 50, "D001"),
        ("E", 1234, 9999, "E1234"),
        ("E", 7, 9999, "E0007"),   # width follows the largest number
    ],
)
def test_display_number(prefix, seq, max_number, shown):
    assert display_number(prefix, seq, max_number) == shown


def test_every_folded_number_is_in_range_and_distinct_within_one_cycle():
    shown = [display_number("A", s, 37) for s in range(1, 38)]
    assert len(set(shown)) == 37
    assert shown[0] == "A001" and shown[-1] == "A037"
    assert display_number("A", 38, 37) == "A001"


@pytest.mark.parametrize("max_number, width", [(9, 3), (999, 3), (1000, 4), (99999, 5)])
def test_number_width(max_number, width):
    assert number_width(max_number) == width
