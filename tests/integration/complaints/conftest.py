"""Fixtures of the complaint integration tests."""

from __future__ import annotations

import pytest

from app.staff.accounts import actor_for
from tests.integration.complaints.complaint_support import ROLES, make_branch


@pytest.fixture
def branch(sqlite_url, at):
    db = make_branch(sqlite_url, at(8, 0))
    yield db
    db.dispose()


@pytest.fixture
def staff(branch):
    """username -> Actor with that account's roles and staff id."""
    return {name: actor_for(branch, name) for name in ROLES}
