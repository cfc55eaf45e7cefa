"""What a screen is given: the application context, the change-feed bridge and
the clock. Screens get this and the acting staff member, never the application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.bootstrap import AppContext
from app.ui.bridge import FeedBridge


def local_now() -> dt.datetime:
    """Branch-local wall-clock time (naive, seconds precision)."""
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class ScreenContext:
    """Passed to every screen factory as ``factory(ctx, actor)``.

    ``db``, ``settings`` and ``devices`` mirror ``AppContext`` so a screen can
    treat this like the composition root's context.
    """

    app: AppContext
    bridge: FeedBridge
    clock: Callable[[], dt.datetime] = local_now
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def db(self):  # type: ignore[no-untyped-def]
        return self.app.db

    @property
    def settings(self) -> dict[str, Any]:
        return self.app.settings

    @property
    def devices(self) -> dict[str, Any]:
        return self.app.devices

    def now(self) -> dt.datetime:
        return self.clock()

    def setting(self, key: str, default: Any = "") -> Any:
        value = self.app.settings.get(key)
        return default if value is None else value


def make_context(app: AppContext, *, interval_ms: int = 150) -> ScreenContext:
    """A screen context with a started bridge that also keeps ``settings`` fresh."""
    bridge = FeedBridge(app.db, interval_ms=interval_ms)
    ctx = ScreenContext(app=app, bridge=bridge)
    bridge.setting_changed.connect(lambda key, value: app.settings.__setitem__(key, value))
    bridge.start()
    return ctx
