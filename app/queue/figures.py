"""Today's figures for one window (what the teller sees at the bottom of the screen)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.queue.day import moment
from app.store.engine import Database
from app.store.models import Ticket, Window


@dataclass(frozen=True)
class WindowFigures:
    window: int
    served: int
    no_shows: int
    average_service_min: float | None


def window_day_figures(db: Database, *, window: int, now: dt.datetime | None = None) -> WindowFigures:
    """Tickets finished and missed at ``window`` today, and their average service time."""
    with db.read() as s:
        day = moment(s, now).day
        win_id = s.scalar(select(Window.id).where(Window.number == window))
        if win_id is None:
            return WindowFigures(window, 0, 0, None)
        rows = s.execute(
            select(Ticket.status, Ticket.called_at, Ticket.started_at, Ticket.finished_at)
            .where(Ticket.business_date == day, Ticket.window_id == win_id,
                   Ticket.status.in_(("done", "no_show")))
        ).all()
    minutes = [
        (fin - (start or called)).total_seconds() / 60
        for status, called, start, fin in rows
        if status == "done" and fin is not None and (start or called) is not None
    ]
    no_shows = sum(1 for r in rows if r[0] == "no_show")
    average = round(sum(minutes) / len(minutes), 1) if minutes else None
    return WindowFigures(window, len(minutes), no_shows, average)
