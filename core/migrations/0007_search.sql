-- Migration 7: full-text search over every record kind, and the journal
-- index the person timeline reads.
--
-- search_docs has one row per searchable record: its kind, id, person (NULL
-- for conflicts, whose people are in conflict_parties), parent record, day,
-- status and one extra detail. Its rowid encodes the day: days since
-- 1970-01-01 times 2^20, plus a sequence within the day. So "newest first" is
-- simply rowid descending, for search results and timelines alike, and a
-- date range is a rowid range: FTS5 walks its hits in rowid order and stops
-- at the limit, so a common word never means sorting every match.
--
-- search_index (FTS5) holds the text, under the same rowid. Triggers keep
-- both in step with every table, inside the writing transaction. This file
-- was generated; the triggers for each kind follow one pattern.

CREATE TABLE search_docs (
    rowid      INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    person_id  TEXT,
    parent_id  TEXT,
    day        INTEGER NOT NULL,
    status     TEXT,
    extra      TEXT,
    UNIQUE (kind, record_id)
);

CREATE INDEX search_docs_by_person ON search_docs (person_id, rowid);
CREATE INDEX search_docs_by_parent ON search_docs (parent_id) WHERE parent_id IS NOT NULL;

CREATE VIRTUAL TABLE search_index USING fts5 (
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- person (people)

CREATE TRIGGER search_person_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(coalesce(NEW.start_date, substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(coalesce(NEW.start_date, substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(coalesce(NEW.start_date, substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) + 1) * 1048576), 'person', NEW.id, NEW.id, NULL, CAST(julianday(coalesce(NEW.start_date, substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER), CASE WHEN NEW.archived_at IS NULL THEN 'active' ELSE 'archived' END, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'person' AND record_id = NEW.id), NEW.name, NEW.role || ' ' || NEW.team || char(10) || NEW.feedback_preferences || char(10) || NEW.notes);
END;

CREATE TRIGGER search_person_update AFTER UPDATE ON people BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'person' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'person' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(coalesce(NEW.start_date, substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(coalesce(NEW.start_date, substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(coalesce(NEW.start_date, substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) + 1) * 1048576), 'person', NEW.id, NEW.id, NULL, CAST(julianday(coalesce(NEW.start_date, substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER), CASE WHEN NEW.archived_at IS NULL THEN 'active' ELSE 'archived' END, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'person' AND record_id = NEW.id), NEW.name, NEW.role || ' ' || NEW.team || char(10) || NEW.feedback_preferences || char(10) || NEW.notes);
END;

CREATE TRIGGER search_person_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'person' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'person' AND record_id = OLD.id;
END;

-- one_on_one (one_on_ones)

CREATE TRIGGER search_one_on_one_insert AFTER INSERT ON one_on_ones BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(coalesce(NEW.held_on, substr(NEW.scheduled_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(coalesce(NEW.held_on, substr(NEW.scheduled_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(coalesce(NEW.held_on, substr(NEW.scheduled_at, 1, 10))) - 2440587.5 AS INTEGER) + 1) * 1048576), 'one_on_one', NEW.id, NEW.person_id, NULL, CAST(julianday(coalesce(NEW.held_on, substr(NEW.scheduled_at, 1, 10))) - 2440587.5 AS INTEGER), NEW.status, CAST(NEW.mood AS TEXT));
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'one_on_one' AND record_id = NEW.id), '', NEW.notes || char(10) || NEW.outcomes);
END;

CREATE TRIGGER search_one_on_one_update AFTER UPDATE ON one_on_ones BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'one_on_one' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'one_on_one' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(coalesce(NEW.held_on, substr(NEW.scheduled_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(coalesce(NEW.held_on, substr(NEW.scheduled_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(coalesce(NEW.held_on, substr(NEW.scheduled_at, 1, 10))) - 2440587.5 AS INTEGER) + 1) * 1048576), 'one_on_one', NEW.id, NEW.person_id, NULL, CAST(julianday(coalesce(NEW.held_on, substr(NEW.scheduled_at, 1, 10))) - 2440587.5 AS INTEGER), NEW.status, CAST(NEW.mood AS TEXT));
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'one_on_one' AND record_id = NEW.id), '', NEW.notes || char(10) || NEW.outcomes);
END;

CREATE TRIGGER search_one_on_one_delete AFTER DELETE ON one_on_ones BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'one_on_one' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'one_on_one' AND record_id = OLD.id;
END;

-- talking_point (talking_points)

CREATE TRIGGER search_talking_point_insert AFTER INSERT ON talking_points BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id)) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id)) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id)) - 2440587.5 AS INTEGER) + 1) * 1048576), 'talking_point', NEW.id, (SELECT o.person_id FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), NEW.one_on_one_id, CAST(julianday((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id)) - 2440587.5 AS INTEGER), CASE WHEN NEW.resolved THEN 'resolved' ELSE 'open' END, NEW.raised_by);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'talking_point' AND record_id = NEW.id), '', NEW.text);
END;

