//! Export and import across the whole journal: a lossless round trip that is
//! byte-for-byte repeatable, re-imports that change nothing, dry runs that
//! write nothing, errors that name the record and field, all-or-nothing
//! writes, the Markdown folder, and hostile input that never panics and
//! never writes half a file.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use candor_core::demo::{self, DemoOptions};
use candor_core::progress::{Cancel, Progress, Stage, Step};
use candor_core::store::action_items::{self, ActionItemInput};
use candor_core::store::agenda;
use candor_core::store::conflicts::{
    self, ConflictInput, PartyInput, Status as ConflictStatus, UpdateInput,
};
use candor_core::store::feedback::{self, FeedbackInput};
use candor_core::store::goals::{self, CheckinInput, GoalInput};
use candor_core::store::one_on_ones::{self, NewOneOnOne, TextField};
use candor_core::store::people::{self, Person, PersonInput};
use candor_core::store::questions::{self, AskedInput, QuestionInput};
use candor_core::store::settings::{self, SettingsInput};
use candor_core::store::templates::{self, PromptInput, TemplateInput};
use candor_core::transfer::{self, ImportReport, FORMAT_VERSION, MAX_PROBLEMS};
use candor_core::Store;
use proptest::prelude::*;
use rusqlite::Connection;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::{point, record_count, schema_of, search_hits, today};

const EXPORTED_AT: &str = "2026-11-29T12:00:00.000Z";
const WEEKLY: &str = "6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0001";
const FIRST_TEMPLATE: &str = "6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0002";
const WHAT_HAVE_YOU_TRIED: &str = "7a3e5c10-4d2b-4f6e-9c81-000000000301";
const HOW_CAN_I_HELP: &str = "7a3e5c10-4d2b-4f6e-9c81-000000000501";

fn id(text: &str) -> Uuid {
    Uuid::parse_str(text).unwrap()
}

fn person(conn: &Connection, input: PersonInput) -> Person {
    people::create(conn, &input).unwrap()
}

fn named(name: &str) -> PersonInput {
    PersonInput {
        name: name.into(),
        ..Default::default()
    }
}

fn start(
    conn: &Connection,
    who: &Person,
    at: &str,
    template: Option<&str>,
) -> one_on_ones::OneOnOne {
    one_on_ones::start(
        conn,
        who.id,
        &NewOneOnOne {
            scheduled_at: at.into(),
            template_id: template.map(String::from),
        },
    )
    .unwrap()
}

fn action(
    conn: &Connection,
    who: &Person,
    meeting: Option<Uuid>,
    text: &str,
    owner: &str,
) -> action_items::ActionItem {
    action_items::add(
        conn,
        who.id,
        &ActionItemInput {
            text: text.into(),
            owner: owner.into(),
            due_on: Some("2026-12-01".into()),
            one_on_one_id: meeting.map(|m| m.to_string()),
        },
    )
    .unwrap()
}

fn draft(
    conn: &Connection,
    who: &Person,
    kind: &str,
    observation: &str,
    tags: &[&str],
) -> feedback::Feedback {
    feedback::create(
        conn,
        who.id,
        &FeedbackInput {
            kind: kind.into(),
            context: "In Tuesday's design review".into(),
            observation: observation.into(),
            impact: "The team saw the trade-offs clearly".into(),
            next_time: if kind == "redirecting" {
                "Share the doc a day earlier".into()
            } else {
                String::new()
            },
            observed_on: "2026-11-03".into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        },
        today(),
    )
    .unwrap()
}

fn conflict(conn: &Connection, title: &str, parties: Vec<PartyInput>) -> conflicts::ConflictDetail {
    conflicts::create(
        conn,
        &ConflictInput {
            title: title.into(),
            description: "Disagreement about **code review** turnaround.".into(),
            parties,
            surfaced_on: "2026-11-01".into(),
            next_step: "Talk to both separately".into(),
        },
    )
    .unwrap()
}

/// The people a test journal holds, to find them again.
struct Team {
    ana: Person,
    bo: Person,
    emile: Person,
}

/// A journal with every record kind and every status, built through the
/// core's own functions.
fn build_journal(conn: &Connection) -> Team {
    let ana = person(
        conn,
        PersonInput {
            name: "Ana Lima".into(),
            role: "Senior engineer".into(),
            team: "Payments".into(),
            start_date: Some("2024-03-04".into()),
            cadence_days: Some(14),
            feedback_preferences: "Written first, then talk".into(),
            recognition: Some("private".into()),
            feedback_medium: Some("written".into()),
            notes: "Prefers mornings.\n\n    indented code stays indented".into(),
        },
    );
    let bo = person(
        conn,
        PersonInput {
            name: "Bo Chen".into(),
            recognition: Some("public".into()),
            feedback_medium: Some("spoken".into()),
            notes: "Bo's private note about the reorg".into(),
            ..Default::default()
        },
    );
    let emile = person(conn, named("Émile Zoë"));
    let emile = people::set_archived(conn, emile.id, true).unwrap();

    // Templates: one of the user's own, a built-in hidden.
    let own = templates::create(
        conn,
        &TemplateInput {
            name: "Quarterly".into(),
            prompts: vec![
                PromptInput {
                    text: "How is the quarter going?".into(),
                    raised_by: "me".into(),
                },
                PromptInput {
                    text: "Anything blocking you?".into(),
                    raised_by: "them".into(),
                },
            ],
        },
    )
    .unwrap();
    templates::set_hidden(conn, id(WEEKLY), true).unwrap();

    // 1-on-1s in every status, with carried-over points.
    let first = start(conn, &ana, "2026-11-02T10:00", Some(FIRST_TEMPLATE));
    let open = point(conn, first.id, "Promotion timeline", "them");
    let done = point(conn, first.id, "On-call rota", "me");
    agenda::set_resolved(conn, done.id, true).unwrap();
    let _ = open;
    one_on_ones::save_text(
        conn,
        first.id,
        TextField::Notes,
        "Ana's meeting notes: **growth** talk",
    )
    .unwrap();
    one_on_ones::save_text(
        conn,
        first.id,
        TextField::Outcomes,
        "- Agreed on a stretch project",
    )
    .unwrap();
    one_on_ones::set_mood(conn, first.id, Some(4)).unwrap();
    one_on_ones::mark_held(conn, first.id, "2026-11-02", today()).unwrap();
    let next = one_on_ones::schedule_next(conn, first.id).unwrap();
    let moved = one_on_ones::reschedule(conn, next.id, "2026-11-17T11:00").unwrap();
    let _ = moved;
    let later = start(conn, &bo, "2026-11-04T09:30", Some(&own.id.to_string()));
    one_on_ones::save_text(conn, later.id, TextField::Notes, "Bo's meeting notes").unwrap();
    one_on_ones::mark_held(conn, later.id, "2026-11-04", today()).unwrap();
    let cancelled = start(conn, &bo, "2026-11-11T09:30", None);
    one_on_ones::cancel(conn, cancelled.id).unwrap();

    // Action items: from a meeting or not, open or done, mine or theirs.
    let item = action(
        conn,
        &ana,
        Some(first.id),
        "Draft the project proposal",
        "them",
    );
    action_items::set_done(conn, item.id, Some("2026-11-05")).unwrap();
    action(conn, &ana, None, "Ask finance about the budget", "me");
    action(conn, &bo, Some(later.id), "Pair on the migration", "me");

    // Feedback in every status, with tags and a response.
    let delivered = draft(
        conn,
        &ana,
        "reinforcing",
        "You walked through three options",
        &["communication", "design"],
    );
    feedback::deliver(conn, delivered.id, "2026-11-03", None, today()).unwrap();
    feedback::set_response(conn, delivered.id, "She was *pleased*.").unwrap();
    let in_meeting = draft(
        conn,
        &bo,
        "redirecting",
        "The doc arrived an hour before the review",
        &["writing"],
    );
    feedback::deliver(conn, in_meeting.id, "2026-11-04", Some(later.id), today()).unwrap();
    let ready = draft(conn, &ana, "redirecting", "You interrupted Bo twice", &[]);
    feedback::mark_ready(conn, ready.id).unwrap();
    draft(
        conn,
        &bo,
        "reinforcing",
        "You unblocked the release",
        &["ownership"],
    );
    let dropped = draft(conn, &bo, "redirecting", "Late again", &[]);
    feedback::discard(conn, dropped.id).unwrap();

    // Conflicts in every status, with team members and outsiders.
    let review = conflict(
        conn,
        "Review turnaround",
        vec![
            PartyInput::person(ana.id),
            PartyInput::person(bo.id),
            PartyInput::outsider("Dana (design)"),
        ],
    );
    conflicts::add_update(
        conn,
        review.conflict.id,
        &UpdateInput {
            on: "2026-11-04".into(),
            note: "Talked it through with **Bo**".into(),
            one_on_one_id: Some(later.id.to_string()),
        },
    )
    .unwrap();
    conflicts::set_status(
        conn,
        review.conflict.id,
        ConflictStatus::InProgress,
        None,
        None,
        today(),
    )
    .unwrap();
    let resolved = conflict(conn, "Desk move", vec![PartyInput::person(ana.id)]);
    conflicts::set_status(
        conn,
        resolved.conflict.id,
        ConflictStatus::Resolved,
        Some("Agreed on a rota"),
        Some("2026-11-10"),
        today(),
    )
    .unwrap();
    let parked = conflict(
        conn,
        "Vendor friction",
        vec![PartyInput::outsider("Acme support")],
    );
    conflicts::set_status(
        conn,
        parked.conflict.id,
        ConflictStatus::Parked,
        None,
        None,
        today(),
    )
    .unwrap();
    conflict(conn, "Standup timing", vec![PartyInput::person(bo.id)]);

    // Questions: one of the user's own, a built-in retired, asked in and out
    // of meetings, from the bank and on the spot.
    let own_question = questions::create_question(
        conn,
        &QuestionInput {
            text: "What would make next week great?".into(),
            category: "reflection".into(),
        },
    )
    .unwrap();
    questions::set_retired(conn, id(HOW_CAN_I_HELP), true).unwrap();
    for (who, question, meeting, text) in [
        (
            &ana,
            Some(WHAT_HAVE_YOU_TRIED.to_owned()),
            Some(first.id),
            "",
        ),
        (&bo, Some(own_question.id.to_string()), None, ""),
        (&bo, None, Some(later.id), "What surprised you this sprint?"),
    ] {
        questions::log_asked(
            conn,
            &AskedInput {
                person_id: who.id.to_string(),
                question_id: question,
                text: text.into(),
                asked_on: "2026-11-04".into(),
                one_on_one_id: meeting.map(|m| m.to_string()),
                answer: format!("{}'s answer", who.name),
                follow_up: "Check in next week".into(),
            },
        )
        .unwrap();
    }

    // Goals: active with check-ins, achieved, dropped.
    let goal = goals::create(
        conn,
        ana.id,
        &GoalInput {
            title: "Lead a cross-team project".into(),
            why: "Staff engineer path".into(),
            measure: "Ships by Q2 with two teams".into(),
            target_on: Some("2027-06-30".into()),
        },
        today(),
    )
    .unwrap();
    goals::add_checkin(
        conn,
        goal.id,
        &CheckinInput {
            noted_on: "2026-11-02".into(),
            note: "Picked the project".into(),
            progress: Some(10),
            one_on_one_id: Some(first.id.to_string()),
        },
    )
    .unwrap();
    goals::add_checkin(
        conn,
        goal.id,
        &CheckinInput {
            noted_on: "2026-11-20".into(),
            note: String::new(),
            progress: Some(25),
            one_on_one_id: None,
        },
    )
    .unwrap();
    for status in [goals::Status::Achieved, goals::Status::Dropped] {
        let g = goals::create(
            conn,
            bo.id,
            &GoalInput {
                title: format!("Goal {}", status.as_str()),
                ..Default::default()
            },
            today(),
        )
        .unwrap();
        goals::set_status(conn, g.id, status, today()).unwrap();
    }

    // Settings and a snooze.
    settings::update(
        conn,
        &SettingsInput {
            overdue_factor: Some(2.0),
            notifications_enabled: Some(false),
            ..Default::default()
        },
    )
    .unwrap();
    conn.execute(
        "INSERT INTO snoozes (reminder_key, since, until, created_at) VALUES (?1, '2026-11-02', '2026-12-01', '2026-11-29T09:00:00.000Z')",
        [format!("one_on_one:{}", ana.id)],
    )
    .unwrap();

    Team { ana, bo, emile }
}

