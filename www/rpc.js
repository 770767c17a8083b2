// A small promise RPC to the engine (worker.js). call(op, ...args) resolves with the result
// or rejects with an Error carrying the module's error `code`.
// The transport is a Worker by default; useTransport() replaces it (the single-file offline
// report starts a Blob-URL worker, or runs the ops on the main thread when that fails).
let worker;
let next = 1;
const pending = new Map();
// The served page's bundle (tools/bundle.mjs) defines globalThis.CP_WORKER as the bundled
// worker's file name; the source modules start worker.js itself.
const WORKER_FILE = globalThis.CP_WORKER ?? "./worker.js";
// The served page's boot script and its main module are separate bundles, each with its own copy
// of this module: the worker boot.js starts early is handed over through this global, so that
// the page talks to that one engine (its WASM module already loading) rather than a second.
const EARLY = "civicPulseEngineWorker";
const early = () => {
  globalThis[EARLY] ??= new Worker(new URL(WORKER_FILE, import.meta.url), {
    type: "module",
    name: "civic-pulse-engine",
  });
  return globalThis[EARLY];
};
let factory = early;
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

/**
 * Starts the engine's worker now (www/boot.js, while the page's modules still download): the
 * worker begins fetching and compiling the WASM module at once, and fetching and decoding the
 * datasets named in `prefetch` (the first screen's). No-op on the main-thread engine.
 */
export function warm(prefetch = []) {
  if (local) return;
  // Message id 0 is never pending: the answer is dropped (boot.js has its own copy of this
  // module, so an id from its counter could collide with one of the page's calls).
  if (prefetch.length) ensure().postMessage({ id: 0, op: "prefetch", args: [prefetch] });
  else ensure();
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

const cache = new Map();
/** Asks once per distinct request: the engine's answers for a dataset never change. */
function once(op, ...args) {
  const key = JSON.stringify([op, ...args]);
  if (!cache.has(key)) {
    const p = call(op, ...args);
    p.catch(() => cache.delete(key)); // a failed request may be retried
    cache.set(key, p);
  }
  return cache.get(key);
}

/** One series of a dataset, selected by the module (engine.series). */
export function series(id, sel) {
  return once("series", id, sel);
}

/** Every series of a dataset, optionally of one entity and/or metric (engine.seriesAll). */
export function seriesAll(id, filter = {}) {
  return once("seriesAll", id, filter);
}

/** The named columns of a table dataset (engine.table). */
export function table(id, columns) {
  return once("table", id, columns);
}

/** One analytics function of the module, by name. */
export function wasm(name, ...args) {
  return call("analytics", name, ...args);
}

/** The reports' claims with the module's verdicts (asked once, when first needed). */
export function claims() {
  return once("claims");
}
