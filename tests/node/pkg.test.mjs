// The built pkg/ as the contract says readers use it in Node 20: initSync + the JS API. Two
// modules: pkg/civic_pulse (reading, Tidy, analytics, checkClaims) and the on-demand
// pkg/civic_pulse_extra (sliceIpc).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as first from "../../pkg/civic_pulse.js";
import * as extra from "../../pkg/civic_pulse_extra.js";

const { checkClaims, growth, initSync, Snapshot, Tidy } = first;
const { sliceIpc } = extra;
initSync({ module: readFileSync("pkg/civic_pulse_bg.wasm") });
extra.initSync({ module: readFileSync("pkg/civic_pulse_extra_bg.wasm") });
const catalog = JSON.parse(readFileSync("www/data/catalog.json", "utf8"));
const bytes = (file) => new Uint8Array(readFileSync(`www/data/${file}`));

test("every catalog snapshot reads, with the row count and metadata the catalog declares", () => {
  for (const d of catalog) {
    const snap = Snapshot.fromIpc(bytes(d.file));
    try {
      assert.equal(snap.numRows, d.rows, d.id);
      const meta = snap.metadata();
      assert.equal(meta.title_zh, d.title_zh, d.id);
      assert.equal(meta.unit, d.unit, d.id);
      for (const name of snap.columnNames()) snap.column(name);
    } finally {
      snap.free();
    }
  }
});

test("checkClaims over every dataset reproduces each claim's expected verdict", () => {
  const datasets = Object.fromEntries(catalog.map((d) => [d.id, bytes(d.file)]));
  const { checks, summary } = checkClaims(bytes("claims.arrow"), datasets);
  assert.equal(checks.length, 244);
  for (const c of checks) assert.equal(c.verdict, c.expected, `${c.id}: ${c.explanation}`);
  assert.deepEqual(summary.all, { total: 244, matches: 132, differs: 8, notComputable: 104 });
  const differs = checks.filter((c) => c.verdict === "differs").map((c) => c.id);
  assert.deepEqual(differs, [
    "C0028",
    "C0085",
    "C0097",
    "C0106",
    "C0108",
    "C0114",
    "C0121",
    "C0141",
  ]);
  // Every check says what it rests on; the summary leads with the independent tally.
  for (const c of checks) assert.ok(c.checkKind, c.id);
  assert.deepEqual(summary.byKind.independent, {
    total: 66,
    matches: 58,
    differs: 8,
    notComputable: 0,
  });
});

test("the first module carries the claim evaluator but no IPC writer; the extra one the writer only", () => {
  // Issue 15: checkClaims moved to the first module (it shares that module's Arrow reader);
  // the hashing exports left the first module (the page hashes with WebCrypto).
  assert.equal(typeof first.checkClaims, "function");
  assert.equal(extra.checkClaims, undefined);
  assert.equal(first.sha256, undefined);
  assert.equal(Snapshot.fromTrustedIpc, undefined);
  assert.equal(Snapshot.prototype.sliceIpc, undefined);
  // sliceIpc of the extra module: chosen rows, in the order given, read back by the first.
  const whole = Snapshot.fromIpc(bytes("railway_12306_monthly.arrow"));
  const cut = Snapshot.fromIpc(sliceIpc(bytes("railway_12306_monthly.arrow"), [5, 2, 40]));
  try {
    assert.equal(cut.numRows, 3);
    assert.deepEqual(cut.columnNames(), whole.columnNames());
    assert.deepEqual(cut.metadata(), whole.metadata());
    const v = whole.column("value");
    assert.deepEqual([...cut.column("value")], [v[5], v[2], v[40]]);
    assert.deepEqual(
      cut.column("date"),
      [5, 2, 40].map((i) => whole.column("date")[i]),
    );
  } finally {
    whole.free();
    cut.free();
  }
  assert.throws(
    () => sliceIpc(bytes("railway_12306_monthly.arrow"), [100000]),
    (e) => e.code === "invalid_argument",
  );
  assert.throws(
    () => sliceIpc(new Uint8Array([1, 2, 3]), [0]),
    (e) => e.code === "invalid_ipc",
  );
});

test("errors are Error objects with a contract code, and the module survives them", () => {
  for (const [fn, code] of [
    [() => Snapshot.fromIpc(new Uint8Array([1, 2, 3])), "invalid_ipc"],
    [() => growth([1, 2], 0), "invalid_argument"],
    [() => Tidy.fromIpc(bytes("claims.arrow")), "schema_mismatch"],
  ]) {
    assert.throws(fn, (e) => e instanceof Error && e.code === code && e.message.length > 0);
  }
  assert.equal(growth(new Float64Array([100, 110]), 1)[1].toFixed(2), "0.10");
});
