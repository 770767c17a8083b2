//! The JavaScript bindings: the only module that touches wasm-bindgen, js-sys and
//! serde-wasm-bindgen. Each binding converts its input, calls the core, and converts the
//! result; every failure becomes a JS `Error` with a stable `code` property.

use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{Column, Error};

/// A core [`Error`] on its way to JavaScript.
#[derive(Debug)]
pub struct WasmError(pub Error);

impl From<Error> for WasmError {
    fn from(e: Error) -> Self {
        WasmError(e)
    }
}

impl From<WasmError> for JsValue {
    fn from(WasmError(e): WasmError) -> JsValue {
        let err = js_sys::Error::new(&e.to_string());
        // Reflect::set on a fresh Error object cannot fail; ignore the Ok(bool).
        let _ = Reflect::set(
            &err,
            &JsValue::from_str("code"),
            &JsValue::from_str(e.code()),
        );
        err.into()
    }
}

/// Result type of every binding.
pub type WasmResult<T> = Result<T, WasmError>;

/// IPC bytes from JavaScript (`Uint8Array`, any other typed array or `DataView`, or an
/// `ArrayBuffer`) copied once, straight into an aligned Arrow buffer that is then decoded in
/// place. The size limit is checked and the allocation made fallibly before copying, so an
/// oversized input is an `invalid_argument` error, never an out-of-memory trap.
fn ipc_input(bytes: &JsValue) -> Result<arrow_buffer::Buffer, Error> {
    let view = if let Some(u8s) = bytes.dyn_ref::<js_sys::Uint8Array>() {
        u8s.clone()
    } else if bytes.is_instance_of::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(bytes)
    } else if js_sys::ArrayBuffer::is_view(bytes) {
        let v: &js_sys::DataView = bytes.unchecked_ref();
        js_sys::Uint8Array::new_with_byte_offset_and_length(
            &v.buffer(),
            v.byte_offset() as u32,
            v.byte_length() as u32,
        )
    } else {
        return Err(Error::invalid(format!(
            "invalid bytes: {} (expected a Uint8Array or an ArrayBuffer)",
            analytics_js::describe(bytes)
        )));
    };
    let len = view.length() as usize;
    if len == 0 {
        return Err(Error::InvalidIpc("empty input (0 bytes)".into()));
    }
    // SAFETY: `raw_copy_to_ptr` writes exactly `view.length()` bytes to the destination,
    // which `try_aligned_buffer` allocated with at least `len` bytes.
    unsafe { crate::snapshot::try_aligned_buffer(len, |dst| view.raw_copy_to_ptr(dst)) }
}

/// A numeric column straight into a `Float64Array`: one copy from the decoded Arrow buffers.
fn float_column_to_js(snap: &crate::Snapshot, index: usize) -> Result<JsValue, Error> {
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
    Ok(out.into())
}

fn snapshot_column(snap: &crate::Snapshot, index: usize) -> Result<JsValue, Error> {
    let numeric = snap
        .schema()
        .fields()
        .get(index)
        .is_some_and(|f| f.data_type().is_numeric());
    if numeric {
        float_column_to_js(snap, index)
    } else {
        Ok(column_to_js(snap.column_at(index)?))
    }
}

fn column_to_js(col: Column) -> JsValue {
    match col {
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
    }
}

/// An Arrow IPC snapshot (file or stream format) decoded in WebAssembly memory.
#[wasm_bindgen(js_name = Snapshot)]
pub struct JsSnapshot(crate::Snapshot);

impl JsSnapshot {
    /// `fromIpc` for Rust callers (tests): the same decoding from a byte slice.
    pub fn from_ipc(bytes: &[u8]) -> WasmResult<JsSnapshot> {
        Ok(JsSnapshot(crate::Snapshot::from_ipc(bytes)?))
    }
}

#[wasm_bindgen(js_class = Snapshot)]
impl JsSnapshot {
    /// Decodes IPC file or stream bytes (told apart from the bytes). Data are always
    /// validated.
    #[wasm_bindgen(js_name = fromIpc)]
    pub fn from_ipc_js(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
    ) -> WasmResult<JsSnapshot> {
        Ok(JsSnapshot(crate::Snapshot::from_ipc_buffer(ipc_input(
            bytes,
        )?)?))
    }

    /// Decodes one of the report's own snapshots: when the SHA-256 of `bytes` equals
    /// `expectedSha256` (hex, from `catalog.json`), Arrow's data validation is skipped;
    /// otherwise this is `fromIpc` (validated). `validated` tells which path ran.
    #[wasm_bindgen(js_name = fromTrustedIpc)]
    pub fn from_trusted_ipc(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
        #[wasm_bindgen(js_name = expectedSha256)] expected_sha256: &str,
    ) -> WasmResult<JsSnapshot> {
        Ok(JsSnapshot(crate::Snapshot::from_trusted_ipc_buffer(
            ipc_input(bytes)?,
            expected_sha256,
        )?))
    }

    /// Whether Arrow's data validation ran (false only after a `fromTrustedIpc` hash match).
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
    /// dates, `Array<boolean | null>` for booleans.
    pub fn column(&self, name: &str) -> WasmResult<JsValue> {
        Ok(snapshot_column(&self.0, self.0.column_index(name)?)?)
    }

