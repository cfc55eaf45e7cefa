"""The lobby display: the newest call huge, recent calls, who waits, clock,
notice. Chinese and English at once; readable from 10 m; no personal data.

Designed for 1920x1080 and scaled to any window size by font pixel sizes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from app.queue import queue_status, recent_calls
from app.staff.roles import Actor
from app.store.feed import EventView
from app.ui.context import ScreenContext
from app.ui.i18n import current_language, translate_in
from app.ui.lobby.announcer import Announcer, default_output
from app.ui.beyond.upcoming import follow, line
from app.ui.lobby.ticker import NoticeTicker
from app.ui.tasks import Loader

log = logging.getLogger("branchdesk.ui")

BG, PANEL, GOLD, WHITE, SOFT = "#071a33", "#0f2d57", "#ffd54a", "#ffffff", "#a9bedb"
FLASH = "#1f6fe0"
RECENT_ROWS = 6


def both(source: str) -> tuple[str, str]:
    """(Chinese, English) of a LobbyScreen string, whatever the app language is."""
    return translate_in("zh_CN", "LobbyScreen", source), translate_in("en", "LobbyScreen", source)


def _sources() -> None:  # for lupdate: the strings ``both`` looks up
    QCoreApplication.translate("LobbyScreen", "Now calling")
    QCoreApplication.translate("LobbyScreen", "Recent calls")
    QCoreApplication.translate("LobbyScreen", "Number")
    QCoreApplication.translate("LobbyScreen", "Window")
    QCoreApplication.translate("LobbyScreen", "waiting")
    QCoreApplication.translate("LobbyScreen", "Please go to window %1")


class CallPanel(QFrame):
    """The big call area. Painted by hand so a flash is a cheap repaint, not a
    style-sheet recomputation of its huge labels (that stalled the UI ~30 ms)."""

    def __init__(self) -> None:
        super().__init__()
        self._colour = QColor(PANEL)

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        painter.drawRoundedRect(self.rect(), 24, 24)


@dataclass(frozen=True)
class Call:
    number: str
    window: int


class LobbyScreen(QWidget):
    """Registry entry "lobby": ``LobbyScreen(ctx, actor, announcer=None)``."""

    call_shown = Signal(str, int)

    def __init__(self, ctx: ScreenContext, actor: Actor | None = None, announcer: Announcer | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("BranchDesk - Lobby display"))
        self.setObjectName("lobby")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"QWidget#lobby {{ background:{BG}; }} QLabel {{ color:{WHITE}; background:transparent; }}")
        repeat = int(str(ctx.setting("lobby.announce_repeat", 2)) or 2)
        self.announcer = announcer or Announcer(default_output(), repeat=repeat, parent=self)
        self._sized: list[tuple[QLabel, int, bool]] = []
        self.calls: list[Call] = []
        # Calls the first load showed are not announced again when the feed brings
        # them; calls arriving before that load is shown wait for it.
        self._shown_ids: frozenset[int] | None = None
        self._early: list[EventView] = []
        self._build()
        self._flashes = 0
        self._flash_timer = QTimer(self, interval=350, timeout=self._flash_step)
        self._clock = QTimer(self, interval=1000, timeout=self._tick)
        self._clock.start()
        # The display keeps what it shows while the database is away (the bridge logs the outage).
        self.refresh = Loader(self._load_counts, self._show_counts, self._away, self)
        self.first = Loader(self._load_first, self._show_first, self._away, self)
        ctx.bridge.ticket_called.connect(self.on_ticket_called)
        ctx.bridge.queue_changed.connect(self.refresh.trigger)
        ctx.bridge.catalogue_changed.connect(self.refresh.trigger)
        ctx.bridge.day_changed.connect(self.first.trigger)
        ctx.bridge.connection_restored.connect(self.refresh.trigger)
        ctx.bridge.setting_changed.connect(self._setting_changed)
        self.notice.set_notice(self.ctx.setting("lobby.notice", ""), self.ctx.setting("lobby.notice_en", ""))
        self.upcoming = follow(ctx, self.appointments, lambda rows: line(rows, "both"))
        self.first()
        self._tick()

    # -- layout ------------------------------------------------------------
    def _text(self, text: str, px: int, *, bold: bool = False, color: str = WHITE,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
        lab = QLabel(text)
        lab.setStyleSheet(f"color:{color};")
        lab.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self._sized.append((lab, px, bold))
        return lab

    def _build(self) -> None:
        root = QVBoxLayout(self)
        self._root = root
        # The type is sized for the window (resizeEvent), never the window for the type:
        # a smaller monitor gets smaller type, not a window hanging off its edge.
        root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        root.setContentsMargins(40, 24, 40, 24)
        root.setSpacing(20)
        top = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(0)
        self.branch_zh = self._text(str(self.ctx.setting("branch.name_zh")), 44, bold=True)
        self.branch_en = self._text(str(self.ctx.setting("branch.name_en")), 24, color=SOFT)
        names.addWidget(self.branch_zh)
        names.addWidget(self.branch_en)
        top.addLayout(names, 1)
        clock = QVBoxLayout()
        clock.setSpacing(0)
        right = Qt.AlignmentFlag.AlignRight
        self.clock = self._text("", 64, bold=True, align=right)
        self.date = self._text("", 24, color=SOFT, align=right)
        clock.addWidget(self.clock)
        clock.addWidget(self.date)
        top.addLayout(clock)
        root.addLayout(top)

        middle = QHBoxLayout()
        middle.setSpacing(24)
        self.call_panel = CallPanel()
        cp = QVBoxLayout(self.call_panel)
        self._call_lay = cp
        cp.setContentsMargins(40, 24, 40, 32)
        centre = Qt.AlignmentFlag.AlignHCenter
        zh, en = both("Now calling")
        self.caption = self._text(f"{zh}  {en}", 34, color=SOFT, align=centre)
        self.number = self._text("—", 300, bold=True, color=GOLD, align=centre)
        self.where_zh = self._text("", 80, bold=True, align=centre)
        self.where_en = self._text("", 44, color=SOFT, align=centre)
        for w in (self.caption, self.number, self.where_zh, self.where_en):
            cp.addWidget(w)
        middle.addWidget(self.call_panel, 62)
        middle.addWidget(self._build_recent(), 38)
        root.addLayout(middle, 1)

        self.tiles = QHBoxLayout()
        self.tiles.setSpacing(14)
        root.addLayout(self.tiles)
        self.tile_labels: dict[str, tuple[QLabel, QLabel]] = {}
        # Today's coming appointments per service, in both languages, no names (issue 16).
        self.appointments = self._text("", 30, color=SOFT)
        self.appointments.setWordWrap(True)
        root.addWidget(self.appointments)
        self.notice = NoticeTicker(GOLD, BG)
        root.addWidget(self.notice)

    def _build_recent(self) -> QFrame:
        box = QFrame()
        box.setStyleSheet(f"QFrame {{ background:{PANEL}; border-radius:24px; }}")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(32, 24, 32, 24)
        zh, en = both("Recent calls")
        lay.addWidget(self._text(f"{zh}  {en}", 32, color=SOFT))
        grid = QGridLayout()
        grid.setVerticalSpacing(6)
        zh_n, en_n = both("Number")
        zh_w, en_w = both("Window")
        grid.addWidget(self._text(f"{zh_n} {en_n}", 24, color=SOFT), 0, 0)
        grid.addWidget(self._text(f"{zh_w} {en_w}", 24, color=SOFT, align=Qt.AlignmentFlag.AlignRight), 0, 1)
        self.recent_rows: list[tuple[QLabel, QLabel]] = []
        for r in range(RECENT_ROWS):
            num = self._text("", 64, bold=True)
            win = self._text("", 64, bold=True, color=GOLD, align=Qt.AlignmentFlag.AlignRight)
            grid.addWidget(num, r + 1, 0)
            grid.addWidget(win, r + 1, 1)
            self.recent_rows.append((num, win))
        lay.addLayout(grid)
        lay.addStretch(1)
        return box

    def _panel_colour(self, colour: str) -> None:
        self.call_panel.set_colour(colour)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        scale = max(0.3, min(self.width() / 1920, self.height() / 1080))
        self.notice.set_pixel_size(int(30 * scale))
        # margins shrink with the type, so a 768-line screen holds what a 1080-line one does
        self._root.setContentsMargins(int(40 * scale), int(24 * scale), int(40 * scale), int(24 * scale))
        self._root.setSpacing(int(20 * scale))
        self._call_lay.setContentsMargins(int(40 * scale), int(24 * scale), int(40 * scale), int(32 * scale))
        for lab, px, bold in self._sized:
            font = QFont(lab.font())
            font.setPixelSize(max(9, int(px * scale)))
            font.setBold(bold)
            lab.setFont(font)
        super().resizeEvent(event)

    # -- data: read in a worker thread, shown on the GUI thread -----------------
    def _load_first(self) -> tuple:
        """Today's last calls (call order, not issue order) and who waits."""
        now = self.ctx.action_time()
        return recent_calls(self.ctx.db, now=now, limit=RECENT_ROWS + 1), queue_status(self.ctx.db, now=now)

    def _show_first(self, data: tuple) -> None:
        recent, status = data
        self.calls = [Call(c.number, c.window) for c in recent.calls]
        self._show_calls()
        self._show_counts(status)
        self._shown_ids = recent.event_ids
        early, self._early = self._early, []
        for ev in early:
            self.on_ticket_called(ev)

    def _load_counts(self):  # type: ignore[no-untyped-def]
        return queue_status(self.ctx.db, now=self.ctx.action_time())

    def _show_counts(self, status) -> None:  # type: ignore[no-untyped-def]
        active = [sq for sq in status.services if sq.service.active]
        if set(self.tile_labels) != {sq.service.code for sq in active}:
            self._build_tiles(active)
        for sq in active:
            self.tile_labels[sq.service.code][1].setText(str(sq.waiting))

    def _away(self, exc: BaseException) -> None:
        log.info("lobby display: database not answering (%s); keeping what is shown", exc)

    def _build_tiles(self, queues) -> None:  # type: ignore[no-untyped-def]
        while self.tiles.count():
            item = self.tiles.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._sized = [s for s in self._sized if s[0] not in {w for pair in self.tile_labels.values() for w in pair}]
        self.tile_labels = {}
        zh, en = both("waiting")
        for sq in queues:
            tile = QFrame()
            tile.setStyleSheet(f"QFrame {{ background:{PANEL}; border-radius:16px; }}")
            lay = QVBoxLayout(tile)
            lay.setContentsMargins(16, 10, 16, 12)
            lay.setSpacing(0)
            name = self._text(f"{sq.service.code}  {sq.service.name_zh}", 26, bold=True)
            sub = self._text(sq.service.name_en, 16, color=SOFT)
            count = self._text("0", 56, bold=True, color=GOLD)
            unit = self._text(f"{zh} {en}", 18, color=SOFT)
            row = QHBoxLayout()
            row.addWidget(count)
            row.addWidget(unit, 1, Qt.AlignmentFlag.AlignBottom)
            lay.addWidget(name)
            lay.addWidget(sub)
            lay.addLayout(row)
            self.tiles.addWidget(tile, 1)
            self.tile_labels[sq.service.code] = (name, count)
        self._rescale()

    def _rescale(self) -> None:
        from PySide6.QtGui import QResizeEvent

        self.resizeEvent(QResizeEvent(self.size(), self.size()))

    # -- live events ---------------------------------------------------------
    def on_ticket_called(self, ev: EventView) -> None:
        if self._shown_ids is None:
            self._early.append(ev)
            return
        if ev.id in self._shown_ids:
            return  # shown by the first load already: an old call, not announced again
        number, window = ev.payload.get("number"), ev.payload.get("window")
        if not number or window is None:
            return
        self.show_call(str(number), int(window))
        self.announcer.announce(str(number), int(window))

    def show_call(self, number: str, window: int) -> None:
        """Put ``number`` to ``window`` on top, flash it, keep the older calls below."""
        call = Call(number, window)
        self.calls = [call] + [c for c in self.calls if c.number != number][:RECENT_ROWS]
        self._show_calls()
        self._flashes = 6
        self._flash_timer.start()
        self.call_shown.emit(number, window)

    def _show_calls(self) -> None:
        if self.calls:
            top = self.calls[0]
            lines = both("Please go to window %1")
            if current_language() == "en":  # the app's language is the big line
                lines = lines[::-1]
            self.number.setText(top.number)
            self.where_zh.setText(lines[0].replace("%1", str(top.window)))
            self.where_en.setText(lines[1].replace("%1", str(top.window)))
        for r, (num, win) in enumerate(self.recent_rows):
            older = self.calls[r + 1] if r + 1 < len(self.calls) else None
            num.setText(older.number if older else "")
            win.setText(str(older.window) if older else "")

    def stop_flashing(self) -> None:
        self._flash_timer.stop()
        self._flashes = 0
        self._panel_colour(PANEL)

    def _flash_step(self) -> None:
        self._flashes -= 1
        self._panel_colour(FLASH if self._flashes % 2 else PANEL)
        if self._flashes <= 0:
            self._flash_timer.stop()
            self._panel_colour(PANEL)

    def _tick(self) -> None:
        now = self.ctx.now()
        self.clock.setText(now.strftime("%H:%M"))
        zh_days = "一二三四五六日"
        en_days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        self.date.setText(f"{now.year}年{now.month}月{now.day}日 星期{zh_days[now.weekday()]}  ·  "
                          f"{en_days[now.weekday()]} {now:%d %b %Y}")

    def _setting_changed(self, key: str, value: object) -> None:
        if key in ("lobby.notice", "lobby.notice_en"):
            zh = value if key == "lobby.notice" else self.ctx.setting("lobby.notice", "")
            en = value if key == "lobby.notice_en" else self.ctx.setting("lobby.notice_en", "")
            self.notice.set_notice(zh, en)
        elif key in ("branch.name_zh", "branch.name_en"):
            (self.branch_zh if key.endswith("zh") else self.branch_en).setText(str(value or ""))
