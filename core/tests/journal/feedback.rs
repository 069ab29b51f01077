//! Feedback across modules: from draft to delivered, linking to 1-on-1s,
//! validation, lists and tags.

use candor_core::store::feedback::{self, FeedbackFilter, FeedbackInput, Kind, Status};
use candor_core::store::one_on_ones::{self, NewOneOnOne};
use candor_core::views;
use candor_core::Store;
use rusqlite::Connection;
use uuid::Uuid;

use crate::support::{day, person, today, TODAY};

fn redirecting(observation: &str, observed_on: &str) -> FeedbackInput {
    FeedbackInput {
        kind: "redirecting".into(),
        context: "Tuesday's design review".into(),
        observation: observation.into(),
        impact: "Sam stopped sharing ideas".into(),
        next_time: "let people finish".into(),
        observed_on: observed_on.into(),
        tags: vec![
            "Communication".into(),
            " meetings ".into(),
            "communication".into(),
        ],
    }
}

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM feedback", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_draft_becomes_ready_then_delivered_in_a_one_on_one() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let draft = feedback::create(
        conn,
        ana.id,
        &redirecting("you interrupted Sam twice", "2026-11-24"),
        today(),
    )
    .unwrap();
    assert_eq!(draft.status, Status::Draft);
    assert_eq!(draft.kind, Kind::Redirecting);
    assert_eq!(
        draft.tags,
        ["Communication", "meetings"],
        "trimmed, duplicates dropped whatever their case"
    );

    let ready = feedback::mark_ready(conn, draft.id).unwrap();
    assert_eq!(ready.status, Status::Ready);

    let meeting = one_on_ones::start(
        conn,
        ana.id,
        &NewOneOnOne {
            scheduled_at: "2026-11-27T10:00".into(),
            template_id: None,
        },
    )
    .unwrap();
    let detail = views::one_on_one_detail(conn, meeting.id, today()).unwrap();
    assert_eq!(
        detail.feedback_to_deliver.len(),
        1,
        "ready feedback waits in the scheduled 1-on-1"
    );
    assert_eq!(
        detail.feedback_to_deliver[0].age_days, 5,
        "observed five days ago"
    );

    let delivered =
        feedback::deliver(conn, draft.id, "2026-11-27", Some(meeting.id), today()).unwrap();
    assert_eq!(delivered.status, Status::Delivered);
    assert_eq!(delivered.delivered_on, Some(day("2026-11-27")));
    assert_eq!(delivered.delivered_in, Some(meeting.id));
    let detail = views::one_on_one_detail(conn, meeting.id, today()).unwrap();
    assert!(detail.feedback_to_deliver.is_empty());
    assert_eq!(detail.feedback_delivered[0].feedback.id, draft.id);
    assert_eq!(
        detail.feedback_delivered[0].age_days, 3,
        "age stops at the day delivered"
    );

    let responded = feedback::set_response(
        conn,
        draft.id,
        "Took it well; asked for a signal in meetings.",
    )
    .unwrap();
    assert!(responded.response.starts_with("Took it well"));
}

#[test]
fn status_transitions_outside_the_flow_are_refused_and_change_nothing() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let f = feedback::create(conn, ana.id, &redirecting("x", "2026-11-24"), today()).unwrap();
    assert!(feedback::back_to_draft(conn, f.id)
        .unwrap_err()
        .to_string()
        .contains("is a draft"));
    assert!(
        feedback::restore(conn, f.id).is_err(),
        "only discarded feedback is restored"
    );
    feedback::deliver(conn, f.id, TODAY, None, today()).unwrap();
    for err in [
        feedback::mark_ready(conn, f.id).unwrap_err(),
        feedback::discard(conn, f.id).unwrap_err(),
        feedback::deliver(conn, f.id, TODAY, None, today()).unwrap_err(),
        feedback::update(conn, f.id, &redirecting("y", "2026-11-24"), today()).unwrap_err(),
    ] {
        assert_eq!(err.field(), Some("status"));
        assert!(
            err.to_string()
                .starts_with("this feedback was already delivered"),
            "{err}"
        );
    }
    assert_eq!(feedback::get(conn, f.id).unwrap().observation, "x");
}

