"""English mode speaks English where the catalogue has it; Qt's own words follow the language."""

from __future__ import annotations

from app.ui import tasks
from app.ui.i18n import install_language


def test_english_screens_use_the_english_names(qtbot, sctx, actors, aloop, app_ctx):
    """The defects: in English the complaints header showed the Chinese branch
    name, and the admin windows tab listed services by their Chinese names."""
    from app.ui.admin.screen import AdminScreen
    from app.ui.complaints.board import ComplaintsBoard

    install_language("en")
    board = ComplaintsBoard(sctx, actors["manager"])
    qtbot.addWidget(board)
    from app.ui.widgets import Header

    assert board.findChild(Header).branch.text() == "Demo Bank, City Centre Branch"
    admin = AdminScreen(sctx, actors["admin"])
    qtbot.addWidget(admin)
    served = admin.windows.served
    names = [served.item(i).text() for i in range(served.count())]
    assert "A  Personal Banking" in names and not any("个人" in n for n in names)
    qtbot.waitUntil(tasks.idle, timeout=5000)


def test_qt_own_buttons_follow_the_language(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    install_language("zh_CN")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["保存", "取消"])
    install_language("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["Save"]
    install_language("zh_CN")
