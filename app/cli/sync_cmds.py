"""Head-office setup (``hq ...``) and the branch's upstream sync (``sync ...``)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading

from app.cli.registry import Arg, Context, Outcome, UsageError, command
from app.sync.config import SSLMODES, load_config, store_password, strip_password
from app.sync.errors import SyncError
from app.sync.hq import add_branch, put_setting, upgrade_hq
from app.sync.status import sync_status
from app.sync.worker import SyncReport, SyncWorker


def _hq_url(ctx: Context) -> str:
    url = ctx.db_url or os.environ.get("BRANCHDESK_HQ_DB")
    if not url or not url.startswith(("postgresql", "postgres")):
        raise UsageError("Give the head-office database as --db postgresql://admin@host/db (or $BRANCHDESK_HQ_DB).")
    return url


@command("hq init", help="create or upgrade the head-office schema (administrator URL in --db)",
         needs_db=False, batchable=False)
def hq_init(ctx: Context, a: argparse.Namespace) -> Outcome:
    rev = upgrade_hq(_hq_url(ctx))
    return Outcome({"revision": rev}, f"Head-office schema is at revision {rev}.")


@command("hq add-branch", Arg("code", help="branch code, e.g. BR001"), Arg("--name", default=""),
         Arg("--password", help="the branch role's password (default: generated and shown once)"),
         Arg("--role", help="login role name (default: <database>_<code>)"),
         Arg("--region", help="the region the branch reports in (hq report --region)"),
         help="add a branch and its database role (writes only its own rows)", needs_db=False, batchable=False)
def hq_add_branch(ctx: Context, a: argparse.Namespace) -> Outcome:
    acc = add_branch(_hq_url(ctx), a.code, name=a.name or "", password=a.password, role=a.role, region=a.region)
    text = f"Branch {acc.code} {'added' if acc.created else 'updated'}; it logs in as role {acc.role}."
    if acc.password:
        text += f"\nIts password (shown once, give it to the branch): {acc.password}"
    return Outcome(acc, text)


@command("hq set-setting", Arg("key", help="catalogue.services, calendar.holidays or lobby.notice"),
         Arg("--value", required=True, help="the value as JSON"),
         Arg("--branch", help="only for this branch (default: every branch)"),
         help="publish a setting the branches pull", needs_db=False, batchable=False)
def hq_set_setting(ctx: Context, a: argparse.Namespace) -> Outcome:
    try:
        value = json.loads(a.value)
    except json.JSONDecodeError:
        raise UsageError("--value must be JSON, e.g. '\"Closed at noon on Friday\"'.") from None
    version = put_setting(_hq_url(ctx), a.key, value, branch=a.branch)
    return Outcome({"key": a.key, "version": version}, f"Setting {a.key} published (version {version}).")


@command("sync configure", Arg("--hq-url", help="postgresql://ROLE@HOST:PORT/DB (a password in it is moved out)"),
         Arg("--branch-code"), Arg("--sslmode", choices=SSLMODES), Arg("--sslrootcert", help="CA certificate path"),
         Arg("--password", help="the branch role's password (kept in the keyring or a 0600 file)"),
         Arg("--password-file", help="where to keep the password instead of the default file"),
         Arg("--interval", float, help="seconds between rounds when caught up"),
         Arg("--timeout", float, help="seconds any head-office step may take"),
         help="set where and how this branch syncs", batchable=False)
def sync_configure(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.settings import change_settings, clean_all, get_settings
    from app.sync.config import probe_password_place

    password = a.password
    updates: dict[str, object] = {}
    if a.hq_url:
        try:
            url, in_url = strip_password(a.hq_url)
        except ValueError:
            raise UsageError("--hq-url is not a valid address such as postgresql://ROLE@HOST:5432/DB.") from None
        updates["sync.hq_url"] = url
        password = password or in_url
    for key, value in (("sync.branch_code", a.branch_code and a.branch_code.upper()),
                       ("sync.sslmode", a.sslmode), ("sync.sslrootcert", a.sslrootcert),
                       ("sync.password_file", a.password_file), ("sync.interval_s", a.interval),
                       ("sync.timeout_s", a.timeout)):
        if value is not None:
            updates[key] = value
    # All or nothing: every value is checked (a NaN interval is refused) and the
    # password's place probed before anything is written.
    current = get_settings(ctx.db)
    cfg = load_config({**current, **clean_all(updates, current)})
    if password:
        probe_password_place(cfg)
    if updates:
        change_settings(ctx.db, updates, actor=ctx.actor, now=ctx.now(), source="cli")
    try:
        where = store_password(cfg, password) if password else None
    except OSError as exc:
        raise SyncError(f"The head-office password could not be kept ({exc.strerror or exc}).") from None
    text = f"Sync goes to {cfg.describe_target() if cfg.hq_url else '(no head office yet)'} as branch {cfg.branch_code}."
    if where:
        text += f" Password kept in {where}."
    return Outcome({"hq": cfg.describe_target() if cfg.hq_url else None, "branch_code": cfg.branch_code,
                    "sslmode": cfg.sslmode, "password_in": where}, text)


def _report_text(r: SyncReport) -> str:
    pulled = f"; applied {', '.join(r.pulled)}" if r.pulled else ""
    return f"Pushed {r.pushed} events in {r.batches} batches{pulled}; {r.backlog} waiting."


@command("sync", Arg("--once", action="store_true", help="one round, then exit (the default)"),
         Arg("--watch", action="store_true", help="keep syncing until stopped (Ctrl+C / SIGTERM)"),
         Arg("--batch-size", int, help="events per batch"),
         help="push this branch's records to head office and pull its settings", batchable=False)
def sync(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.queue import get_settings
    from app.staff.roles import require

    require(ctx.actor, "sync.run")
    overrides = {"batch_size": a.batch_size} if a.batch_size else {}
    worker = SyncWorker(ctx.db, load_config(get_settings(ctx.db), **overrides))
    if not a.watch:
        report = worker.run_once()
        if not report.ok:
            raise SyncError(report.error or "Sync failed.")
        return Outcome(report, _report_text(report))
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    worker.on_report = lambda r: print(_report_text(r) if r.ok else f"sync failed: {r.error}",
                                       file=sys.stderr, flush=True)
    last = worker.watch(stop)
    return Outcome(last, "Sync stopped.")


@command("sync status", help="last successful sync, events waiting, last error", batchable=False)
def sync_status_cmd(ctx: Context, a: argparse.Namespace) -> Outcome:
    st = sync_status(ctx.db)
    return Outcome(st, st.sentence())
