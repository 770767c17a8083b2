// Issue 16: the CSV reader (www/csv/) on the fixtures in tests/fixtures/csv/. Each file either
// becomes an Arrow file that the WASM module reads back (Snapshot.fromIpc, the same call an
// Arrow file dropped on the page goes through) with the values written out here by hand, or
// fails with a located error. tests/python/test_csv.py checks the same files against pyarrow.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { initSync, Snapshot } from "../../pkg/civic_pulse.js";
import { bytesSource, convert, MAX_BYTES } from "../../www/csv/convert.js";
import { parseDate, parseNumber } from "../../www/csv/values.js";

initSync({ module: readFileSync("pkg/civic_pulse_bg.wasm") });
const fixture = (name) => new Uint8Array(readFileSync(`tests/fixtures/csv/${name}`));

async function read(name, options = {}) {
  const { ipc, report } = await convert(bytesSource(fixture(name), name), options);
  const snap = Snapshot.fromIpc(ipc);
  try {
    const names = snap.columnNames();
    const cols = Object.fromEntries(names.map((n) => [n, snap.column(n)]));
    return { names, cols, report, meta: snap.metadata(), rows: snap.numRows };
  } finally {
    snap.free();
  }
}

async function fails(name, options = {}) {
  try {
    await convert(bytesSource(fixture(name), name), options);
  } catch (e) {
    return e;
  }
  assert.fail(`${name} should not convert`);
}

test("GBK with Chinese headers and 2023年1月 months: dates, entities, numbers", async () => {
  const { names, cols, report, rows } = await read("gbk_monthly.csv");
  assert.equal(report.encoding, "gb18030");
  assert.deepEqual(names, ["城市", "月份", "销量"]);
  assert.equal(rows, 108);
  assert.deepEqual([...new Set(cols["城市"])], ["北京", "上海", "广州"]);
  assert.equal(cols["月份"][0], "2021-01-01");
  assert.equal(cols["月份"][13], "2022-02-01");
  assert.equal(cols["月份"][35], "2023-12-01");
  // 1000 * 1 * (1 + 0.2 sin 0) printed with two decimals.
  assert.equal(cols["销量"][0], 1000);
  assert.equal(cols["销量"][3], Number((1000 * 1.03 * 1.2).toFixed(2)));
  assert.deepEqual(
    report.columns.map((c) => [c.type, c.role]),
    [
      ["text", "entity"],
      ["date", "date"],
      ["number", "value"],
    ],
  );
  assert.equal(report.columns[1].grain, "month");
});

test("UTF-8 with a BOM and 2023/1/1 days; the BOM is not part of the first name", async () => {
  const { names, cols, report } = await read("utf8_bom_daily.csv");
  assert.equal(report.bom, true);
  assert.deepEqual(names, ["日期", "指标", "数值"]);
  assert.equal(cols["日期"][0], "2023-01-01");
  assert.equal(cols["日期"][61], "2023-01-31");
  assert.equal(cols["指标"][1], "新增用户");
  assert.equal(cols["数值"][1], 51 / 4);
  assert.equal(report.columns[1].role, "metric");
});

test("thousands separators, % and 万/亿/万亿: values, units and missing cells", async () => {
  const { cols, report, meta } = await read("units.csv");
  assert.deepEqual([...cols["用户规模"]], [1234567, 456789.5, 98765, 1234, -2000]);
  const pct = [...cols["渗透率"]];
  assert.deepEqual(pct.slice(0, 2), [35, 42.5]);
  assert.ok(Number.isNaN(pct[2]), "'-' is missing");
  assert.deepEqual(pct.slice(3), [8, 0.5]);
  const amount = [...cols["交易额"]];
  assert.deepEqual(amount.slice(0, 4), [120_000_000, 35_000_000, 85_000_000, 12_000_000_000_000]);
  assert.ok(Number.isNaN(amount[4]));
  assert.deepEqual(cols["备注"], ["合计", "-", null, "新", '含"引号"']);
  const byName = Object.fromEntries(report.columns.map((c) => [c.name, c]));
  assert.equal(byName["用户规模"].grouped, true);
  assert.equal(byName["渗透率"].unit, "%");
  assert.deepEqual(byName["交易额"].units.sort(), ["万", "万亿", "亿"].sort());
  assert.equal(meta.unit, "", "the first value column has no unit (万/亿 are converted)");
});

