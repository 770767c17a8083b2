//! Reading Arrow IPC bytes (file or stream format) into typed columns.
//!
//! The reader accepts anything valid Arrow can describe; [`Snapshot::column`] then converts one
//! column into the three shapes JavaScript gets ([`Column`]) or refuses its type with
//! `unsupported_type`, naming the type and the column.

use std::borrow::Cow;
use std::collections::BTreeMap;

use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType, PrimitiveArray, RecordBatch};
use arrow_buffer::Buffer;
use arrow_schema::{DataType, SchemaRef, TimeUnit};

use crate::{Error, Result};

mod ipc;

pub use ipc::{MAX_DECODED_BYTES, MAX_ROWS};

/// Largest IPC input accepted (1 GiB): WebAssembly has a 32-bit address space that the input,
/// its decoded columns and their JavaScript copies share, and a phone may grant far less.
pub const MAX_INPUT_BYTES: usize = 1 << 30;

/// Most bytes one converted column ([`Snapshot::column`]) may take in memory (512 MiB),
/// estimated before anything is allocated; a larger column is refused with `invalid_argument`.
pub const MAX_COLUMN_BYTES: usize = 512 << 20;

/// Lower-case hexadecimal SHA-256 of `bytes`.
///
/// # Example
/// ```
/// assert_eq!(
///     civic_pulse::snapshot::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    out
}

/// A 16-byte-aligned buffer of `len` bytes, allocated fallibly (`invalid_argument` instead of
/// an out-of-memory abort) and filled by `fill`.
///
/// # Safety
/// `fill` must initialise all `len` bytes behind the pointer it is given.
pub(crate) unsafe fn try_aligned_buffer(len: usize, fill: impl FnOnce(*mut u8)) -> Result<Buffer> {
    if len > MAX_INPUT_BYTES {
        return Err(Error::invalid(format!(
            "input too large: {len} bytes (this reader accepts at most {MAX_INPUT_BYTES})"
        )));
    }
    // i128 storage: 16-byte alignment, so Decimal128 and every narrower type decode in place.
    let words = len.div_ceil(16);
    let mut v: Vec<i128> = Vec::new();
    v.try_reserve_exact(words).map_err(|_| {
        Error::invalid(format!(
            "input too large: not enough memory to hold {len} bytes"
        ))
    })?;
    fill(v.as_mut_ptr().cast::<u8>());
    // SAFETY: `fill` initialised the first `len` bytes (the caller's contract); the tail of
    // the last word is zeroed here before the words are exposed.
    unsafe {
        let tail = words * 16 - len;
        std::ptr::write_bytes(v.as_mut_ptr().cast::<u8>().add(len), 0, tail);
        v.set_len(words);
    }
    Ok(Buffer::from_vec(v).slice_with_length(0, len))
}

/// Copies `bytes` into an aligned [`Buffer`] (see [`Snapshot::from_ipc_buffer`]), fallibly.
///
/// # Errors
/// `invalid_argument` when `bytes` exceeds [`MAX_INPUT_BYTES`] or memory runs out.
///
/// # Example
/// ```
/// let b = civic_pulse::snapshot::aligned_buffer(b"ARROW1").unwrap();
/// assert_eq!(b.as_slice(), b"ARROW1");
/// assert_eq!(b.as_ptr() as usize % 16, 0);
/// ```
pub fn aligned_buffer(bytes: &[u8]) -> Result<Buffer> {
    // SAFETY: copies exactly `bytes.len()` bytes into the fresh allocation.
    unsafe {
        try_aligned_buffer(bytes.len(), |dst| {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len())
        })
    }
}

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
    validated: bool,
}

