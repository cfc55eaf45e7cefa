"""The wizard writes the settings file and a database under tmp_path only."""

from __future__ import annotations

from tests.integration.ops.ops_support import isolated_machine  # noqa: F401 (autouse fixture)
