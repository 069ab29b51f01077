//! Reminders across modules: every rule at its boundaries, last-held, people
//! never met or archived, missed and scheduled 1-on-1s, snoozes, reminders
//! vanishing when their cause is resolved, leap days and month ends,
//! settings, ranking, the JSON shape; and property tests that no reminder
//! ever refers to a resolved cause.

use candor_core::reminders::{self, DueList, Kind, Level, Reminder};
use candor_core::store::action_items::{self, ActionItemInput};
use candor_core::store::conflicts::{
    self, ConflictInput, PartyInput, Status as ConflictStatus, UpdateInput,
};
use candor_core::store::feedback::{self, FeedbackInput};
use candor_core::store::one_on_ones::{self, OneOnOne};
use candor_core::store::people::{self, Person, PersonInput};
use candor_core::store::settings::{self, SettingsInput};
use candor_core::store::snoozes;
use candor_core::{Error, Store};
use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use uuid::Uuid;

use crate::support::{day, schedule, today, TODAY};

fn days_ago(n: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(n)).unwrap()
}

fn days_ahead(n: u64) -> NaiveDate {
    today().checked_add_days(Days::new(n)).unwrap()
}

fn text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Pins the day a person was added, so tests do not depend on the clock.
fn set_added(conn: &Connection, id: Uuid, on: &str) {
    conn.execute(
        "UPDATE people SET created_at = ?2 || 'T09:00:00.000Z' WHERE id = ?1",
        (id.to_string(), on),
    )
    .unwrap();
}

fn person_with(
    conn: &Connection,
    name: &str,
    cadence: i64,
    start: Option<&str>,
    added: &str,
) -> Person {
    let p = people::create(
        conn,
        &PersonInput {
            name: name.into(),
            cadence_days: Some(cadence),
            start_date: start.map(Into::into),
            ..Default::default()
        },
    )
    .unwrap();
    set_added(conn, p.id, added);
    p
}

/// Someone added today, weekly cadence: no 1-on-1 reminder of their own
/// for a week, so other rules can be watched alone.
fn person(conn: &Connection, name: &str) -> Person {
    person_with(conn, name, 7, None, TODAY)
}

/// A 1-on-1 held on `on`.
fn held(conn: &Connection, who: &Person, on: NaiveDate) -> OneOnOne {
    let meeting = schedule(conn, who, &format!("{}T10:00", text(on)));
    one_on_ones::mark_held(conn, meeting.id, &text(on), on.max(today())).unwrap()
}

fn draft(conn: &Connection, who: &Person, kind: &str, observed: NaiveDate) -> feedback::Feedback {
    feedback::create(
        conn,
        who.id,
        &FeedbackInput {
            kind: kind.into(),
            observation: "you cut Sam off twice in the design review".into(),
            impact: "Sam stopped sharing ideas".into(),
            next_time: "let people finish".into(),
            observed_on: text(observed),
            ..Default::default()
        },
        observed.max(today()),
    )
    .unwrap()
}

fn conflict(conn: &Connection, title: &str, parties: Vec<PartyInput>, surfaced: NaiveDate) -> Uuid {
    conflicts::create(
        conn,
        &ConflictInput {
            title: title.into(),
            parties,
            surfaced_on: text(surfaced),
            ..Default::default()
        },
    )
    .unwrap()
    .conflict
    .id
}

fn note(conn: &Connection, conflict_id: Uuid, on: NaiveDate) {
    conflicts::add_update(
        conn,
        conflict_id,
        &UpdateInput {
            on: text(on),
            note: "Talked to both".into(),
            one_on_one_id: None,
        },
    )
    .unwrap();
}

fn action(
    conn: &Connection,
    who: &Person,
    owner: &str,
    item: &str,
    due: Option<NaiveDate>,
) -> Uuid {
    action_items::add(
        conn,
        who.id,
        &ActionItemInput {
            text: item.into(),
            owner: owner.into(),
            due_on: due.map(text),
            one_on_one_id: None,
        },
    )
    .unwrap()
    .id
}

fn due(conn: &Connection) -> DueList {
    reminders::due(conn, today()).unwrap()
}

fn due_at(conn: &Connection, on: &str) -> DueList {
    reminders::due(conn, day(on)).unwrap()
}

fn find<'a>(list: &'a DueList, key: &str) -> Option<&'a Reminder> {
    list.reminders.iter().find(|r| r.key == key)
}

fn keys(list: &DueList) -> Vec<&str> {
    list.reminders.iter().map(|r| r.key.as_str()).collect()
}

fn cadence_key(who: &Person) -> String {
    format!("one_on_one:{}", who.id)
}

/// The level of a person's cadence reminder, on `on`.
fn cadence_level(conn: &Connection, who: &Person, on: &str) -> Option<Level> {
    find(&due_at(conn, on), &cadence_key(who)).map(|r| r.level)
}

/// The level of the cadence reminder for someone with `cadence` whose last
/// 1-on-1 was held `ago` days before today.
fn level_after(cadence: i64, ago: u64) -> Option<Level> {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", cadence, None, "2020-01-06");
    held(conn, &ana, days_ago(ago));
    cadence_level(conn, &ana, TODAY)
}

// ---------------------------------------------------------------------------
// 1-on-1 cadence

#[test]
fn a_weekly_one_on_one_is_upcoming_before_due_on_the_seventh_day_and_overdue_on_the_eleventh() {
    assert_eq!(
        level_after(7, 3),
        None,
        "due in 4 days: beyond the 3-day window"
    );
    assert_eq!(level_after(7, 4), Some(Level::Upcoming), "due in 3 days");
    assert_eq!(
        level_after(7, 6),
        Some(Level::Upcoming),
        "the day before due"
    );
    assert_eq!(level_after(7, 7), Some(Level::Due), "the day of due");
    assert_eq!(
        level_after(7, 10),
        Some(Level::Due),
        "the day before overdue"
    );
    assert_eq!(
        level_after(7, 11),
        Some(Level::Overdue),
        "ceil(1.5 × 7) = 11"
    );
    assert_eq!(level_after(7, 400), Some(Level::Overdue));
}

#[test]
fn overdue_is_one_and_a_half_cadences_rounded_up() {
    assert_eq!(level_after(14, 13), Some(Level::Upcoming));
    assert_eq!(level_after(14, 14), Some(Level::Due));
    assert_eq!(level_after(14, 20), Some(Level::Due));
    assert_eq!(
        level_after(14, 21),
        Some(Level::Overdue),
        "1.5 × 14 = 21 exactly"
    );
    assert_eq!(
        level_after(1, 0),
        Some(Level::Upcoming),
        "held today, due tomorrow"
    );
    assert_eq!(level_after(1, 1), Some(Level::Due));
    assert_eq!(level_after(1, 2), Some(Level::Overdue), "ceil(1.5) = 2");
    assert_eq!(level_after(3, 4), Some(Level::Due));
    assert_eq!(level_after(3, 5), Some(Level::Overdue), "ceil(4.5) = 5");
    assert_eq!(level_after(30, 44), Some(Level::Due));
    assert_eq!(level_after(30, 45), Some(Level::Overdue));
}

