//! The JSON import: the whole file is read and checked (types, required
//! fields, allowed values, dates, lengths, ids used twice in any kinds,
//! references, references that loop back to their own record, the schema's
//! rules) before anything is written, then written in one
//! transaction. Records are matched by id: new ids are added, known ids whose
//! content differs are updated, the rest are left alone, and nothing in the
//! journal is ever deleted.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use super::export::{stored_record, Stored};
use super::json::{shorten, Json};
use super::kinds::{self, Field, Item, Kind, Nested, Rule, Ty, KINDS};
use super::{FORMAT, FORMAT_VERSION};
use crate::progress::{Progress, Stage};
use crate::search;
use crate::store::one_on_ones::DATETIME_FORMAT;
use crate::validate::parse_date;
use crate::{Error, Result};

/// At most this many problems are listed when a file is refused; the count
/// of the others follows.
pub const MAX_PROBLEMS: usize = 50;

/// Writing reports its progress after every this many records.
const PROGRESS_EVERY: u64 = 1000;

/// What an import did, or (for a dry run) would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Nothing was written: this is what the import would do.
    pub dry_run: bool,
    /// The file's format version.
    pub version: i64,
    /// When the file was exported, as written in it.
    pub exported_at: String,
    /// One entry per record kind, in file order.
    pub kinds: Vec<KindCounts>,
}

/// What an import does with one record kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    /// The kind's key in the file (`"one_on_ones"`).
    pub kind: &'static str,
    /// Records whose id the journal did not have.
    pub added: usize,
    /// Records the journal had under the same id with different content
    /// (any field, or the nested list); the file's version replaces it.
    pub updated: usize,
    /// Records the journal already had exactly as in the file.
    pub unchanged: usize,
}

impl ImportReport {
    /// Records added, all kinds together.
    pub fn added(&self) -> usize {
        self.kinds.iter().map(|k| k.added).sum()
    }

    /// Records updated, all kinds together.
    pub fn updated(&self) -> usize {
        self.kinds.iter().map(|k| k.updated).sum()
    }

    /// Records already in the journal as they are in the file.
    pub fn unchanged(&self) -> usize {
        self.kinds.iter().map(|k| k.unchanged).sum()
    }

    /// The counts for the kind whose key is `kind`.
    pub fn kind(&self, kind: &str) -> Option<&KindCounts> {
        self.kinds.iter().find(|k| k.kind == kind)
    }
}

/// The page cache an import works with at least: `cache_size` in KiB,
/// negated as SQLite takes it (64 MiB).
const IMPORT_CACHE_KIB: i64 = -64 * 1024;

/// Imports a Candor JSON export into the journal: all of it or none of it.
///
/// Takes the file's bytes so that a file that is not UTF-8 is refused with a
/// message rather than by the caller. With `dry_run`, everything is checked
/// and counted but nothing is written. A refused file names each problem by
/// record and field (`one_on_ones[12].person_id: no such person`), up to
/// [`MAX_PROBLEMS`] of them.
///
/// Never panics, whatever the bytes; the journal is unchanged after any
/// error.
pub fn import_json(conn: &Connection, bytes: &[u8], dry_run: bool) -> Result<ImportReport> {
    import_json_with(conn, bytes, dry_run, Progress::none())
}

