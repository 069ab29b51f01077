//! The prep sheet and the review packet on a known journal: their sections
//! and counts, what is left out (other periods, other people), and the HTML
//! page's safety with hostile text in every field.

use candor_core::review::{self, PacketCounts, ReviewPacket, TagCount};
use candor_core::store::action_items::{self, ActionItemInput};
use candor_core::store::agenda::{self, PointInput};
use candor_core::store::conflicts::{
    self, ConflictInput, PartyInput, Status as ConflictStatus, UpdateInput,
};
use candor_core::store::feedback::{self, FeedbackInput, Status as FeedbackStatus};
use candor_core::store::goals::{self, CheckinInput, GoalInput, Status as GoalStatus};
use candor_core::store::one_on_ones::{self, NewOneOnOne, TextField};
use candor_core::store::people::{self, Person, PersonInput};
use candor_core::store::questions::{self, AskedInput};
use candor_core::Store;
use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use uuid::Uuid;

use crate::support::day;

const TODAY: &str = "2026-03-01";
const FROM: &str = "2025-01-01";
const TO: &str = "2025-12-31";
/// Bank questions (fixed ids, migration 4).
const WHAT_HAVE_YOU_TRIED: &str = "7a3e5c10-4d2b-4f6e-9c81-000000000301";
const SKILL_TO_BUILD: &str = "7a3e5c10-4d2b-4f6e-9c81-000000000702";
/// Written into every record outside the period, to prove it stays out.
const OUT: &str = "OUTOFRANGE";
/// Written into every record about someone else.
const OTHER: &str = "BOONLY";

fn today() -> NaiveDate {
    day(TODAY)
}

fn person(conn: &Connection, name: &str, cadence: i64, start: Option<&str>) -> Person {
    people::create(
        conn,
        &PersonInput {
            name: name.into(),
            role: "Senior engineer".into(),
            team: "Payments".into(),
            cadence_days: Some(cadence),
            start_date: start.map(Into::into),
            ..Default::default()
        },
    )
    .unwrap()
}

/// A held 1-on-1 on `on`, with an optional mood and outcomes.
fn held(conn: &Connection, who: Uuid, on: NaiveDate, mood: Option<i64>, outcomes: &str) -> Uuid {
    let meeting = one_on_ones::start(
        conn,
        who,
        &NewOneOnOne {
            scheduled_at: format!("{on}T10:00"),
            template_id: None,
        },
    )
    .unwrap();
    one_on_ones::mark_held(conn, meeting.id, &on.to_string(), today()).unwrap();
    one_on_ones::set_mood(conn, meeting.id, mood).unwrap();
    one_on_ones::save_text(conn, meeting.id, TextField::Outcomes, outcomes).unwrap();
    meeting.id
}

struct Fb<'a> {
    kind: &'a str,
    observed: &'a str,
    delivered: Option<&'a str>,
    text: &'a str,
    tags: &'a [&'a str],
    response: &'a str,
}

fn give_feedback(conn: &Connection, who: Uuid, fb: Fb<'_>) -> Uuid {
    let created = feedback::create(
        conn,
        who,
        &FeedbackInput {
            kind: fb.kind.into(),
            context: format!("context of {}", fb.text),
            observation: format!("observation of {}", fb.text),
            impact: format!("impact of {}", fb.text),
            next_time: format!("next time of {}", fb.text),
            observed_on: fb.observed.into(),
            tags: fb.tags.iter().map(|t| (*t).to_owned()).collect(),
        },
        today(),
    )
    .unwrap();
    if let Some(on) = fb.delivered {
        feedback::deliver(conn, created.id, on, None, today()).unwrap();
        if !fb.response.is_empty() {
            feedback::set_response(conn, created.id, fb.response).unwrap();
        }
    }
    created.id
}

fn goal(conn: &Connection, who: Uuid, title: &str, created: &str, target: Option<&str>) -> Uuid {
    goals::create(
        conn,
        who,
        &GoalInput {
            title: title.into(),
            why: format!("why {title}"),
            measure: format!("measure {title}"),
            target_on: target.map(Into::into),
        },
        day(created),
    )
    .unwrap()
    .id
}

fn checkin(conn: &Connection, goal_id: Uuid, on: &str, progress: Option<i64>, note: &str) {
    goals::add_checkin(
        conn,
        goal_id,
        &CheckinInput {
            noted_on: on.into(),
            note: note.into(),
            progress,
            one_on_one_id: None,
        },
    )
    .unwrap();
}

fn conflict(
    conn: &Connection,
    title: &str,
    parties: Vec<PartyInput>,
    surfaced: &str,
    next: &str,
) -> Uuid {
    conflicts::create(
        conn,
        &ConflictInput {
            title: title.into(),
            description: format!("description of {title}"),
            parties,
            surfaced_on: surfaced.into(),
            next_step: next.into(),
        },
    )
    .unwrap()
    .conflict
    .id
}

fn update(conn: &Connection, conflict_id: Uuid, on: &str, note: &str) {
    conflicts::add_update(
        conn,
        conflict_id,
        &UpdateInput {
            on: on.into(),
            note: note.into(),
            one_on_one_id: None,
        },
    )
    .unwrap();
}

fn resolve(conn: &Connection, conflict_id: Uuid, on: &str, resolution: &str) {
    conflicts::set_status(
        conn,
        conflict_id,
        ConflictStatus::Resolved,
        Some(resolution),
        Some(on),
        today(),
    )
    .unwrap();
}