test("a wide monthly table: kept as read, then long with one option", async () => {
  const wide = await read("wide_monthly.csv");
  assert.equal(wide.report.wide.length, 12);
  assert.equal(wide.rows, 4);
  const long = await read("wide_monthly.csv", { tidy: true });
  assert.deepEqual(long.names, ["地区", "指标", "date", "value"]);
  assert.equal(long.rows, 48);
  assert.deepEqual(long.report.reshaped.from.slice(0, 2), ["2023年1月", "2023年2月"]);
  // Row order: each input row, its months in order.
  assert.equal(long.cols["地区"][12], "华南");
  assert.equal(long.cols.date[12], "2023-01-01");
  assert.equal(long.cols.date[23], "2023-12-01");
  assert.equal(long.cols.value[0], 1037);
  assert.equal(long.cols.value[12 + 4], 2000 + 5 * 37);
  assert.ok(Number.isNaN(long.cols.value[36 + 6]), "西部 2023年7月 is blank");
  assert.equal(long.report.columns[2].grain, "month");
});

test("quoted fields keep commas, doubled quotes and line breaks", async () => {
  const { cols } = await read("quoted.csv");
  assert.deepEqual([...cols.id], [1, 2, 3, 4]);
  assert.deepEqual(cols["名称"], ["北京, 朝阳", 'He said "hi"', "plain", null]);
  assert.deepEqual(cols["说明"], ["第一行\n第二行", "a,b,c", null, "\r\nlead"]);
});

test("UTF-16 LE with a BOM, tab-separated (Excel's Unicode text)", async () => {
  const { cols, report } = await read("utf16_monthly.tsv");
  assert.equal(report.delimiter, "\t");
  assert.deepEqual(cols["月份"], ["2023-01-01", "2023-02-01", "2023-03-01"]);
  assert.deepEqual([...cols["数值"]], [1.5, 2.5, 3]);
});

test("ragged rows: short rows are padded with missing cells, long ones are located errors", async () => {
  const { cols, report } = await read("ragged.csv");
  assert.deepEqual([...cols.a], [1, 2, 3, 4]);
  assert.deepEqual(cols.b, ["x", "y", "z", null]);
  assert.deepEqual(report.ragged, { short: 2, firstShort: 3 });
  const e = await fails("ragged_long.csv");
  assert.equal(e.code, "invalid_csv");
  assert.equal(e.message, "row 3 has 4 fields, the header has 3");
});

test("a bad number far down the file is a located error", async () => {
  const e = await fails("bad_number.csv");
  assert.equal(e.code, "invalid_csv");
  assert.equal(e.message, "row 1,204, column 销量: '12,3,4' is not a number");
  assert.deepEqual([e.row, e.column, e.value], [1204, "销量", "12,3,4"]);
  // The reader's correction: read 销量 as text and the file converts.
  const { cols } = await read("bad_number.csv", { types: { 销量: "text" } });
  assert.equal(cols["销量"][1202], "12,3,4");
});

test("an empty file and a binary file renamed .csv are refused with a reason", async () => {
  const empty = await fails("empty.csv");
  assert.deepEqual([empty.code, empty.reason], ["invalid_csv", "empty"]);
  const bin = await fails("binary.csv");
  assert.deepEqual([bin.code, bin.reason], ["invalid_csv", "binary"]);
  assert.match(bin.message, /not a text file/);
  const headerOnly = await convert(bytesSource(new TextEncoder().encode("a,b\n"), "h.csv")).catch(
    (e) => e,
  );
  assert.equal(headerOnly.reason, "empty");
});

test("any chunk size gives the same table (records and characters cut across chunks)", async () => {
  for (const name of ["gbk_monthly.csv", "quoted.csv", "utf16_monthly.tsv", "units.csv"]) {
    const whole = await convert(bytesSource(fixture(name), name));
    for (const chunkSize of [1, 2, 3, 7, 64]) {
      const cut = await convert(bytesSource(fixture(name), name), { chunkSize, headBytes: 4 });
      assert.deepEqual(cut.ipc, whole.ipc, `${name} at ${chunkSize}`);
    }
  }
});

