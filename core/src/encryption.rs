//! The encrypted journal: keys, passphrases, recovery keys, and telling an
//! encrypted file from a plain one.
//!
//! The whole database file is encrypted by SQLCipher (AES-256, an HMAC per
//! page): records, the full-text index, the write-ahead log. Candor hands
//! SQLCipher a *raw* 256-bit key, so SQLCipher's own key derivation is
//! skipped and opening stays fast; the key comes from the passphrase through
//! Argon2id, with the 16 random bytes SQLCipher keeps at the start of the
//! file as the salt. Nothing but the file is needed to open a journal: no key
//! file beside it, and a backup (which keeps the same salt) opens with the
//! same passphrase.
//!
//! The **recovery key** is the journal key itself, written in 52 letters and
//! digits. It opens the journal (and its backups) when the passphrase is
//! lost. Changing the passphrase re-encrypts the file under a new key, so it
//! also makes a new recovery key, and the old one stops working for the
//! journal (not for backups made before).
//!
//! Neither the passphrase nor the key is ever written to disk. A
//! [`JournalKey`] wipes its bytes when dropped (`zeroize`); a [`Secret`]
//! wipes the typed text.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use argon2::{Algorithm, Argon2, Params, Version};
use rusqlite::{Connection, OpenFlags};
use unicode_normalization::UnicodeNormalization;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::{Error, Result};

/// Bytes in a journal key (AES-256).
pub const KEY_LEN: usize = 32;
/// Bytes of salt SQLCipher keeps, in the clear, at the start of the file.
pub const SALT_LEN: usize = 16;

/// The shortest passphrase Candor accepts for a new journal key.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The longest (a pasted paragraph is fine; a file is not).
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// Argon2id cost: 64 MiB of memory, 3 passes, one lane (the OWASP
/// recommendation's stronger end; about half a second on a laptop). These
/// are part of the file format: a journal made with them is opened with
/// them, so a change needs a new format version tried after this one.
const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
const ARGON2_PASSES: u32 = 3;
const ARGON2_LANES: u32 = 1;

/// The first 16 bytes of every plain SQLite file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What is at a journal path, from its first bytes (nothing is decrypted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No file: a new journal.
    Missing,
    /// An empty file (SQLite makes one before its first write).
    Empty,
    /// A plain SQLite database.
    Plain,
    /// Not plain SQLite, and shaped like SQLCipher's pages (whole pages of
    /// at least 512 bytes): an encrypted journal, or random bytes; only a key
    /// can tell which.
    Encrypted,
    /// Neither: some other kind of file.
    Other,
}

impl FileState {
    /// Reads the first bytes of `path`.
    pub fn of(path: &Path) -> Result<FileState> {
        let mut file = match File::open(path) {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(FileState::Missing)
            }
            Err(err) => {
                return Err(Error::CannotOpen {
                    path: path.to_owned(),
                    reason: crate::files::reason(&err),
                })
            }
        };
        let mut head = [0u8; SALT_LEN];
        let mut read = 0;
        while read < head.len() {
            match file.read(&mut head[read..]) {
                Ok(0) => break,
                Ok(n) => read += n,
                Err(err) => {
                    return Err(Error::CannotOpen {
                        path: path.to_owned(),
                        reason: crate::files::reason(&err),
                    })
                }
            }
        }
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(match read {
            0 => FileState::Empty,
            _ if head[..read] == SQLITE_MAGIC[..read] => FileState::Plain,
            _ if len >= 512 && len % 512 == 0 => FileState::Encrypted,
            _ => FileState::Other,
        })
    }

    /// Whether the file needs a key to be read.
    pub fn is_encrypted(self) -> bool {
        self == FileState::Encrypted
    }
}

