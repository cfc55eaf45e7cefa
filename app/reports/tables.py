"""The report's tables as rows of values, shared by the CSV and the PDF so both
print exactly the same numbers (the JSON carries the same values unformatted)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.reports.model import DailyReport, RangeReport
from app.reports.stats import STATUS_LABELS, Summary


@dataclass(frozen=True)
class Column:
    key: str  # CSV header
    zh: str  # PDF header (Chinese)
    en: str  # PDF header (English, second line)


@dataclass(frozen=True)
class Table:
    key: str
    zh: str
    en: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


def cell(value: Any) -> str:
    """A value as printed in the CSV and the PDF (empty when there is none)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "strftime"):
        return value.strftime("%H:%M:%S") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*c) for c in spec)


# Summary figures: key (CSV/JSON), Chinese label, English label, value.
SUMMARY_FIELDS: tuple[tuple[str, str, str, Callable[[Summary], Any]], ...] = (
    ("issued", "取号", "Issued", lambda s: s.issued),
    ("served", "已办结", "Served", lambda s: s.served),
    ("no_shows", "过号未到", "No-shows", lambda s: s.no_shows),
    ("transferred", "转移", "Transferred", lambda s: s.transferred),
    ("cancelled", "取消", "Cancelled", lambda s: s.cancelled),
    ("expired", "作废(日终)", "Expired", lambda s: s.expired),
    ("in_progress", "尚在进行", "Still open", lambda s: s.in_progress),
    ("waited", "等候过的客户", "Customers who waited", lambda s: s.waited),
    ("wait_count", "已叫号（计入平均）", "Called (averaged)", lambda s: s.wait.count),
    ("wait_avg_min", "平均等候(分)", "Wait average (min)", lambda s: s.wait.average_min),
    ("wait_median_min", "等候中位数(分)", "Wait median (min)", lambda s: s.wait.median_min),
    ("wait_p90_min", "等候90百分位(分)", "Wait 90th percentile (min)", lambda s: s.wait.p90_min),
    ("wait_max_min", "最长等候(分)", "Wait maximum (min)", lambda s: s.wait.max_min),
    ("within_target", "达标人数", "Within target", lambda s: s.within_target),
    ("within_target_pct", "达标率(%)", "Within target (%)", lambda s: s.within_target_pct),
    ("never_called", "未叫号", "Never called", lambda s: s.never_called),
    ("never_called_wait_total_min", "未叫号合计≥(分)", "Never called, total ≥ (min)",
     lambda s: s.never_called_total_min),
    ("never_called_wait_max_min", "未叫号最长≥(分)", "Never called, longest ≥ (min)",
     lambda s: s.never_called_wait.max_min),
    ("service_avg_min", "平均办理(分)", "Service time average (min)", lambda s: s.service_avg_min),
    ("transfer_wait_count", "转移后再等候次数", "Transfer waits", lambda s: s.transfer_wait.count),
    ("transfer_wait_avg_min", "转移后平均再等候(分)", "Transfer wait average (min)",
     lambda s: s.transfer_wait.average_min),
    ("transfer_wait_max_min", "转移后最长再等候(分)", "Transfer wait maximum (min)",
     lambda s: s.transfer_wait.max_min),
    ("total_wait_avg_min", "客户总等候平均(分)", "Customer total wait average (min)",
     lambda s: s.total_wait_avg_min),
    ("rating_avg", "满意度平均(1-5)", "Satisfaction average (1-5)", lambda s: s.rating_avg),
    ("rating_count", "评价数", "Ratings", lambda s: s.rating_count),
)
SUMMARY_LABELS = {key: (zh, en) for key, zh, en, _ in SUMMARY_FIELDS}


def summary_table(sm: Summary) -> Table:
    return Table("summary", "概要", "Summary",
                 _cols(("figure", "指标", "Figure"), ("value", "数值", "Value")),
                 tuple((key, get(sm)) for key, _zh, _en, get in SUMMARY_FIELDS))


def service_table(r: DailyReport) -> Table:
    cols = _cols(("service", "业务", "Service"), ("name", "名称", "Name"), ("target_min", "目标(分)", "Target"),
                 ("issued", "取号", "Issued"), ("served", "办结", "Served"), ("no_shows", "过号", "No-show"),
                 ("cancelled", "取消", "Cancel"), ("expired", "作废", "Expired"),
                 ("wait_avg_min", "平均等候", "Wait avg"), ("wait_p90_min", "90百分位", "Wait p90"),
                 ("wait_max_min", "最长", "Wait max"), ("within_target_pct", "达标率%", "In target %"),
                 ("service_avg_min", "平均办理", "Service avg"))
    rows = tuple((s.code, s.name_zh, s.target_wait_min, s.issued, s.served, s.no_shows, s.cancelled, s.expired,
                  s.wait.average_min, s.wait.p90_min, s.wait.max_min, s.within_target_pct, s.service_avg_min)
                 for s in r.services)
    return Table("services", "按业务", "By service", cols, rows)


