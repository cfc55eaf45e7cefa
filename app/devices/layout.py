"""Ticket and receipt layout: one pure function from the job to printing steps.

Steps are plain frozen dataclasses; renderers turn them into ESC/POS bytes
(``app.devices.escpos_render``) or a PNG (``app.devices.png_render``). Sizes
are ESC/POS character multipliers (1..8) over font A's 12x24-dot cell, so the
layout knows how many columns a line holds on 58 mm (384 dots) or 80 mm
(576 dots) paper.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.devices.base import ReceiptPrintJob, TicketPrintJob

CELL_W = 12  # font A: 12 x 24 dots per half-width character
CELL_H = 24
MAX_SIZE = 8  # GS ! allows 1..8 times width and height

PRIORITY_LABELS = {
    "needs": ("优先", "Priority"),
    "vip": ("贵宾", "VIP"),
    "appointment": ("预约", "Appointment"),
}
# The reason a "needs" ticket goes first, as a word (a category, never personal data).
NEEDS_NOTES = {
    "elderly": ("老年人", "elderly"),
    "disabled": ("残障人士", "disabled"),
    "pregnant": ("孕妇", "pregnant"),
    "other": ("特殊需要", "special needs"),
}
REPRINT_LABEL = "补打 Reprint"


def priority_line(priority: str, note: str | None) -> str | None:
    """The priority as printed: "优先 · 老年人 Priority: elderly", "贵宾 VIP", or None."""
    label = PRIORITY_LABELS.get(priority)
    if label is None:
        return None
    reason = NEEDS_NOTES.get(note or "") if priority == "needs" else None
    if reason:
        return f"{label[0]} · {reason[0]}  {label[1]}: {reason[1]}"
    return f"{label[0]} {label[1]}"


@dataclass(frozen=True)
class Text:
    text: str
    size: int = 1  # character multiplier, width and height
    align: str = "center"  # "left" or "center"
    bold: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", printable(self.text))


# Control characters (to a printer: commands, ESC and GS among them), line and
# paragraph separators (a line is one line), and lone surrogates (no encoding
# holds them): a space on paper. Settings and names typed anywhere reach here.
_NOT_PRINTABLE = ("Cc", "Cs", "Zl", "Zp")


def printable(text: str) -> str:
    """``text`` with whatever cannot be printed on one line as a space."""
    if text.isprintable():  # the usual case, at C speed
        return text
    return "".join(" " if unicodedata.category(ch) in _NOT_PRINTABLE else ch for ch in text)


@dataclass(frozen=True)
class Rule:
    """A dashed line across the paper."""


@dataclass(frozen=True)
class QR:
    data: str
    module: int = 6  # dots per QR module


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    partial: bool = True


Step = Text | Rule | QR | Feed | Cut


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` a ticket printer cannot print, each once:
    control characters, and anything outside GBK (the set Chinese printer
    fonts carry): emoji, rare ideographs. They would come out as blank boxes."""
    bad: list[str] = []
    for ch in text:
        if ch in bad:
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch != " ":
            bad.append(ch)
            continue
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            bad.append(ch)
    return bad


