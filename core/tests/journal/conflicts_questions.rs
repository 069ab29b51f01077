//! Conflicts and coaching questions across modules: last activity, status
//! moves, parties, lists and filters, the seeded question bank, suggestions
//! and the log of questions asked.

use candor_core::store::conflicts::{
    self, ConflictDetail, ConflictFilter, ConflictInput, PartyInput, Status, UpdateInput,
};
use candor_core::store::people::{self, Person, PersonInput};
use candor_core::store::questions::{
    self, AskedInput, Question, QuestionFilter, QuestionInput, CATEGORIES,
};
use candor_core::Store;
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use uuid::Uuid;

use crate::support::{day, person, schedule, today, TODAY};

fn conflict_input(title: &str, parties: Vec<PartyInput>, surfaced_on: &str) -> ConflictInput {
    ConflictInput {
        title: title.into(),
        description: "Disagreement about **code review** turnaround.".into(),
        parties,
        surfaced_on: surfaced_on.into(),
        next_step: "Talk to both separately".into(),
    }
}

fn conflict(
    conn: &Connection,
    title: &str,
    parties: Vec<PartyInput>,
    surfaced_on: &str,
) -> ConflictDetail {
    conflicts::create(conn, &conflict_input(title, parties, surfaced_on)).unwrap()
}

fn note(conn: &Connection, conflict_id: Uuid, on: &str, text: &str) -> conflicts::UpdateDetail {
    conflicts::add_update(
        conn,
        conflict_id,
        &UpdateInput {
            on: on.into(),
            note: text.into(),
            one_on_one_id: None,
        },
    )
    .unwrap()
}

fn set(conn: &Connection, id: Uuid, status: Status) -> candor_core::Result<ConflictDetail> {
    conflicts::set_status(conn, id, status, None, None, today())
}

fn titles(list: &[conflicts::ConflictSummary]) -> Vec<&str> {
    list.iter().map(|c| c.title.as_str()).collect()
}

/// Every row of every table this area writes, as text: equal snapshots mean
/// nothing was written.
fn snapshot(conn: &Connection) -> Vec<String> {
    let mut rows = Vec::new();
    for table in [
        "conflicts",
        "conflict_parties",
        "conflict_updates",
        "coaching_questions",
        "questions_asked",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let columns = stmt.column_count();
        let mut query = stmt.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let values: Vec<String> = (0..columns)
                .map(|i| match row.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_owned(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into(),
                })
                .collect();
            rows.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows
}

fn json(detail: &ConflictDetail) -> serde_json::Value {
    serde_json::to_value(detail).unwrap()
}

// ---------------------------------------------------------------------------
// Conflicts: last activity

#[test]
fn a_conflict_without_updates_was_last_active_the_day_it_surfaced() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let c = conflict(
        conn,
        "Review delays",
        vec![PartyInput::person(ana.id)],
        "2026-11-02",
    );
    assert_eq!(c.conflict.status, Status::Open, "a new conflict is open");
    assert!(c.updates.is_empty());
    assert_eq!(
        c.last_activity,
        day("2026-11-02"),
        "no updates: the surfaced day is the last activity"
    );
    let listed = conflicts::list(conn, &ConflictFilter::default()).unwrap();
    assert_eq!(listed[0].last_activity, day("2026-11-02"));
    assert_eq!(listed[0].update_count, 0);
}

#[test]
fn the_newest_update_sets_last_activity_whatever_order_they_were_added_in() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let c = conflict(
        conn,
        "Review delays",
        vec![PartyInput::person(ana.id)],
        "2026-11-02",
    );
    note(
        conn,
        c.conflict.id,
        "2026-11-20",
        "Agreed on a 24h review window",
    );
    note(
        conn,
        c.conflict.id,
        "2026-11-05",
        "Spoke to Ana (entered late)",
    );
    note(conn, c.conflict.id, "2026-11-12", "Still tense in stand-up");

    let detail = conflicts::get(conn, c.conflict.id).unwrap();
    assert_eq!(
        detail.last_activity,
        day("2026-11-20"),
        "the newest dated update wins, not the last one entered"
    );
    let days: Vec<NaiveDate> = detail.updates.iter().map(|u| u.update.on).collect();
    assert_eq!(
        days,
        [day("2026-11-20"), day("2026-11-12"), day("2026-11-05")],
        "updates are listed newest first"
    );
    let listed = conflicts::list(conn, &ConflictFilter::default()).unwrap();
    assert_eq!(listed[0].last_activity, day("2026-11-20"));
    assert_eq!(listed[0].update_count, 3);

    let newest = detail.updates[0].update.id;
    conflicts::delete_update(conn, newest).unwrap();
    assert_eq!(
        conflicts::get(conn, c.conflict.id).unwrap().last_activity,
        day("2026-11-12"),
        "deleting the newest update moves last activity back"
    );
}

#[test]
fn an_update_cannot_predate_the_conflict_nor_be_empty() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let c = conflict(
        conn,
        "Scope",
        vec![PartyInput::person(ana.id)],
        "2026-11-10",
    );
    let before = snapshot(conn);
    for (input, field) in [
        (
            UpdateInput {
                on: "2026-11-09".into(),
                note: "Too early".into(),
                one_on_one_id: None,
            },
            "on",
        ),
        (
            UpdateInput {
                on: "2026-11-12".into(),
                note: "  \n ".into(),
                one_on_one_id: None,
            },
            "note",
        ),
        (
            UpdateInput {
                on: "12/11/2026".into(),
                note: "Bad date".into(),
                one_on_one_id: None,
            },
            "on",
        ),
    ] {
        let err = conflicts::add_update(conn, c.conflict.id, &input).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(snapshot(conn), before, "refused updates write nothing");

    note(conn, c.conflict.id, "2026-11-12", "First talk");
    let err = conflicts::update(
        conn,
        c.conflict.id,
        &conflict_input("Scope", vec![PartyInput::person(ana.id)], "2026-11-15"),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("surfaced_on"));
    assert!(
        err.to_string().contains("first update"),
        "moving the surfaced day past an update is refused: {err}"
    );
}

