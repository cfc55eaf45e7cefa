"""Setup commands: init (schema + default catalogue) and staff accounts."""

from __future__ import annotations

import argparse
import getpass
import os

from app.cli.registry import Arg, Context, Outcome, UsageError, command
from app.queue import init_catalogue
from app.staff.accounts import add_staff, list_staff


@command("init", Arg("--branch-code", str, help="branch code, e.g. BR001"),
         Arg("--branch-name", str, help="branch name in Chinese"),
         help="create or upgrade the database and load the default catalogue")
def init(ctx: Context, a: argparse.Namespace) -> Outcome:
    r = init_catalogue(ctx.db, actor=ctx.actor, now=ctx.clock(), branch_code=a.branch_code, branch_name=a.branch_name)
    verb = "created" if r.created else "already present"
    return Outcome({"database": ctx.db.url.split("@")[-1], "services": r.services, "windows": r.windows,
                    "catalogue_created": r.created},
                   f"Database ready; catalogue {verb}: {r.services} services, {r.windows} windows.")


@command("staff add", Arg("--username", str, required=True), Arg("--roles", str, required=True,
         help="comma-separated: greeter,teller,complaints,manager,admin"), Arg("--name", str, default=""),
         Arg("--password", str, help="or $BRANCHDESK_PASSWORD, or asked on the terminal"),
         help="create a staff account")
def staff_add(ctx: Context, a: argparse.Namespace) -> Outcome:
    password = a.password or os.environ.get("BRANCHDESK_PASSWORD")
    if not password:
        if not os.isatty(0):
            raise UsageError("Give --password or set BRANCHDESK_PASSWORD (no terminal to ask on).")
        password = getpass.getpass("Password: ")
    v = add_staff(ctx.db, username=a.username, password=password, roles=a.roles, full_name=a.name,
                  actor=ctx.actor, now=ctx.clock())
    return Outcome(v, f"Staff account {v.username} created ({', '.join(v.roles)}).")


@command("staff list", help="list staff accounts")
def staff_list(ctx: Context, a: argparse.Namespace) -> Outcome:
    rows = list_staff(ctx.db)
    return Outcome(rows, "\n".join(f"{s.username}\t{','.join(s.roles)}\t{'active' if s.active else 'inactive'}" for s in rows))


def _setting_value(text: str) -> object:
    """A setting's value on the command line: JSON (17, true, ["pdf"]) or plain text (17:30)."""
    import json

    try:
        return json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
    except ValueError:
        return text


@command("setting set", Arg("key", help="the setting, e.g. branch.closing_time (see: setting show)"),
         Arg("value", help="its value: JSON (30, true) or plain text (17:30)"),
         help="change one branch setting; running screens follow within a second")
def setting_set(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.settings import change_settings

    cleaned = change_settings(ctx.db, {a.key: _setting_value(a.value)}, actor=ctx.actor, now=ctx.now(),
                              source="cli")
    return Outcome(cleaned, f"{a.key} = {cleaned[a.key]!r}")


@command("setting show", Arg("--key", str, help="one setting (default: all)"),
         help="the branch settings in force, with what each means")
def setting_show(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.settings import SPECS, get_settings

    values = get_settings(ctx.db)
    keys = [a.key] if a.key else sorted(k for k in values if not k.startswith("hq."))
    if a.key and a.key not in values:
        raise UsageError(f"There is no branch setting {a.key!r}.")
    shown = {k: values[k] for k in keys if "password" not in k}
    lines = [f"{k} = {v!r}" + (f"  # {SPECS[k].means}" if k in SPECS else "") for k, v in shown.items()]
    return Outcome(shown, "\n".join(lines))
