// The one module that talks to the WebAssembly build (../pkg). Everything else on the page
// asks this module for data and analyses, and only renders.
import init, { Snapshot } from "../pkg/civic_pulse.js";

let ready;
/** Loads and instantiates the module once. */
export function start() {
  ready ??= init({ module_or_path: new URL("../pkg/civic_pulse_bg.wasm", import.meta.url) });
  return ready;
}

let catalog;
/** The dataset catalog (www/data/catalog.json), fetched once. */
export async function datasets() {
  catalog ??= fetch(new URL("data/catalog.json", import.meta.url)).then((r) => {
    if (!r.ok) throw new Error(`catalog.json: HTTP ${r.status}`);
    return r.json();
  });
  return catalog;
}

/**
 * Reads one dataset through the WASM module: its metadata and every column as a plain JS
 * array (numbers as Float64Array, strings and dates as arrays).
 */
export async function load(id) {
  await start();
  const entry = (await datasets()).find((d) => d.id === id);
  if (!entry) throw new Error(`unknown dataset: ${id}`);
  const res = await fetch(new URL(`data/${entry.file}`, import.meta.url));
  if (!res.ok) throw new Error(`${entry.file}: HTTP ${res.status}`);
  return read(new Uint8Array(await res.arrayBuffer()), entry);
}

/** Decodes Arrow IPC bytes (a reader's own file too); the snapshot is freed before returning. */
export function read(bytes, entry = null) {
  const snap = Snapshot.fromIpc(bytes);
  try {
    const names = snap.columnNames();
    const columns = Object.fromEntries(names.map((n) => [n, snap.column(n)]));
    return { entry, numRows: snap.numRows, names, columns, metadata: snap.metadata() };
  } finally {
    snap.free();
  }
}

/** Row objects of a tidy time series, optionally filtered by entity and metric. */
export function rows(data, { entity, metric } = {}) {
  const { date, entity: ent, metric: met, value, provenance } = data.columns;
  const out = [];
  for (let i = 0; i < data.numRows; i++) {
    if (entity !== undefined && ent[i] !== entity) continue;
    if (metric !== undefined && met[i] !== metric) continue;
    out.push({ date: new Date(date[i]), entity: ent[i], metric: met[i], value: value[i], provenance: provenance[i] });
  }
  return out;
}
