// Engine side of the parallel own-file analysis (issue 14): the engine worker, which holds the
// decoded file, groups the rows by entity and cuts one slice per analysis worker, balancing rows
// across slices. A tidy file's slices are columns gathered from the decoded file
// (own-slice-columns.js; the worker builds its Tidy with Tidy.fromColumns): the file's bytes
// are not handed to the on-demand module a second time, which kept a whole copy of the file in
// its WASM memory (issue 14: peak memory ≤ 2× the file). Any other file's slices are Arrow bytes
// cut by the on-demand module's sliceIpc (same schema, those rows). Where no analysis worker can
// start (the single-file offline report), `inline` runs the same analysis here over every row.
import * as wasm from "../pkg/civic_pulse.js";
import { analyseColumns, analyseSlice, isTidy } from "./own-slice.js";
import { columnsFit, cutColumns } from "./own-slice-columns.js";

const TIDY_SLICES = true;

// Largest slice (bytes of the reader's file) a worker is given at once; see splitOwn.
export const SLICE_BYTES = 16 * 1024 * 1024;

/** 0 … n-1. */
function allRows(n) {
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx;
}

function fail(code, message) {
  return Object.assign(new Error(message), { code });
}

/**
 * `{ slices: [{ columns | bytes, entities, rows }], workers, entities, layout, memory, memoryModules }` for
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
  const { data } = current;
  const tidy = TIDY_SLICES && isTidy(data.names, opts);
  const asColumns = tidy && !opts.ipcSlices && columnsFit(data);
  if (opts.inline) {
    const result = asColumns
      ? analyseColumns(wasm, cutColumns(data, allRows(data.numRows)), opts)
      : analyseSlice(wasm, current.bytes, opts);
    return { result, ...(await memory()) };
  }
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
    const cut = asColumns
      ? { columns: cutColumns(data, idx) }
      : { bytes: await engine.sliceBytes(current.bytes, idx) };
    slices.push({ ...cut, entities: b.entities, rows: b.rows });
  }
  const layout = tidy ? "tidy" : "columns";
  const workers = Math.min(n, slices.length);
  return { slices, workers, entities: groups.size, layout, ...(await memory()) };
}
