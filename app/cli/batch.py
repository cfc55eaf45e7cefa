"""``branchdesk batch``: JSON lines of operations in, one JSON result line each.

One process, one database connection. An operation line names a command as
the command line does (``{"op": "call next", "window": 3, "at": "..."}``);
its result line is exactly what that command prints with ``--json``. A
failing operation gives ``{"error": "...", "code": "...", "op": "..."}`` and
the batch goes on, whatever the line holds: not UTF-8, not JSON, NaN or
Infinity, a number too large, a value of the wrong type (flags only take
true/false, whole-number fields only JSON integers, a ticket an integer id or
a string), a lone surrogate. Strict JSON in, strict JSON out.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from typing import IO, Any

from app.cli.registry import (COMMANDS, INT_LIMIT, Arg, Context, NothingToDo, Outcome, UsageError, command,
                              json_line, parse_at, reference, text)
from app.privacy.credentials import redact_text

log = logging.getLogger("branchdesk.cli.batch")
MAX_DIGITS = 18  # a JSON integer longer than this is refused before Python reads it


def _constant(name: str) -> Any:
    raise UsageError(f"The line holds {name}, which JSON does not allow.")


def _float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise UsageError("The line holds a number too large to be stored.")
    return value


def _int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_DIGITS:
        raise UsageError("The line holds a number too large to be stored.")
    return int(literal)


def strict_json(line: str) -> Any:
    """JSON as the standard has it: NaN, Infinity and out-of-range numbers refused."""
    try:
        return json.loads(line, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except (json.JSONDecodeError, RecursionError):
        raise UsageError("The line is not valid JSON.") from None


def _field(a: Arg, raw: Any, name: str) -> Any:
    """One field's value, checked against its type; UsageError naming the field."""
    def wrong(kind: str) -> UsageError:
        return UsageError(f"Field {a.dest!r} of {name!r} must be {kind}.")

    if a.action == "store_true":
        if not isinstance(raw, bool):
            raise wrong("true or false")
        return raw
    if a.type is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise wrong("a whole number")
        if not -INT_LIMIT <= raw <= INT_LIMIT:
            raise UsageError(f"Field {a.dest!r} of {name!r} is out of range.")
        return raw
    if a.type is reference and isinstance(raw, int) and not isinstance(raw, bool):
        if not 0 < raw <= INT_LIMIT:
            raise UsageError(f"Field {a.dest!r} of {name!r} is out of range.")
        return raw
    if not isinstance(raw, str):
        raise wrong("a number such as A023, an id or a uuid" if a.type is reference else "text")
    try:
        text(raw)
    except ValueError:
        raise UsageError(f"Field {a.dest!r} of {name!r} holds characters that cannot be stored.") from None
    try:
        value = a.type(raw)
    except (TypeError, ValueError, OverflowError):
        raise UsageError(f"Field {a.dest!r} of {name!r} has a bad value {raw!r}.") from None
    if a.choices and value not in a.choices:
        raise UsageError(f"Field {a.dest!r} must be one of {', '.join(a.choices)}.")
    return value


def _namespace(op: dict[str, Any], name: str) -> argparse.Namespace:
    cmd = COMMANDS[name]
    values: dict[str, Any] = {}
    known = {a.dest for a in cmd.args} | {"op", "at", "user"}
    for key in op:
        if key.replace("-", "_") not in known:
            raise UsageError(f"Operation {name!r} has no field {key!r}.")
    for a in cmd.args:
        raw = op.get(a.dest, op.get(a.flag.lstrip("-"), None))
        if raw is None:
            if a.required or not a.flag.startswith("-"):  # a positional argument is always needed
                raise UsageError(f"Operation {name!r} needs the field {a.dest!r}.")
            values[a.dest] = False if a.action == "store_true" else a.default
            continue
        values[a.dest] = _field(a, raw, name)
    return argparse.Namespace(**values)


def _operation(raw: str | bytes) -> dict[str, Any]:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError("The line is not UTF-8 text.") from None
    op = strict_json(raw)
    if not isinstance(op, dict) or not isinstance(op.get("op"), str):
        raise UsageError('Each line needs an "op" naming a command, e.g. "call next".')
    for key in ("at", "user"):
        if op.get(key) is not None and not isinstance(op[key], str):
            raise UsageError(f'Field {key!r} must be text.')
    return op


def run_batch(ctx: Context, lines: IO[str] | IO[bytes], out: IO[str]) -> tuple[int, int]:
    """Run every line (text, or bytes decoded line by line); returns (operations, failures)."""
    from app.errors import DomainError
    from app.store.errors import StoreError

    total = failures = 0
    default_at = ctx.at
    for raw in lines:
        raw = raw.strip()
        if not raw:
            continue
        total += 1
        name = None
        try:
            op = _operation(raw)
            name = op["op"].strip()
            cmd = COMMANDS.get(name)
            if cmd is None or not cmd.batchable:
                raise UsageError(f"Unknown operation {name!r}.")
            ctx.at = parse_at(op["at"]) if op.get("at") else default_at
            if op.get("user") and op["user"] != ctx.user:
                ctx.user, ctx._actor = op["user"], None
            result = cmd.handler(ctx, _namespace(op, name)).json()
        except (DomainError, StoreError, UsageError, NothingToDo) as exc:
            failures += 1
            result = {"error": redact_text(getattr(exc, "message", None) or str(exc)),
                      "code": getattr(exc, "code", "usage" if isinstance(exc, UsageError) else "error"),
                      "op": name}
        except Exception as exc:  # a bug: this line's answer says so, the log has the details, the batch goes on
            failures += 1
            _log_quietly(exc)
            from app.cli import error_line

            result = {"error": f"unexpected error: {error_line(exc)}", "code": "unexpected", "op": name}
        out.write(json_line(result) + "\n")
        out.flush()
    return total, failures


def _log_quietly(exc: BaseException) -> None:
    """The traceback into the log file only, never up to a handler on stderr."""
    logger = logging.getLogger("branchdesk")
    propagate, logger.propagate = logger.propagate, False
    try:
        log.error("unexpected error in a batch line", exc_info=exc)
    finally:
        logger.propagate = propagate


@command("batch", help="run JSON-lines operations from stdin, one JSON result line each", batchable=False)
def batch(ctx: Context, a: argparse.Namespace) -> Outcome:
    total, failures = run_batch(ctx, sys.stdin.buffer, sys.stdout)
    print(f"batch: {total} operations, {failures} failed", file=sys.stderr)
    return Outcome(None, "", 0)
