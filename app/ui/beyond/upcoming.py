"""Today's coming appointments per service, without names: one line for the
lobby display and the greeter ("Appointments today: B 10:30 ×2 · 11:00 ×1")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from app.appointments import upcoming
from app.appointments.figures import UpcomingService
from app.ui.context import ScreenContext
from app.ui.i18n import translate_in
from app.ui.tasks import Loader


def line(rows: Sequence[UpcomingService], language: str) -> str:
    """The services' coming slots in one line ("" when there are none); ``language``
    "zh_CN", "en" or "both"."""
    if not rows:
        return ""
    if language == "both":  # the lobby display: Chinese and English at once
        head = " ".join(dict.fromkeys(translate_in(x, "Upcoming", "Appointments today") for x in ("zh_CN", "en")))
    else:
        head = translate_in(language, "Upcoming", "Appointments today")
    parts = [f"{u.code} " + " · ".join(f"{s.slot_at:%H:%M} ×{s.booked}" for s in u.slots) for u in rows]
    return f"{head}:  " + "   |   ".join(parts)


def _sources() -> None:  # for lupdate: the strings ``line`` looks up
    QCoreApplication.translate("Upcoming", "Appointments today")


def follow(ctx: ScreenContext, label: QLabel, render: Callable[[Sequence[UpcomingService]], str]) -> Loader:
    """Keep ``label`` showing the coming appointments (read in a worker thread,
    redrawn when the queue changes, hidden when there are none)."""

    def show(rows: Sequence[UpcomingService]) -> None:
        text = render(rows)
        label.setText(text)
        label.setVisible(bool(text))

    loader = Loader(lambda: upcoming(ctx.db, now=ctx.action_time()), show, lambda _exc: None, label)
    ctx.bridge.queue_changed.connect(loader.trigger)
    ctx.bridge.connection_restored.connect(loader.trigger)
    label.setVisible(False)
    loader()
    return loader
