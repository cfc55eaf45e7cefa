"""Personal data: the data key (status, export, import, rotate), retention
(purge), a customer's erasure request, the access log. Every one of them
needs its role and is recorded in the access log."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.cli.registry import Arg, Context, Outcome, UsageError, command

PASSPHRASE_ENV = "BRANCHDESK_KEY_PASSPHRASE"
PASSPHRASE_FILE = Arg("--passphrase-file", str, help=f"file holding the passphrase (or ${PASSPHRASE_ENV}, "
                                                     "or asked on the terminal)")


def _passphrase(a: argparse.Namespace, *, twice: bool) -> str:
    if a.passphrase_file:
        try:
            return Path(a.passphrase_file).expanduser().read_text(encoding="utf-8").strip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"The passphrase file cannot be read: {getattr(exc, 'strerror', None) or exc}.") from None
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not os.isatty(0):
        raise UsageError(f"Give --passphrase-file or set {PASSPHRASE_ENV} (no terminal to ask on).")
    first = getpass.getpass("Key passphrase: ")
    if twice and getpass.getpass("The same passphrase again: ") != first:
        raise UsageError("The two passphrases differ.")
    return first


@command("privacy keys", help="the data key's versions and whether this PC has each", batchable=False)
def key_status(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.privacy.rotation import key_status as status, stale_rows

    rows, stale = status(ctx.db), stale_rows(ctx.db)
    lines = [f"version {k.version}: {k.state}, {'on this PC' if k.on_this_pc else 'NOT on this PC'} "
             f"(created {k.created_at:%Y-%m-%d})" for k in rows] or ["No data key yet (no personal data stored)."]
    if stale:
        lines.append(f"{stale} rows still wait to be re-encrypted: run 'branchdesk privacy rotate-key --resume'.")
    return Outcome({"versions": rows, "rows_to_reencrypt": stale}, "\n".join(lines))


@command("privacy export-key", Arg("-o", str, required=True, help="the export file to write"), PASSPHRASE_FILE,
         help="write the data key, wrapped with a passphrase, for another PC or IT's safe", batchable=False)
def key_export(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.privacy.transfer import check_passphrase, export_keys

    passphrase = check_passphrase(_passphrase(a, twice=True))
    r = export_keys(ctx.db, Path(a.o).expanduser(), passphrase, actor=ctx.actor, now=ctx.now())
    return Outcome(r, f"Key versions {', '.join(map(str, r.versions))} exported to {r.path}; keep the file and "
                      f"its passphrase apart.")


@command("privacy import-key", Arg("path", str, help="an export file"), PASSPHRASE_FILE,
         help="store the branch's data key on this PC from an export file", needs_db=False, batchable=False)
def key_import(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.privacy.transfer import import_keys

    db = ctx.db if _database_exists(ctx.db_url) else None
    r = import_keys(Path(a.path).expanduser(), _passphrase(a, twice=False), db=db, actor=ctx.actor,
                    now=ctx.now())
    return Outcome(r, f"Key versions {', '.join(map(str, r.versions))} stored on this PC.")


def _database_exists(db_url: str | None) -> bool:
    """Whether there is a database to check the keys against (a fresh PC
    imports the key before it restores a backup)."""
    from app.store.engine import resolve_url

    url = resolve_url(db_url)
    if not url.startswith("sqlite"):
        return True
    path = Path(url.split("///", 1)[1])
    return path.is_file() and path.stat().st_size > 0


@command("privacy rotate-key",
         Arg("--resume", action="store_true", help="only finish re-encrypting (no new version)"),
         Arg("--batch", int, default=2000, help="rows per transaction"),
         help="a new data key version; every row re-encrypted in the background", batchable=False)
def key_rotate(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.privacy.rotation import reencrypt, rotate_key
    from app.staff.roles import require

    if not 1 <= a.batch <= 100_000:
        raise UsageError("--batch is a number of rows from 1 to 100000.")
    shown = [-1]

    def progress(done: int, total: int) -> None:
        step = 100 * done // total if total else 100
        if step // 10 != shown[0] // 10 or done == total:
            shown[0] = step
            print(f"re-encrypted {done} of {total} rows ({step}%)", file=sys.stderr, flush=True)

    if a.resume:
        require(ctx.actor, "privacy.key")
        rows = reencrypt(ctx.db, batch=a.batch, progress=progress, now=ctx.now())
        return Outcome({"rows": rows}, f"{rows} rows re-encrypted.")
    r = rotate_key(ctx.db, actor=ctx.actor, now=ctx.now(), batch=a.batch, progress=progress)
    return Outcome(r, f"Key version {r.version} is current; {r.rows} rows re-encrypted in {r.seconds:.1f} s. "
                      f"Export the key again for the other PCs and IT's safe.")


@command("privacy purge", help="erase personal data past its retention period, and old backups", batchable=False)
def purge(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.privacy.retention import purge as run

    r = run(ctx.db, actor=ctx.actor, now=ctx.now(), how="command")
    return Outcome(r, f"Erased the personal data of {r.tickets} tickets (business day {r.ticket_cutoff} and "
                      f"before) and {r.complaints} closed cases; {r.backups} old backups deleted."
                      + _beside(r))


@command("privacy erase", Arg("--phone", str, required=True, help="the customer's phone number"),
         Arg("--purpose", str, default="customer's request", help="why (kept in the access log)"),
         help="a customer's request: erase their personal data from tickets and closed cases", batchable=False)
def erase(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.privacy.retention import erase_customer

    r = erase_customer(ctx.db, phone=a.phone, actor=ctx.actor, now=ctx.now(), purpose=a.purpose)
    text = f"Erased the personal data of {r.tickets} tickets and {r.complaints} closed cases." + _beside(r)
    if r.complaints_open:
        text += f" {r.complaints_open} open cases keep it until they are closed."
    return Outcome(r, text)


@command("privacy log", Arg("--action", str, help="only this action (view, backup, login, ...)"),
         Arg("--limit", int, default=50), help="the access log, newest first", batchable=False)
def access_log(ctx: Context, a: argparse.Namespace) -> Outcome:
    from app.privacy.access import access_log as read
    from app.staff.roles import require

    require(ctx.actor, "privacy.audit")
    rows = read(ctx.db, limit=max(1, min(a.limit, 10_000)), action=a.action)
    return Outcome(rows, "\n".join(f"{r.at:%Y-%m-%d %H:%M:%S} {r.username or '-'} {r.action} {r.outcome}"
                                   f"{' ' + r.subject + ' ' + (r.subject_uuid or '') if r.subject else ''}"
                                   f"{' (' + r.purpose + ')' if r.purpose else ''}" for r in rows) or "No entries.")


def _beside(r) -> str:  # type: ignore[no-untyped-def]
    """The appointments and phones given for messages erased too, when there were any."""
    if not (r.appointments or r.subscriptions):
        return ""
    return f" Also {r.appointments} appointments and {r.subscriptions} phones given for messages."