fn journal() -> (Store, Team) {
    let store = Store::open_in_memory().unwrap();
    let team = build_journal(store.conn());
    (store, team)
}

/// The export of the journal built once, for tests that only read it.
fn base_export() -> &'static str {
    static EXPORT: OnceLock<String> = OnceLock::new();
    EXPORT.get_or_init(|| {
        let (store, _) = journal();
        transfer::export_json(store.conn(), EXPORTED_AT).unwrap()
    })
}

/// Everything observable about a journal: its export and the rows in every
/// table (the search index included, which the export leaves out).
fn snapshot(conn: &Connection) -> (String, BTreeMap<String, i64>) {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let counts = tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect();
    (transfer::export_json(conn, EXPORTED_AT).unwrap(), counts)
}

fn import(conn: &Connection, text: &str) -> candor_core::Result<ImportReport> {
    transfer::import_json(conn, text.as_bytes(), false)
}

fn edited(text: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(text).unwrap();
    edit(&mut doc);
    serde_json::to_string_pretty(&doc).unwrap()
}

/// The place of the record with `id` in the kind's list.
fn index_of(doc: &Value, kind: &str, id: &str) -> usize {
    doc[kind]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{kind} has no record {id}"))
}

/// The first record of `kind` for which `pick` holds.
fn find(doc: &Value, kind: &str, pick: impl Fn(&Value) -> bool) -> usize {
    doc[kind]
        .as_array()
        .unwrap()
        .iter()
        .position(pick)
        .unwrap_or_else(|| panic!("no such record in {kind}"))
}

// ---------------------------------------------------------------------------
// Round trips

#[test]
fn the_export_holds_every_record_kind_and_every_status() {
    let doc: Value = serde_json::from_str(base_export()).unwrap();
    assert_eq!(doc["format"], "candor");
    assert_eq!(doc["version"], FORMAT_VERSION);
    assert_eq!(doc["exported_at"], EXPORTED_AT);
    for kind in transfer::record_kinds() {
        let records = doc[kind]
            .as_array()
            .unwrap_or_else(|| panic!("{kind} is a list"));
        assert!(
            !records.is_empty(),
            "the test journal should hold some {kind}"
        );
        // Ordered by id (`key` for settings, `reminder_key` for snoozes),
        // bytewise, as SQLite orders text.
        let ids: Vec<&str> = records
            .iter()
            .map(|r| {
                ["id", "key", "reminder_key"]
                    .iter()
                    .find_map(|name| r[*name].as_str())
                    .unwrap()
            })
            .collect();
        assert!(
            ids.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()),
            "{kind} in id order: {ids:?}"
        );
    }
    let statuses = |kind: &str| -> Vec<String> {
        let mut all: Vec<String> = doc[kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["status"].as_str().unwrap().to_owned())
            .collect();
        all.sort();
        all.dedup();
        all
    };
    assert_eq!(
        statuses("one_on_ones"),
        ["cancelled", "held", "rescheduled", "scheduled"]
    );
    assert_eq!(
        statuses("feedback"),
        ["delivered", "discarded", "draft", "ready"]
    );
    assert_eq!(
        statuses("conflicts"),
        ["in_progress", "open", "parked", "resolved"]
    );
    assert_eq!(statuses("goals"), ["achieved", "active", "dropped"]);
    let carried = doc["talking_points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["carried_from_id"].is_null())
        .count();
    assert!(carried > 0, "the journal has carried-over talking points");
    assert_eq!(
        doc["questions"][index_of(&doc, "questions", HOW_CAN_I_HELP)]["retired"],
        true,
        "a retired built-in travels as retired"
    );
    assert_eq!(
        doc["agenda_templates"][index_of(&doc, "agenda_templates", WEEKLY)]["hidden"],
        true
    );
}

#[test]
fn export_then_import_into_an_empty_journal_then_export_gives_the_same_bytes() {
    let first = base_export();
    let copy = Store::open_in_memory().unwrap();
    let report = import(copy.conn(), first).unwrap();
    assert!(report.added() > 0);
    let second = transfer::export_json(copy.conn(), EXPORTED_AT).unwrap();
    assert!(first == second, "the round trip must be byte-identical");
    assert!(first.ends_with("}\n"), "the file ends with a newline");
    assert!(
        first.contains("Émile Zoë"),
        "non-ASCII text is written as UTF-8, not escaped"
    );
    let again = transfer::export_json(copy.conn(), EXPORTED_AT).unwrap();
    assert_eq!(second, again, "exporting twice gives the same bytes");
}

#[test]
fn the_imported_journal_reads_the_same_through_the_core() {
    let (store, team) = journal();
    let text = transfer::export_json(store.conn(), EXPORTED_AT).unwrap();
    let copy = Store::open_in_memory().unwrap();
    import(copy.conn(), &text).unwrap();
    for who in [&team.ana, &team.bo, &team.emile] {
        assert_eq!(people::get(copy.conn(), who.id).unwrap(), *who);
        assert_eq!(
            one_on_ones::list_for_person(copy.conn(), who.id).unwrap(),
            one_on_ones::list_for_person(store.conn(), who.id).unwrap()
        );
        assert_eq!(
            conflicts::involving(copy.conn(), who.id).unwrap(),
            conflicts::involving(store.conn(), who.id).unwrap()
        );
    }
    assert_eq!(
        settings::get(copy.conn()).unwrap(),
        settings::get(store.conn()).unwrap()
    );
    assert_eq!(
        templates::list(copy.conn(), true).unwrap(),
        templates::list(store.conn(), true).unwrap()
    );
}

