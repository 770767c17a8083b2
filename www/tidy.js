// Reshaping of decoded columns into row objects for the renderers: filtering and ordering
// only (no arithmetic on values — every computed number comes from the WASM module).

/** ISO date / timestamp (as the module renders them) to a UTC Date. */
export function toDate(iso) {
  if (iso == null) return null;
  const s = String(iso);
  return new Date(/T/.test(s) && !/(Z|[+-]\d\d:?\d\d)$/.test(s) ? s + "Z" : s);
}

/**
 * Rows of a tidy series dataset matching a filter, sorted by date (stable).
 * filter: { entity, metric, category } — undefined means any; category null means "null only".
 */
export function tidy(data, filter = {}) {
  const c = data.columns;
  const out = [];
  for (let i = 0; i < data.numRows; i++) {
    if (filter.entity !== undefined && c.entity[i] !== filter.entity) continue;
    if (filter.metric !== undefined && c.metric[i] !== filter.metric) continue;
    if (filter.category !== undefined && (c.category?.[i] ?? null) !== filter.category) continue;
    const d = toDate(c.date[i]);
    out.push({
      _row: i,
      date: c.date[i],
      x: d,
      entity: c.entity[i],
      metric: c.metric[i],
      category: c.category?.[i] ?? null,
      value: c.value[i],
      provenance: c.provenance[i],
    });
  }
  return out.sort((a, b) => a.x - b.x);
}

/** Rows of a natural table dataset as objects. */
export function table(data) {
  const out = [];
  for (let i = 0; i < data.numRows; i++) {
    const r = { _row: i }; // the dataset row, for Arrow slices of a chart's rows
    for (const n of data.names) r[n] = data.columns[n][i];
    out.push(r);
  }
  return out;
}

/** Distinct values in first-appearance order. */
export function distinct(values) {
  return [...new Set(values)];
}

/** The month (1–12) of an ISO date. */
export function monthOf(iso) {
  return toDate(iso).getUTCMonth() + 1;
}