    /// The column at a schema position (for duplicate names).
    #[wasm_bindgen(js_name = columnAt)]
    pub fn column_at(&self, index: usize) -> WasmResult<JsValue> {
        Ok(snapshot_column(&self.0, index)?)
    }

    /// The given rows (indices across all batches, in order) as Arrow IPC file bytes with the
    /// same schema and metadata.
    #[wasm_bindgen(js_name = sliceIpc)]
    pub fn slice_ipc(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint32Array | number[]")] rows: &JsValue,
    ) -> WasmResult<Vec<u8>> {
        let rows = f64s(rows, "rows")?
            .into_iter()
            .map(|r| index(r, "row"))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(crate::export::rows_to_ipc(&self.0, &rows)?)
    }

    /// The schema's custom metadata as a plain object.
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

/// `sha256(bytes)`: lower-case hex SHA-256 of the bytes (what `catalog.json` lists), computed
/// in WebAssembly.
#[wasm_bindgen(js_name = sha256)]
pub fn js_sha256(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
) -> WasmResult<String> {
    let data = match ipc_input(bytes) {
        Err(Error::InvalidIpc(_)) => return Ok(crate::snapshot::sha256_hex(&[])),
        other => other?,
    };
    Ok(crate::snapshot::sha256_hex(data.as_slice()))
}

// ---- analytics bindings (below this line) ----

// Each binding converts its input, calls `crate::analytics`, and converts the result. Inputs
// documented as "values" accept a `Float64Array`, any other non-BigInt typed array, or a plain
// `Array` whose elements are numbers (null/undefined become NaN = missing; anything else is
// `invalid_argument` naming the position). Integer arguments (lags, windows, indices, periods)
// must be non-negative integral numbers.

mod analytics_js {
    use js_sys::{Array, Float64Array, Object, Reflect, Uint32Array};
    use wasm_bindgen::{JsCast, JsValue};

    use crate::analytics::{Fill, ResolvedStlParams, StlParams};
    use crate::Error;

    /// A short description of a JS value for error messages.
    pub fn describe(v: &JsValue) -> String {
        if let Some(s) = v.as_string() {
            format!("{s:?}")
        } else if let Some(n) = v.as_f64() {
            format!("{n}")
        } else if let Some(b) = v.as_bool() {
            format!("{b}")
        } else if v.is_null() {
            "null".to_string()
        } else if Array::is_array(v) {
            "an array".to_string()
        } else {
            format!(
                "a value of type {}",
                v.js_typeof().as_string().unwrap_or_default()
            )
        }
    }

    /// `Float64Array`, numeric typed array, or `Array` of numbers → `Vec<f64>`.
    pub fn f64s(v: &JsValue, name: &str) -> Result<Vec<f64>, Error> {
        if let Some(a) = v.dyn_ref::<Float64Array>() {
            return Ok(a.to_vec());
        }
        if Array::is_array(v) {
            let a: &Array = v.unchecked_ref();
            return a
                .iter()
                .enumerate()
                .map(|(i, x)| match x.as_f64() {
                    Some(f) => Ok(f),
                    None if x.is_null() || x.is_undefined() => Ok(f64::NAN),
                    None => Err(Error::invalid(format!(
                        "invalid {name}[{i}]: {} (expected a number, null or undefined)",
                        describe(&x)
                    ))),
                })
                .collect();
        }
        let numeric_view = v.is_instance_of::<js_sys::Float32Array>()
            || v.is_instance_of::<js_sys::Int8Array>()
            || v.is_instance_of::<js_sys::Int16Array>()
            || v.is_instance_of::<js_sys::Int32Array>()
            || v.is_instance_of::<js_sys::Uint8Array>()
            || v.is_instance_of::<js_sys::Uint8ClampedArray>()
            || v.is_instance_of::<js_sys::Uint16Array>()
            || v.is_instance_of::<js_sys::Uint32Array>();
        if numeric_view {
            return Ok(Float64Array::new(v).to_vec());
        }
        Err(Error::invalid(format!(
            "invalid {name}: {} (expected a Float64Array or an array of numbers)",
            describe(v)
        )))
    }

    /// A non-negative integral JS number → `usize`.
    pub fn index(v: f64, name: &str) -> Result<usize, Error> {
        if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_991.0 {
            // Saturating cast; on wasm32 anything above u32::MAX saturates and is then
            // refused (or harmlessly out of range) by the core.
            Ok(v as usize)
        } else {
            Err(Error::invalid(format!(
                "invalid {name}: {v} (must be a non-negative integer)"
            )))
        }
    }

    /// `[start, end]` (half-open) → `Range<usize>`.
    pub fn range(v: &JsValue, name: &str) -> Result<std::ops::Range<usize>, Error> {
        let bad = || {
            Error::invalid(format!(
                "invalid {name}: {} (expected [start, end], a half-open index range)",
                describe(v)
            ))
        };
        let items = f64s(v, name).map_err(|_| bad())?;
        match items.as_slice() {
            [a, b] => Ok(index(*a, name)?..index(*b, name)?),
            _ => Err(bad()),
        }
    }

    pub fn set(obj: &Object, key: &str, value: &JsValue) {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = Reflect::set(obj, &JsValue::from_str(key), value);
    }