fn ask(conn: &Connection, who: Uuid, bank: Option<&str>, text: &str, on: &str, answer: &str) {
    questions::log_asked(
        conn,
        &AskedInput {
            person_id: who.to_string(),
            question_id: bank.map(Into::into),
            text: text.into(),
            asked_on: on.into(),
            answer: answer.into(),
            follow_up: format!("follow up on {on}"),
            ..Default::default()
        },
    )
    .unwrap();
}

/// What the known journal holds for Ana in the period, to compare with.
struct Known {
    ana: Person,
    bo: Person,
    /// Held in the period, by day, with their moods.
    held: Vec<(NaiveDate, Option<i64>)>,
    /// Every held mood, in or out of the period, oldest first.
    all_moods: Vec<i64>,
}

/// Ana, with a year of fortnightly 1-on-1s and everything around them, plus
/// records before and after 2025 and about Bo.
fn known_journal(conn: &Connection) -> Known {
    let ana = person(conn, "Ana Lima", 14, Some("2024-03-04"));
    let bo = person(conn, "Bo Chen", 7, None);

    // Fortnightly from 2024-12-23 to 2026-01-19: k = 1..=26 fall in 2025.
    let first = day("2024-12-23");
    let mut held_in_period = Vec::new();
    let mut all_moods = Vec::new();
    for k in 0..=28_i64 {
        let on = first + Duration::days(14 * k);
        let in_period = (day(FROM)..=day(TO)).contains(&on);
        if k == 5 || k == 18 {
            let meeting = one_on_ones::start(
                conn,
                ana.id,
                &NewOneOnOne {
                    scheduled_at: format!("{on}T10:00"),
                    template_id: None,
                },
            )
            .unwrap();
            one_on_ones::cancel(conn, meeting.id).unwrap();
            continue;
        }
        let mood = (k != 10).then_some(1 + k % 5);
        let outcomes = if in_period {
            format!("Outcome {k}: agreed on **step {k}**")
        } else {
            format!("{OUT} outcome {k}")
        };
        held(conn, ana.id, on, mood, &outcomes);
        if in_period {
            held_in_period.push((on, mood));
        }
        all_moods.extend(mood);
    }
    held(
        conn,
        bo.id,
        day("2025-05-05"),
        Some(1),
        &format!("{OTHER} outcome"),
    );

    // Feedback: three delivered in 2025, others outside it or not delivered.
    give_feedback(
        conn,
        ana.id,
        Fb {
            kind: "reinforcing",
            observed: "2025-02-07",
            delivered: Some("2025-02-10"),
            text: "the incident review",
            tags: &["ownership"],
            response: "Thanks, **glad** it helped",
        },
    );
    give_feedback(
        conn,
        ana.id,
        Fb {
            kind: "redirecting",
            observed: "2025-06-01",
            delivered: Some("2025-06-02"),
            text: "the late design doc",
            tags: &["communication", "Ownership"],
            response: "Fair; I will share drafts earlier",
        },
    );
    give_feedback(
        conn,
        ana.id,
        Fb {
            kind: "reinforcing",
            observed: "2025-09-12",
            delivered: Some("2025-09-15"),
            text: "the mentoring",
            tags: &["ownership"],
            response: "",
        },
    );
    give_feedback(
        conn,
        ana.id,
        Fb {
            kind: "reinforcing",
            observed: "2024-12-18",
            delivered: Some("2024-12-20"),
            text: &format!("{OUT} early"),
            tags: &[],
            response: "",
        },
    );
    give_feedback(
        conn,
        ana.id,
        Fb {
            kind: "redirecting",
            observed: "2025-12-29",
            delivered: Some("2026-01-20"),
            text: &format!("{OUT} delivered late"),
            tags: &[],
            response: "",
        },
    );
    give_feedback(
        conn,
        ana.id,
        Fb {
            kind: "redirecting",
            observed: "2026-02-25",
            delivered: None,
            text: "the standup overrun",
            tags: &[],
            response: "",
        },
    );
    let ready = give_feedback(
        conn,
        ana.id,
        Fb {
            kind: "reinforcing",
            observed: "2026-02-20",
            delivered: None,
            text: "the launch",
            tags: &[],
            response: "",
        },
    );
    feedback::mark_ready(conn, ready).unwrap();
    let discarded = give_feedback(
        conn,
        ana.id,
        Fb {
            kind: "redirecting",
            observed: "2025-03-03",
            delivered: None,
            text: &format!("{OUT} discarded"),
            tags: &[],
            response: "",
        },
    );
    feedback::discard(conn, discarded).unwrap();
    give_feedback(
        conn,
        bo.id,
        Fb {
            kind: "reinforcing",
            observed: "2025-05-04",
            delivered: Some("2025-05-05"),
            text: OTHER,
            tags: &["ownership"],
            response: "",
        },
    );

    // Goals.
    let rota = goal(
        conn,
        ana.id,
        "Lead the on-call rota",
        "2025-01-15",
        Some("2025-12-01"),
    );
    checkin(conn, rota, "2025-03-01", Some(30), "Drafted the *rota*");
    checkin(conn, rota, "2025-07-01", Some(70), "Ran it for a month");
    checkin(
        conn,
        rota,
        "2026-01-10",
        Some(90),
        &format!("{OUT} checkin"),
    );
    goals::set_status(conn, rota, GoalStatus::Achieved, day("2025-10-01")).unwrap();
    let speaking = goal(conn, ana.id, "Public speaking", "2025-02-01", None);
    goals::set_status(conn, speaking, GoalStatus::Dropped, day("2025-05-01")).unwrap();
    let mentor = goal(
        conn,
        ana.id,
        "Mentor a new hire",
        "2025-08-01",
        Some("2026-02-01"),
    );
    checkin(
        conn,
        mentor,
        "2025-11-01",
        Some(40),
        "Weekly pairing started",
    );
    checkin(
        conn,
        mentor,
        "2026-02-15",
        Some(55),
        &format!("{OUT} later progress"),
    );
    let old = goal(conn, ana.id, &format!("{OUT} old goal"), "2024-06-01", None);
    goals::set_status(conn, old, GoalStatus::Achieved, day("2024-11-01")).unwrap();
    goal(
        conn,
        ana.id,
        &format!("{OUT} goal set in 2026"),
        "2026-02-01",
        None,
    );
    let later = goal(
        conn,
        ana.id,
        "Own the billing migration",
        "2025-06-01",
        None,
    );
    goals::set_status(conn, later, GoalStatus::Achieved, day("2026-02-01")).unwrap();
    goal(conn, bo.id, OTHER, "2025-03-01", None);

    // Conflicts.
    let release = conflict(
        conn,
        "Release ownership",
        vec![PartyInput::person(ana.id), PartyInput::outsider("Vendor X")],
        "2025-04-01",
        "",
    );
    update(conn, release, "2025-04-15", "Both sides *heard*");
    resolve(conn, release, "2025-05-20", "Agreed a **RACI**");
    let old = conflict(
        conn,
        &format!("{OUT} old dispute"),
        vec![PartyInput::person(ana.id)],
        "2024-10-01",
        "",
    );
    resolve(conn, old, "2024-11-01", "done");
    let roadmap = conflict(
        conn,
        "Roadmap tension",
        vec![PartyInput::person(ana.id), PartyInput::person(bo.id)],
        "2025-11-10",
        "Talk to the PM",
    );
    conflicts::set_status(
        conn,
        roadmap,
        ConflictStatus::InProgress,
        None,
        None,
        today(),
    )
    .unwrap();
    update(conn, roadmap, "2026-01-05", &format!("{OUT} update"));
    let late = conflict(
        conn,
        "Late resolution",
        vec![PartyInput::person(ana.id)],
        "2025-12-01",
        "",
    );
    resolve(conn, late, "2026-01-15", &format!("{OUT} resolution"));
    conflict(
        conn,
        OTHER,
        vec![PartyInput::person(bo.id), PartyInput::outsider("Someone")],
        "2025-06-01",
        "",
    );
    conflict(
        conn,
        &format!("{OUT} new in 2026"),
        vec![PartyInput::person(ana.id)],
        "2026-02-01",
        "Schedule a chat",
    );

    // Coaching questions.
    ask(
        conn,
        ana.id,
        Some(WHAT_HAVE_YOU_TRIED),
        "",
        "2025-03-03",
        "Pairing with *Bo*",
    );
    ask(
        conn,
        ana.id,
        None,
        "Where would you like to grow?",
        "2025-07-14",
        "Towards staff",
    );
    ask(
        conn,
        ana.id,
        Some(SKILL_TO_BUILD),
        "",
        "2025-10-20",
        "Public **speaking**",
    );
    ask(conn, ana.id, None, "What went well?", "2024-12-23", OUT);
    ask(conn, bo.id, None, OTHER, "2025-05-05", OTHER);

    Known {
        ana,
        bo,
        held: held_in_period,
        all_moods,
    }
}

