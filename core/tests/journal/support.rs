//! What the areas' tests share: the day they take as today, quick records,
//! and looks at the database file itself.

use candor_core::search::{self, SearchQuery};
use candor_core::store::agenda::{self, PointInput, TalkingPoint};
use candor_core::store::one_on_ones::{self, NewOneOnOne, OneOnOne};
use candor_core::store::people::{self, Person, PersonInput};
use chrono::NaiveDate;
use rusqlite::Connection;
use uuid::Uuid;

/// The day the tests take as today, unless an area needs another.
pub const TODAY: &str = "2026-11-29";

/// A `YYYY-MM-DD` day.
pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn today() -> NaiveDate {
    day(TODAY)
}

/// Someone with only a name; everything else as the form leaves it.
pub fn person(conn: &Connection, name: &str) -> Person {
    people::create(
        conn,
        &PersonInput {
            name: name.into(),
            ..Default::default()
        },
    )
    .unwrap()
}

/// A 1-on-1 with `who` scheduled at `at` (`YYYY-MM-DDTHH:MM`), no template.
pub fn schedule(conn: &Connection, who: &Person, at: &str) -> OneOnOne {
    one_on_ones::start(
        conn,
        who.id,
        &NewOneOnOne {
            scheduled_at: at.into(),
            template_id: None,
        },
    )
    .unwrap()
}

/// A talking point on a 1-on-1's agenda, raised by `by` (`"me"` or `"them"`).
pub fn point(conn: &Connection, meeting: Uuid, text: &str, by: &str) -> TalkingPoint {
    agenda::add(
        conn,
        meeting,
        &PointInput {
            text: text.into(),
            raised_by: by.into(),
        },
    )
    .unwrap()
}

/// `(kind, record id)` of every search hit for `text`, in the order found.
pub fn search_hits(conn: &Connection, text: &str) -> Vec<(String, String)> {
    search::search(
        conn,
        &SearchQuery {
            text: text.into(),
            ..Default::default()
        },
    )
    .unwrap()
    .hits
    .into_iter()
    .map(|hit| (hit.kind, hit.record_id))
    .collect()
}

/// `(type, name, sql)` of every schema object.
pub type Schema = Vec<(String, String, Option<String>)>;

/// Every schema object, in a stable order.
pub fn schema_of(conn: &Connection) -> Schema {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// What `PRAGMA integrity_check` says: `["ok"]` for a sound file.
pub fn integrity(conn: &Connection) -> Vec<String> {
    let mut stmt = conn.prepare("PRAGMA integrity_check").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Records of every kind together (the tables of
/// [`candor_core::demo::RECORD_TABLES`]): one search document each.
pub fn record_count(conn: &Connection) -> i64 {
    candor_core::demo::RECORD_TABLES
        .iter()
        .map(|table| {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
        })
        .sum()
}
