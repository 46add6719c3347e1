-- Version 5: the KPIs of a community or a street read this index alone. Its key starts like cases_scope
-- (scope prefix, then opening time) and goes on with every column KpiQuery reads, so a subtree's cases of a
-- time range are one contiguous, covering index range. Without it SQLite (which has no statistics) walked
-- cases_opened through every case opened in the range in the whole district and fetched each row: with a
-- year of 1,000,000 cases, one community's year (8,700 cases) took 175 ms at the median, 9 ms with this index
-- (docs/benchmarks.md, section 5). The same on both databases; scope_path keeps its column's byte order
-- (COLLATE "C" on PostgreSQL). It costs about 130 bytes per case.
CREATE INDEX cases_scope_kpi ON cases (scope_path, opened_at, stage, dispatched_at, accepted_at, resolved_at,
                                      closed_at, resolve_due, breaches, rework_count);
