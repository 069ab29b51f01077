//! The app on Tauri's mock runtime, shared by the command tests: the real
//! configuration and capability files, one main window, and `invoke` as
//! the window calls a command (the result or the error, as JSON).

#![allow(dead_code)] // Each test binary uses its own part of it.

use candor_app::{configure, context, AppState};
use candor_core::Store;
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

/// The origin the app's own pages are served from on this platform.
pub const APP_ORIGIN: &str = if cfg!(windows) {
    "http://tauri.localhost"
} else {
    "tauri://localhost"
};

/// A progress channel as the window passes one to a long command
/// (`on_progress`); on the mock runtime what is sent to it goes nowhere.
pub const PROGRESS: &str = "__CHANNEL__:1";

pub struct Harness {
    _app: tauri::App<MockRuntime>,
    pub window: tauri::WebviewWindow<MockRuntime>,
}

/// The app on the mock runtime with the real configuration and capability
/// files, so a command the capabilities do not grant fails here too.
pub fn harness_with(state: AppState) -> Harness {
    let app = configure(mock_builder(), state)
        .build(context())
        .expect("the app builds on the mock runtime");
    // Windows from tauri.conf.json appear when the event loop runs; this
    // one carries the same label, so the same capability applies to it.
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("a mock main window");
    Harness { _app: app, window }
}

pub fn harness() -> Harness {
    let store = Store::open_in_memory().expect("an in-memory journal");
    harness_with(AppState::from_store(store, "memory.db".into()))
}

impl Harness {
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: APP_ORIGIN.parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().expect("JSON response"))
    }
}
