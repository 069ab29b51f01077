//! The error shape that crosses IPC: `{ "code", "message" }`, plus the input
//! `field` at fault for validation errors so a form can point at it, and
//! for a wrong passphrase the seconds before the next attempt is checked.

use serde::Serialize;

/// An error as the UI receives it. `message` is a sentence for a person;
/// `code` is for the few places where the UI reacts differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// After a wrong passphrase: the next attempt is not checked before
    /// this many seconds have passed (the lock screen counts them down).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_seconds: Option<u64>,
}

impl From<candor_core::Error> for CommandError {
    fn from(err: candor_core::Error) -> Self {
        CommandError {
            code: err.code(),
            field: err.field(),
            message: err.to_string(),
            wait_seconds: None,
        }
    }
}

impl CommandError {
    /// A refusal of something picked or prepared outside a form (a dialog's
    /// pick, a file that cannot be read, a step taken out of order). The code
    /// is core's, as for every error; `field` stays empty because there is
    /// no form input for the UI to point at, and core's `Error::Invalid`
    /// always names one.
    pub fn invalid_choice(message: impl Into<String>) -> Self {
        let invalid = candor_core::Error::Invalid {
            field: "",
            message: message.into(),
        };
        CommandError {
            field: None,
            ..CommandError::from(invalid)
        }
    }
}

/// What every command returns.
pub type CommandResult<T> = Result<T, CommandError>;
