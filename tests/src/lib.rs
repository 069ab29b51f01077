//! The end-to-end harness: starts the real Candor binary through tauri-driver
//! (which drives WebKitWebDriver) on a temporary data folder, and offers a
//! small synchronous WebDriver client to click, type and read the window.
//!
//! Each [`App`] starts its own tauri-driver on free ports, so a crashed test
//! cannot leave a session that blocks the next one; dropping the `App` ends
//! the session (which closes the window) and stops the driver.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::thread::sleep;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

/// How long to wait for something to appear before failing the test.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// WebKit under Xvfb is heavy on two cores: one window at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The workspace root (this crate lives in `<root>/tests`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_owned()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// The app binary under test: `$CANDOR_APP_BIN`, or `target/debug/candor`.
///
/// Cargo does not rebuild the app for this crate's tests, so a binary older
/// than the sources (UI included) is refused rather than silently tested.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("CANDOR_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join("candor"));
    let built = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| {
            panic!(
                "the app binary {} does not exist: build it first (`cargo build -p candor`) or run ./scripts/test",
                path.display()
            )
        });
    // The UI is embedded at build time; the Rust sources are the ones cargo
    // listed in the binary's dep-info file (so files not in the build, like
    // work in progress, do not count).
    let root = workspace_root();
    let mut sources = vec![root.join("ui")];
    if let Ok(dep_info) = std::fs::read_to_string(path.with_extension("d")) {
        sources.extend(
            dep_info
                .split_once(": ")
                .map(|(_, deps)| deps)
                .unwrap_or("")
                .split_whitespace()
                .map(PathBuf::from),
        );
    }
    if let Some(newer) = sources.iter().find_map(|source| newer_file(source, built)) {
        panic!(
            "{} is older than {}: rebuild it first (`cargo build -p candor`)",
            path.display(),
            newer.display()
        );
    }
    path
}

/// `path`, or a file under it, modified after `than`, if any.
fn newer_file(path: &Path, than: std::time::SystemTime) -> Option<PathBuf> {
    if path.is_file() {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
        return (modified > than).then(|| path.to_owned());
    }
    for entry in std::fs::read_dir(path).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = newer_file(&path, than) {
                return Some(found);
            }
        } else if entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|m| m > than)
        {
            return Some(path);
        }
    }
    None
}

/// tauri-driver: `$CANDOR_TAURI_DRIVER`, `.tools/bin/tauri-driver` (where
/// ./scripts/test installs it), or the one on PATH.
fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("CANDOR_TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let local = workspace_root().join(".tools/bin/tauri-driver");
    if local.is_file() {
        return local;
    }
    PathBuf::from("tauri-driver")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("create the screenshot folder");
    dir
}

/// A data folder for one test: the journal and WebKit's own files live here.
pub struct DataDir {
    dir: tempfile::TempDir,
}