#[test]
fn a_one_on_one_reminder_says_who_since_when_and_why() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(12));
    let list = due(conn);
    let r = find(&list, &cadence_key(&ana)).expect("Ana is overdue");
    assert_eq!(r.kind, Kind::OneOnOne);
    assert_eq!(r.level, Level::Overdue);
    assert_eq!(r.person.as_ref().unwrap().id, ana.id);
    assert_eq!(r.person.as_ref().unwrap().name, "Ana");
    assert_eq!(r.subject_id, ana.id, "the record to open is the person");
    assert_eq!(r.since, days_ago(12), "the day of the last held 1-on-1");
    assert_eq!(r.due_on, days_ago(5), "a cadence after it");
    assert_eq!(r.days, 12);
    assert_eq!(
        r.reason,
        "Last 1-on-1 with Ana was 12 days ago; cadence 7 days"
    );
}

#[test]
fn last_held_ignores_cancelled_rescheduled_and_scheduled_one_on_ones() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, day("2026-11-09"));
    let cancelled = schedule(conn, &ana, "2026-11-16T10:00");
    one_on_ones::cancel(conn, cancelled.id).unwrap();
    let moved = schedule(conn, &ana, "2026-11-23T10:00");
    let moved_to = one_on_ones::reschedule(conn, moved.id, "2026-12-10T10:00").unwrap();
    let pending = schedule(conn, &ana, "2026-11-26T10:00");

    let list = due(conn);
    let r = find(&list, &cadence_key(&ana)).unwrap();
    assert_eq!(r.since, day("2026-11-09"), "only the held 1-on-1 counts");
    assert_eq!(r.days, 20);
    assert_eq!(r.level, Level::Overdue);
    assert!(
        r.reason
            .ends_with("next one is scheduled for 2026-12-10 (in 11 days)"),
        "the future meeting is mentioned: {}",
        r.reason
    );
    assert!(find(&list, &format!("missed_one_on_one:{}", pending.id)).is_some());
    for gone in [cancelled.id, moved.id] {
        assert!(
            list.reminders.iter().all(|r| r.subject_id != gone),
            "cancelled and rescheduled 1-on-1s are not missed ones"
        );
    }
    assert!(
        list.reminders.iter().all(|r| r.subject_id != moved_to.id),
        "the new date is beyond the upcoming window"
    );
}

#[test]
fn someone_never_met_counts_from_their_start_date_when_they_were_added_before_starting() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, Some("2026-11-16"), "2026-11-01");
    let list = due(conn);
    let r = find(&list, &cadence_key(&ana)).unwrap();
    assert_eq!(r.since, day("2026-11-16"));
    assert_eq!(r.level, Level::Overdue, "13 days since they started");
    assert_eq!(
        r.reason,
        "No 1-on-1 with Ana yet; started 13 days ago; cadence 7 days"
    );
}

#[test]
fn someone_never_met_without_a_start_date_counts_from_the_day_they_were_added() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let bo = person_with(conn, "Bo", 7, None, "2026-11-20");
    let list = due(conn);
    let r = find(&list, &cadence_key(&bo)).unwrap();
    assert_eq!(r.since, day("2026-11-20"));
    assert_eq!(r.level, Level::Due);
    assert_eq!(
        r.reason,
        "No 1-on-1 with Bo yet; added 9 days ago; cadence 7 days"
    );
}

#[test]
fn someone_added_long_after_they_started_counts_from_the_day_they_were_added() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let cy = person_with(conn, "Cy", 7, Some("2020-03-04"), "2026-11-25");
    let list = due(conn);
    let r = find(&list, &cadence_key(&cy)).unwrap();
    assert_eq!(
        r.since,
        day("2026-11-25"),
        "adding a long-standing team member must not make them overdue on day one"
    );
    assert_eq!(r.level, Level::Upcoming, "due in 3 days");
}

#[test]
fn someone_who_has_not_started_yet_gets_no_one_on_one_reminder() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let dee = person_with(conn, "Dee", 1, Some("2026-12-01"), "2026-11-01");
    assert_eq!(cadence_level(conn, &dee, TODAY), None);
    assert_eq!(
        cadence_level(conn, &dee, "2026-12-01"),
        Some(Level::Upcoming)
    );
    assert_eq!(cadence_level(conn, &dee, "2026-12-02"), Some(Level::Due));
}

#[test]
fn archived_people_never_appear() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let bo = person_with(conn, "Bo", 7, None, "2026-01-05");
    held(conn, &bo, days_ago(30));
    let missed = schedule(conn, &bo, "2026-11-27T10:00");
    let soon = schedule(conn, &bo, "2026-11-30T10:00");
    draft(conn, &bo, "redirecting", days_ago(10));
    action(conn, &bo, "me", "Send the doc", Some(days_ago(3)));
    action(conn, &bo, "them", "Write the RFC", Some(days_ago(3)));
    let quarrel = conflict(
        conn,
        "Release ownership",
        vec![PartyInput::person(bo.id)],
        days_ago(20),
    );
    assert!(due(conn).reminders.len() >= 6, "Bo has a lot going on");

    people::set_archived(conn, bo.id, true).unwrap();
    let list = due(conn);
    assert!(
        list.reminders
            .iter()
            .all(|r| r.person.as_ref().is_none_or(|p| p.id != bo.id)),
        "nothing about an archived person: {:?}",
        keys(&list)
    );
    for id in [missed.id, soon.id] {
        assert!(list.reminders.iter().all(|r| r.subject_id != id));
    }
    assert_eq!(
        keys(&list),
        [format!("conflict:{quarrel}")],
        "a conflict stays whoever its parties are"
    );
    people::set_archived(conn, bo.id, false).unwrap();
    assert!(
        find(&due(conn), &cadence_key(&bo)).is_some(),
        "restored, reminded again"
    );
}

// ---------------------------------------------------------------------------
// Missed and scheduled 1-on-1s

#[test]
fn a_past_scheduled_one_on_one_not_marked_held_is_due_until_recorded() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let missed = schedule(conn, &ana, "2026-11-27T10:00");
    let key = format!("missed_one_on_one:{}", missed.id);
    let list = due(conn);
    let r = find(&list, &key).expect("a past scheduled 1-on-1 is due");
    assert_eq!(r.kind, Kind::MissedOneOnOne);
    assert_eq!(r.level, Level::Due);
    assert_eq!(r.subject_id, missed.id, "the record to open is the 1-on-1");
    assert_eq!(r.since, day("2026-11-27"));
    assert_eq!(r.days, 2);
    assert_eq!(
        r.reason,
        "The 1-on-1 with Ana scheduled for 2026-11-27 (2 days ago) was not marked held, \
         cancelled or rescheduled"
    );
    assert_eq!(
        find(&due_at(conn, "2026-11-27"), &key).map(|r| r.kind),
        None,
        "on its own day it is not missed yet"
    );
    assert_eq!(
        find(
            &due_at(conn, "2026-11-27"),
            &format!("scheduled_one_on_one:{}", missed.id)
        )
        .map(|r| r.level),
        Some(Level::Upcoming),
        "on its own day it is upcoming"
    );

    one_on_ones::mark_held(conn, missed.id, "2026-11-27", today()).unwrap();
    assert_eq!(find(&due(conn), &key), None, "marked held: gone");
}