fn packet(conn: &Connection, known: &Known) -> ReviewPacket {
    review::review_packet(conn, known.ana.id, FROM, TO, today()).unwrap()
}

#[test]
fn the_packet_counts_exactly_what_its_sections_hold() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let known = known_journal(conn);
    let packet = packet(conn, &known);

    let moods: Vec<i64> = known.held.iter().filter_map(|(_, m)| *m).collect();
    let average = moods.iter().sum::<i64>() as f64 / moods.len() as f64;
    assert_eq!(known.held.len(), 24, "26 fortnights in 2025, two cancelled");
    assert_eq!(moods.len(), 23, "one 1-on-1 has no mood");
    assert_eq!(
        packet.counts,
        PacketCounts {
            one_on_ones_held: 24,
            one_on_ones_expected: 26,
            one_on_ones_cancelled: 2,
            feedback_reinforcing: 2,
            feedback_redirecting: 1,
            goals_achieved: 1,
            goals_dropped: 1,
            goals_active: 2,
            conflicts_surfaced: 3,
            conflicts_resolved: 1,
            questions_asked: 3,
            average_mood: Some(average),
        }
    );
    assert_eq!(
        (packet.from, packet.to, packet.today),
        (day(FROM), day(TO), today())
    );
    assert_eq!(packet.person.id, known.ana.id);

    let delivered: Vec<_> = packet
        .feedback
        .iter()
        .map(|f| f.feedback.delivered_on.unwrap())
        .collect();
    assert_eq!(
        delivered,
        [day("2025-02-10"), day("2025-06-02"), day("2025-09-15")],
        "by delivery day"
    );
    assert!(packet
        .feedback
        .iter()
        .all(|f| f.feedback.status == FeedbackStatus::Delivered));
    assert_eq!(
        packet.feedback[1].feedback.observation,
        "observation of the late design doc"
    );
    assert_eq!(
        packet.feedback[1].feedback.response,
        "Fair; I will share drafts earlier"
    );
    assert_eq!(
        packet.feedback_tags,
        [
            TagCount {
                name: "ownership".into(),
                count: 3
            },
            TagCount {
                name: "communication".into(),
                count: 1
            }
        ],
        "tags count case-insensitively; Bo's tag does not count"
    );

    let goals: Vec<_> = packet
        .goals
        .iter()
        .map(|g| (g.goal.title.as_str(), g.status_at_end))
        .collect();
    assert_eq!(
        goals,
        [
            ("Lead the on-call rota", GoalStatus::Achieved),
            ("Public speaking", GoalStatus::Dropped),
            ("Own the billing migration", GoalStatus::Active),
            ("Mentor a new hire", GoalStatus::Active),
        ],
        "goals active at some point in 2025, by creation day; one achieved in 2026 was still active then"
    );
    let rota = &packet.goals[0];
    let checkins: Vec<_> = rota
        .checkins
        .iter()
        .map(|c| (c.noted_on, c.progress))
        .collect();
    assert_eq!(
        checkins,
        [(day("2025-03-01"), Some(30)), (day("2025-07-01"), Some(70))]
    );
    assert_eq!(
        rota.progress_at_end,
        Some(70),
        "progress as of the end of the period, not later"
    );
    assert_eq!(packet.goals[3].progress_at_end, Some(40));

    let held: Vec<_> = packet
        .one_on_ones
        .iter()
        .map(|o| (o.held_on, o.mood))
        .collect();
    assert_eq!(
        held, known.held,
        "every 1-on-1 held in the period, oldest first"
    );
    assert_eq!(
        packet.one_on_ones[0].outcomes,
        "Outcome 1: agreed on **step 1**"
    );
    let chart: Vec<_> = packet.moods.iter().map(|m| (m.date, m.mood)).collect();
    let expected: Vec<_> = known
        .held
        .iter()
        .filter_map(|(d, m)| m.map(|m| (*d, m)))
        .collect();
    assert_eq!(chart, expected);

    let titles: Vec<_> = packet
        .conflicts
        .iter()
        .map(|c| c.conflict.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Release ownership", "Roadmap tension", "Late resolution"],
        "by the day they surfaced"
    );
    let release = &packet.conflicts[0];
    assert!(release.surfaced_in_period && release.resolved_in_period);
    assert_eq!(release.conflict.resolution, "Agreed a **RACI**");
    assert_eq!(
        release.updates.iter().map(|u| u.on).collect::<Vec<_>>(),
        [day("2025-04-15")]
    );
    assert_eq!(
        release
            .parties
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Ana Lima", "Vendor X"]
    );
    assert!(
        packet.conflicts[1].updates.is_empty(),
        "the 2026 update is left out"
    );
    let late = &packet.conflicts[2];
    assert!(!late.resolved_in_period);
    assert_eq!(
        (late.conflict.resolution.as_str(), late.conflict.resolved_on),
        ("", None),
        "a resolution after the period is not part of it"
    );

    let asked: Vec<_> = packet
        .questions
        .iter()
        .map(|q| (q.asked.asked_on, q.category.as_deref()))
        .collect();
    assert_eq!(
        asked,
        [
            (day("2025-03-03"), Some("Options")),
            (day("2025-07-14"), None),
            (day("2025-10-20"), Some("Career"))
        ]
    );
    assert_eq!(
        packet.question_categories,
        [
            TagCount {
                name: "Career".into(),
                count: 1
            },
            TagCount {
                name: "Options".into(),
                count: 1
            }
        ]
    );
}

