// README "Build" table: one row per build of a module (opt-level × wasm-opt), from its files in
// a directory: sizes (raw, gzip -9, brotli 11) and, for the first module, parse + sum of the
// ~17 MB bench file and STL of a 240-point series (median of 15, Node).
// Usage: node bench/optlevel.mjs label=dir/civic_pulse_bg.wasm ...   (glue .js beside each)
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { benchBytes, loadBuild, median } from "./parse.mjs";

const bytes = benchBytes();
const values = Float64Array.from(
  { length: 240 },
  (_, i) => 100 + i + 10 * Math.sin((i * Math.PI) / 6),
);
console.log(
  "| build | raw | gzip -9 | brotli 11 | parse + sum | STL (240) |\n|---|---|---|---|---|---|",
);
for (const arg of process.argv.slice(2)) {
  const [label, path] = arg.split("=");
  const b = readFileSync(path);
  const gz = gzipSync(b, { level: 9 }).length;
  const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  let parse = "–";
  let stl = "–";
  const glue = await loadBuild(path, label);
  if (glue.Snapshot) {
    const run = () => {
      const snap = glue.Snapshot.fromIpc(bytes);
      try {
        const v = snap.column("value");
        let sum = 0;
        for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) sum += v[i];
        return sum;
      } finally {
        snap.free();
      }
    };
    parse = `${median(run).toFixed(1)} ms`;
    stl = `${(1000 * median(() => glue.stl(values, 12), 200)).toFixed(0)} µs`;
  }
  const n = (x) => x.toLocaleString("en");
  console.log(`| ${label} | ${n(b.length)} | ${n(gz)} | ${n(br)} | ${parse} | ${stl} |`);
}
