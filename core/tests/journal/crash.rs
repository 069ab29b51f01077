//! The crash test: a writer process making real Candor saves and imports is
//! killed with SIGKILL at random moments, over and over. After every kill the
//! journal must reopen whole: `integrity_check` clean, the schema exactly
//! where a migration left it (never between two), every write the writer
//! acknowledged present, and every import either all there or not at all.
//!
//! The writer is this test binary run again with only
//! `crash::crash_writer_child` selected and `CANDOR_CRASH_WRITER` set, so no
//! extra binary is needed. It acknowledges each committed write on stdout;
//! the parent keeps what was acknowledged since the file was created and
//! checks all of it after each kill, so a write must also survive every later
//! crash and recovery.
//!
//! A new file is sometimes a journal as an older Candor wrote it (schema 6),
//! so kills also land while `Store::open` updates it: each migration commits
//! with its version bump, so the file is always at one version Candor wrote.
//!
//! The same test runs on an encrypted journal, whose writer also turns the
//! encryption off and on again now and then (`Store::set_key`): a kill during
//! the conversion must leave the old file or the new one whole, never
//! neither, and the parent opens whichever it finds, by its first bytes.
//!
//! `CANDOR_CRASH_KILLS` sets the number of kills (200 by default;
//! `./scripts/crash-test` runs 10,000 in release mode). `CANDOR_CRASH_SEED`
//! replays a run's random choices (the seed is printed first); the moments
//! the kills land at still depend on the machine's timing.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

use candor_core::encryption::{FileState, JournalKey};
use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::store::action_items::{self, ActionItemInput};
use candor_core::store::agenda::{self, PointInput};
use candor_core::store::feedback::{self, FeedbackInput};
use candor_core::store::one_on_ones::{self, NewOneOnOne, TextField};
use candor_core::store::people::{self, PersonInput};
use candor_core::store::SCHEMA_VERSION;
use candor_core::{backup, transfer, Store};
use rusqlite::Connection;
use serde_json::json;
use uuid::Uuid;

use crate::support::{integrity, record_count, schema_of, today};

/// Set in the writer's environment: the journal file to write to.
const WRITER_ENV: &str = "CANDOR_CRASH_WRITER";
/// Set in the writer's environment: the folder holding the import batches.
const BATCHES_ENV: &str = "CANDOR_CRASH_BATCHES";
/// Set in the writer's environment: the round, written into every note.
const ROUND_ENV: &str = "CANDOR_CRASH_ROUND";
/// Set in the writer's environment: the seed of its own random choices.
const WRITER_SEED_ENV: &str = "CANDOR_CRASH_WRITER_SEED";
/// Set in the writer's environment when the journal is encrypted.
const ENCRYPTED_ENV: &str = "CANDOR_CRASH_ENCRYPTED";
/// How many times to kill the writer.
const KILLS_ENV: &str = "CANDOR_CRASH_KILLS";
/// The seed of the parent's random choices, to replay a run.
const SEED_ENV: &str = "CANDOR_CRASH_SEED";

const DEFAULT_KILLS: u64 = 200;
/// A round starts from a new, empty file one time in this many, so that the
/// kill sometimes lands while `Store::open` creates and migrates the file.
const NEW_FILE_ONE_IN: u64 = 8;
/// A new file is, one time in this many, a copy of a journal as Candor wrote
/// it at schema 6 (`tests/data/schema-v6.db`) rather than an empty one, so
/// that kills also land while `Store::open` updates an older journal, as the
/// app's "Updating your journal" screen does.
const OLD_FILE_ONE_IN: u64 = 3;
/// The schema version of that older journal.
const OLD_SCHEMA: i64 = 6;
/// The writer lives between these many milliseconds before it is killed,
/// log-uniformly: short lives are as likely per decade as long ones, so kills
/// land during process start and the first open as well as mid-session.
const MIN_LIFE_MS: f64 = 2.0;
const MAX_LIFE_MS: f64 = 200.0;
/// A writer nobody killed (its parent died) gives up after this long.
const WRITER_MAX_LIFE: Duration = Duration::from_secs(60);

/// Import batches the parent prepares; the writer imports the first one the
/// journal does not have yet (or, once all are in, re-imports one).
const BATCHES: usize = 64;
/// People in a batch; each comes with a 1-on-1, a talking point, an action
/// item and a feedback with two tags.
const BATCH_PEOPLE: usize = 3;
/// People in the first batch, which a new journal imports first: 600
/// records, enough for the importer to write in bulk (search triggers set
/// aside, the index built once at the end), so kills land in that too.
const BULK_BATCH_PEOPLE: usize = 120;

/// How many people batch `number` brings.
fn batch_people(number: usize) -> usize {
    if number == 0 {
        BULK_BATCH_PEOPLE
    } else {
        BATCH_PEOPLE
    }
}
const BATCH_TAGS: usize = 2;

/// The JSON export the writer rewrites, beside the journal.
const EXPORT_NAME: &str = "export.json";

/// The encrypted journal's key and salt (fixed: Argon2 on every open would
/// leave the writer no time to write).
const KEY: [u8; 32] = [0x5c; 32];
const SALT: [u8; 16] = [0xa3; 16];

