// `make size`: what a reader downloads, gzip level 9 per file (as a server would send it),
// against the budgets of issue 6:
//   first view   the bytes before the first chart is visible, before any JavaScript:
//                index.html + site.css + the first chart's static SVG          budget  30 KB
//   report       everything the interactive report loads: the first view, every module of the
//                page and of its worker (esbuild's module graph), Plot, the WASM module, the
//                catalog and every dataset the charts and the claim check read    budget 300 KB
//   embed        one embedded chart (embed/zh/<chart>.html, default railway-12306-monthly):
//                page, CSS, static SVG, embed.js graph, worker graph, WASM, catalog, its dataset;
//                plus resize.js on the host page
//   offline      dist/civic-pulse-report.html (raw and gzip)
// Usage: node tools/size-report.mjs [--chart <id>] [--json out.json]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const ROOT = new URL("..", import.meta.url).pathname;
const WWW = join(ROOT, "www");
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const chart = opt("chart", "railway-12306-monthly");

const gz = new Map();
function size(path) {
  if (!gz.has(path)) {
    const raw = readFileSync(path);
    gz.set(path, { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length });
  }
  return gz.get(path);
}
const sum = (paths) =>
  [...new Set(paths)].reduce(
    (a, p) => ({ raw: a.raw + size(p).raw, gzip: a.gzip + size(p).gzip, n: a.n + 1 }),
    { raw: 0, gzip: 0, n: 0 },
  );

// The served page loads bundles (tools/bundle.mjs) when they are built: count those files.
const bundles = existsSync(join(WWW, "app-manifest.json"))
  ? JSON.parse(readFileSync(join(WWW, "app-manifest.json"), "utf8"))
  : null;
const BUNDLE_OF = { "main.js": "app-main", "worker.js": "app-worker", "embed.js": "app-embed" };

