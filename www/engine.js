// The one module that talks to the WebAssembly build (../pkg). It runs inside the Web Worker
// (worker.js); the page asks it for series, analyses and slices through rpc.js, and only renders.
// A dataset is fetched and decoded on first use and then stays in WASM memory (a Snapshot, and
// for series datasets its Tidy index): the page receives only the series it draws.
// Two modules: pkg/civic_pulse (reading, Tidy series, analytics, the claim check) is loaded at
// start-up, streamed (WebAssembly.instantiateStreaming) while the catalog and the first dataset
// download; pkg/civic_pulse_extra (sliceIpc: the IPC writer with zstd's compressor) only when an
// Arrow slice is asked for. The modules share no memory: the extra one is given the datasets'
// bytes, which this engine keeps.
import init, * as wasm from "../pkg/civic_pulse.js";

/**
 * One series as the page receives it (the module's Tidy.series): sorted by date, null dates
 * left out, every array aligned.
 * @typedef {object} Series
 * @property {string} entity
 * @property {string} metric
 * @property {string | null} category
 * @property {string[]} dates       ISO dates as the module renders them
 * @property {Float64Array} values  NaN for a null value
 * @property {string[]} provenance  published | external | reconstructed ("" when null)
 * @property {(string | null)[]} qualifier  printed qualifier (≈, >, <, ≥, ≤); null when exact
 * @property {Uint32Array} rows     snapshot row of each point (for Arrow slices)
 */

// Bytes the host carries itself instead of fetching them: the single-file offline report and the
// build-time prerender (Node) set them with configure({ wasm: Uint8Array, files: { name: Uint8Array } })
// before the first call (the on-demand module as files["civic_pulse_extra_bg.wasm"]). Served
// pages leave them unset and fetch relative to this module.
let assets = null;
export function configure(a) {
  assets = a;
}

const EXTRA_WASM = "civic_pulse_extra_bg.wasm";

let ready;
/**
 * Loads and instantiates the first module once. Given a URL, wasm-bindgen's init fetches it and
 * compiles the response as it streams in (instantiateStreaming: the server sends
 * application/wasm).
 */
export function start() {
  ready ??= init({
    module_or_path: assets?.wasm ?? new URL("../pkg/civic_pulse_bg.wasm", import.meta.url),
  });
  // A failed load (network) is not cached: the next call tries again.
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

let extraReady;
let extraExports = null; // the on-demand module's instance exports (its memory), once loaded
/** The on-demand module (sliceIpc), imported and instantiated on first use. */
function extra() {
  extraReady ??= import("../pkg/civic_pulse_extra.js").then(async (m) => {
    const inline = assets?.files?.[EXTRA_WASM];
    if (assets?.files && !inline) throw invalid(`${EXTRA_WASM}: not in this file`);
    extraExports = await m.default({
      module_or_path: inline ?? new URL(`../pkg/${EXTRA_WASM}`, import.meta.url),
    });
    return m;
  });
  extraReady.catch(() => {
    extraReady = undefined;
  });
  return extraReady;
}

const invalid = (message) => Object.assign(new Error(message), { code: "invalid_argument" });

// The served page's worker bundle (tools/bundle.mjs) carries the catalog fields the engine and
// the page read (globalThis.CP_CATALOG), so that the first dataset's request does not wait for a
// catalog request; the source modules fetch data/catalog.json.
const BUILT_IN = globalThis.CP_CATALOG;

let catalog;
/** The dataset catalog (www/data/catalog.json, or the bundle's copy), fetched once. */
export async function datasets() {
  if (!assets && BUILT_IN) catalog ??= Promise.resolve(BUILT_IN);
  if (assets?.files)
    catalog ??= Promise.resolve(JSON.parse(new TextDecoder().decode(assets.files["catalog.json"])));
  if (!catalog) {
    catalog = fetch(new URL("data/catalog.json", import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`catalog.json: HTTP ${r.status}`);
      return r.json();
    });
    // A failed fetch is not kept: the next request tries again.
    catalog.catch(() => {
      catalog = undefined;
    });
  }
  return catalog;
}

const fileCache = new Map();
/** The raw Arrow IPC bytes of a dataset (fetched once). */
export async function bytes(id) {
  const entry = (await datasets()).find((d) => d.id === id);
  if (!entry) throw invalid(`unknown dataset: ${id}`);
  if (!fileCache.has(id)) {
    const inline = assets?.files?.[entry.file];
    if (assets?.files && !inline) throw invalid(`${entry.file}: not in this file`);
    fileCache.set(
      id,
      inline
        ? Promise.resolve(inline)
        : fetch(new URL(`data/${entry.file}`, import.meta.url)).then(async (res) => {
            if (!res.ok) throw new Error(`${entry.file}: HTTP ${res.status}`);
            return new Uint8Array(await res.arrayBuffer());
          }),
    );
    fileCache.get(id).catch(() => fileCache.delete(id));
  }
  return { entry, bytes: await fileCache.get(id) };
}

