-- Version 7: correlation looks up the open cases of a site for every raise. The condition is the one
-- CaseWriter writes ("stage NOT IN ('CLOSED', 'FALSE_ALARM')"), so both databases use this partial index,
-- which holds open cases only and does not grow with a year of closed ones.
CREATE INDEX cases_open_site ON cases (site) WHERE stage NOT IN ('CLOSED', 'FALSE_ALARM');
