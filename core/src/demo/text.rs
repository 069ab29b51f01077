//! The demo journal's words: phrase banks and the templates that fill them.
//!
//! Banks are ordered from common to rare and picked with [`Rng::zipf`], so
//! a few words turn up everywhere and most turn up seldom, as in real notes;
//! invented terms and ticket numbers add the long tail of words seen once.
//!
//! Reserved words: [`super::RARE_WORD`] appears only in [`RARE`],
//! [`super::COMMON_WORD`] only in the banks whose name starts with
//! `ROADMAP_`, so the generator controls exactly where they land (a test
//! checks every other bank).

use super::rng::Rng;

/// Who the text is about and who else is around, for the placeholders.
pub(super) struct Ctx<'a> {
    /// The person's first name (`{name}`).
    pub name: &'a str,
    /// First names of teammates at the time (`{mate}`); may be empty.
    pub mates: &'a [&'a str],
    /// The parties of a conflict, as one phrase (`{parties}`).
    pub parties: &'a str,
}

/// Appends `template` to `out`, each `{slot}` filled from its bank.
pub(super) fn expand(out: &mut String, template: &str, rng: &mut Rng, ctx: &Ctx<'_>) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return;
        };
        fill(out, &after[..close], rng, ctx);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
}

/// `template` expanded into a new string.
pub(super) fn phrase(template: &str, rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    expand(&mut out, template, rng, ctx);
    out
}

/// A template picked from `bank` (Zipf), expanded, starting with a capital:
/// a sentence, a title, a list item.
pub(super) fn from(bank: &[&str], rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let mut out = fragment(bank, rng, ctx);
    capitalise(&mut out, 0);
    out
}

/// A template picked from `bank` (Zipf), expanded as it is: a part of a
/// sentence ("you walked everyone through ...").
pub(super) fn fragment(bank: &[&str], rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let template = rng.zipf(bank);
    phrase(template, rng, ctx)
}

