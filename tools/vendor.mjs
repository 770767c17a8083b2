// Bundles the chart library into www/vendor/ (a static, self-hosted ES module).
import { build } from "esbuild";

await build({
  entryPoints: { plot: "tools/vendor-entry.js" },
  outdir: "www/vendor",
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "eof",
  logLevel: "warning",
});
