//! Reading Arrow IPC bytes (file or stream format) into typed columns.
//!
//! The reader accepts anything valid Arrow can describe; [`Snapshot::column`] then converts one
//! column into the three shapes JavaScript gets ([`Column`]) or refuses its type with
//! `unsupported_type`, naming the type and the column.

use std::collections::BTreeMap;
use std::io::Cursor;

use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType, PrimitiveArray, RecordBatch};
use arrow_ipc::reader::{FileReader, StreamReader};
use arrow_schema::{ArrowError, DataType, SchemaRef, TimeUnit};

use crate::{Error, Result};

/// The magic bytes that open (and close) an Arrow IPC file.
const FILE_MAGIC: &[u8] = b"ARROW1";

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

/// A decoded Arrow IPC snapshot: its schema and every record batch.
///
/// # Example
/// ```
/// use std::sync::Arc;
/// use arrow_array::{Float64Array, RecordBatch};
/// use arrow_schema::{DataType, Field, Schema};
/// use civic_pulse::{Column, Snapshot};
///
/// // Write a one-column IPC stream, then read it back.
/// let schema = Arc::new(Schema::new(vec![Field::new("value", DataType::Float64, true)]));
/// let batch = RecordBatch::try_new(
///     schema.clone(),
///     vec![Arc::new(Float64Array::from(vec![Some(1.5), None]))],
/// ).unwrap();
/// let mut bytes = Vec::new();
/// {
///     let mut w = arrow_ipc::writer::StreamWriter::try_new(&mut bytes, &schema).unwrap();
///     w.write(&batch).unwrap();
///     w.finish().unwrap();
/// }
/// let snap = Snapshot::from_ipc(&bytes).unwrap();
/// assert_eq!(snap.num_rows(), 2);
/// match snap.column("value").unwrap() {
///     Column::Float(v) => { assert_eq!(v[0], 1.5); assert!(v[1].is_nan()); }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Snapshot {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
    num_rows: usize,
}

impl Snapshot {
    /// Decodes Arrow IPC bytes; the file format (`ARROW1` magic) and the stream format are
    /// told apart from the bytes. LZ4-frame and ZSTD compressed batches, dictionaries (also
    /// shared and delta dictionaries) and every type Arrow can describe are read; converting a
    /// column may still refuse its type (see [`Snapshot::column`]).
    ///
    /// # Errors
    /// `invalid_ipc` when the bytes are empty, truncated or otherwise not valid Arrow IPC;
    /// `unsupported_type` when the batches use a feature this build does not decode.
    ///
    /// # Example
    /// ```
    /// let err = civic_pulse::Snapshot::from_ipc(b"not arrow").unwrap_err();
    /// assert_eq!(err.code(), "invalid_ipc");
    /// ```
    pub fn from_ipc(bytes: &[u8]) -> Result<Snapshot> {
        if bytes.is_empty() {
            return Err(Error::InvalidIpc("empty input (0 bytes)".into()));
        }
        let (schema, batches) = if bytes.starts_with(FILE_MAGIC) {
            let reader = FileReader::try_new(Cursor::new(bytes), None).map_err(ipc_error)?;
            let schema = reader.schema();
            let batches = reader
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(ipc_error)?;
            (schema, batches)
        } else {
            let reader = StreamReader::try_new(Cursor::new(bytes), None).map_err(ipc_error)?;
            let schema = reader.schema();
            let batches = reader
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(ipc_error)?;
            (schema, batches)
        };
        let num_rows = batches.iter().map(RecordBatch::num_rows).sum();
        Ok(Snapshot {
            schema,
            batches,
            num_rows,
        })
    }

    /// Wraps record batches already in memory (they must share `schema`).
    ///
    /// # Errors
    /// `schema_mismatch` when a batch's schema differs from `schema`.
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use arrow_schema::Schema;
    /// let snap = civic_pulse::Snapshot::from_batches(Arc::new(Schema::empty()), vec![]).unwrap();
    /// assert_eq!(snap.num_rows(), 0);
    /// ```
    pub fn from_batches(schema: SchemaRef, batches: Vec<RecordBatch>) -> Result<Snapshot> {
        if let Some(b) = batches
            .iter()
            .find(|b| b.schema().fields() != schema.fields())
        {
            return Err(Error::SchemaMismatch(format!(
                "a batch has fields {:?}, the snapshot {:?}",
                b.schema().fields(),
                schema.fields()
            )));
        }
        let num_rows = batches.iter().map(RecordBatch::num_rows).sum();
        Ok(Snapshot {
            schema,
            batches,
            num_rows,
        })
    }

