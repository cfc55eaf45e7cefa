"""Fixtures for the screen tests: a seeded SQLite file, a fixed clock, a screen
context with a fast change-feed bridge, a qasync loop, and a fake printer."""

from __future__ import annotations

import datetime as dt
import shutil

import PySide6.QtWidgets  # noqa: F401  (before qasync)
import pytest
import qasync

from app.bootstrap import build
from app.devices.base import PrinterError, PrinterStatus
from app.staff.accounts import actor_for
from app.ui.bridge import FeedBridge
from app.ui.context import ScreenContext, fixed_context
from app.ui.demo import seed_demo
from app.ui.i18n import install_language


class FakePrinter:
    """Implements the TicketPrinter protocol; ``fail`` makes the next prints fail."""

    def __init__(self) -> None:
        self.jobs = []
        self.fail: PrinterError | None = None

    def print_ticket(self, job) -> None:  # type: ignore[no-untyped-def]
        if self.fail is not None:
            raise self.fail
        self.jobs.append(job)

    def print_receipt(self, job) -> None:  # type: ignore[no-untyped-def]
        self.jobs.append(job)

    def status(self) -> PrinterStatus:
        return PrinterStatus(True, "ok", "ready")

    def close(self) -> None:
        pass


@pytest.fixture
def now(at) -> dt.datetime:
    return at(10, 0)


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory):
    """Catalogue + demo staff, seeded once (argon2 hashing is slow) and copied per test."""
    path = tmp_path_factory.mktemp("template") / "seeded.sqlite3"
    ctx = build(f"sqlite:///{path}")
    seed_demo(ctx.db, dt.datetime(2026, 11, 23, 9, 0), open_windows=(1, 2))
    ctx.close()
    return path


@pytest.fixture
def db_file(seeded_file, tmp_path):
    path = tmp_path / "branch.sqlite3"
    shutil.copyfile(seeded_file, path)
    return path


@pytest.fixture
def app_ctx(db_file):
    ctx = build(f"sqlite:///{db_file}")
    from app.queue import get_settings

    ctx.settings.update(get_settings(ctx.db))
    ctx.devices["printer"] = FakePrinter()
    yield ctx
    ctx.close()


@pytest.fixture
def lang(qapp):
    install_language("zh_CN")
    yield "zh_CN"
    install_language("zh_CN")


@pytest.fixture
def sctx(qapp, app_ctx, now, lang):
    bridge = FeedBridge(app_ctx.db, interval_ms=20)
    ctx = fixed_context(app_ctx, bridge, lambda: now)
    bridge.start()
    yield ctx
    bridge.stop()


@pytest.fixture(scope="session")
def aloop(qapp):
    """A qasync loop marked running, so async slots can be scheduled (FIELD-NOTES b).

    One loop for the whole session: a second QEventLoop created after the first
    was stopped no longer delivered worker-thread results here."""
    import asyncio

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    loop.stop()
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def actors(app_ctx):
    return {name: actor_for(app_ctx.db, name) for name in ("greeter", "teller", "manager", "admin")}


@pytest.fixture
def settle(qtbot):
    """``settle()``: wait until every screen has loaded and no background job runs."""
    from app.ui import tasks

    def wait(timeout: int = 5000) -> None:
        qtbot.waitUntil(tasks.idle, timeout=timeout)

    return wait