def char_width(ch: str) -> int:
    """Columns one character takes: 2 for CJK and full-width, else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def columns(dots: int, size: int = 1) -> int:
    return dots // (CELL_W * size)


def wrap(text: str, cols: int) -> list[str]:
    """Break ``text`` into lines of at most ``cols`` columns.

    Latin words stay whole where they can; CJK text breaks between any two
    characters (as Chinese typesetting does).
    """
    lines: list[str] = []
    line, width = "", 0
    for word in _tokens(printable(text)):
        w = text_width(word)
        if width + w > cols and line:
            lines.append(line.rstrip())
            line, width = "", 0
            word = word.lstrip()
            w = text_width(word)
        while w > cols:  # a word longer than the line: hard break
            cut, cw = "", 0
            for ch in word:
                if cw + char_width(ch) > cols:
                    break
                cut, cw = cut + ch, cw + char_width(ch)
            lines.append(cut)
            word, w = word[len(cut):], w - cw
        line, width = line + word, width + w
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """Words with their leading space; each CJK character is its own token."""
    out: list[str] = []
    cur = ""
    for ch in text:
        if char_width(ch) == 2:
            if cur:
                out.append(cur)
                cur = ""
            out.append(ch)
        elif ch == " " and cur.strip():
            out.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


def _para(text: str, dots: int, size: int = 1, bold: bool = False) -> list[Step]:
    if not text:
        return []
    return [Text(line, size, "center", bold) for line in wrap(text, columns(dots, size))]


def number_size(number: str, dots: int) -> int:
    """The largest multiplier at which ``number`` fits on one line."""
    return max(1, min(MAX_SIZE, dots // (CELL_W * max(1, text_width(number)))))


def _head(branch_zh: str, branch_en: str, dots: int) -> list[Step]:
    return [*_para(branch_zh, dots, bold=True), *_para(branch_en, dots), Rule()]


def _tail(footer_zh: str, footer_en: str, partial_cut: bool, dots: int) -> list[Step]:
    tail: list[Step] = []
    if footer_zh or footer_en:
        tail += [Rule(), *_para(footer_zh, dots), *_para(footer_en, dots)]
    return [*tail, Feed(1), Cut(partial_cut)]


def ticket_steps(job: TicketPrintJob, dots: int, *, partial_cut: bool = True) -> list[Step]:
    """The queue ticket as printing steps, for paper ``dots`` wide."""
    steps: list[Step] = _head(job.branch_name_zh, job.branch_name_en, dots)
    if job.reprint:
        steps += _para(REPRINT_LABEL, dots, size=2 if columns(dots, 2) >= text_width(REPRINT_LABEL) else 1, bold=True)
    steps += _para(job.service_name_zh, dots, size=2, bold=True)
    steps += _para(job.service_name_en, dots)
    steps += [Feed(1), Text(job.number, number_size(job.number, dots), "center", True), Feed(1)]
    line = priority_line(job.priority, job.priority_note)
    if line:
        steps += _para(line, dots, bold=True)
    for line in wait_lines(job):
        steps += _para(line, dots)
    steps += _para(f"取号 Issued {job.issued_at:%Y-%m-%d %H:%M}", dots)
    if job.reference:  # the phone page: a short hint under it, never a raw id
        steps += [Feed(1), QR(job.reference, module=6 if dots >= 576 else 5)]
        steps += _para(QR_HINT[0], dots) + _para(QR_HINT[1], dots)
    return steps + _tail(job.footer_zh, job.footer_en, partial_cut, dots)


QR_HINT = ("扫码在手机上查看排队进度", "Scan to follow your turn on your phone")


def wait_lines(job: TicketPrintJob) -> tuple[str, str]:
    """What the ticket says about the wait, in Chinese and English: the range
    the estimate gives, or a sentence when no number can honestly be printed."""
    if job.estimate_note == "no_window":
        return "暂无窗口办理此业务，请留意叫号屏幕", "No window serves this now; please watch the screen"
    if job.estimate_note == "after_closing" or job.estimated_wait_min is None:
        return "今日可能无法办理，请咨询大堂经理", "May not be served today; please ask the greeter"
    low, high = job.estimated_range or (job.estimated_wait_min, job.estimated_wait_min)
    span = f"{low}" if low == high else f"{low}-{high}"
    return (f"前面还有 {job.people_ahead} 人，约 {span} 分钟",
            f"{job.people_ahead} ahead, about {span} min")


def receipt_steps(job: ReceiptPrintJob, dots: int, *, partial_cut: bool = True) -> list[Step]:
    """The complaint receipt as printing steps."""
    steps: list[Step] = _head(job.branch_name_zh, job.branch_name_en, dots)
    steps += _para(f"{job.kind_zh}受理回执", dots, size=2, bold=True)
    steps += _para(f"{job.kind_en} receipt", dots)
    steps += [Feed(1), *_para("编号 Reference", dots)]
    steps += _para(job.reference, dots, size=2 if text_width(job.reference) * 24 <= dots else 1, bold=True)
    steps += [Feed(1)]
    steps += _para(f"受理时间 Received {job.received_at:%Y-%m-%d %H:%M}", dots)
    if job.answer_due is not None:
        steps += _para(f"答复期限 Answer by {job.answer_due:%Y-%m-%d}", dots)
    else:
        steps += _para("答复期限：待定，我们将另行通知", dots)
        steps += _para("Answer date: to be confirmed; we will tell you", dots)
    steps += [Feed(1), QR(job.reference, module=6 if dots >= 576 else 5)]
    return steps + _tail(job.footer_zh, job.footer_en, partial_cut, dots)
