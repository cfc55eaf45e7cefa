"""The same scripted day on PostgreSQL gives the same figures (durations are
computed by the database, with a different SQL expression per dialect)."""

from __future__ import annotations

import pytest

from app.reports import build_daily, build_range
from tests.integration.reports.scripted_day import DAY, REPORT_AT, scripted_database


@pytest.mark.postgres
def test_scripted_day_on_postgresql(pg_url):
    db = scripted_database(pg_url)
    try:
        sm = build_daily(db, DAY, now=REPORT_AT).summary
        # Hand-worked in test_report_daily.py: waits [2, 5, 12, 20], services 6/15/(4+9), transfer wait 10,
        # never called A004 (10) and B002 (450): 4 of the 6 who waited within target.
        assert (sm.issued, sm.served, sm.no_shows, sm.cancelled, sm.expired) == (6, 3, 1, 1, 1)
        assert (sm.wait.average_min, sm.wait.median_min, sm.wait.p90_min) == (9.8, 5.0, 20.0)
        assert (sm.within_target_pct, sm.service_avg_min, sm.transfer_wait.average_min) == (66.7, 11.3, 10.0)
        assert (sm.never_called, sm.never_called_total_min) == (2, 460.0)
        week = build_range(db, DAY.replace(day=17), DAY, now=REPORT_AT)
        assert [d.issued for d in week.days] == [0, 0, 0, 0, 0, 0, 6]
        assert week.summary.total_wait_avg_min == 12.3
        assert (week.summary.within_target_pct, week.summary.service_avg_min) == (66.7, 11.3)
    finally:
        db.dispose()
