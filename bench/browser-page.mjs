// The issue-14 rows measured inside headless Chromium (loaded by bench/browser.mjs): the batched
// end-to-end analysis, STL one call and batched, and parse + sum, each beside its JS peer run in
// the same page (apache-arrow, arquero and flechette from their UMD builds, bench/stl.mjs).

import {
  blobContenders,
  interleaved,
  interleavedAsync,
  parseContenders,
} from "/bench/parse-contenders.mjs";
import { stl as jsStl } from "/bench/stl.mjs";
import init, * as glue from "/pkg/civic_pulse.js";

const { Arrow, aq, fl } = globalThis;

function median(fn, runs) {
  fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1];
}

/** µs per call, timing loops of `n` calls (Chromium coarsens performance.now to 100 µs). */
const perCallUs = (fn, n = 200, runs = 9) =>
  (1000 *
    median(() => {
      for (let i = 0; i < n; i++) fn();
    }, runs)) /
  n;

const get = async (p) => new Uint8Array(await (await fetch(p)).arrayBuffer());
const M = "monthly_active_users";

function oursBatched(bytes) {
  const tidy = glue.Tidy.fromIpc(bytes);
  try {
    const g = tidy.growthAll(M, 12);
    const s = tidy.stlAll(M, { period: 12 });
    const n = s.dates.length;
    let checksum = 0;
    for (let k = 0; k < s.entities.length; k++)
      checksum += g.growth[(k + 1) * n - 1] + s.trend[(k + 1) * n - 1];
    return { entities: s.entities.length, checksum };
  } finally {
    tidy.free();
  }
}

function jsE2E(bytes) {
  const dt = aq
    .fromArrow(Arrow.tableFromIPC(bytes))
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

/** The batched end-to-end analysis and the STL rows, each beside its JS peer. */
function analyticsRows(e2e, panel, out) {
  const a = oursBatched(e2e);
  const b = jsE2E(e2e);
  if (a.entities !== b.entities || Math.abs(a.checksum - b.checksum) > 1e-6 * Math.abs(b.checksum))
    throw new Error(`the two stacks disagree: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  out.e2eBatched = median(() => oursBatched(e2e), 3);
  out.e2eJs = median(() => jsE2E(e2e), 2);
  const tidy = glue.Tidy.fromIpc(e2e);
  out.parts = {
    fromIpc: median(() => glue.Tidy.fromIpc(e2e).free(), 3),
    growthAll: median(() => tidy.growthAll(M, 12), 3),
    stlAll: median(() => tidy.stlAll(M, { period: 12 }), 3),
  };
  tidy.free();
  const y48 = Float64Array.from(
    { length: 48 },
    (_, t) => 1000 + 3 * t + 80 * Math.sin((2 * Math.PI * t) / 12) + ((t * 37) % 11),
  );
  out.stl48 = perCallUs(() => glue.stl(y48, 12));
  out.stl48Js = perCallUs(() => jsStl(y48, 12));
  const p = glue.Tidy.fromIpc(panel);
  out.stlBatchUs = (1000 * median(() => p.stlAll(M, { period: 12 }), 9)) / 1000;
  p.free();
}

async function run() {
  await init({ module_or_path: "/pkg/civic_pulse_bg.wasm" });
  const [e2e, panel, parse] = await Promise.all(
    ["/data/e2e.arrow", "/data/panel48.arrow", "/data/parse.arrow"].map(get),
  );
  const out = {};
  if (!location.search.includes("only=parse")) analyticsRows(e2e, panel, out);
  // Parse + sum: the same contenders as the Node run, in interleaved rounds; then "from the
  // file" (a Blob, as a dropped File is): Arrow JS reads it into JS memory, ours into WASM memory.
  const c = parseContenders(parse, glue, { Arrow, fl });
  const ref = c["apache-arrow"]();
  for (const [k, fn] of Object.entries(c)) {
    let got;
    try {
      got = fn();
    } catch (e) {
      // An older build without columnView / IpcInput (BENCH_PKG, before → after).
      if (!(e instanceof TypeError)) throw e;
      delete c[k];
      continue;
    }
    if (Math.abs(got - ref) > 1e-6 * Math.abs(ref)) throw new Error(`${k}: wrong sum`);
  }
  out.parse = interleaved(c, 21);
  if (glue.IpcInput) {
    const blob = new Blob([parse]);
    out.parseFile = await interleavedAsync(blobContenders(blob, glue, Arrow), 11);
  }
  out.userAgent = navigator.userAgent;
  return out;
}

run().then(
  (r) => {
    globalThis.benchResult = r;
  },
  (e) => {
    globalThis.benchError = String(e?.stack ?? e);
  },
);
