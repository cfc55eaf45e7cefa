"""Ticket numbers: prefix + zero-padded daily sequence, wrapping safely.

The sequence per business day and prefix only ever grows (``seq``), so a
number is never handed out twice by the counter. What the customer sees is
``seq`` folded into 1..max_number; after a wrap, a displayed number that is
still in use today (waiting, called or being served) is skipped.
"""

from __future__ import annotations


def display_number(prefix: str, seq: int, max_number: int) -> str:
    width = max(3, len(str(max_number)))
    folded = (seq - 1) % max_number + 1
    return f"{prefix}{folded:0{width}d}"


def number_width(max_number: int) -> int:
    return max(3, len(str(max_number)))