    pub fn f64_array(v: &[f64]) -> JsValue {
        Float64Array::from(v).into()
    }

    pub fn u32_array(v: impl IntoIterator<Item = usize>) -> Uint32Array {
        // Indices into a wasm32 slice always fit in u32.
        let v: Vec<u32> = v
            .into_iter()
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        Uint32Array::from(v.as_slice())
    }

    const STL_KEYS: &str = "seasonal, trend, lowPass, seasonalDeg, trendDeg, lowPassDeg, robust, \
                            seasonalJump, trendJump, lowPassJump, innerIter, outerIter, fill";

    fn int_opt(key: &str, v: &JsValue) -> Result<usize, Error> {
        match v.as_f64() {
            Some(f) if f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= i32::MAX as f64 => {
                Ok(f as usize)
            }
            _ => Err(Error::invalid(format!(
                "invalid option {key}: {} (must be a non-negative integer)",
                describe(v)
            ))),
        }
    }

    fn deg_opt(key: &str, v: &JsValue) -> Result<u8, Error> {
        match v.as_f64() {
            Some(f) if f == 0.0 || f == 1.0 => Ok(f as u8),
            _ => Err(Error::invalid(format!(
                "invalid option {key}: {} (must be 0 or 1)",
                describe(v)
            ))),
        }
    }

    /// The `stl` options object (all keys optional; undefined/null = default).
    pub fn stl_params(options: &JsValue) -> Result<StlParams, Error> {
        let mut p = StlParams::new();
        if options.is_undefined() || options.is_null() {
            return Ok(p);
        }
        if !options.is_object() || Array::is_array(options) || options.is_function() {
            return Err(Error::invalid(format!(
                "invalid options: {} (expected a plain object)",
                describe(options)
            )));
        }
        let obj: &Object = options.unchecked_ref();
        for key in Object::keys(obj).iter() {
            let k = key.as_string().unwrap_or_default();
            const KNOWN: [&str; 13] = [
                "seasonal",
                "trend",
                "lowPass",
                "seasonalDeg",
                "trendDeg",
                "lowPassDeg",
                "robust",
                "seasonalJump",
                "trendJump",
                "lowPassJump",
                "innerIter",
                "outerIter",
                "fill",
            ];
            if !KNOWN.contains(&k.as_str()) {
                return Err(Error::invalid(format!(
                    "unknown stl option: {k:?} (known: {STL_KEYS})"
                )));
            }
            let v = Reflect::get(obj, &key).map_err(|_| {
                Error::invalid(format!("invalid option {k}: reading it threw an exception"))
            })?;
            if v.is_undefined() || v.is_null() {
                continue;
            }
            match k.as_str() {
                "seasonal" => p.seasonal = int_opt(&k, &v)?,
                "trend" => p.trend = Some(int_opt(&k, &v)?),
                "lowPass" => p.low_pass = Some(int_opt(&k, &v)?),
                "seasonalDeg" => p.seasonal_deg = deg_opt(&k, &v)?,
                "trendDeg" => p.trend_deg = deg_opt(&k, &v)?,
                "lowPassDeg" => p.low_pass_deg = deg_opt(&k, &v)?,
                "seasonalJump" => p.seasonal_jump = int_opt(&k, &v)?,
                "trendJump" => p.trend_jump = int_opt(&k, &v)?,
                "lowPassJump" => p.low_pass_jump = int_opt(&k, &v)?,
                "innerIter" => p.inner_iter = Some(int_opt(&k, &v)?),
                "outerIter" => p.outer_iter = Some(int_opt(&k, &v)?),
                "robust" => {
                    p.robust = v.as_bool().ok_or_else(|| {
                        Error::invalid(format!(
                            "invalid option robust: {} (must be true or false)",
                            describe(&v)
                        ))
                    })?
                }
                "fill" => {
                    p.fill = match v.as_string().as_deref() {
                        Some("linear") => Fill::Linear,
                        Some("none") => Fill::None,
                        _ => {
                            return Err(Error::invalid(format!(
                                "invalid option fill: {} (must be \"linear\" or \"none\")",
                                describe(&v)
                            )))
                        }
                    }
                }
                // infallible: every known key is matched above.
                _ => {}
            }
        }
        Ok(p)
    }

    /// An STL decomposition as the `StlResult` object.
    pub fn stl_to_js(d: &crate::analytics::StlDecomposition) -> Object {
        let o = Object::new();
        set(&o, "trend", &f64_array(&d.trend));
        set(&o, "seasonal", &f64_array(&d.seasonal));
        set(&o, "remainder", &f64_array(&d.remainder));
        set(&o, "weights", &f64_array(&d.weights));
        set(
            &o,
            "seasonallyAdjusted",
            &f64_array(&d.seasonally_adjusted()),
        );
        set(
            &o,
            "seasonalStrength",
            &JsValue::from_f64(d.seasonal_strength),
        );
        set(&o, "trendStrength", &JsValue::from_f64(d.trend_strength));
        set(&o, "filled", &u32_array(d.filled.iter().copied()));
        set(&o, "params", &resolved_to_js(&d.params));
        o
    }