fn test_key() -> JournalKey {
    JournalKey::from_bytes(KEY, SALT)
}

/// The key to open `path` with, from what is there: an encrypted file needs
/// the key; a plain one (the writer turned encryption off) none; a new or
/// empty file is created encrypted when the run is encrypted.
fn key_for(path: &Path, encrypted_run: bool) -> Option<JournalKey> {
    match FileState::of(path).unwrap() {
        FileState::Encrypted => Some(test_key()),
        FileState::Missing | FileState::Empty if encrypted_run => Some(test_key()),
        _ => None,
    }
}

/// A raw SQLite connection to `path`, keyed as [`key_for`] says. The key is
/// written out here rather than through `JournalKey`: the files must open
/// with SQLCipher's raw key and salt (`x'<key><salt>'`), the form every
/// shipped encrypted journal was written with, whatever the code under test
/// does.
fn raw_open(path: &Path, encrypted_run: bool) -> Connection {
    let conn = Connection::open(path).unwrap();
    if key_for(path, encrypted_run).is_some() {
        let hex: String = KEY
            .iter()
            .chain(SALT.iter())
            .map(|b| format!("{b:02x}"))
            .collect();
        conn.execute_batch(&format!(
            "PRAGMA cipher_log_level = NONE; PRAGMA key = \"x'{hex}'\";"
        ))
        .unwrap();
    }
    conn
}

const WEEKLY_TEMPLATE: &str = "6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0001";

// ---------------------------------------------------------------------------
// A small seeded PRNG (SplitMix64): reproducible without a dependency.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn env_number<T: FromStr>(name: &str) -> Option<T> {
    let text = std::env::var(name).ok()?;
    Some(
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number (got {text:?})")),
    )
}

// ---------------------------------------------------------------------------
// Import batches: fixed ids, so the parent knows what each one holds.

#[derive(Debug)]
struct Batch {
    people: Vec<String>,
    one_on_ones: Vec<String>,
    talking_points: Vec<String>,
    action_items: Vec<String>,
    feedback: Vec<String>,
}

impl Batch {
    fn new(number: usize) -> Batch {
        let ids = |kind: u16| {
            (0..batch_people(number))
                .map(|i| format!("c7a5c0de-{number:04x}-4{kind:03x}-8000-{i:012x}"))
                .collect()
        };
        Batch {
            people: ids(1),
            one_on_ones: ids(2),
            talking_points: ids(3),
            action_items: ids(4),
            feedback: ids(5),
        }
    }

    fn records(&self) -> usize {
        self.people.len()
            + self.one_on_ones.len()
            + self.talking_points.len()
            + self.action_items.len()
            + self.feedback.len()
    }

    fn file_name(number: usize) -> String {
        format!("batch-{number:03}.json")
    }

    /// The batch as a Candor JSON export.
    fn json(&self, number: usize) -> String {
        let at = "2026-11-20T09:00:00.000Z";
        let mut people = Vec::new();
        let mut one_on_ones = Vec::new();
        let mut talking_points = Vec::new();
        let mut action_items = Vec::new();
        let mut feedback = Vec::new();
        for i in 0..batch_people(number) {
            let day = format!("2026-10-{:02}", 1 + i % 28);
            people.push(json!({
                "id": self.people[i], "name": format!("Imported {number}.{i}"),
                "role": "Engineer", "team": format!("Batch {number}"), "start_date": null,
                "cadence_days": 14, "feedback_preferences": "", "recognition": null,
                "feedback_medium": null, "notes": format!("Came in with import {number}."),
                "archived_at": null, "created_at": at, "updated_at": at,
            }));
            one_on_ones.push(json!({
                "id": self.one_on_ones[i], "person_id": self.people[i],
                "scheduled_at": format!("{day}T10:00"), "status": "scheduled", "held_on": null,
                "rescheduled_to": null, "notes": format!("Imported notes {number}.{i}"),
                "outcomes": "", "mood": null, "created_at": at, "updated_at": at,
            }));
            talking_points.push(json!({
                "id": self.talking_points[i], "one_on_one_id": self.one_on_ones[i],
                "text": format!("Imported point {number}.{i}"), "raised_by": "them",
                "position": 1, "resolved": false, "carried_from_id": null,
                "first_raised_on": day, "created_at": at, "updated_at": at,
            }));
            action_items.push(json!({
                "id": self.action_items[i], "person_id": self.people[i],
                "one_on_one_id": self.one_on_ones[i],
                "text": format!("Imported action {number}.{i}"), "owner": "me",
                "due_on": "2026-12-01", "done_on": null, "created_at": at, "updated_at": at,
            }));
            feedback.push(json!({
                "id": self.feedback[i], "person_id": self.people[i], "kind": "reinforcing",
                "context": "In the import", "observation": format!("Observation {number}.{i}"),
                "impact": "", "next_time": "", "observed_on": day, "status": "draft",
                "delivered_on": null, "delivered_in": null, "response": "",
                "created_at": at, "updated_at": at,
                "tags": ["imported", format!("batch-{number}")],
            }));
        }
        let document = json!({
            "format": "candor", "version": 1, "exported_at": at,
            "people": people, "one_on_ones": one_on_ones, "talking_points": talking_points,
            "action_items": action_items, "feedback": feedback,
        });
        serde_json::to_string_pretty(&document).unwrap()
    }
}

