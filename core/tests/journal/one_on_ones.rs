//! 1-on-1s across modules: agenda carry-over, the last-held rule, status
//! transitions, templates, action items and validation.

use candor_core::store::action_items::{self, ActionItemInput};
use candor_core::store::agenda::{self, PointInput};
use candor_core::store::one_on_ones::{self, NewOneOnOne, Status, TextField};
use candor_core::store::party::Party;
use candor_core::store::people::{self, PersonInput};
use candor_core::store::templates::{self, TemplateInput};
use candor_core::validate::parse_uuid;
use candor_core::views;
use candor_core::Store;
use rusqlite::Connection;
use uuid::Uuid;

use crate::support::{day, person, point, schedule, TODAY};

const WEEKLY: &str = "6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0001";
const FIRST: &str = "6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0002";

fn texts(points: &[agenda::TalkingPoint]) -> Vec<&str> {
    points.iter().map(|p| p.text.as_str()).collect()
}

fn table_count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn unresolved_points_of_held_one_on_ones_carry_over_with_their_first_date() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let first = schedule(conn, &ana, "2026-11-02T10:00");
    let open = point(conn, first.id, "Promotion timeline", "them");
    let done = point(conn, first.id, "On-call rota", "me");
    agenda::set_resolved(conn, done.id, true).unwrap();
    one_on_ones::mark_held(conn, first.id, "2026-11-02", day(TODAY)).unwrap();

    let second = schedule(conn, &ana, "2026-11-09T10:00");
    let agenda2 = agenda::list(conn, second.id).unwrap();
    assert_eq!(
        texts(&agenda2),
        ["Promotion timeline"],
        "only the unresolved point carries"
    );
    let carried = &agenda2[0];
    assert_eq!(carried.carried_from_id, Some(open.id));
    assert_eq!(
        carried.first_raised_on,
        day("2026-11-02"),
        "keeps the day it was first raised"
    );
    assert_eq!(carried.raised_by, Party::Them);
    assert!(!carried.resolved);

    let original = agenda::get(conn, open.id).unwrap();
    assert!(original.carried_forward, "the original shows it moved on");
}

#[test]
fn a_point_carries_once_then_follows_the_chain() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = schedule(conn, &ana, "2026-11-02T10:00");
    point(conn, a.id, "Team move", "them");
    one_on_ones::mark_held(conn, a.id, "2026-11-02", day(TODAY)).unwrap();
    let b = schedule(conn, &ana, "2026-11-09T10:00");
    one_on_ones::mark_held(conn, b.id, "2026-11-09", day(TODAY)).unwrap();
    let c = schedule(conn, &ana, "2026-11-16T10:00");
    let agenda_c = agenda::list(conn, c.id).unwrap();
    assert_eq!(
        texts(&agenda_c),
        ["Team move"],
        "carried once, not once per earlier meeting"
    );
    assert_eq!(agenda_c[0].first_raised_on, day("2026-11-02"));
    let b_point = &agenda::list(conn, b.id).unwrap()[0];
    assert_eq!(
        agenda_c[0].carried_from_id,
        Some(b_point.id),
        "carried from the latest copy"
    );

    // Resolving it in C ends the chain.
    agenda::set_resolved(conn, agenda_c[0].id, true).unwrap();
    one_on_ones::mark_held(conn, c.id, "2026-11-16", day(TODAY)).unwrap();
    let d = schedule(conn, &ana, "2026-11-23T10:00");
    assert!(agenda::list(conn, d.id).unwrap().is_empty());
}

#[test]
fn points_of_cancelled_and_still_scheduled_one_on_ones_do_not_carry() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let cancelled = schedule(conn, &ana, "2026-11-02T10:00");
    point(conn, cancelled.id, "Never discussed", "me");
    one_on_ones::cancel(conn, cancelled.id).unwrap();
    let pending = schedule(conn, &ana, "2026-11-05T10:00");
    point(conn, pending.id, "Not yet discussed", "me");
    let next = schedule(conn, &ana, "2026-11-09T10:00");
    assert!(
        agenda::list(conn, next.id).unwrap().is_empty(),
        "only held 1-on-1s carry their open points"
    );
}

