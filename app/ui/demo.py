"""``branchdesk demo``: a fresh database with demo staff, the greeter, one
teller window and the lobby display side by side."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from app.queue import get_settings, init_catalogue, open_window
from app.staff.accounts import actor_for, add_staff
from app.staff.roles import SYSTEM

log = logging.getLogger("branchdesk.ui")

# username -> (roles, password). Documented in docs/ui.md; demo databases only.
DEMO_STAFF = {
    "greeter": ("greeter", "greeter-demo"),
    "teller": ("teller", "teller-demo"),
    "complaints": ("complaints", "complaints-demo"),
    "manager": ("manager", "manager-demo"),
    "admin": ("admin", "admin-demo"),
}


def demo_folder() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("BranchDesk", "BranchDesk")) / "demo"


def fresh_demo_database(db: str | None = None) -> str:
    """A new, empty SQLite file (the old demo file is replaced); returns its URL."""
    if db and "://" in db and not db.startswith("sqlite"):
        return db  # a server database is used as it is
    path = Path(db.removeprefix("sqlite:///")) if db else demo_folder() / "demo.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def seed_demo(database, now: dt.datetime, *, open_windows: tuple[int, ...] = (1,)) -> None:  # type: ignore[no-untyped-def]
    """Default catalogue, the demo staff, and window 1 opened by the teller (a
    teller holds one window: further windows are opened without a teller).
    The demo branch is open until 23:59, so a demo works at any hour."""
    from app.settings import change_settings

    init_catalogue(database, actor=SYSTEM, now=now)
    change_settings(database, {"branch.closing_time": "23:59", "day.auto_close_delay_min": 0}, actor=SYSTEM,
                    now=now, source="setup")
    for username, (roles, password) in DEMO_STAFF.items():
        add_staff(database, username=username, password=password, roles=roles,
                  full_name=username.title(), actor=SYSTEM, now=now)
    teller = actor_for(database, "teller")
    for i, number in enumerate(open_windows):
        open_window(database, window=number, actor=teller if i == 0 else SYSTEM, now=now)


TITLE_BAR = 32  # what a window manager adds above each window, about


def demo_geometry(area, teller_height: int, widths: tuple[int, int] = (0, 0)) -> dict:  # type: ignore[no-untyped-def]
    """Where the demo's three windows go on one screen's available ``area``
    (a QRect): the greeter on the left half, the teller on the right above the
    lobby display; no two overlap and none runs off the screen, title bars
    included. The teller gets at least the height its screen needs. A screen
    too narrow for greeter and teller side by side (``widths``: the least
    width of each) gets each of them on the whole screen, one in front of the
    other, as a branch PC would show them."""
    from PySide6.QtCore import QRect

    if sum(widths) > area.width():
        whole = QRect(area.x(), area.y() + TITLE_BAR, area.width(), area.height() - TITLE_BAR)
        return {"greeter": whole, "teller": QRect(whole), "lobby": QRect(whole)}
    half = area.width() - max(area.width() - area.width() // 2, widths[1])  # the greeter's share
    right = area.width() - half
    teller_h = min(max(teller_height, area.height() * 3 // 5 - TITLE_BAR), area.height() - 2 * TITLE_BAR - 120)
    lobby_top = area.y() + TITLE_BAR + teller_h + TITLE_BAR
    return {
        "greeter": QRect(area.x(), area.y() + TITLE_BAR, half, area.height() - TITLE_BAR),
        "teller": QRect(area.x() + half, area.y() + TITLE_BAR, right, teller_h),
        "lobby": QRect(area.x() + half, lobby_top, right, area.bottom() + 1 - lobby_top),
    }


def run_demo(db: str | None = None, *, language: str | None = None) -> int:
    from PySide6.QtGui import QGuiApplication

    from app.bootstrap import build
    from app.ui.app import qt_app, run_ui
    from app.clock import pc_now
    from app.ui.shell import Shell

    url = fresh_demo_database(db)
    app_ctx = build(url, simulated_devices=True)  # the simulated PNG ticket printer
    seed_demo(app_ctx.db, pc_now(str(app_ctx.settings.get("branch.timezone") or "")))
    app_ctx.settings.update(get_settings(app_ctx.db))
    qt_app()

    def setup(ctx) -> Shell:  # type: ignore[no-untyped-def]
        shell = Shell(ctx)
        shell.actor = actor_for(ctx.db, "greeter")
        greeter = shell.open_screen("greeter")
        shell.actor = actor_for(ctx.db, "teller")
        teller = shell.open_screen("teller", window=1)
        lobby = shell.open_screen("lobby")
        area = QGuiApplication.primaryScreen().availableGeometry()
        g, t = (w.minimumSizeHint() if w is not None else None for w in (greeter, teller))
        place = demo_geometry(area, t.height() if t else 0, (g.width() if g else 0, t.width() if t else 0))
        for name, widget in (("greeter", greeter), ("teller", teller), ("lobby", lobby)):
            if widget is not None:
                widget.setGeometry(place[name])
                widget.show()
        return shell

    log.info("demo database: %s", url)
    return run_ui(setup, app_ctx, language=language)
