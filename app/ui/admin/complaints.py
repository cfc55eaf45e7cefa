"""Complaint categories with their deadlines, the acknowledgement deadline,
and the branch calendar (holidays and make-up working days)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QVBoxLayout

from app.ops.admin import update_settings
from app.ops.admin_more import save_category
from app.ui.admin.base import AdminTab, _t, button, check, edit, fill, row, selected_row, spin, table
from app.ui.setup.forms import FieldForm


class ComplaintsTab(AdminTab):
    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        from app.complaints.queries import calendar_overrides, list_categories

        self._list_categories, self._overrides = list_categories, calendar_overrides
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(QLabel(_t("Categories")))
        self.table = table([_t("Code"), _t("Name (Chinese)"), _t("Name (English)"), _t("Deadline (working days)"),
                            _t("Active")])
        left.addWidget(self.table, 2)
        left.addWidget(QLabel(_t("Branch calendar")))
        self.calendar = table([_t("Date"), _t("Kind"), _t("Note")])
        left.addWidget(self.calendar, 1)
        lay.addLayout(left, 3)
        side = QVBoxLayout()
        self.form = FieldForm()
        self.code = self.form.add("category_code", _t("Code"), edit("category_code"))
        self.name_zh = self.form.add("name_zh", _t("Name (Chinese)"), edit("category_zh"))
        self.name_en = self.form.add("name_en", _t("Name (English)"), edit("category_en"))
        self.days = self.form.add("resolve_days", _t("Deadline (working days, 0 = default)"),
                                  spin("resolve_days", 0, 60, 0))
        self.active = self.form.add("active_flag", "", check("category_active", _t("Active")))
        self.ack = self.form.add("complaints.ack_hours", _t("Acknowledge within"),
                                 spin("ack_hours", 1, 240, int(ctx.settings.get("complaints.ack_hours", 24) or 24),
                                      _t(" h")))
        side.addWidget(self.form)
        self.save = button("save_category", _t("Save category"), primary=True)
        self.save_ack = button("save_ack", _t("Save deadline"))
        side.addLayout(row(self.save, self.save_ack))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("override_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.setObjectName("override_kind")
        for text, data in ((_t("Branch holiday"), "holiday"), (_t("Make-up working day"), "workday"),
                           (_t("Normal day (remove)"), None)):
            self.kind.addItem(text, data)
        self.note = edit("override_note")
        self.note.setPlaceholderText(_t("Note"))
        self.set_day = button("set_override", _t("Set day"))
        for w in (self.day, self.kind, self.note, self.set_day):
            side.addWidget(w)
        side.addStretch(1)
        lay.addLayout(side, 2)
        self.categories: list = []
        self.table.itemSelectionChanged.connect(self.on_selected)
        self.save.clicked.connect(self.on_save)
        self.save_ack.clicked.connect(self.on_save_ack)
        self.set_day.clicked.connect(self.on_set_day)
        self.reload()

    def reload(self, *_: object) -> None:
        self.categories = self._list_categories(self.ctx.db, include_inactive=True)
        fill(self.table, [[c.code, c.name_zh, c.name_en, c.resolve_days or _t("default"),
                           _t("yes") if c.active else _t("no")] for c in self.categories])
        kinds = {"holiday": _t("Branch holiday"), "workday": _t("Make-up working day")}
        fill(self.calendar, [[d.isoformat(), kinds.get(k, k), n] for d, k, n in self._overrides(self.ctx.db)])

    def on_selected(self) -> None:
        r = selected_row(self.table)
        if r is None:
            return
        c = self.categories[r]
        self.code.setText(c.code)
        self.name_zh.setText(c.name_zh)
        self.name_en.setText(c.name_en)
        self.days.setValue(c.resolve_days or 0)
        self.active.setChecked(c.active)

    def on_save(self) -> None:
        pos = next((i for i, c in enumerate(self.categories) if c.code == self.code.text().strip()),
                   len(self.categories))
        args = dict(code=self.code.text(), name_zh=self.name_zh.text(), name_en=self.name_en.text(),
                    resolve_days=self.days.value() or None, active=self.active.isChecked(), position=pos)
        self.act(lambda: save_category(self.ctx.db, **args, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Category saved."), self.reload)

    def on_save_ack(self) -> None:
        values = {"complaints.ack_hours": self.ack.value()}
        self.act(lambda: update_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Deadline saved."))

    def on_set_day(self) -> None:
        from app.complaints.queries import set_calendar_override

        q = self.day.date()
        day = dt.date(q.year(), q.month(), q.day())
        kind, note = self.kind.currentData(), self.note.text()
        self.act(lambda: set_calendar_override(self.ctx.db, day, kind=kind, note=note, actor=self.actor,
                                               now=self.ctx.now()), None, _t("Calendar saved."), self.reload)
