// Each download's bytes: CSV (UTF-8 BOM, header, values), the Arrow slice of a chart's rows
// (cut by the module's Snapshot.sliceIpc, re-read by the module in Node), SVG (Chinese text and CJK font fallbacks), PNG.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { launch, nodeModule, openReport, startServer } from "./harness.mjs";

const catalog = JSON.parse(readFileSync("www/data/catalog.json", "utf8"));
let server, browser, page, context, seen;
before(async () => {
  server = await startServer();
  browser = await launch();
  ({ page, context, seen } = await openReport(browser, server));
});
after(async () => {
  await context?.close();
  await browser?.close();
  server?.close();
});

async function download(selector) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

test("CSV: UTF-8 BOM, header in the page language, raw values", async () => {
  const { name, bytes } = await download("#chart-railway-12306-monthly .dl-csv");
  assert.equal(name, "railway-12306-monthly.csv");
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  const lines = text.trim().split("\r\n");
  assert.equal(lines[0], "日期,对象,数值 (万台),来源类型");
  assert.equal(lines.length, 49);
  assert.ok(lines.includes("2023-09-01,铁路12306,11900,published"), lines.slice(40).join("\n"));
  // A table CSV with text containing commas and quotes is quoted.
  const claims = await download("#chart-claims .dl-csv");
  const ct = claims.bytes.subarray(3).toString("utf8");
  assert.match(ct, /^编号,报告,原文/);
  assert.match(
    ct,
    /\r\nC0001,001,截至2023年末，中国移动互联网月独立设备数已连续数月保持在约13\.9亿的水平,13\.9,/,
  );
});

test("Arrow: the chart's rows cut by the module (sliceIpc), re-read by the module in Node", async () => {
  const m = await nodeModule();
  const read = (bytes) => {
    const snap = m.Snapshot.fromIpc(new Uint8Array(bytes));
    try {
      return {
        numRows: snap.numRows,
        names: snap.columnNames(),
        meta: snap.metadata(),
        cols: Object.fromEntries(snap.columnNames().map((n, i) => [n, snap.columnAt(i)])),
      };
    } finally {
      snap.free();
    }
  };
  // A filtered chart: the consistency chart shows the contradictions only (15 of 45 checks).
  const btn = page.locator("#chart-consistency .dl-arrow");
  assert.match(await btn.textContent(), /本图数据行/);
  const { name, bytes } = await download("#chart-consistency .dl-arrow");
  assert.equal(name, "consistency.arrow");
  const entry = catalog.find((d) => d.id === "consistency");
  const whole = read(readFileSync(`www/data/${entry.file}`));
  const got = read(bytes);
  assert.equal(got.numRows, Number(await btn.getAttribute("data-rows")));
  const expected = whole.cols.check_id.filter((_, i) => whole.cols.is_contradiction[i]);
  assert.ok(expected.length > 0 && expected.length < whole.numRows);
  assert.deepEqual([...got.cols.check_id], expected);
  assert.ok(got.cols.is_contradiction.every(Boolean));
  assert.deepEqual(got.names, entry.columns);
  assert.deepEqual(got.meta, whole.meta);
  // A whole-series chart: every row of the dataset, values equal.
  const stl = await download("#chart-railway-12306-monthly .dl-arrow");
  assert.equal(stl.name, "railway-12306-monthly.arrow");
  const r = read(stl.bytes);
  const rw = read(readFileSync("www/data/railway_12306_monthly.arrow"));
  assert.equal(r.numRows, 48);
  assert.deepEqual([...r.cols.value], [...rw.cols.value]);
  assert.equal(r.meta.title_zh, catalog.find((d) => d.id === "railway_12306_monthly").title_zh);
  const i = r.cols.date.indexOf("2023-09-01");
  assert.equal(r.cols.value[i], 11900);
  // A derived table (pivoted tiers): the dataset rows behind it.
  const tiers = await download("#chart-jg-tiers .dl-arrow");
  const t = read(tiers.bytes);
  assert.ok(t.numRows > 0 && t.cols.entity.every((e) => e === "交管12123"), String(t.cols.entity));
});

test("SVG export keeps Chinese text and names CJK fonts; PNG is a real image", async () => {
  const svg = await download("#chart-jg-tiers .dl-svg");
  assert.equal(svg.name, "jg-tiers.svg");
  const text = svg.bytes.toString("utf8");
  assert.match(text, /^<\?xml/);
  assert.match(text, /交管12123 城市等级分布/);
  assert.match(text, /重建值/);
  assert.match(text, /WenQuanYi Micro Hei/);
  assert.match(text, /<pattern/);
  assert.doesNotMatch(text, /<script/i);
  const png = await download("#chart-jg-tiers .dl-png");
  assert.equal(png.name, "jg-tiers.png");
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  assert.ok(width > 600 && height > 400, `${width}×${height}`);
  mkdirSync("test-results/screenshots", { recursive: true });
  writeFileSync("test-results/screenshots/export-jg-tiers.png", png.bytes);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual([...seen.hosts], ["127.0.0.1"]);
});