CREATE TRIGGER search_talking_point_update AFTER UPDATE ON talking_points BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'talking_point' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'talking_point' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id)) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id)) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id)) - 2440587.5 AS INTEGER) + 1) * 1048576), 'talking_point', NEW.id, (SELECT o.person_id FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), NEW.one_on_one_id, CAST(julianday((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id)) - 2440587.5 AS INTEGER), CASE WHEN NEW.resolved THEN 'resolved' ELSE 'open' END, NEW.raised_by);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'talking_point' AND record_id = NEW.id), '', NEW.text);
END;

CREATE TRIGGER search_talking_point_delete AFTER DELETE ON talking_points BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'talking_point' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'talking_point' AND record_id = OLD.id;
END;

-- action_item (action_items)

CREATE TRIGGER search_action_item_insert AFTER INSERT ON action_items BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) + 1) * 1048576), 'action_item', NEW.id, NEW.person_id, NEW.one_on_one_id, CAST(julianday(coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER), CASE WHEN NEW.done_on IS NULL THEN 'open' ELSE 'done' END, NEW.owner);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'action_item' AND record_id = NEW.id), '', NEW.text);
END;

CREATE TRIGGER search_action_item_update AFTER UPDATE ON action_items BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'action_item' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'action_item' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER) + 1) * 1048576), 'action_item', NEW.id, NEW.person_id, NEW.one_on_one_id, CAST(julianday(coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = NEW.one_on_one_id), substr(NEW.created_at, 1, 10))) - 2440587.5 AS INTEGER), CASE WHEN NEW.done_on IS NULL THEN 'open' ELSE 'done' END, NEW.owner);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'action_item' AND record_id = NEW.id), '', NEW.text);
END;

CREATE TRIGGER search_action_item_delete AFTER DELETE ON action_items BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'action_item' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'action_item' AND record_id = OLD.id;
END;

-- feedback (feedback)

CREATE TRIGGER search_feedback_insert AFTER INSERT ON feedback BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.observed_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.observed_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.observed_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'feedback', NEW.id, NEW.person_id, NULL, CAST(julianday(NEW.observed_on) - 2440587.5 AS INTEGER), NEW.status, NEW.kind);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'feedback' AND record_id = NEW.id), '', NEW.context || char(10) || NEW.observation || char(10) || NEW.impact || char(10) || NEW.next_time || char(10) || NEW.response || char(10) || coalesce((SELECT group_concat(ft.tag, ' ') FROM feedback_tags ft WHERE ft.feedback_id = NEW.id), ''));
END;

CREATE TRIGGER search_feedback_update AFTER UPDATE ON feedback BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'feedback' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'feedback' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.observed_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.observed_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.observed_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'feedback', NEW.id, NEW.person_id, NULL, CAST(julianday(NEW.observed_on) - 2440587.5 AS INTEGER), NEW.status, NEW.kind);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'feedback' AND record_id = NEW.id), '', NEW.context || char(10) || NEW.observation || char(10) || NEW.impact || char(10) || NEW.next_time || char(10) || NEW.response || char(10) || coalesce((SELECT group_concat(ft.tag, ' ') FROM feedback_tags ft WHERE ft.feedback_id = NEW.id), ''));
END;

CREATE TRIGGER search_feedback_delete AFTER DELETE ON feedback BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'feedback' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'feedback' AND record_id = OLD.id;
END;

-- conflict (conflicts)

CREATE TRIGGER search_conflict_insert AFTER INSERT ON conflicts BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.surfaced_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.surfaced_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.surfaced_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'conflict', NEW.id, NULL, NULL, CAST(julianday(NEW.surfaced_on) - 2440587.5 AS INTEGER), NEW.status, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'conflict' AND record_id = NEW.id), NEW.title, NEW.description || char(10) || NEW.next_step || char(10) || NEW.resolution || char(10) || coalesce((SELECT group_concat(p.outsider_name, ' ') FROM conflict_parties p WHERE p.conflict_id = NEW.id), ''));
END;

