// Hostile input against the built WASM module (pkg/), as a reader's page would meet it: every
// truncation of a real snapshot (file and stream form), 10,000 seeded random mutations, empty
// input, 0 rows, 0 columns, duplicate names, invalid UTF-8, deeply nested types, non-bytes.
// Each call must return or throw an `Error` with a contract `code` (never a
// `WebAssembly.RuntimeError`), finish within 1 s, and leave the module working.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import * as A from "apache-arrow";
import { growth, initSync, Snapshot, Tidy } from "../../pkg/civic_pulse.js";

initSync({ module: readFileSync("pkg/civic_pulse_bg.wasm") });

const CODES = new Set([
  "invalid_ipc",
  "unsupported_type",
  "no_such_column",
  "schema_mismatch",
  "missing_values",
  "too_short",
  "invalid_argument",
]);
const LIMIT_MS = 1000;
const tally = new Map(); // outcome -> count
let maxMs = 0;
let maxWhat = "";
let calls = 0;

/** Runs one call: returns its value or null; fails the test on anything but a coded Error. */
function call(what, fn) {
  const t = performance.now();
  let outcome = "ok";
  let value = null;
  try {
    value = fn();
  } catch (e) {
    assert.ok(
      !(e instanceof WebAssembly.RuntimeError),
      `${what}: WebAssembly.RuntimeError ${e.message}`,
    );
    assert.ok(e instanceof Error, `${what}: threw a non-Error ${e}`);
    assert.ok(CODES.has(e.code), `${what}: Error without a contract code: ${e.code} ${e.message}`);
    outcome = e.code;
  }
  const ms = performance.now() - t;
  calls++;
  if (ms > maxMs) [maxMs, maxWhat] = [ms, what];
  assert.ok(ms < LIMIT_MS, `${what}: took ${ms.toFixed(0)} ms`);
  tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
  return value;
}

/** The module still answers a plain call correctly. */
function stillWorks(what) {
  const g = growth(new Float64Array([100, 110]), 1);
  assert.ok(Math.abs(g[1] - 0.1) < 1e-12, `module broken after ${what}`);
}

/** Decode, then exercise every accessor of whatever decodes. */
function exercise(what, bytes) {
  const snap = call(`${what}: fromIpc`, () => Snapshot.fromIpc(bytes));
  if (snap) {
    try {
      const n = call(`${what}: numRows`, () => snap.numRows);
      const names = call(`${what}: columnNames`, () => snap.columnNames()) ?? [];
      call(`${what}: metadata`, () => snap.metadata());
      names.forEach((name, i) => {
        const c = call(`${what}: column(${i})`, () => snap.columnAt(i));
        if (c)
          assert.equal(c.length, n, `${what}: column ${i} has ${c.length} values, numRows ${n}`);
        call(`${what}: column(${JSON.stringify(name)})`, () => snap.column(name));
      });
      const tidy = call(`${what}: Tidy.fromSnapshot`, () => Tidy.fromSnapshot(snap));
      tidy?.free();
    } finally {
      snap.free();
    }
  }
  stillWorks(what);
}

// A real snapshot with dates, dictionaries, floats and metadata, in file and stream form.
const catalog = JSON.parse(readFileSync("www/data/catalog.json", "utf8"));
const entry = catalog.find((d) => d.kind === "series") ?? catalog[0];
const fileBytes = new Uint8Array(readFileSync(`www/data/${entry.file}`));
const streamBytes = A.tableToIPC(A.tableFromIPC(fileBytes), "stream");

after(() => {
  const rows = [...tally.entries()].sort((a, b) => b[1] - a[1]);
  console.log(
    `hostile input: ${calls} calls on ${entry.file} (${fileBytes.length} B file, ` +
      `${streamBytes.length} B stream); max ${maxMs.toFixed(1)} ms (${maxWhat})`,
  );
  console.log(`outcomes: ${rows.map(([k, v]) => `${k} ${v}`).join(", ")}`);
});

test("every truncation of a real snapshot (file and stream) fails cleanly or reads", () => {
  for (const [form, bytes] of [
    ["file", fileBytes],
    ["stream", streamBytes],
  ]) {
    for (let end = 0; end < bytes.length; end++)
      exercise(`${form}[0..${end})`, bytes.subarray(0, end));
  }
});