/// [`import_json`], reporting each stage to `progress` and stopping with
/// [`Error::Cancelled`], the journal unchanged, when it is cancelled.
pub fn import_json_with(
    conn: &Connection,
    bytes: &[u8],
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<ImportReport> {
    progress.step(Stage::Reading, 0, 0)?;
    let text = std::str::from_utf8(bytes).map_err(|err| {
        file_error(format!(
            "the file is not UTF-8 text (the byte at offset {} is not valid), so it is not a Candor export",
            err.valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(file_error("the file is empty"));
    }
    let document: Json = serde_json::from_str(text).map_err(|err| unreadable(&err))?;

    let mut problems = Problems::default();
    let header = read_header(&document, &mut problems)?;
    let batches = read_batches(&document, &mut problems);

    // A whole journal is one transaction larger than SQLite's default page
    // cache (2 MB): with the default, dirty pages spill to the WAL and are
    // read back again and again (a 10-year journal took half as long again).
    // The cache grows only as pages are used and is set back afterwards.
    let cache_size: i64 = conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
    conn.pragma_update(None, "cache_size", IMPORT_CACHE_KIB.min(cache_size.min(0)))?;

    // What is checked against the journal is what gets written: both happen
    // in one transaction, which a dry run always rolls back.
    conn.execute_batch("SAVEPOINT candor_import")?;
    // A cancel interrupts the statement running then; the rollback below
    // runs after, where nothing interrupts it.
    let outcome = progress.watch(conn, || {
        check_and_write(conn, &batches, problems, dry_run, progress)
    });
    let keep = outcome.is_ok() && !dry_run;
    let ended = if keep {
        conn.execute_batch("RELEASE candor_import")
    } else {
        Ok(())
    };
    if !keep || ended.is_err() {
        // If the rollback itself fails the connection is in trouble; the
        // first error is still the one worth reporting.
        let _ = conn.execute_batch("ROLLBACK TO candor_import; RELEASE candor_import");
    }
    // Deferral ends with the outermost transaction; inside a caller's
    // transaction it would linger, so switch it off in every case.
    let _ = conn.pragma_update(None, "defer_foreign_keys", false);
    let _ = conn.pragma_update(None, "cache_size", cache_size);
    let kinds = outcome?;
    ended?;
    Ok(ImportReport {
        dry_run,
        version: header.version,
        exported_at: header.exported_at,
        kinds,
    })
}

// ---------------------------------------------------------------------------
// Problems

/// The problems found in a file, each naming its record and field.
#[derive(Default)]
struct Problems {
    listed: Vec<String>,
    total: usize,
}

impl Problems {
    fn add(&mut self, at: impl fmt::Display, message: impl fmt::Display) {
        self.total += 1;
        if self.listed.len() < MAX_PROBLEMS {
            self.listed.push(format!("{at}: {message}"));
        }
    }

    fn is_empty(&self) -> bool {
        self.total == 0
    }

    fn into_error(self) -> Error {
        let mut message = format!(
            "the file was not imported and nothing was changed: {} problem{} found",
            self.total,
            if self.total == 1 { "" } else { "s" }
        );
        for problem in &self.listed {
            message.push_str("\n- ");
            message.push_str(problem);
        }
        let more = self.total - self.listed.len();
        if more > 0 {
            message.push_str(&format!(
                "\n- and {more} more problem{}",
                if more == 1 { "" } else { "s" }
            ));
        }
        file_error(message)
    }
}

fn file_error(message: impl Into<String>) -> Error {
    Error::Invalid {
        field: "file",
        message: message.into(),
    }
}

fn unreadable(err: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let detail = err.to_string();
    file_error(match err.classify() {
        Category::Eof => format!("the file ends too early (is it cut short?): {detail}"),
        _ if detail.contains("recursion limit") => {
            format!("the file nests lists or objects too deeply to be a Candor export: {detail}")
        }
        Category::Syntax | Category::Io => format!("the file is not valid JSON: {detail}"),
        Category::Data => format!("the file cannot be read: {detail}"),
    })
}

/// Where a problem is: `people[3]`, `conflicts[2].parties[0]`.
#[derive(Clone, Copy)]
struct At {
    kind: &'static str,
    index: usize,
    nested: Option<(&'static str, usize)>,
}

impl At {
    fn record(kind: &'static str, index: usize) -> At {
        At {
            kind,
            index,
            nested: None,
        }
    }

    fn item(self, key: &'static str, index: usize) -> At {
        At {
            nested: Some((key, index)),
            ..self
        }
    }

    /// `people[3].name`.
    fn field(self, name: &str) -> String {
        format!("{self}.{name}")
    }
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.kind, self.index)?;
        if let Some((key, index)) = self.nested {
            write!(f, ".{key}[{index}]")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Reading the file

struct Header {
    version: i64,
    exported_at: String,
}

const HEADER_KEYS: [&str; 3] = ["format", "version", "exported_at"];

/// The file's `format` and `version`: a file that is not a Candor export, or
/// comes from a newer Candor, is refused before anything else is looked at.
fn read_header(document: &Json, problems: &mut Problems) -> Result<Header> {
    let not_candor = |what: String| Error::Invalid {
        field: "format",
        message: format!("this is not a Candor export: {what}"),
    };
    if !matches!(document, Json::Object(_)) {
        return Err(not_candor(format!(
            "the file holds {} where an object with \"format\": \"{FORMAT}\" was expected",
            document.describe()
        )));
    }
    match document.get("format") {
        Some(Json::Str(format)) if format == FORMAT => {}
        Some(Json::Str(other)) => {
            return Err(not_candor(format!(
                "its \"format\" is \"{}\", not \"{FORMAT}\"",
                shorten(other, 40)
            )))
        }
        Some(other) => {
            return Err(not_candor(format!(
                "its \"format\" is {}, not \"{FORMAT}\"",
                other.describe()
            )))
        }
        None => return Err(not_candor(format!("it has no \"format\": \"{FORMAT}\""))),
    }
    let newer = |found: String| {
        Error::Invalid {
        field: "version",
        message: format!(
            "this file was exported by a newer version of Candor (format version {found}; this \
             version reads up to {FORMAT_VERSION}). Update Candor to import it; nothing was imported"
        ),
    }
    };
    let version = match document.get("version") {
        Some(Json::Int(v)) if *v > FORMAT_VERSION => return Err(newer(v.to_string())),
        Some(Json::Number(v)) if *v > FORMAT_VERSION as f64 => return Err(newer(v.to_string())),
        Some(Json::Int(v)) if *v >= 1 => *v,
        other => {
            return Err(Error::Invalid {
                field: "version",
                message: format!(
                "the file's \"version\" must be a whole number from 1 to {FORMAT_VERSION} (got {})",
                other.map_or("nothing", Json::describe)
            ),
            })
        }
    };
    let exported_at = match document.get("exported_at") {
        Some(Json::Str(text)) if is_instant(text) => text.clone(),
        Some(other) => {
            problems.add(
                "exported_at",
                format!("{} (got {})", expected(INSTANT), got(other)),
            );
            String::new()
        }
        None => {
            problems.add("exported_at", "missing");
            String::new()
        }
    };
    Ok(Header {
        version,
        exported_at,
    })
}

const INSTANT: Ty = Ty::Instant { nullable: false };

/// A record as read from the file, in the journal's terms.
struct Record {
    /// Its place in the file's list, for messages.
    index: usize,
    /// One value per field of its kind, in field order (`Null` where a
    /// field had a problem).
    values: Vec<Value>,
    /// Whether each field was read without a problem.
    ok: Vec<bool>,
    /// The nested list's items, each its columns in order.
    nested: Vec<Vec<Value>>,
    nested_ok: bool,
}

impl Record {
    fn id(&self) -> Option<&str> {
        match self.get(0) {
            Some(Value::Text(id)) => Some(id),
            _ => None,
        }
    }

    /// The value of field `i`, if it was read without a problem.
    fn get(&self, i: usize) -> Option<&Value> {
        self.ok[i].then_some(&self.values[i])
    }
}

/// The records of one kind, as read from the file.
struct Batch {
    kind: &'static Kind,
    records: Vec<Record>,
    /// Each id in the file, with the index in `records` of its record.
    ids: HashMap<String, usize>,
}

fn read_batches(document: &Json, problems: &mut Problems) -> Vec<Batch> {
    if let Json::Object(entries) = document {
        for (key, _) in entries {
            if !HEADER_KEYS.contains(&key.as_str()) && kinds::kind(key).is_none() {
                problems.add(
                    shorten(key, 60),
                    "not a kind of record Candor knows (was this file written by a newer Candor?)",
                );
            }
        }
    }
    KINDS
        .iter()
        .map(|kind| {
            let records = match document.get(kind.key) {
                None => Vec::new(),
                Some(Json::Array(items)) => items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| read_record(kind, i, item, problems))
                    .collect(),
                Some(other) => {
                    problems.add(
                        kind.key,
                        format!("must be a list of records (got {})", other.describe()),
                    );
                    Vec::new()
                }
            };
            let mut ids: HashMap<String, usize> = HashMap::new();
            for (position, record) in records.iter().enumerate() {
                let Some(id) = record.id() else { continue };
                if let Some(&first) = ids.get(id) {
                    problems.add(
                        At::record(kind.key, record.index).field(kind.id_field().name),
                        format!(
                            "the same {} as {}[{}]",
                            kind.id_field().name,
                            kind.key,
                            records[first].index
                        ),
                    );
                } else {
                    ids.insert(id.to_owned(), position);
                }
            }
            Batch { kind, records, ids }
        })
        .collect()
}

fn read_record(
    kind: &'static Kind,
    index: usize,
    item: &Json,
    problems: &mut Problems,
) -> Option<Record> {
    let at = At::record(kind.key, index);
    let Json::Object(entries) = item else {
        problems.add(at, format!("must be an object (got {})", item.describe()));
        return None;
    };
    let nested_key = kind.nested.as_ref().map(|n| n.key);
    for (key, _) in entries {
        if kind.field_index(key).is_none() && nested_key != Some(key.as_str()) {
            problems.add(at.field(&shorten(key, 60)), "unknown field");
        }
    }
    let (values, ok) = read_fields(at, kind.fields, item, problems);
    let mut record = Record {
        index,
        values,
        ok,
        nested: Vec::new(),
        nested_ok: true,
    };
    if let Some(nested) = &kind.nested {
        match read_nested(at, nested, item.get(nested.key), problems) {
            Some(items) => record.nested = items,
            None => record.nested_ok = false,
        }
    }
    Some(record)
}

/// Reads `fields` from the object `item`: the values, and whether each was
/// read without a problem.
fn read_fields(
    at: At,
    fields: &[Field],
    item: &Json,
    problems: &mut Problems,
) -> (Vec<Value>, Vec<bool>) {
    let mut values = Vec::with_capacity(fields.len());
    let mut ok = Vec::with_capacity(fields.len());
    for field in fields {
        let read = match item.get(field.name) {
            None => Err("missing".to_owned()),
            Some(json) => read_value(field.ty, json),
        };
        match read {
            Ok(value) => {
                values.push(value);
                ok.push(true);
            }
            Err(message) => {
                problems.add(at.field(field.name), message);
                values.push(Value::Null);
                ok.push(false);
            }
        }
    }
    (values, ok)
}

/// The nested list of one record, or `None` if it had a problem.
fn read_nested(
    at: At,
    nested: &Nested,
    json: Option<&Json>,
    problems: &mut Problems,
) -> Option<Vec<Vec<Value>>> {
    let path = at.field(nested.key);
    let items = match json {
        None => {
            problems.add(path, "missing");
            return None;
        }
        Some(Json::Array(items)) => items,
        Some(other) => {
            problems.add(path, format!("must be a list (got {})", other.describe()));
            return None;
        }
    };
    let mut fine = true;
    if items.len() < nested.min {
        problems.add(
            &path,
            format!("needs at least {} item{}", nested.min, plural(nested.min)),
        );
        fine = false;
    }
    if items.len() > nested.max {
        problems.add(
            &path,
            format!(
                "can have at most {} items (got {})",
                nested.max,
                items.len()
            ),
        );
        return None;
    }
    let mut read: Vec<Vec<Value>> = Vec::with_capacity(items.len());
    for (j, item) in items.iter().enumerate() {
        let item_at = at.item(nested.key, j);
        match &nested.item {
            Item::Text { max, .. } => {
                let ty = Ty::Text {
                    max: *max,
                    blank: false,
                    nullable: false,
                };
                match read_value(ty, item) {
                    Ok(value) => read.push(vec![value]),
                    Err(message) => {
                        problems.add(item_at, message);
                        fine = false;
                    }
                }
            }
            Item::Object {
                fields,
                exactly_one_of,
                ..
            } => {
                let Json::Object(entries) = item else {
                    problems.add(
                        item_at,
                        format!("must be an object (got {})", item.describe()),
                    );
                    fine = false;
                    continue;
                };
                for (key, _) in entries {
                    if !fields.iter().any(|f| f.name == key) {
                        problems.add(item_at.field(&shorten(key, 60)), "unknown field");
                        fine = false;
                    }
                }
                let (values, ok) = read_fields(item_at, fields, item, problems);
                if ok.iter().any(|ok| !ok) {
                    fine = false;
                    continue;
                }
                if let Some((a, b)) = exactly_one_of {
                    let set = |name: &str| {
                        fields
                            .iter()
                            .position(|f| f.name == name)
                            .is_some_and(|i| values[i] != Value::Null)
                    };
                    if set(a) == set(b) {
                        problems.add(item_at, format!("needs exactly one of {a} and {b}"));
                        fine = false;
                        continue;
                    }
                }
                read.push(values);
            }
        }
    }
    if !fine {
        return None;
    }
    // Repeats within one list, as the child table's unique keys see them.
    let unique: Vec<usize> = match &nested.item {
        Item::Text { .. } => vec![0],
        Item::Object { fields, unique, .. } => unique
            .iter()
            .filter_map(|name| fields.iter().position(|f| f.name == *name))
            .collect(),
    };
    for column in unique {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (j, item) in read.iter().enumerate() {
            let folded = match &item[column] {
                Value::Text(text) => text.to_lowercase(),
                _ => continue,
            };
            if let Some(first) = seen.insert(folded, j) {
                let item_at = at.item(nested.key, j);
                let place = match &nested.item {
                    Item::Text { .. } => item_at.to_string(),
                    Item::Object { .. } => item_at.field(nested.item_columns()[column]),
                };
                problems.add(
                    place,
                    format!("the same as {}[{first}] (ignoring case)", nested.key),
                );
                fine = false;
            }
        }
    }
    fine.then_some(read)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// What a field of type `ty` must be, for messages.
fn expected(ty: Ty) -> String {
    let what = match ty {
        Ty::Id | Ty::Ref { .. } => {
            "an id: a UUID in lowercase with hyphens, like 6f1c2d9e-0b1a-4c59-9a57-1f0e8e7c0001"
                .to_owned()
        }
        Ty::Key { .. } | Ty::Text { .. } => "text".to_owned(),
        Ty::Date { .. } => "a date written YYYY-MM-DD, like 2026-11-29".to_owned(),
        Ty::LocalDateTime => {
            "a date and time written YYYY-MM-DDTHH:MM, like 2026-11-29T10:30".to_owned()
        }
        Ty::Instant { .. } => {
            "a time written in RFC 3339, like 2026-11-29T10:30:00.000Z".to_owned()
        }
        Ty::Int { min, max, .. } => format!("a whole number from {min} to {max}"),
        Ty::Bool => "true or false".to_owned(),
        Ty::Choice { values, .. } => format!(
            "one of {}",
            values
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    if ty.nullable() {
        format!("must be {what}, or null")
    } else {
        format!("must be {what}")
    }
}

/// A value as a message quotes it.
fn got(json: &Json) -> String {
    match json {
        Json::Str(text) => format!("\"{}\"", shorten(text, 60)),
        Json::Int(v) => v.to_string(),
        Json::Number(v) => v.to_string(),
        other => other.describe().to_owned(),
    }
}

/// Reads one value of type `ty`, or says what is wrong with it.
fn read_value(ty: Ty, json: &Json) -> std::result::Result<Value, String> {
    let wrong = || format!("{} (got {})", expected(ty), got(json));
    if *json == Json::Null {
        return if ty.nullable() {
            Ok(Value::Null)
        } else {
            Err(wrong())
        };
    }
    match ty {
        Ty::Int { min, max, .. } => match json {
            Json::Int(v) if (min..=max).contains(v) => Ok(Value::Integer(*v)),
            _ => Err(wrong()),
        },
        Ty::Bool => match json {
            Json::Bool(v) => Ok(Value::Integer(i64::from(*v))),
            _ => Err(wrong()),
        },
        _ => {
            let Json::Str(text) = json else {
                return Err(wrong());
            };
            let fine = match ty {
                Ty::Id | Ty::Ref { .. } => is_uuid(text),
                Ty::Key { max } => check_text(text, max, false)?,
                Ty::Text { max, blank, .. } => check_text(text, max, blank)?,
                Ty::Date { .. } => parse_date("date", "date", text).is_ok(),
                Ty::LocalDateTime => is_local_datetime(text),
                Ty::Instant { .. } => is_instant(text),
                Ty::Choice { values, .. } => values.contains(&text.as_str()),
                Ty::Int { .. } | Ty::Bool => false,
            };
            if fine {
                Ok(Value::Text(text.clone()))
            } else {
                Err(wrong())
            }
        }
    }
}

/// Text within `max` characters, counted exactly as it is stored (the
/// import writes text as the file has it, spaces around it included); blank
/// (empty, or only spaces) only where `blank` allows.
fn check_text(text: &str, max: usize, blank: bool) -> std::result::Result<bool, String> {
    // No more bytes than `max` means no more characters. Past that, counting
    // stops just past the limit: a huge string costs no more to accept.
    if text.len() > max && text.chars().take(max.saturating_add(1)).count() > max {
        let padded = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
        return Err(format!(
            "is too long: {} characters, at most {max} allowed{}",
            text.chars().count(),
            if padded {
                " (the spaces and line breaks around the text count too)"
            } else {
                ""
            }
        ));
    }
    if !blank && text.trim().is_empty() {
        return Err("must not be empty".to_owned());
    }
    Ok(true)
}

/// A UUID in the one form the journal stores: lowercase, hyphenated.
fn is_uuid(text: &str) -> bool {
    Uuid::parse_str(text).is_ok_and(|id| id.hyphenated().to_string() == text)
}

fn is_local_datetime(text: &str) -> bool {
    let well_formed = text.len() == 16
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 => b == b':',
            _ => b.is_ascii_digit(),
        });
    well_formed && chrono::NaiveDateTime::parse_from_str(text, DATETIME_FORMAT).is_ok()
}

fn is_instant(text: &str) -> bool {
    text.len() <= 64 && chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

// ---------------------------------------------------------------------------
// Checking against the journal, then writing

/// What happens to one record.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Add,
    Update,
    Keep,
}

fn check_and_write(
    conn: &Connection,
    batches: &[Batch],
    mut problems: Problems,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<Vec<KindCounts>> {
    // The checks: references, loops, each kind's rules, then ids.
    let checks = batches.len() as u64 + 3;
    let mut lookups = Lookups::default();
    progress.step(Stage::Checking, 0, checks)?;
    check_references(conn, batches, &mut lookups, &mut problems)?;
    progress.step(Stage::Checking, 1, checks)?;
    check_loops(conn, batches, &mut lookups, &mut problems)?;
    for (done, batch) in (2..).zip(batches) {
        progress.step(Stage::Checking, done, checks)?;
        for rule in batch.kind.rules {
            check_rule(conn, batches, batch, rule, &mut lookups, &mut problems)?;
        }
    }
    progress.step(Stage::Checking, checks - 1, checks)?;
    // What becomes of each record: only worth asking once nothing else is
    // wrong. It also tells the id check which tables it can skip.
    let fates = if problems.is_empty() {
        Some(fates_of(conn, batches)?)
    } else {
        None
    };
    check_ids_across_kinds(conn, batches, fates.as_deref(), &mut problems)?;
    let fates = match fates {
        Some(fates) if problems.is_empty() => fates,
        _ => return Err(problems.into_error()),
    };
    if !dry_run {
        let records = fates.iter().flatten().filter(|f| **f != Fate::Keep).count();
        let write = |conn: &Connection| write(conn, batches, &fates, records, progress);
        if search::bulk::worth_it(records, search::bulk::document_count(conn)?) {
            search::bulk::write(conn, progress, write)?;
        } else {
            write(conn)?;
        }
    }
    Ok(batches
        .iter()
        .zip(&fates)
        .map(|(batch, fates)| KindCounts {
            kind: batch.kind.key,
            added: fates.iter().filter(|f| **f == Fate::Add).count(),
            updated: fates.iter().filter(|f| **f == Fate::Update).count(),
            unchanged: fates.iter().filter(|f| **f == Fate::Keep).count(),
        })
        .collect())
}

/// What becomes of each record of each batch: added, updated or kept.
fn fates_of(conn: &Connection, batches: &[Batch]) -> Result<Vec<Vec<Fate>>> {
    let mut fates: Vec<Vec<Fate>> = Vec::with_capacity(batches.len());
    for batch in batches {
        let mut kind_fates = Vec::with_capacity(batch.records.len());
        for record in &batch.records {
            kind_fates.push(match stored_record(conn, batch.kind, &record.values[0])? {
                None => Fate::Add,
                Some(stored)
                    if stored.values == record.values && stored.nested == record.nested =>
                {
                    Fate::Keep
                }
                Some(_) => Fate::Update,
            });
        }
        fates.push(kind_fates);
    }
    Ok(fates)
}

/// Answers from the journal, asked once each.
#[derive(Default)]
struct Lookups {
    exists: HashMap<(&'static str, String), bool>,
    person_of: HashMap<(&'static str, String), Option<Value>>,
    /// By kind, field and id: `None` if the journal has no such record, else
    /// the id its field refers to (`Some(None)` for null).
    link: HashMap<(&'static str, usize, String), Option<Option<String>>>,
}

impl Lookups {
    fn exists(&mut self, conn: &Connection, kind: &'static Kind, id: &str) -> Result<bool> {
        if let Some(known) = self.exists.get(&(kind.key, id.to_owned())) {
            return Ok(*known);
        }
        let found = conn
            .prepare_cached(&format!(
                "SELECT 1 FROM {} WHERE {} = ?1",
                kind.table,
                kind.id_field().name
            ))?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some();
        self.exists.insert((kind.key, id.to_owned()), found);
        Ok(found)
    }

    /// What field `field` of the record of `kind` with this id refers to in
    /// the journal: `None` if the journal has no such record.
    fn link(
        &mut self,
        conn: &Connection,
        kind: &'static Kind,
        field: usize,
        id: &str,
    ) -> Result<Option<Option<String>>> {
        let key = (kind.key, field, id.to_owned());
        if let Some(known) = self.link.get(&key) {
            return Ok(known.clone());
        }
        let found = conn
            .prepare_cached(&format!(
                "SELECT {} FROM {} WHERE {} = ?1",
                kind.fields[field].name,
                kind.table,
                kind.id_field().name
            ))?
            .query_row([id], |row| row.get::<_, Option<String>>(0))
            .optional()?;
        self.link.insert(key, found.clone());
        Ok(found)
    }

    /// The `person_id` of a record of `kind` in the journal.
    fn person_of(
        &mut self,
        conn: &Connection,
        kind: &'static Kind,
        id: &str,
    ) -> Result<Option<Value>> {
        if let Some(known) = self.person_of.get(&(kind.key, id.to_owned())) {
            return Ok(known.clone());
        }
        let found = conn
            .prepare_cached(&format!(
                "SELECT person_id FROM {} WHERE {} = ?1",
                kind.table,
                kind.id_field().name
            ))?
            .query_row([id], |row| row.get::<_, Value>(0))
            .optional()?;
        self.person_of
            .insert((kind.key, id.to_owned()), found.clone());
        Ok(found)
    }
}

fn batch_of<'a>(batches: &'a [Batch], key: &str) -> Option<&'a Batch> {
    batches.iter().find(|b| b.kind.key == key)
}

/// The `person_id` of the record of kind `key` with this id: as the file has
/// it, else as the journal has it.
fn person_of(
    conn: &Connection,
    batches: &[Batch],
    key: &str,
    id: &str,
    lookups: &mut Lookups,
) -> Result<Option<Value>> {
    let (Some(kind), Some(batch)) = (kinds::kind(key), batch_of(batches, key)) else {
        return Ok(None);
    };
    let Some(column) = kind.field_index("person_id") else {
        return Ok(None);
    };
    match batch.ids.get(id) {
        Some(&at) => Ok(batch.records[at].get(column).cloned()),
        None => lookups.person_of(conn, kind, id),
    }
}

/// Every reference points at a record in the file or in the journal.
fn check_references(
    conn: &Connection,
    batches: &[Batch],
    lookups: &mut Lookups,
    problems: &mut Problems,
) -> Result<()> {
    let mut check = |at: String, target: &str, id: &Value, problems: &mut Problems| -> Result<()> {
        let Value::Text(id) = id else {
            return Ok(());
        };
        let (Some(target_kind), Some(target_batch)) =
            (kinds::kind(target), batch_of(batches, target))
        else {
            return Ok(());
        };
        if !target_batch.ids.contains_key(id) && !lookups.exists(conn, target_kind, id)? {
            problems.add(at, format!("no such {}", target_kind.noun));
        }
        Ok(())
    };
    for batch in batches {
        for record in &batch.records {
            let at = At::record(batch.kind.key, record.index);
            for (i, field) in batch.kind.fields.iter().enumerate() {
                if let (Ty::Ref { kind: target, .. }, Some(id)) = (field.ty, record.get(i)) {
                    check(at.field(field.name), target, id, problems)?;
                }
            }
            let Some(nested) = &batch.kind.nested else {
                continue;
            };
            let Item::Object { fields, .. } = &nested.item else {
                continue;
            };
            for (j, item) in record.nested.iter().enumerate() {
                for (field, id) in fields.iter().zip(item) {
                    if let Ty::Ref { kind: target, .. } = field.ty {
                        check(
                            at.item(nested.key, j).field(field.name),
                            target,
                            id,
                            problems,
                        )?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// No id is used by records of two kinds: two records of the file, or a
/// record of the file and one of another kind in the journal. (Settings and
/// snoozes have text keys of their own and are left out.) With `fates`
/// (what becomes of each record), a table whose every record is also in the
/// file, under the same kind, is not read again.
fn check_ids_across_kinds(
    conn: &Connection,
    batches: &[Batch],
    fates: Option<&[Vec<Fate>]>,
    problems: &mut Problems,
) -> Result<()> {
    let has_uuid = |batch: &Batch| matches!(batch.kind.id_field().ty, Ty::Id);
    let count = batches
        .iter()
        .filter(|b| has_uuid(b))
        .map(|b| b.ids.len())
        .sum();
    // Each id of the file, with the first record that has it (batch, place):
    // kinds in file order, so the first kind to use an id holds it.
    let mut holders: HashMap<&str, (usize, usize)> = HashMap::with_capacity(count);
    let mut clashes: Vec<((usize, usize), Clash)> = Vec::new();
    for (b, batch) in batches.iter().enumerate().filter(|(_, b)| has_uuid(b)) {
        for (id, &position) in &batch.ids {
            match holders.entry(id.as_str()) {
                Entry::Vacant(entry) => {
                    entry.insert((b, position));
                }
                Entry::Occupied(entry) => {
                    clashes.push(((b, position), Clash::InFile(*entry.get())));
                }
            }
        }
    }
    if holders.is_empty() {
        return Ok(());
    }
    for (b, batch) in batches.iter().enumerate().filter(|(_, b)| has_uuid(b)) {
        let kind = batch.kind;
        let stored: usize = conn
            .prepare_cached(&format!("SELECT count(*) FROM {}", kind.table))?
            .query_row([], |row| row.get::<_, i64>(0))?
            .try_into()
            .unwrap_or(usize::MAX);
        if stored == 0 {
            continue;
        }
        if let Some(fates) = fates {
            let known = batch
                .ids
                .values()
                .filter(|&&position| fates[b][position] != Fate::Add)
                .count();
            if known == stored {
                continue; // every id of the table is one of this kind's in the file
            }
        }
        // One pass over the table's ids (its primary key index) costs less
        // than asking every other table about every id of a large file.
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM {}",
            kind.id_field().name,
            kind.table
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let ValueRef::Text(id) = row.get_ref(0)? else {
                continue;
            };
            let Ok(id) = std::str::from_utf8(id) else {
                continue;
            };
            if let Some(&holder) = holders.get(id) {
                if holder.0 != b {
                    clashes.push((holder, Clash::InJournal(b)));
                }
            }
        }
    }
    // In file order, whatever order the maps and tables gave.
    clashes.sort_unstable();
    for ((b, position), clash) in clashes {
        let batch = &batches[b];
        let at = At::record(batch.kind.key, batch.records[position].index)
            .field(batch.kind.id_field().name);
        match clash {
            Clash::InFile((first_batch, first)) => {
                let other = &batches[first_batch];
                problems.add(
                    at,
                    format!(
                        "the same id as {}[{}]",
                        other.kind.key, other.records[first].index
                    ),
                );
            }
            Clash::InJournal(other) => problems.add(
                at,
                format!(
                    "already used by {} in the journal",
                    with_article(batches[other].kind.noun)
                ),
            ),
        }
    }
    Ok(())
}

/// Who else has a record's id: a record of another kind in the file (its
/// batch and place), or a record of another kind (batch) in the journal.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Clash {
    InFile((usize, usize)),
    InJournal(usize),
}

/// `a person`, `an action item`, `feedback`.
fn with_article(noun: &str) -> String {
    match noun {
        "feedback" => noun.to_owned(),
        _ if noun.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {noun}"),
        _ => format!("a {noun}"),
    }
}

/// The fields of `kind` that refer to a record of the same kind (a 1-on-1's
/// `rescheduled_to`, a talking point's `carried_from_id`), by index.
fn self_references(kind: &Kind) -> impl Iterator<Item = usize> + '_ {
    kind.fields
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.ty, Ty::Ref { kind: target, .. } if target == kind.key))
        .map(|(i, _)| i)
}

/// No record refers to itself through a field that refers to its own kind,
/// directly or around a loop (A → B → A), following the links through the
/// file's records and, for ids the file does not have, the journal's (the
/// file's version of a record replaces the journal's).
fn check_loops(
    conn: &Connection,
    batches: &[Batch],
    lookups: &mut Lookups,
    problems: &mut Problems,
) -> Result<()> {
    for batch in batches {
        for field in self_references(batch.kind) {
            check_loops_of(conn, batch, field, lookups, problems)?;
        }
    }
    Ok(())
}

/// A record in a walk along links: of the file (its place in the batch), or
/// only in the journal (its id).
enum Node {
    File(usize),
    Journal(String),
}

/// How far the walk has got with a record.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Unseen,
    /// On the walk under way, at this place in its path.
    OnPath(usize),
    /// Walked already: no loop starts or ends there that is not reported.
    Done,
}

/// Longer loops are shown by their first few and last records.
const LOOP_SHOWN: usize = 6;

/// Follows `field` from every record of the batch, one walk at a time
/// without recursion: each record, of the file or of the journal, is walked
/// once, so the whole check is linear in the number of records.
fn check_loops_of(
    conn: &Connection,
    batch: &Batch,
    field: usize,
    lookups: &mut Lookups,
    problems: &mut Problems,
) -> Result<()> {
    let kind = batch.kind;
    let mut file_marks = vec![Mark::Unseen; batch.records.len()];
    let mut journal_marks: HashMap<String, Mark> = HashMap::new();
    let mut path: Vec<Node> = Vec::new();
    // The record an id names: the file's, else the journal's, else none.
    let record_of = |id: &str, lookups: &mut Lookups| -> Result<Option<Node>> {
        if let Some(&position) = batch.ids.get(id) {
            return Ok(Some(Node::File(position)));
        }
        Ok(lookups
            .link(conn, kind, field, id)?
            .map(|_| Node::Journal(id.to_owned())))
    };
    for start in 0..batch.records.len() {
        if file_marks[start] != Mark::Unseen {
            continue;
        }
        let mut node = Some(Node::File(start));
        while let Some(current) = node.take() {
            let mark = match &current {
                Node::File(position) => file_marks[*position],
                Node::Journal(id) => journal_marks.get(id).copied().unwrap_or(Mark::Unseen),
            };
            match mark {
                Mark::Done => break,
                Mark::OnPath(at) => {
                    report_loop(batch, field, &path[at..], problems);
                    break;
                }
                Mark::Unseen => {}
            }
            let here = Mark::OnPath(path.len());
            node = match &current {
                Node::File(position) => {
                    file_marks[*position] = here;
                    match batch.records[*position].get(field) {
                        Some(Value::Text(id)) => record_of(id, lookups)?,
                        _ => None,
                    }
                }
                Node::Journal(id) => {
                    journal_marks.insert(id.clone(), here);
                    match lookups.link(conn, kind, field, id)? {
                        Some(Some(target)) => record_of(&target, lookups)?,
                        _ => None,
                    }
                }
            };
            path.push(current);
        }
        for walked in path.drain(..) {
            match walked {
                Node::File(position) => file_marks[position] = Mark::Done,
                Node::Journal(id) => {
                    journal_marks.insert(id, Mark::Done);
                }
            }
        }
    }
    Ok(())
}

/// Reports one loop, once, at the first of its records in the file. A loop
/// the journal already had, with none of the file's records in it, is not
/// the file's doing.
fn report_loop(batch: &Batch, field: usize, cycle: &[Node], problems: &mut Problems) {
    let kind = batch.kind;
    let Some((position, first)) = cycle
        .iter()
        .enumerate()
        .filter_map(|(i, node)| match node {
            Node::File(position) => Some((*position, i)),
            Node::Journal(_) => None,
        })
        .min()
    else {
        return;
    };
    let at = At::record(kind.key, batch.records[position].index).field(kind.fields[field].name);
    if cycle.len() == 1 {
        problems.add(at, format!("a {} cannot refer to itself", kind.noun));
        return;
    }
    let name = |node: &Node| match node {
        Node::File(position) => At::record(kind.key, batch.records[*position].index).to_string(),
        Node::Journal(id) => format!("the {} {id} in the journal", kind.noun),
    };
    // From the first record of the file round to it again.
    let order: Vec<&Node> = cycle[first..].iter().chain(&cycle[..first]).collect();
    let mut names: Vec<String> = if order.len() <= LOOP_SHOWN {
        order.iter().map(|node| name(node)).collect()
    } else {
        let mut shown: Vec<String> = order[..LOOP_SHOWN - 2]
            .iter()
            .map(|node| name(node))
            .collect();
        shown.push("…".to_owned());
        shown.push(name(order[order.len() - 1]));
        shown
    };
    names.push(name(order[0]));
    let total = if order.len() > LOOP_SHOWN {
        format!("; {} records in all", order.len())
    } else {
        String::new()
    };
    problems.add(
        at,
        format!(
            "the references loop back to this {} ({}{total})",
            kind.noun,
            names.join(" → ")
        ),
    );
}

fn check_rule(
    conn: &Connection,
    batches: &[Batch],
    batch: &Batch,
    rule: &Rule,
    lookups: &mut Lookups,
    problems: &mut Problems,
) -> Result<()> {
    let kind = batch.kind;
    let index = |name: &str| {
        kind.field_index(name)
            .unwrap_or_else(|| unreachable!("rule on {}.{name}: not a field", kind.key))
    };
    match *rule {
        Rule::SetExactlyWhen {
            field,
            when,
            values,
        } => {
            let (f, w) = (index(field), index(when));
            let states = values
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(" or ");
            for record in &batch.records {
                let (Some(set), Some(Value::Text(state))) = (record.get(f), record.get(w)) else {
                    continue;
                };
                let applies = values.contains(&state.as_str());
                let at = At::record(kind.key, record.index).field(field);
                match (applies, *set != Value::Null) {
                    (true, false) => problems.add(at, format!("required when {when} is {states}")),
                    (false, true) => {
                        problems.add(at, format!("must be null unless {when} is {states}"))
                    }
                    _ => {}
                }
            }
        }
        Rule::NotBlankWhen { field, when, value } => {
            let (f, w) = (index(field), index(when));
            for record in &batch.records {
                let (Some(Value::Text(text)), Some(state)) = (record.get(f), record.get(w)) else {
                    continue;
                };
                if *state == Value::Text(value.to_owned()) && text.trim().is_empty() {
                    problems.add(
                        At::record(kind.key, record.index).field(field),
                        format!("must not be empty when {when} is \"{value}\""),
                    );
                }
            }
        }
        Rule::AnyOf { fields } => {
            let columns: Vec<usize> = fields.iter().map(|name| index(name)).collect();
            for record in &batch.records {
                if columns.iter().any(|&i| !record.ok[i]) {
                    continue;
                }
                let set = columns.iter().any(|&i| match &record.values[i] {
                    Value::Null => false,
                    Value::Text(text) => !text.trim().is_empty(),
                    _ => true,
                });
                if !set {
                    problems.add(
                        At::record(kind.key, record.index),
                        format!("needs at least one of {}", fields.join(", ")),
                    );
                }
            }
        }
        Rule::SamePerson { field, via } => {
            let f = index(field);
            for record in &batch.records {
                let Some(Value::Text(id)) = record.get(f) else {
                    continue;
                };
                let Ty::Ref { kind: target, .. } = kind.fields[f].ty else {
                    continue;
                };
                let ours = match via {
                    None => record.get(index("person_id")).cloned(),
                    Some(via) => {
                        let v = index(via);
                        match (kind.fields[v].ty, record.get(v)) {
                            (Ty::Ref { kind: owner, .. }, Some(Value::Text(owner_id))) => {
                                person_of(conn, batches, owner, owner_id, lookups)?
                            }
                            _ => None,
                        }
                    }
                };
                let theirs = person_of(conn, batches, target, id, lookups)?;
                if let (Some(ours), Some(theirs)) = (ours, theirs) {
                    if ours != theirs {
                        let noun = kinds::kind(target).map_or("record", |k| k.noun);
                        problems.add(
                            At::record(kind.key, record.index).field(field),
                            format!("that {noun} is with someone else"),
                        );
                    }
                }
            }
        }
        Rule::UniqueIgnoringCase { field } => {
            let f = index(field);
            let id_column = kind.id_field().name;
            // The texts as they will be: the journal's, overlaid with the file's.
            let mut texts: HashMap<String, String> = HashMap::new();
            let mut stmt =
                conn.prepare(&format!("SELECT {id_column}, {field} FROM {}", kind.table))?;
            let rows = stmt.query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (id, text) = row?;
                texts.insert(id, text.to_lowercase());
            }
            for record in &batch.records {
                if let (Some(id), Some(Value::Text(text))) = (record.id(), record.get(f)) {
                    texts.insert(id.to_owned(), text.to_lowercase());
                }
            }
            let mut holders: HashMap<&str, Vec<&str>> = HashMap::new();
            for (id, text) in &texts {
                holders.entry(text.as_str()).or_default().push(id.as_str());
            }
            for record in &batch.records {
                let (Some(id), Some(Value::Text(text))) = (record.id(), record.get(f)) else {
                    continue;
                };
                let folded = text.to_lowercase();
                let Some(others) = holders.get(folded.as_str()) else {
                    continue;
                };
                let Some(other) = others.iter().filter(|other| **other != id).min() else {
                    continue;
                };
                let at = At::record(kind.key, record.index).field(field);
                match batch.ids.get(*other) {
                    Some(&position) => problems.add(
                        at,
                        format!(
                            "the same text as {}[{}] (ignoring case)",
                            kind.key, batch.records[position].index
                        ),
                    ),
                    None => problems.add(
                        at,
                        format!(
                            "\"{}\" is already in the journal as another {} ({})",
                            shorten(text, 60),
                            kind.noun,
                            other
                        ),
                    ),
                }
            }
        }
        Rule::Builtin { flag, editable } => {
            let b = index(flag);
            for record in &batch.records {
                let (Some(id), Some(Value::Integer(builtin))) = (record.id(), record.get(b)) else {
                    continue;
                };
                let stored = stored_record(conn, kind, &record.values[0])?;
                let stored_builtin = stored
                    .as_ref()
                    .is_some_and(|s| s.values[b] == Value::Integer(1));
                let at = At::record(kind.key, record.index);
                if *builtin == 0 {
                    if stored_builtin {
                        problems.add(
                            at.field(flag),
                            format!(
                                "{id} is a built-in {}, so it must say {flag}: true",
                                kind.noun
                            ),
                        );
                    }
                    continue;
                }
                let Some(stored) = stored.filter(|_| stored_builtin) else {
                    problems.add(
                        at.field(flag),
                        format!(
                            "{id} is not a built-in {} of this version of Candor",
                            kind.noun
                        ),
                    );
                    continue;
                };
                check_builtin(kind, record, &stored, editable, at, problems);
            }
        }
    }
    Ok(())
}

/// A built-in record may differ from what shipped only in `editable`.
fn check_builtin(
    kind: &Kind,
    record: &Record,
    stored: &Stored,
    editable: &[&str],
    at: At,
    problems: &mut Problems,
) {
    let only = format!("only {} can change", editable.join(" and "));
    for (i, field) in kind.fields.iter().enumerate() {
        if editable.contains(&field.name) || !record.ok[i] {
            continue;
        }
        if record.values[i] != stored.values[i] {
            problems.add(
                at.field(field.name),
                format!(
                    "differs from the built-in {} that ships with Candor ({only})",
                    kind.noun
                ),
            );
        }
    }
    if let Some(nested) = &kind.nested {
        if record.nested_ok && record.nested != stored.nested {
            problems.add(
                at.field(nested.key),
                format!(
                    "differs from the built-in {} that ships with Candor ({only})",
                    kind.noun
                ),
            );
        }
    }
}

/// Writes every record to add or update, kinds in [`KINDS`] order.
/// References are checked at the end rather than row by row, so records that
/// refer to each other (a rescheduled 1-on-1 and its replacement) can arrive
/// in any order.
fn write(
    conn: &Connection,
    batches: &[Batch],
    fates: &[Vec<Fate>],
    records: usize,
    progress: Progress<'_>,
) -> Result<()> {
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    let mut touched: HashSet<&'static str> = HashSet::new();
    let total = records as u64;
    let mut written = 0;
    progress.step(Stage::Writing, 0, total)?;
    for (batch, fates) in batches.iter().zip(fates) {
        let kind = batch.kind;
        let columns = kind.columns();
        let placeholders = (1..=kind.fields.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let id_column = kind.id_field().name;
        let updates = kind.fields[1..]
            .iter()
            .map(|f| format!("{0} = excluded.{0}", f.name))
            .collect::<Vec<_>>()
            .join(", ");
        let mut upsert = conn.prepare(&format!(
            "INSERT INTO {} ({columns}) VALUES ({placeholders}) \
             ON CONFLICT ({id_column}) DO UPDATE SET {updates}",
            kind.table
        ))?;
        for (record, fate) in batch.records.iter().zip(fates) {
            if *fate == Fate::Keep {
                continue;
            }
            touched.insert(kind.table);
            upsert.execute(rusqlite::params_from_iter(&record.values))?;
            if let Some(nested) = &kind.nested {
                touched.insert(nested.table);
                write_nested(conn, nested, &record.values[0], &record.nested)?;
            }
            written += 1;
            if written % PROGRESS_EVERY == 0 {
                progress.step(Stage::Writing, written, total)?;
            }
        }
    }
    progress.step(Stage::Writing, total, total)?;
    for table in touched {
        let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_check({table})"))?;
        if stmt.exists([])? {
            return Err(file_error(format!(
                "the file was not imported and nothing was changed: records in {table} refer to \
                 records that are neither in the file nor in the journal"
            )));
        }
    }
    conn.pragma_update(None, "defer_foreign_keys", false)?;
    Ok(())
}

fn write_nested(
    conn: &Connection,
    nested: &Nested,
    parent: &Value,
    items: &[Vec<Value>],
) -> Result<()> {
    conn.prepare_cached(&format!(
        "DELETE FROM {} WHERE {} = ?1",
        nested.table, nested.parent
    ))?
    .execute([parent])?;
    let mut columns = vec![nested.parent];
    columns.extend(nested.position);
    columns.extend(nested.item_columns());
    let placeholders = (1..=columns.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut insert = conn.prepare_cached(&format!(
        "INSERT INTO {} ({}) VALUES ({placeholders})",
        nested.table,
        columns.join(", ")
    ))?;
    for (i, item) in items.iter().enumerate() {
        let mut values = vec![parent.clone()];
        if nested.position.is_some() {
            values.push(Value::Integer(i as i64 + 1));
        }
        values.extend(item.iter().cloned());
        insert.execute(rusqlite::params_from_iter(&values))?;
    }
    Ok(())
}