#[test]
fn a_copy_left_in_a_cancelled_one_on_one_carries_again() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = schedule(conn, &ana, "2026-11-02T10:00");
    let open = point(conn, a.id, "Budget", "me");
    one_on_ones::mark_held(conn, a.id, "2026-11-02", day(TODAY)).unwrap();
    let b = schedule(conn, &ana, "2026-11-09T10:00");
    assert_eq!(texts(&agenda::list(conn, b.id).unwrap()), ["Budget"]);
    one_on_ones::cancel(conn, b.id).unwrap();
    let c = schedule(conn, &ana, "2026-11-16T10:00");
    let agenda_c = agenda::list(conn, c.id).unwrap();
    assert_eq!(
        texts(&agenda_c),
        ["Budget"],
        "a cancelled meeting is no home for it"
    );
    assert_eq!(agenda_c[0].carried_from_id, Some(open.id));
}

#[test]
fn marking_held_carries_into_an_already_scheduled_next_one() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = schedule(conn, &ana, "2026-11-02T10:00");
    point(conn, a.id, "Conference talk", "them");
    let next = one_on_ones::schedule_next(conn, a.id).unwrap();
    assert_eq!(
        next.scheduled_at, "2026-11-09T10:00",
        "one cadence later, same time"
    );
    assert!(
        agenda::list(conn, next.id).unwrap().is_empty(),
        "A is not held yet"
    );

    one_on_ones::mark_held(conn, a.id, "2026-11-02", day(TODAY)).unwrap();
    assert_eq!(
        texts(&agenda::list(conn, next.id).unwrap()),
        ["Conference talk"]
    );
    // Idempotent: scheduling next again returns the same one, no duplicates.
    let again = one_on_ones::schedule_next(conn, a.id).unwrap();
    assert_eq!(again.id, next.id);
    assert_eq!(agenda::list(conn, next.id).unwrap().len(), 1);
}

#[test]
fn schedule_next_counts_the_cadence_from_the_day_held() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let bo = people::create(
        conn,
        &PersonInput {
            name: "Bo".into(),
            cadence_days: Some(14),
            ..Default::default()
        },
    )
    .unwrap();
    let a = schedule(conn, &bo, "2026-11-02T15:30");
    one_on_ones::mark_held(conn, a.id, "2026-11-04", day(TODAY)).unwrap();
    let next = one_on_ones::schedule_next(conn, a.id).unwrap();
    assert_eq!(next.scheduled_at, "2026-11-18T15:30");
    assert_eq!(next.status, Status::Scheduled);
}

#[test]
fn last_held_is_the_latest_held_never_scheduled_or_cancelled() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    assert_eq!(
        one_on_ones::last_held_on(conn, ana.id).unwrap(),
        None,
        "never met"
    );
    let a = schedule(conn, &ana, "2026-10-05T10:00");
    one_on_ones::mark_held(conn, a.id, "2026-10-06", day(TODAY)).unwrap();
    let b = schedule(conn, &ana, "2026-10-12T10:00");
    one_on_ones::cancel(conn, b.id).unwrap();
    let c = schedule(conn, &ana, "2026-10-19T10:00");
    one_on_ones::reschedule(conn, c.id, "2026-10-21T10:00").unwrap();
    schedule(conn, &ana, "2026-12-01T10:00");
    assert_eq!(
        one_on_ones::last_held_on(conn, ana.id).unwrap(),
        Some(day("2026-10-06")),
        "the day it was held, not scheduled; cancelled, rescheduled and scheduled never count"
    );
}