impl Snapshot {
    /// Decodes Arrow IPC bytes; the file format (`ARROW1` magic) and the stream format are
    /// told apart from the bytes. LZ4-frame and ZSTD compressed batches, dictionaries (also
    /// shared and delta dictionaries) and every type Arrow can describe are read; converting a
    /// column may still refuse its type (see [`Snapshot::column`]).
    ///
    /// # Errors
    /// `invalid_ipc` when the bytes are empty, truncated or otherwise not valid Arrow IPC
    /// (every block, buffer and array length is checked against the bytes present before
    /// arrow-rs reads them); `unsupported_type` when the batches use a feature this build does
    /// not decode; `invalid_argument` when the input exceeds [`MAX_INPUT_BYTES`], compressed
    /// buffers declare more than [`MAX_DECODED_BYTES`], or memory runs out while copying.
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
        Snapshot::from_ipc_buffer(aligned_buffer(bytes)?)
    }

    /// [`Snapshot::from_ipc`] on bytes already in an Arrow [`Buffer`]: decoded in place
    /// (the arrays share `data`; nothing is copied when it is 8-byte aligned, as
    /// [`aligned_buffer`] makes it). Data validation always runs.
    ///
    /// # Errors
    /// As [`Snapshot::from_ipc`]; `invalid_argument` when compressed buffers declare more
    /// than [`MAX_DECODED_BYTES`] once decompressed.
    ///
    /// # Example
    /// ```
    /// let data = arrow_buffer::Buffer::from_vec(b"ARROW1".to_vec());
    /// let err = civic_pulse::Snapshot::from_ipc_buffer(data).unwrap_err();
    /// assert_eq!(err.code(), "invalid_ipc");
    /// ```
    pub fn from_ipc_buffer(data: Buffer) -> Result<Snapshot> {
        Snapshot::decode(&data, false)
    }

    /// Decodes one of the report's own snapshots: when the SHA-256 of the bytes equals
    /// `expected_sha256` (hex, as `catalog.json` gives it), arrow-rs's data validation
    /// (UTF-8, offsets, dictionary keys) is skipped — those bytes are a file this project
    /// wrote and checked; otherwise this is exactly [`Snapshot::from_ipc`]. The framing and
    /// every buffer's extent are checked either way. [`Snapshot::validated`] tells which path
    /// ran.
    ///
    /// # Errors
    /// As [`Snapshot::from_ipc`].
    ///
    /// # Example
    /// ```
    /// # use std::sync::Arc;
    /// # use arrow_array::{Float64Array, RecordBatch};
    /// # use arrow_schema::{DataType, Field, Schema};
    /// # let schema = Arc::new(Schema::new(vec![Field::new("v", DataType::Float64, true)]));
    /// # let batch = RecordBatch::try_new(schema.clone(), vec![Arc::new(Float64Array::from(vec![1.0]))]).unwrap();
    /// # let mut bytes = Vec::new();
    /// # { let mut w = arrow_ipc::writer::FileWriter::try_new(&mut bytes, &schema).unwrap();
    /// #   w.write(&batch).unwrap(); w.finish().unwrap(); }
    /// use civic_pulse::{snapshot::sha256_hex, Snapshot};
    /// let trusted = Snapshot::from_trusted_ipc(&bytes, &sha256_hex(&bytes)).unwrap();
    /// assert!(!trusted.validated());
    /// let other = Snapshot::from_trusted_ipc(&bytes, "00").unwrap();
    /// assert!(other.validated());
    /// assert_eq!(trusted.num_rows(), other.num_rows());
    /// ```
    pub fn from_trusted_ipc(bytes: &[u8], expected_sha256: &str) -> Result<Snapshot> {
        if bytes.is_empty() {
            return Err(Error::InvalidIpc("empty input (0 bytes)".into()));
        }
        Snapshot::from_trusted_ipc_buffer(aligned_buffer(bytes)?, expected_sha256)
    }

    /// [`Snapshot::from_trusted_ipc`] on bytes already in a [`Buffer`] (decoded in place).
    ///
    /// # Errors
    /// As [`Snapshot::from_ipc`].
    ///
    /// # Example
    /// ```
    /// let data = arrow_buffer::Buffer::from_vec(vec![0u8; 4]);
    /// let err = civic_pulse::Snapshot::from_trusted_ipc_buffer(data, "").unwrap_err();
    /// assert_eq!(err.code(), "invalid_ipc");
    /// ```
    pub fn from_trusted_ipc_buffer(data: Buffer, expected_sha256: &str) -> Result<Snapshot> {
        let trusted = expected_sha256.len() == 64
            && sha256_hex(data.as_slice()).eq_ignore_ascii_case(expected_sha256.trim());
        Snapshot::decode(&data, trusted)
    }

    fn decode(data: &Buffer, trusted: bool) -> Result<Snapshot> {
        let d = ipc::decode(data, trusted)?;
        Ok(Snapshot {
            schema: d.schema,
            batches: d.batches,
            num_rows: d.num_rows,
            validated: !trusted,
        })
    }

    /// Whether arrow-rs's data validation ran when this snapshot was decoded: `false` only
    /// for [`Snapshot::from_trusted_ipc`] with a matching hash.
    ///
    /// # Example
    /// ```
    /// let snap = civic_pulse::tidy::example_snapshot().unwrap();
    /// assert!(snap.validated());
    /// ```
    pub fn validated(&self) -> bool {
        self.validated
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
            validated: true,
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
        let (field, name) = self.field_at(index)?;
        let rows = self.num_rows;
        let mut budget = Budget::new(name);
        let mut out = match kind(field.data_type()) {
            Some(Kind::Float) => Column::Float(budget.vec(rows)?),
            Some(Kind::Bool) => Column::Bool(budget.vec(rows)?),
            _ => Column::Text(budget.vec(rows)?),
        };
        for array in self.arrays(index, name)? {
            convert_into(array, name, &mut out, &mut budget)?;
        }
        Ok(out)
    }

    /// A numeric column as one slice per record batch, borrowed from the decoded Arrow
    /// buffers where possible (`float64` without nulls) and converted otherwise (see
    /// [`Column::Float`]); lets a caller copy the values once, straight to where they go.
    ///
    /// # Errors
    /// As [`Snapshot::column_at`]; `schema_mismatch` when the column is not numeric.
    ///
    /// # Example
    /// ```
    /// let snap = civic_pulse::tidy::example_snapshot().unwrap();
    /// let i = snap.column_index("value").unwrap();
    /// let chunks = snap.float_chunks(i).unwrap();
    /// assert_eq!(chunks.iter().map(|c| c.len()).sum::<usize>(), snap.num_rows());
    /// ```
    pub fn float_chunks(&self, index: usize) -> Result<Vec<Cow<'_, [f64]>>> {
        let (field, name) = self.field_at(index)?;
        if !matches!(kind(field.data_type()), Some(Kind::Float)) {
            return Err(Error::SchemaMismatch(format!(
                "column {name:?} is {}, not numeric",
                field.data_type()
            )));
        }
        let mut budget = Budget::new(name);
        let mut chunks = Vec::with_capacity(self.batches.len());
        for array in self.arrays(index, name)? {
            if let Some(a) = array.as_primitive_opt::<Float64Type>() {
                if a.null_count() == 0 {
                    chunks.push(Cow::Borrowed(a.values().as_ref()));
                    continue;
                }
            }
            let mut part = Column::Float(budget.vec(array.len())?);
            convert_into(array, name, &mut part, &mut budget)?;
            if let Column::Float(v) = part {
                chunks.push(Cow::Owned(v));
            }
        }
        Ok(chunks)
    }

    fn field_at(&self, index: usize) -> Result<(&arrow_schema::Field, &str)> {
        let fields = self.schema.fields();
        let field = fields.get(index).ok_or_else(|| {
            Error::invalid(format!(
                "invalid column index: {index} (the snapshot has {} columns)",
                fields.len()
            ))
        })?;
        let name = field.name().as_str();
        check_supported(field.data_type(), name)?;
        Ok((field.as_ref(), name))
    }

    fn arrays<'a>(&'a self, index: usize, name: &'a str) -> Result<Vec<&'a ArrayRef>> {
        self.batches
            .iter()
            .map(|batch| {
                batch.columns().get(index).ok_or_else(|| {
                    Error::InvalidIpc(format!("a batch lacks column {index} ({name:?})"))
                })
            })
            .collect()
    }
}

