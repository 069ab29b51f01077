//! A synthetic journal for demos and benchmarks (`candor demo`, "try it with
//! a sample team"): a team that changes over the years, with its 1-on-1s,
//! talking points, action items, feedback, conflicts, questions asked and
//! goals, generated from a seed and written with plain SQL in one
//! transaction.
//!
//! # What it promises
//!
//! - **Deterministic.** The same [`DemoOptions`] give byte-identical rows:
//!   the same ids, text and dates. Randomness comes from a SplitMix64 written
//!   out in this module (no crate whose algorithm could change), ids are
//!   version-4-shaped UUIDs drawn from it, and every `created_at` /
//!   `updated_at` is derived from the record's own date, never from the
//!   clock. A later build may change the phrase banks, and so the text.
//!   The built-in question bank and agenda templates are read from the
//!   journal; retiring a built-in question changes what is asked.
//! - **Valid.** Rows are written with prepared statements, not through the
//!   validated API (far too slow for 100,000 records), but every row
//!   satisfies the schema's CHECKs and foreign keys and is what the API
//!   would have written: text within the record modules' limits and
//!   trimmed, known enum values, `held_on` set exactly on held 1-on-1s, a
//!   rescheduled 1-on-1 pointing at its replacement, carried talking points
//!   as `agenda::carry_over_into` makes them, feedback delivered in a 1-on-1
//!   of the same person and not before it was observed, resolved conflicts
//!   with a resolution, closed goals with a closing day, nothing dated after
//!   the journal's last day except the next scheduled 1-on-1s.
//! - **Only into an empty journal.** A journal with people or conflicts is
//!   refused and left untouched, so sample data never mixes with real notes.
//!   Settings, agenda templates and the question bank may exist: they are
//!   read, never written.
//!
//! # The journal
//!
//! `people` is the size of the team at any one time. Each place on the team
//! is held by one person after another: most stay a few years; leavers are
//! archived on their last day and replaced a few weeks later (so a long
//! journal has more people than places, and a place may be vacant at the
//! end). Juniors and mids meet weekly; seniors mostly fortnightly, some
//! monthly. 1-on-1s follow the cadence on a fixed weekday and time; some are
//! cancelled (more over the year-end holidays) or rescheduled a few days
//! later. Held ones carry a mood that drifts slowly around the person's
//! baseline, dips during rough patches and conflicts; notes of a few short
//! Markdown paragraphs and lists; outcomes; 3–5 talking points including the
//! ones carried over (the first 1-on-1 and twice-yearly career talks use the
//! built-in templates' prompts); action items, mostly done; sometimes
//! feedback observed in the days before and delivered there (their response
//! noted, some discarded), a coaching question from the built-in bank with
//! the answer, goal check-ins (goals are set about yearly, one to three at a
//! time; most are achieved, some dropped). Every active person has their
//! next 1-on-1 scheduled, except a few who are overdue or whose last 1-on-1
//! was never marked held; about half have a feedback draft or a ready one
//! from the last two weeks (always someone). A few conflicts a year
//! (2 + team size / 6), between people on the team at the time and
//! sometimes outsiders, with dated updates, some noted in a party's 1-on-1;
//! most end resolved.
//!
//! # Records
//!
//! "Records" ([`DemoReport::records`]) are rows of user data, one per item
//! the search index holds: people, 1-on-1s (any status), talking points,
//! action items, feedback, conflicts, conflict updates, questions asked,
//! goals and goal check-ins. Feedback tags and conflict parties belong to
//! their feedback or conflict; the report counts them apart, not as records.
//!
//! # Words for search benchmarks
//!
//! - [`RARE_WORD`] ("zanzibar", a project codename) is in the notes of
//!   exactly [`RARE_WORD_RECORDS`] held 1-on-1s (fewer only if the journal
//!   holds fewer), and nowhere else.
//! - [`COMMON_WORD`] ("roadmap") is in about [`COMMON_WORD_PERCENT`]% of all
//!   records. Each record with generated text mentions it with a chance a
//!   little above that (a carried talking point keeps its original's text),
//!   because some records have no text: cancelled 1-on-1s, mostly.
//! - [`PHRASE`] ("error budget") is a two-word phrase of the notes and
//!   talking points, in a few percent of records; "error" and "budget" also
//!   appear apart.
//! - [`PREFIX`] ("deploy") begins several words: deploy, deploys, deployed,
//!   deploying, deployment.

mod rng;
mod text;

use std::collections::HashSet;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use rusqlite::{params, CachedStatement, Connection};
use serde::{Deserialize, Serialize};

use crate::store::atomic;
use crate::{Error, Result};
use rng::Rng;
use text::Ctx;

/// A word in exactly [`RARE_WORD_RECORDS`] records: 1-on-1 notes.
pub const RARE_WORD: &str = "zanzibar";
/// How many records hold [`RARE_WORD`].
pub const RARE_WORD_RECORDS: usize = 20;
/// A word in about [`COMMON_WORD_PERCENT`]% of all records.
pub const COMMON_WORD: &str = "roadmap";
/// The share of all records, in percent, that mention [`COMMON_WORD`].
pub const COMMON_WORD_PERCENT: u64 = 25;
/// The chance, per thousand, that a record with text mentions it: about 5%
/// of records have no text of their own to mention it in.
const COMMON_WORD_PER_MILLE: u64 = 264;
/// A two-word phrase found in a few percent of records.
pub const PHRASE: &str = "error budget";
/// A prefix shared by several words of the journal.
pub const PREFIX: &str = "deploy";

/// The tables of the records the demo writes, one per kind: the keys of
/// [`DemoReport`]'s counts, the journal's table names and the export's
/// record kinds alike.
pub const RECORD_TABLES: [&str; 10] = [
    "people",
    "one_on_ones",
    "talking_points",
    "action_items",
    "feedback",
    "conflicts",
    "conflict_updates",
    "questions_asked",
    "goals",
    "goal_checkins",
];

/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 1;
/// Bounds of the options, so a typo does not fill the disk.
pub const MAX_PEOPLE: usize = 500;
pub const MAX_YEARS: u32 = 30;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoOptions {
    /// The size of the team at any one time (1 to [`MAX_PEOPLE`]).
    pub people: usize,
    /// How many years the journal covers, ending on `end` (1 to
    /// [`MAX_YEARS`]).
    pub years: u32,
    pub seed: u64,
    /// The journal's last day: "today" for the generated journal. Only the
    /// next scheduled 1-on-1s lie after it.
    pub end: NaiveDate,
}

impl DemoOptions {
    /// The app's "try it with a sample team": eight people, two years.
    pub fn sample(end: NaiveDate) -> DemoOptions {
        DemoOptions {
            people: 8,
            years: 2,
            seed: DEFAULT_SEED,
            end,
        }
    }
}

/// How far the generation is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Steps done: the team, then each person's history, then conflicts.
    pub done: usize,
    pub total: usize,
    /// Records written so far.
    pub records: usize,
}

/// What was written. See the module documentation for what "records" are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DemoReport {
    /// The journal's first day.
    pub from: Option<NaiveDate>,
    /// The journal's last day ("today").
    pub to: Option<NaiveDate>,
    pub people: usize,
    /// Of which archived (they left the team).
    pub archived_people: usize,
    pub one_on_ones: usize,
    pub talking_points: usize,
    pub action_items: usize,
    pub feedback: usize,
    pub conflicts: usize,
    pub conflict_updates: usize,
    pub questions_asked: usize,
    pub goals: usize,
    pub goal_checkins: usize,
    /// Not records: part of their feedback.
    pub feedback_tags: usize,
    /// Not records: part of their conflict.
    pub conflict_parties: usize,
    /// Records of every kind together.
    pub records: usize,
}

impl DemoReport {
    fn total(&self) -> usize {
        self.people
            + self.one_on_ones
            + self.talking_points
            + self.action_items
            + self.feedback
            + self.conflicts
            + self.conflict_updates
            + self.questions_asked
            + self.goals
            + self.goal_checkins
    }
}

/// Fills an empty journal with a synthetic team's history; see the module
/// documentation. All of it is written in one transaction (a savepoint, so
/// it also nests in the caller's): on any error nothing is left behind.
/// `progress`, if given, is called after each step.
pub fn generate(
    conn: &Connection,
    options: &DemoOptions,
    progress: Option<&dyn Fn(Progress)>,
) -> Result<DemoReport> {
    let start = check_options(options)?;
    let tuning = Tuning::apply(conn)?;
    let result = generate_in_transaction(conn, options, start, progress);
    tuning.restore(conn);
    result
}