#[test]
fn only_scheduled_one_on_ones_change_status() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let held = schedule(conn, &ana, "2026-11-02T10:00");
    one_on_ones::mark_held(conn, held.id, "2026-11-02", day(TODAY)).unwrap();
    for err in [
        one_on_ones::mark_held(conn, held.id, "2026-11-03", day(TODAY)).unwrap_err(),
        one_on_ones::cancel(conn, held.id).unwrap_err(),
        one_on_ones::reschedule(conn, held.id, "2026-11-05T10:00").unwrap_err(),
    ] {
        assert_eq!(err.field(), Some("status"));
        assert!(
            err.to_string().starts_with("this 1-on-1 was already held"),
            "{err}"
        );
    }
    let cancelled = schedule(conn, &ana, "2026-11-09T10:00");
    one_on_ones::cancel(conn, cancelled.id).unwrap();
    let err = one_on_ones::mark_held(conn, cancelled.id, "2026-11-09", day(TODAY)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this 1-on-1 was cancelled, so it cannot be marked held"
    );
    assert_eq!(
        one_on_ones::get(conn, held.id).unwrap().held_on,
        Some(day("2026-11-02"))
    );
}

#[test]
fn held_cannot_be_in_the_future_and_must_be_a_date() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = schedule(conn, &ana, "2026-11-30T10:00");
    let err = one_on_ones::mark_held(conn, a.id, "2026-11-30", day(TODAY)).unwrap_err();
    assert_eq!(err.field(), Some("held_on"));
    let err = one_on_ones::mark_held(conn, a.id, "yesterday", day(TODAY)).unwrap_err();
    assert_eq!(err.field(), Some("held_on"));
    assert_eq!(
        one_on_ones::get(conn, a.id).unwrap().status,
        Status::Scheduled
    );
    one_on_ones::mark_held(conn, a.id, TODAY, day(TODAY)).expect("held early, today");
}

#[test]
fn rescheduling_moves_the_agenda_notes_and_items_to_the_new_one() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = schedule(conn, &ana, "2026-11-02T10:00");
    point(conn, a.id, "Hiring plan", "me");
    one_on_ones::save_text(conn, a.id, TextField::Notes, "prep notes").unwrap();
    action_items::add(
        conn,
        ana.id,
        &ActionItemInput {
            text: "Send the doc".into(),
            owner: "me".into(),
            one_on_one_id: Some(a.id.to_string()),
            ..Default::default()
        },
    )
    .unwrap();
    let b = one_on_ones::reschedule(conn, a.id, "2026-11-04T14:00").unwrap();
    assert_eq!(b.scheduled_at, "2026-11-04T14:00");
    assert_eq!(b.notes, "prep notes");
    let old = one_on_ones::get(conn, a.id).unwrap();
    assert_eq!(old.status, Status::Rescheduled);
    assert_eq!(old.rescheduled_to, Some(b.id));
    assert_eq!(texts(&agenda::list(conn, b.id).unwrap()), ["Hiring plan"]);
    assert!(agenda::list(conn, a.id).unwrap().is_empty());
    assert_eq!(action_items::for_one_on_one(conn, b.id).unwrap().len(), 1);
}

