//! Reading Arrow IPC bytes (file or stream format) into typed columns.
//!
//! The reader accepts anything valid Arrow can describe; [`Snapshot::column`] then converts one
//! column into the three shapes JavaScript gets ([`Column`]) or refuses its type with
//! `unsupported_type`, naming the type and the column. One concept per file:
//!
//! | file | concern |
//! |---|---|
//! | `framing.rs` | file footer and blocks, stream messages |
//! | `bounds.rs` | every batch's nodes and buffers checked against the bytes present |
//! | `byte_order.rs` | the schema's endianness: big-endian bodies swapped, read exactly |
//! | `dictionary.rs` | decoding checked batches; dictionaries and delta dictionaries |
//! | `limits.rs` | size limits and fallible, charged allocation |
//! | `column.rs` | the typed [`Column`] and which Arrow types have one |
//! | `convert.rs` | Arrow arrays → [`Column`] |
//! | `coded.rs` | text columns as keys + distinct values ([`CodedColumn`]), no string per row |
//! | `validate.rs` | our own validation of flat batches with dictionary columns (fast key checks) |
//! | `mod.rs` | the [`Snapshot`] type |

use std::borrow::Cow;
use std::collections::BTreeMap;

use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_buffer::Buffer;
use arrow_schema::SchemaRef;

use crate::{Error, Result};

mod bounds;
mod byte_order;
mod coded;
mod column;
mod convert;
mod dictionary;
mod framing;
mod limits;
mod validate;

pub use crate::hash::sha256_hex;
pub use coded::CodedColumn;
pub use column::Column;
// The bindings copy JavaScript bytes straight into an aligned buffer (src/wasm.rs, wasm32).
#[allow(unused_imports)]
pub(crate) use limits::try_aligned_buffer;
pub use limits::{aligned_buffer, MAX_COLUMN_BYTES, MAX_DECODED_BYTES, MAX_INPUT_BYTES, MAX_ROWS};

use column::{check_supported, kind, Kind};
use convert::convert_into;
use limits::Budget;

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

    /// [`Snapshot::from_trusted_ipc_buffer`] when the caller has already hashed the bytes
    /// (the page hashes its own snapshots with WebCrypto's `crypto.subtle.digest`, far faster
    /// than SHA-256 in WebAssembly): validation is skipped when `sha256_of_data` equals
    /// `expected_sha256` (both 64 hex digits, case-insensitive), and runs otherwise.
    ///
    /// This moves the hash check to the caller, so it is for the report's **own** snapshots
    /// only: `expected_sha256` from `catalog.json` and `sha256_of_data` computed over exactly
    /// these bytes. A reader's own file must go through [`Snapshot::from_ipc`]. Framing and
    /// every buffer's bounds are checked on every path; what is skipped is Arrow's check of the
    /// values themselves (offsets, UTF-8, dictionary keys). In safe Rust a violation there is at
    /// worst a refused column, a wrong string or a trap, never a read outside WebAssembly
    /// memory, and the matching hash of a file our own build wrote rules it out.
    ///
    /// # Errors
    /// As [`Snapshot::from_ipc`].
    ///
    /// # Example
    /// ```
    /// let bytes = civic_pulse::export::rows_to_ipc(&civic_pulse::tidy::example_snapshot().unwrap(), &[0, 1]).unwrap();
    /// use civic_pulse::{snapshot::sha256_hex, Snapshot};
    /// let h = sha256_hex(&bytes);
    /// let data = arrow_buffer::Buffer::from_vec(bytes.clone());
    /// assert!(!Snapshot::from_prehashed_ipc_buffer(data.clone(), &h, &h).unwrap().validated());
    /// assert!(Snapshot::from_prehashed_ipc_buffer(data, &h, "00").unwrap().validated());
    /// ```
    pub fn from_prehashed_ipc_buffer(
        data: Buffer,
        sha256_of_data: &str,
        expected_sha256: &str,
    ) -> Result<Snapshot> {
        let hex = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
        let (got, want) = (sha256_of_data.trim(), expected_sha256.trim());
        let trusted = hex(got) && hex(want) && got.eq_ignore_ascii_case(want);
        Snapshot::decode(&data, trusted)
    }

    fn decode(data: &Buffer, trusted: bool) -> Result<Snapshot> {
        let d = framing::decode(data, trusted)?;
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

    /// A text column (strings, dictionary strings, dates, timestamps, times) as one key per
    /// row into its distinct values ([`CodedColumn`]): dictionary keys are kept (remapped once
    /// per batch), and no string is built per row — each distinct value is formatted once.
    /// The values are the text [`Snapshot::column`] gives.
    ///
    /// # Errors
    /// As [`Snapshot::column_at`]; `schema_mismatch` when the column is numeric or boolean.
    ///
    /// # Example
    /// ```
    /// let snap = civic_pulse::tidy::example_snapshot().unwrap();
    /// let c = snap.coded_column(snap.column_index("date").unwrap()).unwrap();
    /// assert_eq!(c.values, ["2023-01-01", "2023-02-01", "2023-03-01"]);
    /// assert_eq!(c.keys, [0, 0, 1, 1, 2, 2]);
    /// ```
    pub fn coded_column(&self, index: usize) -> Result<CodedColumn> {
        let (field, name) = self.field_at(index)?;
        if !matches!(kind(field.data_type()), Some(Kind::Text)) {
            return Err(Error::SchemaMismatch(format!(
                "column {name:?} is {}, not text",
                field.data_type()
            )));
        }
        let mut coder = coded::Coder::new(name, self.num_rows)?;
        for array in self.arrays(index, name)? {
            coder.push(array)?;
        }
        Ok(coder.finish())
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
