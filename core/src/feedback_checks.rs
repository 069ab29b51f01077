//! Draft checks for feedback: deterministic, offline hints that make feedback
//! specific and kind, and the sentence it will be said as. They never block
//! a save; the composer shows them while the manager types.
//!
//! The word lists live here, in one place. Matching is by whole word (or
//! whole phrase), ignoring case, so "neverland" is not "never".

use serde::Serialize;

/// Words that turn a moment into a sweeping claim.
pub const ABSOLUTE_WORDS: &[&str] = &[
    "always",
    "never",
    "every time",
    "each time",
    "constantly",
    "all the time",
    "forever",
    "nothing ever",
];

/// Words that label the person instead of describing what they did.
pub const LABEL_WORDS: &[&str] = &[
    "lazy",
    "careless",
    "sloppy",
    "rude",
    "arrogant",
    "abrasive",
    "attitude",
    "negative",
    "unprofessional",
    "not a team player",
    "difficult",
    "aggressive",
    "incompetent",
    "selfish",
    "disrespectful",
    "immature",
];

/// Words that blur the message.
pub const HEDGE_WORDS: &[&str] = &[
    "maybe",
    "kind of",
    "sort of",
    "just",
    "perhaps",
    "a bit",
    "a little bit",
    "i guess",
    "somewhat",
];

/// Openings that label the person ("you are …", "you're …").
pub const YOU_ARE_PHRASES: &[&str] = &["you are", "you're", "you’re", "youre"];

/// Words that anchor an observation in a moment or a place.
pub const SITUATION_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "this morning",
    "this afternoon",
    "this week",
    "last week",
    "last month",
    "earlier",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "meeting",
    "standup",
    "stand-up",
    "review",
    "demo",
    "retro",
    "retrospective",
    "planning",
    "call",
    "1-on-1",
    "one-on-one",
    "incident",
    "interview",
    "presentation",
    "workshop",
    "sprint",
    "launch",
    "release",
    "offsite",
    "slack",
    "email",
    "thread",
    "pr",
    "pull request",
    "when",
    "during",
    "after",
    "before",
    "while",
];

/// The text of a feedback, as the checks see it.
#[derive(Debug, Clone, Copy, Default)]
pub struct FeedbackText<'a> {
    pub redirecting: bool,
    pub context: &'a str,
    pub observation: &'a str,
    pub impact: &'a str,
    pub next_time: &'a str,
}

/// One hint about the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Stable id: `absolute`, `label`, `you_are`, `no_situation`,
    /// `empty_observation`, `empty_impact`, `empty_next_time`, `hedge`.
    pub id: &'static str,
    /// The input field it is about.
    pub field: &'static str,
    /// The flagged text, as typed (empty for a missing field).
    pub text: String,
    /// Where it is in the field, in UTF-16 code units (as JavaScript counts),
    /// end exclusive.
    pub start: usize,
    pub end: usize,
    /// Why it matters.
    pub why: &'static str,
    /// How to say it better.
    pub suggestion: &'static str,
}

/// Runs every check over the draft, in field order.
pub fn check(text: &FeedbackText<'_>) -> Vec<Check> {
    let fields = [
        ("context", text.context),
        ("observation", text.observation),
        ("impact", text.impact),
        ("next_time", text.next_time),
    ];
    let mut checks = Vec::new();
    for (field, value) in fields {
        let words = words(value);
        if field == "observation" {
            if value.trim().is_empty() {
                checks.push(missing(
                    "empty_observation",
                    field,
                    "Without an observation there is nothing to discuss.",
                    "Write what you saw or heard, as a camera would have recorded it.",
                ));
            } else if text.context.trim().is_empty() && find(&words, SITUATION_WORDS).is_empty() {
                checks.push(Check {
                    id: "no_situation",
                    field,
                    text: value.trim().to_owned(),
                    start: 0,
                    end: utf16_len(value),
                    why: "Feedback lands when it points at a moment; without one it sounds like a verdict on the person.",
                    suggestion: "Say where or when you saw it (“In Tuesday’s design review, …”), or fill in the context.",
                });
            }
        }
        if field == "impact" && value.trim().is_empty() {
            checks.push(missing(
                "empty_impact",
                field,
                "Without the impact, feedback is just an opinion about how things should be done.",
                "Name the effect on the team, the work, a customer, or you.",
            ));
        }
        if field == "next_time" && text.redirecting && value.trim().is_empty() {
            checks.push(missing(
                "empty_next_time",
                field,
                "Redirecting feedback without a next step leaves them knowing what was wrong but not what would be right.",
                "Suggest one concrete thing to try next time.",
            ));
        }
        for (start, end) in find(&words, ABSOLUTE_WORDS) {
            checks.push(span(
                value,
                "absolute",
                field,
                start,
                end,
                "Absolute words invite a debate about the exceptions instead of the behaviour.",
                "Name the times you saw it: “in the last two planning meetings”.",
            ));
        }
        if field != "next_time" {
            for (start, end) in find(&words, LABEL_WORDS) {
                checks.push(span(
                    value,
                    "label",
                    field,
                    start,
                    end,
                    "A label describes the person, not what they did; people defend who they are.",
                    "Describe the behaviour you saw or heard instead.",
                ));
            }
            for (start, end) in you_are(&words) {
                checks.push(span(
                    value,
                    "you_are",
                    field,
                    start,
                    end,
                    "“You are …” turns a moment into an identity.",
                    "Say what they did: “you interrupted Sam twice” rather than “you are rude”.",
                ));
            }
        }
        for (start, end) in find(&words, HEDGE_WORDS) {
            checks.push(span(
                value,
                "hedge",
                field,
                start,
                end,
                "Hedges blur the message; the kind thing is to be clear.",
                "Say it plainly, without softeners.",
            ));
        }
    }
    checks
}

