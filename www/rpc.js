// A small promise RPC to the engine (worker.js). call(op, ...args) resolves with the result
// or rejects with an Error carrying the module's error `code`.
// The transport is a Worker by default; useTransport() replaces it (the single-file offline
// report starts a Blob-URL worker, or runs the ops on the main thread when that fails).
let worker;
let next = 1;
const pending = new Map();
let factory = () =>
  new Worker(new URL("./worker.js", import.meta.url), {
    type: "module",
    name: "civic-pulse-engine",
  });
let local = null; // ops object when the engine runs on this thread

/** Replaces the transport: { worker: () => Worker } or { ops } (main-thread engine). */
export function useTransport(t) {
  if (t.worker) factory = t.worker;
  local = t.ops ?? null;
  worker = undefined;
}

function settle(data) {
  const { id, ok, result, error } = data;
  const p = pending.get(id);
  if (!p) return;
  pending.delete(id);
  if (ok) p.resolve(result);
  else p.reject(Object.assign(new Error(error.message), { code: error.code }));
}

function ensure() {
  if (worker) return worker;
  worker = factory();
  worker.onmessage = (ev) => settle(ev.data);
  worker.onerror = (ev) => {
    const err = Object.assign(new Error(`worker failed: ${ev.message ?? "error"}`), {
      code: "worker",
    });
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  return worker;
}

export function call(op, ...args) {
  if (local) {
    // Same contract as the worker: errors keep their code; results are structured-cloned
    // (so callers cannot tell, and cannot mutate the engine's caches).
    return Promise.resolve()
      .then(() => {
        if (!Object.hasOwn(local, op))
          throw Object.assign(new Error(`unknown op ${op}`), { code: "invalid_argument" });
        return local[op](...args.map((a) => structuredClone(a)));
      })
      .then(
        (r) => structuredClone(r),
        (e) => {
          throw Object.assign(new Error(String(e?.message ?? e)), {
            code: e?.code ?? (e instanceof WebAssembly.RuntimeError ? "wasm_trap" : "unknown"),
          });
        },
      );
  }
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