#[test]
fn applying_a_template_appends_its_prompts_in_order() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = one_on_ones::start(
        conn,
        ana.id,
        &NewOneOnOne {
            scheduled_at: "2026-11-02T10:00".into(),
            template_id: Some(WEEKLY.into()),
        },
    )
    .unwrap();
    let points = agenda::list(conn, a.id).unwrap();
    assert_eq!(points.len(), 3);
    assert_eq!(points[0].raised_by, Party::Them, "their topics first");
    assert!(points[0].text.starts_with("Your topics"));
    assert!(points[2].text.starts_with("The future"));

    let first = parse_uuid("template_id", "template", FIRST).unwrap();
    let all = templates::apply(conn, first, a.id).unwrap();
    assert_eq!(all.len(), 7, "appended after the existing points");
    assert_eq!(all[3].text, "What's going well?");
    assert_eq!(
        all[6].text,
        "What do you wish your previous manager had done differently?"
    );
    let positions: Vec<i64> = all.iter().map(|p| p.position).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn builtin_templates_can_be_hidden_but_not_edited_or_deleted() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let names: Vec<String> = templates::list(conn, false)
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Weekly", "First 1-on-1", "Career conversation"]);
    let weekly = parse_uuid("template_id", "template", WEEKLY).unwrap();
    let input = TemplateInput {
        name: "Mine".into(),
        prompts: vec![templates::PromptInput {
            text: "Anything else?".into(),
            raised_by: "me".into(),
        }],
    };
    assert!(templates::update(conn, weekly, &input)
        .unwrap_err()
        .to_string()
        .contains("is built in and cannot be edited"));
    assert!(templates::delete(conn, weekly).is_err());
    templates::set_hidden(conn, weekly, true).unwrap();
    assert_eq!(templates::list(conn, false).unwrap().len(), 2);
    assert_eq!(
        templates::list(conn, true).unwrap().len(),
        3,
        "hidden, not destroyed"
    );

    let mine = templates::create(conn, &input).unwrap();
    assert!(!mine.builtin);
    let renamed = templates::update(
        conn,
        mine.id,
        &TemplateInput {
            name: "Mine, renamed".into(),
            ..input.clone()
        },
    )
    .unwrap();
    assert_eq!(renamed.name, "Mine, renamed");
    templates::delete(conn, mine.id).unwrap();
    assert!(templates::get(conn, mine.id).is_err());

    let empty = TemplateInput {
        name: "Empty".into(),
        prompts: vec![],
    };
    assert_eq!(
        templates::create(conn, &empty).unwrap_err().field(),
        Some("prompts")
    );
}

