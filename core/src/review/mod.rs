//! Reading one person's record as a whole: the prep sheet for their next
//! 1-on-1, and the review packet for a period, each as data (for the app to
//! show) and rendered as Markdown or as one self-contained HTML page.
//!
//! Renderers treat every record text as hostile: plain fields are escaped,
//! Markdown fields go through [`crate::markdown::render`] (HTML) or are
//! quoted as they were typed (Markdown). Nothing from the journal is ever
//! written into a page raw.

mod html;
mod packet;
mod prep;
mod text;

pub use html::review_html;
pub use packet::{
    review_markdown, review_packet, PacketConflict, PacketCounts, PacketFeedback, PacketGoal,
    PacketOneOnOne, PacketQuestion, ReviewPacket, TagCount,
};
pub use prep::{prep_markdown, prep_sheet, MoodTrend, PrepActionItem, PrepGoal, PrepSheet, Trend};

use std::path::Path;

/// How a review packet is written: Markdown, or one self-contained,
/// printable HTML page that loads nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PacketFormat {
    Md,
    Html,
}

impl PacketFormat {
    pub const ALL: [PacketFormat; 2] = [PacketFormat::Md, PacketFormat::Html];

    /// The name the app and the CLI use for it, which is also its file
    /// extension.
    pub fn as_str(self) -> &'static str {
        match self {
            PacketFormat::Md => "md",
            PacketFormat::Html => "html",
        }
    }

    /// HTML for a `.html` or `.htm` file, Markdown for anything else.
    pub fn for_path(path: &Path) -> PacketFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") => {
                PacketFormat::Html
            }
            _ => PacketFormat::Md,
        }
    }

    /// The packet written in this format.
    pub fn render(self, packet: &ReviewPacket) -> String {
        match self {
            PacketFormat::Md => review_markdown(packet),
            PacketFormat::Html => review_html(packet),
        }
    }
}

impl std::str::FromStr for PacketFormat {
    type Err = crate::Error;

    fn from_str(text: &str) -> crate::Result<PacketFormat> {
        PacketFormat::ALL
            .into_iter()
            .find(|format| format.as_str() == text)
            .ok_or_else(|| crate::Error::Invalid {
                field: "format",
                message: format!("save as \"md\" or \"html\" (got \"{text}\")"),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_extension_chooses_html_or_markdown() {
        assert_eq!(
            PacketFormat::for_path(Path::new("ana-2025.html")),
            PacketFormat::Html
        );
        assert_eq!(
            PacketFormat::for_path(Path::new("/tmp/A.HTM")),
            PacketFormat::Html
        );
        assert_eq!(
            PacketFormat::for_path(Path::new("ana.md")),
            PacketFormat::Md
        );
        assert_eq!(PacketFormat::for_path(Path::new("-")), PacketFormat::Md);
        assert_eq!(PacketFormat::for_path(Path::new("notes")), PacketFormat::Md);
    }

    #[test]
    fn packet_formats_parse_by_name_and_refuse_others_in_words() {
        assert_eq!("html".parse::<PacketFormat>().unwrap(), PacketFormat::Html);
        assert_eq!("md".parse::<PacketFormat>().unwrap(), PacketFormat::Md);
        let err = "pdf".parse::<PacketFormat>().unwrap_err();
        assert_eq!(err.to_string(), "save as \"md\" or \"html\" (got \"pdf\")");
    }
}