/// What converting one column may still allocate (see [`MAX_COLUMN_BYTES`]): every
/// allocation is charged before it is made, so a hostile file that would expand into more
/// memory than that is refused instead of exhausting it.
struct Budget<'a> {
    left: usize,
    column: &'a str,
}

impl<'a> Budget<'a> {
    fn new(column: &'a str) -> Self {
        Budget {
            left: MAX_COLUMN_BYTES,
            column,
        }
    }

    fn take(&mut self, bytes: usize) -> Result<()> {
        match self.left.checked_sub(bytes) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(Error::invalid(format!(
                "column {:?} is too large to convert: it needs more than {MAX_COLUMN_BYTES} bytes \
                 of memory",
                self.column
            ))),
        }
    }

    /// An empty vector with room for `n` items, charged and allocated fallibly.
    fn vec<T>(&mut self, n: usize) -> Result<Vec<T>> {
        self.take(n.saturating_mul(std::mem::size_of::<T>()))?;
        let mut v = Vec::new();
        v.try_reserve_exact(n).map_err(|_| {
            Error::invalid(format!(
                "column {:?}: not enough memory for {n} values",
                self.column
            ))
        })?;
        Ok(v)
    }

    /// Charges one string of `len` bytes (plus the allocator's overhead).
    fn string(&mut self, len: usize) -> Result<()> {
        if len == 0 {
            Ok(())
        } else {
            self.take(len.saturating_add(8))
        }
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
    kind(dt).map(|_| ()).ok_or_else(|| unsupported(dt, column))
}

