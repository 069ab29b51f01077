//! Hostile input for `markdown::render`: every payload of a corpus of known
//! XSS vectors, alone and inside Markdown, must come out without a tag,
//! attribute or URL that could run code, load a resource or reach the page.
//!
//! The output is scanned tag by tag rather than searched for substrings, so
//! that escaped text such as `&lt;script&gt;` (harmless, and exactly what the
//! user typed) is told apart from a real `<script>` element.

use candor_core::markdown::render;

const PAYLOADS: &str = include_str!("../data/xss-payloads.txt");

/// The corpus may grow; it must not silently shrink.
const MIN_PAYLOADS: usize = 120;

/// Payloads that need a character a one-payload-per-line file cannot hold
/// (newlines, NUL and other controls), or that start with `#`, which the file
/// reserves for comments.
const INLINE_PAYLOADS: &[&str] = &[
    "<a href=\"java\nscript:alert(1)\">x</a>",
    "<a href=\"java\rscript:alert(1)\">x</a>",
    "[x](java\nscript:alert(1))",
    "<a href=\"\u{0}javascript:alert(1)\">x</a>",
    "<a href=\"\u{1}javascript:alert(1)\">x</a>",
    "[x](\u{0}javascript:alert(1))",
    "[x](\u{1}javascript:alert(1))",
    "<a href=\"\u{feff}javascript:alert(1)\">x</a>",
    "<a href=\"javascript\u{2028}:alert(1)\">x</a>",
    "<scr\u{0}ipt>alert(1)</scr\u{0}ipt>",
    "<img src=x\nonerror=alert(1)>",
    "<svg\nonload=alert(1)>",
    "<img\u{c}src=x\u{c}onerror=alert(1)>",
    "<!--\n<script>alert(1)</script>\n-->",
    "<div>\n\n<script>alert(1)</script>\n\n</div>",
    "<div>\n<img src=x onerror=alert(1)>\n</div>",
    "<style>\n@import 'https://evil.example/x.css';\n</style>",
    "# <script>alert(1)</script>",
    "#<img src=x onerror=alert(1)>",
    "## [x](javascript:alert(1))",
    "Title\n=====\n<svg onload=alert(1)>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "```\"><script>alert(1)</script>\nx\n```",
    "``` onmouseover=alert(1) class=x\ncode\n```",
    "~~~<img src=x onerror=alert(1)>\n~~~",
    "[x]\n\n[x]: javascript:alert(1)",
    "[x][y]\n\n[y]: <javascript:alert(1)> \"t\"",
    "![x]\n\n[x]: https://evil.example/a.png",
    "[x]\n\n[x]: /settings",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "| a | b |\n|:--|--:|\n| [x](javascript:alert(1)) | ![y](https://evil.example/y.png) |",
    "- [x] done\n- [ ] <input type=text autofocus onfocus=alert(1)>",
    "> - <iframe src=https://evil.example/>\n>   <script>alert(1)</script>",
    "<a href=\"https://example.com\">\n\n**<script>alert(1)</script>**\n\n</a>",
    "*<img src=x\nonerror=alert(1)>*",
    "[a](https://example.com 'multi\nline\" onclick=\"alert(1)')",
];

/// Tags that must never appear, whatever else the policy allows.
const FORBIDDEN_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "form", "base", "meta", "link", "style", "svg", "math",
    "img", "video", "audio", "source", "template",
];

/// Attributes that must never appear: they run code, load resources, or
/// reach the page's own CSS and IDs.
const FORBIDDEN_ATTRIBUTES: &[&str] = &[
    "style",
    "src",
    "srcset",
    "action",
    "formaction",
    "background",
    "poster",
    "xlink:href",
    "class",
    "id",
    "target",
];

