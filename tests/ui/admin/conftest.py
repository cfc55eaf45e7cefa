"""The administration screen on a catalogued SQLite branch, as an admin."""

from __future__ import annotations

import datetime as dt

import pytest

from app.bootstrap import build
from app.queue import init_catalogue
from app.staff.accounts import add_staff
from app.staff.roles import SYSTEM, Actor
from tests.integration.ops.ops_support import isolated_machine  # noqa: F401 (autouse fixture)


@pytest.fixture
def admin_screen(qtbot, sqlite_url):
    from app.ui.admin.screen import AdminScreen
    from app.ui.context import make_context
    from app.ui.i18n import install_language

    install_language("zh_CN")
    app_ctx = build(sqlite_url)
    now = dt.datetime(2026, 11, 23, 8, 0)
    init_catalogue(app_ctx.db, actor=SYSTEM, now=now)
    boss = add_staff(app_ctx.db, username="boss", password="password1", roles="admin", actor=SYSTEM, now=now)
    app_ctx.settings.update(__import__("app.queue", fromlist=["get_settings"]).get_settings(app_ctx.db))
    ctx = make_context(app_ctx)
    ctx.clock = lambda: now
    screen = AdminScreen(ctx, Actor(boss.username, frozenset(boss.roles), boss.id))
    qtbot.addWidget(screen)
    screen.resize(1200, 760)
    screen.show()
    yield screen
    ctx.bridge.stop()
    app_ctx.close()
