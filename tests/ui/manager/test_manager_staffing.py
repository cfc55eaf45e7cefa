"""Staffing advice on the manager screen: today hour by hour against the
windows open so far, and the next seven days against the windows usually open."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

import app.queue as q  # noqa: E402
from app.bootstrap import build  # noqa: E402
from app.staff.roles import SYSTEM, Actor  # noqa: E402


def test_staffing_today_and_next_week(qtbot, sqlite_url, lang):
    from PySide6.QtGui import QColor

    from app.ui.bridge import FeedBridge
    from app.ui.context import fixed_context
    from app.ui.manager.screen import ManagerScreen

    app_ctx = build(sqlite_url)
    db = app_ctx.db
    q.init_catalogue(db, actor=SYSTEM, now=dt.datetime(2026, 11, 1, 8))
    for monday in (dt.date(2026, 11, 16), dt.date(2026, 11, 23)):
        at = lambda h, m=0, d=monday: dt.datetime.combine(d, dt.time(h, m))  # noqa: E731
        q.open_window(db, window=1, actor=SYSTEM, now=at(9))
        for i in range(5):
            q.issue_ticket(db, service="A", actor=SYSTEM, now=at(9, 10 * i))
            q.call_next(db, window=1, finish_current=True, actor=SYSTEM, now=at(9, 10 * i + 1))
        q.end_of_day(db, day=monday, actor=SYSTEM, now=at(10))
    bridge = FeedBridge(db, interval_ms=50)
    ctx = fixed_context(app_ctx, bridge, lambda: dt.datetime(2026, 11, 30, 9, 30))
    bridge.start()
    screen = ManagerScreen(ctx, Actor("boss", frozenset({"manager"})))
    qtbot.addWidget(screen)
    screen.resize(1500, 950)
    screen.show()
    try:
        qtbot.waitUntil(lambda: screen.advice is not None, timeout=5000)
        screen.tabs.setCurrentIndex(1)
        today = screen.staffing_today
        assert [today.cell_text(0, c) for c in range(5)] == ["09:00", "5", "1", "0", "0%"]
        assert today.table.item(0, 3).foreground().color() == QColor("#c0392b")  # fewer open than needed
        assert "80%" in today.note.text()
        week = screen.staffing_week
        headers = [week.table.horizontalHeaderItem(c).text() for c in range(week.table.columnCount())]
        assert headers[1] == "周二 12-01" and headers[-1] == "周一 12-07"
        assert week.cell_text(0, 0) == "09:00" and week.cell_text(0, 7) == "1 / 1" and week.cell_text(0, 1) == "–"
    finally:
        bridge.stop()
        screen.close()
        app_ctx.close()