/// Connection settings that make one very large transaction fast, and the
/// connection's own values to put back afterwards.
struct Tuning {
    cache_size: i64,
    temp_store: Option<i64>,
}

/// The page cache while generating, in KiB: the journal's every page is
/// written in one transaction, and with SQLite's default cache (2 MB) most
/// pages would be spilled to the WAL and rewritten many times over.
const GENERATION_CACHE_KIB: i64 = 256 * 1024;

impl Tuning {
    fn apply(conn: &Connection) -> Result<Tuning> {
        let cache_size: i64 = conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
        conn.pragma_update(None, "cache_size", -GENERATION_CACHE_KIB)?;
        // Temporary data in memory: the search index is built at the end by
        // one insert that sorts every record's text (search::bulk), and on
        // disk (the default) that sort spills to a temporary file. Changing
        // temp_store drops temporary tables and is refused inside a
        // transaction, so it is changed only on an idle connection without
        // any.
        let temp_store: i64 = conn.pragma_query_value(None, "temp_store", |row| row.get(0))?;
        let temp_objects: i64 =
            conn.query_row("SELECT count(*) FROM temp.sqlite_schema", [], |row| {
                row.get(0)
            })?;
        let temp_store = (temp_store != 2 && temp_objects == 0 && conn.is_autocommit())
            .then(|| {
                conn.pragma_update(None, "temp_store", "MEMORY")
                    .map(|_| temp_store)
            })
            .transpose()?;
        Ok(Tuning {
            cache_size,
            temp_store,
        })
    }

    /// Puts the settings back. Failing to would only leave the connection
    /// tuned differently, and must not hide how the generation went.
    fn restore(self, conn: &Connection) {
        if let Some(temp_store) = self.temp_store {
            let _ = conn.pragma_update(None, "temp_store", temp_store);
        }
        let _ = conn.pragma_update(None, "cache_size", self.cache_size);
    }
}

fn generate_in_transaction(
    conn: &Connection,
    options: &DemoOptions,
    start: NaiveDate,
    progress: Option<&dyn Fn(Progress)>,
) -> Result<DemoReport> {
    atomic(conn, |conn| {
        let not_empty: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM people) OR EXISTS (SELECT 1 FROM conflicts)",
            [],
            |row| row.get(0),
        )?;
        if not_empty {
            return Err(Error::invalid(
                "journal",
                "the journal is not empty: demo data goes into an empty journal only",
            ));
        }
        // The journal is empty, so indexing it once at the end is faster
        // than indexing every record as it is written (see search::bulk).
        crate::search::bulk::write(conn, crate::progress::Progress::none(), |conn| {
            write_demo(conn, options, start, progress)
        })
    })
}

/// Writes the demo team's history (inside [`generate_in_transaction`]).
fn write_demo(
    conn: &Connection,
    options: &DemoOptions,
    start: NaiveDate,
    progress: Option<&dyn Fn(Progress)>,
) -> Result<DemoReport> {
    let bank = Bank::load(conn)?;
    let mut rng = Rng::new(options.seed);
    let plan = Plan::new(&mut rng, options, start);
    let mut writer = Writer::new(conn)?;
    writer.report.from = Some(start);
    writer.report.to = Some(options.end);
    let total = plan.people.len() + 2;
    let tell = |done: usize, report: &DemoReport| {
        if let Some(progress) = progress {
            progress(Progress {
                done,
                total,
                records: report.total(),
            });
        }
    };

    write_people(&mut writer, &mut rng.fork(), &plan)?;
    tell(1, &writer.report);
    let mut history_rngs: Vec<Rng> = plan.people.iter().map(|_| rng.fork()).collect();
    for (index, person_rng) in history_rngs.iter_mut().enumerate() {
        write_history(&mut writer, person_rng, &plan, &bank, index)?;
        tell(index + 2, &writer.report);
    }
    write_conflicts(&mut writer, &mut rng.fork(), &plan)?;
    writer.report.records = writer.report.total();
    tell(total, &writer.report);
    Ok(writer.report.clone())
}

/// Checks the options; returns the journal's first day.
fn check_options(options: &DemoOptions) -> Result<NaiveDate> {
    if !(1..=MAX_PEOPLE).contains(&options.people) {
        return Err(Error::invalid(
            "people",
            format!(
                "the demo team has 1 to {MAX_PEOPLE} people (got {})",
                options.people
            ),
        ));
    }
    if !(1..=MAX_YEARS).contains(&options.years) {
        return Err(Error::invalid(
            "years",
            format!(
                "the demo journal covers 1 to {MAX_YEARS} years (got {})",
                options.years
            ),
        ));
    }
    let start = options
        .end
        .checked_sub_months(Months::new(12 * options.years))
        .filter(|start| start.year() >= 1900 && options.end.year() <= 9000)
        .ok_or_else(|| {
            Error::invalid(
                "end",
                format!(
                    "the demo journal cannot end on {} and cover {} years",
                    options.end, options.years
                ),
            )
        })?;
    Ok(start)
}

/// Words reserved for the search benchmarks, which invented terms avoid.
fn is_reserved(word: &str) -> bool {
    let word = word.to_lowercase();
    word.contains(RARE_WORD) || word.contains(COMMON_WORD) || word.contains(PREFIX)
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// The nearest working day: Saturday moves back to Friday, Sunday on to
/// Monday.
fn workday(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day - days(1),
        Weekday::Sun => day + days(1),
        _ => day,
    }
}

/// `day`, or the Monday after it when it falls on a weekend.
fn weekday_from(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day + days(2),
        Weekday::Sun => day + days(1),
        _ => day,
    }
}

fn is_year_end(day: NaiveDate) -> bool {
    (day.month() == 12 && day.day() >= 23) || (day.month() == 1 && day.day() <= 2)
}

/// An instant on `day` during working hours, as the journal stores them.
fn stamp(rng: &mut Rng, day: NaiveDate) -> String {
    let seconds = rng.range(8 * 3600, 18 * 3600);
    format!(
        "{day}T{:02}:{:02}:{:02}.{:03}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60,
        rng.below(1000)
    )
}

/// Created and updated instants; the same instant when on the same day.
fn stamps(rng: &mut Rng, created: NaiveDate, updated: NaiveDate) -> (String, String) {
    let first = stamp(rng, created);
    if updated <= created {
        (first.clone(), first)
    } else {
        (first, stamp(rng, updated))
    }
}

// ---------------------------------------------------------------------------
// What the journal holds, decided before anything is written: the team over
// time, every 1-on-1's day and status, and the conflicts.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Scheduled,
    Held,
    Cancelled,
    Rescheduled,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Held => "held",
            Status::Cancelled => "cancelled",
            Status::Rescheduled => "rescheduled",
        }
    }
}

struct Meeting {
    id: String,
    at: NaiveDateTime,
    status: Status,
    /// The day it was put in the calendar.
    booked_on: NaiveDate,
    /// Its notes mention [`RARE_WORD`].
    rare: bool,
    /// The last held 1-on-1 with someone who left.
    farewell: bool,
}

impl Meeting {
    fn day(&self) -> NaiveDate {
        self.at.date()
    }
}

struct Person {
    id: String,
    name: String,
    first: &'static str,
    role: &'static str,
    team: &'static str,
    /// Their first day at the company (`start_date`).
    started: NaiveDate,
    /// The day they joined the journal (their `created_at`).
    joined: NaiveDate,
    /// Their last day, when they left (archived).
    left: Option<NaiveDate>,
    cadence: i64,
    meetings: Vec<Meeting>,
    /// Conflicts they are a party to.
    conflicts: Vec<usize>,
    /// Feedback drafted in the journal's last days, not delivered yet.
    open_feedback: usize,
}

impl Person {
    fn on_team(&self, day: NaiveDate) -> bool {
        self.joined <= day && self.left.is_none_or(|left| day < left)
    }
}

struct Conflict {
    id: String,
    /// Which of [`text::SCENARIOS`] it is.
    scenario: usize,
    title: String,
    surfaced: NaiveDate,
    /// Its last day of activity: resolved or parked then, or still going.
    last_active: NaiveDate,
    status: &'static str,
    members: Vec<usize>,
    outsiders: Vec<&'static str>,
}

struct Plan {
    end: NaiveDate,
    people: Vec<Person>,
    conflicts: Vec<Conflict>,
}

