"""Erasure: after the retention periods (a daily job and ``branchdesk privacy
purge``) and on a customer's own request (``branchdesk privacy erase --phone``).

Erasing empties a row's personal fields (ciphertexts, masked forms, phone
index) and stamps ``personal_erased_at``; every other column stays, so the
reports keep their figures. Appointments and the phone numbers given for
messages go with their business day's tickets, and with a customer's request. A ticket's data goes ``privacy.ticket_retention_days``
after its business day; a closed case's ``privacy.complaint_retention_days``
after it was closed. Backups older than the ticket retention are deleted, and
key versions no kept backup needs any more are destroyed (app/privacy/rotation.py).
Each run appends one ``PersonalDataPurged`` event (what kind, how many, the
cut-off dates); a request one ``PersonalDataErased`` (counts only, never the number).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, or_, select, update

from app.events import EventType
from app.privacy.access import record_access, require_logged
from app.privacy.personal import phone_indexes
from app.staff.roles import Actor
from app.store.engine import Database
from app.store.events import record_event
from app.store.models import Ticket
from app.store.models_beyond import Appointment, NotifySubscription
from app.store.models_complaints import Complaint, ComplaintLog
from app.store.models_privacy import LoginThrottle

log = logging.getLogger("branchdesk.privacy")
# The time stamp in a backup's file name (branchdesk-daily-20261123, before-restore-20261123-0900...).
_STAMP = re.compile(r"(\d{8})(?:-(\d{6}))?")


@dataclass(frozen=True)
class PurgeResult:
    tickets: int
    complaints: int
    backups: int
    keys_destroyed: tuple[int, ...]
    ticket_cutoff: dt.date  # tickets of this business day and earlier are erased
    complaint_cutoff: dt.datetime  # cases closed at or before this are erased
    appointments: int = 0  # appointments of those days too, and the phones given for messages
    subscriptions: int = 0


@dataclass(frozen=True)
class EraseResult:
    tickets: int
    complaints: int
    complaints_open: int  # found but still being handled: kept until closed
    appointments: int = 0
    subscriptions: int = 0


def _erase_tickets(s, where) -> int:  # type: ignore[no-untyped-def]
    t = Ticket.__table__
    has_data = or_(t.c.customer_name.is_not(None), t.c.customer_phone.is_not(None), t.c.need_note.is_not(None),
                   t.c.customer_name_masked.is_not(None), t.c.customer_phone_masked.is_not(None))
    return s.execute(update(t).where(where, has_data).values(
        customer_name=None, customer_phone=None, need_note=None, customer_name_masked=None,
        customer_phone_masked=None, phone_index=None, personal_erased_at=func.coalesce(
            t.c.personal_erased_at, s.info["privacy_now"]))).rowcount or 0


# Personal data beside the tickets (migration 0015): the columns each erasure empties.
BESIDE = {"appointments": (Appointment.__table__, ("customer_name", "customer_phone", "customer_name_masked",
                                                   "customer_phone_masked", "phone_index")),
          "subscriptions": (NotifySubscription.__table__, ("phone", "phone_masked", "phone_index"))}


def _erase_beside(s, where_of) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Erase appointments' and message subscriptions' personal data where ``where_of(table)`` holds."""
    out = {}
    for name, (table, cols) in BESIDE.items():
        has_data = or_(*(table.c[c].is_not(None) for c in cols))
        out[name] = s.execute(update(table).where(where_of(table), has_data).values(
            **{c: None for c in cols},
            personal_erased_at=func.coalesce(table.c.personal_erased_at, s.info["privacy_now"]))).rowcount or 0
    return out


def _erase_complaints(s, ids: list[int], now: dt.datetime) -> int:  # type: ignore[no-untyped-def]
    from app.complaints.common import SYSTEM_NOTES

    if not ids:
        return 0
    c, lg = Complaint.__table__, ComplaintLog.__table__
    s.execute(update(c).where(c.c.id.in_(ids)).values(
        customer_name=None, customer_phone=None, customer_email=None, content=None, resolution=None,
        extension_reason=None, customer_name_masked=None, contact_masked=None, phone_index=None,
        personal_erased_at=now))
    s.execute(update(lg).where(lg.c.complaint_id.in_(ids), lg.c.action.not_in(SYSTEM_NOTES)).values(note=""))
    return len(ids)


