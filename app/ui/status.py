"""What runs beside the screens, and the status line that tells staff about it.

``StaffStatus`` (one per process, in ``ctx.extras["status"]``) starts the
serial keypads and window displays once the event loop runs, starts the
head-office sync worker as a qasync task when sync is configured, and stops
both on quit. It also says when the database cannot be reached (the change
feed's bridge tells it) and when this PC's clock is more than 30 s from the
database's (measured every minute; the screens' clock is corrected by it). Every few seconds it asks the devices and the sync state how
they are (each call in a worker thread: a serial link's lock or the printer's
status query may wait) and emits ``changed``. ``StatusLine`` is the strip at
the bottom of a staff window that shows it in the person's language.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QSize, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QSizePolicy

from app.clock import measure_skew, skew_sentence
from app.ui.tasks import in_thread, spawn

log = logging.getLogger("branchdesk.ui")

DEVICES_EVERY_MS = 3_000
PRINTER_EVERY = 10  # device polls: the printer's DLE EOT query every 30 s, not every 3 s
SYNC_EVERY_MS = 10_000
CLOCK_EVERY_MS = 60_000
PRINTER_KINDS = ("low_paper", "paper_out", "cover_open", "offline", "unplugged", "timeout", "config",
                 "not_set_up", "simulated")


class StaffStatus(QObject):
    """Background devices and sync of one process, and their one-line status."""

    changed = Signal()
    _sync_reported = Signal()  # emitted from the sync worker's thread: no Python object crosses threads

    def __init__(self, app_ctx: Any, parent: QObject | None = None, *, bridge: Any = None,
                 clock: Any = None) -> None:
        super().__init__(parent)
        self.app = app_ctx
        self.clock = clock  # a BranchClock: its skew is kept up to date here
        self.db_online = True
        self.skew_s = 0.0
        self.printer_kind = "ok"
        self.printer_message = ""
        self.offline: list[tuple[str, str]] = []  # (role, windows) of each offline serial port
        self.sync_mode = "starting"  # starting / not_configured / off / running
        self.sync: Any = None  # SyncStatus while running
        self._stop = asyncio.Event()
        self._sync_task: asyncio.Task | None = None
        self._polls = 0
        self._busy: set[str] = set()
        self._roles = self._serial_roles()
        self._devices_timer = QTimer(self)
        self._devices_timer.setInterval(DEVICES_EVERY_MS)
        self._devices_timer.timeout.connect(self.poll_devices)
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_EVERY_MS)
        self._sync_timer.timeout.connect(self.poll_sync)
        self._sync_reported.connect(self.poll_sync)  # queued: the slot runs on the GUI thread
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_EVERY_MS)
        self._clock_timer.timeout.connect(self.poll_clock)
        if bridge is not None:
            bridge.connection_lost.connect(self._db_lost)
            bridge.connection_restored.connect(self._db_back)

    # -- starting and stopping ----------------------------------------------
    def start(self) -> None:
        """Call once the event loop runs: serial reader threads, sync task, polls."""
        serial = self.app.devices.get("serial")
        if serial is not None:
            try:
                serial.start()  # reader threads; ports open in the background with retries
            except Exception:  # a device must never stop the app
                log.exception("serial devices did not start")
        spawn(self._start_sync())
        self._devices_timer.start()
        self._sync_timer.start()
        self._clock_timer.start()
        self.poll_devices()
        self.poll_clock()

    async def _start_sync(self) -> None:
        from app.bootstrap import sync_worker

        worker = sync_worker(self.app)
        try:
            cfg = await in_thread(worker.config)
        except Exception as exc:  # unreadable settings: said in the status line, the app goes on
            log.warning("sync settings unreadable: %s", exc)
            cfg = None
        if cfg is None or not cfg.configured:
            self.sync_mode = "not_configured"
        elif not cfg.enabled:
            self.sync_mode = "off"
        elif not self._stop.is_set():
            self.sync_mode = "running"
            worker.on_report = lambda _report: self._sync_reported.emit()
            self._sync_task = spawn(worker.run_forever(self._stop))
            log.info("head-office sync started (%s)", cfg.describe_target())
        self.poll_sync()

    async def stop(self, timeout: float = 10.0) -> None:
        """Stop the sync after its current batch, and the serial devices."""
        self._stop.set()
        self._devices_timer.stop()
        self._sync_timer.stop()
        self._clock_timer.stop()
        if self._sync_task is not None:
            done, _ = await asyncio.wait({self._sync_task}, timeout=timeout)
            if not done:
                log.warning("head-office sync still busy at quit; its round is abandoned")
                self._sync_task.cancel()
        serial = self.app.devices.get("serial")
        if serial is not None:
            await in_thread(serial.close)

    # -- polling ------------------------------------------------------------
    @Slot()
    def poll_devices(self) -> None:
        self._polls += 1
        self._once("devices", self._read_devices(self._polls % PRINTER_EVERY == 1))

    @Slot()
    def poll_sync(self, *_: object) -> None:
        if self.sync_mode == "running":
            self._once("sync", self._read_sync())
        else:
            self._emit()

    @Slot()
    def poll_clock(self) -> None:
        self._once("clock", self._read_clock())

    async def _read_clock(self) -> None:
        self.skew_s = await in_thread(measure_skew, self.app.db)
        if self.clock is not None and hasattr(self.clock, "skew_s"):
            self.clock.skew_s = self.skew_s

    @Slot(object)
    def _db_lost(self, _exc: object) -> None:
        self.db_online = False
        self._emit()

    @Slot()
    def _db_back(self) -> None:
        self.db_online = True
        self._emit()

    def _once(self, name: str, coro: Any) -> None:
        """At most one read of each kind in flight (a slow device never piles up reads)."""
        if name in self._busy:
            coro.close()
            return
        self._busy.add(name)

        async def run() -> None:
            try:
                await coro
            except Exception:  # the status line must never take a screen down
                log.exception("status read failed")
            finally:
                self._busy.discard(name)
            self._emit()

        spawn(run())

    async def _read_devices(self, with_printer: bool) -> None:
        printer = self.app.devices.get("printer")
        # printer.status_check=off: a printer that does not answer DLE EOT is not asked either
        asks = getattr(getattr(printer, "cfg", None), "status_check", True) is not False
        if with_printer and printer is not None and asks:
            st = await in_thread(printer.status)
            self.printer_kind, self.printer_message = st.kind, st.message
        serial = self.app.devices.get("serial")
        if serial is not None:
            links = await in_thread(serial.status)
            self.offline = [self._roles.get(s.port, ("port", s.name)) for s in links if not s.online]

    async def _read_sync(self) -> None:
        from app.sync.status import sync_status

        self.sync = await in_thread(sync_status, self.app.db)

    def _emit(self) -> None:
        if shiboken6.isValid(self):
            self.changed.emit()

    def _serial_roles(self) -> dict[str, tuple[str, str]]:
        """port -> ("keypad" or "display", the windows it serves), for the sentences."""
        serial = self.app.devices.get("serial")
        roles: dict[str, tuple[str, str]] = {}
        if serial is None:
            return roles
        for target in getattr(serial.displays, "targets", []):
            old = roles.get(target.link.port, ("display", ""))[1]
            roles[target.link.port] = ("display", ", ".join(filter(None, (old, str(target.window)))))
        for keypad in getattr(serial, "keypads", []):
            windows = ", ".join(str(w) for w in sorted(set(keypad.windows.values())))
            roles[keypad.link.port] = ("keypad", windows)
        return roles

    # -- what the line says ---------------------------------------------------
    def device_sentences(self) -> list[str]:
        """Device problems, each a few words in the person's language."""
        out: list[str] = []
        if self.printer_kind in PRINTER_KINDS:
            out.append(self.tr("Printer: %1").replace("%1", self._printer_text()))
        for role, windows in self.offline:
            if role == "keypad":
                out.append(self.tr("Keypad window %1 offline").replace("%1", windows))
            elif role == "display":
                out.append(self.tr("Display window %1 offline").replace("%1", windows))
            else:
                out.append(self.tr("Serial device %1 offline").replace("%1", windows))
        printer_problem = self.printer_message if self.printer_kind == "config" else None
        for problem in self.app.devices.get("problems") or []:
            if problem != printer_problem:
                out.append(self.tr("Keypads and displays: settings not valid (%1)").replace("%1", str(problem)))
        return out

    def _printer_text(self) -> str:
        texts = {
            "low_paper": self.tr("paper low"), "paper_out": self.tr("out of paper"),
            "cover_open": self.tr("cover open"), "offline": self.tr("offline"),
            "unplugged": self.tr("not connected"), "timeout": self.tr("not answering"),
            "config": self.tr("settings not valid (%1)").replace("%1", self.printer_message),
            "not_set_up": self.tr("not set up, numbers on screen only"),
            "simulated": self.tr("simulated, pictures only, no paper"),
        }
        return texts.get(self.printer_kind, self.printer_kind)

    def sync_sentence(self) -> str:
        """Last successful sync, backlog and last error, in one sentence."""
        if self.sync_mode == "not_configured":
            return self.tr("Head-office sync not configured")
        if self.sync_mode == "off":
            return self.tr("Head-office sync switched off on this PC")
        st = self.sync
        if self.sync_mode == "starting" or st is None:
            return self.tr("Head-office sync starting")
        if st.last_success_at is None:
            text = self.tr("Head office: nothing sent yet, %1 records waiting")
        else:
            text = self.tr("Head office: last sync %2, %1 records waiting").replace("%2", _when(st.last_success_at))
        text = text.replace("%1", str(max(st.backlog, 0)))
        if st.last_error:
            text += self.tr("; last error: %1").replace("%1", self.sync_error_text(st.last_error))
        return text

    def sync_error_text(self, sentence: str) -> str:
        """The sync layer's stored English sentence (app/sync/errors.py), translated
        when it is one of the known kinds; otherwise as it is."""
        known = (
            (r"^The connection to head office timed out", self.tr("the connection to head office timed out")),
            (r"^Head office refused the connection", self.tr("head office refused the connection (server down or wrong address)")),
            (r"^Head office did not accept the branch password", self.tr("head office did not accept the branch password")),
            (r"^Head office refused these rows", self.tr("head office refused this branch's rows (permission)")),
            (r"^The address of head office cannot be found", self.tr("head office's address cannot be found; check the network")),
            (r"^The secure connection to head office failed: (.*?)\.?$", self.tr("the secure connection to head office failed: %1")),
            (r"^The connection to head office was lost", self.tr("the connection to head office was lost")),
            (r"^The head-office password file (.+) does not exist", self.tr("the head-office password file %1 does not exist")),
            (r"^The password file (.+) can be read by other accounts", self.tr("the password file %1 can be read by other accounts (chmod 600)")),
            (r"^The head-office password file (.+) is empty", self.tr("the head-office password file %1 is empty")),
            (r"^Sync is switched off", self.tr("sync is switched off on this PC")),
            (r"^Sync is not set up", self.tr("sync is not set up")),
            (r"^Sync with head office failed: (.*?)\.?$", self.tr("sync with head office failed: %1")),
        )
        for pattern, text in known:
            m = re.match(pattern, sentence)
            if m:
                return text.replace("%1", m.group(1)) if m.groups() else text
        return sentence.rstrip(".")

    def database_sentences(self) -> list[str]:
        """The database unreachable, this PC's clock off the database's."""
        out: list[str] = []
        if not self.db_online:
            out.append(self.tr("Database unreachable: showing the last known state; trying again"))
        if skew_sentence(self.skew_s):
            way = self.tr("ahead of") if self.skew_s > 0 else self.tr("behind")
            out.append(self.tr("This PC's clock is %1 s %2 the database's; set it right")
                       .replace("%1", f"{abs(self.skew_s):.0f}").replace("%2", way))
        return out

    def level(self) -> str:
        failing = self.sync_mode == "running" and self.sync is not None and bool(self.sync.last_error)
        return "warning" if self.device_sentences() or self.database_sentences() or failing else "info"

    def text(self) -> str:
        return "  ·  ".join([*self.database_sentences(), *self.device_sentences(), self.sync_sentence()])


