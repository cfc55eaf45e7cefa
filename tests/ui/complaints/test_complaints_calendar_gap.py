"""The board when the working-day calendar does not know 2027 yet: pending
deadlines are shown as such (not as "–", not last), a banner asks for next
year's holidays, and entering them gives the cases their dates."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

import app.complaints as cp
from app.devices.printers import build_printer
from app.staff.roles import SYSTEM
from app.ui.complaints.board import COLOURS, ComplaintsBoard
from app.ui.i18n import install_language
from tests.ui.complaints.complaint_ui_support import Clock, context, make_branch

T = dt.datetime
BANNER = "Enter next year's holidays: the 2027 working-day calendar is not known yet."


@pytest.fixture
def branch(sqlite_url):
    db, staff = make_branch(sqlite_url, T(2026, 12, 1, 8))
    yield db, staff
    db.dispose()


def _intake(db, officer, at, **kw):  # type: ignore[no-untyped-def]
    args = dict(kind="complaint", channel="counter", content="年底排队太久", customer_name="王小明",
                customer_phone="13912345678", categories=["waiting_time"], received_at=at)
    args.update(kw)
    return cp.intake_complaint(db, actor=officer, now=at, **args)


def _board(qtbot, db, actor, clock) -> ComplaintsBoard:
    board = ComplaintsBoard(context(db, clock), actor)
    qtbot.addWidget(board)
    board.resize(1400, 900)
    board.show()
    return board


def _column(board: ComplaintsBoard, header: str) -> list[str]:
    col = [board.table.horizontalHeaderItem(i).text() for i in range(board.table.columnCount())].index(header)
    return [board.table.item(r, col).text() for r in range(board.table.rowCount())]


def test_pending_deadlines_and_the_banner_until_2027_is_entered(qtbot, branch):
    db, staff = branch
    o = staff["officer"]
    # Received Mon Dec 28 17:30 (after closing), acknowledged: its answer date is in 2027, unknown.
    pending = _intake(db, o, T(2026, 12, 28, 17, 30))
    cp.acknowledge(db, pending.reference, actor=o, now=T(2026, 12, 28, 17, 40))
    # A suggestion on Wed Dec 23 09:00 -> Dec 24, 25, 28, 29, 30: due 2026-12-30 17:00 (in 2 days);
    # its regulatory limit (Dec 23 + 15 = Jan 7) is pending too.
    later = _intake(db, o, T(2026, 12, 23, 9), kind="suggestion", categories=[])
    cp.acknowledge(db, later.reference, actor=o, now=T(2026, 12, 23, 10))
    board = _board(qtbot, db, o, Clock(T(2026, 12, 28, 18, 0)))

    assert board.calendar_banner.isVisible()
    assert board.calendar_banner.text() == BANNER + " Open cases with a pending deadline: 2."
    refs, due = _column(board, "Reference"), _column(board, "Due")
    # The pending case sorts as due soon: before the case due in two days.
    assert refs == [pending.reference, later.reference]
    assert due[0] == "Pending (2027 calendar missing)"
    assert due[1].startswith("12-30 17:00")
    assert board.table.item(0, 0).background().color() == COLOURS["pending"]
    assert board.overdue.text() == "Overdue: 0"
    board.select_reference(pending.reference)
    assert "Answer by: Pending (2027 calendar missing)" in board.case.facts.text()
    log = [board.case.log.item(i).text() for i in range(board.case.log.count())]
    assert log[1].endswith("officer  Deadline pending: the working-day calendar for 2027 is not known yet; "
                           "enter the 2027 holidays and make-up working days.")

    # The branch enters 2027: the case gets its date, the banner goes.
    cp.set_calendar_override(db, dt.date(2027, 1, 1), kind="holiday", note="元旦", actor=SYSTEM,
                             now=T(2026, 12, 28, 18, 5))
    board.reload()
    assert not board.calendar_banner.isVisible()
    refs, due = _column(board, "Reference"), _column(board, "Due")
    assert refs == [later.reference, pending.reference]
    # Dec 29 counting day (after closing), Dec 30, 31, Jan 4.
    assert due[1].startswith("01-04 17:00")
    board.select_reference(later.reference)  # the open case panel is read again when selected
    board.select_reference(pending.reference)
    log = [board.case.log.item(i).text() for i in range(board.case.log.count())]
    assert log[-1].endswith("Deadlines computed: answer by 2027-01-04 17:00, regulatory limit 2027-01-13 17:00")


def test_in_chinese_the_pending_deadline_and_banner_are_translated(qtbot, branch):
    db, staff = branch
    o = staff["officer"]
    c = _intake(db, o, T(2026, 12, 28, 17, 30))
    cp.acknowledge(db, c.reference, actor=o, now=T(2026, 12, 28, 17, 40))
    install_language("zh_CN")  # the autouse fixture sets the language again for the next test
    board = _board(qtbot, db, o, Clock(T(2026, 12, 28, 18, 0)))
    assert board.table.item(0, 1).text() == "待定 (缺2027年日历)"
    assert board.calendar_banner.text().startswith("请录入明年的节假日：2027年的工作日历尚未知。")


def test_from_november_the_banner_asks_for_next_year_before_any_case_waits(qtbot, branch):
    db, staff = branch
    board = _board(qtbot, db, staff["officer"], Clock(T(2026, 11, 23, 10)))
    assert board.calendar_banner.isVisible() and board.calendar_banner.text() == BANNER
    october = _board(qtbot, db, staff["officer"], Clock(T(2026, 10, 30, 10)))
    assert not october.calendar_banner.isVisible()


def test_a_case_taken_in_on_the_form_without_2027_is_stored(qtbot, branch, tmp_path):
    db, staff = branch
    printer = build_printer({"printer.simulated.folder": str(tmp_path)}, simulated=True)
    board = ComplaintsBoard(context(db, Clock(T(2026, 12, 28, 17, 30)), printer), staff["officer"])
    qtbot.addWidget(board)
    board.show()
    qtbot.mouseClick(board.new, Qt.MouseButton.LeftButton)
    form = board.form
    form.name.setText("王小明")
    qtbot.keyClicks(form.phone, "139 1234 5678")
    form.content.insertPlainText("排队等了一个半小时")
    form.categories["waiting_time"].setChecked(True)
    with qtbot.waitSignal(form.action_done, timeout=10_000):
        qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    assert board.stack.currentIndex() == 0
    assert _column(board, "Reference") == ["TS-20261228-0001"]
    # Received: the acknowledgement runs on the clock, the answer date waits.
    assert _column(board, "Due") == ["12-29 17:30 (in 1 d) · Pending (2027 calendar missing)"]
    # The customer still leaves with a receipt: it says the answer date will be
    # confirmed (no guessed date), and the print is recorded.
    qtbot.waitUntil(lambda: cp.get_complaint(db, "TS-20261228-0001", actor=staff["officer"],
                                             now=T(2026, 12, 28, 17, 31)).print_state == "printed",
                    timeout=5000)
    assert (tmp_path / "receipt-TS-20261228-0001.png").exists()