/// What the sanitizer is meant to let through; anything else is reported
/// too, so that a tag nobody thought to forbid is still caught.
const ALLOWED: &[(&str, &[&str])] = &[
    ("a", &["href", "title", "rel"]),
    ("blockquote", &[]),
    ("br", &[]),
    ("code", &[]),
    ("del", &[]),
    ("em", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("hr", &[]),
    ("input", &["type", "checked", "disabled"]),
    ("li", &[]),
    ("ol", &["start"]),
    ("p", &[]),
    ("pre", &[]),
    ("strong", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &[]),
    ("th", &[]),
    ("thead", &[]),
    ("tr", &[]),
    ("ul", &[]),
];

const ALLOWED_SCHEMES: &[&str] = &["http:", "https:", "mailto:"];

#[derive(Debug)]
struct ScannedTag {
    name: String,
    closing: bool,
    /// Names lowercased, values with their character references decoded.
    attributes: Vec<(String, String)>,
}

/// Reads every tag of `html`, the serialization ammonia produces: text has
/// `<` escaped, so every raw `<` must open a real tag, and one that does not
/// (a comment, a doctype, a stray bracket) is reported as an error.
fn scan_tags(html: &str) -> Result<Vec<ScannedTag>, String> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !is_html_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>') {
            i += 1;
        }
        let name = &html[name_start..i];
        if !name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) {
            return Err(format!(
                "a raw '<' at byte {start} does not open a tag: {:?}",
                excerpt(html, start)
            ));
        }
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && (is_html_space(bytes[i]) || bytes[i] == b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => return Err(format!("unterminated tag at byte {start}")),
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(_) => {}
            }
            // As in the HTML tokenizer, a leading '=' belongs to the name.
            let attr_start = i;
            i += 1;
            while i < bytes.len()
                && !is_html_space(bytes[i])
                && !matches!(bytes[i], b'/' | b'>' | b'=')
            {
                i += 1;
            }
            let attr_name = html[attr_start..i].to_ascii_lowercase();
            while i < bytes.len() && is_html_space(bytes[i]) {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && is_html_space(bytes[i]) {
                    i += 1;
                }
                let raw = match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let value_start = i + 1;
                        let Some(len) = bytes[value_start..].iter().position(|&b| b == quote)
                        else {
                            return Err(format!(
                                "unterminated attribute value at byte {value_start}"
                            ));
                        };
                        i = value_start + len + 1;
                        &html[value_start..value_start + len]
                    }
                    _ => {
                        let value_start = i;
                        while i < bytes.len() && !is_html_space(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        &html[value_start..i]
                    }
                };
                value = decode_character_references(raw);
            }
            attributes.push((attr_name, value));
        }
        tags.push(ScannedTag {
            name: name.to_ascii_lowercase(),
            closing,
            attributes,
        });
    }
    Ok(tags)
}

fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

fn excerpt(html: &str, at: usize) -> String {
    html[at..].chars().take(40).collect()
}

/// Decodes numeric character references and the named ones that matter for
/// URL schemes. An unknown name is left as written, which can only make a
/// scheme check fail, never pass.
fn decode_character_references(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (decoded, used) = decode_one_reference(rest);
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&rest[..used]),
        }
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

/// Decodes the reference at the start of `s` (which begins with '&'),
/// returning the character, if any, and how many bytes were consumed.
fn decode_one_reference(s: &str) -> (Option<char>, usize) {
    if let Some(numeric) = s.strip_prefix("&#") {
        let (digits, radix, prefix) = match numeric.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (numeric, 10, 2),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 {
            return (None, 1);
        }
        let semicolon = usize::from(digits[len..].starts_with(';'));
        let c = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{fffd}');
        return (Some(c), prefix + len + semicolon);
    }
    const NAMED: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
        ("&nbsp;", '\u{a0}'),
        ("&Tab;", '\t'),
        ("&NewLine;", '\n'),
        ("&colon;", ':'),
        ("&sol;", '/'),
        ("&lpar;", '('),
        ("&rpar;", ')'),
    ];
    for (name, c) in NAMED {
        if s.starts_with(name) {
            return (Some(*c), name.len());
        }
    }
    (None, 1)
}

/// Whether an `href` value (already decoded) points to an allowed scheme.
///
/// It removes only what URL parsers themselves ignore (leading and trailing
/// controls and spaces, tabs and newlines anywhere) before lowercasing, so
/// any other control or invisible character left in front of the scheme
/// makes the check fail: the stricter reading.
fn href_scheme_is_allowed(href: &str) -> bool {
    let trimmed = href.trim_matches(|c: char| c <= ' ');
    let normalized: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_lowercase();
    ALLOWED_SCHEMES
        .iter()
        .any(|scheme| normalized.starts_with(scheme))
}