CREATE TRIGGER search_conflict_update AFTER UPDATE ON conflicts BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'conflict' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'conflict' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.surfaced_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.surfaced_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.surfaced_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'conflict', NEW.id, NULL, NULL, CAST(julianday(NEW.surfaced_on) - 2440587.5 AS INTEGER), NEW.status, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'conflict' AND record_id = NEW.id), NEW.title, NEW.description || char(10) || NEW.next_step || char(10) || NEW.resolution || char(10) || coalesce((SELECT group_concat(p.outsider_name, ' ') FROM conflict_parties p WHERE p.conflict_id = NEW.id), ''));
END;

CREATE TRIGGER search_conflict_delete AFTER DELETE ON conflicts BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'conflict' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'conflict' AND record_id = OLD.id;
END;

-- conflict_update (conflict_updates)

CREATE TRIGGER search_conflict_update_insert AFTER INSERT ON conflict_updates BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'conflict_update', NEW.id, NULL, NEW.conflict_id, CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER), NULL, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'conflict_update' AND record_id = NEW.id), '', NEW.note);
END;

CREATE TRIGGER search_conflict_update_update AFTER UPDATE ON conflict_updates BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'conflict_update' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'conflict_update' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'conflict_update', NEW.id, NULL, NEW.conflict_id, CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER), NULL, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'conflict_update' AND record_id = NEW.id), '', NEW.note);
END;

CREATE TRIGGER search_conflict_update_delete AFTER DELETE ON conflict_updates BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'conflict_update' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'conflict_update' AND record_id = OLD.id;
END;

-- question_asked (questions_asked)

CREATE TRIGGER search_question_asked_insert AFTER INSERT ON questions_asked BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.asked_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.asked_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.asked_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'question_asked', NEW.id, NEW.person_id, NEW.one_on_one_id, CAST(julianday(NEW.asked_on) - 2440587.5 AS INTEGER), NULL, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'question_asked' AND record_id = NEW.id), NEW.question_text, NEW.answer || char(10) || NEW.follow_up);
END;

CREATE TRIGGER search_question_asked_update AFTER UPDATE ON questions_asked BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'question_asked' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'question_asked' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.asked_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.asked_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.asked_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'question_asked', NEW.id, NEW.person_id, NEW.one_on_one_id, CAST(julianday(NEW.asked_on) - 2440587.5 AS INTEGER), NULL, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'question_asked' AND record_id = NEW.id), NEW.question_text, NEW.answer || char(10) || NEW.follow_up);
END;

CREATE TRIGGER search_question_asked_delete AFTER DELETE ON questions_asked BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'question_asked' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'question_asked' AND record_id = OLD.id;
END;

-- goal (goals)

CREATE TRIGGER search_goal_insert AFTER INSERT ON goals BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.created_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.created_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.created_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'goal', NEW.id, NEW.person_id, NULL, CAST(julianday(NEW.created_on) - 2440587.5 AS INTEGER), NEW.status, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'goal' AND record_id = NEW.id), NEW.title, NEW.why || char(10) || NEW.measure);
END;

CREATE TRIGGER search_goal_update AFTER UPDATE ON goals BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'goal' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'goal' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.created_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.created_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.created_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'goal', NEW.id, NEW.person_id, NULL, CAST(julianday(NEW.created_on) - 2440587.5 AS INTEGER), NEW.status, NULL);
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'goal' AND record_id = NEW.id), NEW.title, NEW.why || char(10) || NEW.measure);
END;

CREATE TRIGGER search_goal_delete AFTER DELETE ON goals BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'goal' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'goal' AND record_id = OLD.id;
END;

-- goal_checkin (goal_checkins)

CREATE TRIGGER search_goal_checkin_insert AFTER INSERT ON goal_checkins BEGIN
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'goal_checkin', NEW.id, (SELECT g.person_id FROM goals g WHERE g.id = NEW.goal_id), NEW.goal_id, CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER), NULL, CAST(NEW.progress AS TEXT));
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'goal_checkin' AND record_id = NEW.id), '', NEW.note);
END;

