//! Journals from every shipped schema version open and migrate to the latest
//! with nothing lost.
//!
//! `core/tests/data/schema-vN.db` is a small journal at exactly version N:
//! migrations 1..=N applied (the SQL files themselves, included below), then
//! every table that version has filled with plain SQL ([`FILL`]). The tests
//! copy each one to a temporary folder, open it with `Store::open` and check
//! that every row and value is still there, that search finds its text, and
//! that the result is the schema a new journal gets.
//!
//! Adding migration N+1: add its file to [`MIGRATIONS`], add a `FILL` entry
//! that puts representative rows in its new tables (and columns), then write
//! the new fixture and commit it:
//!
//! ```text
//! cargo test -p candor-core --test journal -- --ignored migrations::on_demand_write_missing_fixtures
//! ```
//!
//! (with `git add -f`: the repository's .gitignore has `*.db`). That writes
//! only the fixtures that do not exist yet. The committed ones stand for
//! journals an older Candor wrote, with the migrations as they were then;
//! keeping them is what catches a shipped migration edited in place (the
//! migrated fixture would then differ from a new journal). To rewrite them
//! all anyway (say, after changing an older `FILL` entry), set
//! `CANDOR_REWRITE_FIXTURES=1`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use candor_core::store::{APPLICATION_ID, SCHEMA_VERSION};
use candor_core::{transfer, Store};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::support::{integrity, schema_of, search_hits, Schema};

/// Every shipped migration, in order: migration `n` is `MIGRATIONS[n - 1]`.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_people.sql"),
    include_str!("../../migrations/0002_one_on_ones.sql"),
    include_str!("../../migrations/0003_feedback.sql"),
    include_str!("../../migrations/0004_conflicts_and_questions.sql"),
    include_str!("../../migrations/0005_reminders.sql"),
    include_str!("../../migrations/0006_goals.sql"),
    include_str!("../../migrations/0007_search.sql"),
    include_str!("../../migrations/0008_foreign_key_indexes.sql"),
    include_str!("../../migrations/0009_search_prefixes.sql"),
    include_str!("../../migrations/0010_timeline_by_kind.sql"),
];

/// How to add what a new schema version needs, for failure messages.
const HOW_TO_ADD: &str =
    "add the migration file to MIGRATIONS in core/tests/journal/migrations.rs, \
     add a FILL entry for its tables, then run `cargo test -p candor-core --test journal -- \
     --ignored migrations::on_demand_write_missing_fixtures` and commit the new \
     core/tests/data/schema-v*.db (with `git add -f`: the repository ignores *.db)";

// Ids of the fixture's records. Readable on purpose: the files are for people
// to open with the sqlite3 CLI too.
const ANA: &str = "f1000000-0000-4000-8000-000000000001";
const HELD: &str = "f2000000-0000-4000-8000-000000000001";
const POINT: &str = "f2100000-0000-4000-8000-000000000001";
const ACTION: &str = "f2200000-0000-4000-8000-000000000001";
const DELIVERED: &str = "f3000000-0000-4000-8000-000000000001";
const CONFLICT: &str = "f4000000-0000-4000-8000-000000000001";
const CONFLICT_UPDATE: &str = "f4100000-0000-4000-8000-000000000001";
const ASKED: &str = "f4300000-0000-4000-8000-000000000001";
const GOAL: &str = "f6000000-0000-4000-8000-000000000001";
const CHECKIN: &str = "f6100000-0000-4000-8000-000000000001";