def purge(db: Database, *, actor: Actor, now: dt.datetime | None = None, how: str = "command",
          backup_folder: Path | None = None) -> PurgeResult:
    """Erase what is past its retention period, delete old backups and the
    keys only they needed; one event and one access-log row."""
    from app.privacy.rotation import prune_keys
    from app.queue.day import moment
    from app.settings import clean, stored_values

    require_logged(db, actor, "privacy.purge", "purge", now=now, purpose=how)
    with db.read() as s:
        m = moment(s, now)
        values = stored_values(s)
    ticket_days = clean("privacy.ticket_retention_days", values["privacy.ticket_retention_days"])
    complaint_days = clean("privacy.complaint_retention_days", values["privacy.complaint_retention_days"])
    ticket_cutoff = m.day - dt.timedelta(days=ticket_days)
    complaint_cutoff = m.now - dt.timedelta(days=complaint_days)
    folder = backup_folder if backup_folder is not None else _backup_folder(db)
    backups = prune_backups(folder, m.now - dt.timedelta(days=ticket_days)) if folder else 0
    with db.write() as s:
        s.info["privacy_now"] = m.now
        tickets = _erase_tickets(s, Ticket.__table__.c.business_date <= ticket_cutoff)
        beside = _erase_beside(s, lambda table: table.c.business_date <= ticket_cutoff)
        c = Complaint.__table__
        ids = list(s.scalars(select(c.c.id).where(c.c.status == "closed", c.c.closed_at <= complaint_cutoff,
                                                  c.c.personal_erased_at.is_(None))))
        complaints = _erase_complaints(s, ids, m.now)
        # Failed logins of a day ago that hold no wait any more (usernames people mistyped included).
        s.execute(delete(LoginThrottle).where(LoginThrottle.last_failed_at < m.now - dt.timedelta(days=1),
                                              or_(LoginThrottle.locked_until.is_(None),
                                                  LoginThrottle.locked_until < m.now)))
        record_event(s, EventType.PERSONAL_DATA_PURGED, m.now, staff_id=actor.staff_id, payload={
            "how": how, "tickets": tickets, "complaints": complaints, "backups": backups, **_nonzero(beside),
            "ticket_cutoff": ticket_cutoff.isoformat(), "complaint_cutoff": complaint_cutoff.isoformat()})
        record_access(s, actor, "purge", m.now, purpose=how)
    destroyed = prune_keys(db, folder, now=m.now)
    if tickets or complaints or backups:
        log.info("retention run (%s): %d tickets, %d cases, %d backups erased", how, tickets, complaints, backups)
    return PurgeResult(tickets, complaints, backups, destroyed, ticket_cutoff, complaint_cutoff,
                       beside["appointments"], beside["subscriptions"])


def erase_customer(db: Database, *, phone: str, actor: Actor, now: dt.datetime | None = None,
                   purpose: str = "customer's request") -> EraseResult:
    """A customer's own request: erase the personal data of every ticket and
    closed case with this phone number (found through its keyed hash). Open
    cases are counted, not erased: they are still being answered."""
    from app.queue.day import moment
    from app.queue.tickets import normalise_phone
    from app.errors import InvalidInput

    require_logged(db, actor, "privacy.erase", "erase", now=now, purpose=purpose)
    digits = normalise_phone(phone)
    if digits is None:
        raise InvalidInput("Give the customer's phone number.", field="phone")
    with db.write() as s:
        m = moment(s, now)
        s.info["privacy_now"] = m.now
        found = phone_indexes(s, digits)
        t, c = Ticket.__table__, Complaint.__table__
        tickets = _erase_tickets(s, t.c.phone_index.in_(found)) if found else 0
        beside = _erase_beside(s, lambda table: table.c.phone_index.in_(found)) if found else \
            dict.fromkeys(BESIDE, 0)
        cases = s.execute(select(c.c.id, c.c.status).where(c.c.phone_index.in_(found))).all() if found else []
        complaints = _erase_complaints(s, [i for i, status in cases if status == "closed"], m.now)
        kept = sum(1 for _, status in cases if status != "closed")
        record_event(s, EventType.PERSONAL_DATA_ERASED, m.now, staff_id=actor.staff_id, payload={
            "tickets": tickets, "complaints": complaints, "complaints_open": kept, **_nonzero(beside)})
        record_access(s, actor, "erase", m.now, purpose=purpose)
    return EraseResult(tickets, complaints, kept, beside["appointments"], beside["subscriptions"])


def _backup_folder(db: Database) -> Path | None:
    if not db.is_sqlite:
        return None
    from app.ops.backup import default_backup_dir

    try:
        return default_backup_dir(db.url)
    except Exception:  # an unreadable settings file: the backups are left for the next run
        log.warning("backup folder unknown: old backups not pruned this time")
        return None


def backup_time(path: Path) -> dt.datetime:
    """When a backup was taken: the stamp in its name, else its file time."""
    found = _STAMP.search(path.name)
    if found:
        try:
            return dt.datetime.strptime(found.group(1) + (found.group(2) or "000000"), "%Y%m%d%H%M%S")
        except ValueError:
            pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime)


def prune_backups(folder: Path, before: dt.datetime) -> int:
    """Delete the backups (daily, manual, before-restore) taken before ``before``."""
    from app.ops.backup import backup_files

    removed = 0
    for path in backup_files(folder):
        if backup_time(path) < before:
            path.unlink(missing_ok=True)
            removed += 1
            log.info("backup %s deleted: older than the retention period", path.name)
    return removed


__all__ = ["EraseResult", "PurgeResult", "backup_time", "erase_customer", "prune_backups", "purge"]


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    """The counts worth an event's payload (appointments and phones only when there were any)."""
    return {k: v for k, v in counts.items() if v}
