//! Who a talking point or an action item belongs to: me (the manager) or
//! them (the person the 1-on-1 is with).

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Me,
    Them,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Me => "me",
            Party::Them => "them",
        }
    }

    /// Parses input text; `field` and `label` name it in the error.
    pub(crate) fn parse(field: &'static str, label: &str, text: &str) -> Result<Party> {
        match text.trim() {
            "me" => Ok(Party::Me),
            "them" => Ok(Party::Them),
            other => Err(Error::invalid(
                field,
                format!("{label} must be \"me\" or \"them\" (got \"{other}\")"),
            )),
        }
    }

    /// Reads a stored value (the schema's CHECK keeps it to the two).
    pub(crate) fn from_stored(text: &str) -> Party {
        if text == "them" {
            Party::Them
        } else {
            Party::Me
        }
    }
}
