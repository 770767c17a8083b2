// Worker side of "analyse your own file": decodes the reader's Arrow IPC bytes with the module
// and runs growth, STL and a group breakdown on the chosen columns. All numbers come from the
// module; this file only selects, orders and packages.

import { splitOwn } from "./own-split.js";
import { breakdown } from "./own-tier-data.js";

let current = null; // the last file read: { data }

const ISO = /^\d{4}-\d{2}(-\d{2})?([T ][0-9:.]+)?(Z|[+-]\d\d:?\d\d)?$/;

function kindOf(col) {
  if (col instanceof Float64Array) return "number";
  if (Array.isArray(col)) {
    const vals = col.filter((v) => v != null);
    if (vals.length && vals.every((v) => typeof v === "boolean")) return "bool";
    if (vals.length && vals.every((v) => typeof v === "string" && ISO.test(v))) return "date";
    return "string";
  }
  return "other";
}

/** Reads the bytes; returns the columns' names, kinds and (for text columns) distinct values. */
export async function inspectOwn(engine, bytes) {
  await engine.start();
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const data = engine.read(u8);
  current = { data, bytes: u8 }; // kept for the parallel analysis's slices (own-split.js)
  const columns = data.names.map((n, i) => {
    const col = data.columns[n] ?? Object.values(data.columns)[i];
    // A text column's distinct values (from the module, in order of first appearance) stand
    // for its rows: the same kind and list, without a pass over every row.
    const seen = Object.hasOwn(data.distinct ?? {}, n) ? data.distinct[n] : null;
    const kind = kindOf(seen ?? col);
    const out = { name: n, kind };
    if (kind === "string") {
      const d = seen ?? [...new Set(col.filter((v) => v != null))];
      out.distinct = d.slice(0, 500);
      out.distinctCount = d.length;
    }
    return out;
  });
  return { numRows: data.numRows, columns, metadata: data.metadata };
}

function fail(code, message) {
  return Object.assign(new Error(message), { code });
}

/** Growth, STL and breakdown of the chosen columns of the last file read. */
export async function analyseOwn(engine, opts) {
  // The parallel path asks the engine, which holds the decoded file, for its slices.
  if (opts.split) return splitOwn(engine, current, opts);
  const { date, entity, value, pick, where = [], period = 12, baseline = null } = opts;
  if (!current) throw fail("invalid_argument", "no file has been read");
  const { data } = current;
  const col = (n) => {
    if (!(n in data.columns)) throw fail("no_such_column", `no column named ${JSON.stringify(n)}`);
    return data.columns[n];
  };
  const dates = col(date);
  const values = col(value);
  if (!(values instanceof Float64Array))
    throw fail("unsupported_type", `column ${JSON.stringify(value)} is not numeric`);
  const ents = entity ? col(entity) : null;
  const cols = { dates, values, ents, col, where };
  // Row filters (a CSV's metric column: one metric at a time, never summed across metrics).
  const filters = where.map((w) => [col(w.column), w.value]);
  const kept = (i) => filters.every(([c, v]) => c[i] === v);
  // Rows of the chosen entity (or all rows), then one value per date: the module's groupBy sums
  // rows that share a date (several entities, or duplicate rows).
  const keys = [];
  const vals = [];
  for (let i = 0; i < data.numRows; i++) {
    if (ents && pick != null && pick !== "" && ents[i] !== pick) continue;
    if (dates[i] == null || !kept(i)) continue;
    keys.push(String(dates[i]));
    vals.push(values[i]);
  }
  if (!keys.length) throw fail("too_short", "no rows with a date for this selection");
  const g = await engine.analytics("groupBy", keys, vals);
  const order = g.keys
    .map((k, i) => [k, i])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const series = {
    dates: order.map(([k]) => k),
    values: Float64Array.from(order, ([, i]) => (g.count[i] > 0 ? g.sum[i] : NaN)),
    summed: order.some(([, i]) => g.rows[i] > 1),
  };
  const out = { series, growth: null, stl: null, breakdown: null, errors: {} };
  const guard = async (part, fn) => {
    try {
      out[part] = await fn();
    } catch (e) {
      out.errors[part] = { code: e?.code ?? "unknown", message: String(e?.message ?? e) };
    }
  };
  await guard("growth", async () => ({
    step: await engine.analytics("growth", series.values, 1),
    period:
      series.values.length > period
        ? await engine.analytics("growth", series.values, period)
        : null,
    extremes: await engine.analytics("extremes", series.values),
  }));
  await guard("stl", async () => {
    const r = await engine.analytics("stl", series.values, period, {});
    return {
      trend: r.trend,
      seasonal: r.seasonal,
      remainder: r.remainder,
      seasonallyAdjusted: r.seasonallyAdjusted,
      seasonalStrength: r.seasonalStrength,
      trendStrength: r.trendStrength,
    };
  });
  if (ents)
    await guard("breakdown", () =>
      breakdown(engine, data, { ...cols, kept, baseline, last: series.dates.at(-1) }),
    );
  return out;
}
