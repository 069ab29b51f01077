//! Tauri commands: thin adapters that take typed input, call core and return
//! serializable output. No SQL and no validation here: both live in core.

pub mod app;
pub mod people;
