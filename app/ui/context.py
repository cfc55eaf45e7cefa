"""What a screen is given: the application context, the change-feed bridge and
the clock. Screens get this and the acting staff member, never the application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.bootstrap import AppContext
from app.clock import DEFAULT_TZ, pc_now
from app.ui.bridge import FeedBridge


class BranchClock:
    """The time screens show: this PC's clock in the branch's time zone,
    corrected by its measured distance from the database's clock (StaffStatus
    measures it), so every PC shows the time the queue is ordered by."""

    def __init__(self, tz: str = DEFAULT_TZ) -> None:
        self.tz = tz or DEFAULT_TZ
        self.skew_s = 0.0  # this PC ahead of the database by this much

    def __call__(self) -> dt.datetime:
        return pc_now(self.tz) - dt.timedelta(seconds=round(self.skew_s))


@dataclass
class ScreenContext:
    """Passed to every screen factory as ``factory(ctx, actor)``.

    ``db``, ``settings`` and ``devices`` mirror ``AppContext`` so a screen can
    treat this like the composition root's context. ``clock`` is what the
    screens show; ``test_clock`` (tests, screenshots) also sets the time of
    every action, which is otherwise the database's clock.
    """

    app: AppContext
    bridge: FeedBridge
    clock: Callable[[], dt.datetime] = field(default_factory=BranchClock)
    extras: dict[str, Any] = field(default_factory=dict)
    fixed_time: bool = False  # True when ``clock`` is a test's or a screenshot's

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
        """The time to show (and to measure waits with on screen)."""
        return self.clock()

    def action_time(self) -> dt.datetime | None:
        """The ``now`` for a service function: None (the database's clock),
        or the fixed clock of a test or a screenshot."""
        return self.clock() if self.fixed_time else None

    def setting(self, key: str, default: Any = "") -> Any:
        value = self.app.settings.get(key)
        return default if value is None else value


def fixed_context(app: AppContext, bridge: FeedBridge, clock: Callable[[], dt.datetime]) -> ScreenContext:
    """A context whose time is ``clock`` for display and actions (tests, screenshots)."""
    ctx = ScreenContext(app=app, bridge=bridge, clock=clock, fixed_time=True)
    bridge.setting_changed.connect(lambda key, value: app.settings.__setitem__(key, value))
    return ctx


def make_context(app: AppContext, *, interval_ms: int = 150) -> ScreenContext:
    """A screen context with a started bridge that also keeps ``settings`` fresh."""
    bridge = FeedBridge(app.db, interval_ms=interval_ms)
    ctx = ScreenContext(app=app, bridge=bridge, clock=BranchClock(str(app.settings.get("branch.timezone") or "")))
    bridge.setting_changed.connect(lambda key, value: app.settings.__setitem__(key, value))
    bridge.start()
    return ctx