/// The rows each schema version adds to the fixture: the fixture for version
/// `v` holds every entry up to `v`. Plain SQL, as an older Candor would have
/// left it: every status, optional fields both set and empty, Markdown,
/// quotes, non-ASCII text, and edits to the built-in rows migrations seed.
/// Each record kind carries one unusual word the search test looks for.
const FILL: &[(i64, &str)] = &[
    (
        1,
        "
        INSERT INTO people (id, name, role, team, start_date, cadence_days, feedback_preferences,
                            recognition, feedback_medium, notes, archived_at, created_at, updated_at)
        VALUES
          ('f1000000-0000-4000-8000-000000000001', 'Ana Lima', 'Senior engineer', 'Payments',
           '2024-03-04', 14, 'Written first, then a chat', 'private', 'written',
           'Grows **aubergine** on her balcony.' || char(10) || char(10) || '- prefers mornings',
           NULL, '2026-01-05T09:00:00.000Z', '2026-02-01T10:30:00.000Z'),
          ('f1000000-0000-4000-8000-000000000002', 'Bo Chen', '', '', NULL, 7, '', NULL, NULL, '',
           '2026-06-01T17:00:00.000Z', '2026-01-05T09:05:00.000Z', '2026-06-01T17:00:00.000Z'),
          ('f1000000-0000-4000-8000-000000000003', 'Zoë Ångström-Ōkubo 🌱', 'Staff engineer',
           'Platform', '2025-01-15', 30, 'Public praise is fine', 'public', 'spoken',
           'Says \"it''s fine\" when it is not;' || char(9) || 'ask twice.', NULL,
           '2026-01-06T08:00:00.000Z', '2026-01-06T08:00:00.000Z');
        ",
    ),
    (
        2,
        "
        INSERT INTO agenda_templates (id, name, builtin, hidden, created_at, updated_at)
        VALUES ('f2300000-0000-4000-8000-000000000001', 'Quarterly check', 0, 0,
                '2026-01-07T09:00:00.000Z', '2026-01-07T09:00:00.000Z');
        INSERT INTO agenda_template_prompts (template_id, position, text, raised_by) VALUES
          ('f2300000-0000-4000-8000-000000000001', 1, 'How is the quarter going?', 'me'),
          ('f2300000-0000-4000-8000-000000000001', 2, 'What should we stop doing?', 'them');
        -- The user hid a built-in template.
        UPDATE agenda_templates SET hidden = 1, updated_at = '2026-01-07T09:05:00.000Z'
        WHERE id = '6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0003';

        INSERT INTO one_on_ones (id, person_id, scheduled_at, status, held_on, rescheduled_to,
                                 notes, outcomes, mood, created_at, updated_at)
        VALUES
          ('f2000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000001',
           '2026-03-02T10:00', 'held', '2026-03-02', NULL,
           '## Growth' || char(10) || char(10) || 'The **marmalade** plan: a stretch project.',
           '- Stretch project' || char(10) || '- Conference talk', 4,
           '2026-02-25T09:00:00.000Z', '2026-03-02T11:00:00.000Z'),
          ('f2000000-0000-4000-8000-000000000003', 'f1000000-0000-4000-8000-000000000001',
           '2026-03-17T11:00', 'scheduled', NULL, NULL, '', '', NULL,
           '2026-03-10T09:00:00.000Z', '2026-03-10T09:00:00.000Z'),
          ('f2000000-0000-4000-8000-000000000002', 'f1000000-0000-4000-8000-000000000001',
           '2026-03-16T10:00', 'rescheduled', NULL, 'f2000000-0000-4000-8000-000000000003',
           'Moved: offsite.', '', NULL, '2026-03-03T09:00:00.000Z', '2026-03-10T09:00:00.000Z'),
          ('f2000000-0000-4000-8000-000000000004', 'f1000000-0000-4000-8000-000000000003',
           '2026-02-20T09:30', 'cancelled', NULL, NULL, '', '', NULL,
           '2026-02-13T09:00:00.000Z', '2026-02-19T16:00:00.000Z'),
          ('f2000000-0000-4000-8000-000000000005', 'f1000000-0000-4000-8000-000000000002',
           '2026-01-10T15:00', 'held', '2026-01-11', NULL, 'Handover.', '', 2,
           '2026-01-05T09:10:00.000Z', '2026-01-11T16:00:00.000Z');

        INSERT INTO talking_points (id, one_on_one_id, text, raised_by, position, resolved,
                                    carried_from_id, first_raised_on, created_at, updated_at)
        VALUES
          ('f2100000-0000-4000-8000-000000000001', 'f2000000-0000-4000-8000-000000000001',
           'Promotion timeline (the quokka question)', 'them', 1, 0, NULL, '2026-03-02',
           '2026-02-25T09:00:00.000Z', '2026-02-25T09:00:00.000Z'),
          ('f2100000-0000-4000-8000-000000000002', 'f2000000-0000-4000-8000-000000000001',
           'Conference budget', 'me', 2, 1, NULL, '2026-03-02',
           '2026-02-25T09:01:00.000Z', '2026-03-02T10:40:00.000Z'),
          ('f2100000-0000-4000-8000-000000000003', 'f2000000-0000-4000-8000-000000000003',
           'Promotion timeline (the quokka question)', 'them', 1, 0,
           'f2100000-0000-4000-8000-000000000001', '2026-03-02',
           '2026-03-10T09:00:00.000Z', '2026-03-10T09:00:00.000Z');

        INSERT INTO action_items (id, person_id, one_on_one_id, text, owner, due_on, done_on,
                                  created_at, updated_at)
        VALUES
          ('f2200000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000001',
           'f2000000-0000-4000-8000-000000000001', 'Draft the zeppelin proposal', 'them',
           '2026-03-09', NULL, '2026-03-02T10:30:00.000Z', '2026-03-02T10:30:00.000Z'),
          ('f2200000-0000-4000-8000-000000000002', 'f1000000-0000-4000-8000-000000000001', NULL,
           'Book the offsite', 'me', NULL, '2026-03-05',
           '2026-03-01T12:00:00.000Z', '2026-03-05T12:00:00.000Z'),
          ('f2200000-0000-4000-8000-000000000003', 'f1000000-0000-4000-8000-000000000002',
           'f2000000-0000-4000-8000-000000000005', 'Share the handover doc', 'them',
           '2026-01-20', '2026-01-18', '2026-01-11T15:30:00.000Z', '2026-01-18T09:00:00.000Z');
        ",
    ),
    (
        3,
        "
        INSERT INTO feedback (id, person_id, kind, context, observation, impact, next_time,
                              observed_on, status, delivered_on, delivered_in, response,
                              created_at, updated_at)
        VALUES
          ('f3000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000001',
           'reinforcing', 'In Tuesday''s design review',
           'You walked through three tangerine options', 'The team saw the trade-offs', '',
           '2026-03-01', 'delivered', '2026-03-02', 'f2000000-0000-4000-8000-000000000001',
           'Pleased; asked for *more* of it.',
           '2026-03-01T12:00:00.000Z', '2026-03-02T10:20:00.000Z'),
          ('f3000000-0000-4000-8000-000000000002', 'f1000000-0000-4000-8000-000000000003',
           'redirecting', '', 'The release notes went out late', '', '', '2026-03-10', 'draft',
           NULL, NULL, '', '2026-03-10T17:00:00.000Z', '2026-03-10T17:00:00.000Z'),
          ('f3000000-0000-4000-8000-000000000003', 'f1000000-0000-4000-8000-000000000001',
           'redirecting', 'Stand-up', 'Interrupted twice', 'Others stopped sharing',
           'Let them finish', '2026-03-11', 'ready', NULL, NULL, '',
           '2026-03-11T10:00:00.000Z', '2026-03-11T11:00:00.000Z'),
          ('f3000000-0000-4000-8000-000000000004', 'f1000000-0000-4000-8000-000000000002',
           'reinforcing', '', 'Clean handover', '', '', '2026-01-09', 'discarded', NULL, NULL,
           '', '2026-01-09T12:00:00.000Z', '2026-06-01T17:00:00.000Z');
        INSERT INTO feedback_tags (feedback_id, tag) VALUES
          ('f3000000-0000-4000-8000-000000000001', 'communication'),
          ('f3000000-0000-4000-8000-000000000001', 'kaleidoscope'),
          ('f3000000-0000-4000-8000-000000000002', 'design'),
          ('f3000000-0000-4000-8000-000000000003', 'Ownership');
        ",
    ),
    (
        4,
        "
        INSERT INTO conflicts (id, title, description, surfaced_on, status, next_step,
                               resolution, resolved_on, created_at, updated_at)
        VALUES
          ('f4000000-0000-4000-8000-000000000001', 'Review turnaround',
           'Disagreement about archipelago review speed.', '2026-02-01', 'resolved', '',
           'Agreed on a rota.', '2026-02-20', '2026-02-01T13:00:00.000Z',
           '2026-02-20T13:00:00.000Z'),
          ('f4000000-0000-4000-8000-000000000002', 'On-call load', '', '2026-03-03', 'open',
           'Talk to both', '', NULL, '2026-03-03T09:00:00.000Z', '2026-03-03T09:00:00.000Z'),
          ('f4000000-0000-4000-8000-000000000003', 'Naming the service', 'Bikeshed.',
           '2026-02-10', 'parked', '', '', NULL, '2026-02-10T09:00:00.000Z',
           '2026-02-12T09:00:00.000Z');
        INSERT INTO conflict_parties (conflict_id, position, person_id, outsider_name) VALUES
          ('f4000000-0000-4000-8000-000000000001', 1, 'f1000000-0000-4000-8000-000000000001', NULL),
          ('f4000000-0000-4000-8000-000000000001', 2, NULL, 'Dana (design)'),
          ('f4000000-0000-4000-8000-000000000002', 1, 'f1000000-0000-4000-8000-000000000001', NULL),
          ('f4000000-0000-4000-8000-000000000002', 2, 'f1000000-0000-4000-8000-000000000003', NULL);
        INSERT INTO conflict_updates (id, conflict_id, noted_on, note, one_on_one_id, created_at)
        VALUES
          ('f4100000-0000-4000-8000-000000000001', 'f4000000-0000-4000-8000-000000000001',
           '2026-02-05', 'Talked it through by the lighthouse.', NULL,
           '2026-02-05T10:00:00.000Z'),
          ('f4100000-0000-4000-8000-000000000002', 'f4000000-0000-4000-8000-000000000002',
           '2026-03-02', 'Raised in the 1-on-1.', 'f2000000-0000-4000-8000-000000000001',
           '2026-03-02T10:45:00.000Z');

        INSERT INTO coaching_questions (id, text, category, builtin, retired, position,
                                        created_at, updated_at)
        VALUES ('f4200000-0000-4000-8000-000000000001', 'What would make next week great?',
                'reflection', 0, 0, 50, '2026-01-08T09:00:00.000Z', '2026-01-08T09:00:00.000Z');
        -- The user retired a built-in question.
        UPDATE coaching_questions SET retired = 1, updated_at = '2026-01-08T09:05:00.000Z'
        WHERE id = '7a3e5c10-4d2b-4f6e-9c81-000000000501';
        INSERT INTO questions_asked (id, question_id, question_text, person_id, asked_on,
                                     one_on_one_id, answer, follow_up, created_at, updated_at)
        VALUES
          ('f4300000-0000-4000-8000-000000000001', '7a3e5c10-4d2b-4f6e-9c81-000000000301',
           'What have you tried?', 'f1000000-0000-4000-8000-000000000001', '2026-03-02',
           'f2000000-0000-4000-8000-000000000001', 'Two wombat prototypes.',
           'Check in next week', '2026-03-02T10:45:00.000Z', '2026-03-02T10:45:00.000Z'),
          ('f4300000-0000-4000-8000-000000000002', NULL, 'What surprised you this month?',
           'f1000000-0000-4000-8000-000000000003', '2026-02-19', NULL, '', '',
           '2026-02-19T16:00:00.000Z', '2026-02-19T16:00:00.000Z'),
          ('f4300000-0000-4000-8000-000000000003', 'f4200000-0000-4000-8000-000000000001',
           'What would make next week great?', 'f1000000-0000-4000-8000-000000000002',
           '2026-01-11', 'f2000000-0000-4000-8000-000000000005', 'A quiet on-call.', '',
           '2026-01-11T15:40:00.000Z', '2026-01-11T15:40:00.000Z');
        ",
    ),
    (
        5,
        "
        INSERT INTO settings (key, value, updated_at) VALUES
          ('overdue_factor', '1.75', '2026-01-09T09:00:00.000Z'),
          ('stale_feedback_days', '5', '2026-01-09T09:00:00.000Z'),
          ('notifications_enabled', 'false', '2026-01-09T09:01:00.000Z');
        INSERT INTO snoozes (reminder_key, since, until, created_at) VALUES
          ('one_on_one:f1000000-0000-4000-8000-000000000003', '2026-02-19', '2026-03-20',
           '2026-03-01T09:00:00.000Z'),
          ('feedback:f3000000-0000-4000-8000-000000000002', '2026-03-10', '2026-03-14',
           '2026-03-12T09:00:00.000Z');
        ",
    ),
    (
        6,
        "
        INSERT INTO goals (id, person_id, title, why, measure, target_on, status, created_on,
                           closed_on, created_at, updated_at)
        VALUES
          ('f6000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000001',
           'Lead a saxophone-sized project', 'Staff engineer path', 'Ships by Q3',
           '2026-09-30', 'active', '2026-03-02', NULL,
           '2026-03-02T10:50:00.000Z', '2026-03-02T10:50:00.000Z'),
          ('f6000000-0000-4000-8000-000000000002', 'f1000000-0000-4000-8000-000000000003',
           'Mentor a new hire', '', '', NULL, 'achieved', '2026-01-15', '2026-02-28',
           '2026-01-15T09:00:00.000Z', '2026-02-28T09:00:00.000Z'),
          ('f6000000-0000-4000-8000-000000000003', 'f1000000-0000-4000-8000-000000000002',
           'Learn Rust', 'Curiosity', '', '2026-06-30', 'dropped', '2026-01-10', '2026-01-11',
           '2026-01-10T09:00:00.000Z', '2026-01-11T09:00:00.000Z');
        INSERT INTO goal_checkins (id, goal_id, noted_on, note, progress, one_on_one_id,
                                   created_at)
        VALUES
          ('f6100000-0000-4000-8000-000000000001', 'f6000000-0000-4000-8000-000000000001',
           '2026-03-02', 'Scoped the glacier migration.', 20,
           'f2000000-0000-4000-8000-000000000001', '2026-03-02T10:55:00.000Z'),
          ('f6100000-0000-4000-8000-000000000002', 'f6000000-0000-4000-8000-000000000002',
           '2026-02-28', 'Done.', 100, NULL, '2026-02-28T09:00:00.000Z'),
          ('f6100000-0000-4000-8000-000000000003', 'f6000000-0000-4000-8000-000000000001',
           '2026-03-10', '', NULL, NULL, '2026-03-10T09:00:00.000Z');
        ",
    ),
    // 7: the search index, filled by its triggers from the rows above; no
    // table of its own to fill.
];

