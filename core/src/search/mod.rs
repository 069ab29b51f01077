//! Full-text search over every record kind (SQLite FTS5, kept in step by
//! triggers; see migration 7). Results come newest first with a cap: the
//! index's rowids encode the day, so FTS5 walks matches in date order and
//! stops at the limit instead of sorting every match of a common word.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::record_kinds;
use crate::validate::{blank_to_none, optional_date, parse_uuid};
use crate::{Error, Result};

pub(crate) mod bulk;

/// Rowids are `day * 2^20 + sequence` (migration 7).
pub(crate) const DAY_SPAN: i64 = 1 << 20;
pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 500;

/// The day a search_docs rowid encodes, as a date.
pub(crate) fn day_to_date(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Duration::days(day)
}

/// Days since 1970-01-01.
pub(crate) fn date_to_day(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days()
}

/// The rowid range covering `from..=to` (open ends allowed).
pub(crate) fn rowid_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (i64, i64) {
    let lo = from.map_or(i64::MIN, |d| date_to_day(d) * DAY_SPAN);
    let hi = to.map_or(i64::MAX, |d| (date_to_day(d) + 1) * DAY_SPAN - 1);
    (lo, hi)
}

/// What the search box and filters submit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// Words as typed. All must match; the last one matches as a prefix
    /// (so results follow as you type).
    pub text: String,
    /// Only records about this person (conflicts: where they are a party).
    pub person_id: Option<String>,
    /// Only these kinds (ids from [`RECORD_KINDS`](crate::record_kinds::RECORD_KINDS));
    /// empty means all.
    pub kinds: Vec<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// At most this many results (default 50).
    pub limit: Option<usize>,
}

/// A piece of a snippet: matched words are `hit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub kind: String,
    pub record_id: String,
    /// The record it belongs to: the 1-on-1 of a talking point, action item
    /// or question asked; the conflict of an update; the goal of a check-in.
    pub parent_id: Option<String>,
    pub person_id: Option<String>,
    /// The person's name, or the parties of a conflict.
    pub person_name: String,
    pub date: NaiveDate,
    pub title: String,
    pub status: Option<String>,
    pub snippet: Vec<Segment>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// More matches exist beyond the limit.
    pub truncated: bool,
}

