"""Render the board and the intake form to docs/screenshots (Chinese and English).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.complaints.screenshots
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from app.ui.i18n import install_language, setup_fonts

    setup_fonts(app)
    import app.ui.complaints.board as board_mod
    from tests.ui.complaints.complaint_ui_support import context, make_branch, sample_cases

    tmp = Path(tempfile.mkdtemp())
    db, staff = make_branch(f"sqlite:///{tmp / 'shots.sqlite3'}", dt.datetime(2026, 11, 16, 8))
    sample_cases(db, staff["officer"])
    now = dt.datetime(2026, 11, 23, 15, 0)
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ("zh_CN", "en"):
        install_language(lang)
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
    db.dispose()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
