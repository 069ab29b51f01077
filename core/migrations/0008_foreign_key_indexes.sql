-- Migration 8: an index behind every foreign key.
--
-- SQLite looks up a parent's children whenever the parent row is deleted or
-- its key changes, and, while deferred foreign-key violations are pending
-- (an import writes a rescheduled 1-on-1 before its replacement), on every
-- insert into the parent table. Without an index on the child's column each
-- of those lookups reads the whole child table: importing a 10-year journal
-- took minutes instead of seconds. `sqlite3 candor.db .lint fkey-indexes`
-- listed these three; a test keeps the list empty.

CREATE INDEX one_on_ones_rescheduled_to ON one_on_ones (rescheduled_to);
CREATE INDEX goal_checkins_by_meeting ON goal_checkins (one_on_one_id);
CREATE INDEX action_items_by_person ON action_items (person_id);