/// Text a person typed to unlock the journal: a passphrase or a recovery
/// key. Wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The text as the key derivation sees it: Unicode NFC, so the same
    /// passphrase typed on two systems (which may compose accents
    /// differently) gives the same key. Surrounding whitespace is kept: it
    /// may be part of the passphrase.
    fn normalized(&self) -> Zeroizing<String> {
        Zeroizing::new(self.0.nfc().collect())
    }

    /// Checks a passphrase chosen for a new key.
    pub fn check_new_passphrase(&self, field: &'static str) -> Result<()> {
        let chars = self.0.chars().count();
        if self.0.trim().is_empty() {
            return Err(Error::invalid(field, "the passphrase must not be empty"));
        }
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                field,
                format!(
                    "the passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters \
                     (a few unrelated words are easy to remember and hard to guess)"
                ),
            ));
        }
        if chars > MAX_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                field,
                format!("the passphrase is too long: at most {MAX_PASSPHRASE_CHARS} characters"),
            ));
        }
        Ok(())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// The key of an encrypted journal: 32 key bytes and the file's 16 salt
/// bytes. Wiped from memory when dropped; never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct JournalKey {
    key: [u8; KEY_LEN],
    salt: [u8; SALT_LEN],
}

impl fmt::Debug for JournalKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JournalKey(..)")
    }
}

impl JournalKey {
    /// A key for a journal about to be encrypted (or re-encrypted): a new
    /// random salt, and the key Argon2id derives from `passphrase` with it.
    pub fn new(passphrase: &Secret) -> Result<JournalKey> {
        passphrase.check_new_passphrase("passphrase")?;
        let mut salt = [0u8; SALT_LEN];
        getrandom::fill(&mut salt).map_err(|err| Error::Invalid {
            field: "passphrase",
            message: format!("the system gave no random numbers for a new key: {err}"),
        })?;
        derive(passphrase, salt)
    }

    /// The key that `secret` gives for the encrypted journal at `path`:
    /// read as a recovery key when it has that shape, else as a passphrase.
    /// Checked by reading the file (read-only; nothing is written): a secret
    /// that does not open it is [`Error::WrongPassphrase`].
    pub fn unlock(path: &Path, secret: &Secret) -> Result<JournalKey> {
        let salt = read_salt(path)?;
        if let Some(key) = RecoveryKey::parse(&secret.0) {
            let key = JournalKey { key, salt };
            if key.opens(path)? {
                return Ok(key);
            }
        }
        let key = derive(secret, salt)?;
        if key.opens(path)? {
            Ok(key)
        } else {
            Err(Error::WrongPassphrase)
        }
    }

    /// The recovery key: this key in words a person can write down.
    pub fn recovery_key(&self) -> RecoveryKey {
        RecoveryKey::encode(&self.key)
    }

    /// The file salt this key goes with.
    pub fn salt(&self) -> &[u8; SALT_LEN] {
        &self.salt
    }

    /// The key as SQLCipher takes it: `x'<key><salt>'`, raw key and salt in
    /// hex (no key derivation by SQLCipher; the salt is the file's).
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(4 + 2 * (KEY_LEN + SALT_LEN)));
        text.push_str("x'");
        for byte in self.key.iter().chain(self.salt.iter()) {
            push_hex(&mut text, *byte);
        }
        text.push('\'');
        text
    }

    /// Gives `conn` this key. Must come before anything reads the file.
    pub(crate) fn apply(&self, conn: &Connection) -> Result<()> {
        let literal = self.sqlcipher_literal();
        // SQLCipher's log (process-wide) would print "error decrypting page
        // 1" to the terminal for every wrong passphrase; Candor reports its
        // own errors.
        let sql = Zeroizing::new(format!(
            "PRAGMA cipher_log_level = NONE; PRAGMA key = \"{}\";",
            literal.as_str()
        ));
        conn.execute_batch(&sql)?;
        Ok(())
    }

    /// Whether this key reads the file at `path` (read-only).
    fn opens(&self, path: &Path) -> Result<bool> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|err| Error::CannotOpen {
            path: path.to_owned(),
            reason: err.to_string(),
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        self.apply(&conn)?;
        match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        }) {
            Ok(_) => Ok(true),
            Err(err) if err.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
                Ok(false)
            }
            Err(err) => Err(err.into()),
        }
    }

    /// A key with these exact bytes (tests and benchmarks, which cannot
    /// spend Argon2's half second on every open).
    #[doc(hidden)]
    pub fn from_bytes(key: [u8; KEY_LEN], salt: [u8; SALT_LEN]) -> JournalKey {
        JournalKey { key, salt }
    }
}

