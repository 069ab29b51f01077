//! The synthetic demo journal: deterministic, shaped as promised, valid for
//! the schema and the API's rules, searchable, and only ever written into
//! an empty journal.

use std::cell::RefCell;
use std::time::Instant;

use candor_core::demo::{self, DemoOptions, DemoReport, Progress};
use candor_core::search::{self, SearchQuery};
use candor_core::store::people::{self, PersonInput};
use candor_core::{reminders, transfer, Store};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// The seed of the small journals: `DEMO_SEED` if set, so the promises can be
/// checked against any seed, else the default.
fn seed() -> u64 {
    std::env::var("DEMO_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(demo::DEFAULT_SEED)
}

fn options(people: usize, years: u32, seed: u64) -> DemoOptions {
    DemoOptions {
        people,
        years,
        seed,
        end: end(),
    }
}

fn generated(options: &DemoOptions) -> (Store, DemoReport) {
    let store = Store::open_in_memory().unwrap();
    let report = demo::generate(store.conn(), options, None).unwrap();
    (store, report)
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0))
        .unwrap_or_else(|err| panic!("{sql}: {err}"))
}

fn matches(conn: &Connection, fts: &str) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
        [fts],
        |row| row.get(0),
    )
    .unwrap()
}

/// Every row of user data, table by table in key order, as text: what an
/// export would hold, plus the search index's rows (whose rowids record the
/// order of insertion).
fn snapshot(conn: &Connection) -> String {
    rows_of(conn, TABLES)
}

/// The user data alone, without the search index.
fn user_data(conn: &Connection) -> String {
    rows_of(conn, &TABLES[..TABLES.len() - 1])
}

const TABLES: &[(&str, &str)] = &[
    ("people", "id"),
    ("one_on_ones", "id"),
    ("talking_points", "id"),
    ("action_items", "id"),
    ("feedback", "id"),
    ("feedback_tags", "feedback_id, tag"),
    ("conflicts", "id"),
    ("conflict_parties", "conflict_id, position"),
    ("conflict_updates", "id"),
    ("questions_asked", "id"),
    ("goals", "id"),
    ("goal_checkins", "id"),
    ("search_docs", "rowid"),
];

fn rows_of(conn: &Connection, tables: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (table, order) in tables {
        out.push_str(&format!("## {table}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                match row.get_ref(i).unwrap() {
                    ValueRef::Null => out.push_str("NULL"),
                    ValueRef::Integer(n) => out.push_str(&n.to_string()),
                    ValueRef::Real(x) => out.push_str(&x.to_string()),
                    ValueRef::Text(t) => out.push_str(&String::from_utf8_lossy(t)),
                    ValueRef::Blob(b) => out.push_str(&format!("{b:?}")),
                }
                out.push('\t');
            }
            out.push('\n');
        }
    }
    out
}

/// The first line where two snapshots differ, for a readable failure.
fn first_difference(a: &str, b: &str) -> Option<(usize, String, String)> {
    let (mut left, mut right) = (a.lines(), b.lines());
    for n in 1.. {
        match (left.next(), right.next()) {
            (None, None) => return None,
            (l, r) if l == r => continue,
            (l, r) => {
                return Some((
                    n,
                    l.unwrap_or("<end>").chars().take(300).collect(),
                    r.unwrap_or("<end>").chars().take(300).collect(),
                ))
            }
        }
    }
    None
}

/// FNV-1a: a stable fingerprint to print.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3)
    })
}

