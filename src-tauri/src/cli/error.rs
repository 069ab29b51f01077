//! The CLI's one error type: what `run` returns and `main` prints as
//! `candor: <message>` before exiting with status 2.

use std::fmt;

/// Why a subcommand failed, worded for the person at the terminal. Each
/// variant keeps the words of its source, so `?` can carry any of them to
/// `main` unchanged.
#[derive(Debug)]
pub enum CliError {
    /// Core refused or failed; its message is already a sentence.
    Core(candor_core::Error),
    /// The output could not be written (a closed pipe, a full disk): told
    /// apart from core's own I/O failures, which arrive as [`CliError::Core`].
    Output(std::io::Error),
    /// The CLI's own refusals, before core is reached: no journal at the
    /// path, an input file that cannot be read, a malformed argument.
    Message(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Core(err) => err.fmt(f),
            CliError::Output(err) => write!(f, "could not write the output: {err}"),
            CliError::Message(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for CliError {}

impl From<candor_core::Error> for CliError {
    fn from(err: candor_core::Error) -> Self {
        CliError::Core(err)
    }
}

/// Every `std::io::Error` that reaches `?` in the CLI is a failed write to
/// the output; an input file's read error is worded where it is read.
impl From<std::io::Error> for CliError {
    fn from(err: std::io::Error) -> Self {
        CliError::Output(err)
    }
}

#[cfg(test)]
mod tests {
    use super::CliError;

    #[test]
    fn each_kind_of_failure_keeps_its_words() {
        let core = CliError::from(candor_core::Error::NotFound {
            kind: "person",
            id: "x".into(),
        });
        assert_eq!(core.to_string(), "no person with id x");
        let output = CliError::from(std::io::Error::new(
            std::io::ErrorKind::BrokenPipe,
            "pipe closed",
        ));
        assert_eq!(
            output.to_string(),
            "could not write the output: pipe closed"
        );
        let own = CliError::Message("--today must be a date".into());
        assert_eq!(own.to_string(), "--today must be a date");
    }
}
