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
