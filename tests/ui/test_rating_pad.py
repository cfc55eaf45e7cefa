"""The customer's rating pad at a window (``run --rating-pad --window N``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import update

import app.queue as q
from app.store.models import Service
from app.ui import tasks
from app.ui.rating.pad import RatingPad


def make(qtbot, sctx, window: int = 1) -> RatingPad:
    pad = RatingPad(sctx, None, window=window)
    qtbot.addWidget(pad)
    pad.resize(1024, 600)
    pad.show()
    qtbot.waitUntil(tasks.idle, timeout=5000)
    return pad


def serve(app_ctx, actors, now, window: int = 1, outcome: str = "done"):
    """Call the next customer to ``window`` and finish them."""
    q.call_next(app_ctx.db, window=window, actor=actors["teller"], now=now)
    return q.finish(app_ctx.db, window=window, outcome=outcome, actor=actors["teller"], now=now)


def rate(qtbot, pad: RatingPad, stars: int) -> None:
    with qtbot.waitSignal(pad.rated, timeout=5000):
        qtbot.mouseClick(pad.faces[stars - 1], Qt.MouseButton.LeftButton)


def test_the_pad_rates_the_right_ticket_after_the_numbers_wrap(qtbot, sctx, actors, aloop, app_ctx, now):
    """Service A numbers only up to 2 here: the third A ticket is A001 again.
    Each customer's rating lands on their own ticket, found by id."""
    with app_ctx.db.write() as s:
        s.execute(update(Service).where(Service.code == "A").values(max_number=2))
    pad = make(qtbot, sctx)
    assert pad.pages.currentIndex() == 0  # the welcome
    first = q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now - dt.timedelta(minutes=9))
    q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now - dt.timedelta(minutes=8))
    with qtbot.waitSignal(pad.asked, timeout=5000) as asked:
        done = serve(app_ctx, actors, now - dt.timedelta(minutes=7))
    assert asked.args == [first.ticket.id] and done.number == "A001"
    assert pad.pages.currentIndex() == 1 and "A001" in pad.service.text() and "Teller" in pad.teller.text()
    rate(qtbot, pad, 2)
    assert pad.pages.currentIndex() == 2  # thank you
    again = q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now - dt.timedelta(minutes=6))
    assert again.ticket.number == "A001" and again.ticket.id != first.ticket.id
    with qtbot.waitSignal(pad.asked, timeout=5000) as asked:
        middle = serve(app_ctx, actors, now - dt.timedelta(minutes=5))
    assert middle.number == "A002" and asked.args == [middle.id]
    with qtbot.waitSignal(pad.asked, timeout=5000) as asked:
        serve(app_ctx, actors, now - dt.timedelta(minutes=4))  # the second A001
    assert asked.args == [again.ticket.id] and pad.prompt.ticket_id == again.ticket.id
    rate(qtbot, pad, 5)
    assert q.get_ticket(app_ctx.db, first.ticket.id).rating == 2
    assert q.get_ticket(app_ctx.db, again.ticket.id).rating == 5


def test_the_pad_listens_to_its_own_window_only_and_times_out(qtbot, sctx, actors, aloop, app_ctx, now):
    q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now - dt.timedelta(minutes=3))
    q.issue_ticket(app_ctx.db, service="A", actor=actors["greeter"], now=now - dt.timedelta(minutes=2))
    pad = make(qtbot, sctx, window=2)
    serve(app_ctx, actors, now - dt.timedelta(minutes=1), window=1)
    qtbot.wait(300)
    assert pad.pages.currentIndex() == 0  # window 1's customer is not asked at window 2
    served = serve(app_ctx, actors, now, window=2, outcome="customer_left")
    qtbot.wait(300)
    assert pad.pages.currentIndex() == 0  # a customer who left is not asked
    pad.ask(served.id)
    qtbot.waitUntil(lambda: pad.pages.currentIndex() == 1, timeout=3000)
    pad._timeout.setInterval(50)  # nobody answers
    pad._timeout.start()
    qtbot.waitUntil(lambda: pad.pages.currentIndex() == 0, timeout=3000)
    assert q.get_ticket(app_ctx.db, served.id).rating is None


def test_run_rating_pad_needs_its_window(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "app", "run", "--rating-pad", "--db", str(tmp_path / "x.sqlite3")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].endswith("run --rating-pad --window N (N = 1, 2, ...).")
