// "Analyse my 1M-row file", end to end: parse an Arrow IPC file, group rows by entity, compute
// year-on-year growth and an STL decomposition per entity. civic-pulse (WASM: Tidy.fromIpc,
// then growth and stl per entity, or batched: growthAll and stlAll) against the JS stack a page would otherwise use:
// apache-arrow (parse) + arquero (group, order, lag-12 growth) + a JS STL (bench/stl.mjs).
// CLI: node bench/e2e.mjs
import { readFileSync } from "node:fs";
import {
  DateDay,
  Dictionary,
  Float64,
  Int8,
  Int16,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from "apache-arrow";
import * as aq from "arquero";
import { median } from "./parse.mjs";
import { stl as jsStl } from "./stl.mjs";

// Each end-to-end run takes seconds: no warm-up call.
const once = { warmUp: false };

/** 1M rows: `entities` × `months` monthly values (seasonal + trend + noise), rows shuffled by
 * month then entity as exports usually are. Deterministic. */
export function generateTidy(entities = 1000, months = 1000) {
  const rows = entities * months;
  const date = new Array(rows),
    entity = new Array(rows),
    metric = new Array(rows),
    prov = new Array(rows);
  const value = new Float64Array(rows);
  const names = Array.from({ length: entities }, (_, i) => `city-${String(i).padStart(4, "0")}`);
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  let r = 0;
  for (let t = 0; t < months; t++) {
    const d = new Date(Date.UTC(1940, t, 1));
    for (let e = 0; e < entities; e++, r++) {
      date[r] = d;
      entity[r] = names[e];
      metric[r] = "monthly_active_users";
      prov[r] = "published";
      value[r] =
        1000 + 10 * e + t * (1 + e / 500) + 80 * Math.sin((2 * Math.PI * t) / 12) + 20 * rand();
    }
  }
  return tableToIPC(
    tableFromArrays({
      date: vectorFromArray(date, new DateDay()),
      entity: vectorFromArray(entity, new Dictionary(new Utf8(), new Int16())),
      metric: vectorFromArray(metric, new Dictionary(new Utf8(), new Int8())),
      value: vectorFromArray(value, new Float64()),
      provenance: vectorFromArray(prov, new Dictionary(new Utf8(), new Int8())),
    }),
    "file",
  );
}

/** civic-pulse: returns { entities, checksum }. */
export function oursE2E(glue, bytes) {
  const tidy = glue.Tidy.fromIpc(bytes);
  try {
    let checksum = 0;
    const entities = tidy.entities();
    for (const e of entities) {
      const g = tidy.growth(e, "monthly_active_users", 12);
      const s = tidy.stl(e, "monthly_active_users", 12);
      checksum += g[g.length - 1] + s.trend[s.trend.length - 1];
    }
    return { entities: entities.length, checksum };
  } finally {
    tidy.free();
  }
}

/** civic-pulse batched: Tidy.fromIpc, then growthAll and stlAll (every entity in one call each;
 * the loess weights planned once). Returns { entities, checksum }. */
export function oursBatched(glue, bytes) {
  const tidy = glue.Tidy.fromIpc(bytes);
  try {
    const g = tidy.growthAll("monthly_active_users", 12);
    const s = tidy.stlAll("monthly_active_users", { period: 12 });
    const n = s.dates.length;
    let checksum = 0;
    for (let k = 0; k < s.entities.length; k++)
      checksum += g.growth[(k + 1) * n - 1] + s.trend[(k + 1) * n - 1];
    return { entities: s.entities.length, checksum };
  } finally {
    tidy.free();
  }
}

/** apache-arrow + arquero + JS STL: returns { entities, checksum }. */
export function jsE2E(bytes) {
  const dt = aq
    .fromArrow(tableFromIPC(bytes))
    .groupby("entity")
    .orderby("date")
    .derive({ growth: (d) => d.value / aq.op.lag(d.value, 12) - 1 });
  const value = dt.column("value");
  const growth = dt.column("growth");
  let checksum = 0;
  const parts = dt.partitions();
  for (const rows of parts) {
    const y = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) y[i] = value.at(rows[i]);
    const s = jsStl(y, 12);
    checksum += growth.at(rows[rows.length - 1]) + s.trend[s.trend.length - 1];
  }
  return { entities: parts.length, checksum };
}

/** { bytes, ours, js } (ms, median of `runs`) after checking both stacks agree. */
export function e2eBench(glue, runs = 3) {
  const bytes = generateTidy();
  const small = generateTidy(20, 200);
  oursE2E(glue, small); // warm-up (JIT, WASM memory)
  jsE2E(small);
  oursBatched(glue, small);
  const a = oursE2E(glue, bytes),
    b = jsE2E(bytes),
    c = oursBatched(glue, bytes);
  for (const x of [a, c])
    if (
      x.entities !== b.entities ||
      Math.abs(x.checksum - b.checksum) > 1e-6 * Math.abs(b.checksum)
    ) {
      throw new Error(`the two stacks disagree: ${JSON.stringify(x)} vs ${JSON.stringify(b)}`);
    }
  // Where the batched time goes: decode (Tidy.fromIpc), growthAll, stlAll.
  const tidy = glue.Tidy.fromIpc(bytes);
  let parts;
  try {
    parts = {
      fromIpc: median(() => glue.Tidy.fromIpc(bytes).free(), runs, once),
      growthAll: median(() => tidy.growthAll("monthly_active_users", 12), runs, once),
      stlAll: median(() => tidy.stlAll("monthly_active_users", { period: 12 }), runs, once),
    };
  } finally {
    tidy.free();
  }
  return {
    bytes: bytes.length,
    ours: median(() => oursE2E(glue, bytes), runs, once),
    batched: median(() => oursBatched(glue, bytes), runs, once),
    js: median(() => jsE2E(bytes), runs, once),
    parts,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const glue = await import("../pkg/civic_pulse.js");
  glue.initSync({ module: readFileSync("pkg/civic_pulse_bg.wasm") });
  const r = e2eBench(glue, Number(process.argv[2] ?? 3));
  console.log(
    `1M rows (${(r.bytes / 1e6).toFixed(1)} MB): civic-pulse per entity ${r.ours.toFixed(0)} ms, ` +
      `batched ${r.batched.toFixed(0)} ms, apache-arrow + arquero + JS STL ${r.js.toFixed(0)} ms, ` +
      `ratio (batched) ${(r.batched / r.js).toFixed(2)}; parts ${JSON.stringify(r.parts)}`,
  );
}