/// What search must find in a migrated fixture: from the version whose
/// fixture first holds the record, a word of its text, its kind, its id.
const SEARCHABLE: &[(i64, &str, &str, &str)] = &[
    (1, "aubergine", "person", ANA),
    (2, "marmalade", "one_on_one", HELD),
    (2, "quokka", "talking_point", POINT),
    (2, "zeppelin", "action_item", ACTION),
    (3, "tangerine", "feedback", DELIVERED),
    (3, "kaleidoscope", "feedback", DELIVERED),
    (4, "archipelago", "conflict", CONFLICT),
    (4, "lighthouse", "conflict_update", CONFLICT_UPDATE),
    (4, "wombat", "question_asked", ASKED),
    (6, "saxophone", "goal", GOAL),
    (6, "glacier", "goal_checkin", CHECKIN),
];

/// Derived tables (the search index and FTS5's own tables): rebuilt from the
/// records, so they are checked through search, not row by row.
fn is_derived(table: &str) -> bool {
    table.starts_with("search_") || table.starts_with("sqlite_")
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn fixture_path(version: i64) -> PathBuf {
    fixture_dir().join(format!("schema-v{version}.db"))
}

// ---------------------------------------------------------------------------
// Writing fixtures

/// Writes a journal at exactly `version` to `path`, the way Candor did then:
/// each migration in its own transaction with its `user_version` bump, then
/// the data. Left in rollback-journal mode and vacuumed, so it is one small
/// file.
fn write_fixture(path: &Path, version: i64) {
    let _ = std::fs::remove_file(path);
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    for (index, sql) in MIGRATIONS[..version as usize].iter().enumerate() {
        let tx = conn.transaction().unwrap();
        tx.execute_batch(sql).unwrap();
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .unwrap();
        tx.commit().unwrap();
    }
    let tx = conn.transaction().unwrap();
    for (from, sql) in FILL {
        if *from <= version {
            tx.execute_batch(sql)
                .unwrap_or_else(|err| panic!("FILL for version {from}: {err}"));
        }
    }
    tx.commit().unwrap();
    assert_eq!(
        foreign_key_problems(&conn),
        0,
        "the fixture's references hold"
    );
    assert_eq!(integrity(&conn), ["ok"]);
    conn.execute_batch("VACUUM").unwrap();
}

/// Writes the fixtures that are missing (all of them with
/// `CANDOR_REWRITE_FIXTURES=1`). See the module documentation.
#[test]
#[ignore = "writes core/tests/data/schema-v*.db; run it on purpose"]
fn on_demand_write_missing_fixtures() {
    let rewrite = std::env::var_os("CANDOR_REWRITE_FIXTURES").is_some_and(|v| v == "1");
    for version in 1..=SCHEMA_VERSION {
        let path = fixture_path(version);
        if path.exists() && !rewrite {
            println!("kept    {}", path.display());
            continue;
        }
        write_fixture(&path, version);
        println!(
            "wrote   {} ({} bytes)",
            path.display(),
            std::fs::metadata(&path).unwrap().len()
        );
    }
}

// ---------------------------------------------------------------------------
// Reading journals

type Row = BTreeMap<String, Value>;

/// Every row of every table that holds records (not derived ones), by table.
fn dump(conn: &Connection) -> BTreeMap<String, Vec<Row>> {
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        let names = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<String>>>()
            .unwrap();
        names.into_iter().filter(|name| !is_derived(name)).collect()
    };
    tables
        .into_iter()
        .map(|table| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
            let rows = stmt
                .query_map([], |r| {
                    columns
                        .iter()
                        .enumerate()
                        .map(|(i, column)| Ok((column.clone(), r.get::<_, Value>(i)?)))
                        .collect::<rusqlite::Result<Row>>()
                })
                .unwrap()
                .collect::<rusqlite::Result<Vec<Row>>>()
                .unwrap();
            (table, rows)
        })
        .collect()
}

