-- Migration 4: conflicts (their parties and dated updates), and the coaching
-- question bank with the history of questions asked.

CREATE TABLE conflicts (
    id            TEXT PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- Markdown.
    description   TEXT NOT NULL DEFAULT '',
    surfaced_on   TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_progress', 'resolved', 'parked')),
    next_step     TEXT NOT NULL DEFAULT '',
    -- Markdown. Kept when a resolved conflict is reopened, so the story of how
    -- it ended the first time is not lost.
    resolution    TEXT NOT NULL DEFAULT '',
    resolved_on   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((status = 'resolved') = (resolved_on IS NOT NULL)),
    CHECK (status <> 'resolved' OR length(trim(resolution)) > 0)
) STRICT;

CREATE INDEX conflicts_by_status ON conflicts (status);

-- Who a conflict is between: a person on the team, or someone outside it
-- named in free text. Exactly one of the two is set.
CREATE TABLE conflict_parties (
    conflict_id   TEXT NOT NULL REFERENCES conflicts (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    person_id     TEXT REFERENCES people (id),
    outsider_name TEXT CHECK (outsider_name IS NULL OR length(trim(outsider_name)) > 0),
    PRIMARY KEY (conflict_id, position),
    CHECK ((person_id IS NULL) <> (outsider_name IS NULL))
) STRICT;

CREATE UNIQUE INDEX conflict_parties_unique_person
    ON conflict_parties (conflict_id, person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX conflict_parties_unique_outsider
    ON conflict_parties (conflict_id, outsider_name COLLATE NOCASE) WHERE outsider_name IS NOT NULL;
CREATE INDEX conflict_parties_by_person ON conflict_parties (person_id) WHERE person_id IS NOT NULL;

CREATE TABLE conflict_updates (
    id            TEXT PRIMARY KEY NOT NULL,
    conflict_id   TEXT NOT NULL REFERENCES conflicts (id) ON DELETE CASCADE,
    -- The day the note is about ("on" in the API; a keyword in SQL).
    noted_on      TEXT NOT NULL,
    -- Markdown.
    note          TEXT NOT NULL CHECK (length(trim(note)) > 0),
    -- The 1-on-1 where it was discussed, if it was.
    one_on_one_id TEXT REFERENCES one_on_ones (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX conflict_updates_by_conflict ON conflict_updates (conflict_id, noted_on);
CREATE INDEX conflict_updates_by_meeting ON conflict_updates (one_on_one_id);

CREATE TABLE coaching_questions (
    id            TEXT PRIMARY KEY NOT NULL,
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    category      TEXT NOT NULL CHECK (category IN ('goal', 'reality', 'options', 'will',
                                                    'support', 'reflection', 'career',
                                                    'first_one_on_ones')),
    builtin       INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    retired       INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    -- Order within the category: the bank's curated order for built-ins, then
    -- the user's own in the order they were added. Also the stable tie-break
    -- when suggesting.
    position      INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX coaching_questions_unique_text ON coaching_questions (text COLLATE NOCASE);
CREATE INDEX coaching_questions_by_category ON coaching_questions (category, position);

CREATE TABLE questions_asked (
    id            TEXT PRIMARY KEY NOT NULL,
    -- NULL for a question asked on the spot, not from the bank. No cascade: a
    -- question that was asked is retired, never deleted.
    question_id   TEXT REFERENCES coaching_questions (id),
    -- The words as asked, always stored, so history survives later edits.
    question_text TEXT NOT NULL CHECK (length(trim(question_text)) > 0),
    person_id     TEXT NOT NULL REFERENCES people (id),
    asked_on      TEXT NOT NULL,
    one_on_one_id TEXT REFERENCES one_on_ones (id) ON DELETE SET NULL,
    -- Markdown: their answer, what it surfaced.
    answer        TEXT NOT NULL DEFAULT '',
    follow_up     TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX questions_asked_by_person ON questions_asked (person_id, asked_on);
CREATE INDEX questions_asked_by_question ON questions_asked (question_id, person_id, asked_on);
CREATE INDEX questions_asked_by_meeting ON questions_asked (one_on_one_id);

-- The built-in bank, with fixed ids so that exports and imports recognise
-- them. The id's last group reads CCNN: category number, then position.
INSERT INTO coaching_questions (id, text, category, builtin, retired, position, created_at, updated_at) VALUES
    ('7a3e5c10-4d2b-4f6e-9c81-000000000101', 'What do you want to get out of this?', 'goal', 1, 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000102', 'How will you know you got there?', 'goal', 1, 0, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000103', 'What would a good outcome look like?', 'goal', 1, 0, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000104', 'What''s the most important thing for us to talk about today?', 'goal', 1, 0, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000105', 'Why does this matter to you?', 'goal', 1, 0, 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000106', 'By when do you want to get there?', 'goal', 1, 0, 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),

    ('7a3e5c10-4d2b-4f6e-9c81-000000000201', 'What is happening now?', 'reality', 1, 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000202', 'What have you done so far?', 'reality', 1, 0, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000203', 'What''s the real challenge here for you?', 'reality', 1, 0, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000204', 'Who else is involved?', 'reality', 1, 0, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000205', 'What''s working, and what isn''t?', 'reality', 1, 0, 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000206', 'What do you know for sure, and what are you guessing?', 'reality', 1, 0, 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),

    ('7a3e5c10-4d2b-4f6e-9c81-000000000301', 'What have you tried?', 'options', 1, 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000302', 'What else could you do?', 'options', 1, 0, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000303', 'And what else?', 'options', 1, 0, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000304', 'Who could help with this?', 'options', 1, 0, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000305', 'What''s the smallest step you could take?', 'options', 1, 0, 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000306', 'What would you try if you knew it couldn''t fail?', 'options', 1, 0, 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000307', 'Which option appeals to you most, and why?', 'options', 1, 0, 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),

    ('7a3e5c10-4d2b-4f6e-9c81-000000000401', 'What would you do if I weren''t here?', 'will', 1, 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000402', 'What will you do, and when?', 'will', 1, 0, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000403', 'What might get in the way?', 'will', 1, 0, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000404', 'What''s the first step?', 'will', 1, 0, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000405', 'On a scale of 1 to 10, how committed are you to this?', 'will', 1, 0, 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000406', 'Who needs to know?', 'will', 1, 0, 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000407', 'When should we check in on this?', 'will', 1, 0, 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),

    ('7a3e5c10-4d2b-4f6e-9c81-000000000501', 'How can I help?', 'support', 1, 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000502', 'What do you need from me?', 'support', 1, 0, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000503', 'What''s blocking you that I could clear?', 'support', 1, 0, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000504', 'What could I do differently to support you better?', 'support', 1, 0, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000505', 'What should I know that I might not?', 'support', 1, 0, 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),

    ('7a3e5c10-4d2b-4f6e-9c81-000000000601', 'What was most useful today?', 'reflection', 1, 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000602', 'What did you learn this week?', 'reflection', 1, 0, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000603', 'What are you proud of lately?', 'reflection', 1, 0, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000604', 'What would you do differently next time?', 'reflection', 1, 0, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000605', 'What surprised you?', 'reflection', 1, 0, 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000606', 'What gave you energy this week, and what drained it?', 'reflection', 1, 0, 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),

    ('7a3e5c10-4d2b-4f6e-9c81-000000000701', 'Where do you want to be in a year?', 'career', 1, 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000702', 'What skill do you want to build next?', 'career', 1, 0, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000703', 'Which work gives you the most energy?', 'career', 1, 0, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000704', 'What kind of work do you want more of, and less of?', 'career', 1, 0, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000705', 'What would you like to be known for?', 'career', 1, 0, 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000706', 'Whose career would you like to learn from?', 'career', 1, 0, 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000707', 'What stretch project would you like to take on?', 'career', 1, 0, 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),

    ('7a3e5c10-4d2b-4f6e-9c81-000000000801', 'What''s going well?', 'first_one_on_ones', 1, 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000802', 'What''s most frustrating?', 'first_one_on_ones', 1, 0, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000803', 'What would you change if you could?', 'first_one_on_ones', 1, 0, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000804', 'What do you wish your previous manager had done differently?', 'first_one_on_ones', 1, 0, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000805', 'How do you like to receive feedback?', 'first_one_on_ones', 1, 0, 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000806', 'What should I know about how you work best?', 'first_one_on_ones', 1, 0, 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('7a3e5c10-4d2b-4f6e-9c81-000000000807', 'What do you want from our 1-on-1s?', 'first_one_on_ones', 1, 0, 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
