"""Head office: per-branch, per-day summaries (kept by the hq0016 triggers as
pushes arrive), the consolidated report of every branch or one region, and
the live per-branch tiles. Reads PostgreSQL as a role that can read every
branch and write nothing (``hq add-reader``). No Qt here; app/sync keeps the
push and pull."""
