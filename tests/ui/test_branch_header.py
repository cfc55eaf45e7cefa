"""The header of staff screens names the branch in the screen's language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.ui.greeter.screen import GreeterScreen
from app.ui.i18n import install_language
from app.ui.teller.screen import TellerScreen


def _texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in widget.findChildren(QLabel)]


def test_header_shows_the_branch_name_in_the_screen_language(qtbot, sctx, actors, aloop):
    zh = str(sctx.settings["branch.name_zh"])
    en = str(sctx.settings["branch.name_en"])
    greeter = GreeterScreen(sctx, actors["greeter"])
    qtbot.addWidget(greeter)
    assert zh in _texts(greeter) and en not in _texts(greeter)

    install_language("en")  # the lang fixture puts zh_CN back afterwards
    teller = TellerScreen(sctx, actors["teller"])
    qtbot.addWidget(teller)
    assert en in _texts(teller) and zh not in _texts(teller)
