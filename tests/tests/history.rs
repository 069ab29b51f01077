//! Growth history end to end: search, the person timeline with its mood
//! chart, goals.

use candor_core::store::feedback::{self, FeedbackInput};
use candor_core::store::goals::{self, CheckinInput, GoalInput};
use candor_core::store::one_on_ones::{self, NewOneOnOne, TextField};
use candor_core::store::people::{self, PersonInput};
use candor_e2e::{App, DataDir};
use chrono::{Duration, Local};
use serde_json::json;

/// Ana with eight months of weekly 1-on-1s (moods, outcomes), feedback and
/// a goal with check-ins; Bo with a little.
fn seed(data: &DataDir) -> (String, String) {
    let store = candor_core::Store::open(data.db_path()).unwrap();
    let conn = store.conn();
    let today = Local::now().date_naive();
    let ana = people::create(
        conn,
        &PersonInput {
            name: "Ana Lima".into(),
            role: "Senior engineer".into(),
            team: "Payments".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let bo = people::create(
        conn,
        &PersonInput {
            name: "Bo Chen".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let moods = [
        3, 3, 4, 2, 3, 4, 4, 5, 3, 4, 2, 2, 3, 4, 4, 5, 4, 3, 4, 4, 5, 4, 3, 4, 5, 4, 4, 5, 4, 5,
        4, 4, 5, 5,
    ];
    for (i, mood) in moods.iter().enumerate() {
        let date = today - Duration::weeks(moods.len() as i64 - i as i64);
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
            &format!("Agreed next steps for sprint {}", i + 1),
        )
        .unwrap();
        one_on_ones::set_mood(conn, m.id, Some(*mood)).unwrap();
        one_on_ones::mark_held(conn, m.id, &date.to_string(), today).unwrap();
    }
    let observed = (today - Duration::days(3)).to_string();
    feedback::create(
        conn,
        ana.id,
        &FeedbackInput {
            kind: "reinforcing".into(),
            context: "the incident review".into(),
            observation: "you walked everyone through the idempotency keys calmly".into(),
            impact: "the team understood the fix in ten minutes".into(),
            observed_on: observed.clone(),
            tags: vec!["communication".into()],
            ..Default::default()
        },
        today,
    )
    .unwrap();
    let goal = goals::create(
        conn,
        ana.id,
        &GoalInput {
            title: "Lead the ledger migration".into(),
            why: "step towards staff".into(),
            measure: "migration done with no data loss".into(),
            target_on: Some((today + Duration::days(60)).to_string()),
        },
        today - Duration::days(90),
    )
    .unwrap();
    goals::add_checkin(
        conn,
        goal.id,
        &CheckinInput {
            noted_on: (today - Duration::days(30)).to_string(),
            note: "design doc approved".into(),
            progress: Some(40),
            one_on_one_id: None,
        },
    )
    .unwrap();
    for n in 1..=10 {
        candor_core::store::action_items::add(
            conn,
            ana.id,
            &candor_core::store::action_items::ActionItemInput {
                text: format!("Follow-up task {n}"),
                owner: "them".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    feedback::create(
        conn,
        bo.id,
        &FeedbackInput {
            kind: "redirecting".into(),
            observation: "idempotency was skipped in review".into(),
            observed_on: observed,
            ..Default::default()
        },
        today,
    )
    .unwrap();
    (ana.id.to_string(), bo.id.to_string())
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn search_finds_a_word_from_a_feedback_draft_and_opens_it() {
    let data = DataDir::new();
    seed(&data);
    let app = App::launch(&data);
    app.wait_for("a[data-route=search]").click();
    app.wait_for("#search-input").type_text("idempot");
    app.wait_for_text("[data-kind-group=feedback]", "Feedback");
    let hits = app.texts("[data-kind-group=feedback] .hit");
    assert_eq!(
        hits.len(),
        2,
        "both people's feedback match the prefix: {hits:?}"
    );
    let marked = app.texts("[data-kind-group=feedback] .hit mark");
    assert!(
        marked
            .iter()
            .all(|m| m.to_lowercase().starts_with("idempot")),
        "{marked:?}"
    );
    app.screenshot("search");

    // Filter to Ana, then open her feedback in the composer.
    app.execute(
        "const s = document.querySelector('#search-person'); s.value = [...s.options].find(o => o.text === 'Ana Lima').value; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    app.wait_until("only Ana's hit", || {
        app.texts("[data-kind-group=feedback] .hit").len() == 1
    });
    app.wait_for("[data-kind-group=feedback] .hit").click();
    app.wait_for_text("#page-title", "Feedback for Ana Lima");
    assert_eq!(
        app.wait_for("#fb-observation").property("value"),
        json!("you walked everyone through the idempotency keys calmly")
    );
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_persons_timeline_shows_the_mood_chart_and_filters_by_kind() {
    let data = DataDir::new();
    let (ana, _) = seed(&data);
    let app = App::launch(&data);
    app.go(&format!("#/people/{ana}"));
    app.wait_for_text("#goals-card", "Lead the ledger migration");
    app.wait_for("[data-tab=timeline]").click();
    app.wait_for("#mood-chart svg polyline");
    let dots = app.execute(
        "return document.querySelectorAll('#mood-chart svg circle').length",
        json!([]),
    );
    assert_eq!(
        dots,
        json!(34),
        "one dot per held 1-on-1 with a mood in the last 12 months"
    );
    app.wait_for_text("#counts-strip", "of 52 at their cadence");
    let strip = app.texts("#counts-strip .stat-value");
    assert_eq!(strip[0], "34");
    app.wait_for_text("#timeline", "Follow-up task");
    assert!(
        app.texts("#timeline .timeline-entry").len() <= 40,
        "one page at a time"
    );
    app.screenshot("timeline");

    app.wait_for(".kind-chip[data-kind=feedback]").click();
    app.wait_until("only feedback", || {
        let kinds = app.execute("return [...document.querySelectorAll('#timeline .timeline-entry')].map(e => e.dataset.kind)", json!([]));
        kinds == json!(["feedback"])
    });
    app.wait_for(".kind-chip[data-kind=feedback]").click();
    app.wait_for(".kind-chip[data-kind=goal_checkin]").click();
    app.wait_for_text("#timeline", "design doc approved");

    // Paging: the full history arrives a page at a time.
    app.wait_for(".kind-chip[data-kind=goal_checkin]").click();
    app.execute("const s = document.querySelector('#range'); s.value = 'all'; s.dispatchEvent(new Event('change'));", json!([]));
    app.wait_for("#timeline-more:not([hidden])").click();
    app.wait_until("the second page", || {
        app.texts("#timeline .timeline-entry").len() > 40
    });
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_review_packet_is_previewed_for_a_period_and_the_prep_sheet_shows_what_is_open() {
    let data = DataDir::new();
    let (ana, _) = seed(&data);
    let app = App::launch(&data);
    app.go(&format!("#/people/{ana}"));
    app.wait_for("[data-tab=review]").click();
    let preview = app.wait_for_text("#review-preview", "Feedback given");
    for section in ["1-on-1", "Goals", "Conflicts", "Coaching"] {
        assert!(
            preview.contains(section),
            "the packet has a {section} section: {preview}"
        );
    }
    assert!(
        preview.contains("Agreed next steps for sprint 34"),
        "1-on-1 outcomes in the period are listed"
    );
    assert!(
        preview.contains("Lead the ledger migration"),
        "goals are listed"
    );
    app.screenshot("review-packet");

    // A reversed range is refused in words and nothing is shown.
    app.execute(
        "const f = document.querySelector('#review-from'); f.value = '2026-12-31'; f.dispatchEvent(new Event('change'));
         const t = document.querySelector('#review-to'); t.value = '2026-01-01'; t.dispatchEvent(new Event('change'));",
        json!([]),
    );
    app.wait_for_text(
        ".review-bar ~ .card-foot .form-error, .card-foot .form-error",
        "after it ends",
    );

    app.wait_for("[data-tab=overview]").click();
    app.wait_for("[data-action=prep-sheet]").click();
    let sheet = app.wait_for_text("#prep-sheet", "Follow-up task");
    assert!(
        sheet.contains("Lead the ledger migration"),
        "active goals are in the prep sheet: {sheet}"
    );
    app.screenshot("prep-sheet");
}
