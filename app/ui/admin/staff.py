"""Staff accounts: add, change roles, reset password, deactivate."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from app.errors import InvalidInput
from app.staff.accounts import add_staff, list_staff, reset_password, staff_problems, update_staff
from app.staff.roles import ROLES
from app.ui.admin.base import AdminTab, _t, button, check, edit, fill, master_detail, row, selected_row
from app.ui.setup.forms import FieldForm


def _refuse(found: dict[str, str], field: str) -> None:
    if field in found:
        raise InvalidInput(found[field], field=field)


def role_names() -> dict[str, str]:
    return {"greeter": _t("Greeter"), "teller": _t("Teller"), "complaints": _t("Complaints"),
            "manager": _t("Manager"), "admin": _t("Administrator")}


class StaffTab(AdminTab):
    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        self.table, side = master_detail(self, [_t("Username"), _t("Full name"), _t("Roles"), _t("State")])
        self.form = FieldForm()
        self.username = self.form.add("username", _t("Username"), edit("username"),
                                      lambda v: _refuse(staff_problems(username=v.strip()), "username"))
        self.full_name = self.form.add("full_name", _t("Full name"), edit("full_name"),
                                       lambda v: _refuse(staff_problems(full_name=v), "full_name"))
        boxes = QWidget()
        grid = QGridLayout(boxes)
        grid.setContentsMargins(0, 0, 0, 0)
        names = role_names()
        self.roles = {r: check(f"role_{r}", names[r], False) for r in ROLES}
        for i, box in enumerate(self.roles.values()):
            grid.addWidget(box, i // 3, i % 3)
        self.form.add("roles", _t("Roles"), boxes)
        self.password = self.form.add("password", _t("Password"), edit("password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        side.addWidget(self.form)
        self.add = button("add_staff", _t("Add account"), primary=True)
        self.save = button("save_staff", _t("Save name and roles"))
        self.reset = button("reset_password", _t("Reset password"))
        self.toggle = button("deactivate", _t("Deactivate"))
        side.addLayout(row(self.add, self.save))
        side.addLayout(row(self.reset, self.toggle))
        side.addStretch(1)
        self.accounts: list = []
        self.table.itemSelectionChanged.connect(self.on_selected)
        self.add.clicked.connect(self.on_add)
        self.save.clicked.connect(self.on_save)
        self.reset.clicked.connect(self.on_reset)
        self.toggle.clicked.connect(self.on_toggle)
        self.reload()

    def reload(self, *_: object) -> None:
        self.accounts = list_staff(self.ctx.db)
        names = role_names()
        fill(self.table, [[a.username, a.full_name, "、".join(names[r] for r in a.roles),
                           _t("active") if a.active else _t("deactivated")] for a in self.accounts])

    def selected(self):  # type: ignore[no-untyped-def]
        r = selected_row(self.table)
        return None if r is None else self.accounts[r]

    def chosen_roles(self) -> list[str]:
        return [r for r, box in self.roles.items() if box.isChecked()]

    def on_selected(self) -> None:
        a = self.selected()
        if a is None:
            return
        self.username.setText(a.username)
        self.full_name.setText(a.full_name)
        for r, box in self.roles.items():
            box.setChecked(r in a.roles)
        self.password.clear()
        self.toggle.setText(_t("Deactivate") if a.active else _t("Activate"))
        self.form.show_errors({})

    def on_add(self) -> None:
        """Every refused field shown at once (username, name, roles, password) before anything is stored."""
        found = staff_problems(username=self.username.text().strip(), full_name=self.full_name.text(),
                               password=self.password.text())
        if not self.chosen_roles():
            found["roles"] = "A staff account needs at least one role."
        if not self.form.check_all(found):
            self.bar.show_message(_t("Not saved: please correct the marked field."), "error")
            return
        roles = self.chosen_roles()
        args = dict(username=self.username.text().strip(), password=self.password.text(), roles=roles,
                    full_name=self.full_name.text())

        def work():  # type: ignore[no-untyped-def]
            try:
                return add_staff(self.ctx.db, **args, actor=self.actor, now=self.ctx.now())
            except InvalidInput as exc:  # add_staff's sentences carry no field: name it here
                field = "password" if "password" in exc.message else "username"
                raise InvalidInput(exc.message, field=field) from None

        self.act(work, self.form, _t("Account added."), self.reload)

    def on_save(self) -> None:
        found = staff_problems(full_name=self.full_name.text())
        if not self.chosen_roles():
            found["roles"] = "A staff account needs at least one role."
        if not self.form.show_errors(found):
            self.bar.show_message(_t("Not saved: please correct the marked field."), "error")
            return
        roles = self.chosen_roles()
        name, full = self.username.text().strip(), self.full_name.text()
        self.act(lambda: update_staff(self.ctx.db, name, roles=roles, full_name=full, actor=self.actor,
                                      now=self.ctx.now()), self.form, _t("Account saved."), self.reload)

    def on_reset(self) -> None:
        name, pw = self.username.text().strip(), self.password.text()
        self.act(lambda: reset_password(self.ctx.db, name, pw, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Password reset."), lambda _: self.password.clear())

    def on_toggle(self) -> None:
        a = self.selected()
        if a is None:
            return
        self.act(lambda: update_staff(self.ctx.db, a.username, active=not a.active, actor=self.actor,
                                      now=self.ctx.now()), self.form,
                 _t("Account deactivated.") if a.active else _t("Account activated."), self._toggled)

    def _toggled(self, view) -> None:  # type: ignore[no-untyped-def]
        self.reload()
        self.toggle.setText(_t("Deactivate") if view.active else _t("Activate"))
