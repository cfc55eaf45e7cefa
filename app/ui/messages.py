"""One shared way to tell a person what went wrong: one translated sentence.

``describe(exc)`` maps an error's ``.code`` (DomainError), class (StoreError)
or ``.kind`` (PrinterError) to translated text, falling back to the error's own
English sentence. ``MessageBar`` shows it without blocking anyone or moving anything.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

from app.devices.base import PrinterError
from app.errors import DomainError
from app.store.errors import DatabaseTooNew, DatabaseUnavailable, StoreError

log = logging.getLogger("branchdesk.ui")


def _domain_text(exc: DomainError) -> str | None:
    field = exc.params.get("field")
    if exc.code == "invalid_input":
        complaint = _complaint_input_text(exc)
        if complaint is not None:
            return complaint
        by_field = {
            "phone": QCoreApplication.translate("Messages", "Please check the phone number: 7 to 15 digits, or a valid mobile number."),
            "name": QCoreApplication.translate("Messages", "The name is too long (at most 50 characters)."),
            "need": QCoreApplication.translate("Messages", "The note is too long (at most 500 characters)."),
            "reason": QCoreApplication.translate("Messages", "Please give a short reason for the pause."),
            "rating": QCoreApplication.translate("Messages", "Please choose 1 to 5 stars."),
        }
        return by_field.get(str(field))
    window = exc.params.get("window", "")
    ticket = exc.params.get("ticket", "")
    texts = {
        "not_permitted": QCoreApplication.translate("Messages", "You are not allowed to do this, or the username or password is wrong."),
        "unknown_service": QCoreApplication.translate("Messages", "This service does not exist."),
        "unknown_window": QCoreApplication.translate("Messages", "This window does not exist."),
        "unknown_ticket": QCoreApplication.translate("Messages", "No such ticket today."),
        "unknown_staff": QCoreApplication.translate("Messages", "No such staff account."),
        "no_ticket_waiting": QCoreApplication.translate("Messages", "Nobody is waiting for this window."),
        "window_closed": QCoreApplication.translate("Messages", "Window %1 is not open. Open it first.").replace("%1", str(window)),
        "window_busy": QCoreApplication.translate("Messages", "Ticket %1 is still at this window. Finish it or mark it no-show first.")
        .replace("%1", str(ticket)),
        "invalid_state": QCoreApplication.translate("Messages", "That is not possible for this ticket at the moment."),
        "queue_full": QCoreApplication.translate("Messages", "All numbers of this service are in use today."),
        "service_inactive": QCoreApplication.translate("Messages", "This service is not offered right now."),
    }
    if exc.code in texts:
        return texts[exc.code]
    return _complaint_text(exc) or _report_text(exc)


# Free-text fields of the complaint window, checked by app.complaints.rules.clean_text
# ("The <label> is missing." / "... is too long (at most N characters).").
def _text_field_name(label: str) -> str | None:
    return {
        "content": QCoreApplication.translate("Messages", "complaint text"),
        "customer name": QCoreApplication.translate("Messages", "customer name"),
        "note": QCoreApplication.translate("Messages", "note"),
        "resolution": QCoreApplication.translate("Messages", "answer to the customer"),
        "reason": QCoreApplication.translate("Messages", "reason"),
        "reason for the extension": QCoreApplication.translate("Messages", "reason for the extension"),
    }.get(label)


def _complaint_input_text(exc: DomainError) -> str | None:
    """The complaint window's refusals of one field (None: not one of them)."""
    field = str(exc.params.get("field"))
    if field == "reason" and "pause" in exc.message:  # the teller's pause reason
        return None
    name = _text_field_name(field)
    if name is not None:
        if "too long" in exc.message:
            limit = re.search(r"at most (\d+)", exc.message)
            return (QCoreApplication.translate("Messages", "The %1 is too long (at most %2 characters).")
                    .replace("%1", name).replace("%2", limit.group(1) if limit else "?"))
        return QCoreApplication.translate("Messages", "Please fill in the %1.").replace("%1", name)
    if field == "notified_at":
        if "future" in exc.message:
            return QCoreApplication.translate("Messages", "The time the customer was told cannot be in the future.")
        return QCoreApplication.translate("Messages", "The customer cannot be told the answer before the case is resolved.")
    texts = {
        "kind": QCoreApplication.translate("Messages", "Please choose an entry from the list."),
        "channel": QCoreApplication.translate("Messages", "Please choose an entry from the list."),
        "notification method": QCoreApplication.translate("Messages", "Please choose how the customer was told."),
        "pause reason": QCoreApplication.translate("Messages", "Please choose why the clock is paused."),
        "email": QCoreApplication.translate("Messages", "Please check the email address."),
        "contact": QCoreApplication.translate("Messages", "A complaint needs a phone number or an email address to answer the customer."),
        "received_at": QCoreApplication.translate("Messages", "The time received cannot be in the future."),
        "categories": QCoreApplication.translate("Messages", "Please choose categories from the list."),
        "adopted": QCoreApplication.translate("Messages", "Say whether the suggestion was adopted before closing it."),
        "handler": QCoreApplication.translate("Messages", "This staff member does not handle complaints; choose another."),
        "satisfaction": QCoreApplication.translate("Messages", "Please choose the customer's satisfaction, 1 to 5."),
        "extend": QCoreApplication.translate("Messages", "The regulatory limit is already at its maximum of 60 days."),
        "closing_time": QCoreApplication.translate("Messages", "The closing time should look like 17:00."),
        "period": QCoreApplication.translate("Messages", "Choose a month (such as 2026-11) or a quarter (such as 2026Q4)."),
        "month": QCoreApplication.translate("Messages", "Choose a month such as 2026-11."),
        "quarter": QCoreApplication.translate("Messages", "Choose a quarter such as 2026Q4."),
        "resolve_days": QCoreApplication.translate("Messages", "A category's deadline is 1 to 30 working days."),
    }
    return texts.get(field)


