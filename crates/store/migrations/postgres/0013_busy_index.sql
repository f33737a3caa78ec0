-- The busy spans of team members (availability, the overlap check) are read from the index
-- alone (an index-only scan where the visibility map allows): it carries every column those
-- queries need. A 60-day board of 50 team members reads ~35,000 of them.
-- sqlite/0013_busy_index.sql is the twin.
CREATE INDEX records_member_busy ON records (team_member_id, starts_at, length, deleted_at, location_id) INCLUDE (id);
DROP INDEX records_member_start;