#[test]
fn a_missed_one_on_one_vanishes_when_cancelled_or_rescheduled() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = schedule(conn, &ana, "2026-11-25T10:00");
    let b = schedule(conn, &ana, "2026-11-26T10:00");
    assert_eq!(due(conn).counts.due, 2);
    one_on_ones::cancel(conn, a.id).unwrap();
    let moved = one_on_ones::reschedule(conn, b.id, "2026-12-01T09:00").unwrap();
    let list = due(conn);
    assert_eq!(
        keys(&list),
        [format!("scheduled_one_on_one:{}", moved.id)],
        "only the new date remains, as upcoming"
    );
    assert_eq!(
        list.reminders[0].reason,
        "1-on-1 with Ana is scheduled in 2 days (2026-12-01) at 09:00"
    );
}

#[test]
fn a_future_scheduled_one_on_one_does_not_make_an_overdue_person_less_overdue() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(12));
    let next = schedule(conn, &ana, "2026-11-30T10:00");
    let list = due(conn);
    let r = find(&list, &cadence_key(&ana)).unwrap();
    assert_eq!(r.level, Level::Overdue, "overdue counts from held");
    assert_eq!(
        r.reason,
        "Last 1-on-1 with Ana was 12 days ago; cadence 7 days; \
         next one is scheduled for 2026-11-30 (tomorrow)"
    );
    let booked = find(&list, &format!("scheduled_one_on_one:{}", next.id)).unwrap();
    assert_eq!(
        booked.level,
        Level::Upcoming,
        "the booked meeting is listed too"
    );
    assert_eq!(
        booked.reason,
        "1-on-1 with Ana is scheduled tomorrow at 10:00"
    );
}

#[test]
fn upcoming_lists_what_falls_due_or_is_scheduled_within_three_days() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    let bo = person_with(conn, "Bo", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(4));
    held(conn, &bo, days_ago(3));
    let today_later = schedule(conn, &bo, "2026-11-29T16:00");
    let edge = schedule(conn, &bo, "2026-12-02T09:00");
    let beyond = schedule(conn, &bo, "2026-12-03T09:00");
    let list = due(conn);
    let r = find(&list, &cadence_key(&ana)).unwrap();
    assert_eq!(r.level, Level::Upcoming);
    assert_eq!(r.due_on, day("2026-12-02"));
    assert_eq!(
        r.reason,
        "Last 1-on-1 with Ana was 4 days ago; cadence 7 days; due in 3 days"
    );
    assert!(
        find(&list, &cadence_key(&bo)).is_none(),
        "Bo falls due in 4 days"
    );
    let later = find(&list, &format!("scheduled_one_on_one:{}", today_later.id)).unwrap();
    assert_eq!((later.level, later.days), (Level::Upcoming, 0));
    assert_eq!(later.reason, "1-on-1 with Bo is scheduled today at 16:00");
    let last = find(&list, &format!("scheduled_one_on_one:{}", edge.id)).unwrap();
    assert_eq!(last.days, -3, "days count down to a scheduled 1-on-1");
    assert!(find(&list, &format!("scheduled_one_on_one:{}", beyond.id)).is_none());
    assert_eq!(list.counts.upcoming, 3);
}

#[test]
fn a_meeting_booked_before_someone_falls_due_replaces_the_upcoming_warning() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    let bo = person_with(conn, "Bo", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(5));
    held(conn, &bo, days_ago(5));
    schedule(conn, &ana, "2026-12-01T10:00");
    schedule(conn, &bo, "2026-12-05T10:00");
    let list = due(conn);
    assert!(
        find(&list, &cadence_key(&ana)).is_none(),
        "Ana's next 1-on-1 is booked on the day she falls due: nothing to do"
    );
    let r = find(&list, &cadence_key(&bo)).expect("Bo's meeting comes after he falls due");
    assert_eq!(r.level, Level::Upcoming);
    assert!(
        r.reason
            .ends_with("due in 2 days; next one is scheduled for 2026-12-05 (in 6 days)"),
        "{}",
        r.reason
    );
}

// ---------------------------------------------------------------------------
// Feedback

#[test]
fn stale_feedback_is_due_after_two_days_and_overdue_after_three() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let bo = person(conn, "Bo");
    let fresh = draft(conn, &bo, "redirecting", days_ago(1));
    let due_today = draft(conn, &bo, "redirecting", days_ago(2));
    let late = draft(conn, &bo, "redirecting", days_ago(3));
    let list = due(conn);
    assert!(
        find(&list, &format!("feedback:{}", fresh.id)).is_none(),
        "a day old is fine"
    );
    let r = find(&list, &format!("feedback:{}", due_today.id)).unwrap();
    assert_eq!((r.level, r.kind), (Level::Due, Kind::RedirectingFeedback));
    assert_eq!(
        r.reason,
        "Redirecting feedback for Bo, observed 2 days ago, is still a draft"
    );
    assert_eq!(r.subject_id, due_today.id);
    assert_eq!(r.since, days_ago(2));
    let r = find(&list, &format!("feedback:{}", late.id)).unwrap();
    assert_eq!(r.level, Level::Overdue, "ceil(1.5 × 2) = 3 days");
}

#[test]
fn ready_feedback_goes_stale_too_and_vanishes_once_delivered_or_discarded() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let bo = person(conn, "Bo");
    let ready = draft(conn, &bo, "reinforcing", days_ago(4));
    feedback::mark_ready(conn, ready.id).unwrap();
    let other = draft(conn, &bo, "redirecting", days_ago(4));
    let list = due(conn);
    let r = find(&list, &format!("feedback:{}", ready.id)).unwrap();
    assert_eq!(r.kind, Kind::ReinforcingFeedback);
    assert_eq!(
        r.reason,
        "Reinforcing feedback for Bo, observed 4 days ago, is ready but not delivered yet"
    );

    feedback::deliver(conn, ready.id, TODAY, None, today()).unwrap();
    feedback::discard(conn, other.id).unwrap();
    assert!(
        due(conn).reminders.is_empty(),
        "delivered and discarded feedback is done"
    );
    feedback::restore(conn, other.id).unwrap();
    assert!(
        find(&due(conn), &format!("feedback:{}", other.id)).is_some(),
        "restored as a draft, it is stale again"
    );
}

#[test]
fn redirecting_feedback_ranks_above_reinforcing_of_the_same_age() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let zoe = person(conn, "Zoe");
    let praise = draft(conn, &ana, "reinforcing", days_ago(5));
    let fix = draft(conn, &zoe, "redirecting", days_ago(5));
    assert_eq!(
        keys(&due(conn)),
        [
            format!("feedback:{}", fix.id),
            format!("feedback:{}", praise.id)
        ],
        "redirecting first, even though Ana sorts before Zoe"
    );
}

// ---------------------------------------------------------------------------
// Conflicts

