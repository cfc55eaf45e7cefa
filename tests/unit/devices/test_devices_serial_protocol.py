"""BDL/1 frames and the CD5220 pole-display bytes."""

from __future__ import annotations

import pytest

from app.devices.serial_devices import SerialConfigError, serial_specs
from app.devices.serial_protocol import (
    Bdl1Display,
    Bdl1Keypad,
    Cd5220Display,
    Frame,
    Garbled,
    KeyPress,
    decode_frame,
    encode_frame,
)


def test_frame_round_trip_with_checksum():
    raw = encode_frame(3, "KEY", "NEXT")
    assert raw == b"$03,KEY,NEXT*53\r\n"  # the example in docs/serial-protocol.md
    assert decode_frame(raw) == Frame(3, "KEY", ("NEXT",))


def test_keypad_bytes_split_anywhere_still_decode():
    kp = Bdl1Keypad()
    stream = encode_frame(1, "KEY", "NEXT") + encode_frame(12, "KEY", "recall")
    events = [e for i in range(len(stream)) for e in kp.feed(stream[i:i + 1])]
    assert events == [KeyPress(1, "NEXT"), KeyPress(12, "RECALL")]


@pytest.mark.parametrize("junk,reason", [
    (b"$03,KEY,NEXT*00\r\n", "checksum"),
    (b"hello\r\n", "outside a frame"),
    (b"$03,KEY,NE", "cut off"),  # followed by a good frame: the half frame is dropped
    (b"$03,KEY,LAUNCH*" + b"%02X" % (0) + b"\r\n", "checksum"),
])
def test_garbled_frames_are_reported_and_the_next_frame_still_works(junk, reason):
    kp = Bdl1Keypad()
    events = kp.feed(junk + encode_frame(4, "KEY", "FINISH"))
    assert isinstance(events[0], Garbled) and reason in events[0].reason
    assert events[-1] == KeyPress(4, "FINISH")


def test_unknown_key_with_good_checksum_is_garbled():
    events = Bdl1Keypad().feed(encode_frame(4, "KEY", "LAUNCH"))
    assert len(events) == 1 and isinstance(events[0], Garbled)


def test_replies_and_display_frames():
    kp = Bdl1Keypad()
    assert decode_frame(kp.ack(3, "NEXT", "A023")) == Frame(3, "ACK", ("NEXT", "A023"))
    assert decode_frame(kp.error(3, "NOBODY")) == Frame(3, "ERR", ("NOBODY",))
    assert decode_frame(Bdl1Display().show(11, 1, "B007")) == Frame(11, "SHOW", ("B007",))


def test_cd5220_pole_display_lines():
    data = Cd5220Display().show(0, 3, "A023")
    assert data.startswith(b"\x1b@\x0c")
    upper = data[data.index(b"\x1bQA") + 3: data.index(b"\r")]
    lower = data[data.index(b"\x1bQB") + 3:].rstrip(b"\r")
    assert len(upper) == len(lower) == 20
    assert upper.strip() == b"No. A023" and lower.strip() == b"Window 3"
    zh = Cd5220Display("gb18030").show(0, 3, "A023")
    assert "请 A023 号".encode("gb18030") in zh


def test_serial_settings_are_checked():
    specs = serial_specs({"serial.devices": '[{"port": "loop://", "windows": {"1": 1, "2": 2}}]'})
    assert specs[0].windows == {1: 1, 2: 2} and specs[0].role == "keypad"
    with pytest.raises(SerialConfigError, match="no port"):
        serial_specs({"serial.devices": [{"windows": {"1": 1}}]})
    with pytest.raises(SerialConfigError, match="cd5220"):
        serial_specs({"serial.devices": [{"port": "COM3", "protocol": "cd5220", "window": 1}]})  # not a keypad
    with pytest.raises(SerialConfigError, match="listed twice"):
        serial_specs({"serial.devices": [{"port": "COM3", "window": 1}, {"port": "COM3", "window": 2,
                                                                         "role": "display"}]})