#[test]
fn the_same_seed_gives_the_same_journal_and_another_seed_another() {
    let (a, report_a) = generated(&options(4, 1, 7));
    let (b, report_b) = generated(&options(4, 1, 7));
    let (c, _) = generated(&options(4, 1, 8));
    let (snap_a, snap_b, snap_c) = (snapshot(a.conn()), snapshot(b.conn()), snapshot(c.conn()));
    assert_eq!(report_a, report_b, "same options, same counts");
    assert_eq!(
        first_difference(&snap_a, &snap_b),
        None,
        "same options must give byte-identical rows (ids, text, dates)"
    );
    assert_ne!(
        fingerprint(&snap_a),
        fingerprint(&snap_c),
        "another seed gives another journal"
    );
    let ids = |conn: &Connection| -> Vec<String> {
        let mut stmt = conn.prepare("SELECT id FROM people ORDER BY id").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let (ids_a, ids_c) = (ids(a.conn()), ids(c.conn()));
    assert!(
        ids_a.iter().all(|id| !ids_c.contains(id)),
        "another seed draws other ids"
    );
    for id in &ids_a {
        let parsed = uuid::Uuid::parse_str(id).expect("ids are UUIDs");
        assert_eq!(parsed.get_version_num(), 4, "v4-shaped UUIDs");
    }
}

#[test]
fn a_small_journal_has_every_kind_in_the_expected_numbers() {
    let (store, report) = generated(&options(6, 1, seed()));
    let conn = store.conn();

    // The report counts what is in the journal; "records" are the rows the
    // search index holds, one per record.
    for (table, counted) in [
        ("people", report.people),
        ("one_on_ones", report.one_on_ones),
        ("talking_points", report.talking_points),
        ("action_items", report.action_items),
        ("feedback", report.feedback),
        ("feedback_tags", report.feedback_tags),
        ("conflicts", report.conflicts),
        ("conflict_parties", report.conflict_parties),
        ("conflict_updates", report.conflict_updates),
        ("questions_asked", report.questions_asked),
        ("goals", report.goals),
        ("goal_checkins", report.goal_checkins),
    ] {
        assert_eq!(
            count(conn, &format!("SELECT count(*) FROM {table}")),
            counted as i64,
            "the report counts every row of {table}"
        );
    }
    assert_eq!(
        count(conn, "SELECT count(*) FROM search_docs"),
        report.records as i64,
        "records are what the search index holds"
    );
    assert_eq!(report.from, NaiveDate::from_ymd_opt(2025, 11, 29));
    assert_eq!(report.to, Some(end()));

    let within = |what: &str, n: usize, range: std::ops::RangeInclusive<usize>| {
        assert!(range.contains(&n), "{what}: {n} is outside {range:?}");
    };
    within("people", report.people, 6..=10);
    within("1-on-1s", report.one_on_ones, 150..=400);
    within(
        "talking points",
        report.talking_points,
        3 * report.one_on_ones / 2..=6 * report.one_on_ones,
    );
    within("action items", report.action_items, 80..=500);
    within("feedback", report.feedback, 15..=150);
    within("conflicts", report.conflicts, 2..=5);
    within("conflict updates", report.conflict_updates, 2..=25);
    within("questions asked", report.questions_asked, 10..=100);
    within("goals", report.goals, 4..=25);
    within("goal check-ins", report.goal_checkins, 4..=150);
    within("records", report.records, 1_000..=4_000);

    for (what, sql) in [
        (
            "held 1-on-1s",
            "SELECT count(*) FROM one_on_ones WHERE status = 'held'",
        ),
        (
            "cancelled",
            "SELECT count(*) FROM one_on_ones WHERE status = 'cancelled'",
        ),
        (
            "rescheduled",
            "SELECT count(*) FROM one_on_ones WHERE status = 'rescheduled'",
        ),
        (
            "scheduled",
            "SELECT count(*) FROM one_on_ones WHERE status = 'scheduled'",
        ),
        (
            "carried points",
            "SELECT count(*) FROM talking_points WHERE carried_from_id IS NOT NULL",
        ),
        (
            "points raised by them",
            "SELECT count(*) FROM talking_points WHERE raised_by = 'them'",
        ),
        (
            "my action items",
            "SELECT count(*) FROM action_items WHERE owner = 'me'",
        ),
        (
            "open action items",
            "SELECT count(*) FROM action_items WHERE done_on IS NULL",
        ),
        (
            "reinforcing",
            "SELECT count(*) FROM feedback WHERE kind = 'reinforcing'",
        ),
        (
            "redirecting",
            "SELECT count(*) FROM feedback WHERE kind = 'redirecting'",
        ),
        (
            "delivered in a 1-on-1",
            "SELECT count(*) FROM feedback WHERE delivered_in IS NOT NULL",
        ),
        (
            "their responses",
            "SELECT count(*) FROM feedback WHERE response <> ''",
        ),
        (
            "feedback drafts or ready",
            "SELECT count(*) FROM feedback WHERE status IN ('draft', 'ready')",
        ),
        (
            "answers",
            "SELECT count(*) FROM questions_asked WHERE answer <> ''",
        ),
        (
            "goal progress",
            "SELECT count(*) FROM goal_checkins WHERE progress IS NOT NULL",
        ),
    ] {
        assert!(count(conn, sql) > 0, "the journal has {what}");
    }
    let held = count(
        conn,
        "SELECT count(*) FROM one_on_ones WHERE status = 'held'",
    );
    let with_mood = count(
        conn,
        "SELECT count(*) FROM one_on_ones WHERE status = 'held' AND mood IS NOT NULL",
    );
    assert!(with_mood * 10 >= held * 8, "most held 1-on-1s have a mood");
    let delivered = count(
        conn,
        "SELECT count(*) FROM feedback WHERE status = 'delivered'",
    );
    assert!(
        delivered * 10 >= report.feedback as i64 * 7,
        "most feedback is delivered"
    );
    let done = count(
        conn,
        "SELECT count(*) FROM action_items WHERE done_on IS NOT NULL",
    );
    assert!(
        done * 10 >= report.action_items as i64 * 7,
        "most action items are done"
    );
}

#[test]
fn a_demo_journal_follows_the_apis_rules() {
    for (people, years) in [(6, 1), (1, 1), (1, 4), (3, 3), (12, 2)] {
        let (store, report) = generated(&options(people, years, seed()));
        assert!(report.records > 0, "{people} people over {years} years");
        assert_follows_the_rules(store.conn());
    }
}

fn assert_follows_the_rules(conn: &Connection) {
    let today = end().to_string();
    let broken = |what: &str, sql: &str| {
        let n = count(conn, sql);
        assert_eq!(n, 0, "{n} rows break the rule: {what}");
    };

    broken(
        "a carried point copies an unresolved point of the person's latest held 1-on-1 before it",
        "SELECT count(*) FROM talking_points tp \
         JOIN one_on_ones o ON o.id = tp.one_on_one_id \
         LEFT JOIN talking_points src ON src.id = tp.carried_from_id \
         LEFT JOIN one_on_ones so ON so.id = src.one_on_one_id \
         WHERE tp.carried_from_id IS NOT NULL AND ( \
            src.id IS NULL OR src.resolved <> 0 OR so.status <> 'held' \
            OR so.person_id <> o.person_id OR src.text <> tp.text \
            OR src.raised_by <> tp.raised_by OR src.first_raised_on <> tp.first_raised_on \
            OR so.scheduled_at <> (SELECT max(p.scheduled_at) FROM one_on_ones p \
                WHERE p.person_id = o.person_id AND p.status = 'held' \
                AND p.scheduled_at < o.scheduled_at))",
    );
    broken(
        "a point is carried into at most one live 1-on-1",
        "SELECT count(*) FROM (SELECT tp.carried_from_id FROM talking_points tp \
         JOIN one_on_ones o ON o.id = tp.one_on_one_id \
         WHERE tp.carried_from_id IS NOT NULL AND o.status IN ('scheduled', 'held') \
         GROUP BY tp.carried_from_id HAVING count(*) > 1)",
    );
    broken(
        "an open point of a held 1-on-1 is carried into the next live one (carrying again would add nothing)",
        "SELECT count(*) FROM talking_points tp JOIN one_on_ones o ON o.id = tp.one_on_one_id \
         WHERE o.status = 'held' AND tp.resolved = 0 \
         AND EXISTS (SELECT 1 FROM one_on_ones n WHERE n.person_id = o.person_id \
             AND n.status IN ('scheduled', 'held') AND n.scheduled_at > o.scheduled_at) \
         AND NOT EXISTS (SELECT 1 FROM talking_points c JOIN one_on_ones co ON co.id = c.one_on_one_id \
             WHERE c.carried_from_id = tp.id AND co.status IN ('scheduled', 'held'))",
    );
    broken(
        "a new point was first raised on its 1-on-1's day",
        "SELECT count(*) FROM talking_points tp JOIN one_on_ones o ON o.id = tp.one_on_one_id \
         WHERE tp.carried_from_id IS NULL AND tp.first_raised_on <> substr(o.scheduled_at, 1, 10)",
    );
    broken(
        "an agenda is numbered 1..n, carried points first",
        "SELECT count(*) FROM (SELECT one_on_one_id, count(*) AS n, min(position) AS lo, \
             max(position) AS hi, count(DISTINCT position) AS d, \
             max(CASE WHEN carried_from_id IS NOT NULL THEN position END) AS last_carried, \
             min(CASE WHEN carried_from_id IS NULL THEN position END) AS first_new \
         FROM talking_points GROUP BY one_on_one_id) \
         WHERE lo <> 1 OR hi <> n OR d <> n OR last_carried > first_new",
    );
    broken(
        "a rescheduled 1-on-1 points at a later 1-on-1 with the same person, and has nothing of its own",
        "SELECT count(*) FROM one_on_ones o LEFT JOIN one_on_ones n ON n.id = o.rescheduled_to \
         WHERE (o.status = 'rescheduled') <> (o.rescheduled_to IS NOT NULL) \
            OR (o.status = 'rescheduled' AND (n.person_id <> o.person_id \
                OR n.scheduled_at <= o.scheduled_at OR o.notes <> '' OR o.mood IS NOT NULL \
                OR EXISTS (SELECT 1 FROM talking_points t WHERE t.one_on_one_id = o.id)))",
    );
    broken(
        "only held 1-on-1s have a mood and outcomes, and none is held after the last day",
        &format!(
            "SELECT count(*) FROM one_on_ones WHERE (status <> 'held' AND (mood IS NOT NULL \
             OR outcomes <> '')) OR held_on > '{today}' OR held_on <> substr(scheduled_at, 1, 10)"
        ),
    );
    broken(
        "only the next 1-on-1 is scheduled, for active people",
        "SELECT count(*) FROM (SELECT o.person_id FROM one_on_ones o JOIN people p ON p.id = o.person_id \
         WHERE o.status = 'scheduled' GROUP BY o.person_id \
         HAVING count(*) > 1 OR max(p.archived_at) IS NOT NULL)",
    );
    broken(
        "nobody meets before joining or after leaving",
        "SELECT count(*) FROM one_on_ones o JOIN people p ON p.id = o.person_id \
         WHERE substr(o.scheduled_at, 1, 10) < substr(p.created_at, 1, 10) \
            OR (p.archived_at IS NOT NULL AND substr(o.scheduled_at, 1, 10) >= substr(p.archived_at, 1, 10))",
    );
    broken(
        "records hang off 1-on-1s of their own person",
        "SELECT (SELECT count(*) FROM action_items a JOIN one_on_ones o ON o.id = a.one_on_one_id \
                 WHERE o.person_id <> a.person_id OR o.status <> 'held') \
              + (SELECT count(*) FROM questions_asked q JOIN one_on_ones o ON o.id = q.one_on_one_id \
                 WHERE o.person_id <> q.person_id OR o.held_on <> q.asked_on) \
              + (SELECT count(*) FROM goal_checkins c JOIN goals g ON g.id = c.goal_id \
                 JOIN one_on_ones o ON o.id = c.one_on_one_id \
                 WHERE o.person_id <> g.person_id OR o.held_on <> c.noted_on)",
    );
    broken(
        "feedback is delivered after it was observed, in a held 1-on-1 with the same person",
        &format!(
            "SELECT count(*) FROM feedback f LEFT JOIN one_on_ones o ON o.id = f.delivered_in \
             WHERE f.observed_on > '{today}' OR f.delivered_on < f.observed_on \
                OR f.delivered_on > '{today}' \
                OR (f.delivered_in IS NOT NULL AND (o.person_id <> f.person_id \
                    OR o.held_on <> f.delivered_on OR f.status <> 'delivered')) \
                OR (f.status IN ('ready', 'delivered') AND f.observation = '') \
                OR (f.status <> 'delivered' AND f.response <> '') \
                OR NOT EXISTS (SELECT 1 FROM feedback_tags t WHERE t.feedback_id = f.id)"
        ),
    );
    broken(
        "drafts and ready feedback are recent, for people still on the team",
        &format!(
            "SELECT count(*) FROM feedback f JOIN people p ON p.id = f.person_id \
             WHERE f.status IN ('draft', 'ready') \
             AND (p.archived_at IS NOT NULL OR julianday('{today}') - julianday(f.observed_on) > 14)"
        ),
    );
    broken(
        "action items are done after they were agreed, not in the future",
        &format!(
            "SELECT count(*) FROM action_items a JOIN one_on_ones o ON o.id = a.one_on_one_id \
             WHERE a.done_on < o.held_on OR a.done_on > '{today}' OR a.due_on < o.held_on"
        ),
    );
    broken(
        "conflicts: parties from the team of the time, updates within its life",
        &format!(
            "SELECT (SELECT count(*) FROM conflicts c JOIN conflict_parties cp ON cp.conflict_id = c.id \
                     JOIN people p ON p.id = cp.person_id \
                     WHERE c.surfaced_on < substr(p.created_at, 1, 10) \
                        OR (p.archived_at IS NOT NULL AND c.surfaced_on >= substr(p.archived_at, 1, 10))) \
                  + (SELECT count(*) FROM conflict_updates u JOIN conflicts c ON c.id = u.conflict_id \
                     WHERE u.noted_on < c.surfaced_on OR u.noted_on > '{today}' \
                        OR u.noted_on > coalesce(c.resolved_on, '{today}')) \
                  + (SELECT count(*) FROM conflicts c WHERE c.resolved_on > '{today}' \
                     OR (SELECT count(*) FROM conflict_parties cp WHERE cp.conflict_id = c.id) < 2)"
        ),
    );
    broken(
        "questions from the bank are asked in its words",
        "SELECT count(*) FROM questions_asked q LEFT JOIN coaching_questions b ON b.id = q.question_id \
         WHERE q.question_id IS NOT NULL AND (b.id IS NULL OR b.text <> q.question_text)",
    );
    broken(
        "goals close after they start, not in the future; check-ins fall within their life",
        &format!(
            "SELECT (SELECT count(*) FROM goals WHERE closed_on < created_on OR closed_on > '{today}' \
                     OR created_on > '{today}' OR target_on <= created_on) \
                  + (SELECT count(*) FROM goal_checkins c JOIN goals g ON g.id = c.goal_id \
                     WHERE c.noted_on <= g.created_on OR c.noted_on > coalesce(g.closed_on, '{today}') \
                        OR (c.note = '' AND c.progress IS NULL))"
        ),
    );
    broken(
        "created_at and updated_at are instants in order, derived from the records' dates",
        "SELECT (SELECT count(*) FROM one_on_ones WHERE updated_at < created_at \
                 OR substr(created_at, 1, 10) > substr(scheduled_at, 1, 10) \
                 OR (held_on IS NOT NULL AND substr(updated_at, 1, 10) <> held_on)) \
              + (SELECT count(*) FROM feedback WHERE substr(created_at, 1, 10) <> observed_on \
                 OR updated_at < created_at) \
              + (SELECT count(*) FROM goals WHERE substr(created_at, 1, 10) <> created_on \
                 OR updated_at < created_at) \
              + (SELECT count(*) FROM conflict_updates WHERE substr(created_at, 1, 10) <> noted_on) \
              + (SELECT count(*) FROM people WHERE length(created_at) <> 24 OR created_at NOT LIKE '____-__-__T__:__:__.___Z')",
    );
    broken(
        "text is trimmed as the forms store it",
        "SELECT (SELECT count(*) FROM talking_points WHERE text <> trim(text)) \
              + (SELECT count(*) FROM one_on_ones WHERE notes <> trim(notes) OR outcomes <> trim(outcomes)) \
              + (SELECT count(*) FROM feedback WHERE observation <> trim(observation) \
                 OR impact <> trim(impact) OR next_time <> trim(next_time) OR context <> trim(context)) \
              + (SELECT count(*) FROM conflicts WHERE description <> trim(description) \
                 OR resolution <> trim(resolution))",
    );

    let fk: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check").unwrap();
        stmt.query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(fk.is_empty(), "foreign keys hold: {fk:?}");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    conn.execute(
        "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
        [],
    )
    .expect("the full-text index matches its rows");
}

#[test]
fn most_conflicts_end_resolved_with_updates_along_the_way() {
    let (store, report) = generated(&options(12, 5, seed()));
    let conn = store.conn();
    let old = format!("surfaced_on < '{}'", end() - chrono::Duration::days(120));
    let settled = count(conn, &format!("SELECT count(*) FROM conflicts WHERE {old}"));
    let resolved = count(
        conn,
        &format!("SELECT count(*) FROM conflicts WHERE {old} AND status = 'resolved'"),
    );
    assert!(settled >= 12, "a few a year: {} in all", report.conflicts);
    let parked = count(
        conn,
        &format!("SELECT count(*) FROM conflicts WHERE {old} AND status = 'parked'"),
    );
    assert!(
        resolved * 5 > settled * 2 && resolved > parked,
        "older conflicts mostly end resolved: {resolved} of {settled}, {parked} parked"
    );
    assert!(
        report.conflict_updates >= report.conflicts,
        "each has dated updates"
    );
    let with_outsiders = count(
        conn,
        "SELECT count(DISTINCT conflict_id) FROM conflict_parties WHERE outsider_name IS NOT NULL",
    );
    let in_meetings = count(
        conn,
        "SELECT count(*) FROM conflict_updates WHERE one_on_one_id IS NOT NULL",
    );
    assert!(with_outsiders > 0, "some involve outsiders");
    assert!(in_meetings > 0, "some updates were noted in a 1-on-1");
}

#[test]
fn the_search_words_land_where_documented() {
    let (store, report) = generated(&options(6, 1, seed()));
    let conn = store.conn();
    let records = report.records as i64;

    assert_eq!(
        matches(conn, demo::RARE_WORD),
        demo::RARE_WORD_RECORDS as i64,
        "the rare word is in exactly the documented number of records"
    );
    assert_eq!(
        count(
            conn,
            &format!(
                "SELECT count(*) FROM one_on_ones WHERE status = 'held' AND notes LIKE '%{}%'",
                demo::RARE_WORD
            )
        ),
        demo::RARE_WORD_RECORDS as i64,
        "all of them 1-on-1 notes"
    );
    let hits = search::search(
        conn,
        &SearchQuery {
            text: demo::RARE_WORD.into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(hits.hits.len(), demo::RARE_WORD_RECORDS);
    assert!(!hits.truncated);

    let common = matches(conn, demo::COMMON_WORD);
    let share = common as f64 / records as f64;
    assert!(
        (0.20..=0.30).contains(&share),
        "the common word is in about a quarter of the records: {common} of {records}"
    );
    // Spread over the kinds, not stuck in one.
    let kinds = count(
        conn,
        &format!(
            "SELECT count(DISTINCT d.kind) FROM search_index JOIN search_docs d ON d.rowid = search_index.rowid \
             WHERE search_index MATCH '{}'",
            demo::COMMON_WORD
        ),
    );
    // Kinds with a handful of records (conflicts) may miss it by chance.
    assert!(
        kinds >= 6,
        "the common word shows up in {kinds} kinds of record"
    );

    let phrase = matches(conn, &format!("\"{}\"", demo::PHRASE));
    assert!(phrase > 0, "the phrase is there");
    for word in demo::PHRASE.split(' ') {
        let alone = matches(conn, word);
        assert!(
            alone > phrase,
            "\"{word}\" also appears outside the phrase: {alone} records, {phrase} with the phrase"
        );
    }
    assert!(phrase * 20 < records, "the phrase is not everywhere");
    let prefixed = matches(conn, &format!("{}*", demo::PREFIX));
    let exact = matches(conn, demo::PREFIX);
    assert!(
        prefixed > exact && exact > 0,
        "the prefix matches several words: {prefixed} records with the prefix, {exact} with the word"
    );
}

#[test]
fn notes_read_like_notes() {
    let (store, _) = generated(&options(6, 1, seed()));
    let conn = store.conn();
    let mut stmt = conn
        .prepare("SELECT notes FROM one_on_ones WHERE status = 'held'")
        .unwrap();
    let notes: Vec<String> = stmt
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let words: Vec<usize> = notes.iter().map(|n| n.split_whitespace().count()).collect();
    let average = words.iter().sum::<usize>() / words.len();
    assert!(
        (40..=250).contains(&average),
        "a few short paragraphs: {average} words on average"
    );
    assert!(notes.iter().any(|n| n.contains("\n- ")), "some have lists");
    assert!(
        notes.iter().any(|n| n.contains("\n\n")),
        "some have paragraphs"
    );

    // Word frequencies: a few words are everywhere, most are rare.
    let mut frequency: std::collections::HashMap<String, usize> = Default::default();
    for note in &notes {
        for word in note
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *frequency.entry(word.to_lowercase()).or_default() += 1;
        }
    }
    let once = frequency.values().filter(|&&n| n == 1).count();
    let mut counts: Vec<usize> = frequency.values().copied().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    assert!(
        once * 5 > frequency.len(),
        "a long tail: {once} of {} distinct words appear once",
        frequency.len()
    );
    assert!(
        counts[0] > 50 * counts[counts.len() / 2],
        "a head: the commonest word is far commoner than the median one"
    );
}

#[test]
fn mood_drifts_per_person_rather_than_jumping() {
    let (store, _) = generated(&options(6, 1, seed()));
    let conn = store.conn();
    let mut stmt = conn
        .prepare(
            "SELECT person_id, mood FROM one_on_ones WHERE mood IS NOT NULL \
             ORDER BY person_id, held_on",
        )
        .unwrap();
    let rows: Vec<(String, i64)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let steps: Vec<i64> = rows
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| (w[0].1 - w[1].1).abs())
        .collect();
    let mean_step = steps.iter().sum::<i64>() as f64 / steps.len() as f64;
    // Independent uniform moods would step 1.6 on average.
    assert!(
        mean_step < 0.9,
        "moods drift slowly: mean step {mean_step:.2}"
    );
    let distinct: std::collections::HashSet<i64> = rows.iter().map(|r| r.1).collect();
    assert!(distinct.len() >= 3, "but they do move: {distinct:?}");
}

#[test]
fn the_due_list_and_the_export_work_on_a_demo_journal() {
    let (store, report) = generated(&options(6, 1, seed()));
    let conn = store.conn();
    let due = reminders::due(conn, end()).unwrap();
    assert!(
        !due.reminders.is_empty(),
        "a living journal has something due"
    );

    // The import checks every rule the API keeps: the demo journal passes.
    let json = transfer::export_json(conn, "2026-11-29T12:00:00.000Z").unwrap();
    let fresh = Store::open_in_memory().unwrap();
    let imported = transfer::import_json(fresh.conn(), json.as_bytes(), false)
        .unwrap_or_else(|err| panic!("the export of a demo journal imports: {err}"));
    assert_eq!(
        imported.kind("one_on_ones").map(|k| k.added),
        Some(report.one_on_ones)
    );
    assert_eq!(
        imported.kind("talking_points").map(|k| k.added),
        Some(report.talking_points)
    );
    assert_eq!(
        first_difference(&user_data(conn), &user_data(fresh.conn())),
        None,
        "nothing lost on the way"
    );
}

#[test]
fn a_journal_with_people_is_refused_and_left_as_it_was() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    people::create(
        conn,
        &PersonInput {
            name: "Ana Lima".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let before = snapshot(conn);
    let err = demo::generate(conn, &options(3, 1, 1), None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the journal is not empty: demo data goes into an empty journal only"
    );
    assert_eq!(
        first_difference(&snapshot(conn), &before),
        None,
        "nothing was written"
    );
    assert!(conn.is_autocommit(), "no transaction left open");
}

#[test]
fn progress_is_reported_step_by_step() {
    let store = Store::open_in_memory().unwrap();
    let seen: RefCell<Vec<Progress>> = RefCell::new(Vec::new());
    let report = demo::generate(
        store.conn(),
        &options(3, 1, 3),
        Some(&|p: Progress| seen.borrow_mut().push(p)),
    )
    .unwrap();
    let seen = seen.into_inner();
    assert_eq!(
        seen.len(),
        report.people + 2,
        "the team, each person, conflicts"
    );
    assert!(seen
        .windows(2)
        .all(|w| w[0].done < w[1].done && w[0].records <= w[1].records));
    let last = seen.last().unwrap();
    assert_eq!((last.done, last.records), (last.total, report.records));
}

#[test]
fn the_connection_is_left_as_it_was_found() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let settings = |conn: &Connection| -> (i64, i64) {
        (
            conn.pragma_query_value(None, "cache_size", |r| r.get(0))
                .unwrap(),
            conn.pragma_query_value(None, "temp_store", |r| r.get(0))
                .unwrap(),
        )
    };
    let before = settings(conn);
    demo::generate(conn, &options(2, 1, 5), None).unwrap();
    assert_eq!(settings(conn), before, "the generator's tuning is undone");
    assert!(conn.is_autocommit(), "committed");
}

#[test]
fn inside_the_callers_transaction_the_caller_decides() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    conn.execute_batch("BEGIN").unwrap();
    let report = demo::generate(conn, &options(2, 1, 5), None).unwrap();
    assert!(report.records > 0);
    assert_eq!(
        count(conn, "SELECT count(*) FROM people"),
        report.people as i64
    );
    conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(count(conn, "SELECT count(*) FROM people"), 0);
    assert_eq!(count(conn, "SELECT count(*) FROM search_docs"), 0);
}

