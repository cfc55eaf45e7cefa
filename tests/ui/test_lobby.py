"""The lobby display and its announcer."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

import app.queue as q
from app.ui import tasks
from app.ui.i18n import RESOURCES
from app.ui.lobby.announcer import Announcer, RecordingOutput, join_clips
from app.ui.lobby.screen import LobbyScreen
from app.ui.lobby.speech import clip_names, zh_clips


def make(qtbot, sctx):
    output = RecordingOutput()
    screen = LobbyScreen(sctx, None, announcer=Announcer(output))
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    qtbot.waitUntil(tasks.idle, timeout=5000)  # the display reads the log in a worker thread
    return screen, output


def visible_text(widget) -> str:
    return " ".join(lab.text() for lab in widget.findChildren(QLabel) if lab.isVisible())


def test_call_is_shown_big_and_announced_twice_in_both_languages(qtbot, sctx, actors, app_ctx, now):
    for _ in range(3):
        q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now)
    screen, output = make(qtbot, sctx)
    q.call_next(app_ctx.db, window=1, actor=actors["teller"], now=now)
    q.call_next(app_ctx.db, window=2, actor=actors["teller"], now=now)
    qtbot.waitUntil(lambda: screen.number.text() == "A002", timeout=3000)
    assert screen.where_zh.text() == "到 2 号窗口办理"
    assert screen.where_en.text() == "Please go to window 2"
    assert screen.recent_rows[0][0].text() == "A001" and screen.recent_rows[0][1].text() == "1"
    qtbot.waitUntil(lambda: screen.tile_labels["A"][1].text() == "1", timeout=3000)  # one still waiting
    qtbot.waitUntil(lambda: len(output.texts()) == 8, timeout=3000)
    assert output.texts() == [
        "请 A001 号到 1 号窗口", "Number A 0 0 1, please go to window 1",
        "请 A001 号到 1 号窗口", "Number A 0 0 1, please go to window 1",
        "请 A002 号到 2 号窗口", "Number A 0 0 2, please go to window 2",
        "请 A002 号到 2 号窗口", "Number A 0 0 2, please go to window 2",
    ]
    assert [u.kind for u in output.played].count("chime") == 2


def test_customer_names_never_appear(qtbot, sctx, actors, app_ctx, now):
    q.issue_ticket(app_ctx.db, service="A", customer_name="张三丰", customer_phone="13812345678",
                   actor=actors["greeter"], now=now)
    screen, _ = make(qtbot, sctx)
    q.call_next(app_ctx.db, window=1, actor=actors["teller"], now=now)
    qtbot.waitUntil(lambda: screen.number.text() == "A001", timeout=3000)
    text = visible_text(screen)
    assert "张" not in text and "5678" not in text


def test_notice_set_by_manager_appears(qtbot, sctx, actors, app_ctx, now):
    screen, _ = make(qtbot, sctx)
    assert not screen.notice.isVisible()
    q.set_setting(app_ctx.db, "lobby.notice", "今日外汇业务暂停", actor=actors["manager"], now=now)
    qtbot.waitUntil(lambda: screen.notice.isVisible() and screen.notice.text() == "今日外汇业务暂停", timeout=3000)


def test_a_long_bilingual_notice_runs_as_a_ticker_and_never_widens_the_display(qtbot, sctx, actors, app_ctx, now):
    """The defect: a notice of about 200 characters was not shown by the running
    display, and after a restart the window was 2,841 px wide on a 1,920 px screen."""
    from app.ops.admin import update_settings

    zh = "温馨提示：" + "为保障您的资金安全，请勿向任何人透露密码和验证码。" * 8
    en = "Never tell anyone your password or a verification code. " * 4
    screen, _ = make(qtbot, sctx)
    update_settings(app_ctx.db, {"lobby.notice": zh, "lobby.notice_en": en}, actor=actors["manager"], now=now)
    qtbot.waitUntil(lambda: screen.notice.isVisible() and screen.notice.text().startswith("温馨提示"), timeout=3000)
    assert "Never tell anyone" in screen.notice.text()  # both languages
    assert screen.notice.running()  # too long to show whole: it runs across the strip
    assert screen.width() == 1920 and screen.minimumSizeHint().width() <= 1920
    app_ctx.settings.update({"lobby.notice": zh, "lobby.notice_en": en})
    again, _ = make(qtbot, sctx)  # a restart with the notice already set
    assert again.notice.text() == screen.notice.text() and again.notice.running()
    assert again.width() == 1920 and again.minimumSizeHint().width() <= 1920
    again.resize(1024, 768)  # and on a small monitor
    qtbot.wait(50)
    assert again.width() == 1024 and again.height() == 768
    update_settings(app_ctx.db, {"lobby.notice": "今日外汇业务暂停", "lobby.notice_en": ""}, actor=actors["manager"],
                    now=now)
    qtbot.waitUntil(lambda: again.notice.text() == "今日外汇业务暂停", timeout=3000)
    assert not again.notice.running()  # a short notice stands still


def test_every_kind_of_settings_change_reaches_a_running_display(qtbot, sctx, app_ctx, db_file, now):
    """The admin screen, the command line in another process and head office's
    pull all write one SettingsChanged event, which the display acts on."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from app.ops.admin import update_settings
    from app.staff.roles import SYSTEM
    from app.sync.pull import apply_settings

    screen, _ = make(qtbot, sctx)
    update_settings(app_ctx.db, {"lobby.notice": "管理员公告"}, actor=SYSTEM, now=now)
    qtbot.waitUntil(lambda: screen.notice.text() == "管理员公告", timeout=3000)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "app", "--db", str(db_file), "setting", "set", "lobby.notice",
                           "命令行公告"], cwd=root, env=dict(os.environ, PYTHONPATH=str(root)),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: screen.notice.text() == "命令行公告", timeout=3000)
    apply_settings(app_ctx.db, {"lobby.notice": ("*:7", "总行公告")}, now)
    qtbot.waitUntil(lambda: screen.notice.text() == "总行公告", timeout=3000)


