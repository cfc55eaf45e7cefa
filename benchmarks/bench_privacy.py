"""Personal data at speed (issue 18). One JSON line per figure.

    .venv/bin/python benchmarks/bench_privacy.py [--rotate 100000] [--rounds 5]

- issue with personal data: the extra time encryption adds to ``issue_ticket``
  (target <= 1 ms): tickets with and without a name, phone and need issued
  alternately, median of each of ``--rounds`` interleaved rounds (DESIGN,
  settled question 7), a window calling so the queue stays near 100;
- the complaint board's list of 300 cases with masked contacts (target < 50 ms);
- key rotation of ``--rotate`` tickets with personal data, progress on stderr
  (target < 60 s);
- logins: a known user with a wrong password and an unknown user (the same
  argon2 verification: the two medians should match).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("BRANCHDESK_KEY_DIR", tempfile.mkdtemp(prefix="bench-privacy-keys-"))

from sqlalchemy import insert  # noqa: E402

import app.complaints as cp  # noqa: E402
import app.queue as q  # noqa: E402
from app.errors import DomainError  # noqa: E402
from app.privacy.masking import mask_name, mask_phone  # noqa: E402
from app.privacy.personal import aad  # noqa: E402
from app.privacy.rotation import rotate_key  # noqa: E402
from app.privacy.vault import vault  # noqa: E402
from app.staff.accounts import add_staff, authenticate  # noqa: E402
from app.staff.roles import SYSTEM  # noqa: E402
from app.store import open_database  # noqa: E402
from app.store.base import new_uuid  # noqa: E402
from app.store.models import Ticket  # noqa: E402

T0 = dt.datetime(2026, 11, 23, 8, 30)


def emit(**line: object) -> None:
    print(json.dumps(line, ensure_ascii=False), flush=True)


def fresh(folder: Path, name: str):  # type: ignore[no-untyped-def]
    db = open_database(f"sqlite:///{folder / name}")
    q.init_catalogue(db, actor=SYSTEM, now=T0)
    return db


def bench_issue(folder: Path, rounds: int, pairs: int) -> None:
    db = fresh(folder, "issue.sqlite3")
    q.open_window(db, window=1, actor=SYSTEM, now=T0)
    clock = T0
    for _ in range(100):  # a queue of about 100 waiting, kept there: two calls per pair issued
        clock += dt.timedelta(seconds=1)
        q.issue_ticket(db, service="A", actor=SYSTEM, now=clock)
    plain_rounds, personal_rounds = [], []
    for r in range(rounds):
        plain, personal = [], []
        for i in range(pairs):
            for kind in ((0, 1) if (i + r) % 2 else (1, 0)):  # alternate which goes first
                clock += dt.timedelta(seconds=1)
                kw = {"customer_name": f"客户{i:04d}", "customer_phone": f"139{i:08d}",
                      "need_note": "咨询个人住房贷款提前还款"} if kind else {}
                start = time.perf_counter()
                q.issue_ticket(db, service="A", actor=SYSTEM, now=clock, **kw)
                (personal if kind else plain).append(time.perf_counter() - start)
            for _ in range(2):
                clock += dt.timedelta(seconds=1)
                try:
                    q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=clock)
                except DomainError:
                    pass
        plain_rounds.append(statistics.median(plain) * 1000)
        personal_rounds.append(statistics.median(personal) * 1000)
    waiting = q.queue_status(db, now=clock).waiting_total
    db.dispose()
    without, with_ = statistics.median(plain_rounds), statistics.median(personal_rounds)
    emit(benchmark="issue with personal data", rounds=rounds, pairs_per_round=pairs, waiting_at_end=waiting,
         median_ms_without=round(without, 3), median_ms_with=round(with_, 3),
         added_ms=round(with_ - without, 3), target_added_ms=1.0,
         round_medians_without=[round(x, 3) for x in plain_rounds],
         round_medians_with=[round(x, 3) for x in personal_rounds])


def bench_board(folder: Path, cases: int = 300, runs: int = 20) -> None:
    db = fresh(folder, "board.sqlite3")
    for i in range(cases):
        cp.intake_complaint(db, kind="complaint", channel="counter", content=f"第{i}号投诉：排队太久，柜员态度不好",
                            customer_name=f"投诉人{i:03d}", customer_phone=f"136{i:08d}",
                            actor=SYSTEM, now=T0 + dt.timedelta(minutes=i))
    now = T0 + dt.timedelta(days=1)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        rows = cp.list_complaints(db, actor=SYSTEM, now=now)
        times.append(time.perf_counter() - start)
    assert len(rows) == cases and rows[0].contact_masked.startswith("*")
    db.dispose()
    emit(benchmark="complaint board list, masked", cases=cases, runs=runs,
         median_ms=round(statistics.median(times) * 1000, 2), max_ms=round(max(times) * 1000, 2), target_ms=50)


def bench_rotation(folder: Path, tickets: int) -> None:
    db = fresh(folder, "rotate.sqlite3")
    t = Ticket.__table__
    start = time.perf_counter()
    day = T0.date()
    with db.write() as s:
        v = vault(s)
        key = v.current()
        rows = []
        for i in range(tickets):
            uid, name, phone = new_uuid(), f"客户{i:06d}", f"139{i:08d}"
            rows.append({"uuid": uid, "version": 1, "business_date": day - dt.timedelta(days=i // 2000),
                         "service_id": 1, "original_service_id": 1, "prefix": "A", "seq": i + 1,
                         "number": f"A{i + 1:06d}", "priority": "normal", "status": "done", "issued_at": T0,
                         "queued_at": T0, "transfer_count": 0, "call_count": 1, "print_state": "printed",
                         "customer_name": key.seal(name, aad("tickets", "customer_name", uid)),
                         "customer_phone": key.seal(phone, aad("tickets", "customer_phone", uid)),
                         "need_note": key.seal("办理银行卡", aad("tickets", "need_note", uid)),
                         "customer_name_masked": mask_name(name), "customer_phone_masked": mask_phone(phone),
                         "phone_index": key.index(phone)})
        s.execute(insert(t), rows)
    loaded = time.perf_counter() - start
    marks: list[tuple[float, int, int]] = []
    began = time.perf_counter()

    def progress(done: int, total: int) -> None:
        marks.append((time.perf_counter() - began, done, total))
        if len(marks) % 10 == 1 or done == total:
            print(f"re-encrypted {done} of {total} rows ({100 * done // max(total, 1)}%)", file=sys.stderr,
                  flush=True)

    r = rotate_key(db, actor=SYSTEM, now=T0 + dt.timedelta(days=1), progress=progress)
    db.dispose()
    emit(benchmark="key rotation", tickets=tickets, rows=r.rows, seconds=round(r.seconds, 2), target_s=60,
         load_seconds=round(loaded, 2), progress_reports=len(marks),
         longest_batch_ms=round(1000 * max(b[0] - a[0] for a, b in zip(marks, marks[1:])), 1) if len(marks) > 1
         else None)


def bench_logins(folder: Path, rounds: int = 15) -> None:
    db = fresh(folder, "login.sqlite3")
    add_staff(db, username="wang", password="right-password", roles="teller", actor=SYSTEM, now=T0)
    known, unknown = [], []
    for i in range(rounds):  # a new minute each round: the five-failure wait never starts
        at = T0 + dt.timedelta(hours=i)
        for name, into in ((("wang", known), (f"nobody{i}", unknown)) if i % 2 else
                           ((f"nobody{i}", unknown), ("wang", known))):
            start = time.perf_counter()
            try:
                authenticate(db, name, "wrong-password", now=at)
            except DomainError:
                pass
            into.append(time.perf_counter() - start)
    db.dispose()
    emit(benchmark="login, wrong password", rounds=rounds,
         known_user_median_ms=round(statistics.median(known) * 1000, 1),
         unknown_user_median_ms=round(statistics.median(unknown) * 1000, 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rotate", type=int, default=100_000, help="tickets re-encrypted by the rotation")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pairs", type=int, default=150, help="tickets with and without personal data per round")
    a = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-privacy-"))
    bench_issue(folder, a.rounds, a.pairs)
    bench_board(folder)
    bench_logins(folder)
    bench_rotation(folder, a.rotate)


if __name__ == "__main__":
    main()
