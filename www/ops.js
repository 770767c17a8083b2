// The engine's operations by name: what rpc.js can ask for. worker.js serves them in a Web
// Worker; the single-file offline report can serve them on the main thread when no worker starts.
import * as engine from "./engine.js";
import { analyseOwn, inspectOwn } from "./own-analysis.js";

export const ops = {
  // The single-file report hands over its inlined WASM and data bytes first.
  configure: (assets) => {
    engine.configure(assets);
    return true;
  },
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
  canSlice: () => engine.canSlice(),
  slice: (id, rows) => engine.slice(id, rows),
  readBytes: async (bytes) => {
    await engine.start();
    return engine.read(bytes);
  },
  inspectOwn: async (bytes) => inspectOwn(engine, bytes),
  analyseOwn: async (opts) => analyseOwn(engine, opts),
};
