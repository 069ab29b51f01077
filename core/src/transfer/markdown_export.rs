//! The Markdown export: a folder with one readable file per person (their
//! profile and timeline: 1-on-1s with agenda, notes, outcomes, mood and
//! action items, feedback, conflicts they are party to, questions asked) and
//! an `index.md`. For reading and archiving; the JSON export is the lossless
//! one.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::encryption::Secret;
use crate::files::{reason, sync_folder, write_export, OutputPath, OUT_FIELD};

use rusqlite::{params, Connection};
use serde::Serialize;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::store::atomic;
use crate::store::people::{self, Person, Scope};
use crate::{Error, Result};

/// What a Markdown export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkdownReport {
    /// The folder written.
    pub dir: PathBuf,
    /// How many people have a file.
    pub people: usize,
    /// The file names inside the folder, `index.md` first.
    pub files: Vec<String>,
}

/// Writes the journal as Markdown into a new folder `dir`.
///
/// `dir` must not exist yet (an empty folder is accepted and replaced); its
/// place was checked with
/// [`OutputPath::check`](crate::files::OutputPath::check). The files are
/// written into a hidden temporary folder beside it, which is renamed to
/// `dir` once complete: after a failure there is no `dir` and no leftover.
pub fn export_markdown(conn: &Connection, dir: &OutputPath) -> Result<MarkdownReport> {
    let target = dir.resolved();
    let shown = dir.shown();
    let replace_empty = match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_dir() => {
            let mut entries = fs::read_dir(&target).map_err(|err| io_error("open", shown, &err))?;
            if entries.next().is_some() {
                return Err(write_error(format!(
                    "{} already exists and is not empty; choose a new folder name",
                    shown.display()
                )));
            }
            true
        }
        Ok(_) => {
            return Err(write_error(format!(
                "{} already exists and is not a folder; choose a new folder name",
                shown.display()
            )))
        }
        Err(_) => false,
    };
    let parent = dir.folder();

    let files = atomic(conn, render_files)?;

    let temp = tempfile::Builder::new()
        .prefix(".candor-markdown-")
        .tempdir_in(parent)
        .map_err(|err| io_error("create a folder in", parent, &err))?;
    for (name, text) in &files {
        let path = temp.path().join(name);
        write_synced(&path, text.as_bytes()).map_err(|err| io_error("write", &path, &err))?;
    }
    if replace_empty {
        fs::remove_dir(&target).map_err(|err| io_error("replace the empty folder", shown, &err))?;
    }
    fs::rename(temp.path(), &target).map_err(|err| io_error("create the folder", shown, &err))?;
    // The folder now lives at `dir`: nothing left for the guard to clean.
    let _ = temp.keep();
    sync_folder(parent);
    Ok(MarkdownReport {
        dir: shown.to_owned(),
        people: files.len() - 1,
        files: files.into_iter().map(|(name, _)| name).collect(),
    })
}

/// Writes the Markdown export as one encrypted file at `out`: a tar
/// archive of the same files, in a folder named after `out` (`team.tar.age`
/// holds `team/index.md`, ...), sealed with `passphrase` in the age format.
/// `age -d team.tar.age | tar x` (or Candor) opens it. Nothing of the notes
/// is written in the clear, not even to a temporary file.
pub fn export_markdown_sealed(
    conn: &Connection,
    out: &OutputPath,
    passphrase: &Secret,
) -> Result<MarkdownReport> {
    passphrase.check_new_passphrase("export_passphrase")?;
    let files = atomic(conn, render_files)?;
    let folder = archive_folder(out.shown());
    let mtime = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut archive = tar::Builder::new(Vec::new());
    for (name, text) in &files {
        let mut header = tar::Header::new_ustar();
        header.set_size(text.len() as u64);
        header.set_mode(0o600);
        header.set_mtime(mtime);
        header.set_entry_type(tar::EntryType::Regular);
        archive
            .append_data(&mut header, format!("{folder}/{name}"), text.as_bytes())
            .map_err(|err| write_error(format!("the Markdown export failed: {err}")))?;
    }
    let tarred = archive
        .into_inner()
        .map_err(|err| write_error(format!("the Markdown export failed: {err}")))?;
    write_export(out, &tarred, Some(passphrase))?;
    Ok(MarkdownReport {
        dir: out.shown().to_owned(),
        people: files.len() - 1,
        files: files.into_iter().map(|(name, _)| name).collect(),
    })
}

/// The folder name inside an encrypted Markdown archive: the file's name
/// without `.age` and `.tar`.
fn archive_folder(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".age").unwrap_or(&name);
    let stem = stem.strip_suffix(".tar").unwrap_or(stem);
    let stem = stem.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if stem.is_empty() {
        "candor-export".to_owned()
    } else {
        stem.to_owned()
    }
}

