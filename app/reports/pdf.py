"""The daily and range reports as PDF (reportlab platypus), Chinese first.

Tables come from tables.py (the CSV prints the very same cells); charts from
charts.py. Every page carries the branch, the period, the generation time,
the font used and the page number; the definitions close the report.
"""

from __future__ import annotations

import importlib
import io
import logging
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.reports import tables as T
from app.reports.charts import bars_and_line, histogram_chart
from app.reports.export import PERCENTILE_METHOD
from app.reports.fonts import PdfFont, cjk_font
from app.reports.model import DailyReport, RangeReport
from app.reports.range_report import trend
from app.reports.staff import StaffReport

log = logging.getLogger("branchdesk.reports")
HEADER_BG = colors.HexColor("#e8eef5")


class _Styles:
    def __init__(self, font: str) -> None:
        self.title = ParagraphStyle("title", fontName=font, fontSize=16, leading=21, spaceAfter=2)
        self.sub = ParagraphStyle("sub", fontName=font, fontSize=9, leading=12, textColor=colors.HexColor("#444444"))
        self.h2 = ParagraphStyle("h2", fontName=font, fontSize=11.5, leading=15, spaceBefore=9, spaceAfter=4)
        self.body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11.5)
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9)
        # The headers of tables of many narrow columns (the staff figures): the
        # longest English word of a header ("Transfers") fits a column whole.
        self.narrow_head = ParagraphStyle("narrow_head", fontName=font, fontSize=6.5, leading=8)
        self.small = ParagraphStyle("small", fontName=font, fontSize=7, leading=9,
                                    textColor=colors.HexColor("#555555"))


def _widths(t: T.Table, text_mm: tuple[float, ...], total_mm: float = 180) -> list[float]:
    """Text columns at the given widths; numeric columns share the rest."""
    rest = len(t.columns) - len(text_mm)
    each = (total_mm - sum(text_mm)) / max(1, rest)
    return [w * mm for w in text_mm] + [each * mm] * rest


def _table(t: T.Table, st: _Styles, text_mm: tuple[float, ...] = (), total_mm: float = 180,
           narrow: bool = False) -> Table:
    """``narrow``: many narrow columns, their headers in a smaller type with
    less padding (else a word such as "Transfers" breaks inside itself)."""
    head = [Paragraph(f"{c.zh}<br/>{c.en}", st.narrow_head if narrow else st.cell) for c in t.columns]
    body = [[T.cell(v) for v in row] for row in t.rows]
    if not body:
        body = [["—"] + [""] * (len(t.columns) - 1)]
    table = Table([head] + body, colWidths=_widths(t, text_mm, total_mm), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),
        ("FONTSIZE", (0, 1), (-1, -1), 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b0b8c0")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (max(1, len(text_mm)), 1), (-1, -1), "RIGHT"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8fa")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *([("LEFTPADDING", (0, 0), (-1, 0), 2), ("RIGHTPADDING", (0, 0), (-1, 0), 2)] if narrow else []),
    ]))
    return table


def _section(title: T.Table | tuple[str, str], st: _Styles, *flowables: Any) -> KeepTogether:
    zh, en = (title.zh, title.en) if isinstance(title, T.Table) else title
    return KeepTogether([Paragraph(f"{zh} {en}", st.h2), *flowables])