// ---------------------------------------------------------------------------
// The writer (the child process).

/// Does nothing in a normal test run. Run by the crash test with
/// `CANDOR_CRASH_WRITER` set, it writes to that journal until it is killed.
#[test]
fn crash_writer_child() {
    let Some(path) = std::env::var_os(WRITER_ENV) else {
        return;
    };
    let batches = PathBuf::from(std::env::var_os(BATCHES_ENV).expect("the batches folder"));
    let round = env_number(ROUND_ENV).expect("the round");
    let seed = env_number(WRITER_SEED_ENV).expect("the writer's seed");
    let encrypted = std::env::var_os(ENCRYPTED_ENV).is_some();
    Writer::run(Path::new(&path), batches, round, seed, encrypted);
}

struct Meeting {
    id: Uuid,
    person: Uuid,
    /// `YYYY-MM-DD` of its scheduled time.
    day: String,
    scheduled: bool,
}

struct Writer {
    store: Store,
    /// Whether this run is on an encrypted journal (which the writer turns
    /// off and on again).
    encrypted_run: bool,
    rng: Rng,
    round: u64,
    counter: u64,
    batches: PathBuf,
    people: Vec<Uuid>,
    meetings: Vec<Meeting>,
}

/// Tells the parent a write is committed. One `write` call per line, so a
/// kill never leaves half a line that could be read as an acknowledgement.
fn ack(line: &str) {
    let line = format!("ack {line}\n");
    let mut out = std::io::stdout().lock();
    out.write_all(line.as_bytes())
        .and_then(|()| out.flush())
        .expect("the parent reads the acknowledgements");
}

impl Writer {
    fn run(path: &Path, batches: PathBuf, round: u64, seed: u64, encrypted_run: bool) -> ! {
        let started = Instant::now();
        ack("begin");
        let key = key_for(path, encrypted_run);
        let store = Store::open_with_key(path, key.as_ref()).expect("the writer opens the journal");
        ack(&format!("open {}", store.schema_version().unwrap()));
        let mut writer = Writer {
            store,
            encrypted_run,
            rng: Rng(seed),
            round,
            counter: 0,
            batches,
            people: Vec::new(),
            meetings: Vec::new(),
        };
        writer.load();
        loop {
            if started.elapsed() > WRITER_MAX_LIFE {
                // Nobody came to kill us: the parent is gone.
                std::process::exit(3);
            }
            writer.write_something();
        }
    }

    fn conn(&self) -> &Connection {
        self.store.conn()
    }

