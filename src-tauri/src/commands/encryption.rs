//! The encrypted journal (core's `encryption`): unlock and lock, turn
//! encryption on or off, change the passphrase. Typed secrets go straight
//! into core's `Secret`, which wipes them when dropped; they are never
//! logged, and a recovery key crosses IPC once, when it is made.

use candor_core::encryption::{JournalKey, RecoveryKey, Secret};
use serde::{Serialize, Serializer};
use tauri::{AppHandle, Runtime, State};
use zeroize::Zeroize;

use crate::error::{CommandError, CommandResult};
use crate::state::{AppState, JournalStatus, Unlocked};

/// A new recovery key, to show once. Wiped from memory when dropped.
#[derive(Debug)]
pub struct NewRecoveryKey(RecoveryKey);

impl Serialize for NewRecoveryKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut shown = serializer.serialize_struct("NewRecoveryKey", 1)?;
        shown.serialize_field("recovery_key", self.0.as_str())?;
        shown.end()
    }
}

/// Unlocks the journal with its passphrase or recovery key; then makes the
/// day's backup (encrypted with the journal's key) if it is not made yet.
/// A wrong one is refused with `wrong_passphrase` and the seconds to wait
/// before the next try; nothing is written.
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_journal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    secret: String,
) -> CommandResult<()> {
    let secret = Secret::new(secret);
    if secret_is_blank(&secret) {
        return Err(CommandError {
            field: Some("secret"),
            ..CommandError::invalid_choice("type your passphrase or recovery key")
        });
    }
    match state.unlock(&secret)? {
        Unlocked::Open => crate::start_daily_backup(&app),
        // An older journal: the window shows the update screen meanwhile
        // and the day's backup follows the update.
        Unlocked::Updating(key) => crate::start_update(&app, Some(key)),
    }
    Ok(())
}

/// Locks an encrypted journal: the store and its key leave memory, and
/// every command that reads the journal answers `locked` until unlocked.
#[tauri::command(rename_all = "snake_case")]
pub fn lock_journal(state: State<'_, AppState>) -> CommandResult<()> {
    state.lock()
}

/// Encrypts the plain journal under a new passphrase, typed twice. Returns
/// the recovery key, which the window shows once.
#[tauri::command(rename_all = "snake_case")]
pub async fn enable_encryption(
    state: State<'_, AppState>,
    passphrase: String,
    confirm: String,
) -> CommandResult<NewRecoveryKey> {
    let passphrase = new_passphrase(passphrase, confirm, "passphrase", "confirm")?;
    if state.with_store(|store| Ok(store.is_encrypted()))? {
        return Err(CommandError::invalid_choice(
            "this journal is encrypted already: change its passphrase instead",
        ));
    }
    let key = JournalKey::new(&passphrase)?;
    let recovery = NewRecoveryKey(key.recovery_key());
    state.convert(Some(key))?;
    Ok(recovery)
}

/// Decrypts the journal back to a plain file, after its passphrase (or
/// recovery key) is typed again.
#[tauri::command(rename_all = "snake_case")]
pub async fn disable_encryption(
    state: State<'_, AppState>,
    passphrase: String,
) -> CommandResult<()> {
    let current = Secret::new(passphrase);
    state.confirm_passphrase(&current, "passphrase")?;
    state.convert(None)
}

/// Re-encrypts the journal under a new passphrase, after the current one
/// (or the recovery key). Returns the new recovery key; the old one stops
/// opening the journal (backups made before keep their own).
#[tauri::command(rename_all = "snake_case")]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    passphrase: String,
    confirm: String,
) -> CommandResult<NewRecoveryKey> {
    let current = Secret::new(current);
    // Checked first, so a mistyped new one costs no Argon2 run.
    let passphrase = new_passphrase(passphrase, confirm, "passphrase", "confirm")?;
    if state.status() == (JournalStatus::Open { encrypted: false }) {
        return Err(CommandError::invalid_choice(
            "this journal has no passphrase yet: turn encryption on instead",
        ));
    }
    state.confirm_passphrase(&current, "current")?;
    let key = JournalKey::new(&passphrase)?;
    let recovery = NewRecoveryKey(key.recovery_key());
    state.convert(Some(key))?;
    Ok(recovery)
}

fn secret_is_blank(secret: &Secret) -> bool {
    // `Secret` hides its text; an empty one fails the new-passphrase check
    // with the "must not be empty" message, which is all this needs.
    secret
        .check_new_passphrase("secret")
        .is_err_and(|err| err.to_string().contains("must not be empty"))
}

/// A new passphrase typed twice: the same both times, and one core accepts
/// (long enough, not blank). `confirm` is wiped once compared.
pub(crate) fn new_passphrase(
    passphrase: String,
    mut confirm: String,
    field: &'static str,
    confirm_field: &'static str,
) -> CommandResult<Secret> {
    let same = passphrase == confirm;
    confirm.zeroize();
    let passphrase = Secret::new(passphrase);
    passphrase.check_new_passphrase(field)?;
    if !same {
        return Err(CommandError {
            field: Some(confirm_field),
            ..CommandError::invalid_choice(
                "the two passphrases are not the same: type the new passphrase again",
            )
        });
    }
    Ok(passphrase)
}
