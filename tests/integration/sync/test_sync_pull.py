"""Pull: head-office settings reach the branch once, recorded in its event log."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.complaints import calendar_overrides
from app.queue import get_settings, list_services
from app.store.models import Event
from app.sync.hq import put_setting
from app.sync.worker import SyncWorker
from tests.integration.sync.support import assert_in_step

pytestmark = pytest.mark.postgres

CATALOGUE = [{"code": "A", "name_zh": "个人业务", "name_en": "Personal", "target_wait_min": 12},
             {"code": "H", "name_zh": "养老金", "name_en": "Pensions", "target_wait_min": 25, "position": 9}]
HOLIDAYS = [{"day": "2026-12-31", "kind": "holiday", "note": "年终决算"}]


def _pulled_events(db) -> list[dict]:
    with db.read() as s:
        return [e.payload for e in s.scalars(select(Event).where(Event.type == "SettingsChanged"))
                if e.payload.get("source") == "head_office"]


def test_shared_settings_are_applied_once_and_logged(hq, branches):
    a = branches("BR001")
    put_setting(hq.admin_url, "lobby.notice", "12月31日下午停业")
    put_setting(hq.admin_url, "catalogue.services", CATALOGUE)
    put_setting(hq.admin_url, "calendar.holidays", HOLIDAYS)
    report = SyncWorker(a.db, a.cfg).run_once()
    assert report.ok and report.pulled == ("calendar.holidays", "catalogue.services", "lobby.notice")
    assert get_settings(a.db)["lobby.notice"] == "12月31日下午停业"
    services = {s.code: s for s in list_services(a.db)}
    assert services["A"].target_wait_min == 12 and services["H"].name_en == "Pensions"
    assert [(d, k) for d, k, _note in calendar_overrides(a.db)] == [(dt.date(2026, 12, 31), "holiday")]
    again = SyncWorker(a.db, a.cfg).run_once()
    assert again.pulled == () and len(_pulled_events(a.db)) == 1
    assert hq.one("SELECT count(*) FROM hq_events WHERE type = 'SettingsChanged' "
                  "AND payload->>'source' = 'head_office'") == 1  # pushed too
    assert_in_step(hq, a)


def test_a_newer_version_and_a_branch_override_win(hq, branches):
    a, b = branches("BR001"), branches("BR002")
    put_setting(hq.admin_url, "lobby.notice", "old text")
    SyncWorker(a.db, a.cfg).run_once()
    put_setting(hq.admin_url, "lobby.notice", "new text")
    put_setting(hq.admin_url, "lobby.notice", "only at BR002", branch="BR002")
    put_setting(hq.admin_url, "calendar.holidays", [])  # head office withdrew its holidays
    assert SyncWorker(a.db, a.cfg).run_once().pulled == ("calendar.holidays", "lobby.notice")
    SyncWorker(b.db, b.cfg).run_once()
    assert get_settings(a.db)["lobby.notice"] == "new text"
    assert get_settings(b.db)["lobby.notice"] == "only at BR002"
    assert calendar_overrides(a.db) == []
