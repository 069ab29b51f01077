//! The review packet as one self-contained, printable HTML page.
//!
//! Safe to open in any browser and to keep: inline CSS only, no script, no
//! external resource of any kind, and a Content-Security-Policy that forbids
//! loading anything even if a mistake let a reference through. Record text
//! reaches the page in exactly two ways: [`escape`] for plain fields, and
//! [`markdown::render`] (sanitized) for Markdown fields.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::packet::{
    conflict_outcome, count_lines, goal_status_label, kind_label, tag_list, ReviewPacket,
    RECENCY_NOTE,
};
use super::text::{about, escape};
use crate::history::MoodPoint;
use crate::markdown;
use crate::store::feedback::Kind;
use crate::store::goals::Status as GoalStatus;

/// Nothing may load, connect or run; only the page's own `<style>` applies.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1f2328; --muted: #5c6370; --rule: #d8dbe0; --accent: #2f5d8a; --good: #2e7d4f; --warn: #a4522c; }
* { box-sizing: border-box; }
body { font: 11pt/1.55 Georgia, "Iowan Old Style", "Palatino Linotype", serif; color: var(--ink); background: #fff; max-width: 48rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4, th, dt, .muted, .chart-note { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--rule); padding-bottom: .2rem; margin: 2.5rem 0 .8rem; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
h4 { font-size: 1rem; margin: 0 0 .3rem; }
p { margin: .4rem 0; }
.muted { color: var(--muted); font-size: .92em; }
.note { border-left: 3px solid var(--accent); background: #f3f6fa; padding: .4rem .8rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .6rem; border-bottom: 1px solid var(--rule); }
.counts th { width: 38%; font-weight: 600; }
.entry { border-left: 3px solid var(--rule); padding: .15rem 0 .15rem .9rem; margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.entry.reinforcing { border-left-color: var(--good); }
.entry.redirecting { border-left-color: var(--warn); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .9rem; margin: .3rem 0; }
dt { font-weight: 600; font-size: .92em; }
dd { margin: 0; }
.plain { white-space: pre-line; overflow-wrap: anywhere; }
.md { overflow-wrap: anywhere; }
.md > :first-child { margin-top: 0; }
.md h1, .md h2, .md h3, .md h4, .md h5, .md h6 { font-size: 1em; margin: .6rem 0 .2rem; border: 0; }
.md blockquote { border-left: 3px solid var(--rule); margin: .4rem 0; padding-left: .8rem; color: var(--muted); }
.md pre { white-space: pre-wrap; background: #f5f6f8; padding: .5rem .7rem; }
.md table { width: auto; }
.label { font-weight: 600; }
.chart { display: block; width: 100%; height: auto; margin: .5rem 0; }
@page { margin: 18mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  section { break-before: page; page-break-before: always; }
  section.first { break-before: auto; page-break-before: auto; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .note { background: none; }
  a { color: inherit; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; color: var(--muted); }
}
"#;

/// The packet as one HTML page that loads nothing and runs nothing.
pub fn review_html(packet: &ReviewPacket) -> String {
    let mut h = String::with_capacity(32 * 1024);
    let name = escape(&packet.person.name);
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Review packet: {name}, {} to {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        packet.from, packet.to
    );
    let _ = writeln!(
        h,
        "<header>\n<h1>Review packet: {name}</h1>\n<p class=\"muted\">{}</p>\n\
         <p class=\"muted\">Period: {} to {} · prepared on {}</p>\n<p class=\"note\">{}</p>\n</header>",
        escape(&about(&packet.person)),
        packet.from,
        packet.to,
        packet.today,
        escape(RECENCY_NOTE)
    );

    glance(&mut h, packet);
    feedback(&mut h, packet);
    goals(&mut h, packet);
    one_on_ones(&mut h, packet);
    mood(&mut h, packet);
    conflicts(&mut h, packet);
    questions(&mut h, packet);

    h.push_str("</body>\n</html>\n");
    h
}

/// A Markdown field, rendered and sanitized, in its own block.
fn md_block(h: &mut String, markdown_text: &str) {
    let _ = writeln!(
        h,
        "<div class=\"md\">{}</div>",
        markdown::render(markdown_text)
    );
}

/// A plain field: escaped, line breaks kept by CSS.
fn plain_row(h: &mut String, label: &str, value: &str) {
    if value.trim().is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<dt>{}</dt><dd class=\"plain\">{}</dd>",
        escape(label),
        escape(value.trim())
    );
}

fn empty(h: &mut String, text: &str) {
    let _ = writeln!(h, "<p class=\"muted\">{}</p>", escape(text));
}

fn glance(h: &mut String, packet: &ReviewPacket) {
    h.push_str(
        "<section class=\"first\" id=\"glance\">\n<h2>At a glance</h2>\n<table class=\"counts\">\n",
    );
    for (label, value) in count_lines(packet) {
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(label),
            escape(&value)
        );
    }
    h.push_str("</table>\n");
    if !packet.feedback_tags.is_empty() {
        let _ = writeln!(
            h,
            "<p><span class=\"label\">Feedback themes:</span> {}</p>",
            escape(&tag_list(&packet.feedback_tags))
        );
    }
    if !packet.question_categories.is_empty() {
        let _ = writeln!(
            h,
            "<p><span class=\"label\">Coaching themes:</span> {}</p>",
            escape(&tag_list(&packet.question_categories))
        );
    }
    h.push_str("</section>\n");
}

fn feedback(h: &mut String, packet: &ReviewPacket) {
    h.push_str("<section id=\"feedback\">\n<h2>Feedback given</h2>\n");
    if packet.feedback.is_empty() {
        empty(h, "No feedback delivered in this period.");
        h.push_str("</section>\n");
        return;
    }
    for kind in [Kind::Reinforcing, Kind::Redirecting] {
        let of_kind: Vec<_> = packet
            .feedback
            .iter()
            .map(|f| &f.feedback)
            .filter(|f| f.kind == kind)
            .collect();
        let _ = writeln!(h, "<h3>{} ({})</h3>", kind_label(kind), of_kind.len());
        if of_kind.is_empty() {
            empty(h, "None in this period.");
        }
        let class = kind.as_str();
        for f in of_kind {
            let delivered = f.delivered_on.map_or_else(String::new, |d| d.to_string());
            let _ = writeln!(
                h,
                "<article class=\"entry {class}\">\n<h4>Delivered {delivered} \
                 <span class=\"muted\">(observed {})</span></h4>\n<dl>",
                f.observed_on
            );
            plain_row(h, "Context", &f.context);
            plain_row(h, "Observation", &f.observation);
            plain_row(h, "Impact", &f.impact);
            plain_row(h, "Next time", &f.next_time);
            plain_row(h, "Tags", &f.tags.join(", "));
            h.push_str("</dl>\n");
            if !f.response.trim().is_empty() {
                h.push_str("<p class=\"label\">Their response</p>\n");
                md_block(h, &f.response);
            }
            h.push_str("</article>\n");
        }
    }
    h.push_str("</section>\n");
}

fn goals(h: &mut String, packet: &ReviewPacket) {
    h.push_str("<section id=\"goals\">\n<h2>Goals and check-ins</h2>\n");
    if packet.goals.is_empty() {
        empty(h, "No goals in this period.");
    }
    for g in &packet.goals {
        let status = match (g.status_at_end, g.goal.closed_on) {
            (GoalStatus::Active, _) => "active at the end of the period".to_owned(),
            (status, Some(day)) => format!("{} {day}", goal_status_label(status)),
            (status, None) => goal_status_label(status).to_owned(),
        };
        let _ = writeln!(
            h,
            "<h3>{} <span class=\"muted\">({status})</span></h3>\n<dl>",
            escape(&g.goal.title)
        );
        plain_row(h, "Why", &g.goal.why);
        plain_row(h, "Measured by", &g.goal.measure);
        plain_row(h, "Set on", &g.goal.created_on.to_string());
        let target = g
            .goal
            .target_on
            .map_or_else(|| "none".to_owned(), |t| t.to_string());
        plain_row(h, "Target", &target);
        if let Some(progress) = g.progress_at_end {
            plain_row(h, "Progress at the end", &format!("{progress}%"));
        }
        h.push_str("</dl>\n");
        if g.checkins.is_empty() {
            empty(h, "No check-ins in this period.");
        }
        for c in &g.checkins {
            let progress = c.progress.map_or_else(String::new, |p| format!(" · {p}%"));
            let _ = writeln!(
                h,
                "<article class=\"entry\">\n<h4>Check-in {}{progress}</h4>",
                c.noted_on
            );
            md_block(h, &c.note);
            h.push_str("</article>\n");
        }
    }
    h.push_str("</section>\n");
}

fn one_on_ones(h: &mut String, packet: &ReviewPacket) {
    h.push_str("<section id=\"one-on-ones\">\n<h2>1-on-1 outcomes</h2>\n");
    if packet.one_on_ones.is_empty() {
        empty(h, "No 1-on-1s held in this period.");
    }
    for o in &packet.one_on_ones {
        let mood = o.mood.map_or_else(String::new, |m| {
            format!(" <span class=\"muted\">· mood {m}/5</span>")
        });
        let _ = writeln!(h, "<article class=\"entry\">\n<h4>{}{mood}</h4>", o.held_on);
        if o.outcomes.trim().is_empty() {
            empty(h, "No outcomes recorded.");
        } else {
            md_block(h, &o.outcomes);
        }
        h.push_str("</article>\n");
    }
    h.push_str("</section>\n");
}

fn mood(h: &mut String, packet: &ReviewPacket) {
    h.push_str("<section id=\"mood\">\n<h2>Mood over the period</h2>\n");
    if packet.moods.is_empty() {
        empty(h, "No moods recorded in this period.");
    } else {
        h.push_str(&mood_chart(&packet.moods, packet.from, packet.to));
        let list: Vec<String> = packet
            .moods
            .iter()
            .map(|p| format!("{}: {}", p.date, p.mood))
            .collect();
        let _ = writeln!(
            h,
            "<p class=\"muted\">Mood at each 1-on-1, from 1 (low) to 5 (great): {}</p>",
            list.join(" · ")
        );
    }
    h.push_str("</section>\n");
}

fn conflicts(h: &mut String, packet: &ReviewPacket) {
    h.push_str("<section id=\"conflicts\">\n<h2>Conflicts and how they ended</h2>\n");
    if packet.conflicts.is_empty() {
        empty(h, "No conflicts in this period.");
    }
    for c in &packet.conflicts {
        let _ = writeln!(h, "<h3>{}</h3>\n<dl>", escape(&c.conflict.title));
        let parties: Vec<&str> = c.parties.iter().map(|p| p.name.as_str()).collect();
        plain_row(h, "With", &parties.join(", "));
        plain_row(h, "Surfaced", &c.conflict.surfaced_on.to_string());
        plain_row(h, "Outcome", &conflict_outcome(c));
        plain_row(
            h,
            "Next step",
            if c.resolved_in_period {
                ""
            } else {
                &c.conflict.next_step
            },
        );
        h.push_str("</dl>\n");
        if !c.conflict.description.trim().is_empty() {
            md_block(h, &c.conflict.description);
        }
        for u in &c.updates {
            let _ = writeln!(h, "<article class=\"entry\">\n<h4>Update {}</h4>", u.on);
            md_block(h, &u.note);
            h.push_str("</article>\n");
        }
        if c.resolved_in_period && !c.conflict.resolution.trim().is_empty() {
            h.push_str("<article class=\"entry reinforcing\">\n<h4>Resolution</h4>\n");
            md_block(h, &c.conflict.resolution);
            h.push_str("</article>\n");
        }
    }
    h.push_str("</section>\n");
}

fn questions(h: &mut String, packet: &ReviewPacket) {
    h.push_str("<section id=\"questions\">\n<h2>Coaching questions and answers</h2>\n");
    if packet.questions.is_empty() {
        empty(h, "No coaching questions asked in this period.");
    }
    for q in &packet.questions {
        let category = q.category.as_deref().map_or_else(String::new, |c| {
            format!(" <span class=\"muted\">({})</span>", escape(c))
        });
        let _ = writeln!(
            h,
            "<article class=\"entry\">\n<h4>{}: {}{category}</h4>",
            q.asked.asked_on,
            escape(&q.asked.question_text)
        );
        if q.asked.answer.trim().is_empty() {
            empty(h, "No answer recorded.");
        } else {
            md_block(h, &q.asked.answer);
        }
        if !q.asked.follow_up.trim().is_empty() {
            let _ = writeln!(
                h,
                "<p><span class=\"label\">Follow-up:</span> <span class=\"plain\">{}</span></p>",
                escape(q.asked.follow_up.trim())
            );
        }
        h.push_str("</article>\n");
    }
    h.push_str("</section>\n");
}

// The chart's drawing area inside its 720 × 240 view box.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 704.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 200.0;
const ACCENT: &str = "#2f5d8a";

/// Mood (1-5) over `from..=to` as inline SVG: grid, axes, labels, a line
/// through the points and a dot on each. Only `svg`, `line`, `polyline`,
/// `circle` and `text` elements, and only numbers and dates we format.
pub(crate) fn mood_chart(points: &[MoodPoint], from: NaiveDate, to: NaiveDate) -> String {
    let span = (to - from).num_days().max(0) as f64;
    let x = |date: NaiveDate| {
        if span == 0.0 {
            (LEFT + RIGHT) / 2.0
        } else {
            LEFT + (date - from).num_days() as f64 / span * (RIGHT - LEFT)
        }
    };
    let y = |mood: i64| BOTTOM - (mood.clamp(1, 5) - 1) as f64 / 4.0 * (BOTTOM - TOP);
    let mut svg = String::with_capacity(4096);
    let _ = writeln!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         role=\"img\" aria-label=\"Mood at each 1-on-1 from {from} to {to}, from 1 (low) to 5 (great)\">"
    );
    for mood in 1..=5 {
        let at = y(mood);
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{at:.1}\" x2=\"{RIGHT}\" y2=\"{at:.1}\" stroke=\"#e4e6ea\" stroke-width=\"1\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\" fill=\"#5c6370\">{mood}</text>",
            LEFT - 8.0,
            at + 4.0
        );
    }
    let _ = writeln!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{BOTTOM}\" stroke=\"#8a8f98\" stroke-width=\"1\"/>\n\
         <line x1=\"{LEFT}\" y1=\"{BOTTOM}\" x2=\"{RIGHT}\" y2=\"{BOTTOM}\" stroke=\"#8a8f98\" stroke-width=\"1\"/>"
    );
    for (date, label) in ticks(from, to) {
        let at = x(date);
        let _ = writeln!(
            svg,
            "<line x1=\"{at:.1}\" y1=\"{BOTTOM}\" x2=\"{at:.1}\" y2=\"{:.1}\" stroke=\"#8a8f98\" stroke-width=\"1\"/>\n\
             <text x=\"{at:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5c6370\">{label}</text>",
            BOTTOM + 5.0,
            BOTTOM + 20.0
        );
    }
    let coordinates: Vec<String> = points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.date), y(p.mood)))
        .collect();
    if points.len() > 1 {
        let _ = writeln!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{ACCENT}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>",
            coordinates.join(" ")
        );
    }
    for p in points {
        let _ = writeln!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{ACCENT}\"/>",
            x(p.date),
            y(p.mood)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// Dates to label on the time axis: month starts for up to two years
/// (every month up to a year, else every quarter), then years, at most
/// about a dozen labels. The start is labelled when no tick falls on it.
fn ticks(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let mut ticks = Vec::new();
    if months <= 24 {
        let step = if months <= 12 { 1 } else { 3 };
        let mut day = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
        if day < from {
            day = next_month(day);
        }
        let mut index = 0;
        while day <= to {
            if index % step == 0 {
                let label = if day.month() == 1 || ticks.is_empty() {
                    day.format("%b %Y").to_string()
                } else {
                    day.format("%b").to_string()
                };
                ticks.push((day, label));
            }
            index += 1;
            day = next_month(day);
        }
    } else {
        let years = to.year() - from.year();
        let step = (years / 12 + 1).max(1);
        let mut year = from.year() + 1;
        while let Some(day) = NaiveDate::from_ymd_opt(year, 1, 1).filter(|d| *d <= to) {
            ticks.push((day, year.to_string()));
            year += step;
        }
    }
    if ticks.is_empty() {
        ticks.push((from, from.to_string()));
    }
    ticks
}

fn next_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_year_is_labelled_by_month() {
        let labels: Vec<String> = ticks(d("2025-01-01"), d("2025-12-31"))
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(labels.len(), 12);
        assert_eq!(labels[0], "Jan 2025");
        assert_eq!(labels[1], "Feb");
    }

    #[test]
    fn long_periods_are_labelled_by_year_and_short_ones_still_get_a_label() {
        let labels: Vec<String> = ticks(d("2015-06-01"), d("2025-06-01"))
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(labels.first().map(String::as_str), Some("2016"));
        assert_eq!(labels.last().map(String::as_str), Some("2025"));
        assert_eq!(
            ticks(d("2025-03-03"), d("2025-03-09")),
            [(d("2025-03-03"), "2025-03-03".into())]
        );
    }

    #[test]
    fn the_chart_places_moods_between_the_axes() {
        let points = [
            MoodPoint {
                date: d("2025-01-01"),
                mood: 1,
            },
            MoodPoint {
                date: d("2025-12-31"),
                mood: 5,
            },
        ];
        let svg = mood_chart(&points, d("2025-01-01"), d("2025-12-31"));
        assert!(
            svg.contains("<polyline points=\"40.0,200.0 704.0,16.0\""),
            "{svg}"
        );
        assert_eq!(svg.matches("<circle").count(), 2);
        let one = mood_chart(&points[..1], d("2025-01-01"), d("2025-01-01"));
        assert!(!one.contains("<polyline"), "one point is a dot, not a line");
        assert!(one.contains("<circle cx=\"372.0\" cy=\"200.0\""), "{one}");
    }
}
