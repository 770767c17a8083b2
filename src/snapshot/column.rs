//! The typed column: one Arrow column in the three shapes a consumer that does not speak
//! Arrow gets, and which Arrow types have such a shape.

use arrow_schema::DataType;

use crate::{Error, Result};

/// One column converted for consumers that do not speak Arrow.
///
/// * integers, floats and decimals become [`Column::Float`] (null → NaN);
/// * strings and dictionary-encoded strings become [`Column::Text`];
/// * dates become `YYYY-MM-DD`, timestamps `YYYY-MM-DDTHH:MM:SS[.fff…]` (with `Z` when the
///   type carries a time zone: the UTC instant), times `HH:MM:SS[.fff…]`, all as
///   [`Column::Text`];
/// * booleans become [`Column::Bool`].
///
/// # Example
/// ```
/// use civic_pulse::Column;
/// let c = Column::Float(vec![1.0, f64::NAN]);
/// assert_eq!(c.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Numeric values; a null is NaN.
    Float(Vec<f64>),
    /// Text values (strings, ISO dates and times); a null is `None`.
    Text(Vec<Option<String>>),
    /// Boolean values; a null is `None`.
    Bool(Vec<Option<bool>>),
}

impl Column {
    /// Number of values.
    ///
    /// # Example
    /// ```
    /// assert_eq!(civic_pulse::Column::Bool(vec![Some(true), None]).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        match self {
            Column::Float(v) => v.len(),
            Column::Text(v) => v.len(),
            Column::Bool(v) => v.len(),
        }
    }

    /// True when there are no values.
    ///
    /// # Example
    /// ```
    /// assert!(civic_pulse::Column::Float(vec![]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The shape a data type converts to, or `None` if it has no flat form.
pub(crate) fn kind(dt: &DataType) -> Option<Kind> {
    use DataType::*;
    Some(match dt {
        Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 | UInt64 | Float16 | Float32
        | Float64 | Decimal32(..) | Decimal64(..) | Decimal128(..) | Decimal256(..) => Kind::Float,
        Utf8 | LargeUtf8 | Utf8View | Date32 | Date64 | Timestamp(..) | Time32(..) | Time64(..)
        | Null => Kind::Text,
        Boolean => Kind::Bool,
        Dictionary(_, values) => return kind(values),
        _ => return None,
    })
}

#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Float,
    Text,
    Bool,
}

pub(crate) fn check_supported(dt: &DataType, column: &str) -> Result<()> {
    kind(dt).map(|_| ()).ok_or_else(|| unsupported(dt, column))
}

pub(crate) fn unsupported(dt: &DataType, column: &str) -> Error {
    Error::UnsupportedType {
        data_type: dt.to_string(),
        column: column.to_string(),
    }
}

pub(crate) fn changes_type(name: &str) -> Error {
    Error::InvalidIpc(format!("column {name:?} changes type between batches"))
}
