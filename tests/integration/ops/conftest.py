"""Fixtures for the operations tests: a catalogued branch file (the core
tests' ``branch``), isolated settings file and log folder."""

from __future__ import annotations

import pytest

from tests.integration.core_support import branch  # noqa: F401 (fixture)
from tests.integration.ops.ops_support import isolated_machine  # noqa: F401 (autouse fixture)


@pytest.fixture
def branch_db(branch):  # noqa: F811
    return branch