fn write_error(message: String) -> Error {
    Error::Invalid {
        field: OUT_FIELD,
        message,
    }
}

fn io_error(action: &str, path: &Path, err: &std::io::Error) -> Error {
    write_error(format!(
        "the Markdown export failed: could not {action} {}: {}",
        path.display(),
        reason(err)
    ))
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Every file of the export, `index.md` first: `(file name, text)`.
fn render_files(conn: &Connection) -> Result<Vec<(String, String)>> {
    let everyone = people::list(conn, Scope::All)?;
    let mut names: HashSet<String> = HashSet::new();
    names.insert("index.md".to_owned());
    let mut files: Vec<(String, String)> = Vec::with_capacity(everyone.len() + 1);
    let mut index =
        String::from("# Candor journal\n\nOne file per person, with their timeline.\n\n");
    for person in &everyone {
        let name = file_name(person, &names);
        names.insert(name.clone());
        let _ = writeln!(
            index,
            "- [{}]({name}){}{}",
            link_text(&person.name),
            describe_role(person)
                .map(|r| format!(": {r}"))
                .unwrap_or_default(),
            if person.archived { " (archived)" } else { "" }
        );
        files.push((name, person_file(conn, person)?));
    }
    if everyone.is_empty() {
        index.push_str("No one on the team yet.\n");
    }
    let outside = conflicts_outside_the_team(conn)?;
    if !outside.is_empty() {
        index.push_str("\n## Conflicts with no one on the team\n");
        index.push_str(&outside);
    }
    files.insert(0, ("index.md".to_owned(), index));
    Ok(files)
}

/// `ana-lima-1a2b3c4d.md`: readable, safe on every OS (ASCII letters,
/// digits and dashes), and unique thanks to the id.
fn file_name(person: &Person, taken: &HashSet<String>) -> String {
    let mut slug = String::new();
    for c in person.name.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "person" } else { slug };
    let id = person.id.simple().to_string();
    let short = format!("{slug}-{}.md", &id[..8]);
    if taken.contains(&short) {
        format!("{slug}-{id}.md")
    } else {
        short
    }
}

