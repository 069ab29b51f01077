//! Markdown for notes: rendering to HTML that is safe to put in the UI's DOM,
//! and the one-line plain-text summaries shown in lists.
//!
//! Rendering happens in two stages on purpose. First the pulldown-cmark event
//! stream is rewritten so that nothing the user typed can become markup of its
//! own: raw HTML turns into visible text, images into their alt text, and links
//! to anything but http, https or mailto into their plain link text. Then the
//! HTML is passed through one strict ammonia policy anyway, so that a mistake in
//! the first stage (or in pulldown-cmark) still cannot reach the webview.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::UrlRelative;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The link schemes a note may point to. Anything else (javascript:, data:,
/// file:, a custom scheme the OS would hand to another program, or a relative
/// URL that would navigate the app's own window) is not a link.
const ALLOWED_LINK_PREFIXES: [&str; 3] = ["http://", "https://", "mailto:"];

/// The relation every link carries, so that a page opened from a note learns
/// nothing about the app and cannot script the window that opened it.
const LINK_REL: &str = "noopener noreferrer";

/// The sanitizer, built once: building an ammonia policy allocates several
/// sets, and every note in a list is rendered through the same one.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    // Exactly the tags pulldown-cmark emits for the extensions we enable, minus
    // `img`: a note never loads anything, not even a picture.
    let tags = HashSet::from([
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "input",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]);
    // Dropped together with their content: these hold code, styles or foreign
    // markup, and showing their text would only be noise. None of them can
    // come out of the first stage; this is the second line of defence.
    let clean_content_tags = HashSet::from([
        "embed", "iframe", "math", "noembed", "noframes", "noscript", "object", "script", "style",
        "svg", "template", "textarea", "title", "xmp",
    ]);
    // No `class`, `id` or `style` anywhere: they could reach the page's own
    // CSS and IDs. Table alignment is therefore dropped (pulldown-cmark writes
    // it as a style attribute), and code blocks lose their language class.
    let tag_attributes = HashMap::from([
        ("a", HashSet::from(["href", "title"])),
        ("ol", HashSet::from(["start"])),
        ("input", HashSet::from(["checked"])),
    ]);
    // The only input a note has is the task-list checkbox.
    let tag_attribute_values = HashMap::from([(
        "input",
        HashMap::from([("type", HashSet::from(["checkbox"]))]),
    )]);
    // Forced rather than trusted: whatever reaches the sanitizer as an input
    // leaves it as a checkbox the user cannot toggle from the rendered note.
    let set_tag_attribute_values = HashMap::from([(
        "input",
        HashMap::from([("type", "checkbox"), ("disabled", "")]),
    )]);

    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .clean_content_tags(clean_content_tags)
        .tag_attributes(tag_attributes)
        .tag_attribute_values(tag_attribute_values)
        .set_tag_attribute_values(set_tag_attribute_values)
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some(LINK_REL))
        .strip_comments(true);
    builder
});

/// Renders a note's Markdown to HTML that may be assigned to the DOM as is.
///
/// CommonMark plus tables, strikethrough and task lists. Raw HTML in the note
/// is shown as the text the user typed, images as `[image: alt]`, and links
/// only survive when they point to http, https or mailto.
pub fn render(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, safe_events(markdown).into_iter());
    SANITIZER.clean(&html).to_string()
}

/// The text of a note without its markup, on one line, for list views.
///
/// Whitespace (line breaks included) collapses to single spaces. When the
/// text is longer than `max_chars` characters it is cut at a word boundary
/// and ends with "…", the ellipsis counting towards `max_chars`. Characters
/// are counted, not bytes, and a character is never split.
pub fn plain_summary(markdown: &str, max_chars: usize) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in safe_events(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::TaskListMarker(true) => text.push_str("[x] "),
            Event::TaskListMarker(false) => text.push_str("[ ] "),
            // Inline formatting joins words ("**un**done" is one word);
            // everything else separates them.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            _ => text.push(' '),
        }
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate_at_word(&collapsed, max_chars)
}

/// Cuts `text` to at most `max_chars` characters, ellipsis included,
/// preferring the last space that fits so that no word is cut in half.
fn truncate_at_word(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    if max_chars == 0 {
        return String::new();
    }
    let budget = max_chars - 1; // one character is kept for the ellipsis
    let cut = text
        .char_indices()
        .nth(budget)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = if text[cut..].starts_with(' ') {
        head
    } else if let Some(space) = head.rfind(' ') {
        &head[..space]
    } else {
        // One word longer than the whole budget: cut inside it, but keep a
        // letter together with the accents that follow it.
        let mut end = cut;
        while end > 0 && starts_with_combining_mark(&text[end..]) {
            end = head[..end].char_indices().next_back().map_or(0, |(i, _)| i);
        }
        &head[..end]
    };
    let mut summary = head.trim_end().to_owned();
    summary.push('…');
    summary
}

