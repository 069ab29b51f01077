//! `candor people list`: the team as a table or as JSON.

use std::io::Write;
use std::process::ExitCode;

use candor_core::store::people::{self, Person, Scope};
use clap::{Args, Subcommand};

use super::{write_json, CliError, Journal};

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// List the people on your team, active first, by name.
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON (an array of people) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Include archived people.
    #[arg(long)]
    pub all: bool,
}

pub(super) fn run(
    command: PeopleCommand,
    journal: &Journal,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let PeopleCommand::List(args) = command;
    let store = journal.open_existing()?;
    let scope = if args.all { Scope::All } else { Scope::Active };
    let list = people::list(store.conn(), scope)?;
    if args.json {
        write_json(out, &list)?;
    } else {
        write_people_table(out, &list)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_people_table(out: &mut dyn Write, list: &[Person]) -> std::io::Result<()> {
    if list.is_empty() {
        return writeln!(out, "No people yet.");
    }
    let header = ["NAME", "ROLE", "TEAM", "CADENCE", "STATUS"];
    let rows: Vec<[String; 5]> = list
        .iter()
        .map(|p| {
            [
                p.name.clone(),
                p.role.clone(),
                p.team.clone(),
                format!("{} days", p.cadence_days),
                if p.archived { "archived" } else { "active" }.to_owned(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    writeln!(out, "{}", line(header))?;
    for row in &rows {
        writeln!(out, "{}", line(row.each_ref().map(String::as_str)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use candor_core::store::people::PersonInput;
    use candor_core::Store;

    #[test]
    fn people_table_aligns_columns_by_characters() {
        let store = Store::open_in_memory().unwrap();
        for (name, role) in [("Zoë", "Staff engineer"), ("Bo", "")] {
            people::create(
                store.conn(),
                &PersonInput {
                    name: name.into(),
                    role: role.into(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let list = people::list(store.conn(), Scope::All).unwrap();
        let mut out = Vec::new();
        write_people_table(&mut out, &list).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "NAME  ROLE            TEAM  CADENCE  STATUS");
        assert_eq!(lines[1], "Bo                          7 days   active");
        assert_eq!(lines[2], "Zoë   Staff engineer        7 days   active");
    }
}
