"""Building the phone page for ``branchdesk web`` (one process, or uvicorn's
workers, each building its own from the same environment)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from app.errors import InvalidInput

ENV_DB, ENV_HQ, ENV_AT = "BRANCHDESK_WEB_DB", "BRANCHDESK_WEB_HQ", "BRANCHDESK_WEB_AT"


def environment_for(db_url: str | None, *, head_office: bool, at: dt.datetime | None) -> dict[str, str]:
    """What every worker needs to build the same page."""
    if head_office:
        url = db_url or os.environ.get("BRANCHDESK_HQ_DB")
        if not url or not url.startswith(("postgresql", "postgres")):
            raise InvalidInput("Give head office's database as --db postgresql://ROLE@HOST/DB "
                               "(or $BRANCHDESK_HQ_DB).", field="db")
        return {ENV_HQ: url, ENV_AT: ""}
    from app.store.engine import resolve_url

    return {ENV_DB: resolve_url(db_url), ENV_AT: at.isoformat() if at else ""}


def app_from_environment(env: dict[str, str] | None = None) -> Any:
    from app.web.server import create_app
    from app.web.sources import BranchSource, HqSource

    env = dict(os.environ if env is None else env)
    if env.get(ENV_HQ):
        return create_app(HqSource(env[ENV_HQ]), poll_s=10, rate_per_min=120, trust_forwarded=True)
    from app.settings import value_of
    from app.store import open_database

    db = open_database(env[ENV_DB])
    fixed = dt.datetime.fromisoformat(env[ENV_AT]) if env.get(ENV_AT) else None
    source = BranchSource(db, clock=lambda: fixed)
    values = source.settings()
    return create_app(source, poll_s=value_of(values, "web.poll_s"), rate_per_min=value_of(values, "web.rate_per_min"),
                      trust_forwarded=value_of(values, "web.trust_forwarded"))
