// Issue 16 on the page: a reader's own CSV, as Excel in China writes it, dropped on the own-file
// panel, gets the STL chart an Arrow file gets; the CSV code loads only then; what was inferred
// is shown and correctable; a wide table becomes long with one click; the Arrow file the CSV
// became can be downloaded and read back; bad input is a located error and nothing else breaks.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { nodeModule, openReport, serveAndLaunch } from "./harness.mjs";

const env = serveAndLaunch();
const fixture = (name) => readFileSync(`tests/fixtures/csv/${name}`);

/** Drops a file on the panel's drop zone as a browser does (a DataTransfer with a File). */
async function drop(page, name, buffer, type = "text/csv") {
  const dt = await page.evaluateHandle(
    ({ name, bytes, type }) => {
      const d = new DataTransfer();
      d.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return d;
    },
    { name, bytes: [...buffer], type },
  );
  await page.dispatchEvent("#own-panel .dropzone", "drop", { dataTransfer: dt });
}

test("the GBK file dropped on the page: inferred columns, then the STL chart", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  assert.ok(!seen.requests.some((u) => u.includes("csv-worker")), "CSV code not loaded upfront");
  await drop(page, "销量.csv", fixture("gbk_monthly.csv"));
  await page.waitForSelector("#own-panel .own-result[data-state=done]", { timeout: 30_000 });
  assert.ok(seen.requests.some((u) => u.endsWith("/vendor/csv-worker.js")));
  const panel = page.locator("#own-panel");
  assert.match(await panel.locator(".status").textContent(), /销量\.csv：108 行，3 列/);
  assert.match(await panel.locator(".csv-summary").textContent(), /gb18030/);
  // What was inferred, per column, with its role.
  const cells = await panel.locator(".csv-columns tbody td:nth-child(2)").allTextContents();
  assert.match(cells[1], /日期.*月.*YYYY年M月/);
  const roles = await panel
    .locator(".csv-columns tbody td:nth-child(4) select")
    .evaluateAll((s) => s.map((x) => x.value));
  assert.deepEqual(roles, ["entity", "date", "value"]);
  // The analysis runs on 北京 with the STL chart drawn.
  const figs = panel.locator(".own-result figure");
  assert.equal(await figs.count(), 3);
  assert.match(await figs.nth(1).locator("h3").textContent(), /STL.*销量 · 北京/);
  assert.equal(await figs.nth(1).locator("svg").count(), 1);
  assert.match(await figs.nth(1).textContent(), /季节强度/);
  assert.equal(await panel.locator(".own-result .error").count(), 0);
  // The panel's new controls pass axe (serious/critical) within the panel.
  await page.evaluate(
    readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"),
  );
  const axe = await page.evaluate(() =>
    window.axe.run("#own-panel", {
      resultTypes: ["violations"],
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }),
  );
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`),
    [],
  );
  // The Arrow file the CSV became: downloaded, read back by the module.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.locator("button.csv-download").click(),
  ]);
  assert.equal(download.suggestedFilename(), "销量.arrow");
  const bytes = readFileSync(await download.path());
  const m = await nodeModule();
  const snap = m.Snapshot.fromIpc(bytes);
  assert.equal(snap.numRows, 108);
  assert.equal(snap.column("月份")[0], "2021-01-01");
  snap.free();
  assert.deepEqual(seen.errors, []);
  assert.deepEqual([...seen.hosts], ["127.0.0.1"]);
  await context.close();
});

test("a wide table: one click makes it long and the page says what it did", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  await page
    .locator("#own-file")
    .setInputFiles({ name: "wide.csv", mimeType: "text/csv", buffer: fixture("wide_monthly.csv") });
  await page.waitForSelector("#own-panel .csv-wide button");
  // Wide as read: no date column to analyse yet.
  assert.match(await page.locator("#own-panel .csv-wide").textContent(), /12 列是时间/);
  await page.locator("#own-panel .csv-wide button").click();
  await page.waitForSelector("#own-panel .csv-reshaped");
  assert.match(
    await page.locator("#own-panel .csv-reshaped").textContent(),
    /12 个时间列（2023年1月 … 2023年12月）转成行：4 行 × 12 期 = 48 行/,
  );
  await page.waitForSelector("#own-panel .own-result[data-state=done]");
  assert.match(await page.locator("#own-panel .status").textContent(), /48 行，4 列/);
  // In English the CSV part is re-labelled too.
  await page.locator("#lang-switch").click();
  await page.waitForFunction(() =>
    /Turned 12 period columns/.test(
      document.querySelector("#own-panel .csv-reshaped")?.textContent,
    ),
  );
  assert.match(await page.locator("#own-panel .csv-summary").textContent(), /delimiter comma/);
  assert.match(await page.locator("#own-panel label.file-label").textContent(), /Arrow or CSV/);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("bad input: a located error, a binary file refused, the page keeps working", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  await drop(page, "bad.csv", fixture("bad_number.csv"));
  await page.waitForSelector("#own-panel .own-result .error");
  const msg = await page.locator("#own-panel .own-result .error").textContent();
  assert.match(msg, /无法把这个文件读成表格/);
  assert.ok(msg.includes("row 1,204, column 销量: '12,3,4' is not a number"), msg);
  await drop(page, "photo.csv", fixture("binary.csv"));
  await page.waitForFunction(() =>
    /not a text file/.test(document.querySelector("#own-panel .own-result .error")?.textContent),
  );
  // The Arrow path still works after CSV errors.
  await drop(page, "again.csv", fixture("utf8_bom_daily.csv"));
  await page.waitForSelector("#own-panel .own-result[data-state=done]");
  // 指标 has the metric role: one metric is analysed (never the sum of 活跃用户 and 新增用户).
  assert.match(
    await page.locator("#own-panel .own-result h3").first().textContent(),
    /数值 · 活跃用户$/,
  );
  const table = await page.locator("#own-panel .own-result table").first().textContent();
  assert.ok(table.includes("1,007"), "2023-01-01 活跃用户 = 1007");
  const fig = page.locator("#chart-jg-trend");
  await fig.locator('input[value="mom"]').check();
  await page.waitForFunction(() =>
    /环比/.test(document.querySelector("#chart-jg-trend .description")?.textContent ?? ""),
  );
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("a 100 MB CSV: progress while it is read in the worker, and Cancel stops it", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  // Built inside the page (a Blob of repeated 1 MB parts), so nothing large crosses the wire.
  await page.evaluate(() => {
    let part = "";
    for (let i = 0; part.length < 1 << 20; i++) part += `2023-01-01,city ${i % 50},${i}.5\n`;
    const file = new File(["date,entity,value\n", ...Array(100).fill(part)], "big.csv");
    const d = new DataTransfer();
    d.items.add(file);
    window.__big = file.size;
    document
      .querySelector("#own-panel .dropzone")
      .dispatchEvent(new DragEvent("drop", { dataTransfer: d, bubbles: true, cancelable: true }));
  });
  assert.ok((await page.evaluate(() => window.__big)) > 100e6);
  await page.waitForFunction(
    () => document.querySelector("#own-panel .csv-progress progress")?.value > 0,
    null,
    { timeout: 60_000 },
  );
  assert.match(await page.locator("#own-panel .csv-progress-text").textContent(), /正在读取 CSV/);
  await page.locator("#own-panel button.csv-cancel").click();
  await page.waitForSelector("#own-panel .own-result .error");
  assert.match(await page.locator("#own-panel .own-result .error").textContent(), /已取消读取/);
  assert.equal(await page.locator("#own-panel .csv-progress").count(), 0);
  // The panel reads the next file normally.
  await drop(page, "next.csv", fixture("gbk_monthly.csv"));
  await page.waitForSelector("#own-panel .own-result[data-state=done]");
  assert.deepEqual(seen.errors, []);
  await context.close();
});
