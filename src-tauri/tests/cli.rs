//! The headless CLI, run as a real process on journals prepared by core.

use std::path::Path;
use std::process::{Command, Output};

use candor_core::store::feedback::{self, FeedbackInput};
use candor_core::store::one_on_ones::{self, NewOneOnOne, TextField};
use candor_core::store::people::{self, PersonInput};
use candor_core::Store;
use serde_json::Value;

fn candor(args: &[&str]) -> Output {
    candor_with(args, &[])
}

/// `candor` with these environment variables set (and no passphrase file
/// from the developer's own environment).
fn candor_with(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_candor"));
    command
        .args(args)
        .env_remove("CANDOR_DB")
        .env_remove("CANDOR_PASSPHRASE_FILE")
        .env_remove("CANDOR_EXPORT_PASSPHRASE_FILE")
        .env_remove("CANDOR_NEW_PASSPHRASE_FILE")
        // Never touch the developer's own journal.
        .env("XDG_DATA_HOME", "/nonexistent/candor-cli-test");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the candor binary runs")
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

// ---------------------------------------------------------------------------
// review, search and prep

/// Ana with a few 2025 1-on-1s and a delivered feedback mentioning a rare
/// word, and two people who share a name.
fn review_journal(dir: &Path) -> (std::path::PathBuf, String) {
    let path = dir.join("journal.db");
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let today = chrono::Local::now().date_naive();
    let ana = people::create(
        conn,
        &PersonInput {
            name: "Ana Lima".into(),
            cadence_days: Some(14),
            ..Default::default()
        },
    )
    .unwrap();
    for (on, mood) in [("2025-02-03", 3), ("2025-06-02", 4), ("2025-11-03", 5)] {
        let meeting = one_on_ones::start(
            conn,
            ana.id,
            &NewOneOnOne {
                scheduled_at: format!("{on}T10:00"),
                template_id: None,
            },
        )
        .unwrap();
        one_on_ones::mark_held(conn, meeting.id, on, today).unwrap();
        one_on_ones::set_mood(conn, meeting.id, Some(mood)).unwrap();
        one_on_ones::save_text(
            conn,
            meeting.id,
            TextField::Outcomes,
            &format!("Agreed on {on}"),
        )
        .unwrap();
    }
    let fb = feedback::create(
        conn,
        ana.id,
        &FeedbackInput {
            kind: "reinforcing".into(),
            observation: "you steered the zeppelin migration calmly".into(),
            impact: "the team kept shipping".into(),
            observed_on: "2025-03-10".into(),
            ..Default::default()
        },
        today,
    )
    .unwrap();
    feedback::deliver(conn, fb.id, "2025-03-11", None, today).unwrap();
    for _ in 0..2 {
        people::create(
            conn,
            &PersonInput {
                name: "Sam Park".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    (path, ana.id.to_string())
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Exit code 2 and exactly one line on stderr, starting "candor: ".
fn assert_one_line_error(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let err = stderr(output);
    assert_eq!(err.lines().count(), 1, "one line on stderr: {err}");
    assert!(err.starts_with("candor: "), "{err}");
    err
}

/// The files in `dir` other than the journal's own.
fn written_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("journal.db"))
        .collect();
    names.sort();
    names
}

#[test]
fn review_writes_markdown_and_html_by_name_or_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let (db, ana_id) = review_journal(dir.path());
    let db = db.to_str().unwrap();
    let md_path = dir.path().join("ana.md");
    let output = candor(&[
        "--db",
        db,
        "review",
        "--person",
        "ana lima",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--format",
        "md",
        "--out",
        md_path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output).trim(),
        format!(
            "Wrote the review packet for Ana Lima (2025-01-01 to 2025-12-31) to {}",
            md_path.display()
        )
    );
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(md.starts_with("# Review packet: Ana Lima\n"), "{md}");
    assert!(
        md.contains("| 1-on-1s held | 3 of 26 expected by cadence |"),
        "{md}"
    );
    assert!(
        md.contains("- **Observation:** you steered the zeppelin migration calmly"),
        "{md}"
    );

    // By id; the .html extension chooses the format.
    let html_path = dir.path().join("ana.html");
    let output = candor(&[
        "--db",
        db,
        "review",
        "--person",
        &ana_id,
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--out",
        html_path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    assert!(
        html.contains("<svg class=\"chart\""),
        "the mood chart is drawn"
    );
    assert!(!html.contains("<script"));

    // Standard output, format given.
    let output = candor(&[
        "--db",
        db,
        "review",
        "--person",
        "Ana Lima",
        "--from",
        "2025-06-01",
        "--to",
        "2025-06-30",
        "--format",
        "html",
        "--out",
        "-",
    ]);
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).starts_with("<!DOCTYPE html>"));
    assert!(stdout(&output).contains("Agreed on 2025-06-02"));
    assert!(
        !stdout(&output).contains("Agreed on 2025-02-03"),
        "outside the period"
    );

    assert_eq!(
        written_files(dir.path()),
        ["ana.html", "ana.md"],
        "no temporary file is left"
    );
}

#[test]
fn review_refuses_an_ambiguous_name_a_reversed_range_and_an_unknown_person() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = review_journal(dir.path());
    let db = db.to_str().unwrap();
    let out = dir.path().join("packet.md");
    let out = out.to_str().unwrap();
    let review = |person: &str, from: &str, to: &str| {
        candor(&[
            "--db", db, "review", "--person", person, "--from", from, "--to", to, "--out", out,
        ])
    };

    let err = assert_one_line_error(&review("Sam Park", "2025-01-01", "2025-12-31"));
    assert!(
        err.starts_with("candor: 2 people are named \"Sam Park\"; use one of their ids instead: "),
        "{err}"
    );

    let err = assert_one_line_error(&review("Ana Lima", "2025-12-31", "2025-01-01"));
    assert_eq!(
        err.trim(),
        "candor: the range starts (2025-12-31) after it ends (2025-01-01)"
    );

    let err = assert_one_line_error(&review("Ana Lima", "2025-02-30", "2025-12-31"));
    assert!(
        err.contains("must be a real date written as YYYY-MM-DD"),
        "{err}"
    );

    let err = assert_one_line_error(&review("Zed", "2025-01-01", "2025-12-31"));
    assert!(
        err.contains("nobody in the journal is named \"Zed\""),
        "{err}"
    );

    let err = assert_one_line_error(&review(
        "7d444840-9dc0-11d1-b245-5ffdce74fad2",
        "2025-01-01",
        "2025-12-31",
    ));
    assert!(err.contains("no person with id 7d444840"), "{err}");

    assert!(
        written_files(dir.path()).is_empty(),
        "nothing is written on an error"
    );
}

#[test]
fn review_to_an_unwritable_path_fails_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = review_journal(dir.path());
    let db = db.to_str().unwrap();
    let review = |out: &Path| {
        candor(&[
            "--db",
            db,
            "review",
            "--person",
            "Ana Lima",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--out",
            out.to_str().unwrap(),
        ])
    };

    let missing = dir.path().join("no-such-folder").join("packet.md");
    let err = assert_one_line_error(&review(&missing));
    assert_eq!(
        err.trim(),
        format!(
            "candor: could not write {}: the folder {} does not exist",
            missing.display(),
            dir.path().join("no-such-folder").display()
        )
    );

    // A folder in the way is refused before anything is written.
    let folder = dir.path().join("packet.html");
    std::fs::create_dir(&folder).unwrap();
    let err = assert_one_line_error(&review(&folder));
    assert!(
        err.trim().ends_with(": it is a folder; add a file name"),
        "{err}"
    );
    assert!(std::fs::read_dir(&folder).unwrap().next().is_none());

    // The journal itself is never overwritten.
    let journal = dir.path().join("journal.db");
    let before = std::fs::read(&journal).unwrap();
    let err = assert_one_line_error(&review(&journal));
    assert!(err.contains("is the journal itself"), "{err}");
    assert_eq!(std::fs::read(&journal).unwrap(), before);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root ignores folder permissions: then this part proves nothing.
        if std::fs::write(locked.join("probe"), b"").is_err() {
            let err = assert_one_line_error(&review(&locked.join("packet.md")));
            assert!(err.trim().ends_with(": permission denied"), "{err}");
            assert!(
                std::fs::read_dir(&locked).unwrap().next().is_none(),
                "no partial file"
            );
        } else {
            eprintln!("skipped the read-only folder case: permissions are not enforced (root?)");
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    let expected: &[&str] = if cfg!(unix) {
        &["locked", "packet.html"]
    } else {
        &["packet.html"]
    };
    assert_eq!(
        written_files(dir.path()),
        expected,
        "only the folders this test made"
    );
}

#[test]
fn search_finds_a_word_as_json_and_as_marked_lines() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = review_journal(dir.path());
    let db = db.to_str().unwrap();

    let output = candor(&["--db", db, "search", "zeppelin", "--json"]);
    assert!(output.status.success(), "{output:?}");
    let results: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let hits = results["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{results}");
    assert_eq!(hits[0]["kind"], "feedback");
    assert_eq!(hits[0]["person_name"], "Ana Lima");
    assert_eq!(hits[0]["date"], "2025-03-10");
    assert_eq!(results["truncated"], false);
    let marked: Vec<&Value> = hits[0]["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["hit"] == true)
        .collect();
    assert_eq!(marked[0]["text"], "zeppelin");

    let output = candor(&["--db", db, "search", "zepp"]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(
        text.starts_with("2025-03-10  feedback  Ana Lima  "),
        "{text}"
    );
    assert!(text.contains("[zeppelin]"), "hits are marked: {text}");

    let output = candor(&[
        "--db", db, "search", "zeppelin", "--person", "Ana Lima", "--limit", "5",
    ]);
    assert!(stdout(&output).contains("[zeppelin]"), "{output:?}");
    let output = candor(&["--db", db, "search", "agreed", "--json", "--limit", "2"]);
    let results: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let dates: Vec<&Value> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["date"])
        .collect();
    assert_eq!(dates, ["2025-11-03", "2025-06-02"], "newest first, capped");
    assert_eq!(results["truncated"], true);

    let err = assert_one_line_error(&candor(&[
        "--db", db, "search", "zeppelin", "--person", "Sam Park",
    ]));
    assert!(err.contains("2 people are named"), "{err}");
    let output = candor(&["--db", db, "search", "nothinglikethis"]);
    assert_eq!(stdout(&output).trim(), "No matches.");
}

#[test]
fn prep_prints_the_sheet_for_the_next_1_on_1() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = review_journal(dir.path());
    let output = candor(&["--db", db.to_str().unwrap(), "prep", "--person", "Ana Lima"]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.starts_with("# 1-on-1 prep: Ana Lima\n"), "{text}");
    assert!(text.contains("## Questions to ask\n\n1. "), "{text}");
}