/// Appends a template from `bank` that `used` does not hold yet (a note does
/// not say the same thing twice), as a sentence.
pub(super) fn push_fresh(
    out: &mut String,
    bank: &[&'static str],
    used: &mut Vec<&'static str>,
    rng: &mut Rng,
    ctx: &Ctx<'_>,
) {
    let mut template = rng.zipf(bank);
    for _ in 0..4 {
        if !used.contains(&template) {
            break;
        }
        template = rng.zipf(bank);
    }
    used.push(template);
    let at = out.len();
    expand(out, template, rng, ctx);
    capitalise(out, at);
}

/// Upper-cases the first letter from byte `at` on.
fn capitalise(text: &mut String, at: usize) {
    if let Some(first) = text[at..].chars().next() {
        if first.is_lowercase() {
            let upper: String = first.to_uppercase().collect();
            text.replace_range(at..at + first.len_utf8(), &upper);
        }
    }
}

/// Appends a template picked from `bank` (Zipf), expanded, as a sentence.
pub(super) fn push_from(out: &mut String, bank: &[&str], rng: &mut Rng, ctx: &Ctx<'_>) {
    let template = rng.zipf(bank);
    let at = out.len();
    expand(out, template, rng, ctx);
    capitalise(out, at);
}

fn fill(out: &mut String, slot: &str, rng: &mut Rng, ctx: &Ctx<'_>) {
    match slot {
        "name" => out.push_str(ctx.name),
        "mate" => out.push_str(if ctx.mates.is_empty() {
            "a teammate"
        } else {
            rng.pick(ctx.mates)
        }),
        "parties" => out.push_str(ctx.parties),
        "project" => out.push_str(rng.zipf(PROJECTS)),
        "service" => out.push_str(rng.zipf(SERVICES)),
        "tool" => out.push_str(rng.zipf(TOOLS)),
        "topic" => out.push_str(rng.zipf(TOPICS)),
        "event" => out.push_str(rng.zipf(EVENTS)),
        "customer" => out.push_str(rng.zipf(CUSTOMERS)),
        "metric" => out.push_str(rng.zipf(METRICS)),
        "team" => out.push_str(rng.zipf(TEAMS)),
        "dept" => out.push_str(rng.zipf(DEPARTMENTS)),
        "weekday" => out.push_str(rng.pick(WEEKDAYS)),
        "month" => out.push_str(rng.pick(MONTHS)),
        "city" => out.push_str(rng.zipf(CITIES)),
        "num" => out.push_str(&rng.range(2, 40).to_string()),
        "pct" => out.push_str(&(rng.range(2, 19) * 5).to_string()),
        "term" => push_term(out, rng),
        "ticket" => {
            out.push_str(rng.zipf(TICKET_PREFIXES));
            out.push('-');
            out.push_str(&rng.range(100, 9999).to_string());
        }
        other => {
            // A slot the banks do not know: keep it visible rather than lose
            // words (a unit test expands every template).
            out.push('{');
            out.push_str(other);
            out.push('}');
        }
    }
}

/// An invented word (a flag, a module, a spike): most are seen once or
/// twice in a whole journal, as the rare words of real notes are.
fn push_term(out: &mut String, rng: &mut Rng) {
    loop {
        let mut term = String::with_capacity(12);
        for _ in 0..rng.range(2, 3) {
            term.push_str(rng.pick(SYLLABLES));
        }
        if !super::is_reserved(&term) {
            out.push_str(&term);
            return;
        }
    }
}

const SYLLABLES: &[&str] = &[
    "kor", "va", "lin", "tes", "mo", "ra", "pel", "qui", "dor", "sen", "tra", "vek", "lum", "gri",
    "hal", "nox", "per", "sil", "vor", "dax", "mer", "tol", "ful", "kin", "ser", "wyn", "bel",
    "cor", "ost", "rin", "ju", "phe", "sta", "ble", "gan", "tu",
];

pub(super) const PROJECTS: &[&str] = &[
    "Atlas",
    "Beacon",
    "Cobalt",
    "Harbor",
    "Lantern",
    "Meridian",
    "Nimbus",
    "Keystone",
    "Falcon",
    "Granite",
    "Juniper",
    "Sequoia",
    "Driftwood",
    "Ember",
    "Orchid",
    "Pioneer",
    "Quartz",
    "Tundra",
    "Vantage",
    "Willow",
    "Bluebird",
    "Glacier",
    "Halcyon",
    "Kestrel",
    "Larkspur",
    "Monsoon",
    "Nightjar",
    "Obsidian",
    "Foxglove",
    "Ironwood",
];

pub(super) const SERVICES: &[&str] = &[
    "billing",
    "checkout",
    "auth",
    "notifications",
    "search indexer",
    "ledger",
    "feature flags",
    "sync",
    "reporting",
    "payments gateway",
    "image pipeline",
    "scheduler",
    "recommendations",
    "rate limiter",
    "session store",
    "audit log",
    "webhooks",
    "export",
    "invoicing",
    "geocoder",
    "email relay",
    "config service",
];

pub(super) const TOOLS: &[&str] = &[
    "Kubernetes",
    "Postgres",
    "Terraform",
    "Kafka",
    "Redis",
    "TypeScript",
    "Rust",
    "Go",
    "Grafana",
    "GraphQL",
    "Sentry",
    "Kotlin",
    "Swift",
    "React Native",
    "Datadog",
    "Elasticsearch",
    "Bazel",
    "Airflow",
    "Snowflake",
    "dbt",
    "Figma",
    "gRPC",
    "OpenTelemetry",
    "Playwright",
    "SQLite",
    "Nix",
];

pub(super) const TOPICS: &[&str] = &[
    "code review turnaround",
    "on-call load",
    "tech debt",
    "career growth",
    "the promotion timeline",
    "flaky tests",
    "hiring",
    "estimation",
    "meeting load",
    "documentation",
    "incident follow-ups",
    "pairing",
    "mentoring",
    "work-life balance",
    "design reviews",
    "observability",
    "release cadence",
    "sprint planning",
    "scope changes",
    "interview calibration",
    "API versioning",
    "accessibility",
    "security reviews",
    "stakeholder updates",
    "retro actions",
    "onboarding",
    "ownership boundaries",
    "test coverage",
    "cost of the cloud bill",
    "public speaking",
    "writing skills",
    "remote collaboration",
];

pub(super) const EVENTS: &[&str] = &[
    "design review",
    "sprint planning",
    "retro",
    "incident review",
    "all-hands",
    "demo day",
    "architecture forum",
    "quarterly planning",
    "hiring debrief",
    "customer call",
    "postmortem",
    "planning offsite",
    "guild meeting",
    "hackathon",
    "tech talk",
    "town hall",
];

pub(super) const CUSTOMERS: &[&str] = &[
    "Northwind",
    "Contoso",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Logistics",
    "Acme Freight",
    "Hooli",
    "Vandelay Imports",
    "Tyrell Labs",
    "Soylent Foods",
    "Massive Dynamic",
    "Wonka Retail",
    "Oceanic Air",
    "Cyberdyne",
    "Gringotts Bank",
];

pub(super) const METRICS: &[&str] = &[
    "p95 latency",
    "error rates",
    "build times",
    "crash-free sessions",
    "cycle time",
    "conversion",
    "time to restore",
    "test coverage",
    "page weight",
    "cost per request",
    "queue depth",
    "cold start time",
];

pub(super) const TEAMS: &[&str] = &[
    "Payments",
    "Platform",
    "Mobile",
    "Growth",
    "Search",
    "Infrastructure",
    "Data",
    "Identity",
    "Checkout",
    "Developer Experience",
];

pub(super) const DEPARTMENTS: &[&str] = &[
    "Product",
    "Sales",
    "Support",
    "Finance",
    "Design",
    "Marketing",
    "Legal",
    "Security",
];

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const CITIES: &[&str] = &[
    "Lisbon",
    "Berlin",
    "Toronto",
    "Dublin",
    "Nairobi",
    "Pune",
    "Austin",
    "Kraków",
    "Montréal",
    "São Paulo",
    "Tallinn",
    "Osaka",
];

const TICKET_PREFIXES: &[&str] = &[
    "INC", "PAY", "PLAT", "MOB", "OPS", "GRO", "SRCH", "DATA", "IDN", "DX",
];

// People.

pub(super) const FIRST_NAMES: &[&str] = &[
    "Ana", "Tom", "Priya", "Kofi", "Mei", "Lucas", "Sofia", "Omar", "Hannah", "Diego", "Aiko",
    "Noah", "Fatima", "Liam", "Chloé", "Mateo", "Zara", "Ivan", "Amara", "Jonas", "Leila", "Ravi",
    "Elena", "Kwame", "Yuki", "Sam", "Nadia", "Felix", "Ingrid", "Tariq", "Beatriz", "Chen", "Ola",
    "Maya", "Emil", "Grace", "Hugo", "Imani", "Jakub", "Kira", "Luis", "Marta", "Nikhil", "Olga",
    "Pablo", "Rosa", "Sven", "Thandi", "Uma", "Viktor", "Wen", "Ximena", "Yara", "Zoltan", "Aisha",
    "Bruno", "Carmen", "Dev", "Esther", "Farid", "Gabriel", "Hye-jin", "Isla", "Javier", "Karin",
    "Lars", "Malik", "Nora", "Oskar", "Paula", "Quentin", "Rania", "Stefan", "Tala", "Ugo", "Vera",
    "Wojtek", "Yusuf", "Zainab", "Adeola", "Björn", "Camille", "Dmitri", "Eun-ji", "Femi", "Greta",
    "Hamid", "Ines", "Jun", "Kai", "Lucía", "Mohammed", "Nia", "Otto", "Pia", "Rafael", "Saanvi",
    "Teodor",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Lima",
    "Berg",
    "Sharma",
    "Mensah",
    "Wang",
    "Müller",
    "Rossi",
    "Haddad",
    "Schmidt",
    "García",
    "Tanaka",
    "Murphy",
    "Khan",
    "O'Brien",
    "Dubois",
    "Fernández",
    "Ahmed",
    "Petrov",
    "Okafor",
    "Nielsen",
    "Farah",
    "Iyer",
    "Popescu",
    "Boateng",
    "Sato",
    "Cohen",
    "Novak",
    "Larsen",
    "Hosseini",
    "Costa",
    "Li",
    "Adeyemi",
    "Patel",
    "Lindqvist",
    "Kowalski",
    "Moreau",
    "Silva",
    "Yilmaz",
    "Jensen",
    "Nakamura",
    "Ortiz",
    "Papadopoulos",
    "Quispe",
    "Reyes",
    "Svensson",
    "Tembo",
    "Urquhart",
    "Varga",
    "Weber",
    "Xu",
    "Yamamoto",
    "Zhou",
    "Abebe",
    "Bianchi",
    "Castillo",
    "Demir",
    "Eriksen",
    "Fischer",
    "Gomes",
    "Horvath",
    "Ibrahim",
    "Johansson",
    "Kim",
    "Lopez",
    "Mbeki",
    "Nowak",
    "Olsen",
    "Park",
    "Rahman",
    "Santos",
    "Torres",
    "Ueda",
    "Vogel",
    "Walsh",
    "Yadav",
    "Zimmermann",
    "Achebe",
    "Brennan",
    "Chowdhury",
    "Dimitrov",
];

/// Roles by seniority: juniors and mids meet weekly, seniors less often.
pub(super) const ROLES: &[&str] = &[
    "Software Engineer",
    "Senior Software Engineer",
    "Software Engineer II",
    "Frontend Engineer",
    "Mobile Engineer",
    "Site Reliability Engineer",
    "Data Engineer",
    "QA Engineer",
    "Product Designer",
    "Technical Writer",
];

pub(super) const SENIOR_ROLES: &[&str] = &[
    "Staff Engineer",
    "Engineering Manager",
    "Principal Engineer",
    "Tech Lead",
    "Staff Product Designer",
];

pub(super) const PREFERENCES: &[&str] = &[
    "Prefers written feedback first, then a short chat.",
    "Likes it straight and in the moment.",
    "Wants a heads-up before a hard conversation.",
    "Prefers concrete examples over summaries.",
    "Happy with feedback in the 1-on-1; not in front of the team.",
    "Likes a note afterwards to reread.",
    "Asks for feedback often; give it freely.",
];

pub(super) const PERSON_NOTES: &[&str] = &[
    "Joined from {customer}.",
    "Interested in {topic}.",
    "Works from the {city} office.",
    "Mentor: {mate}.",
    "Speaks at meetups about {tool}.",
    "Part-time on Fridays.",
    "Moved over from the {team} team.",
    "Knows the {service} codebase better than anyone.",
    "Learning {tool} on the side.",
    "Two kids; prefers meetings before four.",
];

pub(super) const ROADMAP_PERSON_NOTES: &[&str] = &[
    "Owns the {team} roadmap.",
    "Wants more say in the roadmap.",
    "Keeps the roadmap doc for {project} up to date.",
];

// 1-on-1 notes.

pub(super) const OPENERS: &[&str] = &[
    "{name} opened with {topic}.",
    "Spent most of the time on {project}.",
    "Started with {topic}; {name} had a lot to say about it.",
    "Quick check-in before the {event}.",
    "Caught up after the {event}.",
    "{name} wanted to talk about {topic} first.",
    "Short one today: {name} is heads-down on {service}.",
    "Began with an update on {project} and the {service} work.",
    "Walked through last week's {event} together.",
    "{name} brought a list; we got through most of it.",
    "Busy week, mostly {project}.",
    "We started late because the {event} overran.",
    "Went for a walk instead of a meeting room.",
    "{name} asked to start with {topic}.",
];

pub(super) const SENTENCES: &[&str] = &[
    "The {service} migration to {tool} is about {pct}% done.",
    "{project} is blocked on the {team} team's API changes.",
    "They paired with {mate} on the {service} rewrite and it went well.",
    "Code review turnaround is still slow on {project}: a median of {num} hours.",
    "On-call last week was rough: {num} pages, two of them at night.",
    "We deployed the {service} fix on {weekday} and it held up.",
    "{metric} on {service} improved after the cache change.",
    "They want more ownership of {project} next quarter.",
    "Asked for help splitting {ticket} into smaller pieces.",
    "The {customer} escalation took most of {weekday}.",
    "Interview load is heavy: {num} loops this month.",
    "Flaky tests in {project} cost the team a day.",
    "Tech debt in the {service} code keeps slowing features down.",
    "Documentation for {service} is out of date; they volunteered to fix it.",
    "Estimates for {project} slipped by two sprints.",
    "Wants to learn more {tool}.",
    "Mentoring {mate} takes more time than expected, but it is rewarding.",
    "Vacation in {month}; {mate} will cover on-call.",
    "The deployment pipeline for {service} keeps failing on the {term} step.",
    "Error rates on {service} went up after the {tool} upgrade.",
    "The {customer} pilot starts in {month}.",
    "Performance work on {service} cut {metric} by a third.",
    "Thinking about a talk for the next {event}.",
    "Calibration is coming up; we went through their examples.",
    "The {term} prototype is promising but nobody owns it.",
    "Follow-ups from {ticket} are mostly closed.",
    "Retro actions from the {event} are still open.",
    "Meeting load is too high: {num} hours of meetings last week.",
    "They are deploying {service} behind a feature flag first.",
    "The {service} error budget is nearly spent this month.",
    "Security review for {project} flagged the {term} endpoint.",
    "Accessibility fixes on {project} are done.",
    "Unsure about the promotion timeline; I explained how calibration works.",
    "The {tool} upgrade broke the {term} job again.",
    "{mate} and {name} see the {service} tests differently.",
    "Deploys are frozen until after the {event}.",
    "We have budget for one conference each this year.",
    "The {team} team asked for help with {service}.",
    "Onboarding the new hire on {project} is going well.",
    "Cloud costs for {service} doubled; they are looking into it.",
    "They rewrote the {term} parser in {tool} over two days.",
    "Wants to run the next {event}.",
    "The {customer} contract renewal depends on {project}.",
    "Spent {num} minutes on the {ticket} timeline.",
    "Burned through the error budget on {service} after the {ticket} incident.",
    "They deployed {project} to the first region with no incidents.",
    "Pairing with {mate} on {tool} is paying off.",
    "Considering a move to the {team} team in a year.",
    "Happy with the new release cadence.",
    "The {event} notes never went out; they will send them.",
    "Their {term} doc got good comments from the {dept} team.",
    "We agreed the {project} scope is too big for one quarter.",
    "Asked whether the {service} rewrite is still a priority.",
    "Most of the week went into the {customer} integration.",
    "Support tickets about {service} dropped to {num} a week.",
    "Working on an error budget policy with the {team} team.",
    "Build times on {project} are up to {num} minutes.",
    "Reviewing {mate}'s design for the {term} service.",
    "They need a decision on {tool} versus {tool} by {month}.",
    "The budget review moved to {month}.",
    "A deployment checklist for {service} would have caught {ticket}.",
];

pub(super) const BULLETS: &[&str] = &[
    "{project}: on track",
    "{service}: watching {metric}",
    "Follow up on {ticket}",
    "Pairing with {mate} on {tool}",
    "Prep for the {event}",
    "Interview loop on {weekday}",
    "Review {mate}'s design doc",
    "{customer} escalation: closed",
    "Learning plan: {tool}",
    "Update the runbook for {service}",
    "Deploy checklist for {service}",
    "{project}: at risk, {num} days behind",
    "Time off in {month}",
    "Ask the {team} team about {service}",
    "Spike on {term}",
    "{topic}: better than last month",
    "Error budget for {service}: {pct}% left",
    "{metric}: back to normal",
    "Budget for the {event}: approved",
    "Write up the {term} findings",
    "Hand over {service} on-call to {mate}",
    "{customer} demo on {weekday}",
];

pub(super) const HEADINGS: &[&str] = &[
    "**Their topics**",
    "**My topics**",
    "**Next**",
    "### Follow-ups",
    "### Notes",
];

pub(super) const CONCERNS: &[&str] = &[
    "{name} sounded tired; the {project} deadline is weighing on them.",
    "Frustrated with the churn in priorities on {project}.",
    "Worried about the reorg rumours.",
    "Not sleeping well with the on-call rotation; we need to look at it.",
    "Feels stuck on {service} and unsure who to ask.",
    "Said the week was a grind.",
    "Feels their work on {project} goes unnoticed.",
    "Tension with {mate} about {topic}.",
];

pub(super) const POSITIVES: &[&str] = &[
    "In good spirits after the {project} launch.",
    "Energised by the {event}.",
    "Really enjoying the work with {mate}.",
    "Proud of the {service} cleanup, and rightly so.",
    "Says this was the best month in a while.",
];

pub(super) const ROADMAP_SENTENCES: &[&str] = &[
    "We looked at where {project} sits on the roadmap.",
    "They asked how the {team} roadmap was decided.",
    "The roadmap for next quarter puts {project} first.",
    "Wants a say in the roadmap for {service}.",
    "Roadmap review on {weekday}: they will present {project}.",
    "Pushed back on the roadmap date for {project}.",
    "The {service} work fell off the roadmap again.",
];

/// The only bank with [`super::RARE_WORD`].
pub(super) const RARE: &[&str] = &[
    "Zanzibar came up again: {name} wants to join the prototype.",
    "Asked about Project Zanzibar; still under wraps until {month}.",
    "Zanzibar needs someone who knows {tool}.",
    "Shared the Zanzibar findings with {mate}.",
];

pub(super) const CANCEL_REASONS: &[&str] = &[
    "Cancelled: {name} is off sick.",
    "Cancelled: clashed with the {event}.",
    "Cancelled: I was travelling.",
    "Cancelled: {name} is on vacation.",
    "Cancelled: incident on {service}.",
];

pub(super) const PREP: &[&str] = &[
    "To bring up: {topic}.",
    "Ask about {project}.",
    "Feedback from the {event} to pass on.",
    "Check how the {service} work is going.",
];

pub(super) const FAREWELL: &[&str] = &[
    "Last 1-on-1 before {name} leaves; the {service} handover to {mate} is done.",
    "Final 1-on-1: {name} starts at {customer} next month. Thanked them for {project}.",
];

pub(super) const OUTCOMES: &[&str] = &[
    "Agreed: {name} leads the {project} design review.",
    "Decided to move the {service} work to next sprint.",
    "{name} will write up the {term} proposal.",
    "I will raise the on-call load with the {team} lead.",
    "No change to the plan.",
    "We will revisit {topic} in two weeks.",
    "Agreed to try pairing with {mate} on {tool}.",
    "Decided: {service} gets a proper owner.",
    "{name} takes the {event} next month.",
    "Dropped the {term} spike.",
    "Agreed on a deploy window for {service}.",
];

// Talking points.

pub(super) const POINTS_THEM: &[&str] = &[
    "{project} timeline",
    "Feedback on the {event}",
    "On-call load",
    "Promotion case",
    "Time off in {month}",
    "Pairing with {mate}",
    "Question about {topic}",
    "Training budget for {tool}",
    "Ownership of {service}",
    "Interview load",
    "Conference talk idea",
    "Frustration with {topic}",
    "Career path: staff or manager?",
    "The {term} spike",
    "Flaky tests in {project}",
    "Working hours",
    "Deploy process for {service}",
    "Moving to the {team} team?",
];

pub(super) const POINTS_ME: &[&str] = &[
    "Feedback from the {event}",
    "{customer} escalation",
    "Hiring plan for {team}",
    "Performance review timeline",
    "Goals for next quarter",
    "Follow-ups from {ticket}",
    "Reorg update",
    "{project} staffing",
    "Calibration",
    "Deploy freeze in {month}",
    "Error budget policy for {service}",
    "Budget for the {event}",
];

pub(super) const ROADMAP_POINTS: &[&str] = &[
    "{project} roadmap",
    "Roadmap priorities for {team}",
    "Where {service} fits in the roadmap",
    "Roadmap review prep",
];

// Action items.

pub(super) const ITEMS_THEM: &[&str] = &[
    "Write up the {project} design doc",
    "Send the {service} runbook draft to {mate}",
    "Book a pairing session with {mate}",
    "Open a ticket for the {term} bug",
    "Draft the talk proposal for the {event}",
    "Add tests for the {service} edge cases",
    "Prepare the demo for the {event}",
    "Review {mate}'s pull request on {project}",
    "Share the {metric} dashboard with the team",
    "Fix the deploy script for {service}",
    "Close the follow-ups from {ticket}",
    "Try {tool} on a small service",
];

pub(super) const ITEMS_ME: &[&str] = &[
    "Ask the {team} lead about {topic}",
    "Check the training budget for {tool}",
    "Introduce {name} to {mate}",
    "Raise the on-call load at the {event}",
    "Send the promotion packet to calibration",
    "Follow up with {customer} on the escalation",
    "Find a mentor for {name}",
    "Clarify ownership of {service}",
    "Get {name} a slot at the {event}",
    "Ask {dept} about the {project} deadline",
];

pub(super) const ROADMAP_ITEMS: &[&str] = &[
    "Share the {project} roadmap draft with {mate}",
    "Update the roadmap doc with the {service} estimate",
    "Add {project} to the roadmap review",
];

// Feedback: parts of the composer's sentence "In {context}, I noticed
// {observation}. The impact was {impact}. Next time, consider {next time}."

pub(super) const CONTEXTS: &[&str] = &[
    "{weekday}'s {event}",
    "the {project} incident review",
    "the {customer} call on {weekday}",
    "the {service} design review",
    "last week's {event}",
    "the pull request for {ticket}",
    "the {event} with the {team} team",
];

/// Reinforcing feedback: (observation, impact, next time or "").
pub(super) const REINFORCING: &[[&str; 3]] = &[
    [
        "you walked everyone through the {service} rollback step by step",
        "the team recovered in minutes instead of hours",
        "writing it up as a runbook for the next person on call",
    ],
    [
        "you spotted the {term} regression before it shipped",
        "no customer ever saw the bug",
        "sharing how you caught it at the next {event}",
    ],
    [
        "you answered {customer}'s questions with concrete numbers",
        "{customer} renewed and mentioned you by name",
        "",
    ],
    [
        "you paired with {mate} until the {tool} build was green",
        "{mate} now owns the {tool} build with confidence",
        "doing the same with the next new joiner",
    ],
    [
        "you wrote down the decision and shared it within the hour",
        "the decision stuck and nobody had to ask again",
        "",
    ],
    [
        "you asked the quieter people for their view before deciding",
        "we heard two ideas we would otherwise have missed",
        "",
    ],
    [
        "you split {project} into three pieces we could ship separately",
        "we shipped the first piece two weeks early",
        "doing the same on the next big project",
    ],
    [
        "you posted an update in the incident channel every fifteen minutes",
        "support could answer customers without asking us",
        "",
    ],
    [
        "you reviewed {mate}'s change the same morning with clear suggestions",
        "{mate} merged before lunch and learned something on the way",
        "",
    ],
];

/// Redirecting feedback: (observation, impact, next time).
pub(super) const REDIRECTING: &[[&str; 3]] = &[
    [
        "you merged the {service} change without a second review",
        "the {service} outage took an hour longer to diagnose",
        "asking for a review, even for a one-line change",
    ],
    [
        "you interrupted {mate} twice while they were presenting",
        "{mate} stopped contributing for the rest of the meeting",
        "letting {mate} finish, then adding your point",
    ],
    [
        "the {project} estimate changed three times with no note to the team",
        "the team planned around the wrong date",
        "posting estimate changes in the team channel with the reason",
    ],
    [
        "you joined fifteen minutes late and without the numbers",
        "we had to repeat the discussion the next day",
        "bringing the numbers, or moving the item to the next meeting",
    ],
    [
        "the fix for {ticket} went out on a {weekday} evening with no rollback plan",
        "support rolled back by hand late at night",
        "shipping risky changes before Thursday, with a rollback plan",
    ],
    [
        "you answered the {customer} thread with a one-word reply",
        "{customer} escalated to their account manager",
        "replying with what you know and when you will know more",
    ],
    [
        "you took over the keyboard while pairing with {mate}",
        "{mate} did not get to try the fix themselves",
        "asking before you take the keyboard",
    ],
    [
        "the {term} doc was shared the morning of the review",
        "reviewers had no time to read it and the decision slipped a week",
        "sharing review docs two days ahead",
    ],
];

pub(super) const ROADMAP_CONTEXTS: &[&str] = &[
    "the {team} roadmap review",
    "our planning of the {project} roadmap",
];

pub(super) const TAGS: &[&str] = &[
    "communication",
    "ownership",
    "code review",
    "collaboration",
    "planning",
    "mentoring",
    "incident response",
    "documentation",
    "estimation",
    "stakeholder management",
    "testing",
    "leadership",
    "design",
    "prioritisation",
    "follow-through",
    "customer focus",
    "facilitation",
    "reliability",
    "craft",
    "hiring",
    "presentation",
    "pairing",
    "delegation",
];

pub(super) const RESPONSES: &[&str] = &[
    "They agreed and want to try it on the {project} work.",
    "Surprised at first; asked for an example, which helped.",
    "Said nobody had told them before, and thanked me.",
    "Pushed back a little on the impact, then agreed on the next time.",
    "Had noticed it themselves and already had a plan.",
    "Happy to hear it; asked to be considered for the {event}.",
    "Quiet, then asked for a follow-up next week.",
];

// Questions asked.

/// Answers, by the question bank's category (custom questions get
/// `"any"`).
pub(super) const ANSWERS: &[(&str, &[&str])] = &[
    (
        "goal",
        &[
            "A good outcome: {service} has one owner and a runbook.",
            "Wants to come out of this quarter having led {project}.",
            "Will know they got there when the {event} runs without them.",
            "By {month}, ideally.",
        ],
    ),
    (
        "reality",
        &[
            "Said the real challenge is {topic}, not the code.",
            "So far: two spikes on {service} and a chat with {mate}.",
            "Guessing more than knowing about what {customer} needs.",
            "{mate} and the {team} team are involved too.",
        ],
    ),
    (
        "options",
        &[
            "Has tried pairing with {mate} and reading the {tool} docs.",
            "Could hand the {service} work to {mate}, or timebox it to a week.",
            "Would go ahead with the {service} rewrite if I weren't here.",
        ],
    ),
    (
        "will",
        &[
            "Will write the proposal by {weekday}.",
            "Next step: a spike on {term} this sprint.",
            "What might get in the way: the {customer} escalation.",
        ],
    ),
    (
        "support",
        &[
            "Wants fewer interruptions and clearer priorities.",
            "Asked me to unblock the {team} dependency.",
            "Needs backing to say no to {dept}.",
        ],
    ),
    (
        "reflection",
        &[
            "Most useful today: talking through {topic}.",
            "Liked that we got to {topic} first.",
        ],
    ),
    (
        "career",
        &[
            "In a year: leading a project like {project}.",
            "Wants to build skill in {topic} next.",
            "Torn between the staff path and management.",
            "Most energy from design work; least from {topic}.",
        ],
    ),
    (
        "first_one_on_ones",
        &[
            "Going well: the work on {project}.",
            "Most frustrating right now: {topic}.",
            "Would change how the {event} runs.",
            "Likes feedback written first, then a chat.",
            "Works best with mornings free of meetings.",
            "Wants these 1-on-1s to be their time, not status updates.",
            "Wishes the last manager had given feedback sooner.",
        ],
    ),
    (
        "any",
        &[
            "Not sure yet; will think about it.",
            "Mostly fine; {topic} is the sore point.",
            "Needs a decision from {dept} before anything else.",
        ],
    ),
];

pub(super) const ROADMAP_ANSWERS: &[&str] = &[
    "Wants to understand the roadmap before committing.",
    "Would put {project} higher on the roadmap.",
];

pub(super) const FOLLOW_UPS: &[&str] = &[
    "Check back in a month.",
    "Find a course on {tool}.",
    "Bring it up at the next career conversation.",
    "Ask {mate} to pair on it.",
    "Revisit after the {event}.",
];

pub(super) const CUSTOM_QUESTIONS: &[&str] = &[
    "How is the new on-call rotation working for you?",
    "What would make code reviews faster?",
    "What do you need from me for {project}?",
    "How do you feel about owning {service}?",
];

// Goals.

/// Goals: (title, how success is measured).
pub(super) const GOALS: &[[&str; 2]] = &[
    [
        "Lead the {project} design end to end",
        "The design doc is approved and the first milestone ships.",
    ],
    [
        "Get comfortable on call for {service}",
        "Handles a week of on-call for {service} alone.",
    ],
    [
        "Mentor a new hire",
        "The new hire ships a first change within two weeks.",
    ],
    [
        "Give a talk at the {event}",
        "The talk is accepted and given.",
    ],
    [
        "Ship the {service} migration to {tool}",
        "The old {service} is switched off.",
    ],
    [
        "Improve estimation accuracy",
        "Three estimates in a row within 20%.",
    ],
    [
        "Learn {tool} well enough to review it",
        "Reviews {tool} changes without help.",
    ],
    [
        "Own the relationship with {customer}",
        "{customer} calls them first, not me.",
    ],
    [
        "Write the {service} runbook",
        "On-call uses it in a real incident.",
    ],
    [
        "Run the {event} for a quarter",
        "The {event} runs on time with notes sent the same day.",
    ],
    [
        "Cut {metric} on {service} in half",
        "{metric} stays below target for a month.",
    ],
    [
        "Prepare for promotion",
        "A promotion case with three strong examples.",
    ],
    [
        "Reduce flaky tests in {project}",
        "A week of green builds on {project}.",
    ],
    [
        "Interview with confidence",
        "Leads five interviews with calibrated write-ups.",
    ],
];

pub(super) const GOAL_WHYS: &[&str] = &[
    "It is the next step towards a senior role.",
    "The team depends on it and nobody owns it.",
    "{name} asked for more visibility.",
    "It came out of the last review.",
    "It matters to {customer}.",
    "{name} wants to grow in {topic}.",
];

pub(super) const ROADMAP_GOAL_WHYS: &[&str] = &[
    "It is on the roadmap for {team}.",
    "The roadmap needs someone to own {service}.",
];

pub(super) const CHECKINS: &[&str] = &[
    "Steady progress; {name} finished the {term} part.",
    "Slow month: {project} took all the time.",
    "Good progress after pairing with {mate}.",
    "Blocked on the {team} team.",
    "About halfway.",
    "Talked about what is left.",
    "Back on track after the {event}.",
    "Changed approach: {tool} instead.",
];

pub(super) const ROADMAP_CHECKINS: &[&str] = &[
    "The roadmap moved, but the goal still holds.",
    "Tied it to the {project} roadmap item.",
];

// Conflicts.

/// A kind of conflict: its title, and what is said about it.
pub(super) struct Scenario {
    pub title: &'static str,
    pub descriptions: &'static [&'static str],
    pub updates: &'static [&'static str],
    pub next_steps: &'static [&'static str],
    pub resolutions: &'static [&'static str],
}

