//! Commands through Tauri's mock runtime: what the UI receives for a success
//! and for a refusal, serialized exactly as it crosses IPC.

mod harness;

use candor_app::AppState;
use harness::{harness, harness_with, PROGRESS};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, INVOKE_KEY};
use tauri::webview::InvokeRequest;

#[test]
fn create_person_returns_the_stored_person_as_json() {
    let h = harness();
    let person = h
        .invoke(
            "create_person",
            json!({ "input": { "name": "  Ana Lima ", "cadence_days": 14, "start_date": "2024-03-04", "recognition": "private" } }),
        )
        .expect("a valid person is created");
    assert_eq!(person["name"], "Ana Lima", "names are trimmed");
    assert_eq!(person["cadence_days"], 14);
    assert_eq!(person["start_date"], "2024-03-04");
    assert_eq!(person["recognition"], "private");
    assert_eq!(person["archived"], false);
    assert!(
        person["id"].as_str().is_some_and(|id| id.len() == 36),
        "a UUID id: {person}"
    );

    let listed = h.invoke("list_people", json!({})).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["id"], person["id"]);
}

#[test]
fn a_validation_error_arrives_as_code_message_and_field() {
    let h = harness();
    let err = h
        .invoke("create_person", json!({ "input": { "name": "   " } }))
        .expect_err("an empty name is refused");
    assert_eq!(
        err,
        json!({ "code": "invalid_input", "message": "name must not be empty", "field": "name" })
    );
    let listed = h.invoke("list_people", json!({ "scope": "all" })).unwrap();
    assert_eq!(listed, json!([]), "nothing was written");
}

