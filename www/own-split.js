// Engine side of the parallel own-file analysis (issue 14): the engine worker, which holds the
// decoded file, groups the rows by entity and cuts one Arrow slice per analysis worker with the
// on-demand module's sliceIpc (same schema, those rows), balancing rows across slices. Where no
// analysis worker can start (the single-file offline report), `inline` runs the same per-slice
// function, analyseSlice, here over the whole file.
import * as wasm from "../pkg/civic_pulse.js";
import { analyseSlice, isTidy } from "./own-slice.js";

// Tidy slices are read with Tidy.fromIpc and decomposed by the batched tidy.stlAll; Tidy is built
// from dictionary keys (no string per row). false = every file takes the "columns" path.
const TIDY_SLICES = true;

// Largest slice (bytes of the reader's file) a worker is given at once; see splitOwn.
export const SLICE_BYTES = 16 * 1024 * 1024;

function fail(code, message) {
  return Object.assign(new Error(message), { code });
}

/**
 * `{ slices: [{ bytes, entities, rows }], workers, entities, layout, memory, memoryModules }` for
 * `split` workers (`workers` ≤ split; more slices than workers when the file is large), or, with `inline`, `{ result, memory, memoryModules }` (analyseSlice over the whole
 * file on this thread); `memory` is the engine's WASM memory in bytes (both modules).
 */
export async function splitOwn(engine, current, opts) {
  if (!current?.bytes) throw fail("invalid_argument", "no file has been read");
  await engine.start();
  // The engine's WASM memory: the first module and the on-demand one that cuts the slices.
  const memory = async () => {
    const m = await engine.memoryBytes();
    return { memory: m.total, memoryModules: { first: m.first, extra: m.extra } };
  };
  if (opts.inline) return { result: analyseSlice(wasm, current.bytes, opts), ...(await memory()) };
  const { data } = current;
  const ents = data.columns[opts.entity];
  if (!Array.isArray(ents))
    throw fail("no_such_column", `no text column named ${JSON.stringify(opts.entity)}`);
  const n = Math.max(1, Math.min(8, Math.floor(opts.split) || 1));
  // Row indices per entity, in file order (missing entities are left out).
  const groups = new Map();
  for (let i = 0; i < data.numRows; i++) {
    const e = ents[i];
    if (e == null) continue;
    let g = groups.get(e);
    if (!g) {
      g = [];
      groups.set(e, g);
    }
    g.push(i);
  }
  // Largest entities first onto the least loaded slice: rows (≈ work) even across slices. At
  // least one slice per worker, and no slice much above SLICE_BYTES of the file: a worker
  // analyses its slices one after another, so its WASM memory holds one small slice at a time,
  // and so does the on-demand module while it cuts them (issue 14, peak memory).
  const pieces = Math.max(n, Math.ceil(current.bytes.length / (opts.sliceBytes ?? SLICE_BYTES)));
  const bins = Array.from({ length: Math.min(pieces, groups.size) || 1 }, () => ({
    rows: 0,
    entities: 0,
    parts: [],
  }));
  for (const g of [...groups.values()].sort((a, b) => b.length - a.length)) {
    const bin = bins.reduce((a, b) => (b.rows < a.rows ? b : a));
    bin.parts.push(g);
    bin.rows += g.length;
    bin.entities += 1;
  }
  const slices = [];
  for (const b of bins) {
    const idx = new Uint32Array(b.rows);
    let o = 0;
    for (const p of b.parts) {
      idx.set(p, o);
      o += p.length;
    }
    idx.sort(); // file order inside a slice
    slices.push({
      bytes: await engine.sliceBytes(current.bytes, idx),
      entities: b.entities,
      rows: b.rows,
    });
  }
  const layout = TIDY_SLICES && isTidy(data.names, opts) ? "tidy" : "columns";
  const workers = Math.min(n, slices.length);
  return { slices, workers, entities: groups.size, layout, ...(await memory()) };
}