#[test]
fn reimporting_the_same_file_adds_nothing_and_changes_nothing() {
    let (store, _) = journal();
    let text = transfer::export_json(store.conn(), EXPORTED_AT).unwrap();
    let before = snapshot(store.conn());
    let report = import(store.conn(), &text).unwrap();
    assert_eq!((report.added(), report.updated()), (0, 0), "{report:?}");
    assert_eq!(
        report.unchanged(),
        report.kinds.iter().map(|k| k.unchanged).sum::<usize>()
    );
    assert_eq!(
        snapshot(store.conn()),
        before,
        "nothing changed in the journal"
    );

    let copy = Store::open_in_memory().unwrap();
    let first = import(copy.conn(), &text).unwrap();
    let second = import(copy.conn(), &text).unwrap();
    assert!(first.added() > 0);
    assert_eq!((second.added(), second.updated()), (0, 0), "{second:?}");
    assert_eq!(
        second.unchanged(),
        first.added() + first.updated() + first.unchanged()
    );
}

#[test]
fn into_an_empty_journal_only_changed_built_ins_count_as_updated() {
    let copy = Store::open_in_memory().unwrap();
    let report = import(copy.conn(), base_export()).unwrap();
    let questions = report.kind("questions").unwrap();
    assert_eq!(questions.added, 1, "the user's own question");
    assert_eq!(questions.updated, 1, "the retired built-in");
    let templates = report.kind("agenda_templates").unwrap();
    assert_eq!(
        (templates.added, templates.updated),
        (1, 1),
        "own template added, built-in hidden"
    );
    assert_eq!(report.kind("people").unwrap().added, 3);
}

#[test]
fn a_record_whose_content_differs_is_updated_and_the_file_wins() {
    let (store, team) = journal();
    let text = transfer::export_json(store.conn(), EXPORTED_AT).unwrap();
    let renamed = edited(&text, |doc| {
        let i = index_of(doc, "people", &team.ana.id.to_string());
        doc["people"][i]["name"] = json!("Ana Lima-Souza");
        let f = find(doc, "feedback", |f| {
            f["tags"].as_array().is_some_and(|t| t.len() == 2)
        });
        doc["feedback"][f]["tags"] = json!(["design", "communication", "mentoring"]);
    });
    let report = import(store.conn(), &renamed).unwrap();
    assert_eq!(report.kind("people").unwrap().updated, 1);
    assert_eq!(
        report.kind("feedback").unwrap().updated,
        1,
        "a changed nested list is an update"
    );
    assert_eq!(report.updated(), 2, "{report:?}");
    assert_eq!(report.added(), 0);
    assert_eq!(
        people::get(store.conn(), team.ana.id).unwrap().name,
        "Ana Lima-Souza"
    );
    let exported: Value =
        serde_json::from_str(&transfer::export_json(store.conn(), EXPORTED_AT).unwrap()).unwrap();
    let f = find(&exported, "feedback", |f| {
        f["tags"].as_array().is_some_and(|t| t.len() == 3)
    });
    assert_eq!(
        exported["feedback"][f]["tags"],
        json!(["design", "communication", "mentoring"]),
        "tag order is kept"
    );
}

#[test]
fn import_merges_and_never_deletes() {
    let (store, _) = journal();
    let text = transfer::export_json(store.conn(), EXPORTED_AT).unwrap();
    let other = Store::open_in_memory().unwrap();
    let carla = person(other.conn(), named("Carla"));
    import(other.conn(), &text).unwrap();
    assert!(
        people::get(other.conn(), carla.id).is_ok(),
        "a record not in the file is kept"
    );
}

#[test]
fn a_dry_run_reports_what_would_change_and_writes_nothing() {
    let target = Store::open_in_memory().unwrap();
    person(target.conn(), named("Already here"));
    let before = snapshot(target.conn());
    let report = transfer::import_json(target.conn(), base_export().as_bytes(), true).unwrap();
    assert!(report.dry_run);
    assert_eq!(report.kind("people").unwrap().added, 3);
    assert_eq!(report.kind("one_on_ones").unwrap().added, 5);
    assert_eq!(report.kind("questions").unwrap().updated, 1);
    assert_eq!(snapshot(target.conn()), before, "a dry run writes nothing");
    let real = import(target.conn(), base_export()).unwrap();
    assert_eq!(
        real.kinds, report.kinds,
        "the dry run predicts the import exactly"
    );
    assert!(!real.dry_run);
}

// ---------------------------------------------------------------------------
// Refusals

/// Imports `text` into a journal that already holds something, expects a
/// refusal mentioning every one of `expected`, and checks that the journal
/// is exactly as it was.
fn refused(text: &str, expected: &[&str]) -> String {
    let target = Store::open_in_memory().unwrap();
    person(target.conn(), named("Already here"));
    let before = snapshot(target.conn());
    let err = import(target.conn(), text).expect_err("the file must be refused");
    let message = err.to_string();
    for words in expected {
        assert!(message.contains(words), "expected {words:?} in:\n{message}");
    }
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(
        snapshot(target.conn()),
        before,
        "a refused import leaves the journal as it was"
    );
    message
}