/// A row, restricted to `columns`, as text that compares exactly (a value's
/// type is part of it: the text "4" is not the integer 4).
fn row_key(row: &Row, columns: &[&String]) -> String {
    columns
        .iter()
        .map(|column| format!("{column}={:?}", row.get(*column)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The schema objects that differ between two schemas, for messages.
fn schema_difference(found: &Schema, wanted: &Schema) -> Vec<String> {
    let found: BTreeMap<_, _> = found.iter().map(|(t, n, sql)| ((t, n), sql)).collect();
    let wanted: BTreeMap<_, _> = wanted.iter().map(|(t, n, sql)| ((t, n), sql)).collect();
    let mut differences = Vec::new();
    for (key, sql) in &wanted {
        match found.get(key) {
            None => differences.push(format!("missing {} {}", key.0, key.1)),
            Some(other) if other != sql => {
                differences.push(format!("different {} {}", key.0, key.1))
            }
            Some(_) => {}
        }
    }
    for key in found.keys().filter(|key| !wanted.contains_key(*key)) {
        differences.push(format!("extra {} {}", key.0, key.1));
    }
    differences
}

fn foreign_key_problems(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })
    .unwrap()
}

fn pragma(conn: &Connection, name: &str) -> i64 {
    conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
}

/// A copy of the fixture for `version` in a temporary folder, so that no test
/// ever changes the committed file.
fn copy_of_fixture(version: i64) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("schema-v{version}.db"));
    std::fs::copy(fixture_path(version), &path).unwrap_or_else(|err| {
        panic!("no fixture for schema version {version} ({err}): {HOW_TO_ADD}")
    });
    (dir, path)
}

