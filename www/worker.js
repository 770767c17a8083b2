// The page's Web Worker: every WebAssembly call (decoding snapshots, STL, claim checks, the
// reader's own file, Arrow slices) runs here so that scrolling and input never wait for it.
// Protocol (rpc.js): {id, op, args} in; {id, ok: true, result} or {id, ok: false, error} out.
// The same ops run on the main thread when no worker can be started (ops.js, the offline file).
import { ops } from "./ops.js";

self.onmessage = async (ev) => {
  const { id, op, args } = ev.data;
  try {
    if (!Object.hasOwn(ops, op))
      throw Object.assign(new Error(`unknown op ${op}`), { code: "invalid_argument" });
    const result = await ops[op](...(args ?? []));
    self.postMessage({ id, ok: true, result });
  } catch (e) {
    self.postMessage({
      id,
      ok: false,
      error: {
        message: String(e?.message ?? e),
        code: e?.code ?? (e instanceof WebAssembly.RuntimeError ? "wasm_trap" : "unknown"),
      },
    });
  }
};

// Served over HTTP(S), the engine starts fetching and compiling the WASM module and the catalog
// as soon as the worker runs, before the page's first request (which waits for the same
// promises; a failure here is retried by that request). The single-file report's Blob worker is
// configured with its inlined bytes first, so it does not start early.
if (/^https?:$/.test(self.location.protocol)) ops.warm().catch(() => {});
