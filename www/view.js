// The chart view model and the one conversion from the engine's series to the points a chart
// and its data table show. No selection here: which rows belong to a series is decided by the
// module (engine.series / seriesAll); this only lays the aligned arrays out as objects.
import { toDate } from "./format.js";
import { say } from "./i18n.js";

/**
 * One point of a chart (a mark and a table row).
 * @typedef {object} Point
 * @property {number} _row              snapshot row (for "Arrow (these rows)")
 * @property {string} date              ISO date as the module renders it
 * @property {Date} x                   the date as a UTC Date
 * @property {string} entity
 * @property {string} metric
 * @property {string | null} category
 * @property {number} value
 * @property {string} provenance        published | external | reconstructed
 * @property {string | null} qualifier  printed qualifier (≈, >, <, ≥, ≤); null when exact
 */

/**
 * What a chart declaration's prepare() returns and the renderers (charts.js, figure.js) draw.
 * @typedef {object} ViewModel
 * @property {"line" | "bar" | "facets" | "dots" | "table" | string} kind  the renderer
 * @property {string} unit                     format.js unit key (10k, pct, pp, …)
 * @property {string} [unitLine]               the text layer's unit line, when not the unit's
 * @property {object[]} rows                   marks: {x, y, series, provenance, qualifier?, …}
 * @property {string} [xType]                  "time" for dated x
 * @property {string[]} [series]               series keys in colour order
 * @property {string[] | null} [legendSeries]  series shown in the legend
 * @property {Record<string, {zh: string, en: string}>} [seriesNames]
 * @property {string} description              the text layer's sentence for this state
 * @property {{columns: object[], rows: object[]}} table  the data table (and CSV)
 * @property {number[]} [sliceRows]            snapshot rows behind a derived table
 * @property {"derived"} [legendKind]          values computed from published figures
 */

/**
 * The points of one or more series, ordered by date and then by dataset row (the dataset's own
 * order within a date).
 * @param {import("./engine.js").Series[]} list
 * @returns {Point[]}
 */
export function points(list) {
  const out = [];
  for (const s of list)
    for (let i = 0; i < s.dates.length; i++)
      out.push({
        _row: s.rows[i],
        date: s.dates[i],
        x: toDate(s.dates[i]),
        entity: s.entity,
        metric: s.metric,
        category: s.category,
        value: s.values[i],
        provenance: s.provenance[i],
        qualifier: s.qualifier?.[i] ?? null,
      });
  return out.sort((a, b) => a.x - b.x || a._row - b._row);
}

/** The rows of a table dataset (engine.table) as objects, each with its snapshot row. */
export function records({ numRows, names, columns }) {
  const out = [];
  for (let i = 0; i < numRows; i++) {
    const r = { _row: i };
    for (const n of names) r[n] = columns[n][i];
    out.push(r);
  }
  return out;
}

/** Distinct values in first-appearance order. */
export function distinct(values) {
  return [...new Set(values)];
}

/**
 * The context a chart declaration's prepare() reads data through. `src` is the engine, reached
 * through rpc.js in the page or directly at build time (tools/prerender.mjs):
 * { seriesAll(id, filter), table(id, columns), wasm(name, ...args), claims() }.
 * `tog(key)` is the current value of one of the chart's toggles.
 */
export function context(lang, tog, src) {
  return {
    lang,
    tog,
    /** The text layer's sentence `key` for these facts, in the page language. */
    say: (key, facts) => say(lang, key, facts),
    /** Points of every series matching the filter (each series selected by the module). */
    rows: async (id, filter) => points(await src.seriesAll(id, filter ?? {})),
    /** `[entity, points]` per series, in the dataset's name order. */
    bySeries: async (id, filter) =>
      (await src.seriesAll(id, filter ?? {})).map((s) => [s.entity, points([s])]),
    /** A table dataset: its rows as objects, column names and metadata. */
    table: async (id, columns) => {
      const t = await src.table(id, columns);
      return { rows: records(t), names: t.names, metadata: t.metadata };
    },
    wasm: src.wasm,
    claims: src.claims,
    batch: async (calls) => {
      const out = [];
      for (const [name, ...args] of calls) out.push(await src.wasm(name, ...args));
      return out;
    },
  };
}