def _complaint_status(status: str) -> str:
    return {
        "received": QCoreApplication.translate("Messages", "received"),
        "acknowledged": QCoreApplication.translate("Messages", "acknowledged"),
        "in_progress": QCoreApplication.translate("Messages", "in progress"),
        "paused": QCoreApplication.translate("Messages", "paused"),
        "resolved": QCoreApplication.translate("Messages", "resolved"),
        "notified": QCoreApplication.translate("Messages", "customer notified"),
        "closed": QCoreApplication.translate("Messages", "closed"),
    }.get(status, status)


def _complaint_text(exc: DomainError) -> str | None:
    """app/complaints/errors.py: CalendarUnknown, UnknownComplaint, InvalidComplaintState."""
    p = exc.params
    if exc.code == "calendar_unknown":
        if p.get("year"):
            return (QCoreApplication.translate("Messages", "The working-day calendar for %1 is not known yet: enter the "
                                               "branch's holidays and make-up working days for %1 first.")
                    .replace("%1", str(p["year"])))
        return QCoreApplication.translate("Messages", "The working-day calendar does not reach that far yet.")
    if exc.code == "unknown_complaint":
        return QCoreApplication.translate("Messages", "There is no complaint case %1.").replace("%1", str(p.get("reference", "")))
    if exc.code == "invalid_complaint_state":
        steps = {
            "acknowledge": QCoreApplication.translate("Messages", "acknowledged", "complaint step"),
            "start": QCoreApplication.translate("Messages", "started", "complaint step"),
            "pause": QCoreApplication.translate("Messages", "paused", "complaint step"),
            "resume": QCoreApplication.translate("Messages", "resumed", "complaint step"),
            "resolve": QCoreApplication.translate("Messages", "answered", "complaint step"),
            "notify": QCoreApplication.translate("Messages", "marked as notified", "complaint step"),
            "close": QCoreApplication.translate("Messages", "closed", "complaint step"),
            "reopen": QCoreApplication.translate("Messages", "reopened", "complaint step"),
        }
        if p.get("status") and p.get("action") in steps:
            return (QCoreApplication.translate("Messages", "This case is %1, so it cannot be %2 now.")
                    .replace("%1", _complaint_status(str(p["status"]))).replace("%2", steps[str(p["action"])]))
        return QCoreApplication.translate("Messages", "This case is closed, so that is not possible any more.")
    return None


def _report_text(exc: DomainError) -> str | None:
    """app/reports/model.py: InvalidPeriod, ReportNotWritten (the manager screen)."""
    if exc.code == "invalid_period":
        if "future" in exc.message:
            return QCoreApplication.translate("Messages", "That day is in the future; choose today or an earlier day.")
        return QCoreApplication.translate("Messages", "Choose a range that ends after it starts, of at most three years.")
    if exc.code == "report_not_written":
        return QCoreApplication.translate("Messages", "The report was not written there; choose another folder or file name.")
    return None


def _printer_text(exc: PrinterError) -> str:
    texts = {
        "paper_out": QCoreApplication.translate("Messages", "The ticket printer is out of paper."),
        "cover_open": QCoreApplication.translate("Messages", "The ticket printer's cover is open."),
        "offline": QCoreApplication.translate("Messages", "The ticket printer is offline."),
        "unplugged": QCoreApplication.translate("Messages", "The ticket printer is not connected."),
        "timeout": QCoreApplication.translate("Messages", "The ticket printer does not answer."),
        "config": QCoreApplication.translate("Messages", "The ticket printer is not set up correctly."),
    }
    return texts.get(exc.kind, QCoreApplication.translate("Messages", "The ticket could not be printed."))


def describe(exc: BaseException) -> str:
    """One sentence in the person's language; never a traceback."""
    if isinstance(exc, PrinterError):
        return _printer_text(exc)
    if isinstance(exc, DomainError):
        return _domain_text(exc) or exc.message
    if isinstance(exc, DatabaseTooNew):
        return QCoreApplication.translate("Messages", "This database was written by a newer BranchDesk. Please update this PC.")
    if isinstance(exc, (DatabaseUnavailable, StoreError)):
        return QCoreApplication.translate("Messages", "The database cannot be reached. Please try again, or call IT if it persists.")
    log.error("unexpected error shown to a person", exc_info=exc)
    return QCoreApplication.translate("Messages", "Something went wrong. Please try again.")


