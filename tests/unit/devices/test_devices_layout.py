"""The ticket layout as steps, and the ESC/POS bytes decoded back."""

from __future__ import annotations

import dataclasses

import pytest
from escpos.constants import PAPER_FULL_CUT, PAPER_PART_CUT
from escpos_decode import chinese_segments, qr_payloads, rasters, sized_ascii

from app.devices.config import printer_config
from app.devices.escpos_render import render_escpos
from app.devices.layout import QR, Cut, Text, columns, number_size, receipt_steps, text_width, ticket_steps, wrap


def _texts(steps) -> list[str]:
    return [s.text for s in steps if isinstance(s, Text)]


@pytest.mark.parametrize("dots", [384, 576])
def test_every_line_fits_the_paper(ticket_job, dots):
    steps = ticket_steps(ticket_job, dots)
    for s in steps:
        if isinstance(s, Text):
            assert text_width(s.text) <= columns(dots, s.size), s
    assert isinstance(steps[-1], Cut)


@pytest.mark.parametrize("dots,size", [(384, 8), (576, 8)])
def test_number_in_the_largest_type(ticket_job, dots, size):
    big = [s for s in ticket_steps(ticket_job, dots) if isinstance(s, Text) and s.text == "A023"]
    assert big and big[0].size == size == number_size("A023", dots)
    assert number_size("A0234567", 384) == 4  # longer numbers shrink to fit one line


def test_ticket_carries_what_the_customer_needs(ticket_job):
    text = "".join(_texts(ticket_steps(ticket_job, 576)))
    for part in ("示范银行 城中支行", "个人业务（储蓄）", "Personal Banking", "A023", "前面还有 5 人，约 10-15 分钟",
                 "5 ahead, about 10-15 min", "2026-11-23 09:30", "过号请重新取号，谢谢！"):
        assert part in text
    assert [s.data for s in ticket_steps(ticket_job, 576) if isinstance(s, QR)] == [ticket_job.reference]


def test_no_minutes_are_printed_when_nobody_can_deliver_them(ticket_job):
    no_window = dataclasses.replace(ticket_job, estimated_wait_min=None, estimated_range=None,
                                    estimate_note="no_window")
    text = "".join(_texts(ticket_steps(no_window, 576)))
    assert "暂无窗口办理此业务，请留意叫号屏幕" in text and "No window serves this now" in text
    assert "分钟" not in text and " min" not in text
    late = dataclasses.replace(ticket_job, estimated_wait_min=None, estimated_range=None, estimate_note="after_closing")
    text = "".join(_texts(ticket_steps(late, 576)))
    assert "今日可能无法办理" in text and "May not be served today" in text and "分钟" not in text


def test_priority_label_only_for_priority_tickets(ticket_job):
    assert not any("贵宾" in t for t in _texts(ticket_steps(ticket_job, 576)))
    vip = dataclasses.replace(ticket_job, priority="vip")
    assert "贵宾 VIP" in _texts(ticket_steps(vip, 576))


def test_wrap_keeps_words_and_breaks_chinese_anywhere():
    assert wrap("Please take a new ticket if your number has passed", 20) == [
        "Please take a new", "ticket if your", "number has passed"]
    assert wrap("过号请重新取号过号请重新取号", 10) == ["过号请重新", "取号过号请", "重新取号"]


def test_printer_font_mode_sends_gb18030_that_decodes_back(ticket_job):
    data = render_escpos(ticket_steps(ticket_job, 576), printer_config({"printer.chinese_mode": "printer_font"}))
    segments = chinese_segments(data)
    assert "示范银行 城中支行" in segments
    assert "个人业务（储蓄）" in segments  # full-width brackets survive
    assert "过号请重新取号，谢谢！" in segments  # full-width comma and bang survive
    assert (8, "A023") in sized_ascii(data)
    assert qr_payloads(data) == [ticket_job.reference]
    assert "?" not in "".join(segments)


def test_rare_characters_outside_the_common_range_survive(ticket_job):
    job = dataclasses.replace(ticket_job, branch_name_zh="𠀾银行 喆·堃支行", service_name_zh="〇号业务")
    data = render_escpos(ticket_steps(job, 576), printer_config({}))
    assert "𠀾银行 喆·堃支行" in chinese_segments(data)  # a 4-byte GB18030 character included
    assert "〇号业务" in chinese_segments(data)


