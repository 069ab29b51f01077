//! The Due computation on a large journal: 200 people and ten years of
//! weekly 1-on-1s, action items, feedback and conflicts, in a real file with
//! the app's pragmas. It must stay far under a frame (16 ms).
//!
//! Run: `cargo bench -p candor-core --bench reminders`.

use std::time::Duration;

use candor_core::{reminders, Store};
use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use rusqlite::{params, Connection};
use uuid::Uuid;

const PEOPLE: usize = 200;
const YEARS: u64 = 10;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// A small deterministic generator (xorshift64*), so every run builds the
/// same journal without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn id(&mut self) -> String {
        Uuid::from_u64_pair(self.next(), self.next()).to_string()
    }
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap()
}

fn minus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap()
}

fn stamp(date: NaiveDate) -> String {
    format!("{date}T09:00:00.000Z")
}

/// Row counts of the generated journal, printed once for the report.
#[derive(Debug, Default)]
struct Sizes {
    people: usize,
    one_on_ones: usize,
    action_items: usize,
    feedback: usize,
    conflicts: usize,
    conflict_updates: usize,
}

/// Fills an empty journal with plain SQL inside one transaction.
fn generate(conn: &Connection) -> Sizes {
    let mut rng = Rng(0x00C0_FFEE_D00D_F00D);
    let mut sizes = Sizes::default();
    let today = today();
    let first_day = minus(today, 365 * YEARS);
    let notes = "Talked through the release plan and on-call load. ".repeat(6);
    conn.execute_batch("BEGIN").unwrap();
    {
        let mut person = conn
            .prepare(
                "INSERT INTO people (id, name, start_date, cadence_days, archived_at, \
                 created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )
            .unwrap();
        let mut meeting = conn
            .prepare(
                "INSERT INTO one_on_ones (id, person_id, scheduled_at, status, held_on, notes, \
                 outcomes, mood, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'Agreed next steps.', ?7, ?8, ?8)",
            )
            .unwrap();
        let mut item = conn
            .prepare(
                "INSERT INTO action_items (id, person_id, one_on_one_id, text, owner, due_on, \
                 done_on, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )
            .unwrap();
        let mut feedback = conn
            .prepare(
                "INSERT INTO feedback (id, person_id, kind, observation, impact, next_time, \
                 observed_on, status, delivered_on, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, 'In the planning meeting you summarised the options', \
                 'The team decided in ten minutes', 'Keep doing it', ?4, ?5, ?6, ?7, ?7)",
            )
            .unwrap();
        let mut person_ids = Vec::with_capacity(PEOPLE);
        for n in 0..PEOPLE {
            let id = rng.id();
            // Nearly everyone has been on the team the whole ten years.
            let start = plus(first_day, rng.below(180));
            let cadence: u64 = match rng.below(20) {
                0 => 30,
                1..=3 => 14,
                _ => 7,
            };
            let archived = rng.chance(5).then(|| stamp(today));
            person
                .execute(params![
                    id,
                    format!("Person {n:03}"),
                    start,
                    cadence as i64,
                    archived,
                    stamp(start)
                ])
                .unwrap();
            sizes.people += 1;

            // 1-on-1s every cadence from their start until a few days ago;
            // the last one varies so that some people are due or overdue.
            let stop = minus(today, rng.below(cadence * 2));
            let mut day = plus(start, cadence);
            while day <= stop {
                let meeting_id = rng.id();
                let (status, held_on) = match rng.below(100) {
                    0..=4 => ("cancelled", None),
                    _ => ("held", Some(day)),
                };
                meeting
                    .execute(params![
                        meeting_id,
                        id,
                        format!("{day}T10:00"),
                        status,
                        held_on,
                        notes,
                        1 + rng.below(5) as i64,
                        stamp(day)
                    ])
                    .unwrap();
                sizes.one_on_ones += 1;
                if held_on.is_some() && rng.chance(50) {
                    let due = plus(day, 7);
                    // Old items are done; some of the last months' are open.
                    let open = (today - day).num_days() < 60 && rng.chance(25);
                    let done = (!open).then(|| plus(day, rng.below(14)));
                    item.execute(params![
                        rng.id(),
                        id,
                        meeting_id,
                        "Send the summary to the team",
                        if rng.chance(50) { "me" } else { "them" },
                        due,
                        done,
                        stamp(day)
                    ])
                    .unwrap();
                    sizes.action_items += 1;
                }
                if rng.chance(35) {
                    let observed = minus(day, rng.below(3));
                    let recent = (today - observed).num_days() < 21;
                    let status = match (recent, rng.below(10)) {
                        (true, 0..=3) => "draft",
                        (true, 4..=5) => "ready",
                        (_, 9) => "discarded",
                        _ => "delivered",
                    };
                    let delivered = (status == "delivered").then_some(day);
                    let kind = if rng.chance(40) {
                        "redirecting"
                    } else {
                        "reinforcing"
                    };
                    feedback
                        .execute(params![
                            rng.id(),
                            id,
                            kind,
                            observed,
                            status,
                            delivered,
                            stamp(observed)
                        ])
                        .unwrap();
                    sizes.feedback += 1;
                }
                day = plus(day, cadence);
            }
            // The next one is booked for some, and a few were never recorded.
            if rng.chance(60) {
                let next = plus(today, rng.below(cadence));
                meeting
                    .execute(params![
                        rng.id(),
                        id,
                        format!("{next}T10:00"),
                        "scheduled",
                        None::<NaiveDate>,
                        "",
                        None::<i64>,
                        stamp(today)
                    ])
                    .unwrap();
                sizes.one_on_ones += 1;
            }
            if rng.chance(3) {
                let missed = minus(today, 1 + rng.below(5));
                meeting
                    .execute(params![
                        rng.id(),
                        id,
                        format!("{missed}T10:00"),
                        "scheduled",
                        None::<NaiveDate>,
                        "",
                        None::<i64>,
                        stamp(missed)
                    ])
                    .unwrap();
                sizes.one_on_ones += 1;
            }
            person_ids.push(id);
        }

        let mut conflict = conn
            .prepare(
                "INSERT INTO conflicts (id, title, description, surfaced_on, status, resolution, \
                 resolved_on, created_at, updated_at) \
                 VALUES (?1, ?2, 'Who owns the release train', ?3, ?4, ?5, ?6, ?7, ?7)",
            )
            .unwrap();
        let mut party = conn
            .prepare(
                "INSERT INTO conflict_parties (conflict_id, position, person_id) \
                 VALUES (?1, ?2, ?3)",
            )
            .unwrap();
        let mut update = conn
            .prepare(
                "INSERT INTO conflict_updates (id, conflict_id, noted_on, note, created_at) \
                 VALUES (?1, ?2, ?3, 'Talked to both separately', ?4)",
            )
            .unwrap();
        for n in 0..400u64 {
            let id = rng.id();
            let recent = n >= 370;
            let surfaced = if recent {
                minus(today, rng.below(40))
            } else {
                plus(first_day, rng.below(365 * YEARS - 60))
            };
            let (status, resolved) = match (recent, rng.below(4)) {
                (true, 0 | 1) => ("open", None),
                (true, 2) => ("in_progress", None),
                (true, _) => ("parked", None),
                (false, _) => ("resolved", Some(plus(surfaced, 30))),
            };
            conflict
                .execute(params![
                    id,
                    format!("Conflict {n}"),
                    surfaced,
                    status,
                    if resolved.is_some() { "Settled" } else { "" },
                    resolved,
                    stamp(surfaced)
                ])
                .unwrap();
            sizes.conflicts += 1;
            for position in 0..2u64 {
                let who = &person_ids[rng.below(PEOPLE as u64) as usize];
                // The same person twice is refused by the unique index.
                let _ = party.execute(params![id, position as i64, who]);
            }
            let span = (today - surfaced).num_days().clamp(1, 30) as u64;
            for _ in 0..rng.below(8) {
                let on = plus(surfaced, rng.below(span));
                update
                    .execute(params![rng.id(), id, on, stamp(on)])
                    .unwrap();
                sizes.conflict_updates += 1;
            }
        }
    }
    conn.execute_batch("COMMIT").unwrap();
    sizes
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.candor");
    let store = Store::open(&path).unwrap();
    let sizes = generate(store.conn());
    // As the app finds it after a restart: everything in the main file.
    store
        .conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let list = reminders::due(store.conn(), today()).unwrap();
    let megabytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    eprintln!(
        "journal: {sizes:?}, {megabytes:.1} MB; due list: {} reminders, {:?}",
        list.reminders.len(),
        list.counts
    );

    let conn = store.conn();
    c.bench_function("reminders::due (200 people, 10 years)", |b| {
        b.iter(|| reminders::due(conn, std::hint::black_box(today())).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
