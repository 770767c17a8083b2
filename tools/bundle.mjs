// The page's modules as served (issue 15): esbuild bundles and minifies the report's entry
// modules so that a phone on a slow network fetches a few files in one or two round trips instead
// of ~40 modules discovered import by import. Written to www/ itself (so that every URL a module
// builds from import.meta.url — ../pkg/, data/, sw.js, the on-demand workers — stays right), with
// content-hashed names that tools/serve.mjs caches as immutable:
//   app-boot.<hash>.js    index.html's async script: starts the engine's worker at once
//   app-main.<hash>.js    the report page (main.js), its chart declarations, text and Plot
//   app-embed.<hash>.js   the embed and chart pages (embed.js)
//   app-worker.<hash>.js  the engine's Web Worker (worker.js → ops, engine, pkg/civic_pulse.js)
//                         with the catalog's page fields built in (no catalog request)
//   app-chunk.<hash>.js   code shared by those entries or loaded on demand (dynamic import())
// and www/app-manifest.json, which tools/prerender.mjs reads to put those names into index.html
// and the embed pages (script tags and modulepreload links for each entry's static imports).
// The source modules stay in www/ and are still served: the single-file report bundles them on its
// own (tools/offline.mjs), and the rarely used workers (own-file slices, CSV) load from them.
// Usage: node tools/bundle.mjs   (after tools/vendor.mjs: Plot comes from www/vendor/plot.js)
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { build } from "esbuild";

const WWW = new URL("../www/", import.meta.url).pathname;

// A previous build's files (their hashes differ, so they would pile up).
for (const f of readdirSync(WWW))
  if (/^app-.*\.js(\.br|\.gz)?$/.test(f) || f === "app-manifest.json") rmSync(join(WWW, f));

const common = {
  bundle: true,
  splitting: true,
  format: "esm",
  // CP_NO_MINIFY=1: readable bundles, for a CPU profile that names the page's functions.
  minify: !process.env.CP_NO_MINIFY,
  target: "es2022",
  charset: "utf8",
  legalComments: "eof",
  logLevel: "warning",
  metafile: true,
  outdir: WWW,
  entryNames: "[name].[hash]",
  chunkNames: "app-chunk.[hash]",
};

/**
 * An entry from a metafile: { file, imports: its static chunk imports (to preload), loads: every
 * file it can load, on demand too (tools/size-report.mjs counts them) }.
 */
function entry(meta) {
  const [path, o] = Object.entries(meta.outputs).find(([, o]) => o.entryPoint);
  const loads = new Set();
  const walk = (p) => {
    if (loads.has(p)) return;
    loads.add(p);
    for (const i of meta.outputs[p]?.imports ?? []) walk(i.path);
  };
  walk(path);
  return {
    file: basename(path),
    imports: o.imports.filter((i) => i.kind === "import-statement").map((i) => basename(i.path)),
    loads: [...loads].filter((p) => p.endsWith(".js")).map((p) => basename(p)),
  };
}

/**
 * One entry per build: each page loads one file plus what it imports on demand (splitting only
 * makes chunks for dynamic import()s), rather than a web of chunks shared between entries.
 */
async function bundle(name, source, define = {}, splitting = true) {
  const r = await build({
    ...common,
    splitting,
    entryPoints: { [name]: join(WWW, source) },
    define,
  });
  return [name, entry(r.metafile)];
}

// The catalog fields the engine and the page read (engine.js: globalThis.CP_CATALOG); the reader
// notes, column lists and provenance tallies stay in data/catalog.json (a third of its bytes).
const PAGE_FIELDS = /^(id|file|kind|unit|source(_zh|_en)?|sha256|rows)$/;
const catalog = JSON.parse(readFileSync(join(WWW, "data/catalog.json"), "utf8")).map((d) =>
  Object.fromEntries(Object.entries(d).filter(([k]) => PAGE_FIELDS.test(k))),
);

// The worker first: the page's modules name it (rpc.js reads globalThis.CP_WORKER).
// One file, no chunks (the on-demand module's 4 KB of glue rides along): a chunk would cost the
// worker a round trip before it can ask for the WASM module.
const worker = await bundle(
  "app-worker",
  "worker.js",
  { "globalThis.CP_CATALOG": JSON.stringify(catalog) },
  false,
);
const define = { "globalThis.CP_WORKER": JSON.stringify(`./${worker[1].file}`) };
const manifest = Object.fromEntries([
  worker,
  await bundle("app-boot", "boot.js", define),
  await bundle("app-main", "main.js", define),
  await bundle("app-embed", "embed.js", define),
]);
writeFileSync(join(WWW, "app-manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(
  `bundle: ${Object.values(manifest)
    .map((e) => e.file)
    .join(", ")}`,
);