#[test]
fn every_kind_of_problem_names_the_record_and_the_field() {
    let base = base_export();
    let doc: Value = serde_json::from_str(base).unwrap();
    let stranger = Uuid::new_v4().to_string();
    let held = find(&doc, "one_on_ones", |m| m["status"] == "held");
    let ana_id = doc["people"][find(&doc, "people", |p| p["name"] == "Ana Lima")]["id"].clone();
    let bo_meeting = doc["one_on_ones"]
        [find(&doc, "one_on_ones", |m| m["notes"] == "Bo's meeting notes")]["id"]
        .clone();
    let ana_item = find(&doc, "action_items", |a| a["person_id"] == ana_id);
    let carried = find(&doc, "talking_points", |p| !p["carried_from_id"].is_null());
    let tagged = find(&doc, "feedback", |f| {
        f["tags"].as_array().is_some_and(|t| !t.is_empty())
    });
    let resolved = find(&doc, "conflicts", |c| c["status"] == "resolved");
    let active_goal = find(&doc, "goals", |g| g["status"] == "active");
    let own_question = find(&doc, "questions", |q| q["builtin"] == false);
    let builtin_question = index_of(&doc, "questions", WHAT_HAVE_YOU_TRIED);
    let own_template = find(&doc, "agenda_templates", |t| t["builtin"] == false);
    let last_checkin = doc["goal_checkins"].as_array().unwrap().len() - 1;

    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Edit, String)> = vec![
        (Box::new(move |d| d["one_on_ones"][0]["person_id"] = json!(stranger)), "one_on_ones[0].person_id: no such person".into()),
        (Box::new(|d| d["people"][0]["name"] = json!("   ")), "people[0].name: must not be empty".into()),
        (Box::new(|d| d["people"][0]["name"] = json!("x".repeat(201))), "people[0].name: is too long: 201 characters, at most 200 allowed".into()),
        (Box::new(|d| d["people"][0]["cadence_days"] = json!(0)), "people[0].cadence_days: must be a whole number from 1 to 365 (got 0)".into()),
        (Box::new(|d| d["people"][0]["cadence_days"] = json!("7")), "people[0].cadence_days: must be a whole number from 1 to 365 (got \"7\")".into()),
        (Box::new(|d| d["people"][0]["cadence_days"] = json!(7.5)), "people[0].cadence_days: must be a whole number".into()),
        (Box::new(|d| d["people"][0]["start_date"] = json!("2026-02-30")), "people[0].start_date: must be a date written YYYY-MM-DD".into()),
        (Box::new(|d| d["people"][0]["recognition"] = json!("loud")), "people[0].recognition: must be one of \"public\", \"private\", or null (got \"loud\")".into()),
        (Box::new(|d| { d["people"][0].as_object_mut().unwrap().remove("notes"); }), "people[0].notes: missing".into()),
        (Box::new(|d| d["people"][0]["nickname"] = json!("Annie")), "people[0].nickname: unknown field".into()),
        (Box::new(|d| d["people"][1]["id"] = d["people"][0]["id"].clone()), "people[1].id: the same id as people[0]".into()),
        (Box::new(|d| d["people"][0]["id"] = json!(d["people"][0]["id"].as_str().unwrap().to_uppercase())), "people[0].id: must be an id".into()),
        (Box::new(|d| d["people"][0]["created_at"] = json!("yesterday")), "people[0].created_at: must be a time written in RFC 3339".into()),
        (Box::new(|d| d["people"][0]["archived_at"] = json!(true)), "people[0].archived_at: must be a time written in RFC 3339, like 2026-11-29T10:30:00.000Z, or null (got true or false)".into()),
        (Box::new(move |d| d["one_on_ones"][held]["held_on"] = json!(null)), format!("one_on_ones[{held}].held_on: required when status is \"held\"")),
        (Box::new(move |d| d["one_on_ones"][held]["status"] = json!("done")), format!("one_on_ones[{held}].status: must be one of \"scheduled\", \"held\", \"cancelled\", \"rescheduled\" (got \"done\")")),
        (Box::new(move |d| d["one_on_ones"][held]["mood"] = json!(6)), format!("one_on_ones[{held}].mood: must be a whole number from 1 to 5, or null (got 6)")),
        (Box::new(move |d| d["one_on_ones"][held]["scheduled_at"] = json!("2026-11-02 10:00")), format!("one_on_ones[{held}].scheduled_at: must be a date and time written YYYY-MM-DDTHH:MM")),
        (Box::new(move |d| d["talking_points"][carried]["carried_from_id"] = json!(Uuid::nil().to_string())), format!("talking_points[{carried}].carried_from_id: no such talking point")),
        (Box::new(move |d| d["action_items"][ana_item]["one_on_one_id"] = bo_meeting.clone()), format!("action_items[{ana_item}].one_on_one_id: that 1-on-1 is with someone else")),
        (Box::new(move |d| d["feedback"][tagged]["tags"] = json!(["Design", "design"])), format!("feedback[{tagged}].tags[1]: the same as tags[0] (ignoring case)")),
        (Box::new(move |d| d["feedback"][tagged]["tags"] = json!("design")), format!("feedback[{tagged}].tags: must be a list (got text)")),
        (Box::new(|d| d["conflicts"][0]["parties"] = json!([])), "conflicts[0].parties: needs at least 1 item".into()),
        (Box::new(move |d| d["conflicts"][0]["parties"][0] = json!({"person_id": ana_id.clone(), "outsider_name": "Dana"})), "conflicts[0].parties[0]: needs exactly one of person_id and outsider_name".into()),
        (Box::new(|d| d["conflicts"][0]["parties"][0] = json!({"person_id": Uuid::nil().to_string(), "outsider_name": null})), "conflicts[0].parties[0].person_id: no such person".into()),
        (Box::new(move |d| d["conflicts"][resolved]["resolution"] = json!("")), format!("conflicts[{resolved}].resolution: must not be empty when status is \"resolved\"")),
        (Box::new(move |d| d["conflicts"][resolved]["resolved_on"] = json!(null)), format!("conflicts[{resolved}].resolved_on: required when status is \"resolved\"")),
        (Box::new(|d| d["conflict_updates"][0]["conflict_id"] = json!(Uuid::nil().to_string())), "conflict_updates[0].conflict_id: no such conflict".into()),
        (Box::new(move |d| d["questions"][own_question]["text"] = json!("what have you TRIED?")), format!("questions[{own_question}].text: the same text as questions[{builtin_question}] (ignoring case)")),
        (Box::new(move |d| d["questions"][builtin_question]["text"] = json!("What did you try?")), format!("questions[{builtin_question}].text: differs from the built-in question that ships with Candor (only retired and updated_at can change)")),
        (Box::new(move |d| d["questions"][own_question]["builtin"] = json!(true)), format!("questions[{own_question}].builtin:")),
        (Box::new(move |d| d["questions"][builtin_question]["builtin"] = json!(false)), format!("questions[{builtin_question}].builtin: {WHAT_HAVE_YOU_TRIED} is a built-in question")),
        (Box::new(|d| d["questions_asked"][0]["question_id"] = json!(Uuid::nil().to_string())), "questions_asked[0].question_id: no such question".into()),
        (Box::new(move |d| d["agenda_templates"][own_template]["prompts"] = json!([])), format!("agenda_templates[{own_template}].prompts: needs at least 1 item")),
        (Box::new(move |d| d["agenda_templates"][own_template]["prompts"][0]["raised_by"] = json!("us")), format!("agenda_templates[{own_template}].prompts[0].raised_by: must be one of \"me\", \"them\" (got \"us\")")),
        (Box::new(move |d| d["goals"][active_goal]["closed_on"] = json!("2026-11-20")), format!("goals[{active_goal}].closed_on: must be null unless status is \"achieved\" or \"dropped\"")),
        (Box::new(move |d| { d["goal_checkins"][last_checkin]["note"] = json!(" "); d["goal_checkins"][last_checkin]["progress"] = json!(null); }), format!("goal_checkins[{last_checkin}]: needs at least one of note, progress")),
        (Box::new(|d| d["settings"][0]["key"] = json!("")), "settings[0].key: must not be empty".into()),
        (Box::new(|d| d["snoozes"][0]["until"] = json!("soon")), "snoozes[0].until: must be a date".into()),
        (Box::new(|d| d["reminders"] = json!([])), "reminders: not a kind of record Candor knows".into()),
        (Box::new(|d| d["people"] = json!({})), "people: must be a list of records (got an object)".into()),
        (Box::new(|d| d["people"][0] = json!("Ana")), "people[0]: must be an object (got text)".into()),
        (Box::new(|d| d["exported_at"] = json!("last tuesday")), "exported_at: must be a time written in RFC 3339".into()),
    ];
    for (edit, expected) in cases {
        let text = edited(base, |d| edit(d));
        refused(&text, &[&expected, "nothing was changed"]);
    }
}

#[test]
fn a_question_already_in_the_journal_under_another_id_is_refused() {
    let target = Store::open_in_memory().unwrap();
    let mine = questions::create_question(
        target.conn(),
        &QuestionInput {
            text: "What energised you this week?".into(),
            category: "reflection".into(),
        },
    )
    .unwrap();
    let text = edited(base_export(), |d| {
        let own = find(d, "questions", |q| q["builtin"] == false);
        d["questions"][own]["text"] = json!("What ENERGISED you this week?");
    });
    let before = snapshot(target.conn());
    let err = import(target.conn(), &text).unwrap_err();
    assert!(
        err.to_string().contains(&format!(
            "is already in the journal as another question ({})",
            mine.id
        )),
        "{err}"
    );
    assert_eq!(snapshot(target.conn()), before);
}

#[test]
fn several_problems_are_reported_together_up_to_a_cap() {
    let text = edited(base_export(), |d| {
        d["people"][0]["name"] = json!("");
        d["people"][1]["cadence_days"] = json!(-1);
        d["conflict_updates"][0]["conflict_id"] = json!(Uuid::nil().to_string());
    });
    let message = refused(
        &text,
        &[
            "3 problems",
            "people[0].name",
            "people[1].cadence_days",
            "conflict_updates[0].conflict_id",
        ],
    );
    assert_eq!(message.lines().count(), 4, "{message}");

    let many = edited(base_export(), |d| {
        let junk: Vec<Value> = (0..200)
            .map(|i| json!({ "id": format!("bad-{i}") }))
            .collect();
        d["people"] = json!(junk);
    });
    let message = refused(&many, &["- and "]);
    assert_eq!(
        message
            .lines()
            .filter(|l| l.starts_with("- people["))
            .count(),
        MAX_PROBLEMS,
        "at most {MAX_PROBLEMS} problems are listed"
    );
}

#[test]
fn an_invalid_last_record_leaves_the_journal_exactly_as_it_was() {
    let text = edited(base_export(), |d| {
        let last = d["snoozes"].as_array().unwrap().len() - 1;
        d["snoozes"][last]["since"] = json!("2026-13-01");
    });
    refused(&text, &["snoozes[0].since"]);
}

#[test]
fn a_failure_while_writing_rolls_back_every_record_already_written() {
    let target = Store::open_in_memory().unwrap();
    person(target.conn(), named("Already here"));
    // Something only the database notices, late in the write (as a full disk
    // would): the last kind written fails.
    target
        .conn()
        .execute_batch(
            "CREATE TEMP TRIGGER refuse_snoozes BEFORE INSERT ON main.snoozes \
             BEGIN SELECT RAISE(ABORT, 'disk full, say'); END;",
        )
        .unwrap();
    let before = snapshot(target.conn());
    let err = import(target.conn(), base_export()).expect_err("the write fails");
    assert!(err.to_string().contains("disk full, say"), "{err}");
    assert_eq!(
        snapshot(target.conn()),
        before,
        "no record of the file is left behind"
    );

    // A conflict the checks cannot see in advance: two existing questions
    // swap their texts, and the first write breaks the unique index.
    let store = Store::open_in_memory().unwrap();
    for text in ["First own question?", "Second own question?"] {
        questions::create_question(
            store.conn(),
            &QuestionInput {
                text: text.into(),
                category: "goal".into(),
            },
        )
        .unwrap();
    }
    let text = transfer::export_json(store.conn(), EXPORTED_AT).unwrap();
    let swapped = edited(&text, |d| {
        for q in d["questions"].as_array_mut().unwrap() {
            let swap = match q["text"].as_str().unwrap() {
                "First own question?" => "Second own question?",
                "Second own question?" => "First own question?",
                _ => continue,
            };
            q["text"] = json!(swap);
        }
    });
    let before = snapshot(store.conn());
    assert!(import(store.conn(), &swapped).is_err());
    assert_eq!(snapshot(store.conn()), before);
}

/// A demo team's journal, exported once: enough records (over 500) that
/// importing it into an empty journal writes it in bulk, with the search
/// triggers set aside and the index built once at the end.
fn demo_export() -> &'static str {
    static EXPORT: OnceLock<String> = OnceLock::new();
    EXPORT.get_or_init(|| {
        let store = Store::open_in_memory().unwrap();
        let options = DemoOptions {
            people: 4,
            years: 2,
            seed: 7,
            end: today(),
        };
        let report = demo::generate(store.conn(), &options, None).unwrap();
        assert!(report.records > 500, "{} records", report.records);
        transfer::export_json(store.conn(), EXPORTED_AT).unwrap()
    })
}