impl Plan {
    fn new(rng: &mut Rng, options: &DemoOptions, start: NaiveDate) -> Plan {
        let end = options.end;
        let mut people = plan_team(rng, options, start);
        for person in &mut people {
            person.meetings = plan_meetings(rng, person, end);
        }
        // About half the team has feedback drafted in the last days, and
        // always someone: the Due view of a demo should show some.
        let active: Vec<usize> = (0..people.len())
            .filter(|&i| people[i].left.is_none())
            .collect();
        for &i in &active {
            people[i].open_feedback = if rng.chance(50) {
                rng.range(1, 2) as usize
            } else {
                0
            };
        }
        if let Some(&first) = active.first() {
            if active.iter().all(|&i| people[i].open_feedback == 0) {
                people[first].open_feedback = 1;
            }
        }
        let conflicts = plan_conflicts(rng, &mut people, options, start);
        let mut plan = Plan {
            end,
            people,
            conflicts,
        };
        plan.choose_rare(rng);
        plan
    }

    /// Marks [`RARE_WORD_RECORDS`] held 1-on-1s, drawn evenly from all of
    /// them (Floyd's sampling), to mention the rare word.
    fn choose_rare(&mut self, rng: &mut Rng) {
        let held: Vec<(usize, usize)> = self
            .people
            .iter()
            .enumerate()
            .flat_map(|(p, person)| {
                person
                    .meetings
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.status == Status::Held)
                    .map(move |(m, _)| (p, m))
            })
            .collect();
        let n = held.len() as u64;
        let k = RARE_WORD_RECORDS.min(held.len()) as u64;
        let mut chosen = HashSet::new();
        for j in n - k..n {
            let t = rng.below(j + 1);
            if !chosen.insert(t) {
                chosen.insert(j);
            }
        }
        for index in chosen {
            let (p, m) = held[index as usize];
            self.people[p].meetings[m].rare = true;
        }
    }

    /// Up to `n` first names of people on the team on `day`, other than
    /// `except`.
    fn mates(&self, rng: &mut Rng, day: NaiveDate, except: usize, n: usize) -> Vec<&'static str> {
        let mut mates: Vec<&'static str> = Vec::with_capacity(n);
        for _ in 0..n * 4 {
            let index = rng.below(self.people.len() as u64) as usize;
            let person = &self.people[index];
            if index != except && person.on_team(day) && !mates.contains(&person.first) {
                mates.push(person.first);
                if mates.len() == n {
                    break;
                }
            }
        }
        mates
    }

    /// A conflict `person` is a party to that is going on on `day`.
    fn conflict_on(&self, person: &Person, day: NaiveDate) -> Option<&Conflict> {
        person
            .conflicts
            .iter()
            .map(|&c| &self.conflicts[c])
            .find(|c| c.surfaced <= day && day <= c.last_active)
    }
}

/// The team over time: each of the `options.people` places is held by one
/// person after another.
fn plan_team(rng: &mut Rng, options: &DemoOptions, start: NaiveDate) -> Vec<Person> {
    let end = options.end;
    let mut names: HashSet<String> = HashSet::new();
    let mut people = Vec::new();
    for _place in 0..options.people {
        let mut team = rng.zipf(text::TEAMS);
        let mut joined = start;
        let mut founding = true;
        loop {
            let senior = rng.chance(22);
            let role = if senior {
                rng.zipf(text::SENIOR_ROLES)
            } else {
                rng.zipf(text::ROLES)
            };
            if rng.chance(20) {
                team = rng.zipf(text::TEAMS);
            }
            let cadence = match (senior, rng.below(100)) {
                (true, 0..=59) => 14,
                (true, 60..=84) => 30,
                (false, 0..=3) => 14,
                _ => 7,
            };
            // The founding team was there before the journal started.
            let started = if founding {
                joined - days(rng.range(20, 6 * 365))
            } else {
                joined
            };
            let mut stay = rng.range(300, 7 * 365);
            if rng.chance(20) {
                stay += rng.range(0, 5 * 365);
            }
            let left = Some(joined + days(stay)).filter(|left| *left < end);
            let (first, name) = unique_name(rng, &mut names);
            people.push(Person {
                id: rng.uuid(),
                name,
                first,
                role,
                team,
                started,
                joined,
                left,
                cadence,
                meetings: Vec::new(),
                conflicts: Vec::new(),
                open_feedback: 0,
            });
            match left {
                None => break,
                Some(left) => {
                    joined = left + days(rng.range(14, 90));
                    founding = false;
                    if joined >= end - days(14) {
                        break;
                    }
                }
            }
        }
    }
    people
}

fn unique_name(rng: &mut Rng, names: &mut HashSet<String>) -> (&'static str, String) {
    for attempt in 0.. {
        let first = rng.pick(text::FIRST_NAMES);
        let last = rng.pick(text::LAST_NAMES);
        let name = match attempt {
            0..=19 => format!("{first} {last}"),
            _ => {
                let initial = char::from(b'A' + rng.below(26) as u8);
                format!("{first} {initial}. {last}")
            }
        };
        if names.insert(name.clone()) {
            return (first, name);
        }
    }
    unreachable!("the loop returns")
}

/// A person's 1-on-1s from their first week to their last day, or to the
/// journal's end and the next one after it.
fn plan_meetings(rng: &mut Rng, person: &Person, end: NaiveDate) -> Vec<Meeting> {
    let cadence = person.cadence;
    let time = NaiveTime::from_hms_opt(
        rng.range(9, 16) as u32,
        if rng.chance(50) { 0 } else { 30 },
        0,
    )
    .unwrap_or_default();
    let active = person.left.is_none();
    // A few people are overdue at the end; a few have a 1-on-1 whose day has
    // passed but that was never marked held.
    let behind = active && rng.chance(6);
    let cutoff = end - days(cadence + cadence / 2 + rng.range(1, cadence));
    let missed = active && !behind && rng.chance(8);
    let stop = person.left.unwrap_or(NaiveDate::MAX);

    let mut meetings = Vec::new();
    let mut push = |rng: &mut Rng, day: NaiveDate, status: Status, booked_on: NaiveDate| {
        meetings.push(Meeting {
            id: rng.uuid(),
            at: day.and_time(time),
            status,
            booked_on: booked_on.min(day),
            rare: false,
            farewell: false,
        });
    };
    let mut slot = person.joined + days(rng.range(1, cadence.min(10)));
    let mut booked = person.joined;
    loop {
        let day = workday(slot);
        if day >= stop || (behind && day > cutoff) {
            break;
        }
        if day > end || (missed && day + days(cadence) > end) {
            push(rng, day, Status::Scheduled, booked);
            break;
        }
        let roll = rng.below(100);
        if roll < 6 || (is_year_end(day) && roll < 75) {
            push(rng, day, Status::Cancelled, booked);
            booked = day;
        } else if roll < 12 && day + days(5) < stop {
            let moved = weekday_from(day + days(rng.range(1, 3)));
            push(rng, day, Status::Rescheduled, booked);
            let rebooked = (day - days(1)).max(booked);
            if moved > end {
                push(rng, moved, Status::Scheduled, rebooked);
                break;
            }
            let status = if rng.chance(8) {
                Status::Cancelled
            } else {
                Status::Held
            };
            push(rng, moved, status, rebooked);
            booked = moved;
        } else {
            push(rng, day, Status::Held, booked);
            booked = day;
        }
        slot += days(cadence);
    }
    if person.left.is_some() {
        if let Some(last) = meetings.iter_mut().rev().find(|m| m.status == Status::Held) {
            last.farewell = true;
        }
    }
    meetings
}