// ---------------------------------------------------------------------------
// Conflicts: status

#[test]
fn open_in_progress_and_parked_move_freely_between_each_other() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let id = conflict(
        conn,
        "Scope",
        vec![PartyInput::person(ana.id)],
        "2026-11-02",
    )
    .conflict
    .id;
    for (to, expected_resolved_on) in [
        (Status::InProgress, None),
        (Status::Parked, None),
        (Status::Open, None),
        (Status::Parked, None),
        (Status::InProgress, None),
        (Status::Open, None),
        (Status::Open, None),
    ] {
        let detail = set(conn, id, to).unwrap_or_else(|err| panic!("-> {to:?}: {err}"));
        assert_eq!(detail.conflict.status, to);
        assert_eq!(detail.conflict.resolved_on, expected_resolved_on);
        assert_eq!(
            detail.allowed_statuses,
            Status::ALL,
            "an unresolved conflict may go anywhere"
        );
    }
}

#[test]
fn resolving_needs_a_resolution_and_a_refusal_changes_nothing() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let id = conflict(
        conn,
        "Scope",
        vec![PartyInput::person(ana.id)],
        "2026-11-02",
    )
    .conflict
    .id;
    set(conn, id, Status::InProgress).unwrap();
    let before = snapshot(conn);

    for resolution in [None, Some(""), Some("  \n\t")] {
        let err = conflicts::set_status(conn, id, Status::Resolved, resolution, None, today())
            .unwrap_err();
        assert_eq!(err.field(), Some("resolution"));
        assert_eq!(
            err.to_string(),
            "resolving a conflict needs a resolution: how did it end?"
        );
    }
    assert_eq!(snapshot(conn), before, "a refused resolve writes nothing");
    assert_eq!(
        conflicts::get(conn, id).unwrap().conflict.status,
        Status::InProgress,
        "the status stays where it was"
    );
}

#[test]
fn resolving_defaults_to_today_and_refuses_a_future_day_or_one_before_it_surfaced() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let id = conflict(
        conn,
        "Scope",
        vec![PartyInput::person(ana.id)],
        "2026-11-02",
    )
    .conflict
    .id;
    let before = snapshot(conn);
    for (resolved_on, needle) in [
        ("2026-11-30", "future"),
        ("2026-11-01", "before it surfaced"),
        ("30/11/2026", "YYYY-MM-DD"),
    ] {
        let err = conflicts::set_status(
            conn,
            id,
            Status::Resolved,
            Some("They agreed"),
            Some(resolved_on),
            today(),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("resolved_on"), "{err}");
        assert!(err.to_string().contains(needle), "{resolved_on}: {err}");
    }
    assert_eq!(snapshot(conn), before, "refused resolves write nothing");

    let resolved = conflicts::set_status(
        conn,
        id,
        Status::Resolved,
        Some("They agreed"),
        None,
        today(),
    )
    .unwrap();
    assert_eq!(resolved.conflict.status, Status::Resolved);
    assert_eq!(
        resolved.conflict.resolved_on,
        Some(today()),
        "the resolved day defaults to today"
    );
    assert_eq!(resolved.conflict.resolution, "They agreed");
    assert_eq!(resolved.resolution_html, "<p>They agreed</p>\n");

    let on_surfaced_day = conflicts::set_status(
        conn,
        id,
        Status::Resolved,
        Some("They agreed, **in writing**"),
        Some("2026-11-02"),
        today(),
    )
    .unwrap();
    assert_eq!(
        on_surfaced_day.conflict.resolved_on,
        Some(day("2026-11-02")),
        "resolved the day it surfaced is allowed, and a resolved conflict may be amended"
    );
    let amended = conflicts::set_status(
        conn,
        id,
        Status::Resolved,
        Some("Final words"),
        None,
        today(),
    )
    .unwrap();
    assert_eq!(
        amended.conflict.resolved_on,
        Some(day("2026-11-02")),
        "amending the resolution keeps the day it was resolved"
    );
    assert_eq!(amended.conflict.resolution, "Final words");
}

#[test]
fn a_resolved_conflict_reopens_keeping_its_resolution_but_cannot_be_parked() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let id = conflict(
        conn,
        "Scope",
        vec![PartyInput::person(ana.id)],
        "2026-11-02",
    )
    .conflict
    .id;
    set(conn, id, Status::Parked).unwrap();
    let resolved = conflicts::set_status(
        conn,
        id,
        Status::Resolved,
        Some("Moved teams"),
        Some("2026-11-20"),
        today(),
    )
    .unwrap();
    assert_eq!(
        resolved.allowed_statuses,
        [Status::Open, Status::InProgress, Status::Resolved]
    );

    let before = snapshot(conn);
    let err = set(conn, id, Status::Parked).unwrap_err();
    assert_eq!(err.field(), Some("status"));
    assert!(err.to_string().contains("reopen it"), "{err}");
    assert_eq!(snapshot(conn), before, "a refused move writes nothing");

    let reopened = set(conn, id, Status::InProgress).unwrap();
    assert_eq!(reopened.conflict.status, Status::InProgress);
    assert_eq!(
        reopened.conflict.resolved_on, None,
        "reopening clears the resolved day"
    );
    assert_eq!(
        reopened.conflict.resolution, "Moved teams",
        "reopening keeps how it ended the first time"
    );
    assert!(
        set(conn, id, Status::Parked).is_ok(),
        "once reopened it may be parked"
    );

    let resolved_again = conflicts::set_status(
        conn,
        id,
        Status::Resolved,
        Some("Moved teams"),
        None,
        today(),
    )
    .unwrap();
    assert!(set(conn, resolved_again.conflict.id, Status::Open).is_ok());
}