#[test]
fn a_quiet_conflict_is_due_after_seven_days_and_overdue_after_eleven() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let outsider = || vec![PartyInput::outsider("Platform team")];
    let six = conflict(conn, "Six", outsider(), days_ago(6));
    let seven = conflict(conn, "Release ownership", outsider(), days_ago(7));
    let ten = conflict(conn, "Ten", outsider(), days_ago(10));
    let eleven = conflict(conn, "Eleven", outsider(), days_ago(11));
    let list = due(conn);
    assert!(find(&list, &format!("conflict:{six}")).is_none());
    let r = find(&list, &format!("conflict:{seven}")).unwrap();
    assert_eq!((r.kind, r.level), (Kind::QuietConflict, Level::Due));
    assert_eq!(
        r.reason,
        "No update on “Release ownership” since it surfaced 7 days ago"
    );
    assert_eq!(r.title.as_deref(), Some("Release ownership"));
    assert_eq!(
        r.person, None,
        "a conflict is about its parties, not one person"
    );
    assert_eq!(r.subject_id, seven);
    assert_eq!(
        find(&list, &format!("conflict:{ten}")).unwrap().level,
        Level::Due
    );
    assert_eq!(
        find(&list, &format!("conflict:{eleven}")).unwrap().level,
        Level::Overdue
    );
}

#[test]
fn a_conflict_update_restarts_the_clock_and_resolving_or_parking_ends_it() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person(conn, "Ana");
    let a = conflict(
        conn,
        "Release ownership",
        vec![PartyInput::person(ana.id)],
        days_ago(30),
    );
    let b = conflict(
        conn,
        "Naming",
        vec![PartyInput::person(ana.id)],
        days_ago(30),
    );
    let c = conflict(
        conn,
        "On-call",
        vec![PartyInput::person(ana.id)],
        days_ago(30),
    );
    conflicts::set_status(conn, c, ConflictStatus::InProgress, None, None, today()).unwrap();
    note(conn, a, days_ago(9));
    let list = due(conn);
    let r = find(&list, &format!("conflict:{a}")).unwrap();
    assert_eq!(
        r.since,
        days_ago(9),
        "the newest update is the last activity"
    );
    assert_eq!(r.reason, "No update on “Release ownership” for 9 days");
    assert!(
        find(&list, &format!("conflict:{c}")).is_some(),
        "in progress counts"
    );

    note(conn, a, today());
    conflicts::set_status(
        conn,
        b,
        ConflictStatus::Resolved,
        Some("Agreed on names"),
        None,
        today(),
    )
    .unwrap();
    conflicts::set_status(conn, c, ConflictStatus::Parked, None, None, today()).unwrap();
    assert!(
        due(conn).reminders.is_empty(),
        "updated, resolved and parked: all quiet"
    );
}

// ---------------------------------------------------------------------------
// Action items

#[test]
fn an_action_item_is_due_on_its_day_and_overdue_after_mine_and_theirs_apart() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let bo = person(conn, "Bo");
    let tomorrow = action(conn, &bo, "me", "Tomorrow", Some(days_ahead(1)));
    let undated = action(conn, &bo, "me", "Someday", None);
    let mine = action(conn, &bo, "me", "Book the room", Some(today()));
    let theirs = action(conn, &bo, "them", "Send the doc", Some(days_ago(3)));
    let list = due(conn);
    assert!(find(&list, &format!("action_item:{tomorrow}")).is_none());
    assert!(
        find(&list, &format!("action_item:{undated}")).is_none(),
        "no due date, no reminder"
    );
    let r = find(&list, &format!("action_item:{mine}")).unwrap();
    assert_eq!(
        (r.kind, r.level, r.days),
        (Kind::MyActionItem, Level::Due, 0)
    );
    assert_eq!(
        r.reason,
        "Your action item for Bo, “Book the room”, is due today"
    );
    let r = find(&list, &format!("action_item:{theirs}")).unwrap();
    assert_eq!(
        (r.kind, r.level, r.days),
        (Kind::TheirActionItem, Level::Overdue, 3)
    );
    assert_eq!(
        r.reason,
        "Bo's action item “Send the doc” was due 3 days ago"
    );
    assert_eq!(r.title.as_deref(), Some("Send the doc"));
    assert_eq!(r.subject_id, theirs);

    action_items::set_done(conn, theirs, Some(TODAY)).unwrap();
    assert!(
        find(&due(conn), &format!("action_item:{theirs}")).is_none(),
        "done: gone"
    );
    action_items::set_done(conn, theirs, None).unwrap();
    assert!(
        find(&due(conn), &format!("action_item:{theirs}")).is_some(),
        "reopened: back"
    );
}

// ---------------------------------------------------------------------------
// Every cause, resolved

#[test]
fn every_reminder_vanishes_the_moment_its_cause_is_resolved() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(15));
    let missed = schedule(conn, &ana, "2026-11-28T10:00");
    let fb = draft(conn, &ana, "redirecting", days_ago(5));
    let quarrel = conflict(
        conn,
        "Release ownership",
        vec![PartyInput::person(ana.id)],
        days_ago(12),
    );
    let item = action(conn, &ana, "them", "Send the doc", Some(days_ago(2)));
    let list = due(conn);
    assert_eq!(list.reminders.len(), 5, "{:?}", keys(&list));
    assert_eq!(list.counts.overdue, 4);
    assert_eq!(list.counts.due, 1);

    one_on_ones::mark_held(conn, missed.id, TODAY, today()).unwrap();
    let list = due(conn);
    assert!(
        find(&list, &cadence_key(&ana)).is_none(),
        "held today: not due any more"
    );
    assert!(find(&list, &format!("missed_one_on_one:{}", missed.id)).is_none());
    feedback::deliver(conn, fb.id, TODAY, Some(missed.id), today()).unwrap();
    assert!(find(&due(conn), &format!("feedback:{}", fb.id)).is_none());
    note(conn, quarrel, today());
    assert!(find(&due(conn), &format!("conflict:{quarrel}")).is_none());
    action_items::set_done(conn, item, Some(TODAY)).unwrap();
    let list = due(conn);
    assert!(list.reminders.is_empty(), "{:?}", keys(&list));
    assert_eq!(list.counts, reminders::Counts::default());
}

// ---------------------------------------------------------------------------
// Snoozes

#[test]
fn a_snoozed_reminder_is_hidden_through_its_day_and_returns_after_it_if_still_due() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(12));
    let key = cadence_key(&ana);
    let snooze = reminders::snooze(conn, &key, "2026-12-02", today()).unwrap();
    assert_eq!(snooze.until, day("2026-12-02"));
    assert_eq!(snooze.since, days_ago(12));

    let list = due(conn);
    assert!(find(&list, &key).is_none(), "hidden today");
    assert_eq!(list.snoozed, 1);
    assert_eq!(list.counts.overdue, 0, "a snoozed reminder is not counted");
    let hidden = reminders::snoozed(conn, today()).unwrap();
    assert_eq!(hidden.len(), 1);
    assert_eq!(
        (hidden[0].reminder.key.as_str(), hidden[0].until),
        (key.as_str(), day("2026-12-02"))
    );

    assert!(
        find(&due_at(conn, "2026-12-02"), &key).is_none(),
        "hidden on its last day"
    );
    let after = due_at(conn, "2026-12-03");
    assert_eq!(
        find(&after, &key).map(|r| r.level),
        Some(Level::Overdue),
        "back the day after"
    );
    assert_eq!(after.snoozed, 0);
}

