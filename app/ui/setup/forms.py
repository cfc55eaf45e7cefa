"""Field-by-field forms: each input has its refusal shown right under it,
in the person's language. Shared by the setup wizard and the admin screens."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import DomainError
from app.ops.setup import DRIVER_REASONS

log = logging.getLogger("branchdesk.ui")
I18N = Path(__file__).resolve().parent / "i18n"
_translators: dict[str, QTranslator] = {}


def install_ops_translations(lang: str | None = None) -> None:
    """Load the setup/admin translations (app/ui/setup/i18n/ops_<lang>.qm) next
    to the application's own, once per language."""
    from app.ui.i18n import current_language

    lang = lang or current_language()
    app = QCoreApplication.instance()
    for code, old in list(_translators.items()):
        if code != lang:
            app.removeTranslator(old)
            del _translators[code]
    if lang in _translators:
        return
    tr = QTranslator()
    if tr.load(str(I18N / f"ops_{lang}.qm")):
        app.installTranslator(tr)
        _translators[lang] = tr


def _t(text: str) -> str:
    return QCoreApplication.translate("Setup", text)


def field_message(field: str, english: str) -> str:
    """The refusal for ``field`` in the person's language (English sentence
    from the core as the fallback for messages with no translation)."""
    texts = {
        "branch_code": _t("A branch code is 1 to 16 letters and digits."),
        "branch.code": _t("A branch code is 1 to 16 letters and digits."),
        "branch_name_zh": _t("Enter the branch name (at most 60 characters)."),
        "branch.name_zh": _t("Enter the branch name (at most 60 characters)."),
        "branch_name_en": _t("Enter the English branch name (at most 80 characters)."),
        "branch.name_en": _t("Enter the English branch name (at most 80 characters)."),
        "admin_username": _t("A username is 2-64 letters, digits, dots, dashes or underscores."),
        "username": _t("A username is 2-64 letters, digits, dots, dashes or underscores."),
        "admin_password": _t("A password needs at least 8 characters."),
        "password": _t("A password needs at least 8 characters."),
        "password_again": _t("The two passwords are not the same."),
        "lobby_monitor": _t("Choose a monitor for the lobby display."),
        "sync_interval_min": _t("Enter a number of minutes from 1 to 1440."),
        "name_zh": _t("Enter the Chinese name (at most 64 characters)."),
        "name_en": _t("Enter the English name (at most 64 characters)."),
        "name": _t("Enter a name (at most 64 characters)."),
        "target_wait_min": _t("Enter a target wait from 1 to 240 minutes."),
        "position": _t("Enter an order number from 0 to 999."),
        "number": _t("Enter a window number from 1 to 999."),
        "queue.priority_ratio": _t("Enter a whole number from 0 to 10."),
        "queue.promote_after_min": _t("Enter a number of minutes from 0 to 240 (0 = never)."),
        "lobby.notice": _t("The lobby notice is too long (at most 500 characters)."),
        "lobby.notice_en": _t("The lobby notice is too long (at most 500 characters)."),
        "ticket.footer_zh": _t("The ticket footer is too long (at most 60 characters)."),
        "ticket.footer_en": _t("The ticket footer is too long (at most 80 characters)."),
        "serial.windows": _t("Give the window this device serves, or address=window pairs such as 1=1, 2=2."),
        "serial.name": _t("Enter a name (at most 64 characters)."),
        "branch.closing_time": _t("Enter a time such as 17:00."),
        "day.last_ticket_time": _t("Enter a time such as 16:30, not after the closing time, or leave it empty."),
        "branch.timezone": _t("Enter a time zone such as Asia/Shanghai."),
        "day.auto_close_delay_min": _t("Enter a number of minutes from 0 to 480."),
        "window.unattended_after_min": _t("Enter a number of minutes from 1 to 60."),
        "roles": _t("Choose at least one role."),
    }
    if "cannot print" in english:
        chars = english.split("cannot print ", 1)[1].split(";", 1)[0]
        return _t("The ticket printer cannot print {chars}: use letters, digits and Chinese characters.").format(
            chars=chars)
    if "too long" in english and field in ("full_name", "name_zh", "name_en", "name"):
        limit = "".join(c for c in english.split("at most", 1)[-1] if c.isdigit())
        return _t("This name is too long (at most {limit} characters).").format(limit=limit)
    if field == "database_url":
        if "cannot be reached" in english:
            reasons = {
                "refused": _t("The database server refused the connection. Check the address and port, and that "
                              "the server is running."),
                "timeout": _t("The database server did not answer in time. Check the address and the network."),
                "unknown_host": _t("That database server name is not known. Check the address."),
                "password": _t("The database user name or password is wrong."),
                "no_database": _t("There is no database of that name on the server."),
                "ssl": _t("The database server requires an encrypted connection (or refuses one). Check sslmode "
                          "in the address."),
                "permission": _t("This database user may not connect to this database."),
                "file": _t("The database file cannot be opened or created there."),
                "other": _t("The database server gave an error; the log has its words."),
            }
            for code, text in reasons.items():
                if english.endswith(DRIVER_REASONS[code]):
                    return text
            return _t("The database cannot be reached: {detail}").format(detail=english.split(": ", 1)[-1])
        return _t("This is not a valid database address (postgresql://user:password@host/database).")
    if field == "sync_hq_url":
        return _t("Give the head-office database address (postgresql://...), or switch sync off.")
    if field == "printer":
        return _t("Check the printer settings: {detail}").format(detail=english)
    if field == "code":
        if "already used" in english:
            return _t("This prefix is already used by another service.")
        return _t("A ticket prefix is one or two letters (A-Z).")
    if field == "services":
        return _t("A window must serve at least one service.")
    if field == "number" and "already exists" in english:
        return _t("This window number already exists.")
    if field == "sync.hq_url":
        return _t("Head office cannot be reached or the address is not valid ({detail}).").format(detail=english)
    if field in ("sync.password", "sync_password"):
        return _t("The head-office password could not be stored ({detail}).").format(
            detail=english.rpartition("(")[2].rstrip(").") or english)
    if field == "serial.devices":
        return _t("Check the serial devices setting: {detail}").format(detail=english)
    if field == "serial.port":
        if "first" in english:
            return _t("Enter a serial port first (COM3, /dev/ttyUSB0).")
        return _t("The serial port cannot be opened ({detail}).").format(detail=english)
    if field == "category_code":
        return _t("A category code is 2-32 small letters, digits or underscores.")
    if field in ("resolve_days", "complaints.resolve_days"):
        return _t("Enter a number of working days from 1 to 60.")
    if field == "complaints.ack_hours":
        return _t("Enter a number of hours from 1 to 240.")
    if field == "active":
        return _t("At least one active administrator account must remain.")
    return texts.get(field, english)


