// One analysis worker's work (issue 14): growth and STL for every entity of one slice of the
// reader's file: columns cut from the engine's decoded file (analyseColumns), or Arrow bytes. Runs in own-slice-worker.js (one per core), or in the engine when no worker
// can start. A tidy slice (date, entity, metric, value columns) is read with Tidy.fromIpc and
// analysed in WASM memory, every entity at once (tidy.stlAll, tidy.growthAll); any other layout
// through Snapshot columns and the module's growth / stl. All numbers come from the module.

import { tidyOfColumns } from "./own-slice-columns.js";

const ROW = (entity) => ({
  entity,
  points: 0,
  first: null,
  last: null,
  lastValue: NaN,
  step: NaN,
  period: NaN,
  seasonalStrength: NaN,
  trendStrength: NaN,
  error: null,
});

function errOf(e) {
  return { code: e?.code ?? "unknown", message: String(e?.message ?? e) };
}

/** Growth and STL of one sorted series into `row`; a failing part is recorded, not thrown. */
function fill(row, dates, values, growth, stl, period) {
  row.points = values.length;
  row.first = dates[0] ?? null;
  row.last = dates.at(-1) ?? null;
  row.lastValue = values.at(-1) ?? NaN;
  try {
    row.step = growth(1).at(-1);
    if (values.length > period) row.period = growth(period).at(-1);
    const s = stl();
    row.seasonalStrength = s.seasonalStrength;
    row.trendStrength = s.trendStrength;
  } catch (e) {
    row.error = errOf(e);
  }
}

/** Whether a file with these column names, analysed with `opts`, can take the Tidy path. */
export function isTidy(names, opts) {
  const w = opts.where ?? [];
  return (
    ["date", "entity", "metric", "value"].every((n) => names.includes(n)) &&
    opts.date === "date" &&
    opts.entity === "entity" &&
    opts.value === "value" &&
    w.every((x) => x.column === "metric")
  );
}

function tidySlice(wasm, bytes, opts, progress) {
  return tidyRows(wasm.Tidy.fromIpc(bytes), opts, progress);
}

/** The rows of every entity of `tidy` (freed here). */
function tidyRows(tidy, opts, progress) {
  try {
    const metrics = tidy.metrics();
    const metric = opts.where?.[0]?.value ?? (metrics.length === 1 ? metrics[0] : null);
    return metric == null ? perEntity(tidy, opts, progress) : batched(tidy, metric, opts, progress);
  } finally {
    tidy.free();
  }
}

/**
 * Every entity of one metric in three module calls: growthAll (lag 1 and the period) and stlAll,
 * which plans STL's loess weights once for all series of the slice. An entity stlAll skips for
 * missing grid dates (a shorter or holed span than the others) is decomposed on its own series
 * instead, as before; any other skip is that entity's error.
 */
function batched(tidy, metric, opts, progress) {
  const period = opts.period;
  const all = tidy.stlAll(metric, { ...(opts.stl ?? {}), period });
  const step = tidy.growthAll(metric, 1);
  const yearly = tidy.growthAll(metric, period);
  const n = all.dates.length;
  const at = new Map(all.entities.map((e, k) => [e, k]));
  const skipped = new Map(all.skipped.map((s) => [s.entity, s]));
  const entities = tidy.entities();
  const rows = entities.map((e, j) => {
    // After the three calls, packaging each entity's row is what remains to report.
    progress(j + 1, entities.length);
    const row = ROW(e);
    const k = at.get(e);
    if (k === undefined) {
      row.error = {
        code: "invalid_argument",
        message: `no series for entity ${e} metric ${metric}`,
      };
      return row;
    }
    const v = step.values.subarray(k * n, (k + 1) * n);
    let first = -1;
    let last = -1;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(v[i])) continue;
      if (first < 0) first = i;
      last = i;
    }
    row.points = v.reduce((c, x) => c + (Number.isNaN(x) ? 0 : 1), 0);
    row.first = first < 0 ? null : all.dates[first];
    row.last = last < 0 ? null : all.dates[last];
    row.lastValue = last < 0 ? NaN : v[last];
    if (last >= 0) {
      row.step = step.growth[k * n + last];
      if (row.points > period) row.period = yearly.growth[k * n + last];
    }
    const skip = skipped.get(e);
    if (!skip) {
      row.seasonalStrength = all.seasonalStrength[k];
      row.trendStrength = all.trendStrength[k];
    } else if (skip.code === "missing_values") {
      try {
        const s = tidy.stl(e, metric, period, opts.stl ?? {});
        row.seasonalStrength = s.seasonalStrength;
        row.trendStrength = s.trendStrength;
      } catch (err) {
        row.error = errOf(err);
      }
    } else {
      row.error = { code: skip.code, message: skip.message };
    }
    return row;
  });
  return rows;
}

