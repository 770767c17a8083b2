// engine.read (a reader's own Arrow file, issue 14): text columns leave WASM memory as keys into
// their distinct values and are expanded in JS; the result must equal, row for row, what the
// module's per-row conversion (Snapshot.columnAt) gives, for dictionary, plain string, date,
// numeric and boolean columns, nulls and a duplicate column name included.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  Bool,
  DateDay,
  Dictionary,
  Field,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from "apache-arrow";
import * as wasm from "../../pkg/civic_pulse.js";
import { read } from "../../www/engine.js";

wasm.initSync({ module: readFileSync("pkg/civic_pulse_bg.wasm") });

function file() {
  const n = 50;
  const city = Array.from({ length: n }, (_, i) => (i % 7 === 3 ? null : `城市-${i % 4}`));
  const note = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : `note ${i % 3}`));
  const date = Array.from({ length: n }, (_, i) =>
    i === 9 ? null : new Date(Date.UTC(2020, i % 12, 1)),
  );
  const value = Float64Array.from({ length: n }, (_, i) => i * 1.25);
  const flag = Array.from({ length: n }, (_, i) => (i === 4 ? null : i % 2 === 0));
  const cols = [
    ["city", vectorFromArray(city, new Dictionary(new Utf8(), new Int32()))],
    ["note", vectorFromArray(note, new Utf8())],
    ["date", vectorFromArray(date, new DateDay())],
    ["value", vectorFromArray(value, new Float64())],
    ["flag", vectorFromArray(flag, new Bool())],
    [
      "note",
      vectorFromArray(
        note.map((x) => x && `${x}!`),
        new Utf8(),
      ),
    ], // duplicate name
  ];
  const schema = new Schema(cols.map(([name, v]) => new Field(name, v.type, true)));
  const data = makeData({
    type: new Struct(schema.fields),
    length: n,
    nullCount: 0,
    children: cols.map(([, v]) => v.data[0]),
  });
  return tableToIPC(new Table(schema, [new RecordBatch(schema, data)]), "file");
}

test("read: every column equals the module's per-row conversion; distinct in first-seen order", () => {
  const bytes = file();
  const got = read(bytes);
  const snap = wasm.Snapshot.fromIpc(bytes);
  try {
    assert.equal(got.numRows, snap.numRows);
    assert.deepEqual(got.names, snap.columnNames());
    // As Object.fromEntries over columnAt: a duplicate name keeps its last column.
    const want = Object.fromEntries(got.names.map((n, i) => [n, snap.columnAt(i)]));
    assert.deepEqual(Object.keys(got.columns), Object.keys(want));
    for (const n of Object.keys(want)) assert.deepEqual(got.columns[n], want[n], n);
    assert.equal(got.columns.note[1], "note 1!", "the last of two same-named columns");
    assert.ok(got.columns.value instanceof Float64Array);
    // Text columns with a unique name carry their distinct values, as a Set over the rows.
    assert.deepEqual(Object.keys(got.distinct).sort(), ["city", "date"]);
    for (const n of ["city", "date"])
      assert.deepEqual(got.distinct[n], [...new Set(want[n].filter((v) => v != null))], n);
  } finally {
    snap.free();
  }
});
