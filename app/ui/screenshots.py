"""``branchdesk screenshots``: every screen rendered to PNG at 1024x768,
1366x768, 1920x1080 and 3840x2160 (200 % scaling), in Chinese and English,
from a throwaway database filled with a plausible morning (offscreen Qt).

Each size runs in a process of its own whose offscreen screen has that size
(and, for 3840x2160, ``QT_SCALE_FACTOR=2``: a 1920x1080 logical screen drawn
at twice the pixels), so "a window wider than its screen" is the real thing.
Every picture is also measured (app/ui/layout_check.py): text that does not
fit its label or button, widgets cut off, windows wider than the screen.
tests/ui/test_layouts.py fails on any of it.

    branchdesk screenshots [--out DIR] [--sizes 1024x768,...] [--day 2026-11-23]
    python -m app.ui.screenshots --size 1366x768 --out DIR   (one size, this process)

The morning pictured is today's unless a ``--day`` is given (the tests give one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.ui.screenshot_data import complaints, morning

# name -> (physical width, height, scale)
SIZES: dict[str, tuple[int, int, int]] = {
    "1024x768": (1024, 768, 1),
    "1366x768": (1366, 768, 1),
    "1920x1080": (1920, 1080, 1),
    "3840x2160": (3840, 2160, 2),
}
LANGUAGES = ("zh_CN", "en")
# A maximised staff window loses its title bar and the task bar (about 64 px).
STAFF_CHROME = 64
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Shot:
    name: str
    build: Callable[[Studio], Any]  # -> the widget, shown in the state to picture
    full_screen: bool = False  # the lobby display and the rating pad fill their monitor
    window: tuple[int, int] | None = None  # a dialog's own size, at most the screen


class Studio:
    """The throwaway branch every screen is pictured in."""

    def __init__(self, folder: Path, now: dt.datetime) -> None:
        from app.bootstrap import build
        from app.queue import get_settings, issue_ticket
        from app.staff.accounts import actor_for
        from app.sync.status import SyncStatus
        from app.ui.bridge import FeedBridge
        from app.ui.context import fixed_context
        from app.ui.status import StaffStatus

        os.environ["BRANCHDESK_CONFIG"] = str(folder / "settings.toml")
        self.folder, self.now = folder, now
        self.app_ctx = build(f"sqlite:///{folder / 'shots.sqlite3'}", simulated_devices=True)
        morning(self.app_ctx.db, now)
        complaints(self.app_ctx.db, now)
        self.app_ctx.settings.update(get_settings(self.app_ctx.db))
        self.ctx = fixed_context(self.app_ctx, FeedBridge(self.app_ctx.db), lambda: now)
        # The status line as on a branch PC whose sync ran three minutes ago (nothing runs here).
        status = StaffStatus(self.app_ctx)
        status.sync_mode, status.sync = "running", SyncStatus("ok", now - dt.timedelta(minutes=3), 12, None)
        self.ctx.extras["status"] = status
        self.actors = {n: actor_for(self.app_ctx.db, n) for n in ("greeter", "teller", "manager", "admin",
                                                                  "complaints")}
        import app.queue as q

        self.finished = q.finish(self.app_ctx.db, window=3, actor=self.actors["teller"], now=now)  # the rating pad's
        self.last = issue_ticket(self.app_ctx.db, service="A", priority="needs", priority_note="elderly",
                                 need_note="办理社保卡", actor=self.actors["greeter"], now=now)

    def close(self) -> None:
        self.app_ctx.close()


def _login(st: Studio):  # type: ignore[no-untyped-def]
    from app.ui.login import LoginWindow

    return LoginWindow(st.app_ctx.db, str(st.app_ctx.settings["branch.name_zh"]))


def _launcher(st: Studio):  # type: ignore[no-untyped-def]
    from app.ui.shell import Launcher, Shell

    st.shell = Shell(st.ctx)  # type: ignore[attr-defined]
    return Launcher(st.shell, st.actors["manager"])  # type: ignore[attr-defined]


def _greeter(st: Studio):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from app.ui.greeter.screen import GreeterScreen

    w = GreeterScreen(st.ctx, st.actors["greeter"])
    w.form.notify.setVisible(True)  # as where a text-message gateway is set: the fullest form
    w.result.show_ticket(st.last)
    w.result.set_print_state("simulated", st.last.ticket.number)
    # the longest message the greeter meets: it must fit its strip at every size
    w.bar.show_message(QCoreApplication.translate(
        "GreeterScreen", "It is past %1. Press Issue ticket again to give this customer a ticket for today.")
        .replace("%1", "16:30"), "warning")
    return w


def _teller(st: Studio):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from app.ui.teller.screen import TellerScreen

    w = TellerScreen(st.ctx, st.actors["teller"], window=1)  # a customer with a need note at it
    w.bar.show_message(QCoreApplication.translate("TellerScreen", "%1 marked as no-show.").replace("%1", "A004"),
                       "ok", 10, action=(QCoreApplication.translate("TellerScreen", "Undo"), lambda: None),
                       countdown=True)  # the strip with its Undo
    return w


def _lobby(st: Studio):  # type: ignore[no-untyped-def]
    from app.ui.lobby.announcer import Announcer, RecordingOutput
    from app.ui.lobby.screen import LobbyScreen

    w = LobbyScreen(st.ctx, None, announcer=Announcer(RecordingOutput()))
    w.show_call("A011", 3)
    w.stop_flashing()
    return w


def _rating_pad(st: Studio):  # type: ignore[no-untyped-def]
    from app.ui.rating.pad import RatingPad

    w = RatingPad(st.ctx, None, window=3)
    w.ask(st.finished.id)
    return w


def _complaints(st: Studio):  # type: ignore[no-untyped-def]
    from app.ui.complaints.board import ComplaintsBoard

    w = ComplaintsBoard(st.ctx, st.actors["complaints"])
    if w.rows:
        w.select_reference(w.rows[0].reference)
    return w


def _complaint_form(st: Studio):  # type: ignore[no-untyped-def]
    w = _complaints(st)
    w.open_form()
    return w


def _manager(st: Studio):  # type: ignore[no-untyped-def]
    from app.ui.manager.screen import ManagerScreen

    return ManagerScreen(st.ctx, st.actors["manager"])


def _report(st: Studio):  # type: ignore[no-untyped-def]
    from app.reports import build_daily
    from app.ui.manager.report_view import ReportDialog

    return ReportDialog(build_daily(st.app_ctx.db, st.now.date(), now=st.now))


def _admin(tab: int) -> Callable[[Studio], Any]:
    def build(st: Studio):  # type: ignore[no-untyped-def]
        from app.ui.admin.screen import AdminScreen

        w = AdminScreen(st.ctx, st.actors["admin"])
        w.tabs.setCurrentIndex(tab)
        return w
    return build


def _wizard(page: int) -> Callable[[Studio], Any]:
    def build(st: Studio):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QWizard

        from app.ui.setup.wizard import SetupWizard

        w = SetupWizard(now=lambda: st.now)
        w.branch.code.setText("BR002")
        w.branch.name_zh.setText("示范银行 城东支行")
        w.branch.name_en.setText("Demo Bank, East Branch")
        w.admin.full_name.setText("陈静")
        w.admin.password.setText("secret123")
        w.admin.again.setText("secret123")
        w.printer.connection.setCurrentIndex(w.printer.connection.findData("network"))
        w.printer.inputs["network"]["printer.network.host"].setText("192.168.1.50")
        w.show()
        for _ in range(page):
            w.button(QWizard.WizardButton.NextButton).click()
        return w
    return build


ADMIN_TABS = ("branch", "services", "windows", "queue", "day", "staff", "devices", "complaints", "headoffice")
WIZARD_PAGES = ("branch", "admin", "database", "printer", "screens", "headoffice")


def shots() -> list[Shot]:
    """Every screen of the application, in the state it is pictured in."""
    out = [
        Shot("login", _login), Shot("launcher", _launcher), Shot("greeter", _greeter), Shot("teller", _teller),
        Shot("lobby", _lobby, full_screen=True), Shot("rating-pad", _rating_pad, full_screen=True),
        Shot("complaints-board", _complaints), Shot("complaints-form", _complaint_form),
        Shot("manager-live", _manager), Shot("manager-report-view", _report, window=(1000, 900)),
    ]
    out += [Shot(f"admin-{i + 1}-{name}", _admin(i)) for i, name in enumerate(ADMIN_TABS)]
    out += [Shot(f"setup-{i + 1}-{name}", _wizard(i), window=(760, 600)) for i, name in enumerate(WIZARD_PAGES)]
    return out


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    from app.ui import tasks

    for _ in range(3):
        app.processEvents()
        tasks.wait(10_000)
    app.processEvents()


def render_here(out: Path, size: str, *, languages: tuple[str, ...] = LANGUAGES,
                only: tuple[str, ...] | None = None, day: dt.date | None = None) -> list[dict[str, Any]]:
    """Render every shot at ``size`` in this process (whose screen should have
    that size); one result per picture: file and problems found."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.app import qt_app
    from app.ui.i18n import install_language
    from app.ui.layout_check import problems

    app = qt_app()
    width, height, scale = SIZES[size]
    screen = (width // scale, height // scale)
    now = dt.datetime.combine(day or dt.date.today(), dt.time(10, 32))
    folder = out / size
    folder.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        studio = Studio(Path(tmp), now)
        try:
            for lang in languages:
                install_language(lang)
                for shot in shots():
                    if only and shot.name not in only:
                        continue
                    results.append(_one(app, studio, shot, lang, screen, folder, problems))
        finally:
            studio.close()
    install_language("zh_CN")
    return results


def _one(app, studio: Studio, shot: Shot, lang: str, screen: tuple[int, int], folder: Path,  # type: ignore[no-untyped-def]
         problems) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    widget = shot.build(studio)
    if shot.full_screen:
        w, h = screen
    elif shot.window:
        w, h = min(shot.window[0], screen[0]), min(shot.window[1], screen[1] - STAFF_CHROME)
    else:
        w, h = screen[0], screen[1] - STAFF_CHROME
    widget.resize(w, h)
    widget.show()
    _settle(app)
    shown = widget.size().toTuple()  # as a person first sees it
    widget.resize(w, h)
    _settle(app)
    path = folder / f"{shot.name}-{'zh' if lang == 'zh_CN' else 'en'}.png"
    widget.grab().save(str(path))
    found = problems(widget, screen, (w, h), shown)
    if getattr(widget, "held", None) is not None:
        widget.held = None  # a teller screen closing leaves its window: the next picture shows it as it was
    widget.close()
    widget.deleteLater()
    _settle(app)
    return {"file": str(path), "screen": shot.name, "language": lang, "problems": found}


def screen_env(size: str, folder: Path) -> dict[str, str]:
    """The environment of a process whose offscreen screen is ``size``."""
    width, height, scale = SIZES[size]
    config = folder / f"screen-{size}.json"
    config.write_text(json.dumps({"screens": [{"name": size, "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBase": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale),
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    return env


def render_all(out: str | os.PathLike[str], sizes: tuple[str, ...] = tuple(SIZES),
               languages: tuple[str, ...] = LANGUAGES, only: tuple[str, ...] | None = None,
               jobs: int = 1, day: dt.date | None = None) -> list[dict[str, Any]]:
    """Every screen at every size (a process per size, ``jobs`` at a time); the results of all."""
    out_dir = Path(out).resolve()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        todo = list(sizes)
        running: list[tuple[str, subprocess.Popen[str]]] = []
        while todo or running:
            while todo and len(running) < max(1, jobs):
                size = todo.pop(0)
                cmd = [sys.executable, "-m", "app.ui.screenshots", "--size", size, "--out", str(out_dir),
                       "--languages", ",".join(languages)]
                if only:
                    cmd += ["--only", ",".join(only)]
                if day:
                    cmd += ["--day", day.isoformat()]
                running.append((size, subprocess.Popen(cmd, env=screen_env(size, Path(tmp)), cwd=REPO, text=True,
                                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)))
            size, proc = running.pop(0)
            stdout, stderr = proc.communicate(timeout=900)
            lines = [ln for ln in stdout.splitlines() if ln.startswith("{")]
            if proc.returncode != 0 or not lines:
                tail = ([ln for ln in stderr.strip().splitlines() if "propagateSizeHints" not in ln]
                        or ["no output"])[-1]
                results.append({"file": None, "screen": "*", "language": "*", "size": size,
                                "problems": [f"rendering at {size} failed: {tail}"]})
                continue
            for ln in lines:
                results.append({**json.loads(ln), "size": size})
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m app.ui.screenshots")
    ap.add_argument("--size", choices=tuple(SIZES), required=True)
    ap.add_argument("--out", default="docs/screenshots")
    ap.add_argument("--languages", default=",".join(LANGUAGES))
    ap.add_argument("--only", default="")
    ap.add_argument("--day", type=dt.date.fromisoformat, default=None)
    a = ap.parse_args(argv)
    import app.ui  # noqa: F401  (pins None/True/False before Qt is used)

    only = tuple(x for x in a.only.split(",") if x) or None
    for r in render_here(Path(a.out), a.size, languages=tuple(a.languages.split(",")), only=only, day=a.day):
        print(json.dumps(r, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
