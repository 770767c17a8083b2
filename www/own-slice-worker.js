// An analysis worker of the parallel own-file analysis (issue 14): one slice in (the columns the
// engine cut of its decoded file, or Arrow bytes; transferred), progress messages and one result
// out. The page starts one per core and terminates them on Cancel.
import init, * as wasm from "../pkg/civic_pulse.js";
import { analyseColumns, analyseSlice } from "./own-slice.js";

self.onmessage = async ({ data }) => {
  try {
    const exports = await init({
      module_or_path: new URL("../pkg/civic_pulse_bg.wasm", import.meta.url),
    });
    let last = 0;
    const run = data.columns
      ? (p) => analyseColumns(wasm, data.columns, data.opts, p)
      : (p) => analyseSlice(wasm, data.bytes, data.opts, p);
    const rows = run((done, total) => {
      // At most ~100 messages per slice: the page redraws one bar, not one per entity.
      if (done === total || done - last >= Math.max(1, total / 100)) {
        last = done;
        self.postMessage({ type: "progress", done, total });
      }
    });
    // WASM memory only grows, so its size now is this worker's peak.
    self.postMessage({ type: "done", rows, memory: exports.memory.buffer.byteLength });
  } catch (e) {
    self.postMessage({
      type: "error",
      error: { code: e?.code ?? "worker", message: String(e?.message ?? e) },
    });
  }
};