#[test]
fn a_resolution_given_when_not_resolving_is_refused_not_dropped() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let id = conflict(
        conn,
        "Scope",
        vec![PartyInput::person(ana.id)],
        "2026-11-02",
    )
    .conflict
    .id;
    let before = snapshot(conn);
    let err =
        conflicts::set_status(conn, id, Status::Parked, Some("Gone"), None, today()).unwrap_err();
    assert_eq!(err.field(), Some("resolution"));
    let err = conflicts::set_status(conn, id, Status::Parked, None, Some("2026-11-20"), today())
        .unwrap_err();
    assert_eq!(err.field(), Some("resolved_on"));
    assert_eq!(snapshot(conn), before, "refused moves write nothing");
    assert!(
        conflicts::set_status(conn, id, Status::Parked, Some("  "), Some(""), today()).is_ok(),
        "blank resolution fields from a form are fine"
    );
    assert_eq!(
        conflicts::get(conn, id).unwrap().conflict.resolution,
        "",
        "nothing was recorded as a resolution"
    );
    assert!(
        conflicts::set_status(conn, Uuid::new_v4(), Status::Open, None, None, today())
            .is_err_and(|e| e.code() == "not_found")
    );
}

// ---------------------------------------------------------------------------
// Conflicts: parties

#[test]
fn parties_can_be_team_members_named_outsiders_or_both() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");

    let outsiders = conflict(
        conn,
        "Platform vs Payments",
        vec![
            PartyInput::outsider("Jo (Platform lead)"),
            PartyInput::outsider("  Sam from Sales  "),
        ],
        "2026-11-02",
    );
    let names: Vec<&str> = outsiders.parties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Jo (Platform lead)", "Sam from Sales"]);
    assert!(outsiders.parties.iter().all(|p| p.person_id.is_none()));
    assert_eq!(
        outsiders.parties[1].outsider_name.as_deref(),
        Some("Sam from Sales"),
        "outsider names are trimmed"
    );

    let mixed = conflict(
        conn,
        "On-call swaps",
        vec![
            PartyInput::person(bo.id),
            PartyInput::outsider("Jo (Platform lead)"),
            PartyInput::person(ana.id),
        ],
        "2026-11-03",
    );
    let parties = &mixed.parties;
    assert_eq!(parties.len(), 3, "parties keep the order they were entered");
    assert_eq!(parties[0].person_id, Some(bo.id));
    assert_eq!(parties[0].name, "Bo", "a team member shows their name");
    assert_eq!(parties[0].outsider_name, None);
    assert_eq!(parties[1].name, "Jo (Platform lead)");
    assert_eq!(parties[2].person_id, Some(ana.id));

    people::update(
        conn,
        ana.id,
        &PersonInput {
            name: "Ana Lima".into(),
            ..Default::default()
        },
    )
    .unwrap();
    people::set_archived(conn, ana.id, true).unwrap();
    let again = conflicts::get(conn, mixed.conflict.id).unwrap();
    assert_eq!(
        again.parties[2].name, "Ana Lima",
        "the current name is shown"
    );
    assert!(again.parties[2].archived, "an archived member is flagged");
    assert!(
        conflicts::update(
            conn,
            mixed.conflict.id,
            &conflict_input(
                "On-call swaps",
                vec![PartyInput::person(ana.id)],
                "2026-11-03"
            )
        )
        .is_ok(),
        "a conflict stays editable after a party is archived"
    );
}

#[test]
fn bad_parties_are_refused_naming_the_field_and_nothing_is_written() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let ghost = Uuid::new_v4();
    let before = snapshot(conn);

    let cases: Vec<(Vec<PartyInput>, &str)> = vec![
        (vec![], "at least one party"),
        (vec![PartyInput::default()], "either someone on the team"),
        (
            vec![PartyInput {
                person_id: Some(" ".into()),
                outsider_name: Some("".into()),
            }],
            "either someone on the team",
        ),
        (
            vec![PartyInput {
                person_id: Some(ana.id.to_string()),
                outsider_name: Some("Jo".into()),
            }],
            "not both",
        ),
        (
            vec![PartyInput {
                person_id: Some("not-a-uuid".into()),
                outsider_name: None,
            }],
            "not a valid person id",
        ),
        (vec![PartyInput::outsider(&"x".repeat(201))], "at most 200"),
        (
            vec![PartyInput::person(ana.id), PartyInput::person(ana.id)],
            "Ana is listed twice",
        ),
        (
            vec![PartyInput::outsider("Jo"), PartyInput::outsider(" jo ")],
            "listed twice",
        ),
    ];
    for (parties, needle) in cases {
        let err =
            conflicts::create(conn, &conflict_input("Scope", parties, "2026-11-02")).unwrap_err();
        assert_eq!(err.field(), Some("parties"), "{err}");
        assert!(err.to_string().contains(needle), "{needle:?}: {err}");
    }

    let err = conflicts::create(
        conn,
        &conflict_input(
            "Scope",
            vec![PartyInput::person(ana.id), PartyInput::person(ghost)],
            "2026-11-02",
        ),
    )
    .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(err.to_string(), format!("no person with id {ghost}"));
    assert_eq!(
        snapshot(conn),
        before,
        "a refused create writes no conflict and no party, even after a valid first party"
    );
}

