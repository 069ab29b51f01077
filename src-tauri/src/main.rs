//! The `candor` binary: with no subcommand it opens the window, with one it
//! runs headless and exits.

fn main() -> std::process::ExitCode {
    candor_app::cli::main()
}