    /// Resolved STL parameters as a camelCase object.
    pub fn resolved_to_js(r: &ResolvedStlParams) -> Object {
        let o = Object::new();
        let n = |v: usize| JsValue::from_f64(v as f64);
        set(&o, "period", &n(r.period));
        set(&o, "seasonal", &n(r.seasonal));
        set(&o, "trend", &n(r.trend));
        set(&o, "lowPass", &n(r.low_pass));
        set(&o, "seasonalDeg", &n(r.seasonal_deg.into()));
        set(&o, "trendDeg", &n(r.trend_deg.into()));
        set(&o, "lowPassDeg", &n(r.low_pass_deg.into()));
        set(&o, "robust", &JsValue::from_bool(r.robust));
        set(&o, "seasonalJump", &n(r.seasonal_jump));
        set(&o, "trendJump", &n(r.trend_jump));
        set(&o, "lowPassJump", &n(r.low_pass_jump));
        set(&o, "innerIter", &n(r.inner_iter));
        set(&o, "outerIter", &n(r.outer_iter));
        let fill = match r.fill {
            Fill::None => "none",
            Fill::Linear => "linear",
        };
        set(&o, "fill", &JsValue::from_str(fill));
        o
    }
}

use analytics_js::{
    describe, f64_array, f64s, index, range, resolved_to_js, set, stl_params, stl_to_js, u32_array,
};

#[wasm_bindgen(typescript_custom_section)]
const ANALYTICS_TS: &'static str = r#"
/** Options of `stl`, named and defaulted as statsmodels' STL (all optional). */
export interface StlOptions {
  seasonal?: number | null; trend?: number | null; lowPass?: number | null;
  seasonalDeg?: 0 | 1 | null; trendDeg?: 0 | 1 | null; lowPassDeg?: 0 | 1 | null;
  robust?: boolean | null;
  seasonalJump?: number | null; trendJump?: number | null; lowPassJump?: number | null;
  innerIter?: number | null; outerIter?: number | null;
  fill?: "linear" | "none" | null;
}
/** The parameters `stl` used, statsmodels' defaults resolved. */
export interface StlResolvedParams {
  period: number; seasonal: number; trend: number; lowPass: number;
  seasonalDeg: number; trendDeg: number; lowPassDeg: number; robust: boolean;
  seasonalJump: number; trendJump: number; lowPassJump: number;
  innerIter: number; outerIter: number; fill: "linear" | "none";
}
/** Result of `stl`: observed = trend + seasonal + remainder. */
export interface StlResult {
  trend: Float64Array; seasonal: Float64Array; remainder: Float64Array; weights: Float64Array;
  seasonallyAdjusted: Float64Array;
  seasonalStrength: number; trendStrength: number;
  /** Indices filled by `fill: "linear"`. */
  filled: Uint32Array;
  params: StlResolvedParams;
}
export interface Extreme { index: number; value: number; }
export interface Extremes { max: Extreme | null; min: Extreme | null; }
export interface NamedPenetration { values: Float64Array; baseName: string; }
export interface TierName { index: number; zh: string; en: string; }
export interface GroupByResult {
  keys: Array<string | null>;
  rows: Float64Array; count: Float64Array; sum: Float64Array; mean: Float64Array;
}
"#;

/// `growth(values, lag)`: `values[t] / values[t - lag] - 1` (NaN where undefined).
#[wasm_bindgen(js_name = growth)]
pub fn js_growth(
    #[wasm_bindgen(js_name = values, unchecked_param_type = "Float64Array | number[]")]
    values: &JsValue,
    lag: f64,
) -> WasmResult<Float64Array> {
    let v = crate::analytics::growth(&f64s(values, "values")?, index(lag, "lag")?)?;
    Ok(Float64Array::from(v.as_slice()))
}

/// `cagr(first, last, periods)`: `(last / first) ** (1 / periods) - 1`.
#[wasm_bindgen(js_name = cagr)]
pub fn js_cagr(first: f64, last: f64, periods: f64) -> WasmResult<f64> {
    Ok(crate::analytics::cagr(first, last, periods)?)
}

/// `compoundGrowth(values, window)`: per-period compound rate over the trailing `window` steps.
#[wasm_bindgen(js_name = compoundGrowth)]
pub fn js_compound_growth(
    #[wasm_bindgen(js_name = values, unchecked_param_type = "Float64Array | number[]")]
    values: &JsValue,
    window: f64,
) -> WasmResult<Float64Array> {
    let v = crate::analytics::compound_growth(&f64s(values, "values")?, index(window, "window")?)?;
    Ok(Float64Array::from(v.as_slice()))
}

/// `impliedStart(last, rate, periods)`: `last / (1 + rate) ** periods`.
#[wasm_bindgen(js_name = impliedStart)]
pub fn js_implied_start(last: f64, rate: f64, periods: f64) -> f64 {
    crate::analytics::implied_start(last, rate, periods)
}

/// `ratioToBase(values, baseIndex)`: `values[i] / values[baseIndex]`.
#[wasm_bindgen(js_name = ratioToBase)]
pub fn js_ratio_to_base(
    #[wasm_bindgen(js_name = values, unchecked_param_type = "Float64Array | number[]")]
    values: &JsValue,
    #[wasm_bindgen(js_name = baseIndex)] base_index: f64,
) -> WasmResult<Float64Array> {
    let v =
        crate::analytics::ratio_to_base(&f64s(values, "values")?, index(base_index, "baseIndex")?)?;
    Ok(Float64Array::from(v.as_slice()))
}

/// `extremes(values)`: `{ max: { index, value } | null, min: { index, value } | null }`.
#[wasm_bindgen(js_name = extremes, unchecked_return_type = "Extremes")]
pub fn js_extremes(
    #[wasm_bindgen(js_name = values, unchecked_param_type = "Float64Array | number[]")]
    values: &JsValue,
) -> WasmResult<Object> {
    let e = crate::analytics::extremes(&f64s(values, "values")?);
    let to_js = |x: Option<crate::analytics::Extreme>| -> JsValue {
        x.map_or(JsValue::NULL, |x| {
            let o = Object::new();
            set(&o, "index", &JsValue::from_f64(x.index as f64));
            set(&o, "value", &JsValue::from_f64(x.value));
            o.into()
        })
    };
    let o = Object::new();
    set(&o, "max", &to_js(e.max));
    set(&o, "min", &to_js(e.min));
    Ok(o)
}

/// `peaks(values)`: `Uint32Array` of local-peak indices (plateaus once, edges never).
#[wasm_bindgen(js_name = peaks)]
pub fn js_peaks(
    #[wasm_bindgen(js_name = values, unchecked_param_type = "Float64Array | number[]")]
    values: &JsValue,
) -> WasmResult<js_sys::Uint32Array> {
    Ok(u32_array(crate::analytics::local_peaks(&f64s(
        values, "values",
    )?)))
}

/// `troughs(values)`: `Uint32Array` of local-trough indices.
#[wasm_bindgen(js_name = troughs)]
pub fn js_troughs(
    #[wasm_bindgen(js_name = values, unchecked_param_type = "Float64Array | number[]")]
    values: &JsValue,
) -> WasmResult<js_sys::Uint32Array> {
    Ok(u32_array(crate::analytics::local_troughs(&f64s(
        values, "values",
    )?)))
}

/// `meanVsPriorMean(values, [start, end], [priorStart, priorEnd])`: mean over mean − 1
/// (half-open index ranges).
#[wasm_bindgen(js_name = meanVsPriorMean)]
pub fn js_mean_vs_prior_mean(
    #[wasm_bindgen(js_name = values, unchecked_param_type = "Float64Array | number[]")]
    values: &JsValue,
    #[wasm_bindgen(js_name = range, unchecked_param_type = "[number, number]")] range_: &JsValue,
    #[wasm_bindgen(js_name = priorRange, unchecked_param_type = "[number, number]")]
    prior_range: &JsValue,
) -> WasmResult<f64> {
    Ok(crate::analytics::mean_vs_prior_mean(
        &f64s(values, "values")?,
        range(range_, "range")?,
        range(prior_range, "priorRange")?,
    )?)
}

/// `penetration(active, base)`: `active[t] / base[t]` (NaN where base is 0 or NaN).
#[wasm_bindgen(js_name = penetration)]
pub fn js_penetration(
    #[wasm_bindgen(js_name = active, unchecked_param_type = "Float64Array | number[]")]
    active: &JsValue,
    #[wasm_bindgen(js_name = base, unchecked_param_type = "Float64Array | number[]")]
    base: &JsValue,
) -> WasmResult<Float64Array> {
    let v = crate::analytics::penetration(&f64s(active, "active")?, &f64s(base, "base")?)?;
    Ok(Float64Array::from(v.as_slice()))
}

/// `penetrationWithBase(active, base, baseName)`: `{ values: Float64Array, baseName: string }`.
#[wasm_bindgen(js_name = penetrationWithBase, unchecked_return_type = "NamedPenetration")]
pub fn js_penetration_with_base(
    #[wasm_bindgen(js_name = active, unchecked_param_type = "Float64Array | number[]")]
    active: &JsValue,
    #[wasm_bindgen(js_name = base, unchecked_param_type = "Float64Array | number[]")]
    base: &JsValue,
    #[wasm_bindgen(js_name = baseName)] base_name: &str,
) -> WasmResult<Object> {
    let p = crate::analytics::Penetration::new(
        &f64s(active, "active")?,
        &f64s(base, "base")?,
        base_name,
    )?;
    let o = Object::new();
    set(&o, "values", &f64_array(&p.values));
    set(&o, "baseName", &JsValue::from_str(&p.base_name));
    Ok(o)
}

/// `ppChange(before, after)`: `100 * (after[i] - before[i])`, shares as fractions → pp.
#[wasm_bindgen(js_name = ppChange)]
pub fn js_pp_change(
    #[wasm_bindgen(js_name = before, unchecked_param_type = "Float64Array | number[]")]
    before: &JsValue,
    #[wasm_bindgen(js_name = after, unchecked_param_type = "Float64Array | number[]")]
    after: &JsValue,
) -> WasmResult<Float64Array> {
    let v = crate::analytics::pp_change(&f64s(before, "before")?, &f64s(after, "after")?)?;
    Ok(Float64Array::from(v.as_slice()))
}

/// `stl(values, period, options)`: `{ trend, seasonal, remainder, weights, seasonallyAdjusted:
/// Float64Array, seasonalStrength, trendStrength: number, filled: Uint32Array, params: object }`.
#[wasm_bindgen(js_name = stl, unchecked_return_type = "StlResult")]
pub fn js_stl(
    #[wasm_bindgen(js_name = values, unchecked_param_type = "Float64Array | number[]")]
    values: &JsValue,
    period: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "StlOptions")] options: &JsValue,
) -> WasmResult<Object> {
    let params = stl_params(options)?;
    let d = crate::analytics::stl(&f64s(values, "values")?, index(period, "period")?, &params)?;
    Ok(stl_to_js(&d))
}

