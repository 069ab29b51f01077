-- Migration 3: feedback in observation / impact / next-time form, from draft
-- to delivered, with reusable tags.

CREATE TABLE feedback (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES people (id),
    kind          TEXT NOT NULL CHECK (kind IN ('reinforcing', 'redirecting')),
    -- The situation ("in Tuesday's design review"); optional (COIN's C).
    context       TEXT NOT NULL DEFAULT '',
    observation   TEXT NOT NULL DEFAULT '',
    impact        TEXT NOT NULL DEFAULT '',
    next_time     TEXT NOT NULL DEFAULT '',
    observed_on   TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'ready', 'delivered', 'discarded')),
    delivered_on  TEXT,
    -- The 1-on-1 it was delivered in, if it was delivered in one.
    delivered_in  TEXT REFERENCES one_on_ones (id) ON DELETE SET NULL,
    -- How they took it (Markdown).
    response      TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((status = 'delivered') = (delivered_on IS NOT NULL))
) STRICT;

CREATE INDEX feedback_by_person ON feedback (person_id, observed_on);
CREATE INDEX feedback_open ON feedback (status, observed_on) WHERE status IN ('draft', 'ready');
CREATE INDEX feedback_delivered_in ON feedback (delivered_in);

CREATE TABLE feedback_tags (
    feedback_id   TEXT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    tag           TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(tag)) > 0),
    PRIMARY KEY (feedback_id, tag)
) STRICT;

CREATE INDEX feedback_tags_by_tag ON feedback_tags (tag);