// mulberry32: small, seeded, reproducible.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(src, rand) {
  const b = src.slice();
  const at = () => Math.floor(rand() * b.length);
  const dv = new DataView(b.buffer);
  const kinds = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < kinds; k++) {
    switch (Math.floor(rand() * 5)) {
      case 0: // bit flips
        for (let i = 0, n = 1 + Math.floor(rand() * 8); i < n; i++)
          b[at()] ^= 1 << Math.floor(rand() * 8);
        break;
      case 1: {
        // a run of one byte value
        const start = at(),
          len = 1 + Math.floor(rand() * 64);
        const v = [0, 0xff, 0x7f, 0x80, Math.floor(rand() * 256)][Math.floor(rand() * 5)];
        b.fill(v, start, Math.min(b.length, start + len));
        break;
      }
      case 2: {
        // a 32-bit length field set to a huge (or negative) value
        const i = at() & ~3;
        if (i + 4 <= b.length)
          dv.setInt32(i, [0x7fffffff, -1, -8, 0x40000000, 0x10000][Math.floor(rand() * 5)], true);
        break;
      }
      case 3: {
        // a 64-bit length or offset set to a huge (or negative) value
        const i = at() & ~7;
        const big = [2n ** 62n, -1n, 2n ** 31n, 2n ** 40n + 3n, -(2n ** 63n)][
          Math.floor(rand() * 5)
        ];
        if (i + 8 <= b.length) dv.setBigInt64(i, big, true);
        break;
      }
      default: {
        // copy a chunk over another place (duplicated headers, shifted offsets)
        const from = at(),
          to = at(),
          len = 1 + Math.floor(rand() * 128);
        b.copyWithin(to, from, Math.min(b.length, from + len));
      }
    }
  }
  return b;
}

test("10,000 seeded random mutations (bit flips, byte runs, huge lengths, moved chunks)", () => {
  const rand = rng(20240607);
  for (let i = 0; i < 10_000; i++) {
    const src = i % 2 ? streamBytes : fileBytes;
    exercise(`mutation ${i} (${i % 2 ? "stream" : "file"})`, mutate(src, rand));
  }
});

test("edge-case inputs: empty, not bytes, 0 rows, 0 columns, duplicate names", () => {
  const empty = call("empty", () => Snapshot.fromIpc(new Uint8Array(0)));
  assert.equal(empty, null);
  assert.equal(tally.get("invalid_ipc") > 0, true);
  for (const v of [null, undefined, 42, "ARROW1", {}, [1, 2, 3], new Float64Array(4)]) {
    call(`not bytes: ${String(v)}`, () => Snapshot.fromIpc(v)?.free());
    stillWorks(`not bytes ${String(v)}`);
  }
  // An ArrayBuffer is accepted as well as a Uint8Array.
  const viaBuffer = call("ArrayBuffer", () => Snapshot.fromIpc(fileBytes.slice().buffer));
  assert.equal(viaBuffer.numRows, entry.rows);
  viaBuffer.free();

  const zeroRows = A.tableToIPC(
    A.tableFromArrays({ x: new Float64Array(0), s: A.vectorFromArray([], new A.Utf8()) }),
    "file",
  );
  const s0 = Snapshot.fromIpc(zeroRows);
  assert.equal(s0.numRows, 0);
  assert.equal(s0.column("x").length, 0);
  assert.deepEqual(s0.column("s"), []);
  s0.free();
  exercise(
    "0 rows (stream)",
    A.tableToIPC(A.tableFromArrays({ x: new Float64Array(0) }), "stream"),
  );

  for (const form of ["file", "stream"]) {
    const zeroCols = Snapshot.fromIpc(A.tableToIPC(new A.Table(new A.Schema([])), form));
    assert.deepEqual(zeroCols.columnNames(), []);
    assert.equal(zeroCols.numRows, 0);
    assert.throws(
      () => zeroCols.column("x"),
      (e) => e.code === "no_such_column",
    );
    zeroCols.free();
  }

  const d1 = A.makeData({ type: new A.Float64(), length: 2, data: new Float64Array([1, 2]) });
  const d2 = A.makeData({ type: new A.Float64(), length: 2, data: new Float64Array([3, 4]) });
  const schema = new A.Schema([
    new A.Field("a", new A.Float64(), true),
    new A.Field("a", new A.Float64(), true),
  ]);
  const rb = new A.RecordBatch(
    schema,
    A.makeData({ type: new A.Struct(schema.fields), length: 2, nullCount: 0, children: [d1, d2] }),
  );
  const dup = Snapshot.fromIpc(A.tableToIPC(new A.Table([rb]), "file"));
  assert.deepEqual(dup.columnNames(), ["a", "a"]);
  assert.deepEqual([...dup.column("a")], [1, 2]);
  assert.deepEqual([...dup.columnAt(1)], [3, 4]);
  dup.free();
});