/// Every way in which `html` breaks the policy, as readable sentences.
fn violations(html: &str) -> Vec<String> {
    let tags = match scan_tags(html) {
        Ok(tags) => tags,
        Err(error) => return vec![error],
    };
    let mut found = Vec::new();
    for tag in &tags {
        let name = tag.name.as_str();
        if FORBIDDEN_TAGS.contains(&name) {
            found.push(format!("forbidden tag <{name}>"));
        }
        let Some((_, allowed_attributes)) = ALLOWED.iter().find(|(allowed, _)| *allowed == name)
        else {
            found.push(format!("tag <{name}> is not in the allowed set"));
            continue;
        };
        if tag.closing {
            continue;
        }
        for (attr, value) in &tag.attributes {
            if attr.starts_with("on") {
                found.push(format!("event handler {attr}={value:?} on <{name}>"));
            }
            if FORBIDDEN_ATTRIBUTES.contains(&attr.as_str()) {
                found.push(format!("forbidden attribute {attr}={value:?} on <{name}>"));
            } else if !allowed_attributes.contains(&attr.as_str()) {
                found.push(format!(
                    "attribute {attr}={value:?} is not allowed on <{name}>"
                ));
            }
            if attr == "href" && !href_scheme_is_allowed(value) {
                found.push(format!(
                    "href {value:?} has no http, https or mailto scheme"
                ));
            }
        }
        let value_of = |wanted: &str| {
            tag.attributes
                .iter()
                .find(|(attr, _)| attr == wanted)
                .map(|(_, value)| value.as_str())
        };
        if name == "a" && value_of("rel") != Some("noopener noreferrer") {
            found.push(format!(
                "link without rel=\"noopener noreferrer\": {:?}",
                tag.attributes
            ));
        }
        if name == "input"
            && (value_of("type") != Some("checkbox") || value_of("disabled").is_none())
        {
            found.push(format!(
                "input that is not a disabled checkbox: {:?}",
                tag.attributes
            ));
        }
    }
    found
}

fn corpus() -> Vec<&'static str> {
    PAYLOADS
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect()
}

/// The payload alone and in the Markdown places a note might carry it.
fn in_context(payload: &str) -> Vec<String> {
    vec![
        payload.to_owned(),
        format!("- first\n- item {payload}\n- last"),
        format!("[{payload}](https://example.com)"),
        format!("[x]({payload})"),
        format!("![{payload}](https://evil.example/a.png)"),
        format!("| a | b |\n|---|---|\n| {payload} | x |"),
        format!("> quoted {payload}"),
        format!("Before.\n\n{payload}\n\nAfter."),
        format!("**{payload}** and _{payload}_"),
        format!("- [ ] {payload}"),
        format!("1. {payload}\n\n   {payload}"),
    ]
}

#[test]
fn the_corpus_holds_at_least_the_agreed_number_of_payloads() {
    let count = corpus().len();
    assert!(
        count >= MIN_PAYLOADS,
        "the payload corpus should hold at least {MIN_PAYLOADS} payloads, it holds {count}"
    );
}

#[test]
fn the_scanner_finds_the_tags_and_attributes_of_a_known_good_rendering() {
    let html = render(
        "Intro with [a link](https://example.com \"t\") and <ana@example.com>.\n\n\
         3. third\n4. fourth\n\n- [x] done\n- [ ] open\n\n| h |\n|---|\n| cell |",
    );
    assert_eq!(
        violations(&html),
        Vec::<String>::new(),
        "a benign note should pass: {html}"
    );
    let tags = scan_tags(&html).expect("ammonia's output should scan cleanly");

    let opening = |name: &'static str| tags.iter().filter(move |t| t.name == name && !t.closing);
    let links: Vec<_> = opening("a").collect();
    assert_eq!(
        links.len(),
        2,
        "both links should be seen by the scanner: {html}"
    );
    assert!(
        links.iter().any(|a| a
            .attributes
            .contains(&("href".to_owned(), "https://example.com".to_owned()))),
        "the scanner should read the href value: {links:?}"
    );
    assert!(
        links.iter().all(|a| a
            .attributes
            .iter()
            .any(|(n, v)| n == "rel" && v == "noopener noreferrer")),
        "the scanner should read rel on every link: {links:?}"
    );
    let inputs: Vec<_> = opening("input").collect();
    assert_eq!(inputs.len(), 2, "both checkboxes should be seen: {html}");
    assert!(
        inputs[0].attributes.iter().any(|(n, _)| n == "checked"),
        "the scanner should see valueless-looking attributes such as checked: {inputs:?}"
    );
    assert!(
        opening("ol").any(|ol| ol
            .attributes
            .contains(&("start".to_owned(), "3".to_owned()))),
        "the scanner should read the list start: {html}"
    );
    assert!(
        opening("td").count() == 1,
        "the table cell should be seen: {html}"
    );
    assert!(
        tags.iter().any(|t| t.closing),
        "closing tags should be recognised as such: {html}"
    );
}

