// Worker side of the own-file tier breakdown (issue 16, "same analyses"): at the latest date, the
// chosen value summed by entity, each entity's share (the module's tierShares), its city tier where
// the name parses (parseTier), and TGI (the module's tgi) against a baseline the reader picks: another
// numeric column of the same rows, or another metric of the file's metric column. All numbers come
// from the module; this file only selects rows and aligns keys.

function fail(code, message) {
  return Object.assign(new Error(message), { code });
}

/** Rows at date `last` that pass `keep`, grouped by entity with the module's groupBy. */
async function sums(engine, n, { dates, ents, last }, keep, pick) {
  const k = [];
  const v = [];
  for (let i = 0; i < n; i++) {
    if (dates[i] != null && String(dates[i]) === last && keep(i)) {
      k.push(ents[i]);
      v.push(pick(i));
    }
  }
  return engine.analytics("groupBy", k, v);
}

/**
 * `{ date, keys, sums, shares, tiers, baseline?: { label, sums, shares, tgi } }`; keys in city-tier
 * order when every key names a tier, else as grouped.
 */
export async function breakdown(engine, data, opts) {
  const { values, col, where, kept, baseline, last } = opts;
  const gb = await sums(engine, data.numRows, opts, kept, (i) => values[i]);
  const tiers = [];
  for (const key of gb.keys) {
    try {
      tiers.push(key == null ? null : await engine.analytics("parseTier", key));
    } catch {
      tiers.push(null);
    }
  }
  const order = gb.keys.map((_, i) => i);
  if (tiers.every(Boolean)) order.sort((a, b) => tiers[a].index - tiers[b].index);
  const pick = (arr) => order.map((i) => arr[i]);
  const keys = pick(gb.keys);
  const sum = Float64Array.from(pick(gb.sum));
  const out = {
    date: last,
    keys,
    sums: sum,
    shares: await engine.analytics("tierShares", sum),
    tiers: pick(tiers),
    baseline: null,
  };
  if (!baseline) return out;
  let base;
  let label;
  if (baseline.column) {
    const bc = col(baseline.column);
    if (!(bc instanceof Float64Array))
      throw fail("unsupported_type", `column ${JSON.stringify(baseline.column)} is not numeric`);
    base = await sums(engine, data.numRows, opts, kept, (i) => bc[i]);
    label = baseline.column;
  } else if (baseline.metric != null) {
    // The same filters except the metric column, which selects the baseline metric instead.
    const mc = col(baseline.metricColumn);
    const others = where
      .filter((w) => w.column !== baseline.metricColumn)
      .map((w) => [col(w.column), w.value]);
    const keep = (i) => mc[i] === baseline.metric && others.every(([c, v]) => c[i] === v);
    base = await sums(engine, data.numRows, opts, keep, (i) => values[i]);
    label = baseline.metric;
  } else throw fail("invalid_argument", "a baseline names a column or a metric");
  // Align the baseline's groups to the segment's keys (an entity missing there has no base).
  const at = new Map(base.keys.map((k, i) => [k, base.count[i] > 0 ? base.sum[i] : NaN]));
  const bsum = Float64Array.from(keys, (k) => at.get(k) ?? NaN);
  const bshares = await engine.analytics("tierShares", bsum);
  out.baseline = {
    label,
    sums: bsum,
    shares: bshares,
    tgi: await engine.analytics("tgi", out.shares, bshares),
  };
  return out;
}
