// The one module that talks to the WebAssembly build (../pkg). It runs inside the Web Worker
// (worker.js); the page asks it for data and analyses through rpc.js, and only renders.
import init, * as wasm from "../pkg/civic_pulse.js";

// Bytes the host carries itself instead of fetching them: the single-file offline report and the
// build-time prerender (Node) set them with configure({ wasm: Uint8Array, files: { name: Uint8Array } })
// before the first call. Served pages leave them unset and fetch relative to this module.
let assets = null;
export function configure(a) {
  assets = a;
}

let ready;
/** Loads and instantiates the module once. */
export function start() {
  ready ??= init({
    module_or_path: assets?.wasm ?? new URL("../pkg/civic_pulse_bg.wasm", import.meta.url),
  });
  return ready;
}

let catalog;
/** The dataset catalog (www/data/catalog.json), fetched once. */
export async function datasets() {
  if (assets?.files)
    catalog ??= Promise.resolve(JSON.parse(new TextDecoder().decode(assets.files["catalog.json"])));
  catalog ??= fetch(new URL("data/catalog.json", import.meta.url)).then((r) => {
    if (!r.ok) throw new Error(`catalog.json: HTTP ${r.status}`);
    return r.json();
  });
  return catalog;
}

const fileCache = new Map();
/** The raw Arrow IPC bytes of a dataset (fetched once). */
export async function bytes(id) {
  const entry = (await datasets()).find((d) => d.id === id);
  if (!entry)
    throw Object.assign(new Error(`unknown dataset: ${id}`), { code: "invalid_argument" });
  if (!fileCache.has(id) && assets?.files) {
    const b = assets.files[entry.file];
    if (!b)
      throw Object.assign(new Error(`${entry.file}: not in this file`), {
        code: "invalid_argument",
      });
    fileCache.set(id, Promise.resolve(b));
  }
  if (!fileCache.has(id)) {
    fileCache.set(
      id,
      fetch(new URL(`data/${entry.file}`, import.meta.url)).then(async (res) => {
        if (!res.ok) throw new Error(`${entry.file}: HTTP ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      }),
    );
  }
  return { entry, bytes: await fileCache.get(id) };
}

const loaded = new Map();
/**
 * Reads one dataset through the WASM module: its metadata and every column as a plain JS
 * array (numbers as Float64Array, strings and dates as arrays).
 */
export async function load(id) {
  await start();
  if (!loaded.has(id)) {
    loaded.set(
      id,
      bytes(id).then(({ entry, bytes: b }) => read(b, entry)),
    );
  }
  return loaded.get(id);
}

/** Decodes Arrow IPC bytes (a reader's own file too); the snapshot is freed before returning. */
export function read(b, entry = null) {
  const snap = wasm.Snapshot.fromIpc(b);
  try {
    const names = snap.columnNames();
    const columns = Object.fromEntries(names.map((n, i) => [n, snap.columnAt(i)]));
    return { entry, numRows: snap.numRows, names, columns, metadata: snap.metadata() };
  } finally {
    snap.free();
  }
}

/** Whether this build of the module can cut Arrow IPC slices (Snapshot.sliceIpc). */
export async function canSlice() {
  await start();
  return typeof wasm.Snapshot.prototype.sliceIpc === "function";
}

/**
 * The rows `rows` (indices into the dataset) of a dataset as an Arrow IPC file cut by the module:
 * same schema and metadata, those rows. Without sliceIpc (an older pkg/) the whole file.
 */
export async function slice(id, rows) {
  await start();
  const { bytes: b } = await bytes(id);
  if (!rows || typeof wasm.Snapshot.prototype.sliceIpc !== "function")
    return { sliced: false, bytes: b.slice() };
  const snap = wasm.Snapshot.fromIpc(b);
  try {
    return { sliced: true, bytes: snap.sliceIpc(Uint32Array.from(rows)) };
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
    out.push({
      date: new Date(date[i]),
      entity: ent[i],
      metric: met[i],
      value: value[i],
      provenance: provenance[i],
    });
  }
  return out;
}

// The analytics the page may call by name (plain arrays in, typed arrays / objects out).
const ANALYTICS = [
  "growth",
  "cagr",
  "compoundGrowth",
  "impliedStart",
  "ratioToBase",
  "extremes",
  "peaks",
  "troughs",
  "meanVsPriorMean",
  "penetration",
  "penetrationWithBase",
  "ppChange",
  "stl",
  "stlParams",
  "tierShares",
  "tgi",
  "tierNames",
  "parseTier",
  "groupBy",
];
/** Calls one analytics export of the module by name. */
export async function analytics(name, ...args) {
  await start();
  if (!ANALYTICS.includes(name) || typeof wasm[name] !== "function") {
    throw Object.assign(new Error(`no such analytics function: ${name}`), {
      code: "invalid_argument",
    });
  }
  return wasm[name](...args);
}

/** Whether this build of the module has the live claim evaluator. */
export async function hasClaimEvaluator() {
  await start();
  return typeof wasm.checkClaims === "function";
}

/**
 * The claims of the reports with their verdicts.
 * Live: the module's checkClaims() over claims.arrow and every dataset it names.
 * ---- FALLBACK (a pkg/ built before checkClaims existed) ----
 * Without it, returns claims.arrow's rows with the verdict precomputed by the datasets build
 * (`expected`), flagged live = false so the page labels it as such. No evaluation in JS.
 */
export async function claims() {
  const data = await load("claims");
  const c = data.columns;
  const out = [];
  let live = false;
  let results = null;
  if (typeof wasm.checkClaims === "function") {
    // checkClaims(claimsBytes, { [datasetId]: Uint8Array }) -> { checks: ClaimCheck[], summary }.
    const cat = await datasets();
    const ids = [...new Set([...c.dataset, ...c.denominator_dataset].filter(Boolean))];
    const files = {};
    for (const id of ids) if (cat.some((d) => d.id === id)) files[id] = (await bytes(id)).bytes;
    const res = wasm.checkClaims((await bytes("claims")).bytes, files);
    results = new Map(res.checks.map((r) => [r.id, r]));
    live = true;
  }
  for (let i = 0; i < data.numRows; i++) {
    const r = results?.get(c.id[i]);
    out.push({
      _row: i,
      id: c.id[i],
      report: c.report[i],
      quote: c.quote[i],
      subject: c.subject[i],
      printed: c.printed_value[i],
      unit: c.unit[i],
      computable: c.computable[i],
      reason: c.reason[i],
      op: c.op[i],
      dataset: c.dataset[i],
      assumption: c.assumption[i],
      target: c.target[i],
      compare: c.compare[i],
      verdict: r ? r.verdict : c.expected[i],
      expected: c.expected[i],
      value: r ? (r.computed ?? null) : null,
      difference: r ? (r.difference ?? null) : null,
      explanation: r ? (r.explanation ?? null) : null,
    });
  }
  return { live, rows: out };
}
