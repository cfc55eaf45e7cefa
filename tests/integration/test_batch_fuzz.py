"""Hypothesis over the batch protocol: random JSON values in every field of
every operation (and lines that are not JSON, not UTF-8, or hold NaN). Every
line gets its one answer line, never "unexpected error"; the database passes
its integrity check and the queue's invariants hold."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app.queue as q
from app.cli import load_commands
from app.cli.batch import run_batch, strict_json
from app.cli.registry import Context
from app.settings import change_settings
from app.staff.accounts import add_staff
from app.staff.roles import SYSTEM
from app.store import open_database
from tests.integration.core_support import REPO

AT = dt.datetime(2026, 11, 23, 9, 0)
OPS = {name: cmd for name, cmd in sorted(load_commands().items()) if cmd.batchable}

scalars = (st.none() | st.booleans() | st.integers() | st.integers(-5, 12)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
           | st.sampled_from(["A", "B", "Z", "A001", "A002", "1", "TS-20261123-0001", "2026-11-23", "yes", "open",
                              "complaint", "counter", "2026-11-23T09:30:00", "0001-01-01T00:00:00+14:00",
                              "\ud800", "1e400", "closed", "boss", "\x00"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=4)
words = st.text(max_size=30) | st.sampled_from(["张三丰", "办理银行卡", "customer left", ""])
minutes = st.integers(-30, 600).map(lambda m: (AT + dt.timedelta(minutes=m)).isoformat())
# Values that reach past the checks into the services, by field name; any field may
# also get any JSON value at all.
PLAUSIBLE = {
    "window": st.integers(0, 7), "to_window": st.integers(0, 7), "rating": st.integers(0, 6),
    "satisfaction": st.integers(0, 6), "days": st.integers(0, 40), "service": st.sampled_from("ABDGZ"),
    "to_service": st.sampled_from("ABDZ"),
    "ticket": st.integers(1, 40) | st.sampled_from([f"{p}{n:03d}" for p in "ABD" for n in range(1, 9)]),
    "ref": st.integers(1, 4) | st.sampled_from([f"TS-20261123-000{n}" for n in range(1, 4)]),
    "priority": st.sampled_from(["normal", "needs", "vip", "appointment", "royal"]),
    "priority_note": st.sampled_from(["elderly", "disabled", "pregnant", "other", "x"]),
    "phone": st.sampled_from(["13912345678", "139 1234 5678", "+8613912345678", "123", "abc"]),
    "email": st.sampled_from(["a.b@example.com", "not-an-email"]),
    "kind": st.sampled_from(["complaint", "suggestion", "praise", "x"]),
    "channel": st.sampled_from(["counter", "phone", "web", "x"]),
    "method": st.sampled_from(["phone", "sms", "x"]), "adopted": st.sampled_from(["yes", "no"]),
    "status": st.sampled_from(["open", "received", "closed"]), "handler": st.sampled_from(["boss", "nobody"]),
    "categories": st.sampled_from(["waiting_time", "fees,staff_attitude", "nope"]),
    "date": minutes.map(lambda t: t[:10]), "from": minutes.map(lambda t: t[:10]), "to": minutes.map(lambda t: t[:10]),
    "received_at": minutes, "notified_at": minutes, "month": st.sampled_from(["2026-11", "2026-13"]),
    "quarter": st.sampled_from(["2026Q4", "2026Q5"]), "roles": st.sampled_from(["teller", "cashier"]),
    "username": st.sampled_from(["li.na", "x"]), "password": st.sampled_from(["long-enough-pw", "short"]),
    "code": st.sampled_from(["fraud", "bad code!"]),
}


@st.composite
def lines(draw) -> bytes:  # type: ignore[no-untyped-def]
    name = draw(st.sampled_from(sorted(OPS)))
    args = OPS[name].args
    fields = [a.dest for a in args if a.required] + draw(st.lists(
        st.sampled_from([a.dest for a in args if not a.required] + ["at", "at", "user"]), unique=True,
        max_size=3)) + (["extra"] if draw(st.integers(0, 19)) == 0 else [])
    op: dict[str, object] = {"op": name}
    for f in fields:
        flag = any(a.dest == f and a.action for a in args)
        good = st.booleans() if flag else minutes if f == "at" else PLAUSIBLE.get(f, words)
        if f == "user":
            good = st.sampled_from(["boss", "nobody"])
        op[f] = draw(good if draw(st.integers(0, 9)) < 9 else values)
    text = json.dumps(op, ensure_ascii=draw(st.booleans()))
    damage = draw(st.sampled_from(["none"] * 24 + ["nan", "infinity", "huge", "cut", "latin1", "not-object"]))
    raw = text.encode("utf-8", "surrogatepass")
    if damage == "nan":
        raw = raw[:-1] + b', "window": NaN}'
    elif damage == "infinity":
        raw = raw[:-1] + b', "rating": -Infinity}'
    elif damage == "huge":
        raw = raw[:-1] + b', "window": 123456789012345678901234567890}'
    elif damage == "cut":
        raw = raw[: max(1, len(raw) // 2)]
    elif damage == "latin1":
        raw = raw[:-1] + b', "name": "\xe9\xff"}'
    elif damage == "not-object":
        raw = b"[" + raw + b"]"
    return raw


@pytest.fixture(scope="module")
def lobby(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{folder / 'branch.sqlite3'}"
    db = open_database(url)
    q.init_catalogue(db, actor=SYSTEM, now=AT)
    change_settings(db, {"printer.connection": "simulated", "printer.simulated.folder": str(folder / "printed"),
                         "reports.folder": str(folder / "reports")}, actor=SYSTEM, now=AT)
    for w in (1, 2, 3):
        q.open_window(db, window=w, actor=SYSTEM, now=AT)
    for i in range(6):
        q.issue_ticket(db, service="A", customer_name="测试客户", customer_phone="13912345678", actor=SYSTEM,
                       now=AT + dt.timedelta(minutes=i))
    add_staff(db, username="boss", password="boss-password", roles="manager,complaints", actor=SYSTEM, now=AT)
    db.dispose()
    ctx = Context(db_url=url, at=AT + dt.timedelta(hours=1))
    yield ctx, Path(url[len("sqlite:///"):])
    ctx.close()


def _invariants(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # No number twice among the day's active tickets; no ticket held by two windows.
        assert con.execute("SELECT count(*) FROM (SELECT business_date, number FROM tickets WHERE status IN "
                           "('waiting','transferred','called','serving') GROUP BY 1, 2 HAVING count(*) > 1)"
                           ).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM (SELECT current_ticket_id FROM windows WHERE current_ticket_id "
                           "IS NOT NULL GROUP BY 1 HAVING count(*) > 1)").fetchone()[0] == 0
        # A window's current ticket is at that window, called or being served.
        assert con.execute("SELECT count(*) FROM windows w JOIN tickets t ON t.id = w.current_ticket_id "
                           "WHERE t.window_id != w.id OR t.status NOT IN ('called', 'serving')").fetchone()[0] == 0
        # Every ticket has its issue event; every called or served ticket a window.
        assert con.execute("SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM events e "
                           "WHERE e.ticket_id = t.id AND e.type = 'TicketIssued')").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM tickets WHERE status IN ('called', 'serving') AND window_id IS NULL"
                           ).fetchone()[0] == 0
        # Nothing strict JSON cannot carry was stored.
        for (payload,) in con.execute("SELECT payload FROM events"):
            strict_json(payload)
        for (value,) in con.execute("SELECT value FROM settings"):
            strict_json(value)
    finally:
        con.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(batch=st.lists(lines(), min_size=1, max_size=6))
def test_every_line_is_answered_and_the_database_stays_sound(lobby, batch):
    ctx, path = lobby
    ctx.user, ctx._actor = None, None  # a line's "user" lasts until the batch ends
    out = io.StringIO()
    total, failures = run_batch(ctx, io.BytesIO(b"\n".join(batch) + b"\n"), out)
    answers = [strict_json(line) for line in out.getvalue().splitlines()]
    assert len(answers) == total == sum(1 for raw in batch if raw.strip())
    unexpected = [(raw, a) for raw, a in zip((r for r in batch if r.strip()), answers)
                  if isinstance(a, dict) and (a.get("code") == "unexpected" or "unexpected" in str(a.get("error")))]
    assert unexpected == []
    assert 0 <= failures <= total
    _invariants(path)


def test_the_reported_bad_values_each_get_one_clear_line_and_the_batch_goes_on(tmp_path):
    from tests.integration.core_support import cli

    db = str(tmp_path / "b.sqlite3")
    assert cli("init", "--db", db, "--at", "2026-11-23T08:00:00").returncode == 0
    bad = [b'{"op": "ticket issue", "service": true}', b'{"op": "call next", "window": Infinity}',
           b'{"op": "call next", "window": 1e400}', b'{"op": "call next", "window": 12345678901234567890123}',
           b'{"op": "ticket issue", "service": "A", "name": "\\ud800"}',
           b'{"op": "ticket issue", "service": "A", "at": "0001-01-01T00:00:00+14:00"}',
           b'{"op": "ticket issue", "service": "A", "user": {}}',
           b'{"op": "call next", "window": 1, "finish_current": "false"}', b'{"op": "call next", "window": 1.9}',
           b'{"op": "ticket show", "ticket": true}', b'{"op": "ticket issue", "service": "A", "name": "\xff"}']
    good = [b'{"op": "window open", "window": 1, "at": "2026-11-23T09:00:00"}',
            b'{"op": "ticket issue", "service": "A", "at": "2026-11-23T09:01:00"}',
            b'{"op": "call next", "window": 1, "finish_current": false, "at": "2026-11-23T09:02:00"}',
            b'{"op": "ticket show", "ticket": 1}']
    r = subprocess.run([sys.executable, "-m", "app", "batch", "--db", db], cwd=REPO, input=b"\n".join(bad + good),
                       capture_output=True, timeout=120)
    assert r.returncode == 0 and r.stderr.decode().strip() == f"batch: {len(bad) + 4} operations, {len(bad)} failed"
    answers = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert [a.get("code") for a in answers[:len(bad)]] == ["usage"] * len(bad)
    assert all(a["error"].endswith(".") and "unexpected" not in a["error"] for a in answers[:len(bad)])
    assert [a.get("number") for a in answers[len(bad) + 2:]] == ["A001", "A001"]


def test_text_with_line_separators_stays_on_its_answer_line(tmp_path):
    """A lobby notice typed with line and paragraph separators and a
    next-line character (what the fuzzing above once drew): stored as typed,
    and each answer is one line for any line reader (Python's splitlines
    too); a footer with a line break is refused in one line that names it."""
    from tests.integration.core_support import cli

    db = str(tmp_path / "b.sqlite3")
    assert cli("init", "--db", db, "--at", "2026-11-23T08:00:00").returncode == 0
    notice = "Welcome\u2028to the\x85branch\u2029today"
    lines = [{"op": "setting set", "key": "lobby.notice_en", "value": notice},
             {"op": "setting set", "key": "ticket.footer_en", "value": "Thanks\nagain"},
             {"op": "setting show", "key": "lobby.notice_en"}]
    r = subprocess.run([sys.executable, "-m", "app", "batch", "--db", db], cwd=REPO,
                       input="\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode(), capture_output=True,
                       timeout=120)
    assert r.returncode == 0 and r.stderr.decode().strip() == "batch: 3 operations, 1 failed"
    answers = [strict_json(line) for line in r.stdout.decode().splitlines()]
    assert len(answers) == 3 and answers[0] == {"lobby.notice_en": notice}
    assert answers[1]["error"] == "The ticket printer cannot print U+000A; use letters, digits and Chinese characters."
    assert notice in json.dumps(answers[2], ensure_ascii=False)
    shown = cli("setting", "show", "--key", "lobby.notice_en", "--db", db, "--json")
    assert shown.returncode == 0 and len(shown.stdout.splitlines()) == 1  # --json: one line as well
    assert notice in json.dumps(strict_json(shown.stdout), ensure_ascii=False)