    fn load(&mut self) {
        // Active people only: an older journal's copy holds an archived
        // person, whom Candor refuses new 1-on-1s for.
        let mut stmt = self
            .conn()
            .prepare("SELECT id FROM people WHERE archived_at IS NULL")
            .unwrap();
        let people = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|id| Uuid::parse_str(&id.unwrap()).unwrap())
            .collect();
        drop(stmt);
        self.people = people;
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT id, person_id, substr(scheduled_at, 1, 10), status FROM one_on_ones \
                 WHERE person_id IN (SELECT id FROM people WHERE archived_at IS NULL)",
            )
            .unwrap();
        let meetings = stmt
            .query_map([], |r| {
                Ok(Meeting {
                    id: Uuid::parse_str(&r.get::<_, String>(0)?).unwrap(),
                    person: Uuid::parse_str(&r.get::<_, String>(1)?).unwrap(),
                    day: r.get(2)?,
                    scheduled: r.get::<_, String>(3)? == "scheduled",
                })
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        drop(stmt);
        self.meetings = meetings;
    }

    fn write_something(&mut self) {
        let roll = self.rng.below(100);
        let has_scheduled = self.meetings.iter().any(|m| m.scheduled);
        if self.people.is_empty() || (roll < 8 && self.people.len() < 12) {
            self.add_person();
        } else if roll < 18 || self.meetings.is_empty() {
            self.start_meeting();
        } else if roll < 48 {
            self.save_note();
        } else if roll < 62 {
            self.add_point();
        } else if roll < 72 {
            self.add_action();
        } else if roll < 80 && has_scheduled {
            self.mark_held();
        } else if roll < 88 || (roll < 92 && !self.encrypted_run) {
            self.create_feedback();
        } else if roll < 92 {
            self.convert();
        } else if roll < 96 {
            self.import();
        } else if roll < 98 {
            self.backup();
        } else {
            self.export();
        }
    }

    /// Turns the encryption off, or on again: the whole file is rewritten
    /// beside itself and renamed over. Acknowledged before it starts (so the
    /// parent can count kills during it) and once done.
    fn convert(&mut self) {
        let key = if self.store.is_encrypted() {
            None
        } else {
            Some(test_key())
        };
        ack("converting");
        self.store.set_key(key).expect("convert the journal");
        ack(&format!("converted {}", self.store.is_encrypted()));
    }

    /// A manual backup into the backups folder: checked, then renamed into
    /// place, so a kill leaves a sound backup or none under its name.
    fn backup(&mut self) {
        let path = self.store.path().unwrap().to_owned();
        let at = chrono::NaiveDateTime::parse_from_str(
            &format!("2026-11-29T10:{:02}:00", self.rng.below(60)),
            "%Y-%m-%dT%H:%M:%S",
        )
        .unwrap();
        let report =
            backup::backup_into_folder(&self.store, &path, at).expect("back the journal up");
        ack(&format!("backup {}", report.path.display()));
    }

    /// The JSON export over the same file each time: a kill leaves the old
    /// export or the new one, never a part.
    fn export(&mut self) {
        let journal = self.store.path().unwrap().to_owned();
        let target = journal.with_file_name(EXPORT_NAME);
        let out = OutputPath::check(&target, Some(&journal), OutputKind::File)
            .expect("the export path is fine");
        let json = transfer::export_json(self.conn(), "2026-11-29T12:00:00.000Z").unwrap();
        files::write_atomic(&out, json.as_bytes()).expect("export the journal");
        ack("export");
    }

    fn add_person(&mut self) {
        self.counter += 1;
        let person = people::create(
            self.conn(),
            &PersonInput {
                name: format!("Person {}.{}", self.round, self.counter),
                role: "Engineer".into(),
                team: "Crash".into(),
                notes: format!("Joined in round {}.", self.round),
                ..Default::default()
            },
        )
        .expect("create a person");
        ack(&format!("person {}", person.id));
        self.people.push(person.id);
    }

    fn start_meeting(&mut self) {
        let person = *self.rng.pick(&self.people);
        let day = format!(
            "2026-{:02}-{:02}",
            1 + self.rng.below(11),
            1 + self.rng.below(28)
        );
        let template = (self.rng.below(3) == 0).then(|| WEEKLY_TEMPLATE.to_string());
        let hour = 9 + self.rng.below(8);
        let meeting = one_on_ones::start(
            self.conn(),
            person,
            &NewOneOnOne {
                scheduled_at: format!("{day}T{hour:02}:00"),
                template_id: template,
            },
        )
        .expect("start a 1-on-1");
        ack(&format!("meeting {}", meeting.id));
        self.meetings.push(Meeting {
            id: meeting.id,
            person,
            day,
            scheduled: true,
        });
    }

    fn save_note(&mut self) {
        self.counter += 1;
        let meeting = self.rng.pick(&self.meetings).id;
        let paragraphs = self.rng.below(60) as usize;
        let text = note_text(self.round, self.counter, paragraphs);
        one_on_ones::save_text(self.conn(), meeting, TextField::Notes, &text).expect("save notes");
        ack(&format!("note {meeting} {} {}", self.round, self.counter));
    }

    fn add_point(&mut self) {
        self.counter += 1;
        let meeting = self.rng.pick(&self.meetings).id;
        let raised_by = *self.rng.pick(&["me", "them"]);
        let point = agenda::add(
            self.conn(),
            meeting,
            &PointInput {
                text: format!("Point {}.{}", self.round, self.counter),
                raised_by: raised_by.into(),
            },
        )
        .expect("add a talking point");
        ack(&format!("point {}", point.id));
    }

    fn add_action(&mut self) {
        self.counter += 1;
        let person = *self.rng.pick(&self.people);
        let meeting = self
            .meetings
            .iter()
            .find(|m| m.person == person)
            .map(|m| m.id.to_string());
        let item = action_items::add(
            self.conn(),
            person,
            &ActionItemInput {
                text: format!("Action {}.{}", self.round, self.counter),
                owner: "them".into(),
                due_on: Some("2026-12-15".into()),
                one_on_one_id: meeting,
            },
        )
        .expect("add an action item");
        ack(&format!("action {}", item.id));
    }

    fn mark_held(&mut self) {
        let scheduled: Vec<usize> = (0..self.meetings.len())
            .filter(|&i| self.meetings[i].scheduled)
            .collect();
        let index = *self.rng.pick(&scheduled);
        let meeting = &self.meetings[index];
        one_on_ones::mark_held(self.conn(), meeting.id, &meeting.day, today())
            .expect("mark a 1-on-1 held");
        ack(&format!("held {}", meeting.id));
        self.meetings[index].scheduled = false;
    }

    fn create_feedback(&mut self) {
        self.counter += 1;
        let person = *self.rng.pick(&self.people);
        let all = ["delivery", "design", "ownership", "mentoring"];
        let tags: Vec<String> = all
            .iter()
            .filter(|_| self.rng.below(2) == 0)
            .map(|t| t.to_string())
            .collect();
        let observed_on = format!("2026-11-{:02}", 1 + self.rng.below(28));
        let created = feedback::create(
            self.conn(),
            person,
            &FeedbackInput {
                kind: "redirecting".into(),
                context: format!("Round {}", self.round),
                observation: format!("Observation {}", self.counter),
                impact: "The review waited a day".into(),
                next_time: "Flag it in stand-up".into(),
                observed_on,
                tags,
            },
            today(),
        )
        .expect("create feedback");
        ack(&format!("feedback {} {}", created.id, created.tags.len()));
    }

    fn import(&mut self) {
        let missing = (0..BATCHES).find(|&number| {
            let first = Uuid::parse_str(&Batch::new(number).people[0]).unwrap();
            people::get(self.conn(), first).is_err()
        });
        // Re-importing a batch would put back the file's version of records
        // the writer changed since (the importer updates what differs), so
        // each batch goes in once per file.
        let Some(number) = missing else {
            return self.save_note();
        };
        let bytes = std::fs::read(self.batches.join(Batch::file_name(number))).unwrap();
        ack(&format!("importing {number}"));
        transfer::import_json(self.conn(), &bytes, false).expect("import a batch");
        ack(&format!("import {number}"));
        let batch = Batch::new(number);
        for i in 0..batch_people(number) {
            let person = Uuid::parse_str(&batch.people[i]).unwrap();
            self.people.push(person);
            self.meetings.push(Meeting {
                id: Uuid::parse_str(&batch.one_on_ones[i]).unwrap(),
                person,
                day: format!("2026-10-{:02}", 1 + i % 28),
                scheduled: true,
            });
        }
    }
}

