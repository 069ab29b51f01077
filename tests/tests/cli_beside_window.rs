//! The command line beside the real window: while Candor is open on a
//! journal, a command that would write to it (import, demo) is refused and
//! changes nothing, a command that reads still works, and once the window
//! has closed the same import goes in.
//!
//! Needs a display (Xvfb), tauri-driver and WebKitWebDriver: `#[ignore]`d for
//! a plain `cargo test`, run by `./scripts/test`.

use std::process::{Command, Output};

use candor_core::store::people::{self, PersonInput};
use candor_core::Store;
use candor_e2e::{app_binary, App, DataDir};

fn candor(data: &DataDir, args: &[&str]) -> Output {
    Command::new(app_binary())
        .arg("--db")
        .arg(data.db_path())
        .args(args)
        .env_remove("CANDOR_DB")
        .env("XDG_DATA_HOME", data.path().join("cli-data"))
        .output()
        .expect("the candor binary runs")
}

#[test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run ./scripts/test"]
fn a_cli_import_is_refused_while_the_window_is_open_and_goes_in_after() {
    let data = DataDir::new();
    let source = data.path().join("source.db");
    {
        let store = Store::open(&source).unwrap();
        people::create(
            store.conn(),
            &PersonInput {
                name: "Imported Person".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let export = data.path().join("team.json");
    let exported = Command::new(app_binary())
        .args([
            "--db",
            source.to_str().unwrap(),
            "export",
            "--format",
            "json",
            "--out",
        ])
        .arg(&export)
        .output()
        .unwrap();
    assert!(exported.status.success(), "{exported:?}");

    let app = App::launch(&data);
    app.go("#/people");
    app.wait_for_text(".empty h2", "Start with the people you manage");

    let import = candor(&data, &["import", export.to_str().unwrap()]);
    assert_eq!(import.status.code(), Some(2), "{import:?}");
    let err = String::from_utf8_lossy(&import.stderr);
    assert!(
        err.contains("is open in the Candor window") && err.contains("Nothing was changed"),
        "{err}"
    );
    let listed = candor(&data, &["people", "list", "--json"]);
    assert!(
        listed.status.success(),
        "reading works beside the window: {listed:?}"
    );
    assert_eq!(String::from_utf8_lossy(&listed.stdout).trim(), "[]");

    // The window still shows the journal as it is, and nothing was added.
    app.go("#/due");
    app.go("#/people");
    app.wait_for_text(".empty h2", "Start with the people you manage");
    app.close();

    let import = candor(&data, &["import", export.to_str().unwrap()]);
    assert!(
        import.status.success(),
        "with the window closed: {import:?}"
    );
    let app = App::launch(&data);
    app.go("#/people");
    app.wait_for_text("#people-list", "Imported Person");
}
