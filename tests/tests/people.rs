//! People, end to end through the real window: add, see, restart, edit,
//! archive, restore, and the error shown for an empty name.
//!
//! These need a display (Xvfb), tauri-driver and WebKitWebDriver, so they are
//! `#[ignore]`d for a plain `cargo test`; `./scripts/test` runs them with
//! `--ignored` under Xvfb.

use candor_e2e::{App, DataDir};

fn add_person(app: &App, name: &str, role: &str) {
    app.wait_for("[data-action=add-person]").click();
    app.wait_for("#add-person-dialog input[name=name]")
        .fill(name);
    app.wait_for("#add-person-dialog input[name=role]")
        .fill(role);
    app.wait_for("#add-person-dialog button[type=submit]")
        .click();
    app.wait_gone("#add-person-dialog");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_person_added_through_the_form_is_listed_and_survives_a_restart() {
    let data = DataDir::new();
    let app = App::launch(&data);
    app.go("#/people");
    app.wait_for_text(".empty h2", "Start with the people you manage");
    app.screenshot("people-empty");

    add_person(&app, "Ana Lima", "Senior engineer");
    // Adding opens their page, and the sidebar lists them at once.
    app.wait_for_text("#page-title", "Ana Lima");
    app.wait_for_text("#team-list", "Ana Lima");
    app.screenshot("person-added");

    app.go("#/people");
    let cards = app.wait_for_text("#people-list", "Ana Lima");
    assert!(
        cards.contains("Senior engineer"),
        "the card shows the role: {cards}"
    );
    app.screenshot("people-list");
    app.close();

    let app = App::launch(&data);
    app.go("#/people");
    app.wait_for_text("#people-list", "Ana Lima");
    app.wait_for_text("#team-list", "Ana Lima");
    app.screenshot("people-after-restart");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn an_empty_name_shows_the_error_next_to_the_field_and_adds_no_one() {
    let data = DataDir::new();
    let app = App::launch(&data);
    app.go("#/people");
    app.wait_for("[data-action=add-person]").click();
    app.wait_for("#add-person-dialog input[name=name]")
        .fill("   ");
    app.wait_for("#add-person-dialog button[type=submit]")
        .click();

    let message = app.wait_for_text(
        "#add-person-dialog [data-field=name] .field-error",
        "must not be empty",
    );
    assert_eq!(message.to_lowercase(), "name must not be empty");
    let name = app.wait_for("#add-person-dialog input[name=name]");
    assert_eq!(
        name.attribute("aria-invalid").as_deref(),
        Some("true"),
        "the field is marked invalid"
    );
    app.screenshot("person-empty-name-error");

    // Fixing the name clears the error and adds the person.
    name.fill("Bo Chen");
    app.wait_for("#add-person-dialog button[type=submit]")
        .click();
    app.wait_gone("#add-person-dialog");
    app.wait_for_text("#team-list", "Bo Chen");
    assert_eq!(
        app.texts("#team-list li").len(),
        1,
        "exactly one person was added"
    );
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_person_can_be_edited_archived_and_restored_from_their_page() {
    let data = DataDir::new();
    let app = App::launch(&data);
    app.go("#/people");
    add_person(&app, "Chidi Okafor", "Engineer");
    app.wait_for_text("#page-title", "Chidi Okafor");

    // Edit: a cadence out of range is refused in words, then fixed.
    app.wait_for("[data-action=edit-person]").click();
    let cadence = app.wait_for("form[data-form=person] input[name=cadence_days]");
    cadence.fill("400");
    app.wait_for("form[data-form=person] button[type=submit]")
        .click();
    let error = app.wait_for_text(
        "[data-field=cadence_days] .field-error",
        "between 1 and 365",
    );
    assert!(error.contains("(got 400)"), "{error}");
    app.screenshot("person-edit-error");

    cadence.fill("14");
    app.wait_for("form[data-form=person] input[name=team]")
        .fill("Payments");
    app.wait_for("form[data-form=person] button[type=submit]")
        .click();
    app.wait_for_text(".card .badge", "Fortnightly");
    app.wait_for_text("#page-kicker", "Engineer · Payments");
    app.screenshot("person-profile");

    // Archive: gone from the sidebar, listed under Archived.
    app.wait_for("[data-action=archive-person]").click();
    app.wait_for("[data-action=restore-person]");
    app.wait_for_text("#team-list", "No one yet");
    app.go("#/people");
    app.wait_for_text("#archived-list", "Chidi Okafor");
    assert!(
        app.try_find("#people-list").is_none(),
        "no active people remain"
    );

    // Restore from their page.
    app.wait_for("#archived-list a").click();
    app.wait_for("[data-action=restore-person]").click();
    app.wait_for("[data-action=archive-person]");
    app.wait_for_text("#team-list", "Chidi Okafor");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn settings_shows_the_journal_file_in_use() {
    let data = DataDir::new();
    let app = App::launch(&data);
    app.wait_for("a[data-route=settings]").click();
    let path = app.wait_for_text("#db-path", "candor.db");
    assert_eq!(path, data.db_path().display().to_string());
    app.screenshot("settings");
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_team_prepared_by_core_is_listed_in_order_with_archived_people_apart() {
    use candor_core::store::people::{self, PersonInput};
    let data = DataDir::new();
    {
        let store = candor_core::Store::open(data.db_path()).unwrap();
        let team = [
            (
                "Ana Lima",
                "Senior engineer",
                "Payments",
                14,
                Some("private"),
                "Prefers a written heads-up before we talk.",
            ),
            (
                "Émile Laurent",
                "Engineer",
                "Payments",
                7,
                Some("public"),
                "",
            ),
            ("Bo Chen", "Tech lead", "Platform", 7, None, ""),
            ("Dara Okoye", "Engineer", "Platform", 7, Some("private"), ""),
            (
                "Farah Haddad",
                "Staff engineer",
                "Platform",
                28,
                Some("public"),
                "",
            ),
            ("Chidi Okafor", "Engineer", "Payments", 7, None, ""),
        ];
        for (name, role, team, cadence, recognition, prefs) in team {
            people::create(
                store.conn(),
                &PersonInput {
                    name: name.into(),
                    role: role.into(),
                    team: team.into(),
                    cadence_days: Some(cadence),
                    recognition: recognition.map(Into::into),
                    feedback_preferences: prefs.into(),
                    start_date: Some("2024-03-04".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let chidi = people::list(store.conn(), people::Scope::Active)
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Chidi Okafor")
            .unwrap();
        people::set_archived(store.conn(), chidi.id, true).unwrap();
    }

    let app = App::launch(&data);
    app.go("#/people");
    app.wait_for_text("#people-list", "Ana Lima");
    let names = app.texts("#people-list .name");
    assert_eq!(
        names,
        [
            "Ana Lima",
            "Bo Chen",
            "Dara Okoye",
            "Émile Laurent",
            "Farah Haddad"
        ],
        "active people, by name ignoring accents"
    );
    assert_eq!(app.texts("#archived-list .name"), ["Chidi Okafor"]);
    assert_eq!(
        app.texts("#team-list li").len(),
        5,
        "the sidebar lists the active team"
    );
    app.screenshot("team");

    app.wait_for("#people-list a").click();
    app.wait_for_text("#page-title", "Ana Lima");
    app.wait_for_text(".facts", "Prefers a written heads-up");
    app.screenshot("person");
}
