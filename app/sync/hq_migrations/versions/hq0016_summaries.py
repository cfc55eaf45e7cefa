"""Head-office summaries, regions and a read-only reporting role.

Revision ID: hq0016
Revises: hq0002

- ``hq_branches.region``: the consolidated report can be asked for one region.
- ``hq_tickets.target_wait_min``: the target of the service the ticket was
  issued for, sent by the branch, so head office judges "within target" as
  the branch's reports do.
- ``hq_day_summaries``: one row per branch and business day, kept up to date by
  statement triggers on hq_tickets and hq_complaints as pushes arrive: the
  counts, the waits (sum, count and a histogram of 1-minute buckets to 240
  minutes plus one overflow bucket, settled question 11), the never-called
  lower bounds, ratings, and the complaint figures of the cases received
  that day. ``hq_month_summaries`` adds the days up per month, so a year's
  report reads twelve rows per branch.
- ``<db>_reader``: a NOLOGIN role that reads every branch's rows and writes
  nothing; ``hq add-reader`` makes login roles in it (the report, the hq screen).
"""
from alembic import op

from app.sync.hq_roles import owner_role, reader_role

revision = "hq0016"
down_revision = "hq0002"
branch_labels = None
depends_on = None

HIST_BUCKETS = 242  # 0, (0,1], ..., (239,240] minutes, then > 240

TABLES = """
ALTER TABLE hq_branches ADD COLUMN region text NOT NULL DEFAULT '';
ALTER TABLE hq_tickets ADD COLUMN target_wait_min integer;
CREATE TABLE hq_day_summaries (
    branch_code          text NOT NULL REFERENCES hq_branches(code),
    business_date        date NOT NULL,
    issued               integer NOT NULL DEFAULT 0,
    served               integer NOT NULL DEFAULT 0,
    no_shows             integer NOT NULL DEFAULT 0,
    cancelled            integer NOT NULL DEFAULT 0,
    expired              integer NOT NULL DEFAULT 0,
    in_progress          integer NOT NULL DEFAULT 0,
    waited               integer NOT NULL DEFAULT 0,
    within_target        integer NOT NULL DEFAULT 0,
    wait_count           integer NOT NULL DEFAULT 0,
    wait_sum_s           double precision NOT NULL DEFAULT 0,
    wait_hist            integer[] NOT NULL DEFAULT '{}',
    never_called         integer NOT NULL DEFAULT 0,
    never_sum_s          double precision NOT NULL DEFAULT 0,
    rating_sum           integer NOT NULL DEFAULT 0,
    rating_count         integer NOT NULL DEFAULT 0,
    complaints_received  integer NOT NULL DEFAULT 0,
    complaints_closed    integer NOT NULL DEFAULT 0,
    complaints_answered  integer NOT NULL DEFAULT 0,
    complaints_in_time   integer NOT NULL DEFAULT 0,
    complaints_rated     integer NOT NULL DEFAULT 0,
    complaints_satisfied integer NOT NULL DEFAULT 0,
    suggestions_decided  integer NOT NULL DEFAULT 0,
    suggestions_adopted  integer NOT NULL DEFAULT 0,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (branch_code, business_date)
);
CREATE INDEX ix_hq_day_summaries_date ON hq_day_summaries (business_date);
CREATE TABLE hq_month_summaries (LIKE hq_day_summaries INCLUDING DEFAULTS);
ALTER TABLE hq_month_summaries RENAME COLUMN business_date TO month;
ALTER TABLE hq_month_summaries ADD PRIMARY KEY (branch_code, month);
ALTER TABLE hq_month_summaries ADD FOREIGN KEY (branch_code) REFERENCES hq_branches(code);
CREATE INDEX ix_hq_tickets_waiting ON hq_tickets (branch_code, business_date)
    WHERE status IN ('waiting', 'transferred', 'called', 'serving');
CREATE INDEX ix_hq_complaints_branch_day ON hq_complaints (branch_code, business_date);
CREATE INDEX ix_hq_complaints_unanswered ON hq_complaints (branch_code, received_at) WHERE resolved_at IS NULL;
"""