impl DataDir {
    pub fn new() -> Self {
        DataDir {
            dir: tempfile::Builder::new()
                .prefix("candor-e2e-")
                .tempdir()
                .expect("a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The journal file the app is pointed at.
    pub fn db_path(&self) -> PathBuf {
        self.path().join("journal").join("candor.db")
    }
}

impl Default for DataDir {
    fn default() -> Self {
        Self::new()
    }
}

/// The running app, driven through WebDriver.
pub struct App {
    driver: Child,
    base: String,
    session: String,
    _turn: MutexGuard<'static, ()>,
}

impl App {
    /// Starts the app on `data`'s journal and waits until the UI is ready
    /// (`body[data-ready]`, set once the first view, or the lock screen of
    /// an encrypted journal, has rendered).
    pub fn launch(data: &DataDir) -> App {
        App::launch_with(data, &[])
    }

    /// [`App::launch`] with more environment variables for the app:
    /// `CANDOR_AUTO_LOCK_SECONDS` (a short idle time), `GTK_THEME` (e.g.
    /// `Adwaita:dark`, which WebKit reports as a dark color scheme).
    pub fn launch_with(data: &DataDir, env: &[(&str, &str)]) -> App {
        App::launch_until(data, env, "body[data-ready]")
    }

    /// [`App::launch_with`] that waits for `css` instead of the first view:
    /// for a screen shown before it, such as "Updating your journal".
    pub fn launch_until(data: &DataDir, env: &[(&str, &str)], css: &str) -> App {
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let app = app_binary();
        let port = free_port();
        let native_port = free_port();
        let xdg = |name: &str| {
            let dir = data.path().join(name);
            std::fs::create_dir_all(&dir).expect("create an XDG folder");
            dir
        };
        let mut command = Command::new(tauri_driver());
        // Its own process group, so that the driver, WebKitWebDriver and the
        // app can all be stopped together when the test ends.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let driver = command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            // Environment set on tauri-driver reaches the app it starts.
            .env("CANDOR_DB", data.db_path())
            .env("XDG_DATA_HOME", xdg("data"))
            .env("XDG_CONFIG_HOME", xdg("config"))
            .env("XDG_CACHE_HOME", xdg("cache"))
            // The data folder is deleted after the test, possibly before
            // WebKit's helpers exit; keep them from writing caches into it.
            .env("MESA_SHADER_CACHE_DISABLE", "true")
            // Under Xvfb, WebKit's GL compositing reaches the X window up to
            // seconds late, so window captures would show stale frames.
            // Painting without it makes screenshots show the current page.
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|err| {
                panic!(
                    "could not start tauri-driver ({err}); run ./scripts/test, which installs it"
                )
            });
        let base = format!("http://127.0.0.1:{port}");
        let mut running = App {
            driver,
            base,
            session: String::new(),
            _turn: turn,
        };
        running.wait_for_driver();
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "tauri:options": { "application": app }
                }
            }
        });
        let response = post(&format!("{}/session", running.base), &caps)
            .unwrap_or_else(|err| panic!("could not start a WebDriver session: {err}"));
        running.session = response["sessionId"]
            .as_str()
            .or_else(|| response["value"]["sessionId"].as_str())
            .expect("the new session has an id")
            .to_owned();
        running.wait_for(css);
        running
    }

    fn wait_for_driver(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if ureq::get(&format!("{}/status", self.base)).call().is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.driver.try_wait() {
                panic!("tauri-driver exited before it was ready: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not start listening in time"
            );
            sleep(Duration::from_millis(50));
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base, self.session, path)
    }

    fn cmd(&self, path: &str, body: Value) -> Value {
        post(&self.url(path), &body).unwrap_or_else(|err| panic!("WebDriver {path} failed: {err}"))
    }

    /// Runs a script in the page and returns its result.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.cmd("/execute/sync", json!({ "script": script, "args": args }))["value"].take()
    }

    /// Runs an async script: it receives a `done` callback as its last argument.
    pub fn execute_async(&self, script: &str, args: Value) -> Value {
        self.cmd("/execute/async", json!({ "script": script, "args": args }))["value"].take()
    }

    /// Finds the first element matching `css`, if any, right now.
    pub fn try_find(&self, css: &str) -> Option<Element<'_>> {
        let found = post(
            &self.url("/element"),
            &json!({ "using": "css selector", "value": css }),
        )
        .ok()?;
        element_id(&found).map(|id| Element {
            app: self,
            id,
            css: css.to_owned(),
        })
    }

    /// Waits until an element matching `css` exists, and returns it.
    pub fn wait_for(&self, css: &str) -> Element<'_> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(el) = self.try_find(css) {
                return el;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for `{css}` to appear"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `css` matches nothing, or only closed dialogs.
    pub fn wait_gone(&self, css: &str) {
        self.wait_until(&format!("`{css}` to go away"), || {
            self.execute(
                "return [...document.querySelectorAll(arguments[0])].every(e => e.tagName === 'DIALOG' && !e.open);",
                json!([css]),
            )
            .as_bool()
            .unwrap_or(false)
        });
    }

    /// Waits until `condition` holds.
    pub fn wait_until(&self, what: &str, mut condition: impl FnMut() -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !condition() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the first element matching `css` has text (its
    /// `innerText`, trimmed) containing `needle`, and returns that text.
    pub fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let mut last = String::new();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let text = self.execute(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;",
                json!([css]),
            );
            if let Some(text) = text.as_str() {
                last = text.to_owned();
                if last.contains(needle) {
                    return last;
                }
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for `{css}` to contain {needle:?}; last text: {last:?}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// The texts of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let value = self.execute(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim());",
            json!([css]),
        );
        value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Navigates within the app by hash route, e.g. `#/people`.
    pub fn go(&self, hash: &str) {
        self.execute("location.hash = arguments[0];", json!([hash]));
    }

    /// Saves a PNG of the window to `target/e2e-screenshots/<name>.png`.
    ///
    /// Under X11 the real window is captured (`import`), exactly as a person
    /// sees it, modal dialogs included; WebKit's own WebDriver snapshot
    /// leaves out the top layer. Without X11 tools, WebDriver's is used.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let path = screenshot_dir().join(format!("{name}.png"));
        if std::env::var_os("DISPLAY").is_some() && capture_settled_window(&path) {
            return path;
        }
        let response = get(&self.url("/screenshot")).expect("a screenshot");
        let data = response["value"].as_str().expect("base64 image data");
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("valid base64");
        std::fs::write(&path, png).expect("write the screenshot");
        path
    }

    /// Waits for the app to exit on its own (after its window was closed from
    /// the page), then ends this harness without a WebDriver session.
    pub fn wait_for_exit(mut self) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            let alive = Command::new("pgrep")
                .args(["-g", &self.driver.id().to_string(), "-x", "candor"])
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !alive {
                self.session.clear();
                return;
            }
            sleep(Duration::from_millis(100));
        }
        panic!("the app did not exit after its window was closed");
    }

    /// Ends the session (closing the window) and stops the driver.
    pub fn close(self) {
        drop(self);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        }
        // Stop the whole group: tauri-driver does not stop WebKitWebDriver,
        // which ignores SIGTERM.
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // WebKit's helper processes take a moment to leave after the app.
        sleep(Duration::from_millis(500));
    }
}

