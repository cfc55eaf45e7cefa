"""Branch-wide settings: the branch's names, language and ticket footers;
queue rules and the lobby notice; head-office sync. The devices are in
app/ui/admin/devices.py."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from app.bootstrap import sync_settings
from app.ops import settings_file
from app.ops.admin import update_settings
from app.ops.admin_more import save_machine_settings
from app.ops.admin_rules import check_setting
from app.ui.admin.base import (
    AdminTab, _t, button, check, choices, column, edit, hint_and_save, row, spin,
)
from app.ui.setup.forms import FieldForm
from app.ui.setup.hq_password import keep_password, split_hq_url


def _setting_check(key: str):  # type: ignore[no-untyped-def]
    """The check of one branch setting (app/settings.py), for a form field."""
    return lambda value: check_setting(key, value)


class BranchTab(AdminTab):
    """branch.name_zh, branch.name_en, ui.language, ticket.footer_zh, ticket.footer_en."""

    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self)
        s = ctx.settings
        self.form = FieldForm()
        self.name_zh = self.form.add("branch.name_zh", _t("Branch name (Chinese)"),
                                     edit("branch_name_zh", str(s.get("branch.name_zh") or "")),
                                     _setting_check("branch.name_zh"))
        self.name_en = self.form.add("branch.name_en", _t("Branch name (English)"),
                                     edit("branch_name_en", str(s.get("branch.name_en") or "")),
                                     _setting_check("branch.name_en"))
        self.language = self.form.add("ui.language", _t("Language of the screens"), choices(
            "language", [("中文（简体）", "zh_CN"), ("English", "en")], str(s.get("ui.language") or "zh_CN")))
        self.footer_zh = self.form.add("ticket.footer_zh", _t("Ticket footer (Chinese)"),
                                       edit("footer_zh", str(s.get("ticket.footer_zh") or "")),
                                       _setting_check("ticket.footer_zh"))
        self.footer_en = self.form.add("ticket.footer_en", _t("Ticket footer (English)"),
                                       edit("footer_en", str(s.get("ticket.footer_en") or "")),
                                       _setting_check("ticket.footer_en"))
        lay.addWidget(self.form)
        self.save = hint_and_save(lay, _t("The names and footers are printed on every ticket, so they may hold "
                                          "only characters the ticket printer can print. The language is the "
                                          "screens' language where a PC does not choose its own; it applies "
                                          "from the next start."), "save_branch")
        self.save.clicked.connect(self.on_save)

    def on_save(self) -> None:
        if not self.form.check_all():
            self.bar.show_message(_t("Not saved: please correct the marked field."), "error")
            return
        values = {"branch.name_zh": self.name_zh.text(), "branch.name_en": self.name_en.text(),
                  "ui.language": self.language.currentData(), "ticket.footer_zh": self.footer_zh.text(),
                  "ticket.footer_en": self.footer_en.text()}
        self.act(lambda: update_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Branch settings saved."), self.ctx.settings.update)


class QueueTab(AdminTab):
    """queue.priority_ratio, queue.promote_after_min, lobby.notice, lobby.notice_en."""

    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self)
        self.form = FieldForm()
        s = ctx.settings
        self.ratio = self.form.add("queue.priority_ratio", _t("Priority tickets in a row"),
                                   spin("priority_ratio", 0, 10, int(s.get("queue.priority_ratio", 2))))
        self.promote = self.form.add("queue.promote_after_min", _t("Move up after waiting"),
                                     spin("promote_after", 0, 240, int(s.get("queue.promote_after_min", 45)),
                                          _t(" min")))
        self.notice = self.form.add("lobby.notice", _t("Lobby notice"), edit("notice", str(s.get("lobby.notice", ""))),
                                    _setting_check("lobby.notice"))
        self.notice_en = self.form.add("lobby.notice_en", _t("Lobby notice (English)"),
                                       edit("notice_en", str(s.get("lobby.notice_en", "") or "")),
                                       _setting_check("lobby.notice_en"))
        lay.addWidget(self.form)
        self.save = hint_and_save(lay, _t("Priority tickets in a row: how many priority customers are called "
                                          "before one waiting normal customer. Move up after waiting: a ticket "
                                          "waiting this long is called next (0 = never). The lobby shows the "
                                          "notice in both languages, running across the screen when it is long."),
                                  "save_queue")
        self.save.clicked.connect(self.on_save)

    def on_save(self) -> None:
        if not self.form.check_all():
            self.bar.show_message(_t("Not saved: please correct the marked field."), "error")
            return
        values = {"queue.priority_ratio": self.ratio.value(), "queue.promote_after_min": self.promote.value(),
                  "lobby.notice": self.notice.text(), "lobby.notice_en": self.notice_en.text()}
        self.act(lambda: update_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now()),
                 self.form, _t("Queue rules and notice saved."), self.ctx.settings.update)


def printer_name(settings: dict) -> str:  # type: ignore[type-arg]
    """The printer connection in words; "none" and "simulated" say that no paper comes out."""
    conn = str(settings.get("printer.connection") or "none")
    names = {"none": _t("not set up: numbers are shown on screen only"),
             "simulated": _t("simulated: pictures only, customers get no paper"),
             "network": _t("network printer"), "usb": _t("USB printer"), "serial": _t("serial printer"),
             "win32": _t("Windows printer"), "cups": _t("CUPS printer"), "file": _t("printer device file")}
    return names.get(conn, conn)


class SyncTab(AdminTab):
    """Head-office sync settings of this PC (settings file)."""

    def __init__(self, ctx, actor, bar) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, actor, bar)
        lay = column(self)
        values = _machine()
        self.enabled = check("sync_enabled", _t("Send records to head office"), bool(values["sync.enabled"]))
        lay.addWidget(self.enabled)
        self.form = FieldForm()
        shown_url, _ = split_hq_url(str(values["sync.hq_url"]))  # never show a password written there by hand
        self.url = self.form.add("sync.hq_url", _t("Head-office address"), edit("hq_url", shown_url))
        self.password = self.form.add("sync.password", _t("Head-office password"), edit("hq_password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_t("Leave empty to keep the stored password"))
        self.interval = self.form.add("sync.interval_min", _t("Send every"),
                                      spin("interval", 1, 1440, int(values["sync.interval_min"]), _t(" min")))
        lay.addWidget(self.form)
        self.test = button("test_hq", _t("Test connection"))
        self.save = button("save_sync", _t("Save"), primary=True)
        lay.addLayout(row(self.test, self.save))
        lay.addStretch(1)
        self.test.clicked.connect(self.on_test)
        self.save.clicked.connect(self.on_save)

    def values(self) -> dict:  # type: ignore[type-arg]
        """The settings-file values: the address without any password."""
        return {"sync.enabled": self.enabled.isChecked(), "sync.hq_url": split_hq_url(self.url.text())[0],
                "sync.interval_min": self.interval.value()}

    def on_test(self) -> None:
        from app.ops.doctor import check_head_office

        values = {**self.values(), "sync.enabled": True}

        def work() -> str:
            from app.errors import InvalidInput

            result = check_head_office(values)
            if result.status != "OK":
                raise InvalidInput(result.message, field="sync.hq_url")
            return result.message

        self.act(work, self.form, _t("Head office answers."))

    def on_save(self) -> None:
        """Save the address (without password) to this PC's settings file, and
        the password, if one was given, to the keyring or a 0600 file."""
        values = self.values()
        password = self.password.text() or split_hq_url(self.url.text())[1] or ""
        app_ctx = self.ctx.app

        def work() -> str | None:
            save_machine_settings(self.ctx.db, values, actor=self.actor, now=self.ctx.now())
            if not password:
                return None
            return keep_password(sync_settings(app_ctx), values["sync.hq_url"], password)

        self.act(work, self.form, _t("Sync settings saved; they are used from the next start."), self._saved)

    def _saved(self, where: str | None) -> None:
        self.url.setText(self.values()["sync.hq_url"])
        self.password.clear()
        if where:
            self.bar.show_message(_t("Sync settings saved; the head-office password is kept in {where}, "
                                     "not in the address.").format(where=_where(where)), "ok")


def _where(where: str) -> str:
    return _t("the system keyring") if where == "the system keyring" else where


def _machine() -> dict:  # type: ignore[type-arg]
    try:
        return settings_file.load()
    except settings_file.SettingsFileError:
        return settings_file.defaults()
