//! `sliceIpc`: chosen rows of an Arrow IPC file cut back out as an Arrow IPC file (the page's
//! "Arrow (these rows)" download).

use civic_pulse::Snapshot;
use wasm_bindgen::prelude::*;

use civic_pulse_wasm::input::{indices, ipc_bytes};
use civic_pulse_wasm::WasmResult;

/// `sliceIpc(bytes, rows)`: the given rows (indices across all record batches, in the order
/// given) of the IPC file or stream `bytes`, as Arrow IPC **file** bytes with the same schema
/// and metadata. `bytes` are decoded and validated here (this module shares no memory with the
/// first one, so it takes the dataset's bytes rather than its `Snapshot`).
///
/// Errors: `invalid_ipc` for bytes that are not Arrow IPC; `invalid_argument` for a row that is
/// not a non-negative integer below the number of rows.
#[wasm_bindgen(js_name = sliceIpc)]
pub fn slice_ipc(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint32Array | number[]")] rows: &JsValue,
) -> WasmResult<Vec<u8>> {
    let snap = Snapshot::from_ipc_buffer(ipc_bytes(bytes)?)?;
    let rows = indices(rows, "rows", "row")?;
    Ok(civic_pulse::export::rows_to_ipc(&snap, &rows)?)
}
