"""The command registry shared by argparse (one process, one command) and
``branchdesk batch`` (JSON lines, one process, many commands).

A command is a handler ``(ctx, args) -> Outcome`` plus its arguments. The
argument names are the command line's long options; a batch operation line
uses the same names (``{"op": "call next", "window": 3}``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.queue.views import to_jsonable
from app.staff.roles import SYSTEM, Actor


class UsageError(Exception):
    """Bad usage: exit code 2, one line on stderr."""


class NothingToDo(Exception):
    """Exit code 3 (for example nobody waiting), one line on stderr."""


@dataclass(frozen=True)
class Arg:
    flag: str  # "--window"
    type: Callable[[str], Any] = str
    required: bool = False
    help: str = ""
    default: Any = None
    choices: tuple[str, ...] | None = None
    action: str | None = None  # "store_true"

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


# Characters that some line readers take for a line break (Python's
# splitlines, JavaScript's older parsers) but JSON keeps raw in a string.
_LINE_BREAKING = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(value: Any) -> str:
    """``value`` as one line of JSON, Chinese as it is, that no reader splits."""
    line = json.dumps(value, ensure_ascii=False, sort_keys=True)
    # Looked for first: translate walks a line with Chinese in it character by
    # character (about 20 us for a ticket's answer, every line of a batch).
    if "\u2028" in line or "\u2029" in line or "\u0085" in line:
        line = line.translate(_LINE_BREAKING)
    return line


@dataclass
class Outcome:
    """What a command returns: JSON data for --json and one human line."""

    data: Any
    text: str
    exit_code: int = 0

    def json(self) -> Any:
        return to_jsonable(self.data)


@dataclass(frozen=True)
class Command:
    name: str  # "call next"
    handler: Callable[["Context", argparse.Namespace], Outcome]
    args: tuple[Arg, ...] = ()
    help: str = ""
    needs_db: bool = True
    batchable: bool = True
    needs_display: bool = False


@dataclass
class Context:
    """Per-process state: the composition root's context (database, settings,
    devices: app/bootstrap.py), the acting user, the time of the action."""

    db_url: str | None = None
    user: str | None = None
    at: dt.datetime | None = None
    _app: Any = None
    _actor: Actor | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def app(self):  # type: ignore[no-untyped-def]
        """The AppContext, built on first use."""
        if self._app is None:
            from app.bootstrap import build

            self._app = build(self.db_url)
        return self._app

    @property
    def db(self):  # type: ignore[no-untyped-def]
        return self.app.db

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            if self.user:
                from app.staff.accounts import actor_for

                self._actor = actor_for(self.db, self.user)
            else:
                self._actor = SYSTEM
        return self._actor

    def now(self) -> dt.datetime | None:
        """The time of the action: ``--at`` (or a batch line's ``at``), else
        None, which service functions read as the database's clock."""
        return self.at

    def clock(self) -> dt.datetime:
        """The time of the action as a value: ``--at``, else the database's clock
        (branch time zone), for functions that need the time before they write."""
        from app.queue.day import moment

        with self.db.read() as s:
            return moment(s, self.at).now

    def today(self) -> dt.date:
        """The business date of the action, in the branch's time zone."""
        return self.clock().date()

    def close(self) -> None:
        if self._app is not None:
            self._app.close()
            self._app = None


COMMANDS: dict[str, Command] = {}


def command(name: str, *args: Arg, help: str = "", needs_db: bool = True, batchable: bool = True,  # type: ignore[no-untyped-def]
            needs_display: bool = False):
    """Decorator: register a handler as ``branchdesk <name>``."""

    def wrap(fn: Callable[[Context, argparse.Namespace], Outcome]):  # type: ignore[no-untyped-def]
        COMMANDS[name] = Command(name, fn, tuple(args), help or (fn.__doc__ or "").strip(), needs_db, batchable,
                                 needs_display)
        return fn

    return wrap


def display_problem() -> str | None:
    """Why no window can be shown here, in one sentence; None when one can.

    Without this check Qt aborts the process with several lines of its own.
    """
    import os
    import sys

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("There is no screen to show BranchDesk on: start it from a desktop session "
            "(DISPLAY is not set), or set QT_QPA_PLATFORM=offscreen to run it without one.")


# Times and dates a branch can mean: converting any of them to any time zone stays in range.
YEARS = (1900, 9998)
# Whole numbers a field takes (windows, ratings, days...): what every database stores.
INT_LIMIT = 2**31 - 1


def parse_at(text: str) -> dt.datetime:
    """ISO-8601 time of an action: naive means branch-local time; one with an
    offset is converted to the branch's time zone by the service function."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError, TypeError):
        raise UsageError(f"--at {text!r} is not an ISO-8601 time such as 2026-11-23T09:30:00.") from None
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise UsageError(f"--at {text!r} is out of range (years {YEARS[0]} to {YEARS[1]}).")
    return value.replace(microsecond=0)


def parse_date(text: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError, TypeError):
        raise UsageError(f"{text!r} is not a date such as 2026-11-23.") from None
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise UsageError(f"{text!r} is out of range (years {YEARS[0]} to {YEARS[1]}).")
    return value


def integer(text: str) -> int:
    """A whole number a field can hold (argparse names it in its message)."""
    value = int(text)
    if not -INT_LIMIT <= value <= INT_LIMIT:
        raise ValueError(text)
    return value


def text(value: str) -> str:
    """Text that can be stored: no lone surrogate (undecodable bytes), no NUL."""
    if any(0xD800 <= ord(c) <= 0xDFFF or c == "\0" for c in value):
        raise ValueError(value)
    return value


def reference(value: str) -> str:
    """A ticket or case: its number or reference (A023, TS-...), id or uuid.
    In a batch line also a JSON integer (the id); never a bool or a float."""
    return text(value).strip()


def command_line_type(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    """The checked parser argparse uses for an Arg's type."""
    return {int: integer, str: text}.get(kind, kind)  # type: ignore[return-value]


def parse_key_values(items: list[str] | None, flag: str, prefix: str) -> dict[str, str]:
    """``["connection=network", ...]`` -> ``{"printer.connection": "network"}``."""
    values: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{flag} {item!r} is not KEY=VALUE, such as connection=network.")
        key = key.strip()
        values[key if key.startswith(prefix) else f"{prefix}{key}"] = value.strip()
    return values
