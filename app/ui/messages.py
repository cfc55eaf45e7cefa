"""One shared way to tell a person what went wrong: one translated sentence.

``describe(exc)`` maps an error's ``.code`` (DomainError), class (StoreError)
or ``.kind`` (PrinterError) to translated text, falling back to the error's own
English sentence. ``MessageBar`` shows it without blocking anyone.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy

from app.devices.base import PrinterError
from app.errors import DomainError
from app.store.errors import DatabaseTooNew, DatabaseUnavailable, StoreError

log = logging.getLogger("branchdesk.ui")


def _domain_text(exc: DomainError) -> str | None:
    field = exc.params.get("field")
    if exc.code == "invalid_input":
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
    return texts.get(exc.code)


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


class MessageBar(QLabel):
    """A one-line message strip: errors stay until replaced, notes fade after a while."""

    STYLES = {
        "error": "background:#fdecea; color:#8a1c12; border:1px solid #f3b7b0;",
        "warning": "background:#fff4e0; color:#7a4a00; border:1px solid #f2cf8c;",
        "info": "background:#e8f2fd; color:#0b3d75; border:1px solid #b6d4f5;",
        "ok": "background:#e7f6ec; color:#14532d; border:1px solid #a9dcb8;",
    }

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(44)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_message)
        self.level = ""
        self.clear_message()

    def show_message(self, text: str, level: str = "info", seconds: float | None = None) -> None:
        self.level = level
        self.setText(text)
        self.setStyleSheet(f"QLabel#messageBar {{{self.STYLES.get(level, '')} border-radius:8px;"
                           " padding:8px 14px; font-size:16px;}")
        self.setVisible(True)
        if seconds is None:
            seconds = 0 if level in ("error", "warning") else 6
        if seconds:
            self._timer.start(int(seconds * 1000))
        else:
            self._timer.stop()

    def show_error(self, exc: BaseException) -> None:
        self.show_message(describe(exc), "error")

    def clear_message(self) -> None:
        self.level = ""
        self.setText("")
        self.setStyleSheet("QLabel#messageBar { background: transparent; border: none; }")