/// One line, for headings and list items: text typed on several lines is
/// joined.
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn link_text(text: &str) -> String {
    line(text)
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

fn describe_role(person: &Person) -> Option<String> {
    let parts: Vec<String> = [&person.role, &person.team]
        .into_iter()
        .map(|t| line(t))
        .filter(|t| !t.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A Markdown block the user wrote, set apart by blank lines.
fn block(out: &mut String, label: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let _ = write!(out, "\n**{label}**\n\n{}\n", text.trim_end());
}

fn person_file(conn: &Connection, person: &Person) -> Result<String> {
    let id = person.id.to_string();
    let mut out = format!("# {}\n\n", line(&person.name));
    if let Some(role) = describe_role(person) {
        let _ = writeln!(out, "- Role: {role}");
    }
    if let Some(start) = person.start_date {
        let _ = writeln!(out, "- Started: {start}");
    }
    let _ = writeln!(out, "- 1-on-1s every {} days", person.cadence_days);
    if let Some(recognition) = person.recognition {
        let _ = writeln!(out, "- Recognition: {}", serde_plain(&recognition));
    }
    if let Some(medium) = person.feedback_medium {
        let _ = writeln!(out, "- Feedback: {}", serde_plain(&medium));
    }
    if let Some(at) = &person.archived_at {
        let _ = writeln!(out, "- Archived: {}", at.get(..10).unwrap_or(at));
    }
    block(
        &mut out,
        "How they like feedback",
        &person.feedback_preferences,
    );
    block(&mut out, "Notes", &person.notes);

    one_on_ones_section(conn, &id, &mut out)?;
    loose_action_items_section(conn, &id, &mut out)?;
    feedback_section(conn, &id, &mut out)?;
    conflicts_section(conn, &id, &mut out)?;
    questions_section(conn, &id, &mut out)?;
    Ok(out)
}

/// The stored text of a unit-like enum (`"private"`).
fn serde_plain(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    }
}

fn party(text: &str) -> &'static str {
    if text == "them" {
        "them"
    } else {
        "me"
    }
}

fn one_on_ones_section(conn: &Connection, person_id: &str, out: &mut String) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, scheduled_at, status, held_on, notes, outcomes, mood FROM one_on_ones \
         WHERE person_id = ?1 ORDER BY scheduled_at, id",
    )?;
    type Meeting = (
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        Option<i64>,
    );
    let meetings: Vec<Meeting> = stmt
        .query_map([person_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if meetings.is_empty() {
        return Ok(());
    }
    out.push_str("\n## 1-on-1s\n");
    let mut points = conn.prepare(
        "SELECT text, raised_by, resolved, first_raised_on, carried_from_id IS NOT NULL \
         FROM talking_points WHERE one_on_one_id = ?1 ORDER BY position, created_at, id",
    )?;
    let mut items = conn.prepare(
        "SELECT text, owner, due_on, done_on FROM action_items WHERE one_on_one_id = ?1 \
         ORDER BY created_at, id",
    )?;
    for (id, scheduled_at, status, held_on, notes, outcomes, mood) in meetings {
        let when = scheduled_at.replace('T', " ");
        let state = match (status.as_str(), &held_on) {
            ("held", Some(day)) => format!("held on {day}"),
            (other, _) => other.to_owned(),
        };
        let _ = write!(out, "\n### {when} ({state})\n");
        if let Some(mood) = mood {
            let _ = write!(out, "\nMood: {mood}/5\n");
        }
        let agenda: Vec<(String, String, bool, String, bool)> = points
            .query_map([&id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if !agenda.is_empty() {
            out.push_str("\n**Agenda**\n\n");
            for (text, raised_by, resolved, first_raised_on, carried) in agenda {
                let _ = writeln!(
                    out,
                    "- [{}] {} (raised by {}{})",
                    if resolved { "x" } else { " " },
                    line(&text),
                    party(&raised_by),
                    if carried {
                        format!(", carried over since {first_raised_on}")
                    } else {
                        String::new()
                    }
                );
            }
        }
        block(out, "Notes", &notes);
        block(out, "Outcomes", &outcomes);
        let actions: Vec<(String, String, Option<String>, Option<String>)> = items
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if !actions.is_empty() {
            out.push_str("\n**Action items**\n\n");
            for action in actions {
                action_line(out, &action);
            }
        }
    }
    Ok(())
}

fn action_line(
    out: &mut String,
    (text, owner, due_on, done_on): &(String, String, Option<String>, Option<String>),
) {
    let mut details = vec![format!("owner: {}", party(owner))];
    if let Some(due) = due_on {
        details.push(format!("due {due}"));
    }
    if let Some(done) = done_on {
        details.push(format!("done {done}"));
    }
    let _ = writeln!(
        out,
        "- [{}] {} ({})",
        if done_on.is_some() { "x" } else { " " },
        line(text),
        details.join(", ")
    );
}

fn loose_action_items_section(conn: &Connection, person_id: &str, out: &mut String) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT text, owner, due_on, done_on FROM action_items \
         WHERE person_id = ?1 AND one_on_one_id IS NULL ORDER BY created_at, id",
    )?;
    let actions: Vec<(String, String, Option<String>, Option<String>)> = stmt
        .query_map([person_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if !actions.is_empty() {
        out.push_str("\n## Other action items\n\n");
        for action in actions {
            action_line(out, &action);
        }
    }
    Ok(())
}

fn feedback_section(conn: &Connection, person_id: &str, out: &mut String) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, context, observation, impact, next_time, observed_on, status, \
                delivered_on, response FROM feedback WHERE person_id = ?1 \
         ORDER BY observed_on, created_at, id",
    )?;
    type Row = (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
    );
    let rows: Vec<Row> = stmt
        .query_map([person_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if rows.is_empty() {
        return Ok(());
    }
    out.push_str("\n## Feedback\n");
    let mut tags =
        conn.prepare("SELECT tag FROM feedback_tags WHERE feedback_id = ?1 ORDER BY rowid")?;
    for (
        id,
        kind,
        context,
        observation,
        impact,
        next_time,
        observed_on,
        status,
        delivered_on,
        response,
    ) in rows
    {
        let state = match delivered_on {
            Some(day) => format!("delivered on {day}"),
            None => status,
        };
        let _ = write!(out, "\n### {observed_on}: {kind} ({state})\n");
        let tag_list: Vec<String> = tags
            .query_map([&id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if !tag_list.is_empty() {
            let _ = write!(
                out,
                "\nTags: {}\n",
                tag_list
                    .iter()
                    .map(|t| line(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        block(out, "Context", &context);
        block(out, "Observation", &observation);
        block(out, "Impact", &impact);
        block(out, "Next time", &next_time);
        block(out, "Their response", &response);
    }
    Ok(())
}

fn conflict_text(conn: &Connection, id: &str, out: &mut String) -> Result<()> {
    let (title, description, surfaced_on, status, next_step, resolution, resolved_on): (
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
    ) = conn.query_row(
        "SELECT title, description, surfaced_on, status, next_step, resolution, resolved_on \
         FROM conflicts WHERE id = ?1",
        [id],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )?;
    let state = match resolved_on {
        Some(day) => format!("resolved on {day}"),
        None => status.replace('_', " "),
    };
    let _ = write!(
        out,
        "\n### {} ({state})\n\nSurfaced on {surfaced_on}.\n",
        line(&title)
    );
    let mut parties = conn.prepare(
        "SELECT coalesce(p.name, cp.outsider_name) FROM conflict_parties cp \
         LEFT JOIN people p ON p.id = cp.person_id WHERE cp.conflict_id = ?1 ORDER BY cp.position",
    )?;
    let names: Vec<String> = parties
        .query_map([id], |r| r.get::<_, Option<String>>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .map(|n| line(&n))
        .collect();
    if !names.is_empty() {
        let _ = write!(out, "\nBetween: {}\n", names.join(", "));
    }
    block(out, "Description", &description);
    if !next_step.trim().is_empty() {
        let _ = write!(out, "\nNext step: {}\n", line(&next_step));
    }
    let mut updates = conn.prepare(
        "SELECT noted_on, note FROM conflict_updates WHERE conflict_id = ?1 \
         ORDER BY noted_on, created_at, id",
    )?;
    let notes: Vec<(String, String)> = updates
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (on, note) in notes {
        block(out, &format!("Update, {on}"), &note);
    }
    block(out, "Resolution", &resolution);
    Ok(())
}

fn conflicts_section(conn: &Connection, person_id: &str, out: &mut String) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT c.id FROM conflicts c WHERE EXISTS (SELECT 1 FROM conflict_parties cp \
         WHERE cp.conflict_id = c.id AND cp.person_id = ?1) ORDER BY c.surfaced_on, c.id",
    )?;
    let ids: Vec<String> = stmt
        .query_map(params![person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() {
        return Ok(());
    }
    out.push_str("\n## Conflicts\n");
    for id in ids {
        conflict_text(conn, &id, out)?;
    }
    Ok(())
}

fn conflicts_outside_the_team(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare(
        "SELECT c.id FROM conflicts c WHERE NOT EXISTS (SELECT 1 FROM conflict_parties cp \
         WHERE cp.conflict_id = c.id AND cp.person_id IS NOT NULL) ORDER BY c.surfaced_on, c.id",
    )?;
    let ids: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = String::new();
    for id in ids {
        conflict_text(conn, &id, &mut out)?;
    }
    Ok(out)
}

fn questions_section(conn: &Connection, person_id: &str, out: &mut String) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT asked_on, question_text, answer, follow_up FROM questions_asked \
         WHERE person_id = ?1 ORDER BY asked_on, created_at, id",
    )?;
    let asked: Vec<(String, String, String, String)> = stmt
        .query_map([person_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if asked.is_empty() {
        return Ok(());
    }
    out.push_str("\n## Questions asked\n");
    for (on, question, answer, follow_up) in asked {
        let _ = write!(out, "\n### {on}: {}\n", line(&question));
        block(out, "Answer", &answer);
        if !follow_up.trim().is_empty() {
            let _ = write!(out, "\nFollow-up: {}\n", line(&follow_up));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Person {
        Person {
            id: uuid::Uuid::parse_str("1a2b3c4d-0000-4000-8000-000000000000").unwrap(),
            name: name.into(),
            role: String::new(),
            team: String::new(),
            start_date: None,
            cadence_days: 7,
            feedback_preferences: String::new(),
            recognition: None,
            feedback_medium: None,
            notes: String::new(),
            archived: false,
            archived_at: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn file_names_are_plain_ascii_slugs_with_a_short_id() {
        let none = HashSet::new();
        assert_eq!(file_name(&named("Ana Lima"), &none), "ana-lima-1a2b3c4d.md");
        assert_eq!(
            file_name(&named("Émile Zoë"), &none),
            "emile-zoe-1a2b3c4d.md"
        );
        assert_eq!(
            file_name(&named("../../etc/passwd"), &none),
            "etc-passwd-1a2b3c4d.md"
        );
        assert_eq!(file_name(&named("CON"), &none), "con-1a2b3c4d.md");
        assert_eq!(file_name(&named("李雷"), &none), "person-1a2b3c4d.md");
        let long = file_name(&named(&"x".repeat(500)), &none);
        assert!(long.len() < 60, "{long}");
        let taken: HashSet<String> = ["ana-1a2b3c4d.md".to_owned()].into();
        assert_eq!(
            file_name(&named("Ana"), &taken),
            "ana-1a2b3c4d000040008000000000000000.md",
            "a clash on the short id falls back to the whole id"
        );
    }
}
