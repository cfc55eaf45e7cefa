"""``branchdesk batch``: JSON lines of operations in, one JSON result line each.

One process, one database connection. An operation line names a command as
the command line does (``{"op": "call next", "window": 3, "at": "..."}``);
its result line is exactly what that command prints with ``--json``. A
failing operation gives ``{"error": "...", "code": "...", "op": "..."}`` and
the batch goes on.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from app.cli.registry import COMMANDS, Context, NothingToDo, Outcome, UsageError, command, parse_at


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
            if a.required:
                raise UsageError(f"Operation {name!r} needs the field {a.dest!r}.")
            values[a.dest] = False if a.action == "store_true" else a.default
            continue
        if a.action == "store_true":
            if not isinstance(raw, bool):
                raise UsageError(f"Field {a.dest!r} of {name!r} must be true or false.")
            values[a.dest] = raw
            continue
        try:
            value = a.type(raw) if not isinstance(raw, bool) else raw
        except (TypeError, ValueError):
            raise UsageError(f"Field {a.dest!r} of {name!r} has a bad value {raw!r}.") from None
        if a.choices and value not in a.choices:
            raise UsageError(f"Field {a.dest!r} must be one of {', '.join(a.choices)}.")
        values[a.dest] = value
    return argparse.Namespace(**values)


def run_batch(ctx: Context, lines: IO[str], out: IO[str]) -> tuple[int, int]:
    """Run every line; returns (operations, failures)."""
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
            try:
                op = json.loads(raw)
            except json.JSONDecodeError:
                raise UsageError("The line is not valid JSON.") from None
            if not isinstance(op, dict) or not isinstance(op.get("op"), str):
                raise UsageError('Each line needs an "op" naming a command, e.g. "call next".')
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
            result = {"error": getattr(exc, "message", None) or str(exc),
                      "code": getattr(exc, "code", "usage" if isinstance(exc, UsageError) else "error"),
                      "op": name}
        out.write(json.dumps(result, ensure_ascii=False, sort_keys=True) + "\n")
        out.flush()
    return total, failures


@command("batch", help="run JSON-lines operations from stdin, one JSON result line each", batchable=False)
def batch(ctx: Context, a: argparse.Namespace) -> Outcome:
    total, failures = run_batch(ctx, sys.stdin, sys.stdout)
    print(f"batch: {total} operations, {failures} failed", file=sys.stderr)
    return Outcome(None, "", 0)
