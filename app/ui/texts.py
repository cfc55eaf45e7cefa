"""Translated names of ticket states, priorities and other shared words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.queue.views import ServiceView, TicketView
from app.ui.i18n import current_language


def status_text(status: str) -> str:
    texts = {
        "waiting": QCoreApplication.translate("Texts", "Waiting"),
        "transferred": QCoreApplication.translate("Texts", "Transferred"),
        "called": QCoreApplication.translate("Texts", "Called"),
        "serving": QCoreApplication.translate("Texts", "Serving"),
        "done": QCoreApplication.translate("Texts", "Done"),
        "no_show": QCoreApplication.translate("Texts", "No-show"),
        "cancelled": QCoreApplication.translate("Texts", "Cancelled"),
        "expired": QCoreApplication.translate("Texts", "Expired"),
    }
    return texts.get(status, status)


def priority_text(priority: str, note: str | None = None) -> str:
    if priority == "needs":
        notes = {
            "elderly": QCoreApplication.translate("Texts", "Elderly"),
            "disabled": QCoreApplication.translate("Texts", "Disabled"),
            "pregnant": QCoreApplication.translate("Texts", "Pregnant"),
        }
        return notes.get(note or "", QCoreApplication.translate("Texts", "Special needs"))
    others = {"normal": "", "vip": QCoreApplication.translate("Texts", "VIP"), "appointment": QCoreApplication.translate("Texts", "Appointment")}
    return others.get(priority, priority)


def print_state_text(state: str) -> str:
    texts = {
        "printed": QCoreApplication.translate("Texts", "Printed"),
        "failed": QCoreApplication.translate("Texts", "Print failed"),
        "not_printed": QCoreApplication.translate("Texts", "Not printed"),
        "voided": QCoreApplication.translate("Texts", "Voided"),
        "screen_only": QCoreApplication.translate("Texts", "On screen only"),
        "simulated": QCoreApplication.translate("Texts", "Simulated (picture)"),
    }
    return texts.get(state, state)


def window_state_text(state: str) -> str:
    return {"open": QCoreApplication.translate("Texts", "Open"), "paused": QCoreApplication.translate("Texts", "Paused"), "closed": QCoreApplication.translate("Texts", "Closed")}.get(state, state)


def service_name(item: ServiceView | TicketView) -> str:
    zh = current_language() == "zh_CN"
    if isinstance(item, TicketView):
        return item.service_name_zh if zh else item.service_name_en
    return item.name_zh if zh else item.name_en
