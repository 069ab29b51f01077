//! The Due view end to end: overdue 1-on-1s and stale feedback, resolved
//! from the row itself, and snoozed.

use candor_core::store::feedback::{self, FeedbackInput};
use candor_core::store::one_on_ones::{self, NewOneOnOne};
use candor_core::store::people::{self, PersonInput};
use candor_core::Store;
use candor_e2e::{App, DataDir};
use chrono::{Duration, Local, NaiveDate};

/// A 1-on-1 with `who` held on `day`, recorded the usual way.
fn held(store: &Store, who: &people::Person, day: NaiveDate) {
    let conn = store.conn();
    let meeting = one_on_ones::start(
        conn,
        who.id,
        &NewOneOnOne {
            scheduled_at: format!("{day}T10:00"),
            template_id: None,
        },
    )
    .unwrap();
    one_on_ones::mark_held(
        conn,
        meeting.id,
        &day.to_string(),
        Local::now().date_naive(),
    )
    .unwrap();
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn an_overdue_one_on_one_vanishes_once_held_from_its_row_and_snoozing_hides_a_row() {
    let data = DataDir::new();
    let (ana, bo) = {
        let store = Store::open(data.db_path()).unwrap();
        let conn = store.conn();
        let today = Local::now().date_naive();
        let long_ago = (today - Duration::days(60)).to_string();
        let ana = people::create(
            conn,
            &PersonInput {
                name: "Ana Lima".into(),
                start_date: Some(long_ago.clone()),
                ..Default::default()
            },
        )
        .unwrap();
        let bo = people::create(
            conn,
            &PersonInput {
                name: "Bo Chen".into(),
                start_date: Some(long_ago),
                ..Default::default()
            },
        )
        .unwrap();
        people::create(
            conn,
            &PersonInput {
                name: "Chidi Okafor".into(),
                start_date: Some(today.to_string()),
                ..Default::default()
            },
        )
        .unwrap();
        for who in [&ana, &bo] {
            held(&store, who, today - Duration::days(30));
        }
        // Bo met recently; his redirecting draft is going stale.
        let recent = today - Duration::days(2);
        held(&store, &bo, recent);
        feedback::create(
            conn,
            bo.id,
            &FeedbackInput {
                kind: "redirecting".into(),
                observation: "the demo ran over".into(),
                observed_on: (today - Duration::days(5)).to_string(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        (ana.id.to_string(), bo.id.to_string())
    };

    let app = App::launch(&data);
    // Due is the home screen.
    app.wait_for("[data-route=due][aria-current=page]");
    let ana_row = format!("#due .due-row[data-key='one_on_one:{ana}']");
    let reason = app.wait_for_text(&ana_row, "Last 1-on-1 with Ana Lima was 30 days ago");
    assert!(reason.contains("cadence 7 days"), "{reason}");
    app.wait_for(&format!(
        "[data-level=overdue] .due-row[data-key='one_on_one:{ana}']"
    ));
    let feedback_row = "#due .due-row[data-kind=redirecting_feedback]";
    app.wait_for_text(feedback_row, "Bo Chen");
    assert!(
        app.texts("#due").join(" ").find("Chidi").is_none(),
        "someone added today owes nothing yet"
    );
    app.wait_for_text("#due-count", "2");
    app.screenshot("due");

    // Start and hold the 1-on-1 from the row: the reminder vanishes.
    app.wait_for(&format!("{ana_row} [data-action=start-one-on-one]"))
        .click();
    app.wait_for("#start-one-on-one button[type=submit]")
        .click();
    app.wait_for("[data-action=mark-held]").click();
    app.wait_for("#mark-held button[type=submit]").click();
    app.wait_for_text("#meeting-status .badge", "Held");
    app.wait_for("a[data-route=due]").click();
    app.wait_for_text(feedback_row, "Bo Chen");
    assert!(
        app.try_find(&ana_row).is_none(),
        "holding the 1-on-1 resolved its reminder"
    );
    app.wait_for_text("#due-count", "1");

    // Snooze the feedback reminder: hidden, counted as snoozed.
    app.wait_for(&format!("{feedback_row} [data-action=snooze]"))
        .click();
    app.wait_for("#snooze button[type=submit]").click();
    app.wait_until("the row to be hidden", || {
        app.try_find(feedback_row).is_none()
    });
    app.wait_for_text("[data-action=toggle-snoozed]", "1 snoozed");
    app.wait_for("#all-clear");
    app.wait_until("the badge to clear", || {
        app.try_find("#due-count[hidden]").is_some()
    });
    app.screenshot("due-all-clear");
    let _ = bo;
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn an_empty_journal_welcomes_and_can_be_tried_with_a_sample_team() {
    let data = DataDir::new();
    let app = App::launch(&data);
    app.wait_for_text("#welcome", "Start with the people you manage");
    app.screenshot("welcome");
    app.wait_for("#welcome [data-action=sample-team]").click();
    // The app reloads on the sample journal and lands on Due.
    app.wait_until("the sample team in the sidebar", || {
        app.texts("#team-list li").len() >= 6
    });
    app.wait_for("#due .due-row");
    let rows = app.texts("#due .due-row").len();
    assert!(rows > 0, "a two-year journal owes some conversations");
    app.screenshot("due-sample");
    app.go("#/people");
    app.wait_for("#people-list");
    app.screenshot("people-sample");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_long_group_shows_its_most_urgent_rows_until_asked_for_all() {
    let data = DataDir::new();
    {
        let store = Store::open(data.db_path()).unwrap();
        let conn = store.conn();
        let today = Local::now().date_naive();
        let long_ago = (today - Duration::days(90)).to_string();
        let met = today - Duration::days(30);
        for i in 1..=30 {
            let who = people::create(
                conn,
                &PersonInput {
                    name: format!("Person {i:02}"),
                    start_date: Some(long_ago.clone()),
                    ..Default::default()
                },
            )
            .unwrap();
            held(&store, &who, met);
        }
    }
    let app = App::launch(&data);
    app.wait_for("#due .due-overdue .due-row");
    assert_eq!(
        app.texts("#due .due-overdue .count"),
        vec!["30".to_owned()],
        "the group counts every reminder"
    );
    assert_eq!(app.texts("#due .due-overdue .due-row").len(), 25);
    let show_all = app.wait_for("#due [data-action=show-all-overdue]");
    assert_eq!(show_all.text(), "Show all 30");
    app.execute(
        "document.querySelector('#due [data-action=show-all-overdue]').scrollIntoView({block: 'center'})",
        serde_json::json!([]),
    );
    app.screenshot("due-long-group-collapsed");
    show_all.click();
    app.wait_until("every overdue row", || {
        app.texts("#due .due-overdue .due-row").len() == 30
    });
    assert!(app
        .try_find("#due [data-action=show-all-overdue]")
        .is_none());
}