fn unsupported(dt: &DataType, column: &str) -> Error {
    Error::UnsupportedType {
        data_type: dt.to_string(),
        column: column.to_string(),
    }
}

fn changes_type(name: &str) -> Error {
    Error::InvalidIpc(format!("column {name:?} changes type between batches"))
}

/// Appends one array (one batch's slice of a column) to `out`, converted.
fn convert_into(array: &ArrayRef, name: &str, out: &mut Column, budget: &mut Budget) -> Result<()> {
    use DataType::*;
    let dt = array.data_type();
    match out {
        Column::Float(v) => match dt {
            Int8 => floats::<Int8Type>(array, v, |x| x as f64),
            Int16 => floats::<Int16Type>(array, v, |x| x as f64),
            Int32 => floats::<Int32Type>(array, v, |x| x as f64),
            Int64 => floats::<Int64Type>(array, v, |x| x as f64),
            UInt8 => floats::<UInt8Type>(array, v, |x| x as f64),
            UInt16 => floats::<UInt16Type>(array, v, |x| x as f64),
            UInt32 => floats::<UInt32Type>(array, v, |x| x as f64),
            UInt64 => floats::<UInt64Type>(array, v, |x| x as f64),
            Float16 => floats::<Float16Type>(array, v, |x| x.to_f64()),
            Float32 => floats::<Float32Type>(array, v, |x| x as f64),
            Float64 => floats::<Float64Type>(array, v, |x| x),
            Decimal32(_, s) => {
                floats::<Decimal32Type>(array, v, |x| decimal_to_f64(&x.to_string(), *s))
            }
            Decimal64(_, s) => {
                floats::<Decimal64Type>(array, v, |x| decimal_to_f64(&x.to_string(), *s))
            }
            Decimal128(_, s) => {
                floats::<Decimal128Type>(array, v, |x| decimal_to_f64(&x.to_string(), *s))
            }
            Decimal256(_, s) => {
                floats::<Decimal256Type>(array, v, |x| decimal_to_f64(&x.to_string(), *s))
            }
            Dictionary(..) => return dictionary(array, name, out, budget),
            _ if kind(dt).is_none() => return Err(unsupported(dt, name)),
            _ => return Err(changes_type(name)),
        },
        Column::Bool(v) => match dt {
            Boolean => {
                let a = array.as_boolean_opt().ok_or_else(|| changes_type(name))?;
                v.extend(a.iter());
            }
            Dictionary(..) => return dictionary(array, name, out, budget),
            _ if kind(dt).is_none() => return Err(unsupported(dt, name)),
            _ => return Err(changes_type(name)),
        },
        Column::Text(v) => {
            let mut push = |s: Option<String>| -> Result<()> {
                budget.string(s.as_ref().map_or(0, String::len))?;
                v.push(s);
                Ok(())
            };
            match dt {
                Utf8 => {
                    let a = array
                        .as_string_opt::<i32>()
                        .ok_or_else(|| changes_type(name))?;
                    a.iter().try_for_each(|s| push(s.map(str::to_owned)))?
                }
                LargeUtf8 => {
                    let a = array
                        .as_string_opt::<i64>()
                        .ok_or_else(|| changes_type(name))?;
                    a.iter().try_for_each(|s| push(s.map(str::to_owned)))?
                }
                Utf8View => {
                    let a = array
                        .as_string_view_opt()
                        .ok_or_else(|| changes_type(name))?;
                    a.iter().try_for_each(|s| push(s.map(str::to_owned)))?
                }
                Null => (0..array.len()).try_for_each(|_| push(None))?,
                Date32 => texts::<Date32Type>(array, &mut push, |d| format_date(d as i64))?,
                Date64 => texts::<Date64Type>(array, &mut push, |ms| {
                    format_date(ms.div_euclid(MS_PER_DAY))
                })?,
                Timestamp(unit, tz) => {
                    let z = tz.is_some();
                    let f = |x: i64| format_timestamp(x, *unit, z);
                    match unit {
                        TimeUnit::Second => texts::<TimestampSecondType>(array, &mut push, f)?,
                        TimeUnit::Millisecond => {
                            texts::<TimestampMillisecondType>(array, &mut push, f)?
                        }
                        TimeUnit::Microsecond => {
                            texts::<TimestampMicrosecondType>(array, &mut push, f)?
                        }
                        TimeUnit::Nanosecond => {
                            texts::<TimestampNanosecondType>(array, &mut push, f)?
                        }
                    }
                }
                Time32(TimeUnit::Second) => texts::<Time32SecondType>(array, &mut push, |x| {
                    format_time(x as i64, TimeUnit::Second)
                })?,
                Time32(TimeUnit::Millisecond) => {
                    texts::<Time32MillisecondType>(array, &mut push, |x| {
                        format_time(x as i64, TimeUnit::Millisecond)
                    })?
                }
                Time64(TimeUnit::Microsecond) => {
                    texts::<Time64MicrosecondType>(array, &mut push, |x| {
                        format_time(x, TimeUnit::Microsecond)
                    })?
                }
                Time64(TimeUnit::Nanosecond) => {
                    texts::<Time64NanosecondType>(array, &mut push, |x| {
                        format_time(x, TimeUnit::Nanosecond)
                    })?
                }
                Dictionary(..) => return dictionary(array, name, out, budget),
                _ if kind(dt).is_none() => return Err(unsupported(dt, name)),
                _ => return Err(changes_type(name)),
            }
        }
    }
    Ok(())
}