class MessageBar(QFrame):
    """A message strip of fixed height: errors stay until replaced, notes fade
    after a while. It keeps its room while empty, so nothing on the screen
    moves when a message comes or goes (a click lands where it was aimed).

    ``show_message(..., action=(text, callback))`` adds one button inside the
    strip (Undo, Confirm); ``countdown`` shows the seconds left on it.
    ``collapsible=True`` hides an empty strip: for a banner that changes only
    when the screen loads, never under the pointer."""

    COLORS = {  # level -> (background, text, border)
        "error": ("#fdecea", "#8a1c12", "#f3b7b0"),
        "warning": ("#fff4e0", "#7a4a00", "#f2cf8c"),
        "info": ("#e8f2fd", "#0b3d75", "#b6d4f5"),
        "ok": ("#e7f6ec", "#14532d", "#a9dcb8"),
    }
    LINES = 2  # room for a two-line sentence at every width

    def __init__(self, parent=None, *, collapsible: bool = False) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.collapsible = collapsible
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 4, 8, 4)
        lay.setSpacing(10)
        self.label = QLabel()
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.label, 1)
        self.action = QPushButton()
        self.action.setObjectName("messageAction")
        self.action.setVisible(False)
        self.action.clicked.connect(self._acted)
        lay.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        font = QFont(self.font())
        font.setPixelSize(16)
        self.label.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(QFontMetrics(font).lineSpacing() * self.LINES + 16)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expired)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self._callback: Callable[[], None] | None = None
        self._fitted = 0  # the height fit() gave it (0: a strip of its own)
        self._action_text = ""
        self._left = 0
        self.level = ""
        self.clear_message()

    def fit(self, height: int) -> None:
        """Exactly ``height`` px high (in a screen's header): each message in
        the largest type (16 px down to 11) whose lines fit."""
        self.layout().setContentsMargins(12, 2, 6, 2)
        self._fitted = height
        self.setFixedHeight(height)
        self._shrink_to_fit()

    def _shrink_to_fit(self) -> None:
        if not self._fitted:
            return
        font = QFont(self.label.font())
        # before its first layout the label has no width: the strip's, less margins and the action
        room = self.label.width() if self.label.width() > 40 else self.width() - 160
        for px in (16, 15, 14, 13, 12, 11):
            font.setPixelSize(px)
            self.label.setFont(font)
            if self.label.heightForWidth(max(40, room)) <= self._fitted - 4:
                break

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._shrink_to_fit()

    def text(self) -> str:
        return self.label.text()

    def show_message(self, text: str, level: str = "info", seconds: float | None = None, *,
                     action: tuple[str, Callable[[], None]] | None = None, countdown: bool = False) -> None:
        self.level = level
        self.label.setText(text)
        back, color, border = self.COLORS.get(level, self.COLORS["info"])
        # the text's colour on the label itself: in a header it would inherit the header's white
        self.setStyleSheet(f"QFrame#messageBar {{ background:{back}; color:{color}; border:1px solid {border};"
                           " border-radius:8px; }"
                           f" QFrame#messageBar QLabel {{ background: transparent; border: none; color: {color}; }}"
                           " QPushButton#messageAction { font-size:15px; font-weight:600; padding:4px 14px;"
                           " min-height:24px; }")
        self.setVisible(True)
        if seconds is None:
            seconds = 0 if level in ("error", "warning") else 6
        self._callback = action[1] if action else None
        self._action_text = action[0] if action else ""
        self._left = int(seconds) if (action and countdown) else 0
        self._show_action()
        self.action.setVisible(action is not None)
        if self._fitted:
            self.layout().activate()  # the label's width beside the action, then its type
            self._shrink_to_fit()
        if seconds:
            self._timer.start(int(seconds * 1000))
        else:
            self._timer.stop()
        if self._left:
            self._tick.start()
        else:
            self._tick.stop()

    def _show_action(self) -> None:
        self.action.setText(f"{self._action_text} ({self._left})" if self._left else self._action_text)

    def _count_down(self) -> None:
        self._left = max(0, self._left - 1)
        self._show_action()

    def _acted(self) -> None:
        callback = self._callback
        self.clear_message()
        if callback is not None:
            callback()

    def _expired(self) -> None:
        self.clear_message()

    def show_error(self, exc: BaseException) -> None:
        self.show_message(describe(exc), "error")

    def clear_message(self) -> None:
        self.level = ""
        self._callback = None
        self._timer.stop()
        self._tick.stop()
        self.label.setText("")
        self.action.setVisible(False)
        self.setStyleSheet("QFrame#messageBar { background: transparent; border: none; }")
        if self.collapsible:
            self.setVisible(False)