/// Every search document: its rowid, record and indexed text.
fn search_state(conn: &Connection) -> Vec<(i64, String, String, String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT d.rowid, d.kind, d.record_id, i.title, i.body FROM search_docs d \
             JOIN search_index i ON i.rowid = d.rowid ORDER BY d.rowid",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn a_large_import_is_indexed_once_and_the_journal_keeps_indexing_after_it() {
    let target = Store::open_in_memory().unwrap();
    let conn = target.conn();
    let schema = schema_of(conn);
    let here = person(conn, named("Quillon Already-Here"));
    let report = import(conn, demo_export()).unwrap();
    assert!(report.added() > 500, "{report:?}");
    assert_eq!(schema_of(conn), schema, "the search triggers are all back");

    // Every record has its document, the one already there too.
    let documents = search_state(conn);
    assert_eq!(documents.len() as i64, record_count(conn));
    assert_eq!(
        search_hits(conn, "quillon"),
        [("person".to_string(), here.id.to_string())]
    );
    conn.execute_batch("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        .expect("the full-text index agrees with its rows");
    // The index was built holding 64 MiB of terms in memory; later saves
    // hold FTS5's default 1 MiB again.
    let hashsize: i64 = conn
        .query_row(
            "SELECT v FROM search_index_config WHERE k = 'hashsize'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hashsize, 1024 * 1024);

    // What the file holds is found as in the journal it came from.
    let source = Store::open_in_memory().unwrap();
    import(source.conn(), demo_export()).unwrap();
    for words in ["roadmap", "on call", "r"] {
        let found = search_hits(conn, words);
        assert!(!found.is_empty(), "{words}");
        assert_eq!(found, search_hits(source.conn(), words), "{words}");
    }

    // And the triggers index what is written next.
    person(conn, named("Zebedee Afterwards"));
    assert_eq!(search_hits(conn, "zebedee").len(), 1);
}

#[test]
fn a_large_import_that_fails_leaves_the_records_the_index_and_its_triggers_as_they_were() {
    let target = Store::open_in_memory().unwrap();
    let conn = target.conn();
    person(conn, named("Already here"));
    // The last kind written fails, after the triggers were set aside and
    // every other record was written.
    conn.execute_batch(
        "CREATE TEMP TRIGGER refuse_checkins BEFORE INSERT ON main.goal_checkins \
         BEGIN SELECT RAISE(ABORT, 'disk full, say'); END;",
    )
    .unwrap();
    let before = (snapshot(conn), schema_of(conn), search_state(conn));
    let err = import(conn, demo_export()).expect_err("the write fails");
    assert!(err.to_string().contains("disk full, say"), "{err}");
    assert_eq!(
        (snapshot(conn), schema_of(conn), search_state(conn)),
        before,
        "nothing of the file, and the search triggers and index unchanged"
    );
    person(conn, named("Zebedee Afterwards"));
    assert_eq!(search_hits(conn, "zebedee").len(), 1, "triggers still live");
}

/// The steps an import of `text` into `conn` reports, cancelled (by the
/// report itself) at the step numbered `cancel_at`, if any.
fn import_with_steps(
    conn: &Connection,
    text: &str,
    dry_run: bool,
    cancel_at: Option<usize>,
) -> (candor_core::Result<ImportReport>, Vec<Step>) {
    let steps = RefCell::new(Vec::new());
    let cancel = Cancel::new();
    let report = |step: Step| {
        let mut steps = steps.borrow_mut();
        if cancel_at == Some(steps.len()) {
            cancel.cancel();
        }
        steps.push(step);
    };
    let outcome = transfer::import_json_with(
        conn,
        text.as_bytes(),
        dry_run,
        Progress::new(&report, &cancel),
    );
    (outcome, steps.into_inner())
}

#[test]
fn an_import_reports_reading_checking_writing_and_indexing_in_order() {
    let target = Store::open_in_memory().unwrap();
    let (outcome, steps) = import_with_steps(target.conn(), demo_export(), false, None);
    let report = outcome.unwrap();
    let stages: Vec<Stage> = steps.iter().map(|s| s.stage).collect();
    let mut distinct = stages.clone();
    distinct.dedup();
    assert_eq!(
        distinct,
        [
            Stage::Reading,
            Stage::Checking,
            Stage::Writing,
            Stage::Indexing
        ],
        "{steps:?}"
    );
    for stage in [Stage::Checking, Stage::Writing] {
        let of: Vec<&Step> = steps.iter().filter(|s| s.stage == stage).collect();
        assert!(of.len() >= 2, "{stage:?} reports its start and its end");
        assert!(
            of.windows(2).all(|w| w[0].done <= w[1].done),
            "{stage:?} only moves forward: {of:?}"
        );
        let last = of.last().unwrap();
        assert!(last.total > 0 && last.done <= last.total, "{last:?}");
    }
    let written = steps.iter().rfind(|s| s.stage == Stage::Writing).unwrap();
    assert_eq!(
        written.done,
        (report.added() + report.updated()) as u64,
        "every record written is counted"
    );

    // A dry run checks and writes nothing, so it reports no writing.
    let again = Store::open_in_memory().unwrap();
    let (dry, steps) = import_with_steps(again.conn(), demo_export(), true, None);
    dry.unwrap();
    assert!(steps.iter().all(|s| s.stage != Stage::Writing));
    assert!(steps.iter().any(|s| s.stage == Stage::Checking));
}

#[test]
fn an_import_cancelled_at_any_step_changes_nothing() {
    let target = Store::open_in_memory().unwrap();
    let conn = target.conn();
    person(conn, named("Already here"));
    let before = (snapshot(conn), schema_of(conn), search_state(conn));
    let (_, steps) = import_with_steps(
        Store::open_in_memory().unwrap().conn(),
        demo_export(),
        false,
        None,
    );
    // Cancelled as each step is reported, including the last (the index
    // built, just before the import would be kept).
    for (at, step) in steps.iter().enumerate() {
        let (outcome, seen) = import_with_steps(conn, demo_export(), false, Some(at));
        assert!(
            matches!(outcome, Err(candor_core::Error::Cancelled)),
            "cancelled at {:?}: {outcome:?}",
            step
        );
        assert_eq!(seen.len(), at + 1, "nothing is reported after the cancel");
        assert_eq!(
            (snapshot(conn), schema_of(conn), search_state(conn)),
            before,
            "cancelled at {:?}: the journal, its triggers and index unchanged",
            step
        );
    }
    person(conn, named("Zebedee Afterwards"));
    assert_eq!(search_hits(conn, "zebedee").len(), 1, "triggers still live");
    import(conn, demo_export()).expect("the same file imports after a cancel");
}

#[test]
fn a_cancel_from_another_thread_stops_an_import_while_it_builds_the_index() {
    let target = Store::open_in_memory().unwrap();
    let conn = target.conn();
    let before = (snapshot(conn), schema_of(conn), search_state(conn));
    let cancel = Cancel::new();
    let (indexing, started) = std::sync::mpsc::channel();
    let outcome = std::thread::scope(|scope| {
        let cancel = &cancel;
        scope.spawn(move || {
            started.recv().unwrap();
            // The index is being built by now, or about to be: either way
            // the import must end cancelled with nothing kept.
            std::thread::sleep(std::time::Duration::from_millis(2));
            cancel.cancel();
        });
        let report = |step: Step| {
            if step.stage == Stage::Indexing {
                let _ = indexing.send(());
            }
        };
        let outcome = transfer::import_json_with(
            conn,
            demo_export().as_bytes(),
            false,
            Progress::new(&report, cancel),
        );
        drop(indexing);
        outcome
    });
    assert!(
        matches!(outcome, Err(candor_core::Error::Cancelled)),
        "{outcome:?}"
    );
    assert_eq!(
        (snapshot(conn), schema_of(conn), search_state(conn)),
        before
    );
    assert!(conn.is_autocommit(), "no transaction is left open");
    conn.execute_batch("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        .expect("the full-text index agrees with its rows");
}

#[test]
fn an_import_inside_a_callers_transaction_commits_with_it() {
    let target = Store::open_in_memory().unwrap();
    let conn = target.conn();
    conn.execute_batch("BEGIN").unwrap();
    import(conn, base_export()).unwrap();
    conn.execute_batch("ROLLBACK").unwrap();
    let people: i64 = conn
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap();
    assert_eq!(people, 0, "the caller's rollback undoes the import");
    let fk: i64 = conn
        .pragma_query_value(None, "defer_foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 0, "foreign keys are checked immediately again");
}

#[test]
fn a_file_from_a_newer_candor_or_another_program_is_refused() {
    let newer = edited(base_export(), |d| d["version"] = json!(FORMAT_VERSION + 1));
    let message = refused(
        &newer,
        &[
            "newer version of Candor",
            &format!("format version {}", FORMAT_VERSION + 1),
            "nothing was imported",
        ],
    );
    assert!(!message.contains('\n'), "one clear sentence: {message}");
    refused(
        &edited(base_export(), |d| d["version"] = json!(1e300)),
        &["newer version of Candor"],
    );
    refused(
        &edited(base_export(), |d| d["version"] = json!(0)),
        &["\"version\" must be a whole number from 1"],
    );
    refused(
        &edited(base_export(), |d| d["version"] = json!("1")),
        &["\"version\" must be a whole number"],
    );
    refused(
        &edited(base_export(), |d| d["format"] = json!("journal-app")),
        &["not a Candor export", "\"journal-app\""],
    );
    refused(
        &edited(base_export(), |d| {
            d.as_object_mut().unwrap().remove("format");
        }),
        &["not a Candor export"],
    );
    refused("[1, 2, 3]", &["not a Candor export", "a list"]);
}

#[test]
fn hostile_input_is_refused_with_a_clear_message() {
    let base = base_export();
    refused("", &["the file is empty"]);
    refused(&base[..base.len() / 2], &["ends too early"]);
    refused(
        &format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        &["nests lists or objects too deeply"],
    );
    refused(
        r#"{"format": "candor", "format": "candor", "version": 1}"#,
        &["\"format\" appears twice"],
    );
    refused(
        "{\"format\": \"candor\", oops}",
        &["not valid JSON", "line 1"],
    );
    let huge = edited(base, |d| {
        d["people"][0]["notes"] = json!("é".repeat(2_000_000))
    });
    refused(
        &huge,
        &["people[0].notes: is too long: 2000000 characters, at most 100000 allowed"],
    );

    let target = Store::open_in_memory().unwrap();
    let mut bytes = base.as_bytes().to_vec();
    bytes.splice(100..100, [0xff, 0xfe]);
    let err = transfer::import_json(target.conn(), &bytes, false).unwrap_err();
    assert!(err.to_string().contains("not UTF-8"), "{err}");
    assert!(err.to_string().contains("offset 100"), "{err}");

    let with_bom = format!("\u{feff}{base}");
    assert!(
        import(target.conn(), &with_bom).is_ok(),
        "a byte-order mark is forgiven"
    );
}

// ---------------------------------------------------------------------------
// Loops, ids shared across kinds, and lengths as stored

/// Imports `text` into `target`, first as a dry run and then for real, and
/// expects both to refuse it with the same message mentioning every one of
/// `expected`, leaving the journal exactly as it was.
fn refused_in(target: &Connection, text: &str, expected: &[&str]) -> String {
    let before = snapshot(target);
    let dry = transfer::import_json(target, text.as_bytes(), true)
        .expect_err("the dry run must refuse the file");
    let err = import(target, text).expect_err("the file must be refused");
    let message = err.to_string();
    assert_eq!(
        dry.to_string(),
        message,
        "a dry run reports the same problems as the import"
    );
    for words in expected {
        assert!(message.contains(words), "expected {words:?} in:\n{message}");
    }
    assert_eq!(
        snapshot(target),
        before,
        "a refused import leaves the journal as it was"
    );
    message
}

/// The id of record `i` of `kind`.
fn id_at(doc: &Value, kind: &str, i: usize) -> Value {
    doc[kind][i]["id"].clone()
}

/// The rescheduled 1-on-1 of the test journal and the one that replaced it.
fn rescheduled_pair(doc: &Value) -> (usize, usize) {
    let moved = find(doc, "one_on_ones", |m| m["status"] == "rescheduled");
    let to = doc["one_on_ones"][moved]["rescheduled_to"]
        .as_str()
        .unwrap();
    (moved, index_of(doc, "one_on_ones", to))
}

#[test]
fn a_1_on_1_rescheduled_to_itself_is_refused() {
    let doc: Value = serde_json::from_str(base_export()).unwrap();
    let (moved, _) = rescheduled_pair(&doc);
    let text = edited(base_export(), |d| {
        d["one_on_ones"][moved]["rescheduled_to"] = id_at(d, "one_on_ones", moved);
    });
    let target = Store::open_in_memory().unwrap();
    refused_in(
        target.conn(),
        &text,
        &[
            &format!("one_on_ones[{moved}].rescheduled_to: a 1-on-1 cannot refer to itself"),
            "1 problem found",
        ],
    );
}

#[test]
fn two_1_on_1s_rescheduled_to_each_other_are_refused_once_naming_both() {
    let doc: Value = serde_json::from_str(base_export()).unwrap();
    let (moved, replacement) = rescheduled_pair(&doc);
    let text = edited(base_export(), |d| {
        d["one_on_ones"][replacement]["rescheduled_to"] = id_at(d, "one_on_ones", moved);
    });
    let (a, b) = (moved.min(replacement), moved.max(replacement));
    let target = Store::open_in_memory().unwrap();
    let message = refused_in(
        target.conn(),
        &text,
        &[&format!(
            "one_on_ones[{a}].rescheduled_to: the references loop back to this 1-on-1 \
             (one_on_ones[{a}] → one_on_ones[{b}] → one_on_ones[{a}])"
        )],
    );
    assert_eq!(
        message.matches("loop back").count(),
        1,
        "a loop is reported once: {message}"
    );
}

#[test]
fn three_1_on_1s_rescheduled_in_a_loop_are_refused() {
    let text = edited(base_export(), |d| {
        for (from, to) in [(0, 1), (1, 2), (2, 0)] {
            d["one_on_ones"][from]["rescheduled_to"] = id_at(d, "one_on_ones", to);
        }
    });
    let target = Store::open_in_memory().unwrap();
    let message = refused_in(
        target.conn(),
        &text,
        &[
            "one_on_ones[0].rescheduled_to: the references loop back to this 1-on-1 \
           (one_on_ones[0] → one_on_ones[1] → one_on_ones[2] → one_on_ones[0])",
        ],
    );
    assert_eq!(message.matches("loop back").count(), 1, "{message}");
}

#[test]
fn a_loop_closed_through_a_1_on_1_already_in_the_journal_is_refused() {
    let target = Store::open_in_memory().unwrap();
    import(target.conn(), base_export()).unwrap();
    let doc: Value = serde_json::from_str(base_export()).unwrap();
    let (moved, replacement) = rescheduled_pair(&doc);
    let moved_id = doc["one_on_ones"][moved]["id"].as_str().unwrap().to_owned();
    // Only the replacement, now rescheduled back to the 1-on-1 it replaced,
    // which the journal already has rescheduled to it.
    let mut back = doc["one_on_ones"][replacement].clone();
    back["status"] = json!("rescheduled");
    back["rescheduled_to"] = json!(moved_id);
    let text = serde_json::to_string_pretty(&json!({
        "format": "candor",
        "version": FORMAT_VERSION,
        "exported_at": EXPORTED_AT,
        "one_on_ones": [back],
    }))
    .unwrap();
    refused_in(
        target.conn(),
        &text,
        &[&format!(
            "one_on_ones[0].rescheduled_to: the references loop back to this 1-on-1 \
             (one_on_ones[0] → the 1-on-1 {moved_id} in the journal → one_on_ones[0])"
        )],
    );

    // The file's version of a record replaces the journal's: the same file
    // with the first 1-on-1 no longer rescheduled has no loop.
    let mut unmoved = doc["one_on_ones"][moved].clone();
    unmoved["status"] = json!("scheduled");
    unmoved["rescheduled_to"] = json!(null);
    let text = edited(&text, |d| {
        d["one_on_ones"].as_array_mut().unwrap().push(unmoved);
    });
    let report = import(target.conn(), &text).expect("no loop once the journal's link is replaced");
    assert_eq!(report.kind("one_on_ones").unwrap().updated, 2);
}

#[test]
fn a_talking_point_carried_from_itself_is_refused() {
    let doc: Value = serde_json::from_str(base_export()).unwrap();
    let carried = find(&doc, "talking_points", |p| !p["carried_from_id"].is_null());
    let text = edited(base_export(), |d| {
        d["talking_points"][carried]["carried_from_id"] = id_at(d, "talking_points", carried);
    });
    let target = Store::open_in_memory().unwrap();
    refused_in(
        target.conn(),
        &text,
        &[&format!(
            "talking_points[{carried}].carried_from_id: a talking point cannot refer to itself"
        )],
    );
}

#[test]
fn a_long_loop_of_carried_points_is_found_without_deep_recursion_and_shown_short() {
    const POINTS: usize = 20_000;
    let text = edited(base_export(), |d| {
        let template = d["talking_points"][0].clone();
        let ids: Vec<String> = (0..POINTS).map(|_| Uuid::new_v4().to_string()).collect();
        let points: Vec<Value> = (0..POINTS)
            .map(|i| {
                let mut point = template.clone();
                point["id"] = json!(ids[i]);
                point["carried_from_id"] = json!(ids[(i + 1) % POINTS]);
                point
            })
            .collect();
        d["talking_points"] = json!(points);
    });
    let target = Store::open_in_memory().unwrap();
    let message = refused_in(
        target.conn(),
        &text,
        &[
            "talking_points[0].carried_from_id: the references loop back to this talking point \
             (talking_points[0] → talking_points[1] → talking_points[2] → talking_points[3] → … \
             → talking_points[19999] → talking_points[0]; 20000 records in all)",
            "1 problem found",
        ],
    );
    assert!(message.len() < 1_000, "one short line for a long loop");
}

#[test]
fn the_same_id_for_a_person_and_a_feedback_in_one_file_is_refused() {
    let text = edited(base_export(), |d| {
        d["feedback"][0]["id"] = id_at(d, "people", 1);
    });
    let target = Store::open_in_memory().unwrap();
    refused_in(
        target.conn(),
        &text,
        &["feedback[0].id: the same id as people[1]"],
    );
}

#[test]
fn an_id_the_journal_uses_for_a_record_of_another_kind_is_refused() {
    let target = Store::open_in_memory().unwrap();
    let here = person(target.conn(), named("Already here"));
    let text = edited(base_export(), |d| {
        d["feedback"][0]["id"] = json!(here.id.to_string());
    });
    refused_in(
        target.conn(),
        &text,
        &["feedback[0].id: already used by a person in the journal"],
    );

    // And the other way round: a person under the id of feedback the
    // journal has.
    let (full, _) = journal();
    let doc: Value =
        serde_json::from_str(&transfer::export_json(full.conn(), EXPORTED_AT).unwrap()).unwrap();
    let mut newcomer = doc["people"][0].clone();
    newcomer["id"] = id_at(&doc, "feedback", 0);
    let text = serde_json::to_string_pretty(&json!({
        "format": "candor",
        "version": FORMAT_VERSION,
        "exported_at": EXPORTED_AT,
        "people": [newcomer],
    }))
    .unwrap();
    refused_in(
        full.conn(),
        &text,
        &["people[0].id: already used by feedback in the journal"],
    );
}

#[test]
fn a_text_is_as_long_as_it_is_stored_spaces_around_it_included() {
    let letters = "a".repeat(99_990);
    let too_long = edited(base_export(), |d| {
        d["people"][0]["notes"] = json!(format!("     {letters}      "));
    });
    let target = Store::open_in_memory().unwrap();
    refused_in(
        target.conn(),
        &too_long,
        &[
            "people[0].notes: is too long: 100001 characters, at most 100000 allowed \
           (the spaces and line breaks around the text count too)",
        ],
    );

    let at_the_limit = format!("     {letters}     ");
    let fits = edited(base_export(), |d| {
        d["people"][0]["notes"] = json!(at_the_limit);
    });
    import(target.conn(), &fits).expect("exactly 100,000 stored characters fit");
    let exported: Value =
        serde_json::from_str(&transfer::export_json(target.conn(), EXPORTED_AT).unwrap()).unwrap();
    assert_eq!(
        exported["people"][0]["notes"], at_the_limit,
        "the text is stored exactly as written"
    );

    // Keys and the items of nested lists count the same way.
    let doc: Value = serde_json::from_str(base_export()).unwrap();
    let tagged = find(&doc, "feedback", |f| {
        f["tags"].as_array().is_some_and(|t| !t.is_empty())
    });
    let padded = edited(base_export(), |d| {
        d["feedback"][tagged]["tags"][0] = json!(format!(" {} ", "t".repeat(39)));
        let key = d["settings"][0]["key"].as_str().unwrap().to_owned();
        d["settings"][0]["key"] = json!(format!("{key}{}", " ".repeat(100)));
    });
    refused_in(
        Store::open_in_memory().unwrap().conn(),
        &padded,
        &[
            &format!("feedback[{tagged}].tags[0]: is too long: 41 characters, at most 40 allowed"),
            "settings[0].key: is too long:",
        ],
    );
}

#[test]
fn a_blank_text_is_still_empty_where_text_is_required() {
    let text = edited(base_export(), |d| {
        d["people"][0]["name"] = json!(" \n\t ");
        d["settings"][0]["key"] = json!("   ");
    });
    refused_in(
        Store::open_in_memory().unwrap().conn(),
        &text,
        &[
            "people[0].name: must not be empty",
            "settings[0].key: must not be empty",
        ],
    );
}

#[test]
fn a_huge_padded_text_is_refused_quickly() {
    let padding = " ".repeat(2_500_000);
    let text = edited(base_export(), |d| {
        d["people"][0]["notes"] = json!(format!("{padding}Prefers mornings.{padding}"));
    });
    let target = Store::open_in_memory().unwrap();
    let started = std::time::Instant::now();
    let err = import(target.conn(), &text).expect_err("5 MB of notes is far too long");
    let took = started.elapsed();
    assert!(
        err.to_string()
            .contains("people[0].notes: is too long: 5000017 characters, at most 100000 allowed"),
        "{err}"
    );
    assert!(
        took < std::time::Duration::from_secs(10),
        "refusing a 5 MB text should take well under a second, took {took:?}"
    );
    refused_in(target.conn(), &text, &["people[0].notes: is too long"]);
}

// ---------------------------------------------------------------------------
// Markdown

/// `dir` as a checked place for a new folder (the journal is in memory).
fn new_folder(dir: &std::path::Path) -> candor_core::files::OutputPath {
    candor_core::files::OutputPath::check(dir, None, candor_core::files::OutputKind::NewFolder)
        .unwrap()
}

#[test]
fn the_markdown_export_writes_one_file_per_person_and_nothing_outside_its_folder() {
    let (store, team) = journal();
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("Candor export");
    let report = transfer::export_markdown(store.conn(), &new_folder(&dir)).unwrap();
    assert_eq!(report.people, 3);
    assert_eq!(report.files.len(), 4);
    assert_eq!(report.files[0], "index.md");

    let outside: Vec<_> = std::fs::read_dir(parent.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        outside,
        ["Candor export"],
        "nothing is left beside the folder"
    );
    let mut inside: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    inside.sort();
    let mut listed = report.files.clone();
    listed.sort();
    assert_eq!(inside, listed);

    let read = |who: &Person| {
        let short = &who.id.simple().to_string()[..8];
        let name = report
            .files
            .iter()
            .find(|f| f.ends_with(&format!("-{short}.md")))
            .unwrap();
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'),
            "{name}"
        );
        std::fs::read_to_string(dir.join(name)).unwrap()
    };
    let ana = read(&team.ana);
    for words in [
        "# Ana Lima",
        "Prefers mornings.",
        "    indented code stays indented",
        "Ana's meeting notes: **growth** talk",
        "- Agreed on a stretch project",
        "Mood: 4/5",
        "[x] On-call rota",
        "Promotion timeline (raised by them, carried over since 2026-11-02)",
        "Draft the project proposal",
        "You walked through three options",
        "She was *pleased*.",
        "Review turnaround",
        "Between: Ana Lima, Bo Chen, Dana (design)",
        "Talked it through with **Bo**",
        "Agreed on a rota",
        "What have you tried?",
        "Ana Lima's answer",
    ] {
        assert!(
            ana.contains(words),
            "Ana's file should contain {words:?}:\n{ana}"
        );
    }
    assert!(
        !ana.contains("Bo's private note"),
        "one person's notes stay in their own file"
    );
    assert!(!ana.contains("Bo's meeting notes"));
    let bo = read(&team.bo);
    assert!(bo.contains("Bo's private note about the reorg"));
    assert!(bo.contains("Bo's meeting notes"));
    assert!(read(&team.emile).contains("- Archived:"));
    let index = std::fs::read_to_string(dir.join("index.md")).unwrap();
    assert!(index.contains("[Ana Lima](ana-lima-"), "{index}");
    assert!(
        index.contains("Vendor friction"),
        "conflicts with no one on the team are in the index"
    );
}

#[test]
fn the_markdown_export_refuses_a_folder_that_has_files_and_leaves_it_alone() {
    let (store, _) = journal();
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("export");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("mine.txt"), "keep me").unwrap();
    let err = transfer::export_markdown(store.conn(), &new_folder(&dir)).unwrap_err();
    assert!(
        err.to_string().contains("already exists and is not empty"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("mine.txt")).unwrap(),
        "keep me"
    );
    let outside: Vec<_> = std::fs::read_dir(parent.path()).unwrap().collect();
    assert_eq!(outside.len(), 1, "no temporary folder is left behind");

    let empty = parent.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(
        transfer::export_markdown(store.conn(), &new_folder(&empty)).is_ok(),
        "an empty folder is fine"
    );
}

// ---------------------------------------------------------------------------
// Hostile imports, by property

/// Imports `bytes` (for real) into a journal that already holds a person,
/// and checks: no panic, and after an error the journal is exactly as it
/// was; after a success, importing again changes nothing.
fn import_is_all_or_nothing(bytes: &[u8]) -> Result<(), TestCaseError> {
    let target = Store::open_in_memory().unwrap();
    person(target.conn(), named("Already here"));
    let before = snapshot(target.conn());
    let dry = transfer::import_json(target.conn(), bytes, true);
    prop_assert_eq!(
        &snapshot(target.conn()),
        &before,
        "a dry run writes nothing"
    );
    match transfer::import_json(target.conn(), bytes, false) {
        Err(err) => {
            prop_assert!(dry.is_err(), "the dry run agreed with the import");
            prop_assert!(!err.to_string().is_empty());
            prop_assert_eq!(
                &snapshot(target.conn()),
                &before,
                "an error leaves no trace: {}",
                err
            );
        }
        Ok(report) => {
            prop_assert_eq!(dry.map(|d| d.kinds).ok(), Some(report.kinds.clone()));
            let again = transfer::import_json(target.conn(), bytes, false);
            let again = again.map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!((again.added(), again.updated()), (0, 0));
        }
    }
    Ok(())
}

/// A JSON value worth putting where a field was.
fn odd_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        Just(json!(u64::MAX)),
        ".{0,12}".prop_map(Value::String),
        Just(json!("2026-02-29")),
        Just(json!("2026-11-29T10:30")),
        Just(json!("2026-11-29T10:30:00.000Z")),
        Just(json!(Uuid::nil().to_string())),
        (1usize..300_000).prop_map(|n| json!("x".repeat(n))),
        Just(json!([])),
        Just(json!({})),
        Just(json!([[["deep"]]])),
    ]
}

