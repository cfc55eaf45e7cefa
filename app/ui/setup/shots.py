"""Screenshots of the setup wizard and the administration screen
(docs/screenshots/setup-*.png, admin-*.png).

``python -m app.ui.setup.shots docs/screenshots`` renders offscreen from a
throwaway database and settings file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

NOW = dt.datetime(2026, 11, 23, 8, 30)


def _wizard_pages(app, out: Path, tmp: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWizard

    from app.ui.setup.wizard import SetupWizard

    w = SetupWizard(now=lambda: NOW)
    w.resize(760, 600)
    w.show()
    w.branch.code.setText("BR002")
    w.branch.name_zh.setText("示范银行 城东支行")
    w.branch.name_en.setText("Demo Bank, East Branch")
    w.admin.full_name.setText("陈静")
    w.admin.password.setText("secret123")
    w.admin.again.setText("secret123")
    w.database.postgres.setChecked(True)
    w.database.url.setText("postgresql://branch:***@10.0.0.5/branchdesk")
    w.printer.connection.setCurrentIndex(w.printer.connection.findData("network"))
    w.printer.inputs["network"]["printer.network.host"].setText("192.168.1.50")
    w.display.role.setCurrentIndex(w.display.role.findData("greeter"))
    files = []
    names = ["branch", "admin", "database", "printer", "screens", "headoffice"]
    for i, name in enumerate(names):
        if i == 2:  # show a refusal as a person would see it
            w.database.form.show_errors({"database_url": "The database cannot be reached: connection refused."})
        app.processEvents()
        path = out / f"setup-{i + 1}-{name}.png"
        w.grab().save(str(path))
        files.append(path)
        if i == 2:
            w.database.form.show_errors({})
            w.database.embedded.setChecked(True)
        if i < len(names) - 1:
            w.button(QWizard.WizardButton.NextButton).click()
            app.processEvents()
    w.close()
    return files


def _admin_tabs(app, out: Path, tmp: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    from app.bootstrap import build
    from app.queue import get_settings, init_catalogue
    from app.staff.accounts import add_staff
    from app.staff.roles import SYSTEM, Actor
    from app.ui.admin.screen import AdminScreen
    from app.ui.bridge import FeedBridge
    from app.ui.context import ScreenContext, fixed_context

    app_ctx = build(f"sqlite:///{tmp / 'shots.sqlite3'}")
    init_catalogue(app_ctx.db, actor=SYSTEM, now=NOW)
    for user, name, roles in (("chen.jing", "陈静", "admin"), ("li.na", "李娜", "teller"),
                              ("wang.fang", "王芳", "greeter"), ("zhao.lei", "赵磊", "manager,complaints")):
        add_staff(app_ctx.db, username=user, password="password1", roles=roles, full_name=name, actor=SYSTEM, now=NOW)
    app_ctx.settings.update(get_settings(app_ctx.db))
    ctx = fixed_context(app_ctx, FeedBridge(app_ctx.db), lambda: NOW)
    screen = AdminScreen(ctx, Actor("chen.jing", frozenset({"admin"}), 1))
    screen.resize(1200, 760)
    screen.show()
    from app.ui.screenshots import ADMIN_TABS

    names = list(ADMIN_TABS)  # the tabs in order, as branchdesk screenshots names them
    files = []
    for i in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(i)
        tab = screen.tabs.widget(i)
        if tab is screen.services:
            tab.table.selectRow(0)
        if tab is screen.windows:
            tab.table.selectRow(1)
            screen.bar.show_message("窗口已保存。", "ok")
        if tab is screen.staff:
            tab.table.selectRow(1)
            tab.form.show_errors({"password": "A password needs at least 8 characters."})
        app.processEvents()
        path = out / f"admin-{i + 1}-{names[i]}.png"
        screen.grab().save(str(path))
        files.append(path)
        screen.bar.clear_message()
    screen.close()
    app_ctx.close()
    return files


def render(out: str | os.PathLike[str]) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.app import qt_app
    from app.ui.i18n import install_language

    app = qt_app()
    install_language("zh_CN")
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRANCHDESK_CONFIG"] = str(Path(tmp) / "settings.toml")
        return _wizard_pages(app, out_dir, Path(tmp)) + _admin_tabs(app, out_dir, Path(tmp))


if __name__ == "__main__":
    for p in render(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"):
        print(p)
