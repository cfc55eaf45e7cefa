"""Alerts on the manager screen (offscreen Qt): every rule's alert appears as
it is raised through the service functions and leaves as it clears; a new
one plays the alert sound and shows a desktop note; the manager acknowledges
it; a low rating becomes a complaint linked to its ticket in one click."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

import app.complaints as cp  # noqa: E402
import app.queue as q  # noqa: E402
from app.bootstrap import build  # noqa: E402
from app.settings import change_settings  # noqa: E402
from app.staff.roles import SYSTEM, Actor  # noqa: E402
from app.sync.state import save_failure, save_success  # noqa: E402

MANAGER = Actor("boss", frozenset({"manager"}))


class Printer:
    screen_only = simulated = False


@pytest.fixture
def screen(qtbot, sqlite_url, at, lang):
    from app.ui.bridge import FeedBridge
    from app.ui.context import fixed_context
    from app.ui.lobby.announcer import RecordingOutput
    from app.ui.manager.screen import ManagerScreen
    from app.ui.status import StaffStatus

    app_ctx = build(sqlite_url)
    q.init_catalogue(app_ctx.db, actor=SYSTEM, now=at(8, 0))
    app_ctx.devices["printer"] = Printer()
    clock = {"now": at(9, 0)}
    bridge = FeedBridge(app_ctx.db, interval_ms=30)
    ctx = fixed_context(app_ctx, bridge, lambda: clock["now"])
    ctx.extras["alert_sound"] = RecordingOutput()
    ctx.extras["status"] = StaffStatus(app_ctx, bridge=bridge)  # not started: the test sets its printer state
    bridge.start()
    widget = ManagerScreen(ctx, MANAGER)
    widget.clock = clock
    qtbot.addWidget(widget)
    widget.resize(1500, 950)
    widget.show()
    qtbot.waitUntil(lambda: widget.alerts.seen is not None, timeout=5000)
    yield widget
    bridge.stop()
    widget.close()
    app_ctx.close()


def check_at(screen, qtbot, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    """The clock moves on; the screen's alert check runs (as its timer would)."""
    screen.clock["now"] = now
    screen.alerts.watcher.loader.trigger()
    qtbot.waitUntil(lambda: screen.alerts.watcher.last is not None and screen.alerts.watcher.last.at == now,
                    timeout=5000)


