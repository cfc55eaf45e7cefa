"""Render the board and the intake form to docs/screenshots (Chinese and English).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.complaints.screenshots
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "docs" / "screenshots"
TS = ROOT / "app" / "ui" / "complaints" / "i18n" / "complaints_zh_CN.ts"


def main() -> None:
    import subprocess

    app = QApplication.instance() or QApplication(sys.argv)
    from app.ui.i18n import setup_fonts

    setup_fonts(app)
    import app.ui.complaints.board as board_mod
    import app.ui.complaints.form as form_mod
    from tests.ui.complaints.complaint_ui_support import context, make_branch, sample_cases

    tmp = Path(tempfile.mkdtemp())
    db, staff = make_branch(f"sqlite:///{tmp / 'shots.sqlite3'}", dt.datetime(2026, 11, 16, 8))
    sample_cases(db, staff["officer"])
    now = dt.datetime(2026, 11, 23, 15, 0)
    OUT.mkdir(parents=True, exist_ok=True)
    qm = tmp / "complaints_zh_CN.qm"
    subprocess.run([str(Path(sys.executable).with_name("pyside6-lrelease")), str(TS), "-qm", str(qm)],
                   check=True, capture_output=True)
    for lang in ("zh_CN", "en"):
        tr = QTranslator()
        if lang == "zh_CN":
            tr.load(str(qm))
            app.installTranslator(tr)
        for mod in (board_mod, form_mod):
            mod.current_language = lambda lang=lang: lang
        suffix = "" if lang == "zh_CN" else "-en"
        board = board_mod.ComplaintsBoard(context(db, lambda: now), staff["officer"])
        board.resize(1500, 980)
        board.show()
        board.select_reference(board.rows[1].reference)
        app.processEvents()
        board.grab().save(str(OUT / f"complaints-board{suffix}.png"))
        board.open_form()
        form = board.form
        form.name.setText("王小明" if lang == "zh_CN" else "Wang Xiaoming")
        form.phone.setText("139 1234 5678")
        form.content.setPlainText("客户反映排队时间过长。" if lang == "zh_CN" else "Waited over an hour.")
        form.categories["waiting_time"].setChecked(True)
        app.processEvents()
        board.grab().save(str(OUT / f"complaints-form{suffix}.png"))
        board.close()
        app.removeTranslator(tr)
    db.dispose()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
