// `make bench`: one table of sizes and timings, each timing beside a peer measured in the same
// run (ratios, not absolute targets inside tests).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { tableFromIPC as arrowFromIPC } from "apache-arrow";
import { e2eBench } from "./e2e.mjs";
import { benchBytes, loadBuild, median, parseBench } from "./parse.mjs";

const rows = [];
const row = (group, what, ours, peer, peerName, target = "") =>
  rows.push({ group, what, ours, peer, peerName, ratio: peer ? ours / peer : NaN, target });
const text = (group, what, value, target = "") => rows.push({ group, what, text: value, target });

// Sizes (bytes) of what a reader downloads.
for (const f of [
  "pkg/civic_pulse_bg.wasm",
  "pkg/civic_pulse.js",
  "pkg/civic_pulse_extra_bg.wasm", // on demand: Arrow slices
  "pkg/civic_pulse_extra.js",
  "www/vendor/plot.js",
]) {
  const b = readFileSync(f);
  const gz = gzipSync(b, { level: 9 }).length;
  const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  text("size", f, `${b.length} raw, ${gz} gzip, ${br} brotli`);
}
// The whole interactive report (tools/size-report.mjs knows which files the page loads).
if (existsSync("tools/size-report.mjs")) {
  try {
    const out = join(mkdtempSync(join(tmpdir(), "cp-size-")), "size.json");
    execFileSync("node", ["tools/size-report.mjs", "--json", out], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const report = JSON.parse(readFileSync(out, "utf8")).rows;
    for (const r of report.filter((r) => r.budgetKB != null)) {
      text(
        "size",
        `${r.label} (gzip)`,
        `${(r.gzip / 1024).toFixed(0)} KB (${r.n} files)`,
        `≤ ${r.budgetKB} KB`,
      );
    }
  } catch (e) {
    console.error(`size report unavailable: ${e.message.split("\n")[0]}`);
  }
}

// Parse + sum, 16 MB: a reader's file (validated) against apache-arrow and flechette.
const bytes = benchBytes();
const mb = `${(bytes.length / 1e6).toFixed(0)} MB`;
// Interleaved rounds: ours and the peers see the same load (bench/parse-contenders.mjs).
const benchFile = "target/bench-17mb.arrow";
const parsed = await parseBench(
  bytes,
  [["wasm", "pkg/civic_pulse_bg.wasm"]],
  existsSync(benchFile) ? benchFile : null,
);
const parse = parsed.ms;
const arrow = parse["apache-arrow"];
// The ratio column of these rows is the median of per-round ratios (same load), not ms / ms.
const parseRow = (group, what, label, target = "") =>
  rows.push({
    group,
    what,
    ours: parsed.ms[label],
    peer: arrow,
    peerName: "apache-arrow (ratio: median per round)",
    ratio: parsed.ratio[label],
    target,
  });
parseRow("parse", `parse + sum, ${mb}, validated, columnView (ms)`, "wasm columnView", "≤ 1.5×");
row(
  "parse",
  `parse + sum, ${mb}, validated, columnView (ms)`,
  parse["wasm columnView"],
  parse["@uwdata/flechette"],
  "@uwdata/flechette",
);
parseRow(
  "parse",
  `parse + sum, ${mb}, validated, column (copy out) (ms)`,
  "wasm column (copy out)",
);
if (parse["wasm, from the file (IpcInput)"]) {
  const f = "wasm, from the file (IpcInput)";
  rows.push({
    group: "parse",
    what: `parse + sum, ${mb}, from the file: read into WASM memory (IpcInput) vs into JS (ms)`,
    ours: parsed.ms[f],
    peer: parsed.ms["apache-arrow, from the file"],
    peerName: "apache-arrow, from the file (ratio: median per round)",
    ratio: parsed.ratio[f],
    target: "≤ 1.5×",
  });
}

const glue = await loadBuild("pkg/civic_pulse_bg.wasm", "bench");
const sum = (a) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i])) s += a[i];
  return s;
};
// Trusted: fromPrehashedIpc with the matching SHA-256, hashed as the page hashes (natively:
// WebCrypto there, node:crypto here) and the hashing included; the module no longer hashes.
const hash = createHash("sha256").update(bytes).digest("hex");
const sha = (b) => createHash("sha256").update(b).digest("hex");
const once = (fn) => () => {
  const s = fn();
  try {
    return sum(s.column("value"));
  } finally {
    s.free();
  }
};
const trusted = median(
  once(() => glue.Snapshot.fromPrehashedIpc(bytes, sha(bytes), hash)),
  7,
);
const validated = median(() => glue.Snapshot.fromIpc(bytes).free());
row(
  "parse",
  `parse + sum, ${mb}, trusted: fromPrehashedIpc incl. SHA-256 (ms)`,
  trusted,
  arrow,
  "apache-arrow",
  "≤ 3×",
);
row(
  "parse",
  `fromIpc of ${mb} alone, validated (ms)`,
  validated,
  arrow,
  "apache-arrow parse + sum",
);
// What skipping validation buys, measured natively where the decode can be timed without the
// hash (examples/parse_timing.rs: min of 20 runs, hash excluded).
try {
  const t = JSON.parse(
    execFileSync(
      "cargo",
      [
        "run",
        "--quiet",
        "--release",
        "--example",
        "parse_timing",
        "--",
        "target/bench-17mb.arrow",
        "value",
        "--json",
      ],
      { encoding: "utf8" },
    ),
  );
  const skipped = Math.max(t.trusted_ms - t.sha256_ms, 0.01); // trusted_ms includes the hash
  row(
    "parse",
    `native decode of ${mb}: validated vs trusted, hash excluded (ms)`,
    t.validated_ms,
    skipped,
    "trusted (validation skipped)",
  );
  row(
    "parse",
    `native SHA-256 of ${mb} vs the validation it lets us skip (ms)`,
    t.sha256_ms,
    Math.max(t.validated_ms - skipped, 0.01),
    "validation cost",
  );
} catch (e) {
  console.error(`native parse timing unavailable: ${e.message.split("\n")[0]}`);
}

