//! JavaScript values → Rust inputs of the core. Each converter names the argument and the bad
//! value in its `invalid_argument` message, so no JS input reaches the core unchecked.
//!
//! "Values" accept a `Float64Array`, any other non-BigInt typed array, or a plain `Array` of
//! numbers (null/undefined become NaN = missing). Integer arguments (lags, windows, indices,
//! periods) must be non-negative integral numbers.

use civic_pulse::snapshot::MAX_INPUT_BYTES;
use civic_pulse::Error;
use js_sys::{Array, Float64Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// A short description of a JS value for error messages (`"x"`, `1.5`, `null`, `an array`).
///
/// # Example
/// ```no_run
/// // JS values exist only in a JS host; see tests/wasm_analytics.rs.
/// let s = civic_pulse_wasm::input::describe(&wasm_bindgen::JsValue::from_str("x"));
/// assert_eq!(s, "\"x\"");
/// ```
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

/// IPC bytes from JavaScript (`Uint8Array`, any other typed array or `DataView`, or an
/// `ArrayBuffer`) copied once, straight into an aligned Arrow buffer that the core then decodes
/// in place. The size limit is checked and the allocation made fallibly before copying, so an
/// oversized input is an `invalid_argument` error, never an out-of-memory trap.
///
/// # Errors
/// `invalid_argument` for a value that holds no bytes or is too large; `invalid_ipc` for 0
/// bytes.
pub fn ipc_bytes(bytes: &JsValue) -> Result<arrow_buffer::Buffer, Error> {
    let view = if let Some(u8s) = bytes.dyn_ref::<Uint8Array>() {
        u8s.clone()
    } else if bytes.is_instance_of::<js_sys::ArrayBuffer>() {
        Uint8Array::new(bytes)
    } else if js_sys::ArrayBuffer::is_view(bytes) {
        let v: &js_sys::DataView = bytes.unchecked_ref();
        Uint8Array::new_with_byte_offset_and_length(
            &v.buffer(),
            v.byte_offset() as u32,
            v.byte_length() as u32,
        )
    } else {
        return Err(Error::invalid(format!(
            "invalid bytes: {} (expected a Uint8Array or an ArrayBuffer)",
            describe(bytes)
        )));
    };
    let len = view.length() as usize;
    if len == 0 {
        return Err(Error::InvalidIpc("empty input (0 bytes)".into()));
    }
    let mut v = try_words(len)?;
    let words = len.div_ceil(16);
    // No zeroing pass over the whole buffer (it cost a third of the copy, issue 14): the last
    // word is zeroed (the tail past `len`), then the JS bytes are copied over the uninitialised
    // prefix, so every byte is initialised before the words are exposed.
    let spare = v.spare_capacity_mut();
    spare[words - 1].write(0);
    // SAFETY: `MaybeUninit<i128>` words viewed as `MaybeUninit<u8>` bytes: same memory, no
    // alignment requirement for u8, and `len <= 16 * words`.
    let dst = unsafe {
        std::slice::from_raw_parts_mut(spare.as_mut_ptr().cast::<std::mem::MaybeUninit<u8>>(), len)
    };
    view.copy_to_uninit(dst);
    // SAFETY: bytes 0..len were just written by the copy, the rest of the last word above.
    unsafe { v.set_len(words) };
    Ok(arrow_buffer::Buffer::from(arrow_buffer::MutableBuffer::from(v)).slice_with_length(0, len))
}

/// Storage for `len` (> 0) bytes as i128 words (16-byte alignment, so Decimal128 and every
/// narrower type decode in place), reserved fallibly: capacity at least `len.div_ceil(16)`,
/// length 0.
///
/// # Errors
/// `invalid_argument` when `len` exceeds the reader's limit or memory runs out.
pub(crate) fn try_words(len: usize) -> Result<Vec<i128>, Error> {
    if len > MAX_INPUT_BYTES {
        return Err(Error::invalid(format!(
            "input too large: {len} bytes (this reader accepts at most {MAX_INPUT_BYTES})"
        )));
    }
    let words = len.div_ceil(16);
    let mut v: Vec<i128> = Vec::new();
    v.try_reserve_exact(words).map_err(|_| {
        Error::invalid(format!(
            "input too large: not enough memory to hold {len} bytes"
        ))
    })?;
    Ok(v)
}

/// Values (`Float64Array`, numeric typed array, or `Array` of numbers) → `Vec<f64>`.
///
/// # Errors
/// `invalid_argument` naming `name` (and the position for a non-number element).
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
        || v.is_instance_of::<Uint8Array>()
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
///
/// # Example
/// ```
/// use civic_pulse_wasm::input::index;
/// assert_eq!(index(12.0, "period").unwrap(), 12);
/// assert_eq!(index(1.5, "lag").unwrap_err().code(), "invalid_argument");
/// ```
///
/// # Errors
/// `invalid_argument` for NaN, ±inf, negatives, fractions and numbers above 2^53 − 1.
pub fn index(v: f64, name: &str) -> Result<usize, Error> {
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_991.0 {
        // Saturating cast; on wasm32 anything above u32::MAX saturates and is then refused
        // (or harmlessly out of range) by the core.
        Ok(v as usize)
    } else {
        Err(Error::invalid(format!(
            "invalid {name}: {v} (must be a non-negative integer)"
        )))
    }
}

/// Indices (`Uint32Array` or `number[]`) → `Vec<usize>`; `name` is the argument, `item` one
/// element in messages.
///
/// # Errors
/// `invalid_argument` for a value that is not an array of non-negative integers.
pub fn indices(v: &JsValue, name: &str, item: &str) -> Result<Vec<usize>, Error> {
    f64s(v, name)?.into_iter().map(|r| index(r, item)).collect()
}

/// `[start, end]` (half-open) → `Range<usize>`.
///
/// # Errors
/// `invalid_argument` unless `v` is a two-element array of non-negative integers.
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

/// `[start, end]` ISO dates (inclusive; `""` leaves a side open).
///
/// # Errors
/// `invalid_argument` unless `v` is a two-element array of strings.
pub fn date_range(v: &JsValue, name: &str) -> Result<(String, String), Error> {
    let bad = || {
        Error::invalid(format!(
            "invalid {name}: {} (expected [startDate, endDate] as ISO strings)",
            describe(v)
        ))
    };
    if !Array::is_array(v) {
        return Err(bad());
    }
    let items: Vec<Option<String>> = Array::from(v).iter().map(|x| x.as_string()).collect();
    match items.as_slice() {
        [Some(a), Some(b)] => Ok((a.clone(), b.clone())),
        _ => Err(bad()),
    }
}

/// Group keys: an `Array` of strings, null or undefined (missing).
///
/// # Errors
/// `invalid_argument` naming the position of a non-string element, or for a non-array.
pub fn keys(v: &JsValue, name: &str) -> Result<Vec<Option<String>>, Error> {
    if !Array::is_array(v) {
        return Err(Error::invalid(format!(
            "invalid {name}: {} (expected an array of strings or nulls)",
            describe(v)
        )));
    }
    let arr: &Array = v.unchecked_ref();
    arr.iter()
        .enumerate()
        .map(|(i, x)| {
            if x.is_null() || x.is_undefined() {
                Ok(None)
            } else {
                x.as_string().map(Some).ok_or_else(|| {
                    Error::invalid(format!(
                        "invalid {name}[{i}]: {} (expected a string or null)",
                        describe(&x)
                    ))
                })
            }
        })
        .collect()
}
