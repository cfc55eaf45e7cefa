"""``branchdesk screenshots``: every screen rendered to PNG in both languages,
from a throwaway database filled with a plausible morning (offscreen Qt)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

SIZES = {"login": (1280, 800), "greeter": (1600, 1000), "teller": (1600, 1000), "lobby": (1920, 1080)}


def morning(db, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    """Tickets issued, called, served and waiting, as at ``now``."""
    import app.queue as q
    from app.staff.accounts import actor_for
    from app.ui.demo import seed_demo

    seed_demo(db, now - dt.timedelta(hours=2), open_windows=(1, 2, 3, 4, 5))
    greeter, teller = actor_for(db, "greeter"), actor_for(db, "teller")
    manager = actor_for(db, "manager")
    t0 = now - dt.timedelta(minutes=70)
    plan = ["A", "A", "D", "B", "A", "C", "E", "A", "F", "D", "A", "B", "A", "E", "D", "A", "G", "A"]
    for i, code in enumerate(plan):
        prio = "needs" if i == 7 else "normal"
        q.issue_ticket(db, service=code, priority=prio, priority_note="elderly" if prio == "needs" else None,
                       customer_name="张三丰" if i == 3 else None, actor=greeter, now=t0 + dt.timedelta(minutes=3 * i))
    for i, window in enumerate((3, 1, 2, 4, 5, 1, 2, 3)):
        at = t0 + dt.timedelta(minutes=20 + 5 * i)
        try:
            q.finish(db, window=window, actor=teller, now=at - dt.timedelta(seconds=30))
        except Exception:
            pass
        q.call_next(db, window=window, actor=teller, now=at)
    q.start_service(db, window=2, actor=teller, now=now - dt.timedelta(minutes=3))
    q.set_setting(db, "lobby.notice", "温馨提示：办理业务请携带本人有效身份证件。Please bring a valid ID card.",
                  actor=manager, now=now)


def render_all(out: str | os.PathLike[str]) -> list[str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.bootstrap import build
    from app.queue import issue_ticket
    from app.sync.status import SyncStatus
    from app.staff.accounts import actor_for
    from app.ui.app import qt_app
    from app.ui.bridge import FeedBridge
    from app.ui.context import ScreenContext, fixed_context
    from app.ui.greeter.screen import GreeterScreen
    from app.ui.i18n import install_language
    from app.ui.lobby.announcer import Announcer, RecordingOutput
    from app.ui.lobby.screen import LobbyScreen
    from app.ui.login import LoginWindow
    from app.ui.status import StaffStatus
    from app.ui.teller.screen import TellerScreen

    app = qt_app()
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.combine(dt.date.today(), dt.time(10, 32))
    files: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        app_ctx = build(f"sqlite:///{Path(tmp) / 'shots.sqlite3'}")
        morning(app_ctx.db, now)
        from app.queue import get_settings

        app_ctx.settings.update(get_settings(app_ctx.db))
        ctx = fixed_context(app_ctx, FeedBridge(app_ctx.db), lambda: now)
        # The status line as on a branch PC whose sync ran three minutes ago (nothing runs here).
        status = StaffStatus(app_ctx)
        status.sync_mode, status.sync = "running", SyncStatus("ok", now - dt.timedelta(minutes=3), 12, None)
        ctx.extras["status"] = status
        greeter, teller = actor_for(app_ctx.db, "greeter"), actor_for(app_ctx.db, "teller")
        last = issue_ticket(app_ctx.db, service="A", actor=greeter, now=now)
        for lang, tag in (("zh_CN", "zh"), ("en", "en")):
            install_language(lang)
            screens = {
                "login": LoginWindow(app_ctx.db, str(app_ctx.settings["branch.name_zh"])),
                "greeter": GreeterScreen(ctx, greeter),
                "teller": TellerScreen(ctx, teller, window=2),
                "lobby": LobbyScreen(ctx, None, announcer=Announcer(RecordingOutput())),
            }
            screens["greeter"].result.show_ticket(last)
            screens["greeter"].result.set_print_state("printed", last.ticket.number)
            screens["lobby"].show_call("A011", 3)
            screens["lobby"]._flash_timer.stop()
            screens["lobby"]._panel_colour("#0f2d57")
            for name, widget in screens.items():
                widget.resize(*SIZES[name])
                widget.show()
                app.processEvents()
                path = out_dir / f"{name}-{tag}.png"
                widget.grab().save(str(path))
                files.append(str(path))
                widget.close()
                widget.deleteLater()
            screens["teller"].rating.close()
            app.processEvents()
        app_ctx.close()
    install_language("zh_CN")
    return files
