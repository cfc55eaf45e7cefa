"""The application shell: log in, open the screens a role may use, place them
on monitors (the lobby display full-screen on a second monitor)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.staff.roles import Actor
from app.ui import probe
from app.ui.context import ScreenContext
from app.ui.i18n import install_language
from app.ui.login import LoginWindow
from app.ui.messages import MessageBar
from app.ui.screens import SCREENS, first_screen, offered
from app.ui.status import status_line
from app.ui.theme import STAFF_QSS
from app.ui.widgets import card, label, screen_root

log = logging.getLogger("branchdesk.ui")


STAFF_SIZE = (1440, 900)  # a staff screen's size where the monitor has room


class Launcher(QWidget):
    """After login: who is logged in, one button per screen they may open, log out."""

    def __init__(self, shell: "Shell", actor: Actor) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("BranchDesk"))
        self.setStyleSheet(STAFF_QSS)
        root = screen_root(self)
        box, lay = card(margins=24)
        root.setContentsMargins(16, 16, 16, 16)
        root.addWidget(box)
        lay.addWidget(label(self.tr("Logged in as %1").replace("%1", actor.username), "section"))
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for entry in offered(actor):
            b = QPushButton(entry.title)
            b.setMinimumHeight(52)
            b.clicked.connect(lambda _=False, n=entry.name: shell.open_screen(n))
            row.addWidget(b)
            self.buttons[entry.name] = b
        lay.addLayout(row)
        bottom = QVBoxLayout()
        self.logout = QPushButton(self.tr("Log out"))
        self.logout.clicked.connect(shell.logout)
        self.bar = MessageBar()
        bottom.addWidget(self.bar)
        bottom.addWidget(self.logout)
        lay.addLayout(bottom)
        self.status_line = status_line(shell.ctx)
        root.addWidget(self.status_line)


class Shell(QObject):
    """Owns the top-level windows of one process."""

    def __init__(self, ctx: ScreenContext, *, lobby_monitor: int | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.lobby_monitor = lobby_monitor
        self.actor: Actor | None = None
        self.windows: dict[str, QWidget] = {}
        self.login: LoginWindow | None = None
        self.launcher: Launcher | None = None

    def show_login(self) -> None:
        self.login = LoginWindow(self.ctx.db, str(self.ctx.setting("branch.name_zh")))
        self.login.logged_in.connect(self.on_logged_in)
        self.login.language_chosen.connect(self._switch_language)
        self.login.resize(900, 640)
        probe.install(self.login)
        self.login.show()

    def _switch_language(self, lang: str) -> None:
        install_language(lang)
        old, self.login = self.login, None
        self.show_login()
        if old is not None:
            self.login.move(old.pos())
            old.deleteLater()

    def on_logged_in(self, actor: Actor, screens: list[str] | None = None) -> None:
        self.actor = actor
        if self.login is not None:
            self.login.hide()
            self.login.deleteLater()
            self.login = None
        self.launcher = Launcher(self, actor)
        self.launcher.show()
        for name in screens or [first_screen(actor)]:
            self.open_screen(name)

    def open_screen(self, name: str, *, geometry: QRect | None = None, **kwargs) -> QWidget | None:  # type: ignore[no-untyped-def]
        """Open (or raise) screen ``name``; refused if the role may not."""
        entry = SCREENS.get(name)
        if entry is None or not entry.allowed(self.actor):
            log.warning("screen %s refused for %s", name, self.actor)
            return None
        if name in self.windows and self.windows[name].isVisible():
            self.windows[name].raise_()
            return self.windows[name]
        try:
            widget = entry.create(self.ctx, self.actor, **kwargs)
        except Exception as exc:  # a plug-in screen failing must not close the others
            log.exception("could not open screen %s", name)
            if self.launcher is not None:
                self.launcher.bar.show_error(exc)
            return None
        self.windows[name] = widget
        probe.install(widget)
        self._place(name, widget, geometry)
        return widget

    def _place(self, name: str, widget: QWidget, geometry: QRect | None) -> None:
        if geometry is not None:
            widget.setGeometry(geometry)
            widget.show()
            return
        monitors = QGuiApplication.screens()
        if name == "rating_pad":  # a small monitor or tablet facing the customer: all of it
            index = self.lobby_monitor if self.lobby_monitor is not None else (1 if len(monitors) > 1 else 0)
            monitor = monitors[min(max(index, 0), len(monitors) - 1)]
            widget.setGeometry(monitor.geometry())
            widget.showFullScreen()
            return
        if name == "lobby" and (self.lobby_monitor is not None or len(monitors) > 1):
            index = self.lobby_monitor if self.lobby_monitor is not None else 1
            monitor = monitors[min(max(index, 0), len(monitors) - 1)]
            widget.setGeometry(monitor.geometry())
            widget.showFullScreen()
            return
        # A staff screen: 1440x900 where the desk's monitor has room for it,
        # else the whole of that monitor (never wider or taller than it).
        area = (widget.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        if area.width() <= STAFF_SIZE[0] or area.height() <= STAFF_SIZE[1]:
            widget.setGeometry(area)
            widget.showMaximized()
            return
        widget.resize(*STAFF_SIZE)
        widget.move(area.center() - widget.rect().center())
        widget.show()

    def logout(self) -> None:
        self.show_login()  # first, so the last window never closes on its own
        for name, w in list(self.windows.items()):
            if name != "lobby":  # the lobby display keeps running for the customers
                w.close()
                del self.windows[name]
        if self.launcher is not None:
            self.launcher.close()
            self.launcher = None
        self.actor = None