// The report's own snapshots (small): parse every catalog file and read every column, trusted
// (hash from catalog.json) and validated, against apache-arrow doing the same.
const catalog = JSON.parse(readFileSync("www/data/catalog.json", "utf8"));
const files = catalog.map((d) => ({
  ...d,
  bytes: new Uint8Array(readFileSync(`www/data/${d.file}`)),
}));
const readAll = (open) => () => {
  for (const f of files) {
    const s = open(f);
    for (const name of s.columnNames()) s.column(name);
    s.free();
  }
};
const reportTrusted = median(
  readAll((f) => glue.Snapshot.fromPrehashedIpc(f.bytes, sha(f.bytes), f.sha256)),
  15,
);
const reportValidated = median(
  readAll((f) => glue.Snapshot.fromIpc(f.bytes)),
  15,
);
const reportArrow = median(() => {
  for (const f of files) {
    const t = arrowFromIPC(f.bytes);
    for (const field of t.schema.fields) t.getChild(field.name).toArray();
  }
}, 15);
const kb = (files.reduce((a, f) => a + f.bytes.length, 0) / 1024).toFixed(0);
row(
  "parse",
  `all ${files.length} report snapshots (${kb} KB), every column, trusted (ms)`,
  reportTrusted,
  reportArrow,
  "apache-arrow",
  "≤ 3×",
);
row(
  "parse",
  `all ${files.length} report snapshots (${kb} KB), every column, validated (ms)`,
  reportValidated,
  reportArrow,
  "apache-arrow",
);

