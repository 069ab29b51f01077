//! Generates the Tauri context and the permission set for Candor's commands.

/// Every command the UI may call. Declaring them makes Tauri require an
/// explicit `allow-<command>` permission in `capabilities/`, so a command
/// that is not granted there cannot be invoked from the window.
const COMMANDS: &[&str] = &[
    "app_info",
    "render_markdown",
    "today",
    "list_people",
    "get_person",
    "create_person",
    "update_person",
    "set_person_archived",
    "person_overview",
    "start_one_on_one",
    "get_one_on_one",
    "save_one_on_one_text",
    "set_one_on_one_mood",
    "mark_one_on_one_held",
    "cancel_one_on_one",
    "reschedule_one_on_one",
    "schedule_next_one_on_one",
    "add_talking_point",
    "edit_talking_point",
    "set_talking_point_resolved",
    "move_talking_point",
    "delete_talking_point",
    "list_templates",
    "create_template",
    "update_template",
    "delete_template",
    "set_template_hidden",
    "apply_template",
    "add_action_item",
    "update_action_item",
    "set_action_item_done",
    "delete_action_item",
    "create_feedback",
    "update_feedback",
    "get_feedback",
    "check_feedback",
    "mark_feedback_ready",
    "feedback_back_to_draft",
    "deliver_feedback",
    "discard_feedback",
    "restore_feedback",
    "set_feedback_response",
    "list_team_feedback",
    "feedback_tags",
    "list_conflicts",
    "get_conflict",
    "create_conflict",
    "update_conflict",
    "set_conflict_status",
    "delete_conflict",
    "add_conflict_update",
    "delete_conflict_update",
    "question_categories",
    "list_questions",
    "create_question",
    "update_question",
    "set_question_retired",
    "delete_question",
    "log_question_asked",
    "update_question_asked",
    "delete_question_asked",
    "questions_asked_for_person",
    "suggest_questions",
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