/// Notes whose first line carries the round and the save counter, so the
/// parent can tell which save it is looking at. Its length varies from a
/// line to a few kilobytes, so some saves span several database pages.
fn note_text(round: u64, counter: u64, paragraphs: usize) -> String {
    let mut text = format!("## Save r{round} n{counter}\n\n");
    for p in 0..paragraphs {
        text.push_str(&format!(
            "- Talked about *topic {p}* and what happens next for item {counter}.\n"
        ));
    }
    text
}

/// The (round, counter) of a note written by [`note_text`].
fn note_mark(notes: &str) -> Option<(u64, u64)> {
    let first = notes.lines().next()?.strip_prefix("## Save r")?;
    let (round, counter) = first.split_once(" n")?;
    Some((round.parse().ok()?, counter.parse().ok()?))
}

// ---------------------------------------------------------------------------
// The parent: kill, reopen, check.

/// What the writer acknowledged since the file was created.
#[derive(Default)]
struct Expected {
    people: HashSet<String>,
    meetings: HashSet<String>,
    /// The latest acknowledged (round, counter) of each 1-on-1's notes.
    notes: HashMap<String, (u64, u64)>,
    held: HashSet<String>,
    points: HashSet<String>,
    actions: HashSet<String>,
    /// Feedback and its number of tags.
    feedback: HashMap<String, usize>,
    imports: BTreeSet<usize>,
    backups: BTreeSet<PathBuf>,
    exported: bool,
}

impl Expected {
    /// Takes in one acknowledgement; says whether it was a write.
    fn record(&mut self, line: &str) -> bool {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["person", id] => self.people.insert(id.to_string()),
            ["meeting", id] => self.meetings.insert(id.to_string()),
            ["note", id, round, counter] => {
                let mark = (round.parse().unwrap(), counter.parse().unwrap());
                let latest = self.notes.entry(id.to_string()).or_default();
                *latest = (*latest).max(mark);
                true
            }
            ["held", id] => self.held.insert(id.to_string()),
            ["point", id] => self.points.insert(id.to_string()),
            ["action", id] => self.actions.insert(id.to_string()),
            ["feedback", id, tags] => {
                self.feedback.insert(id.to_string(), tags.parse().unwrap());
                true
            }
            ["import", number] => {
                self.imports.insert(number.parse().unwrap());
                true
            }
            ["backup", path] => self.backups.insert(PathBuf::from(path)),
            ["export"] => {
                self.exported = true;
                true
            }
            ["converted", _] => true,
            ["begin"] | ["open", _] | ["converting"] | ["importing", _] => false,
            _ => panic!("an acknowledgement the parent does not understand: {line:?}"),
        };
        !matches!(
            words.as_slice(),
            ["begin"] | ["open", _] | ["converting"] | ["importing", _]
        )
    }

    /// Acknowledged facts one check covers.
    fn len(&self) -> usize {
        self.people.len()
            + self.meetings.len()
            + self.notes.len()
            + self.held.len()
            + self.points.len()
            + self.actions.len()
            + self.feedback.len()
            + self.imports.len()
            + self.backups.len()
            + usize::from(self.exported)
    }
}

#[derive(Default)]
struct Stats {
    acknowledged: usize,
    imports: usize,
    checks: usize,
    new_files: usize,
    killed_before_open: usize,
    killed_inside_open: usize,
    left_unmigrated: usize,
    /// How many kills left the file at each older schema version.
    left_at_version: std::collections::BTreeMap<i64, usize>,
    old_files: usize,
    killed_updating_old: usize,
    batches_seen_whole: usize,
    backups_checked: usize,
    exports_checked: usize,
    conversions: usize,
    killed_converting: usize,
    killed_bulk_importing: usize,
    found_encrypted: usize,
}

