"""Many branches pushing into one head office at once (the short form of
``benchmarks/bench_hq.py ingest``): every branch's events arrive once, in its
order, and each branch's day summary counts its tickets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))

from bench_hq_ingest import run_ingest, template  # noqa: E402

from app.sync.hq import upgrade_hq  # noqa: E402

pytestmark = pytest.mark.postgres


def test_twelve_branches_at_once_lose_and_double_nothing(pg_server, tmp_path):
    dbname = pg_server.create_database()
    admin = pg_server.url(dbname)
    upgrade_hq(admin)
    tpl = template(tmp_path, 240)
    out = run_ingest(admin, "127.0.0.1", pg_server.port, dbname, tpl, tmp_path, 12, processes=2)
    assert [r.error for r in out["results"] if not r.ok] == []
    check = out["check"]
    assert check["events_per_branch"] > 100
    assert sum(r.pushed for r in out["results"]) == 12 * check["events_per_branch"]
    assert (check["lost"], check["duplicated"], check["branches_not_matching"], check["summaries_not_matching"]) \
        == (0, 0, 0, 0)
