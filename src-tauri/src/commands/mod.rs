//! Tauri commands: thin adapters that take typed input, call core and return
//! serializable output. No SQL and no validation here: both live in core.

pub mod action_items;
pub mod agenda;
pub mod app;
pub mod conflicts;
pub mod data;
pub mod feedback;
pub mod history;
pub mod one_on_ones;
pub mod people;
pub mod questions;
pub mod reminders;