#[test]
fn discarded_feedback_is_kept_hidden_and_restorable() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let f = feedback::create(conn, ana.id, &redirecting("x", "2026-11-24"), today()).unwrap();
    feedback::discard(conn, f.id).unwrap();
    let visible =
        feedback::list_for_person(conn, ana.id, &FeedbackFilter::default(), today()).unwrap();
    assert!(visible.is_empty(), "hidden by default");
    let all = FeedbackFilter {
        include_discarded: true,
        ..Default::default()
    };
    assert_eq!(
        feedback::list_for_person(conn, ana.id, &all, today())
            .unwrap()
            .len(),
        1,
        "but kept"
    );
    let only = FeedbackFilter {
        status: Some(Status::Discarded),
        ..Default::default()
    };
    assert_eq!(
        feedback::list_for_person(conn, ana.id, &only, today())
            .unwrap()
            .len(),
        1
    );
    assert!(feedback::update(conn, f.id, &redirecting("y", "2026-11-24"), today()).is_err());
    assert_eq!(feedback::restore(conn, f.id).unwrap().status, Status::Draft);
}

#[test]
fn ready_and_delivered_need_an_observation_but_a_draft_may_be_partial() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let partial = FeedbackInput {
        kind: "reinforcing".into(),
        observed_on: TODAY.into(),
        ..Default::default()
    };
    let f = feedback::create(conn, ana.id, &partial, today()).expect("a partial draft saves");
    let err = feedback::mark_ready(conn, f.id).unwrap_err();
    assert_eq!(err.field(), Some("observation"));
    assert_eq!(
        feedback::deliver(conn, f.id, TODAY, None, today())
            .unwrap_err()
            .field(),
        Some("observation")
    );
    assert_eq!(feedback::get(conn, f.id).unwrap().status, Status::Draft);

    let written = feedback::update(
        conn,
        f.id,
        &FeedbackInput {
            observation: "you unblocked the release".into(),
            ..partial.clone()
        },
        today(),
    )
    .unwrap();
    feedback::mark_ready(conn, written.id).unwrap();
    let emptied = feedback::update(conn, f.id, &partial, today()).unwrap_err();
    assert_eq!(
        emptied.field(),
        Some("observation"),
        "ready feedback keeps its observation"
    );
}

#[test]
fn delivery_dates_and_one_on_ones_are_checked() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    let f = feedback::create(conn, ana.id, &redirecting("x", "2026-11-24"), today()).unwrap();
    let future = feedback::deliver(conn, f.id, "2026-11-30", None, today()).unwrap_err();
    assert_eq!(future.field(), Some("delivered_on"));
    assert!(future.to_string().contains("future"), "{future}");
    let early = feedback::deliver(conn, f.id, "2026-11-23", None, today()).unwrap_err();
    assert!(
        early.to_string().contains("before it was observed"),
        "{early}"
    );
    let bos = one_on_ones::start(
        conn,
        bo.id,
        &NewOneOnOne {
            scheduled_at: "2026-11-27T10:00".into(),
            template_id: None,
        },
    )
    .unwrap();
    let wrong = feedback::deliver(conn, f.id, TODAY, Some(bos.id), today()).unwrap_err();
    assert_eq!(wrong.to_string(), "that 1-on-1 is with someone else");
    let ghost = feedback::deliver(conn, f.id, TODAY, Some(Uuid::new_v4()), today()).unwrap_err();
    assert_eq!(ghost.code(), "not_found");
    assert_eq!(
        feedback::get(conn, f.id).unwrap().status,
        Status::Draft,
        "nothing changed"
    );
}