#[test]
fn records_outside_the_period_or_about_others_never_appear() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let known = known_journal(conn);
    let packet = packet(conn, &known);
    let json = serde_json::to_string(&packet).unwrap();
    for (what, text) in [
        ("JSON", json),
        ("Markdown", review::review_markdown(&packet)),
        ("HTML", review::review_html(&packet)),
    ] {
        assert!(
            !text.contains(OUT),
            "{what} holds a record from outside the period"
        );
        assert!(
            !text.contains(OTHER),
            "{what} holds a record about someone else"
        );
    }
    let bo = review::review_packet(conn, known.bo.id, FROM, TO, today()).unwrap();
    assert_eq!(bo.counts.one_on_ones_held, 1);
    assert_eq!(bo.counts.feedback_reinforcing, 1);
    assert_eq!(
        bo.conflicts
            .iter()
            .map(|c| c.conflict.title.as_str())
            .collect::<Vec<_>>(),
        ["BOONLY", "Roadmap tension"],
        "a conflict shared by two people is in both packets"
    );
    assert!(!serde_json::to_string(&bo).unwrap().contains("Outcome 1:"));
}

#[test]
fn expected_1_on_1s_count_only_days_on_the_team_and_not_after_today() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let joined = person(conn, "New Joiner", 7, Some("2025-07-01"));
    let packet = review::review_packet(conn, joined.id, FROM, TO, today()).unwrap();
    assert_eq!(
        packet.counts.one_on_ones_expected, 26,
        "184 days on the team, weekly"
    );
    let packet =
        review::review_packet(conn, joined.id, "2026-01-01", "2026-12-31", today()).unwrap();
    assert_eq!(
        packet.counts.one_on_ones_expected, 8,
        "60 days up to today, weekly"
    );
    let packet =
        review::review_packet(conn, joined.id, "2024-01-01", "2024-12-31", today()).unwrap();
    assert_eq!(packet.counts.one_on_ones_expected, 0, "before they joined");
    assert_eq!(packet.counts.average_mood, None);
}