#[test]
fn an_unknown_or_malformed_id_is_a_readable_error() {
    let h = harness();
    let ghost = "0b7c8a56-2f0e-4c3e-9f6e-1d2a3b4c5d6e";
    let err = h.invoke("get_person", json!({ "id": ghost })).unwrap_err();
    assert_eq!(err["code"], "not_found");
    assert_eq!(err["message"], format!("no person with id {ghost}"));
    assert!(
        err.get("field").is_none(),
        "not-found names no input field: {err}"
    );

    let err = h
        .invoke(
            "set_person_archived",
            json!({ "id": "not-an-id", "archived": true }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["message"], "\"not-an-id\" is not a valid person id");
}

#[test]
fn archive_and_update_round_trip_through_ipc() {
    let h = harness();
    let person = h
        .invoke("create_person", json!({ "input": { "name": "Bo" } }))
        .unwrap();
    let id = person["id"].clone();
    let archived = h
        .invoke("set_person_archived", json!({ "id": id, "archived": true }))
        .unwrap();
    assert_eq!(archived["archived"], true);
    assert_eq!(
        h.invoke("list_people", json!({ "scope": "active" }))
            .unwrap(),
        json!([])
    );

    let updated = h
        .invoke(
            "update_person",
            json!({ "id": id, "input": { "name": "Bo Chen", "team": "Core" } }),
        )
        .unwrap();
    assert_eq!(updated["name"], "Bo Chen");
    assert_eq!(updated["team"], "Core");
    assert_eq!(updated["archived"], true, "editing does not restore");
}

#[test]
fn app_info_reports_the_journal_path_and_schema() {
    let h = harness();
    let info = h.invoke("app_info", json!({})).unwrap();
    assert_eq!(info["db_path"], "memory.db");
    assert_eq!(info["schema_version"], candor_core::store::SCHEMA_VERSION);
    assert_eq!(info["journal_error"], Value::Null);
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn a_journal_that_cannot_open_is_reported_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("notes.txt");
    std::fs::write(
        &bogus,
        "this is not a database, just some notes\n".repeat(100),
    )
    .unwrap();
    let h = harness_with(AppState::open(bogus.clone()));

    let info = h.invoke("app_info", json!({})).unwrap();
    assert_eq!(info["journal_error"]["code"], "not_a_journal");
    assert!(info["journal_error"]["message"]
        .as_str()
        .unwrap()
        .ends_with("is not a Candor journal: the file is not a SQLite database"));
    let err = h.invoke("list_people", json!({})).unwrap_err();
    assert_eq!(err["code"], "not_a_journal");
}

#[test]
fn the_capabilities_grant_nothing_to_remote_pages_or_unknown_commands() {
    let h = harness();
    let remote = get_ipc_response(
        &h.window,
        InvokeRequest {
            cmd: "list_people".into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "https://example.com".parse().unwrap(),
            body: InvokeBody::Json(json!({})),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    );
    let refusal = remote.expect_err("a remote page may not read the journal");
    assert!(
        refusal.as_str().is_some_and(|m| m.contains("not allowed")),
        "{refusal}"
    );

    let refusal = h
        .invoke("plugin:fs|read_text_file", json!({ "path": "/etc/passwd" }))
        .expect_err("no file-system plugin is granted");
    assert!(
        refusal
            .as_str()
            .is_some_and(|m| m.contains("not allowed") || m.contains("not found")),
        "{refusal}"
    );
}

#[test]
fn a_one_on_one_round_trips_with_its_agenda_and_rendered_notes() {
    let h = harness();
    let person = h
        .invoke("create_person", json!({ "input": { "name": "Ana" } }))
        .unwrap();
    let meeting = h
        .invoke(
            "start_one_on_one",
            json!({
                "person_id": person["id"],
                "input": { "scheduled_at": "2026-11-02T10:00", "template_id": "6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0001" }
            }),
        )
        .expect("a 1-on-1 starts");
    assert_eq!(meeting["status"], "scheduled");
    assert_eq!(meeting["scheduled_at"], "2026-11-02T10:00");

    let saved = h
        .invoke(
            "save_one_on_one_text",
            json!({ "id": meeting["id"], "field": "notes", "text": "**bold** <img src=x onerror=alert(1)>" }),
        )
        .unwrap();
    let html = saved["html"].as_str().unwrap();
    assert!(html.contains("<strong>bold</strong>"), "{html}");
    assert!(!html.contains("<img"), "no image tag survives: {html}");

    let detail = h
        .invoke("get_one_on_one", json!({ "id": meeting["id"] }))
        .unwrap();
    assert_eq!(detail["person"]["name"], "Ana");
    assert_eq!(detail["agenda"].as_array().map(Vec::len), Some(3));
    assert_eq!(detail["agenda"][0]["raised_by"], "them");
    assert_eq!(detail["notes_html"], saved["html"]);

    let err = h
        .invoke(
            "set_one_on_one_mood",
            json!({ "id": meeting["id"], "mood": 9 }),
        )
        .unwrap_err();
    assert_eq!(
        err,
        json!({ "code": "invalid_input", "message": "mood must be between 1 and 5 (got 9)", "field": "mood" })
    );
    let err = h
        .invoke(
            "mark_one_on_one_held",
            json!({ "id": meeting["id"], "held_on": "2999-01-01" }),
        )
        .unwrap_err();
    assert_eq!(err["field"], "held_on");
}

#[test]
fn the_due_list_and_snooze_errors_cross_ipc_in_their_documented_shape() {
    let h = harness();
    let list = h.invoke("due_list", json!({})).unwrap();
    for key in ["today", "reminders", "counts", "snoozed"] {
        assert!(list.get(key).is_some(), "the due list has {key}: {list}");
    }
    assert_eq!(
        list["counts"],
        json!({ "overdue": 0, "due": 0, "upcoming": 0 })
    );
    let err = h
        .invoke(
            "snooze_reminder",
            json!({ "key": "one_on_one:nobody", "until": "2999-01-01" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input", "{err}");
    assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()));

    let settings = h.invoke("get_settings", json!({})).unwrap();
    assert_eq!(settings["stale_feedback_days"], 2);
    let err = h
        .invoke(
            "update_settings",
            json!({ "input": { "quiet_conflict_days": 0 } }),
        )
        .unwrap_err();
    assert_eq!(err["field"], "quiet_conflict_days");
}

#[test]
fn confirming_an_import_before_choosing_a_file_is_refused_without_a_field() {
    let h = harness();
    let err = h
        .invoke("confirm_import", json!({ "on_progress": PROGRESS }))
        .expect_err("nothing was chosen");
    assert_eq!(
        err,
        json!({ "code": "invalid_input", "message": "choose a file to import first" }),
        "no form input is at fault, so no field is named"
    );
}