/// Turns what was typed into an FTS5 query: every word quoted (so nothing
/// typed is FTS syntax), all required, the last one as a prefix unless the
/// text ends with a space. `None` when there is nothing to search for.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let last = words.len().checked_sub(1)?;
    let prefix = !text.ends_with(char::is_whitespace);
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == last && prefix {
                    format!("\"{w}\"*")
                } else {
                    format!("\"{w}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Searches the journal, newest first, at most `limit` results.
pub fn search(conn: &Connection, query: &SearchQuery) -> Result<SearchResults> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let Some(expression) = fts_query(&query.text) else {
        return Ok(SearchResults {
            hits: Vec::new(),
            truncated: false,
        });
    };
    let person = blank_to_none(&query.person_id)
        .map(|text| parse_uuid("person_id", "person", text))
        .transpose()?
        .map(|id| id.to_string());
    let kinds = kind_filter(&query.kinds)?;
    let from = optional_date("from", "the start date", query.from.as_deref())?;
    let to = optional_date("to", "the end date", query.to.as_deref())?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(Error::invalid(
                "from",
                format!("the range starts ({from}) after it ends ({to})"),
            ));
        }
    }
    let (lo, hi) = rowid_range(from, to);
    let mut stmt = conn.prepare_cached(
        "SELECT d.kind, d.record_id, d.parent_id, d.person_id, d.day, d.status, \
            CASE d.kind \
              WHEN 'conflict_update' THEN (SELECT c.title FROM conflicts c WHERE c.id = d.parent_id) \
              WHEN 'goal_checkin' THEN (SELECT g.title FROM goals g WHERE g.id = d.parent_id) \
              ELSE search_index.title END AS title, \
            snippet(search_index, -1, char(2), char(3), '…', 14) AS snip, \
            CASE WHEN d.kind IN ('conflict', 'conflict_update') THEN \
              (SELECT group_concat(coalesce(pp.name, cp.outsider_name), ', ') FROM conflict_parties cp \
               LEFT JOIN people pp ON pp.id = cp.person_id \
               WHERE cp.conflict_id = coalesce(d.parent_id, d.record_id)) \
            ELSE p.name END AS person_name \
         FROM search_index JOIN search_docs d ON d.rowid = search_index.rowid \
         LEFT JOIN people p ON p.id = d.person_id \
         WHERE search_index MATCH ?1 \
           AND search_index.rowid BETWEEN ?2 AND ?3 \
           AND (?4 IS NULL OR instr(?4, ',' || d.kind || ',') > 0) \
           AND (?5 IS NULL OR d.person_id = ?5 \
                OR (d.kind IN ('conflict', 'conflict_update') AND EXISTS ( \
                    SELECT 1 FROM conflict_parties cp WHERE cp.conflict_id = coalesce(d.parent_id, d.record_id) \
                    AND cp.person_id = ?5))) \
         ORDER BY search_index.rowid DESC LIMIT ?6",
    )?;
    let mut hits = stmt
        .query_map(
            params![expression, lo, hi, kinds, person, (limit + 1) as i64],
            |row| {
                Ok(SearchHit {
                    kind: row.get(0)?,
                    record_id: row.get(1)?,
                    parent_id: row.get(2)?,
                    person_id: row.get(3)?,
                    date: day_to_date(row.get(4)?),
                    status: row.get(5)?,
                    title: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    snippet: segments(&row.get::<_, String>(7)?),
                    person_name: row.get::<_, Option<String>>(8)?.unwrap_or_default(),
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let truncated = hits.len() > limit;
    hits.truncate(limit);
    Ok(SearchResults { hits, truncated })
}

/// `",kind,kind,"` for the SQL filter, or `None` for every kind.
fn kind_filter(kinds: &[String]) -> Result<Option<String>> {
    if kinds.is_empty() {
        return Ok(None);
    }
    for kind in kinds {
        if record_kinds::find(kind).is_none() {
            return Err(Error::invalid(
                "kinds",
                format!("\"{kind}\" is not a kind of record"),
            ));
        }
    }
    Ok(Some(format!(",{},", kinds.join(","))))
}

/// Splits FTS5's snippet (matches wrapped in \x02 … \x03) into segments,
/// so the UI can mark hits without ever parsing HTML.
fn segments(snippet: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    for c in snippet.chars() {
        match c {
            '\u{2}' | '\u{3}' => {
                if !current.is_empty() {
                    out.push(Segment {
                        text: std::mem::take(&mut current),
                        hit,
                    });
                }
                hit = c == '\u{2}';
            }
            '\n' | '\r' => current.push(' '),
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(Segment { text: current, hit });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_a_safe_prefix_query() {
        assert_eq!(fts_query("rota"), Some("\"rota\"*".into()));
        assert_eq!(
            fts_query("on-call rota "),
            Some("\"on\" \"call\" \"rota\"".into())
        );
        assert_eq!(
            fts_query("Ana's \"NEAR\" OR"),
            Some("\"ana\" \"s\" \"near\" \"or\"*".into())
        );
        assert_eq!(fts_query("  ...  "), None);
        assert_eq!(fts_query("Élodie"), Some("\"élodie\"*".into()));
    }

    #[test]
    fn snippets_split_into_marked_segments() {
        assert_eq!(
            segments("…the \u{2}rota\u{3} is\nfine"),
            [
                Segment {
                    text: "…the ".into(),
                    hit: false
                },
                Segment {
                    text: "rota".into(),
                    hit: true
                },
                Segment {
                    text: " is fine".into(),
                    hit: false
                },
            ]
        );
    }

    #[test]
    fn days_and_dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(day_to_date(date_to_day(d)), d);
        assert_eq!(date_to_day(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
    }
}