/// A few conflicts a year, between people on the team at the time and
/// sometimes outsiders.
fn plan_conflicts(
    rng: &mut Rng,
    people: &mut [Person],
    options: &DemoOptions,
    start: NaiveDate,
) -> Vec<Conflict> {
    let end = options.end;
    let span = (end - start).num_days();
    let per_year = 2 + options.people as i64 / 6;
    let count = (per_year * i64::from(options.years) + rng.range(-1, 1)).max(1);
    let mut conflicts = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let surfaced = start + days(rng.range(span.min(20), span));
        let on_team: Vec<usize> = people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.on_team(surfaced))
            .map(|(i, _)| i)
            .collect();
        let (want_members, want_outsiders) = match rng.below(100) {
            0..=64 => (2, 0),
            65..=84 => (1, 1),
            85..=94 => (2, 1),
            _ => (0, 2),
        };
        let mut members: Vec<usize> = Vec::new();
        for _ in 0..want_members * 4 {
            if members.len() == want_members || on_team.is_empty() {
                break;
            }
            let candidate = rng.pick(&on_team);
            if !members.contains(&candidate) {
                members.push(candidate);
            }
        }
        let mut outsiders: Vec<&'static str> = Vec::new();
        while members.len() + outsiders.len() < want_members + want_outsiders
            || members.len() + outsiders.len() < 2
        {
            let outsider = rng.pick(text::OUTSIDERS);
            if !outsiders.contains(&outsider) {
                outsiders.push(outsider);
            }
        }
        let lasts = surfaced + days(rng.range(7, 80));
        let (status, last_active) = if lasts <= end - days(7) {
            match rng.below(100) {
                0..=79 => ("resolved", lasts),
                80..=91 => ("parked", lasts),
                _ => ("in_progress", lasts),
            }
        } else {
            let last = (end - days(rng.range(0, 12))).max(surfaced);
            (
                if rng.chance(45) {
                    "open"
                } else {
                    "in_progress"
                },
                last,
            )
        };
        let ctx = Ctx {
            name: "",
            mates: &[],
            parties: "",
        };
        let scenario = rng.below(text::SCENARIOS.len() as u64) as usize;
        let title = text::phrase(text::SCENARIOS[scenario].title, rng, &ctx);
        for &member in &members {
            people[member].conflicts.push(conflicts.len());
        }
        conflicts.push(Conflict {
            id: rng.uuid(),
            scenario,
            title,
            surfaced,
            last_active,
            status,
            members,
            outsiders,
        });
    }
    conflicts
}

// ---------------------------------------------------------------------------
// Writing.

/// The built-in question bank and agenda templates, read from the journal.
struct Bank {
    /// (id, text, category), in id order.
    questions: Vec<(String, String, String)>,
    /// Indexes of the first-1-on-1 questions.
    first_questions: Vec<usize>,
    first_prompts: Vec<(String, String)>,
    career_prompts: Vec<(String, String)>,
}

/// The built-in templates' fixed ids (migration 2).
const FIRST_TEMPLATE: &str = "6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0002";
const CAREER_TEMPLATE: &str = "6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0003";