/** Lower-case hex SHA-256 of `b` by WebCrypto, or null where it is unavailable (no secure
 * context). */
async function sha256Hex(b) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  try {
    const d = new Uint8Array(await subtle.digest("SHA-256", b));
    return Array.from(d, (x) => x.toString(16).padStart(2, "0")).join("");
  } catch {
    return null;
  }
}

/**
 * Decodes one of the report's own snapshots. Its bytes are hashed here with WebCrypto (native,
 * far faster than SHA-256 in WASM) and the module skips Arrow's data validation only when that
 * hash equals the catalog's; any mismatch, or no WebCrypto, decodes validated. Only catalog
 * files come here: a reader's own file goes through read() (always validated).
 */
async function decodeCatalogFile(b, entry) {
  const hex = entry?.sha256 ? await sha256Hex(b) : null;
  return hex ? wasm.Snapshot.fromPrehashedIpc(b, hex, entry.sha256) : wasm.Snapshot.fromIpc(b);
}

const opened = new Map();
/**
 * The decoded dataset, kept in WASM memory for the life of the worker:
 * `{ entry, snap: Snapshot, tidy: Tidy | null }` (tidy for datasets of kind "series").
 */
function open(id) {
  if (!opened.has(id)) {
    const p = Promise.all([start(), bytes(id)]).then(async ([, { entry, bytes: b }]) => {
      const snap = await decodeCatalogFile(b, entry);
      const tidy = entry.kind === "series" ? wasm.Tidy.fromSnapshot(snap) : null;
      return { entry, snap, tidy };
    });
    // A failed fetch or decode is not cached: the next request tries again.
    p.catch(() => opened.delete(id));
    opened.set(id, p);
  }
  return opened.get(id);
}

/** Fetches and decodes a dataset now (kept for the page's later requests). */
export async function prefetch(id) {
  await open(id);
}

async function tidyOf(id) {
  const d = await open(id);
  if (!d.tidy) throw invalid(`${id} is a table, not a series dataset`);
  return d.tidy;
}

/**
 * One series of a dataset, selected by the module's Tidy (the page's only series selection).
 * `category` picks one category; without it a series spanning several categories is an error.
 * @returns {Promise<Series>}
 */
export async function series(id, { entity, metric, category = null }) {
  return (await tidyOf(id)).series(entity, metric, category);
}

/**
 * Every series of a dataset (entity × metric × category, in the order the names first appear),
 * optionally only those of one entity and/or metric. Each is selected by the module.
 * @returns {Promise<Series[]>}
 */
export async function seriesAll(id, { entity, metric } = {}) {
  const tidy = await tidyOf(id);
  const cats = tidy.categories();
  const out = [];
  for (const e of tidy.entities()) {
    if (entity !== undefined && e !== entity) continue;
    for (const m of tidy.metricsOf(e)) {
      if (metric !== undefined && m !== metric) continue;
      // Several categories under one entity × metric: one series per category (the module
      // refuses to mix them), in the dataset's category order.
      try {
        out.push(tidy.series(e, m, null));
      } catch {
        for (const c of cats) {
          try {
            out.push(tidy.series(e, m, c));
          } catch {
            // This entity × metric has no row in category c.
          }
        }
      }
    }
  }
  return out;
}

/** The names a series dataset has: `{ entities, metrics, categories }`. */
export async function names(id) {
  const tidy = await tidyOf(id);
  return { entities: tidy.entities(), metrics: tidy.metrics(), categories: tidy.categories() };
}

/**
 * The named columns of a natural table dataset (kind "table": rankings, weights, claims — not
 * series), with its metadata. Only the columns asked for cross to the page.
 */
export async function table(id, columns) {
  const { snap, entry } = await open(id);
  if (entry.kind === "series") throw invalid(`${id} is a series dataset: ask for series`);
  const all = snap.columnNames();
  const want = columns ?? all;
  const out = {};
  for (const n of want) {
    const i = all.indexOf(n);
    if (i < 0) throw invalid(`${id} has no column ${n}`);
    out[n] = snap.columnAt(i);
  }
  return { numRows: snap.numRows, names: want, columns: out, metadata: snap.metadata() };
}

/**
 * The rows `rows` (snapshot indices) of a dataset as an Arrow IPC file, cut by the on-demand
 * module's sliceIpc from the dataset's bytes (the same bytes the first module decoded).
 */