def rules_shown(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(a.rule for a in screen.alerts.panel.board.open)


def test_every_rule_appears_and_clears_on_the_manager_screen(screen, qtbot, at):
    db = screen.ctx.db
    change_settings(db, {"alerts.queue_length_max": 1, "alerts.complaint_due_hours": 48,
                         "sync.hq_url": "postgresql://br@hq.example/hq"},
                    actor=SYSTEM, now=at(8, 0))
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))  # A and D
    q.open_window(db, window=3, actor=SYSTEM, now=at(8, 30))  # A and E
    q.pause_window(db, window=3, reason="午休", actor=SYSTEM, now=at(8, 40))
    for minute in range(3):
        q.issue_ticket(db, service="A", actor=SYSTEM, now=at(8, 41 + minute))
    q.issue_ticket(db, service="B", actor=SYSTEM, now=at(8, 50))  # no window serves B
    t = q.call_next(db, window=1, actor=SYSTEM, now=at(8, 51))
    q.finish(db, window=1, actor=SYSTEM, now=at(8, 55))
    q.rate_ticket(db, t.number, rating=1, actor=SYSTEM, now=at(8, 56))
    case = cp.intake_complaint(db, kind="complaint", channel="counter", content="等太久",
                               customer_phone="13800138000", actor=SYSTEM, now=at(8, 57))
    save_success(db, at(8, 0))
    save_failure(db, "Head office could not be reached.", at(8, 20))
    screen.ctx.extras["status"].printer_kind = "paper_out"
    check_at(screen, qtbot, at(9, 10))

    qtbot.waitUntil(lambda: len(rules_shown(screen)) == 8, timeout=5000)
    assert rules_shown(screen) == ["complaint_due", "low_rating", "no_window", "printer", "queue_length",
                                   "sync_failing", "wait_over_target", "window_idle"]
    assert screen.alerts.panel.count.text() == "8 条未处理，8 条尚未查看"
    sentences = " | ".join(row[2] for row in screen.alerts.panel.row_texts())
    assert "取号机打印机缺纸" in sentences and "A001 号客户评价 1 分（1 号窗口）" in sentences
    hours = int((case.ack_due - at(9, 10)).total_seconds() // 3600)
    assert f"投诉 {case.reference} 需在 {hours} 小时内确认受理" in sentences
    assert "3 号窗口已暂停" in sentences and "B 业务" in sentences

    # Every condition ends: the list empties as each alert clears.
    screen.ctx.extras["status"].printer_kind = "ok"
    save_success(db, at(9, 30))
    cp.acknowledge(db, case.reference, note="已联系", actor=SYSTEM, now=at(9, 30))
    cp.intake_complaint(db, kind="complaint", channel="counter", content="评价低", customer_phone="13800138000",
                        ticket=t.number, actor=SYSTEM, now=at(10, 0))
    change_settings(db, {"alerts.complaint_due": False}, actor=SYSTEM, now=at(10, 0))  # the new case is due too
    q.end_of_day(db, day=at(0).date(), actor=SYSTEM, now=at(18, 0))  # nobody waits any more, windows closed
    check_at(screen, qtbot, at(18, 1))
    qtbot.waitUntil(lambda: rules_shown(screen) == [], timeout=5000)
    assert screen.alerts.panel.empty.isVisible() and screen.alerts.panel.empty.text() == "没有未处理的提醒。"


def test_a_new_alert_sounds_shows_a_note_and_is_acknowledged(screen, qtbot, at):
    db = screen.ctx.db
    q.issue_ticket(db, service="B", actor=SYSTEM, now=at(9, 0))  # no window open for B
    check_at(screen, qtbot, at(9, 1))
    qtbot.waitUntil(lambda: rules_shown(screen) == ["no_window"], timeout=5000)
    played = screen.ctx.extras["alert_sound"].played
    assert [u.clips for u in played] == [("alert",)]
    note = screen.alerts.announcer.note
    assert note.isVisible() and "B 业务：1 人等候，没有开放的窗口办理" in note.body.text()
    row = screen.alerts.panel.row_texts()[0]
    assert row[3] == "新"
    screen.alerts.panel.button(0, "确认已阅").click()
    qtbot.waitUntil(lambda: screen.alerts.panel.row_texts()[0][3].startswith("boss"), timeout=5000)
    assert screen.alerts.panel.row_texts()[0][3] == "boss 09:01"
    assert screen.alerts.panel.button(0, "确认已阅") is None  # nothing left to acknowledge
    check_at(screen, qtbot, at(9, 2))
    assert len(played) == 1  # the same alert, still open: no second sound


def test_a_low_rating_becomes_a_complaint_in_one_click(screen, qtbot, at, aloop):
    db = screen.ctx.db
    q.open_window(db, window=1, actor=SYSTEM, now=at(8, 30))
    q.issue_ticket(db, service="A", actor=SYSTEM, now=at(8, 40))
    t = q.call_next(db, window=1, actor=SYSTEM, now=at(8, 41))
    q.finish(db, window=1, actor=SYSTEM, now=at(8, 50))
    q.rate_ticket(db, t.number, rating=2, actor=SYSTEM, now=at(8, 51))
    check_at(screen, qtbot, at(9, 0))
    qtbot.waitUntil(lambda: rules_shown(screen) == ["low_rating"], timeout=5000)
    screen.alerts.panel.button(0, "受理投诉…").click()
    form = screen.alerts.dialog.form
    assert form.ticket.text() == "A001" and form.window.value() == 1 and form.kind.currentData() == "complaint"
    form.phone.setText("13800138000")
    form.content.setPlainText("柜员态度不好")
    form.submit.click()
    qtbot.waitUntil(lambda: not screen.alerts.dialog.isVisible(), timeout=5000)
    (case,) = cp.list_complaints(db, actor=SYSTEM, now=at(9, 1))
    assert case.ticket_number == "A001"
    check_at(screen, qtbot, at(9, 2))
    qtbot.waitUntil(lambda: rules_shown(screen) == [], timeout=5000)
