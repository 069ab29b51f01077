//! Feedback end to end: a redirecting draft gets checks while typing, is
//! fixed, marked ready, and delivered in the person's next 1-on-1.

use candor_core::store::one_on_ones::{self, NewOneOnOne};
use candor_core::store::people::{self, PersonInput};
use candor_e2e::{App, DataDir};
use serde_json::json;

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_redirecting_draft_is_checked_fixed_made_ready_and_delivered_in_the_next_one_on_one() {
    let data = DataDir::new();
    let (ana, meeting) = {
        let store = candor_core::Store::open(data.db_path()).unwrap();
        let ana = people::create(
            store.conn(),
            &PersonInput {
                name: "Ana Lima".into(),
                role: "Senior engineer".into(),
                recognition: Some("private".into()),
                feedback_medium: Some("spoken".into()),
                feedback_preferences: "Straight to the point, in our 1-on-1.".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let today = chrono::Local::now().date_naive();
        let meeting = one_on_ones::start(
            store.conn(),
            ana.id,
            &NewOneOnOne {
                scheduled_at: format!("{today}T09:00"),
                template_id: None,
            },
        )
        .unwrap();
        (ana.id.to_string(), meeting.id.to_string())
    };

    let app = App::launch(&data);
    app.go(&format!("#/people/{ana}"));
    app.wait_for("[data-action=new-feedback]").click();
    app.wait_for_text("#page-title", "Feedback for Ana Lima");
    app.wait_for_text("#feedback-preferences", "Straight to the point");
    assert_eq!(
        app.wait_for("input[name=kind][value=redirecting]")
            .property("checked"),
        json!(true),
        "a new draft starts as redirecting"
    );

    app.wait_for("#fb-observation")
        .type_text("you always interrupt people");
    app.wait_for("#fb-impact")
        .type_text("Sam stopped sharing her ideas");
    let absolute = app.wait_for_text("#checks-observation [data-check=absolute] mark", "always");
    assert_eq!(absolute, "always");
    app.wait_for("#checks-observation [data-check=no_situation]");
    app.wait_for("#checks-next_time [data-check=empty_next_time]");
    app.wait_for_text(
        "#feedback-preview",
        "I noticed you always interrupt people.",
    );
    app.wait_for_text("#feedback-save-status", "Draft saved");
    app.screenshot("feedback-composer-checks");

    // Fix it: a situation, a moment instead of "always", a next step.
    app.wait_for("#fb-context")
        .type_text("Tuesday's design review");
    app.wait_for("#fb-observation")
        .fill("you interrupted Sam twice while she presented");
    app.wait_for("#fb-next_time")
        .type_text("letting people finish, then adding your point");
    app.wait_for_text("#checks-summary", "ready to say");
    assert!(
        app.texts(".check").is_empty(),
        "every check cleared: {:?}",
        app.texts(".check")
    );
    app.wait_for_text(
        "#feedback-preview",
        "In Tuesday's design review, I noticed you interrupted Sam twice while she presented. The impact was Sam stopped sharing her ideas. Next time, consider letting people finish, then adding your point.",
    );
    app.wait_for_text("#feedback-save-status", "Draft saved");
    app.screenshot("feedback-composer-clear");

    app.wait_for("[data-action=mark-ready]").click();
    app.wait_for_text("#feedback-status .badge", "Ready");

    // The next 1-on-1 lists it; delivering there fills the day and the 1-on-1.
    app.go(&format!("#/one-on-ones/{meeting}"));
    app.wait_for_text("#feedback-to-deliver", "you interrupted Sam twice");
    app.screenshot("one-on-one-feedback-to-deliver");
    app.wait_for("#feedback-to-deliver [data-action=deliver-here]")
        .click();
    app.wait_for_text("#feedback-delivered-here", "you interrupted Sam twice");
    assert!(
        app.try_find("#feedback-to-deliver li").is_none(),
        "nothing left to deliver"
    );

    app.go(&format!("#/people/{ana}"));
    let history = app.wait_for_text("#person-feedback", "Delivered");
    assert!(history.contains("you interrupted Sam twice"), "{history}");
    app.screenshot("person-feedback-history");

    let store = candor_core::Store::open(data.db_path()).unwrap();
    let (status, delivered_in): (String, String) = store
        .conn()
        .query_row("SELECT status, delivered_in FROM feedback", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(
        (status.as_str(), delivered_in.as_str()),
        ("delivered", meeting.as_str())
    );
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn marking_ready_without_an_observation_is_refused_in_words() {
    let data = DataDir::new();
    let ana = {
        let store = candor_core::Store::open(data.db_path()).unwrap();
        people::create(
            store.conn(),
            &PersonInput {
                name: "Ana".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id
        .to_string()
    };
    let app = App::launch(&data);
    app.go(&format!("#/feedback/new/{ana}"));
    app.wait_for("#fb-impact").type_text("the release slipped");
    app.wait_for_text("#feedback-save-status", "Draft saved");
    app.wait_for("[data-action=mark-ready]").click();
    let error = app.wait_for_text(".composer .form-error", "observation");
    assert!(
        error.to_lowercase().contains("write the observation first"),
        "{error}"
    );
    assert_eq!(
        app.wait_for("#fb-observation")
            .attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    app.wait_for_text("#feedback-status .badge", "Draft");

    // The team list shows the draft, drafts first.
    app.go("#/feedback");
    app.wait_for_text("[data-group=draft]", "the release slipped");
    app.screenshot("feedback-team-list");
}