#[test]
fn a_bad_period_or_an_unknown_person_is_refused() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana Lima", 14, None);
    let err = review::review_packet(conn, ana.id, "2025-12-31", "2025-01-01", today()).unwrap_err();
    assert_eq!((err.code(), err.field()), ("invalid_input", Some("from")));
    assert_eq!(
        err.to_string(),
        "the range starts (2025-12-31) after it ends (2025-01-01)"
    );
    let err = review::review_packet(conn, ana.id, "2025-01-01", "2025-02-30", today()).unwrap_err();
    assert_eq!(err.field(), Some("to"), "a date that does not exist");
    let err = review::review_packet(conn, ana.id, "01/01/2025", "2025-02-28", today()).unwrap_err();
    assert_eq!(err.field(), Some("from"));
    let err = review::review_packet(conn, Uuid::new_v4(), FROM, TO, today()).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn the_markdown_packet_has_every_section_in_date_order() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let known = known_journal(conn);
    let md = review::review_markdown(&packet(conn, &known));
    let mut at = 0;
    for heading in [
        "# Review packet: Ana Lima\n",
        "recency bias",
        "## At a glance\n",
        "| 1-on-1s held | 24 of 26 expected by cadence (2 cancelled) |",
        "| Feedback delivered | 2 reinforcing, 1 redirecting |",
        "| Goals | 1 achieved, 2 active at the end, 1 dropped |",
        "| Conflicts | 3 surfaced, 1 resolved |",
        "| Coaching questions asked | 3 |",
        "Feedback themes: ownership (3), communication (1)",
        "## Feedback given\n",
        "### Reinforcing (2)\n",
        "#### Delivered 2025-02-10 (observed 2025-02-07)",
        "> Thanks, **glad** it helped",
        "#### Delivered 2025-09-15",
        "### Redirecting (1)\n",
        "- **Next time:** next time of the late design doc",
        "## Goals and check-ins\n",
        "### Lead the on-call rota: achieved 2025-10-01",
        "#### Check-in 2025-03-01 (30%)",
        "#### Check-in 2025-07-01 (70%)",
        "### Mentor a new hire: active at the end of the period",
        "## 1-on-1 outcomes\n",
        "### 2025-01-06 · mood 2/5",
        "> Outcome 1: agreed on **step 1**",
        "### 2025-12-22",
        "## Mood over the period\n",
        "## Conflicts and how they ended\n",
        "### Release ownership",
        "- **Outcome:** resolved on 2025-05-20",
        "#### Resolution\n\n> Agreed a **RACI**",
        "### Roadmap tension",
        "- **Outcome:** not resolved within the period (now in progress)",
        "- **Next step:** Talk to the PM",
        "### Late resolution",
        "## Coaching questions and answers\n",
        "### 2025-03-03: What have you tried? (Options)",
        "> Pairing with *Bo*",
        "### 2025-10-20: What skill do you want to build next? (Career)",
    ] {
        let found = md[at..].find(heading);
        assert!(
            found.is_some(),
            "expected {heading:?} after byte {at} in:\n{md}"
        );
        at += found.unwrap();
    }
}

#[test]
fn an_empty_period_says_so_in_every_section() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana Lima", 14, None);
    let packet = review::review_packet(conn, ana.id, FROM, TO, today()).unwrap();
    let md = review::review_markdown(&packet);
    for line in [
        "No feedback delivered in this period.",
        "No goals in this period.",
        "No 1-on-1s held in this period.",
        "No moods recorded in this period.",
        "No conflicts in this period.",
        "No coaching questions asked in this period.",
    ] {
        assert!(md.contains(line), "missing {line:?} in:\n{md}");
    }
    let html = review::review_html(&packet);
    assert!(!html.contains("<svg"), "no chart without moods");
    assert!(html.contains("No moods recorded in this period."));
}