fn starts_with_combining_mark(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(unicode_normalization::char::is_combining_mark)
}

/// Parses `markdown` and rewrites the events so that the HTML renderer can
/// only produce the tags the sanitizer allows anyway.
fn safe_events(markdown: &str) -> Vec<Event<'_>> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut parser = Parser::new_ext(markdown, options);
    let mut events = Vec::new();
    // Links do not nest in CommonMark, but a stack keeps each end paired with
    // its own start even if that ever changed.
    let mut kept_links: Vec<bool> = Vec::new();
    let mut in_html_block = false;
    let mut html_block_lines = 0_usize;

    while let Some(event) = parser.next() {
        match event {
            Event::Start(Tag::Image { .. }) => {
                let alt = image_alt_text(&mut parser);
                let shown = if alt.is_empty() {
                    "[image]".to_owned()
                } else {
                    format!("[image: {alt}]")
                };
                events.push(Event::Text(CowStr::from(shown)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = link_type == LinkType::Email || is_allowed_link(&dest_url);
                kept_links.push(keep);
                if keep {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if kept_links.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            // A block of raw HTML becomes a paragraph showing what was typed,
            // line by line.
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                html_block_lines = 0;
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
                events.push(Event::End(TagEnd::Paragraph));
            }
            Event::Html(line) if in_html_block => {
                if html_block_lines > 0 {
                    events.push(Event::HardBreak);
                }
                html_block_lines += 1;
                let line = line.trim_end_matches(['\n', '\r']).to_owned();
                events.push(Event::Text(CowStr::from(line)));
            }
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            other => events.push(other),
        }
    }
    events
}

/// Consumes the events of an image up to its end and returns its alt text as
/// plain text, the way the HTML renderer would have written the `alt`.
fn image_alt_text(parser: &mut Parser<'_>) -> String {
    let mut alt = String::new();
    let mut depth = 1_usize;
    for event in parser.by_ref() {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                alt.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a link destination may stay a link. Deliberately narrower than a
/// URL parser: a destination that merely *might* be harmless is shown as text.
fn is_allowed_link(dest: &str) -> bool {
    let dest = dest.trim();
    ALLOWED_LINK_PREFIXES.iter().any(|prefix| {
        dest.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_strong_and_strikethrough_render_as_their_tags() {
        let html = render("*soft* **firm** ~~gone~~");
        assert_eq!(
            html.trim(),
            "<p><em>soft</em> <strong>firm</strong> <del>gone</del></p>",
            "inline formatting should map to em, strong and del"
        );
    }

    #[test]
    fn headings_keep_their_level() {
        let html = render("# One\n\n###### Six");
        assert!(
            html.contains("<h1>One</h1>") && html.contains("<h6>Six</h6>"),
            "headings should stay h1 to h6 without attributes, got {html}"
        );
    }

    #[test]
    fn lists_render_ordered_and_unordered_with_their_start() {
        let html = render("- a\n- b\n\n3. c\n4. d");
        assert!(
            html.contains("<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
            "a bullet list should be a ul, got {html}"
        );
        assert!(
            html.contains("<ol start=\"3\">"),
            "an ordered list should keep its start number, got {html}"
        );
    }

    #[test]
    fn tables_render_without_alignment_styles() {
        let html = render("| who | what |\n|:---|---:|\n| Ana | 1:1 |");
        for tag in [
            "<table>",
            "<thead>",
            "<tbody>",
            "<tr>",
            "<th>who</th>",
            "<td>Ana</td>",
        ] {
            assert!(
                html.contains(tag),
                "the table should contain {tag}, got {html}"
            );
        }
        assert!(
            !html.contains("style"),
            "alignment must not come through as a style attribute, got {html}"
        );
    }

    #[test]
    fn task_lists_render_disabled_checkboxes() {
        let html = render("- [x] done\n- [ ] open");
        assert!(
            html.contains(r#"<li><input type="checkbox" checked="" disabled="">"#),
            "a done task should be a checked, disabled checkbox, got {html}"
        );
        assert!(
            html.contains(r#"<li><input type="checkbox" disabled="">"#),
            "an open task should be an unchecked, disabled checkbox, got {html}"
        );
    }

    #[test]
    fn code_blocks_keep_their_text_escaped_and_lose_the_language_class() {
        let html = render("```html\n<script>alert(1)</script>\n```\n\nand `<b>`");
        assert!(
            html.contains("<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>"),
            "code should be shown as escaped text, got {html}"
        );
        assert!(
            html.contains("<code>&lt;b&gt;</code>"),
            "inline code should be escaped too, got {html}"
        );
        assert!(
            !html.contains("class"),
            "no class attribute should remain, got {html}"
        );
    }

    #[test]
    fn links_get_rel_noopener_noreferrer_and_no_target() {
        let html = render("[site](https://example.com/a?b=1&c=2 \"Title\")");
        assert!(
            html.contains(r#"href="https://example.com/a?b=1&amp;c=2""#),
            "an https link should keep its destination, got {html}"
        );
        assert!(
            html.contains(r#"rel="noopener noreferrer""#),
            "links should carry rel=noopener noreferrer, got {html}"
        );
        assert!(
            html.contains(r#"title="Title""#),
            "a link title is harmless text, got {html}"
        );
        assert!(
            !html.contains("target"),
            "links must not choose a target, got {html}"
        );
    }

    #[test]
    fn mailto_links_and_email_autolinks_are_kept() {
        let html = render("[mail](mailto:ana@example.com) and <bo@example.com>");
        assert!(
            html.contains(r#"href="mailto:ana@example.com""#),
            "a mailto link should stay a link, got {html}"
        );
        assert!(
            html.contains(r#"href="mailto:bo@example.com""#),
            "an email autolink should become a mailto link, got {html}"
        );
    }

    #[test]
    fn links_to_other_schemes_or_relative_urls_become_plain_text() {
        for markdown in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](jav&#x09;ascript:alert(1))",
            "[x](data:text/html,hi)",
            "[x](file:///etc/passwd)",
            "[x](/settings)",
            "[x](#top)",
            "<javascript:alert(1)>",
        ] {
            let html = render(markdown);
            assert!(
                !html.contains("<a"),
                "{markdown:?} should not become a link, got {html}"
            );
            assert!(
                html.contains('x') || html.contains("javascript:alert(1)"),
                "{markdown:?} should keep its text, got {html}"
            );
        }
    }

    #[test]
    fn images_become_their_alt_text_and_load_nothing() {
        let html = render("see ![the *org* chart](https://evil.example/a.png) here");
        assert_eq!(
            html.trim(),
            "<p>see [image: the org chart] here</p>",
            "an image should be replaced by its alt text"
        );
        assert_eq!(
            render("![](https://evil.example/a.png)").trim(),
            "<p>[image]</p>",
            "an image without alt text should still say something was there"
        );
    }

    #[test]
    fn image_alt_text_is_escaped() {
        let html = render("![<img src=x onerror=alert(1)>](x.png)");
        assert!(
            html.contains("[image: &lt;img src=x onerror=alert(1)&gt;]"),
            "markup in alt text should be shown escaped, got {html}"
        );
    }

    #[test]
    fn an_image_inside_a_link_leaves_the_link_with_alt_text() {
        let html = render("[![logo](https://evil.example/l.png)](https://example.com)");
        assert!(
            html.contains(
                r#"<a href="https://example.com" rel="noopener noreferrer">[image: logo]</a>"#
            ),
            "the link should remain around the alt text, got {html}"
        );
    }

    #[test]
    fn inline_html_is_shown_as_the_text_typed() {
        let html = render("say <b onclick=\"x()\">hi</b>");
        assert_eq!(
            html.trim(),
            "<p>say &lt;b onclick=\"x()\"&gt;hi&lt;/b&gt;</p>",
            "inline HTML should be visible text, not markup"
        );
    }

    #[test]
    fn html_blocks_are_shown_as_text_line_by_line() {
        let html = render("<div>\n<script>alert(1)</script>\n</div>\n\nafter");
        assert!(
            html.contains(
                "<p>&lt;div&gt;<br>\n&lt;script&gt;alert(1)&lt;/script&gt;<br>\n&lt;/div&gt;</p>"
            ),
            "an HTML block should become a paragraph of escaped lines, got {html}"
        );
        assert!(
            html.contains("<p>after</p>"),
            "text after the block should render, got {html}"
        );
    }

    #[test]
    fn html_comments_are_shown_rather_than_hidden() {
        let html = render("<!-- note to self -->");
        assert!(
            html.contains("&lt;!-- note to self --&gt;"),
            "a comment should be visible text, got {html}"
        );
    }

    #[test]
    fn the_sanitizer_alone_strips_what_the_first_stage_should_never_let_through() {
        // Straight to ammonia, bypassing the event rewriting: the policy must
        // hold even if pulldown-cmark ever passed raw HTML on.
        let hostile = concat!(
            r#"<img src=x onerror=alert(1)>"#,
            r#"<a href="jav&#x09;ascript:alert(1)" target=_blank class=c id=i style=x>l</a>"#,
            r#"<a href=/settings>r</a>"#,
            r#"<input type=image src=x formaction=y><input type=checkbox onclick=x>"#,
            r#"<svg><script>alert(1)</script></svg><iframe src=x></iframe>"#,
            r#"<form action=x><button formaction=y>b</button></form>"#,
            r#"<math><mi xlink:href=javascript:1>m</mi></math>"#,
            r#"<table><tr><td align=right style=x background=y>c</td></tr></table>"#,
        );
        // The forced input attributes are added in hash-map order, so the
        // comparison does not depend on it.
        let cleaned = SANITIZER.clean(hostile).to_string().replace(
            r#"<input disabled="" type="checkbox">"#,
            r#"<input type="checkbox" disabled="">"#,
        );
        assert_eq!(
            cleaned,
            concat!(
                r#"<a rel="noopener noreferrer">l</a>"#,
                r#"<a rel="noopener noreferrer">r</a>"#,
                r#"<input type="checkbox" disabled=""><input type="checkbox" disabled="">"#,
                r#"b"#,
                r#"<table><tbody><tr><td>c</td></tr></tbody></table>"#,
            ),
            "only the allowed tags may remain, without scripts, loads or page-reaching attributes"
        );
    }

    #[test]
    fn empty_markdown_renders_to_nothing() {
        assert_eq!(
            render(""),
            "",
            "an empty note should render to an empty string"
        );
    }

    #[test]
    fn summary_removes_markup_and_collapses_whitespace() {
        let summary = plain_summary(
            "# Outcome\n\nAgreed on **un**blocking the\n   `deploy`, see [plan](https://example.com).\n\n- [x] ship",
            200,
        );
        assert_eq!(
            summary, "Outcome Agreed on unblocking the deploy, see plan. [x] ship",
            "the summary should be the note's words on one line"
        );
    }

    #[test]
    fn summary_cuts_at_a_word_boundary_with_an_ellipsis() {
        let summary = plain_summary("the quick brown fox jumps", 12);
        assert_eq!(summary, "the quick…", "the cut should fall between words");
        assert!(
            summary.chars().count() <= 12,
            "the ellipsis counts towards the limit"
        );
    }

    #[test]
    fn summary_keeps_a_word_that_ends_exactly_at_the_limit() {
        assert_eq!(
            plain_summary("the quick brown", 10),
            "the quick…",
            "a word ending right at the budget should not be dropped"
        );
    }

    #[test]
    fn summary_counts_characters_not_bytes() {
        let summary = plain_summary("Ünïcödé déjà vu über straße", 13);
        assert_eq!(
            summary, "Ünïcödé déjà…",
            "multi-byte letters should count as one each"
        );
        let japanese = plain_summary("日本語のテキストはスペースがない", 6);
        assert_eq!(
            japanese, "日本語のテ…",
            "text without spaces is cut inside the word, never inside a character"
        );
    }

    #[test]
    fn summary_does_not_separate_a_letter_from_its_accent() {
        // "e" followed by a combining acute accent, then more letters.
        let summary = plain_summary("cafe\u{301}s", 5);
        assert_eq!(
            summary, "caf…",
            "the accent should not be left without its letter"
        );
    }

    #[test]
    fn summary_of_short_text_is_unchanged() {
        assert_eq!(
            plain_summary("Fine.", 80),
            "Fine.",
            "short text needs no ellipsis"
        );
        assert_eq!(
            plain_summary("Fine.", 5),
            "Fine.",
            "text exactly at the limit is not cut"
        );
    }

    #[test]
    fn summary_of_empty_input_is_empty() {
        assert_eq!(
            plain_summary("", 80),
            "",
            "an empty note has an empty summary"
        );
        assert_eq!(
            plain_summary("  \n\n ", 80),
            "",
            "whitespace only is empty too"
        );
        assert_eq!(
            plain_summary("anything", 0),
            "",
            "a zero limit leaves no room at all"
        );
    }

    #[test]
    fn summary_shows_images_and_html_as_render_does() {
        assert_eq!(
            plain_summary("![chart](https://evil.example/c.png) and <b>bold</b>", 80),
            "[image: chart] and <b>bold</b>",
            "the summary should show what the rendered note shows, as text"
        );
    }
}