/** One entity at a time (a slice with several metrics and none chosen). */
function perEntity(tidy, opts, progress) {
  const entities = tidy.entities();
  const rows = [];
  entities.forEach((e, k) => {
    const row = ROW(e);
    const metric = tidy.metricsOf(e)[0];
    try {
      const s = tidy.series(e, metric);
      fill(
        row,
        s.dates,
        s.values,
        (lag) => tidy.growth(e, metric, lag),
        () => tidy.stl(e, metric, opts.period, opts.stl ?? {}),
        opts.period,
      );
    } catch (err) {
      row.error = errOf(err);
    }
    rows.push(row);
    progress(k + 1, entities.length);
  });
  return rows;
}

function columnSlice(wasm, bytes, opts, progress) {
  const snap = wasm.Snapshot.fromIpc(bytes);
  let dates, values, ents, filters;
  try {
    const names = snap.columnNames();
    const col = (n) => {
      const i = names.indexOf(n);
      if (i < 0)
        throw Object.assign(new Error(`no column named ${JSON.stringify(n)}`), {
          code: "no_such_column",
        });
      return snap.columnAt(i);
    };
    dates = col(opts.date);
    values = col(opts.value);
    ents = col(opts.entity);
    filters = (opts.where ?? []).map((w) => [col(w.column), w.value]);
  } finally {
    snap.free();
  }
  const groups = new Map();
  for (let i = 0; i < values.length; i++) {
    if (ents[i] == null || dates[i] == null || !filters.every(([c, v]) => c[i] === v)) continue;
    let g = groups.get(ents[i]);
    if (!g) {
      g = [];
      groups.set(ents[i], g);
    }
    g.push(i);
  }
  const rows = [];
  let k = 0;
  for (const [e, idx] of groups) {
    // One value per date (rows sharing a date are summed, as the single-entity view does).
    const byDate = new Map();
    for (const i of idx)
      byDate.set(String(dates[i]), (byDate.get(String(dates[i])) ?? 0) + values[i]);
    const d = [...byDate.keys()].sort();
    const v = Float64Array.from(d, (x) => byDate.get(x));
    const row = ROW(e);
    fill(
      row,
      d,
      v,
      (lag) => wasm.growth(v, lag),
      () => wasm.stl(v, opts.period, opts.stl ?? {}),
      opts.period,
    );
    rows.push(row);
    progress(++k, groups.size);
  }
  return rows;
}

/**
 * Growth (last step and last `period`-lag change) and STL strengths for every entity of `bytes`
 * (an Arrow IPC slice). `opts`: `{ date, entity, value, where, period, stl, layout }`;
 * `layout` ("tidy" | "columns", from the engine's split) saves decoding the slice once more to
 * look at its column names; "columns" also forces the column path on a tidy file. `wasm`: the
 * initialised module namespace. `progress(done, total)` after each entity.
 */
export function analyseSlice(wasm, bytes, opts, progress = () => {}) {
  if (opts.layout === "tidy") return tidySlice(wasm, bytes, opts, progress);
  if (opts.layout === "columns") return columnSlice(wasm, bytes, opts, progress);
  const probe = wasm.Snapshot.fromIpc(bytes);
  let names;
  try {
    names = probe.columnNames();
  } finally {
    probe.free();
  }
  return isTidy(names, opts)
    ? tidySlice(wasm, bytes, opts, progress)
    : columnSlice(wasm, bytes, opts, progress);
}

/**
 * As analyseSlice on a tidy slice, from the columns the engine cut of its decoded file
 * (own-slice-columns.js cutColumns): the Tidy is built with Tidy.fromColumns, then the same
 * batched analysis runs, so the rows equal analyseSlice's on the same rows' Arrow bytes.
 */
export function analyseColumns(wasm, cols, opts, progress = () => {}) {
  return tidyRows(tidyOfColumns(wasm, cols), opts, progress);
}
