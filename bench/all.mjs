// `make bench`: one table of sizes and timings, each timing beside a peer measured in the same
// run (ratios, not absolute targets inside tests).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { benchBytes, loadBuild, median, parseBench } from "./parse.mjs";

const rows = [];
const row = (group, what, ours, peer, peerName, target = "") =>
  rows.push({ group, what, ours, peer, peerName, ratio: peer ? ours / peer : NaN, target });

// Sizes (bytes) of what a reader downloads.
for (const f of ["pkg/civic_pulse_bg.wasm", "pkg/civic_pulse.js", "www/vendor/plot.js"]) {
  const b = readFileSync(f);
  const gz = gzipSync(b, { level: 9 }).length;
  const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push({ group: "size", what: f, text: `${b.length} raw, ${gz} gzip, ${br} brotli` });
}

// Parse + sum, 17 MB.
const bytes = benchBytes();
const parse = await parseBench(bytes, [["wasm", "pkg/civic_pulse_bg.wasm"]]);
const [arrow, flechette, wasm] = parse.map((r) => r[1]);
row("parse", `parse + sum, ${(bytes.length / 1e6).toFixed(0)} MB (ms)`, wasm, arrow, "apache-arrow", "≤ 3× (trusted)");
row("parse", `parse + sum, ${(bytes.length / 1e6).toFixed(0)} MB (ms)`, wasm, flechette, "@uwdata/flechette");

// Every decomposable series of the report's datasets.
const glue = await loadBuild("pkg/civic_pulse_bg.wasm", "stl");
const catalog = JSON.parse(readFileSync("www/data/catalog.json", "utf8"));
const series = [];
for (const d of catalog.filter((d) => d.kind === "series")) {
  const snap = glue.Snapshot.fromIpc(readFileSync(`www/data/${d.file}`));
  const names = snap.columnNames();
  const [date, entity, metric, value] = ["date", "entity", "metric", "value"].map((n) => snap.column(n));
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
    if (values.length >= 2 * period && values.every(Number.isFinite)) series.push({ name, period, values });
  }
}
const wasmUs = Object.fromEntries(series.map((s) => [s.name, 1000 * median(() => glue.stl(s.values, s.period), 200)]));
const allMs = median(() => series.forEach((s) => glue.stl(s.values, s.period)), 20);
const input = JSON.stringify(series);
const native = JSON.parse(execFileSync("cargo", ["run", "--quiet", "--release", "--example", "bench_native"], { input }));
let py = null;
try {
  py = JSON.parse(execFileSync(".venv-stl/bin/python", ["bench/stl_statsmodels.py"], { input }));
} catch (e) {
  console.error(`statsmodels not available (run tools/setup.sh --bench): ${e.message.split("\n")[0]}`);
}
const mean = (o) => Object.values(o).reduce((a, b) => a + b, 0) / Object.keys(o).length;
const n = series.length;
if (py) row("stl", `STL per series, mean of ${n} report series (µs)`, mean(wasmUs), mean(py.stl_us), "statsmodels", "≥ 4× faster");
row("stl", `STL per series, mean of ${n} report series (µs)`, mean(wasmUs), mean(native.stl_us), "native civic-pulse");
row("stl", `STL per series, mean of ${n} report series (µs)`, mean(wasmUs), mean(native.stlrs_raw_us), "native stlrs direct");
row("stl", `STL of all ${n} report series (ms total)`, allMs, null, "", "< 50 ms");

// Growth over 1M values vs a plain JS loop.
const big = Float64Array.from({ length: 1_000_000 }, (_, i) => 1000 + Math.sin(i / 7) * 100 + i / 1e3);
const jsGrowth = (v, lag) => {
  const out = new Float64Array(v.length).fill(NaN);
  for (let t = lag; t < v.length; t++) if (v[t - lag] !== 0) out[t] = v[t] / v[t - lag] - 1;
  return out;
};
row("growth", "growth(1M values, lag 12) (ms)", median(() => glue.growth(big, 12)), median(() => jsGrowth(big, 12)), "plain JS loop");

// Print one table.
const fmt = (x) => (x == null || Number.isNaN(x) ? "" : x >= 100 ? x.toFixed(0) : x.toFixed(2));
console.log(`\nCivic Pulse benchmarks (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${series.length} series)`);
console.log("| group | measure | civic-pulse | peer | peer value | ratio (ours/peer) | target |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  if (r.text) console.log(`| ${r.group} | ${r.what} | ${r.text} | | | | |`);
  else console.log(`| ${r.group} | ${r.what} | ${fmt(r.ours)} | ${r.peerName} | ${fmt(r.peer)} | ${fmt(r.ratio)} | ${r.target} |`);
}