/// `stlParams(period, options)`: the options with statsmodels' defaults resolved (what `stl`
/// would use), or the `invalid_argument` it would throw.
#[wasm_bindgen(js_name = stlParams, unchecked_return_type = "StlResolvedParams")]
pub fn js_stl_params(
    period: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "StlOptions")] options: &JsValue,
) -> WasmResult<Object> {
    let r = stl_params(options)?.resolve(index(period, "period")?)?;
    Ok(resolved_to_js(&r))
}

/// `tierShares(counts)`: `counts[i] / sum(counts)` (all NaN when the sum is 0 or unknown).
#[wasm_bindgen(js_name = tierShares)]
pub fn js_tier_shares(
    #[wasm_bindgen(js_name = counts, unchecked_param_type = "Float64Array | number[]")]
    counts: &JsValue,
) -> WasmResult<Float64Array> {
    let v = crate::analytics::tier_shares(&f64s(counts, "counts")?)?;
    Ok(Float64Array::from(v.as_slice()))
}

/// `tgi(segmentShare, baseShare)`: `100 * segmentShare[i] / baseShare[i]`.
#[wasm_bindgen(js_name = tgi)]
pub fn js_tgi(
    #[wasm_bindgen(js_name = segmentShare, unchecked_param_type = "Float64Array | number[]")]
    segment_share: &JsValue,
    #[wasm_bindgen(js_name = baseShare, unchecked_param_type = "Float64Array | number[]")]
    base_share: &JsValue,
) -> WasmResult<Float64Array> {
    let v = crate::analytics::tgi(
        &f64s(segment_share, "segmentShare")?,
        &f64s(base_share, "baseShare")?,
    )?;
    Ok(Float64Array::from(v.as_slice()))
}