    /// Rows across all record batches.
    ///
    /// # Example
    /// ```
    /// # use std::sync::Arc;
    /// # let snap = civic_pulse::Snapshot::from_batches(Arc::new(arrow_schema::Schema::empty()), vec![]).unwrap();
    /// assert_eq!(snap.num_rows(), 0);
    /// ```
    pub fn num_rows(&self) -> usize {
        self.num_rows
    }

    /// The Arrow schema.
    ///
    /// # Example
    /// ```
    /// # use std::sync::Arc;
    /// # let snap = civic_pulse::Snapshot::from_batches(Arc::new(arrow_schema::Schema::empty()), vec![]).unwrap();
    /// assert!(snap.schema().fields().is_empty());
    /// ```
    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// The record batches, in order.
    ///
    /// # Example
    /// ```
    /// # use std::sync::Arc;
    /// # let snap = civic_pulse::Snapshot::from_batches(Arc::new(arrow_schema::Schema::empty()), vec![]).unwrap();
    /// assert!(snap.batches().is_empty());
    /// ```
    pub fn batches(&self) -> &[RecordBatch] {
        &self.batches
    }

    /// Column names in schema order (duplicates kept).
    ///
    /// # Example
    /// ```
    /// # use std::sync::Arc;
    /// # let snap = civic_pulse::Snapshot::from_batches(Arc::new(arrow_schema::Schema::empty()), vec![]).unwrap();
    /// assert!(snap.column_names().is_empty());
    /// ```
    pub fn column_names(&self) -> Vec<String> {
        self.schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    /// The schema's custom metadata, sorted by key.
    ///
    /// # Example
    /// ```
    /// # use std::sync::Arc;
    /// # let snap = civic_pulse::Snapshot::from_batches(Arc::new(arrow_schema::Schema::empty()), vec![]).unwrap();
    /// assert!(snap.metadata().is_empty());
    /// ```
    pub fn metadata(&self) -> BTreeMap<String, String> {
        self.schema
            .metadata()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Index of the first column called `name`.
    ///
    /// # Errors
    /// `no_such_column`, listing the columns that exist.
    ///
    /// # Example
    /// ```
    /// # use std::sync::Arc;
    /// # let snap = civic_pulse::Snapshot::from_batches(Arc::new(arrow_schema::Schema::empty()), vec![]).unwrap();
    /// assert_eq!(snap.column_index("x").unwrap_err().code(), "no_such_column");
    /// ```
    pub fn column_index(&self, name: &str) -> Result<usize> {
        self.schema
            .fields()
            .iter()
            .position(|f| f.name() == name)
            .ok_or_else(|| Error::NoSuchColumn {
                name: name.to_string(),
                available: self.column_names().join(", "),
            })
    }

    /// The first column called `name`, converted (see [`Column`]). Nulls propagate: a null
    /// number is NaN, a null string, date or boolean is `None`.
    ///
    /// # Errors
    /// `no_such_column` for an unknown name; `unsupported_type` (naming the type and column)
    /// for lists, structs, maps, unions, binary, intervals, durations and other types without
    /// a flat JavaScript form; `invalid_ipc` if the data are internally inconsistent.
    ///
    /// # Example
    /// See [`Snapshot`].
    pub fn column(&self, name: &str) -> Result<Column> {
        self.column_at(self.column_index(name)?)
    }

    /// The column at schema position `index`, converted (see [`Snapshot::column`]); the way to
    /// reach the second of two columns that share a name.
    ///
    /// # Errors
    /// As [`Snapshot::column`]; `invalid_argument` when `index` is out of range.
    ///
    /// # Example
    /// ```
    /// # use std::sync::Arc;
    /// # let snap = civic_pulse::Snapshot::from_batches(Arc::new(arrow_schema::Schema::empty()), vec![]).unwrap();
    /// assert_eq!(snap.column_at(3).unwrap_err().code(), "invalid_argument");
    /// ```
    pub fn column_at(&self, index: usize) -> Result<Column> {
        let fields = self.schema.fields();
        let field = fields.get(index).ok_or_else(|| {
            Error::invalid(format!(
                "invalid column index: {index} (the snapshot has {} columns)",
                fields.len()
            ))
        })?;
        let name = field.name();
        check_supported(field.data_type(), name)?;
        let mut out: Option<Column> = None;
        for batch in &self.batches {
            let array = batch.columns().get(index).ok_or_else(|| {
                Error::InvalidIpc(format!("a batch lacks column {index} ({name:?})"))
            })?;
            let part = convert(array, name)?;
            out = Some(match out {
                None => part,
                Some(acc) => append(acc, part, name)?,
            });
        }
        Ok(out.unwrap_or_else(|| empty_like(field.data_type())))
    }
}

fn ipc_error(e: ArrowError) -> Error {
    match e {
        ArrowError::NotYetImplemented(msg) => Error::UnsupportedType {
            data_type: msg,
            column: String::new(),
        },
        ArrowError::InvalidArgumentError(msg) if msg.contains("feature") => {
            Error::UnsupportedType {
                data_type: msg,
                column: String::new(),
            }
        }
        other => Error::InvalidIpc(other.to_string()),
    }
}

/// The shape a data type converts to, or `None` if it has no flat form.
fn kind(dt: &DataType) -> Option<Kind> {
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
enum Kind {
    Float,
    Text,
    Bool,
}

fn check_supported(dt: &DataType, column: &str) -> Result<()> {
    kind(dt).map(|_| ()).ok_or_else(|| Error::UnsupportedType {
        data_type: dt.to_string(),
        column: column.to_string(),
    })
}

fn empty_like(dt: &DataType) -> Column {
    match kind(dt) {
        Some(Kind::Float) => Column::Float(Vec::new()),
        Some(Kind::Bool) => Column::Bool(Vec::new()),
        _ => Column::Text(Vec::new()),
    }
}

fn append(acc: Column, part: Column, name: &str) -> Result<Column> {
    Ok(match (acc, part) {
        (Column::Float(mut a), Column::Float(b)) => {
            a.extend(b);
            Column::Float(a)
        }
        (Column::Text(mut a), Column::Text(b)) => {
            a.extend(b);
            Column::Text(a)
        }
        (Column::Bool(mut a), Column::Bool(b)) => {
            a.extend(b);
            Column::Bool(a)
        }
        _ => {
            return Err(Error::InvalidIpc(format!(
                "column {name:?} changes type between batches"
            )))
        }
    })
}

fn unsupported(dt: &DataType, column: &str) -> Error {
    Error::UnsupportedType {
        data_type: dt.to_string(),
        column: column.to_string(),
    }
}

/// Converts one array (one batch's slice of a column).
fn convert(array: &ArrayRef, name: &str) -> Result<Column> {
    use DataType::*;
    let dt = array.data_type();
    Ok(match dt {
        Int8 => floats::<Int8Type>(array, |v| v as f64),
        Int16 => floats::<Int16Type>(array, |v| v as f64),
        Int32 => floats::<Int32Type>(array, |v| v as f64),
        Int64 => floats::<Int64Type>(array, |v| v as f64),
        UInt8 => floats::<UInt8Type>(array, |v| v as f64),
        UInt16 => floats::<UInt16Type>(array, |v| v as f64),
        UInt32 => floats::<UInt32Type>(array, |v| v as f64),
        UInt64 => floats::<UInt64Type>(array, |v| v as f64),
        Float16 => floats::<Float16Type>(array, |v| v.to_f64()),
        Float32 => floats::<Float32Type>(array, |v| v as f64),
        Float64 => floats::<Float64Type>(array, |v| v),
        Decimal32(_, s) => floats::<Decimal32Type>(array, |v| decimal_to_f64(&v.to_string(), *s)),
        Decimal64(_, s) => floats::<Decimal64Type>(array, |v| decimal_to_f64(&v.to_string(), *s)),
        Decimal128(_, s) => floats::<Decimal128Type>(array, |v| decimal_to_f64(&v.to_string(), *s)),
        Decimal256(_, s) => floats::<Decimal256Type>(array, |v| decimal_to_f64(&v.to_string(), *s)),
        Utf8 => Column::Text(
            array
                .as_string::<i32>()
                .iter()
                .map(|v| v.map(str::to_owned))
                .collect(),
        ),
        LargeUtf8 => Column::Text(
            array
                .as_string::<i64>()
                .iter()
                .map(|v| v.map(str::to_owned))
                .collect(),
        ),
        Utf8View => Column::Text(
            array
                .as_string_view()
                .iter()
                .map(|v| v.map(str::to_owned))
                .collect(),
        ),
        Boolean => Column::Bool(array.as_boolean().iter().collect()),
        Null => Column::Text(vec![None; array.len()]),
        Date32 => texts::<Date32Type>(array, |d| format_date(d as i64)),
        Date64 => texts::<Date64Type>(array, |ms| format_date(ms.div_euclid(MS_PER_DAY))),
        Timestamp(unit, tz) => {
            let z = tz.is_some();
            match unit {
                TimeUnit::Second => {
                    texts::<TimestampSecondType>(array, |v| format_timestamp(v, *unit, z))
                }
                TimeUnit::Millisecond => {
                    texts::<TimestampMillisecondType>(array, |v| format_timestamp(v, *unit, z))
                }
                TimeUnit::Microsecond => {
                    texts::<TimestampMicrosecondType>(array, |v| format_timestamp(v, *unit, z))
                }
                TimeUnit::Nanosecond => {
                    texts::<TimestampNanosecondType>(array, |v| format_timestamp(v, *unit, z))
                }
            }
        }
        Time32(TimeUnit::Second) => {
            texts::<Time32SecondType>(array, |v| format_time(v as i64, TimeUnit::Second))
        }
        Time32(TimeUnit::Millisecond) => {
            texts::<Time32MillisecondType>(array, |v| format_time(v as i64, TimeUnit::Millisecond))
        }
        Time64(TimeUnit::Microsecond) => {
            texts::<Time64MicrosecondType>(array, |v| format_time(v, TimeUnit::Microsecond))
        }
        Time64(TimeUnit::Nanosecond) => {
            texts::<Time64NanosecondType>(array, |v| format_time(v, TimeUnit::Nanosecond))
        }
        Dictionary(key, _) => match key.as_ref() {
            Int8 => dictionary::<Int8Type>(array, name)?,
            Int16 => dictionary::<Int16Type>(array, name)?,
            Int32 => dictionary::<Int32Type>(array, name)?,
            Int64 => dictionary::<Int64Type>(array, name)?,
            UInt8 => dictionary::<UInt8Type>(array, name)?,
            UInt16 => dictionary::<UInt16Type>(array, name)?,
            UInt32 => dictionary::<UInt32Type>(array, name)?,
            UInt64 => dictionary::<UInt64Type>(array, name)?,
            _ => return Err(unsupported(dt, name)),
        },
        _ => return Err(unsupported(dt, name)),
    })
}

fn primitive<T: ArrowPrimitiveType>(array: &ArrayRef) -> Option<&PrimitiveArray<T>> {
    array.as_any().downcast_ref::<PrimitiveArray<T>>()
}

fn floats<T: ArrowPrimitiveType>(array: &ArrayRef, f: impl Fn(T::Native) -> f64) -> Column {
    let Some(a) = primitive::<T>(array) else {
        return Column::Float(vec![f64::NAN; array.len()]);
    };
    Column::Float(a.iter().map(|v| v.map_or(f64::NAN, &f)).collect())
}

fn texts<T: ArrowPrimitiveType>(array: &ArrayRef, f: impl Fn(T::Native) -> String) -> Column {
    let Some(a) = primitive::<T>(array) else {
        return Column::Text(vec![None; array.len()]);
    };
    Column::Text(a.iter().map(|v| v.map(&f)).collect())
}

/// Decodes a dictionary array by converting its values once and gathering by key.
fn dictionary<K: ArrowDictionaryKeyType>(array: &ArrayRef, name: &str) -> Result<Column> {
    let dict = array
        .as_any_dictionary_opt()
        .and_then(|d| d.as_any().downcast_ref::<arrow_array::DictionaryArray<K>>())
        .ok_or_else(|| Error::InvalidIpc(format!("column {name:?}: malformed dictionary")))?;
    let values = convert(dict.values(), name)?;
    let keys = dict.keys();
    let index = |k: K::Native| -> Result<usize> {
        num_to_usize(k).ok_or_else(|| {
            Error::InvalidIpc(format!("column {name:?}: dictionary key out of range"))
        })
    };
    let bad = || Error::InvalidIpc(format!("column {name:?}: dictionary key out of range"));
    Ok(match values {
        Column::Float(v) => Column::Float(
            keys.iter()
                .map(|k| match k {
                    None => Ok(f64::NAN),
                    Some(k) => v.get(index(k)?).copied().ok_or_else(bad),
                })
                .collect::<Result<_>>()?,
        ),
        Column::Text(v) => Column::Text(
            keys.iter()
                .map(|k| match k {
                    None => Ok(None),
                    Some(k) => v.get(index(k)?).cloned().ok_or_else(bad),
                })
                .collect::<Result<_>>()?,
        ),
        Column::Bool(v) => Column::Bool(
            keys.iter()
                .map(|k| match k {
                    None => Ok(None),
                    Some(k) => v.get(index(k)?).copied().ok_or_else(bad),
                })
                .collect::<Result<_>>()?,
        ),
    })
}

fn num_to_usize<N: arrow_array::ArrowNativeTypeOp + arrow_buffer::ArrowNativeType>(
    k: N,
) -> Option<usize> {
    k.to_usize()
}

/// Exact decimal → nearest f64: Rust's float parser rounds correctly, `i128 as f64 / 10^s`
/// would round twice.
fn decimal_to_f64(unscaled: &str, scale: i8) -> f64 {
    format!("{unscaled}e{}", -(scale as i32))
        .parse()
        .unwrap_or(f64::NAN)
}

const MS_PER_DAY: i64 = 86_400_000;

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm; valid for all i64 days
/// whose year fits i64, far beyond chrono's range).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z as i128 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    (y as i64, m, d)
}

/// ISO 8601 date; years outside 0000..=9999 use the expanded `±YYYYYY` form.
fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    if (0..=9999).contains(&y) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!(
            "{}{:06}-{m:02}-{d:02}",
            if y < 0 { '-' } else { '+' },
            y.abs()
        )
    }
}