#[test]
fn inputs_are_validated_before_anything_is_written() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let cases = [
        (
            FeedbackInput {
                kind: "praise".into(),
                ..redirecting("x", TODAY)
            },
            "kind",
        ),
        (
            FeedbackInput {
                observed_on: "last tuesday".into(),
                ..redirecting("x", TODAY)
            },
            "observed_on",
        ),
        (redirecting("x", "2026-12-25"), "observed_on"),
        (
            FeedbackInput {
                tags: vec!["x".repeat(41)],
                ..redirecting("x", TODAY)
            },
            "tags",
        ),
        (
            FeedbackInput {
                observation: "x".repeat(5_001),
                ..redirecting("x", TODAY)
            },
            "observation",
        ),
    ];
    for (input, field) in cases {
        let err = feedback::create(conn, ana.id, &input, today()).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    let err =
        feedback::create(conn, Uuid::new_v4(), &redirecting("x", TODAY), today()).unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(count(conn), 0, "no refused create wrote anything");
}

#[test]
fn lists_filter_by_kind_status_and_tag_and_the_team_list_puts_old_drafts_first() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let bo = person(conn, "Bo");
    let praise = FeedbackInput {
        kind: "reinforcing".into(),
        tags: vec!["ownership".into()],
        ..redirecting("you shipped the fix at 2am", "2026-11-10")
    };
    let p = feedback::create(conn, ana.id, &praise, today()).unwrap();
    feedback::deliver(conn, p.id, "2026-11-11", None, today()).unwrap();
    let newer =
        feedback::create(conn, ana.id, &redirecting("newer", "2026-11-26"), today()).unwrap();
    let older =
        feedback::create(conn, bo.id, &redirecting("older", "2026-11-20"), today()).unwrap();
    let ready =
        feedback::create(conn, bo.id, &redirecting("ready", "2026-11-01"), today()).unwrap();
    feedback::mark_ready(conn, ready.id).unwrap();

    let team: Vec<_> = feedback::list_team(conn, false, today())
        .unwrap()
        .into_iter()
        .map(|v| (v.feedback.observation, v.person_name))
        .collect();
    assert_eq!(
        team,
        [
            ("older".to_string(), "Bo".to_string()),
            ("newer".into(), "Ana".into()),
            ("ready".into(), "Bo".into()),
            ("you shipped the fix at 2am".into(), "Ana".into()),
        ],
        "drafts oldest first, then ready, then delivered"
    );

    let by_kind = FeedbackFilter {
        kind: Some(Kind::Reinforcing),
        ..Default::default()
    };
    let found = feedback::list_for_person(conn, ana.id, &by_kind, today()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].feedback.id, p.id);
    let by_tag = FeedbackFilter {
        tag: Some("OWNERSHIP".into()),
        ..Default::default()
    };
    assert_eq!(
        feedback::list_for_person(conn, ana.id, &by_tag, today())
            .unwrap()
            .len(),
        1,
        "tags match ignoring case"
    );
    let drafts = FeedbackFilter {
        status: Some(Status::Draft),
        ..Default::default()
    };
    let found = feedback::list_for_person(conn, ana.id, &drafts, today()).unwrap();
    assert_eq!(
        found.iter().map(|v| v.feedback.id).collect::<Vec<_>>(),
        [newer.id]
    );
    assert_eq!(found[0].age_days, 3);
    assert_eq!(found[0].preview, "In Tuesday's design review, I noticed newer. The impact was Sam stopped sharing ideas. Next time, consider let people finish.");

    let tags = feedback::all_tags(conn).unwrap();
    assert_eq!(tags[0], "Communication", "the most used tag first");
    assert!(tags.contains(&"ownership".to_string()));
    let _ = older;
}

#[test]
fn checks_come_with_the_stored_draft() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let input = FeedbackInput {
        context: String::new(),
        next_time: String::new(),
        ..redirecting("you always interrupt, you're rude", "2026-11-24")
    };
    let f = feedback::create(conn, ana.id, &input, today()).unwrap();
    let view = feedback::view(conn, f.id, today()).unwrap();
    let ids: Vec<&str> = view.checks.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "no_situation",
            "absolute",
            "label",
            "you_are",
            "empty_next_time"
        ]
    );
}
