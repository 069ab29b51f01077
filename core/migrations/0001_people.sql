-- Migration 1: the people on the manager's team.
-- Dates are ISO-8601 text (YYYY-MM-DD), instants RFC 3339 in UTC, so that the
-- file stays readable with the sqlite3 CLI. Ids are UUIDs: they leave the
-- database in exports and must stay stable across re-imports.

CREATE TABLE people (
    id                   TEXT PRIMARY KEY NOT NULL,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role                 TEXT NOT NULL DEFAULT '',
    team                 TEXT NOT NULL DEFAULT '',
    start_date           TEXT,
    cadence_days         INTEGER NOT NULL DEFAULT 7 CHECK (cadence_days BETWEEN 1 AND 365),
    -- How they like to receive feedback: free text, plus two structured
    -- preferences the composer and reminders can use (NULL: not known yet).
    feedback_preferences TEXT NOT NULL DEFAULT '',
    recognition          TEXT CHECK (recognition IN ('public', 'private')),
    feedback_medium      TEXT CHECK (feedback_medium IN ('written', 'spoken')),
    notes                TEXT NOT NULL DEFAULT '',
    archived_at          TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE INDEX people_active_by_name ON people (archived_at IS NOT NULL, name COLLATE NOCASE);
