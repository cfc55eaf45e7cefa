"""Keypads and window displays over socat pty pairs, against a real SQLite file."""

from __future__ import annotations

import time

import pytest
import serial

from app.devices.serial_devices import SerialDevices, serial_specs
from app.devices.serial_protocol import Frame, LineSplitter, decode_frame, encode_frame
from app.queue import call_next, get_ticket, issue_ticket
from app.staff.roles import SYSTEM


def wait_for(predicate, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


class Device:
    """The hardware end of a pty pair: what the keypad or display sees."""

    def __init__(self, path: str) -> None:
        self.port = serial.serial_for_url(path, timeout=0.05)
        self.buf = bytearray()

    def send(self, data: bytes) -> None:
        self.port.write(data)

    def read_more(self) -> bytes:
        self.buf += self.port.read(4096)
        return bytes(self.buf)

    def frames(self) -> list[Frame]:
        return [decode_frame(line) for line in LineSplitter().feed(self.read_more())]

    def close(self) -> None:
        self.port.close()


@pytest.fixture
def devices(branch_db, at, socat):
    keypad_pair, display_pair = socat("keypad"), socat("display")
    specs = serial_specs({"serial.devices": [
        {"name": "keypad bus", "port": keypad_pair.a, "protocol": "bdl1", "role": "keypad",
         "windows": {"1": 1, "2": 2}},
        {"name": "window 1 display", "port": display_pair.a, "protocol": "cd5220", "role": "display",
         "window": 1},
    ]})
    clock = {"now": at(9, 5)}
    sd = SerialDevices(branch_db, specs, clock=lambda: clock["now"], poll_s=0.05)
    keypad, display = Device(keypad_pair.b), Device(display_pair.b)
    sd.start()
    wait_for(lambda: all(s.online for s in sd.status()))  # pyserial drops input that arrives before open
    yield sd, keypad, display, keypad_pair, clock
    sd.close()
    keypad.close()
    display.close()


def test_next_key_calls_the_ticket_and_the_window_display_shows_it(devices, branch_db, at):
    sd, keypad, display, _, _ = devices
    issued = issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    keypad.send(encode_frame(1, "KEY", "NEXT"))
    acks = wait_for(lambda: [f for f in keypad.frames() if f.type == "ACK"])
    assert acks[0] == Frame(1, "ACK", ("NEXT", issued.ticket.number))
    ticket = get_ticket(branch_db, issued.ticket.uuid, now=at(9, 6))
    assert (ticket.status, ticket.window_number, ticket.called_at) == ("called", 1, at(9, 5))
    shown = wait_for(lambda: issued.ticket.number.encode() in display.read_more() and display.buf)
    assert b"\x1bQA" in shown and b"Window 1" in shown


def test_errors_go_back_to_the_keypad(devices):
    sd, keypad, _, _, _ = devices
    keypad.send(encode_frame(2, "KEY", "NEXT"))  # nobody waiting
    assert wait_for(lambda: [f for f in keypad.frames() if f.type == "ERR"]) == [Frame(2, "ERR", ("NOBODY",))]


def test_a_call_made_on_screen_shows_on_the_display(devices, branch_db, at):
    sd, _, display, _, _ = devices
    issue_ticket(branch_db, service="D", actor=SYSTEM, now=at(9, 0))
    called = call_next(branch_db, window=1, actor=SYSTEM, now=at(9, 2))
    wait_for(lambda: called.number.encode() in display.read_more())


def test_garbled_frame_is_ignored(devices, branch_db, at):
    sd, keypad, _, _, _ = devices
    issued = issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    keypad.send(b"$01,KEY,NEXT*00\r\n")  # bad checksum
    wait_for(lambda: sd.keypads[0].garbled == 1)
    assert get_ticket(branch_db, issued.ticket.uuid, now=at(9, 6)).status == "waiting"
    assert keypad.frames() == []  # no answer to a frame that cannot be trusted


def test_port_vanishing_mid_frame_is_reported_then_recovered(devices, branch_db, at):
    sd, keypad, _, pair, _ = devices
    issued = issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    wait_for(lambda: sd.status()[0].online)
    keypad.send(b"$01,KEY,NE")  # half a frame, then the cable is pulled
    time.sleep(0.1)
    keypad.close()
    pair.kill()
    status = wait_for(lambda: [s for s in sd.status() if not s.online])
    assert "offline" in status[0].message
    assert get_ticket(branch_db, issued.ticket.uuid, now=at(9, 6)).status == "waiting"

    pair.start()  # plugged back in
    wait_for(lambda: sd.status()[0].online, timeout=10)
    again = Device(pair.b)
    again.send(encode_frame(1, "KEY", "NEXT"))
    wait_for(lambda: [f for f in again.frames() if f.type == "ACK"])
    assert get_ticket(branch_db, issued.ticket.uuid, now=at(9, 6)).status == "called"
    again.close()


def test_keypad_behind_a_serial_device_server(branch_db, at):
    """A keypad reached with a pyserial socket:// URL (serial-to-Ethernet converter)."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    specs = serial_specs({"serial.devices": [
        {"port": f"socket://127.0.0.1:{server.getsockname()[1]}", "role": "keypad+display", "windows": {"7": 3}}]})
    issued = issue_ticket(branch_db, service="A", actor=SYSTEM, now=at(9, 0))
    sd = SerialDevices(branch_db, specs, clock=lambda: at(9, 10), poll_s=0.05)
    sd.start()
    conn, _ = server.accept()
    conn.settimeout(0.1)
    wait_for(lambda: sd.status()[0].online)  # pyserial's socket:// open discards what arrived before
    conn.sendall(encode_frame(7, "KEY", "NEXT"))
    got = bytearray()

    def frames() -> list[Frame]:
        try:
            got.extend(conn.recv(4096))
        except TimeoutError:
            pass
        return [decode_frame(line) for line in LineSplitter().feed(bytes(got))]

    wait_for(lambda: Frame(7, "SHOW", (issued.ticket.number,)) in frames())
    assert Frame(7, "ACK", ("NEXT", issued.ticket.number)) in frames()
    assert get_ticket(branch_db, issued.ticket.uuid, now=at(9, 11)).window_number == 3
    sd.close()
    conn.close()
    server.close()
