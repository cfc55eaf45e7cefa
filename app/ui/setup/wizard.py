"""The first-run setup wizard: branch, administrator, database, printer,
screens, head office. Each page checks its fields on Next; Finish writes the
settings file and the branch settings in one go (app.ops.setup.apply_setup),
off the GUI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QWizard

from app.ops.setup import SetupRequest, SetupResult
from app.ui.setup.forms import install_ops_translations, off_gui_thread
from app.ui.setup.hq_password import keep_password, split_hq_url
from app.ui.setup.pages import AdminPage, BranchPage, DatabasePage, DisplayPage, PrinterPage, SyncPage


def _t(text: str) -> str:
    return QCoreApplication.translate("Setup", text)


class SetupWizard(QWizard):
    """``finished_setup(result)`` is emitted once everything is written."""

    finished_setup = Signal(object)

    def __init__(self, *, config_path: Path | None = None, now=None, parent=None) -> None:  # type: ignore[no-untyped-def]
        install_ops_translations()
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowTitle(_t("BranchDesk setup"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(720, 560)
        # Qt's own button texts would need Qt's translation files: set ours
        for which, text in ((QWizard.WizardButton.BackButton, _t("< Back")),
                            (QWizard.WizardButton.NextButton, _t("Next >")),
                            (QWizard.WizardButton.FinishButton, _t("Finish")),
                            (QWizard.WizardButton.CancelButton, _t("Cancel"))):
            self.setButtonText(which, text)
        self.config_path = config_path
        self._now = now or (lambda: dt.datetime.now().replace(microsecond=0))
        self.branch, self.admin, self.database = BranchPage(), AdminPage(), DatabasePage()
        self.printer, self.display, self.sync = PrinterPage(), DisplayPage(), SyncPage()
        self.pages = [self.branch, self.admin, self.database, self.printer, self.display, self.sync]
        for page in self.pages:
            self.addPage(page)
        self.result_: SetupResult | None = None
        self.password_kept_in: str | None = None  # where the head-office password went
        self.error = QLabel()
        self.error.setObjectName("setup_error")
        self.error.setStyleSheet("color:#b3261e;")
        self.error.setWordWrap(True)
        self.sync.lay.addWidget(self.error)
        self._busy = False

    def request(self) -> SetupRequest:
        """Everything entered so far, as the core's request."""
        return SetupRequest(
            branch_code=self.branch.code.text().strip(),
            branch_name_zh=self.branch.name_zh.text().strip(),
            branch_name_en=self.branch.name_en.text().strip(),
            language=self.branch.language.currentData(),
            admin_username=self.admin.username.text().strip(),
            admin_password=self.admin.password.text(),
            admin_full_name=self.admin.full_name.text().strip(),
            database_url=self.database.url_value(),
            printer=self.printer.settings(),
            lobby_monitor=int(self.display.monitor.currentData() or 0),
            screen_role=self.display.role.currentData(),
            sync_enabled=self.sync.enabled.isChecked(),
            sync_hq_url=split_hq_url(self.sync.url.text())[0] if self.sync.enabled.isChecked() else "",
            sync_interval_min=self.sync.interval.value(),
        )

    def accept(self) -> None:
        """Finish: write everything off the GUI thread, then close."""
        if self._busy or not self.currentPage().validatePage():
            return
        from app.errors import InvalidInput
        from app.ops.setup import SetupInvalid, apply_setup

        req = self.request()
        password = (self.sync.password.text() or split_hq_url(self.sync.url.text())[1] or "") \
            if req.sync_enabled else ""
        self._busy = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.error.setText(_t("Saving…"))

        def done(result: object, error: BaseException | None) -> None:
            self._busy = False
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
            if isinstance(error, SetupInvalid):
                self._back_to_first_error(error.errors)
                return
            if isinstance(error, InvalidInput) and self.sync.form.refuse(error):
                self.error.setText(_t("The setup was saved, but the head-office password was not; "
                                      "correct it and press Finish again."))
                return
            if error is not None:
                from app.ui.messages import describe

                self.error.setText(describe(error))
                return
            self.result_, self.password_kept_in = result  # type: ignore[misc]
            self.error.setText("")
            self.finished_setup.emit(self.result_)
            super(SetupWizard, self).accept()

        def work() -> tuple[SetupResult, str | None]:
            result = apply_setup(req, now=self._now(), config_path=self.config_path)
            if not password:
                return result, None
            try:
                where = keep_password({"branch.code": result.branch_code}, req.sync_hq_url, password)
            except InvalidInput as exc:  # the setup is written; only the password is missing
                raise InvalidInput(exc.message, field="sync_password") from None
            return result, where

        off_gui_thread(work, done)

    def _back_to_first_error(self, errors: dict[str, str]) -> None:
        for page in self.pages:
            mine = {k: v for k, v in errors.items() if k in page.fields}
            if mine:
                while self.currentPage() is not page and self.currentId() > 0:
                    self.back()
                page.form.show_errors(mine)
                return
        self.error.setText(next(iter(errors.values())))