/// Argon2id(secret, salt) → key.
fn derive(secret: &Secret, salt: [u8; SALT_LEN]) -> Result<JournalKey> {
    let params = Params::new(
        ARGON2_MEMORY_KIB,
        ARGON2_PASSES,
        ARGON2_LANES,
        Some(KEY_LEN),
    )
    .expect("Candor's Argon2 parameters are valid");
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut key = [0u8; KEY_LEN];
    let text = secret.normalized();
    argon
        .hash_password_into(text.as_bytes(), &salt, &mut key)
        .map_err(|err| Error::Invalid {
            field: "passphrase",
            message: format!("the key could not be derived from the passphrase: {err}"),
        })?;
    let journal_key = JournalKey { key, salt };
    key.zeroize();
    Ok(journal_key)
}

/// The salt at the start of an encrypted journal.
pub fn read_salt(path: &Path) -> Result<[u8; SALT_LEN]> {
    let cannot = |reason: String| Error::CannotOpen {
        path: path.to_owned(),
        reason,
    };
    match FileState::of(path)? {
        FileState::Encrypted => {}
        FileState::Missing => return Err(cannot("there is no such file".into())),
        FileState::Empty | FileState::Plain | FileState::Other => {
            return Err(Error::NotEncrypted {
                path: path.to_owned(),
            })
        }
    }
    let mut salt = [0u8; SALT_LEN];
    File::open(path)
        .and_then(|mut file| file.read_exact(&mut salt))
        .map_err(|err| cannot(crate::files::reason(&err)))?;
    Ok(salt)
}

fn push_hex(text: &mut String, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    text.push(HEX[usize::from(byte >> 4)] as char);
    text.push(HEX[usize::from(byte & 0xf)] as char);
}

/// A journal key written for a person: 52 characters of Crockford's base32
/// (digits and capital letters without I, L, O and U) in groups of four.
/// Reading forgives case, spaces and dashes, and the look-alikes O/0 and
/// I/L/1.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct RecoveryKey(String);

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RECOVERY_CHARS: usize = (KEY_LEN * 8).div_ceil(5);

impl RecoveryKey {
    fn encode(key: &[u8; KEY_LEN]) -> RecoveryKey {
        let mut chars = Zeroizing::new(Vec::with_capacity(RECOVERY_CHARS));
        let mut buffer: u32 = 0;
        let mut bits = 0;
        for byte in key {
            buffer = (buffer << 8) | u32::from(*byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                chars.push(CROCKFORD[((buffer >> bits) & 31) as usize]);
            }
        }
        if bits > 0 {
            chars.push(CROCKFORD[((buffer << (5 - bits)) & 31) as usize]);
        }
        buffer.zeroize();
        let mut text = String::with_capacity(RECOVERY_CHARS + RECOVERY_CHARS / 4);
        for (i, c) in chars.iter().enumerate() {
            if i > 0 && i % 4 == 0 {
                text.push('-');
            }
            text.push(*c as char);
        }
        RecoveryKey(text)
    }

