"""Logging in, the screens a role may open, and the screen registry."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.screens import SCREENS, offered
from app.ui.shell import Shell


def test_wrong_password_then_greeter_gets_greeter_and_lobby_only(qtbot, sctx, actors):
    shell = Shell(sctx)
    shell.show_login()
    login = shell.login
    qtbot.addWidget(login)
    qtbot.keyClicks(login.username, "greeter")
    qtbot.keyClicks(login.password, "wrong-password")
    qtbot.mouseClick(login.button, Qt.MouseButton.LeftButton)
    assert login.bar.text() == "用户名或密码错误。"
    qtbot.keyClicks(login.password, "greeter-demo")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert shell.actor is not None and shell.actor.username == "greeter"
    qtbot.addWidget(shell.launcher)
    assert set(shell.launcher.buttons) == {"greeter", "lobby"}
    assert "greeter" in shell.windows and shell.windows["greeter"].isVisible()
    qtbot.addWidget(shell.windows["greeter"])
    assert shell.open_screen("teller") is None  # a greeter may not open a teller window
    shell.logout()
    qtbot.addWidget(shell.login)
    assert shell.login.isVisible() and "greeter" not in shell.windows


def test_other_features_screens_are_offered_only_when_installed(actors, monkeypatch):
    names = {e.name for e in offered(actors["manager"])}
    assert {"greeter", "teller", "lobby"} <= names
    monkeypatch.setattr(type(SCREENS["manager"]), "factory", lambda self: None)
    assert "manager" not in {e.name for e in offered(actors["manager"])}
    assert not SCREENS["teller"].allowed(actors["greeter"]) and SCREENS["lobby"].allowed(None)


def test_the_demo_windows_neither_overlap_nor_leave_the_screen(qtbot, sctx, actors):
    """The defect: the demo's windows overlapped and ran off-screen."""
    from PySide6.QtCore import QRect

    from app.ui.demo import TITLE_BAR, demo_geometry
    from app.ui.teller.screen import TellerScreen

    from app.ui.greeter.screen import GreeterScreen

    teller = TellerScreen(sctx, actors["teller"], window=1)
    greeter = GreeterScreen(sctx, actors["greeter"])
    for screen in (teller, greeter):
        qtbot.addWidget(screen)
        screen.resize(900, 900)
        screen.show()
    widths = (greeter.minimumSizeHint().width(), teller.minimumSizeHint().width())
    together = sum(widths)
    for w, h in ((1024, 728), (1366, 728), (1920, 1040), (3840, 2120)):
        area = QRect(0, 40, w, h)
        place = demo_geometry(area, teller.minimumSizeHint().height(), widths)
        if together > w:  # too narrow: each on the whole screen, none off it
            assert all(area.contains(r.adjusted(0, -TITLE_BAR, 0, 0)) and r.width() == w for r in place.values())
            continue
        assert place["greeter"].width() >= greeter.minimumSizeHint().width()
        assert place["teller"].width() >= teller.minimumSizeHint().width()
        framed = {k: r.adjusted(0, -TITLE_BAR, 0, 0) for k, r in place.items()}  # with the title bar
        for name, r in framed.items():
            assert area.contains(r), (w, h, name, r)
        names = list(framed)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                assert not framed[a].intersects(framed[b]), (w, h, a, b)
        assert place["teller"].height() >= min(teller.minimumSizeHint().height(), h - 2 * TITLE_BAR - 120)
        assert place["lobby"].height() >= 120


def test_a_staff_screen_never_opens_wider_or_taller_than_its_monitor(qtbot, sctx, actors):
    """It opened at 1440x900 whatever the monitor: on a 1024x768 desk the
    teller's waiting list and keys ran off the screen."""
    from PySide6.QtGui import QGuiApplication

    shell = Shell(sctx)
    shell.show_login()
    qtbot.addWidget(shell.login)
    qtbot.keyClicks(shell.login.username, "teller")
    qtbot.keyClicks(shell.login.password, "teller-demo")
    qtbot.keyClick(shell.login.password, Qt.Key.Key_Return)
    qtbot.addWidget(shell.launcher)
    teller = shell.open_screen("teller")
    assert teller is not None
    qtbot.addWidget(teller)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.width() < 1440  # the test platform's screen is smaller than the wide size
    assert teller.width() <= area.width() and teller.height() <= area.height()
