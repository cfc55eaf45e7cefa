"""Starting the Qt application on a qasync event loop."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable

import PySide6.QtWidgets  # noqa: F401  (before qasync: it picks the first Qt binding it finds)
import qasync
from PySide6.QtWidgets import QApplication

from app.bootstrap import AppContext, build, notify_worker
from app.ui.context import ScreenContext, make_context
from app.ui.i18n import install_language, setup_fonts
from app.ui.alerts import AlertWatcher, printer_state
from app.ui.shell import Shell
from app.ui.manager.scheduler import EndOfDayScheduler
from app.ui.status import StaffStatus
from app.ui.tasks import busy

log = logging.getLogger("branchdesk.ui")


def qt_app() -> QApplication:
    """The QApplication of this process, with fonts set up."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("BranchDesk")
        app.setOrganizationName("BranchDesk")
        setup_fonts(app)
    return app


def start_ui(app_ctx: AppContext, language: str | None = None) -> ScreenContext:
    """Install the language (argument, else setting ``ui.language``) and start the feed bridge."""
    install_language(language or app_ctx.settings.get("ui.language"))
    return make_context(app_ctx)


def run_ui(setup: Callable[[ScreenContext], Shell], app_ctx: AppContext, *, language: str | None = None) -> int:
    """Run until the last window closes. ``setup`` opens the first windows."""
    app = qt_app()

    async def main() -> int:
        ctx = start_ui(app_ctx, language)
        # serial keypads/displays, head-office sync, the database and its clock, the status line
        status = StaffStatus(app_ctx, bridge=ctx.bridge, clock=ctx.clock)
        ctx.extras["status"] = status
        status.start()
        scheduler = EndOfDayScheduler(app_ctx.db, ctx.action_time)  # the automatic end of day, in every process
        ctx.extras["scheduler"] = scheduler
        scheduler.start()
        # Messages to customers' phones and the appointments' no-shows, in a worker thread (issue 16).
        notify_stop = asyncio.Event()
        notify_task = asyncio.ensure_future(notify_worker(app_ctx).run_forever(notify_stop))
        alerts = AlertWatcher(app_ctx.db, ctx.action_time, bridge=ctx.bridge,  # alerts, in every process too
                              printer=lambda: printer_state(app_ctx, status))
        ctx.extras["alerts"] = alerts
        alerts.start()
        closed = asyncio.get_running_loop().create_future()
        def finish() -> None:
            if not closed.done():
                closed.set_result(0)

        app.lastWindowClosed.connect(finish)
        app.aboutToQuit.connect(finish)
        shell = setup(ctx)  # noqa: F841  (kept alive until the loop ends)
        code = await closed
        scheduler.stop()
        notify_stop.set()
        await asyncio.wait({notify_task}, timeout=10.0)
        alerts.stop()
        await finish_background(10.0)  # a teller's window left at quit is written before we go
        ctx.bridge.stop()
        await status.stop()
        return code

    try:
        return qasync.run(main())
    except (KeyboardInterrupt, SystemExit):
        return 0
    except RuntimeError as exc:  # the loop stopped by quit() before main() returned
        log.debug("event loop ended: %s", exc)
        return 0
    finally:
        app_ctx.close()


async def finish_background(seconds: float) -> None:
    """Let background jobs (leaving a window, a print) finish, for at most ``seconds``."""
    deadline = asyncio.get_running_loop().time() + seconds
    while busy() > 1 and asyncio.get_running_loop().time() < deadline:  # 1: this coroutine's own task
        await asyncio.sleep(0.05)


def run(db_url: str | None, *, screens: list[str] | None = None, lobby_monitor: int | None = None,
        lobby_only: bool = False, language: str | None = None, rating_pad: int | None = None) -> int:
    """``branchdesk run``: log in, then the screens of the role (or ``screens``);
    ``lobby_only``: the lobby display alone; ``rating_pad``: the rating pad of
    that window alone (neither needs a login: they show no personal data)."""
    app_ctx = build(db_url)

    def setup(ctx: ScreenContext) -> Shell:
        shell = Shell(ctx, lobby_monitor=lobby_monitor)
        if rating_pad is not None:
            shell.open_screen("rating_pad", window=rating_pad)
        elif lobby_only:
            shell.open_screen("lobby")
        else:
            shell.show_login()
            if screens:
                shell.login.logged_in.disconnect()
                shell.login.logged_in.connect(lambda actor: shell.on_logged_in(actor, screens))
        return shell

    return run_ui(setup, app_ctx, language=language)
