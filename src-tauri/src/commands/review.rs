//! Documents about one person (core's `review`): the prep sheet for the
//! next 1-on-1, and the review packet for a period, previewed in the app or
//! saved to a file chosen in a native dialog.

use std::path::PathBuf;

use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::review::{self, PacketFormat};
use candor_core::validate::parse_uuid;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{chosen, ExportPassphrase};
use crate::error::CommandResult;
use crate::state::AppState;
use crate::today;

/// A document rendered for reading in the app, and its Markdown source
/// (for copying).
#[derive(Debug, serde::Serialize)]
pub struct Rendered {
    pub markdown: String,
    /// Sanitized by core.
    pub html: String,
}

/// The prep sheet for a person's next 1-on-1.
#[tauri::command(rename_all = "snake_case")]
pub fn prep_sheet(state: State<'_, AppState>, person_id: String) -> CommandResult<Rendered> {
    state.with_store(|store| {
        let id = parse_uuid("person_id", "person", &person_id)?;
        let sheet = review::prep_sheet(store.conn(), id, today())?;
        let markdown = review::prep_markdown(&sheet);
        Ok(Rendered {
            html: candor_core::markdown::render(&markdown),
            markdown,
        })
    })
}

/// The review packet for a person and a period, to preview in the app.
#[tauri::command(rename_all = "snake_case")]
pub fn review_preview(
    state: State<'_, AppState>,
    person_id: String,
    from: String,
    to: String,
) -> CommandResult<Rendered> {
    state.with_store(|store| {
        let id = parse_uuid("person_id", "person", &person_id)?;
        let packet = review::review_packet(store.conn(), id, &from, &to, today())?;
        let markdown = review::review_markdown(&packet);
        Ok(Rendered {
            html: candor_core::markdown::render(&markdown),
            markdown,
        })
    })
}

/// Saves the review packet as Markdown or as a self-contained HTML page, to
/// a file chosen in the save dialog. With `encrypt`, the file is sealed
/// with that passphrase in the age format (`.md.age`, `.html.age`). `None`
/// if the user cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_review<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    person_id: String,
    from: String,
    to: String,
    format: String,
    encrypt: Option<ExportPassphrase>,
) -> CommandResult<Option<PathBuf>> {
    let passphrase = ExportPassphrase::checked(encrypt)?;
    let (packet_text, name, extension) = state.with_store(|store| {
        let id = parse_uuid("person_id", "person", &person_id)?;
        let packet = review::review_packet(store.conn(), id, &from, &to, today())?;
        let person = candor_core::store::people::get(store.conn(), id)?;
        let format = format.parse::<PacketFormat>()?;
        Ok((format.render(&packet), person.name, format.as_str()))
    })?;
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let kind = match (extension, passphrase.is_some()) {
        (_, true) => "Encrypted file",
        ("html", false) => "Web page",
        _ => "Markdown",
    };
    let (name, filter) = match passphrase {
        Some(_) => (format!("review-{slug}-{from}-{to}.{extension}.age"), "age"),
        None => (format!("review-{slug}-{from}-{to}.{extension}"), extension),
    };
    let picked = app
        .dialog()
        .file()
        .set_title("Save the review packet")
        .set_file_name(name)
        .add_filter(kind, &[filter])
        .blocking_save_file();
    let Some(path) = chosen(picked)? else {
        return Ok(None);
    };
    let out = OutputPath::check(&path, Some(state.db_path()), OutputKind::File)?;
    files::write_export(&out, packet_text.as_bytes(), passphrase.as_ref())?;
    Ok(Some(path))
}