// Every decomposable series of the report's datasets.
const series = [];
for (const d of catalog.filter((d) => d.kind === "series")) {
  const snap = glue.Snapshot.fromIpc(readFileSync(`www/data/${d.file}`));
  const names = snap.columnNames();
  const [date, entity, metric, value] = ["date", "entity", "metric", "value"].map((n) =>
    snap.column(n),
  );
  const category = names.includes("category") ? snap.column("category") : [];
  const meta = snap.metadata();
  snap.free();
  const period = meta.grain === "hour" ? 24 : 12;
  const groups = new Map();
  for (let i = 0; i < value.length; i++) {
    const key = `${d.id}/${entity[i]}/${metric[i]}/${category[i] ?? ""}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push([date[i], value[i]]);
  }
  for (const [name, pts] of groups) {
    pts.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const values = pts.map((p) => p[1]);
    if (values.length >= 2 * period && values.every(Number.isFinite))
      series.push({ name, period, values });
  }
}
const wasmUs = Object.fromEntries(
  series.map((s) => [s.name, 1000 * median(() => glue.stl(s.values, s.period), 200)]),
);
const _allMs = median(() => {
  for (const s of series) glue.stl(s.values, s.period);
}, 20);
const input = JSON.stringify(series);
const native = JSON.parse(
  execFileSync("cargo", ["run", "--quiet", "--release", "--example", "bench_native"], { input }),
);
// One 48-point monthly series (4 years, the report's typical length) for the single-call and
// batched rows; timed by statsmodels in the same call, kept out of the report-series means.
const s48 = {
  name: "bench-48",
  period: 12,
  values: Array.from(
    { length: 48 },
    (_, t) => 1000 + 3 * t + 80 * Math.sin((2 * Math.PI * t) / 12) + ((t * 37) % 11),
  ),
};
let py = null;
try {
  py = JSON.parse(
    execFileSync(".venv-stl/bin/python", ["bench/stl_statsmodels.py"], {
      input: JSON.stringify([...series, s48]),
    }),
  );
  py.s48 = py.stl_us["bench-48"];
  delete py.stl_us["bench-48"];
} catch (e) {
  console.error(
    `statsmodels not available (run tools/setup.sh --bench): ${e.message.split("\n")[0]}`,
  );
}
const { stl: jsStl } = await import("./stl.mjs");
const jsUs = Object.fromEntries(
  series.map((s) => [s.name, 1000 * median(() => jsStl(s.values, s.period), 200)]),
);
const mean = (o) => Object.values(o).reduce((a, b) => a + b, 0) / Object.keys(o).length;
const n = series.length;
const stlWhat = `STL per series, mean of ${n} report series (µs)`;
if (py)
  row("stl", stlWhat, mean(wasmUs), mean(py.stl_us), "statsmodels", "≥ 4× faster (ratio ≤ 0.25)");
row("stl", stlWhat, mean(wasmUs), mean(jsUs), "JS port of STL (bench/stl.mjs)");
// One 48-point series, one call (glue.stl: copy in, decompose, result object out).
const v48 = Float64Array.from(s48.values);
const one48 = 1000 * median(() => glue.stl(v48, 12), 2000);
if (py)
  row(
    "stl",
    "STL, one 48-point series, one call (µs)",
    one48,
    py.s48,
    "statsmodels",
    "≥ 4× faster (ratio ≤ 0.25)",
  );
row(
  "stl",
  "STL, one 48-point series, one call (µs)",
  one48,
  1000 * median(() => jsStl(s48.values, 12), 2000),
  "JS port of STL (bench/stl.mjs)",
);
// Batched: 1000 entities × 48 months in one Tidy, tidy.stlAll per series (weights planned once).
const { generateTidy } = await import("./e2e.mjs");
const panel = glue.Tidy.fromIpc(generateTidy(1000, 48));
const batchUs =
  (1000 * median(() => panel.stlAll("monthly_active_users", { period: 12 }), 15)) / 1000;
panel.free();
if (py)
  row(
    "stl",
    "STL batched (stlAll, 1000 × 48 points), per series (µs)",
    batchUs,
    py.s48,
    "statsmodels (one 48-point fit)",
    "≥ 10× faster (ratio ≤ 0.1)",
  );
row("stl", stlWhat, mean(wasmUs), mean(native.stl_us), "native civic-pulse");
row("stl", stlWhat, mean(wasmUs), mean(native.stlrs_raw_us), "native stlrs direct");

// The report's analytics on load: parse every snapshot, check every claim, decompose every
// series (what the page's worker does before the first interactive chart).
const datasets = Object.fromEntries(files.map((f) => [f.id, f.bytes]));
const claimsBytes = new Uint8Array(readFileSync("www/data/claims.arrow"));
const onLoad = median(() => {
  readAll((f) => glue.Snapshot.fromPrehashedIpc(f.bytes, sha(f.bytes), f.sha256))();
  glue.checkClaims(claimsBytes, datasets);
  for (const s of series) glue.stl(s.values, s.period);
}, 10);
const onLoadJs =
  median(() => {
    for (const s of series) jsStl(s.values, s.period);
  }, 10) + reportArrow;
row(
  "report",
  `analytics on load: ${files.length} snapshots, checkClaims, ${n} STL (ms)`,
  onLoad,
  onLoadJs,
  "apache-arrow parse + JS STL (no claim check)",
);

// End to end: "analyse my 1M-row file".
try {
  const e2e = e2eBench(glue);
  row(
    "e2e",
    `1M rows (${(e2e.bytes / 1e6).toFixed(0)} MB): parse, group by entity, growth, STL per entity (ms)`,
    e2e.ours,
    e2e.js,
    "apache-arrow + arquero + JS STL",
    "< 1× (faster)",
  );
  row(
    "e2e",
    `1M rows (${(e2e.bytes / 1e6).toFixed(0)} MB): parse, group, growth, STL every entity, batched: growthAll + stlAll (ms)`,
    e2e.batched,
    e2e.js,
    "apache-arrow + arquero + JS STL",
    "≤ 1 s, ≥ 5× faster (ratio ≤ 0.2)",
  );
  // Where the batched milliseconds go.
  for (const [part, ms] of Object.entries(e2e.parts))
    text("e2e", `  of which ${part} (ms)`, ms.toFixed(0));
} catch (e) {
  console.error(
    `end-to-end row skipped (run tools/setup.sh --bench for arquero): ${e.message.split("\n")[0]}`,
  );
}

// The same issue-14 rows in headless Chromium (bench/browser.mjs), peers in the same page;
// statsmodels is the Node run's (it has no browser).
try {
  const { browserBench } = await import("./browser.mjs");
  const c = await browserBench();
  row(
    "chromium",
    "1M rows: parse, group, growth, STL every entity, batched (ms)",
    c.e2eBatched,
    c.e2eJs,
    "apache-arrow + arquero + JS STL",
    "≤ 1 s, ≥ 5× faster (ratio ≤ 0.2)",
  );
  for (const [part, ms] of Object.entries(c.parts))
    text("chromium", `  of which ${part} (ms)`, ms.toFixed(0));
  if (py) {
    row(
      "chromium",
      "STL, one 48-point series, one call (µs)",
      c.stl48,
      py.s48,
      "statsmodels (Node run)",
      "≥ 4× faster (ratio ≤ 0.25)",
    );
    row(
      "chromium",
      "STL batched (stlAll, 1000 × 48), per series (µs)",
      c.stlBatchUs,
      py.s48,
      "statsmodels (Node run)",
      "≥ 10× faster (ratio ≤ 0.1)",
    );
  }
  row(
    "chromium",
    "STL, one 48-point series, one call (µs)",
    c.stl48,
    c.stl48Js,
    "JS port of STL (bench/stl.mjs)",
  );
  const cp = c.parse;
  const chromeRow = (what, label, target = "") =>
    rows.push({
      group: "chromium",
      what,
      ours: cp.ms[label],
      peer: cp.ms["apache-arrow"],
      peerName: "apache-arrow (ratio: median per round)",
      ratio: cp.ratio[label],
      target,
    });
  chromeRow(`parse + sum, ${mb}, validated, columnView (ms)`, "wasm columnView", "≤ 1.5×");
  chromeRow(`parse + sum, ${mb}, validated, column (copy out) (ms)`, "wasm column (copy out)");
  row(
    "chromium",
    `parse + sum, ${mb}, validated, columnView (ms)`,
    cp.ms["wasm columnView"],
    cp.ms["@uwdata/flechette"],
    "@uwdata/flechette",
  );
  if (c.parseFile)
    rows.push({
      group: "chromium",
      what: `parse + sum, ${mb}, from a Blob: streamed into WASM memory (IpcInput) vs blob.arrayBuffer() (ms)`,
      ours: c.parseFile.ms["wasm, from the file (IpcInput)"],
      peer: c.parseFile.ms["apache-arrow, from the file"],
      peerName: "apache-arrow (ratio: median per round)",
      ratio: c.parseFile.ratio["wasm, from the file (IpcInput)"],
      target: "",
    });
} catch (e) {
  console.error(`Chromium rows skipped: ${e.message.split("\n")[0]}`);
}
// Growth over 1M values vs a plain JS loop.
const big = Float64Array.from(
  { length: 1_000_000 },
  (_, i) => 1000 + Math.sin(i / 7) * 100 + i / 1e3,
);
const jsGrowth = (v, lag) => {
  const out = new Float64Array(v.length).fill(NaN);
  for (let t = lag; t < v.length; t++) if (v[t - lag] !== 0) out[t] = v[t] / v[t - lag] - 1;
  return out;
};
row(
  "growth",
  "growth(1M values, lag 12) (ms)",
  median(() => glue.growth(big, 12)),
  median(() => jsGrowth(big, 12)),
  "plain JS loop",
);

// Issue 16: a reader's CSV (bench/csv.mjs): 1M rows against pyarrow and d3-dsv, 100 MB, bytes.
try {
  const csv = await (await import("./csv.mjs")).csvBench();
  for (const t of csv.timings) row("csv", t.what, t.ours, t.peer, t.peerName);
  for (const s of csv.sizes) text("csv", s.what, s.text);
} catch (e) {
  console.error(`csv rows skipped: ${e.message.split("\n")[0]}`);
}

// Print one table.
const fmt = (x) => (x == null || Number.isNaN(x) ? "" : x >= 100 ? x.toFixed(0) : x.toFixed(2));
console.log(
  `\nCivic Pulse benchmarks (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${series.length} series)`,
);
console.log("| group | measure | civic-pulse | peer | peer value | ratio (ours/peer) | target |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  if (r.text) console.log(`| ${r.group} | ${r.what} | ${r.text} | | | | ${r.target} |`);
  else
    console.log(
      `| ${r.group} | ${r.what} | ${fmt(r.ours)} | ${r.peerName} | ${fmt(r.peer)} | ${fmt(r.ratio)} | ${r.target} |`,
    );
}
