//! The `candor` binary: with no subcommand it opens the window, with one it
//! runs headless and exits.

// A release build on Windows is a GUI program: no console window opens
// beside Candor. A command run from a terminal attaches to it (console.rs).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    candor_app::console::attach_to_parent();
    candor_app::cli::main()
}
