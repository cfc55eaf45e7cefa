"""A JSON answer of the command line is one line for any line reader,
whichever of the characters that some readers break lines at it holds, and
Chinese stays as typed."""

from __future__ import annotations

import json

import pytest

from app.cli.registry import json_line


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\u0085"])
def test_each_line_breaking_character_is_escaped_alone(breaker):
    value = {"notice": f"欢迎{breaker}光临", "window": 3}
    line = json_line(value)
    assert len(line.splitlines()) == 1 and breaker not in line
    assert json.loads(line) == value


def test_plain_chinese_stays_as_typed():
    line = json_line({"service": "个人业务", "number": "A023"})
    assert line == '{"number": "A023", "service": "个人业务"}'
