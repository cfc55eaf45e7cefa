"""An installed branch upgrades in place: a database made by the first
release (revision 0001) with a full day of work is upgraded by this build
and keeps every row."""

from __future__ import annotations

import sqlite3

from app.queue import issue_ticket
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.engine import Database
from app.store.migrate import current_revisions, known_heads
from tests.support.old_data import load_old_database

CORE = ("services", "windows", "window_services", "staff", "ticket_counters", "tickets", "events", "settings",
        "data_access_log")


def _rows(path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of the core tables (only ``columns`` of each, when given:
    later migrations add columns, never change the old ones)."""
    con = sqlite3.connect(path)
    try:
        cols = columns or {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in CORE}
        return {t: sorted(con.execute(f"SELECT {', '.join(cols[t])} FROM {t}").fetchall(), key=repr) for t in CORE}
    finally:
        con.close()


def _columns(path) -> dict[str, list[str]]:
    con = sqlite3.connect(path)
    try:
        return {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in CORE}
    finally:
        con.close()


def _decrypted(db, rows: dict[str, list[tuple]], columns: dict[str, list[str]]) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    """``rows`` with the tickets' personal fields decrypted in place (encrypted since 0011)."""
    from app.privacy.personal import SEALED, open_fields
    from app.store.models import Ticket

    cols = columns["tickets"]
    with db.read() as s:
        clear = {t.uuid: open_fields(s, t, "tickets") for t in s.query(Ticket)}
    tickets = []
    for row in rows["tickets"]:
        values = dict(zip(cols, row))
        values.update({f: clear[values["uuid"]][f] for f in SEALED["tickets"]})
        tickets.append(tuple(values[c] for c in cols))
    return {**rows, "tickets": sorted(tickets, key=repr)}


def test_a_0001_branch_with_a_day_of_data_upgrades_with_every_row_kept(sqlite_url, tmp_path, at):
    path = sqlite_url[len("sqlite:///"):]
    old = Database(sqlite_url)
    load_old_database(old, "day-of-work-0001.json")  # written by the 0001 release's own code
    old.dispose()
    before, old_columns = _rows(path), _columns(path)
    assert len(before["tickets"]) == 32 and len(before["events"]) > 60

    db = open_database(sqlite_url)  # what the app does on its first start after an upgrade
    try:
        assert current_revisions(db) == known_heads()
        # Every row kept; the personal fields are encrypted now (0011): compared decrypted.
        assert _decrypted(db, _rows(path, old_columns), old_columns) == before
        # and the branch carries on: the next ticket continues the day's numbering
        assert issue_ticket(db, service="B", actor=SYSTEM, now=at(16, 59)).ticket.number == "B009"
    finally:
        db.dispose()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
