"""A BranchDesk screen in a process of its own (another PC, for the tests and
benchmarks), reporting what a person would see and hear as JSON lines.

    python -m tests.support.screen_proc lobby  --db URL
    python -m tests.support.screen_proc teller --db URL --window 1 --user li

The lobby prints ``{"shown": number, "window": n, "t": epoch}`` for every call
it puts on screen and ``{"said": text}`` for every utterance it speaks (to a
recording output), ``{"ready": true}`` once it is showing. The teller opens
its window through its own button, prints ``{"ready": true, "holder": ...}``,
and then keeps its window as the real screen does (heartbeat) until killed.
Both run on the real qasync loop, offscreen.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import PySide6.QtWidgets  # noqa: E402,F401  (before qasync)
import qasync  # noqa: E402

from app.bootstrap import build  # noqa: E402
from app.ui.app import qt_app  # noqa: E402


def say(**data: object) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("role", choices=("lobby", "teller"))
    p.add_argument("--db", required=True)
    p.add_argument("--window", type=int, default=1)
    p.add_argument("--user", default="teller")
    p.add_argument("--interval-ms", type=int, default=150)
    a = p.parse_args()
    app = qt_app()
    app_ctx = build(a.db)

    async def run() -> None:
        from app.ui.context import make_context

        ctx = make_context(app_ctx, interval_ms=a.interval_ms)
        if a.role == "lobby":
            from app.ui.lobby.announcer import Announcer, RecordingOutput
            from app.ui.lobby.screen import LobbyScreen

            class Spoken(RecordingOutput):
                def play(self, item, done):  # type: ignore[no-untyped-def]
                    if item.kind == "speech":
                        say(said=item.text)
                    super().play(item, done)

            screen = LobbyScreen(ctx, None, announcer=Announcer(Spoken()))
            screen.call_shown.connect(lambda number, window: say(shown=number, window=window, t=time.time()))
            screen.resize(1920, 1080)
            screen.show()
            screen.first.loaded.connect(lambda: say(ready=True))
        else:
            from app.staff.accounts import actor_for
            from app.ui.teller.screen import TellerScreen

            screen = TellerScreen(ctx, actor_for(app_ctx.db, a.user), window=a.window)
            screen.show()

            clicked: list[bool] = []

            def open_once() -> None:  # the teller presses "Open window" once the screen shows
                if not clicked and screen.window_view is not None:
                    clicked.append(True)
                    screen.open_button.click()

            def opened(error) -> None:  # type: ignore[no-untyped-def]
                if len(clicked) == 1:
                    clicked.append(True)
                    say(ready=error is None, holder=screen.holder, error=str(error) if error else None)

            screen.action_done.connect(opened)
            screen.refresh.loaded.connect(open_once)
        while True:
            await asyncio_sleep(3600)

    try:
        qasync.run(run())
    except KeyboardInterrupt:
        pass
    return 0


async def asyncio_sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


if __name__ == "__main__":
    sys.exit(main())