def window_table(r: DailyReport) -> Table:
    cols = _cols(("window", "窗口", "Window"), ("window_name", "名称", "Name"), ("teller", "柜员", "Teller"),
                 ("called", "首次叫号", "Called first"), ("transferred_in", "转入", "Transferred in"),
                 ("served", "办结", "Served"), ("no_shows", "过号", "No-show"),
                 ("wait_avg_min", "平均等候", "Wait avg"), ("service_avg_min", "平均办理", "Service avg"),
                 ("rating_avg", "满意度", "Rating"))
    rows = tuple((w.window, w.window_name, w.teller, w.called, w.transferred_in, w.served, w.no_shows,
                  w.wait_avg_min, w.service_avg_min, w.rating_avg) for w in r.windows)
    return Table("windows", "按窗口与柜员", "By window and teller", cols, rows)


def hour_table(r: DailyReport) -> Table:
    cols = _cols(("hour", "时段", "Hour"), ("arrivals", "取号", "Arrivals"), ("served", "办结", "Served"),
                 ("wait_avg_min", "平均等候(分)", "Wait avg (min)"))
    rows = tuple((f"{h.hour:02d}:00", h.arrivals, h.served, h.wait_avg_min) for h in r.hours)
    return Table("hours", "按时段", "By hour", cols, rows)


def histogram_table(r: DailyReport) -> Table:
    cols = _cols(("wait_min", "等候(分)", "Wait (min)"), ("tickets", "号数", "Tickets"))
    return Table("histogram", "等候分布", "Distribution of waits", cols, tuple(r.histogram))


def longest_table(r: DailyReport) -> Table:
    cols = _cols(("number", "号码", "Number"), ("service", "业务", "Service"), ("issued_at", "取号", "Issued"),
                 ("first_called_at", "首次叫号", "First call"), ("wait_min", "等候(分)", "Wait (min)"),
                 ("status", "状态", "Status"))
    rows = tuple((x.number, x.service, x.issued_at, x.first_called_at if x.first_called_at else "未叫号 never",
                  x.wait_min if x.first_called_at else f"≥{x.wait_min}", status_label(x.status))
                 for x in r.longest)
    return Table("longest", "等候最长的十个号", "Ten longest waits", cols, rows)


def status_label(code: str) -> str:
    """A ticket status in both languages, as printed (never the raw code)."""
    zh, en = STATUS_LABELS.get(code, (code, code))
    return f"{zh} {en}"


def never_called_line(sm: Summary) -> tuple[str, str] | None:
    """The labelled line of the customers never called, or None when there were none."""
    if not sm.never_called:
        return None
    total, longest = sm.never_called_total_min, sm.never_called_wait.max_min
    return (f"未叫号：{sm.never_called} 人，合计至少等候 {total:g} 分钟（最长至少 {longest:g} 分钟）",
            f"Never called: {sm.never_called}, waited at least {total:g} min together "
            f"(the longest at least {longest:g} min)")


def day_table(r: RangeReport) -> Table:
    cols = _cols(("date", "日期", "Date"), ("issued", "取号", "Issued"), ("served", "办结", "Served"),
                 ("no_shows", "过号", "No-show"), ("cancelled", "取消", "Cancel"), ("expired", "作废", "Expired"),
                 ("wait_avg_min", "平均等候", "Wait avg"), ("wait_median_min", "中位数", "Median"),
                 ("wait_p90_min", "90百分位", "p90"), ("within_target_pct", "达标率%", "In target %"),
                 ("service_avg_min", "平均办理", "Service avg"))
    rows = tuple((d.business_date, d.issued, d.served, d.no_shows, d.cancelled, d.expired, d.wait_avg_min,
                  d.wait_median_min, d.wait_p90_min, d.within_target_pct, d.service_avg_min) for d in r.days)
    return Table("days", "逐日", "Day by day", cols, rows)


