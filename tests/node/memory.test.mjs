// Memory behaviour of the built WASM module: a 200 MB snapshot is read (or refused with a
// coded error, never a trap), inputs over the documented limit are refused before anything
// is allocated, and 1,000 create/free cycles do not grow WebAssembly memory without bound.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import * as A from "apache-arrow";
import { growth, initSync, Snapshot, Tidy } from "../../pkg/civic_pulse.js";

const wasm = initSync({ module: readFileSync("pkg/civic_pulse_bg.wasm") });
const mem = () => wasm.memory.buffer.byteLength;
const MB = 1 << 20;
const report = [];
after(() => console.log(report.join("\n")));

const catalog = JSON.parse(readFileSync("www/data/catalog.json", "utf8"));
const series = catalog.find((d) => d.kind === "series") ?? catalog[0];
const small = new Uint8Array(readFileSync(`www/data/${series.file}`));

test("1,000 create/free cycles of Snapshot (and Tidy) do not grow WASM memory", () => {
  const cycle = () => {
    const snap = Snapshot.fromIpc(small);
    for (const name of snap.columnNames()) snap.column(name);
    const tidy = Tidy.fromSnapshot(snap);
    tidy.free();
    snap.free();
  };
  for (let i = 0; i < 10; i++) cycle();
  const warm = mem();
  const at = {};
  for (let i = 1; i <= 1000; i++) {
    cycle();
    if (i === 100 || i === 500 || i === 1000) at[i] = mem();
  }
  report.push(
    `create/free cycles of ${series.file}: memory after 10 ${warm / MB} MiB, ` +
      `100 ${at[100] / MB} MiB, 500 ${at[500] / MB} MiB, 1000 ${at[1000] / MB} MiB`,
  );
  assert.equal(at[1000], at[100], "memory kept growing between cycle 100 and cycle 1000");
  assert.ok(
    at[1000] - warm <= 1 * MB,
    `memory grew ${(at[1000] - warm) / MB} MiB over 1000 cycles`,
  );
});

test("a 200 MB snapshot is read, its column returned, and freed memory is reused", () => {
  const rows = 25_000_000; // 25M float64 = 200 MB of values
  const values = new Float64Array(rows);
  for (let i = 0; i < rows; i++) values[i] = i % 1000;
  const bytes = A.tableToIPC(A.tableFromArrays({ value: values }), "file");
  assert.ok(bytes.length >= 200e6, `${bytes.length} bytes`);
  const before = mem();
  let t = performance.now();
  const snap = Snapshot.fromIpc(bytes);
  const parseMs = performance.now() - t;
  assert.equal(snap.numRows, rows);
  t = performance.now();
  const col = snap.column("value");
  const columnMs = performance.now() - t;
  assert.equal(col.length, rows);
  assert.equal(col[rows - 1], (rows - 1) % 1000);
  snap.free();
  const peak = mem();
  // A second read reuses the memory the first one freed.
  const again = Snapshot.fromIpc(bytes);
  again.free();
  report.push(
    `200 MB file (${(bytes.length / 1e6).toFixed(0)} MB): fromIpc ${parseMs.toFixed(0)} ms, ` +
      `column ${columnMs.toFixed(0)} ms; WASM memory ${before / MB} → ${peak / MB} MiB, ` +
      `after a second read ${mem() / MB} MiB`,
  );
  assert.ok(peak - before <= 1.25 * bytes.length, "the reader copied the input more than once");
  assert.equal(mem(), peak, "a second read of the same file grew memory again");
  assert.equal(growth([1, 2], 1)[1], 1);
});

test("inputs over the 1 GiB limit are refused before anything is allocated", () => {
  const before = mem();
  const huge = new Uint8Array(2 ** 30 + 1); // lazily zeroed: costs no RAM until touched
  huge.set(small.subarray(0, 8));
  assert.throws(
    () => Snapshot.fromIpc(huge),
    (e) => e instanceof Error && e.code === "invalid_argument" && /too large/.test(e.message),
  );
  assert.equal(mem(), before, "memory grew while refusing an oversized input");
  report.push(
    `1 GiB + 1 byte input: refused with invalid_argument, WASM memory unchanged (${before / MB} MiB)`,
  );
  assert.equal(growth([1, 2], 1)[1], 1);
});