// ---------------------------------------------------------------------------
// Tests

#[test]
fn every_schema_version_has_a_fixture_and_no_other_does() {
    assert_eq!(
        MIGRATIONS.len() as i64,
        SCHEMA_VERSION,
        "core/tests/journal/migrations.rs must list every migration the store applies: {HOW_TO_ADD}"
    );
    for version in 1..=SCHEMA_VERSION {
        assert!(
            fixture_path(version).is_file(),
            "no fixture for schema version {version} ({}): {HOW_TO_ADD}",
            fixture_path(version).display()
        );
    }
    let mut strays = Vec::new();
    for entry in std::fs::read_dir(fixture_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let version = name
            .strip_prefix("schema-v")
            .and_then(|rest| rest.strip_suffix(".db"))
            .map(|number| number.parse::<i64>());
        match version {
            None => {}
            Some(Ok(version)) if (1..=SCHEMA_VERSION).contains(&version) => {}
            Some(_) => strays.push(name),
        }
    }
    assert!(
        strays.is_empty(),
        "fixtures for schema versions this build does not have: {strays:?}"
    );
}

#[test]
fn the_migrations_listed_here_are_the_ones_the_store_applies() {
    let conn = Connection::open_in_memory().unwrap();
    for sql in MIGRATIONS {
        conn.execute_batch(sql).unwrap();
    }
    let store = Store::open_in_memory().unwrap();
    let differences = schema_difference(&schema_of(&conn), &schema_of(store.conn()));
    assert!(
        differences.is_empty(),
        "applying MIGRATIONS in core/tests/journal/migrations.rs must give the store's schema \
         ({differences:?}): {HOW_TO_ADD}"
    );
}

