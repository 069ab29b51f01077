//! The baseline for `scripts/bench-app`: a bare Tauri window of the same
//! Tauri build as Candor, showing a one-line page. No commands, no plugins,
//! no state, no database.
//!
//! To keep the comparison fair it differs from Candor only in what Candor
//! adds: it uses Candor's own context (`tauri.conf.json`: the same window
//! size, CSP, `withGlobalTauri`, capabilities), and its page comes through
//! the same `tauri://` asset protocol, as an `index.html` loading one module
//! script, as Candor's does. That script marks the page ready exactly as
//! Candor's UI marks the Due view rendered (`body[data-ready="true"]`), so
//! the benchmark waits for both with the same WebDriver query.
//!
//! `cargo run -p candor --example bare_window`

use std::borrow::Cow;

use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{Assets, Runtime};

const INDEX_HTML: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>Bare window</title>\n  <script type=\"module\" src=\"ready.js\"></script>\n</head>\n<body>\n  <p>bare</p>\n</body>\n</html>\n";
const READY_JS: &str = "document.body.dataset.ready = 'true';\n";

/// Two files in place of Candor's `ui/`.
struct BarePage;

impl BarePage {
    const FILES: [(&'static str, &'static str); 2] =
        [("/index.html", INDEX_HTML), ("/ready.js", READY_JS)];
}

impl<R: Runtime> Assets<R> for BarePage {
    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        Self::FILES
            .iter()
            .find(|(path, _)| *path == key.as_ref())
            .map(|(_, body)| Cow::Borrowed(body.as_bytes()))
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(
            Self::FILES
                .iter()
                .map(|(path, body)| (Cow::Borrowed(*path), Cow::Borrowed(body.as_bytes()))),
        )
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        // The page has no inline script or style to allow.
        Box::new(std::iter::empty())
    }
}

fn main() {
    // The same rendering choice as Candor's window (compositing off on a
    // computer with no GPU), so the two are compared like for like.
    candor_app::avoid_software_compositing();
    let mut context: tauri::Context<tauri::Wry> = tauri::generate_context!();
    context.set_assets(Box::new(BarePage));
    for window in &mut context.config_mut().app.windows {
        window.title = "Bare window".into();
    }
    tauri::Builder::default()
        .run(context)
        .expect("the bare window could not run");
}
