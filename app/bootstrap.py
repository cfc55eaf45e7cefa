"""The composition root: builds the database, settings and devices from the
configuration. The app, the CLI, the ops commands and the tests call it;
nothing else creates engines, printers or serial ports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.store import Database, open_database


@dataclass
class AppContext:
    """Everything a front end needs, built once per process."""

    db: Database
    settings: dict[str, Any] = field(default_factory=dict)
    # The ticket printer, serial keypads/displays, the sync worker and the
    # sound layer, as they are configured; "problems" holds one sentence per
    # malformed device setting.
    devices: dict[str, Any] = field(default_factory=dict)
    simulated: bool = False

    def refresh_settings(self) -> dict[str, Any]:
        """Read the branch settings again (after a change by this or another PC)."""
        from app.settings import get_settings

        self.settings.update(get_settings(self.db))
        return self.settings

    def printer(self, *, fresh: bool = False) -> Any:
        """The ticket printer; ``fresh`` rebuilds it from the stored settings
        (after ``printer configure`` in the same process)."""
        if fresh:
            old = self.devices.pop("printer", None)
            if old is not None and callable(getattr(old, "close", None)):
                old.close()
            self.refresh_settings()
            attach_devices(self, simulated=self.simulated, serial=False)
        return self.devices["printer"]

    def serial_devices(self) -> Any:
        """The serial keypads and window displays (built on first use, not started)."""
        if "serial" not in self.devices:
            from app.devices.serial_devices import build_serial_devices

            self.devices["serial"] = build_serial_devices(self.db, self.refresh_settings())
        return self.devices["serial"]

    def close(self) -> None:
        for dev in list(self.devices.values()):
            close = getattr(dev, "close", None)
            if callable(close):
                close()
        self.db.dispose()


def build(db_url: str | None = None, *, simulated_devices: bool = False, upgrade: bool = True) -> AppContext:
    """Open the database (creating or upgrading it unless ``upgrade`` is
    False) and load the branch settings and devices. Nothing is opened on a
    device here, so building never blocks on one."""
    from app.settings import get_settings

    db = open_database(db_url, upgrade=upgrade)
    try:
        settings = get_settings(db)
    except Exception:
        db.dispose()
        raise
    ctx = AppContext(db=db, settings=settings, simulated=simulated_devices)
    ctx.settings["devices.simulated"] = simulated_devices
    attach_devices(ctx, simulated=simulated_devices)
    return ctx


def attach_devices(ctx: AppContext, *, simulated: bool = False, serial: bool = True) -> None:
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
    """
    from app.devices.printers import UnconfiguredPrinter, build_printer
    from app.devices.serial_devices import SerialConfigError, build_serial_devices

    problems: list[str] = []
    printer = build_printer(ctx.settings, simulated=simulated)
    if isinstance(printer, UnconfiguredPrinter):
        problems.append(printer.error.message)
    ctx.devices["printer"] = printer
    if serial and not simulated and ctx.settings.get("serial.devices"):
        try:
            ctx.devices["serial"] = build_serial_devices(ctx.db, ctx.settings)
        except SerialConfigError as exc:
            problems.append(exc.message)
    ctx.devices["problems"] = problems


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
    file on top: ``sync.enabled``, ``sync.hq_url`` (a password in it is moved
    to the keyring or the 0600 file, where the sync reads it) and
    ``sync.interval_min``. An unreadable settings file leaves the database's."""
    from app.ops import settings_file
    from app.settings import get_settings
    from app.sync.config import strip_password

    values = get_settings(ctx.db)
    try:
        machine = settings_file.load() if settings_file.exists() else {}
    except settings_file.SettingsFileError:  # reported by doctor and the status line
        machine = {}
    if "sync.enabled" in machine:
        values["sync.enabled"] = bool(machine["sync.enabled"])
    if machine.get("sync.hq_url"):
        from app.ops.passwords import move_hq_password

        machine = move_hq_password(machine, values)  # kept in the credential store, not the file
        values["sync.hq_url"] = strip_password(str(machine["sync.hq_url"]))[0]
    if machine.get("sync.interval_min"):
        values["sync.interval_s"] = 60 * int(machine["sync.interval_min"])
    return values


def notify_worker(ctx: AppContext):  # type: ignore[no-untyped-def]
    """The process's ``NotifyWorker`` (appointments' no-shows, messages to customers'
    phones), kept in ``ctx.devices["notify"]``; the app runs ``run_forever`` as a
    background task; the gateway follows the settings."""
    from app.notify.worker import NotifyWorker

    if "notify" not in ctx.devices:
        ctx.devices["notify"] = NotifyWorker(ctx.db, settings=ctx.refresh_settings)
    return ctx.devices["notify"]
