"""The complaints screen tests read English source strings: whatever language
an earlier screen test left installed, run these without a translator."""

from __future__ import annotations

import pytest

from app.ui.i18n import install_language


@pytest.fixture(autouse=True)
def english_source_strings(qapp):
    install_language("en")
    yield
    install_language("zh_CN")


@pytest.fixture(autouse=True)
def running_loop(aloop):
    """Steps and intake run in worker threads through the (session) qasync loop."""
    yield aloop
