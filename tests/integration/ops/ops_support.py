"""Shared by the operations tests (integration and UI): each test gets its own
settings file and log folder, never the PC's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_machine(tmp_path, monkeypatch):
    """This test's own settings file and log folder; no $BRANCHDESK_DB."""
    monkeypatch.setenv("BRANCHDESK_CONFIG", str(tmp_path / "config" / "settings.toml"))
    monkeypatch.setenv("BRANCHDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.delenv("BRANCHDESK_DB", raising=False)
    return tmp_path
