// Issue 14's parallel own-file analysis, the parts that run without a page: the engine's split of a
// file into per-worker Arrow slices (own-split.js) and one worker's analysis (own-slice.js).
// References are independent: series grouped and sorted here in JS, growth computed here, STL from
// the module's plain stl() on that series (not the Tidy path under test).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { DateDay, Float64, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { generate } from "../../bench/gen.mjs";
import * as wasm from "../../pkg/civic_pulse.js";
import * as extra from "../../pkg/civic_pulse_extra.js";
import { analyseSlice } from "../../www/own-slice.js";
import { splitOwn } from "../../www/own-split.js";

const exports = wasm.initSync({ module: readFileSync("pkg/civic_pulse_bg.wasm") });
const extraExports = extra.initSync({ module: readFileSync("pkg/civic_pulse_extra_bg.wasm") });
// The engine as own-split.js sees it: the first module, and slices cut by the on-demand one.
const engine = {
  start: async () => exports,
  sliceBytes: async (b, rows) => extra.sliceIpc(b, rows),
  memoryBytes: async () => {
    const first = exports.memory.buffer.byteLength;
    const more = extraExports.memory.buffer.byteLength;
    return { first, extra: more, total: first + more };
  },
};

// 50 entities × 48 months (bench/gen.mjs: tidy columns date, entity, metric, value, provenance).
const tidyBytes = generate(2400);

function decoded(bytes) {
  const s = wasm.Snapshot.fromIpc(bytes);
  try {
    const names = s.columnNames();
    const columns = Object.fromEntries(names.map((n, i) => [n, s.columnAt(i)]));
    return { numRows: s.numRows, names, columns };
  } finally {
    s.free();
  }
}

/** Per entity: dates sorted, values summed per date — built here, independently. */
function reference(data, { date, entity, value }, period) {
  const by = new Map();
  for (let i = 0; i < data.numRows; i++) {
    const e = data.columns[entity][i];
    if (!by.has(e)) by.set(e, new Map());
    const m = by.get(e);
    const d = String(data.columns[date][i]);
    m.set(d, (m.get(d) ?? 0) + data.columns[value][i]);
  }
  const out = new Map();
  for (const [e, m] of by) {
    const d = [...m.keys()].sort();
    const v = d.map((x) => m.get(x));
    const n = v.length;
    const s = wasm.stl(Float64Array.from(v), period, {});
    out.set(e, {
      points: n,
      last: d.at(-1),
      step: v[n - 1] / v[n - 2] - 1,
      period: v[n - 1] / v[n - 1 - period] - 1,
      ss: s.seasonalStrength,
      ts: s.trendStrength,
    });
  }
  return out;
}

function assertMatches(rows, ref) {
  assert.equal(rows.length, ref.size);
  for (const r of rows) {
    const x = ref.get(r.entity);
    assert.ok(x, r.entity);
    assert.equal(r.error, null, r.entity);
    assert.equal(r.points, x.points);
    assert.equal(r.last, x.last);
    assert.ok(Math.abs(r.step - x.step) < 1e-12, `${r.entity} step ${r.step} vs ${x.step}`);
    assert.ok(Math.abs(r.period - x.period) < 1e-12, `${r.entity} period`);
    assert.ok(Math.abs(r.seasonalStrength - x.ss) < 1e-12, `${r.entity} seasonal strength`);
    assert.ok(Math.abs(r.trendStrength - x.ts) < 1e-12, `${r.entity} trend strength`);
  }
}

const opts = { date: "date", entity: "entity", value: "value", where: [], period: 12 };

test("analyseSlice on a tidy file (Tidy.fromIpc) matches per-entity references", () => {
  const seen = [];
  const rows = analyseSlice(wasm, tidyBytes, opts, (d, t) => seen.push([d, t]));
  assertMatches(rows, reference(decoded(tidyBytes), opts, 12));
  assert.equal(seen.length, 50);
  assert.deepEqual(seen.at(-1), [50, 50]);
  // The engine's layout hint: "tidy" skips the probe, "columns" forces the column path.
  assertMatches(
    analyseSlice(wasm, tidyBytes, { ...opts, layout: "tidy" }),
    reference(decoded(tidyBytes), opts, 12),
  );
  assertMatches(
    analyseSlice(wasm, tidyBytes, { ...opts, layout: "columns" }),
    reference(decoded(tidyBytes), opts, 12),
  );
});

