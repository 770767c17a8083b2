// Column slices of the reader's decoded file for the analysis workers (issue 14, 10M-row
// memory). The engine already holds the file decoded (engine.read: text columns as one shared
// string per distinct value, numbers as Float64Array); a worker's rows are gathered from there
// as keys + distinct values and a Float64Array, and the worker builds its Tidy with
// Tidy.fromColumns. No Arrow bytes are cut, so the on-demand module (sliceIpc) never receives a
// second copy of the file, and the worker never holds IPC bytes plus their decoded form.

// The text columns a Tidy reads from a tidy file (optional ones only when the file has them).
const CODED = ["date", "entity", "metric"];
const OPTIONAL = ["category", "provenance", "qualifier"];

/**
 * Whether a decoded file `data` can be cut into column slices that give the same Tidy as its
 * IPC bytes: every tidy column present once, as text (`data.distinct`), and `value` numeric.
 * Anything else (a numeric date, a boolean category, a duplicated name …) keeps the IPC slices,
 * whose Tidy.fromIpc reports that file's error as before.
 */
export function columnsFit(data) {
  const once = (n) => data.names.indexOf(n) === data.names.lastIndexOf(n);
  const text = (n) => once(n) && data.distinct != null && Object.hasOwn(data.distinct, n);
  return (
    CODED.every(text) &&
    OPTIONAL.every((n) => !data.names.includes(n) || text(n)) &&
    once("value") &&
    data.columns.value instanceof Float64Array
  );
}

/** Rows `idx` of text column `col` as `{ keys: Int32Array, values: string[] }`, values in
 * order of first appearance (-1 = null). */
function code(col, idx) {
  const keys = new Int32Array(idx.length);
  const values = [];
  const at = new Map();
  for (let r = 0; r < idx.length; r++) {
    const s = col[idx[r]];
    if (s == null) {
      keys[r] = -1;
      continue;
    }
    let k = at.get(s);
    if (k === undefined) {
      k = values.length;
      at.set(s, k);
      values.push(s);
    }
    keys[r] = k;
  }
  return { keys, values };
}

/**
 * Rows `idx` (file order) of a decoded tidy file as the columns Tidy.fromColumns takes:
 * `{ date, entity, metric, category?: {keys, values}, value: Float64Array }`. Provenance and
 * qualifier are left out: growth and STL do not read them.
 */
export function cutColumns(data, idx) {
  const out = {};
  for (const n of CODED) out[n] = code(data.columns[n], idx);
  if (data.names.includes("category")) out.category = code(data.columns.category, idx);
  const v = data.columns.value;
  const value = new Float64Array(idx.length);
  for (let r = 0; r < idx.length; r++) value[r] = v[idx[r]];
  out.value = value;
  return out;
}

/** The buffers of a column slice, to transfer (not copy) it to a worker. */
export function transferables(cols) {
  const t = [cols.date.keys.buffer, cols.entity.keys.buffer, cols.metric.keys.buffer];
  if (cols.category) t.push(cols.category.keys.buffer);
  t.push(cols.value.buffer);
  return t;
}

/** A Tidy over a column slice (the module's Tidy.fromColumns; the caller frees it). */
export function tidyOfColumns(wasm, cols) {
  const c = cols.category;
  return wasm.Tidy.fromColumns(
    cols.date.keys,
    cols.date.values,
    cols.entity.keys,
    cols.entity.values,
    cols.metric.keys,
    cols.metric.values,
    cols.value,
    c?.keys,
    c?.values,
  );
}