fn primitive<T: ArrowPrimitiveType>(array: &ArrayRef) -> Option<&PrimitiveArray<T>> {
    array.as_any().downcast_ref::<PrimitiveArray<T>>()
}

/// Numbers: a straight (vectorisable) pass when there are no nulls.
fn floats<T: ArrowPrimitiveType>(
    array: &ArrayRef,
    out: &mut Vec<f64>,
    f: impl Fn(T::Native) -> f64,
) {
    let Some(a) = primitive::<T>(array) else {
        out.extend(std::iter::repeat_n(f64::NAN, array.len()));
        return;
    };
    if a.null_count() == 0 {
        out.extend(a.values().iter().map(|&x| f(x)));
    } else {
        out.extend(a.iter().map(|x| x.map_or(f64::NAN, &f)));
    }
}

fn texts<T: ArrowPrimitiveType>(
    array: &ArrayRef,
    push: &mut impl FnMut(Option<String>) -> Result<()>,
    f: impl Fn(T::Native) -> String,
) -> Result<()> {
    match primitive::<T>(array) {
        Some(a) => a.iter().try_for_each(|x| push(x.map(&f))),
        None => (0..array.len()).try_for_each(|_| push(None)),
    }
}

/// Decodes a dictionary array by converting its values once and gathering by key.
fn dictionary(array: &ArrayRef, name: &str, out: &mut Column, budget: &mut Budget) -> Result<()> {
    use DataType::*;
    let DataType::Dictionary(key, _) = array.data_type() else {
        return Err(changes_type(name));
    };
    match key.as_ref() {
        Int8 => dictionary_keys::<Int8Type>(array, name, out, budget),
        Int16 => dictionary_keys::<Int16Type>(array, name, out, budget),
        Int32 => dictionary_keys::<Int32Type>(array, name, out, budget),
        Int64 => dictionary_keys::<Int64Type>(array, name, out, budget),
        UInt8 => dictionary_keys::<UInt8Type>(array, name, out, budget),
        UInt16 => dictionary_keys::<UInt16Type>(array, name, out, budget),
        UInt32 => dictionary_keys::<UInt32Type>(array, name, out, budget),
        UInt64 => dictionary_keys::<UInt64Type>(array, name, out, budget),
        _ => Err(unsupported(array.data_type(), name)),
    }
}

