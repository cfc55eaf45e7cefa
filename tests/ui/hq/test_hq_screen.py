"""The head-office screen: one tile per branch from the day summaries, the
branch furthest from the goal first and framed in red, a region chooser, and
one sentence when head office cannot be read."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

import app.queue as q  # noqa: E402
from app.hq.admin import add_reader  # noqa: E402
from app.hq.report import build_hq_report  # noqa: E402
from app.staff.roles import SYSTEM  # noqa: E402
from app.sync.hq import add_branch  # noqa: E402
from app.sync.worker import SyncWorker  # noqa: E402
from tests.integration.sync.conftest import branches, hq  # noqa: E402,F401 (fixtures)
from tests.integration.sync.support import busy_day  # noqa: E402

pytestmark = pytest.mark.postgres
DAY = dt.date(2026, 11, 23)


def test_tiles_per_branch_worst_first_with_regions(qtbot, hq, branches, lang):  # noqa: F811
    from app.ui.hq.screen import HqScreen
    from app.ui.theme import RED

    for code, region, tickets, seed in (("BR001", "华东", 30, 3), ("BR002", "华北", 12, 2)):
        add_branch(hq.admin_url, code, region=region)
        b = branches(code)
        busy_day(b.db, DAY, tickets, seed=seed)
        q.end_of_day(b.db, day=DAY, actor=SYSTEM, now=dt.datetime.combine(DAY, dt.time(18)))
        assert SyncWorker(b.db, b.cfg).run_once().ok
    add_reader(hq.admin_url, "hq_screen_reader", password="reader-pw")
    url = f"postgresql://hq_screen_reader:reader-pw@{hq.host}:{hq.port}/{hq.dbname}"
    at = dt.datetime.combine(DAY, dt.time(18, 30))
    report = {r.code: r for r in build_hq_report(url, DAY, DAY, as_of=at).branches}
    goal = (report["BR001"].within_target_pct + report["BR002"].within_target_pct) / 2  # one above, one under

    screen = HqScreen(url, at=at, goal=goal)
    qtbot.addWidget(screen)
    screen.resize(1280, 860)
    screen.show()
    qtbot.waitUntil(lambda: len(screen.cards) == 2, timeout=15_000)

    worst, best = sorted(report.values(), key=lambda r: r.within_target_pct)
    assert [c.title.text().split()[0] for c in screen.cards] == [worst.code, best.code]
    assert screen.cards[0].within.text() == f"{worst.within_target_pct:g}%"
    texts = " ".join(lab.text() for lab in screen.cards[0].lines)
    assert f"取号 {worst.issued}，办结 {worst.served}" in texts  # the screen speaks Chinese by default
    assert RED in screen.cards[0].frame.styleSheet() and RED in screen.cards[0].within.styleSheet()
    assert RED not in screen.cards[1].frame.styleSheet()
    assert screen.summary.text() == f"2 个网点，1 个低于 {goal:g}% 的目标（2026-11-23）"
    assert screen.columns >= 2  # side by side at 1280 pixels, no sideways scrolling

    screen.regions.setCurrentIndex(screen.regions.findData("华北"))
    qtbot.waitUntil(lambda: [c.tile.code for c in screen.cards] == ["BR002"], timeout=15_000)
    assert screen.summary.text().startswith("1 个网点")


def test_head_office_out_of_reach_is_one_sentence(qtbot, hq, lang):  # noqa: F811
    from app.ui.hq.screen import HqScreen

    screen = HqScreen(f"postgresql://nobody:wrong@{hq.host}:{hq.port}/{hq.dbname}",
                      at=dt.datetime.combine(DAY, dt.time(9)))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.bar.level == "error", timeout=15_000)
    text = screen.bar.text()
    assert text.startswith("Head office's database could not be reached") and "wrong" not in text
    assert "\n" not in text and screen.cards == []
