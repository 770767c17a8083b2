//! What kind of check a claim gets ([`CheckKind`]) and the fixed list of reasons a claim is
//! not computable ([`REASONS`]).

/// What a `matches` or `differs` rests on. A reader should weigh only `independent` checks as
/// evidence that the report is right; the others say the data are consistent with themselves.
///
/// # Example
/// ```
/// use civic_pulse::claims::CheckKind;
/// assert_eq!(CheckKind::parse("read_back"), Some(CheckKind::ReadBack));
/// assert_eq!(CheckKind::Independent.as_str(), "independent");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// Recomputed from *other* printed numbers (or printed dates), or from outside data;
    /// rests only on `published` / `external` values.
    Independent,
    /// The claim's own number, stored in a dataset and read back: shows the dataset holds
    /// what the sentence says, not that the sentence is right.
    ReadBack,
    /// A reconstructed series was fitted to this claim, so it matches by construction.
    ByConstruction,
    /// Nothing to compute it from; the `reason` column says which of [`REASONS`].
    #[default]
    NotComputable,
    /// A claims file without a (known) `check_kind` for a computed claim.
    Unclassified,
}

impl CheckKind {
    /// The four kinds a claims file may state, in reporting order.
    pub const STATED: [CheckKind; 4] = [
        CheckKind::Independent,
        CheckKind::ReadBack,
        CheckKind::ByConstruction,
        CheckKind::NotComputable,
    ];

    /// The `check_kind` spelling.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::claims::CheckKind::ByConstruction.as_str(), "by_construction");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Independent => "independent",
            CheckKind::ReadBack => "read_back",
            CheckKind::ByConstruction => "by_construction",
            CheckKind::NotComputable => "not_computable",
            CheckKind::Unclassified => "unclassified",
        }
    }

    /// Parses one of the [`CheckKind::STATED`] spellings; `None` for anything else.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::claims::CheckKind::parse("unclassified"), None);
    /// ```
    pub fn parse(text: &str) -> Option<CheckKind> {
        CheckKind::STATED
            .into_iter()
            .find(|k| k.as_str() == text.trim())
    }
}

impl std::fmt::Display for CheckKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a claim is not computable: `(reason code, what it means)`. The `reason` column of a
/// `not_computable` claim holds one of these codes.
///
/// # Example
/// ```
/// use civic_pulse::claims::{reason_text, REASONS};
/// assert!(REASONS.iter().any(|(code, _)| *code == "single_mention"));
/// assert!(reason_text("single_mention").unwrap().starts_with("a figure printed once"));
/// ```
pub const REASONS: [(&str, &str); 5] = [
    (
        "report_metadata",
        "about the report itself (its data window, its publisher), not a claim about the world",
    ),
    (
        "date_or_event",
        "the date of an event or policy: nothing else printed to check it against",
    ),
    (
        "single_mention",
        "a figure printed once, with no other printed number or outside statistic to recompute it from",
    ),
    (
        "values_not_printed",
        "the values it rests on are only drawn in a chart or not given at all",
    ),
    (
        "list_not_printed",
        "the items it counts are not listed in the report",
    ),
];

/// The meaning of a [`REASONS`] code.
///
/// # Example
/// ```
/// assert_eq!(civic_pulse::claims::reason_text("why not"), None);
/// ```
pub fn reason_text(code: &str) -> Option<&'static str> {
    REASONS
        .iter()
        .find(|(c, _)| *c == code.trim())
        .map(|(_, t)| *t)
}
