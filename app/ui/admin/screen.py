"""The administration screen (registry entry "admin"): one tab per subject."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from app.staff.roles import Actor, require
from app.ui.admin.base import _t
from app.ui.admin.branch import BranchTab, QueueTab, SyncTab
from app.ui.admin.devices import DevicesTab
from app.ui.admin.catalogue import ServicesTab, WindowsTab
from app.ui.admin.complaints import ComplaintsTab
from app.ui.admin.day import DayTab
from app.ui.admin.staff import StaffTab
from app.ui.messages import MessageBar
from app.ui.status import status_line
from app.ui.setup.forms import install_ops_translations
from app.ui.theme import STAFF_QSS
from app.ui.widgets import Header, screen_root
from app.ui.i18n import branch_name

log = logging.getLogger("branchdesk.ui")


class AdminScreen(QWidget):
    """``AdminScreen(ctx, actor)``; only administrators may open it."""

    def __init__(self, ctx, actor: Actor) -> None:  # type: ignore[no-untyped-def]
        require(actor, "staff.manage")
        install_ops_translations()
        super().__init__()
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(_t("BranchDesk - Administration"))
        self.setStyleSheet(STAFF_QSS)
        root = screen_root(self)
        header = Header(_t("Administration"), branch_name(ctx.settings), actor.username, ctx.now)
        root.addWidget(header)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(16, 12, 16, 12)
        self.bar = MessageBar()
        header.carry(self.bar)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        lay.addWidget(self.tabs, 1)
        root.addWidget(body, 1)
        self.status_line = status_line(ctx)
        root.addWidget(self.status_line)
        self.branch = self._add(BranchTab, _t("Branch"))
        self.services = self._add(ServicesTab, _t("Services"))
        self.windows = self._add(WindowsTab, _t("Windows"))
        self.queue = self._add(QueueTab, _t("Queue and lobby"))
        self.day = self._add(DayTab, _t("Business day"))
        self.staff = self._add(StaffTab, _t("Staff"))
        self.devices = self._add(DevicesTab, _t("Devices"))
        self.complaints = self._add(ComplaintsTab, _t("Complaints"))
        self.sync = self._add(SyncTab, _t("Head office"))
        # a new or renamed service appears in the windows' service list at once,
        # whatever window is being edited; so does one saved on another PC
        self.services.saved.connect(self.windows.refresh_services)
        ctx.bridge.catalogue_changed.connect(self._catalogue_changed)

    def _catalogue_changed(self) -> None:
        if not self.services.busy and not self.windows.busy:
            self.services.reload()
            self.windows.reload()
            self.windows.refresh_services()

    def _add(self, cls, title: str):  # type: ignore[no-untyped-def]
        """A tab that scrolls when the screen is too short for it."""
        tab = cls(self.ctx, self.actor, self.bar)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(tab)
        self.tabs.addTab(scroll, title)
        return tab

