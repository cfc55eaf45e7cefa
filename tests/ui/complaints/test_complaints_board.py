"""The complaints board driven through its widgets: intake on the form, the
case on the board, steps on the case, refusals shown as one sentence."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.devices.printers import build_printer
from app.ui.complaints.board import COLOURS, ComplaintsBoard
from tests.ui.complaints.complaint_ui_support import Clock, context, make_branch, sample_cases

T = dt.datetime


@pytest.fixture
def branch(sqlite_url):
    db, staff = make_branch(sqlite_url, T(2026, 11, 16, 8))
    yield db, staff
    db.dispose()


def _board(qtbot, db, actor, clock, printer=None) -> ComplaintsBoard:
    board = ComplaintsBoard(context(db, clock, printer), actor)
    qtbot.addWidget(board)
    board.resize(1400, 900)
    board.show()
    return board


def click(qtbot, view, button) -> None:
    """Click a step or submit button and wait until it has come back from the worker thread."""
    with qtbot.waitSignal(view.action_done, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def act(qtbot, board: ComplaintsBoard, key: str) -> None:
    """Run one step through the case view and wait for its answer."""
    with qtbot.waitSignal(board.case.action_done, timeout=10_000):
        board.case.on_action(key)


def _column(board: ComplaintsBoard, header: str) -> list[str]:
    col = [board.table.horizontalHeaderItem(i).text() for i in range(board.table.columnCount())].index(header)
    return [board.table.item(r, col).text() for r in range(board.table.rowCount())]


def test_intake_on_the_form_then_act_on_the_board(qtbot, branch, tmp_path):
    db, staff = branch
    clock = Clock(T(2026, 11, 23, 10, 0))
    printer = build_printer({"printer.simulated.folder": str(tmp_path)}, simulated=True)
    board = _board(qtbot, db, staff["officer"], clock, printer)
    assert board.table.rowCount() == 0
    qtbot.mouseClick(board.new, Qt.MouseButton.LeftButton)
    form = board.form
    assert board.stack.currentWidget() is form
    form.name.setText("王小明")  # keyClicks types ASCII only
    qtbot.keyClicks(form.phone, "139 1234 5678")
    form.content.insertPlainText("排队等了一个半小时")
    form.categories["waiting_time"].setChecked(True)
    click(qtbot, form, form.submit)
    # Back on the board: the new case, masked, with its deadline; the receipt printed.
    assert board.stack.currentIndex() == 0
    assert _column(board, "Reference") == ["TS-20261123-0001"]
    assert _column(board, "Contact") == ["*******5678"]
    assert _column(board, "Customer") == ["王**"]
    qtbot.waitUntil(lambda: "printed" in board.bar.text(), timeout=10_000)
    assert (tmp_path / "receipt-TS-20261123-0001.png").exists()
    # The case view shows the personal data to the officer, and acts on it.
    assert board.case.case.reference == "TS-20261123-0001"
    assert "13912345678" in board.case.facts.text()
    assert "排队等了一个半小时" in board.case.content.text()
    assert not board.case.buttons["resolve"].isEnabled()
    clock.now = T(2026, 11, 23, 11, 0)
    click(qtbot, board.case, board.case.buttons["acknowledge"])
    assert _column(board, "Status") == ["Acknowledged"]
    click(qtbot, board.case, board.case.buttons["start"])
    board.case.note.insertPlainText("致歉并增开窗口")
    click(qtbot, board.case, board.case.buttons["resolve"])
    # an answered case not yet told to the customer is still on the default list
    assert board.status.currentData() == "not_closed" and _column(board, "Status") == ["Resolved"]
    board.status.setCurrentIndex(board.status.findData("open"))
    assert _column(board, "Status") == []  # no longer awaiting an answer
    board.status.setCurrentIndex(board.status.findData(None))
    assert _column(board, "Status") == ["Resolved"]
    log = [board.case.log.item(i).text() for i in range(board.case.log.count())]
    assert any("致歉并增开窗口" in line for line in log) and len(log) >= 5


def test_form_marks_every_refused_field_at_once_and_stores_nothing(qtbot, branch):
    """The defect: a complaint took four tries, one refusal per submit."""
    db, staff = branch
    board = _board(qtbot, db, staff["officer"], Clock(T(2026, 11, 23, 10)))
    board.open_form()
    form = board.form
    assert form.phone_label.text() == "Phone *" and "needs a phone number or an email" in form.contact_note.text()
    qtbot.keyClicks(form.phone, "139x")
    assert form.errors["phone"].text() == "Digits only"  # as it is typed
    form.phone.setText("12")
    qtbot.keyClicks(form.email, "not-an-address")
    form.name.setText("王" * 60)
    click(qtbot, form, form.submit)
    assert form.bar.text() == "Please correct the marked fields; nothing was stored."
    shown = {field: err.text() for field, err in form.errors.items() if err.isVisible()}
    assert shown == {"phone": "7 to 15 digits", "email": "Not an email address",
                     "customer name": "At most 50 characters"}
    assert form.content_error.text() == "Please write down what the customer says."
    assert form.name.text() == "王" * 60  # nothing cut short without a word
    assert board.stack.currentWidget() is form
    form.kind.setCurrentIndex(form.kind.findData("praise"))  # praise needs no contact
    assert form.phone_label.text() == "Phone" and form.contact_note.text() == ""
    board.stack.setCurrentIndex(0)
    board.reload()
    assert board.table.rowCount() == 0


def test_a_complaint_links_a_ticket_of_an_earlier_day(qtbot, branch):
    import app.queue as q
    from app.staff.roles import SYSTEM

    db, staff = branch
    q.issue_ticket(db, service="A", actor=SYSTEM, now=T(2026, 11, 19, 9, 30))
    board = _board(qtbot, db, staff["officer"], Clock(T(2026, 11, 23, 10)))
    board.open_form()
    form = board.form
    form.phone.setText("13912345678")
    form.content.insertPlainText("上周四等了很久")
    form.ticket.setText("A001")
    form.ticket_day.setDate(form.ticket_day.date().addDays(-4))
    click(qtbot, form, form.submit)
    assert board.stack.currentIndex() == 0
    assert board.case.case.ticket_number == "A001"


def test_closing_asks_for_the_satisfaction_it_never_assumes(qtbot, branch):
    import app.complaints as cp

    db, staff = branch
    sample_cases(db, staff["officer"])
    ref = "TS-20261117-0001"
    for step in (cp.start_handling, ):
        step(db, ref, actor=staff["officer"], now=T(2026, 11, 23, 9))
    cp.resolve_case(db, ref, resolution="已致歉", actor=staff["officer"], now=T(2026, 11, 23, 10))
    cp.notify_customer(db, ref, method="phone", actor=staff["officer"], now=T(2026, 11, 23, 11))
    board = _board(qtbot, db, staff["officer"], Clock(T(2026, 11, 23, 15)))
    assert board.select_reference(ref)
    assert board.case.satisfaction.currentData() is None
    qtbot.mouseClick(board.case.buttons["close"], Qt.MouseButton.LeftButton)
    assert "satisfied" in board.case.bar.text() and board.case.case.status == "notified"
    board.case.satisfaction.setCurrentIndex(board.case.satisfaction.findData(4))
    click(qtbot, board.case, board.case.buttons["close"])
    assert cp.get_complaint(db, ref, actor=staff["officer"], now=T(2026, 11, 23, 15)).satisfaction == 4
    assert board.case.satisfaction.currentData() is None  # not carried over


def test_out_of_order_step_shows_a_sentence(qtbot, branch):
    db, staff = branch
    sample_cases(db, staff["officer"])
    board = _board(qtbot, db, staff["boss"], Clock(T(2026, 11, 23, 15)))
    assert board.select_reference("TS-20261123-0001")
    board.case.satisfaction.setCurrentIndex(board.case.satisfaction.findData(5))
    act(qtbot, board, "close")  # a received case cannot be closed
    assert "cannot be closed now" in board.case.bar.text()
    assert board.case.case.status == "received"


def test_board_sorted_by_deadline_with_colours_and_overdue_count(qtbot, branch):
    db, staff = branch
    sample_cases(db, staff["officer"])
    board = _board(qtbot, db, staff["boss"], Clock(T(2026, 11, 23, 15)))
    refs = _column(board, "Reference")
    assert refs[0] == "TS-20261117-0001" and refs[-1] == "TS-20261119-0001"  # overdue first, paused last
    assert board.table.item(0, 0).background().color() == COLOURS["overdue"]
    assert board.table.item(1, 0).background().color() == COLOURS["due_soon"]
    assert board.overdue.text() == "Overdue: 1"
    assert "overdue" in _column(board, "Due")[0]
    board.kind.setCurrentIndex(board.kind.findData("suggestion"))
    assert _column(board, "Reference") == ["TS-20261120-0001"]
    board.kind.setCurrentIndex(0)
    board.search.setText("李")
    board.reload()
    assert _column(board, "Reference") == ["TS-20261117-0001"]


@pytest.mark.parametrize("role", ["teller1", "greeter1"])
def test_greeter_and_teller_cannot_see_complaints(qtbot, branch, role):
    db, staff = branch
    sample_cases(db, staff["officer"])
    board = _board(qtbot, db, staff[role], Clock(T(2026, 11, 23, 15)))
    assert board.table.rowCount() == 0
    assert "not allowed" in board.bar.text()
    assert not board.new.isEnabled()
    board.case.show_case("TS-20261123-0001")
    assert board.case.content.text() == "" and "not allowed" in board.case.bar.text()


def test_cases_from_another_pc_arrive_through_the_change_feed(qtbot, branch):
    import app.complaints as cp
    from app.ui.bridge import FeedBridge

    db, staff = branch
    clock = Clock(T(2026, 11, 23, 10))
    ctx = context(db, clock)
    ctx.bridge = FeedBridge(db, interval_ms=20)
    board = ComplaintsBoard(ctx, staff["officer"])
    qtbot.addWidget(board)
    ctx.bridge.start()
    cp.intake_complaint(db, kind="praise", channel="letter", content="谢谢", actor=staff["boss"], now=clock())
    qtbot.waitUntil(lambda: board.table.rowCount() == 1, timeout=5_000)
    assert _column(board, "Kind") == ["Praise"]
    ctx.bridge.stop()


def test_the_board_speaks_chinese_by_default(qtbot, branch):
    from app.ui.i18n import install_language

    db, staff = branch
    sample_cases(db, staff["officer"])
    install_language("zh_CN")
    board = _board(qtbot, db, staff["officer"], Clock(T(2026, 11, 23, 15)))
    assert board.new.text() == "新登记"
    assert board.overdue.text() == "超期：1"
    assert "超期" in _column(board, "期限")[0]
    assert _column(board, "状态")[0] == "已确认"


def test_refusals_are_said_in_chinese(qtbot, branch):
    from app.ui.i18n import install_language

    db, staff = branch
    sample_cases(db, staff["officer"])
    install_language("zh_CN")
    board = _board(qtbot, db, staff["boss"], Clock(T(2026, 11, 23, 15)))
    board.open_form()
    qtbot.keyClicks(board.form.phone, "13912345678")
    click(qtbot, board.form, board.form.submit)
    assert board.form.bar.text() == "请修改标出的内容；尚未保存。"
    assert board.form.content_error.text() == "请填写客户反映的内容。"
    board.stack.setCurrentIndex(0)
    assert board.select_reference("TS-20261123-0001")
    board.case.satisfaction.setCurrentIndex(board.case.satisfaction.findData(5))
    act(qtbot, board, "close")  # a received case cannot be closed
    assert board.case.bar.text() == "该案件当前为“已受理”，现在不能办结。"
    act(qtbot, board, "reopen")  # no reason given: nothing changes
    assert board.case.bar.text() == "请填写原因。"


def test_a_jammed_printer_keeps_the_case(qtbot, branch):
    from app.devices.base import PrinterError

    class Jammed:
        def print_receipt(self, job):  # type: ignore[no-untyped-def]
            raise PrinterError("The printer is out of paper.", kind="paper_out")

    db, staff = branch
    board = _board(qtbot, db, staff["officer"], Clock(T(2026, 11, 23, 10)), Jammed())
    board.open_form()
    board.form.kind.setCurrentIndex(board.form.kind.findData("praise"))
    board.form.content.insertPlainText("谢谢柜员")
    click(qtbot, board.form, board.form.submit)
    qtbot.waitUntil(lambda: "could not be printed" in board.bar.text(), timeout=10_000)
    assert _column(board, "Reference") == ["TS-20261123-0001"]
    assert board.reprint.isEnabled()


def test_a_locked_database_never_freezes_the_board(qtbot, branch, tmp_path):
    """Another process holds the write lock: the step waits in a worker thread,
    the board keeps running its timers, and the step lands once the lock is gone."""
    import sqlite3
    import time

    from PySide6.QtCore import QTimer

    db, staff = branch
    sample_cases(db, staff["officer"])
    board = _board(qtbot, db, staff["officer"], Clock(T(2026, 11, 23, 15)))
    assert board.select_reference("TS-20261123-0001")
    assert board.case.case.status == "received"
    ticks: list[int] = []

    def tick() -> None:
        ticks.append(1)

    timer = QTimer(board)
    timer.timeout.connect(tick)
    timer.start(20)
    other = sqlite3.connect(tmp_path / "branch.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.mouseClick(board.case.buttons["acknowledge"], Qt.MouseButton.LeftButton)
        started = time.monotonic()
        qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2_000)  # the board's timers still fire
        assert time.monotonic() - started < 2
        assert board.case.in_flight and not board.case.buttons["acknowledge"].isEnabled()
        assert board.case.case.status == "received"
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: board.case.case is not None and board.case.case.status == "acknowledged",
                    timeout=10_000)
    timer.stop()
    assert not board.case.in_flight
    assert "Acknowledge" in board.case.bar.text()
    qtbot.waitUntil(lambda: "Acknowledged" in _column(board, "Status"), timeout=5_000)


def test_a_pc_without_the_data_key_shows_the_case_masked_and_says_why(qtbot, branch, tmp_path, monkeypatch):
    db, staff = branch
    sample_cases(db, staff["officer"])
    monkeypatch.setenv("BRANCHDESK_KEY_DIR", str(tmp_path / "another-pc"))  # this PC never imported the key
    board = _board(qtbot, db, staff["officer"], Clock(T(2026, 11, 23, 15, 0)))
    assert "王**" in _column(board, "Customer")
    board.case.show_case("TS-20261117-0001")
    assert board.case.case.reference == "TS-20261117-0001" and board.case.detail is None
    assert "李*" in board.case.facts.text() and "13600001234" not in board.case.facts.text()
    assert "data key" in board.case.bar.text() and "privacy import-key" in board.case.bar.text()
