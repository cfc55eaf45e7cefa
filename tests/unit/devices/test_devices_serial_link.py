"""The reconnecting serial link: loop:// echo, and a port that comes and goes."""

from __future__ import annotations

import time

import serial

from app.devices.serial_link import SerialLink
from app.devices.serial_protocol import Cd5220Display


def test_loop_url_echoes_a_display_frame():
    link = SerialLink("loop://", name="window 1 display")
    frame = Cd5220Display().show(0, 1, "A023")
    assert link.write(frame)
    got = b""
    deadline = time.monotonic() + 2
    while frame not in got and time.monotonic() < deadline:
        got += link.read()
    assert frame in got
    assert link.status().online and "connected" in link.status().message
    link.close()


def test_port_missing_then_plugged_in():
    plugged = {"in": False}

    def opener(port, **kw):
        if not plugged["in"]:
            raise serial.SerialException(f"could not open port {port}: No such file or directory")
        return serial.serial_for_url("loop://", **kw)

    link = SerialLink("/dev/ttyUSB9", name="keypads", opener=opener, read_timeout=0.01)
    t0 = time.monotonic()
    assert link.read() == b"" and not link.write(b"x")  # never raises, never blocks for long
    assert time.monotonic() - t0 < 1
    status = link.status()
    assert not status.online and status.message == "keypads (/dev/ttyUSB9) is offline; reconnecting."
    plugged["in"] = True
    deadline = time.monotonic() + 3
    while not link.write(b"hello") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert link.status().online and link.generation == 1
    link.close()
