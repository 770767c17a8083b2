// Issue 14, 10M-row memory: a tidy file's analysis slices are columns gathered from the
// engine's decoded file (own-slice-columns.js → Tidy.fromColumns) instead of Arrow bytes cut by
// the on-demand module (sliceIpc → Tidy.fromIpc). The two paths must give the same rows, value
// for value, on files with nulls, gaps, short series, several metrics and a category; the
// column path must not call the on-demand module at all; Tidy.fromColumns must refuse bad
// input with typed errors. References for the numbers themselves are in own-parallel.test.mjs.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  DateDay,
  Dictionary,
  Float64,
  Int16,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from "apache-arrow";
import { generate } from "../../bench/gen.mjs";
import * as wasm from "../../pkg/civic_pulse.js";
import * as extra from "../../pkg/civic_pulse_extra.js";
import { read } from "../../www/engine.js";
import { analyseColumns, analyseSlice } from "../../www/own-slice.js";
import { columnsFit, cutColumns, tidyOfColumns } from "../../www/own-slice-columns.js";
import { splitOwn } from "../../www/own-split.js";

const exports = wasm.initSync({ module: readFileSync("pkg/civic_pulse_bg.wasm") });
extra.initSync({ module: readFileSync("pkg/civic_pulse_extra_bg.wasm") });

/** The engine as own-split.js sees it, counting the slices the on-demand module cuts. */
function engine() {
  const e = {
    cuts: 0,
    start: async () => exports,
    sliceBytes: async (b, rows) => {
      e.cuts++;
      return extra.sliceIpc(b, rows);
    },
    memoryBytes: async () => ({ first: 1, extra: 0, total: 1 }),
  };
  return e;
}

const opts = { date: "date", entity: "entity", value: "value", where: [], period: 12 };

/** 7 entities over 36 months, 2 metrics, one category; nulls, a gap, a short series. */
function awkward() {
  const d = [];
  const e = [];
  const m = [];
  const c = [];
  const v = [];
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let t = 0; t < 36; t++) {
    for (let k = 0; k < 7; k++) {
      if (k === 5 && t === 17) continue; // a hole: stlAll skips it, stl() on its own series
      if (k === 6 && t > 4) continue; // too short for STL
      for (const metric of ["users", "revenue"]) {
        d.push(new Date(Date.UTC(2019, t, 1)));
        e.push(`城市-${k}`);
        m.push(metric);
        c.push("all");
        v.push(k === 3 && t === 9 ? Number.NaN : 100 + 10 * Math.sin(t / 1.9) + k + rand());
      }
    }
  }
  // A row with a null entity and one with a null date: both left out by either path.
  d.push(null, new Date(Date.UTC(2019, 0, 1)));
  e.push("城市-0", null);
  m.push("users", "users");
  c.push("all", "all");
  v.push(1, 2);
  const dict = () => new Dictionary(new Utf8(), new Int16());
  const table = new Table({
    date: vectorFromArray(d, new DateDay()),
    entity: vectorFromArray(e, dict()),
    metric: vectorFromArray(m, new Utf8()),
    category: vectorFromArray(c, dict()),
    value: vectorFromArray(Float64Array.from(v), new Float64()),
  });
  return tableToIPC(table, "file");
}

const byEntity = (rows) =>
  [...rows].sort((a, b) => String(a.entity).localeCompare(String(b.entity)));

/** Every row of both paths for `n` workers: IPC slices and column slices. */
async function both(bytes, o, n) {
  const current = { data: read(bytes), bytes };
  const ipcEngine = engine();
  const ipc = await splitOwn(ipcEngine, current, { ...o, split: n, ipcSlices: true });
  const colEngine = engine();
  const cols = await splitOwn(colEngine, current, { ...o, split: n });
  assert.equal(ipcEngine.cuts, ipc.slices.length);
  assert.equal(colEngine.cuts, 0, "the column path never calls the on-demand module");
  assert.deepEqual(
    cols.slices.map((s) => [s.rows, s.entities]),
    ipc.slices.map((s) => [s.rows, s.entities]),
  );
  const lo = { ...o, layout: ipc.layout };
  return {
    ipc: byEntity(ipc.slices.flatMap((s) => analyseSlice(wasm, s.bytes, lo))),
    cols: byEntity(cols.slices.flatMap((s) => analyseColumns(wasm, s.columns, lo))),
    current,
  };
}

