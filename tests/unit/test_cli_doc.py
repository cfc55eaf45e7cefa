"""docs/cli.md names every queue/admin command and every JSON field they print."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import app.cli.admin_cmds  # noqa: F401  (registers the core commands only: no GUI modules)
import app.cli.batch  # noqa: F401
import app.cli.queue_cmds  # noqa: F401
from app.cli.registry import COMMANDS
from app.queue.views import DayClosed, IssuedTicket, QueueStatus, ServiceQueue, ServiceView, TicketView, WindowView
from app.staff.accounts import StaffView

DOC = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
CORE_MODULES = {"app.cli.queue_cmds", "app.cli.admin_cmds", "app.cli.batch"}


@pytest.mark.parametrize("name", sorted(n for n, c in COMMANDS.items() if c.handler.__module__ in CORE_MODULES))
def test_every_core_command_has_a_section(name):
    assert f"### branchdesk {name}\n" in DOC, "run tools/gen_cli_doc.py"


@pytest.mark.parametrize("shape", [TicketView, IssuedTicket, WindowView, QueueStatus, ServiceQueue, ServiceView,
                                   DayClosed, StaffView])
def test_every_result_field_is_described(shape):
    missing = [f.name for f in dataclasses.fields(shape) if f"`{f.name}`" not in DOC]
    assert missing == []


@pytest.mark.parametrize("section", ["## Exit codes", "## Time", "## `branchdesk batch`", "## Common options"])
def test_contract_sections_present(section):
    assert section in DOC
