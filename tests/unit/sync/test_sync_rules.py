"""Sync rules without a database: back-off, what leaves the branch, settings, errors."""

from __future__ import annotations

import pytest

from app.sync.config import (SyncConfig, conninfo_kwargs, find_password, load_config, read_password_file,
                             strip_password, write_password_file)
from app.sync.errors import PasswordUnavailable, SyncNotConfigured, describe
from app.sync.pull import pending
from app.sync.push import upsert_sql
from app.sync.specs import outgoing_payload
from app.sync.worker import backoff_delay


def test_backoff_grows_exponentially_with_jitter_up_to_the_cap():
    lows = [backoff_delay(n, base=2, cap=300, rand=lambda: 0.0) for n in range(1, 12)]
    highs = [backoff_delay(n, base=2, cap=300, rand=lambda: 1.0) for n in range(1, 12)]
    assert highs[:5] == [2, 4, 8, 16, 32]
    assert lows[:3] == [1, 2, 4]  # jitter: between half and all of the step
    assert max(highs) == 300 and highs[-1] == 300
    assert backoff_delay(0) == 0 and backoff_delay(10_000, cap=60) <= 60


def test_only_the_allowed_coded_values_of_a_payload_leave():
    payload = {"number": "A001", "customer_name": "张三", "phone": "138", "note": "x", "window": 2,
               "items": [{"reason": "私事", "status": "done"}], "service": "A", "outcome": "客户张三办了卡"}
    assert outgoing_payload("TicketFinished", payload) == {"number": "A001", "window": 2, "service": "A",
                                                           "outcome": "other"}
    assert outgoing_payload("TicketFinished", {"outcome": "day_closed", "window": float("nan")}) == {
        "outcome": "day_closed"}
    assert outgoing_payload("WindowPaused", {"window": 3, "reason": "去银行办点私事"}) == {"window": 3, "reason": "other"}
    assert outgoing_payload("ComplaintPaused", {"reason": "customer", "note": "x"}) == {"reason": "customer"}
    assert outgoing_payload("SomethingNew", {"number": "A001"}) == {}


def test_upsert_keeps_the_newest_version_and_events_are_insert_only():
    versioned = upsert_sql("hq_tickets", ("uuid", "version", "status"), versioned=True)
    assert "jsonb_populate_recordset(NULL::hq_tickets, %s::jsonb)" in versioned
    assert "ON CONFLICT (uuid) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status" in versioned
    assert versioned.endswith("WHERE hq_tickets.version < EXCLUDED.version")
    assert upsert_sql("hq_events", ("uuid", "type"), versioned=False).endswith("ON CONFLICT (uuid) DO NOTHING")


def test_settings_pulled_only_when_head_office_version_differs():
    found = {"lobby.notice": ("*:4", "hi"), "calendar.holidays": ("BR001:7", [])}
    assert pending(found, {"lobby.notice": "*:4"}) == {"calendar.holidays": ("BR001:7", [])}
    assert pending(found, {"lobby.notice": "*:4", "calendar.holidays": "BR001:7"}) == {}


def test_url_password_is_moved_out_and_tls_and_timeouts_are_passed_to_libpq():
    url, pw = strip_password("postgresql+psycopg://br1:s3cret@hq.bank.cn:6432/hq")
    assert (url, pw) == ("postgresql://br1@hq.bank.cn:6432/hq", "s3cret")
    cfg = load_config({"sync.hq_url": url, "branch.code": "BR001", "sync.sslmode": "verify-full",
                       "sync.sslrootcert": "/etc/bank-ca.pem", "sync.timeout_s": "20"})
    kw = conninfo_kwargs(cfg, "pw")
    assert (cfg.branch_code, cfg.role, kw["sslmode"], kw["sslrootcert"]) == ("BR001", "br1", "verify-full",
                                                                              "/etc/bank-ca.pem")
    assert kw["connect_timeout"] == 20 and "statement_timeout=20000" in kw["options"]
    assert kw["keepalives"] == 1 and kw["password"] == "pw"


def test_sync_without_address_is_not_configured():
    with pytest.raises(SyncNotConfigured):
        load_config({"branch.code": "BR001"}).require_configured()


def test_password_file_must_be_private(tmp_path):
    path = tmp_path / "pw"
    write_password_file(path, "s3cret")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert find_password(SyncConfig(hq_url="postgresql://r@h/d", branch_code="B1", password_file=str(path))) == "s3cret"
    path.chmod(0o640)
    with pytest.raises(PasswordUnavailable, match="chmod 600"):
        read_password_file(path)


@pytest.mark.parametrize("error, words", [
    (OSError("connection to server at 127.0.0.1, port 1 failed: Connection refused"), "refused"),
    (TimeoutError("no answer within 5 seconds"), "timed out"),
    (Exception('password authentication failed for user "x"'), "password"),
    (Exception("new row violates row-level security policy for table"), "permission"),
])
def test_errors_become_one_sentence(error, words):
    text = describe(error)
    assert words in text and "\n" not in text and text.endswith(".")
