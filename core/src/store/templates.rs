//! Agenda templates: a named, ordered list of prompts that become talking
//! points. Built-in templates can be hidden but never edited or deleted.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::store::agenda::{self, TalkingPoint};
use crate::store::party::Party;
use crate::store::{atomic, now_timestamp, one_on_ones, uuid_column};
use crate::validate::required_text;
use crate::{Error, Result};

pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_PROMPTS: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prompt {
    pub text: String,
    pub raised_by: Party,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: Uuid,
    pub name: String,
    pub builtin: bool,
    pub hidden: bool,
    pub prompts: Vec<Prompt>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PromptInput {
    pub text: String,
    /// `"me"` or `"them"`.
    pub raised_by: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateInput {
    pub name: String,
    pub prompts: Vec<PromptInput>,
}

impl TemplateInput {
    fn validate(&self) -> Result<(String, Vec<Prompt>)> {
        let name = required_text("name", "a template name", &self.name, MAX_NAME_CHARS)?;
        if self.prompts.is_empty() {
            return Err(Error::invalid(
                "prompts",
                "a template needs at least one prompt",
            ));
        }
        if self.prompts.len() > MAX_PROMPTS {
            return Err(Error::invalid(
                "prompts",
                format!("a template can have at most {MAX_PROMPTS} prompts"),
            ));
        }
        let prompts = self
            .prompts
            .iter()
            .map(|p| {
                Ok(Prompt {
                    text: required_text("prompts", "a prompt", &p.text, agenda::MAX_POINT_CHARS)?,
                    raised_by: Party::parse("prompts", "a prompt's raised by", &p.raised_by)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((name, prompts))
    }
}

fn prompts_of(conn: &Connection, id: Uuid) -> Result<Vec<Prompt>> {
    let mut stmt = conn.prepare(
        "SELECT text, raised_by FROM agenda_template_prompts WHERE template_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id.to_string()], |row| {
        let raised_by: String = row.get(1)?;
        Ok(Prompt {
            text: row.get(0)?,
            raised_by: Party::from_stored(&raised_by),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One template with its prompts.
pub fn get(conn: &Connection, id: Uuid) -> Result<Template> {
    let head = conn
        .query_row(
            "SELECT id, name, builtin, hidden FROM agenda_templates WHERE id = ?1",
            [id.to_string()],
            |row| {
                Ok((
                    uuid_column(row, "id")?,
                    row.get::<_, String>("name")?,
                    row.get::<_, bool>("builtin")?,
                    row.get::<_, bool>("hidden")?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("template", id))?;
    Ok(Template {
        id: head.0,
        name: head.1,
        builtin: head.2,
        hidden: head.3,
        prompts: prompts_of(conn, id)?,
    })
}

/// Templates, built-in ones first, then the user's by name. Hidden ones are
/// left out unless asked for.
pub fn list(conn: &Connection, include_hidden: bool) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM agenda_templates WHERE (?1 OR hidden = 0) \
         ORDER BY builtin DESC, CASE WHEN builtin = 1 THEN id END, name COLLATE NOCASE",
    )?;
    let ids = stmt
        .query_map([include_hidden], |row| uuid_column(row, "id"))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

fn write_prompts(conn: &Connection, id: Uuid, prompts: &[Prompt]) -> Result<()> {
    conn.execute(
        "DELETE FROM agenda_template_prompts WHERE template_id = ?1",
        [id.to_string()],
    )?;
    let mut stmt = conn.prepare(
        "INSERT INTO agenda_template_prompts (template_id, position, text, raised_by) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, prompt) in prompts.iter().enumerate() {
        stmt.execute(params![
            id.to_string(),
            i as i64 + 1,
            prompt.text,
            prompt.raised_by.as_str()
        ])?;
    }
    Ok(())
}

/// Creates a template of the user's own.
pub fn create(conn: &Connection, input: &TemplateInput) -> Result<Template> {
    let (name, prompts) = input.validate()?;
    atomic(conn, |conn| {
        let id = Uuid::new_v4();
        let now = now_timestamp();
        conn.execute(
            "INSERT INTO agenda_templates (id, name, builtin, hidden, created_at, updated_at) \
             VALUES (?1, ?2, 0, 0, ?3, ?3)",
            params![id.to_string(), name, now],
        )?;
        write_prompts(conn, id, &prompts)?;
        get(conn, id)
    })
}

fn require_own(template: &Template, action: &str) -> Result<()> {
    if template.builtin {
        return Err(Error::invalid(
            "template_id",
            format!(
                "\"{}\" is built in and cannot be {action}; hide it and make your own instead",
                template.name
            ),
        ));
    }
    Ok(())
}

/// Replaces the name and prompts of one of the user's templates.
pub fn update(conn: &Connection, id: Uuid, input: &TemplateInput) -> Result<Template> {
    let (name, prompts) = input.validate()?;
    atomic(conn, |conn| {
        require_own(&get(conn, id)?, "edited")?;
        conn.execute(
            "UPDATE agenda_templates SET name = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.to_string(), name, now_timestamp()],
        )?;
        write_prompts(conn, id, &prompts)?;
        get(conn, id)
    })
}

/// Deletes one of the user's templates. Built-in ones can only be hidden.
pub fn delete(conn: &Connection, id: Uuid) -> Result<()> {
    atomic(conn, |conn| {
        require_own(&get(conn, id)?, "deleted")?;
        conn.execute(
            "DELETE FROM agenda_templates WHERE id = ?1",
            [id.to_string()],
        )?;
        Ok(())
    })
}

/// Hides a template from the picker, or shows it again.
pub fn set_hidden(conn: &Connection, id: Uuid, hidden: bool) -> Result<Template> {
    let changed = conn.execute(
        "UPDATE agenda_templates SET hidden = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), hidden, now_timestamp()],
    )?;
    if changed == 0 {
        return Err(Error::not_found("template", id));
    }
    get(conn, id)
}

/// Appends the template's prompts to a 1-on-1's agenda as talking points.
pub fn apply(conn: &Connection, id: Uuid, one_on_one_id: Uuid) -> Result<Vec<TalkingPoint>> {
    atomic(conn, |conn| {
        let template = get(conn, id)?;
        let meeting = one_on_ones::get(conn, one_on_one_id)?;
        for prompt in &template.prompts {
            agenda::insert(conn, &meeting, &prompt.text, prompt.raised_by, None)?;
        }
        agenda::list(conn, one_on_one_id)
    })
}