pub(super) const SCENARIOS: &[Scenario] = &[
    Scenario {
        title: "Ownership of the {service} service",
        descriptions: &[
            "{parties} disagree on who should own {service}. It came up in the {event} and got heated.",
            "{parties} both want {service}, and neither wants its on-call.",
        ],
        updates: &[
            "Talked to both separately; they agree on the facts, not on who should own it.",
            "Drafted an ownership proposal for {service}.",
            "Agreed on a trial: one owner per quarter for {service}.",
        ],
        next_steps: &[
            "Write down the ownership proposal",
            "Joint meeting on {weekday}",
        ],
        resolutions: &[
            "Agreed on clear ownership: {service} goes to one team, with a handover doc.",
            "Ownership rotates every quarter, with a handover checklist.",
        ],
    },
    Scenario {
        title: "Code review tone on {project}",
        descriptions: &[
            "Comments on the {project} pull requests have become curt. {parties} each raised it with me separately.",
        ],
        updates: &[
            "Read through the last month of reviews with each of them.",
            "Joint session on {weekday}; calmer than expected.",
            "Two more curt threads this week.",
        ],
        next_steps: &[
            "Draft review guidelines together",
            "Check the next ten reviews",
        ],
        resolutions: &["They wrote a joint review guideline and it has held for a month."],
    },
    Scenario {
        title: "On-call rotation fairness",
        descriptions: &["{parties} feel the rotation is uneven: the same people get paged at night."],
        updates: &[
            "Pulled the paging numbers for the last quarter.",
            "The numbers back it up: {num} night pages for one person, two for another.",
        ],
        next_steps: &[
            "Propose a new rotation at the {event}",
            "Ask the {team} team how they rotate",
        ],
        resolutions: &["Rotation rebalanced; nobody has been paged twice in a row since."],
    },
    Scenario {
        title: "Disagreement on the {project} architecture",
        descriptions: &["{parties} want different things for {project}: a rewrite, or small steps."],
        updates: &[
            "Both wrote a one-page proposal.",
            "The architecture forum looked at both proposals on {weekday}.",
            "Still stuck; the {tool} question is the crux.",
        ],
        next_steps: &[
            "Decision at the architecture forum",
            "Prototype both approaches for a week",
        ],
        resolutions: &[
            "Went with small steps; the rewrite stays an option for next year.",
            "Went with the rewrite, in stages, with a way back at each stage.",
        ],
    },
    Scenario {
        title: "Credit for the {project} launch",
        descriptions: &["{parties} both expected to lead {project}; nobody told either of them otherwise."],
        updates: &[
            "Apologised for the unclear ask; that one is on me.",
            "Agreed to split: one leads the launch, one the follow-up.",
        ],
        next_steps: &["Write down who leads what"],
        resolutions: &["A clear split of the work, written down; both are fine with it."],
    },
    Scenario {
        title: "Scope changes from {dept}",
        descriptions: &["{parties} keep pulling the {project} scope in different directions mid-sprint."],
        updates: &[
            "Talked to the {dept} lead; they did not know about the churn.",
            "Agreed that scope changes go through planning.",
        ],
        next_steps: &["Talk to the {dept} lead", "Bring it to sprint planning"],
        resolutions: &["Escalated to the {dept} lead, who decided the priorities."],
    },
    Scenario {
        title: "Release process friction with QA",
        descriptions: &["Releases of {service} stall between {parties}: who signs off?"],
        updates: &[
            "Mapped the release steps on a whiteboard with both.",
            "The sign-off step is now written down.",
        ],
        next_steps: &["Try the new checklist on the next release"],
        resolutions: &["A release checklist with one named sign-off per release."],
    },
];

