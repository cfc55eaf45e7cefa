"""The head-office report as CSV, JSON or PDF (the same cells in all three):
the ranked branch table with missed targets marked, the total, the trend."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from app.hq.report import OVERFLOW_BUCKET, BranchRow, HqReport
from app.queue.views import to_jsonable
from app.reports.export import write_sections
from app.reports.tables import Column, Table

# key, Chinese, English, goal key (a missed goal is marked)
COLUMNS: tuple[tuple[str, str, str, str | None], ...] = (
    ("rank", "排名", "Rank", None), ("branch", "网点", "Branch", None), ("name", "名称", "Name", None),
    ("region", "区域", "Region", None), ("issued", "取号", "Issued", None), ("served", "办结", "Served", None),
    ("wait_avg_min", "平均等候", "Wait avg", None), ("wait_p90_min", "等候90%", "Wait p90", None),
    ("within_target_pct", "达标率%", "In target %", "within_target"),
    ("rating_avg", "满意度", "Rating", None), ("complaints_received", "投诉受理", "Cases", None),
    ("complaints_handled", "已结案", "Handled", None), ("handling_pct", "处理率%", "Handling %", "handling"),
    ("timely_pct", "及时率%", "Timely %", "timely"), ("satisfaction_pct", "满意率%", "Satisfied %", "satisfaction"),
    ("adoption_pct", "采纳率%", "Adopted %", "adoption"), ("missed", "未达标", "Missed", None),
)
MISSED_LABELS = {"within_target": "达标率 in target", "handling": "处理率 handling", "timely": "及时率 timely",
                 "satisfaction": "满意率 satisfied", "adoption": "采纳率 adopted"}


def p90_text(value: int | None) -> str | int | None:
    return f">{OVERFLOW_BUCKET - 1}" if value == OVERFLOW_BUCKET else value


def _cells(r: BranchRow) -> tuple[Any, ...]:
    return (r.rank, r.code, r.name, r.region, r.issued, r.served, r.wait_avg_min, p90_text(r.wait_p90_min),
            r.within_target_pct, r.rating_avg, r.complaints_received, r.complaints_handled, r.handling_pct,
            r.timely_pct, r.satisfaction_pct, r.adoption_pct, "; ".join(MISSED_LABELS[m] for m in r.missed))


def branch_table(report: HqReport, *, missed_column: bool = True) -> Table:
    """The ranked branches and the total line; the PDF marks missed targets in red
    and lists them below instead of a ``missed`` column."""
    keep = len(COLUMNS) if missed_column else len(COLUMNS) - 1
    cols = tuple(Column(k, zh, en) for k, zh, en, _ in COLUMNS[:keep])
    rows = tuple(_cells(r)[:keep] for r in (*report.branches, report.total))
    return Table("branches", "各网点（按达标率排名）", "Branches, ranked by the within-target share", cols, rows)


def trend_table(report: HqReport) -> Table:
    cols = (Column("day", "日期", "Day"), Column("issued", "取号", "Issued"), Column("served", "办结", "Served"),
            Column("wait_avg_min", "平均等候", "Wait avg"), Column("within_target_pct", "达标率%", "In target %"))
    rows = tuple((p.label, p.issued, p.served, p.wait_avg_min, p.within_target_pct) for p in report.trend)
    return Table("trend", "趋势", "Trend", cols, rows)


def to_json_data(report: HqReport) -> dict[str, Any]:
    data = to_jsonable(report)
    data["kind"] = "hq"
    data["percentile"] = "upper end of the 1-minute histogram bucket holding the nearest-rank 90th wait"
    data["units"] = {"durations": "minutes", "shares": "percent, one decimal"}
    return data


def to_csv(report: HqReport) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["report", "hq", "from", report.date_from.isoformat(), "to", report.date_to.isoformat()])
    w.writerow(["region", report.region or "*"])
    w.writerow(["generated_at", report.generated_at.isoformat(sep=" ")])
    w.writerow(["goals", *(f"{k}={v:g}" for k, v in report.goals.items())])
    write_sections(w, (branch_table(report), trend_table(report)), report.definitions)
    return buf.getvalue()


def to_pdf(report: HqReport) -> bytes:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, TableStyle

    from app.reports.charts import bars_and_line
    from app.reports.fonts import cjk_font
    from app.reports.model import Branch
    from app.reports.pdf import Styles, document, table_flowable

    font = cjk_font()
    st = Styles(font.name)
    goals = " · ".join(f"{MISSED_LABELS[k]} ≥ {v:g}%" for k, v in report.goals.items())
    story: list[Any] = [Paragraph(f"目标 Goals: {goals}. 红色为未达标。 Missed targets in red.", st.sub), Spacer(1, 4)]
    if not report.has_data:
        story.append(Paragraph("所选期间没有汇总数据。No summaries in this period.", st.h2))
    table = branch_table(report, missed_column=False)
    flow = table_flowable(table, st, (9, 13, 20, 11), 180)
    red = colors.HexColor("#c0392b")
    marks = []
    goal_cols = {goal: i for i, (_, _, _, goal) in enumerate(COLUMNS) if goal}
    for row_no, r in enumerate((*report.branches, report.total), start=1):
        for goal in r.missed:
            marks.append(("TEXTCOLOR", (goal_cols[goal], row_no), (goal_cols[goal], row_no), red))
        if r.missed:
            marks.append(("TEXTCOLOR", (1, row_no), (1, row_no), red))
    marks.append(("BACKGROUND", (0, len(table.rows)), (-1, len(table.rows)), colors.HexColor("#eef1f5")))
    flow.setStyle(TableStyle(marks))
    story += [Paragraph(f"{table.zh} {table.en}", st.h2), flow]
    if report.trend:
        points = report.trend
        chart = bars_and_line([p.label for p in points],
                              [("取号 Issued", [p.issued for p in points]), ("办结 Served", [p.served for p in points])],
                              ("平均等候(分) Avg wait (min)", [p.wait_avg_min for p in points]), font=font.name,
                              label_every=-(-len(points) // 14), height=220)
        story += [Paragraph("趋势 Trend", st.h2), chart]
    missed = report.missed
    if missed:
        story.append(Paragraph("未达标网点 Branches that missed a target", st.h2))
        story += [Paragraph(f"{r.code} {r.name}: " + "、".join(MISSED_LABELS[m] for m in r.missed), st.body)
                  for r in missed]
    region = f" · {report.region}" if report.region else ""
    branch = Branch("总行", "Head office")
    return document(branch, ("各网点汇总报告" + region, "consolidated report of the branches" + region),
                    f"{report.date_from.isoformat()} – {report.date_to.isoformat()}", report.generated_at, story,
                    report.definitions, font=font)


def render(report: HqReport, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(to_json_data(report), ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "csv":
        return to_csv(report).encode("utf-8-sig")
    if fmt == "pdf":
        return to_pdf(report)
    raise ValueError(f"unknown report format {fmt!r}")
