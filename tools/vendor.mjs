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
await build({ ...common, entryPoints: { plot: "tools/vendor-entry.js" } });
await build({ ...common, entryPoints: { "csv-worker": "www/csv/worker.js" } });
