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
    attach_devices(ctx, simulated=simulated_devices)  # devices (issue 5), see the block below
    return ctx


# --- devices (issue 5): ticket printer, serial keypads, window displays -------
def attach_devices(ctx: AppContext, *, simulated: bool = False) -> None:
    """Build the devices the settings describe into ``ctx.devices``.

    ``"printer"``: a ``TicketPrinter`` (the simulated PNG printer only when
    asked; ``NoPrinter``, numbers on screen only, when none is set up;
    malformed ``printer.*`` settings give a printer whose ``status()`` and
    prints carry the one-sentence reason).
    ``"serial"``: ``SerialDevices`` (keypads and window displays), present
    when ``serial.devices`` lists ports and devices are not simulated; NOT
    started here: the app calls ``ctx.devices["serial"].start()`` once it
    runs (reader threads; ports open in the background with retries).
    ``"problems"``: one sentence per malformed device setting, for the UI.
    Nothing is opened here, so building never blocks on a device.
    """
    from app.devices.printers import UnconfiguredPrinter, build_printer
    from app.devices.serial_devices import SerialConfigError, build_serial_devices

    problems: list[str] = []
    printer = build_printer(ctx.settings, simulated=simulated)
    if isinstance(printer, UnconfiguredPrinter):
        problems.append(printer.error.message)
    ctx.devices["printer"] = printer
    if not simulated and ctx.settings.get("serial.devices"):
        try:
            ctx.devices["serial"] = build_serial_devices(ctx.db, ctx.settings)
        except SerialConfigError as exc:
            problems.append(exc.message)
    ctx.devices["problems"] = problems
# --- end devices (issue 5) ----------------------------------------------------


# --- sync (issue 8): the upstream sync worker ---------------------------------
def sync_worker(ctx: AppContext):  # type: ignore[no-untyped-def]
    """The branch's upstream ``SyncWorker`` (one per process, kept in
    ``ctx.devices["sync"]``). Nothing connects until it runs: the app starts
    ``worker.run_forever(stop_event)`` as a qasync task; the settings are
    re-read every round, so changes apply without restart."""
    from app.sync.worker import SyncWorker

    if "sync" not in ctx.devices:
        ctx.devices["sync"] = SyncWorker(ctx.db, settings=lambda: sync_settings(ctx))
    return ctx.devices["sync"]


def sync_settings(ctx: AppContext) -> dict[str, Any]:
    """Branch settings (``sync.*`` in the database) with this PC's settings
    file on top: ``sync.enabled``, ``sync.hq_url`` (any password in it is
    ignored: the password comes from the keyring or the 0600 file) and
    ``sync.interval_min``."""
    from app.queue import get_settings
    from app.sync.config import strip_password

    values = get_settings(ctx.db)
    try:
        from app.ops import settings_file

        machine = settings_file.load() if settings_file.exists() else {}
    except Exception:  # no ops layer, or an unreadable file: the database decides
        machine = {}
    if "sync.enabled" in machine:
        values["sync.enabled"] = bool(machine["sync.enabled"])
    if machine.get("sync.hq_url"):
        values["sync.hq_url"] = strip_password(str(machine["sync.hq_url"]))[0]
    if machine.get("sync.interval_min"):
        values["sync.interval_s"] = 60 * int(machine["sync.interval_min"])
    return values
# --- end sync (issue 8) -------------------------------------------------------