/// The writer's test as the harness names it: its module path without the
/// crate, so the filter still selects it wherever this module lives.
fn writer_test_name() -> String {
    let module = module_path!().split_once("::").map_or("", |(_, path)| path);
    format!("{module}::crash_writer_child")
}

/// One writer's life: spawn it, let it write for `life`, SIGKILL it.
/// Returns the acknowledgement lines it printed (without "ack ").
fn run_writer(
    path: &Path,
    batches: &Path,
    round: u64,
    seed: u64,
    life: Duration,
    encrypted_run: bool,
) -> Vec<String> {
    let mut command = Command::new(std::env::current_exe().unwrap());
    if encrypted_run {
        command.env(ENCRYPTED_ENV, "1");
    }
    let mut child = command
        .args([
            &writer_test_name(),
            "--exact",
            "--nocapture",
            "--test-threads=1",
            "--quiet",
        ])
        .env(WRITER_ENV, path)
        .env(BATCHES_ENV, batches)
        .env(ROUND_ENV, round.to_string())
        .env(WRITER_SEED_ENV, seed.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the writer");
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    // Read while it writes, so a full pipe never slows the writer down.
    let acks = std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut acks = Vec::new();
        let mut line = Vec::new();
        while reader.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
            // A line cut short by the kill was never acknowledged.
            if line.ends_with(b"\n") {
                let text = String::from_utf8_lossy(&line);
                if let Some(ack) = text.trim_end().strip_prefix("ack ") {
                    acks.push(ack.to_string());
                }
            }
            line.clear();
        }
        acks
    });
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });

    std::thread::sleep(life);
    let ended_by_itself = child.try_wait().expect("poll the writer");
    if ended_by_itself.is_none() {
        child.kill().expect("SIGKILL the writer");
    }
    let status = child.wait().expect("reap the writer");
    let acks = acks.join().unwrap();
    let errors = errors.join().unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "round {round}: the writer must run until it is killed, but it stopped by itself \
         ({status}); its last acknowledgement was {:?}; its stderr:\n{errors}",
        acks.last()
    );
    acks
}

/// The schema after migrations 1..=v, for every v from 0 to the latest, built
/// from the migration files themselves.
fn schemas_by_version() -> Vec<Vec<(String, String, Option<String>)>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .collect();
    files.sort();
    assert_eq!(
        files.len() as i64,
        SCHEMA_VERSION,
        "one migration file per schema version in {}",
        folder.display()
    );
    let conn = Connection::open_in_memory().unwrap();
    let mut schemas = vec![schema_of(&conn)];
    for file in files {
        conn.execute_batch(&std::fs::read_to_string(file).unwrap())
            .unwrap();
        schemas.push(schema_of(&conn));
    }
    schemas
}

