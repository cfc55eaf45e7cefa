"""Device figures, as JSON lines:

* layout + ESC/POS encoding of one ticket (median, p99) per Chinese mode and paper;
* bytes per ticket per mode, and the paper a raster ticket's text lines take;
* keypad frame in -> call stored -> window-display frame out, over socat pty pairs.

Run: .venv/bin/python benchmarks/bench_devices.py [--tickets 300] [--presses 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.devices.base import TicketPrintJob  # noqa: E402
from app.devices.config import printer_config  # noqa: E402
from app.devices.escpos_render import render_escpos  # noqa: E402
from app.devices.layout import CELL_H, Text, ticket_steps  # noqa: E402

DOTS_PER_MM = 8  # 203 dpi
LINE_GAP = 6  # default line spacing 30 dots = 24-dot cell + 6


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def job(i: int) -> TicketPrintJob:
    return TicketPrintJob(
        number=f"A{i % 1000:03d}", service_name_zh="个人业务", service_name_en="Personal Banking",
        people_ahead=i % 40, estimated_wait_min=(i % 40) * 3, issued_at=dt.datetime(2026, 11, 23, 9, 30),
        reference=f"0b6f6c9e-2f0b-4a8e-9a44-{i:012d}", branch_name_zh="示范银行 城中支行",
        branch_name_en="Demo Bank, City Centre Branch", footer_zh="过号请重新取号",
        footer_en="Please take a new ticket if your number has passed",
    )


def bench_encoding(n: int) -> None:
    for mode in ("printer_font", "raster"):
        for paper in (80, 58):
            cfg = printer_config({"printer.chinese_mode": mode, "printer.paper_mm": paper})
            render_escpos(ticket_steps(job(0), cfg.dots), cfg)  # warm caches (fonts, profile)
            times, sizes = [], []
            for i in range(n):
                t0 = time.perf_counter()
                steps = ticket_steps(job(i), cfg.dots)
                data = render_escpos(steps, cfg)
                times.append((time.perf_counter() - t0) * 1000)
                sizes.append(len(data))
            steps = ticket_steps(job(1), cfg.dots)
            chinese = [t for t in steps if isinstance(t, Text) and not t.text.isascii()]
            # Paper the Chinese lines take: printer-font lines advance 24 dots x size plus the
            # default 6-dot line gap; raster images advance exactly their height.
            gap = 0 if mode == "raster" else LINE_GAP
            chinese_dots = sum(CELL_H * t.size + gap for t in chinese)
            print(json.dumps({
                "figure": "ticket_encode", "chinese_mode": mode, "paper_mm": paper, "tickets": n,
                "median_ms": round(statistics.median(times), 3), "p99_ms": round(pct(times, 99), 3),
                "min_ms": round(min(times), 3), "load_avg": round(os.getloadavg()[0], 1),
                "bytes_per_ticket": int(statistics.median(sizes)),
                "qr": "native" if cfg.qr_native else "image",
                "chinese_lines": len(chinese),
                "chinese_lines_mm": round(chinese_dots / DOTS_PER_MM, 1),
            }))


def bench_keypad(presses: int) -> None:
    if shutil.which("socat") is None:
        print(json.dumps({"figure": "keypad_roundtrip", "skipped": "socat is not installed"}))
        return
    import serial

    from app.devices.serial_devices import SerialDevices, serial_specs
    from app.devices.serial_protocol import encode_frame
    from app.queue import init_catalogue, issue_ticket, open_window
    from app.staff.roles import SYSTEM
    from app.store import open_database

    tmp = Path(tempfile.mkdtemp(prefix="bench-devices-"))
    procs = []
    for name in ("k", "d"):
        procs.append(subprocess.Popen(["socat", f"pty,raw,echo=0,link={tmp}/{name}A",
                                       f"pty,raw,echo=0,link={tmp}/{name}B"], stderr=subprocess.DEVNULL))
    while not all((tmp / f"{n}{s}").exists() for n in "kd" for s in "AB"):
        time.sleep(0.01)
    now = dt.datetime(2026, 11, 23, 9, 0)
    db = open_database(f"sqlite:///{tmp}/bench.sqlite3")
    init_catalogue(db, actor=SYSTEM, now=now)
    open_window(db, window=1, actor=SYSTEM, now=now)
    for _ in range(presses + 1):
        issue_ticket(db, service="A", actor=SYSTEM, now=now)
    specs = serial_specs({"serial.devices": [
        {"port": f"{tmp}/kA", "role": "keypad", "windows": {"1": 1}},
        {"port": f"{tmp}/dA", "role": "display", "protocol": "cd5220", "window": 1}]})
    sd = SerialDevices(db, specs, clock=lambda: now, poll_s=0.5)
    keypad = serial.serial_for_url(f"{tmp}/kB", timeout=0.001)
    display = serial.serial_for_url(f"{tmp}/dB", timeout=0.001)
    sd.start()
    while not all(s.online for s in sd.status()):
        time.sleep(0.01)
    time.sleep(0.2)
    display.reset_input_buffer()
    times = []
    try:
        for i in range(presses):
            expected = f"A{i + 1:03d}".encode()
            buf = bytearray()
            t0 = time.perf_counter()
            keypad.write(encode_frame(1, "KEY", "NEXT"))
            while expected not in buf:
                buf += display.read(256)
                if time.perf_counter() - t0 > 5:
                    raise RuntimeError(f"display never showed {expected!r}")
            times.append((time.perf_counter() - t0) * 1000)
            keypad.reset_input_buffer()
    finally:
        sd.close()
        keypad.close()
        display.close()
        db.dispose()
        for p in procs:
            p.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps({"figure": "keypad_roundtrip", "link": "socat pty pairs", "db": "sqlite",
                      "presses": presses, "median_ms": round(statistics.median(times), 2),
                      "p99_ms": round(pct(times, 99), 2), "min_ms": round(min(times), 2),
                      "load_avg": round(os.getloadavg()[0], 1)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=300)
    ap.add_argument("--presses", type=int, default=100)
    a = ap.parse_args()
    bench_encoding(a.tickets)
    bench_keypad(a.presses)


if __name__ == "__main__":
    main()