test("a file with other column names takes the column path with the same results", () => {
  const d = decoded(tidyBytes);
  const t = new Table({
    月份: vectorFromArray(
      d.columns.date.map((x) => new Date(`${x}T00:00:00Z`)),
      new DateDay(),
    ),
    城市: vectorFromArray(d.columns.entity, new Utf8()),
    销量: vectorFromArray(d.columns.value, new Float64()),
  });
  const bytes = tableToIPC(t, "file");
  const o = { date: "月份", entity: "城市", value: "销量", where: [], period: 12 };
  assertMatches(analyseSlice(wasm, bytes, o), reference(decoded(tidyBytes), opts, 12));
});

test("a series too short for STL is reported on its row, not thrown", () => {
  const t = new Table({
    date: vectorFromArray(
      [new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 1, 1))],
      new DateDay(),
    ),
    entity: vectorFromArray(["A", "A"], new Utf8()),
    value: vectorFromArray([1, 2], new Float64()),
  });
  const [row] = analyseSlice(wasm, tableToIPC(t, "file"), opts);
  assert.equal(row.entity, "A");
  assert.equal(row.step, 1);
  assert.equal(row.error?.code, "too_short");
});

test("splitOwn cuts balanced slices, each entity in exactly one, same results as the whole file", async () => {
  const data = decoded(tidyBytes);
  for (const n of [1, 2, 3, 8]) {
    const plan = await splitOwn(engine, { data, bytes: tidyBytes }, { ...opts, split: n });
    assert.equal(plan.slices.length, n);
    assert.equal(plan.entities, 50);
    assert.equal(plan.layout, "tidy");
    assert.equal(
      plan.slices.reduce((a, s) => a + s.rows, 0),
      2400,
    );
    const rows = plan.slices.flatMap((s) => {
      assert.equal(decoded(s.bytes).numRows, s.rows);
      return analyseSlice(wasm, s.bytes, opts);
    });
    const names = rows.map((r) => r.entity);
    assert.equal(new Set(names).size, 50, `n=${n}: every entity once`);
    // Balanced: 50 equal entities over n slices differ by at most one entity's rows.
    const sizes = plan.slices.map((s) => s.rows);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 48, `n=${n}: ${sizes}`);
    assertMatches(rows, reference(data, opts, 12));
    // The engine's memory counts both modules (the on-demand one cut the slices).
    assert.ok(plan.memoryModules.first > 0 && plan.memoryModules.extra > 0);
    assert.equal(plan.memory, plan.memoryModules.first + plan.memoryModules.extra);
  }
  const inline = await splitOwn(engine, { data, bytes: tidyBytes }, { ...opts, inline: true });
  assertMatches(inline.result, reference(data, opts, 12));
});

test("a large file is cut into more slices than workers, each entity in exactly one", async () => {
  const data = decoded(tidyBytes);
  // sliceBytes stands in for SLICE_BYTES (16 MiB) so that this small file counts as large.
  const plan = await splitOwn(
    engine,
    { data, bytes: tidyBytes },
    { ...opts, split: 2, sliceBytes: Math.ceil(tidyBytes.length / 6) },
  );
  assert.equal(plan.workers, 2);
  assert.equal(plan.slices.length, 6);
  assert.equal(
    plan.slices.reduce((a, s) => a + s.entities, 0),
    50,
  );
  const rows = plan.slices.flatMap((s) => analyseSlice(wasm, s.bytes, opts));
  assert.equal(new Set(rows.map((r) => r.entity)).size, 50);
  assertMatches(rows, reference(data, opts, 12));
});
