// Each download's bytes: CSV (UTF-8 BOM, header, values), the Arrow dataset (re-read by the
// WASM module, same hash as the catalog), SVG (Chinese text and CJK font fallbacks), PNG.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
  assert.match(ct, /\r\nC0001,001,截至2023年末，中国移动互联网月独立设备数已连续数月保持在约13\.9亿的水平,13\.9,/);
});

test("Arrow: the dataset file, re-read by the module, hash as in the catalog", async () => {
  const { name, bytes } = await download("#chart-sg-stl .dl-arrow");
  const entry = catalog.find((d) => d.id === "state_grid_monthly");
  assert.equal(name, entry.file);
  assert.equal(createHash("sha256").update(bytes).digest("hex"), entry.sha256);
  const m = await nodeModule();
  const snap = m.Snapshot.fromIpc(new Uint8Array(bytes));
  assert.equal(snap.numRows, entry.rows);
  assert.deepEqual(snap.columnNames(), entry.columns);
  assert.equal(snap.metadata().title_zh, entry.title_zh);
  snap.free();
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
