"""The complaint analysis as reportlab flowables, for the reports' PDFs.

``complaint_section(analysis, styles)`` returns a list the reports engineer
appends to a story; ``styles`` is a reportlab stylesheet whose "Heading2"
and "BodyText" styles carry the report's (CJK-capable) font.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.complaints.analysis import ComplaintAnalysis, Rate
from app.complaints.daily import DaySummary, day_summary  # noqa: F401  (the daily report's entry point)
from app.complaints.rules import KIND_NAMES

CHANNEL_NAMES = {"counter": "柜台 Counter", "phone": "电话 Phone", "letter": "信函 Letter",
                 "web": "网站/App Web/app", "other": "其他 Other"}
_GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
])


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def _met(rate: Rate) -> str:
    return {None: "-", True: "达标 met", False: '<font color="#B00020">未达标 missed</font>'}[rate.met]


def _table(rows: list[list[str]], styles, widths: list[float]) -> Table:  # type: ignore[no-untyped-def]
    body = styles["BodyText"]
    t = Table([[Paragraph(str(cell), body) for cell in row] for row in rows], colWidths=widths, hAlign="LEFT")
    t.setStyle(_GRID)
    return t


def complaint_section(analysis: ComplaintAnalysis, styles) -> list[Flowable]:  # type: ignore[no-untyped-def]
    """Heading, the five figures against their targets, and the counts."""
    a = analysis
    figures = [
        ("办结率 Handling rate", a.handling, _pct(a.handling.target)),
        ("及时率 Timeliness", a.timeliness, _pct(a.timeliness.target)),
        ("满意率 Satisfaction (4-5)", a.satisfaction, _pct(a.satisfaction.target)),
        ("建议采纳率 Suggestions adopted", a.adoption, _pct(a.adoption.target)),
        ("受理量 Feedback volume", a.volume, str(int(a.volume.target))),
    ]
    rows = [["指标 Figure", "数值 Value", "分子/分母 Count", "目标 Target", "结果 Result"]]
    rows += [[label, _pct(r.value), f"{r.numerator}/{r.denominator}", target, _met(r)]
             for label, r, target in figures]
    counts = [["类型 Kind", "件数 Cases", "渠道 Channel", "件数 Cases"]]
    kinds = [(f"{KIND_NAMES[k][0]} {KIND_NAMES[k][1]}", n) for k, n in a.by_kind.items()]
    channels = [(CHANNEL_NAMES.get(c, c), n) for c, n in a.by_channel.items()]
    for i in range(max(len(kinds), len(channels))):
        k = kinds[i] if i < len(kinds) else ("", "")
        c = channels[i] if i < len(channels) else ("", "")
        counts.append([k[0], str(k[1]), c[0], str(c[1])])
    cats = [["类别 Category", "件数 Cases"]] + [
        [a.category_labels.get(code, code), str(n)] for code, n in a.by_category.items()
    ] if a.by_category else [["类别 Category", "件数 Cases"], ["-", "0"]]
    return [
        Paragraph(f"投诉与建议分析 Complaints and suggestions — {a.period}", styles["Heading2"]),
        Paragraph(f"{a.start.isoformat()} – {a.end.isoformat()}; 受理 received {a.received}; "
                  f"截至 as of {a.as_of:%Y-%m-%d %H:%M}", styles["BodyText"]),
        Spacer(1, 3 * mm),
        _table(rows, styles, [52 * mm, 24 * mm, 30 * mm, 24 * mm, 30 * mm]),
        Spacer(1, 4 * mm),
        _table(counts, styles, [45 * mm, 20 * mm, 45 * mm, 20 * mm]),
        Spacer(1, 4 * mm),
        _table(cats, styles, [65 * mm, 20 * mm]),
    ]


def day_section(summary: DaySummary, styles) -> list[Flowable]:  # type: ignore[no-untyped-def]
    """The daily report's complaints paragraph and table."""
    s = summary
    rows = [["受理 Received", "投诉 Complaints", "建议 Suggestions", "表扬 Praise", "已答复 Resolved",
             "已办结 Closed", "未办结 Open", "超期 Overdue"],
            [str(s.received), str(s.by_kind.get("complaint", 0)), str(s.by_kind.get("suggestion", 0)),
             str(s.by_kind.get("praise", 0)), str(s.resolved), str(s.closed), str(s.open_now),
             f'<font color="#B00020">{s.overdue_at_end}</font>' if s.overdue_at_end else "0"]]
    return [Paragraph(f"投诉与建议 Complaints — {s.date.isoformat()}", styles["Heading2"]),
            _table(rows, styles, [21 * mm] * 8)]
