"""Operations commands: doctor, backup, restore, setup, selfcheck, settings."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from app.cli.registry import Arg, Context, Outcome, command, parse_key_values
from app.clock import pc_now


def _file_settings(required: bool = False) -> dict:  # type: ignore[type-arg]
    from app.ops.settings_file import SettingsFileError, defaults, load

    try:
        return load()
    except SettingsFileError:
        if required:
            raise
        return defaults()


@command("doctor", Arg("--no-sound", action="store_true", help="skip the audio check"),
         help="check the database, migrations, printer, serial ports, sound and head office",
         needs_db=False, batchable=False)
def doctor(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.ops import doctor as d
    from app.ops.logs import log_file
    from app.ops.settings_file import SettingsFileError

    checks = []
    try:
        values = _file_settings(required=True)
        checks.append(d.Check("settings", d.OK, "The settings file is valid."))
    except SettingsFileError as exc:
        values = _file_settings()
        checks.append(d.Check("settings", d.FAIL, exc.message))
    branch = _branch_settings(ctx.db_url)
    checks += d.run_checks(ctx.db_url, {**values, **branch}, sound=not a.no_sound)
    lines = [c.line() for c in checks] + [f"Log file: {log_file()}"]
    ok = all(c.status == d.OK for c in checks)
    return Outcome({"ok": ok, "checks": checks}, "\n".join(lines), 0 if ok else 1)


def _stamp(ctx: Context) -> str:
    """A file-name time stamp (this PC's clock: the database is not opened for it)."""
    return f"{ctx.at or pc_now():%Y%m%d-%H%M%S}"


def _branch_settings(db_url: str | None) -> dict:  # type: ignore[type-arg]
    """Branch settings (printer.* among them) without creating a database."""
    try:
        from app.bootstrap import build

        app = build(db_url, upgrade=False)
        try:
            return app.settings
        finally:
            app.close()
    except Exception:  # the database check reports why
        return {}


@command("backup", Arg("-o", str, help="backup file (default: a dated file in the backup folder)"),
         help="write a checked, encrypted copy of the embedded database (manager)", needs_db=False,
         batchable=False)
def backup(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.ops.backup import SUFFIX, backup_database, default_backup_dir
    from app.privacy.access import log_access, require_logged
    from app.store.engine import resolve_url

    require_logged(ctx.db, ctx.actor, "backup.run", "backup", now=ctx.now())
    name = f"branchdesk-{_stamp(ctx)}{SUFFIX}"
    dest = Path(a.o).expanduser() if a.o else default_backup_dir(ctx.db_url) / name
    if dest.is_dir():
        dest = dest / name
    r = backup_database(resolve_url(ctx.db_url), dest)
    log_access(ctx.db, ctx.actor, "backup", now=ctx.now(), purpose=dest.name)
    return Outcome(r, f"Backup written to {r.path} ({r.tickets} tickets, {r.size_bytes // 1024} KB, "
                      f"encrypted with key version {r.key_version}).")


@command("restore", Arg("path", str, help="backup file to restore"),
         help="replace the embedded database with a backup (administrator; a safety copy is kept)",
         needs_db=False, batchable=False)
def restore(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.ops.backup import restore_database
    from app.privacy.access import log_access, require_logged
    from app.store import open_database
    from app.store.engine import resolve_url

    url = resolve_url(ctx.db_url)
    if ctx.user:  # the database is opened only to check the named account (it may be the damaged one)
        require_logged(ctx.db, ctx.actor, "backup.restore", "restore", now=ctx.now())
    username = ctx.actor.username
    ctx.close()
    r = restore_database(url, Path(a.path).expanduser(), now=ctx.at or pc_now())
    db = open_database(url)
    try:
        log_access(db, None, "restore", now=ctx.now(), username=username, purpose=Path(r.restored_from).name)
        missing = [k.version for k in _key_status(db) if k.state != "destroyed" and not k.on_this_pc]
    finally:
        db.dispose()
    kept = f"; the previous database is kept as {r.safety_copy}" if r.safety_copy else ""
    text = f"Database restored from {r.restored_from} ({r.tickets} tickets){kept}."
    if missing:
        text += (f" This PC lacks key version {', '.join(map(str, missing))}: import the branch's key export "
                 f"to open personal data.")
    return Outcome(r, text)


def _key_status(db):  # type: ignore[no-untyped-def]
    from app.privacy.rotation import key_status

    return key_status(db)


@command("setup",
         Arg("--branch-code", str, required=True, help="branch code, e.g. BR001"),
         Arg("--branch-name", str, required=True, help="branch name in Chinese"),
         Arg("--branch-name-en", str, required=True, help="branch name in English"),
         Arg("--language", str, default="zh_CN", choices=("zh_CN", "en")),
         Arg("--admin-username", str, required=True, help="first administrator account"),
         Arg("--admin-password", str, help="or $BRANCHDESK_ADMIN_PASSWORD"),
         Arg("--admin-name", str, default=""),
         Arg("--printer", action="append", help="printer setting KEY=VALUE, e.g. connection=network (repeatable)"),
         Arg("--lobby-monitor", int, default=0, help="monitor number for the lobby display"),
         Arg("--screen-role", str, default="", help="screen this PC opens: greeter, teller, lobby, complaints, manager"),
         Arg("--sync-url", str, default="", help="head-office PostgreSQL address (enables sync)"),
         Arg("--sync-interval", int, default=5, help="minutes between pushes"),
         help="unattended first-run setup (the database is --db or the embedded file)",
         needs_db=False, batchable=False)
def setup(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.ops.setup import SetupRequest, apply_setup
    from app.store.engine import resolve_url

    password = a.admin_password or os.environ.get("BRANCHDESK_ADMIN_PASSWORD") or ""
    printer = parse_key_values(a.printer, "--printer", "printer.")
    req = SetupRequest(
        branch_code=a.branch_code, branch_name_zh=a.branch_name, branch_name_en=a.branch_name_en,
        admin_username=a.admin_username, admin_password=password, admin_full_name=a.admin_name,
        language=a.language, database_url=resolve_url(ctx.db_url) if ctx.db_url else "", printer=printer, lobby_monitor=a.lobby_monitor,
        screen_role=a.screen_role, sync_enabled=bool(a.sync_url), sync_hq_url=a.sync_url,
        sync_interval_min=a.sync_interval,
    )
    r = apply_setup(req, now=ctx.at)
    return Outcome(r, f"Branch {r.branch_code} set up: database {r.database_url}, administrator "
                      f"{r.admin_username}, settings in {r.settings_file}.")


@command("selfcheck", Arg("--folder", str, help="keep the check's files here (default: a temporary folder)"),
         help="offscreen self-check: fresh database, ticket, simulated print, daily report",
         needs_db=False, batchable=False)
def selfcheck(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.ops.selfcheck import run_selfcheck

    steps = run_selfcheck(Path(a.folder).expanduser() if a.folder else None, now=ctx.at)
    ok = all(s.status != "FAIL" for s in steps)
    return Outcome({"ok": ok, "steps": steps}, "\n".join(s.line() for s in steps), 0 if ok else 1)


@command("settings check", help="check the settings file and name any wrong key", needs_db=False, batchable=False)
def settings_check(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.ops.settings_file import exists, settings_path

    path = settings_path()
    values = _file_settings(required=True)
    state = "is valid" if exists() else "does not exist yet (defaults apply)"
    return Outcome({"path": str(path), "values": values}, f"{path} {state}.")