    /// The key in `text`, if it has a recovery key's shape.
    fn parse(text: &str) -> Option<[u8; KEY_LEN]> {
        let mut values = Zeroizing::new(Vec::with_capacity(RECOVERY_CHARS));
        for c in text.chars() {
            let value = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' | '\n' | '\r' => continue,
                'O' => 0,
                'I' | 'L' => 1,
                c => CROCKFORD.iter().position(|&d| d as char == c)? as u32,
            };
            values.push(value);
        }
        if values.len() != RECOVERY_CHARS {
            return None;
        }
        let mut key = [0u8; KEY_LEN];
        let mut buffer: u32 = 0;
        let mut bits = 0;
        let mut at = 0;
        for value in values.iter() {
            buffer = (buffer << 5) | value;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                if at < KEY_LEN {
                    key[at] = (buffer >> bits) as u8;
                    at += 1;
                }
            }
        }
        buffer.zeroize();
        Some(key)
    }

    /// The key as shown and printed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

/// How long to wait before answering the next unlock attempt after
/// `failures` wrong ones in a row: nothing for the first two (typos), then
/// 1 s, 2 s, 4 s, ... up to 30 s. Argon2 already costs each guess half a
/// second; the wait makes guessing at the lock screen slower still.
pub fn unlock_delay(failures: u32) -> Duration {
    match failures {
        0..=2 => Duration::ZERO,
        n => Duration::from_secs((1u64 << (n - 3).min(5)).min(30)),
    }
}

/// The first line of every age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// Whether `bytes` are an age-encrypted file (an export sealed by
/// [`seal`], or by the `age` tool).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// Encrypts an export with a passphrase, in the age format (scrypt
/// recipient, ChaCha20-Poly1305), which the standard `age` tool opens:
/// `age -d file.age`. The passphrase is used exactly as typed (no Unicode
/// normalization), as `age` would use it.
pub fn seal(plain: &[u8], passphrase: &Secret) -> Result<Vec<u8>> {
    passphrase.check_new_passphrase("export_passphrase")?;
    let recipient =
        age::scrypt::Recipient::new(age::secrecy::SecretString::from(passphrase.0.as_str()));
    age::encrypt(&recipient, plain).map_err(|err| Error::Invalid {
        field: "export_passphrase",
        message: format!("the export could not be encrypted: {err}"),
    })
}