#[test]
fn the_checker_reports_each_kind_of_hostile_output() {
    let rel = r#"rel="noopener noreferrer""#;
    let cases = [
        (
            r#"<SCRIPT>alert(1)</SCRIPT>"#.to_owned(),
            "forbidden tag <script>",
        ),
        (r#"<img src="x">"#.to_owned(), "forbidden tag <img>"),
        (
            r#"<p onclick="x()">a</p>"#.to_owned(),
            "event handler onclick",
        ),
        (
            r#"<p ONMOUSEOVER=x>a</p>"#.to_owned(),
            "event handler onmouseover",
        ),
        (
            r#"<p style="color:red">a</p>"#.to_owned(),
            "forbidden attribute style",
        ),
        (
            r#"<p class="x">a</p>"#.to_owned(),
            "forbidden attribute class",
        ),
        (r#"<h1 id="x">a</h1>"#.to_owned(), "forbidden attribute id"),
        (
            format!(r#"<a href="javascript:alert(1)" {rel}>a</a>"#),
            "has no http",
        ),
        (
            format!(r#"<a href="jav&#x09;ascript:alert(1)" {rel}>a</a>"#),
            "has no http",
        ),
        (
            format!(r#"<a href=" JaVaScRiPt&colon;x" {rel}>a</a>"#),
            "has no http",
        ),
        (format!(r#"<a href="/settings" {rel}>a</a>"#), "has no http"),
        (
            format!(r#"<a href="ht&#1;tps://x" {rel}>a</a>"#),
            "has no http",
        ),
        (
            format!(r#"<a href="&#xFEFF;https://x" {rel}>a</a>"#),
            "has no http",
        ),
        (
            format!(r#"<a title=">" href="data:x" {rel}>a</a>"#),
            "has no http",
        ),
        (
            format!(r#"<a href="https://x" target="_blank" {rel}>a</a>"#),
            "forbidden attribute target",
        ),
        (
            r#"<a href="https://x">a</a>"#.to_owned(),
            "link without rel",
        ),
        (
            r#"<input type="text" disabled="">"#.to_owned(),
            "not a disabled checkbox",
        ),
        (
            r#"<input type="checkbox">"#.to_owned(),
            "not a disabled checkbox",
        ),
        (
            r#"<marquee>a</marquee>"#.to_owned(),
            "not in the allowed set",
        ),
        (r#"<p>1 < 2</p>"#.to_owned(), "does not open a tag"),
        (r#"<!-- x --><p>a</p>"#.to_owned(), "does not open a tag"),
        (r#"<p title="unterminated>a</p>"#.to_owned(), "unterminated"),
    ];
    for (html, expected) in cases {
        let found = violations(&html);
        assert!(
            found.iter().any(|v| v.contains(expected)),
            "the checker should report {expected:?} for {html:?}, it reported {found:?}"
        );
    }
    assert_eq!(
        violations(
            r#"<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; <a href="mailto:a@b.example" rel="noopener noreferrer">m</a></p>"#
        ),
        Vec::<String>::new(),
        "escaped markup and an allowed link are not violations"
    );
}

#[test]
fn no_payload_renders_to_anything_that_runs_loads_or_reaches_the_page() {
    let payloads: Vec<&str> = corpus()
        .into_iter()
        .chain(INLINE_PAYLOADS.iter().copied())
        .collect();
    let mut failures = Vec::new();
    let mut tags_seen = 0;
    let mut hrefs_seen = 0;
    for payload in &payloads {
        for markdown in in_context(payload) {
            let html = render(&markdown);
            let found = violations(&html);
            if let Ok(tags) = scan_tags(&html) {
                tags_seen += tags.len();
                hrefs_seen += tags
                    .iter()
                    .flat_map(|t| &t.attributes)
                    .filter(|(name, _)| name == "href")
                    .count();
            }
            if !found.is_empty() {
                failures.push(format!("{markdown:?}\n  => {html:?}\n  {found:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} renderings break the policy; the first ones:\n{}",
        failures.len(),
        payloads.len() * in_context("").len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The wrappers put every payload inside paragraphs, lists and links, so
    // a scan that saw nothing would mean the scanner, not the output, is
    // broken.
    assert!(
        tags_seen > payloads.len() * 10,
        "the scan should have seen many tags across the corpus, it saw {tags_seen}"
    );
    assert!(
        hrefs_seen >= payloads.len(),
        "every payload used as link text keeps an https link, the scan saw {hrefs_seen} hrefs"
    );
}
