"""Recorded byte streams in tests/fixtures/devices: the renderer still produces them."""

from __future__ import annotations

import os
from pathlib import Path

from escpos_decode import chinese_segments, qr_payloads, rasters, sized_ascii

from app.devices.config import printer_config
from app.devices.escpos_render import render_escpos
from app.devices.layout import ticket_steps

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "devices"


def _recorded(name: str, data: bytes) -> bytes:
    path = FIXTURES / name
    if os.environ.get("BRANCHDESK_RECORD"):
        path.write_bytes(data)
    return path.read_bytes()


def test_printer_font_stream_is_byte_for_byte_the_recorded_one(ticket_job):
    data = render_escpos(ticket_steps(ticket_job, 576), printer_config({}))
    recorded = _recorded("ticket-80mm-printer_font.bin", data)
    assert chinese_segments(recorded)[:2] == ["示范银行 城中支行", "个人业务（储蓄）"]
    assert "前面还有 5 人，约 10-15 分钟" in chinese_segments(recorded)  # the range the estimate gave
    assert (8, "A023") in sized_ascii(recorded) and qr_payloads(recorded) == [ticket_job.reference]
    assert data == recorded


def test_raster_stream_has_the_recorded_images(ticket_job):
    cfg = printer_config({"printer.chinese_mode": "raster", "printer.paper_mm": 58})
    data = render_escpos(ticket_steps(ticket_job, cfg.dots), cfg)
    recorded = _recorded("ticket-58mm-raster.bin", data)
    assert [(r.width, r.height) for r in rasters(data)] == [(r.width, r.height) for r in rasters(recorded)]
    assert sized_ascii(data) == sized_ascii(recorded)