fn missing(
    id: &'static str,
    field: &'static str,
    why: &'static str,
    suggestion: &'static str,
) -> Check {
    Check {
        id,
        field,
        text: String::new(),
        start: 0,
        end: 0,
        why,
        suggestion,
    }
}

fn span(
    value: &str,
    id: &'static str,
    field: &'static str,
    start: usize,
    end: usize,
    why: &'static str,
    suggestion: &'static str,
) -> Check {
    Check {
        id,
        field,
        text: value[start..end].to_owned(),
        start: utf16_len(&value[..start]),
        end: utf16_len(&value[..end]),
        why,
        suggestion,
    }
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// A word of the text: lowercased, with its byte range in the original.
struct Word {
    lower: String,
    start: usize,
    end: usize,
}

/// Splits text into words: runs of letters and digits, keeping apostrophes
/// and hyphens that sit between two of them ("you're", "1-on-1").
fn words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_word = |c: char| c.is_alphanumeric();
    let joiner = |c: char| matches!(c, '\'' | '’' | '-');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if is_word(c) || (joiner(c) && j + 1 < chars.len() && is_word(chars[j + 1].1)) {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |(at, _)| *at);
        out.push(Word {
            lower: text[start..end].to_lowercase(),
            start,
            end,
        });
        i = j;
    }
    out
}

/// Byte ranges where any of `phrases` occurs as whole words.
fn find(words: &[Word], phrases: &[&str]) -> Vec<(usize, usize)> {
    find_words(words, phrases)
        .into_iter()
        .map(|(first, last)| (words[first].start, words[last].end))
        .collect()
}

/// Word-index ranges (first, last inclusive) where any of `phrases` occurs,
/// preferring the longest phrase at each position ("a little bit" over
/// "a bit"), never overlapping.
fn find_words(words: &[Word], phrases: &[&str]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let longest = phrases
            .iter()
            .map(|phrase| phrase.split(' ').collect::<Vec<_>>())
            .filter(|parts| {
                parts.len() <= words.len() - i
                    && parts.iter().zip(&words[i..]).all(|(p, w)| *p == w.lower)
            })
            .map(|parts| parts.len())
            .max();
        match longest {
            Some(len) => {
                found.push((i, i + len - 1));
                i += len;
            }
            None => i += 1,
        }
    }
    found
}

/// "you are <word>" / "you're <word>": the opening and the label after it.
fn you_are(words: &[Word]) -> Vec<(usize, usize)> {
    find_words(words, YOU_ARE_PHRASES)
        .into_iter()
        .map(|(first, last)| {
            let end = words.get(last + 1).map_or(words[last].end, |w| w.end);
            (words[first].start, end)
        })
        .collect()
}