#[test]
fn other_bad_fields_are_refused_naming_the_field() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let ok = conflict_input("Scope", vec![PartyInput::person(ana.id)], "2026-11-02");
    let before = snapshot(conn);
    for (input, field) in [
        (
            ConflictInput {
                title: "  ".into(),
                ..ok.clone()
            },
            "title",
        ),
        (
            ConflictInput {
                title: "x".repeat(201),
                ..ok.clone()
            },
            "title",
        ),
        (
            ConflictInput {
                surfaced_on: "".into(),
                ..ok.clone()
            },
            "surfaced_on",
        ),
        (
            ConflictInput {
                surfaced_on: "2026-02-30".into(),
                ..ok.clone()
            },
            "surfaced_on",
        ),
        (
            ConflictInput {
                next_step: "x".repeat(2_001),
                ..ok.clone()
            },
            "next_step",
        ),
        (
            ConflictInput {
                description: "x".repeat(100_001),
                ..ok.clone()
            },
            "description",
        ),
    ] {
        let err = conflicts::create(conn, &input).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(snapshot(conn), before, "refused creates write nothing");
    assert_eq!(
        conflicts::get(conn, Uuid::new_v4()).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn update_replaces_fields_and_parties_and_a_refused_update_changes_nothing() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    let c = conflict(
        conn,
        "Scope",
        vec![PartyInput::person(ana.id)],
        "2026-11-02",
    );

    let updated = conflicts::update(
        conn,
        c.conflict.id,
        &ConflictInput {
            title: "Scope creep".into(),
            description: "_really_ <script>alert(1)</script>".into(),
            parties: vec![PartyInput::outsider("Jo"), PartyInput::person(bo.id)],
            surfaced_on: "2026-11-01".into(),
            next_step: "".into(),
        },
    )
    .unwrap();
    assert_eq!(updated.conflict.title, "Scope creep");
    assert_eq!(updated.conflict.surfaced_on, day("2026-11-01"));
    assert_eq!(
        updated.conflict.next_step, "",
        "update replaces, it does not merge"
    );
    assert_eq!(
        updated
            .parties
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Jo", "Bo"],
        "the party list is replaced"
    );
    assert_eq!(
        updated.conflict.status,
        Status::Open,
        "update never moves the status"
    );
    assert!(
        !updated.description_html.contains("<script"),
        "the description renders safely: {}",
        updated.description_html
    );
    assert!(updated.description_html.contains("<em>really</em>"));

    let before = json(&conflicts::get(conn, c.conflict.id).unwrap());
    let snap = snapshot(conn);
    let err = conflicts::update(
        conn,
        c.conflict.id,
        &conflict_input(
            "Renamed",
            vec![
                PartyInput::person(ana.id),
                PartyInput::person(Uuid::new_v4()),
            ],
            "2026-11-01",
        ),
    )
    .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(
        json(&conflicts::get(conn, c.conflict.id).unwrap()),
        before,
        "a refused update keeps the title and every party"
    );
    assert_eq!(snapshot(conn), snap);

    let resolved = conflicts::set_status(
        conn,
        c.conflict.id,
        Status::Resolved,
        Some("Done"),
        Some("2026-11-10"),
        today(),
    )
    .unwrap();
    let err = conflicts::update(
        conn,
        resolved.conflict.id,
        &conflict_input("Scope", vec![PartyInput::person(bo.id)], "2026-11-11"),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("surfaced_on"));
    assert!(err.to_string().contains("after it was resolved"), "{err}");
}

// ---------------------------------------------------------------------------
// Conflicts: lists

#[test]
fn the_list_puts_open_and_in_progress_first_then_parked_then_resolved_each_by_last_activity() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let party = || vec![PartyInput::person(ana.id)];

    conflict(conn, "old open", party(), "2026-10-01");
    let busy_progress = conflict(conn, "busy in progress", party(), "2026-09-01");
    set(conn, busy_progress.conflict.id, Status::InProgress).unwrap();
    note(
        conn,
        busy_progress.conflict.id,
        "2026-11-25",
        "Talked again",
    );
    conflict(conn, "fresh open", party(), "2026-11-20");
    let recent_parked = conflict(conn, "recent parked", party(), "2026-11-28");
    set(conn, recent_parked.conflict.id, Status::Parked).unwrap();
    let resolved = conflict(conn, "resolved", party(), "2026-11-27");
    note(conn, resolved.conflict.id, "2026-11-28", "Last word");
    conflicts::set_status(
        conn,
        resolved.conflict.id,
        Status::Resolved,
        Some("Agreed"),
        None,
        today(),
    )
    .unwrap();
    let older_parked = conflict(conn, "older parked", party(), "2026-08-01");
    set(conn, older_parked.conflict.id, Status::Parked).unwrap();

    let all = conflicts::list(conn, &ConflictFilter::default()).unwrap();
    assert_eq!(
        titles(&all),
        [
            "busy in progress",
            "fresh open",
            "old open",
            "recent parked",
            "older parked",
            "resolved"
        ],
        "open and in progress together first, then parked, then resolved; most recent activity first"
    );
    assert_eq!(
        all[0].parties[0].name, "Ana",
        "list rows carry their parties"
    );
    assert_eq!(
        all[1].summary, "Disagreement about code review turnaround.",
        "the summary is plain text"
    );
}

#[test]
fn the_list_filters_by_status_and_by_person() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    conflict(
        conn,
        "ana only",
        vec![PartyInput::person(ana.id)],
        "2026-11-01",
    );
    let both = conflict(
        conn,
        "ana and bo",
        vec![PartyInput::person(ana.id), PartyInput::person(bo.id)],
        "2026-11-02",
    );
    set(conn, both.conflict.id, Status::Parked).unwrap();
    conflict(
        conn,
        "outsiders",
        vec![PartyInput::outsider("Jo")],
        "2026-11-03",
    );

    let by_status = |status| {
        conflicts::list(
            conn,
            &ConflictFilter {
                status: Some(status),
                person_id: None,
            },
        )
        .unwrap()
    };
    assert_eq!(titles(&by_status(Status::Open)), ["outsiders", "ana only"]);
    assert_eq!(titles(&by_status(Status::Parked)), ["ana and bo"]);
    assert!(by_status(Status::Resolved).is_empty());

    let for_bo = conflicts::list(
        conn,
        &ConflictFilter {
            status: None,
            person_id: Some(bo.id),
        },
    )
    .unwrap();
    assert_eq!(titles(&for_bo), ["ana and bo"]);
    let ana_open = conflicts::list(
        conn,
        &ConflictFilter {
            status: Some(Status::Open),
            person_id: Some(ana.id),
        },
    )
    .unwrap();
    assert_eq!(titles(&ana_open), ["ana only"], "filters combine");
    let err = conflicts::list(
        conn,
        &ConflictFilter {
            status: None,
            person_id: Some(Uuid::new_v4()),
        },
    )
    .unwrap_err();
    assert_eq!(
        err.code(),
        "not_found",
        "an unknown person is not an empty list"
    );

    let filter: ConflictFilter =
        serde_json::from_value(serde_json::json!({ "status": "in_progress" })).unwrap();
    assert_eq!(
        filter.status,
        Some(Status::InProgress),
        "the UI sends snake_case"
    );
}