fn unit_scale(unit: TimeUnit) -> (i64, usize) {
    match unit {
        TimeUnit::Second => (1, 0),
        TimeUnit::Millisecond => (1_000, 3),
        TimeUnit::Microsecond => (1_000_000, 6),
        TimeUnit::Nanosecond => (1_000_000_000, 9),
    }
}

fn hms(secs_of_day: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        secs_of_day / 3600,
        secs_of_day / 60 % 60,
        secs_of_day % 60
    )
}

fn frac(f: i64, digits: usize) -> String {
    if digits == 0 {
        String::new()
    } else {
        format!(".{f:0digits$}")
    }
}

/// ISO 8601 timestamp with the unit's precision; `Z` when the type has a time zone.
fn format_timestamp(v: i64, unit: TimeUnit, utc: bool) -> String {
    let (per_sec, digits) = unit_scale(unit);
    let secs = v.div_euclid(per_sec);
    let f = v.rem_euclid(per_sec);
    format!(
        "{}T{}{}{}",
        format_date(secs.div_euclid(86_400)),
        hms(secs.rem_euclid(86_400).unsigned_abs()),
        frac(f, digits),
        if utc { "Z" } else { "" }
    )
}

/// Time of day; a value of a whole day prints as `24:00:00` (Arrow allows it).
fn format_time(v: i64, unit: TimeUnit) -> String {
    let (per_sec, digits) = unit_scale(unit);
    let sign = if v < 0 { "-" } else { "" };
    let v = v.unsigned_abs();
    let per_sec = per_sec.unsigned_abs();
    format!(
        "{sign}{}{}",
        hms(v / per_sec),
        frac((v % per_sec) as i64, digits)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_cover_the_edges() {
        assert_eq!(format_date(0), "1970-01-01");
        assert_eq!(format_date(-719_162), "0001-01-01");
        assert_eq!(format_date(2_932_896), "9999-12-31");
        assert_eq!(format_date(19_723), "2024-01-01");
        assert_eq!(format_date(2_932_897), "+010000-01-01");
        assert_eq!(format_date(-719_529), "-000001-12-31");
        // The extremes of i64 do not overflow.
        let _ = format_date(i64::MIN);
        let _ = format_date(i64::MAX);
    }

    #[test]
    fn timestamps_carry_unit_precision() {
        assert_eq!(
            format_timestamp(-1, TimeUnit::Millisecond, false),
            "1969-12-31T23:59:59.999"
        );
        assert_eq!(
            format_timestamp(1_700_000_000, TimeUnit::Second, true),
            "2023-11-14T22:13:20Z"
        );
        let _ = format_timestamp(i64::MIN, TimeUnit::Nanosecond, false);
        assert_eq!(format_time(86_400, TimeUnit::Second), "24:00:00");
        assert_eq!(format_time(1_500, TimeUnit::Millisecond), "00:00:01.500");
        let _ = format_time(i64::MIN, TimeUnit::Nanosecond);
    }

    #[test]
    fn decimals_round_once() {
        assert_eq!(decimal_to_f64("12345", 2), 123.45);
        assert_eq!(decimal_to_f64("-5", -3), -5000.0);
        assert_eq!(decimal_to_f64("1", 0), 1.0);
    }
}
