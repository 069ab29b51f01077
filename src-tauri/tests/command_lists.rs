//! The four places that name every command must agree: the handlers
//! registered in `src/lib.rs`, the app manifest in `build.rs`, the `allow-…`
//! permissions in `capabilities/`, and the commands `ui/js/api.js` calls.
//! A name missing from one of them builds fine and fails only when the
//! window calls it (a refused permission, an unknown command), so this test
//! reads the files as text and says which names each list lacks.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("could not read {}: {err}", path.display()))
}

/// The text between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str, file: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{file} has no `{start}`"))
        + start.len();
    let len = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{file}: no `{end}` after `{start}`"));
    &text[from..from + len]
}

/// Every `'…'` or `"…"` literal that directly follows `prefix`.
fn quoted_after(text: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices(prefix) {
        let rest = &text[at + prefix.len()..];
        let Some(quote) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') else {
            continue;
        };
        if let Some(len) = rest[1..].find(quote) {
            names.push(rest[1..1 + len].to_owned());
        }
    }
    names
}

/// `commands::people::list_people,` → `list_people`, in the order written.
fn registered_handlers() -> Vec<String> {
    let text = read(&manifest_dir().join("src/lib.rs"));
    between(&text, "generate_handler![", "]", "src/lib.rs")
        .split(',')
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_owned())
        .collect()
}

/// The `COMMANDS` array handed to Tauri's app manifest.
fn manifest_commands() -> Vec<String> {
    let text = read(&manifest_dir().join("build.rs"));
    // Every other piece between double quotes is a string literal.
    between(&text, "const COMMANDS: &[&str] = &[", "];", "build.rs")
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// `allow-list-people` → `list_people`, from every capability file. Plugin
/// and core permissions (`core:window:allow-close`) carry a colon and are
/// not Candor's commands.
fn granted_commands() -> Vec<String> {
    let dir = manifest_dir().join("capabilities");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("could not list {}: {err}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no capability files in {}",
        dir.display()
    );
    let mut names = Vec::new();
    for file in files {
        let json: serde_json::Value = serde_json::from_str(&read(&file))
            .unwrap_or_else(|err| panic!("{} is not JSON: {err}", file.display()));
        let permissions = json["permissions"]
            .as_array()
            .unwrap_or_else(|| panic!("{} has no permissions array", file.display()));
        for permission in permissions {
            // A permission is an identifier, or an object with one.
            let id = permission
                .as_str()
                .or_else(|| permission["identifier"].as_str())
                .unwrap_or_default();
            if let Some(command) = id.strip_prefix("allow-").filter(|_| !id.contains(':')) {
                names.push(command.replace('-', "_"));
            }
        }
    }
    names
}

/// `call('list_people', …)`: every command the UI invokes goes through
/// api.js's `call`.
fn ui_calls() -> Vec<String> {
    let path = manifest_dir().join("../ui/js/api.js");
    quoted_after(&read(&path), "call(")
}

/// The names that `list` repeats.
fn repeated(list: &[String]) -> BTreeSet<&str> {
    let mut seen = BTreeSet::new();
    list.iter()
        .map(String::as_str)
        .filter(|name| !seen.insert(*name))
        .collect()
}

/// What is wrong across `lists`: for each list, the names some other list
/// has and it lacks, and the names it repeats. Empty when they agree.
fn disagreements(lists: &[(&str, Vec<String>)]) -> Vec<String> {
    let all: BTreeSet<&str> = lists
        .iter()
        .flat_map(|(_, names)| names.iter().map(String::as_str))
        .collect();
    let mut problems = Vec::new();
    for (label, names) in lists {
        let have: BTreeSet<&str> = names.iter().map(String::as_str).collect();
        let missing: Vec<&str> = all.difference(&have).copied().collect();
        if !missing.is_empty() {
            problems.push(format!("{label} is missing: {}", missing.join(", ")));
        }
        let twice = repeated(names);
        if !twice.is_empty() {
            problems.push(format!(
                "{label} names more than once: {}",
                twice.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    problems
}

#[test]
fn every_list_of_commands_names_the_same_commands() {
    let lists = [
        ("generate_handler! in src/lib.rs", registered_handlers()),
        (
            "COMMANDS in build.rs (the app manifest)",
            manifest_commands(),
        ),
        (
            "allow-… permissions in capabilities/*.json",
            granted_commands(),
        ),
        ("call('…') in ui/js/api.js", ui_calls()),
    ];
    for (label, names) in &lists {
        // A parser that found nothing would agree with nothing else, but
        // say so plainly rather than as "missing everything".
        assert!(
            names.iter().any(|name| name == "app_info"),
            "{label}: found no app_info among {names:?}; has the file's layout changed?"
        );
    }
    let problems = disagreements(&lists);
    assert!(
        problems.is_empty(),
        "the command lists disagree:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn a_name_missing_from_one_list_is_reported_with_that_list() {
    let names = |list: &[&str]| list.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let problems = disagreements(&[
        ("handlers", names(&["a", "b", "c"])),
        ("manifest", names(&["a", "c", "c"])),
    ]);
    assert_eq!(
        problems,
        [
            "manifest is missing: b".to_owned(),
            "manifest names more than once: c".to_owned()
        ]
    );
}