test("invalid UTF-8 in string data, dictionary values and column names is refused", () => {
  const marker = "QQQQQQ";
  const patch = (bytes) => {
    const b = bytes.slice();
    let hits = 0;
    for (let i = 0; i + marker.length <= b.length; i++) {
      if (String.fromCharCode(...b.subarray(i, i + marker.length)) === marker) {
        b.set([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1], i);
        hits++;
      }
    }
    assert.ok(hits > 0, "marker not found");
    return b;
  };
  const tables = {
    utf8: A.tableFromArrays({ s: A.vectorFromArray(["ok", marker, "x"], new A.Utf8()) }),
    dictionary: A.tableFromArrays({
      s: A.vectorFromArray(["ok", marker, "ok"], new A.Dictionary(new A.Utf8(), new A.Int32())),
    }),
    name: A.tableFromArrays({ [marker]: new Float64Array([1]) }),
  };
  for (const [kind, t] of Object.entries(tables)) {
    for (const form of ["file", "stream"]) {
      const bytes = patch(A.tableToIPC(t, form));
      const before = tally.get("invalid_ipc") ?? 0;
      exercise(`invalid UTF-8 (${kind}, ${form})`, bytes);
      assert.ok(
        (tally.get("invalid_ipc") ?? 0) > before,
        `invalid UTF-8 in ${kind} (${form}) was accepted`,
      );
    }
  }
});

test("deeply nested types: lists and structs 10, 30 and 200 levels deep", () => {
  for (const depth of [10, 30, 200]) {
    let list = A.makeData({ type: new A.Float64(), length: 0, data: new Float64Array(0) });
    let struct = A.makeData({ type: new A.Float64(), length: 1, data: new Float64Array([1]) });
    for (let i = 0; i < depth; i++) {
      list = A.makeData({
        type: new A.List(new A.Field("item", list.type, true)),
        length: 0,
        nullCount: 0,
        valueOffsets: new Int32Array([0]),
        child: list,
      });
      struct = A.makeData({
        type: new A.Struct([new A.Field("f", struct.type, true)]),
        length: 1,
        nullCount: 0,
        children: [struct],
      });
    }
    const t = new A.Table({ list: A.makeVector(list) });
    const s = new A.Table({ struct: A.makeVector(struct) });
    for (const form of ["file", "stream"]) {
      exercise(`list depth ${depth} (${form})`, A.tableToIPC(t, form));
      exercise(`struct depth ${depth} (${form})`, A.tableToIPC(s, form));
    }
    // Reading such a column is refused by type, naming it.
    if (depth === 10) {
      const snap = Snapshot.fromIpc(A.tableToIPC(t, "file"));
      assert.throws(
        () => snap.column("list"),
        (e) => e.code === "unsupported_type" && /list/i.test(e.message),
      );
      snap.free();
    }
  }
});

// The page hashes with WebCrypto and hands the hex to fromPrehashedIpc (the module no longer
// hashes: fromTrustedIpc and sha256 left it in issue 15); node:crypto stands in for WebCrypto.
const sha256 = (b) => createHash("sha256").update(b).digest("hex");

test("fromPrehashedIpc: a hash mismatch validates, a match reads the same data", () => {
  assert.equal(sha256(fileBytes), entry.sha256);
  const trusted = Snapshot.fromPrehashedIpc(fileBytes, sha256(fileBytes), entry.sha256);
  const checked = Snapshot.fromPrehashedIpc(fileBytes, sha256(fileBytes), "0".repeat(64));
  assert.equal(trusted.validated, false);
  assert.equal(checked.validated, true);
  for (const name of trusted.columnNames())
    assert.deepEqual(trusted.column(name), checked.column(name));
  trusted.free();
  checked.free();
  // A mutated file, hashed as the page hashes it and checked against the catalog's hash, is not
  // trusted: it is validated.
  const rand = rng(7);
  for (let i = 0; i < 200; i++) {
    const m = mutate(fileBytes, rand);
    const snap = call(`trusted mutation ${i}`, () =>
      Snapshot.fromPrehashedIpc(m, sha256(m), entry.sha256),
    );
    if (snap) {
      assert.equal(snap.validated, sha256(m) !== entry.sha256);
      snap.free();
    }
    stillWorks(`trusted mutation ${i}`);
  }
});