/// `tierNames()`: `[{ index, zh, en }]` in canonical order (一线 … 五线及以下).
#[wasm_bindgen(js_name = tierNames, unchecked_return_type = "TierName[]")]
pub fn js_tier_names() -> Array {
    crate::analytics::CityTier::ALL
        .iter()
        .map(|&t| JsValue::from(tier_to_js(t)))
        .collect()
}

fn tier_to_js(t: crate::analytics::CityTier) -> Object {
    let o = Object::new();
    set(&o, "index", &JsValue::from_f64(t.index() as f64));
    set(&o, "zh", &JsValue::from_str(t.zh()));
    set(&o, "en", &JsValue::from_str(t.en()));
    o
}

/// `parseTier(text)`: `{ index, zh, en }` for a common spelling of a city tier.
#[wasm_bindgen(js_name = parseTier, unchecked_return_type = "TierName")]
pub fn js_parse_tier(text: &str) -> WasmResult<Object> {
    Ok(tier_to_js(crate::analytics::CityTier::parse(text)?))
}

/// `groupBy(keys, values)`: `{ keys: (string | null)[], rows, count, sum, mean: Float64Array }`,
/// groups in order of first appearance; NaN values skipped by count/sum/mean.
#[wasm_bindgen(js_name = groupBy, unchecked_return_type = "GroupByResult")]
pub fn js_group_by(
    #[wasm_bindgen(js_name = keys, unchecked_param_type = "Array<string | null>")] keys: &JsValue,
    #[wasm_bindgen(js_name = values, unchecked_param_type = "Float64Array | number[]")]
    values: &JsValue,
) -> WasmResult<Object> {
    if !Array::is_array(keys) {
        return Err(Error::invalid(format!(
            "invalid keys: {} (expected an array of strings or nulls)",
            analytics_js::describe(keys)
        ))
        .into());
    }
    let arr: &Array = keys.unchecked_ref();
    let k: Vec<Option<String>> = arr
        .iter()
        .enumerate()
        .map(|(i, v)| {
            if v.is_null() || v.is_undefined() {
                Ok(None)
            } else {
                v.as_string().map(Some).ok_or_else(|| {
                    Error::invalid(format!(
                        "invalid keys[{i}]: {} (expected a string or null)",
                        analytics_js::describe(&v)
                    ))
                })
            }
        })
        .collect::<Result<_, Error>>()?;
    let g = crate::analytics::group_by(&k, &f64s(values, "values")?)?;
    let o = Object::new();
    let key_arr: Array = g
        .keys
        .iter()
        .map(|k| k.as_deref().map_or(JsValue::NULL, JsValue::from_str))
        .collect();
    set(&o, "keys", &key_arr);
    let as_f64 = |v: &[usize]| v.iter().map(|&x| x as f64).collect::<Vec<f64>>();
    set(&o, "rows", &f64_array(&as_f64(&g.rows)));
    set(&o, "count", &f64_array(&as_f64(&g.count)));
    set(&o, "sum", &f64_array(&g.sum));
    set(&o, "mean", &f64_array(&g.mean));
    Ok(o)
}

