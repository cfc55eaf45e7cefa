"""The composition root: builds the database, settings and devices from the
configuration. ``main``, the CLI and the tests call it; nothing else creates
engines, printers or serial ports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.store import Database, open_database


@dataclass
class AppContext:
    """Everything a front end needs, built once per process."""

    db: Database
    settings: dict[str, Any] = field(default_factory=dict)
    # Filled by the devices layer (ticket printer, keypads, window displays),
    # the sync layer, and the sound layer as they are configured.
    devices: dict[str, Any] = field(default_factory=dict)

    def close(self) -> None:
        for dev in self.devices.values():
            close = getattr(dev, "close", None)
            if callable(close):
                close()
        self.db.dispose()


def build(db_url: str | None = None, *, simulated_devices: bool = False) -> AppContext:
    """Open (and upgrade) the database and load the branch settings."""
    from app.queue import get_settings

    db = open_database(db_url)
    ctx = AppContext(db=db, settings=get_settings(db))
    ctx.settings["devices.simulated"] = simulated_devices
    return ctx