CREATE TRIGGER search_goal_checkin_update AFTER UPDATE ON goal_checkins BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'goal_checkin' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'goal_checkin' AND record_id = OLD.id;
    INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES ((SELECT coalesce(max(rowid), CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) * 1048576) + 1 FROM search_docs WHERE rowid >= CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) * 1048576 AND rowid < (CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER) + 1) * 1048576), 'goal_checkin', NEW.id, (SELECT g.person_id FROM goals g WHERE g.id = NEW.goal_id), NEW.goal_id, CAST(julianday(NEW.noted_on) - 2440587.5 AS INTEGER), NULL, CAST(NEW.progress AS TEXT));
    INSERT INTO search_index (rowid, title, body) VALUES ((SELECT rowid FROM search_docs WHERE kind = 'goal_checkin' AND record_id = NEW.id), '', NEW.note);
END;

CREATE TRIGGER search_goal_checkin_delete AFTER DELETE ON goal_checkins BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'goal_checkin' AND record_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'goal_checkin' AND record_id = OLD.id;
END;

-- Text that lives in child tables: tags of feedback, outsiders of conflicts.

CREATE TRIGGER search_feedback_tag_insert AFTER INSERT ON feedback_tags BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'feedback' AND record_id = NEW.feedback_id);
    INSERT INTO search_index (rowid, title, body) SELECT d.rowid, '', t.context || char(10) || t.observation || char(10) || t.impact || char(10) || t.next_time || char(10) || t.response || char(10) || coalesce((SELECT group_concat(ft.tag, ' ') FROM feedback_tags ft WHERE ft.feedback_id = t.id), '') FROM search_docs d JOIN feedback t ON t.id = d.record_id WHERE d.kind = 'feedback' AND d.record_id = NEW.feedback_id;
END;

CREATE TRIGGER search_feedback_tag_delete AFTER DELETE ON feedback_tags BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'feedback' AND record_id = OLD.feedback_id);
    INSERT INTO search_index (rowid, title, body) SELECT d.rowid, '', t.context || char(10) || t.observation || char(10) || t.impact || char(10) || t.next_time || char(10) || t.response || char(10) || coalesce((SELECT group_concat(ft.tag, ' ') FROM feedback_tags ft WHERE ft.feedback_id = t.id), '') FROM search_docs d JOIN feedback t ON t.id = d.record_id WHERE d.kind = 'feedback' AND d.record_id = OLD.feedback_id;
END;

CREATE TRIGGER search_conflict_party_insert AFTER INSERT ON conflict_parties BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'conflict' AND record_id = NEW.conflict_id);
    INSERT INTO search_index (rowid, title, body) SELECT d.rowid, t.title, t.description || char(10) || t.next_step || char(10) || t.resolution || char(10) || coalesce((SELECT group_concat(p.outsider_name, ' ') FROM conflict_parties p WHERE p.conflict_id = t.id), '') FROM search_docs d JOIN conflicts t ON t.id = d.record_id WHERE d.kind = 'conflict' AND d.record_id = NEW.conflict_id;
END;

CREATE TRIGGER search_conflict_party_delete AFTER DELETE ON conflict_parties BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'conflict' AND record_id = OLD.conflict_id);
    INSERT INTO search_index (rowid, title, body) SELECT d.rowid, t.title, t.description || char(10) || t.next_step || char(10) || t.resolution || char(10) || coalesce((SELECT group_concat(p.outsider_name, ' ') FROM conflict_parties p WHERE p.conflict_id = t.id), '') FROM search_docs d JOIN conflicts t ON t.id = d.record_id WHERE d.kind = 'conflict' AND d.record_id = OLD.conflict_id;
END;

-- Index what the journal already holds.

INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra)
SELECT day * 1048576 + row_number() OVER (PARTITION BY day ORDER BY kind, record_id), kind, record_id, person_id, parent_id, day, status, extra
FROM (
    SELECT 'person' AS kind, r.id AS record_id, r.id AS person_id, NULL AS parent_id, CAST(julianday(coalesce(r.start_date, substr(r.created_at, 1, 10))) - 2440587.5 AS INTEGER) AS day, CASE WHEN r.archived_at IS NULL THEN 'active' ELSE 'archived' END AS status, NULL AS extra FROM people r
    UNION ALL
    SELECT 'one_on_one' AS kind, r.id AS record_id, r.person_id AS person_id, NULL AS parent_id, CAST(julianday(coalesce(r.held_on, substr(r.scheduled_at, 1, 10))) - 2440587.5 AS INTEGER) AS day, r.status AS status, CAST(r.mood AS TEXT) AS extra FROM one_on_ones r
    UNION ALL
    SELECT 'talking_point' AS kind, r.id AS record_id, (SELECT o.person_id FROM one_on_ones o WHERE o.id = r.one_on_one_id) AS person_id, r.one_on_one_id AS parent_id, CAST(julianday((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = r.one_on_one_id)) - 2440587.5 AS INTEGER) AS day, CASE WHEN r.resolved THEN 'resolved' ELSE 'open' END AS status, r.raised_by AS extra FROM talking_points r
    UNION ALL
    SELECT 'action_item' AS kind, r.id AS record_id, r.person_id AS person_id, r.one_on_one_id AS parent_id, CAST(julianday(coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = r.one_on_one_id), substr(r.created_at, 1, 10))) - 2440587.5 AS INTEGER) AS day, CASE WHEN r.done_on IS NULL THEN 'open' ELSE 'done' END AS status, r.owner AS extra FROM action_items r
    UNION ALL
    SELECT 'feedback' AS kind, r.id AS record_id, r.person_id AS person_id, NULL AS parent_id, CAST(julianday(r.observed_on) - 2440587.5 AS INTEGER) AS day, r.status AS status, r.kind AS extra FROM feedback r
    UNION ALL
    SELECT 'conflict' AS kind, r.id AS record_id, NULL AS person_id, NULL AS parent_id, CAST(julianday(r.surfaced_on) - 2440587.5 AS INTEGER) AS day, r.status AS status, NULL AS extra FROM conflicts r
    UNION ALL
    SELECT 'conflict_update' AS kind, r.id AS record_id, NULL AS person_id, r.conflict_id AS parent_id, CAST(julianday(r.noted_on) - 2440587.5 AS INTEGER) AS day, NULL AS status, NULL AS extra FROM conflict_updates r
    UNION ALL
    SELECT 'question_asked' AS kind, r.id AS record_id, r.person_id AS person_id, r.one_on_one_id AS parent_id, CAST(julianday(r.asked_on) - 2440587.5 AS INTEGER) AS day, NULL AS status, NULL AS extra FROM questions_asked r
    UNION ALL
    SELECT 'goal' AS kind, r.id AS record_id, r.person_id AS person_id, NULL AS parent_id, CAST(julianday(r.created_on) - 2440587.5 AS INTEGER) AS day, r.status AS status, NULL AS extra FROM goals r
    UNION ALL
    SELECT 'goal_checkin' AS kind, r.id AS record_id, (SELECT g.person_id FROM goals g WHERE g.id = r.goal_id) AS person_id, r.goal_id AS parent_id, CAST(julianday(r.noted_on) - 2440587.5 AS INTEGER) AS day, NULL AS status, CAST(r.progress AS TEXT) AS extra FROM goal_checkins r
);

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, t.name, t.role || ' ' || t.team || char(10) || t.feedback_preferences || char(10) || t.notes FROM search_docs d JOIN people t ON t.id = d.record_id WHERE d.kind = 'person';

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, '', t.notes || char(10) || t.outcomes FROM search_docs d JOIN one_on_ones t ON t.id = d.record_id WHERE d.kind = 'one_on_one';

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, '', t.text FROM search_docs d JOIN talking_points t ON t.id = d.record_id WHERE d.kind = 'talking_point';

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, '', t.text FROM search_docs d JOIN action_items t ON t.id = d.record_id WHERE d.kind = 'action_item';

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, '', t.context || char(10) || t.observation || char(10) || t.impact || char(10) || t.next_time || char(10) || t.response || char(10) || coalesce((SELECT group_concat(ft.tag, ' ') FROM feedback_tags ft WHERE ft.feedback_id = t.id), '') FROM search_docs d JOIN feedback t ON t.id = d.record_id WHERE d.kind = 'feedback';

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, t.title, t.description || char(10) || t.next_step || char(10) || t.resolution || char(10) || coalesce((SELECT group_concat(p.outsider_name, ' ') FROM conflict_parties p WHERE p.conflict_id = t.id), '') FROM search_docs d JOIN conflicts t ON t.id = d.record_id WHERE d.kind = 'conflict';

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, '', t.note FROM search_docs d JOIN conflict_updates t ON t.id = d.record_id WHERE d.kind = 'conflict_update';

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, t.question_text, t.answer || char(10) || t.follow_up FROM search_docs d JOIN questions_asked t ON t.id = d.record_id WHERE d.kind = 'question_asked';

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, t.title, t.why || char(10) || t.measure FROM search_docs d JOIN goals t ON t.id = d.record_id WHERE d.kind = 'goal';

INSERT INTO search_index (rowid, title, body) SELECT d.rowid, '', t.note FROM search_docs d JOIN goal_checkins t ON t.id = d.record_id WHERE d.kind = 'goal_checkin';