/// The size the benchmarks use. Run it in release to time it:
/// `cargo test -p candor-core --release --test journal -- --ignored --nocapture demo::on_demand_big_journal`
#[test]
#[ignore = "large: 60 people over 10 years; run in release to time it"]
fn on_demand_big_journal_of_60_people_over_10_years() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.candor");
    let store = Store::open(&path).unwrap();
    let started = Instant::now();
    // The last step is reported just before the commit (and the WAL
    // checkpoint that follows it).
    let written = RefCell::new(None);
    let report = demo::generate(
        store.conn(),
        &options(60, 10, demo::DEFAULT_SEED),
        Some(&|p: Progress| {
            if p.done == p.total {
                *written.borrow_mut() = Some(started.elapsed());
            }
        }),
    )
    .unwrap();
    let elapsed = started.elapsed();
    let written = written.into_inner().unwrap();
    let conn = store.conn();
    let records = report.records as i64;
    println!("{report:#?}");
    let megabytes = |name: &str| {
        std::fs::metadata(dir.path().join(name)).map_or(0.0, |m| m.len() as f64 / 1_048_576.0)
    };
    println!(
        "generated {} records in {:.2} s ({:.0} records/s); journal {:.0} MB, WAL {:.0} MB",
        report.records,
        elapsed.as_secs_f64(),
        report.records as f64 / elapsed.as_secs_f64(),
        megabytes("demo.candor"),
        megabytes("demo.candor-wal"),
    );
    println!(
        "writing {:.2} s, commit and checkpoint {:.2} s",
        written.as_secs_f64(),
        (elapsed - written).as_secs_f64()
    );
    for (what, fts) in [
        ("rare word", demo::RARE_WORD.to_owned()),
        ("common word", demo::COMMON_WORD.to_owned()),
        ("phrase", format!("\"{}\"", demo::PHRASE)),
        ("prefix", format!("{}*", demo::PREFIX)),
    ] {
        let n = matches(conn, &fts);
        println!(
            "{what} {fts}: {n} records ({:.2}%)",
            100.0 * n as f64 / records as f64
        );
    }
    assert!(
        report.records >= 100_000,
        "at least 100,000 records: {}",
        report.records
    );
    assert_eq!(
        matches(conn, demo::RARE_WORD),
        demo::RARE_WORD_RECORDS as i64
    );
}