class SlowOutput(RecordingOutput):
    """Finishes each utterance only when told: shows nothing is cut off."""

    def __init__(self) -> None:
        super().__init__()
        self.pending = []

    def play(self, item, done) -> None:  # type: ignore[no-untyped-def]
        self.played.append(item)
        self.pending.append(done)


def test_announcements_queue_and_never_cut_each_other(qtbot):
    out = SlowOutput()
    ann = Announcer(out, repeat=1, languages=("zh_CN",))
    ann.announce("A001", 1)
    ann.announce("B002", 4)
    assert [u.kind for u in out.played] == ["chime"]  # the second waits its turn
    while out.pending:
        out.pending.pop(0)()
        qtbot.wait(1)
    assert out.texts() == ["请 A001 号到 1 号窗口", "请 B002 号到 4 号窗口"]
    assert ann.pending() == 0


def test_clip_sequence_and_every_clip_is_shipped(qtbot):
    assert zh_clips("A023", 12) == ("zh_qing", "zh_A", "zh_0", "zh_2", "zh_3", "zh_haodao", "zh_10", "zh_2",
                                    "zh_haochuangkou")
    missing = [n for n in clip_names() if not (RESOURCES / "sounds" / f"{n}.wav").exists()]
    assert missing == []
    joined = join_clips(zh_clips("A023", 3))
    assert joined is not None and len(joined[0]) > joined[1][0]  # more than a second of speech


def test_silent_without_sound_device_still_finishes(qtbot):
    from app.ui.lobby.announcer import ClipOutput

    ann = Announcer(ClipOutput(), repeat=1)
    done = []
    ann.idle.connect(lambda: done.append(True))
    ann.announce("A001", 1)
    qtbot.waitUntil(lambda: done == [True], timeout=15000)


def test_display_started_later_shows_the_last_calls_in_call_order(qtbot, sctx, actors, app_ctx, now):
    for _ in range(3):
        q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now)
    q.call_ticket(app_ctx.db, window=2, ticket="A003", actor=actors["teller"], now=now)
    q.call_next(app_ctx.db, window=1, actor=actors["teller"], now=now)
    screen, output = make(qtbot, sctx)
    assert screen.number.text() == "A001" and screen.recent_rows[0][0].text() == "A003"
    assert output.played == []  # old calls are shown, not announced again