#[test]
fn the_prep_sheet_lists_what_is_open_and_three_fresh_questions() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let known = known_journal(conn);
    let ana = known.ana.id;
    let next = one_on_ones::start(
        conn,
        ana,
        &NewOneOnOne {
            scheduled_at: "2026-03-09T10:00".into(),
            template_id: None,
        },
    )
    .unwrap();
    agenda::add(
        conn,
        next.id,
        &PointInput {
            text: "Promotion timeline".into(),
            raised_by: "them".into(),
        },
    )
    .unwrap();
    let item = |text: &str, owner: &str, due: Option<&str>| {
        action_items::add(
            conn,
            ana,
            &ActionItemInput {
                text: text.into(),
                owner: owner.into(),
                due_on: due.map(Into::into),
                one_on_one_id: None,
            },
        )
        .unwrap()
    };
    item("Book the offsite room", "me", Some("2026-02-20"));
    item("Share the promo doc", "me", None);
    item("Write the RFC", "them", Some("2026-03-05"));
    let done = item("Old errand", "them", Some("2026-01-01"));
    action_items::set_done(conn, done.id, Some("2026-01-02")).unwrap();
    action_items::add(
        conn,
        known.bo.id,
        &ActionItemInput {
            text: OTHER.into(),
            owner: "me".into(),
            ..Default::default()
        },
    )
    .unwrap();

    let sheet = review::prep_sheet(conn, ana, today()).unwrap();
    assert_eq!(
        sheet
            .next_one_on_one
            .as_ref()
            .map(|o| o.scheduled_at.as_str()),
        Some("2026-03-09T10:00")
    );
    assert_eq!(
        sheet
            .agenda
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>(),
        ["Promotion timeline"]
    );
    assert_eq!(sheet.last_held_on, Some(day("2026-01-19")));
    let mine: Vec<_> = sheet
        .my_action_items
        .iter()
        .map(|a| (a.item.text.as_str(), a.overdue))
        .collect();
    assert_eq!(
        mine,
        [
            ("Book the offsite room", true),
            ("Share the promo doc", false)
        ]
    );
    let theirs: Vec<_> = sheet
        .their_action_items
        .iter()
        .map(|a| (a.item.text.as_str(), a.overdue))
        .collect();
    assert_eq!(theirs, [("Write the RFC", false)]);

    let to_deliver: Vec<_> = sheet
        .feedback_to_deliver
        .iter()
        .map(|f| (f.feedback.status, f.age_days))
        .collect();
    assert_eq!(
        to_deliver,
        [(FeedbackStatus::Ready, 9), (FeedbackStatus::Draft, 4)],
        "ready first, with ages"
    );
    assert!(sheet.feedback_to_deliver[0]
        .preview
        .starts_with("In context of the launch, I noticed observation of the launch."));

    let mut conflicts: Vec<_> = sheet
        .open_conflicts
        .iter()
        .map(|c| c.title.clone())
        .collect();
    conflicts.sort();
    assert_eq!(
        conflicts,
        [format!("{OUT} new in 2026"), "Roadmap tension".to_owned()]
    );
    let roadmap = sheet
        .open_conflicts
        .iter()
        .find(|c| c.title == "Roadmap tension")
        .unwrap();
    assert_eq!(
        (roadmap.last_activity, roadmap.next_step.as_str()),
        (day("2026-01-05"), "Talk to the PM")
    );

    let goals: Vec<_> = sheet
        .goals
        .iter()
        .map(|g| (g.goal.title.clone(), g.progress, g.overdue))
        .collect();
    assert_eq!(
        goals,
        [
            ("Mentor a new hire".to_owned(), Some(55), true),
            (format!("{OUT} goal set in 2026"), None, false)
        ]
    );
    assert_eq!(
        sheet.goals[0]
            .latest_checkin
            .as_ref()
            .unwrap()
            .checkin
            .noted_on,
        day("2026-02-15")
    );

    let last_six: Vec<i64> = known.all_moods[known.all_moods.len() - 6..].to_vec();
    assert_eq!(
        sheet.mood.points.iter().map(|p| p.mood).collect::<Vec<_>>(),
        last_six
    );
    assert_eq!(sheet.mood.last.map(|p| p.date), Some(day("2026-01-19")));
    assert!(sheet.mood.trend.is_some());

    assert_eq!(sheet.suggested_questions.len(), 3);
    for s in &sheet.suggested_questions {
        assert!(
            s.last_asked_on.is_none(),
            "{} was asked already; fresh ones come first",
            s.question.text
        );
        assert!(
            ![WHAT_HAVE_YOU_TRIED, SKILL_TO_BUILD].contains(&s.question.id.to_string().as_str())
        );
    }

    let md = review::prep_markdown(&sheet);
    let mut at = 0;
    for expected in [
        "# 1-on-1 prep: Ana Lima\n",
        "- Next 1-on-1: 2026-03-09 10:00 (in 8 days)",
        "- Last held: 2026-01-19 (41 days ago)",
        "## On the agenda\n\n- Promotion timeline (raised by them",
        "## Open action items\n",
        "### Mine\n\n- [ ] Book the offsite room (due 2026-02-20, **overdue**)\n- [ ] Share the promo doc\n",
        "### Theirs\n\n- [ ] Write the RFC (due 2026-03-05)\n",
        "## Feedback to deliver\n\n- **Reinforcing, ready** (observed 2026-02-20, 9 days ago): In context of the launch",
        "- **Redirecting, draft** (observed 2026-02-25, 4 days ago)",
        "## Open conflicts\n",
        "**Roadmap tension** (in progress) with Ana Lima, Bo Chen. Last activity 2026-01-05",
        "Next step: Talk to the PM",
        "## Active goals\n\n- **Mentor a new hire** (55%, target 2026-02-01, **past**): latest check-in 2026-02-15",
        "## Mood\n\nLast: ",
        "## Questions to ask\n\n1. ",
        "\n3. ",
    ] {
        let found = md[at..].find(expected);
        assert!(found.is_some(), "expected {expected:?} after byte {at} in:\n{md}");
        at += found.unwrap();
    }
    assert!(!md.contains(OTHER));
}

#[test]
fn an_empty_prep_sheet_says_so_briefly() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let new = person(conn, "New Joiner", 7, None);
    let sheet = review::prep_sheet(conn, new.id, today()).unwrap();
    assert_eq!(
        sheet.suggested_questions.len(),
        3,
        "a new person still gets questions"
    );
    let md = review::prep_markdown(&sheet);
    for line in [
        "- Next 1-on-1: none scheduled",
        "- Last held: never",
        "## Open action items\n\nNone open.",
        "## Feedback to deliver\n\nNothing waiting to be delivered.",
        "## Open conflicts\n\nNone open.",
        "## Active goals\n\nNo active goals.",
        "## Mood\n\nNo mood recorded yet.",
    ] {
        assert!(md.contains(line), "missing {line:?} in:\n{md}");
    }
    assert!(
        !md.contains("## On the agenda"),
        "no agenda without a next 1-on-1"
    );
    let err = review::prep_sheet(conn, Uuid::new_v4(), today()).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

// ---------------------------------------------------------------------------
// HTML safety

/// One string of the classic vectors, short enough for a 200-character
/// field (names, titles).
const HOSTILE_SHORT: &str = concat!(
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))\"><svg onload=alert(1)>",
    "</style><script>alert(2)</script><iframe src=https://evil.example/>",
);

