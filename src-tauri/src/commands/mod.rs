//! Tauri commands: thin adapters that take typed input, call core and return
//! serializable output. No SQL and no validation here: both live in core.
//! One module per area of core, named as core names it.

use std::path::PathBuf;

use candor_core::encryption::Secret;

use crate::error::{CommandError, CommandResult};

pub mod action_items;
pub mod agenda;
pub mod app;
pub mod conflicts;
pub mod data;
pub mod demo;
pub mod encryption;
pub mod feedback;
pub mod goals;
pub mod history;
pub mod one_on_ones;
pub mod people;
pub mod questions;
pub mod reminders;
pub mod review;
pub mod search;
pub mod settings;
pub mod templates;

/// The path picked in a native file dialog, `None` if the user cancelled.
/// A pick that is no local path (a URL some platforms can hand back) is
/// refused, as nothing in core can write there.
pub(crate) fn chosen(
    path: Option<tauri_plugin_dialog::FilePath>,
) -> CommandResult<Option<PathBuf>> {
    match path {
        None => Ok(None),
        Some(path) => path.into_path().map(Some).map_err(|_| {
            CommandError::invalid_choice("that location is not a file on this computer")
        }),
    }
}

/// "Encrypt this file with a passphrase", from an export dialog: the
/// passphrase typed twice. Files written with one are sealed in the age
/// format (core's `encryption::seal`).
#[derive(serde::Deserialize)]
pub struct ExportPassphrase {
    passphrase: String,
    confirm: String,
}

impl ExportPassphrase {
    /// The passphrase to seal with, checked (the same twice, strong enough)
    /// before any file dialog opens; `None` writes plain text.
    pub(crate) fn checked(encrypt: Option<ExportPassphrase>) -> CommandResult<Option<Secret>> {
        encrypt
            .map(|e| {
                encryption::new_passphrase(
                    e.passphrase,
                    e.confirm,
                    "export_passphrase",
                    "export_confirm",
                )
            })
            .transpose()
    }
}
