"""One case: details (personal data only for allowed roles; every opening is
recorded by ``complaint_detail``), the follow-up log, and the actions.

Every step is a write that may wait for the database (a busy SQLite file waits
up to its 30 s busy timeout), so it runs in a worker thread, as on the teller's
window: the step buttons are disabled while it is in flight (a double click
acts once) and the case is shown again when it returns."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import app.complaints as cp
from app.errors import InvalidInput
from app.privacy.keys import KeyUnavailable
from app.complaints.rules import NOTIFY_METHODS, PAUSE_REASONS, TRANSITIONS
from app.complaints.views import ComplaintDetail, ComplaintSummary
from app.ui.complaints.texts import (
    action_text,
    channel_text,
    deadline_text,
    kind_text,
    log_note_text,
    method_text,
    pause_text,
    status_text,
)
from app.ui.messages import MessageBar
from app.ui.tasks import alive, attempt, spawn
from app.ui.widgets import FlowLayout, card, label

_FMT = "%Y-%m-%d %H:%M"


class CaseView(QWidget):
    """Emits ``changed(ComplaintSummary)`` after every step taken here, then
    ``action_done`` (None, or the exception shown) once the step has come back."""

    changed = Signal(object)
    action_done = Signal(object)

    def __init__(self, ctx, actor, now: Callable, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx, self.actor, self._now = ctx, actor, now
        self.case: ComplaintSummary | None = None
        self.detail: ComplaintDetail | None = None
        self._no_key: Exception | None = None  # this PC lacks the data key: the case is shown masked
        self.in_flight = False  # a step is running in a worker thread
        frame, lay = card()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # On a short screen the case scrolls; its step buttons stay where they
        # are after every step (they sit on top, above everything that changes).
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(frame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        self.title = label(self.tr("No case selected"), "section", wrap=True)
        self.facts = label("", wrap=True)
        self.content = label("", wrap=True)
        self.log = QListWidget()
        self.log.setMinimumHeight(120)
        lay.addWidget(self.title)
        lay.addLayout(self._actions())
        self.note = QPlainTextEdit(placeholderText=self.tr("Note, answer or reason"))
        self.note.setFixedHeight(56)
        lay.addWidget(self.note)
        self.bar = MessageBar()
        lay.addWidget(self.bar)
        lay.addWidget(self.facts)
        lay.addWidget(self.content)
        lay.addWidget(label(self.tr("Follow-up log"), "muted"))
        lay.addWidget(self.log, 1)
        self._update_buttons()

    def _actions(self) -> QVBoxLayout:
        """Each step's button next to the choice it needs, always in the same place."""
        b = self.buttons = {}
        for key, text in (
            ("acknowledge", self.tr("Acknowledge")), ("start", self.tr("Start")),
            ("pause", self.tr("Pause")), ("resume", self.tr("Resume")), ("resolve", self.tr("Resolve")),
            ("notify", self.tr("Customer notified")), ("close", self.tr("Close")),
            ("reopen", self.tr("Reopen")), ("assign", self.tr("Assign")), ("note", self.tr("Add note")),
            ("extend", self.tr("Extend limit")),
        ):
            b[key] = QPushButton(text)
            b[key].setObjectName(f"step_{key}")
            b[key].clicked.connect(lambda _=False, k=key: self.on_action(k))
        self.pause_reason = QComboBox()
        for r in PAUSE_REASONS:
            self.pause_reason.addItem(pause_text(r), r)
        self.method = QComboBox()
        for m in NOTIFY_METHODS:
            self.method.addItem(method_text(m), m)
        # No satisfaction is assumed: the officer asks the customer and chooses one.
        self.satisfaction = QComboBox()
        self.satisfaction.setObjectName("satisfaction")
        self.satisfaction.addItem(self.tr("Satisfaction…"), None)
        for n, text in ((5, self.tr("5 very satisfied")), (4, self.tr("4 satisfied")), (3, self.tr("3 neutral")),
                        (2, self.tr("2 dissatisfied")), (1, self.tr("1 very dissatisfied"))):
            self.satisfaction.addItem(text, n)
        self.adopted = QCheckBox(self.tr("Suggestion adopted"))
        self.handler = QComboBox()
        self.handler.addItems(cp.list_handlers(self.ctx.db))
        # The steps that need no choice in one group, each step with its choice in
        # another; both in as many columns as fit. Nothing moves after a step.
        box = QVBoxLayout()
        box.setSpacing(6)
        plain = FlowLayout(spacing=6, min_width=110)
        for key in ("acknowledge", "start", "resolve", "note", "resume", "extend", "reopen"):
            plain.addWidget(b[key])
        chosen = FlowLayout(spacing=8, min_width=240)
        for parts in ((b["pause"], self.pause_reason), (b["notify"], self.method), (b["assign"], self.handler),
                      (b["close"], self.satisfaction), (self.adopted,)):
            unit = QWidget()
            row = QHBoxLayout(unit)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            for w in parts:
                row.addWidget(w, 1 if w is parts[0] else 2)
            chosen.addWidget(unit)
        box.addLayout(plain)
        box.addLayout(chosen)
        return box

    def show_case(self, ref: str | int | None) -> None:
        """Open a case; its personal data is loaded (and the opening recorded) when allowed."""
        self.detail = None
        self.bar.clear_message()
        self.satisfaction.setCurrentIndex(0)
        try:
            self.case, self.detail = self._load(ref) if ref is not None else (None, None)
        except Exception as exc:
            self.case = None
            self.bar.show_error(exc)
        self._render()
        if self.detail is None and self.case is not None and self._no_key is not None:
            self.bar.show_error(self._no_key)

    def _render(self) -> None:
        c, d = self.case, self.detail
        self.log.clear()
        if c is None:
            self.title.setText(self.tr("No case selected"))
            self.facts.setText("")
            self.content.setText("")
            self._update_buttons()
            return
        self.title.setText(f"{c.reference}  {kind_text(c.kind)} · {status_text(c.status)}")
        rows = [
            self.tr("Channel: %1").replace("%1", channel_text(c.channel)),
            self.tr("Received: %1 by %2").replace("%1", f"{c.received_at:{_FMT}}").replace("%2", c.received_by),
            self.tr("Acknowledge by: %1").replace("%1", f"{c.ack_due:{_FMT}}"),
            self.tr("Answer by: %1").replace("%1", deadline_text(c.resolve_due, c.pending_year, _FMT)),
            self.tr("Regulatory limit (%1 days): %2").replace("%1", str(c.regulatory_days))
            .replace("%2", deadline_text(c.regulatory_due, c.pending_year, _FMT)),
            self.tr("Handler: %1").replace("%1", c.handler or "–"),
        ]
        if c.pause_reason:
            rows.append(self.tr("Paused: %1").replace("%1", pause_text(c.pause_reason)))
        if d is not None:
            contact = " / ".join(x for x in (d.customer_phone, d.customer_email) if x) or "–"
            rows.append(self.tr("Customer: %1, %2").replace("%1", d.customer_name or "–").replace("%2", contact))
            answer = self.tr("Answer:")
            self.content.setText(d.content + (f"\n\n{answer} {d.resolution}" if d.resolution else ""))
            for e in d.log:
                text = f"{e.at:{_FMT}}  {e.staff}  {action_text(e.action)}"
                note = log_note_text(e.action, e.note, e.data)
                self.log.addItem(text + (f": {note}" if note else ""))
        else:
            rows.append(self.tr("Customer: %1, %2").replace("%1", c.customer_name_masked or "–")
                        .replace("%2", c.contact_masked or "–"))
            self.content.setText(self.tr("Content is visible to complaints staff and managers only."))
        self.facts.setText("\n".join(rows))
        self._update_buttons()

    def _update_buttons(self) -> None:
        status = self.case.status if self.case else None
        handle = self.actor.can("complaint.handle")
        for key, button in self.buttons.items():
            if key in TRANSITIONS:
                ok = status in TRANSITIONS[key][0]
            else:
                ok = status is not None and status != "closed"
            if key == "extend":
                ok = ok and self.actor.can("complaint.approve")
            button.setEnabled(bool(ok and handle) and not self.in_flight)

    def on_action(self, key: str) -> None:
        """Run one workflow step for the open case and re-render it."""
        if self.case is None:
            return
        text = self.note.toPlainText()
        kwargs: dict[str, object] = {
            "acknowledge": {"note": text}, "start": {"note": text}, "resume": {"note": text},
            "pause": {"reason": self.pause_reason.currentData(), "note": text},
            "resolve": {"resolution": text}, "reopen": {"reason": text}, "note": {"note": text},
            "notify": {"method": self.method.currentData(), "note": text},
            "close": {"satisfaction": self.satisfaction.currentData(), "note": text,
                      "adopted": self.adopted.isChecked() if self.case.kind == "suggestion" else None},
            "assign": {"handler": self.handler.currentText(), "note": text},
            "extend": {"reason": text},
        }[key]
        fn = {"acknowledge": cp.acknowledge, "start": cp.start_handling, "pause": cp.pause_case,
              "resume": cp.resume_case, "resolve": cp.resolve_case, "notify": cp.notify_customer,
              "close": cp.close_case, "reopen": cp.reopen_case, "assign": cp.assign_case,
              "note": cp.add_note, "extend": cp.extend_limit}[key]
        if self.in_flight:
            return
        if key == "close" and self.satisfaction.currentData() is None and self.case.status in TRANSITIONS["close"][0]:
            self.bar.show_message(self.tr("Ask the customer how satisfied they are, and choose it before closing."),
                                  "warning")
            self.satisfaction.setFocus()
            self.action_done.emit(InvalidInput("No satisfaction chosen.", field="satisfaction"))
            return
        self.in_flight = True
        for button in self.buttons.values():
            button.setEnabled(False)
        spawn(self._step(key, functools.partial(fn, self.ctx.db, self.case.uuid, actor=self.actor,
                                                now=self._now(), **kwargs)))

    def _load(self, ref: str | int) -> tuple[ComplaintSummary, ComplaintDetail | None]:
        """The case, with its personal data when allowed (opening it is recorded);
        masked, with the reason kept in ``_no_key``, on a PC without the data key."""
        self._no_key = None
        if self.actor.can("complaint.personal_data"):
            try:
                detail = cp.complaint_detail(self.ctx.db, ref, purpose="board", actor=self.actor, now=self._now())
                return detail.summary, detail
            except KeyUnavailable as exc:
                self._no_key = exc
        return cp.get_complaint(self.ctx.db, ref, actor=self.actor, now=self._now()), None

    async def _step(self, key: str, call: Callable[[], ComplaintSummary]) -> None:
        result, error = await attempt(call)
        loaded: tuple[ComplaintSummary, ComplaintDetail | None] | None = None
        reload_error: BaseException | None = None
        if result is not None:
            loaded, reload_error = await attempt(self._load, result.uuid)
        if not alive(self):  # the window was closed meanwhile
            return
        self.in_flight = False
        if error is not None or result is None:
            self._update_buttons()
            if error is not None:
                self.bar.show_error(error)
            self.action_done.emit(error)
            return
        self.note.clear()
        self.satisfaction.setCurrentIndex(0)  # never carried over to the next case
        self.detail = None
        self.bar.clear_message()
        if loaded is not None:
            self.case, self.detail = loaded
        else:
            self.case = None
        self._render()
        if reload_error is not None:
            self.bar.show_error(reload_error)
        else:
            self.bar.show_message(self.tr("%1: %2").replace("%1", result.reference)
                                  .replace("%2", action_text(key)), "ok")
        self.changed.emit(result)
        self.action_done.emit(None)
