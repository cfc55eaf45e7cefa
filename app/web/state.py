"""What the phone page shows of one ticket, and its words in both languages.

No personal data: the number, the service, the state, the window, the people
ahead and the wait (the ticket's own definitions, app/queue/estimate.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# Ticket status -> what the page says it is.
SHOWN = {"waiting": "waiting", "transferred": "waiting", "called": "called", "serving": "serving",
         "done": "served", "no_show": "missed", "cancelled": "cancelled", "expired": "expired"}


@dataclass(frozen=True)
class PageState:
    number: str
    service_zh: str
    service_en: str
    state: str  # waiting / called / serving / served / missed / cancelled / expired
    window: int | None
    people_ahead: int | None
    wait_min: int | None
    wait_low: int | None
    wait_high: int | None
    note: str | None  # no_window / after_closing / default_times
    as_of: dt.datetime  # when the figures were true (branch time)
    branch_zh: str
    branch_en: str
    hosted: str  # branch / head_office
    age_s: int = 0  # head office: how old the figures are
    every_s: int | None = None  # head office: how often branches send them
    can_subscribe: bool = False
    subscribed: bool = False

    @property
    def live(self) -> bool:
        """Still worth polling."""
        return self.state in ("waiting", "called", "serving")


TEXT = {
    "title": ("排队进度", "Your place in the queue"),
    "waiting": ("请耐心等候", "Please wait"),
    "called": ("请到 {window} 号窗口", "Go to window {window}"),
    "serving": ("正在 {window} 号窗口办理", "Being served at window {window}"),
    "served": ("业务已办理完毕，谢谢光临", "Served. Thank you for visiting"),
    "missed": ("已过号，请到大堂咨询", "Your number was called and missed; please ask the greeter"),
    "cancelled": ("此号已取消", "This ticket was cancelled"),
    "expired": ("此号已过期（仅当天有效）", "This ticket has expired (valid on its day only)"),
    "ahead": ("前面还有 {n} 人", "{n} ahead of you"),
    "wait": ("预计约 {span} 分钟", "About {span} min"),
    "no_window": ("暂无窗口办理此业务，请留意叫号", "No window serves this now; please watch the screen"),
    "after_closing": ("今日可能无法办理，请咨询大堂经理", "May not be served today; please ask the greeter"),
    "updated": ("更新于 {time}", "Updated {time}"),
    "freshness": ("总行页面：数据约每 {every} 秒更新一次，当前数据为 {age} 秒前", 
                  "Head-office page: figures arrive about every {every} s; these are {age} s old"),
    "subscribe": ("快到我时短信提醒", "Text me when my turn nears"),
    "phone": ("手机号码", "Mobile number"),
    "consent": ("我同意银行为本次排队向此号码发送短信", "I agree the bank texts this number about this ticket"),
    "subscribed": ("已登记短信提醒", "You will get a text when your turn nears"),
    "not_found": ("找不到这张票，请核对链接或咨询大堂经理", "This ticket link is not valid; please ask the greeter"),
    "busy": ("请求过于频繁，请稍后再试", "Too many requests; please try again shortly"),
    "switch": ("English", "中文"),
    "offline": ("网络中断，正在重试……", "No connection, retrying…"),
}


def t(key: str, lang: str, **fields: Any) -> str:
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**fields)


def span(state: PageState) -> str | None:
    if state.wait_min is None:
        return None
    low = state.wait_low if state.wait_low is not None else state.wait_min
    high = state.wait_high if state.wait_high is not None else state.wait_min
    return str(low) if low == high else f"{low}-{high}"


def page_json(state: PageState, lang: str, poll_s: int) -> dict[str, Any]:
    """The state with its sentences in ``lang`` (the page's script only places them)."""
    headline = t(state.state, lang, window=state.window or "")
    ahead = wait = None
    if state.state == "waiting":
        if state.note == "no_window":
            wait = t("no_window", lang)
        elif state.note == "after_closing":
            wait = t("after_closing", lang)
        elif (sp := span(state)) is not None:
            wait = t("wait", lang, span=sp)
        if state.people_ahead is not None and state.note != "no_window":
            ahead = t("ahead", lang, n=state.people_ahead)
    fresh = None
    if state.hosted == "head_office" and state.every_s:
        fresh = t("freshness", lang, every=state.every_s, age=state.age_s)
    return {
        "number": state.number, "service": state.service_en if lang == "en" else state.service_zh,
        "branch": state.branch_en if lang == "en" else state.branch_zh, "state": state.state,
        "window": state.window, "people_ahead": state.people_ahead, "wait_min": state.wait_min,
        "wait_range_min": [state.wait_low, state.wait_high] if state.wait_low is not None else None,
        "headline": headline, "ahead_text": ahead, "wait_text": wait,
        "updated_text": t("updated", lang, time=f"{state.as_of:%H:%M:%S}"), "freshness_text": fresh,
        "age_s": state.age_s, "live": state.live, "poll_s": poll_s, "hosted": state.hosted,
        "can_subscribe": state.can_subscribe and state.state == "waiting" and not state.subscribed,
        "subscribed": state.subscribed,
    }