def _when(at: dt.datetime) -> str:
    today = dt.datetime.now().date()
    return f"{at:%H:%M}" if at.date() == today else f"{at:%m-%d %H:%M}"


class StatusLine(QLabel):
    """The status strip of a staff window; hidden when the process has no StaffStatus."""

    STYLES = {
        "info": "color:#3d4b5c; background:#eef2f7; border-top:1px solid #d5dde8;",
        "warning": "color:#7a4a00; background:#fff4e0; border-top:1px solid #f2cf8c;",
    }

    def __init__(self, status: StaffStatus | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)  # down to one line
        self.status = status
        if status is None:
            self.hide()
            return
        status.changed.connect(self.refresh)
        self.refresh()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # One line: the window's minimum must not assume the text wrapped at
        # the narrowest width (it held a 768-line window past its screen's
        # edge); at the width there is, the layout gives it the lines it needs.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), min(hint.height(), self.heightForWidth(4096)))

    @Slot()
    def refresh(self) -> None:
        st = self.status
        if st is None:
            return
        self.setText(st.text())
        self.setStyleSheet(f"QLabel#statusLine {{{self.STYLES[st.level()]} padding:6px 16px; font-size:15px;}}")


def status_line(ctx: Any) -> StatusLine:
    """The status line for a screen given ``ctx`` (a ScreenContext; hidden
    when the process runs no StaffStatus, as in tests and screenshots)."""
    return StatusLine((getattr(ctx, "extras", None) or {}).get("status"))
