//! The journal a command works on, and the passphrases it needs: the
//! journal's own when it is encrypted, and a file's when an export is
//! encrypted or an encrypted export is imported.
//!
//! A passphrase is read from a file named by an option or an environment
//! variable (for scripts: the file's first line), or else typed at the
//! terminal without echo. Never from an argument: the command line of every
//! process can be read by every user of the computer, and lands in the shell's
//! history.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use candor_core::encryption::{FileState, JournalKey, Secret};
use candor_core::Store;
use zeroize::Zeroizing;

use super::CliError;

/// How many times the terminal asks for the journal's passphrase.
const ATTEMPTS: u32 = 3;

/// The journal at a path, and where its passphrases come from.
#[derive(Debug, Clone, Default)]
pub struct Journal {
    path: PathBuf,
    /// The journal's passphrase (or recovery key), first line of this file.
    passphrase_file: Option<PathBuf>,
    /// An export's passphrase: to encrypt an export with, or to open an
    /// encrypted one on import.
    export_passphrase_file: Option<PathBuf>,
}

impl Journal {
    pub fn new(
        path: PathBuf,
        passphrase_file: Option<PathBuf>,
        export_passphrase_file: Option<PathBuf>,
    ) -> Journal {
        Journal {
            path,
            passphrase_file,
            export_passphrase_file,
        }
    }

    /// A plain journal at `path`, with no passphrase files (tests).
    pub fn at(path: impl Into<PathBuf>) -> Journal {
        Journal {
            path: path.into(),
            ..Journal::default()
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the journal file is encrypted.
    pub fn is_encrypted(&self) -> Result<bool, CliError> {
        Ok(FileState::of(&self.path)?.is_encrypted())
    }

    /// Opens a journal that must already exist: a read command pointed at a
    /// mistyped path should say so, not quietly create an empty journal.
    pub fn open_existing(&self) -> Result<Store, CliError> {
        if !self.path.exists() {
            return Err(CliError::Message(format!(
                "there is no journal at {} (open Candor once to create it, or pass --db PATH)",
                self.path.display()
            )));
        }
        self.open()
    }

    /// Opens the journal, creating a new, plain one if there is none. An
    /// encrypted journal is unlocked with its passphrase first.
    pub fn open(&self) -> Result<Store, CliError> {
        let key = self.key()?;
        Ok(Store::open_with_key(&self.path, key.as_ref())?)
    }

    /// The key of an encrypted journal (`None` for a plain one), from its
    /// passphrase or recovery key.
    pub fn key(&self) -> Result<Option<JournalKey>, CliError> {
        if !self.is_encrypted()? {
            return Ok(None);
        }
        if let Some(file) = &self.passphrase_file {
            let secret = read_secret_file(file)?;
            return Ok(Some(JournalKey::unlock(&self.path, &secret)?));
        }
        let prompt = format!("Passphrase for {}: ", self.path.display());
        let mut failures = 0;
        loop {
            let secret = ask(&prompt, &self.locked_help())?;
            match JournalKey::unlock(&self.path, &secret) {
                Ok(key) => return Ok(Some(key)),
                Err(candor_core::Error::WrongPassphrase) if failures + 1 < ATTEMPTS => {
                    failures += 1;
                    eprintln!(
                        "candor: that passphrase or recovery key does not open it; try again"
                    );
                    std::thread::sleep(candor_core::encryption::unlock_delay(failures));
                }
                Err(err) => return Err(err.into()),
            }
        }
    }

    fn locked_help(&self) -> String {
        format!(
            "the journal at {} is encrypted: run the command in a terminal to type its \
             passphrase, or give a file holding it with --passphrase-file FILE or \
             CANDOR_PASSPHRASE_FILE",
            self.path.display()
        )
    }

    /// The passphrase to encrypt an export with: from the export passphrase
    /// file, or typed twice at the terminal.
    pub fn new_export_passphrase(&self) -> Result<Secret, CliError> {
        new_secret(
            self.export_passphrase_file.as_deref(),
            "Passphrase for the export",
            "--export-passphrase-file FILE or CANDOR_EXPORT_PASSPHRASE_FILE",
        )
    }

    /// The passphrase of the encrypted export at `file`, to import it.
    pub fn export_passphrase(&self, file: &Path) -> Result<Secret, CliError> {
        match &self.export_passphrase_file {
            Some(source) => read_secret_file(source),
            None => ask(
                &format!("Passphrase for {}: ", file.display()),
                &format!(
                    "{} is encrypted: run the command in a terminal to type its passphrase, \
                     or give a file holding it with --export-passphrase-file FILE or \
                     CANDOR_EXPORT_PASSPHRASE_FILE",
                    file.display()
                ),
            ),
        }
    }

    /// Says on standard error that a plain-text file is being written from
    /// an encrypted journal.
    pub fn warn_if_plain_from_encrypted(&self, target: &Path) -> Result<(), CliError> {
        if self.is_encrypted()? {
            eprintln!(
                "candor: warning: the journal is encrypted, but {} is written as plain text: \
                 anyone who can read the file can read it (add --encrypt to encrypt it)",
                target.display()
            );
        }
        Ok(())
    }
}

/// A new passphrase: the first line of `file`, or typed twice at the
/// terminal; checked for length either way.
pub fn new_secret(file: Option<&Path>, prompt: &str, option: &str) -> Result<Secret, CliError> {
    let secret = match file {
        Some(file) => read_secret_file(file)?,
        None => {
            let help = format!(
                "a new passphrase is needed: run the command in a terminal to type it, or give \
                 a file holding it with {option}"
            );
            let first = ask(&format!("{prompt}: "), &help)?;
            first.check_new_passphrase("passphrase")?;
            let again = ask(&format!("{prompt}, again: "), &help)?;
            if first != again {
                return Err(CliError::Message(
                    "the two passphrases differ; nothing was changed".into(),
                ));
            }
            first
        }
    };
    secret.check_new_passphrase("passphrase")?;
    Ok(secret)
}

/// The first line of `file` (without its line ending) as a secret.
fn read_secret_file(file: &Path) -> Result<Secret, CliError> {
    let text = Zeroizing::new(std::fs::read_to_string(file).map_err(|err| {
        CliError::Message(format!(
            "could not read the passphrase file {}: {}",
            file.display(),
            match err.kind() {
                std::io::ErrorKind::NotFound => "there is no such file".to_owned(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                _ => err.to_string(),
            }
        ))
    })?);
    let line = text.lines().next().unwrap_or("");
    if line.is_empty() {
        return Err(CliError::Message(format!(
            "the passphrase file {} is empty: its first line is the passphrase",
            file.display()
        )));
    }
    Ok(Secret::new(line))
}

/// Asks at the terminal, without echo. Without a terminal (a script, a
/// pipe), fails with `help`, which says how to give the passphrase instead.
fn ask(prompt: &str, help: &str) -> Result<Secret, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Message(help.to_owned()));
    }
    let typed = Zeroizing::new(
        rpassword::prompt_password(prompt)
            .map_err(|err| CliError::Message(format!("could not read the passphrase: {err}")))?,
    );
    Ok(Secret::new(typed.as_str()))
}