/// Said about any conflict.
pub(super) const CONFLICT_UPDATES: &[&str] = &[
    "No change this week.",
    "Things flared up again after the {event}.",
    "Both sent me their version in writing.",
    "Checked in with both; calmer.",
    "Brought in the {team} lead for context.",
];

pub(super) const CONFLICT_CONTEXT: &[&str] = &[
    "It started in the {event}.",
    "It has been simmering since {month}.",
    "Others on the team have noticed.",
];

pub(super) const ROADMAP_CONFLICT_NOTES: &[&str] = &[
    "It is tied up with the {team} roadmap.",
    "The roadmap review on {weekday} should settle it.",
    "The roadmap decision is the real blocker here.",
];

pub(super) const OUTSIDERS: &[&str] = &[
    "Priya from Finance",
    "the Design lead",
    "Marcus from Sales",
    "Hostwell vendor support",
    "Dana from Legal",
    "the Platform team lead",
    "Kenji from Customer Success",
    "the QA contractor",
    "Elif from Marketing",
    "the Data team manager",
];

/// Every bank, by name, for the unit tests.
#[cfg(test)]
pub(super) const ALL_BANKS: &[(&str, &[&str])] = &[
    ("SYLLABLES", SYLLABLES),
    ("PROJECTS", PROJECTS),
    ("SERVICES", SERVICES),
    ("TOOLS", TOOLS),
    ("TOPICS", TOPICS),
    ("EVENTS", EVENTS),
    ("CUSTOMERS", CUSTOMERS),
    ("METRICS", METRICS),
    ("TEAMS", TEAMS),
    ("DEPARTMENTS", DEPARTMENTS),
    ("WEEKDAYS", WEEKDAYS),
    ("MONTHS", MONTHS),
    ("CITIES", CITIES),
    ("TICKET_PREFIXES", TICKET_PREFIXES),
    ("FIRST_NAMES", FIRST_NAMES),
    ("LAST_NAMES", LAST_NAMES),
    ("ROLES", ROLES),
    ("SENIOR_ROLES", SENIOR_ROLES),
    ("PREFERENCES", PREFERENCES),
    ("PERSON_NOTES", PERSON_NOTES),
    ("ROADMAP_PERSON_NOTES", ROADMAP_PERSON_NOTES),
    ("OPENERS", OPENERS),
    ("SENTENCES", SENTENCES),
    ("BULLETS", BULLETS),
    ("HEADINGS", HEADINGS),
    ("CONCERNS", CONCERNS),
    ("POSITIVES", POSITIVES),
    ("ROADMAP_SENTENCES", ROADMAP_SENTENCES),
    ("RARE", RARE),
    ("CANCEL_REASONS", CANCEL_REASONS),
    ("PREP", PREP),
    ("FAREWELL", FAREWELL),
    ("OUTCOMES", OUTCOMES),
    ("POINTS_THEM", POINTS_THEM),
    ("POINTS_ME", POINTS_ME),
    ("ROADMAP_POINTS", ROADMAP_POINTS),
    ("ITEMS_THEM", ITEMS_THEM),
    ("ITEMS_ME", ITEMS_ME),
    ("ROADMAP_ITEMS", ROADMAP_ITEMS),
    ("CONTEXTS", CONTEXTS),
    ("ROADMAP_CONTEXTS", ROADMAP_CONTEXTS),
    ("TAGS", TAGS),
    ("RESPONSES", RESPONSES),
    ("ROADMAP_ANSWERS", ROADMAP_ANSWERS),
    ("FOLLOW_UPS", FOLLOW_UPS),
    ("CUSTOM_QUESTIONS", CUSTOM_QUESTIONS),
    ("GOAL_WHYS", GOAL_WHYS),
    ("ROADMAP_GOAL_WHYS", ROADMAP_GOAL_WHYS),
    ("CHECKINS", CHECKINS),
    ("ROADMAP_CHECKINS", ROADMAP_CHECKINS),
    ("CONFLICT_UPDATES", CONFLICT_UPDATES),
    ("CONFLICT_CONTEXT", CONFLICT_CONTEXT),
    ("ROADMAP_CONFLICT_NOTES", ROADMAP_CONFLICT_NOTES),
    ("OUTSIDERS", OUTSIDERS),
];