#[test]
fn a_snooze_needs_a_later_day_and_a_current_reminder() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(12));
    let key = cadence_key(&ana);
    for (until, words) in [
        (TODAY, "a day after today"),
        ("2026-11-01", "a day after today"),
        ("2026-12-32", "YYYY-MM-DD"),
        ("next week", "YYYY-MM-DD"),
        ("2028-01-01", "at most a year"),
    ] {
        let err = reminders::snooze(conn, &key, until, today()).unwrap_err();
        assert_eq!(err.field(), Some("until"), "{until}");
        assert!(err.to_string().contains(words), "{until}: {err}");
    }
    for bad in [
        "one_on_one:nobody",
        "",
        format!("feedback:{}", ana.id).as_str(),
    ] {
        let err = reminders::snooze(conn, bad, "2026-12-01", today()).unwrap_err();
        assert_eq!(err.field(), Some("key"), "{bad}");
        assert!(err.to_string().contains("no current reminder"), "{err}");
    }
    assert!(
        snoozes::list(conn).unwrap().is_empty(),
        "refused snoozes write nothing"
    );
    assert!(
        reminders::snooze(conn, &key, "2027-11-29", today()).is_ok(),
        "a year ahead is allowed"
    );
}

#[test]
fn snoozing_again_moves_the_day_and_unsnoozing_brings_it_back() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let bo = person(conn, "Bo");
    let item = action(conn, &bo, "me", "Send the doc", Some(days_ago(1)));
    let key = format!("action_item:{item}");
    reminders::snooze(conn, &key, "2026-12-01", today()).unwrap();
    reminders::snooze(conn, &key, "2026-12-10", today()).unwrap();
    assert_eq!(snoozes::list(conn).unwrap().len(), 1);
    assert!(
        find(&due_at(conn, "2026-12-05"), &key).is_none(),
        "the later day holds"
    );
    reminders::unsnooze(conn, &key).unwrap();
    assert!(find(&due(conn), &key).is_some(), "unsnoozed: shown again");
    let err = reminders::unsnooze(conn, &key).unwrap_err();
    assert!(
        matches!(err, Error::NotFound { kind: "snooze", .. }),
        "{err}"
    );
}

#[test]
fn a_snooze_is_dropped_when_its_cause_is_resolved() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(12));
    let fb = draft(conn, &ana, "redirecting", days_ago(5));
    let cadence = cadence_key(&ana);
    let feedback_key = format!("feedback:{}", fb.id);
    reminders::snooze(conn, &cadence, "2026-12-20", today()).unwrap();
    reminders::snooze(conn, &feedback_key, "2026-12-20", today()).unwrap();

    held(conn, &ana, today());
    feedback::discard(conn, fb.id).unwrap();
    assert_eq!(reminders::prune_snoozes(conn, today()).unwrap(), 2);
    assert!(
        snoozes::list(conn).unwrap().is_empty(),
        "resolved causes keep no snooze"
    );
    assert_eq!(
        reminders::prune_snoozes(conn, today()).unwrap(),
        0,
        "nothing left to prune"
    );
}

#[test]
fn an_old_snooze_never_hides_a_cause_that_came_back_even_before_pruning() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(12));
    let key = cadence_key(&ana);
    reminders::snooze(conn, &key, "2026-12-20", today()).unwrap();
    held(conn, &ana, today());
    // A week later Ana is due again: a new occurrence, not the one snoozed.
    let later = due_at(conn, "2026-12-06");
    assert_eq!(find(&later, &key).map(|r| r.level), Some(Level::Due));
    assert_eq!(later.snoozed, 0);
    assert_eq!(snoozes::list(conn).unwrap().len(), 1, "due() only reads");
    assert_eq!(
        reminders::prune_snoozes(conn, day("2026-12-06")).unwrap(),
        1
    );
}

#[test]
fn a_snooze_stays_while_its_reminder_turns_from_due_to_overdue() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let bo = person(conn, "Bo");
    let fb = draft(conn, &bo, "reinforcing", days_ago(2));
    let key = format!("feedback:{}", fb.id);
    assert_eq!(find(&due(conn), &key).unwrap().level, Level::Due);
    reminders::snooze(conn, &key, "2026-12-04", today()).unwrap();
    let later = due_at(conn, "2026-12-01");
    assert!(
        find(&later, &key).is_none(),
        "the same cause, still snoozed"
    );
    assert_eq!(
        reminders::prune_snoozes(conn, day("2026-12-01")).unwrap(),
        0
    );
    assert_eq!(
        find(&due_at(conn, "2026-12-05"), &key).unwrap().level,
        Level::Overdue
    );
}

// ---------------------------------------------------------------------------
// Calendar edges

#[test]
fn leap_days_count_as_days() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let daily = person_with(conn, "Daily", 1, None, "2020-01-06");
    let every_other = person_with(conn, "Other", 2, None, "2020-01-06");
    held(conn, &daily, day("2024-02-28"));
    held(conn, &every_other, day("2024-02-28"));

    assert_eq!(
        cadence_level(conn, &daily, "2024-02-28"),
        Some(Level::Upcoming)
    );
    assert_eq!(
        cadence_level(conn, &daily, "2024-02-29"),
        Some(Level::Due),
        "the leap day is a day"
    );
    assert_eq!(
        cadence_level(conn, &daily, "2024-03-01"),
        Some(Level::Overdue),
        "ceil(1.5) = 2 days"
    );
    let list = due_at(conn, "2024-02-29");
    assert_eq!(
        find(&list, &cadence_key(&daily)).unwrap().due_on,
        day("2024-02-29")
    );

    assert_eq!(
        cadence_level(conn, &every_other, "2024-02-29"),
        Some(Level::Upcoming)
    );
    assert_eq!(
        cadence_level(conn, &every_other, "2024-03-01"),
        Some(Level::Due)
    );
    assert_eq!(
        cadence_level(conn, &every_other, "2024-03-02"),
        Some(Level::Overdue),
        "1.5 × 2 = 3 days"
    );
    let list = due_at(conn, "2024-03-01");
    assert_eq!(
        find(&list, &cadence_key(&every_other)).unwrap().due_on,
        day("2024-03-01")
    );
}

