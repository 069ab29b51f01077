# Generates core/migrations/0007_search.sql and core/src/search/rebuild.sql.
# The SQL is committed; this script documents how it was made
# (python3 core/migrations/tools/generate_search_sql.py), and running it again
# must leave 0007 byte for byte as it shipped. Never change a migration that
# has shipped: write a new one (and, if it changes what a record's search
# document holds, change the kinds here so that rebuild.sql follows).
NL = "char(10)"
kinds = [
  dict(kind="person", table="people", person="{r}.id", parent="NULL",
       date="coalesce({r}.start_date, substr({r}.created_at, 1, 10))",
       status="CASE WHEN {r}.archived_at IS NULL THEN 'active' ELSE 'archived' END", extra="NULL",
       title="{r}.name", body=f"{{r}}.role || ' ' || {{r}}.team || {NL} || {{r}}.feedback_preferences || {NL} || {{r}}.notes"),
  dict(kind="one_on_one", table="one_on_ones", person="{r}.person_id", parent="NULL",
       date="coalesce({r}.held_on, substr({r}.scheduled_at, 1, 10))",
       status="{r}.status", extra="CAST({r}.mood AS TEXT)",
       title="''", body=f"{{r}}.notes || {NL} || {{r}}.outcomes"),
  dict(kind="talking_point", table="talking_points",
       person="(SELECT o.person_id FROM one_on_ones o WHERE o.id = {r}.one_on_one_id)", parent="{r}.one_on_one_id",
       date="(SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = {r}.one_on_one_id)",
       status="CASE WHEN {r}.resolved THEN 'resolved' ELSE 'open' END", extra="{r}.raised_by",
       title="''", body="{r}.text"),
  dict(kind="action_item", table="action_items", person="{r}.person_id", parent="{r}.one_on_one_id",
       date="coalesce((SELECT substr(o.scheduled_at, 1, 10) FROM one_on_ones o WHERE o.id = {r}.one_on_one_id), substr({r}.created_at, 1, 10))",
       status="CASE WHEN {r}.done_on IS NULL THEN 'open' ELSE 'done' END", extra="{r}.owner",
       title="''", body="{r}.text"),
  dict(kind="feedback", table="feedback", person="{r}.person_id", parent="NULL",
       date="{r}.observed_on", status="{r}.status", extra="{r}.kind",
       title="''", body=f"{{r}}.context || {NL} || {{r}}.observation || {NL} || {{r}}.impact || {NL} || {{r}}.next_time || {NL} || {{r}}.response || {NL} || coalesce((SELECT group_concat(ft.tag, ' ') FROM feedback_tags ft WHERE ft.feedback_id = {{r}}.id), '')"),
  dict(kind="conflict", table="conflicts", person="NULL", parent="NULL",
       date="{r}.surfaced_on", status="{r}.status", extra="NULL",
       title="{r}.title", body=f"{{r}}.description || {NL} || {{r}}.next_step || {NL} || {{r}}.resolution || {NL} || coalesce((SELECT group_concat(p.outsider_name, ' ') FROM conflict_parties p WHERE p.conflict_id = {{r}}.id), '')"),
  dict(kind="conflict_update", table="conflict_updates", person="NULL", parent="{r}.conflict_id",
       date="{r}.noted_on", status="NULL", extra="NULL", title="''", body="{r}.note"),
  dict(kind="question_asked", table="questions_asked", person="{r}.person_id", parent="{r}.one_on_one_id",
       date="{r}.asked_on", status="NULL", extra="NULL",
       title="{r}.question_text", body=f"{{r}}.answer || {NL} || {{r}}.follow_up"),
  dict(kind="goal", table="goals", person="{r}.person_id", parent="NULL",
       date="{r}.created_on", status="{r}.status", extra="NULL",
       title="{r}.title", body=f"{{r}}.why || {NL} || {{r}}.measure"),
  dict(kind="goal_checkin", table="goal_checkins",
       person="(SELECT g.person_id FROM goals g WHERE g.id = {r}.goal_id)", parent="{r}.goal_id",
       date="{r}.noted_on", status="NULL", extra="CAST({r}.progress AS TEXT)",
       title="''", body="{r}.note"),
]

def e(expr, r): return expr.replace("{r}", r)
DAY = "CAST(julianday({d}) - 2440587.5 AS INTEGER)"
SPAN = 1048576

out = []
out.append("""-- Migration 7: full-text search over every record kind, and the journal
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
""")

def next_rowid(day):
    return (f"(SELECT coalesce(max(rowid), {day} * {SPAN}) + 1 FROM search_docs "
            f"WHERE rowid >= {day} * {SPAN} AND rowid < ({day} + 1) * {SPAN})")

def add_stmts(k, r):
    day = DAY.format(d=e(k['date'], r))
    return [
        f"INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra) VALUES "
        f"({next_rowid(day)}, '{k['kind']}', {r}.id, {e(k['person'], r)}, {e(k['parent'], r)}, {day}, {e(k['status'], r)}, {e(k['extra'], r)});",
        f"INSERT INTO search_index (rowid, title, body) VALUES "
        f"((SELECT rowid FROM search_docs WHERE kind = '{k['kind']}' AND record_id = {r}.id), {e(k['title'], r)}, {e(k['body'], r)});",
    ]