// ---- tidy series and claim checking ----

/// Serde values (claim checks, dated values) as plain JS objects: `None` → `null`, maps →
/// objects.
fn to_js<T: serde::Serialize>(value: &T) -> WasmResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::invalid(format!("result could not be converted: {e}")).into())
}

/// `[start, end]` ISO dates (inclusive; `""` leaves a side open).
fn date_range(v: &JsValue, name: &str) -> WasmResult<(String, String)> {
    let items: Vec<Option<String>> = Array::from(v).iter().map(|x| x.as_string()).collect();
    match (Array::is_array(v), items.as_slice()) {
        (true, [Some(a), Some(b)]) => Ok((a.clone(), b.clone())),
        _ => Err(Error::invalid(format!(
            "invalid {name}: {} (expected [startDate, endDate] as ISO strings)",
            describe(v)
        ))
        .into()),
    }
}

/// A tidy time-series snapshot (`date`, `entity`, `metric`, `value`, optional `provenance` and
/// `category`) decoded once; every series and analysis after that works on WASM memory.
#[wasm_bindgen(js_name = Tidy)]
pub struct JsTidy(crate::Tidy);

impl JsTidy {
    /// `fromIpc` for Rust callers (tests): the same decoding from a byte slice.
    pub fn from_ipc(bytes: &[u8]) -> WasmResult<JsTidy> {
        Ok(JsTidy(crate::Tidy::from_ipc(bytes)?))
    }
}

#[wasm_bindgen(js_class = Tidy)]
impl JsTidy {
    /// Decodes IPC bytes and their tidy columns.
    #[wasm_bindgen(js_name = fromIpc)]
    pub fn from_ipc_js(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
    ) -> WasmResult<JsTidy> {
        let snap = crate::Snapshot::from_ipc_buffer(ipc_input(bytes)?)?;
        Ok(JsTidy(crate::Tidy::from_snapshot(&snap)?))
    }

    /// The tidy columns of an already decoded snapshot.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(snap: &JsSnapshot) -> WasmResult<JsTidy> {
        Ok(JsTidy(crate::Tidy::from_snapshot(&snap.0)?))
    }

    /// Rows.
    #[wasm_bindgen(getter, js_name = numRows)]
    pub fn num_rows(&self) -> f64 {
        self.0.len() as f64
    }

    /// Entities in first-appearance order.
    pub fn entities(&self) -> Vec<String> {
        self.0.entities().to_vec()
    }

    /// Metrics in first-appearance order.
    pub fn metrics(&self) -> Vec<String> {
        self.0.metrics().to_vec()
    }

    /// Categories in first-appearance order (empty without a `category` column).
    pub fn categories(&self) -> Vec<String> {
        self.0.categories().to_vec()
    }

    /// Metrics one entity has.
    #[wasm_bindgen(js_name = metricsOf)]
    pub fn metrics_of(&self, entity: &str) -> WasmResult<Vec<String>> {
        Ok(self.0.metrics_of(entity)?)
    }

    /// One series sorted by date: `{entity, metric, category, dates, values, provenance}`.
    #[wasm_bindgen(unchecked_return_type = "TidySeries")]
    pub fn series(
        &self,
        entity: &str,
        metric: &str,
        category: Option<String>,
    ) -> WasmResult<Object> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        let o = Object::new();
        let strings = |v: &[String]| -> JsValue {
            v.iter()
                .map(|x| JsValue::from_str(x))
                .collect::<Array>()
                .into()
        };
        set(&o, "entity", &JsValue::from_str(&s.entity));
        set(&o, "metric", &JsValue::from_str(&s.metric));
        set(
            &o,
            "category",
            &s.category
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
        );
        set(&o, "dates", &strings(&s.dates));
        set(&o, "values", &f64_array(&s.values));
        set(&o, "provenance", &strings(&s.provenance));
        let qualifier: Array = s
            .qualifier
            .iter()
            .map(|q| q.as_deref().map_or(JsValue::NULL, JsValue::from_str))
            .collect();
        set(&o, "qualifier", &qualifier.into());
        let rows: Vec<u32> = s.rows.iter().map(|&r| r as u32).collect();
        set(
            &o,
            "rows",
            &js_sys::Uint32Array::from(rows.as_slice()).into(),
        );
        Ok(o)
    }

    /// `growth` of one series (lag 1 = MoM, 12 = YoY for monthly data).
    pub fn growth(
        &self,
        entity: &str,
        metric: &str,
        lag: f64,
        category: Option<String>,
    ) -> WasmResult<Float64Array> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        Ok(Float64Array::from(s.growth(index(lag, "lag")?)?.as_slice()))
    }

    /// Each value divided by the value at `baseDate`.
    #[wasm_bindgen(js_name = ratioToBase)]
    pub fn ratio_to_base(
        &self,
        entity: &str,
        metric: &str,
        #[wasm_bindgen(js_name = baseDate)] base_date: &str,
        category: Option<String>,
    ) -> WasmResult<Float64Array> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        Ok(Float64Array::from(s.ratio_to_base(base_date)?.as_slice()))
    }

    /// `{max, min}`, each `{index, date, value}` or null.
    #[wasm_bindgen(unchecked_return_type = "DatedExtremes")]
    pub fn extremes(
        &self,
        entity: &str,
        metric: &str,
        category: Option<String>,
    ) -> WasmResult<JsValue> {
        to_js(
            &self
                .0
                .series(entity, metric, category.as_deref())?
                .extremes(),
        )
    }

    /// Strict local maxima as `[{index, date, value}]`.
    #[wasm_bindgen(js_name = localPeaks, unchecked_return_type = "DatedValue[]")]
    pub fn local_peaks(
        &self,
        entity: &str,
        metric: &str,
        category: Option<String>,
    ) -> WasmResult<JsValue> {
        to_js(
            &self
                .0
                .series(entity, metric, category.as_deref())?
                .local_peaks(),
        )
    }

    /// `mean(window) / mean(prior) - 1`, windows as inclusive `[startDate, endDate]`.
    #[wasm_bindgen(js_name = meanVsPriorMean)]
    pub fn mean_vs_prior_mean(
        &self,
        entity: &str,
        metric: &str,
        #[wasm_bindgen(unchecked_param_type = "[string, string]")] window: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "[string, string]")] prior: &JsValue,
        category: Option<String>,
    ) -> WasmResult<f64> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        let (w, p) = (date_range(window, "window")?, date_range(prior, "prior")?);
        Ok(s.mean_vs_prior_mean((&w.0, &w.1), (&p.0, &p.1))?)
    }

    /// STL of one series (options as the top-level `stl`).
    #[wasm_bindgen(unchecked_return_type = "StlResult")]
    pub fn stl(
        &self,
        entity: &str,
        metric: &str,
        period: f64,
        #[wasm_bindgen(unchecked_param_type = "StlOptions | null | undefined")] options: &JsValue,
        category: Option<String>,
    ) -> WasmResult<Object> {
        let s = self.0.series(entity, metric, category.as_deref())?;
        Ok(stl_to_js(
            &s.stl(index(period, "period")?, &stl_params(options)?)?,
        ))
    }
}