#[test]
fn involving_lists_every_conflict_of_a_person_and_open_involving_only_the_live_ones() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    conflict(conn, "open", vec![PartyInput::person(ana.id)], "2026-11-01");
    let ana_progress = conflict(
        conn,
        "in progress",
        vec![PartyInput::outsider("Jo"), PartyInput::person(ana.id)],
        "2026-11-02",
    );
    set(conn, ana_progress.conflict.id, Status::InProgress).unwrap();
    let ana_parked = conflict(
        conn,
        "parked",
        vec![PartyInput::person(ana.id)],
        "2026-11-03",
    );
    set(conn, ana_parked.conflict.id, Status::Parked).unwrap();
    let ana_resolved = conflict(
        conn,
        "resolved",
        vec![PartyInput::person(ana.id)],
        "2026-11-04",
    );
    conflicts::set_status(
        conn,
        ana_resolved.conflict.id,
        Status::Resolved,
        Some("ok"),
        None,
        today(),
    )
    .unwrap();
    conflict(conn, "bo's", vec![PartyInput::person(bo.id)], "2026-11-05");

    assert_eq!(
        titles(&conflicts::involving(conn, ana.id).unwrap()),
        ["in progress", "open", "parked", "resolved"]
    );
    assert_eq!(
        titles(&conflicts::open_involving(conn, ana.id).unwrap()),
        ["in progress", "open"],
        "the 1-on-1 view shows only open and in-progress conflicts"
    );
    assert_eq!(
        titles(&conflicts::open_involving(conn, bo.id).unwrap()),
        ["bo's"]
    );
}

// ---------------------------------------------------------------------------
// Conflicts: updates tied to a 1-on-1

#[test]
fn an_update_can_point_to_the_one_on_one_where_it_was_discussed() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    let with_ana = schedule(conn, &ana, "2026-11-10T10:00");
    let with_bo = schedule(conn, &bo, "2026-11-11T10:00");
    let c = conflict(
        conn,
        "Scope",
        vec![PartyInput::person(ana.id)],
        "2026-11-02",
    );

    let discussed = conflicts::add_update(
        conn,
        c.conflict.id,
        &UpdateInput {
            on: "2026-11-10".into(),
            note: "Ana felt *unheard*".into(),
            one_on_one_id: Some(with_ana.id.to_string()),
        },
    )
    .unwrap();
    assert_eq!(discussed.update.one_on_one_id, Some(with_ana.id));
    assert_eq!(discussed.note_html, "<p>Ana felt <em>unheard</em></p>\n");

    let context = conflicts::add_update(
        conn,
        c.conflict.id,
        &UpdateInput {
            on: "2026-11-11".into(),
            note: "Asked Bo for context".into(),
            one_on_one_id: Some(with_bo.id.to_string()),
        },
    )
    .unwrap();
    assert_eq!(
        context.update.one_on_one_id,
        Some(with_bo.id),
        "a conflict may be discussed in a 1-on-1 with someone who is not a party"
    );

    let before = snapshot(conn);
    let ghost = Uuid::new_v4();
    let err = conflicts::add_update(
        conn,
        c.conflict.id,
        &UpdateInput {
            on: "2026-11-12".into(),
            note: "x".into(),
            one_on_one_id: Some(ghost.to_string()),
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(err.to_string(), format!("no 1-on-1 with id {ghost}"));
    let err = conflicts::add_update(
        conn,
        c.conflict.id,
        &UpdateInput {
            on: "2026-11-12".into(),
            note: "x".into(),
            one_on_one_id: Some("yesterday".into()),
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("one_on_one_id"));
    let err = conflicts::add_update(
        conn,
        Uuid::new_v4(),
        &UpdateInput {
            on: "2026-11-12".into(),
            note: "x".into(),
            one_on_one_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "not_found", "an unknown conflict is refused");
    assert_eq!(snapshot(conn), before, "refused updates write nothing");

    let detail = conflicts::get(conn, c.conflict.id).unwrap();
    assert_eq!(detail.updates[1].update.one_on_one_id, Some(with_ana.id));
    assert_eq!(
        conflicts::delete_update(conn, Uuid::new_v4())
            .unwrap_err()
            .code(),
        "not_found"
    );
    conflicts::delete(conn, c.conflict.id).unwrap();
    let leftovers: i64 = conn
        .query_row("SELECT count(*) FROM conflict_updates", [], |r| r.get(0))
        .unwrap();
    assert_eq!(leftovers, 0, "deleting a conflict deletes its updates");
}

// ---------------------------------------------------------------------------
// Coaching questions: the seeded bank

fn all_questions(conn: &Connection) -> Vec<Question> {
    questions::list_questions(
        conn,
        &QuestionFilter {
            include_retired: true,
            ..Default::default()
        },
    )
    .unwrap()
}

fn find<'a>(bank: &'a [Question], text: &str) -> &'a Question {
    bank.iter()
        .find(|q| q.text == text)
        .unwrap_or_else(|| panic!("{text:?} should be in the bank"))
}

#[test]
fn a_fresh_journal_has_the_seeded_question_bank() {
    let store = Store::open_in_memory().unwrap();
    let bank = all_questions(store.conn());
    assert_eq!(bank.len(), 51, "the whole built-in bank is seeded");
    assert!(bank.iter().all(|q| q.builtin && !q.retired));
    for (text, category) in [
        ("What have you tried?", "options"),
        ("What would you do if I weren't here?", "will"),
        ("What's going well?", "first_one_on_ones"),
        ("What's most frustrating?", "first_one_on_ones"),
        ("What would you change if you could?", "first_one_on_ones"),
        (
            "What do you wish your previous manager had done differently?",
            "first_one_on_ones",
        ),
        ("What do you want to get out of this?", "goal"),
        ("How will you know you got there?", "goal"),
        ("What is happening now?", "reality"),
        ("What have you done so far?", "reality"),
        ("What else could you do?", "options"),
        ("And what else?", "options"),
        ("What will you do, and when?", "will"),
        ("What might get in the way?", "will"),
        ("How can I help?", "support"),
        ("What was most useful today?", "reflection"),
        ("Where do you want to be in a year?", "career"),
        ("What skill do you want to build next?", "career"),
    ] {
        assert_eq!(
            find(&bank, text).category,
            category,
            "{text:?} is seeded verbatim in {category}"
        );
    }
    let order: Vec<&str> = bank.iter().map(|q| q.category.as_str()).collect();
    let mut expected = order.clone();
    expected.sort_by_key(|c| CATEGORIES.iter().position(|(id, _)| id == c));
    assert_eq!(order, expected, "the bank lists categories in their order");
    assert_eq!(
        bank[0].text, "What do you want to get out of this?",
        "within a category, the curated order"
    );
}

#[test]
fn reopening_a_journal_does_not_seed_the_questions_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("candor.db");
    let retired_id = {
        let store = Store::open(&path).unwrap();
        let bank = all_questions(store.conn());
        assert_eq!(bank.len(), 51);
        let id = find(&bank, "How can I help?").id;
        questions::set_retired(store.conn(), id, true).unwrap();
        id
    };
    let store = Store::open(&path).expect("a second open is fine");
    let bank = all_questions(store.conn());
    assert_eq!(bank.len(), 51, "a second open adds no question");
    assert!(
        questions::get_question(store.conn(), retired_id)
            .unwrap()
            .retired,
        "the user's choices survive reopening"
    );
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(all_questions(store.conn()).len(), 51, "nor does a third");
}

