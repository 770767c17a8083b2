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
  // Starts the first module's download and compile and the catalog's fetch (worker.js does at
  // once when served; a page may ask too): the first request then finds them under way.
  warm: async () => {
    await Promise.all([engine.start(), engine.datasets()]);
    return true;
  },
  // The first screen's datasets, fetched and decoded ahead of the page's first request.
  prefetch: async (ids) => {
    await Promise.all(ids.map((id) => engine.prefetch(id)));
    return true;
  },
  series: (id, sel) => engine.series(id, sel),
  seriesAll: (id, filter) => engine.seriesAll(id, filter),
  names: (id) => engine.names(id),
  table: (id, columns) => engine.table(id, columns),
  analytics: (name, ...args) => engine.analytics(name, ...args),
  batch: async (calls) => {
    const out = [];
    for (const [name, ...args] of calls) out.push(await engine.analytics(name, ...args));
    return out;
  },
  claims: () => engine.claims(),
  slice: (id, rows) => engine.slice(id, rows),
  inspectOwn: async (bytes) => inspectOwn(engine, bytes),
  analyseOwn: async (opts) => analyseOwn(engine, opts),
};
