"""The manager screen's own Chinese translations (manager_zh_CN.ts/.qm here;
tools/make_translations.sh leaves app/ui/manager to this folder).

Regenerate after changing strings:
    .venv/bin/pyside6-lupdate -no-obsolete -target-language zh_CN app/ui/manager/*.py \
        -ts app/ui/manager/i18n/manager_zh_CN.ts
    .venv/bin/pyside6-lrelease app/ui/manager/i18n/manager_zh_CN.ts -qm app/ui/manager/i18n/manager_zh_CN.qm
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from app.ui.i18n import current_language

QM = Path(__file__).with_name("manager_zh_CN.qm")
_installed: list[QTranslator] = []


def apply_language() -> None:
    """Install these translations when the application speaks Chinese, remove them for English."""
    app = QCoreApplication.instance()
    if app is None:
        return
    if current_language() == "en":
        for tr in _installed:
            app.removeTranslator(tr)
        _installed.clear()
        return
    if _installed:
        return
    tr = QTranslator()
    if tr.load(str(QM)):
        app.installTranslator(tr)
        _installed.append(tr)