fn dictionary_keys<K: ArrowDictionaryKeyType>(
    array: &ArrayRef,
    name: &str,
    out: &mut Column,
    budget: &mut Budget,
) -> Result<()> {
    let dict = array
        .as_any_dictionary_opt()
        .and_then(|d| d.as_any().downcast_ref::<arrow_array::DictionaryArray<K>>())
        .ok_or_else(|| Error::InvalidIpc(format!("column {name:?}: malformed dictionary")))?;
    let values_array = dict.values();
    let mut values = match out {
        Column::Float(_) => Column::Float(budget.vec(values_array.len())?),
        Column::Bool(_) => Column::Bool(budget.vec(values_array.len())?),
        Column::Text(_) => Column::Text(budget.vec(values_array.len())?),
    };
    convert_into(values_array, name, &mut values, budget)?;
    let keys = dict.keys();
    let bad = || Error::InvalidIpc(format!("column {name:?}: dictionary key out of range"));
    let index = |k: K::Native| -> Result<usize> { num_to_usize(k).ok_or_else(bad) };
    match (out, values) {
        (Column::Float(o), Column::Float(v)) => keys.iter().try_for_each(|k| {
            o.push(match k {
                None => f64::NAN,
                Some(k) => v.get(index(k)?).copied().ok_or_else(bad)?,
            });
            Ok(())
        }),
        (Column::Bool(o), Column::Bool(v)) => keys.iter().try_for_each(|k| {
            o.push(match k {
                None => None,
                Some(k) => v.get(index(k)?).copied().ok_or_else(bad)?,
            });
            Ok(())
        }),
        (Column::Text(o), Column::Text(v)) => keys.iter().try_for_each(|k| {
            let s = match k {
                None => None,
                Some(k) => {
                    let s = v.get(index(k)?).ok_or_else(bad)?;
                    budget.string(s.as_ref().map_or(0, String::len))?;
                    s.clone()
                }
            };
            o.push(s);
            Ok(())
        }),
        _ => Err(changes_type(name)),
    }
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

    fn lz4_file(n: usize) -> Vec<u8> {
        use arrow_array::Float64Array;
        use arrow_ipc::writer::{FileWriter, IpcWriteOptions};
        use arrow_schema::{Field, Schema};
        use std::sync::Arc;
        let schema = Arc::new(Schema::new(vec![Field::new("v", DataType::Float64, false)]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![Arc::new(Float64Array::from(vec![1.0; n]))],
        )
        .unwrap();
        let options = IpcWriteOptions::default()
            .try_with_compression(Some(arrow_ipc::CompressionType::LZ4_FRAME))
            .unwrap();
        let mut bytes = Vec::new();
        let mut w = FileWriter::try_new_with_options(&mut bytes, &schema, options).unwrap();
        w.write(&batch).unwrap();
        w.finish().unwrap();
        drop(w);
        bytes
    }

    #[test]
    fn compressed_buffers_declaring_huge_sizes_are_refused_before_allocating() {
        let bytes = lz4_file(1000);
        assert_eq!(Snapshot::from_ipc(&bytes).unwrap().num_rows(), 1000);
        // The values buffer's 8-byte prefix: its uncompressed length, 8000.
        let prefix = 8000i64.to_le_bytes();
        let at = bytes
            .windows(8)
            .position(|w| w == prefix)
            .expect("the length prefix");
        for huge in [1i64 << 40, i64::MAX, (MAX_DECODED_BYTES + 1) as i64] {
            let mut bad = bytes.clone();
            bad[at..at + 8].copy_from_slice(&huge.to_le_bytes());
            let err = Snapshot::from_ipc(&bad).unwrap_err();
            assert_eq!(err.code(), "invalid_argument", "{err}");
            assert!(err.to_string().contains("too large"), "{err}");
        }
        let mut bad = bytes.clone();
        bad[at..at + 8].copy_from_slice(&(-5i64).to_le_bytes());
        assert_eq!(Snapshot::from_ipc(&bad).unwrap_err().code(), "invalid_ipc");
    }

    #[test]
    fn footer_blocks_pointing_outside_the_file_are_refused() {
        let bytes = lz4_file(10);
        let snap = Snapshot::from_ipc(&bytes).unwrap();
        assert_eq!(snap.num_rows(), 10);
        // Every single-byte corruption of the footer decodes or fails with a code, never
        // panics (the footer holds the blocks' offsets and lengths).
        let footer_len =
            i32::from_le_bytes(bytes[bytes.len() - 10..bytes.len() - 6].try_into().unwrap());
        let start = bytes.len() - 10 - footer_len as usize;
        for i in start..bytes.len() {
            for v in [0u8, 0x7f, 0x80, 0xff] {
                let mut bad = bytes.clone();
                bad[i] = v;
                if let Err(e) = Snapshot::from_ipc(&bad) {
                    assert!(!e.code().is_empty());
                }
            }
        }
    }

    #[test]
    fn columns_too_large_to_convert_are_refused() {
        let mut budget = Budget::new("x");
        assert!(budget.vec::<f64>(MAX_COLUMN_BYTES / 8).is_ok());
        assert_eq!(budget.take(1).unwrap_err().code(), "invalid_argument");
        let mut budget = Budget::new("x");
        let err = budget.vec::<f64>(usize::MAX / 4).unwrap_err();
        assert!(err.to_string().contains("too large"), "{err}");
    }

    #[test]
    fn inputs_over_the_limit_are_refused() {
        // SAFETY: the fill closure is never called for a refused length.
        let err = unsafe { try_aligned_buffer(MAX_INPUT_BYTES + 1, |_| unreachable!()) };
        assert_eq!(err.unwrap_err().code(), "invalid_argument");
        let b = aligned_buffer(&[1, 2, 3]).unwrap();
        assert_eq!(b.as_slice(), [1, 2, 3]);
        assert_eq!(b.as_ptr() as usize % 16, 0);
    }

    /// A stream whose second and third batches extend the dictionaries with deltas.
    fn delta_stream<K: ArrowDictionaryKeyType>(
        batches: &[(Vec<&str>, Vec<Option<i32>>)],
    ) -> Vec<u8> {
        use arrow_array::{DictionaryArray, Int32Array};
        use arrow_ipc::writer::{DictionaryHandling, IpcWriteOptions, StreamWriter};
        use arrow_schema::{Field, Schema};
        use std::sync::Arc;
        let dict = |dt: DataType| DataType::Dictionary(Box::new(K::DATA_TYPE), Box::new(dt));
        let schema = Arc::new(Schema::new(vec![
            Field::new("s", dict(DataType::Utf8), true),
            Field::new("n", dict(DataType::Int32), true),
        ]));
        let options =
            IpcWriteOptions::default().with_dictionary_handling(DictionaryHandling::Delta);
        let mut bytes = Vec::new();
        let mut w = StreamWriter::try_new_with_options(&mut bytes, &schema, options).unwrap();
        let mut so_far_s: Vec<&str> = Vec::new();
        let mut so_far_n: Vec<Option<i32>> = Vec::new();
        for (s, n) in batches {
            so_far_s.extend(s);
            so_far_n.extend(n);
            // Keys point at this batch's values, within the grown dictionary.
            let base = so_far_s.len() - s.len();
            let keys: Vec<K::Native> = (0..s.len())
                .map(|i| arrow_buffer::ArrowNativeType::from_usize(base + i).unwrap())
                .collect();
            let keys = PrimitiveArray::<K>::from_iter_values(keys);
            let strings = DictionaryArray::<K>::try_new(
                keys.clone(),
                Arc::new(arrow_array::StringArray::from(so_far_s.clone())),
            )
            .unwrap();
            let numbers =
                DictionaryArray::<K>::try_new(keys, Arc::new(Int32Array::from(so_far_n.clone())))
                    .unwrap();
            let batch =
                RecordBatch::try_new(schema.clone(), vec![Arc::new(strings), Arc::new(numbers)])
                    .unwrap();
            w.write(&batch).unwrap();
        }
        w.finish().unwrap();
        drop(w);
        bytes
    }

    #[test]
    fn delta_dictionaries_are_appended() {
        let bytes = delta_stream::<Int16Type>(&[
            (vec!["a", "b"], vec![Some(1), None]),
            (vec!["c"], vec![Some(3)]),
            (vec!["d", "e"], vec![None, Some(5)]),
        ]);
        let snap = Snapshot::from_ipc(&bytes).unwrap();
        assert_eq!(snap.num_rows(), 5);
        let text = |v: &[&str]| Column::Text(v.iter().map(|s| Some(s.to_string())).collect());
        assert_eq!(snap.column("s").unwrap(), text(&["a", "b", "c", "d", "e"]));
        match snap.column("n").unwrap() {
            Column::Float(v) => {
                let shown: Vec<String> = v.iter().map(|x| format!("{x}")).collect();
                assert_eq!(shown, ["1", "NaN", "3", "NaN", "5"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn decimals_round_once() {
        assert_eq!(decimal_to_f64("12345", 2), 123.45);
        assert_eq!(decimal_to_f64("-5", -3), -5000.0);
        assert_eq!(decimal_to_f64("1", 0), 1.0);
    }
}
