//! The installed package's window: `./scripts/package --check` installs the
//! .deb, then runs this against the installed binary (`CANDOR_APP_BIN=
//! /usr/bin/candor`). It writes a demo journal with that binary's own CLI and
//! starts its window once, which must reach the Due view with the team in
//! the sidebar.
//!
//! Named `on_demand_`: the end-to-end step of ./scripts/test skips it (the
//! package is not installed then); the package step runs it by name.

use std::process::Command;

use candor_e2e::{app_binary, App, DataDir};

#[test]
#[ignore = "needs the installed package: run ./scripts/package --check"]
fn on_demand_the_installed_app_opens_a_demo_journal_on_due() {
    let data = DataDir::new();
    let demo = Command::new(app_binary())
        .arg("--db")
        .arg(data.db_path())
        .args(["demo", "--people", "4", "--years", "2"])
        .env_remove("CANDOR_DB")
        .env("XDG_DATA_HOME", data.path().join("cli-data"))
        .output()
        .expect("the installed candor runs");
    assert!(
        demo.status.success(),
        "candor demo failed: {}",
        String::from_utf8_lossy(&demo.stderr)
    );

    let app = App::launch(&data);
    app.wait_for("[data-route=due][aria-current=page]");
    app.wait_until("the demo team in the sidebar", || {
        app.texts("#team-list li").len() == 4
    });
    app.wait_for("#due .due-row");
    assert!(
        !app.texts("#due .due-row").is_empty(),
        "a two-year demo team owes some conversations"
    );
    app.screenshot("installed-due");
}