/// Captures the window once its pixels have settled (two identical captures
/// in a row), so a repaint still under way is not caught half done.
fn capture_settled_window(path: &Path) -> bool {
    let mut previous: Option<Vec<u8>> = None;
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        sleep(Duration::from_millis(250));
        if !capture_window(path) {
            return false;
        }
        let Ok(current) = std::fs::read(path) else {
            return false;
        };
        if previous.as_ref() == Some(&current) || Instant::now() > deadline {
            return true;
        }
        previous = Some(current);
    }
}

/// Captures the visible Candor window with xdotool and ImageMagick.
fn capture_window(path: &Path) -> bool {
    let Ok(found) = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "Candor"])
        .output()
    else {
        return false;
    };
    let ids = String::from_utf8_lossy(&found.stdout);
    let Some(window) = ids.lines().next() else {
        return false;
    };
    Command::new("import")
        .args(["-window", window])
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// How often a click re-finds an element the page replaced under it.
const STALE_RETRIES: usize = 5;

/// An element found in the page.
pub struct Element<'a> {
    app: &'a App,
    id: String,
    css: String,
}

impl Element<'_> {
    fn cmd(&self, path: &str, body: Value) -> Value {
        post(
            &self.app.url(&format!("/element/{}{}", self.id, path)),
            &body,
        )
        .unwrap_or_else(|err| panic!("WebDriver {path} on `{}` failed: {err}", self.css))
    }

    /// Clicks the element. If the page re-rendered it between finding and
    /// clicking (WebDriver's "stale element reference"), the element is
    /// found again by the same selector and clicked once more: the test
    /// asked for "the element matching this selector", not for one DOM node.
    pub fn click(&self) {
        let mut id = self.id.clone();
        for _ in 0..STALE_RETRIES {
            match post(&self.app.url(&format!("/element/{id}/click")), &json!({})) {
                Ok(_) => return,
                Err(err) if err.contains("stale element reference") => {
                    id = self.app.wait_for(&self.css).id;
                }
                Err(err) => panic!("WebDriver /click on `{}` failed: {err}", self.css),
            }
        }
        panic!(
            "WebDriver /click on `{}`: the element was re-rendered {STALE_RETRIES} times in a row",
            self.css
        );
    }

    /// Replaces the field's content with `text`.
    pub fn fill(&self, text: &str) {
        self.cmd("/clear", json!({}));
        if !text.is_empty() {
            self.type_text(text);
        }
    }

    /// Types `text` into the element, key by key.
    pub fn type_text(&self, text: &str) {
        self.cmd("/value", json!({ "text": text }));
    }

    pub fn text(&self) -> String {
        get(&self.app.url(&format!("/element/{}/text", self.id)))
            .ok()
            .and_then(|v| v["value"].as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// A DOM property (`value`, `checked`, ...).
    pub fn property(&self, name: &str) -> Value {
        get(&self
            .app
            .url(&format!("/element/{}/property/{name}", self.id)))
        .map(|v| v["value"].clone())
        .unwrap_or(Value::Null)
    }

    pub fn attribute(&self, name: &str) -> Option<String> {
        get(&self
            .app
            .url(&format!("/element/{}/attribute/{name}", self.id)))
        .ok()
        .and_then(|v| v["value"].as_str().map(str::to_owned))
    }
}

fn element_id(response: &Value) -> Option<String> {
    response["value"]
        .as_object()?
        .values()
        .next()?
        .as_str()
        .map(str::to_owned)
}

fn post(url: &str, body: &Value) -> Result<Value, String> {
    into_json(ureq::post(url).send_json(body))
}

fn get(url: &str) -> Result<Value, String> {
    into_json(ureq::get(url).call())
}

fn into_json(result: Result<ureq::Response, ureq::Error>) -> Result<Value, String> {
    match result {
        Ok(response) => response.into_json().map_err(|e| e.to_string()),
        Err(ureq::Error::Status(code, response)) => {
            let body: Value = response.into_json().unwrap_or(Value::Null);
            Err(format!(
                "HTTP {code} {}: {}",
                body["value"]["error"].as_str().unwrap_or("(no error kind)"),
                body["value"]["message"].as_str().unwrap_or("(no message)")
            ))
        }
        Err(err) => Err(err.to_string()),
    }
}