/// Every template, the ones kept in tuples and scenarios included, with the
/// name of its bank.
#[cfg(test)]
pub(super) fn all_templates() -> Vec<(String, &'static str)> {
    let mut all: Vec<(String, &'static str)> = Vec::new();
    for (bank, templates) in ALL_BANKS {
        all.extend(templates.iter().map(|t| ((*bank).to_owned(), *t)));
    }
    for (bank, triples) in [("REINFORCING", REINFORCING), ("REDIRECTING", REDIRECTING)] {
        for triple in triples {
            all.extend(
                triple
                    .iter()
                    .filter(|t| !t.is_empty())
                    .map(|t| (bank.to_owned(), *t)),
            );
        }
    }
    for pair in GOALS {
        all.extend(pair.iter().map(|t| ("GOALS".to_owned(), *t)));
    }
    for (category, answers) in ANSWERS {
        all.extend(answers.iter().map(|t| (format!("ANSWERS {category}"), *t)));
    }
    for scenario in SCENARIOS {
        all.push(("SCENARIOS".to_owned(), scenario.title));
        for part in [
            scenario.descriptions,
            scenario.updates,
            scenario.next_steps,
            scenario.resolutions,
        ] {
            all.extend(part.iter().map(|t| ("SCENARIOS".to_owned(), *t)));
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN_SLOTS: &[&str] = &[
        "name", "mate", "parties", "project", "service", "tool", "topic", "event", "customer",
        "metric", "team", "dept", "weekday", "month", "city", "num", "pct", "term", "ticket",
    ];

    #[test]
    fn every_template_uses_known_slots_only() {
        for (bank, template) in all_templates() {
            {
                let mut rest = template;
                while let Some(open) = rest.find('{') {
                    let close = rest[open..].find('}').expect("a slot is closed") + open;
                    let slot = &rest[open + 1..close];
                    assert!(
                        KNOWN_SLOTS.contains(&slot),
                        "{bank}: unknown slot {{{slot}}} in \"{template}\""
                    );
                    rest = &rest[close + 1..];
                }
            }
        }
    }

    #[test]
    fn reserved_words_appear_only_in_their_banks() {
        for (bank, template) in all_templates() {
            {
                let lower = template.to_lowercase();
                if !bank.starts_with("ROADMAP_") {
                    assert!(
                        !lower.contains(super::super::COMMON_WORD),
                        "{bank} must not say \"{}\": \"{template}\"",
                        super::super::COMMON_WORD
                    );
                }
                if bank != "RARE" {
                    assert!(
                        !lower.contains(super::super::RARE_WORD),
                        "{bank} must not say \"{}\": \"{template}\"",
                        super::super::RARE_WORD
                    );
                }
            }
        }
        for template in RARE {
            assert!(template.to_lowercase().contains(super::super::RARE_WORD));
        }
        for (bank, templates) in ALL_BANKS.iter().filter(|(b, _)| b.starts_with("ROADMAP_")) {
            for template in *templates {
                assert!(
                    template.to_lowercase().contains(super::super::COMMON_WORD),
                    "{bank}: \"{template}\" must say the common word"
                );
            }
        }
    }

    #[test]
    fn templates_expand_without_leftover_braces() {
        let mut rng = Rng::new(3);
        let mates = ["Ana", "Tom"];
        let ctx = Ctx {
            name: "Kofi",
            mates: &mates,
            parties: "Ana and Tom",
        };
        for (_, template) in all_templates() {
            {
                let text = phrase(template, &mut rng, &ctx);
                assert!(!text.contains('{') && !text.contains('}'), "{text}");
                assert_eq!(text.trim(), text, "no stray whitespace: \"{text}\"");
            }
        }
    }

    #[test]
    fn names_are_short_enough_for_tags_and_parties() {
        for tag in TAGS {
            assert!(tag.chars().count() <= crate::store::feedback::MAX_TAG_CHARS);
        }
        for name in OUTSIDERS {
            assert!(name.chars().count() <= crate::store::people::MAX_NAME_CHARS);
        }
    }
}
