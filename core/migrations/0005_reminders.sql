-- Migration 5: settings (reminder thresholds, notifications), snoozed
-- reminders, and the index the Due view needs.

-- The user's settings, one row per key, values as text (numbers written the
-- way Rust prints them, booleans as 'true' / 'false'). A key with no row has
-- its default; the typed accessors live in core/src/store/settings.rs.
CREATE TABLE settings (
    key           TEXT PRIMARY KEY NOT NULL CHECK (length(key) > 0),
    value         TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- A snoozed reminder, by its key ('one_on_one:<person id>', 'feedback:<id>',
-- ...): hidden up to and including `until` (YYYY-MM-DD). `since` is the day
-- the cause's clock started when it was snoozed (the last held 1-on-1, the
-- day observed, ...): a cause that was resolved and came back starts a new
-- clock, so an old snooze never hides it, even before it is pruned.
CREATE TABLE snoozes (
    reminder_key  TEXT PRIMARY KEY NOT NULL CHECK (length(reminder_key) > 0),
    since         TEXT NOT NULL,
    until         TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

-- 1-on-1s still scheduled: a person's next one, and those past or near for
-- the Due view. Few rows whatever the journal's age, so lookups stay cheap.
CREATE INDEX one_on_ones_scheduled ON one_on_ones (person_id, scheduled_at)
    WHERE status = 'scheduled';
