"""``branchdesk hq add-branch --region``, ``hq add-reader`` and ``hq report`` as a
person runs them: files written with -o, one line for bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess

import pytest

from app.staff.roles import SYSTEM
from app.sync.worker import SyncWorker
from tests.integration.core_support import cli
from tests.integration.sync.conftest import branches, hq  # noqa: F401 (fixtures)
from tests.integration.sync.support import busy_day

pytestmark = pytest.mark.postgres


def test_regions_a_reader_and_the_report_in_every_format(hq, branches, tmp_path):  # noqa: F811
    import app.queue as q

    for code, region in (("BR001", "华东"), ("BR002", "华北")):
        r = cli("--db", hq.admin_url, "hq", "add-branch", code, "--region", region, "--password", f"pw-{code}")
        assert r.returncode == 0, r.stderr
    for code, seed in (("BR001", 1), ("BR002", 2)):
        b = branches(code)
        busy_day(b.db, dt.date(2026, 11, 23), 12, seed=seed)
        q.end_of_day(b.db, day=dt.date(2026, 11, 23), actor=SYSTEM, now=dt.datetime(2026, 11, 23, 18))
        assert SyncWorker(b.db, b.cfg).run_once().ok
    role = f"{hq.dbname}_reports"
    r = cli("--db", hq.admin_url, "hq", "add-reader", role)
    assert r.returncode == 0 and "shown once" in r.stdout
    password = r.stdout.strip().splitlines()[-1].split(": ")[-1]
    reader = f"postgresql://{role}:{password}@{hq.host}:{hq.port}/{hq.dbname}"
    period = ("--from", "2026-11-01", "--to", "2026-11-30", "--at", "2026-12-01T09:00")

    pdf = tmp_path / "hq.pdf"
    r = cli("--db", reader, "hq", "report", *period, "-o", str(pdf), "--goal", "100")
    assert r.returncode == 0, r.stderr
    assert "2 branches" in r.stdout and "2 missed a target" in r.stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "各网点汇总报告" in text and "2026-11-01 – 2026-11-30" in text
    missed = text[text.index("Branches that missed a target"):]
    assert "BR001" in missed and "BR002" in missed and "in target" in missed
    r = cli("--db", reader, "hq", "report", *period, "--format", "csv", "--region", "华东")
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    table = rows[rows.index(["# branches"]) + 2:]
    assert [row[1] for row in table[:2]] == ["BR001", "*"]  # one branch, then the total line
    data = json.loads(cli("--db", reader, "--json", "hq", "report", *period, "--format", "json").stdout)
    assert data["kind"] == "hq" and {b["code"] for b in data["branches"]} == {"BR001", "BR002"}
    assert len(data["trend"]) == 30

    for args, message in (
        (("--from", "2026-11-30", "--to", "2026-11-01", "--format", "csv"), "before it starts"),
        (("--from", "2026-11-01", "--to", "2026-11-30"), "Say which format"),
        (("--from", "2026-11-01", "--to", "2026-11-30", "--format", "pdf"), "needs a file name"),
        (("--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv", "--region", "火星"), "No branch is in"),
    ):
        r = cli("--db", reader, "hq", "report", *args, "--at", "2026-12-01T09:00")
        assert r.returncode == 2 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    r = cli("--db", f"postgresql://{role}:wrong@{hq.host}:{hq.port}/{hq.dbname}", "hq", "report", *period,
            "--format", "csv")
    assert r.returncode == 1 and "could not be reached" in r.stderr and "wrong" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
