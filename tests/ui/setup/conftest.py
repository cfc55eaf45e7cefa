"""The wizard writes the settings file and a database under tmp_path only."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_machine(tmp_path, monkeypatch):
    monkeypatch.setenv("BRANCHDESK_CONFIG", str(tmp_path / "config" / "settings.toml"))
    monkeypatch.setenv("BRANCHDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.delenv("BRANCHDESK_DB", raising=False)
    return tmp_path