def test_raster_mode_draws_chinese_lines_as_images(ticket_job):
    cfg = printer_config({"printer.chinese_mode": "raster", "printer.paper_mm": 58})
    steps = ticket_steps(ticket_job, cfg.dots)
    data = render_escpos(steps, cfg)
    assert chinese_segments(data) == []  # no Chinese-mode text at all
    chinese_lines = [s for s in steps if isinstance(s, Text) and not s.text.isascii()]
    images = rasters(data)
    text_images = [r for r in images if r.width == 384 and r.height in (24, 48)]
    assert len(text_images) == len(chinese_lines)
    assert sorted(r.height for r in text_images) == sorted(24 * s.size for s in chinese_lines)
    assert (8, "A023") in sized_ascii(data)  # the number stays in the printer's font
    qr = [r for r in images if r not in text_images]
    assert len(qr) == 1 and qr[0].width == 384 and 100 < qr[0].height < 300  # QR drawn as an image


def test_cut_follows_the_profile(ticket_job):
    partial = render_escpos(ticket_steps(ticket_job, 576), printer_config({}))
    assert partial.endswith(PAPER_PART_CUT)
    no_cutter = render_escpos(ticket_steps(ticket_job, 384), printer_config({"printer.profile": "POS-5890",
                                                                              "printer.paper_mm": 58}))
    assert not no_cutter.endswith(PAPER_PART_CUT) and not no_cutter.endswith(PAPER_FULL_CUT)
    full = render_escpos(ticket_steps(ticket_job, 576), printer_config({"printer.cut": "full"}))
    assert full.endswith(PAPER_FULL_CUT)


def test_receipt_shows_reference_and_dates(receipt_job):
    data = render_escpos(receipt_steps(receipt_job, 576), printer_config({}))
    assert "投诉受理回执" in chinese_segments(data)
    assert any(t == "TS-20261123-0007" for _, t in sized_ascii(data))
    assert any("2026-11-30" in s for s in chinese_segments(data))
    assert qr_payloads(data) == ["TS-20261123-0007"]


def test_receipt_with_a_pending_answer_date_says_it_will_be_confirmed(receipt_job):
    # The working-day calendar of the answer date's year is not entered yet:
    # the customer still gets a receipt, with no guessed date on it.
    pending = dataclasses.replace(receipt_job, answer_due=None)
    data = render_escpos(receipt_steps(pending, 576), printer_config({}))
    segments = chinese_segments(data)
    assert any("答复期限：待定" in s for s in segments)
    assert not any("2026-11-30" in s for s in segments)
    assert qr_payloads(data) == ["TS-20261123-0007"]


def test_the_priority_reason_is_printed_as_a_word_and_no_reference_as_text(ticket_job):
    elderly = dataclasses.replace(ticket_job, priority="needs", priority_note="elderly")
    texts = _texts(ticket_steps(elderly, 576))
    assert "优先 · 老年人  Priority: elderly" in texts
    assert not any(ticket_job.reference in t or ticket_job.reference[:8] in t for t in texts)  # the QR only
    assert not any(ticket_job.reference in t for t in _texts(ticket_steps(ticket_job, 384)))
    pregnant = dataclasses.replace(ticket_job, priority="needs", priority_note="pregnant")
    assert any("孕妇" in t and "pregnant" in t for t in _texts(ticket_steps(pregnant, 384)))


def test_a_reprint_says_so_on_top(ticket_job):
    assert "补打 Reprint" not in "".join(_texts(ticket_steps(ticket_job, 576)))
    again = _texts(ticket_steps(dataclasses.replace(ticket_job, reprint=True), 576))
    assert "补打 Reprint" in again and again.index("补打 Reprint") < again.index(ticket_job.number)


@pytest.mark.parametrize("mode", ["printer_font", "raster"])
def test_text_that_cannot_be_printed_is_a_space_on_paper(ticket_job, mode):
    """A branch name, service name or footer typed with a line break, a
    control character (to the printer: a command; GS V cuts the paper) or a
    broken character prints as one line with a space there, in the printer's
    font and drawn as an image (whose text layout refuses such characters)."""
    from app.devices.png_render import render_png

    job = dataclasses.replace(ticket_job, branch_name_en="Main\nStreet", footer_en="Thanks\x1dV\x00bye",
                              service_name_zh="个人\x1c业务\u2029", footer_zh="谢谢\ud800")
    steps = ticket_steps(job, 576)
    texts = _texts(steps)
    assert "Main Street" in texts and "Thanks V bye" in texts
    assert "个人 业务" in "".join(texts) and "谢谢" in "".join(texts)
    assert all(t.isprintable() for t in texts)
    data = render_escpos(steps, printer_config({"printer.chinese_mode": mode}))
    assert b"Thanks\x1dV" not in data and (1, "Thanks V bye") in sized_ascii(data)
    if mode == "printer_font":
        assert "个人 业务" in chinese_segments(data)
    picture = render_png(steps, 576)
    assert picture.height > 400  # drawn (the layout raised before)