/// For Markdown and long plain fields: the same and more, over several lines.
fn hostile_long() -> String {
    format!(
        "{HOSTILE_SHORT}\n\n![i](https://evil.example/i.png)\n\n<div>\n<script>alert(3)</script>\n</div>\n\n\
         [ok](https://example.com/fine) and <javascript:alert(4)>\n\n\
         [ref]\n\n[ref]: javascript:alert(5)\n\n<a href=\"javascript:alert(6)\" onclick=\"x()\">a</a>\n\n\
         ```\n</code></pre><script>alert(7)</script>\n```\n\n<style>body{{background:url(https://evil.example/b.png)}}</style>"
    )
}

/// Tags a field can put hostile text into, one each.
const HOSTILE_TAGS: &[&str] = &[
    "<script>x</script>",
    "<img src=x onerror=1>",
    "\"><svg onload=1>",
    "</style><b>",
];

/// A person whose every text field, and every text field of every record
/// about them, is hostile; held in the period with moods so the chart shows.
fn hostile_journal(conn: &Connection, short: &str, long: &str) -> Person {
    let tags: Vec<String> = HOSTILE_TAGS.iter().map(|t| (*t).to_owned()).collect();
    let who = people::create(
        conn,
        &PersonInput {
            name: short.into(),
            role: short.into(),
            team: short.into(),
            feedback_preferences: long.into(),
            notes: long.into(),
            ..Default::default()
        },
    )
    .unwrap();
    for (on, mood) in [("2025-02-03", 2), ("2025-06-02", 4)] {
        held(conn, who.id, day(on), Some(mood), long);
    }
    let fb = feedback::create(
        conn,
        who.id,
        &FeedbackInput {
            kind: "redirecting".into(),
            context: long.into(),
            observation: long.into(),
            impact: long.into(),
            next_time: long.into(),
            observed_on: "2025-03-01".into(),
            tags,
        },
        today(),
    )
    .unwrap();
    feedback::deliver(conn, fb.id, "2025-03-02", None, today()).unwrap();
    feedback::set_response(conn, fb.id, long).unwrap();
    let g = goals::create(
        conn,
        who.id,
        &GoalInput {
            title: short.into(),
            why: long.into(),
            measure: long.into(),
            target_on: Some("2025-12-01".into()),
        },
        day("2025-01-10"),
    )
    .unwrap();
    checkin(conn, g.id, "2025-04-01", Some(50), long);
    let c = conflicts::create(
        conn,
        &ConflictInput {
            title: short.into(),
            description: long.into(),
            parties: vec![PartyInput::person(who.id), PartyInput::outsider(short)],
            surfaced_on: "2025-04-01".into(),
            next_step: long.into(),
        },
    )
    .unwrap();
    update(conn, c.conflict.id, "2025-04-02", long);
    resolve(conn, c.conflict.id, "2025-04-03", long);
    let c2 = conflict(
        conn,
        short,
        vec![PartyInput::person(who.id)],
        "2025-05-01",
        long,
    );
    update(conn, c2, "2025-05-02", long);
    questions::log_asked(
        conn,
        &AskedInput {
            person_id: who.id.to_string(),
            text: long.chars().take(questions::MAX_QUESTION_CHARS).collect(),
            asked_on: "2025-05-05".into(),
            answer: long.into(),
            follow_up: long.into(),
            ..Default::default()
        },
    )
    .unwrap();
    who
}

#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    attributes: Vec<(String, String)>,
}

/// Reads every tag of a page we generated. Text has `<` escaped, so every
/// raw `<` must open a real tag; anything else is an error.
fn scan_tags(html: &str) -> Result<Vec<Tag>, String> {
    let html = html
        .strip_prefix("<!DOCTYPE html>")
        .ok_or("the page must start with its doctype")?;
    let bytes = html.as_bytes();
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !space(bytes[i]) && !matches!(bytes[i], b'/' | b'>') {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        if !name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) {
            return Err(format!(
                "a raw '<' that opens no tag: {:?}",
                &html[start..(start + 40).min(html.len())]
            ));
        }
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && (space(bytes[i]) || bytes[i] == b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => return Err(format!("unterminated tag at byte {start}")),
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(_) => {}
            }
            let attr_start = i;
            i += 1;
            while i < bytes.len() && !space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let attr = html[attr_start..i].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let from = i + 1;
                        let len = bytes[from..]
                            .iter()
                            .position(|&b| b == quote)
                            .ok_or("unterminated value")?;
                        value = html[from..from + len].to_owned();
                        i = from + len + 1;
                    }
                    _ => return Err(format!("unquoted attribute value in {:?}", &html[start..i])),
                }
            }
            attributes.push((attr, value.replace("&amp;", "&")));
        }
        tags.push(Tag {
            name,
            closing,
            attributes,
        });
    }
    Ok(tags)
}

/// The page's own elements, the sanitizer's Markdown elements, and the
/// chart's: anything else is a leak.
const PAGE_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "span",
    "div",
    "table",
    "tbody",
    "thead",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "hr",
    "input",
    "li",
    "ol",
    "ul",
    "pre",
    "strong",
];
const CHART_TAGS: &[&str] = &["svg", "line", "polyline", "circle", "text"];