/// The feedback as it will be said: "In <context>, I noticed <observation>.
/// The impact was <impact>. Next time, consider <next time>." Missing parts
/// are left out rather than said empty.
pub fn preview(text: &FeedbackText<'_>) -> String {
    let part = |s: &str| {
        s.trim()
            .trim_end_matches(['.', '!', ';', ','])
            .trim()
            .to_owned()
    };
    let (context, observation, impact, next) = (
        part(text.context),
        part(text.observation),
        part(text.impact),
        part(text.next_time),
    );
    let mut sentences = Vec::new();
    match (context.is_empty(), observation.is_empty()) {
        (false, false) => sentences.push(format!("In {context}, I noticed {observation}.")),
        (true, false) => sentences.push(format!("I noticed {observation}.")),
        (false, true) => sentences.push(format!("In {context}, …")),
        (true, true) => {}
    }
    if !impact.is_empty() {
        sentences.push(format!("The impact was {impact}."));
    }
    if !next.is_empty() {
        sentences.push(format!("Next time, consider {next}."));
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(checks: &[Check]) -> Vec<(&str, &str, &str)> {
        checks
            .iter()
            .map(|c| (c.id, c.field, c.text.as_str()))
            .collect()
    }

    fn observation(text: &str) -> Vec<Check> {
        check(&FeedbackText {
            redirecting: false,
            context: "the planning meeting",
            observation: text,
            impact: "the team waited",
            next_time: "",
        })
    }

    #[test]
    fn absolute_words_are_flagged_as_whole_words_in_any_case() {
        assert_eq!(
            ids(&observation("You ALWAYS arrive late")),
            [("absolute", "observation", "ALWAYS")]
        );
        assert_eq!(
            ids(&observation("this happens every time we plan")),
            [("absolute", "observation", "every time")]
        );
        assert!(
            observation("a trip to neverland, alwaysish").is_empty(),
            "words inside words are fine"
        );
        assert!(observation("Nevertheless it shipped").is_empty());
        assert_eq!(
            ids(&observation("never.")),
            [("absolute", "observation", "never")],
            "punctuation ends a word"
        );
    }

    #[test]
    fn label_words_and_you_are_statements_are_flagged() {
        assert_eq!(
            ids(&observation("that was sloppy")),
            [("label", "observation", "sloppy")]
        );
        assert_eq!(
            ids(&observation("he is not a team player")),
            [("label", "observation", "not a team player")]
        );
        assert_eq!(
            ids(&observation("You are rude")),
            [
                ("label", "observation", "rude"),
                ("you_are", "observation", "You are rude")
            ]
        );
        assert_eq!(
            ids(&observation("you're late")),
            [("you_are", "observation", "you're late")]
        );
        assert_eq!(
            ids(&observation("you’re late")),
            [("you_are", "observation", "you’re late")],
            "curly apostrophe"
        );
        assert!(observation("rudeness is not a word we flag, nor carelessly").is_empty());
        assert!(
            observation("what are you building").is_empty(),
            "\"are you\" is not \"you are\""
        );
    }

    #[test]
    fn hedges_are_flagged_but_not_inside_other_words() {
        assert_eq!(
            ids(&observation("it was just a little bit late")),
            [
                ("hedge", "observation", "just"),
                ("hedge", "observation", "a little bit")
            ]
        );
        assert!(observation("justice was served, maybelline").is_empty());
    }

    #[test]
    fn an_observation_needs_a_situation_or_a_context() {
        let no_context = |obs: &str| {
            check(&FeedbackText {
                redirecting: false,
                context: "",
                observation: obs,
                impact: "x",
                next_time: "",
            })
        };
        assert_eq!(
            ids(&no_context("you interrupted Sam")),
            [("no_situation", "observation", "you interrupted Sam")]
        );
        assert!(no_context("in Tuesday's review you interrupted Sam").is_empty());
        assert!(no_context("yesterday you interrupted Sam").is_empty());
        assert!(no_context("when Sam presented, you interrupted").is_empty());
        assert!(
            observation("you interrupted Sam").is_empty(),
            "the context gives the situation"
        );
    }

    #[test]
    fn missing_parts_are_flagged_by_kind() {
        let empty = FeedbackText {
            redirecting: true,
            ..Default::default()
        };
        assert_eq!(
            ids(&check(&empty)),
            [
                ("empty_observation", "observation", ""),
                ("empty_impact", "impact", ""),
                ("empty_next_time", "next_time", "")
            ]
        );
        let reinforcing = FeedbackText {
            redirecting: false,
            ..Default::default()
        };
        assert!(
            !ids(&check(&reinforcing))
                .iter()
                .any(|c| c.0 == "empty_next_time"),
            "reinforcing feedback may omit next time"
        );
    }

    #[test]
    fn spans_count_utf16_units_for_the_ui() {
        let checks = observation("Ça arrive 😀 toujours... always");
        let c = checks.iter().find(|c| c.id == "absolute").unwrap();
        assert_eq!(c.text, "always");
        let before: Vec<u16> = "Ça arrive 😀 toujours... ".encode_utf16().collect();
        assert_eq!(
            c.start,
            before.len(),
            "the emoji counts as two units, as in JavaScript"
        );
        assert_eq!(c.end, c.start + 6);
    }

    #[test]
    fn non_ascii_words_match_whole_and_lowercase() {
        let lists_are_lowercase = ABSOLUTE_WORDS
            .iter()
            .chain(LABEL_WORDS)
            .chain(HEDGE_WORDS)
            .all(|w| *w == w.to_lowercase());
        assert!(
            lists_are_lowercase,
            "the lists are matched against lowercased words"
        );
        assert!(observation("Élodie never misses")
            .iter()
            .any(|c| c.text == "never"));
        assert!(observation("neverÉlodie").is_empty());
    }

    #[test]
    fn the_preview_reads_as_one_message_with_missing_parts_left_out() {
        let full = FeedbackText {
            redirecting: true,
            context: "Tuesday's design review",
            observation: "you interrupted Sam twice.",
            impact: "Sam stopped sharing ideas",
            next_time: "let Sam finish, then add your point",
        };
        assert_eq!(
            preview(&full),
            "In Tuesday's design review, I noticed you interrupted Sam twice. The impact was Sam stopped sharing ideas. Next time, consider let Sam finish, then add your point."
        );
        let no_context = FeedbackText {
            context: "  ",
            next_time: "",
            ..full
        };
        assert_eq!(
            preview(&no_context),
            "I noticed you interrupted Sam twice. The impact was Sam stopped sharing ideas."
        );
        assert_eq!(preview(&FeedbackText::default()), "");
        let only_impact = FeedbackText {
            impact: "the demo slipped!",
            ..Default::default()
        };
        assert_eq!(preview(&only_impact), "The impact was the demo slipped.");
    }
}
