"""The ``branchdesk`` command: the app, headless operations, reports, setup.

Contract (DESIGN.md): ``--db URL`` or $BRANCHDESK_DB selects the database,
``--json`` prints JSON, ``--at ISO-8601`` sets the time of the action; exit
codes 0 done, 1 error (one line on stderr), 2 bad usage, 3 nothing to do.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from app import __version__
from app.cli.registry import (COMMANDS, Command, Context, NothingToDo, Outcome, UsageError, command_line_type,
                              display_problem, json_line, parse_at)

# Modules that register commands. Every one is part of every build: an import
# error fails the tests instead of hiding commands.
COMMAND_MODULES = [
    "app.cli.queue_cmds",
    "app.cli.admin_cmds",
    "app.cli.batch",
    "app.cli.ui_cmds",
    "app.cli.printer_cmds",
    "app.cli.complaint_cmds",
    "app.cli.report_cmds",
    "app.cli.sync_cmds",
    "app.cli.ops_cmds",
    "app.cli.device_cmds",
    "app.cli.privacy_cmds",
    "app.cli.beyond_cmds",
    "app.cli.alert_cmds",
    "app.cli.hq_cmds",
]


def load_commands() -> dict[str, Command]:
    for mod in COMMAND_MODULES:
        importlib.import_module(mod)
    return COMMANDS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(message[0].upper() + message[1:] + ("" if message.endswith(".") else "."))


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    d = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", default=d, help="database URL or SQLite file path (default: $BRANCHDESK_DB or the embedded file)")
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS if suppress else False,
                        help="print the result as JSON")
    parser.add_argument("--at", default=d, help="time of the action, ISO-8601 (default: now)")
    parser.add_argument("--user", default=d, help="act as this staff account (its roles apply)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="branchdesk", description="BranchDesk: the lobby of a bank branch.")
    parser.add_argument("--version", action="version", version=f"BranchDesk {__version__}")
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="_group", metavar="COMMAND", parser_class=_Parser)
    groups: dict[str, argparse._SubParsersAction] = {}
    singles: dict[str, argparse.ArgumentParser] = {}  # "sync" may also head "sync status"
    for name, cmd in sorted(load_commands().items()):
        words = name.split(" ")
        if len(words) == 1:
            p = singles[name] = sub.add_parser(name, help=cmd.help, description=cmd.help)
        else:
            if words[0] not in groups:
                g = singles.get(words[0]) or sub.add_parser(words[0], help=f"{words[0]} commands")
                groups[words[0]] = g.add_subparsers(dest="_sub", metavar="ACTION", parser_class=_Parser)
                groups[words[0]].required = words[0] not in singles
            p = groups[words[0]].add_parser(" ".join(words[1:]), help=cmd.help, description=cmd.help)
        _common(p, suppress=True)
        for a in cmd.args:
            kw: dict[str, object] = {"help": a.help, "dest": a.dest}
            if a.action:
                kw["action"] = a.action
            else:
                kw.update(type=command_line_type(a.type), required=a.required, default=a.default)
                if a.choices:
                    kw["choices"] = a.choices
            if not a.flag.startswith("-"):  # positional (restore PATH): argparse takes no dest/required
                kw.pop("dest")
                kw.pop("required", None)
            p.add_argument(a.flag, **kw)
        p.set_defaults(_command=cmd)
    return parser


def run_command(cmd: Command, ctx: Context, args: argparse.Namespace) -> Outcome:
    """Run one command, turning named errors into exit codes (no tracebacks)."""
    return cmd.handler(ctx, args)


def emit(outcome: Outcome, as_json: bool) -> None:
    if as_json:
        print(json_line(outcome.json()))
    elif outcome.text:
        print(outcome.text)


def error_line(exc: BaseException) -> str:
    """One line for a person: the first of the message, any password shown as ***."""
    from app.privacy.credentials import redact_text

    msg = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
    return redact_text(msg.splitlines()[0] if msg.strip() else exc.__class__.__name__)


def main(argv: Sequence[str] | None = None) -> int:
    from app.errors import DomainError, NoTicketWaiting
    from app.store.errors import StoreError

    argv = list(sys.argv[1:] if argv is None else argv)
    from app.ops.logs import quiet_libraries

    quiet_libraries()  # before any library is imported: none of their logging reaches the terminal
    try:
        parser = build_parser()
        if not argv:
            argv = ["run"] if "run" in COMMANDS else ["--help"]
        args = parser.parse_args(argv)
        cmd: Command | None = getattr(args, "_command", None)
        if cmd is None and "run" in COMMANDS and not getattr(args, "_group", None):
            # Only global options (``branchdesk --db X``): start the app on them.
            args = parser.parse_args([*argv, "run"])
            cmd = getattr(args, "_command", None)
        if cmd is None:
            parser.print_help()
            return 2
        if cmd.needs_display and (problem := display_problem()):
            raise DomainError(problem)
        # --- ops (issue 9): logging, settings file, daily backup ---
        from app.ops.startup import prepare

        prepare(args, cmd.name)
        # --- end ops ---
        ctx = Context(db_url=args.db, user=args.user, at=parse_at(args.at) if args.at else None)
        try:
            outcome = run_command(cmd, ctx, args)
        finally:
            ctx.close()
        emit(outcome, bool(args.json))
        return outcome.exit_code
    except UsageError as exc:
        print(f"branchdesk: {error_line(exc)}", file=sys.stderr)
        return 2
    except (NoTicketWaiting, NothingToDo) as exc:
        print(f"branchdesk: {error_line(exc)}", file=sys.stderr)
        return 3
    except (DomainError, StoreError) as exc:
        print(f"branchdesk: {error_line(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep interpreter exit quiet
        except OSError:
            pass
        return 0
    except Exception as exc:  # last resort: still one line, details in the log
        import logging

        # Into the log file only: not up to the root logger, where a library
        # (python-escpos calls basicConfig on import) may have put a stderr
        # handler, nor Python's last-resort handler; both print a traceback.
        log = logging.getLogger("branchdesk")
        if log.handlers:
            propagate, log.propagate = log.propagate, False
            try:
                log.exception("unexpected error")
            finally:
                log.propagate = propagate
        print(f"branchdesk: unexpected error: {error_line(exc)}", file=sys.stderr)
        return 1
