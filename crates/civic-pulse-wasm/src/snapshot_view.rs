//! Bytes in and numbers out without the extra copies (issue 14): `IpcInput`, a buffer in
//! WebAssembly memory that the caller fills (from a `File`, a stream or `fs.readSync`) and
//! `Snapshot.fromInput` decodes in place, so a reader's file is copied exactly once; and
//! `Snapshot.columnView`, a numeric column as a `Float64Array` view onto WebAssembly memory.
//!
//! # Lifetime of a view
//! A view (`IpcInput.bytes()`, `Snapshot.columnView()`) is valid until the object it came from
//! is freed (or decoded, for an input) **or WebAssembly memory grows**: growth detaches every
//! view (its `length` becomes 0), and any later call into the module may grow memory. So take a
//! view, use it, and take a fresh one after the next call into the module. A column view is
//! read-only by contract: the snapshot's data are shared with it, and writing through it
//! changes what every later call reads.

use std::borrow::Cow;
use std::cell::RefCell;

use civic_pulse::{Error, Snapshot};
use js_sys::{Float64Array, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::input::{index, try_words};
use crate::snapshot::JsSnapshot;
use crate::WasmResult;

/// Numeric columns converted once for `columnView` (those the decoded Arrow buffers cannot
/// show as one `f64` slice: several record batches, nulls, other numeric types), kept as long
/// as the snapshot so that their views stay valid as long as a direct view would.
#[derive(Default)]
pub struct ViewCache(RefCell<Vec<(usize, Box<[f64]>)>>);

/// A buffer of `length` bytes in WebAssembly memory (16-byte aligned) for IPC bytes the caller
/// writes in place: `new IpcInput(file.size)`, then `input.bytes().set(chunk, offset)` for each
/// chunk read, then `Snapshot.fromInput(input)`, which decodes these bytes where they are.
/// Bytes never written are zero.
#[wasm_bindgen(js_name = IpcInput)]
pub struct JsIpcInput {
    words: Option<Vec<i128>>,
    len: usize,
}

#[wasm_bindgen(js_class = IpcInput)]
impl JsIpcInput {
    /// Allocates `length` zeroed bytes, fallibly, before anything is read.
    ///
    /// # Errors
    /// `invalid_argument` for a length that is not a positive integer, exceeds the reader's
    /// limit (1 GiB) or does not fit in memory.
    #[wasm_bindgen(constructor)]
    pub fn new(length: f64) -> WasmResult<JsIpcInput> {
        let len = index(length, "length")?;
        if len == 0 {
            return Err(Error::InvalidIpc("empty input (0 bytes)".into()).into());
        }
        let mut words = try_words(len)?;
        // Within the reserved capacity: zeroing reallocates nothing and cannot fail. Zeroed so
        // that bytes the caller leaves unwritten are defined (and read as invalid IPC).
        words.resize(len.div_ceil(16), 0);
        Ok(JsIpcInput {
            words: Some(words),
            len,
        })
    }

    /// The buffer's size in bytes.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> f64 {
        self.len as f64
    }

    /// A `Uint8Array` view of the buffer for the caller to write into (see the module notes:
    /// valid until `fromInput`, `free` or the next call that may grow memory; take a fresh
    /// view for each write).
    ///
    /// # Errors
    /// `invalid_argument` once the input has been decoded.
    pub fn bytes(&mut self) -> WasmResult<Uint8Array> {
        let words = self.words.as_mut().ok_or_else(consumed)?;
        // SAFETY: the view covers `len` bytes of `words`' initialised storage and lives in JS
        // under this module's documented lifetime (until this input is decoded or freed, or
        // memory grows); Rust reads these bytes only after the caller's writes, in fromInput.
        Ok(unsafe { Uint8Array::view_mut_raw(words.as_mut_ptr().cast::<u8>(), self.len) })
    }
}

fn consumed() -> Error {
    Error::invalid("invalid input: this IpcInput has already been decoded (make a new one)")
}

#[wasm_bindgen(js_class = Snapshot)]
impl JsSnapshot {
    /// Decodes the IPC bytes written into `input` in place (no copy): the buffer becomes the
    /// snapshot's, and `input` cannot be used again. Validated, as `fromIpc`.
    ///
    /// # Errors
    /// As `fromIpc`; `invalid_argument` for an input already decoded.
    #[wasm_bindgen(js_name = fromInput)]
    pub fn from_input(input: &mut JsIpcInput) -> WasmResult<JsSnapshot> {
        let words = input.words.take().ok_or_else(consumed)?;
        let data = arrow_buffer::Buffer::from(arrow_buffer::MutableBuffer::from(words))
            .slice_with_length(0, input.len);
        Ok(Snapshot::from_ipc_buffer(data)?.into())
    }

    /// A numeric column as a `Float64Array` **view onto WebAssembly memory** (no copy out):
    /// a float64 column without nulls in one record batch is shown where the decoder left it;
    /// any other numeric column (nulls as NaN, integers, several batches) is converted once,
    /// kept with the snapshot, and shown from there. Valid until the snapshot is freed or
    /// memory grows (module notes); read-only by contract. `column` keeps returning a copy.
    ///
    /// # Errors
    /// `no_such_column`; `schema_mismatch` for a column that is not numeric; `invalid_argument`
    /// when converting would exceed the column size limit or memory.
    #[wasm_bindgen(js_name = columnView)]
    pub fn column_view(&self, name: &str) -> WasmResult<Float64Array> {
        let index = self.0.column_index(name)?;
        let mut cache = self.1 .0.borrow_mut();
        if let Some((_, v)) = cache.iter().find(|(i, _)| *i == index) {
            // SAFETY: the boxed slice lives as long as this snapshot (documented lifetime).
            return Ok(unsafe { Float64Array::view(v) });
        }
        let chunks = self.0.float_chunks(index)?;
        let values: Box<[f64]> = match chunks.as_slice() {
            // SAFETY: the decoded Arrow buffer lives as long as this snapshot.
            [Cow::Borrowed(only)] => return Ok(unsafe { Float64Array::view(only) }),
            [] => return Ok(Float64Array::new_with_length(0)),
            _ => {
                let total: usize = chunks.iter().map(|c| c.len()).sum();
                let mut v: Vec<f64> = Vec::new();
                v.try_reserve_exact(total).map_err(|_| {
                    Error::invalid(format!(
                        "column {name:?} too large: not enough memory for {total} values"
                    ))
                })?;
                for c in &chunks {
                    v.extend_from_slice(c);
                }
                v.into_boxed_slice()
            }
        };
        // SAFETY: as above; the box is moved into the cache, its heap storage does not move.
        let view = unsafe { Float64Array::view(&values) };
        cache.push((index, values));
        Ok(view)
    }
}