#[test]
fn month_ends_count_days_not_months() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 30, None, "2020-01-06");
    held(conn, &ana, day("2025-01-31"));
    let list = due_at(conn, "2025-03-02");
    let r = find(&list, &cadence_key(&ana)).unwrap();
    assert_eq!(
        r.due_on,
        day("2025-03-02"),
        "31 January + 30 days in a common year"
    );
    assert_eq!(r.level, Level::Due);
    assert_eq!(
        cadence_level(conn, &ana, "2025-03-01"),
        Some(Level::Upcoming)
    );
    assert_eq!(cadence_level(conn, &ana, "2025-03-16"), Some(Level::Due));
    assert_eq!(
        cadence_level(conn, &ana, "2025-03-17"),
        Some(Level::Overdue),
        "45 days"
    );

    let bo = person(conn, "Bo");
    let item = action(
        conn,
        &bo,
        "them",
        "Quarterly report",
        Some(day("2024-12-31")),
    );
    let r = due_at(conn, "2025-01-01");
    let r = find(&r, &format!("action_item:{item}")).unwrap();
    assert_eq!(
        (r.level, r.days),
        (Level::Overdue, 1),
        "across the new year"
    );
}

// ---------------------------------------------------------------------------
// Settings

#[test]
fn thresholds_changed_in_settings_take_effect() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(13));
    let fb = draft(conn, &ana, "redirecting", days_ago(4));
    let quiet = conflict(
        conn,
        "Naming",
        vec![PartyInput::outsider("Design")],
        days_ago(3),
    );
    let bo = person_with(conn, "Bo", 7, None, "2026-01-05");
    held(conn, &bo, days_ago(6));
    let tomorrow = schedule(conn, &bo, "2026-11-30T10:00");

    let list = due(conn);
    assert_eq!(
        find(&list, &cadence_key(&ana)).unwrap().level,
        Level::Overdue
    );
    assert_eq!(
        find(&list, &format!("feedback:{}", fb.id)).unwrap().level,
        Level::Overdue
    );
    assert!(find(&list, &format!("conflict:{quiet}")).is_none());
    assert!(find(&list, &format!("scheduled_one_on_one:{}", tomorrow.id)).is_some());

    settings::update(
        conn,
        &SettingsInput {
            overdue_factor: Some(2.0),
            stale_feedback_days: Some(4),
            quiet_conflict_days: Some(3),
            upcoming_days: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    let list = due(conn);
    assert_eq!(
        find(&list, &cadence_key(&ana)).unwrap().level,
        Level::Due,
        "with a factor of 2, a weekly 1-on-1 is overdue at 14 days"
    );
    assert_eq!(
        find(&list, &format!("feedback:{}", fb.id)).unwrap().level,
        Level::Due
    );
    assert_eq!(
        find(&list, &format!("conflict:{quiet}")).unwrap().level,
        Level::Due
    );
    assert!(
        find(&list, &format!("scheduled_one_on_one:{}", tomorrow.id)).is_none(),
        "a window of 0 days shows today only"
    );
    assert!(
        find(&list, &cadence_key(&bo)).is_none(),
        "Bo falls due tomorrow, outside the window"
    );
    assert_eq!(
        find(&due_at(conn, "2026-12-01"), &cadence_key(&ana))
            .unwrap()
            .level,
        Level::Overdue
    );
}

// ---------------------------------------------------------------------------
// Ranking, counts, shape and summary

#[test]
fn the_due_list_is_ranked_most_urgent_first() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    let bo = person_with(conn, "Bo", 7, None, "2026-01-05");
    let cy = person_with(conn, "Cy", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(20)); // overdue, due 13 days ago
    held(conn, &bo, days_ago(11)); // overdue, due 4 days ago
    held(conn, &cy, days_ago(8)); // due, due 1 day ago
    let praise = draft(conn, &cy, "reinforcing", days_ago(6)); // overdue, due 4 days ago
    let fix = draft(conn, &cy, "redirecting", days_ago(6)); // overdue, due 4 days ago
    let item = action(conn, &bo, "me", "Send the doc", Some(days_ago(1))); // overdue, due 1 day ago
    let quarrel = conflict(
        conn,
        "Naming",
        vec![PartyInput::outsider("Design")],
        days_ago(8),
    ); // due
    let dee = person(conn, "Dee");
    let soon = schedule(conn, &dee, "2026-11-30T10:00"); // upcoming

    let list = due(conn);
    assert_eq!(
        keys(&list),
        [
            cadence_key(&ana),
            format!("feedback:{}", fix.id),
            cadence_key(&bo),
            format!("feedback:{}", praise.id),
            format!("action_item:{item}"),
            cadence_key(&cy),
            format!("conflict:{quarrel}"),
            format!("scheduled_one_on_one:{}", soon.id),
        ],
        "overdue, due, upcoming; longest past due first; redirecting feedback first on a tie"
    );
    assert_eq!(
        list.counts,
        reminders::Counts {
            overdue: 5,
            due: 2,
            upcoming: 1
        }
    );
    assert_eq!(
        reminders::summary(&list.reminders).unwrap(),
        "5 reminders overdue: 1-on-1 with Ana, feedback for Cy (×2), 1-on-1 with Bo, and 1 more"
    );
}

#[test]
fn the_json_shape_is_stable() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(12));
    let quarrel = conflict(
        conn,
        "Naming",
        vec![PartyInput::outsider("Design")],
        days_ago(8),
    );
    let json = serde_json::to_value(due(conn)).unwrap();
    let mut top: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    top.sort_unstable();
    assert_eq!(top, ["counts", "reminders", "snoozed", "today"]);
    assert_eq!(json["today"], TODAY);
    assert_eq!(
        json["counts"],
        serde_json::json!({ "overdue": 1, "due": 1, "upcoming": 0 })
    );
    assert_eq!(
        json["reminders"][0],
        serde_json::json!({
            "key": format!("one_on_one:{}", ana.id),
            "kind": "one_on_one",
            "level": "overdue",
            "person": { "id": ana.id.to_string(), "name": "Ana" },
            "subject_id": ana.id.to_string(),
            "title": null,
            "since": "2026-11-17",
            "due_on": "2026-11-24",
            "days": 12,
            "reason": "Last 1-on-1 with Ana was 12 days ago; cadence 7 days",
        })
    );
    assert_eq!(json["reminders"][1]["person"], serde_json::Value::Null);
    assert_eq!(json["reminders"][1]["subject_id"], quarrel.to_string());
    let back: DueList = serde_json::from_value(json).unwrap();
    assert_eq!(back, due(conn), "the shape reads back");
}

#[test]
fn computing_the_due_list_only_reads() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let ana = person_with(conn, "Ana", 7, None, "2026-01-05");
    held(conn, &ana, days_ago(12));
    let before = conn.total_changes();
    due(conn);
    reminders::snoozed(conn, today()).unwrap();
    reminders::current(conn, today()).unwrap();
    assert_eq!(conn.total_changes(), before, "no write while computing");
}