#[test]
fn listing_questions_filters_by_category_search_and_retired() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let support = questions::list_questions(
        conn,
        &QuestionFilter {
            category: Some("support".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(support.len(), 5);
    assert!(support.iter().all(|q| q.category == "support"));

    let search = |text: &str, include_retired| {
        questions::list_questions(
            conn,
            &QuestionFilter {
                category: None,
                search: Some(text.into()),
                include_retired,
            },
        )
        .unwrap()
    };
    let help: Vec<String> = search("HELP", false).into_iter().map(|q| q.text).collect();
    assert_eq!(
        help,
        ["Who could help with this?", "How can I help?"],
        "search ignores case and keeps the bank's order"
    );
    let how_can = find(&all_questions(conn), "How can I help?").id;
    questions::set_retired(conn, how_can, true).unwrap();
    assert_eq!(
        search("help", false).len(),
        1,
        "retired questions are hidden"
    );
    assert_eq!(search("help", true).len(), 2, "unless asked for");
    assert_eq!(search("   ", false).len(), 50, "a blank search matches all");

    let err = questions::list_questions(
        conn,
        &QuestionFilter {
            category: Some("vibes".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("category"));
}

#[test]
fn built_in_questions_can_be_retired_but_not_edited_or_deleted() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let builtin = find(&all_questions(conn), "What have you tried?").clone();
    let before = snapshot(conn);

    let err = questions::delete_question(conn, builtin.id).unwrap_err();
    assert_eq!(err.field(), Some("question_id"));
    assert_eq!(
        err.to_string(),
        "built-in questions can be retired, not deleted"
    );
    let err = questions::update_question(
        conn,
        builtin.id,
        &QuestionInput {
            text: "What did you try?".into(),
            category: "options".into(),
        },
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("built-in questions can be retired, not edited"),
        "{err}"
    );
    assert_eq!(snapshot(conn), before, "refused calls write nothing");

    assert!(
        questions::set_retired(conn, builtin.id, true)
            .unwrap()
            .retired
    );
    let back = questions::set_retired(conn, builtin.id, false).unwrap();
    assert!(!back.retired && back.builtin);
    assert_eq!(back.text, builtin.text);
    assert_eq!(
        questions::set_retired(conn, Uuid::new_v4(), true)
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn own_questions_are_added_edited_and_deleted_while_never_asked() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let mine = questions::create_question(
        conn,
        &QuestionInput {
            text: "  What would make Monday better?  ".into(),
            category: "reflection".into(),
        },
    )
    .unwrap();
    assert_eq!(mine.text, "What would make Monday better?");
    assert!(!mine.builtin && !mine.retired);
    let reflection = questions::list_questions(
        conn,
        &QuestionFilter {
            category: Some("reflection".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        reflection.last().unwrap().id,
        mine.id,
        "a new question goes at the end of its category"
    );

    let before = snapshot(conn);
    for (input, field, needle) in [
        (
            QuestionInput {
                text: " ".into(),
                category: "goal".into(),
            },
            "text",
            "must not be empty",
        ),
        (
            QuestionInput {
                text: "x".repeat(501),
                category: "goal".into(),
            },
            "text",
            "at most 500",
        ),
        (
            QuestionInput {
                text: "Fine?".into(),
                category: "".into(),
            },
            "category",
            "must be one of",
        ),
        (
            QuestionInput {
                text: "how can i HELP?".into(),
                category: "goal".into(),
            },
            "text",
            "already in the bank",
        ),
    ] {
        let err = questions::create_question(conn, &input).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(err.to_string().contains(needle), "{err}");
    }
    assert_eq!(snapshot(conn), before, "refused creates write nothing");

    let edited = questions::update_question(
        conn,
        mine.id,
        &QuestionInput {
            text: "What would make Mondays better?".into(),
            category: "support".into(),
        },
    )
    .unwrap();
    assert_eq!(edited.category, "support");
    assert_eq!(edited.text, "What would make Mondays better?");

    questions::log_asked(
        conn,
        &AskedInput {
            person_id: ana.id.to_string(),
            question_id: Some(mine.id.to_string()),
            asked_on: "2026-11-20".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let before = snapshot(conn);
    let err = questions::delete_question(conn, mine.id).unwrap_err();
    assert!(err.to_string().contains("retire it instead"), "{err}");
    assert_eq!(snapshot(conn), before);

    questions::update_question(
        conn,
        mine.id,
        &QuestionInput {
            text: "What would improve your Mondays?".into(),
            category: "support".into(),
        },
    )
    .unwrap();
    let history = questions::asked_for_person(conn, ana.id).unwrap();
    assert_eq!(
        history[0].asked.question_text, "What would make Mondays better?",
        "history keeps the words as asked after the question is edited"
    );

    let spare = questions::create_question(
        conn,
        &QuestionInput {
            text: "Never asked?".into(),
            category: "goal".into(),
        },
    )
    .unwrap();
    questions::delete_question(conn, spare.id).unwrap();
    assert_eq!(
        questions::get_question(conn, spare.id).unwrap_err().code(),
        "not_found"
    );
}

// ---------------------------------------------------------------------------
// Coaching questions: asked

fn ask(conn: &Connection, who: &Person, question: &Question, on: &str) {
    questions::log_asked(
        conn,
        &AskedInput {
            person_id: who.id.to_string(),
            question_id: Some(question.id.to_string()),
            asked_on: on.into(),
            ..Default::default()
        },
    )
    .unwrap();
}

#[test]
fn logging_a_question_keeps_the_words_as_asked_and_the_answer() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    let with_ana = schedule(conn, &ana, "2026-11-20T10:00");
    let with_bo = schedule(conn, &bo, "2026-11-20T11:00");
    let bank = all_questions(conn);
    let tried = find(&bank, "What have you tried?");

    let from_bank = questions::log_asked(
        conn,
        &AskedInput {
            person_id: ana.id.to_string(),
            question_id: Some(tried.id.to_string()),
            text: "".into(),
            asked_on: "2026-11-20".into(),
            one_on_one_id: Some(with_ana.id.to_string()),
            answer: "Pairing with **Bo**".into(),
            follow_up: "Check in next week".into(),
        },
    )
    .unwrap();
    assert_eq!(from_bank.question_text, "What have you tried?");
    assert_eq!(from_bank.one_on_one_id, Some(with_ana.id));

    let reworded = questions::log_asked(
        conn,
        &AskedInput {
            person_id: ana.id.to_string(),
            question_id: Some(tried.id.to_string()),
            text: "What did you try on the migration?".into(),
            asked_on: "2026-11-22".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(reworded.question_text, "What did you try on the migration?");
    assert_eq!(reworded.question_id, Some(tried.id));

    let ad_hoc = questions::log_asked(
        conn,
        &AskedInput {
            person_id: ana.id.to_string(),
            text: "How was the conference?".into(),
            asked_on: "2026-11-21".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(ad_hoc.question_id, None, "a question asked on the spot");

    let history = questions::asked_for_person(conn, ana.id).unwrap();
    let texts: Vec<&str> = history
        .iter()
        .map(|a| a.asked.question_text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "What did you try on the migration?",
            "How was the conference?",
            "What have you tried?"
        ],
        "history is newest first"
    );
    assert_eq!(history[1].category, None);
    assert_eq!(history[2].category.as_deref(), Some("options"));
    assert_eq!(
        history[2].answer_html,
        "<p>Pairing with <strong>Bo</strong></p>\n"
    );
    assert!(questions::asked_for_person(conn, bo.id).unwrap().is_empty());

    let before = snapshot(conn);
    let ok = AskedInput {
        person_id: ana.id.to_string(),
        question_id: Some(tried.id.to_string()),
        asked_on: "2026-11-23".into(),
        ..Default::default()
    };
    for (input, expected) in [
        (
            AskedInput {
                one_on_one_id: Some(with_bo.id.to_string()),
                ..ok.clone()
            },
            "one_on_one_id",
        ),
        (
            AskedInput {
                question_id: None,
                text: " ".into(),
                ..ok.clone()
            },
            "text",
        ),
        (
            AskedInput {
                asked_on: "2026-11-31".into(),
                ..ok.clone()
            },
            "asked_on",
        ),
        (
            AskedInput {
                person_id: "".into(),
                ..ok.clone()
            },
            "person_id",
        ),
        (
            AskedInput {
                question_id: Some("nope".into()),
                ..ok.clone()
            },
            "question_id",
        ),
        (
            AskedInput {
                follow_up: "x".repeat(2_001),
                ..ok.clone()
            },
            "follow_up",
        ),
    ] {
        let err = questions::log_asked(conn, &input).unwrap_err();
        assert_eq!(err.field(), Some(expected), "{err}");
    }
    for input in [
        AskedInput {
            question_id: Some(Uuid::new_v4().to_string()),
            ..ok.clone()
        },
        AskedInput {
            person_id: Uuid::new_v4().to_string(),
            ..ok.clone()
        },
        AskedInput {
            one_on_one_id: Some(Uuid::new_v4().to_string()),
            ..ok.clone()
        },
    ] {
        assert_eq!(
            questions::log_asked(conn, &input).unwrap_err().code(),
            "not_found"
        );
    }
    assert_eq!(snapshot(conn), before, "refused logs write nothing");
}

#[test]
fn correcting_a_logged_question_keeps_its_words_unless_new_ones_are_given() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let mine = questions::create_question(
        conn,
        &QuestionInput {
            text: "What's on fire?".into(),
            category: "reality".into(),
        },
    )
    .unwrap();
    let asked = questions::log_asked(
        conn,
        &AskedInput {
            person_id: ana.id.to_string(),
            question_id: Some(mine.id.to_string()),
            asked_on: "2026-11-20".into(),
            ..Default::default()
        },
    )
    .unwrap();
    questions::update_question(
        conn,
        mine.id,
        &QuestionInput {
            text: "What is most urgent?".into(),
            category: "reality".into(),
        },
    )
    .unwrap();

    let corrected = questions::update_asked(
        conn,
        asked.id,
        &AskedInput {
            person_id: ana.id.to_string(),
            question_id: Some(mine.id.to_string()),
            asked_on: "2026-11-21".into(),
            answer: "The release".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        corrected.question_text, "What's on fire?",
        "the words as asked stay, not the bank's new wording"
    );
    assert_eq!(corrected.asked_on, day("2026-11-21"));
    assert_eq!(corrected.answer, "The release");

    let before = snapshot(conn);
    let err = questions::update_asked(
        conn,
        asked.id,
        &AskedInput {
            person_id: ana.id.to_string(),
            asked_on: "2026-11-21".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("text"));
    assert_eq!(
        snapshot(conn),
        before,
        "a refused correction changes nothing"
    );

    questions::delete_asked(conn, asked.id).unwrap();
    assert_eq!(
        questions::delete_asked(conn, asked.id).unwrap_err().code(),
        "not_found"
    );
    questions::delete_question(conn, mine.id)
        .expect("with its history gone, the question may be deleted");
}

// ---------------------------------------------------------------------------
// Coaching questions: suggestions

fn suggested(conn: &Connection, who: &Person, categories: &[&str], limit: usize) -> Vec<String> {
    questions::suggest(conn, who.id, categories, today(), limit)
        .unwrap()
        .into_iter()
        .map(|s| s.question.text)
        .collect()
}

#[test]
fn suggestions_put_never_asked_questions_first_then_the_longest_ago() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let support = questions::list_questions(
        conn,
        &QuestionFilter {
            category: Some("support".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let texts: Vec<&str> = support.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        suggested(conn, &ana, &["support"], 10),
        texts,
        "nothing asked yet: the bank's order"
    );

    ask(conn, &ana, &support[0], "2026-11-01");
    ask(conn, &ana, &support[1], "2026-10-01");
    ask(conn, &ana, &support[2], TODAY);
    ask(conn, &ana, &support[1], "2026-09-01");
    let got = questions::suggest(conn, ana.id, &["support"], today(), 10).unwrap();
    let order: Vec<&str> = got.iter().map(|s| s.question.text.as_str()).collect();
    assert_eq!(
        order,
        [texts[3], texts[4], texts[1], texts[0], texts[2]],
        "never asked first, then asked longest ago; asked today comes last"
    );
    assert_eq!(got[0].last_asked_on, None);
    assert_eq!(
        got[2].last_asked_on,
        Some(day("2026-10-01")),
        "the latest time it was asked counts"
    );
    assert_eq!(got[2].days_since_asked, Some(59));
    assert_eq!(got[4].days_since_asked, Some(0));

    assert_eq!(
        suggested(conn, &ana, &["support"], 2),
        [texts[3], texts[4]],
        "the limit keeps the best ones"
    );
    assert!(suggested(conn, &ana, &["support"], 0).is_empty());
}

#[test]
fn suggestions_depend_on_today_and_a_future_date_counts_as_today() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let will = questions::list_questions(
        conn,
        &QuestionFilter {
            category: Some("will".into()),
            ..Default::default()
        },
    )
    .unwrap();
    // Every will question asked; the first one on a mistyped future day.
    ask(conn, &ana, &will[0], "2027-01-15");
    for (i, q) in will.iter().enumerate().skip(1) {
        ask(conn, &ana, q, &format!("2026-11-{:02}", 10 + i));
    }
    let got = questions::suggest(conn, ana.id, &["will"], today(), 20).unwrap();
    assert_eq!(
        got.last().unwrap().question.id,
        will[0].id,
        "a future-dated ask counts as today: suggested last, not first"
    );
    assert_eq!(got.last().unwrap().days_since_asked, Some(0));
    assert_eq!(got[0].question.id, will[1].id, "the oldest ask comes first");

    let later = questions::suggest(conn, ana.id, &["will"], day("2027-02-01"), 20).unwrap();
    assert_eq!(
        later[0].question.id, will[1].id,
        "the order is the same on a later day"
    );
    assert_eq!(
        later[0].days_since_asked,
        Some(82),
        "days are counted from today"
    );
    assert_eq!(
        later.last().unwrap().days_since_asked,
        Some(17),
        "once the day has come, the real date counts"
    );
}

#[test]
fn suggestions_skip_retired_questions_and_are_per_person() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    let bank = all_questions(conn);
    let help = find(&bank, "How can I help?");
    let need = find(&bank, "What do you need from me?");

    questions::set_retired(conn, need.id, true).unwrap();
    let for_ana = questions::suggest(conn, ana.id, &[], today(), 100).unwrap();
    assert_eq!(for_ana.len(), 50, "every active question, all categories");
    assert!(
        for_ana.iter().all(|s| s.question.id != need.id),
        "a retired question is never suggested"
    );

    let bo_before = suggested(conn, &bo, &[], 100);
    ask(conn, &ana, help, "2026-11-20");
    assert_eq!(
        suggested(conn, &bo, &[], 100),
        bo_before,
        "asking Ana does not change what is suggested for Bo"
    );
    let for_ana = suggested(conn, &ana, &[], 100);
    assert_eq!(for_ana.last().unwrap(), "How can I help?");
    assert_eq!(
        bo_before.iter().position(|t| t == "How can I help?"),
        Some(26),
        "for Bo it keeps its place in the bank's order"
    );
}

#[test]
fn suggestions_are_deterministic_and_follow_the_categories_asked_for() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let first = suggested(conn, &ana, &["career", "goal"], 100);
    for _ in 0..5 {
        assert_eq!(
            suggested(conn, &ana, &["career", "goal"], 100),
            first,
            "the same data and day give the same answer"
        );
    }
    assert_eq!(
        suggested(conn, &ana, &["goal", "career"], 100),
        first,
        "ties follow the category order, not the order asked for"
    );
    assert_eq!(first.len(), 13);
    assert_eq!(first[0], "What do you want to get out of this?");
    assert_eq!(first[6], "Where do you want to be in a year?");

    let err = questions::suggest(conn, ana.id, &["goal", "vibes"], today(), 5).unwrap_err();
    assert_eq!(err.field(), Some("categories"));
    let err = questions::suggest(conn, Uuid::new_v4(), &[], today(), 5).unwrap_err();
    assert_eq!(err.code(), "not_found");
}
