//! Conflicts and coaching questions end to end.

use candor_core::store::one_on_ones::{self, NewOneOnOne};
use candor_core::store::people::{self, PersonInput};
use candor_core::validate::parse_uuid;
use candor_e2e::{App, DataDir};
use serde_json::json;

fn seed(data: &DataDir, names: &[&str]) -> Vec<String> {
    let store = candor_core::Store::open(data.db_path()).unwrap();
    names
        .iter()
        .map(|name| {
            people::create(
                store.conn(),
                &PersonInput {
                    name: (*name).into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .id
            .to_string()
        })
        .collect()
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_conflict_between_two_people_is_surfaced_updated_and_resolved() {
    let data = DataDir::new();
    let ids = seed(&data, &["Ana Lima", "Bo Chen", "Chidi Okafor"]);
    let app = App::launch(&data);
    app.go("#/conflicts");
    app.wait_for("[data-action=new-conflict]").click();
    app.wait_for("#conflict-form input[name=title]")
        .fill("Ownership of the release process");
    for id in &ids[..2] {
        app.wait_for(&format!("#conflict-form input[name=party][value='{id}']"))
            .click();
    }
    app.wait_for("#conflict-form input[name=outsiders]")
        .fill("Priya (Platform team)");
    app.wait_for("#conflict-form input[name=next_step]")
        .fill("Talk to both, separately");
    app.wait_for("#conflict-form textarea[name=description]")
        .fill("Both want to own **releases**; handovers are getting tense.");
    app.wait_for("#conflict-form button[type=submit]").click();

    app.wait_for_text("#page-title", "Ownership of the release process");
    let parties = app.texts("#conflict-parties .party");
    assert_eq!(parties, ["Ana Lima", "Bo Chen", "Priya (Platform team)"]);
    app.wait_for_text("#conflict-description", "Both want to own releases");

    app.wait_for("[data-action=add-update]").click();
    app.wait_for("#conflict-update textarea[name=note]")
        .fill("Talked to Ana: she wants to keep the on-call part.");
    app.wait_for("#conflict-update button[type=submit]").click();
    app.wait_for_text("#conflict-timeline", "she wants to keep the on-call part");

    // Resolving asks for a resolution, in words, and changes nothing without one.
    app.wait_for("[data-action=resolve-conflict]").click();
    app.wait_for("#resolve-conflict button[type=submit]")
        .click();
    let error = app.wait_for_text(
        "#resolve-conflict [data-field=resolution] .field-error",
        "resolution",
    );
    assert!(
        error.to_lowercase().contains("needs a resolution"),
        "{error}"
    );
    app.wait_for("#resolve-conflict textarea[name=resolution]")
        .fill("Ana owns on-call, Bo owns the release train; weekly sync.");
    app.wait_for("#resolve-conflict button[type=submit]")
        .click();
    app.wait_for_text("#conflict-resolution", "Ana owns on-call");
    app.wait_for_text(".conflict-page .badge", "Resolved");
    app.screenshot("conflict-page");

    // Listed on each party's page, and not on the bystander's.
    app.go(&format!("#/people/{}", ids[1]));
    app.wait_for_text("#person-conflicts", "Ownership of the release process");
    app.go(&format!("#/people/{}", ids[2]));
    app.wait_for_text("#person-conflicts-card", "Not a party to any conflict");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn in_a_one_on_one_a_suggested_question_is_asked_and_the_next_suggestion_moves_on() {
    let data = DataDir::new();
    let ids = seed(&data, &["Ana Lima", "Bo Chen"]);
    let meeting = {
        let store = candor_core::Store::open(data.db_path()).unwrap();
        let ana = parse_uuid("id", "person", &ids[0]).unwrap();
        let today = chrono::Local::now().date_naive();
        // An open conflict involving Ana, to update from the 1-on-1.
        candor_core::store::conflicts::create(
            store.conn(),
            &candor_core::store::conflicts::ConflictInput {
                title: "Code review tone".into(),
                parties: vec![
                    candor_core::store::conflicts::PartyInput::person(ana),
                    candor_core::store::conflicts::PartyInput::person(
                        parse_uuid("id", "person", &ids[1]).unwrap(),
                    ),
                ],
                surfaced_on: today.to_string(),
                ..Default::default()
            },
        )
        .unwrap();
        one_on_ones::start(
            store.conn(),
            ana,
            &NewOneOnOne {
                scheduled_at: format!("{today}T10:00"),
                template_id: None,
            },
        )
        .unwrap()
        .id
        .to_string()
    };
    let app = App::launch(&data);
    app.go(&format!("#/one-on-ones/{meeting}"));

    // The open conflict is there, and an update can be written from here.
    app.wait_for_text("#meeting-open-conflicts", "Code review tone");
    app.wait_for("[data-action=conflict-update-here]").click();
    app.wait_for("#conflict-update textarea[name=note]")
        .fill("Ana agreed to try comment prefixes (nit:, blocking:).");
    app.wait_for("#conflict-update button[type=submit]").click();
    app.wait_until("the update to be saved", || {
        app.try_find("#conflict-update").is_none()
    });

    // Choose a category and take the first suggestion.
    app.execute(
        "const s = document.querySelector('#coach-category'); s.value = 'options'; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    app.wait_until("option suggestions", || {
        app.texts("#suggested-questions .suggestion-text").len() == 3
    });
    let first = app.texts("#suggested-questions .suggestion-text")[0].clone();
    assert!(app.texts("#suggested-questions .age")[0].contains("Never asked"));
    app.screenshot("one-on-one-coaching");
    app.wait_for("#suggested-questions li:first-child [data-action=ask-question]")
        .click();
    app.wait_for("#ask-question textarea[name=answer]")
        .fill("She tried pairing; next she wants to write a short guide.");
    app.wait_for("#ask-question button[type=submit]").click();
    app.wait_for_text("#asked-here", "write a short guide");

    // The next suggestion for Ana moves on to a different question.
    app.wait_until("suggestions to move on", || {
        let now = app.texts("#suggested-questions .suggestion-text");
        now.len() == 3 && !now.contains(&first)
    });

    // Bo was not asked: his first suggestion in the category is still that one.
    let store = candor_core::Store::open(data.db_path()).unwrap();
    let bo = parse_uuid("id", "person", &ids[1]).unwrap();
    let today = chrono::Local::now().date_naive();
    let for_bo =
        candor_core::store::questions::suggest(store.conn(), bo, &["options"], today, 1).unwrap();
    assert_eq!(for_bo[0].question.text, first, "suggestions are per person");
    let updates: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM conflict_updates WHERE one_on_one_id = ?1",
            [&meeting],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(updates, 1, "the update is tied to the 1-on-1");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn the_question_bank_is_browsed_searched_extended_and_pruned() {
    let data = DataDir::new();
    seed(&data, &["Ana Lima"]);
    let app = App::launch(&data);
    app.go("#/questions");
    app.wait_for_text("#question-bank", "What have you tried?");
    assert!(app
        .texts("#question-bank")
        .join(" ")
        .contains("What would you do if I weren't here?"));

    app.wait_for("[data-category=career]").click();
    app.wait_until("only career questions", || {
        app.execute("return [...document.querySelectorAll('[data-category-group]')].map(e => e.dataset.categoryGroup)", json!([])) == json!(["career"])
    });
    app.wait_for("[data-category='']").click();
    app.wait_for("#question-search").type_text("tried");
    app.wait_until("the search to narrow the bank", || {
        app.texts("#question-bank .question-text") == ["What have you tried?"]
    });
    app.execute(
        "const s = document.querySelector('#question-search'); s.value = ''; s.dispatchEvent(new Event('input'));",
        json!([]),
    );
    app.wait_until("the whole bank again", || {
        app.texts("#question-bank .question-text").len() > 40
    });

    app.wait_for("[data-action=new-question]").click();
    app.wait_for("#question-editor input[name=text]")
        .fill("What would make next week easier?");
    app.execute(
        "document.querySelector('#question-editor select[name=category]').value = 'support';",
        json!([]),
    );
    app.wait_for("#question-editor button[type=submit]").click();
    app.wait_for_text(
        "[data-category-group=support]",
        "What would make next week easier?",
    );

    // Built-ins can be retired but never deleted.
    let row = app.execute(
        "return [...document.querySelectorAll('.question-row')].find(r => r.querySelector('.question-text').textContent === 'What have you tried?').dataset.questionId",
        json!([]),
    );
    let row = format!(
        ".question-row[data-question-id='{}']",
        row.as_str().unwrap()
    );
    assert!(app
        .try_find(&format!("{row} [data-action=delete-question]"))
        .is_none());
    app.wait_for(&format!("{row} [data-action=retire-question]"))
        .click();
    app.wait_until("the retired question to leave the bank", || {
        app.try_find(&row).is_none()
    });
    app.wait_for("#show-retired").click();
    app.wait_for_text(&row, "Retired");
    app.screenshot("question-bank");
}