fn ids(conn: &Connection, sql: &str) -> HashSet<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Everything checked after one kill.
fn check_after_kill(
    path: &Path,
    schemas: &[Vec<(String, String, Option<String>)>],
    expected: &Expected,
    opened: bool,
    encrypted_run: bool,
    at: &str,
    stats: &mut Stats,
) {
    // The file as the kill left it, before Candor touches it (opening it
    // replays or discards the WAL, as any reader would). A writer killed
    // before it created the file leaves none; opening makes an empty one.
    let existed = path.exists();
    stats.found_encrypted += usize::from(FileState::of(path).unwrap().is_encrypted());
    {
        let conn = raw_open(path, encrypted_run);
        assert_eq!(
            integrity(&conn),
            ["ok"],
            "{at}: integrity_check must pass on the file the kill left"
        );
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert!(
            (0..=SCHEMA_VERSION).contains(&version),
            "{at}: user_version {version} is not a version Candor ever wrote"
        );
        assert!(
            schema_of(&conn) == schemas[version as usize],
            "{at}: the schema must be exactly what migrations 1..={version} make: \
             a migration is applied whole or not at all"
        );
        if version < SCHEMA_VERSION {
            assert!(
                !opened,
                "{at}: the writer had opened (so migrated) the journal, yet the file is at \
                 version {version}"
            );
            stats.left_unmigrated += usize::from(existed);
            if existed {
                *stats.left_at_version.entry(version).or_default() += 1;
            }
        }
    }

    let store = Store::open_with_key(path, key_for(path, encrypted_run).as_ref())
        .unwrap_or_else(|err| panic!("{at}: the journal must open after a kill: {err}"));
    let conn = store.conn();
    assert_eq!(
        store.schema_version().unwrap(),
        SCHEMA_VERSION,
        "{at}: opening brings the journal to the latest schema"
    );
    assert_eq!(
        integrity(conn),
        ["ok"],
        "{at}: integrity_check must pass once Candor has opened the journal"
    );
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "{at}: no reference points at a missing record");
    // The search index agrees with the records: one document each (a bulk
    // import sets the triggers aside and indexes everything at its end), and
    // FTS5's own check of the index against its rows.
    let documents: i64 = conn
        .query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        documents,
        record_count(conn),
        "{at}: every record has its search document"
    );
    conn.execute_batch("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        .unwrap_or_else(|err| panic!("{at}: the full-text index must match its rows: {err}"));

    let people = ids(conn, "SELECT id FROM people");
    let points = ids(conn, "SELECT id FROM talking_points");
    let actions = ids(conn, "SELECT id FROM action_items");
    let mut meetings: HashMap<String, (String, String)> = HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT id, status, notes FROM one_on_ones")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .unwrap();
        for row in rows {
            let (id, rest) = row.unwrap();
            meetings.insert(id, rest);
        }
    }
    let mut feedback: HashMap<String, usize> = HashMap::new();
    {
        let mut stmt = conn
            .prepare(
                "SELECT f.id, (SELECT count(*) FROM feedback_tags t WHERE t.feedback_id = f.id) \
                 FROM feedback f",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
            .unwrap();
        for row in rows {
            let (id, tags) = row.unwrap();
            feedback.insert(id, tags);
        }
    }

    for id in &expected.people {
        assert!(
            people.contains(id),
            "{at}: acknowledged person {id} is lost"
        );
    }
    for id in &expected.meetings {
        assert!(
            meetings.contains_key(id),
            "{at}: acknowledged 1-on-1 {id} is lost"
        );
    }
    for (id, &(round, counter)) in &expected.notes {
        let (_, notes) = meetings
            .get(id)
            .unwrap_or_else(|| panic!("{at}: 1-on-1 {id}, whose notes were saved, is lost"));
        let mark = note_mark(notes).unwrap_or_else(|| {
            panic!("{at}: the notes of 1-on-1 {id} lost their acknowledged save: {notes:?}")
        });
        assert!(
            mark >= (round, counter),
            "{at}: the notes of 1-on-1 {id} went back from save r{round} n{counter} to \
             r{} n{}",
            mark.0,
            mark.1
        );
    }
    for id in &expected.held {
        let status = meetings.get(id).map(|(status, _)| status.as_str());
        assert_eq!(
            status,
            Some("held"),
            "{at}: 1-on-1 {id} was acknowledged as held"
        );
    }
    for id in &expected.points {
        assert!(
            points.contains(id),
            "{at}: acknowledged talking point {id} is lost"
        );
    }
    for id in &expected.actions {
        assert!(
            actions.contains(id),
            "{at}: acknowledged action item {id} is lost"
        );
    }
    for (id, &tags) in &expected.feedback {
        assert_eq!(
            feedback.get(id),
            Some(&tags),
            "{at}: acknowledged feedback {id} must be there with its {tags} tags"
        );
    }

    for number in 0..BATCHES {
        let batch = Batch::new(number);
        let present = batch
            .people
            .iter()
            .filter(|id| people.contains(*id))
            .count()
            + batch
                .one_on_ones
                .iter()
                .filter(|id| meetings.contains_key(*id))
                .count()
            + batch
                .talking_points
                .iter()
                .filter(|id| points.contains(*id))
                .count()
            + batch
                .action_items
                .iter()
                .filter(|id| actions.contains(*id))
                .count()
            + batch
                .feedback
                .iter()
                .filter(|id| feedback.get(*id) == Some(&BATCH_TAGS))
                .count();
        let total = batch.records();
        assert!(
            present == 0 || present == total,
            "{at}: import {number} is half visible: {present} of its {total} records are there"
        );
        if expected.imports.contains(&number) {
            assert_eq!(
                present, total,
                "{at}: acknowledged import {number} must be all there"
            );
        }
        if present == total {
            stats.batches_seen_whole += 1;
        }
    }
    check_backups_and_export(path, expected, at, stats);
    stats.checks += expected.len();
}

/// Every backup under its real name is a sound journal (a kill mid-backup
/// leaves at most a hidden temporary file), every acknowledged backup is
/// there, and the export beside the journal is whole.
fn check_backups_and_export(path: &Path, expected: &Expected, at: &str, stats: &mut Stats) {
    // A conversion killed midway leaves a hidden copy, which the next
    // conversion (or the app, holding the lock) removes.
    let stale = candor_core::store::remove_stale_copies(path);
    assert!(
        stale <= 1,
        "{at}: at most one conversion's copy is left ({stale})"
    );
    let folder = backup::backups_dir(path);
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for entry in entries {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let key = key_for(&entry.path(), false);
            if let Err(err) = backup::verify(&entry.path(), key.as_ref()) {
                panic!("{at}: the backup {name} is not sound: {err}");
            }
            stats.backups_checked += 1;
        }
    }
    for acknowledged in &expected.backups {
        assert!(
            acknowledged.exists(),
            "{at}: the acknowledged backup {} is missing",
            acknowledged.display()
        );
    }
    let export = path.with_file_name(EXPORT_NAME);
    match std::fs::read(&export) {
        Ok(bytes) => {
            let json: serde_json::Value = serde_json::from_slice(&bytes)
                .unwrap_or_else(|err| panic!("{at}: the export is not whole JSON: {err}"));
            assert_eq!(
                json["format"], "candor",
                "{at}: the export is a Candor export"
            );
            stats.exports_checked += 1;
        }
        Err(_) => assert!(
            !expected.exported,
            "{at}: the acknowledged export is missing"
        ),
    }
}