SUMS = ", ".join(f"{c} = EXCLUDED.{c}" for c in (
    "issued", "served", "no_shows", "cancelled", "expired", "in_progress", "waited", "within_target",
    "wait_count", "wait_sum_s", "wait_hist", "never_called", "never_sum_s", "rating_sum", "rating_count"))
COMPLAINT_SUMS = ", ".join(f"{c} = EXCLUDED.{c}" for c in (
    "complaints_received", "complaints_closed", "complaints_answered", "complaints_in_time", "complaints_rated",
    "complaints_satisfied", "suggestions_decided", "suggestions_adopted"))
ALL_COLUMNS = ("issued", "served", "no_shows", "cancelled", "expired", "in_progress", "waited", "within_target",
               "wait_count", "wait_sum_s", "never_called", "never_sum_s", "rating_sum", "rating_count",
               "complaints_received", "complaints_closed", "complaints_answered", "complaints_in_time",
               "complaints_rated", "complaints_satisfied", "suggestions_decided", "suggestions_adopted")

# The figures of app/reports/stats.py (Accumulator), in SQL: a wait is issue to first call; a never-called
# customer waited at least from issue to leaving, or to the latest moment the branch reported that day.
FUNCTIONS = f"""
CREATE FUNCTION hq_lock(b text, d date) RETURNS void LANGUAGE sql AS
$$ SELECT pg_advisory_xact_lock(hashtext('hq_summary'), hashtext(b || d::text)) $$;

CREATE FUNCTION hq_refresh_months(b text, days date[]) RETURNS void LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE m date;
BEGIN
  FOR m IN SELECT DISTINCT date_trunc('month', x)::date FROM unnest(days) x ORDER BY 1 LOOP
    PERFORM hq_lock(b || '/month', m);
    INSERT INTO hq_month_summaries AS s (branch_code, month, {", ".join(ALL_COLUMNS)}, wait_hist, updated_at)
    SELECT b, m, {", ".join(f"coalesce(sum({c}), 0)" for c in ALL_COLUMNS)},
           coalesce((SELECT array_agg(n ORDER BY i) FROM (
               SELECT i, sum(v)::integer n FROM hq_day_summaries d2, unnest(d2.wait_hist) WITH ORDINALITY u(v, i)
               WHERE d2.branch_code = b AND d2.business_date >= m AND d2.business_date < (m + interval '1 month')
               GROUP BY i) h), '{{}}'), now()
    FROM hq_day_summaries d
    WHERE d.branch_code = b AND d.business_date >= m AND d.business_date < (m + interval '1 month')
    ON CONFLICT (branch_code, month) DO UPDATE SET {SUMS}, {COMPLAINT_SUMS}, updated_at = now();
  END LOOP;
END $$;

CREATE FUNCTION hq_refresh_ticket_days(b text, days date[]) RETURNS void LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE d date;
BEGIN
  FOR d IN SELECT DISTINCT x FROM unnest(days) x ORDER BY 1 LOOP
    PERFORM hq_lock(b, d);  -- two pushes of one branch: the second recomputes after the first commits
  END LOOP;
  INSERT INTO hq_day_summaries AS s (branch_code, business_date, issued, served, no_shows, cancelled, expired,
      in_progress, waited, within_target, wait_count, wait_sum_s, wait_hist, never_called, never_sum_s,
      rating_sum, rating_count, updated_at)
  WITH t AS (
    SELECT t.business_date AS day, t.status, t.rating, t.target_wait_min AS target,
           extract(epoch FROM t.first_called_at - t.issued_at)::double precision AS wait_s,
           CASE WHEN t.first_called_at IS NULL THEN
             extract(epoch FROM coalesce(t.finished_at, last.at) - t.issued_at)::double precision END AS left_s
    FROM hq_tickets t
    JOIN (SELECT business_date, max(greatest(issued_at, first_called_at, called_at, started_at, finished_at,
                                              transferred_at)) AS at
          FROM hq_tickets WHERE branch_code = b AND business_date = ANY(days) GROUP BY business_date) last
      ON last.business_date = t.business_date
    WHERE t.branch_code = b AND t.business_date = ANY(days)
  ), hist AS (
    SELECT day, least({HIST_BUCKETS - 1}, greatest(0, ceil(wait_s / 60)))::integer AS bucket, count(*)::integer AS n
    FROM t WHERE wait_s IS NOT NULL GROUP BY 1, 2
  ), arrays AS (
    SELECT m.day, array_agg(coalesce(h.n, 0) ORDER BY g) AS hist
    FROM (SELECT day, max(bucket) AS top FROM hist GROUP BY day) m
    CROSS JOIN LATERAL generate_series(0, m.top) g
    LEFT JOIN hist h ON h.day = m.day AND h.bucket = g
    GROUP BY m.day
  )
  SELECT b, t.day, count(*),
         count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'no_show'),
         count(*) FILTER (WHERE status = 'cancelled'), count(*) FILTER (WHERE status = 'expired'),
         count(*) FILTER (WHERE status NOT IN ('done', 'no_show', 'cancelled', 'expired')),
         count(*) FILTER (WHERE wait_s IS NOT NULL OR left_s > 0),
         count(*) FILTER (WHERE target IS NOT NULL AND (wait_s <= target * 60
                                                         OR (wait_s IS NULL AND left_s > 0 AND left_s <= target * 60))),
         count(wait_s), coalesce(sum(wait_s), 0), coalesce(min(a.hist), '{{}}'),
         count(*) FILTER (WHERE wait_s IS NULL AND left_s > 0), coalesce(sum(left_s) FILTER (WHERE left_s > 0), 0),
         coalesce(sum(rating), 0), count(rating), now()
  FROM t LEFT JOIN arrays a ON a.day = t.day
  GROUP BY t.day
  ON CONFLICT (branch_code, business_date) DO UPDATE SET {SUMS}, updated_at = now();
  PERFORM hq_refresh_months(b, days);
END $$;

CREATE FUNCTION hq_refresh_complaint_days(b text, days date[]) RETURNS void LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE d date;
BEGIN
  FOR d IN SELECT DISTINCT x FROM unnest(days) x ORDER BY 1 LOOP
    PERFORM hq_lock(b, d);
  END LOOP;
  INSERT INTO hq_day_summaries AS s (branch_code, business_date, complaints_received, complaints_closed,
      complaints_answered, complaints_in_time, complaints_rated, complaints_satisfied, suggestions_decided,
      suggestions_adopted, updated_at)
  SELECT b, c.business_date, count(*), count(*) FILTER (WHERE status = 'closed'),
         count(*) FILTER (WHERE resolved_at IS NOT NULL AND resolve_due IS NOT NULL),
         count(*) FILTER (WHERE resolved_at IS NOT NULL AND resolve_due IS NOT NULL AND resolved_at <= resolve_due),
         count(*) FILTER (WHERE status = 'closed' AND satisfaction IS NOT NULL),
         count(*) FILTER (WHERE status = 'closed' AND satisfaction >= 4),
         count(*) FILTER (WHERE kind = 'suggestion' AND status = 'closed' AND adopted IS NOT NULL),
         count(*) FILTER (WHERE kind = 'suggestion' AND status = 'closed' AND adopted),
         now()
  FROM hq_complaints c WHERE c.branch_code = b AND c.business_date = ANY(days)
  GROUP BY c.business_date
  ON CONFLICT (branch_code, business_date) DO UPDATE SET {COMPLAINT_SUMS}, updated_at = now();
  PERFORM hq_refresh_months(b, days);
END $$;

CREATE FUNCTION hq_tickets_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT branch_code, array_agg(DISTINCT business_date) AS days FROM changed GROUP BY branch_code LOOP
    PERFORM hq_refresh_ticket_days(r.branch_code, r.days);
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION hq_complaints_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT branch_code, array_agg(DISTINCT business_date) AS days FROM changed GROUP BY branch_code LOOP
    PERFORM hq_refresh_complaint_days(r.branch_code, r.days);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER hq_tickets_inserted AFTER INSERT ON hq_tickets REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION hq_tickets_changed();
CREATE TRIGGER hq_tickets_updated AFTER UPDATE ON hq_tickets REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION hq_tickets_changed();
CREATE TRIGGER hq_complaints_inserted AFTER INSERT ON hq_complaints REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION hq_complaints_changed();
CREATE TRIGGER hq_complaints_updated AFTER UPDATE ON hq_complaints REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION hq_complaints_changed();
"""