/// Every way `html` breaks the packet's policy, as sentences.
fn violations(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for forbidden in [
        "<script", "<img", "<iframe", "<object", "<embed", "<link", "<base", "<form", "<math",
    ] {
        if lower.contains(forbidden) {
            found.push(format!("{forbidden} appears"));
        }
    }
    for (needle, times) in [
        ("<style", 1),
        ("</style", 1),
        ("<title", 1),
        ("<meta http-equiv=\"content-security-policy\"", 1),
    ] {
        if lower.matches(needle).count() != times {
            found.push(format!(
                "{needle} appears {} times, not {times}",
                lower.matches(needle).count()
            ));
        }
    }
    let tags = match scan_tags(html) {
        Ok(tags) => tags,
        Err(err) => return vec![err],
    };
    let mut in_chart = false;
    let mut charts = 0;
    for tag in &tags {
        let name = tag.name.as_str();
        if name == "svg" {
            in_chart = !tag.closing;
            charts += usize::from(!tag.closing);
        } else if CHART_TAGS.contains(&name) && !in_chart {
            found.push(format!("<{name}> outside the mood chart"));
        } else if !PAGE_TAGS.contains(&name) && !CHART_TAGS.contains(&name) {
            found.push(format!("unexpected element <{name}>"));
        } else if in_chart && !CHART_TAGS.contains(&name) {
            found.push(format!("<{name}> inside the mood chart"));
        }
        for (attr, value) in &tag.attributes {
            let value_lower = value.to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("event handler {attr}={value:?} on <{name}>"));
            }
            if [
                "src",
                "srcset",
                "style",
                "background",
                "action",
                "formaction",
                "xlink:href",
                "target",
            ]
            .contains(&attr.as_str())
            {
                found.push(format!("attribute {attr}={value:?} on <{name}>"));
            }
            if value_lower.contains("javascript:") {
                found.push(format!("javascript: in {attr} on <{name}>"));
            }
            if attr == "href" {
                let ok = name == "a"
                    && ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|s| value_lower.starts_with(s));
                if !ok {
                    found.push(format!("href={value:?} on <{name}>"));
                }
            } else if value_lower.contains("http:")
                || value_lower.contains("https:")
                || value_lower.contains("//")
            {
                found.push(format!("a URL in {attr}={value:?} on <{name}>"));
            }
        }
    }
    if charts > 1 {
        found.push(format!(
            "{charts} svg elements, only the mood chart is expected"
        ));
    }
    found
}

#[test]
fn hostile_text_in_every_field_cannot_reach_the_html_as_markup() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let long = hostile_long();
    let who = hostile_journal(conn, HOSTILE_SHORT, &long);
    let packet = review::review_packet(conn, who.id, FROM, TO, today()).unwrap();
    assert_eq!(
        (
            packet.counts.one_on_ones_held,
            packet.feedback.len(),
            packet.goals.len(),
            packet.conflicts.len(),
            packet.questions.len()
        ),
        (2, 1, 1, 2, 1),
        "every section holds hostile records"
    );
    let html = review::review_html(&packet);
    assert_eq!(violations(&html), Vec::<String>::new(), "in:\n{html}");

    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    );
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    ));
    assert_eq!(
        html.matches("<svg").count(),
        1,
        "the mood chart, and nothing else, is SVG"
    );
    assert!(
        html.contains("<polyline points="),
        "the chart draws the moods"
    );
    assert!(
        html.contains("<h1>Review packet: &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "a hostile name is shown as typed, escaped"
    );
    assert!(
        html.contains(r#"<a href="https://example.com/fine" rel="noopener noreferrer">ok</a>"#),
        "a plain https link in a Markdown field survives as a link"
    );
}

#[test]
fn the_checker_catches_what_it_is_meant_to_catch() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let who = hostile_journal(conn, "Plain Name", "plain *note*");
    let html =
        review::review_html(&review::review_packet(conn, who.id, FROM, TO, today()).unwrap());
    assert_eq!(
        violations(&html),
        Vec::<String>::new(),
        "a harmless page passes"
    );
    for (injected, expected) in [
        ("<img alt=\"x\">", "<img appears"),
        ("<p onclick=\"x()\">", "event handler onclick"),
        ("<a href=\"javascript:x()\">", "javascript: in href"),
        ("<a href=\"/settings\">", "href=\"/settings\""),
        ("<div title=\"https://evil.example/\">", "a URL in title"),
        ("<svg></svg>", "2 svg elements"),
        ("<circle r=\"1\"/>", "<circle> outside the mood chart"),
        ("<video>", "unexpected element <video>"),
        ("<p class=x>", "unquoted attribute value"),
    ] {
        let bad = html.replacen("<body>", &format!("<body>{injected}"), 1);
        let found = violations(&bad);
        assert!(
            found.iter().any(|v| v.contains(expected)),
            "{injected:?} should be reported as {expected:?}, got {found:?}"
        );
    }
}

const PAYLOADS: &str = include_str!("../data/xss-payloads.txt");

#[test]
fn every_payload_of_the_xss_corpus_in_every_field_stays_text() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let payloads: Vec<&str> = PAYLOADS
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect();
    assert!(payloads.len() > 100, "the shared corpus is there");
    let mut failures = Vec::new();
    for payload in payloads {
        let short: String = payload.chars().take(people::MAX_NAME_CHARS).collect();
        let long = format!("{payload}\n\n- item {payload}\n\n> {payload}");
        let who = hostile_journal(conn, &short, &long);
        let packet = review::review_packet(conn, who.id, FROM, TO, today()).unwrap();
        let found = violations(&review::review_html(&packet));
        if !found.is_empty() {
            failures.push(format!("{payload:?}: {found:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} payloads leaked:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