fn remove_journal(path: &Path) {
    let _ = std::fs::remove_dir_all(backup::backups_dir(path));
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => panic!("remove {name:?}: {err}"),
        }
    }
}

#[test]
fn acknowledged_writes_survive_sigkill_at_random_moments() {
    crash_test(false);
}

#[test]
fn an_encrypted_journal_and_its_conversions_survive_sigkill_at_random_moments() {
    crash_test(true);
}

fn crash_test(encrypted_run: bool) {
    let what = if encrypted_run { "encrypted" } else { "plain" };
    let kills: u64 = env_number(KILLS_ENV).unwrap_or(DEFAULT_KILLS);
    let seed: u64 = env_number(SEED_ENV).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
    });
    println!("crash test ({what}): {kills} kills, seed {seed} (set {SEED_ENV}={seed} to replay)");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("candor.db");
    let batches = dir.path().join("batches");
    std::fs::create_dir(&batches).unwrap();
    for number in 0..BATCHES {
        std::fs::write(
            batches.join(Batch::file_name(number)),
            Batch::new(number).json(number),
        )
        .unwrap();
    }
    // A batch the importer refuses would fail in the writer, far from here.
    transfer::import_json(
        Store::open_in_memory().unwrap().conn(),
        Batch::new(0).json(0).as_bytes(),
        true,
    )
    .expect("the import batches are valid Candor exports");

    let schemas = schemas_by_version();
    let mut rng = Rng(seed);
    let mut expected = Expected::default();
    let mut stats = Stats::default();
    let started = Instant::now();
    // Whether the file is a copy of the older journal no writer has opened
    // (so updated) yet.
    let mut old_not_updated = false;
    for round in 0..kills {
        if round == 0 || rng.below(NEW_FILE_ONE_IN) == 0 {
            remove_journal(&path);
            expected = Expected::default();
            stats.new_files += 1;
            old_not_updated = rng.below(OLD_FILE_ONE_IN) == 0;
            if old_not_updated {
                let old = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("tests/data/schema-v{OLD_SCHEMA}.db"));
                std::fs::copy(old, &path).unwrap();
                stats.old_files += 1;
            }
        }
        let life_ms = MIN_LIFE_MS * (MAX_LIFE_MS / MIN_LIFE_MS).powf(rng.unit());
        let life = Duration::from_micros((life_ms * 1000.0) as u64);
        let acks = run_writer(&path, &batches, round, rng.next(), life, encrypted_run);

        let began = acks.iter().any(|a| a == "begin");
        let opened = acks.iter().any(|a| a.starts_with("open "));
        if !began || !path.exists() {
            stats.killed_before_open += 1;
        } else if !opened {
            stats.killed_inside_open += 1;
            stats.killed_updating_old += usize::from(old_not_updated);
        }
        old_not_updated &= !opened;
        let converting = acks.iter().filter(|a| *a == "converting").count();
        let converted = acks.iter().filter(|a| a.starts_with("converted ")).count();
        stats.conversions += converted;
        stats.killed_converting += converting - converted;
        let bulk_began = acks.iter().any(|a| a == "importing 0");
        let bulk_done = acks.iter().any(|a| a == "import 0");
        stats.killed_bulk_importing += usize::from(bulk_began && !bulk_done);
        for line in &acks {
            if expected.record(line) {
                stats.acknowledged += 1;
                stats.imports += usize::from(line.starts_with("import "));
            }
        }
        let at = format!("round {round} (seed {seed}, writer lived {life_ms:.1} ms)");
        check_after_kill(
            &path,
            &schemas,
            &expected,
            opened,
            encrypted_run,
            &at,
            &mut stats,
        );
    }

    if encrypted_run {
        assert!(
            stats.found_encrypted > 0,
            "the encrypted run found the journal encrypted after some kills"
        );
        println!(
            "crash test ({what}): {} conversions done, {} kills during a conversion, the \
             journal found encrypted after {} kills",
            stats.conversions, stats.killed_converting, stats.found_encrypted
        );
    }
    println!(
        "crash test ({what}): {kills} kills in {:.1} s, seed {seed}: {} acknowledged writes ({} imports), \
         {} acknowledged-write checks after kills, all present; {} new files ({} of them a \
         schema-{OLD_SCHEMA} journal to update), {} kills before the journal was opened, {} \
         inside Store::open ({} while it updated the older journal; {} left a file at an \
         older schema version ({}), which then migrated cleanly); imports seen whole {} times, never half \
         ({} kills during the bulk import of the first batch); {} backups and {} exports \
         found whole after kills",
        started.elapsed().as_secs_f64(),
        stats.acknowledged,
        stats.imports,
        stats.checks,
        stats.new_files,
        stats.old_files,
        stats.killed_before_open,
        stats.killed_inside_open,
        stats.killed_updating_old,
        stats.left_unmigrated,
        stats
            .left_at_version
            .iter()
            .map(|(version, kills)| format!("{kills} at {version}"))
            .collect::<Vec<_>>()
            .join(", "),
        stats.batches_seen_whole,
        stats.killed_bulk_importing,
        stats.backups_checked,
        stats.exports_checked,
    );
}