#[test]
fn each_fixture_is_exactly_at_its_version_and_fills_every_table() {
    for version in 1..=SCHEMA_VERSION {
        let (_dir, path) = copy_of_fixture(version);
        let conn = Connection::open(&path).unwrap();
        assert_eq!(
            pragma(&conn, "user_version"),
            version,
            "schema-v{version}.db"
        );
        assert_eq!(
            pragma(&conn, "application_id"),
            APPLICATION_ID,
            "schema-v{version}.db is marked as a Candor journal"
        );
        let mut fresh = Connection::open_in_memory().unwrap();
        let tx = fresh.transaction().unwrap();
        for sql in &MIGRATIONS[..version as usize] {
            tx.execute_batch(sql).unwrap();
        }
        tx.commit().unwrap();
        let differences = schema_difference(&schema_of(&conn), &schema_of(&fresh));
        assert!(
            differences.is_empty(),
            "schema-v{version}.db must have exactly the schema of migrations 1..={version}: \
             {differences:?}"
        );
        for (table, rows) in dump(&conn) {
            assert!(
                !rows.is_empty(),
                "schema-v{version}.db must hold rows in every table; {table} is empty \
                 (add them to FILL)"
            );
        }
        assert_eq!(integrity(&conn), ["ok"], "schema-v{version}.db is sound");
        assert_eq!(foreign_key_problems(&conn), 0, "schema-v{version}.db");
    }
}

