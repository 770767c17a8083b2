// The CSV reader's own Web Worker, started only when a reader opens a CSV or TSV file (bundled
// with flechette into www/vendor/csv-worker.js by tools/vendor.mjs). It reads the File in
// chunks, posts progress, and answers with the Arrow IPC bytes (transferred, not copied).
// Cancelling is terminating this worker. Protocol: {file, options} in;
// {type: "progress", loaded, total, rows} | {type: "done", ipc, report} |
// {type: "error", error: {code, reason, message, row?, column?, value?}} out.
import { convert, fileSource } from "./convert.js";

self.onmessage = async ({ data }) => {
  const { file, options = {} } = data;
  try {
    let last = 0;
    const onProgress = (p) => {
      const now = performance.now();
      if (now - last < 100 && p.loaded < p.total) return;
      last = now;
      self.postMessage({ type: "progress", ...p });
    };
    const { ipc, report } = await convert(fileSource(file), { ...options, onProgress });
    self.postMessage({ type: "done", ipc, report }, [ipc.buffer]);
  } catch (e) {
    const { code = "invalid_csv", reason, row, column, value } = e ?? {};
    self.postMessage({
      type: "error",
      error: { code, reason, message: String(e?.message ?? e), row, column, value },
    });
  }
};
