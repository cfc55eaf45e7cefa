"""Head office's live view: one tile per branch from the day summaries, the
branches furthest from the within-target goal first, refreshed every few
seconds (each push updates its branch's summary). Read with a reader role
(``hq add-reader``): it can read every branch and write nothing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from app.hq.report import GOALS
from app.hq.tiles import BranchTile, HqTiles, branch_tiles
from app.ui.messages import MessageBar, describe
from app.ui.tasks import Loader
from app.ui.theme import RED, STAFF_QSS
from app.ui.widgets import Header, card, label, screen_root

REFRESH_MS = 10_000
CARD_WIDTH = 300  # a tile's width; the grid takes as many columns as fit


class BranchCard(QWidget):
    def __init__(self, tile: BranchTile, goal: float) -> None:
        super().__init__()
        frame, lay = card(margins=12, spacing=2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        missed = tile.within_target_pct is not None and tile.within_target_pct < goal
        if missed:
            frame.setStyleSheet(f"QFrame#card {{ border: 2px solid {RED}; }}")
        self.tile, self.frame = tile, frame
        head = QHBoxLayout()
        self.title = label(f"{tile.code}  {tile.name}", "section", wrap=True)
        head.addWidget(self.title, 1)
        head.addWidget(label(tile.region, "muted"))
        lay.addLayout(head)
        pct = "–" if tile.within_target_pct is None else f"{tile.within_target_pct:g}%"
        self.within = label(pct, "figure")
        if missed:
            self.within.setStyleSheet(f"color: {RED};")
        lay.addWidget(label(self.tr("Within target today"), "muted"))
        lay.addWidget(self.within)
        wait = "–" if tile.wait_avg_min is None else self.tr("%1 min").replace("%1", f"{tile.wait_avg_min:g}")
        lines = (
            self.tr("Issued %1, served %2, open %3").replace("%1", str(tile.issued))
            .replace("%2", str(tile.served)).replace("%3", str(tile.open_now)),
            self.tr("Average wait %1, never called %2").replace("%1", wait).replace("%2", str(tile.never_called)),
            self.tr("Rating %1, complaints %2").replace("%1", "–" if tile.rating_avg is None else f"{tile.rating_avg:g}")
            .replace("%2", str(tile.complaints_received)),
            self.tr("Updated %1").replace("%1", tile.updated_at.strftime("%H:%M") if tile.updated_at else "–"),
        )
        self.lines = [label(text, "muted", wrap=True) for text in lines]
        for lab in self.lines:
            lay.addWidget(lab)


class HqScreen(QWidget):
    """``HqScreen(url, region=None)``: the tiles of every branch (or one region)."""

    def __init__(self, url: str, *, region: str | None = None, at: dt.datetime | None = None,
                 goal: float = GOALS["within_target"]) -> None:
        super().__init__()
        self.url, self.region, self.at, self.goal = url, region, at, goal
        self.tiles: HqTiles | None = None
        self.setWindowTitle(self.tr("BranchDesk - Head office"))
        self.setStyleSheet(STAFF_QSS)
        root = screen_root(self)
        root.addWidget(Header(self.tr("Head office"), self.tr("Every branch today"), "", self._now))
        body = QVBoxLayout()
        body.setContentsMargins(24, 16, 24, 16)
        root.addLayout(body, 1)
        top = QHBoxLayout()
        self.summary = label("", "section")
        top.addWidget(self.summary, 1)
        top.addWidget(label(self.tr("Region"), "muted"))
        self.regions = QComboBox()
        self.regions.addItem(self.tr("All regions"), None)
        self.regions.currentIndexChanged.connect(self._region_chosen)
        top.addWidget(self.regions)
        body.addLayout(top)
        self.bar = MessageBar()
        body.addWidget(self.bar)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(12)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.grid_host)
        body.addWidget(self.scroll, 1)
        self.columns = 0
        self.cards: list[BranchCard] = []
        self.loader = Loader(lambda: branch_tiles(self.url, region=self.region, at=self.at), self._show,
                             self._failed, self)
        self._timer = QTimer(self, interval=REFRESH_MS, timeout=self.loader.trigger)
        self._timer.start()
        self.loader.trigger()

    def _now(self) -> dt.datetime:
        return self.at or dt.datetime.now()  # only the header's clock: every figure is head office's

    def _region_chosen(self, _index: int) -> None:
        self.region = self.regions.currentData()
        self.loader.trigger()

    def _show(self, tiles: HqTiles) -> None:
        self.tiles = tiles
        self.bar.clear_message()
        known = [self.regions.itemData(i) for i in range(1, self.regions.count())]
        for r in tiles.regions:
            if r not in known:
                self.regions.addItem(r, r)
        missed = sum(1 for t in tiles.tiles if t.within_target_pct is not None and t.within_target_pct < self.goal)
        self.summary.setText(self.tr("%1 branches, %2 under the %3% goal (%4)").replace("%1", str(len(tiles.tiles)))
                             .replace("%2", str(missed)).replace("%3", f"{self.goal:g}")
                             .replace("%4", tiles.day.isoformat()))
        for c in self.cards:
            c.setParent(None)
            c.deleteLater()
        self.cards = [BranchCard(t, self.goal) for t in tiles.tiles]
        self.columns = 0
        self._lay_out()

    def _lay_out(self) -> None:
        columns = max(1, (self.scroll.viewport().width() - 12) // (CARD_WIDTH + 12))
        if columns == self.columns:
            return
        self.columns = columns
        for c in self.cards:
            self.grid.removeWidget(c)
        for i, c in enumerate(self.cards):
            self.grid.addWidget(c, i // columns, i % columns)
        for col in range(self.grid.columnCount()):
            self.grid.setColumnStretch(col, 1 if col < columns else 0)
        self.grid.setRowStretch(self.grid.rowCount(), 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._lay_out()

    def _failed(self, exc: BaseException) -> None:
        self.bar.show_message(describe(exc), "error")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._timer.stop()
        super().closeEvent(event)


def run_hq_screen(url: str, *, region: str | None = None, language: str | None = None,
                  at: dt.datetime | None = None) -> int:
    """``branchdesk hq screen``: the window until it is closed."""
    from app.ui.app import qt_app
    from app.ui.i18n import install_language

    app = qt_app()
    install_language(language or "zh_CN")
    screen = HqScreen(url, region=region, at=at)
    screen.resize(1280, 860)
    screen.show()
    return app.exec()
