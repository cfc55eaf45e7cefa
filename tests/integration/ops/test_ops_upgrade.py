"""An installed branch upgrades in place: a database made by the first
release (revision 0001) with a full day of work is upgraded by this build
and keeps every row."""

from __future__ import annotations

import sqlite3

from app.queue import call_next, finish, init_catalogue, issue_ticket, no_show, open_window, start_service
from app.staff.accounts import add_staff
from app.staff.roles import SYSTEM
from app.store import open_database
from app.store.engine import Database
from app.store.migrate import current_revisions, known_heads, upgrade_to_head

CORE = ("services", "windows", "window_services", "staff", "ticket_counters", "tickets", "events", "settings",
        "data_access_log")


def _rows(path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in CORE}
    finally:
        con.close()


def _a_day_of_work(db, at) -> None:
    init_catalogue(db, actor=SYSTEM, now=at(8, 0))
    add_staff(db, username="li.na", password="password1", roles="teller", full_name="李娜", actor=SYSTEM, now=at(8, 1))
    for w in (1, 2, 4):
        open_window(db, window=w, actor=SYSTEM, now=at(8, 30))
    minute = 0
    for hour in range(9, 17):
        for code in ("A", "A", "B", "D"):
            minute = (minute + 7) % 60
            issue_ticket(db, service=code, customer_name="王小明" if code == "D" else None,
                         customer_phone="13800138000" if code == "D" else None, actor=SYSTEM, now=at(hour, minute))
        for w in (1, 2, 4):
            t = call_next(db, window=w, finish_current=True, actor=SYSTEM, now=at(hour, 50))
            if t.number.endswith("3"):
                no_show(db, window=w, actor=SYSTEM, now=at(hour, 52))
            else:
                start_service(db, window=w, actor=SYSTEM, now=at(hour, 51))
                finish(db, window=w, actor=SYSTEM, now=at(hour, 58))


def test_a_0001_branch_with_a_day_of_data_upgrades_with_every_row_kept(sqlite_url, tmp_path, at):
    path = sqlite_url[len("sqlite:///"):]
    old = Database(sqlite_url)
    upgrade_to_head(old, "0001")
    assert current_revisions(old) == {"0001"}
    _a_day_of_work(old, at)
    old.dispose()
    before = _rows(path)
    assert len(before["tickets"]) == 32 and len(before["events"]) > 60

    db = open_database(sqlite_url)  # what the app does on its first start after an upgrade
    try:
        assert current_revisions(db) == known_heads()
        assert _rows(path) == before
        # and the branch carries on: the next ticket continues the day's numbering
        assert issue_ticket(db, service="B", actor=SYSTEM, now=at(16, 59)).ticket.number == "B009"
    finally:
        db.dispose()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
