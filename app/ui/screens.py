"""The screen registry: name -> factory(ctx, actor) -> QWidget.

Screens of other features plug in by import path and are offered only when
their module imports. ``roles`` says who may open a screen (empty: anyone,
even without logging in: the lobby display shows no personal data).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.staff.roles import Actor

log = logging.getLogger("branchdesk.ui")


@dataclass(frozen=True)
class ScreenEntry:
    name: str
    target: str  # "package.module:Factory", called as Factory(ctx, actor)
    roles: frozenset[str]
    title_source: str  # English source text, translated in context "Screens"

    @property
    def title(self) -> str:
        return QCoreApplication.translate("Screens", self.title_source)

    def factory(self) -> Callable[..., QWidget] | None:
        module, _, attr = self.target.partition(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:
            log.debug("screen %s not available: %s", self.name, exc)
            return None

    def available(self) -> bool:
        return self.factory() is not None

    def allowed(self, actor: Actor | None) -> bool:
        if not self.roles:
            return True
        return actor is not None and ("admin" in actor.roles or bool(actor.roles & self.roles))

    def create(self, ctx, actor: Actor | None, **kwargs) -> QWidget:  # type: ignore[no-untyped-def]
        factory = self.factory()
        if factory is None:
            raise LookupError(f"The {self.name} screen is not installed.")
        return factory(ctx, actor, **kwargs)


def _titles() -> None:  # for lupdate: the registry titles live in context "Screens"
    QCoreApplication.translate("Screens", "Greeter")
    QCoreApplication.translate("Screens", "Teller window")
    QCoreApplication.translate("Screens", "Lobby display")
    QCoreApplication.translate("Screens", "Rating pad")
    QCoreApplication.translate("Screens", "Complaints")
    QCoreApplication.translate("Screens", "Manager")
    QCoreApplication.translate("Screens", "Administration")


SCREENS: dict[str, ScreenEntry] = {
    e.name: e
    for e in (
        ScreenEntry("greeter", "app.ui.greeter.screen:GreeterScreen", frozenset({"greeter", "manager"}), "Greeter"),
        ScreenEntry("teller", "app.ui.teller.screen:TellerScreen", frozenset({"teller", "manager"}), "Teller window"),
        ScreenEntry("lobby", "app.ui.lobby.screen:LobbyScreen", frozenset(), "Lobby display"),
        ScreenEntry("rating_pad", "app.ui.rating.pad:RatingPad", frozenset(), "Rating pad"),
        ScreenEntry("complaints", "app.ui.complaints.board:ComplaintsBoard", frozenset({"complaints", "manager"}),
                    "Complaints"),
        ScreenEntry("manager", "app.ui.manager.screen:ManagerScreen", frozenset({"manager"}), "Manager"),
        ScreenEntry("admin", "app.ui.admin.screen:AdminScreen", frozenset({"admin"}), "Administration"),
    )
}

# What a role sees first after logging in.
DEFAULT_FOR_ROLE = (("manager", "manager"), ("greeter", "greeter"), ("teller", "teller"),
                    ("complaints", "complaints"), ("admin", "admin"))


# Screens of their own device, started with their own ``run`` option, never from the launcher.
DEVICE_SCREENS = frozenset({"rating_pad"})


def offered(actor: Actor | None) -> list[ScreenEntry]:
    """Screens this person may open that are installed in this build."""
    return [e for e in SCREENS.values() if e.allowed(actor) and e.available() and e.name not in DEVICE_SCREENS]


def first_screen(actor: Actor) -> str:
    for role, name in DEFAULT_FOR_ROLE:
        if role in actor.roles and SCREENS[name].available():
            return name
    return "lobby"
