"""Services (prefix, names, target wait, order, active) and windows (number,
name, the services each one serves, in order)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from app.ops.admin import list_windows_admin, save_service, save_window
from app.queue import list_services
from app.ops.admin_rules import check_name, check_prefix
from app.ui.admin.base import AdminTab, _t, button, check, edit, fill, master_detail, row, selected_row, spin
from app.ui.texts import service_name
from app.ui.setup.forms import FieldForm


class ServicesTab(AdminTab):
    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        self.table, side = master_detail(self, [_t("Prefix"), _t("Name (Chinese)"), _t("Name (English)"),
                                                _t("Target wait"), _t("Order"), _t("Active")])
        self.form = FieldForm()
        self.code = self.form.add("code", _t("Prefix"), edit("code"), check_prefix)
        self.name_zh = self.form.add("name_zh", _t("Name (Chinese)"), edit("name_zh"),
                                     lambda v: check_name(v, "name_zh"))
        self.name_en = self.form.add("name_en", _t("Name (English)"), edit("name_en"),
                                     lambda v: check_name(v, "name_en"))
        self.target = self.form.add("target_wait_min", _t("Target wait"), spin("target", 1, 240, 15, _t(" min")))
        self.position = self.form.add("position", _t("Order"), spin("position", 0, 999))
        self.active = self.form.add("active_flag", "", check("active", _t("Active (offered to customers)")))
        side.addWidget(self.form)
        self.new = button("new_service", _t("New service"))
        self.save = button("save_service", _t("Save service"), primary=True)
        side.addLayout(row(self.new, self.save))
        side.addStretch(1)
        self.services: list = []
        self.editing: int | None = None
        self.table.itemSelectionChanged.connect(self.on_selected)
        self.new.clicked.connect(self.on_new)
        self.save.clicked.connect(self.on_save)
        self.reload()

    def reload(self, *_: object) -> None:
        self.services = list_services(self.ctx.db)
        fill(self.table, [[s.code, s.name_zh, s.name_en, s.target_wait_min, s.position,
                           _t("yes") if s.active else _t("no")] for s in self.services])

    def on_selected(self) -> None:
        r = selected_row(self.table)
        if r is None:
            return
        s = self.services[r]
        self.editing = s.id
        self.code.setText(s.code)
        self.name_zh.setText(s.name_zh)
        self.name_en.setText(s.name_en)
        self.target.setValue(s.target_wait_min)
        self.position.setValue(s.position)
        self.active.setChecked(s.active)
        self.form.show_errors({})

    def on_new(self) -> None:
        self.table.clearSelection()
        self.editing = None
        for w in (self.code, self.name_zh, self.name_en):
            w.clear()
        self.target.setValue(15)
        self.position.setValue(len(self.services))
        self.active.setChecked(True)
        self.form.show_errors({})

    def on_save(self) -> None:
        if not self.form.check_all():
            self.bar.show_message(_t("Not saved: please correct the marked field."), "error")
            return
        args = dict(code=self.code.text(), name_zh=self.name_zh.text(), name_en=self.name_en.text(),
                    target_wait_min=self.target.value(), position=self.position.value(),
                    active=self.active.isChecked(), service_id=self.editing)
        self.act(lambda: save_service(self.ctx.db, **args, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Service saved."), self._saved)

    def _saved(self, view) -> None:  # type: ignore[no-untyped-def]
        self.editing = view.id
        self.reload()


class WindowsTab(AdminTab):
    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        self.table, side = master_detail(self, [_t("Window"), _t("Name"), _t("Services served, in order")],
                                         shares=(1, 1))  # the checklist's service names whole
        self.form = FieldForm()
        self.number = self.form.add("number", _t("Window number"), spin("number", 1, 999, 1))
        self.name = self.form.add("name", _t("Name"), edit("window_name"), lambda v: check_name(v, "name"))
        self.served = QListWidget()
        self.served.setObjectName("served")
        # ticked services are served; drag to change the order they are called in
        self.served.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.form.add("services", _t("Services (tick; drag to order)"), self.served)
        side.addWidget(self.form)
        self.new = button("new_window", _t("New window"))
        self.save = button("save_window", _t("Save window"), primary=True)
        side.addLayout(row(self.new, self.save))
        side.addStretch(1)
        self.windows: list = []
        self.editing: int | None = None
        self.table.itemSelectionChanged.connect(self.on_selected)
        self.new.clicked.connect(self.on_new)
        self.save.clicked.connect(self.on_save)
        self.reload()
        self.on_new()

    def reload(self, *_: object) -> None:
        self.windows = list_windows_admin(self.ctx.db)
        fill(self.table, [[w.number, w.name, " → ".join(w.service_codes)] for w in self.windows])

    def _set_services(self, ticked: tuple[str, ...] | list[str]) -> None:
        self.served.clear()
        services = {s.code: s for s in list_services(self.ctx.db)}
        order = [c for c in ticked if c in services] + [c for c in services if c not in ticked]
        for code in order:
            item = QListWidgetItem(f"{code}  {service_name(services[code])}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in ticked else Qt.CheckState.Unchecked)
            self.served.addItem(item)

    def refresh_services(self, *_: object) -> None:
        """A service added or renamed elsewhere: listed at once, what is ticked and its order kept."""
        self._set_services(self.ticked())

    def ticked(self) -> list[str]:
        items = [self.served.item(i) for i in range(self.served.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def tick(self, code: str, on: bool = True) -> None:
        for i in range(self.served.count()):
            item = self.served.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def on_selected(self) -> None:
        r = selected_row(self.table)
        if r is None:
            return
        w = self.windows[r]
        self.editing = w.id
        self.number.setValue(w.number)
        self.name.setText(w.name)
        self._set_services(w.service_codes)
        self.form.show_errors({})

    def on_new(self) -> None:
        self.table.clearSelection()
        self.editing = None
        self.number.setValue(max([w.number for w in self.windows], default=0) + 1)
        self.name.clear()
        self._set_services(())
        self.form.show_errors({})

    def on_save(self) -> None:
        if not self.form.check_all({} if self.ticked() else {"services": "A window must serve at least one service."}):
            self.bar.show_message(_t("Not saved: please correct the marked field."), "error")
            return
        args = dict(number=self.number.value(), name=self.name.text(), service_codes=self.ticked(),
                    window_id=self.editing)
        self.act(lambda: save_window(self.ctx.db, **args, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Window saved."), self._saved)

    def _saved(self, view) -> None:  # type: ignore[no-untyped-def]
        self.editing = view.id
        self.reload()