export async function slice(id, rows) {
  const [m, { bytes: b }] = await Promise.all([extra(), bytes(id)]);
  return m.sliceIpc(b, Uint32Array.from(rows));
}

/** Rows `rows` of any Arrow IPC bytes (a reader's own file) cut by the on-demand module. */
export async function sliceBytes(b, rows) {
  return (await extra()).sliceIpc(b, rows);
}

/**
 * Decodes a reader's own Arrow IPC file; the snapshot is freed before returning. Text columns
 * (strings, dictionaries, dates) leave WASM memory as keys into their distinct values
 * (`dictionaryColumn`: 4 bytes a row inside WASM, no string per row there) and are expanded
 * here, in JS, to one shared string per distinct value: a 10M-row file's text columns no longer
 * pass through WASM memory as 10M strings each (issue 14). `distinct` holds each text column's
 * distinct values in order of first appearance.
 */
export function read(b, entry = null) {
  const snap = wasm.Snapshot.fromIpc(b);
  try {
    const names = snap.columnNames();
    const distinct = {};
    const entries = names.map((n, i) => {
      // A duplicate name is read by position (dictionaryColumn takes a name).
      const text = names.indexOf(n) === names.lastIndexOf(n) ? dictionaryOrNull(snap, n) : null;
      if (!text) return [n, snap.columnAt(i)];
      const { keys, values } = text;
      const col = new Array(keys.length);
      for (let r = 0; r < keys.length; r++) col[r] = keys[r] < 0 ? null : values[keys[r]];
      Object.defineProperty(distinct, n, { value: values, enumerable: true });
      return [n, col];
    });
    // fromEntries defines own properties (a column named "__proto__" stays data).
    const columns = Object.fromEntries(entries);
    return { entry, numRows: snap.numRows, names, columns, distinct, metadata: snap.metadata() };
  } finally {
    snap.free();
  }
}

/** A text column as `{keys, values}`, or null for numbers and booleans (schema_mismatch). */
function dictionaryOrNull(snap, name) {
  try {
    return snap.dictionaryColumn(name);
  } catch (e) {
    if (e?.code === "schema_mismatch") return null;
    throw e;
  }
}

/** Bytes of WASM memory this thread holds: the first module and, once loaded, the on-demand
 * one (which cuts the reader's Arrow slices). WASM memory only grows: these are peaks. */
export async function memoryBytes() {
  const first = (await start())?.memory?.buffer.byteLength ?? 0;
  const extraMem = extraExports?.memory?.buffer.byteLength ?? 0;
  return { first, extra: extraMem, total: first + extraMem };
}

// The analytics the page may call by name (plain arrays in, typed arrays / objects out).
const ANALYTICS = new Set([
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
]);
/** Calls one analytics export of the module by name. */
export async function analytics(name, ...args) {
  await start();
  if (!ANALYTICS.has(name)) throw invalid(`no such analytics function: ${name}`);
  return wasm[name](...args);
}

// The claim columns the page shows (claims.arrow has more: the evaluator reads those).
const CLAIM_COLUMNS = {
  id: "id",
  report: "report",
  quote: "quote",
  subject: "subject",
  printed: "printed_value",
  unit: "unit",
  qualifier: "qualifier",
  computable: "computable",
  reason: "reason",
  op: "op",
  dataset: "dataset",
  assumption: "assumption",
  target: "target",
  compare: "compare",
  expected: "expected",
  denominator: "denominator_dataset",
};

/**
 * The reports' claims with the verdicts of the module's checkClaims() over claims.arrow and
 * every dataset it names. Runs when the page first needs verdicts (the claims section).
 */
export async function claims() {
  const t = await table("claims", Object.values(CLAIM_COLUMNS));
  const c = t.columns;
  const cat = await datasets();
  const ids = [...new Set([...c.dataset, ...c.denominator_dataset].filter(Boolean))];
  const files = {};
  for (const id of ids) if (cat.some((d) => d.id === id)) files[id] = (await bytes(id)).bytes;
  // The first module's (issue 15): it reuses that module's Arrow reader instead of downloading
  // a second one with the on-demand module.
  const res = wasm.checkClaims((await bytes("claims")).bytes, files);
  const results = new Map(res.checks.map((r) => [r.id, r]));
  const rows = [];
  for (let i = 0; i < t.numRows; i++) {
    const row = { _row: i };
    for (const [k, col] of Object.entries(CLAIM_COLUMNS)) row[k] = c[col][i];
    const r = results.get(row.id);
    row.verdict = r?.verdict ?? null;
    row.checkKind = r?.checkKind ?? null;
    row.value = r?.computed ?? null;
    row.difference = r?.difference ?? null;
    row.explanation = r?.explanation ?? null;
    rows.push(row);
  }
  return { rows, summary: res.summary };
}