/// Decrypts a file made by [`seal`] (or `age -p`). A passphrase that does
/// not open it is [`Error::WrongPassphrase`].
pub fn open_sealed(sealed: &[u8], passphrase: &Secret) -> Result<Zeroizing<Vec<u8>>> {
    use age::DecryptError;
    let identity =
        age::scrypt::Identity::new(age::secrecy::SecretString::from(passphrase.0.as_str()));
    match age::decrypt(&identity, sealed) {
        Ok(plain) => Ok(Zeroizing::new(plain)),
        Err(DecryptError::DecryptionFailed | DecryptError::NoMatchingKeys) => {
            Err(Error::WrongPassphrase)
        }
        Err(DecryptError::ExcessiveWork { .. }) => Err(Error::invalid(
            "file",
            "the file was encrypted with a work factor too high to open here",
        )),
        Err(err) => Err(Error::invalid(
            "file",
            format!("the file is not a readable age-encrypted file: {err}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_as_the_same_key_forgiving_case_and_look_alikes() {
        let bytes: [u8; KEY_LEN] = std::array::from_fn(|i| (i as u8).wrapping_mul(37) ^ 0xA5);
        let shown = RecoveryKey::encode(&bytes);
        assert_eq!(shown.as_str().len(), RECOVERY_CHARS + 12, "13 groups of 4");
        assert_eq!(RecoveryKey::parse(shown.as_str()), Some(bytes));
        let sloppy = shown
            .as_str()
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(RecoveryKey::parse(&sloppy), Some(bytes), "{sloppy}");
    }

    #[test]
    fn text_that_is_not_a_recovery_key_is_read_as_a_passphrase() {
        assert_eq!(RecoveryKey::parse("correct horse battery staple"), None);
        assert_eq!(RecoveryKey::parse(""), None);
        let short = &RecoveryKey::encode(&[7; KEY_LEN]).0[..50];
        assert_eq!(RecoveryKey::parse(short), None);
    }

    #[test]
    fn the_same_passphrase_composed_differently_gives_the_same_key() {
        let salt = [3; SALT_LEN];
        let composed = derive(&Secret::new("caf\u{e9} au lait"), salt).unwrap();
        let decomposed = derive(&Secret::new("cafe\u{301} au lait"), salt).unwrap();
        assert_eq!(composed, decomposed);
        let other = derive(&Secret::new("cafe au lait"), salt).unwrap();
        assert_ne!(
            composed, other,
            "a different passphrase gives a different key"
        );
    }

    #[test]
    fn a_new_passphrase_must_be_long_enough_and_not_blank() {
        let err = Secret::new("short")
            .check_new_passphrase("passphrase")
            .unwrap_err();
        assert!(err.to_string().contains("at least 8"), "{err}");
        assert!(Secret::new("        ").check_new_passphrase("p").is_err());
        assert!(Secret::new("x".repeat(1025))
            .check_new_passphrase("p")
            .is_err());
        assert!(Secret::new("four words are fine")
            .check_new_passphrase("p")
            .is_ok());
    }

    #[test]
    fn keys_and_secrets_never_print_their_bytes() {
        let key = JournalKey::from_bytes([0xAB; KEY_LEN], [0xCD; SALT_LEN]);
        assert_eq!(format!("{key:?}"), "JournalKey(..)");
        assert_eq!(format!("{:?}", Secret::new("hunter22")), "Secret(..)");
        assert_eq!(format!("{:?}", key.recovery_key()), "RecoveryKey(..)");
        assert!(key.sqlcipher_literal().starts_with("x'abab"));
        assert!(key.sqlcipher_literal().ends_with("cdcd'"));
    }

    #[test]
    fn the_unlock_delay_grows_after_a_few_mistakes_and_is_capped() {
        assert_eq!(unlock_delay(0), Duration::ZERO);
        assert_eq!(unlock_delay(2), Duration::ZERO);
        assert_eq!(unlock_delay(3), Duration::from_secs(1));
        assert_eq!(unlock_delay(4), Duration::from_secs(2));
        assert!(unlock_delay(7) > unlock_delay(6));
        assert_eq!(unlock_delay(100), Duration::from_secs(30));
    }

    #[test]
    fn a_sealed_export_opens_with_its_passphrase_only() {
        let secret = Secret::new("export passphrase");
        let sealed = seal(b"Ana's feedback, in confidence", &secret).unwrap();
        assert!(is_sealed(&sealed));
        assert!(!is_sealed(b"{\"format\": \"candor\"}"));
        assert!(
            !sealed.windows(8).any(|w| w == b"feedback"),
            "no plain text inside"
        );
        assert_eq!(
            &open_sealed(&sealed, &secret).unwrap()[..],
            b"Ana's feedback, in confidence"
        );
        assert!(matches!(
            open_sealed(&sealed, &Secret::new("not the passphrase")),
            Err(Error::WrongPassphrase)
        ));
        assert!(
            seal(b"x", &Secret::new("short")).is_err(),
            "a weak passphrase is refused"
        );
        let err = open_sealed(b"age-encryption.org/v1\ngarbage", &secret).unwrap_err();
        assert!(err.to_string().contains("not a readable"), "{err}");
    }

    #[test]
    fn file_state_tells_missing_empty_plain_and_encrypted_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.db");
        assert_eq!(FileState::of(&path).unwrap(), FileState::Missing);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(FileState::of(&path).unwrap(), FileState::Empty);
        std::fs::write(&path, b"SQLite format 3\0rest of the header").unwrap();
        assert_eq!(FileState::of(&path).unwrap(), FileState::Plain);
        std::fs::write(&path, [0x5a; 4096]).unwrap();
        assert_eq!(FileState::of(&path).unwrap(), FileState::Encrypted);
        std::fs::write(&path, "a text file, not a journal").unwrap();
        assert_eq!(FileState::of(&path).unwrap(), FileState::Other);
    }
}