class FieldForm(QWidget):
    """A QFormLayout whose rows each carry a red refusal label. A field added
    with ``check`` (a function of its value raising InvalidInput) is checked
    as it is typed; ``check_all()`` checks every such field at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.checks: dict[str, Callable[[], None]] = {}

    def add(self, field: str, text: str, widget: QWidget, check: Callable[[Any], Any] | None = None) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        err = QLabel()
        err.setObjectName(f"error_{field}")
        err.setStyleSheet("color:#b3261e;")
        err.setWordWrap(True)
        keep = err.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # its line is kept: a refusal moves nothing below it
        err.setSizePolicy(keep)
        err.hide()
        lay.addWidget(err)
        self.errors[field] = err
        self.labels[field] = QLabel(text)
        self.layout_.addRow(self.labels[field], box)
        if check is not None:
            self.checks[field] = lambda: check(_value(widget))
            signal = getattr(widget, "textChanged", None) or getattr(widget, "valueChanged", None)
            if signal is not None:
                signal.connect(lambda *_: self._check_one(field))
        return widget

    def _check_one(self, field: str) -> None:
        """One field checked as it is typed: its refusal shown, or cleared."""
        err = self.errors[field]
        try:
            self.checks[field]()
        except DomainError as exc:
            err.setText(field_message(field, exc.message))
            err.show()
            return
        err.clear()
        err.hide()

    def check_all(self, extra: dict[str, str] | None = None) -> bool:
        """Every checked field at once (and ``extra`` refusals): all shown; True when none."""
        found = dict(extra or {})
        for field, fn in self.checks.items():
            try:
                fn()
            except DomainError as exc:
                found.setdefault(field, exc.message)
        self.show_errors(found)
        return not found

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Show each field's refusal (translated); True when there is none."""
        for field, lab in self.errors.items():
            if field in errors:
                lab.setText(field_message(field, errors[field]))
                lab.show()
            else:
                lab.clear()
                lab.hide()
        return not any(f in self.errors for f in errors)

    def error_text(self, field: str) -> str:
        lab = self.errors[field]
        return lab.text() if not lab.isHidden() else ""

    def refuse(self, exc: DomainError) -> bool:
        """Show a core refusal next to its field; False when no field matches."""
        field = str(exc.params.get("field", ""))
        if field in self.errors:
            self.show_errors({field: exc.message})
            return True
        return False


def _value(widget: QWidget) -> Any:
    for getter in ("text", "value", "toPlainText", "currentData"):
        fn = getattr(widget, getter, None)
        if callable(fn):
            return fn()
    return None


def off_gui_thread(fn: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]) -> None:
    """Run ``fn`` off the GUI thread (app/ui/tasks.py); ``on_done(result, error)``
    on the GUI thread. Works with or without the qasync loop (the wizard runs before it)."""
    from app.ui import tasks

    tasks.run(fn, lambda result: on_done(result, None), lambda error: on_done(None, error))
