-- Migration 6: growth goals with dated check-ins.

CREATE TABLE goals (
    id              TEXT PRIMARY KEY NOT NULL,
    person_id       TEXT NOT NULL REFERENCES people (id),
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    why             TEXT NOT NULL DEFAULT '',
    -- How success is measured: what will be true when it is achieved.
    measure         TEXT NOT NULL DEFAULT '',
    target_on       TEXT,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'achieved', 'dropped')),
    created_on      TEXT NOT NULL,
    -- The day it was achieved or dropped; set exactly when it is not active.
    closed_on       TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((status = 'active') = (closed_on IS NULL))
) STRICT;

CREATE INDEX goals_by_person ON goals (person_id, status, target_on);
CREATE INDEX goals_active_by_target ON goals (target_on) WHERE status = 'active';

CREATE TABLE goal_checkins (
    id              TEXT PRIMARY KEY NOT NULL,
    goal_id         TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    noted_on        TEXT NOT NULL,
    -- Markdown.
    note            TEXT NOT NULL DEFAULT '',
    progress        INTEGER CHECK (progress BETWEEN 0 AND 100),
    -- The 1-on-1 it was written in, if any.
    one_on_one_id   TEXT REFERENCES one_on_ones (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL
) STRICT;

CREATE INDEX goal_checkins_by_goal ON goal_checkins (goal_id, noted_on);