test("progress is reported, a signal cancels, and files over the limit are never read", async () => {
  const seen = [];
  const big = new TextEncoder().encode(
    `d,v\n${Array.from({ length: 5000 }, (_, i) => `2023-01-01,${i}`).join("\n")}\n`,
  );
  await convert(bytesSource(big, "big.csv"), {
    chunkSize: 8192,
    headBytes: 8192,
    onProgress: (p) => seen.push(p.loaded),
  });
  assert.ok(seen.length > 5);
  assert.equal(seen.at(-1), big.length);
  const ac = new AbortController();
  const stopped = await convert(bytesSource(big, "big.csv"), {
    chunkSize: 8192,
    headBytes: 8192,
    signal: ac.signal,
    onProgress: (p) => p.loaded > 20000 && ac.abort(),
  }).catch((e) => e);
  assert.equal(stopped.code, "cancelled");
  let reads = 0;
  const huge = { name: "huge.csv", size: MAX_BYTES + 1, read: async () => reads++ };
  const e = await convert(huge).catch((x) => x);
  assert.equal(e.code, "too_large");
  assert.equal(reads, 0);
});

test("cell readers: exact decimals, suffixes, date forms, impossible dates", () => {
  assert.equal(parseNumber("1.2亿").value, 120_000_000);
  assert.equal(parseNumber("0.1万").value, 1000);
  assert.equal(parseNumber("1,234.5").value, 1234.5);
  assert.equal(parseNumber("−3.5%").value, -3.5);
  assert.equal(parseNumber("12,3,4"), null);
  assert.equal(parseNumber("1,23"), null);
  assert.equal(parseDate("2023年1月").ms, Date.UTC(2023, 0, 1));
  assert.equal(parseDate("2023/12/31").ms, Date.UTC(2023, 11, 31));
  assert.equal(parseDate("2023-02-29"), null);
  assert.equal(parseDate("2023年第二季度").ms, Date.UTC(2023, 3, 1));
  assert.equal(parseDate("2023-01-01T08:00:00+08:00").ms, Date.UTC(2023, 0, 1));
});

test("no header row, semicolons, and a year column named 年份", async () => {
  const enc = (t) => new TextEncoder().encode(t);
  const bare = await convert(
    bytesSource(enc("2023-01;北京;1.5\n2023-02;上海;2\n2023-03;北京;3\n"), "x.csv"),
  );
  assert.equal(bare.report.header, false);
  assert.equal(bare.report.delimiter, ";");
  assert.deepEqual(
    bare.report.columns.map((c) => [c.name, c.type]),
    [
      ["column 1", "date"],
      ["column 2", "text"],
      ["column 3", "number"],
    ],
  );
  const years = await convert(bytesSource(enc("年份,人数\n2019,1\n2020,2\n2021,3\n"), "y.csv"));
  assert.deepEqual(
    years.report.columns.map((c) => [c.type, c.grain ?? null]),
    [
      ["date", "year"],
      ["number", null],
    ],
  );
});

test("hostile input: random text and bytes either convert to readable Arrow or fail with a code", async () => {
  // A seeded generator (mulberry32) so a failure reproduces.
  let seed = 16;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const atoms = [
    ",",
    ";",
    "\t",
    '"',
    '""',
    "\n",
    "\r\n",
    "\r",
    "1",
    "2,345",
    "3.5%",
    "1.2亿",
    "-",
    "2023年1月",
    "2023/1/1",
    "2023-02",
    "北京",
    "a",
    " ",
    "\u0000",
    "\uFEFF",
    "万",
    "e9",
    ".",
  ];
  const enc = new TextEncoder();
  for (let n = 0; n < 400; n++) {
    let bytes;
    if (n % 4 === 3)
      bytes = Uint8Array.from({ length: 1 + Math.floor(rnd() * 300) }, () => rnd() * 256);
    else {
      let s = "";
      const len = Math.floor(rnd() * 80);
      for (let i = 0; i < len; i++) s += atoms[Math.floor(rnd() * atoms.length)];
      bytes = enc.encode(s);
    }
    const chunkSize = 1 + Math.floor(rnd() * 16);
    try {
      const { ipc, report } = await convert(bytesSource(bytes, "fuzz.csv"), {
        chunkSize,
        headBytes: 4,
      });
      const snap = Snapshot.fromIpc(ipc);
      assert.equal(snap.numRows, report.rows);
      for (const name of snap.columnNames()) snap.column(name);
      snap.free();
    } catch (e) {
      assert.ok(
        ["invalid_csv", "too_large", "cancelled"].includes(e.code),
        `input ${n}: ${e.stack}`,
      );
    }
  }
});
