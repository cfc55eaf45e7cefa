"""What an alert says, in Chinese and English (the manager screen, the phone
message and the command line all use these sentences)."""

from __future__ import annotations

from typing import Any

# (rule, level) -> (Chinese, English); {placeholders} come from the alert's fields and figures.
SENTENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("wait_over_target", "over_target"): (
        "{service} 业务：{waiting} 位客户等候超过目标，最长已等 {wait_min} 分钟（目标 {target_min} 分钟）",
        "Service {service}: {waiting} waiting past the target, the longest for {wait_min} min "
        "(target {target_min} min)"),
    ("queue_length", "too_many"): (
        "{service} 业务：{waiting} 人等候，超过上限 {limit} 人",
        "Service {service}: {waiting} waiting, more than {limit}"),
    ("no_window", "no_window"): (
        "{service} 业务：{waiting} 人等候，没有开放的窗口办理",
        "Service {service}: {waiting} waiting and no open window serves it"),
    ("window_idle", "paused"): (
        "{window} 号窗口已暂停 {minutes} 分钟，仍有 {waiting} 人等候其业务",
        "Window {window} has been paused for {minutes} min while {waiting} wait for its services"),
    ("window_idle", "unattended"): (
        "{window} 号窗口无人值守已 {minutes} 分钟，仍有 {waiting} 人等候其业务",
        "Window {window} has been unattended for {minutes} min while {waiting} wait for its services"),
    ("complaint_due", "ack_due_soon"): (
        "投诉 {reference} 需在 {hours} 小时内确认受理", "Case {reference} must be acknowledged within {hours} h"),
    ("complaint_due", "ack_overdue"): (
        "投诉 {reference} 确认受理已超期 {hours} 小时", "Case {reference}: acknowledgement overdue by {hours} h"),
    ("complaint_due", "answer_due_soon"): (
        "投诉 {reference} 需在 {hours} 小时内答复", "Case {reference} must be answered within {hours} h"),
    ("complaint_due", "answer_overdue"): (
        "投诉 {reference} 答复已超期 {hours} 小时", "Case {reference}: answer overdue by {hours} h"),
    ("printer", "paper_out"): ("取号机打印机缺纸", "The ticket printer is out of paper"),
    ("sync_failing", "failing"): (
        "上传总行已失败 {minutes} 分钟", "Sync to head office has been failing for {minutes} min"),
    ("low_rating", "low"): (
        "{number} 号客户评价 {rating} 分（{window} 号窗口）",
        "Customer {number} rated {rating} (window {window})"),
}
PRINTER_OFFLINE = ("取号机打印机脱机（{level}）", "The ticket printer is offline ({level})")
RULE_NAMES = {
    "wait_over_target": ("等候超目标", "Wait past target"), "queue_length": ("排队过长", "Long queue"),
    "no_window": ("无窗口办理", "No window open"), "window_idle": ("窗口空闲", "Window idle"),
    "complaint_due": ("投诉到期", "Complaint due"), "printer": ("打印机", "Printer"),
    "sync_failing": ("总行同步", "Head-office sync"), "low_rating": ("低评价", "Low rating"),
}


def alert_text(alert: Any, language: str = "zh_CN") -> str:
    """One sentence for an alert (an AlertView, or anything with the same fields)."""
    zh, en = SENTENCES.get((alert.rule, alert.level)) or (
        PRINTER_OFFLINE if alert.rule == "printer" else ("{rule} {level}", "{rule} {level}"))
    values = {"service": alert.service_code or "", "window": alert.window_number if alert.window_number is not None
              else "-", "number": alert.ticket_number or "", "reference": alert.reference or "",
              "rule": alert.rule, "level": alert.level, **{k: v for k, v in (alert.figures or {}).items()}}
    template = en if language == "en" else zh
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a figure missing from an older alert: the bare rule
        return rule_name(alert.rule, language)


def rule_name(rule: str, language: str = "zh_CN") -> str:
    zh, en = RULE_NAMES.get(rule, (rule, rule))
    return en if language == "en" else zh
