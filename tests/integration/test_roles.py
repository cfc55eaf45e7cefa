"""Who may do what: staff accounts with roles, refusals as named errors."""

from __future__ import annotations

import pytest

import app.queue as q
from app.errors import InvalidInput, NotPermitted
from app.staff.accounts import add_staff, authenticate, list_staff
from app.staff.roles import SYSTEM
from tests.integration.core_support import branch, cli, event_count, open_windows  # noqa: F401


@pytest.fixture
def staff(branch, at):
    people = {}
    for username, roles in [("greeter1", "greeter"), ("teller1", "teller"), ("boss", "manager"),
                            ("it", "admin")]:
        add_staff(branch, username=username, password=f"{username}-secret", roles=roles, actor=SYSTEM,
                  now=at(8, 0))
        people[username] = authenticate(branch, username, f"{username}-secret")
    return people


PERMISSION = {"issue": "ticket.issue", "call": "call", "open": "window.operate", "close_day": "day.close"}
CASES = [
    ("greeter1", "issue", True), ("greeter1", "call", False), ("greeter1", "open", False),
    ("greeter1", "close_day", False),
    ("teller1", "issue", False), ("teller1", "call", True), ("teller1", "open", True),
    ("teller1", "close_day", False),
    ("boss", "issue", True), ("boss", "call", True), ("boss", "open", True), ("boss", "close_day", True),
    ("it", "close_day", True),
]


def test_role_table_applies_to_service_functions(branch, staff, at):
    open_windows(branch, 1, now=at(8, 30))
    for i, (who, action, allowed) in enumerate(CASES):
        q.issue_ticket(branch, service="A", actor=SYSTEM, now=at(9, i))
        actor = staff[who]
        run = {
            "issue": lambda: q.issue_ticket(branch, service="A", actor=actor, now=at(9, i)),
            "call": lambda: q.call_next(branch, window=1, finish_current=True, actor=actor, now=at(9, i)),
            "open": lambda: q.open_window(branch, window=2 + i % 5, actor=actor, now=at(9, i)),
            "close_day": lambda: q.end_of_day(branch, actor=actor, now=at(9, i)),
        }[action]
        before = event_count(branch)
        if allowed:
            run()
            assert event_count(branch) > before, (who, action)
        else:
            with pytest.raises(NotPermitted) as exc:
                run()
            assert exc.value.message == f"{who} is not allowed to do this ({PERMISSION[action]})."
            assert event_count(branch) == before, (who, action)


def test_staff_rules(branch, staff, at):
    with pytest.raises(InvalidInput, match="already exists"):
        add_staff(branch, username="teller1", password="another-pass", roles="teller", actor=SYSTEM, now=at(9))
    with pytest.raises(InvalidInput, match="at least 8 characters"):
        add_staff(branch, username="new1", password="short", roles="teller", actor=SYSTEM, now=at(9))
    with pytest.raises(NotPermitted):  # only admins manage staff
        add_staff(branch, username="new2", password="long-enough", roles="teller", actor=staff["boss"], now=at(9))
    add_staff(branch, username="new3", password="long-enough", roles="teller", actor=staff["it"], now=at(9))
    assert [s.username for s in list_staff(branch)] == ["boss", "greeter1", "it", "new3", "teller1"]


def test_staff_add_on_the_command_line_reads_the_password_from_the_environment(tmp_path):
    db = str(tmp_path / "b.sqlite3")
    assert cli("init", "--db", db).returncode == 0
    r = cli("staff", "add", "--username", "zhao", "--roles", "teller,greeter", "--db", db,
            env={"BRANCHDESK_PASSWORD": "from-the-env"})
    assert (r.returncode, r.stdout.strip()) == (0, "Staff account zhao created (greeter, teller).")
    r = cli("staff", "add", "--username", "qian", "--roles", "teller", "--db", db)
    assert r.returncode == 2
    assert r.stderr.strip() == "branchdesk: Give --password or set BRANCHDESK_PASSWORD (no terminal to ask on)."
