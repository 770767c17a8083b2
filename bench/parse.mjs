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

/** `{ ms, ratio }` by label (see `interleaved`; ratios over Arrow JS in the same round, from the
 * file over Arrow JS from the file):
 * the peers and each WASM build's contenders, every sum checked against Arrow JS's. */
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
  // Two groups, each timed against its own Arrow JS: bytes in JS memory, and from the file.
  const group = (file) =>
    Object.fromEntries(Object.entries(fns).filter(([k]) => k.includes("from the file") === file));
  const [mem, disk] = [interleaved(group(false)), interleaved(group(true))];
  return { ms: { ...mem.ms, ...disk.ms }, ratio: { ...mem.ratio, ...disk.ratio } };
}

export function benchBytes(file = "target/bench-17mb.arrow") {
  return existsSync(file) ? new Uint8Array(readFileSync(file)) : generate();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, ...args] = process.argv.slice(2);
  const bytes = benchBytes(file);
  const builds = (args.length ? args : ["wasm=pkg/civic_pulse_bg.wasm"]).map((a) => a.split("="));
  const { ms, ratio } = await parseBench(bytes, builds, existsSync(file ?? "") ? file : null);
  console.log(
    `parse + sum of "value", ${(bytes.length / 1e6).toFixed(1)} MB, 21 interleaved rounds: median ms; ratio = median over rounds of x / Arrow JS (bytes or file) in that round`,
  );
  for (const [label, t] of Object.entries(ms))
    console.log(
      `${label.padEnd(34)} ${t.toFixed(2).padStart(8)} ${ratio[label].toFixed(2).padStart(7)}`,
    );
}
