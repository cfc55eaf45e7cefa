"""Translated names of ticket states, priorities and other shared words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.queue.views import ServiceView, TicketView
from app.ui.i18n import current_language


def _t(text: str) -> str:
    return QCoreApplication.translate("Texts", text)


def status_text(status: str) -> str:
    texts = {
        "waiting": _t("Waiting"), "transferred": _t("Transferred"), "called": _t("Called"),
        "serving": _t("Serving"), "done": _t("Done"), "no_show": _t("No-show"),
        "cancelled": _t("Cancelled"), "expired": _t("Expired"),
    }
    return texts.get(status, status)


def priority_text(priority: str, note: str | None = None) -> str:
    notes = {"elderly": _t("Elderly"), "disabled": _t("Disabled"), "pregnant": _t("Pregnant")}
    if priority == "needs":
        return notes.get(note or "", _t("Special needs"))
    return {"normal": "", "vip": _t("VIP"), "appointment": _t("Appointment")}.get(priority, priority)


def print_state_text(state: str) -> str:
    return {"printed": _t("Printed"), "failed": _t("Print failed"), "not_printed": _t("Not printed"),
            "voided": _t("Voided")}.get(state, state)


def window_state_text(state: str) -> str:
    return {"open": _t("Open"), "paused": _t("Paused"), "closed": _t("Closed")}.get(state, state)


def service_name(item: ServiceView | TicketView) -> str:
    zh = current_language() == "zh_CN"
    if isinstance(item, TicketView):
        return item.service_name_zh if zh else item.service_name_en
    return item.name_zh if zh else item.name_en
