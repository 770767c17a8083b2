// Parse + sum of one float column of a ~17 MB tidy Arrow IPC file: the WASM reader (one or
// several builds of it) against apache-arrow and @uwdata/flechette in the same Node process.
// CLI: node bench/parse.mjs [file.arrow] [label=path/to/civic_pulse_bg.wasm ...]
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tableFromIPC as flechetteFromIPC } from "@uwdata/flechette";
import { tableFromIPC as arrowFromIPC } from "apache-arrow";
import { generate } from "./gen.mjs";

/** Median wall time (ms) of `runs` calls, after one warm-up call unless `warmUp` is false. */
export function median(fn, runs = 15, { warmUp = true } = {}) {
  if (warmUp) fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1];
}

const sum = (a) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i])) s += a[i];
  return s;
};

/** Loads a fresh glue instance for one .wasm build: the glue beside it (`x_bg.wasm` → `x.js`),
 * the query string making a new module record. */
export async function loadBuild(path, tag) {
  const js = pathToFileURL(resolve(path.replace(/_bg\.wasm$/, ".js"))).href;
  const glue = await import(`${js}?build=${tag}`);
  glue.initSync({ module: readFileSync(path) });
  return glue;
}

/** [[label, ms]] for the peers and each WASM build. */
export async function parseBench(bytes, builds) {
  const expected = sum(arrowFromIPC(bytes).getChild("value").toArray());
  const rows = [
    ["apache-arrow", median(() => sum(arrowFromIPC(bytes).getChild("value").toArray()))],
    ["@uwdata/flechette", median(() => sum(flechetteFromIPC(bytes).getChild("value").toArray()))],
  ];
  for (const [i, [label, path]] of builds.entries()) {
    const glue = await loadBuild(path, i);
    const run = () => {
      const snap = glue.Snapshot.fromIpc(bytes);
      try {
        return sum(snap.column("value"));
      } finally {
        snap.free();
      }
    };
    if (Math.abs(run() - expected) > 1e-6 * Math.abs(expected))
      throw new Error(`${label}: wrong sum`);
    rows.push([label, median(run)]);
  }
  return rows;
}

export function benchBytes(file = "target/bench-17mb.arrow") {
  return existsSync(file) ? new Uint8Array(readFileSync(file)) : generate();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, ...args] = process.argv.slice(2);
  const bytes = benchBytes(file);
  const builds = (args.length ? args : ["wasm=pkg/civic_pulse_bg.wasm"]).map((a) => a.split("="));
  const rows = await parseBench(bytes, builds);
  console.log(
    `parse + sum of "value", ${(bytes.length / 1e6).toFixed(1)} MB, median of 15 (ms; ratio = x / apache-arrow)`,
  );
  for (const [label, ms] of rows)
    console.log(
      `${label.padEnd(22)} ${ms.toFixed(2).padStart(8)} ${(ms / rows[0][1]).toFixed(2).padStart(7)}`,
    );
}
