"""The complaints screen's own Chinese translation.

The application's translation build (tools/make_translations.sh) leaves
app/ui/complaints out, so this screen ships complaints_zh_CN.ts/.qm next to
its code and installs the .qm itself while the application language is
Chinese (and removes it again when it is not).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from app.ui.i18n import current_language

QM = Path(__file__).with_name("i18n") / "complaints_zh_CN.qm"
_installed: list[QTranslator] = []


def sync_translator() -> None:
    """Install the complaints .qm when the app speaks Chinese, else remove it."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if current_language() == "zh_CN":
        tr = QTranslator()
        if tr.load(str(QM)):
            app.installTranslator(tr)
            _installed.append(tr)
