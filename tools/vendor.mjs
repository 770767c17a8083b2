// Bundles the chart library into www/vendor/ (a static, self-hosted ES module), and the CSV
// reader's worker (www/csv/ + @uwdata/flechette), which the page loads only when a reader
// opens a CSV or TSV file.
import { build } from "esbuild";

const common = {
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "eof",
  logLevel: "warning",
  outdir: "www/vendor",
};
// The report draws no maps, but Plot's plot() reaches d3-geo's projections whatever the marks,
// so tree-shaking keeps all of them (26 KB minified). This plugin gives Plot a d3-geo whose
// functions throw — a geo mark or `projection` option would fail loudly, never draw wrong —
// geoTransform's too, when its stream is used (Plot makes one while its module loads).
const noMaps = {
  name: "no-maps",
  setup(b) {
    b.onResolve({ filter: /^d3-geo$/ }, () => ({ path: "d3-geo", namespace: "no-maps" }));
    b.onLoad({ filter: /.*/, namespace: "no-maps" }, async () => ({
      loader: "js",
      contents: [
        'const none = () => { throw new Error("map projections are not in this build of Plot (tools/vendor.mjs)"); };',
        "export const geoTransform = () => ({ stream: none });",
        ...Object.keys(await import("d3-geo"))
          .filter((n) => n !== "geoTransform")
          .map((n) => `export const ${n} = none;`),
      ].join("\n"),
    }));
  },
};
await build({ ...common, entryPoints: { plot: "tools/vendor-entry.js" }, plugins: [noMaps] });
await build({ ...common, entryPoints: { "csv-worker": "www/csv/worker.js" } });
