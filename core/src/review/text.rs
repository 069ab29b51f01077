//! Small text helpers shared by the Markdown and HTML renderers.

use crate::store::people::Person;

/// A plain field on one line: whitespace (line breaks included) collapses to
/// single spaces and control characters go, so a field cannot break the
/// line or heading it is written into.
pub(crate) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Senior engineer · Payments · 1-on-1s every 14 days".
pub(crate) fn about(person: &Person) -> String {
    [&person.role, &person.team]
        .into_iter()
        .map(|s| one_line(s))
        .filter(|s| !s.is_empty())
        .chain([format!(
            "1-on-1s every {}",
            plural(person.cadence_days, "day", "days")
        )])
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A Markdown field as a block quote under its entry: the user's Markdown is
/// kept as typed, and its headings or lists cannot escape into the sheet's
/// own structure. Ends with a newline.
pub(crate) fn quote(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    for line in markdown.trim_end().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls other than line breaks and tabs have no business in a
            // page, and some are not allowed in HTML at all.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// "today", "yesterday", "12 days ago".
pub(crate) fn days_ago(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}

/// An average mood with one decimal, or a dash.
pub(crate) fn average(mood: Option<f64>) -> String {
    mood.map_or_else(|| "no moods recorded".into(), |m| format!("{m:.1} / 5"))
}

/// "1 thing", "2 things".
pub(crate) fn plural(count: impl Into<i64>, one: &str, many: &str) -> String {
    let count = count.into();
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_collapses_breaks_and_drops_controls() {
        assert_eq!(one_line("  a\n\n b\tc\u{1b}[31m "), "a b c [31m");
    }

    #[test]
    fn quote_prefixes_every_line_and_keeps_blank_lines_inside_the_quote() {
        assert_eq!(quote("# Title\n\n- item\n"), "> # Title\n>\n> - item\n");
        assert_eq!(quote(""), "");
    }

    #[test]
    fn escape_covers_markup_quotes_and_controls() {
        assert_eq!(
            escape("<a href='x'>\"&\u{0}</a>"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&lt;/a&gt;"
        );
    }
}
