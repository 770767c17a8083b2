// The page's Web Worker: every WebAssembly call (decoding snapshots, STL, claim checks, the
// reader's own file) runs here so that scrolling and input never wait for it.
// Protocol (rpc.js): {id, op, args} in; {id, ok: true, result} or {id, ok: false, error} out.
import * as engine from "./engine.js";
import { analyseOwn, inspectOwn } from "./own-analysis.js";

const ops = {
  catalog: () => engine.datasets(),
  dataset: (id) => engine.load(id),
  analytics: (name, ...args) => engine.analytics(name, ...args),
  batch: async (calls) => {
    const out = [];
    for (const [name, ...args] of calls) out.push(await engine.analytics(name, ...args));
    return out;
  },
  claims: () => engine.claims(),
  hasClaimEvaluator: () => engine.hasClaimEvaluator(),
  readBytes: async (bytes) => {
    await engine.start();
    return engine.read(bytes);
  },
  inspectOwn: async (bytes) => inspectOwn(engine, bytes),
  analyseOwn: async (opts) => analyseOwn(engine, opts),
};

self.onmessage = async (ev) => {
  const { id, op, args } = ev.data;
  try {
    if (!ops[op]) throw Object.assign(new Error(`unknown op ${op}`), { code: "invalid_argument" });
    const result = await ops[op](...(args ?? []));
    self.postMessage({ id, ok: true, result });
  } catch (e) {
    self.postMessage({ id, ok: false, error: { message: String(e?.message ?? e), code: e?.code ?? (e instanceof WebAssembly.RuntimeError ? "wasm_trap" : "unknown") } });
  }
};
