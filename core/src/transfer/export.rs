//! The JSON export: every record of every kind in [`KINDS`], every field,
//! in a stable order and a stable layout, so that exporting the same journal
//! twice (with the same `exported_at`) gives the same bytes.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::json::Out;
use super::kinds::{Field, Item, Kind, Nested, Ty, KINDS};
use super::{FORMAT, FORMAT_VERSION};
use crate::store::atomic;
use crate::{Error, Result};

/// The whole journal as a Candor JSON file (see `docs/export-format.md`).
///
/// Records are ordered by id within each kind, keys in a fixed order, two
/// spaces of indentation and a final newline. Reads happen in one
/// transaction, so the file is a consistent snapshot even if another
/// process writes meanwhile.
pub fn export_json(conn: &Connection, exported_at: &str) -> Result<String> {
    let document = atomic(conn, |conn| {
        let mut entries = vec![
            ("format", Out::Str(FORMAT.to_owned())),
            ("version", Out::Int(FORMAT_VERSION)),
            ("exported_at", Out::Str(exported_at.to_owned())),
        ];
        for kind in KINDS {
            let records = stored_records(conn, kind)?
                .into_iter()
                .map(|record| record_out(kind, &record))
                .collect::<Result<Vec<_>>>()?;
            entries.push((kind.key, Out::List(records)));
        }
        Ok(Out::Object(entries))
    })?;
    let mut text = serde_json::to_string_pretty(&document).map_err(|err| {
        Error::invalid("export", format!("the export could not be written: {err}"))
    })?;
    text.push('\n');
    Ok(text)
}

/// One record as stored: its columns in field order and, for kinds with a
/// nested list, the list's items (each item's columns in order).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stored {
    pub values: Vec<Value>,
    pub nested: Vec<Vec<Value>>,
}

/// Every record of `kind`, ordered by id.
pub(super) fn stored_records(conn: &Connection, kind: &Kind) -> Result<Vec<Stored>> {
    // A table scan reads each page once, in the file's order, and the rows
    // are then sorted by id here. `ORDER BY id` would walk the id index and
    // fetch every row from wherever it lies: the same pages again and again,
    // each one decrypted again on an encrypted journal (twice as slow).
    let mut stmt = conn.prepare(&format!("SELECT {} FROM {}", kind.columns(), kind.table))?;
    let mut rows = stmt
        .query_map([], |row| read_values(row, kind.fields.len()))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // The id is the first field.
    rows.sort_by(|a, b| sqlite_order(&a[0], &b[0]));
    rows.into_iter()
        .map(|values| {
            let nested = match &kind.nested {
                Some(nested) => read_nested(conn, nested, &values[0])?,
                None => Vec::new(),
            };
            Ok(Stored { values, nested })
        })
        .collect()
}

/// The record of `kind` whose id is `id`, if the journal has it.
pub(super) fn stored_record(conn: &Connection, kind: &Kind, id: &Value) -> Result<Option<Stored>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM {} WHERE {} = ?1",
        kind.columns(),
        kind.table,
        kind.id_field().name
    ))?;
    let values = stmt
        .query_row([id], |row| read_values(row, kind.fields.len()))
        .optional()?;
    let Some(values) = values else {
        return Ok(None);
    };
    let nested = match &kind.nested {
        Some(nested) => read_nested(conn, nested, id)?,
        None => Vec::new(),
    };
    Ok(Some(Stored { values, nested }))
}

/// SQLite's order of two values under the BINARY collation: NULL, then
/// numbers, then text (by bytes), then blobs (by bytes).
fn sqlite_order(a: &Value, b: &Value) -> std::cmp::Ordering {
    fn rank(value: &Value) -> u8 {
        match value {
            Value::Null => 0,
            Value::Integer(_) | Value::Real(_) => 1,
            Value::Text(_) => 2,
            Value::Blob(_) => 3,
        }
    }
    let number = |value: &Value| match value {
        Value::Integer(n) => *n as f64,
        Value::Real(x) => *x,
        _ => 0.0,
    };
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => x.cmp(y),
        (Value::Text(x), Value::Text(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Value::Blob(x), Value::Blob(y)) => x.cmp(y),
        _ if rank(a) == 1 && rank(b) == 1 => number(a).total_cmp(&number(b)),
        _ => rank(a).cmp(&rank(b)),
    }
}

fn read_values(row: &rusqlite::Row<'_>, count: usize) -> rusqlite::Result<Vec<Value>> {
    (0..count).map(|i| row.get::<_, Value>(i)).collect()
}

fn read_nested(conn: &Connection, nested: &Nested, parent: &Value) -> Result<Vec<Vec<Value>>> {
    let columns = nested.item_columns();
    let order = nested.position.unwrap_or("rowid");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM {} WHERE {} = ?1 ORDER BY {order}",
        columns.join(", "),
        nested.table,
        nested.parent
    ))?;
    let rows = stmt
        .query_map([parent], |row| read_values(row, columns.len()))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn record_out(kind: &Kind, record: &Stored) -> Result<Out> {
    let mut entries = fields_out(kind, kind.fields, &record.values)?;
    if let Some(nested) = &kind.nested {
        let items = record
            .nested
            .iter()
            .map(|item| match &nested.item {
                Item::Text { .. } => value_out(kind, &TEXT_ITEM, &item[0]),
                Item::Object { fields, .. } => Ok(Out::Object(fields_out(kind, fields, item)?)),
            })
            .collect::<Result<Vec<_>>>()?;
        entries.push((nested.key, Out::List(items)));
    }
    Ok(Out::Object(entries))
}

/// The type a bare-string nested item is written with.
const TEXT_ITEM: Field = Field {
    name: "item",
    ty: Ty::Text {
        max: usize::MAX,
        blank: false,
        nullable: false,
    },
};

fn fields_out(
    kind: &Kind,
    fields: &'static [Field],
    values: &[Value],
) -> Result<Vec<(&'static str, Out)>> {
    fields
        .iter()
        .zip(values)
        .map(|(field, value)| Ok((field.name, value_out(kind, field, value)?)))
        .collect()
}

fn value_out(kind: &Kind, field: &Field, value: &Value) -> Result<Out> {
    Ok(match (field.ty, value) {
        (_, Value::Null) => Out::Null,
        (Ty::Bool, Value::Integer(v)) => Out::Bool(*v != 0),
        (Ty::Int { .. }, Value::Integer(v)) => Out::Int(*v),
        (
            Ty::Id
            | Ty::Key { .. }
            | Ty::Ref { .. }
            | Ty::Text { .. }
            | Ty::Date { .. }
            | Ty::LocalDateTime
            | Ty::Instant { .. }
            | Ty::Choice { .. },
            Value::Text(text),
        ) => Out::Str(text.clone()),
        // STRICT tables keep every column to its declared type, so this is
        // a journal edited outside Candor.
        _ => {
            return Err(Error::invalid(
                "export",
                format!(
                    "the journal holds a value of an unexpected type in {}.{}; \
                     it may have been edited outside Candor",
                    kind.table, field.name
                ),
            ))
        }
    })
}
