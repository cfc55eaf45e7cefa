"""Constant lists written into statements (app/store/lean.py: ``written_list``):
catalogue values as they are, and anything that could end the quoted string
refused rather than written."""

from __future__ import annotations

import pytest

from app.events import EventType
from app.store.lean import written_list


def test_constants_and_catalogued_types_are_written_quoted():
    assert written_list(("waiting", "transferred")) == "'waiting', 'transferred'"
    assert written_list([EventType.TICKET_ISSUED]) == f"'{EventType.TICKET_ISSUED.value}'"


@pytest.mark.parametrize("bad", ["it's", "back\\slash"])
def test_a_value_that_could_end_the_string_is_refused(bad):
    with pytest.raises(ValueError, match="cannot be written"):
        written_list(["done", bad])
