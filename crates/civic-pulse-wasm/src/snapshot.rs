//! `Snapshot` (an Arrow IPC snapshot decoded in WebAssembly memory).

use civic_pulse::{Column, Error, Snapshot};
use js_sys::{Array, Float64Array, Int32Array, Object};
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::input::ipc_bytes;
use crate::snapshot_view::ViewCache;
use crate::WasmResult;

/// An Arrow IPC snapshot (file or stream format) decoded in WebAssembly memory.
#[wasm_bindgen(js_name = Snapshot)]
pub struct JsSnapshot(pub(crate) Snapshot, pub(crate) ViewCache);

impl From<Snapshot> for JsSnapshot {
    fn from(s: Snapshot) -> Self {
        JsSnapshot(s, ViewCache::default())
    }
}

#[wasm_bindgen(js_class = Snapshot)]
impl JsSnapshot {
    /// Decodes IPC file or stream bytes (told apart from the bytes). Data are always
    /// validated.
    #[wasm_bindgen(js_name = fromIpc)]
    pub fn from_ipc(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
    ) -> WasmResult<JsSnapshot> {
        Ok(Snapshot::from_ipc_buffer(ipc_bytes(bytes)?)?.into())
    }

    /// Decodes one of the report's own snapshots that the page has already hashed (WebCrypto's
    /// `crypto.subtle.digest("SHA-256", bytes)`, hex): validation is skipped when `sha256`
    /// equals `expectedSha256` from `catalog.json`, and runs otherwise. No hashing happens in
    /// WebAssembly. Only for catalog files, with `sha256` computed over exactly these bytes:
    /// a reader's own file goes through `fromIpc`. `validated` tells which path ran.
    #[wasm_bindgen(js_name = fromPrehashedIpc)]
    pub fn from_prehashed_ipc(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
        sha256: &str,
        #[wasm_bindgen(js_name = expectedSha256)] expected_sha256: &str,
    ) -> WasmResult<JsSnapshot> {
        Ok(Snapshot::from_prehashed_ipc_buffer(ipc_bytes(bytes)?, sha256, expected_sha256)?.into())
    }

    /// Whether Arrow's data validation ran (false only after a `fromPrehashedIpc` hash match).
    #[wasm_bindgen(getter)]
    pub fn validated(&self) -> bool {
        self.0.validated()
    }

    /// Rows across all record batches.
    #[wasm_bindgen(getter, js_name = numRows)]
    pub fn num_rows(&self) -> f64 {
        self.0.num_rows() as f64
    }

    /// Column names in schema order.
    #[wasm_bindgen(js_name = columnNames)]
    pub fn column_names(&self) -> Vec<String> {
        self.0.column_names()
    }

    /// One column: `Float64Array` for numbers, `Array<string | null>` for strings and
    /// dates, `Array<boolean | null>` for booleans. Always a copy the caller owns
    /// (`columnView` reads a numeric column in place instead).
    #[wasm_bindgen(
        unchecked_return_type = "Float64Array | Array<string | null> | Array<boolean | null>"
    )]
    pub fn column(&self, name: &str) -> WasmResult<JsValue> {
        Ok(column_to_js(&self.0, self.0.column_index(name)?)?)
    }

    /// The column at a schema position (for duplicate names).
    #[wasm_bindgen(
        js_name = columnAt,
        unchecked_return_type = "Float64Array | Array<string | null> | Array<boolean | null>"
    )]
    pub fn column_at(&self, index: usize) -> WasmResult<JsValue> {
        Ok(column_to_js(&self.0, index)?)
    }

    /// A text column (strings, dictionary strings, dates, timestamps) as keys into its
    /// distinct values: `{keys: Int32Array, values: string[]}`, key -1 = null. Dictionary keys
    /// are kept and no string is made per row (`values[keys[i]]` is row i's text, as `column`
    /// gives it).
    #[wasm_bindgen(js_name = dictionaryColumn, unchecked_return_type = "DictionaryColumn")]
    pub fn dictionary_column(&self, name: &str) -> WasmResult<JsValue> {
        let c = self.0.coded_column(self.0.column_index(name)?)?;
        crate::output::to_js(&DictionaryColumn {
            keys: Int32Array::from(c.keys.as_slice()),
            values: c.values,
        })
    }

    /// The schema's custom metadata as a plain object.
    #[wasm_bindgen(unchecked_return_type = "Record<string, string>")]
    pub fn metadata(&self) -> WasmResult<Object> {
        // fromEntries defines own properties, so a hostile key like "__proto__" stays data.
        let entries: Array = self
            .0
            .metadata()
            .into_iter()
            .map(|(k, v)| Array::of2(&JsValue::from_str(&k), &JsValue::from_str(&v)))
            .collect();
        Object::from_entries(&entries)
            .map_err(|_| Error::InvalidIpc("metadata could not be converted".into()).into())
    }
}

/// A text column as keys + distinct values (`Snapshot.dictionaryColumn`).
#[derive(Serialize, Tsify)]
pub struct DictionaryColumn {
    /// One key per row into `values`; -1 for a null.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "Int32Array")]
    pub keys: Int32Array,
    /// Distinct non-null values in order of first appearance.
    pub values: Vec<String>,
}

/// A column as its JS value: numeric columns straight from the decoded Arrow buffers into one
/// `Float64Array`; text and booleans as arrays with `null`.
fn column_to_js(snap: &Snapshot, index: usize) -> Result<JsValue, Error> {
    let numeric = snap
        .schema()
        .fields()
        .get(index)
        .is_some_and(|f| f.data_type().is_numeric());
    if numeric {
        let chunks = snap.float_chunks(index)?;
        if let [only] = chunks.as_slice() {
            return Ok(Float64Array::from(&only[..]).into());
        }
        let total: usize = chunks.iter().map(|c| c.len()).sum();
        let out = Float64Array::new_with_length(total as u32);
        let mut at = 0u32;
        for c in &chunks {
            let end = at + c.len() as u32;
            out.subarray(at, end).copy_from(c);
            at = end;
        }
        return Ok(out.into());
    }
    Ok(match snap.column_at(index)? {
        Column::Float(v) => Float64Array::from(v.as_slice()).into(),
        Column::Text(v) => v
            .into_iter()
            .map(|s| s.map_or(JsValue::NULL, |s| JsValue::from_str(&s)))
            .collect::<Array>()
            .into(),
        Column::Bool(v) => v
            .into_iter()
            .map(|b| b.map_or(JsValue::NULL, JsValue::from_bool))
            .collect::<Array>()
            .into(),
    })
}
