//! Goals, the journal index behind search and timelines, mood and counts.

use candor_core::history::{self, TimelineFilter};
use candor_core::record_kinds;
use candor_core::search::{self, SearchQuery};
use candor_core::store::action_items::{self, ActionItemInput};
use candor_core::store::agenda::{self, PointInput};
use candor_core::store::conflicts::{self, ConflictInput, PartyInput, UpdateInput};
use candor_core::store::feedback::{self, FeedbackInput};
use candor_core::store::goals::{self, CheckinInput, GoalInput, Status as GoalStatus};
use candor_core::store::one_on_ones::{self, NewOneOnOne, TextField};
use candor_core::store::people::{self, Person, PersonInput};
use candor_core::store::questions::{self, AskedInput};
use candor_core::Store;
use chrono::NaiveDate;
use rusqlite::Connection;

use crate::support::{day, person, search_hits, TODAY};

fn kinds(conn: &Connection, text: &str) -> Vec<String> {
    search_hits(conn, text)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn every_record_kind_is_searchable_and_follows_inserts_updates_and_deletes() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = people::create(
        conn,
        &PersonInput {
            name: "Ana Lima".into(),
            notes: "loves zebrafish".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(kinds(conn, "zebrafish"), ["person"]);
    people::update(
        conn,
        ana.id,
        &PersonInput {
            name: "Ana Lima".into(),
            notes: "loves okapis".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        kinds(conn, "zebrafish").is_empty(),
        "an update replaces the old text"
    );
    assert_eq!(kinds(conn, "okapis"), ["person"]);

    let meeting = one_on_ones::start(
        conn,
        ana.id,
        &NewOneOnOne {
            scheduled_at: "2026-11-02T10:00".into(),
            template_id: None,
        },
    )
    .unwrap();
    one_on_ones::save_text(
        conn,
        meeting.id,
        TextField::Notes,
        "talked about the **quokka** migration",
    )
    .unwrap();
    one_on_ones::save_text(
        conn,
        meeting.id,
        TextField::Outcomes,
        "agreed on a wombat plan",
    )
    .unwrap();
    assert_eq!(kinds(conn, "quokka"), ["one_on_one"]);
    assert_eq!(kinds(conn, "wombat"), ["one_on_one"]);

    let point = agenda::add(
        conn,
        meeting.id,
        &PointInput {
            text: "capybara budget".into(),
            raised_by: "them".into(),
        },
    )
    .unwrap();
    assert_eq!(kinds(conn, "capybara"), ["talking_point"]);
    agenda::delete(conn, point.id).unwrap();
    assert!(kinds(conn, "capybara").is_empty(), "a delete removes it");

    let item = action_items::add(
        conn,
        ana.id,
        &ActionItemInput {
            text: "book the narwhal room".into(),
            owner: "me".into(),
            one_on_one_id: Some(meeting.id.to_string()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        search_hits(conn, "narwhal"),
        [("action_item".to_string(), item.id.to_string())]
    );

    let fb = feedback::create(
        conn,
        ana.id,
        &FeedbackInput {
            kind: "reinforcing".into(),
            observation: "you mentored the axolotl team".into(),
            observed_on: "2026-11-20".into(),
            tags: vec!["pangolin".into()],
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap();
    assert_eq!(kinds(conn, "axolotl"), ["feedback"]);
    assert_eq!(kinds(conn, "pangolin"), ["feedback"], "tags are searchable");
    feedback::update(
        conn,
        fb.id,
        &FeedbackInput {
            kind: "reinforcing".into(),
            observation: "you mentored the axolotl team".into(),
            observed_on: "2026-11-20".into(),
            tags: vec!["tapir".into()],
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap();
    assert!(
        kinds(conn, "pangolin").is_empty(),
        "a removed tag is no longer found"
    );
    assert_eq!(kinds(conn, "tapir"), ["feedback"]);

    let conflict = conflicts::create(
        conn,
        &ConflictInput {
            title: "Release ownership".into(),
            description: "a dispute about the lemur pipeline".into(),
            parties: vec![
                PartyInput::person(ana.id),
                PartyInput::outsider("Marmoset Vendor"),
            ],
            surfaced_on: "2026-11-10".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(kinds(conn, "lemur"), ["conflict"]);
    assert_eq!(
        kinds(conn, "marmoset"),
        ["conflict"],
        "outsiders' names are searchable"
    );
    conflicts::add_update(
        conn,
        conflict.conflict.id,
        &UpdateInput {
            on: "2026-11-12".into(),
            note: "the ibex proposal helped".into(),
            one_on_one_id: None,
        },
    )
    .unwrap();
    let hit = &search::search(
        conn,
        &SearchQuery {
            text: "ibex".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .hits[0];
    assert_eq!(hit.kind, "conflict_update");
    assert_eq!(
        hit.title, "Release ownership",
        "an update shows its conflict's title"
    );
    assert_eq!(
        hit.parent_id.as_deref(),
        Some(conflict.conflict.id.to_string().as_str())
    );

    questions::log_asked(
        conn,
        &AskedInput {
            person_id: ana.id.to_string(),
            text: "What have you tried?".into(),
            asked_on: "2026-11-02".into(),
            answer: "a gecko-first approach".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(kinds(conn, "gecko"), ["question_asked"]);

    let goal = goals::create(
        conn,
        ana.id,
        &GoalInput {
            title: "Lead the heron project".into(),
            why: "grow as a lead".into(),
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap();
    assert_eq!(kinds(conn, "heron"), ["goal"]);
    goals::add_checkin(
        conn,
        goal.id,
        &CheckinInput {
            noted_on: TODAY.into(),
            note: "kickoff with the puffin crew".into(),
            progress: Some(10),
            one_on_one_id: None,
        },
    )
    .unwrap();
    assert_eq!(kinds(conn, "puffin"), ["goal_checkin"]);
    goals::delete(conn, goal.id).unwrap();
    assert!(
        kinds(conn, "heron").is_empty() && kinds(conn, "puffin").is_empty(),
        "cascaded deletes leave the index too"
    );

    let docs: i64 = conn
        .query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))
        .unwrap();
    let indexed: i64 = conn
        .query_row("SELECT count(*) FROM search_index", [], |r| r.get(0))
        .unwrap();
    assert_eq!(docs, indexed, "the index and its documents stay one to one");
}

#[test]
fn queries_match_prefixes_all_words_and_come_newest_first() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    for (i, date) in ["2026-03-01", "2026-11-01", "2026-07-01"]
        .iter()
        .enumerate()
    {
        feedback::create(
            conn,
            ana.id,
            &FeedbackInput {
                kind: "reinforcing".into(),
                observation: format!("deployment rollback number {i}"),
                observed_on: (*date).into(),
                ..Default::default()
            },
            day(TODAY),
        )
        .unwrap();
    }
    feedback::create(
        conn,
        ana.id,
        &FeedbackInput {
            kind: "reinforcing".into(),
            observation: "deployment went fine".into(),
            observed_on: "2026-05-01".into(),
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap();

    let dates = |text: &str| -> Vec<NaiveDate> {
        search::search(
            conn,
            &SearchQuery {
                text: text.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .hits
        .iter()
        .map(|h| h.date)
        .collect()
    };
    assert_eq!(
        dates("deploy"),
        [
            day("2026-11-01"),
            day("2026-07-01"),
            day("2026-05-01"),
            day("2026-03-01")
        ],
        "prefix, newest first"
    );
    assert_eq!(
        dates("deployment roll"),
        [day("2026-11-01"), day("2026-07-01"), day("2026-03-01")],
        "every word must match"
    );
    assert!(
        dates("deploy ").is_empty(),
        "a trailing space ends the prefix"
    );

    let capped = search::search(
        conn,
        &SearchQuery {
            text: "deployment".into(),
            limit: Some(2),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(capped.hits.len(), 2);
    assert!(capped.truncated);
    let ranged = search::search(
        conn,
        &SearchQuery {
            text: "deployment".into(),
            from: Some("2026-04-01".into()),
            to: Some("2026-08-01".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        ranged.hits.iter().map(|h| h.date).collect::<Vec<_>>(),
        [day("2026-07-01"), day("2026-05-01")]
    );
    let hit = &ranged.hits[0];
    assert!(
        hit.snippet
            .iter()
            .any(|s| s.hit && s.text.to_lowercase() == "deployment"),
        "{:?}",
        hit.snippet
    );

    let err = search::search(
        conn,
        &SearchQuery {
            text: "x".into(),
            from: Some("2026-09-01".into()),
            to: Some("2026-01-01".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("from"));
    let err = search::search(
        conn,
        &SearchQuery {
            text: "x".into(),
            kinds: vec!["memo".into()],
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("kinds"));
    assert!(
        search::search(
            conn,
            &SearchQuery {
                text: "\" OR * NEAR(".into(),
                ..Default::default()
            }
        )
        .is_ok(),
        "FTS syntax typed by a person is just words"
    );
}

#[test]
fn search_filters_by_person_including_conflict_parties() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    for who in [&ana, &bo] {
        action_items::add(
            conn,
            who.id,
            &ActionItemInput {
                text: "review the runbook".into(),
                owner: "me".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    conflicts::create(
        conn,
        &ConflictInput {
            title: "Runbook ownership".into(),
            parties: vec![PartyInput::person(bo.id)],
            surfaced_on: "2026-11-01".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let for_person = |p: &Person| -> Vec<String> {
        search::search(
            conn,
            &SearchQuery {
                text: "runbook".into(),
                person_id: Some(p.id.to_string()),
                ..Default::default()
            },
        )
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.kind)
        .collect()
    };
    assert_eq!(for_person(&ana), ["action_item"]);
    let mut bos = for_person(&bo);
    bos.sort();
    assert_eq!(
        bos,
        ["action_item", "conflict"],
        "a party's conflicts count as theirs"
    );
    let only_conflicts = search::search(
        conn,
        &SearchQuery {
            text: "runbook".into(),
            kinds: vec!["conflict".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(only_conflicts.hits.len(), 1);
    assert_eq!(only_conflicts.hits[0].person_name, "Bo");
}

#[test]
fn the_search_query_never_sorts_all_matches() {
    let store = Store::open_in_memory().unwrap();
    let plan: Vec<String> = store
        .conn()
        .prepare(
            "EXPLAIN QUERY PLAN SELECT d.kind FROM search_index JOIN search_docs d ON d.rowid = search_index.rowid \
             WHERE search_index MATCH 'x' AND search_index.rowid BETWEEN 0 AND 10 ORDER BY search_index.rowid DESC LIMIT 5",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        !plan.iter().any(|p| p.contains("TEMP B-TREE")),
        "FTS5 yields rows in date order: {plan:?}"
    );
}

#[test]
fn the_timeline_lists_everything_about_a_person_newest_first_in_pages() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    let mut first_meeting = None;
    for week in 0..10 {
        let date = day("2026-01-05") + chrono::Duration::weeks(week);
        let m = one_on_ones::start(
            conn,
            ana.id,
            &NewOneOnOne {
                scheduled_at: format!("{date}T10:00"),
                template_id: None,
            },
        )
        .unwrap();
        one_on_ones::save_text(
            conn,
            m.id,
            TextField::Outcomes,
            &format!("outcome of week {week}"),
        )
        .unwrap();
        one_on_ones::set_mood(conn, m.id, Some(week % 5 + 1)).unwrap();
        one_on_ones::mark_held(conn, m.id, &date.to_string(), day(TODAY)).unwrap();
        first_meeting.get_or_insert(m.id);
    }
    // One of each other kind, in the first weeks of January: an action item
    // from the first 1-on-1, a question, a goal and its check-in.
    action_items::add(
        conn,
        ana.id,
        &ActionItemInput {
            text: "share the runbook".into(),
            owner: "them".into(),
            due_on: None,
            one_on_one_id: first_meeting.map(|id| id.to_string()),
        },
    )
    .unwrap();
    questions::log_asked(
        conn,
        &AskedInput {
            person_id: ana.id.to_string(),
            text: "What have you tried?".into(),
            asked_on: "2026-01-06".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let goal = goals::create(
        conn,
        ana.id,
        &GoalInput {
            title: "Run the incident review".into(),
            ..Default::default()
        },
        day("2026-01-02"),
    )
    .unwrap();
    goals::add_checkin(
        conn,
        goal.id,
        &CheckinInput {
            noted_on: "2026-01-03".into(),
            note: "drafted the agenda".into(),
            ..Default::default()
        },
    )
    .unwrap();
    feedback::create(
        conn,
        ana.id,
        &FeedbackInput {
            kind: "redirecting".into(),
            observation: "late to standup".into(),
            observed_on: "2026-02-03".into(),
            tags: vec!["timeliness".into()],
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap();
    feedback::create(
        conn,
        ana.id,
        &FeedbackInput {
            kind: "reinforcing".into(),
            observation: "great demo".into(),
            observed_on: "2026-02-04".into(),
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap();
    feedback::create(
        conn,
        bo.id,
        &FeedbackInput {
            kind: "reinforcing".into(),
            observation: "not Ana's".into(),
            observed_on: "2026-02-04".into(),
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap();
    let pairing = conflicts::create(
        conn,
        &ConflictInput {
            title: "Pairing friction".into(),
            parties: vec![PartyInput::person(ana.id), PartyInput::person(bo.id)],
            surfaced_on: "2026-02-10".into(),
            ..Default::default()
        },
    )
    .unwrap();
    conflicts::add_update(
        conn,
        pairing.conflict.id,
        &UpdateInput {
            on: "2026-02-17".into(),
            note: "they agreed on driver rotation".into(),
            one_on_one_id: None,
        },
    )
    .unwrap();
    // Bo's conflict with someone outside the team, and its update: never on
    // Ana's timeline.
    let not_ana = conflicts::create(
        conn,
        &ConflictInput {
            title: "Vendor escalation".into(),
            parties: vec![PartyInput::person(bo.id), PartyInput::outsider("Vendor")],
            surfaced_on: "2026-02-12".into(),
            ..Default::default()
        },
    )
    .unwrap();
    conflicts::add_update(
        conn,
        not_ana.conflict.id,
        &UpdateInput {
            on: "2026-02-13".into(),
            note: "vendor replied".into(),
            one_on_one_id: None,
        },
    )
    .unwrap();

    let page = history::timeline(
        conn,
        ana.id,
        &TimelineFilter {
            limit: Some(5),
            ..Default::default()
        },
    )
    .unwrap();
    let first: Vec<(String, NaiveDate)> = page
        .items
        .iter()
        .map(|i| (i.kind.clone(), i.date))
        .collect();
    assert_eq!(first[0], ("one_on_one".to_string(), day("2026-03-09")));
    assert!(
        first.windows(2).all(|w| w[0].1 >= w[1].1),
        "newest first: {first:?}"
    );
    assert_eq!(page.items[0].summary, "outcome of week 9");
    assert_eq!(
        page.items[0].extra.as_deref(),
        Some("5"),
        "the mood travels with the 1-on-1"
    );

    let mut all = page.items.clone();
    let mut cursor = page.next_cursor;
    while let Some(before) = cursor {
        let next = history::timeline(
            conn,
            ana.id,
            &TimelineFilter {
                limit: Some(5),
                before: Some(before),
                ..Default::default()
            },
        )
        .unwrap();
        all.extend(next.items.clone());
        cursor = next.next_cursor;
    }
    assert_eq!(
        all.len(),
        18,
        "10 1-on-1s, an action item, a question, a goal and its check-in, 2 feedback, \
         1 conflict and its update; nothing of Bo's alone"
    );
    let mut ids: Vec<_> = all.iter().map(|i| i.record_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 18, "pages never repeat an item");
    assert!(
        all.windows(2).all(|w| w[0].cursor > w[1].cursor),
        "newest first across pages"
    );

    // Every choice of kinds pages through exactly the unfiltered timeline's
    // items of those kinds, newest first: one kind, several (read each on
    // its own and merged), or every one.
    let timeline_kinds: Vec<&str> = record_kinds::timeline_kinds().collect();
    for mask in 1..(1u32 << timeline_kinds.len()) {
        let kinds: Vec<String> = timeline_kinds
            .iter()
            .enumerate()
            .filter(|(bit, _)| mask & (1 << bit) != 0)
            .map(|(_, kind)| kind.to_string())
            .collect();
        let mut paged = Vec::new();
        let mut before = None;
        loop {
            let page = history::timeline(
                conn,
                ana.id,
                &TimelineFilter {
                    kinds: kinds.clone(),
                    limit: Some(3),
                    before,
                    ..Default::default()
                },
            )
            .unwrap();
            paged.extend(page.items.iter().map(|i| i.cursor));
            match page.next_cursor {
                Some(next) => before = Some(next),
                None => break,
            }
        }
        let expected: Vec<i64> = all
            .iter()
            .filter(|i| kinds.contains(&i.kind))
            .map(|i| i.cursor)
            .collect();
        assert_eq!(paged, expected, "kinds {kinds:?}");
    }

    let conflicts_only = history::timeline(
        conn,
        ana.id,
        &TimelineFilter {
            kinds: vec!["conflict".into(), "conflict_update".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        conflicts_only
            .items
            .iter()
            .map(|i| (i.kind.as_str(), i.title.as_str()))
            .collect::<Vec<_>>(),
        [
            ("conflict_update", "Pairing friction"),
            ("conflict", "Pairing friction")
        ]
    );

    let feedback_only = history::timeline(
        conn,
        ana.id,
        &TimelineFilter {
            kinds: vec!["feedback".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        feedback_only
            .items
            .iter()
            .map(|i| i.summary.as_str())
            .collect::<Vec<_>>(),
        ["great demo", "late to standup"]
    );
    let tagged = history::timeline(
        conn,
        ana.id,
        &TimelineFilter {
            tag: Some("timeliness".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(tagged.items.len(), 1);
    assert_eq!(tagged.items[0].summary, "late to standup");
    let tagged_not_feedback = history::timeline(
        conn,
        ana.id,
        &TimelineFilter {
            kinds: vec!["one_on_one".into(), "conflict".into()],
            tag: Some("timeliness".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        tagged_not_feedback.items.is_empty(),
        "only feedback carries tags: {:?}",
        tagged_not_feedback.items
    );
    let february = history::timeline(
        conn,
        ana.id,
        &TimelineFilter {
            from: Some("2026-02-01".into()),
            to: Some("2026-02-28".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        february.items.len(),
        4 + 2 + 1 + 1,
        "4 weekly 1-on-1s, 2 feedback, the conflict and its update"
    );
    assert!(history::timeline(
        conn,
        ana.id,
        &TimelineFilter {
            kinds: vec!["person".into()],
            ..Default::default()
        }
    )
    .is_err());

    let moods = history::mood_series(conn, ana.id, day("2026-01-01"), day("2026-01-31")).unwrap();
    assert_eq!(
        moods.iter().map(|m| m.mood).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    let counts =
        history::range_counts(conn, ana.id, "2026-01-01", "2026-03-31", day(TODAY)).unwrap();
    assert_eq!(
        (counts.held, counts.expected),
        (10, 12),
        "90 days at a weekly cadence"
    );
    assert_eq!(counts.open_conflicts, 1);
    assert!(history::range_counts(conn, ana.id, "2026-03-31", "2026-01-01", day(TODAY)).is_err());
    let future =
        history::range_counts(conn, ana.id, "2026-11-01", "2027-01-31", day(TODAY)).unwrap();
    assert_eq!(
        future.expected, 4,
        "days after today expect nothing yet: 29 days, weekly"
    );
}

#[test]
fn goals_move_through_their_statuses_and_check_ins_are_validated() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let err = goals::create(
        conn,
        ana.id,
        &GoalInput {
            title: " ".into(),
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("title"));
    let err = goals::create(
        conn,
        ana.id,
        &GoalInput {
            title: "x".into(),
            target_on: Some("soon".into()),
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("target_on"));
    let g = goals::create(
        conn,
        ana.id,
        &GoalInput {
            title: "Speak at a conference".into(),
            target_on: Some("2026-06-30".into()),
            ..Default::default()
        },
        day(TODAY),
    )
    .unwrap();
    assert!(
        goals::detail(conn, g.id, day(TODAY)).unwrap().overdue,
        "past its target and still active"
    );
    for (progress, field) in [(Some(101), "progress"), (None, "note")] {
        let err = goals::add_checkin(
            conn,
            g.id,
            &CheckinInput {
                noted_on: TODAY.into(),
                progress,
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some(field));
    }
    goals::add_checkin(
        conn,
        g.id,
        &CheckinInput {
            noted_on: "2026-05-01".into(),
            note: "abstract sent".into(),
            progress: Some(40),
            one_on_one_id: None,
        },
    )
    .unwrap();
    goals::add_checkin(
        conn,
        g.id,
        &CheckinInput {
            noted_on: "2026-06-01".into(),
            note: "accepted!".into(),
            progress: Some(80),
            one_on_one_id: None,
        },
    )
    .unwrap();
    let detail = goals::detail(conn, g.id, day(TODAY)).unwrap();
    assert_eq!(detail.progress, Some(80), "the latest progress");
    assert_eq!(detail.checkins[0].checkin.note, "accepted!", "newest first");
    let done = goals::set_status(conn, g.id, GoalStatus::Achieved, day(TODAY)).unwrap();
    assert_eq!(done.closed_on, Some(day(TODAY)));
    assert!(!goals::detail(conn, g.id, day(TODAY)).unwrap().overdue);
    assert_eq!(
        goals::set_status(conn, g.id, GoalStatus::Active, day(TODAY))
            .unwrap()
            .closed_on,
        None
    );
}

#[test]
fn a_journal_written_before_search_existed_is_indexed_when_it_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).unwrap();
        for sql in [
            include_str!("../../migrations/0001_people.sql"),
            include_str!("../../migrations/0002_one_on_ones.sql"),
            include_str!("../../migrations/0003_feedback.sql"),
            include_str!("../../migrations/0004_conflicts_and_questions.sql"),
            include_str!("../../migrations/0005_reminders.sql"),
            include_str!("../../migrations/0006_goals.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(&format!(
            "PRAGMA user_version = 6; PRAGMA application_id = {};
             INSERT INTO people (id, name, created_at, updated_at) VALUES ('11111111-1111-4111-8111-111111111111', 'Ana', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
             INSERT INTO one_on_ones (id, person_id, scheduled_at, status, held_on, notes, created_at, updated_at) VALUES
               ('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111', '2025-03-03T10:00', 'held', '2025-03-03', 'the flamingo incident', '2025-03-03T00:00:00.000Z', '2025-03-03T00:00:00.000Z'),
               ('33333333-3333-4333-8333-333333333333', '11111111-1111-4111-8111-111111111111', '2025-03-03T15:00', 'held', '2025-03-03', 'another flamingo', '2025-03-03T00:00:00.000Z', '2025-03-03T00:00:00.000Z');",
            candor_core::store::APPLICATION_ID
        ))
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        kinds(store.conn(), "flamingo"),
        ["one_on_one", "one_on_one"],
        "existing data is indexed by the migration"
    );
    assert_eq!(kinds(store.conn(), "ana"), ["person"]);
}