#[test]
fn review_search_and_prep_explain_themselves() {
    for (args, flags) in [
        (
            &["review", "--help"][..],
            &[
                "--person",
                "--from",
                "--to",
                "--format",
                "--out",
                "Examples:",
            ][..],
        ),
        (
            &["search", "--help"],
            &["--json", "--limit", "--person", "<QUERY>"],
        ),
        (&["prep", "--help"], &["--person", "--out"]),
    ] {
        let output = candor(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        let text = stdout(&output);
        assert!(text.contains("Usage: candor"), "{args:?}: {text}");
        for flag in flags {
            assert!(
                text.contains(flag),
                "{args:?} should mention {flag}: {text}"
            );
        }
    }
}

#[test]
fn due_exits_1_when_something_is_overdue_with_a_stable_json_shape() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("due.db");
    {
        let store = Store::open(&db).unwrap();
        let ana = people::create(
            store.conn(),
            &PersonInput {
                name: "Ana Lima".into(),
                start_date: Some("2026-01-05".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let m = one_on_ones::start(
            store.conn(),
            ana.id,
            &NewOneOnOne {
                scheduled_at: "2026-11-02T10:00".into(),
                template_id: None,
            },
        )
        .unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        one_on_ones::mark_held(store.conn(), m.id, "2026-11-02", today).unwrap();
    }
    let db = db.to_str().unwrap();

    let calm = candor(&["--db", db, "due", "--today", "2026-11-05"]);
    assert_eq!(
        calm.status.code(),
        Some(0),
        "three days after a weekly 1-on-1 nothing is overdue"
    );
    assert!(stdout(&calm).contains("Nothing owed right now"));

    let late = candor(&["--db", db, "due", "--today", "2026-11-29", "--json"]);
    assert_eq!(
        late.status.code(),
        Some(1),
        "27 days after a weekly 1-on-1 it is overdue"
    );
    let list: Value = serde_json::from_str(&stdout(&late)).unwrap();
    assert_eq!(list["today"], "2026-11-29");
    assert_eq!(list["counts"]["overdue"], 1);
    let r = &list["reminders"][0];
    for key in [
        "key",
        "kind",
        "level",
        "person",
        "subject_id",
        "title",
        "since",
        "due_on",
        "days",
        "reason",
    ] {
        assert!(r.get(key).is_some(), "every reminder has {key}: {r}");
    }
    assert_eq!(r["kind"], "one_on_one");
    assert_eq!(r["level"], "overdue");
    assert_eq!(r["person"]["name"], "Ana Lima");
    assert_eq!(r["since"], "2026-11-02");
    assert_eq!(r["days"], 27);

    let text = candor(&["--db", db, "due", "--today", "2026-11-29"]);
    assert!(
        stdout(&text).starts_with("OVERDUE   Last 1-on-1 with Ana Lima was 27 days ago"),
        "{}",
        stdout(&text)
    );

    let bad = candor(&["--db", db, "due", "--today", "someday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_one_line_error(&bad);
}

#[test]
fn backup_export_and_import_work_headless_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_journal(dir.path());
    let db_arg = db.to_str().unwrap();

    let copy = dir.path().join("copy.db");
    let backup = candor(&["--db", db_arg, "backup", "--out", copy.to_str().unwrap()]);
    assert!(backup.status.success(), "{backup:?}");
    assert!(stdout(&backup).contains("(verified)"));
    assert_eq!(
        people::list(Store::open(&copy).unwrap().conn(), people::Scope::All)
            .unwrap()
            .len(),
        2,
        "the backup holds the journal"
    );

    let json = dir.path().join("export.json");
    let export = candor(&[
        "--db",
        db_arg,
        "export",
        "--format",
        "json",
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(export.status.success(), "{export:?}");
    let first = std::fs::read(&json).unwrap();

    let fresh = dir.path().join("fresh.db");
    let fresh_arg = fresh.to_str().unwrap();
    let dry = candor(&[
        "--db",
        fresh_arg,
        "import",
        json.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(dry.status.success(), "{dry:?}");
    assert!(
        stdout(&dry).contains("Nothing was written"),
        "{}",
        stdout(&dry)
    );
    assert!(
        people::list(Store::open(&fresh).unwrap().conn(), people::Scope::All)
            .unwrap()
            .is_empty()
    );
    let real = candor(&["--db", fresh_arg, "import", json.to_str().unwrap()]);
    assert!(real.status.success(), "{real:?}");
    assert!(stdout(&real).contains("Added"), "{}", stdout(&real));
    let again = candor(&["--db", fresh_arg, "import", json.to_str().unwrap()]);
    assert!(
        stdout(&again).contains("Added 0 records and updated 0"),
        "re-importing adds nothing: {}",
        stdout(&again)
    );

    let second = dir.path().join("second.json");
    candor(&[
        "--db",
        fresh_arg,
        "export",
        "--format",
        "json",
        "--out",
        second.to_str().unwrap(),
    ]);
    let strip = |bytes: Vec<u8>| -> String {
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .filter(|l| !l.contains("\"exported_at\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        strip(std::fs::read(&second).unwrap()),
        strip(first),
        "export -> import -> export is identical"
    );

    let md = dir.path().join("notes");
    let markdown = candor(&[
        "--db",
        db_arg,
        "export",
        "--format",
        "markdown",
        "--out",
        md.to_str().unwrap(),
    ]);
    assert!(markdown.status.success(), "{markdown:?}");
    assert!(md.join("index.md").is_file());

    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        b"{\"format\": \"candor\", \"version\": 1, \"people\": [",
    )
    .unwrap();
    let refused = candor(&["--db", fresh_arg, "import", broken.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn demo_fills_an_empty_journal_the_same_way_for_the_same_seed_and_refuses_a_real_one() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, seed: &str| {
        let db = dir.path().join(name);
        let output = candor(&[
            "--db",
            db.to_str().unwrap(),
            "demo",
            "--people",
            "4",
            "--years",
            "1",
            "--seed",
            seed,
        ]);
        assert!(output.status.success(), "{output:?}");
        assert!(stdout(&output).starts_with("Wrote "), "{}", stdout(&output));
        let json = candor(&[
            "--db",
            db.to_str().unwrap(),
            "people",
            "list",
            "--json",
            "--all",
        ]);
        stdout(&json)
    };
    let first = run("a.db", "7");
    assert_eq!(first, run("b.db", "7"), "the same seed gives the same team");
    assert_ne!(first, run("c.db", "8"), "another seed gives another team");
    let people: Value = serde_json::from_str(&first).unwrap();
    assert!(people.as_array().unwrap().len() >= 4);

    let real = prepared_journal(dir.path());
    let refused = candor(&["--db", real.to_str().unwrap(), "demo"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(assert_one_line_error(&refused).contains("not empty"));
}

// ---------------------------------------------------------------------------
// No output path may reach the journal; one writer at a time

/// `candor` run from `cwd`, for relative paths.
fn candor_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(args)
        .current_dir(cwd)
        .env_remove("CANDOR_DB")
        .env_remove("CANDOR_WAIT")
        .env("XDG_DATA_HOME", "/nonexistent/candor-cli-test")
        .output()
        .expect("the candor binary runs")
}

/// The bytes of the journal and of every file beside it.
fn journal_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().starts_with("journal.db"))
        .filter(|e| !e.file_name().to_string_lossy().ends_with("-shm"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn no_writer_replaces_the_journal_or_its_log_however_the_path_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_journal(dir.path());
    // An edit that lives only in the write-ahead log while this connection
    // stays open: losing the log would lose it.
    let store = Store::open(&db).unwrap();
    people::create(
        store.conn(),
        &PersonInput {
            name: "Last Edit".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let wal = dir.path().join("journal.db-wal");
    assert!(wal.exists(), "the last edit is in the log");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&db, dir.path().join("pointer.json")).unwrap();
    let before = journal_files(dir.path());

    let mut targets = vec![
        ("journal.db".to_owned(), "it is the journal itself"),
        ("./sub/../journal.db".to_owned(), "it is the journal itself"),
        (db.display().to_string(), "it is the journal itself"),
        (
            "journal.db-wal".to_owned(),
            "it is the journal's write-ahead log",
        ),
        (
            "JOURNAL.DB-WAL".to_owned(),
            "it is the journal's write-ahead log",
        ),
        (
            "journal.db-shm".to_owned(),
            "it is the journal's shared-memory file",
        ),
        (
            "journal.db.lock".to_owned(),
            "it is the journal's lock file",
        ),
        ("journal.db/".to_owned(), "ends with a slash"),
    ];
    if cfg!(unix) {
        targets.push(("pointer.json".to_owned(), "symbolic link"));
    }
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let db_arg = db.to_str().unwrap();
    for (target, why) in &targets {
        let runs: [Vec<&str>; 5] = [
            vec!["export", "--format", "json", "--out", target],
            vec!["export", "--format", "markdown", "--out", target],
            vec!["backup", "--out", target],
            vec!["prep", "--person", "Ana Lima", "--out", target],
            vec![
                "review",
                "--person",
                "Ana Lima",
                "--from",
                "2025-01-01",
                "--to",
                "2025-12-31",
                "--out",
                target,
            ],
        ];
        for args in runs {
            let mut all = vec!["--db", db_arg];
            all.extend(&args);
            let output = candor_in(dir.path(), &all);
            let err = assert_one_line_error(&output);
            assert!(err.contains(why), "{args:?}: expected \"{why}\" in {err}");
        }
    }
    assert_eq!(
        journal_files(dir.path()),
        before,
        "not one byte of the journal, its log or its lock changed"
    );
    drop(store);
    let names: Vec<String> = people::list(Store::open(&db).unwrap().conn(), people::Scope::All)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(
        names.contains(&"Last Edit".to_owned()),
        "the last edit survived: {names:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_at_the_target_is_refused_and_the_file_it_points_at_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_journal(dir.path());
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    let link = dir.path().join("export.json");
    std::os::unix::fs::symlink(&precious, &link).unwrap();
    let output = candor(&[
        "--db",
        db.to_str().unwrap(),
        "export",
        "--format",
        "json",
        "--out",
        link.to_str().unwrap(),
    ]);
    let err = assert_one_line_error(&output);
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is left as it was"
    );
}

#[test]
fn every_writer_refuses_a_missing_folder_and_creates_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_journal(dir.path());
    let db_arg = db.to_str().unwrap();
    let missing = dir.path().join("no such folder");
    let file = missing.join("out.db");
    let file = file.to_str().unwrap();
    for args in [
        vec!["backup", "--out", file],
        vec!["export", "--format", "json", "--out", file],
        vec!["export", "--format", "markdown", "--out", file],
        vec!["prep", "--person", "Ana Lima", "--out", file],
    ] {
        let mut all = vec!["--db", db_arg];
        all.extend(&args);
        let err = assert_one_line_error(&candor(&all));
        assert!(
            err.contains(&format!("the folder {} does not exist", missing.display())),
            "{args:?}: {err}"
        );
        assert!(!missing.exists(), "{args:?} created the folder");
    }
}

#[test]
fn a_backup_never_replaces_a_database_and_without_out_goes_to_the_backups_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_journal(dir.path());
    let db_arg = db.to_str().unwrap();
    let copy = dir.path().join("copy.db");
    let first = candor(&["--db", db_arg, "backup", "--out", copy.to_str().unwrap()]);
    assert!(first.status.success(), "{first:?}");
    let before = std::fs::read(&copy).unwrap();
    let again = candor(&["--db", db_arg, "backup", "--out", copy.to_str().unwrap()]);
    let err = assert_one_line_error(&again);
    assert!(err.contains("never replaces a database"), "{err}");
    assert_eq!(std::fs::read(&copy).unwrap(), before);

    let into_backups = dir.path().join("backups").join("mine.json");
    std::fs::create_dir(dir.path().join("backups")).unwrap();
    let export = candor(&[
        "--db",
        db_arg,
        "export",
        "--format",
        "json",
        "--out",
        into_backups.to_str().unwrap(),
    ]);
    let err = assert_one_line_error(&export);
    assert!(err.contains("backups folder"), "{err}");

    let default = candor(&["--db", db_arg, "backup"]);
    assert!(default.status.success(), "{default:?}");
    let backups: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].starts_with("journal-manual-"), "{backups:?}");
}

/// A small export of one new person, to import.
fn one_person_export(dir: &Path) -> std::path::PathBuf {
    let source = dir.join("source.db");
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
    let json = dir.join("one.json");
    let output = candor(&[
        "--db",
        source.to_str().unwrap(),
        "export",
        "--format",
        "json",
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    json
}

#[test]
fn while_the_window_holds_the_journal_writers_are_refused_and_readers_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_journal(dir.path());
    let json = one_person_export(dir.path());
    let db_arg = db.to_str().unwrap();
    // The same lock the window takes at start (AppState::open).
    let window = candor_core::lock::JournalLock::for_window(&db).unwrap();
    let before = journal_files(dir.path());

    let started = std::time::Instant::now();
    let import = candor(&[
        "--db",
        db_arg,
        "--wait",
        "30",
        "import",
        json.to_str().unwrap(),
    ]);
    let err = assert_one_line_error(&import);
    assert!(
        err.contains("is open in the Candor window") && err.contains("Nothing was changed"),
        "{err}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "a window is not waited for"
    );
    let demo = candor(&["--db", db_arg, "demo"]);
    assert!(assert_one_line_error(&demo).contains("is open in the Candor window"));
    assert_eq!(journal_files(dir.path()), before, "nothing was written");

    for args in [
        vec!["people", "list"],
        vec!["due"],
        vec!["search", "Ana"],
        vec!["import", json.to_str().unwrap(), "--dry-run"],
    ] {
        let mut all = vec!["--db", db_arg];
        all.extend(&args);
        let output = candor(&all);
        assert!(
            output.status.code() == Some(0) || output.status.code() == Some(1),
            "{args:?} reads beside the window: {output:?}"
        );
    }
    drop(window);
    let import = candor(&["--db", db_arg, "import", json.to_str().unwrap()]);
    assert!(import.status.success(), "{import:?}");
}

#[test]
fn a_second_writer_waits_for_the_first_then_gives_up_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_journal(dir.path());
    let json = one_person_export(dir.path());
    let db_arg = db.to_str().unwrap();
    // Another `candor import` holding the journal.
    let first = candor_core::lock::JournalLock::for_command(
        &db,
        "import",
        std::time::Duration::from_secs(1),
    )
    .unwrap();

    let started = std::time::Instant::now();
    let second = candor(&[
        "--db",
        db_arg,
        "--wait",
        "1",
        "import",
        json.to_str().unwrap(),
    ]);
    let waited = started.elapsed();
    let err = assert_one_line_error(&second);
    assert!(
        err.contains("another Candor command (candor import) is still writing"),
        "{err}"
    );
    assert!(
        waited >= std::time::Duration::from_secs(1),
        "it waited before giving up ({waited:?})"
    );
    assert_eq!(
        people::list(Store::open(&db).unwrap().conn(), people::Scope::All)
            .unwrap()
            .len(),
        2,
        "nothing was imported"
    );

    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        drop(first);
    });
    let third = candor(&[
        "--db",
        db_arg,
        "--wait",
        "30",
        "import",
        json.to_str().unwrap(),
    ]);
    release.join().unwrap();
    assert!(
        third.status.success(),
        "once the first finishes, the waiting one goes ahead: {third:?}"
    );
    assert!(
        stdout(&third).contains("Added 1 records"),
        "{}",
        stdout(&third)
    );
}

/// A file holding `text` as its first line, as a script would write one.
fn secret_file(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("{text}\n")).unwrap();
    path
}

/// The recovery key a command printed, on its own indented line.
fn printed_recovery_key(output: &Output) -> String {
    stdout(output)
        .lines()
        .map(str::trim)
        .find(|line| line.len() == 64 && line.matches('-').count() == 12)
        .unwrap_or_else(|| panic!("no recovery key in {}", stdout(output)))
        .to_owned()
}

/// `candor --db DB export --format FORMAT... --out OUT`; `format` may carry
/// more options after the format (`"json --encrypt"`).
fn export_to(db: &str, format: &str, out: &Path, env: &[(&str, &Path)]) -> Output {
    let mut args = vec!["--db", db, "export", "--format"];
    args.extend(format.split(' '));
    args.extend(["--out", out.to_str().unwrap()]);
    candor_with(&args, env)
}

fn people_names(db: &str, env: &[(&str, &Path)]) -> Output {
    candor_with(&["--db", db, "people", "list", "--json", "--all"], env)
}

#[test]
fn encrypt_rekey_and_decrypt_from_the_command_line_with_passphrase_files() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = prepared_journal(dir.path());
    let db = db_path.to_str().unwrap();
    let first = secret_file(dir.path(), "first.txt", "a long walk on the pier");
    let second = secret_file(dir.path(), "second.txt", "the second passphrase here");
    let wrong = secret_file(dir.path(), "wrong.txt", "not the passphrase at all");

    let short = secret_file(dir.path(), "short.txt", "short");
    let before = std::fs::read(&db_path).unwrap();
    let refused = candor_with(
        &["--db", db, "encrypt"],
        &[("CANDOR_NEW_PASSPHRASE_FILE", &short)],
    );
    assert!(assert_one_line_error(&refused).contains("at least 8"));
    assert_eq!(
        std::fs::read(&db_path).unwrap(),
        before,
        "a refused passphrase changes nothing"
    );

    let first_arg = first.to_str().unwrap();
    let encrypted = candor(&["--db", db, "encrypt", "--new-passphrase-file", first_arg]);
    assert!(encrypted.status.success(), "{encrypted:?}");
    assert!(
        stdout(&encrypted).contains("Encrypted"),
        "{}",
        stdout(&encrypted)
    );
    let recovery = printed_recovery_key(&encrypted);
    let bytes = std::fs::read(&db_path).unwrap();
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "the file is no longer plain SQLite"
    );
    assert!(
        !bytes.windows(8).any(|w| w == b"Ana Lima"),
        "no name is readable in the file"
    );

    // Without a passphrase (and no terminal), every command says how to
    // give one; a wrong one is refused; the passphrase or the recovery key
    // opens it, from the option or the environment.
    let locked = people_names(db, &[]);
    let err = assert_one_line_error(&locked);
    assert!(
        err.contains("is encrypted") && err.contains("--passphrase-file"),
        "{err}"
    );
    let err = assert_one_line_error(&people_names(db, &[("CANDOR_PASSPHRASE_FILE", &wrong)]));
    assert!(err.contains("does not open"), "{err}");
    let opened = people_names(db, &[("CANDOR_PASSPHRASE_FILE", &first)]);
    assert!(stdout(&opened).contains("Ana Lima"), "{opened:?}");
    let by_recovery = secret_file(dir.path(), "recovery.txt", &recovery.to_lowercase());
    let opened = candor(&[
        "--db",
        db,
        "--passphrase-file",
        by_recovery.to_str().unwrap(),
        "due",
    ]);
    assert_ne!(opened.status.code(), Some(2), "{opened:?}");

    let again = candor_with(
        &["--db", db, "encrypt"],
        &[("CANDOR_NEW_PASSPHRASE_FILE", &first)],
    );
    assert!(assert_one_line_error(&again).contains("already encrypted"));

    // A new passphrase: the old one and the old recovery key stop working.
    let rekeyed = candor_with(
        &[
            "--db",
            db,
            "rekey",
            "--new-passphrase-file",
            second.to_str().unwrap(),
        ],
        &[("CANDOR_PASSPHRASE_FILE", &first)],
    );
    assert!(rekeyed.status.success(), "{rekeyed:?}");
    let new_recovery = printed_recovery_key(&rekeyed);
    assert_ne!(new_recovery, recovery);
    assert_one_line_error(&people_names(db, &[("CANDOR_PASSPHRASE_FILE", &first)]));
    assert_one_line_error(&people_names(
        db,
        &[("CANDOR_PASSPHRASE_FILE", &by_recovery)],
    ));
    let opened = people_names(db, &[("CANDOR_PASSPHRASE_FILE", &second)]);
    assert!(stdout(&opened).contains("Bo Chen"), "{opened:?}");

    let decrypted = candor_with(
        &["--db", db, "decrypt"],
        &[("CANDOR_PASSPHRASE_FILE", &second)],
    );
    assert!(decrypted.status.success(), "{decrypted:?}");
    assert!(std::fs::read(&db_path)
        .unwrap()
        .starts_with(b"SQLite format 3"));
    assert!(stdout(&people_names(db, &[])).contains("Ana Lima"));
    let err = assert_one_line_error(&candor(&["--db", db, "decrypt"]));
    assert!(err.contains("not encrypted"), "{err}");
}

#[test]
fn an_encrypted_export_opens_only_with_its_passphrase_and_a_plain_one_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = prepared_journal(dir.path());
    let db = db_path.to_str().unwrap();
    let journal_secret = secret_file(dir.path(), "journal.txt", "journal passphrase one");
    let export_secret = secret_file(dir.path(), "export.txt", "export passphrase two");
    let env = [("CANDOR_NEW_PASSPHRASE_FILE", journal_secret.as_path())];
    assert!(candor_with(&["--db", db, "encrypt"], &env).status.success());
    let keyed = [
        ("CANDOR_PASSPHRASE_FILE", journal_secret.as_path()),
        ("CANDOR_EXPORT_PASSPHRASE_FILE", export_secret.as_path()),
    ];

    let sealed = dir.path().join("export.json.age");
    let sealed_arg = sealed.to_str().unwrap();
    let export = export_to(db, "json --encrypt", &sealed, &keyed);
    assert!(export.status.success(), "{export:?}");
    assert!(
        stderr(&export).is_empty(),
        "no warning: {}",
        stderr(&export)
    );
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "an age file");
    assert!(!bytes.windows(8).any(|w| w == b"Ana Lima"));

    let markdown = dir.path().join("notes.tar.age");
    let export = export_to(db, "markdown --encrypt", &markdown, &keyed);
    assert!(export.status.success(), "{export:?}");
    assert!(std::fs::read(&markdown)
        .unwrap()
        .starts_with(b"age-encryption.org/v1\n"));

    // Imported into a new journal with the export's passphrase, and only so.
    let fresh = dir.path().join("fresh.db");
    let fresh_arg = fresh.to_str().unwrap();
    let err = assert_one_line_error(&candor(&["--db", fresh_arg, "import", sealed_arg]));
    assert!(
        err.contains("is encrypted") && err.contains("--export-passphrase-file"),
        "{err}"
    );
    let wrong = [("CANDOR_EXPORT_PASSPHRASE_FILE", journal_secret.as_path())];
    let err = assert_one_line_error(&candor_with(
        &["--db", fresh_arg, "import", sealed_arg],
        &wrong,
    ));
    assert!(err.contains("does not open"), "{err}");
    let import = candor_with(&["--db", fresh_arg, "import", sealed_arg], &keyed[1..]);
    assert!(import.status.success(), "{import:?}");
    assert!(stdout(&people_names(fresh_arg, &[])).contains("Bo Chen"));

    // Plain text out of an encrypted journal: written, with a warning.
    let plain = dir.path().join("plain.json");
    let export = export_to(db, "json", &plain, &keyed);
    assert!(export.status.success(), "{export:?}");
    let warning = stderr(&export);
    assert!(
        warning.contains("warning") && warning.contains("plain text"),
        "{warning}"
    );
    let review = candor_with(
        &[
            "--db",
            db,
            "review",
            "--person",
            "Ana Lima",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--encrypt",
            "--out",
            dir.path().join("ana.html.age").to_str().unwrap(),
        ],
        &keyed,
    );
    assert!(review.status.success(), "{review:?}");
    assert!(stdout(&review).contains("encrypted"), "{}", stdout(&review));
}

#[test]
fn backups_of_an_encrypted_journal_are_encrypted_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = prepared_journal(dir.path());
    let db = db_path.to_str().unwrap();
    let plain_backup = candor(&["--db", db, "backup"]);
    assert!(plain_backup.status.success(), "{plain_backup:?}");
    let secret = secret_file(dir.path(), "journal.txt", "journal passphrase one");
    let encrypt = candor_with(
        &["--db", db, "encrypt"],
        &[("CANDOR_NEW_PASSPHRASE_FILE", &secret)],
    );
    assert!(
        stdout(&encrypt).contains("1 backup(s)"),
        "{}",
        stdout(&encrypt)
    );
    let backup = candor_with(
        &["--db", db, "backup"],
        &[("CANDOR_PASSPHRASE_FILE", &secret)],
    );
    assert!(stdout(&backup).contains("(verified)"), "{backup:?}");
    for entry in std::fs::read_dir(dir.path().join("backups")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "every backup is encrypted"
        );
        assert!(!bytes.windows(8).any(|w| w == b"Ana Lima"));
    }
}