async function graph(entry) {
  if (bundles) return bundles[BUNDLE_OF[entry]].loads.map((f) => join(WWW, f));
  const r = await build({
    entryPoints: [join(WWW, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    logLevel: "silent",
  });
  return Object.keys(r.metafile.inputs).map((p) => join(ROOT, p));
}

// Which datasets the report reads: run every chart's prepare() and the claim check through the
// engine with a recording file table (no browser needed; the same code the worker runs).
async function datasetsRead(ids) {
  const engine = await import("../www/engine.js");
  const catalog = JSON.parse(readFileSync(join(WWW, "data/catalog.json"), "utf8"));
  const files = { "catalog.json": readFileSync(join(WWW, "data/catalog.json")) };
  for (const d of catalog) files[d.file] = new Uint8Array(readFileSync(join(WWW, "data", d.file)));
  const seen = new Set();
  engine.configure({
    wasm: readFileSync(join(ROOT, "pkg/civic_pulse_bg.wasm")),
    files: new Proxy(files, {
      get: (t, k) => {
        seen.add(k);
        return t[k];
      },
    }),
  });
  const { CHARTS } = await import("../www/registry.js");
  const { context } = await import("../www/view.js");
  for (const spec of CHARTS.filter((c) => !ids || ids.includes(c.id))) {
    // The same context tools/prerender.mjs gives a declaration at build time.
    const tog = (key) => spec.toggles?.find((x) => x.key === key)?.default;
    await spec.prepare(
      context("zh", tog, {
        seriesAll: engine.seriesAll,
        table: engine.table,
        wasm: engine.analytics,
        claims: engine.claims,
      }),
    );
  }
  if (!ids) await engine.claims(); // the overview's headline cards
  return [...seen]
    .filter((f) => typeof f === "string" && f !== "catalog.json")
    .map((f) => join(WWW, "data", f));
}

const indexHtml = readFileSync(join(WWW, "index.html"), "utf8");
const firstSvg = indexHtml.match(/<img class="static-chart" src="([^"]+)"/)?.[1];
if (!firstSvg)
  throw new Error("www/index.html has no static chart: run node tools/prerender.mjs first");
// The first chart's drawing and the critical CSS are inline (tools/critical-path.mjs).
const firstView = firstSvg.startsWith("data:")
  ? [join(WWW, "index.html")]
  : [join(WWW, "index.html"), join(WWW, "site.css"), join(WWW, firstSvg)];
const wasm = join(ROOT, "pkg/civic_pulse_bg.wasm");
const catalogFile = join(WWW, "data/catalog.json");
const mainGraph = await graph("main.js");
const workerGraph = await graph("worker.js");
const reportData = await datasetsRead(null);
const report = [
  ...new Set([...firstView, join(WWW, "site.css")]),
  join(WWW, "favicon.svg"),
  ...(bundles ? [] : [join(WWW, "boot.js")]), // the bundled page has it inline
  ...mainGraph,
  ...workerGraph,
  // The claim check runs in this module (issue 15); the on-demand one (pkg/civic_pulse_extra*)
  // loads only for an Arrow slice download, which reading the report does not need.
  wasm,
  // The bundled worker carries the catalog's page fields (no catalog request).
  ...(bundles ? [] : [catalogFile]),
  ...reportData,
];

const embedPage = join(WWW, "embed/zh", `${chart}.html`);
const embedGraph = await graph("embed.js");
const embedData = await datasetsRead([chart]);
const embed = [
  embedPage,
  join(WWW, "site.css"),
  join(WWW, "embed.css"),
  join(WWW, `static/${chart}.zh.svg`),
  ...embedGraph,
  ...workerGraph,
  wasm,
  ...(bundles ? [] : [catalogFile]),
  ...embedData,
];
const resize = join(WWW, "embed/resize.js");

const offlinePath = join(ROOT, "dist/civic-pulse-report.html");
const offline = existsSync(offlinePath) ? sum([offlinePath]) : null;

const KB = (n) => (n / 1024).toFixed(1);
const rows = [
  ["first view before JS (index.html + site.css + first static SVG)", sum(firstView), 30],
  ["  of which WASM module: none", null],
  ["interactive report (all files loaded)", sum(report), 300],
  ["  WASM module pkg/civic_pulse_bg.wasm", sum([wasm])],
  [
    bundles
      ? "  page code (HTML, CSS, bundles with Plot, worker, pkg glue)"
      : "  page code (HTML, CSS, modules, worker, pkg glue)",
    sum(report.filter((p) => !/\.wasm$|\/data\/|vendor\/plot\.js$/.test(p))),
  ],
  ...(bundles
    ? []
    : [
        [
          "  Observable Plot (www/vendor/plot.js)",
          sum(report.filter((p) => p.endsWith("vendor/plot.js"))),
        ],
      ]),
  [
    `  data (${bundles ? "" : "catalog + "}${reportData.length} datasets)`,
    sum(bundles ? reportData : [catalogFile, ...reportData]),
  ],
  ["  report without the WASM module", sum(report.filter((p) => !p.endsWith(".wasm")))],
  [`one embedded chart (${chart}, zh)`, sum(embed), 300],
  ["  embed without the WASM module", sum(embed.filter((p) => !p.endsWith(".wasm")))],
  ["  + host page: embed/resize.js", sum([resize])],
  ["offline file dist/civic-pulse-report.html", offline],
];
const line = (label, s, budget) => {
  if (!s) return `${label.padEnd(66)} ${"—".padStart(6)} ${"—".padStart(9)} ${"—".padStart(9)}`;
  const verdict =
    budget == null
      ? ""
      : s.gzip / 1024 <= budget
        ? `≤ ${budget} KB  ok`
        : `> ${budget} KB  OVER by ${KB(s.gzip - budget * 1024)} KB`;
  return `${label.padEnd(66)} ${String(s.n).padStart(6)} ${KB(s.raw).padStart(9)} ${KB(s.gzip).padStart(9)}  ${verdict}`;
};
console.log(
  `${"what".padEnd(66)} ${"files".padStart(6)} ${"raw KB".padStart(9)} ${"gzip KB".padStart(9)}  budget (gzip)`,
);
for (const [label, s, budget] of rows)
  if (!label.includes("of which")) console.log(line(label, s, budget));
if (!offline) console.log("(dist/civic-pulse-report.html missing: run node tools/offline.mjs)");
const out = opt("json");
if (out) {
  const rel = (ps) => [...new Set(ps)].map((p) => relative(ROOT, p));
  writeFileSync(
    out,
    JSON.stringify(
      {
        rows: rows
          .filter(([, s]) => s)
          .map(([label, s, budget]) => ({ label: label.trim(), ...s, budgetKB: budget ?? null })),
        files: { firstView: rel(firstView), report: rel(report), embed: rel(embed) },
      },
      null,
      2,
    ),
  );
}