def appointment_tables(r: DailyReport) -> list[Table]:
    """The appointments section (none on a day without appointments); docs/metrics.md."""
    a = r.appointments
    if a is None:
        return []
    figures = (("booked", "预约", "Booked", a.booked), ("checked_in", "已签到", "Checked in", a.checked_in),
               ("on_time", "按时签到", "On time", a.on_time), ("early", "提前签到(普通号)", "Early (normal ticket)",
                                                             a.early),
               ("late", "迟到签到(普通号)", "Late (normal ticket)", a.late), ("no_show", "爽约", "No-show", a.no_show),
               ("cancelled", "已取消", "Cancelled", a.cancelled),
               ("still_to_come", "尚未到时", "Still to come", a.still_to_come),
               ("wait_after_checkin_avg_min", "签到后平均等候(分)", "Wait after check-in, average (min)",
                a.wait_after_checkin_avg_min),
               ("wait_after_checkin_p90_min", "签到后等候90百分位(分)", "Wait after check-in, p90 (min)",
                a.wait_after_checkin_p90_min))
    summary = Table("appointments", "预约", "Appointments", _cols(("figure", "代码", "Key"), ("label", "指标", "Figure"),
                                                                  ("value", "数值", "Value")),
                    tuple((key, f"{zh} {en}", value) for key, zh, en, value in figures))
    per = Table("appointments_by_service", "预约(按业务)", "Appointments by service",
                _cols(("service", "业务", "Service"), ("booked", "预约", "Booked"),
                      ("checked_in", "已签到", "Checked in"), ("on_time", "按时", "On time"),
                      ("no_show", "爽约", "No-show")),
                tuple((x.code, x.booked, x.checked_in, x.on_time, x.no_show) for x in a.services))
    return [summary, per]


_STAFF_COLUMNS = (("served", "办结", "Served"), ("service_avg_min", "平均办理", "Service avg"),
                  ("service_p90_min", "办理90%", "Service p90"), ("walk_avg_min", "平均步行", "Walk avg"),
                  ("no_shows", "过号", "No-show"), ("recalls", "重呼", "Recalls"),
                  ("transfers_out", "转出", "Transfers out"), ("open_min", "开放(分)", "Open (min)"),
                  ("paused_min", "暂停(分)", "Paused (min)"), ("idle_waiting_min", "空闲有人等(分)", "Idle, people waiting"),
                  ("rating_avg", "满意度", "Rating"), ("rating_count", "评价数", "Ratings"))


def _staff_rows(rows) -> tuple[tuple[Any, ...], ...]:  # type: ignore[no-untyped-def]
    return tuple((r.key, r.name, r.others, r.served, r.service_avg_min, r.service_p90_min, r.walk_avg_min,
                  r.no_shows, r.recalls, r.transfers_out, r.open_min, r.paused_min, r.idle_waiting_min,
                  r.rating_avg, r.rating_count) for r in rows)


def staff_tables(f: Any) -> list[Table]:
    """Staff figures (app/reports/staff.py): per teller, per window, pauses by reason."""
    if f is None:
        return []
    tellers = Table("staff_tellers", "按柜员", "By teller",
                    _cols(("teller", "柜员", "Teller"), ("name", "姓名", "Name"), ("windows", "窗口", "Windows"),
                          *_STAFF_COLUMNS), _staff_rows(f.tellers))
    windows = Table("staff_windows", "按窗口", "By window",
                    _cols(("window", "窗口", "Window"), ("window_name", "名称", "Name"), ("tellers", "柜员", "Tellers"),
                          *_STAFF_COLUMNS), _staff_rows(f.windows))
    pauses = Table("staff_pauses", "暂停原因", "Pauses by reason",
                   _cols(("teller", "柜员", "Teller"), ("window", "窗口", "Window"), ("reason", "原因", "Reason"),
                         ("minutes", "分钟", "Minutes")),
                   tuple((p.teller, p.window, p.reason, p.minutes) for p in f.pauses))
    return [tellers, windows, pauses]


def daily_tables(r: DailyReport) -> list[Table]:
    return [summary_table(r.summary), service_table(r), window_table(r), hour_table(r),
            histogram_table(r), longest_table(r), *appointment_tables(r), *staff_tables(r.staff)]


def staffing_table(advice: Any) -> Table:
    """Windows needed per weekday (or day) and hour against the windows open (app/reports/staffing.py)."""
    from app.reports.staffing import WEEKDAYS_EN, WEEKDAYS_ZH

    cols = _cols(("day", "日期", "Day"), ("hour", "时段", "Hour"), ("arrivals", "到达/时", "Arrivals/h"),
                 ("service_min", "占用(分)", "Holding (min)"), ("load", "负荷", "Load (Erl.)"),
                 ("needed", "需开窗口", "Windows needed"), ("open", "实开窗口", "Windows open"),
                 ("within_target_pct", "实开预计达标%", "Expected in target %"))
    rows = tuple((d.day.isoformat() if d.day else f"{WEEKDAYS_ZH[d.weekday]} {WEEKDAYS_EN[d.weekday]}",
                  f"{h.hour:02d}:00", h.arrivals, h.service_min, h.load, h.needed, h.open, h.share_open_pct)
                 for d in (advice.days if advice is not None else ()) for h in d.hours)
    return Table("staffing", "人员配置建议", "Staffing advice", cols, rows)


def range_tables(r: RangeReport) -> list[Table]:
    return [summary_table(r.summary), day_table(r), *([staffing_table(r.staffing)] if r.staffing else [])]