// ---------------------------------------------------------------------------
// Property tests: a reminder never exists for a resolved cause.

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    struct PersonPlan {
        cadence: i64,
        added_ago: u64,
        start_offset: Option<i64>,
        held_ago: Vec<u64>,
        /// (days from today, fate: 0 scheduled, 1 cancelled, 2 held on its day if past)
        meetings: Vec<(i64, u8)>,
        hold_today: bool,
        archive: bool,
    }

    #[derive(Debug, Clone)]
    struct FeedbackPlan {
        person: usize,
        redirecting: bool,
        observed_ago: u64,
        /// 0 draft, 1 ready, 2 delivered, 3 discarded
        fate: u8,
    }

    #[derive(Debug, Clone)]
    struct ConflictPlan {
        surfaced_ago: u64,
        updates_ago: Vec<u64>,
        /// 0 open, 1 in progress, 2 parked, 3 resolved
        fate: u8,
    }

    #[derive(Debug, Clone)]
    struct ItemPlan {
        person: usize,
        mine: bool,
        due_offset: Option<i64>,
        done: bool,
    }

    #[derive(Debug, Clone)]
    struct Journal {
        people: Vec<PersonPlan>,
        feedback: Vec<FeedbackPlan>,
        conflicts: Vec<ConflictPlan>,
        items: Vec<ItemPlan>,
        /// Which reminders to snooze before the resolutions (by index, modulo).
        snooze: Vec<(usize, u64)>,
        factor: f64,
        upcoming: i64,
    }

    fn person_plan() -> impl Strategy<Value = PersonPlan> {
        (
            prop_oneof![Just(1i64), Just(2), Just(7), Just(14), Just(30), 1i64..=40],
            0u64..120,
            proptest::option::of(-60i64..10),
            proptest::collection::vec(0u64..90, 0..4),
            proptest::collection::vec((-20i64..10, 0u8..3), 0..3),
            any::<bool>(),
            proptest::bool::weighted(0.2),
        )
            .prop_map(
                |(cadence, added_ago, start_offset, held_ago, meetings, hold_today, archive)| {
                    PersonPlan {
                        cadence,
                        added_ago,
                        start_offset,
                        held_ago,
                        meetings,
                        hold_today,
                        archive,
                    }
                },
            )
    }

    fn journal() -> impl Strategy<Value = Journal> {
        (
            proptest::collection::vec(person_plan(), 1..4),
            proptest::collection::vec(
                (0usize..4, any::<bool>(), 0u64..12, 0u8..4).prop_map(
                    |(person, redirecting, observed_ago, fate)| FeedbackPlan {
                        person,
                        redirecting,
                        observed_ago,
                        fate,
                    },
                ),
                0..5,
            ),
            proptest::collection::vec(
                (0u64..30, proptest::collection::vec(0u64..30, 0..3), 0u8..4).prop_map(
                    |(surfaced_ago, updates_ago, fate)| ConflictPlan {
                        surfaced_ago,
                        updates_ago,
                        fate,
                    },
                ),
                0..3,
            ),
            proptest::collection::vec(
                (
                    0usize..4,
                    any::<bool>(),
                    proptest::option::of(-10i64..5),
                    any::<bool>(),
                )
                    .prop_map(|(person, mine, due_offset, done)| ItemPlan {
                        person,
                        mine,
                        due_offset,
                        done,
                    }),
                0..5,
            ),
            proptest::collection::vec((0usize..50, 1u64..30), 0..4),
            prop_oneof![Just(1.0), Just(1.5), Just(2.0), Just(3.25)],
            0i64..5,
        )
            .prop_map(
                |(people, feedback, conflicts, items, snooze, factor, upcoming)| Journal {
                    people,
                    feedback,
                    conflicts,
                    items,
                    snooze,
                    factor,
                    upcoming,
                },
            )
    }

    fn offset(days: i64) -> NaiveDate {
        if days >= 0 {
            days_ahead(days as u64)
        } else {
            days_ago(days.unsigned_abs())
        }
    }

    /// Builds the journal with every cause open, snoozes some reminders,
    /// then applies the resolutions.
    fn build(conn: &Connection, plan: &Journal) {
        settings::update(
            conn,
            &SettingsInput {
                overdue_factor: Some(plan.factor),
                upcoming_days: Some(plan.upcoming),
                ..Default::default()
            },
        )
        .unwrap();
        let names = ["Ana", "Bo", "Cy", "Dee"];
        let mut people_made = Vec::new();
        let mut to_hold = Vec::new();
        let mut to_cancel = Vec::new();
        for (i, p) in plan.people.iter().enumerate() {
            let start = p.start_offset.map(|o| text(offset(o)));
            let who = person_with(
                conn,
                names[i],
                p.cadence,
                start.as_deref(),
                &text(days_ago(p.added_ago)),
            );
            for ago in &p.held_ago {
                held(conn, &who, days_ago(*ago));
            }
            for (at, fate) in &p.meetings {
                let m = schedule(conn, &who, &format!("{}T11:00", text(offset(*at))));
                match fate {
                    1 => to_cancel.push(m.id),
                    2 if *at <= 0 => to_hold.push((m.id, offset(*at))),
                    _ => {}
                }
            }
            people_made.push(who);
        }
        let pick = |i: usize| &people_made[i % people_made.len()];
        let mut feedback_fates = Vec::new();
        for f in &plan.feedback {
            let made = draft(
                conn,
                pick(f.person),
                if f.redirecting {
                    "redirecting"
                } else {
                    "reinforcing"
                },
                days_ago(f.observed_ago),
            );
            feedback_fates.push((made.id, f.fate));
        }
        let mut conflict_fates = Vec::new();
        for (i, c) in plan.conflicts.iter().enumerate() {
            let id = conflict(
                conn,
                &format!("Conflict {i}"),
                vec![PartyInput::person(pick(i).id)],
                days_ago(c.surfaced_ago),
            );
            conflict_fates.push((id, c.fate, c.updates_ago.clone(), c.surfaced_ago));
        }
        let mut items_done = Vec::new();
        for item in &plan.items {
            let id = action(
                conn,
                pick(item.person),
                if item.mine { "me" } else { "them" },
                "Follow up",
                item.due_offset.map(offset),
            );
            if item.done {
                items_done.push(id);
            }
        }

        // Snooze some of what is current, before anything is resolved.
        let current = reminders::current(conn, today()).unwrap();
        if !current.is_empty() {
            for (index, ahead) in &plan.snooze {
                let key = &current[index % current.len()].key;
                reminders::snooze(conn, key, &text(days_ahead(*ahead)), today()).unwrap();
            }
        }

        // Resolutions.
        for (id, on) in to_hold {
            one_on_ones::mark_held(conn, id, &text(on), today()).unwrap();
        }
        for id in to_cancel {
            one_on_ones::cancel(conn, id).unwrap();
        }
        for (who, p) in people_made.iter().zip(&plan.people) {
            if p.hold_today {
                held(conn, who, today());
            }
        }
        for (id, fate) in feedback_fates {
            match fate {
                1 => {
                    feedback::mark_ready(conn, id).unwrap();
                }
                2 => {
                    feedback::deliver(conn, id, TODAY, None, today()).unwrap();
                }
                3 => {
                    feedback::discard(conn, id).unwrap();
                }
                _ => {}
            }
        }
        for (id, fate, updates_ago, surfaced_ago) in conflict_fates {
            for ago in updates_ago {
                note(conn, id, days_ago(ago.min(surfaced_ago)));
            }
            let status = match fate {
                1 => ConflictStatus::InProgress,
                2 => ConflictStatus::Parked,
                3 => ConflictStatus::Resolved,
                _ => continue,
            };
            let resolution = (status == ConflictStatus::Resolved).then_some("Settled");
            conflicts::set_status(conn, id, status, resolution, None, today()).unwrap();
        }
        for id in items_done {
            action_items::set_done(conn, id, Some(TODAY)).unwrap();
        }
        for (who, p) in people_made.iter().zip(&plan.people) {
            if p.archive {
                people::set_archived(conn, who.id, true).unwrap();
            }
        }
    }

    fn one<T: rusqlite::types::FromSql>(conn: &Connection, sql: &str, id: Uuid) -> T {
        conn.query_row(sql, [id.to_string()], |r| r.get(0)).unwrap()
    }

    /// Asserts that `r` refers to a cause that still holds.
    fn assert_cause_holds(conn: &Connection, r: &Reminder) {
        if let Some(p) = &r.person {
            let archived: Option<String> =
                one(conn, "SELECT archived_at FROM people WHERE id = ?1", p.id);
            assert!(archived.is_none(), "{} names an archived person", r.key);
        }
        match r.kind {
            Kind::OneOnOne => {
                let person = r.person.as_ref().unwrap();
                let cadence: i64 = one(
                    conn,
                    "SELECT cadence_days FROM people WHERE id = ?1",
                    person.id,
                );
                let last: Option<NaiveDate> = one(
                    conn,
                    "SELECT max(held_on) FROM one_on_ones WHERE person_id = ?1 AND status = 'held'",
                    person.id,
                );
                if let Some(last) = last {
                    assert_eq!(r.since, last, "{}: counts from the last held", r.key);
                    if (today() - last).num_days() < cadence {
                        assert_eq!(
                            r.level,
                            Level::Upcoming,
                            "{}: held within the cadence, so not due",
                            r.key
                        );
                    }
                }
            }
            Kind::Goal => {
                let status: String =
                    one(conn, "SELECT status FROM goals WHERE id = ?1", r.subject_id);
                assert_eq!(
                    status, "active",
                    "{}: an achieved or dropped goal is done",
                    r.key
                );
            }
            Kind::MissedOneOnOne | Kind::ScheduledOneOnOne => {
                let status: String = one(
                    conn,
                    "SELECT status FROM one_on_ones WHERE id = ?1",
                    r.subject_id,
                );
                assert_eq!(status, "scheduled", "{}: the 1-on-1 was recorded", r.key);
            }
            Kind::RedirectingFeedback | Kind::ReinforcingFeedback => {
                let status: String = one(
                    conn,
                    "SELECT status FROM feedback WHERE id = ?1",
                    r.subject_id,
                );
                assert!(
                    status == "draft" || status == "ready",
                    "{}: feedback is {status}",
                    r.key
                );
            }
            Kind::QuietConflict => {
                let status: String = one(
                    conn,
                    "SELECT status FROM conflicts WHERE id = ?1",
                    r.subject_id,
                );
                assert!(
                    status == "open" || status == "in_progress",
                    "{}: conflict is {status}",
                    r.key
                );
                let newest: Option<NaiveDate> = one(
                    conn,
                    "SELECT max(noted_on) FROM conflict_updates WHERE conflict_id = ?1",
                    r.subject_id,
                );
                if let Some(newest) = newest {
                    assert!(r.since >= newest, "{}: an update restarts the clock", r.key);
                }
            }
            Kind::MyActionItem | Kind::TheirActionItem => {
                let done: Option<String> = one(
                    conn,
                    "SELECT done_on FROM action_items WHERE id = ?1",
                    r.subject_id,
                );
                assert_eq!(done, None, "{}: the action item is done", r.key);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn no_reminder_refers_to_a_resolved_cause(plan in journal()) {
            let store = Store::open_in_memory().unwrap();
            let conn = store.conn();
            build(conn, &plan);

            let current = reminders::current(conn, today()).unwrap();
            for r in &current {
                assert_cause_holds(conn, r);
            }
            let mut keys: Vec<&str> = current.iter().map(|r| r.key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            prop_assert_eq!(keys.len(), current.len(), "keys are unique");

            // Every open cause is reminded: stale drafts, past-due items.
            let open_items: i64 = conn.query_row(
                "SELECT count(*) FROM action_items a JOIN people p ON p.id = a.person_id \
                 WHERE a.done_on IS NULL AND a.due_on <= ?1 AND p.archived_at IS NULL",
                [TODAY], |r| r.get(0)).unwrap();
            let item_reminders = current.iter()
                .filter(|r| matches!(r.kind, Kind::MyActionItem | Kind::TheirActionItem))
                .count() as i64;
            prop_assert_eq!(open_items, item_reminders);

            // Snoozes: once pruned, none refers to a resolved cause.
            reminders::prune_snoozes(conn, today()).unwrap();
            for s in snoozes::list(conn).unwrap() {
                let r = current.iter().find(|r| r.key == s.key);
                prop_assert!(r.is_some_and(|r| r.since == s.since), "{} outlived its cause", s.key);
            }
            let list = reminders::due(conn, today()).unwrap();
            prop_assert_eq!(list.reminders.len() + list.snoozed, current.len());
            prop_assert_eq!(
                list.counts.overdue + list.counts.due + list.counts.upcoming,
                list.reminders.len()
            );
            for pair in list.reminders.windows(2) {
                prop_assert!(pair[0].level <= pair[1].level, "ranked by level");
            }
        }
    }
}

#[test]
fn an_active_goal_past_its_target_is_overdue_until_achieved_or_moved() {
    use candor_core::store::goals::{self, GoalInput, Status};
    let store = candor_core::Store::open_in_memory().unwrap();
    let conn = store.conn();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let ana = candor_core::store::people::create(
        conn,
        &candor_core::store::people::PersonInput {
            name: "Ana".into(),
            start_date: Some("2026-11-28".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let input = |target: &str| GoalInput {
        title: "Give a talk".into(),
        target_on: Some(target.into()),
        ..Default::default()
    };
    let goal = goals::create(conn, ana.id, &input("2026-11-29"), today).unwrap();
    let goal_keys = |conn: &rusqlite::Connection| -> Vec<String> {
        candor_core::reminders::due(conn, today)
            .unwrap()
            .reminders
            .into_iter()
            .map(|r| r.key)
            .filter(|k| k.starts_with("goal:"))
            .collect()
    };
    assert!(
        goal_keys(conn).is_empty(),
        "due today is not past its target"
    );
    goals::update(conn, goal.id, &input("2026-11-20")).unwrap();
    let list = candor_core::reminders::due(conn, today).unwrap();
    let reminder = list
        .reminders
        .iter()
        .find(|r| r.key == format!("goal:{}", goal.id))
        .expect("a goal reminder");
    assert_eq!(reminder.days, 9);
    assert!(
        reminder.reason.contains("passed its target 9 days ago"),
        "{}",
        reminder.reason
    );
    goals::set_status(conn, goal.id, Status::Achieved, today).unwrap();
    assert!(
        goal_keys(conn).is_empty(),
        "achieving it resolves the reminder"
    );
}
