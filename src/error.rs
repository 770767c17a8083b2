//! The one error type of the crate, with the stable codes of the public contract.

/// Everything that can go wrong in Civic Pulse.
///
/// Each variant maps to one stable [`Error::code`] from the public contract
/// (`../shared/design/contract.md`); the message names the offending value.
///
/// # Example
/// ```
/// use civic_pulse::Error;
/// let e = Error::TooShort { len: 10, needed: 24 };
/// assert_eq!(e.code(), "too_short");
/// assert!(e.to_string().contains("10"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The bytes are not valid Arrow IPC (file or stream).
    #[error("invalid Arrow IPC: {0}")]
    InvalidIpc(String),
    /// Valid Arrow, but a type this module does not read.
    #[error("unsupported type {data_type} in column {column:?}")]
    UnsupportedType {
        /// The Arrow data type, as Arrow prints it (or a compression codec).
        data_type: String,
        /// The column that has it (empty for file-level features such as a codec).
        column: String,
    },
    /// A column name that the snapshot does not have.
    #[error("no such column: {name:?} (columns: {available})")]
    NoSuchColumn {
        /// The requested name.
        name: String,
        /// The names that do exist, comma separated.
        available: String,
    },
    /// The snapshot does not have the shape an operation needs.
    #[error("schema mismatch: {0}")]
    SchemaMismatch(String),
    /// Input contains NaN (missing) where the operation needs complete data.
    #[error("missing values: {count} NaN value(s), first at index {first}")]
    MissingValues {
        /// How many values are missing.
        count: usize,
        /// Index of the first missing value.
        first: usize,
    },
    /// The series is shorter than the operation needs.
    #[error("series too short: {len} value(s), need at least {needed}")]
    TooShort {
        /// The length given.
        len: usize,
        /// The minimum length needed.
        needed: usize,
    },
    /// An argument outside its domain; the message names it and its value.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
}

impl Error {
    /// Every stable code [`Error::code`] can return, once: the fuzz harness and the tests that
    /// check "an error carries a contract code" use this list, so a new variant cannot be
    /// forgotten there.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::Error;
    /// assert!(Error::CODES.contains(&Error::invalid("x").code()));
    /// assert_eq!(Error::CODES.len(), 7);
    /// ```
    pub const CODES: [&'static str; 7] = [
        "invalid_ipc",
        "unsupported_type",
        "no_such_column",
        "schema_mismatch",
        "missing_values",
        "too_short",
        "invalid_argument",
    ];

    /// The stable, machine-readable code of this error (the JS `Error.code`).
    ///
    /// # Example
    /// ```
    /// use civic_pulse::Error;
    /// assert_eq!(Error::InvalidIpc("empty input".into()).code(), "invalid_ipc");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidIpc(_) => "invalid_ipc",
            Error::UnsupportedType { .. } => "unsupported_type",
            Error::NoSuchColumn { .. } => "no_such_column",
            Error::SchemaMismatch(_) => "schema_mismatch",
            Error::MissingValues { .. } => "missing_values",
            Error::TooShort { .. } => "too_short",
            Error::InvalidArgument(_) => "invalid_argument",
        }
    }

    /// Shorthand for [`Error::InvalidArgument`] with a formatted message.
    ///
    /// # Example
    /// ```
    /// use civic_pulse::Error;
    /// let e = Error::invalid(format!("invalid period: {}", 0));
    /// assert_eq!(e.to_string(), "invalid argument: invalid period: 0");
    /// ```
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::InvalidArgument(msg.into())
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn codes_lists_every_variant_once() {
        let all = [
            Error::InvalidIpc(String::new()),
            Error::UnsupportedType {
                data_type: String::new(),
                column: String::new(),
            },
            Error::NoSuchColumn {
                name: String::new(),
                available: String::new(),
            },
            Error::SchemaMismatch(String::new()),
            Error::MissingValues { count: 0, first: 0 },
            Error::TooShort { len: 0, needed: 0 },
            Error::InvalidArgument(String::new()),
        ];
        let codes: Vec<&str> = all.iter().map(Error::code).collect();
        assert_eq!(codes, Error::CODES);
    }
}
