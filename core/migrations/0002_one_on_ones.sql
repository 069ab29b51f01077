-- Migration 2: 1-on-1s, their agenda (talking points), action items and
-- agenda templates.

CREATE TABLE one_on_ones (
    id              TEXT PRIMARY KEY NOT NULL,
    person_id       TEXT NOT NULL REFERENCES people (id),
    -- Local wall-clock time of the meeting, 'YYYY-MM-DDTHH:MM'.
    scheduled_at    TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'scheduled'
                    CHECK (status IN ('scheduled', 'held', 'cancelled', 'rescheduled')),
    -- The day it actually took place; set exactly when status = 'held'.
    held_on         TEXT,
    -- When a rescheduled 1-on-1 was moved, the 1-on-1 that replaced it.
    rescheduled_to  TEXT REFERENCES one_on_ones (id),
    notes           TEXT NOT NULL DEFAULT '',
    outcomes        TEXT NOT NULL DEFAULT '',
    mood            INTEGER CHECK (mood BETWEEN 1 AND 5),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((status = 'held') = (held_on IS NOT NULL))
) STRICT;

CREATE INDEX one_on_ones_by_person ON one_on_ones (person_id, scheduled_at);
CREATE INDEX one_on_ones_held ON one_on_ones (person_id, held_on) WHERE status = 'held';

CREATE TABLE talking_points (
    id              TEXT PRIMARY KEY NOT NULL,
    one_on_one_id   TEXT NOT NULL REFERENCES one_on_ones (id) ON DELETE CASCADE,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    raised_by       TEXT NOT NULL CHECK (raised_by IN ('me', 'them')),
    position        INTEGER NOT NULL,
    resolved        INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    -- A point carried over is a copy of an unresolved point of an earlier held
    -- 1-on-1; it remembers where it came from and the day it was first raised.
    carried_from_id TEXT REFERENCES talking_points (id) ON DELETE SET NULL,
    first_raised_on TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX talking_points_by_meeting ON talking_points (one_on_one_id, position);
CREATE INDEX talking_points_carried_from ON talking_points (carried_from_id);

CREATE TABLE action_items (
    id              TEXT PRIMARY KEY NOT NULL,
    person_id       TEXT NOT NULL REFERENCES people (id),
    one_on_one_id   TEXT REFERENCES one_on_ones (id) ON DELETE SET NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    owner           TEXT NOT NULL CHECK (owner IN ('me', 'them')),
    due_on          TEXT,
    done_on         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX action_items_open_by_person ON action_items (person_id, due_on) WHERE done_on IS NULL;
CREATE INDEX action_items_by_meeting ON action_items (one_on_one_id);

CREATE TABLE agenda_templates (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    builtin         INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    hidden          INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE agenda_template_prompts (
    template_id     TEXT NOT NULL REFERENCES agenda_templates (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    raised_by       TEXT NOT NULL CHECK (raised_by IN ('me', 'them')),
    PRIMARY KEY (template_id, position)
) STRICT;

-- Built-in templates, with fixed ids so that exports and imports recognise them.
INSERT INTO agenda_templates (id, name, builtin, created_at, updated_at) VALUES
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0001', 'Weekly', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0002', 'First 1-on-1', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0003', 'Career conversation', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

INSERT INTO agenda_template_prompts (template_id, position, text, raised_by) VALUES
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0001', 1, 'Your topics: what is on your mind this week?', 'them'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0001', 2, 'My topics: updates and feedback from me', 'me'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0001', 3, 'The future: growth, goals and career', 'me'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0002', 1, 'What''s going well?', 'me'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0002', 2, 'What''s most frustrating?', 'me'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0002', 3, 'What would you change if you could?', 'me'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0002', 4, 'What do you wish your previous manager had done differently?', 'me'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0003', 1, 'Where do you want to be in a year? In three?', 'me'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0003', 2, 'Which work gives you the most energy? The least?', 'me'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0003', 3, 'What skill do you want to build next?', 'me'),
    ('6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0003', 4, 'What could I do to help you get there?', 'me');
