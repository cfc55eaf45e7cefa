"""The business day's settings: closing time, the last-ticket time, when the
day closes itself, the branch's time zone, and what happens to a window its
teller leaves (app/settings.py holds each key's check and default)."""

from __future__ import annotations

from app.ops.admin import update_settings
from app.settings import SPECS
from app.ops.admin_rules import check_setting
from app.ui.admin.base import AdminTab, _t, choices, column, edit, hint_and_save, spin
from app.ui.setup.forms import FieldForm


def _value(settings: dict, key: str):  # type: ignore[no-untyped-def]
    value = settings.get(key)
    return SPECS[key].default if value is None else value


class DayTab(AdminTab):
    """branch.closing_time, day.last_ticket_time, day.auto_close_delay_min,
    branch.timezone, window.leave_state, window.leave_rule, window.unattended_after_min."""

    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self)
        s = ctx.settings
        self.form = FieldForm()
        self.closing = self.form.add("branch.closing_time", _t("Closing time"),
                                     edit("closing_time", str(_value(s, "branch.closing_time"))),
                                     lambda v: check_setting("branch.closing_time", v))
        self.last_ticket = self.form.add("day.last_ticket_time", _t("Last ticket without asking"),
                                         edit("last_ticket_time", str(_value(s, "day.last_ticket_time"))),
                                         lambda v: check_setting("day.last_ticket_time", v))
        self.last_ticket.setPlaceholderText(_t("empty: until closing time"))
        self.delay = self.form.add("day.auto_close_delay_min", _t("Day closes itself after closing"),
                                   spin("auto_close_delay", 0, 480, int(_value(s, "day.auto_close_delay_min")),
                                        _t(" min")))
        self.timezone = self.form.add("branch.timezone", _t("Time zone"),
                                      edit("timezone", str(_value(s, "branch.timezone"))),
                                      lambda v: check_setting("branch.timezone", v))
        self.leave_state = self.form.add("window.leave_state", _t("A window its teller leaves is"), choices(
            "leave_state", [(_t("closed"), "closed"), (_t("paused"), "paused")],
            str(_value(s, "window.leave_state"))))
        self.leave_rule = self.form.add("window.leave_rule", _t("A customer called there"), choices(
            "leave_rule", [(_t("goes back to the head of the queue"), "requeue"),
                           (_t("counts as a no-show"), "no_show")], str(_value(s, "window.leave_rule"))))
        self.unattended = self.form.add("window.unattended_after_min", _t("Unattended after silence of"),
                                        spin("unattended_after", 1, 60,
                                             int(_value(s, "window.unattended_after_min")), _t(" min")))
        lay.addWidget(self.form)
        self.save = hint_and_save(lay, _t("After the last-ticket time the greeter confirms each ticket. At closing time plus the "
                         "delay the day closes itself: customers still waiting or called are ended as expired, "
                         "those being served as served, every window is closed and the final report is written. "
                         "A window whose teller's app has been silent this long is shown as unattended and left "
                         "out of wait estimates."), "save_day")
        self.save.clicked.connect(self.on_save)

    def on_save(self) -> None:
        if not self.form.check_all():
            self.bar.show_message(_t("Not saved: please correct the marked field."), "error")
            return
        values = {
            "branch.closing_time": self.closing.text().strip(),
            "day.last_ticket_time": self.last_ticket.text().strip(),
            "day.auto_close_delay_min": self.delay.value(),
            "branch.timezone": self.timezone.text().strip(),
            "window.leave_state": self.leave_state.currentData(),
            "window.leave_rule": self.leave_rule.currentData(),
            "window.unattended_after_min": self.unattended.value(),
        }
        self.act(lambda: update_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Business day settings saved."), self.ctx.settings.update)