/// One structural change to a valid export.
#[derive(Debug, Clone)]
enum Mutation {
    /// Set field `field` (by position among the record's keys) of record
    /// `record` of kind `kind` to `value`.
    Set {
        kind: usize,
        record: usize,
        field: usize,
        value: Value,
    },
    Remove {
        kind: usize,
        record: usize,
        field: usize,
    },
    Duplicate {
        kind: usize,
        record: usize,
    },
    /// Point a reference-looking field at another record's id.
    Swap {
        kind: usize,
        record: usize,
        other_kind: usize,
        other: usize,
    },
    DropRecord {
        kind: usize,
        record: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let pick = (0usize..64, 0usize..64, 0usize..64);
    prop_oneof![
        (pick.clone(), odd_value()).prop_map(|((kind, record, field), value)| Mutation::Set {
            kind,
            record,
            field,
            value
        }),
        pick.clone()
            .prop_map(|(kind, record, field)| Mutation::Remove {
                kind,
                record,
                field
            }),
        pick.clone()
            .prop_map(|(kind, record, _)| Mutation::Duplicate { kind, record }),
        (pick.clone(), 0usize..64, 0usize..64).prop_map(
            |((kind, record, _), other_kind, other)| Mutation::Swap {
                kind,
                record,
                other_kind,
                other
            }
        ),
        pick.prop_map(|(kind, record, _)| Mutation::DropRecord { kind, record }),
    ]
}

fn apply(doc: &mut Value, mutation: &Mutation) {
    let kinds = transfer::record_kinds();
    let records = |doc: &mut Value, kind: usize| -> Option<(String, usize)> {
        let key = kinds[kind % kinds.len()].to_owned();
        let len = doc[&key].as_array()?.len();
        (len > 0).then_some((key, len))
    };
    match mutation.clone() {
        Mutation::Set {
            kind,
            record,
            field,
            value,
        } => {
            let Some((key, len)) = records(doc, kind) else {
                return;
            };
            let object = doc[&key][record % len].as_object_mut().unwrap();
            let name = object.keys().nth(field % object.len()).unwrap().clone();
            object.insert(name, value);
        }
        Mutation::Remove {
            kind,
            record,
            field,
        } => {
            let Some((key, len)) = records(doc, kind) else {
                return;
            };
            let object = doc[&key][record % len].as_object_mut().unwrap();
            let name = object.keys().nth(field % object.len()).unwrap().clone();
            object.remove(&name);
        }
        Mutation::Duplicate { kind, record } => {
            let Some((key, len)) = records(doc, kind) else {
                return;
            };
            let copy = doc[&key][record % len].clone();
            doc[&key].as_array_mut().unwrap().push(copy);
        }
        Mutation::Swap {
            kind,
            record,
            other_kind,
            other,
        } => {
            let Some((key, len)) = records(doc, kind) else {
                return;
            };
            let Some((other_key, other_len)) = records(doc, other_kind) else {
                return;
            };
            let id = doc[&other_key][other % other_len]["id"].clone();
            let object = doc[&key][record % len].as_object_mut().unwrap();
            let refs: Vec<String> = object
                .keys()
                .filter(|k| k.ends_with("_id") || *k == "delivered_in" || *k == "rescheduled_to")
                .cloned()
                .collect();
            if let Some(name) = refs.get(other % refs.len().max(1)) {
                object.insert(name.clone(), id);
            }
        }
        Mutation::DropRecord { kind, record } => {
            let Some((key, len)) = records(doc, kind) else {
                return;
            };
            doc[&key].as_array_mut().unwrap().remove(record % len);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_never_panic_and_never_write(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        import_is_all_or_nothing(&bytes)?;
    }

    #[test]
    fn a_truncated_export_never_panics_and_never_writes(cut in 0usize..100_000) {
        let base = base_export().as_bytes();
        import_is_all_or_nothing(&base[..cut % base.len()])?;
    }

    #[test]
    fn corrupted_bytes_never_panic_and_never_write(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)
    ) {
        let mut bytes = base_export().as_bytes().to_vec();
        for (at, byte) in edits {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        import_is_all_or_nothing(&bytes)?;
    }

    #[test]
    fn structural_mutations_never_panic_and_never_write_partially(
        mutations in proptest::collection::vec(mutation(), 1..4)
    ) {
        let mut doc: Value = serde_json::from_str(base_export()).unwrap();
        for m in &mutations {
            apply(&mut doc, m);
        }
        import_is_all_or_nothing(serde_json::to_string(&doc).unwrap().as_bytes())?;
    }

    #[test]
    fn random_json_documents_never_panic(
        doc in proptest::collection::btree_map(
            prop_oneof![Just("format".to_owned()), Just("version".to_owned()), Just("people".to_owned()), "[a-z_]{1,12}"],
            odd_value(),
            0..6,
        )
    ) {
        let mut doc: serde_json::Map<String, Value> = doc.into_iter().collect();
        doc.insert("format".into(), json!("candor"));
        doc.entry("version").or_insert(json!(1));
        import_is_all_or_nothing(serde_json::to_string(&doc).unwrap().as_bytes())?;
    }
}

#[test]
fn a_version_1_file_keeps_importing_with_every_record_as_written() {
    let fixture = include_str!("../data/export-v1.json");
    let store = Store::open_in_memory().unwrap();
    let report = import(store.conn(), fixture).unwrap();
    assert_eq!(report.version, 1);
    assert_eq!(report.kind("people").unwrap().added, 2);
    assert_eq!(
        report.kind("questions").unwrap().updated,
        1,
        "the retired built-in"
    );
    let original: Value = serde_json::from_str(fixture).unwrap();
    let exported: Value =
        serde_json::from_str(&transfer::export_json(store.conn(), EXPORTED_AT).unwrap()).unwrap();
    for kind in transfer::record_kinds() {
        for record in original[kind].as_array().unwrap() {
            assert!(
                exported[kind].as_array().unwrap().contains(record),
                "{kind} record {} comes back exactly as written",
                record["id"]
            );
        }
    }
    let ana = people::get(store.conn(), id("0b6f1a52-5d0e-4c3f-9a7e-2f6d8c1b4a90")).unwrap();
    assert_eq!(ana.cadence_days, 14);
    assert_eq!(settings::get(store.conn()).unwrap().overdue_factor, 2.0);
}

// ---------------------------------------------------------------------------
// What the app stores, the importer accepts

#[test]
fn text_the_app_stores_at_its_limit_round_trips_through_the_importer() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let person = people::create(
        conn,
        &PersonInput {
            name: "Ana Lima".into(),
            // Padding around the limit is trimmed before it is stored.
            notes: format!("  {}  \n", "n".repeat(people::MAX_NOTES_CHARS)),
            ..Default::default()
        },
    )
    .unwrap();
    let meeting = one_on_ones::start(
        conn,
        person.id,
        &NewOneOnOne {
            scheduled_at: "2026-11-20T10:00".into(),
            template_id: None,
        },
    )
    .unwrap();
    // Notes save as typed: every character counts, so one past the limit
    // (a trailing space) is refused rather than stored and later refused
    // by the importer.
    let at_limit = "m".repeat(one_on_ones::MAX_TEXT_CHARS - 1) + " ";
    one_on_ones::save_text(conn, meeting.id, TextField::Notes, &at_limit).unwrap();
    let err = one_on_ones::save_text(conn, meeting.id, TextField::Notes, &format!("{at_limit} "))
        .unwrap_err();
    assert!(err.to_string().contains("too long"), "{err}");
    conflicts::create(
        conn,
        &ConflictInput {
            title: "Release ownership".into(),
            description: format!("\n\n{}\n\n", "d".repeat(conflicts::MAX_TEXT_CHARS)),
            parties: vec![PartyInput::person(person.id)],
            surfaced_on: "2026-11-20".into(),
            next_step: String::new(),
        },
    )
    .unwrap();

    let exported = transfer::export_json(conn, EXPORTED_AT).unwrap();
    let fresh = Store::open_in_memory().unwrap();
    let report = import(fresh.conn(), &exported).expect("what the app stored imports back");
    assert_eq!(report.kind("people").unwrap().added, 1);
    assert_eq!(
        transfer::export_json(fresh.conn(), EXPORTED_AT).unwrap(),
        exported,
        "byte for byte"
    );
}
