//! A person's growth history: the reverse-chronological timeline of
//! everything about them (paged), their mood over time, and counts for a
//! range. The timeline reads the journal index of migration 7, whose rowids
//! are date-ordered, so a page is one keyset query whatever the years.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::markdown;
use crate::record_kinds;
use crate::search::{day_to_date, rowid_range};
use crate::store::people;
use crate::validate::{blank_to_none, optional_date};
use crate::{Error, Result};

pub const PAGE_SIZE: usize = 40;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineFilter {
    /// Only these kinds; empty means every timeline kind.
    pub kinds: Vec<String>,
    /// Only feedback with this tag.
    pub tag: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The cursor of the previous page (`next_cursor`), for the next one.
    pub before: Option<i64>,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineItem {
    /// Opaque, date-ordered position.
    pub cursor: i64,
    pub kind: String,
    pub record_id: String,
    pub parent_id: Option<String>,
    pub date: NaiveDate,
    pub title: String,
    /// One line of plain text.
    pub summary: String,
    /// Kind-specific state: a 1-on-1's status, feedback's status, …
    pub status: Option<String>,
    /// Kind-specific detail: a 1-on-1's mood, feedback's kind, an action
    /// item's owner, a check-in's progress.
    pub extra: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelinePage {
    pub items: Vec<TimelineItem>,
    /// Pass as `before` to get the next (older) page; `None` at the end.
    pub next_cursor: Option<i64>,
}

fn dates(from: Option<&str>, to: Option<&str>) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let from = optional_date("from", "the start date", from)?;
    let to = optional_date("to", "the end date", to)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(Error::invalid(
                "from",
                format!("the range starts ({f}) after it ends ({t})"),
            ));
        }
    }
    Ok((from, to))
}

/// Timeline kinds whose search documents carry no person: a conflict (and
/// its updates) reaches the timeline of each of its parties, through
/// conflict_parties. Every other timeline kind is the person's own.
const THROUGH_PARTIES: [&str; 2] = ["conflict", "conflict_update"];

/// The columns a timeline item is read with, from search document `d`.
const TIMELINE_COLUMNS: &str = "d.rowid, d.kind, d.record_id, d.parent_id, d.day, d.status, d.extra, \
    CASE d.kind \
      WHEN 'conflict' THEN (SELECT title FROM conflicts WHERE id = d.record_id) \
      WHEN 'conflict_update' THEN (SELECT title FROM conflicts WHERE id = d.parent_id) \
      WHEN 'goal' THEN (SELECT title FROM goals WHERE id = d.record_id) \
      WHEN 'goal_checkin' THEN (SELECT title FROM goals WHERE id = d.parent_id) \
      WHEN 'question_asked' THEN (SELECT question_text FROM questions_asked WHERE id = d.record_id) \
    END AS title, \
    CASE d.kind \
      WHEN 'one_on_one' THEN (SELECT outcomes FROM one_on_ones WHERE id = d.record_id) \
      WHEN 'action_item' THEN (SELECT text FROM action_items WHERE id = d.record_id) \
      WHEN 'feedback' THEN (SELECT observation FROM feedback WHERE id = d.record_id) \
      WHEN 'conflict' THEN (SELECT description FROM conflicts WHERE id = d.record_id) \
      WHEN 'conflict_update' THEN (SELECT note FROM conflict_updates WHERE id = d.record_id) \
      WHEN 'question_asked' THEN (SELECT answer FROM questions_asked WHERE id = d.record_id) \
      WHEN 'goal' THEN (SELECT why FROM goals WHERE id = d.record_id) \
      WHEN 'goal_checkin' THEN (SELECT note FROM goal_checkins WHERE id = d.record_id) \
    END AS text";

