"""First start: when this PC has no settings file and the database has no
administrator yet, the setup wizard runs before the application."""

from __future__ import annotations

import logging
import os

log = logging.getLogger("branchdesk.ui")


def needed(db_url: str | None) -> bool:
    """No settings file, and no administrator in the database (if it exists)."""
    from app.ops.settings_file import exists

    if exists() or os.environ.get("BRANCHDESK_NO_WIZARD"):
        return False
    try:
        from app.bootstrap import build
        from app.staff.accounts import list_staff

        app = build(db_url, upgrade=False)
        try:
            return not any("admin" in s.roles and s.active for s in list_staff(app.db))
        finally:
            app.close()
    except Exception:  # no database yet, or an empty one
        return True


def run_wizard(db_url: str | None = None) -> bool:
    """Show the wizard; True once setup is written, False if cancelled."""
    from app.ui.app import qt_app
    from app.ui.i18n import install_language

    qt_app()
    install_language("zh_CN")
    from app.ui.setup.wizard import SetupWizard

    wizard = SetupWizard()
    if db_url:
        wizard.database.postgres.setChecked(not db_url.startswith("sqlite"))
        wizard.database.url.setText(db_url)
    wizard.exec()  # modal: its own event loop delivers the background results
    if wizard.result_ is None:
        return False
    log.info("first-run setup done for %s", wizard.result_.branch_code)
    if wizard.password_kept_in:
        log.info("head-office password kept in %s", wizard.password_kept_in)
    return True
