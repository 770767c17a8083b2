// A small promise RPC to the worker (worker.js). call(op, ...args) resolves with the result
// or rejects with an Error carrying the module's error `code`.
let worker;
let next = 1;
const pending = new Map();

function ensure() {
  if (worker) return worker;
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "civic-pulse-engine" });
  worker.onmessage = (ev) => {
    const { id, ok, result, error } = ev.data;
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (ok) p.resolve(result);
    else p.reject(Object.assign(new Error(error.message), { code: error.code }));
  };
  worker.onerror = (ev) => {
    const err = Object.assign(new Error(`worker failed: ${ev.message ?? "error"}`), { code: "worker" });
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  return worker;
}

export function call(op, ...args) {
  const w = ensure();
  const id = next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Transfer nothing: the caller may still need its buffers (own-file bytes are copied).
    w.postMessage({ id, op, args });
  });
}

const datasetCache = new Map();
/** A dataset's columns and metadata, decoded by the module in the worker (cached). */
export function dataset(id) {
  if (!datasetCache.has(id)) datasetCache.set(id, call("dataset", id));
  return datasetCache.get(id);
}

/** One analytics function of the module, by name. */
export function wasm(name, ...args) {
  return call("analytics", name, ...args);
}

let claimsPromise;
/** The reports' claims with verdicts (live from the module when it has checkClaims). */
export function claims() {
  claimsPromise ??= call("claims");
  return claimsPromise;
}
