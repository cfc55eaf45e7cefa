"""The installers package the frozen bundle the ops tests build (cached)."""

from __future__ import annotations

from tests.support.bundle import bundle  # noqa: F401 (fixture)