#[test]
fn refused_inputs_change_nothing() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = schedule(conn, &ana, "2026-11-02T10:00");
    let before = (
        table_count(conn, "one_on_ones"),
        table_count(conn, "talking_points"),
        table_count(conn, "action_items"),
    );

    let ghost = Uuid::new_v4();
    let err = one_on_ones::start(
        conn,
        ghost,
        &NewOneOnOne {
            scheduled_at: "2026-11-02T10:00".into(),
            template_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.to_string(), format!("no person with id {ghost}"));
    let err = one_on_ones::start(
        conn,
        ana.id,
        &NewOneOnOne {
            scheduled_at: "next tuesday".into(),
            template_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("scheduled_at"));
    let err = one_on_ones::start(
        conn,
        ana.id,
        &NewOneOnOne {
            scheduled_at: "2026-11-02T10:00".into(),
            template_id: Some(Uuid::new_v4().to_string()),
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "not_found", "unknown template: {err}");

    assert_eq!(
        one_on_ones::get(conn, ghost).unwrap_err().code(),
        "not_found"
    );
    for mood in [0, 6, -1] {
        let err = one_on_ones::set_mood(conn, a.id, Some(mood)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("mood must be between 1 and 5 (got {mood})")
        );
    }
    assert_eq!(
        one_on_ones::set_mood(conn, a.id, Some(4)).unwrap().mood,
        Some(4)
    );
    assert_eq!(one_on_ones::set_mood(conn, a.id, None).unwrap().mood, None);

    let blank = PointInput {
        text: "  ".into(),
        raised_by: "me".into(),
    };
    assert_eq!(
        agenda::add(conn, a.id, &blank).unwrap_err().to_string(),
        "a talking point must not be empty"
    );
    let who = PointInput {
        text: "x".into(),
        raised_by: "someone".into(),
    };
    assert_eq!(
        agenda::add(conn, a.id, &who).unwrap_err().field(),
        Some("raised_by")
    );
    assert_eq!(
        agenda::add(
            conn,
            ghost,
            &PointInput {
                text: "x".into(),
                raised_by: "me".into()
            }
        )
        .unwrap_err()
        .code(),
        "not_found"
    );

    let item = |text: &str, due: Option<&str>| ActionItemInput {
        text: text.into(),
        owner: "them".into(),
        due_on: due.map(Into::into),
        one_on_one_id: None,
    };
    assert_eq!(
        action_items::add(conn, ana.id, &item("", None))
            .unwrap_err()
            .to_string(),
        "an action item must not be empty"
    );
    let err = action_items::add(conn, ana.id, &item("Write it", Some("Friday"))).unwrap_err();
    assert_eq!(err.field(), Some("due_on"));
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    assert_eq!(
        action_items::add(conn, ghost, &item("x", None))
            .unwrap_err()
            .code(),
        "not_found"
    );
    let bo = person(conn, "Bo");
    let err = action_items::add(
        conn,
        bo.id,
        &ActionItemInput {
            one_on_one_id: Some(a.id.to_string()),
            ..item("x", None)
        },
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "that 1-on-1 is with someone else");

    assert_eq!(
        (
            table_count(conn, "one_on_ones"),
            table_count(conn, "talking_points"),
            table_count(conn, "action_items"),
        ),
        before,
        "no refused call wrote anything"
    );
}

#[test]
fn action_items_are_checked_off_and_listed_by_due_date() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let add = |text: &str, due: Option<&str>| {
        action_items::add(
            conn,
            ana.id,
            &ActionItemInput {
                text: text.into(),
                owner: "me".into(),
                due_on: due.map(Into::into),
                one_on_one_id: None,
            },
        )
        .unwrap()
    };
    add("Undated", None);
    add("Later", Some("2026-12-10"));
    let sooner = add("Sooner", Some("2026-12-01"));
    let open: Vec<_> = action_items::open_for_person(conn, ana.id)
        .unwrap()
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(open, ["Sooner", "Later", "Undated"]);

    let done = action_items::set_done(conn, sooner.id, Some("2026-11-29")).unwrap();
    assert_eq!(done.done_on, Some(day("2026-11-29")));
    assert_eq!(
        action_items::open_for_person(conn, ana.id).unwrap().len(),
        2
    );
    action_items::set_done(conn, sooner.id, None).unwrap();
    assert_eq!(
        action_items::open_for_person(conn, ana.id).unwrap().len(),
        3
    );
}

#[test]
fn talking_points_reorder_and_the_agenda_stays_dense() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = schedule(conn, &ana, "2026-11-02T10:00");
    let p1 = point(conn, a.id, "one", "me");
    point(conn, a.id, "two", "them");
    let p3 = point(conn, a.id, "three", "me");
    let order = agenda::move_to(conn, p3.id, 0).unwrap();
    assert_eq!(texts(&order), ["three", "one", "two"]);
    let order = agenda::move_to(conn, p1.id, 99).unwrap();
    assert_eq!(
        texts(&order),
        ["three", "two", "one"],
        "an index past the end moves it last"
    );
    agenda::delete(conn, p1.id).unwrap();
    assert_eq!(texts(&agenda::list(conn, a.id).unwrap()), ["three", "two"]);
}

#[test]
fn notes_are_saved_as_written_and_rendered_safely() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = schedule(conn, &ana, "2026-11-02T10:00");
    let notes = "  - indented list\n\n**Bold** <script>alert(1)</script>";
    let saved = one_on_ones::save_text(conn, a.id, TextField::Notes, notes).unwrap();
    assert!(
        saved.html.contains("<strong>Bold</strong>"),
        "{}",
        saved.html
    );
    assert!(
        !saved.html.to_lowercase().contains("<script"),
        "{}",
        saved.html
    );
    let detail = views::one_on_one_detail(conn, a.id, day(TODAY)).unwrap();
    assert_eq!(detail.one_on_one.notes, notes, "stored exactly as typed");
    assert_eq!(detail.notes_html, saved.html);
    let summary = &one_on_ones::list_for_person(conn, ana.id).unwrap()[0];
    assert_eq!(summary.id, a.id);
}

#[test]
fn archived_people_cannot_get_new_one_on_ones() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    people::set_archived(conn, ana.id, true).unwrap();
    let err = one_on_ones::start(
        conn,
        ana.id,
        &NewOneOnOne {
            scheduled_at: "2026-11-02T10:00".into(),
            template_id: None,
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("is archived"), "{err}");
}
