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


def run_demo(db: str | None = None, *, language: str | None = None) -> int:
    from PySide6.QtCore import QRect
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
        area = QGuiApplication.primaryScreen().availableGeometry()
        half_w, half_h = area.width() // 2, area.height() // 2
        x, y = area.x(), area.y()
        shell.open_screen("greeter", geometry=QRect(x, y, half_w, area.height()))
        shell.actor = actor_for(ctx.db, "teller")
        shell.open_screen("teller", geometry=QRect(x + half_w, y, half_w, half_h), window=1)
        shell.open_screen("lobby", geometry=QRect(x + half_w, y + half_h, half_w, half_h))
        return shell

    log.info("demo database: %s", url)
    return run_ui(setup, app_ctx, language=language)