test("column slices give the rows IPC slices give (generated 50-entity file)", async () => {
  const bytes = generate(2400);
  for (const n of [1, 2, 3, 8]) {
    const { ipc, cols } = await both(bytes, opts, n);
    assert.equal(cols.length, 50);
    assert.ok(cols.every((r) => r.error === null && Number.isFinite(r.seasonalStrength)));
    assert.deepEqual(cols, ipc, `n=${n}`);
  }
});

test("column slices give the rows IPC slices give: nulls, a hole, a short series, 2 metrics", async () => {
  const bytes = awkward();
  for (const metric of ["users", "revenue"]) {
    const o = { ...opts, where: [{ column: "metric", value: metric }] };
    for (const n of [1, 2, 4]) {
      const { ipc, cols, current } = await both(bytes, o, n);
      assert.equal(cols.length, 7);
      assert.equal(cols.find((r) => r.entity === "城市-6").error?.code, "too_short");
      assert.ok(Number.isFinite(cols.find((r) => r.entity === "城市-5").seasonalStrength));
      assert.deepEqual(cols, ipc, `${metric} n=${n}`);
      // The single-file report's fallback (no worker): the same rows over every row.
      const inline = await splitOwn(engine(), current, { ...o, inline: true });
      assert.deepEqual(byEntity(inline.result), ipc, `${metric} inline`);
    }
  }
  // Two metrics and none chosen: one entity at a time (perEntity), still the same rows.
  const { ipc, cols } = await both(bytes, opts, 2);
  assert.deepEqual(cols, ipc);
});

test("files the column path cannot take keep IPC slices", async () => {
  const t = new Table({
    date: vectorFromArray([2020, 2021], new Float64()),
    entity: vectorFromArray(["A", "A"], new Utf8()),
    metric: vectorFromArray(["m", "m"], new Utf8()),
    value: vectorFromArray([1, 2], new Float64()),
  });
  const bytes = tableToIPC(t, "file");
  const data = read(bytes);
  assert.equal(columnsFit(data), false, "a numeric date column");
  const e = engine();
  const plan = await splitOwn(e, { data, bytes }, { ...opts, split: 2 });
  assert.equal(e.cuts, plan.slices.length);
  assert.ok(plan.slices.every((s) => s.bytes && !s.columns));
  // …and the IPC path reports the file's own error, as before.
  assert.throws(
    () => analyseSlice(wasm, plan.slices[0].bytes, { ...opts, layout: plan.layout }),
    (err) => err.code === "schema_mismatch" && /"date"/.test(err.message),
  );
});

test("cutColumns codes each slice's text in order of first appearance", () => {
  const data = read(generate(100));
  const idx = Uint32Array.of(7, 3, 3, 57); // row 57: entity-7 a month later
  const c = cutColumns(data, idx);
  assert.deepEqual(c.entity.values, ["entity-7", "entity-3"]);
  assert.deepEqual([...c.entity.keys], [0, 1, 1, 0]);
  assert.deepEqual(
    [...c.value],
    [...idx].map((i) => data.columns.value[i]),
  );
  assert.deepEqual(c.date.values, [data.columns.date[7], data.columns.date[57]]);
  assert.equal(c.category, undefined);
});

test("Tidy.fromColumns refuses mismatched lengths, bad keys and half a category", () => {
  const ok = {
    date: { keys: Int32Array.of(0, 1), values: ["2020-01-01", "2020-02-01"] },
    entity: { keys: Int32Array.of(0, 0), values: ["A"] },
    metric: { keys: Int32Array.of(0, 0), values: ["m"] },
    value: Float64Array.of(1, 2),
  };
  const t = tidyOfColumns(wasm, ok);
  assert.deepEqual([...t.series("A", "m").values], [1, 2]);
  t.free();
  const bad = (cols, re) =>
    assert.throws(
      () => tidyOfColumns(wasm, { ...ok, ...cols }),
      (err) => err.code === "invalid_argument" && re.test(err.message),
    );
  bad({ value: Float64Array.of(1) }, /"date" has 2 keys; the value column has 1 rows/);
  bad({ entity: { keys: Int32Array.of(0, 1), values: ["A"] } }, /"entity" row 1: key 1/);
  bad({ metric: { keys: Int32Array.of(-2, 0), values: ["m"] } }, /"metric" row 0: key -2/);
  assert.throws(
    () =>
      wasm.Tidy.fromColumns(
        ok.date.keys,
        ok.date.values,
        ok.entity.keys,
        ok.entity.values,
        ok.metric.keys,
        ok.metric.values,
        ok.value,
        Int32Array.of(0, 0),
        undefined,
      ),
    (err) => err.code === "invalid_argument" && /together/.test(err.message),
  );
});
