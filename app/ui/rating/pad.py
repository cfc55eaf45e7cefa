"""The rating pad: a small second monitor or tablet at a teller window,
facing the customer (``branchdesk run --rating-pad --window N``).

When the teller finishes a customer at window N (a ``TicketFinished`` event
of the change feed, from this PC or any other), the pad shows the teller who
served them, the service just finished and five large faces, in Chinese and
English at once. A press records the rating for that ticket by its id (a
display number repeats once a service's numbers wrap); nobody pressing for a
while puts the pad back to its welcome. It shows no personal data, so it
needs no login, and the only thing it can do is rate.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from app.events import EventType
from app.queue import rate_ticket
from app.queue.rating import RatingPrompt, rating_prompt
from app.staff.roles import RATING_PAD, Actor
from app.store.feed import EventView
from app.ui.context import ScreenContext
from app.ui.rating.faces import FaceButton, caption_size
from app.ui.tasks import run

log = logging.getLogger("branchdesk.ui")
BG, PANEL, GOLD, SOFT = "#0b2545", "#12325e", "#ffd54a", "#c8d6ea"
TIMEOUT_S = 45  # no answer: back to the welcome, nothing recorded
THANKS_S = 4
CAPTIONS = (("很不满意", "Very poor"), ("不满意", "Poor"), ("一般", "Fair"), ("满意", "Good"),
            ("非常满意", "Excellent"))


class RatingPad(QWidget):
    """Registry entry "rating_pad": ``RatingPad(ctx, actor=None, window=N)``.

    ``rated(ticket_id, stars)`` once a rating is stored."""

    rated = Signal(int, int)
    asked = Signal(int)  # ticket id shown for rating

    def __init__(self, ctx: ScreenContext, actor: Actor | None = None, window: int | None = None) -> None:
        super().__init__()
        if window is None:
            raise ValueError("The rating pad needs its window number (--window N).")
        self.ctx, self.window = ctx, int(window)
        self.prompt: RatingPrompt | None = None
        self.setWindowTitle(f"BranchDesk - 评价 Rating · {self.window}")
        self.setObjectName("ratingPad")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"QWidget#ratingPad {{ background:{BG}; }} QLabel {{ color:white; background:transparent; }}")
        self._sized: list[tuple[QLabel, int, bool]] = []
        self.pages = QStackedWidget()
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 20, 24, 20)
        root.addWidget(self.pages)
        self.pages.addWidget(self._welcome())
        self.pages.addWidget(self._question())
        self.pages.addWidget(self._thanks())
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self.idle)
        ctx.bridge.event_received.connect(self.on_event)
        self.idle()

    # -- layout ------------------------------------------------------------
    def _text(self, text: str, px: int, *, bold: bool = False, color: str = "white") -> QLabel:
        lab = QLabel(text)
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lab.setWordWrap(True)
        lab.setStyleSheet(f"color:{color};")
        lab.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._sized.append((lab, px, bold))
        return lab

    def _welcome(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addStretch(1)
        lay.addWidget(self._text("欢迎光临", 72, bold=True))
        lay.addWidget(self._text("Welcome", 40, color=SOFT))
        lay.addSpacing(20)
        lay.addWidget(self._text(f"{self.window} 号窗口  ·  Window {self.window}", 40, bold=True, color=GOLD))
        lay.addStretch(1)
        return page

    def _question(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setSpacing(8)
        self.title = self._text("请您对本次服务作出评价", 48, bold=True)
        self.title_en = self._text("How was our service today?", 30, color=SOFT)
        self.teller = self._text("", 30, bold=True, color=GOLD)
        self.service = self._text("", 28)
        lay.addWidget(self.title)
        lay.addWidget(self.title_en)
        lay.addSpacing(6)
        lay.addWidget(self.teller)
        lay.addWidget(self.service)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.faces: list[FaceButton] = []
        for stars, (zh, en) in enumerate(CAPTIONS, start=1):
            face = FaceButton(stars, f"{zh}\n{en}")
            face.chosen.connect(self.on_rate)
            row.addWidget(face)
            self.faces.append(face)
        lay.addLayout(row, 6)
        self.hint = self._text("请轻触表情  ·  Tap a face", 26, color=SOFT)
        lay.addWidget(self.hint)
        lay.addStretch(1)
        return page

    def _thanks(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addStretch(1)
        lay.addWidget(self._text("谢谢您的评价！", 64, bold=True))
        lay.addWidget(self._text("Thank you!", 40, color=SOFT))
        lay.addStretch(1)
        return page

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        scale = max(0.35, min(self.width() / 1280, self.height() / 800))
        for lab, px, bold in self._sized:
            font = QFont(lab.font())
            font.setPixelSize(max(12, int(px * scale)))
            font.setBold(bold)
            lab.setFont(font)
        super().resizeEvent(event)
        QTimer.singleShot(0, self._size_captions)  # once the faces have their new size

    def _size_captions(self) -> None:
        px = caption_size(self.faces)
        for face in self.faces:
            face.caption_px = px
            face.update()

    # -- what happens ------------------------------------------------------
    def on_event(self, ev: EventView) -> None:
        """A customer finished at this window: ask them (a customer who left is not asked)."""
        if ev.type != EventType.TICKET_FINISHED or ev.ticket_id is None:
            return
        if ev.payload.get("window") != self.window or ev.payload.get("outcome") == "customer_left":
            return
        self.ask(ev.ticket_id)

    def ask(self, ticket_id: int) -> None:
        """Show ticket ``ticket_id`` (read off the GUI thread) for rating."""
        def shown(prompt: RatingPrompt | None) -> None:
            if prompt is None:
                return
            self.prompt = prompt
            who = prompt.teller_name or prompt.teller_username or ""
            self.teller.setText(f"柜员 Teller: {who}" + (f"  ·  工号 No. {prompt.teller_username}"
                                                          if prompt.teller_username and prompt.teller_name else ""))
            self.service.setText(f"{prompt.number}  ·  {prompt.service_name_zh}  {prompt.service_name_en}")
            self.pages.setCurrentIndex(1)
            self._timeout.start(TIMEOUT_S * 1000)
            self.asked.emit(prompt.ticket_id)

        run(lambda: rating_prompt(self.ctx.db, ticket_id), shown,
            lambda exc: log.warning("rating pad: ticket %s not shown: %s", ticket_id, exc), owner=self)

    def on_rate(self, stars: int) -> None:
        prompt = self.prompt
        if prompt is None:
            return
        self.prompt = None
        self.pages.setCurrentIndex(2)
        self._timeout.start(THANKS_S * 1000)
        db, now = self.ctx.db, self.ctx.action_time()

        def stored(_view: object) -> None:
            self.rated.emit(prompt.ticket_id, stars)

        run(lambda: rate_ticket(db, prompt.ticket_id, rating=stars, actor=RATING_PAD, now=now), stored,
            lambda exc: log.warning("rating of ticket %s not stored: %s", prompt.ticket_id, exc), owner=self)

    def idle(self) -> None:
        self.prompt = None
        self._timeout.stop()
        self.pages.setCurrentIndex(0)
