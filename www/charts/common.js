// What the section files of chart declarations share: table columns (labels by key from the
// text layer), the level / YoY / MoM toggle and its view (growth from the module), the peak
// sentence.
// prepare() never computes a statistic in JS: growth, ratios, peaks, STL, TGI, group means and
// penetration all come from the WASM module through ctx.wasm().
import * as fmt from "../format.js";
import { term } from "../i18n.js";

// --- table column helpers --------------------------------------------------------------------
export const col = {
  date: (type = "month") => ({ key: "date", label: term("date"), type }),
  entity: () => ({ key: "entity", label: term("entity"), type: "name" }),
  category: (label = term("category")) => ({ key: "category", label, type: "name" }),
  value: (unit, label = term("value")) => ({ key: "value", label, type: "num", unit }),
  prov: () => ({ key: "provenance", label: term("provenance"), type: "prov" }),
};
export const tidyColumns = (unit, { category = false, dateType = "month", extra = [] } = {}) => [
  col.date(dateType),
  col.entity(),
  ...(category ? [col.category()] : []),
  col.value(unit),
  ...extra,
  col.prov(),
];

/** Line points from tidy rows. */
/** The growth column a level / YoY / MoM table adds (none for levels). */
export const growthColumns = (mode) =>
  mode === "level"
    ? []
    : [
        {
          key: "growth",
          label: mode === "yoy" ? term("yoyPct") : term("momPct"),
          type: "num",
          unit: "pct",
        },
      ];

export const pts = (rows, series = (r) => r.entity, y = (r) => r.value) =>
  rows.map((r, i) => ({
    x: r.x,
    y: y(r, i),
    series: series(r),
    provenance: r.provenance,
    qualifier: r.qualifier ?? null,
    date: r.date,
  }));

/** The peak point of a series by the module's extremes() (its sentence is the text layer's). */
export async function peakOf(ctx, rows) {
  const ex = await ctx.wasm(
    "extremes",
    Float64Array.from(rows, (r) => r.value),
  );
  return ex.max ? rows[ex.max.index] : null;
}

export const MODE = {
  key: "mode",
  label: term("measure"),
  options: [
    { value: "level", label: term("monthlyLevel") },
    { value: "yoy", label: term("yearOnYear") },
    { value: "mom", label: term("monthOnMonth") },
  ],
  default: "level",
};

/** Level / 同比 / 环比 of one or more monthly series (growth from the module). */
export async function growthView(ctx, groups, unit) {
  const mode = ctx.tog("mode");
  const out = [];
  const tableRows = [];
  const lag = mode === "yoy" ? 12 : 1;
  for (const [ent, rs] of groups) {
    const g =
      mode === "level"
        ? null
        : await ctx.wasm(
            "growth",
            Float64Array.from(rs, (r) => r.value),
            lag,
          );
    rs.forEach((r, i) => {
      const y = g ? g[i] * 100 : r.value;
      out.push({ x: r.x, y, series: ent, provenance: r.provenance, date: r.date });
      tableRows.push({ ...r, growth: g ? g[i] * 100 : undefined });
    });
  }
  return { points: out, mode, tableRows, unit: mode === "level" ? unit : "pct" };
}

/**
 * A level / YoY / MoM line chart of every series of a dataset (the MODE toggle): the series
 * (`groups`, their `rows`), the `mode`, the plotted `points`, and the view-model fields such a
 * chart always has (`chart`: line over time, zero line for growth, the table with its growth
 * column). A declaration adds its own description, annotations and series order.
 */
export async function growthChart(ctx, dataset, unit) {
  const groups = await ctx.bySeries(dataset);
  const rows = groups.flatMap(([, rs]) => rs);
  const { points, mode, tableRows, unit: shown } = await growthView(ctx, groups, unit);
  const chart = {
    kind: "line",
    xType: "time",
    unit: shown,
    zeroLine: mode !== "level",
    rows: points,
    table: { columns: tidyColumns(unit, { extra: growthColumns(mode) }), rows: tableRows },
  };
  return { groups, rows, mode, points, chart };
}

// --- the registry ----------------------------------------------------------------------------

/**
 * A value as a sentence or label may print it: with its printed qualifier (≈, >, …), or null
 * for a reconstructed value, which is never shown as a figure (say what the report says instead).
 */
export function said(p, unit, lang, opts) {
  if (!p || p.provenance === "reconstructed" || !Number.isFinite(p.value)) return null;
  return `${fmt.qualifier(p.qualifier)}${fmt.value(p.value, unit, lang, opts)}`;
}

/** The last point the reports print (published or external), or undefined. */
export const lastPrinted = (rows) => rows.findLast((r) => r.provenance !== "reconstructed");

/** "广东1080万、…" for the points the reports print; null when every point is reconstructed. */
export function printedList(rows, unit, lang, label) {
  const items = rows.map((r) => [label(r), said(r, unit, lang)]).filter(([, v]) => v);
  if (!items.length) return null;
  return items
    .map(([k, v]) => `${k}${lang === "zh" ? "" : " "}${v}`)
    .join(lang === "zh" ? "、" : ", ");
}
