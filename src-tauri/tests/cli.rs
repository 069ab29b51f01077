//! The headless CLI, run as a real process on journals prepared by core.

use std::path::Path;
use std::process::{Command, Output};

use candor_core::people::{self, PersonInput};
use candor_core::Store;
use serde_json::Value;

fn candor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(args)
        .env_remove("CANDOR_DB")
        // Never touch the developer's own journal.
        .env("XDG_DATA_HOME", "/nonexistent/candor-cli-test")
        .output()
        .expect("the candor binary runs")
}

fn prepared_journal(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("journal.db");
    let store = Store::open(&path).unwrap();
    people::create(
        store.conn(),
        &PersonInput {
            name: "Ana Lima".into(),
            role: "Senior engineer".into(),
            cadence_days: Some(14),
            ..Default::default()
        },
    )
    .unwrap();
    let bo = people::create(
        store.conn(),
        &PersonInput {
            name: "Bo Chen".into(),
            ..Default::default()
        },
    )
    .unwrap();
    people::set_archived(store.conn(), bo.id, true).unwrap();
    path
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn people_list_json_prints_the_people_core_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_journal(dir.path());
    let output = candor(&["--db", db.to_str().unwrap(), "people", "list", "--json"]);
    assert!(output.status.success(), "{output:?}");
    let list: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 1, "archived people are left out by default");
    assert_eq!(list[0]["name"], "Ana Lima");
    assert_eq!(list[0]["cadence_days"], 14);

    let output = candor(&[
        "--db",
        db.to_str().unwrap(),
        "people",
        "list",
        "--json",
        "--all",
    ]);
    let list: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let names: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].clone())
        .collect();
    assert_eq!(names, ["Ana Lima", "Bo Chen"]);
}

#[test]
fn people_list_prints_a_table_and_honours_candor_db() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_journal(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(["people", "list", "--all"])
        .env("CANDOR_DB", &db)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("NAME"), "{text}");
    assert!(
        lines[1].starts_with("Ana Lima")
            && lines[1].contains("14 days")
            && lines[1].ends_with("active"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("Bo Chen") && lines[2].ends_with("archived"),
        "{text}"
    );
}

#[test]
fn version_and_help_work_without_a_display() {
    let output = candor(&["--version"]);
    assert!(output.status.success());
    assert_eq!(
        stdout(&output).trim(),
        format!("candor {}", env!("CARGO_PKG_VERSION"))
    );

    for args in [
        &["--help"][..],
        &["people", "--help"],
        &["people", "list", "--help"],
    ] {
        let output = candor(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        assert!(stdout(&output).contains("Usage: candor"), "{args:?}");
    }
    assert!(stdout(&candor(&["people", "list", "--help"])).contains("--json"));
}

#[test]
fn errors_exit_non_zero_with_one_line_on_stderr() {
    let dir = tempfile::tempdir().unwrap();

    let missing = dir.path().join("missing.db");
    let output = candor(&["--db", missing.to_str().unwrap(), "people", "list"]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("candor: there is no journal at"), "{err}");

    let not_db = dir.path().join("notes.md");
    std::fs::write(&not_db, "# Notes\n".repeat(200)).unwrap();
    let output = candor(&["--db", not_db.to_str().unwrap(), "people", "list"]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("is not a Candor journal"), "{err}");

    let output = candor(&["people", "frobnicate"]);
    assert!(!output.status.success(), "an unknown subcommand fails");
}
