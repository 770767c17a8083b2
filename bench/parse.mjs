// Parse + sum of one float column of a ~16 MB tidy Arrow IPC file: the WASM reader (one or
// several builds of it) against apache-arrow and @uwdata/flechette in the same Node process.
// The same contenders run in Chromium (bench/browser-page.mjs imports parseContenders).
// CLI: node bench/parse.mjs [file.arrow] [label=path/to/civic_pulse_bg.wasm ...]
import * as fs from "node:fs";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tableFromIPC as flechetteFromIPC } from "@uwdata/flechette";
import { tableFromIPC as arrowFromIPC } from "apache-arrow";
import { generate } from "./gen.mjs";
import { interleaved, parseContenders, sum } from "./parse-contenders.mjs";

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

/** Loads a fresh glue instance for one .wasm build: the glue beside it (`x_bg.wasm` → `x.js`),
 * the query string making a new module record. */
export async function loadBuild(path, tag) {
  const js = pathToFileURL(resolve(path.replace(/_bg\.wasm$/, ".js"))).href;
  const glue = await import(`${js}?build=${tag}`);
  glue.initSync({ module: readFileSync(path) });
  return glue;
}

/** [[label, ms]]: the peers and each WASM build's contenders, every sum checked against
 * Arrow JS's, timed in interleaved rounds. */
export async function parseBench(bytes, builds, file = null) {
  const Arrow = { tableFromIPC: arrowFromIPC };
  const fl = { tableFromIPC: flechetteFromIPC };
  const expected = sum(arrowFromIPC(bytes).getChild("value").toArray());
  const fns = {};
  for (const [i, [label, path]] of builds.entries()) {
    const glue = await loadBuild(path, i);
    const c = parseContenders(bytes, glue, { Arrow, fl, fs, file });
    for (const [k, fn] of Object.entries(c)) {
      const name = k.startsWith("wasm") ? k.replace(/^wasm/, label) : k;
      if (i > 0 && !k.startsWith("wasm")) continue;
      let got;
      try {
        got = fn();
      } catch (e) {
        // An older build without columnView / IpcInput (before → after comparisons).
        if (e instanceof TypeError) continue;
        throw e;
      }
      if (Math.abs(got - expected) > 1e-6 * Math.abs(expected))
        throw new Error(`${name}: wrong sum`);
      fns[name] = fn;
    }
  }
  return Object.entries(interleaved(fns));
}

export function benchBytes(file = "target/bench-17mb.arrow") {
  return existsSync(file) ? new Uint8Array(readFileSync(file)) : generate();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, ...args] = process.argv.slice(2);
  const bytes = benchBytes(file);
  const builds = (args.length ? args : ["wasm=pkg/civic_pulse_bg.wasm"]).map((a) => a.split("="));
  const rows = await parseBench(bytes, builds, existsSync(file ?? "") ? file : null);
  console.log(
    `parse + sum of "value", ${(bytes.length / 1e6).toFixed(1)} MB, median of 21 interleaved rounds (ms; ratio = x / apache-arrow)`,
  );
  for (const [label, ms] of rows)
    console.log(
      `${label.padEnd(34)} ${ms.toFixed(2).padStart(8)} ${(ms / rows[0][1]).toFixed(2).padStart(7)}`,
    );
}