def drop_stmts(k, r):
    return [
        f"DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = '{k['kind']}' AND record_id = {r}.id);",
        f"DELETE FROM search_docs WHERE kind = '{k['kind']}' AND record_id = {r}.id;",
    ]

def refresh_text(k, id_expr):
    return [
        f"DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = '{k['kind']}' AND record_id = {id_expr});",
        f"INSERT INTO search_index (rowid, title, body) SELECT d.rowid, {e(k['title'], 't')}, {e(k['body'], 't')} "
        f"FROM search_docs d JOIN {k['table']} t ON t.id = d.record_id WHERE d.kind = '{k['kind']}' AND d.record_id = {id_expr};",
    ]

def trigger(name, when, body):
    inner = "\n".join("    " + s for s in body)
    return f"CREATE TRIGGER {name} {when} BEGIN\n{inner}\nEND;\n"

for k in kinds:
    out.append(f"-- {k['kind']} ({k['table']})\n")
    out.append(trigger(f"search_{k['kind']}_insert", f"AFTER INSERT ON {k['table']}", add_stmts(k, "NEW")))
    out.append(trigger(f"search_{k['kind']}_update", f"AFTER UPDATE ON {k['table']}", drop_stmts(k, "OLD") + add_stmts(k, "NEW")))
    out.append(trigger(f"search_{k['kind']}_delete", f"AFTER DELETE ON {k['table']}", drop_stmts(k, "OLD")))

by = {k['kind']: k for k in kinds}
out.append("-- Text that lives in child tables: tags of feedback, outsiders of conflicts.\n")
out.append(trigger("search_feedback_tag_insert", "AFTER INSERT ON feedback_tags", refresh_text(by['feedback'], "NEW.feedback_id")))
out.append(trigger("search_feedback_tag_delete", "AFTER DELETE ON feedback_tags", refresh_text(by['feedback'], "OLD.feedback_id")))
out.append(trigger("search_conflict_party_insert", "AFTER INSERT ON conflict_parties", refresh_text(by['conflict'], "NEW.conflict_id")))
out.append(trigger("search_conflict_party_delete", "AFTER DELETE ON conflict_parties", refresh_text(by['conflict'], "OLD.conflict_id")))

# Backfill: number every existing record within its day across all kinds.
# The same statements rebuild the index after a bulk write (rebuild.sql).
backfill = []
selects = []
for k in kinds:
    day = DAY.format(d=e(k['date'], 'r'))
    selects.append(
        f"    SELECT '{k['kind']}' AS kind, r.id AS record_id, {e(k['person'], 'r')} AS person_id, "
        f"{e(k['parent'], 'r')} AS parent_id, {day} AS day, {e(k['status'], 'r')} AS status, {e(k['extra'], 'r')} AS extra FROM {k['table']} r")
out.append("-- Index what the journal already holds.\n")
backfill.append(
    "INSERT INTO search_docs (rowid, kind, record_id, person_id, parent_id, day, status, extra)\n"
    f"SELECT day * {SPAN} + row_number() OVER (PARTITION BY day ORDER BY kind, record_id), kind, record_id, person_id, parent_id, day, status, extra\n"
    "FROM (\n" + "\n    UNION ALL\n".join(selects) + "\n);\n")
for k in kinds:
    backfill.append(
        f"INSERT INTO search_index (rowid, title, body) SELECT d.rowid, {e(k['title'], 't')}, {e(k['body'], 't')} "
        f"FROM search_docs d JOIN {k['table']} t ON t.id = d.record_id WHERE d.kind = '{k['kind']}';\n")

out.extend(backfill)

# The rebuild fills the full-text table in one statement, in rowid order:
# FTS5 appends rowids that arrive in order to its segments as it goes, while
# the backfill's one insert per kind (each in rowid order, but interleaved
# across kinds) made it merge every kind's rows into the others' (12 s for
# the 10-year journal, against under 3 s in order).
rebuild_index = (
    "INSERT INTO search_index (rowid, title, body)\n"
    "SELECT rowid, title, body FROM (\n"
    + "\n    UNION ALL\n".join(
        f"    SELECT d.rowid AS rowid, {e(k['title'], 't')} AS title, {e(k['body'], 't')} AS body "
        f"FROM search_docs d JOIN {k['table']} t ON t.id = d.record_id WHERE d.kind = '{k['kind']}'"
        for k in kinds)
    + "\n)\nORDER BY rowid;\n")

here = __import__('pathlib').Path(__file__).resolve()
open(here.parents[1] / '0007_search.sql', 'w').write("\n".join(out))
rebuild = ["""-- Generated by core/migrations/tools/generate_search_sql.py: do not edit.
--
-- Builds search_docs and search_index from every record, as migration 7's
-- triggers would have, numbering each day's records in one pass. Run by
-- search::bulk after a bulk write, on an empty search_docs and a new, empty
-- search_index, inside the writing transaction.
"""] + backfill[:1] + [rebuild_index]
open(here.parents[2] / 'src' / 'search' / 'rebuild.sql', 'w').write("\n".join(rebuild))
print("ok", len("\n".join(out)), len("\n".join(rebuild)))