#[test]
fn each_fixture_holds_what_its_generator_writes() {
    for version in 1..=SCHEMA_VERSION {
        let (dir, path) = copy_of_fixture(version);
        let generated = dir.path().join("generated.db");
        write_fixture(&generated, version);
        assert!(
            dump(&Connection::open(&path).unwrap()) == dump(&Connection::open(&generated).unwrap()),
            "schema-v{version}.db no longer matches FILL: rewrite it with \
             CANDOR_REWRITE_FIXTURES=1 (see core/tests/journal/migrations.rs)"
        );
    }
}

#[test]
fn every_fixture_migrates_to_the_latest_with_nothing_lost() {
    let new_journal = Store::open_in_memory().unwrap();
    for version in 1..=SCHEMA_VERSION {
        let name = format!("schema-v{version}.db");
        let (_dir, path) = copy_of_fixture(version);
        let before = dump(&Connection::open(&path).unwrap());

        let store =
            Store::open(&path).unwrap_or_else(|err| panic!("{name} must open and migrate: {err}"));
        let conn = store.conn();
        assert_eq!(
            store.schema_version().unwrap(),
            SCHEMA_VERSION,
            "{name} is migrated to the latest version"
        );
        assert_eq!(pragma(conn, "user_version"), SCHEMA_VERSION, "{name}");
        assert_eq!(
            integrity(conn),
            ["ok"],
            "{name}: integrity_check after migrating"
        );
        assert_eq!(
            foreign_key_problems(conn),
            0,
            "{name}: every reference still holds after migrating"
        );
        let differences = schema_difference(&schema_of(conn), &schema_of(new_journal.conn()));
        assert!(
            differences.is_empty(),
            "{name}: a migrated journal must have exactly the schema of a new one (was a \
             shipped migration edited instead of a new one added?): {differences:?}"
        );

        // Every row, and every value of it, is still there.
        let after = dump(conn);
        for (table, rows) in &before {
            let after_rows = after
                .get(table)
                .unwrap_or_else(|| panic!("{name}: table {table} is gone after migrating"));
            let Some(first) = rows.first() else { continue };
            let columns: Vec<&String> = first.keys().collect();
            for column in &columns {
                assert!(
                    after_rows.is_empty() || after_rows[0].contains_key(*column),
                    "{name}: column {table}.{column} is gone after migrating"
                );
            }
            let mut remaining: HashMap<String, usize> = HashMap::new();
            for row in after_rows {
                *remaining.entry(row_key(row, &columns)).or_default() += 1;
            }
            for row in rows {
                let key = row_key(row, &columns);
                let left = remaining.get_mut(&key).filter(|n| **n > 0);
                let Some(left) = left else {
                    panic!("{name}: a row of {table} was lost or changed by migrating: {key}");
                };
                *left -= 1;
            }
        }

        // The search index (migration 7) covers what was there before it.
        for (from, word, kind, id) in SEARCHABLE {
            if *from <= version {
                assert!(
                    search_hits(conn, word).contains(&(kind.to_string(), id.to_string())),
                    "{name}: searching \"{word}\" must find the {kind} {id} after migrating"
                );
            }
        }

        // And the app reads all of it: the export lists every record (built-in
        // templates and questions are part of every journal, not exported).
        let export = transfer::export_json(conn, "2026-11-29T12:00:00.000Z")
            .unwrap_or_else(|err| panic!("{name}: the migrated journal exports: {err}"));
        for (table, rows) in &before {
            for row in rows {
                if row.get("builtin") == Some(&Value::Integer(1)) {
                    continue;
                }
                if let Some(Value::Text(id)) = row.get("id") {
                    assert!(
                        export.contains(&format!("\"{id}\"")),
                        "{name}: the export of the migrated journal lists {table} {id}"
                    );
                }
            }
        }
    }
}

