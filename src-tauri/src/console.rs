//! The terminal on Windows. A release build is a Windows-subsystem program
//! (`windows_subsystem = "windows"` in main.rs), so opening Candor from the
//! Start menu or Explorer shows the window and no black console beside it.
//! Such a program starts with no console, though, so `candor due` typed in a
//! terminal would print nothing: [`attach_to_parent`] gives a command run
//! from a terminal that terminal back. Elsewhere it does nothing.

/// Attaches to the console of the process that started this one, when
/// there is one (a terminal) and the command line has arguments (a CLI
/// command, `--version`, `--help`, or a parse error to show). Output that
/// the caller redirected to a file or a pipe keeps going there. Started
/// from Explorer there is no parent console and nothing changes.
pub fn attach_to_parent() {
    #[cfg(windows)]
    if std::env::args_os().len() > 1 {
        windows::attach_to_parent();
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod windows {
    use windows_sys::Win32::System::Console::{AttachConsole, ATTACH_PARENT_PROCESS};

    pub(super) fn attach_to_parent() {
        // SAFETY: AttachConsole takes a process id by value and touches no
        // memory of ours. It fails (returns 0) when the parent has no
        // console or we already have one, and either way nothing needs
        // undoing, so the result is deliberately ignored.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