/// The timeline page query for these kinds (ids from [`record_kinds`], so
/// never a caller's text) and whether a tag is asked for; `None` when
/// nothing can match. Parameters: ?1 the person, ?2..=?3 the page's rowid
/// range, ?4 the row limit, ?5 the tag (only when asked for).
///
/// Every part reads newest first from an index and stops at the page's end
/// (or reads only the person's conflicts, which are few); the page is the
/// newest of what the parts found. Every one of the person's kinds at once
/// walks search_docs_by_person; fewer kinds read each kind through
/// search_docs_by_person_kind (migration 10), so a rare kind is not found
/// by skipping every other record. SQLite left to itself ran the earlier
/// single query, one `OR` per way in, as a scan of every record of the
/// person, then of every conflict, then a sort: 4 ms for a first page on the
/// 10-year journal, 8 ms for one filtered to goals.
fn timeline_sql(kinds: &[&'static str], tag: bool) -> Option<String> {
    const RANGE: &str = "d.rowid BETWEEN ?2 AND ?3";
    let own: Vec<&str> = kinds
        .iter()
        .copied()
        .filter(|kind| !THROUGH_PARTIES.contains(kind))
        .collect();
    let every_own = record_kinds::timeline_kinds()
        .filter(|kind| !THROUGH_PARTIES.contains(kind))
        .all(|kind| own.contains(&kind));
    // The person's newest documents of `condition`, read from `docs` (the
    // table, with any index hint), stopping at the page's end.
    let newest = |docs: &str, condition: &str| {
        format!(
            "SELECT * FROM (SELECT d.rowid FROM {docs} \
             WHERE d.person_id = ?1 AND {condition} AND {RANGE} \
             ORDER BY d.rowid DESC LIMIT ?4)"
        )
    };
    // CROSS JOIN: from the person's parties to the documents joined `on`,
    // never the other way round (every conflict's document, then its
    // parties).
    let through_parties = |on: &str| {
        format!(
            "SELECT d.rowid FROM conflict_parties p CROSS JOIN search_docs d ON {on} \
             WHERE p.person_id = ?1 AND {RANGE}"
        )
    };
    let mut parts = Vec::new();
    if tag {
        // Only feedback carries tags.
        if own.contains(&"feedback") {
            parts.push(newest(
                "search_docs d",
                "d.kind = 'feedback' AND EXISTS (SELECT 1 FROM feedback_tags t \
                 WHERE t.feedback_id = d.record_id AND t.tag = ?5)",
            ));
        }
    } else {
        if every_own {
            // `+d.kind`: the kind is checked on each row, not looked up in
            // search_docs_by_person_kind, so the walk stays newest first.
            let list = own.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>();
            parts.push(newest(
                "search_docs d INDEXED BY search_docs_by_person",
                &format!("+d.kind IN ({})", list.join(", ")),
            ));
        } else {
            for kind in &own {
                parts.push(newest("search_docs d", &format!("d.kind = '{kind}'")));
            }
        }
        if kinds.contains(&"conflict") {
            parts.push(through_parties(
                "d.kind = 'conflict' AND d.record_id = p.conflict_id",
            ));
        }
        if kinds.contains(&"conflict_update") {
            parts.push(through_parties(
                "d.parent_id = p.conflict_id AND d.kind = 'conflict_update'",
            ));
        }
    }
    if parts.is_empty() {
        // A tag, and no feedback asked for: nothing can match.
        return None;
    }
    Some(format!(
        "SELECT {TIMELINE_COLUMNS} FROM search_docs d \
         WHERE d.rowid IN ({}) \
         ORDER BY d.rowid DESC LIMIT ?4",
        parts.join(" UNION ALL ")
    ))
}

/// One page of a person's timeline, newest first.
pub fn timeline(
    conn: &Connection,
    person_id: Uuid,
    filter: &TimelineFilter,
) -> Result<TimelinePage> {
    people::get(conn, person_id)?;
    let limit = filter.limit.unwrap_or(PAGE_SIZE).clamp(1, 200);
    for kind in &filter.kinds {
        if !record_kinds::find(kind).is_some_and(|k| k.in_timeline) {
            return Err(Error::invalid(
                "kinds",
                format!("\"{kind}\" is not shown in a timeline"),
            ));
        }
    }
    let kinds: Vec<&'static str> = if filter.kinds.is_empty() {
        record_kinds::timeline_kinds().collect()
    } else {
        record_kinds::timeline_kinds()
            .filter(|kind| filter.kinds.iter().any(|asked| asked == kind))
            .collect()
    };
    let (from, to) = dates(filter.from.as_deref(), filter.to.as_deref())?;
    let (lo, mut hi) = rowid_range(from, to);
    if let Some(before) = filter.before {
        hi = hi.min(before - 1);
    }
    let tag = blank_to_none(&filter.tag);
    let Some(sql) = timeline_sql(&kinds, tag.is_some()) else {
        return Ok(TimelinePage {
            items: Vec::new(),
            next_cursor: None,
        });
    };
    let person = person_id.to_string();
    let rows = (limit + 1) as i64;
    let mut args: Vec<&dyn rusqlite::ToSql> = vec![&person, &lo, &hi, &rows];
    if let Some(tag) = &tag {
        args.push(tag);
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut items = stmt
        .query_map(args.as_slice(), |row| {
            let kind: String = row.get(1)?;
            let title: Option<String> = row.get(7)?;
            let text: Option<String> = row.get(8)?;
            Ok(TimelineItem {
                cursor: row.get(0)?,
                title: title.unwrap_or_else(|| default_title(&kind).to_owned()),
                summary: markdown::plain_summary(text.as_deref().unwrap_or(""), 220),
                kind,
                record_id: row.get(2)?,
                parent_id: row.get(3)?,
                date: day_to_date(row.get(4)?),
                status: row.get(5)?,
                extra: row.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let next_cursor = (items.len() > limit).then(|| items[limit - 1].cursor);
    items.truncate(limit);
    Ok(TimelinePage { items, next_cursor })
}

fn default_title(kind: &str) -> &'static str {
    record_kinds::find(kind).map_or("Record", |k| k.one)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MoodPoint {
    pub date: NaiveDate,
    pub mood: i64,
}

/// Moods of the person's held 1-on-1s in `from..=to`, oldest first.
pub fn mood_series(
    conn: &Connection,
    person_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MoodPoint>> {
    let mut stmt = conn.prepare_cached(
        "SELECT held_on, mood FROM one_on_ones WHERE person_id = ?1 AND status = 'held' \
         AND mood IS NOT NULL AND held_on BETWEEN ?2 AND ?3 ORDER BY held_on",
    )?;
    let rows = stmt.query_map(params![person_id.to_string(), from, to], |row| {
        Ok(MoodPoint {
            date: row.get(0)?,
            mood: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Figures for a person over a range, for the strip above their timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RangeCounts {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// 1-on-1s held in the range.
    pub held: i64,
    /// 1-on-1s the cadence would have had in the range (whole cadences).
    pub expected: i64,
    pub cancelled: i64,
    /// Feedback delivered in the range, by kind.
    pub reinforcing: i64,
    pub redirecting: i64,
    /// Open now: action items, conflicts they are party to, active goals.
    pub open_action_items: i64,
    pub open_conflicts: i64,
    pub active_goals: i64,
    pub average_mood: Option<f64>,
}

/// Counts for `from..=to`; the "open" figures are as of now. The expected
/// 1-on-1s count only the days they were on the team (from their start
/// date) up to `today`, the same rule as the review packet's.
pub fn range_counts(
    conn: &Connection,
    person_id: Uuid,
    from: &str,
    to: &str,
    today: NaiveDate,
) -> Result<RangeCounts> {
    let (Some(from), Some(to)) = dates(Some(from), Some(to))? else {
        return Err(Error::invalid(
            "from",
            "a range needs a start and an end date",
        ));
    };
    let person = people::get(conn, person_id)?;
    let id = person_id.to_string();
    let count = |sql: &str| -> Result<i64> {
        Ok(conn.query_row(sql, params![id, from, to], |row| row.get(0))?)
    };
    let start = person.start_date.map_or(from, |s| s.max(from));
    let end = to.min(today);
    let days = if end < start {
        0
    } else {
        (end - start).num_days() + 1
    };
    Ok(RangeCounts {
        held: count("SELECT count(*) FROM one_on_ones WHERE person_id = ?1 AND status = 'held' AND held_on BETWEEN ?2 AND ?3")?,
        expected: days / person.cadence_days.max(1),
        cancelled: count("SELECT count(*) FROM one_on_ones WHERE person_id = ?1 AND status = 'cancelled' AND substr(scheduled_at, 1, 10) BETWEEN ?2 AND ?3")?,
        reinforcing: count("SELECT count(*) FROM feedback WHERE person_id = ?1 AND status = 'delivered' AND kind = 'reinforcing' AND delivered_on BETWEEN ?2 AND ?3")?,
        redirecting: count("SELECT count(*) FROM feedback WHERE person_id = ?1 AND status = 'delivered' AND kind = 'redirecting' AND delivered_on BETWEEN ?2 AND ?3")?,
        open_action_items: count("SELECT count(*) FROM action_items WHERE person_id = ?1 AND done_on IS NULL AND ?2 IS NOT NULL AND ?3 IS NOT NULL")?,
        open_conflicts: count("SELECT count(*) FROM conflicts c WHERE c.status IN ('open', 'in_progress') AND ?2 IS NOT NULL AND ?3 IS NOT NULL AND EXISTS (SELECT 1 FROM conflict_parties p WHERE p.conflict_id = c.id AND p.person_id = ?1)")?,
        active_goals: count("SELECT count(*) FROM goals WHERE person_id = ?1 AND status = 'active' AND ?2 IS NOT NULL AND ?3 IS NOT NULL")?,
        average_mood: conn.query_row(
            "SELECT avg(mood) FROM one_on_ones WHERE person_id = ?1 AND status = 'held' AND mood IS NOT NULL AND held_on BETWEEN ?2 AND ?3",
            params![id, from, to],
            |row| row.get(0),
        )?,
        from,
        to,
    })
}
