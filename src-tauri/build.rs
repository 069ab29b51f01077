//! Generates the Tauri context and the permission set for Candor's commands.

/// Every command the UI may call. Declaring them makes Tauri require an
/// explicit `allow-<command>` permission in `capabilities/`, so a command
/// that is not granted there cannot be invoked from the window.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_people",
    "get_person",
    "create_person",
    "update_person",
    "set_person_archived",
];

fn main() {
    // A file added under ui/ is not noticed by an incremental build otherwise.
    println!("cargo:rerun-if-changed=../ui");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to generate the Tauri build context");
}