FUNCTION_NAMES = ("hq_tickets_changed()", "hq_complaints_changed()", "hq_refresh_ticket_days(text, date[])",
                  "hq_refresh_complaint_days(text, date[])", "hq_refresh_months(text, date[])",
                  "hq_lock(text, date)")
SUMMARY_TABLES = ("hq_day_summaries", "hq_month_summaries")
READ_TABLES = ("hq_branches", "hq_tickets", "hq_events", "hq_complaints", "hq_complaint_log", *SUMMARY_TABLES)


def _ensure_role(name: str) -> None:
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
        f'CREATE ROLE "{name}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT; END IF; END $$'
    )


def upgrade() -> None:
    dbname = op.get_bind().exec_driver_sql("SELECT current_database()").scalar_one()
    owner, reader = owner_role(dbname), reader_role(dbname)
    op.execute(f'GRANT "{owner}" TO current_user')
    op.execute(TABLES)
    op.execute(FUNCTIONS)
    for table in SUMMARY_TABLES:
        op.execute(f'ALTER TABLE {table} OWNER TO "{owner}"')
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"REVOKE ALL ON {table} FROM PUBLIC")
    for fn in FUNCTION_NAMES:
        op.execute(f'ALTER FUNCTION {fn} OWNER TO "{owner}"')
        op.execute(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
    # The triggers run as the owner (SECURITY DEFINER): a branch writes its summaries only through them.
    _ensure_role(reader)
    op.execute(f'GRANT CONNECT ON DATABASE "{dbname}" TO "{reader}"')
    op.execute(f'GRANT USAGE ON SCHEMA public TO "{reader}"')
    for table in READ_TABLES:
        op.execute(f'GRANT SELECT ON {table} TO "{reader}"')
        op.execute(f'CREATE POLICY every_branch ON {table} FOR SELECT TO "{reader}" USING (true)')


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS hq_tickets_inserted ON hq_tickets")
    op.execute("DROP TRIGGER IF EXISTS hq_tickets_updated ON hq_tickets")
    op.execute("DROP TRIGGER IF EXISTS hq_complaints_inserted ON hq_complaints")
    op.execute("DROP TRIGGER IF EXISTS hq_complaints_updated ON hq_complaints")
    for fn in FUNCTION_NAMES:
        op.execute(f"DROP FUNCTION IF EXISTS {fn}")
    op.execute("DROP TABLE IF EXISTS hq_month_summaries, hq_day_summaries")
    for table in ("hq_branches", "hq_tickets", "hq_events", "hq_complaints", "hq_complaint_log"):
        op.execute(f"DROP POLICY IF EXISTS every_branch ON {table}")
    op.execute("DROP INDEX IF EXISTS ix_hq_tickets_waiting")
    op.execute("DROP INDEX IF EXISTS ix_hq_complaints_branch_day")
    op.execute("DROP INDEX IF EXISTS ix_hq_complaints_unanswered")
    op.execute("ALTER TABLE hq_tickets DROP COLUMN IF EXISTS target_wait_min")
    op.execute("ALTER TABLE hq_branches DROP COLUMN IF EXISTS region")
