"""``branchdesk devices ...``: status of every device, and running the serial
keypads and window displays headless (a branch PC without the app open)."""

from __future__ import annotations

import argparse
import time

from app.cli.registry import Arg, Context, Outcome, command


@command("devices status", help="printer status and each serial port online/offline",
         batchable=False)
def devices_status(ctx: Context, a: argparse.Namespace) -> Outcome:
    pstatus = ctx.app.printer(fresh=True).status()
    serial = ctx.app.serial_devices()
    for link in serial.links:  # open each port once, then report
        link.write(b"")
    ports = serial.status()
    lines = [f"Printer: {pstatus.message}"] + [f"{p.name}: {p.message}" for p in ports]
    if not ports:
        lines.append("No serial keypads or displays are configured (setting serial.devices).")
    ok = pstatus.kind in ("ok", "low_paper", "unknown") and all(p.online for p in ports)
    return Outcome({"printer": pstatus, "serial": ports}, "\n".join(lines), 0 if ok else 1)


@command("devices run", Arg("--seconds", float, default=0.0, help="stop after this long (default: until Ctrl-C)"),
         help="run the serial keypads and window displays until stopped", batchable=False)
def devices_run(ctx: Context, a: argparse.Namespace) -> Outcome:
    serial = ctx.app.serial_devices()
    if not serial.links:
        return Outcome({"ports": 0}, "No serial keypads or displays are configured (setting serial.devices).", 3)
    serial.start()
    deadline = time.monotonic() + a.seconds if a.seconds > 0 else None
    try:
        while deadline is None or time.monotonic() < deadline:
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        ports = serial.status()
    return Outcome({"ports": ports}, "; ".join(p.message for p in ports))