impl Bank {
    fn load(conn: &Connection) -> Result<Bank> {
        let mut stmt = conn.prepare(
            "SELECT id, text, category FROM coaching_questions \
             WHERE builtin = 1 AND retired = 0 ORDER BY id",
        )?;
        let questions: Vec<(String, String, String)> = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let first_questions = questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.2 == "first_one_on_ones")
            .map(|(i, _)| i)
            .collect();
        let prompts = |template: &str| -> Result<Vec<(String, String)>> {
            let mut stmt = conn.prepare(
                "SELECT text, raised_by FROM agenda_template_prompts \
                 WHERE template_id = ?1 ORDER BY position",
            )?;
            let rows = stmt.query_map([template], |row| Ok((row.get(0)?, row.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Bank {
            first_prompts: prompts(FIRST_TEMPLATE)?,
            career_prompts: prompts(CAREER_TEMPLATE)?,
            questions,
            first_questions,
        })
    }
}

/// One prepared statement per table, used for every row.
struct Writer<'c> {
    people: CachedStatement<'c>,
    meetings: CachedStatement<'c>,
    points: CachedStatement<'c>,
    items: CachedStatement<'c>,
    feedback: CachedStatement<'c>,
    tags: CachedStatement<'c>,
    conflicts: CachedStatement<'c>,
    parties: CachedStatement<'c>,
    updates: CachedStatement<'c>,
    asked: CachedStatement<'c>,
    goals: CachedStatement<'c>,
    checkins: CachedStatement<'c>,
    report: DemoReport,
}

impl<'c> Writer<'c> {
    fn new(conn: &'c Connection) -> Result<Writer<'c>> {
        Ok(Writer {
            people: conn.prepare_cached(
                "INSERT INTO people (id, name, role, team, start_date, cadence_days, \
                 feedback_preferences, recognition, feedback_medium, notes, archived_at, \
                 created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            meetings: conn.prepare_cached(
                "INSERT INTO one_on_ones (id, person_id, scheduled_at, status, held_on, \
                 rescheduled_to, notes, outcomes, mood, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            points: conn.prepare_cached(
                "INSERT INTO talking_points (id, one_on_one_id, text, raised_by, position, \
                 resolved, carried_from_id, first_raised_on, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            items: conn.prepare_cached(
                "INSERT INTO action_items (id, person_id, one_on_one_id, text, owner, due_on, \
                 done_on, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            feedback: conn.prepare_cached(
                "INSERT INTO feedback (id, person_id, kind, context, observation, impact, \
                 next_time, observed_on, status, delivered_on, delivered_in, response, \
                 created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?,
            tags: conn
                .prepare_cached("INSERT INTO feedback_tags (feedback_id, tag) VALUES (?1, ?2)")?,
            conflicts: conn.prepare_cached(
                "INSERT INTO conflicts (id, title, description, surfaced_on, status, next_step, \
                 resolution, resolved_on, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            parties: conn.prepare_cached(
                "INSERT INTO conflict_parties (conflict_id, position, person_id, outsider_name) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?,
            updates: conn.prepare_cached(
                "INSERT INTO conflict_updates (id, conflict_id, noted_on, note, one_on_one_id, \
                 created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            asked: conn.prepare_cached(
                "INSERT INTO questions_asked (id, question_id, question_text, person_id, \
                 asked_on, one_on_one_id, answer, follow_up, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            goals: conn.prepare_cached(
                "INSERT INTO goals (id, person_id, title, why, measure, target_on, status, \
                 created_on, closed_on, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            checkins: conn.prepare_cached(
                "INSERT INTO goal_checkins (id, goal_id, noted_on, note, progress, \
                 one_on_one_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            report: DemoReport::default(),
        })
    }
}

fn common(rng: &mut Rng) -> bool {
    rng.below(1000) < COMMON_WORD_PER_MILLE
}

fn write_people(w: &mut Writer<'_>, rng: &mut Rng, plan: &Plan) -> Result<()> {
    for (index, person) in plan.people.iter().enumerate() {
        let mates = plan.mates(rng, person.joined, index, 2);
        let ctx = Ctx {
            name: person.first,
            mates: &mates,
            parties: "",
        };
        let preferences = if rng.chance(70) {
            (rng.zipf(text::PREFERENCES)).to_owned()
        } else {
            String::new()
        };
        let recognition = rng.chance(70).then(|| rng.pick(&["public", "private"][..]));
        let medium = rng.chance(60).then(|| rng.pick(&["written", "spoken"][..]));
        let mut used = Vec::new();
        let mut lines: Vec<String> = (0..rng.range(0, 3))
            .map(|_| {
                let mut line = String::new();
                text::push_fresh(&mut line, text::PERSON_NOTES, &mut used, rng, &ctx);
                line
            })
            .collect();
        if common(rng) {
            lines.push(text::from(text::ROADMAP_PERSON_NOTES, rng, &ctx));
        }
        let notes = lines.join("\n");
        let (created, updated) = stamps(rng, person.joined, person.left.unwrap_or(person.joined));
        let archived = person.left.map(|_| updated.clone());
        w.people.execute(params![
            person.id,
            person.name,
            person.role,
            person.team,
            person.started,
            person.cadence,
            preferences,
            recognition,
            medium,
            notes,
            archived,
            created,
            updated,
        ])?;
        w.report.people += 1;
        w.report.archived_people += usize::from(person.left.is_some());
    }
    Ok(())
}

/// An unresolved talking point of a held 1-on-1, waiting to be carried.
struct OpenPoint {
    id: String,
    text: String,
    raised_by: &'static str,
    first_raised_on: NaiveDate,
    /// How many times it has been carried already.
    carried: u32,
}

/// A goal while its person's history is written.
struct GoalState {
    id: String,
    created_on: NaiveDate,
    /// When it is planned to be achieved (or, with no target, hoped to).
    horizon: NaiveDate,
    closed_on: Option<NaiveDate>,
    /// The progress reached when it closes.
    final_progress: i64,
    last_checkin: NaiveDate,
    progress: i64,
}

/// A person's mood, in hundredths, drifting slowly around their baseline.
struct Mood {
    baseline: i64,
    level: i64,
    /// 1-on-1s left in a rough patch.
    rough: i64,
}

impl Mood {
    fn new(rng: &mut Rng) -> Mood {
        let baseline = rng.range(290, 450);
        Mood {
            baseline,
            level: baseline,
            rough: 0,
        }
    }

    /// The mood at the next held 1-on-1, 1 to 5.
    fn next(&mut self, rng: &mut Rng, in_conflict: bool) -> i64 {
        if self.rough == 0 && rng.chance(3) {
            self.rough = rng.range(3, 8);
        }
        let mut target = self.baseline;
        if self.rough > 0 {
            target -= 130;
            self.rough -= 1;
        }
        if in_conflict {
            target -= 60;
        }
        self.level = (self.level + (target - self.level) / 4 + rng.range(-20, 20)).clamp(100, 500);
        ((self.level + rng.range(-35, 35) + 50) / 100).clamp(1, 5)
    }
}

/// A person's 1-on-1s with everything that happened in them, in order.
fn write_history(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    plan: &Plan,
    bank: &Bank,
    index: usize,
) -> Result<()> {
    let person = &plan.people[index];
    let end = plan.end;
    let mut state = History {
        mood: Mood::new(rng),
        open: Vec::new(),
        goals: Vec::new(),
        next_goals: person.joined + days(rng.range(21, 60)),
        next_career: person.joined + days(rng.range(150, 220)),
        asked: Vec::new(),
        met: false,
    };
    let mut rescheduled: Option<&Meeting> = None;
    for meeting in &person.meetings {
        if meeting.status == Status::Rescheduled {
            // Written after its replacement, which it points to.
            rescheduled = Some(meeting);
            continue;
        }
        let day = meeting.day();
        let mates = plan.mates(rng, day, index, 4);
        let ctx = Ctx {
            name: person.first,
            mates: &mates,
            parties: "",
        };
        write_meeting(w, rng, plan, person, meeting, &ctx, &mut state)?;
        if let Some(old) = rescheduled.take() {
            let (created, updated) = stamps(rng, old.booked_on, meeting.booked_on);
            w.meetings.execute(params![
                old.id,
                person.id,
                old.at
                    .format(crate::store::one_on_ones::DATETIME_FORMAT)
                    .to_string(),
                Status::Rescheduled.as_str(),
                None::<NaiveDate>,
                meeting.id,
                "",
                "",
                None::<i64>,
                created,
                updated,
            ])?;
            w.report.one_on_ones += 1;
        }
        write_points(w, rng, bank, meeting, &ctx, &mut state)?;
        if meeting.status == Status::Held {
            write_items(w, rng, person, meeting, &ctx, end)?;
            write_feedback_given(w, rng, person, meeting, &ctx, state.met)?;
            write_questions(w, rng, bank, person, meeting, &ctx, &mut state)?;
            write_goals(w, rng, person, meeting, &ctx, end, &mut state)?;
            state.met = true;
        }
    }
    for _ in 0..person.open_feedback {
        write_open_feedback(w, rng, plan, person, index)?;
    }
    Ok(())
}

/// What carries from one 1-on-1 to the next with the same person.
struct History {
    mood: Mood,
    open: Vec<OpenPoint>,
    goals: Vec<GoalState>,
    next_goals: NaiveDate,
    next_career: NaiveDate,
    /// Bank questions asked: (index, day).
    asked: Vec<(usize, NaiveDate)>,
    /// A 1-on-1 has been held already.
    met: bool,
}

fn write_meeting(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    plan: &Plan,
    person: &Person,
    meeting: &Meeting,
    ctx: &Ctx<'_>,
    state: &mut History,
) -> Result<()> {
    let day = meeting.day();
    let (notes, outcomes, mood) = match meeting.status {
        Status::Held => {
            let conflict = plan.conflict_on(person, day);
            let mood = state.mood.next(rng, conflict.is_some());
            let common = common(rng);
            let notes = meeting_notes(
                rng,
                ctx,
                &NoteFlags {
                    mood,
                    common,
                    rare: meeting.rare,
                    conflict: conflict.map(|c| c.title.as_str()),
                    farewell: meeting.farewell,
                },
            );
            let mut outcomes = String::new();
            if rng.chance(75) {
                let mut used = Vec::new();
                for i in 0..rng.range(1, 3) {
                    outcomes.push_str(if i == 0 { "- " } else { "\n- " });
                    text::push_fresh(&mut outcomes, text::OUTCOMES, &mut used, rng, ctx);
                }
            }
            (notes, outcomes, rng.chance(90).then_some(mood))
        }
        Status::Cancelled => {
            let notes = if rng.chance(25) {
                text::from(text::CANCEL_REASONS, rng, ctx)
            } else {
                String::new()
            };
            (notes, String::new(), None)
        }
        _ => {
            let notes = if rng.chance(30) {
                format!("- {}", text::from(text::PREP, rng, ctx))
            } else {
                String::new()
            };
            (notes, String::new(), None)
        }
    };
    let held_on = (meeting.status == Status::Held).then_some(day);
    let (created, updated) = stamps(rng, meeting.booked_on, held_on.unwrap_or(meeting.booked_on));
    w.meetings.execute(params![
        meeting.id,
        person.id,
        meeting
            .at
            .format(crate::store::one_on_ones::DATETIME_FORMAT)
            .to_string(),
        meeting.status.as_str(),
        held_on,
        None::<String>,
        notes,
        outcomes,
        mood,
        created,
        updated,
    ])?;
    w.report.one_on_ones += 1;
    Ok(())
}

struct NoteFlags<'a> {
    mood: i64,
    common: bool,
    rare: bool,
    conflict: Option<&'a str>,
    farewell: bool,
}

/// A few short Markdown paragraphs and lists.
fn meeting_notes(rng: &mut Rng, ctx: &Ctx<'_>, flags: &NoteFlags<'_>) -> String {
    let mut used: Vec<&'static str> = Vec::with_capacity(12);
    let mut blocks: Vec<String> = Vec::with_capacity(6);
    let mut opening = text::from(text::OPENERS, rng, ctx);
    for _ in 0..rng.range(0, 2) {
        opening.push(' ');
        text::push_fresh(&mut opening, text::SENTENCES, &mut used, rng, ctx);
    }
    if flags.mood <= 2 {
        opening.push(' ');
        text::push_from(&mut opening, text::CONCERNS, rng, ctx);
    } else if flags.mood == 5 && rng.chance(60) {
        opening.push(' ');
        text::push_from(&mut opening, text::POSITIVES, rng, ctx);
    }
    blocks.push(opening);
    for _ in 0..rng.range(1, 3) {
        let mut block = String::with_capacity(240);
        if rng.chance(45) {
            if rng.chance(25) {
                block.push_str(rng.pick(text::HEADINGS));
                block.push_str("\n\n");
            }
            for i in 0..rng.range(2, 4) {
                if i > 0 {
                    block.push('\n');
                }
                block.push_str("- ");
                text::push_fresh(&mut block, text::BULLETS, &mut used, rng, ctx);
            }
        } else {
            for i in 0..rng.range(1, 3) {
                if i > 0 {
                    block.push(' ');
                }
                text::push_fresh(&mut block, text::SENTENCES, &mut used, rng, ctx);
            }
        }
        blocks.push(block);
    }
    if let Some(title) = flags.conflict {
        if rng.chance(50) {
            blocks.push(format!("Talked about the conflict: {title}."));
        }
    }
    for (wanted, bank) in [
        (flags.common, text::ROADMAP_SENTENCES),
        (flags.rare, text::RARE),
    ] {
        if wanted {
            let sentence = text::from(bank, rng, ctx);
            let at = rng.below(blocks.len() as u64) as usize;
            let block = &mut blocks[at];
            if block.starts_with("- ") || block.contains("\n- ") {
                block.push_str("\n- ");
            } else {
                block.push(' ');
            }
            block.push_str(&sentence);
        }
    }
    if flags.farewell {
        blocks.push(text::from(text::FAREWELL, rng, ctx));
    }
    blocks.join("\n\n")
}

/// The agenda: points carried from the last held 1-on-1 first, then new
/// ones (or a template's prompts).
fn write_points(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    bank: &Bank,
    meeting: &Meeting,
    ctx: &Ctx<'_>,
    state: &mut History,
) -> Result<()> {
    let day = meeting.day();
    let held = meeting.status == Status::Held;
    let mut position = 0i64;
    let mut still_open: Vec<OpenPoint> = Vec::new();
    for point in &state.open {
        position += 1;
        let resolved = held && (point.carried >= 3 || rng.chance(70));
        let id = rng.uuid();
        let (created, updated) = stamps(
            rng,
            meeting.booked_on,
            if held { day } else { meeting.booked_on },
        );
        w.points.execute(params![
            id,
            meeting.id,
            point.text,
            point.raised_by,
            position,
            resolved,
            point.id,
            point.first_raised_on,
            created,
            updated,
        ])?;
        w.report.talking_points += 1;
        if held && !resolved {
            still_open.push(OpenPoint {
                id,
                text: point.text.clone(),
                raised_by: point.raised_by,
                first_raised_on: point.first_raised_on,
                carried: point.carried + 1,
            });
        }
    }

    // New points: (text, raised by, resolved).
    let mut new: Vec<(String, &'static str, bool)> = Vec::new();
    match meeting.status {
        Status::Held if !state.met && !bank.first_prompts.is_empty() => {
            for (text, by) in &bank.first_prompts {
                new.push((text.clone(), party(by), true));
            }
        }
        Status::Held if day >= state.next_career && !bank.career_prompts.is_empty() => {
            state.next_career = day + days(rng.range(150, 220));
            for (text, by) in &bank.career_prompts {
                new.push((text.clone(), party(by), rng.chance(85)));
            }
        }
        Status::Held => {
            let wanted = rng.range(3, 5) - state.open.len() as i64;
            for _ in 0..wanted.max(1) {
                let (text, by) = new_point(rng, ctx);
                new.push((text, by, rng.chance(78)));
            }
        }
        Status::Cancelled => {
            if rng.chance(15) {
                let (text, by) = new_point(rng, ctx);
                new.push((text, by, false));
            }
        }
        _ => {
            for _ in 0..rng.range(0, 2) {
                let (text, by) = new_point(rng, ctx);
                new.push((text, by, false));
            }
        }
    }
    let written_on = if held { day } else { meeting.booked_on };
    for (text, raised_by, resolved) in new {
        position += 1;
        let id = rng.uuid();
        let (created, updated) = stamps(rng, written_on, written_on);
        w.points.execute(params![
            id,
            meeting.id,
            text,
            raised_by,
            position,
            resolved,
            None::<String>,
            day,
            created,
            updated,
        ])?;
        w.report.talking_points += 1;
        if held && !resolved {
            still_open.push(OpenPoint {
                id,
                text,
                raised_by,
                first_raised_on: day,
                carried: 0,
            });
        }
    }
    // Only a held 1-on-1 passes its open points on; a cancelled or scheduled
    // one leaves the earlier points waiting for the next.
    if held {
        state.open = still_open;
    }
    Ok(())
}

fn party(stored: &str) -> &'static str {
    if stored == "them" {
        "them"
    } else {
        "me"
    }
}

fn new_point(rng: &mut Rng, ctx: &Ctx<'_>) -> (String, &'static str) {
    let by = if rng.chance(55) { "them" } else { "me" };
    let bank = if common(rng) {
        text::ROADMAP_POINTS
    } else if by == "them" {
        text::POINTS_THEM
    } else {
        text::POINTS_ME
    };
    (text::from(bank, rng, ctx), by)
}

fn write_items(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    person: &Person,
    meeting: &Meeting,
    ctx: &Ctx<'_>,
    end: NaiveDate,
) -> Result<()> {
    let day = meeting.day();
    let count = match rng.below(100) {
        0..=29 => 0,
        30..=64 => 1,
        65..=89 => 2,
        _ => 3,
    };
    for _ in 0..count {
        let owner = if rng.chance(60) { "them" } else { "me" };
        let bank = if common(rng) {
            text::ROADMAP_ITEMS
        } else if owner == "them" {
            text::ITEMS_THEM
        } else {
            text::ITEMS_ME
        };
        let text = text::from(bank, rng, ctx);
        let due = rng.chance(88).then(|| day + days(rng.range(2, 14)));
        let horizon = due.unwrap_or(day + days(7));
        // Most items are done; the few left open are recent ones. A manager
        // tidies up: nothing stays open for months (and the Due view of the
        // sample would otherwise be a wall of years-old items). One draw
        // either way, so the rest of the journal stays the same.
        let done = if horizon + days(10) < end {
            let kept_open = !rng.chance(93);
            !(kept_open && horizon + days(45) >= end)
        } else {
            rng.chance(45)
        };
        let done_on = done.then(|| {
            let late = (horizon - day).num_days() + 5;
            (day + days(rng.range(1, late))).min(end)
        });
        let (created, updated) = stamps(rng, day, done_on.unwrap_or(day));
        w.items.execute(params![
            rng.uuid(),
            person.id,
            meeting.id,
            text,
            owner,
            due,
            done_on,
            created,
            updated,
        ])?;
        w.report.action_items += 1;
    }
    Ok(())
}

/// Feedback's words: (kind, [context, observation, impact, next time]),
/// each a part of the composer's sentence (see `feedback_checks::preview`).
/// One scenario, one teammate: the impact follows from the observation.
fn feedback_words(rng: &mut Rng, ctx: &Ctx<'_>) -> (&'static str, [String; 4]) {
    let redirecting = rng.chance(35);
    let mate = [if ctx.mates.is_empty() {
        "a teammate"
    } else {
        rng.pick(ctx.mates)
    }];
    let ctx = Ctx {
        name: ctx.name,
        mates: &mate,
        parties: ctx.parties,
    };
    let context = if common(rng) {
        text::fragment(text::ROADMAP_CONTEXTS, rng, &ctx)
    } else if rng.chance(70) {
        text::fragment(text::CONTEXTS, rng, &ctx)
    } else {
        String::new()
    };
    let [observation, impact, next_time] = if redirecting {
        rng.zipf(text::REDIRECTING)
    } else {
        rng.zipf(text::REINFORCING)
    };
    let next_time = if redirecting || rng.chance(50) {
        text::phrase(next_time, rng, &ctx)
    } else {
        String::new()
    };
    let words = [
        context,
        text::phrase(observation, rng, &ctx),
        text::phrase(impact, rng, &ctx),
        next_time,
    ];
    let kind = if redirecting {
        "redirecting"
    } else {
        "reinforcing"
    };
    (kind, words)
}

fn tags(rng: &mut Rng) -> Vec<&'static str> {
    let mut tags: Vec<&'static str> = Vec::new();
    for _ in 0..rng.range(1, 3) {
        let tag = rng.zipf(text::TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

struct FeedbackRow<'a> {
    person: &'a Person,
    kind: &'static str,
    words: [String; 4],
    observed_on: NaiveDate,
    status: &'static str,
    delivered_on: Option<NaiveDate>,
    delivered_in: Option<&'a str>,
    response: String,
    updated_on: NaiveDate,
}

fn insert_feedback(w: &mut Writer<'_>, rng: &mut Rng, row: FeedbackRow<'_>) -> Result<()> {
    let id = rng.uuid();
    let (created, updated) = stamps(rng, row.observed_on, row.updated_on);
    let [context, observation, impact, next_time] = row.words;
    w.feedback.execute(params![
        id,
        row.person.id,
        row.kind,
        context,
        observation,
        impact,
        next_time,
        row.observed_on,
        row.status,
        row.delivered_on,
        row.delivered_in,
        row.response,
        created,
        updated,
    ])?;
    w.report.feedback += 1;
    for tag in tags(rng) {
        w.tags.execute(params![id, tag])?;
        w.report.feedback_tags += 1;
    }
    Ok(())
}

/// Feedback observed in the days before a held 1-on-1: most of it delivered
/// there.
fn write_feedback_given(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    person: &Person,
    meeting: &Meeting,
    ctx: &Ctx<'_>,
    met: bool,
) -> Result<()> {
    if !met || !rng.chance(22) {
        return Ok(());
    }
    let day = meeting.day();
    let observed_on = (day - days(rng.range(0, 6))).max(person.joined);
    let (kind, words) = feedback_words(rng, ctx);
    let (status, delivered_on, delivered_in, updated_on) = match rng.below(100) {
        0..=81 | 96.. => ("delivered", Some(day), Some(meeting.id.as_str()), day),
        82..=89 => ("delivered", Some(observed_on), None, observed_on),
        _ => (
            "discarded",
            None,
            None,
            (observed_on + days(rng.range(0, 5))).min(day),
        ),
    };
    let response = if status == "delivered" && rng.chance(40) {
        text::from(text::RESPONSES, rng, ctx)
    } else {
        String::new()
    };
    insert_feedback(
        w,
        rng,
        FeedbackRow {
            person,
            kind,
            words,
            observed_on,
            status,
            delivered_on,
            delivered_in,
            response,
            updated_on,
        },
    )
}

/// A draft or a ready feedback from the journal's last days, still to be
/// delivered.
fn write_open_feedback(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    plan: &Plan,
    person: &Person,
    index: usize,
) -> Result<()> {
    let observed_on = (plan.end - days(rng.range(0, 12))).max(person.joined);
    let mates = plan.mates(rng, observed_on, index, 3);
    let ctx = Ctx {
        name: person.first,
        mates: &mates,
        parties: "",
    };
    let (kind, mut words) = feedback_words(rng, &ctx);
    let status = if rng.chance(55) { "draft" } else { "ready" };
    if status == "draft" && rng.chance(20) {
        // A draft started from the context only.
        words[1].clear();
        words[2].clear();
        words[3].clear();
    }
    insert_feedback(
        w,
        rng,
        FeedbackRow {
            person,
            kind,
            words,
            observed_on,
            status,
            delivered_on: None,
            delivered_in: None,
            response: String::new(),
            updated_on: observed_on,
        },
    )
}

fn write_questions(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    bank: &Bank,
    person: &Person,
    meeting: &Meeting,
    ctx: &Ctx<'_>,
    state: &mut History,
) -> Result<()> {
    let day = meeting.day();
    let mut chosen: Vec<Option<usize>> = Vec::new();
    if !state.met && bank.first_questions.len() >= 2 {
        let a = rng.pick(&bank.first_questions);
        let b = rng.pick(&bank.first_questions);
        chosen.push(Some(a));
        if b != a {
            chosen.push(Some(b));
        }
    } else if rng.chance(12) {
        if bank.questions.is_empty() || rng.chance(5) {
            chosen.push(None);
        } else {
            // Prefer a question not asked to them in the last half year.
            let mut pick = rng.below(bank.questions.len() as u64) as usize;
            for _ in 0..3 {
                let recent = state
                    .asked
                    .iter()
                    .any(|&(q, on)| q == pick && (day - on).num_days() < 180);
                if !recent {
                    break;
                }
                pick = rng.below(bank.questions.len() as u64) as usize;
            }
            chosen.push(Some(pick));
        }
    }
    for choice in chosen {
        let (question_id, question_text, category) = match choice {
            Some(q) => {
                state.asked.push((q, day));
                let (id, text, category) = &bank.questions[q];
                (Some(id.as_str()), text.clone(), category.as_str())
            }
            None => (None, text::from(text::CUSTOM_QUESTIONS, rng, ctx), "any"),
        };
        let answers = text::ANSWERS
            .iter()
            .find(|(c, _)| *c == category)
            .or_else(|| text::ANSWERS.iter().find(|(c, _)| *c == "any"))
            .map_or(&[][..], |(_, answers)| *answers);
        let mut answer = String::new();
        if rng.chance(92) && !answers.is_empty() {
            answer = text::from(answers, rng, ctx);
        }
        if common(rng) {
            if !answer.is_empty() {
                answer.push(' ');
            }
            text::push_from(&mut answer, text::ROADMAP_ANSWERS, rng, ctx);
        }
        let follow_up = if rng.chance(35) {
            text::from(text::FOLLOW_UPS, rng, ctx)
        } else {
            String::new()
        };
        let (created, updated) = stamps(rng, day, day);
        w.asked.execute(params![
            rng.uuid(),
            question_id,
            question_text,
            person.id,
            day,
            meeting.id,
            answer,
            follow_up,
            created,
            updated,
        ])?;
        w.report.questions_asked += 1;
    }
    Ok(())
}

/// Goals set about once a year (one to three), and their check-ins, about
/// monthly, in 1-on-1s.
fn write_goals(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    person: &Person,
    meeting: &Meeting,
    ctx: &Ctx<'_>,
    end: NaiveDate,
    state: &mut History,
) -> Result<()> {
    let day = meeting.day();
    state.goals.retain(|g| g.closed_on.is_none_or(|c| day <= c));
    for goal in &mut state.goals {
        // An active goal long past its horizon is no longer talked about.
        let forgotten = goal.closed_on.is_none() && day > goal.horizon + days(60);
        if forgotten || goal.created_on >= day || (day - goal.last_checkin).num_days() < 25 {
            continue;
        }
        let elapsed = (day - goal.created_on).num_days();
        let planned = match goal.closed_on {
            Some(closed) => {
                goal.final_progress * elapsed / (closed - goal.created_on).num_days().max(1)
            }
            None => (100 * elapsed / (goal.horizon - goal.created_on).num_days().max(1)).min(90),
        };
        let jittered = (planned + rng.range(-5, 5)).clamp(0, 100);
        goal.progress = goal.progress.max(jittered / 5 * 5);
        goal.last_checkin = day;
        let note = if rng.chance(8) {
            String::new()
        } else if common(rng) {
            text::from(text::ROADMAP_CHECKINS, rng, ctx)
        } else {
            text::from(text::CHECKINS, rng, ctx)
        };
        let progress = (note.is_empty() || rng.chance(92)).then_some(goal.progress);
        let created = stamp(rng, day);
        w.checkins.execute(params![
            rng.uuid(),
            goal.id,
            day,
            note,
            progress,
            meeting.id,
            created,
        ])?;
        w.report.goal_checkins += 1;
    }

    if day < state.next_goals || state.goals.len() >= 3 {
        return Ok(());
    }
    state.next_goals = day + days(rng.range(330, 400));
    let wanted = (rng.range(1, 3) as usize).min(3 - state.goals.len());
    for _ in 0..wanted {
        let target = rng.chance(90).then(|| day + days(rng.range(120, 365)));
        let horizon = target.unwrap_or(day + days(270));
        let (mut status, mut closed_on) = if horizon + days(20) < end {
            match rng.below(100) {
                0..=69 => {
                    let on = horizon + days(rng.range(-30, 30));
                    ("achieved", Some(on.max(day + days(30)).min(end)))
                }
                70..=91 => {
                    let on = day + days(rng.range(30, (horizon - day).num_days().max(31)));
                    ("dropped", Some(on.min(end)))
                }
                _ => ("active", None),
            }
        } else if day + days(30) < end && rng.chance(8) {
            let on = day + days(rng.range(30, (end - day).num_days()));
            ("dropped", Some(on))
        } else {
            ("active", None)
        };
        // A goal still open when its person leaves is dropped on their last day.
        if let Some(left) = person.left {
            if closed_on.is_none_or(|c| c >= left) {
                status = "dropped";
                closed_on = Some((left - days(1)).max(day));
            }
        }
        let final_progress = match status {
            "achieved" => 100,
            "dropped" => rng.range(10, 60),
            _ => 0,
        };
        let [title, measure] = rng.zipf(text::GOALS);
        let title = text::phrase(title, rng, ctx);
        let why = if common(rng) {
            text::from(text::ROADMAP_GOAL_WHYS, rng, ctx)
        } else if rng.chance(85) {
            text::from(text::GOAL_WHYS, rng, ctx)
        } else {
            String::new()
        };
        let measure = if rng.chance(85) {
            text::phrase(measure, rng, ctx)
        } else {
            String::new()
        };
        let id = rng.uuid();
        let (created, updated) = stamps(rng, day, closed_on.unwrap_or(day));
        w.goals.execute(params![
            id, person.id, title, why, measure, target, status, day, closed_on, created, updated,
        ])?;
        w.report.goals += 1;
        state.goals.push(GoalState {
            id,
            created_on: day,
            horizon,
            closed_on,
            final_progress,
            last_checkin: day,
            progress: 0,
        });
    }
    Ok(())
}

fn write_conflicts(w: &mut Writer<'_>, rng: &mut Rng, plan: &Plan) -> Result<()> {
    for conflict in &plan.conflicts {
        let names: Vec<&str> = conflict
            .members
            .iter()
            .map(|&m| plan.people[m].name.as_str())
            .chain(conflict.outsiders.iter().copied())
            .collect();
        let parties = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            Some((last, _)) => (*last).to_owned(),
            None => String::new(),
        };
        let firsts: Vec<&str> = conflict
            .members
            .iter()
            .map(|&m| plan.people[m].first)
            .collect();
        let ctx = Ctx {
            name: firsts.first().copied().unwrap_or("they"),
            mates: &firsts,
            parties: &parties,
        };
        let scenario = &text::SCENARIOS[conflict.scenario];
        let mut description = text::from(scenario.descriptions, rng, &ctx);
        if rng.chance(40) {
            description.push(' ');
            text::push_from(&mut description, text::CONFLICT_CONTEXT, rng, &ctx);
        }
        if common(rng) {
            description.push_str("\n\n");
            text::push_from(&mut description, text::ROADMAP_CONFLICT_NOTES, rng, &ctx);
        }
        let resolved = conflict.status == "resolved";
        let next_step = if !resolved || rng.chance(30) {
            text::from(scenario.next_steps, rng, &ctx)
        } else {
            String::new()
        };
        let resolution = if resolved {
            text::from(scenario.resolutions, rng, &ctx)
        } else {
            String::new()
        };

        // Dated updates, spread over its active days; most are noted in a
        // party's 1-on-1 that week.
        let span = (conflict.last_active - conflict.surfaced).num_days();
        let count = (1 + span / 14).min(5);
        let mut updates: Vec<(NaiveDate, Option<&str>)> = Vec::new();
        for k in 0..count {
            let mut on = conflict.surfaced + days(span * (k + 1) / (count + 1) + rng.range(0, 2));
            on = on.min(conflict.last_active);
            let mut meeting = None;
            if rng.chance(60) {
                let window = (on, (on + days(6)).min(conflict.last_active));
                meeting = conflict
                    .members
                    .iter()
                    .flat_map(|&m| plan.people[m].meetings.iter())
                    .filter(|m| m.status == Status::Held)
                    .find(|m| window.0 <= m.day() && m.day() <= window.1);
            }
            if let Some(found) = meeting {
                on = found.day();
            }
            updates.push((on, meeting.map(|m| m.id.as_str())));
        }
        updates.sort_by_key(|(on, _)| *on);
        let last_update = updates.last().map_or(conflict.surfaced, |(on, _)| *on);
        let resolved_on = resolved.then_some(conflict.last_active.max(last_update));
        let (created, updated) = stamps(
            rng,
            conflict.surfaced,
            resolved_on.unwrap_or(last_update).max(conflict.last_active),
        );
        w.conflicts.execute(params![
            conflict.id,
            conflict.title,
            description,
            conflict.surfaced,
            conflict.status,
            next_step,
            resolution,
            resolved_on,
            created,
            updated,
        ])?;
        w.report.conflicts += 1;
        let members = conflict
            .members
            .iter()
            .map(|&m| (Some(plan.people[m].id.as_str()), None));
        let outsiders = conflict.outsiders.iter().map(|&o| (None, Some(o)));
        for (position, (person_id, outsider)) in members.chain(outsiders).enumerate() {
            w.parties.execute(params![
                conflict.id,
                position as i64 + 1,
                person_id,
                outsider
            ])?;
            w.report.conflict_parties += 1;
        }
        for (on, meeting) in updates {
            let mut note = if rng.chance(65) {
                text::from(scenario.updates, rng, &ctx)
            } else {
                text::from(text::CONFLICT_UPDATES, rng, &ctx)
            };
            if common(rng) {
                note.push(' ');
                text::push_from(&mut note, text::ROADMAP_CONFLICT_NOTES, rng, &ctx);
            }
            let created = stamp(rng, on);
            w.updates
                .execute(params![rng.uuid(), conflict.id, on, note, meeting, created])?;
            w.report.conflict_updates += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn options(people: usize, years: u32, seed: u64) -> DemoOptions {
        DemoOptions {
            people,
            years,
            seed,
            end: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        }
    }

    /// Every search document with its indexed text, by record (rowids
    /// differ: the triggers number a day's records in the order they are
    /// written, the rebuild by kind and id).
    fn search_documents(conn: &Connection) -> Vec<Vec<Option<String>>> {
        let mut stmt = conn
            .prepare(
                "SELECT d.kind, d.record_id, d.person_id, d.parent_id, CAST(d.day AS TEXT), \
                        d.status, d.extra, i.title, i.body, CAST(d.rowid / 1048576 = d.day AS TEXT) \
                 FROM search_docs d LEFT JOIN search_index i ON i.rowid = d.rowid \
                 ORDER BY d.kind, d.record_id",
            )
            .unwrap();
        stmt.query_map([], |row| {
            (0..10)
                .map(|i| row.get(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// Rowids of what `words` (an FTS5 query) matches.
    fn matches(conn: &Connection, words: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT d.kind || ' ' || d.record_id FROM search_index \
                 JOIN search_docs d ON d.rowid = search_index.rowid \
                 WHERE search_index MATCH ?1 ORDER BY 1",
            )
            .unwrap();
        stmt.query_map([words], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
            .unwrap();
        stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn the_bulk_built_index_holds_what_the_triggers_would_have_written() {
        let opts = options(4, 2, 11);
        let start = check_options(&opts).unwrap();
        // Through the triggers, record by record, as the first round wrote it.
        let by_triggers = Store::open_in_memory().unwrap();
        let schema_before = schema(by_triggers.conn());
        atomic(by_triggers.conn(), |conn| {
            write_demo(conn, &opts, start, None)
        })
        .unwrap();
        // In bulk, as generate writes it now.
        let in_bulk = Store::open_in_memory().unwrap();
        let report = generate(in_bulk.conn(), &opts, None).unwrap();
        assert!(report.records > 500, "a journal worth indexing in bulk");

        let expected = search_documents(by_triggers.conn());
        assert_eq!(expected.len(), report.records, "one document a record");
        assert_eq!(search_documents(in_bulk.conn()), expected);
        for words in ["\"roadmap\"", "\"r\"*", "\"on\" \"call\"", "\"imp\"*"] {
            let found = matches(in_bulk.conn(), words);
            assert!(!found.is_empty(), "{words} finds something");
            assert_eq!(found, matches(by_triggers.conn(), words), "{words}");
        }
        assert_eq!(
            schema(in_bulk.conn()),
            schema_before,
            "the triggers and the index are back, as the migrations made them"
        );
        in_bulk
            .conn()
            .execute_batch("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
            .expect("the full-text index is consistent with its rows");

        // The triggers work again: a new record is indexed on its day.
        let person: String = in_bulk
            .conn()
            .query_row("SELECT id FROM people LIMIT 1", [], |r| r.get(0))
            .unwrap();
        crate::store::feedback::create(
            in_bulk.conn(),
            uuid::Uuid::parse_str(&person).unwrap(),
            &crate::store::feedback::FeedbackInput {
                kind: "reinforcing".into(),
                observation: "Zanzibarian clarity in the review".into(),
                observed_on: "2026-11-02".into(),
                ..Default::default()
            },
            opts.end,
        )
        .unwrap();
        assert_eq!(matches(in_bulk.conn(), "\"zanzibarian\"").len(), 1);
    }

    #[test]
    fn options_out_of_bounds_are_refused_with_their_field() {
        let store = Store::open_in_memory().unwrap();
        for (bad, field) in [
            (options(0, 1, 1), "people"),
            (options(MAX_PEOPLE + 1, 1, 1), "people"),
            (options(3, 0, 1), "years"),
            (options(3, MAX_YEARS + 1, 1), "years"),
        ] {
            let err = generate(store.conn(), &bad, None).unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
        }
    }

    #[test]
    fn meetings_fall_on_working_days_in_order() {
        let mut rng = Rng::new(5);
        let opts = options(12, 3, 5);
        let start = check_options(&opts).unwrap();
        let plan = Plan::new(&mut rng, &opts, start);
        for person in &plan.people {
            let mut last: Option<NaiveDate> = None;
            for meeting in &person.meetings {
                let day = meeting.day();
                assert!(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun));
                assert!(day >= person.joined, "no 1-on-1 before they joined");
                assert!(person.left.is_none_or(|l| day < l), "none after they left");
                assert!(last.is_none_or(|l| l < day), "in order, one a day at most");
                assert!(meeting.booked_on <= day);
                if meeting.status == Status::Held {
                    assert!(day <= plan.end, "nothing is held after the last day");
                }
                last = Some(day);
            }
            let scheduled = person
                .meetings
                .iter()
                .filter(|m| m.status == Status::Scheduled)
                .count();
            assert!(scheduled <= 1, "at most the next one is scheduled");
        }
    }

    #[test]
    fn mood_drifts_rather_than_jumps() {
        let mut rng = Rng::new(11);
        let mut mood = Mood::new(&mut rng);
        let moods: Vec<i64> = (0..400).map(|_| mood.next(&mut rng, false)).collect();
        let jumps = moods
            .windows(2)
            .filter(|w| (w[0] - w[1]).abs() >= 2)
            .count();
        assert!(jumps < 40, "mostly small steps: {jumps} jumps of 2 or more");
        assert!(moods.iter().all(|m| (1..=5).contains(m)));
    }
}