/// Evaluates every claim of `claims.arrow` against the datasets given as
/// `{ [datasetId]: Uint8Array }`; returns `{ checks, summary }`.
#[wasm_bindgen(js_name = checkClaims, unchecked_return_type = "ClaimResults")]
pub fn check_claims_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] claims: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, Uint8Array>")] datasets: &Object,
) -> WasmResult<Object> {
    let claims = crate::Snapshot::from_ipc_buffer(ipc_input(claims)?)?;
    let mut source = std::collections::HashMap::new();
    for entry in Object::entries(datasets).iter() {
        let pair = Array::from(&entry);
        let id = pair.get(0).as_string().unwrap_or_default();
        let bytes = pair.get(1).dyn_into::<js_sys::Uint8Array>().map_err(|v| {
            Error::invalid(format!(
                "invalid datasets[{id:?}]: {} (expected a Uint8Array)",
                describe(&v)
            ))
        })?;
        let snap = crate::Snapshot::from_ipc_buffer(ipc_input(&bytes)?).map_err(|e| match e {
            Error::InvalidIpc(msg) => Error::InvalidIpc(format!("dataset {id:?}: {msg}")),
            other => other,
        })?;
        source.insert(id, snap);
    }
    let checks = crate::claims::check_claims(&claims, &source)?;
    let o = Object::new();
    set(&o, "summary", &to_js(&crate::claims::summarize(&checks))?);
    set(&o, "checks", &to_js(&checks)?);
    Ok(o)
}

/// `checkClaims` for Rust callers (tests): the claims snapshot as a byte slice.
pub fn check_claims(claims: &[u8], datasets: &Object) -> WasmResult<Object> {
    check_claims_js(&js_sys::Uint8Array::from(claims).into(), datasets)
}

#[wasm_bindgen(typescript_custom_section)]
const TIDY_TS: &'static str = r#"
export interface TidySeries {
  entity: string; metric: string; category: string | null;
  dates: string[]; values: Float64Array; provenance: string[];
  /** Printed qualifier per point (≈, >, <, ≥, ≤); null where exact or absent. */
  qualifier: (string | null)[];
  /** Snapshot row of each point, for `Snapshot.sliceIpc`. */
  rows: Uint32Array;
}
export interface DatedValue { index: number; date: string; value: number; }
export interface DatedExtremes { max: DatedValue | null; min: DatedValue | null; }
export interface ClaimCheck {
  id: string; report: string; op: string; dataset: string; printed: string;
  target: number | null; computed: number | string | null; difference: number | null;
  verdict: "matches" | "differs" | "not_computable"; explanation: string;
  parts: { entity: string; computed: number | string; difference: number | null; matches: boolean }[];
  expected: "matches" | "differs" | "not_computable" | null;
}
export interface ClaimTally { total: number; matches: number; differs: number; notComputable: number; }
export interface ClaimResults {
  checks: ClaimCheck[];
  summary: { all: ClaimTally; byReport: Record<string, ClaimTally> };
}
"#;