#[test]
fn opening_an_older_journal_reports_each_migration_it_applies() {
    use candor_core::progress::{Progress, Stage};
    use candor_core::store::needs_update;
    use std::cell::RefCell;

    let (_dir, path) = copy_of_fixture(6);
    assert!(
        needs_update(&path, None),
        "a schema-6 journal needs updating"
    );
    let steps = RefCell::new(Vec::new());
    let report = |step: candor_core::progress::Step| {
        assert_eq!(step.stage, Stage::Updating);
        steps.borrow_mut().push((step.done, step.total));
    };
    let store = Store::open_with_progress(&path, None, Progress::reporting(&report)).unwrap();
    let pending = u64::try_from(SCHEMA_VERSION - 6).unwrap();
    let wanted: Vec<(u64, u64)> = (0..=pending).map(|done| (done, pending)).collect();
    assert_eq!(
        *steps.borrow(),
        wanted,
        "one step before each migration, and one when all are applied"
    );
    drop(store);
    assert!(!needs_update(&path, None), "once migrated it is up to date");

    steps.borrow_mut().clear();
    drop(Store::open_with_progress(&path, None, Progress::reporting(&report)).unwrap());
    assert!(
        steps.borrow().is_empty(),
        "an up-to-date journal reports nothing"
    );
}

#[test]
fn only_an_older_journal_needs_updating() {
    use candor_core::store::needs_update;

    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    assert!(
        !needs_update(&missing, None),
        "a new journal is created, not updated"
    );
    assert!(!missing.exists(), "asking writes nothing");

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a journal").unwrap();
    assert!(!needs_update(&text, None));
    assert_eq!(std::fs::read(&text).unwrap(), b"not a journal");

    let current = dir.path().join("current.db");
    drop(Store::open(&current).unwrap());
    assert!(!needs_update(&current, None));

    for version in 1..SCHEMA_VERSION {
        let (_dir, path) = copy_of_fixture(version);
        let before = std::fs::read(&path).unwrap();
        assert!(needs_update(&path, None), "schema {version} needs updating");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "asking leaves schema {version} byte for byte as it was"
        );
    }
}

/// `tests/data/encrypted-schema-v9.db`: the schema-9 fixture, encrypted
/// (written by `store::convert`'s on-demand test).
const ENCRYPTED_FIXTURE_PASSPHRASE: &str = "older encrypted journal";

#[test]
fn an_older_encrypted_journal_is_updated_once_unlocked() {
    use candor_core::encryption::{JournalKey, Secret};
    use candor_core::progress::Progress;
    use candor_core::store::needs_update;
    use std::cell::RefCell;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("candor.db");
    std::fs::copy(fixture_dir().join("encrypted-schema-v9.db"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(
        !before.windows(9).any(|w| w == b"saxophone"),
        "the fixture is encrypted"
    );
    assert!(
        !needs_update(&path, None),
        "without the key nothing can be read"
    );
    let other = JournalKey::from_bytes([1; 32], [2; 16]);
    assert!(!needs_update(&path, Some(&other)), "nor with another key");
    let key = JournalKey::unlock(&path, &Secret::new(ENCRYPTED_FIXTURE_PASSPHRASE)).unwrap();
    assert!(needs_update(&path, Some(&key)), "with its key: schema 9");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "asking leaves the file byte for byte as it was"
    );

    let steps = RefCell::new(Vec::new());
    let report =
        |step: candor_core::progress::Step| steps.borrow_mut().push((step.done, step.total));
    let store = Store::open_with_progress(&path, Some(&key), Progress::reporting(&report)).unwrap();
    let pending = u64::try_from(SCHEMA_VERSION - 9).unwrap();
    assert_eq!(
        *steps.borrow(),
        (0..=pending)
            .map(|done| (done, pending))
            .collect::<Vec<_>>()
    );
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.is_encrypted());
    assert_eq!(
        search_hits(store.conn(), "saxophone"),
        [("goal".to_string(), GOAL.to_string())],
        "the records are all there, and indexed"
    );
    drop(store);
    assert!(
        !needs_update(&path, Some(&key)),
        "once updated it is current"
    );
}
