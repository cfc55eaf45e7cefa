"""Screenshots of the manager screen and the daily report (docs/screenshots).

``python -m app.ui.manager.shots docs/screenshots`` renders offscreen from a
throwaway database filled by app.reports.demo.simulate_day.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def render(out: str | os.PathLike[str], day: dt.date = dt.date(2026, 11, 20)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.bootstrap import build
    from app.queue import init_catalogue, pause_window
    from app.reports import build_daily, write_report
    from app.reports.demo import simulate_day
    from app.staff.roles import SYSTEM, Actor
    from app.ui.app import qt_app
    from app.ui.bridge import FeedBridge
    from app.ui.context import ScreenContext, fixed_context
    from app.ui.i18n import install_language
    from app.ui.manager.report_view import ReportDialog
    from app.ui.manager.screen import ManagerScreen

    app = qt_app()
    install_language("zh_CN")
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        app_ctx = build(f"sqlite:///{tmp}/shots.sqlite3")
        init_catalogue(app_ctx.db, actor=SYSTEM, now=dt.datetime.combine(day, dt.time(8)))
        simulate_day(app_ctx.db, day, until=dt.time(17, 0), windows=(2, 3, 4, 5, 6))
        report = build_daily(app_ctx.db, day, now=dt.datetime.combine(day, dt.time(17, 5)))
        pdf = write_report(report, "pdf", Path(tmp) / "daily.pdf")
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), f"{tmp}/page"], check=True)
        for i, page in enumerate(sorted(Path(tmp).glob("page-*.png")), 1):
            target = out_dir / ("report-daily.png" if i == 1 else f"report-daily-{i}.png")
            target.write_bytes(page.read_bytes())
            files.append(target)

        live_day = day + dt.timedelta(days=3)
        lunch = dt.datetime.combine(live_day, dt.time(11, 40))
        simulate_day(app_ctx.db, live_day, until=lunch.time(), seed=11, windows=(1, 2, 3, 4, 5))
        pause_window(app_ctx.db, window=6, reason="午休", actor=SYSTEM, now=lunch)
        clock = dt.datetime.combine(live_day, dt.time(11, 42))
        ctx = fixed_context(app_ctx, FeedBridge(app_ctx.db), lambda: clock)
        screen = ManagerScreen(ctx, Actor("manager", frozenset({"manager"})))
        screen.resize(1600, 1000)
        screen.show()
        _settle(app, lambda: screen.figures is not None)
        files.append(out_dir / "manager-live.png")
        screen.grab().save(str(files[-1]))
        files.append(_english(app, ctx, screen, out_dir / "manager-live-en.png"))
        dialog = ReportDialog(report, screen)
        dialog.resize(1000, 900)
        dialog.show()
        _settle(app, lambda: True)
        files.append(out_dir / "manager-report-view.png")
        dialog.grab().save(str(files[-1]))
        dialog.close()
        screen.close()
        app_ctx.close()
    return files


def _english(app, ctx, zh_screen, path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The same screen in English (the second language)."""
    from app.staff.roles import Actor
    from app.ui.i18n import install_language
    from app.ui.manager.i18n import apply_language
    from app.ui.manager.screen import ManagerScreen

    install_language("en")
    apply_language()
    screen = ManagerScreen(ctx, Actor("manager", frozenset({"manager"})))
    screen.resize(zh_screen.size())
    screen.show()
    _settle(app, lambda: screen.figures is not None)
    screen.grab().save(str(path))
    screen.close()
    install_language("zh_CN")
    apply_language()
    return path


def _settle(app, done, timeout_s: float = 10) -> None:  # type: ignore[no-untyped-def]
    import time

    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        app.processEvents()
        if done():
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


if __name__ == "__main__":
    for f in render(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"):
        print(f)