def _summary_block(sm_table: T.Table, st: _Styles) -> Table:
    """The summary as two side-by-side label/value columns."""
    rows = [(f"{T.SUMMARY_LABELS[k][0]} {T.SUMMARY_LABELS[k][1]}", T.cell(v)) for k, v in sm_table.rows]
    half = (len(rows) + 1) // 2
    left, right = rows[:half], rows[half:] + [("", "")] * (half - len(rows[half:]))
    data = [[a, b, c, d] for (a, b), (c, d) in zip(left, right)]
    table = Table(data, colWidths=[62 * mm, 22 * mm, 68 * mm, 22 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName), ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("ALIGN", (3, 0), (3, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d6dc")),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _complaint_flowables(report: DailyReport, st: _Styles) -> list[Any]:
    """The complaints package's section for the day (omitted if it is absent)."""
    if report.complaints is None:
        return []
    try:
        section = importlib.import_module("app.complaints.pdf").day_section
        return list(section(report.complaints, {"Heading2": st.h2, "BodyText": st.cell}))
    except Exception:  # another package must never stop the wait-time report
        log.exception("complaints section could not be drawn")
        return []


def _never_called(sm: Any, st: _Styles) -> list[Any]:
    """The labelled line of the customers never called (their waits are lower bounds)."""
    line = T.never_called_line(sm)
    return [Spacer(1, 3), Paragraph(" / ".join(line), st.sub)] if line else []


def _daily_story(r: DailyReport, st: _Styles, font: PdfFont) -> list[Any]:
    story: list[Any] = []
    if not r.has_data:
        story.append(Paragraph("当日没有取号记录。No tickets were issued on this business day.", st.h2))
    story.append(_section(("概要", "Summary"), st, _summary_block(T.summary_table(r.summary), st),
                          *_never_called(r.summary, st)))
    story.append(_section(T.service_table(r), st, _table(T.service_table(r), st, (12, 20))))
    story.append(_section(T.window_table(r), st, _table(T.window_table(r), st, (14, 24, 24))))
    hours = T.hour_table(r)
    chart = bars_and_line(
        [h for h, *_ in hours.rows],
        [("取号 Arrivals", [h.arrivals for h in r.hours]), ("办结 Served", [h.served for h in r.hours])],
        ("平均等候(分) Avg wait (min)", [h.wait_avg_min for h in r.hours]), font=font.name,
    )
    story.append(_section(hours, st, chart, Spacer(1, 4), _table(hours, st, (), 110)))
    hist = T.histogram_table(r)
    story.append(_section(hist, st, histogram_chart(r.histogram, font=font.name, label="号数 Tickets"),
                          _table(hist, st, (), 60)))
    story.append(_section(T.longest_table(r), st, _table(T.longest_table(r), st, (), 150)))
    for table in T.appointment_tables(r):
        story.append(_section(table, st, _table(table, st, (40, 90) if table.key == "appointments" else (20,))))
    story += _complaint_flowables(r, st)
    story += _staff_story(r.staff, st)
    return story


def _staff_story(f: Any, st: _Styles) -> list[Any]:
    """The staff figures: per teller, per window, pauses by reason (narrow columns: two-line headers)."""
    if f is None:
        return []
    tellers, windows, pauses = T.staff_tables(f)
    story: list[Any] = []
    for t in (tellers, windows):
        story.append(_section(t, st, _table(t, st, (13, 16, 12), narrow=True)))
    if pauses.rows:
        story.append(_section(pauses, st, _table(pauses, st, (20, 14, 60), 120)))
    return story


def _staffing_story(advice: Any, st: _Styles) -> list[Any]:
    """The range report's staffing page: windows needed against open, per weekday and hour."""
    if advice is None:
        return []
    table = T.staffing_table(advice)
    note = (f"目标：{advice.goal_pct}% 的客户在目标时间内被叫号；依据 {advice.history_from} 至 {advice.history_to}。"
            f" Goal: {advice.goal_pct} % of customers called within target; learned from "
            f"{advice.history_from} to {advice.history_to}. 红色：实开窗口少于所需。 In red: fewer windows open than needed.")
    flow = _table(table, st, (22, 14))
    short = [i + 1 for i, row in enumerate(table.rows) if row[6] is not None and row[6] + 1e-9 < row[5]]
    if short:
        flow.setStyle(TableStyle([("TEXTCOLOR", (5, i), (6, i), colors.HexColor("#c0392b")) for i in short]))
    return [PageBreak(), Paragraph(f"{table.zh} {table.en}", st.h2), Paragraph(note, st.sub), Spacer(1, 4), flow]


def _range_story(r: RangeReport, st: _Styles, font: PdfFont) -> list[Any]:
    story: list[Any] = []
    if not r.has_data:
        story.append(Paragraph("所选期间没有取号记录。No tickets were issued in this period.", st.h2))
    story.append(_section(("概要", "Summary"), st, _summary_block(T.summary_table(r.summary), st),
                          *_never_called(r.summary, st)))
    if r.days:
        points = trend(r.days)
        weekly = len(points) < len(r.days)
        chart = bars_and_line(
            [p[0] for p in points],
            [("取号 Issued", [p[1] for p in points]), ("办结 Served", [p[2] for p in points])],
            ("平均等候(分) Avg wait (min)", [p[3] for p in points]),
            font=font.name, label_every=-(-len(points) // 14), height=220,
        )
        title = ("趋势(按周,自周一起)", "Trend by week (from Monday)") if weekly else ("趋势", "Trend")
        story.append(_section(title, st, chart))
    days = T.day_table(r)
    story.append(Paragraph(f"{days.zh} {days.en}", st.h2))
    story.append(_table(days, st, (22,)))
    story += _staffing_story(r.staffing, st)
    return story


def to_pdf(report: DailyReport | RangeReport | StaffReport) -> bytes:
    """The report as PDF bytes."""
    font = cjk_font()
    st = _Styles(font.name)
    if isinstance(report, DailyReport):
        period = report.business_date.isoformat()
        title_zh, title_en = "每日等候时间报告", "Daily wait-time report"
        story = _daily_story(report, st, font)
    elif isinstance(report, StaffReport):
        period = f"{report.date_from.isoformat()} – {report.date_to.isoformat()}"
        title_zh, title_en = "员工工作量报告", "Staff report"
        story = ([] if report.has_data else
                 [Paragraph("所选期间没有窗口开放或叫号。No window was open and no ticket was called.", st.h2)])
        story += _staff_story(report.staff, st)
    else:
        period = f"{report.date_from.isoformat()} – {report.date_to.isoformat()}"
        title_zh, title_en = "期间等候时间报告", "Wait-time report for a period"
        story = _range_story(report, st, font)
    status = " ".join(report.status_line) if isinstance(report, DailyReport) else None
    return document(report.branch, (title_zh, title_en), period, report.generated_at, story, report.definitions,
                    font=font, status=status)


def document(b: Any, title: tuple[str, str], period: str, generated_at: Any, story: list[Any],
             definitions: tuple[str, ...], *, font: PdfFont | None = None, status: str | None = None) -> bytes:
    """A report's pages: the heading (whose, what, when), ``story``, the definitions,
    and a footer on every page; ``b`` has ``name_zh`` and ``name_en``."""
    font = font or cjk_font()
    st = _Styles(font.name)
    title_zh, title_en = title
    head = [
        Paragraph(f"{b.name_zh} {title_zh}", st.title),
        Paragraph(f"{b.name_en} · {title_en} · {period}", st.sub),
        Paragraph(f"生成时间 Generated {generated_at:%Y-%m-%d %H:%M}", st.sub),
    ]
    if status:
        head.append(Paragraph(status, st.sub))
    head.append(Spacer(1, 6))
    tail = [Paragraph("定义 Definitions", st.h2)]
    tail += [Paragraph(line, st.small) for line in definitions]
    tail.append(Paragraph(f"百分位: 最近秩法 Percentiles: {PERCENTILE_METHOD} method. 字体 Font: {font.description}.",
                          st.small))
    footer = f"{b.name_zh} {b.name_en} · {period} · 生成 {generated_at:%Y-%m-%d %H:%M}"

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font.name, 6.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(15 * mm, 9 * mm, footer)
        canvas.drawString(15 * mm, 6 * mm, "等候=取号至首次叫号; 百分位为最近秩法 Wait = issue to first call; "
                                           f"nearest-rank percentiles · Font: {font.description}")
        canvas.drawRightString(A4[0] - 15 * mm, 9 * mm, f"{doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm, bottomMargin=16 * mm,
        title=f"{title_en} {period}", author=b.name_en or "BranchDesk", creator="BranchDesk",
        subject=f"{title_zh} {period}; font: {font.description}", keywords=f"font={font.description}",
    )
    doc.build(head + story + tail, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


Styles = _Styles  # for other reports built on these pages (app/hq/render.py)
table_flowable = _table
