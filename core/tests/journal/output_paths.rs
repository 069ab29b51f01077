//! Every writer (JSON export, review packet or prep sheet, backup, Markdown
//! export) against output paths spelled around an open journal: the journal
//! itself, its `-wal`, `-shm`, `-journal` and lock files, its backups, a hard
//! link and a symbolic link to it, a link to its folder, `..`, a trailing
//! slash, case variants, another database. Whatever the spelling, the
//! journal's files keep every byte, and paths that name none of them are
//! still written.

use std::collections::BTreeMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use candor_core::files::{self, OutputKind, OutputPath};
use candor_core::store::people::{self, PersonInput};
use candor_core::{backup, transfer, Store};
use chrono::NaiveDate;
use proptest::prelude::*;

/// A journal with a live WAL, a daily backup, and the links and files a
/// careless or hostile output path might reach it through.
struct Around {
    dir: tempfile::TempDir,
    store: Store,
}

impl Around {
    fn new() -> Around {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("journal")).unwrap();
        fs::create_dir_all(root.join("out/sub")).unwrap();
        let journal = root.join("journal/Candor.db");
        let store = Store::open(&journal).unwrap();
        for name in ["Ana Lima", "Bo Chen"] {
            people::create(
                store.conn(),
                &PersonInput {
                    name: name.into(),
                    notes: format!("{name}: private notes that must survive"),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        backup::auto_backup(
            &journal,
            None,
            NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            14,
        )
        .unwrap()
        .expect("the first daily backup is written");
        std::fs::write(candor_core::paths::lock_path(&journal), b"").unwrap();
        // Another program's database, and links of every kind.
        rusqlite::Connection::open(root.join("out/other.sqlite"))
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let wal = root.join("journal/Candor.db-wal");
        assert!(
            fs::metadata(&wal).is_ok_and(|m| m.len() > 0),
            "the journal has a live write-ahead log"
        );
        fs::hard_link(&journal, root.join("out/hard.db")).unwrap();
        fs::hard_link(&wal, root.join("out/hard-wal")).unwrap();
        std::os::unix::fs::symlink(&journal, root.join("out/link.json")).unwrap();
        std::os::unix::fs::symlink(&wal, root.join("out/wal-link.md")).unwrap();
        std::os::unix::fs::symlink(root.join("journal"), root.join("out/folder-link")).unwrap();
        Around { dir, store }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn journal(&self) -> &Path {
        self.store.path().unwrap()
    }

    /// A digest of every byte of every file that belongs to the journal or
    /// is not ours to replace (`-shm` is left out: readers update it), and
    /// of where each link points; new names in the journal's folders are
    /// listed too, so a stray file there shows.
    fn protected(&self, expected_new: Option<&str>) -> BTreeMap<String, u64> {
        let digest = |bytes: &[u8]| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            hasher.finish()
        };
        let mut files = BTreeMap::new();
        for folder in ["journal", "journal/backups"] {
            for entry in fs::read_dir(self.root().join(folder)).unwrap() {
                let entry = entry.unwrap();
                let name = format!("{folder}/{}", entry.file_name().to_string_lossy());
                if Some(name.as_str()) == expected_new || name.ends_with("-shm") {
                    continue;
                }
                let bytes = if entry.file_type().unwrap().is_dir() {
                    Vec::new()
                } else {
                    fs::read(entry.path()).unwrap()
                };
                files.insert(name, digest(&bytes));
            }
        }
        files.insert(
            "out/other.sqlite".into(),
            digest(&fs::read(self.root().join("out/other.sqlite")).unwrap()),
        );
        for link in ["out/link.json", "out/wal-link.md", "out/folder-link"] {
            let target = fs::read_link(self.root().join(link)).unwrap();
            files.insert(link.into(), digest(target.as_os_str().as_encoded_bytes()));
        }
        files
    }
}

/// The writers a person can point at a path.
#[derive(Debug, Clone, Copy)]
enum Writer {
    Json,
    Packet,
    Backup,
    Markdown,
}

impl Writer {
    fn write(self, around: &Around, target: &Path) -> candor_core::Result<()> {
        let conn = around.store.conn();
        let kind = match self {
            Writer::Markdown => OutputKind::NewFolder,
            _ => OutputKind::File,
        };
        let out = OutputPath::check(target, Some(around.journal()), kind)?;
        match self {
            Writer::Json => {
                let json = transfer::export_json(conn, "2026-11-29T12:00:00Z")?;
                files::write_atomic(&out, json.as_bytes())
            }
            Writer::Packet => files::write_atomic(&out, b"# Review packet\n"),
            Writer::Backup => backup::backup_to(&around.store, &out).map(|_| ()),
            Writer::Markdown => transfer::export_markdown(conn, &out).map(|_| ()),
        }
    }
}

/// Where a path points, before it is spelled differently.
#[derive(Debug, Clone)]
struct Place {
    /// Folder, relative to the test's root.
    folder: &'static str,
    name: &'static str,
    /// Whether writing there must be refused.
    refused: bool,
    /// Whether only this exact name is refused: a file found by what it is
    /// (a link, a hard link, a database), not by its name, whose case
    /// variants are other, free names on a case-sensitive system.
    exact: bool,
}

const fn place(folder: &'static str, name: &'static str, refused: bool) -> Place {
    Place {
        folder,
        name,
        refused,
        exact: false,
    }
}

const fn exact(folder: &'static str, name: &'static str) -> Place {
    Place {
        folder,
        name,
        refused: true,
        exact: true,
    }
}

const PLACES: &[Place] = &[
    place("journal", "Candor.db", true),
    place("journal", "Candor.db-wal", true),
    place("journal", "Candor.db-shm", true),
    place("journal", "Candor.db-journal", true),
    place("journal", "Candor.db.lock", true),
    place("journal", "backups", true),
    place("journal/backups", "Candor-2026-11-28.db", true),
    place("journal/backups", "new-export.json", true),
    exact("out", "hard.db"),
    exact("out", "hard-wal"),
    exact("out", "link.json"),
    exact("out", "wal-link.md"),
    place("out/folder-link", "Candor.db", true),
    place("out/folder-link", "Candor.db-wal", true),
    exact("out", "other.sqlite"),
    // Free places: these must still be written.
    place("out", "fresh.json", false),
    place("out/sub", "packet.md", false),
    place("journal", "notes-export.md", false),
];

/// How the folder is spelled: directly, or through `..` detours.
fn spell_folder(root: &Path, folder: &str, detour: u8) -> PathBuf {
    match detour {
        0 => root.join(folder),
        1 => root.join("out/sub/../..").join(folder),
        _ => root.join(folder).join("../").join(
            Path::new(folder)
                .file_name()
                .expect("every folder has a name"),
        ),
    }
}

/// The name with the case of each letter flipped where `flips` says.
fn spell_name(name: &str, flips: &[bool]) -> String {
    name.chars()
        .zip(flips.iter().copied().chain(std::iter::repeat(false)))
        .map(|(c, flip)| {
            if !flip {
                c.to_string()
            } else if c.is_uppercase() {
                c.to_lowercase().to_string()
            } else {
                c.to_uppercase().to_string()
            }
        })
        .collect()
}

fn writer() -> impl Strategy<Value = Writer> {
    prop_oneof![
        Just(Writer::Json),
        Just(Writer::Packet),
        Just(Writer::Backup),
        Just(Writer::Markdown),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn no_spelling_of_an_output_path_changes_the_journal(
        which in 0..PLACES.len(),
        detour in 0u8..3,
        flips in proptest::collection::vec(proptest::bool::weighted(0.3), 0..24),
        trailing_slash in proptest::bool::weighted(0.2),
        writer in writer(),
    ) {
        let around = Around::new();
        let place = &PLACES[which];
        let name = if place.exact {
            place.name.to_owned()
        } else {
            spell_name(place.name, &flips)
        };
        let mut target = spell_folder(around.root(), place.folder, detour)
            .join(&name)
            .into_os_string();
        if trailing_slash {
            target.push("/");
        }
        let target = PathBuf::from(target);
        // A free name in the journal's own folder is written there.
        let expected_new = (place.folder == "journal" && !place.refused)
            .then(|| format!("journal/{name}"));
        let before = around.protected(None);

        let result = writer.write(&around, &target);

        prop_assert_eq!(
            &around.protected(expected_new.as_deref()),
            &before,
            "{:?} to {} changed the journal's files",
            writer,
            target.display()
        );
        // A case variant of a free name is still free; a case variant of
        // a journal file is refused on every system.
        if place.refused || trailing_slash {
            prop_assert!(
                result.is_err(),
                "{:?} to {} should have been refused",
                writer,
                target.display()
            );
            let message = result.unwrap_err().to_string();
            prop_assert!(!message.is_empty());
        } else {
            prop_assert!(
                result.is_ok(),
                "{:?} to {} should have been written: {:?}",
                writer,
                target.display(),
                result
            );
        }
        // The journal still opens and holds its people.
        let reopened = Store::open(around.journal()).unwrap();
        prop_assert_eq!(
            people::list(reopened.conn(), people::Scope::All).unwrap().len(),
            2
        );
    }
}

#[test]
fn a_refused_path_says_why_in_words() {
    let around = Around::new();
    let root = around.root();
    let cases: [(PathBuf, &str); 8] = [
        (root.join("journal/Candor.db"), "it is the journal itself"),
        (
            root.join("out/sub/../../journal/candor.DB-wal"),
            "it is the journal's write-ahead log",
        ),
        (root.join("out/hard.db"), "it is the journal itself"),
        (root.join("out/link.json"), "it is a symbolic link"),
        (
            root.join("journal/backups/mine.json"),
            "it is in the journal's backups folder",
        ),
        (root.join("out/other.sqlite"), "it is a SQLite database"),
        (root.join("out/missing/packet.md"), "the folder"),
        (root.join("out/sub/"), "it ends with a slash"),
    ];
    for (target, why) in cases {
        let err = Writer::Json.write(&around, &target).unwrap_err();
        assert!(
            err.to_string().contains(why),
            "{}: expected \"{why}\" in \"{err}\"",
            target.display()
        );
        assert_eq!(err.code(), "invalid_input");
    }
}
