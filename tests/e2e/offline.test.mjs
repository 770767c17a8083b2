// The single-file report (dist/civic-pulse-report.html, tools/offline.mjs) opened from disk
// (file://) in a context with the network off and every non-file request aborted: every
// section and chart renders, every toggle and STL view redraws, every download works (CSV,
// Arrow slice re-read by the module in Node, SVG, PNG, the catalog), a reader's own file is
// analysed; the engine runs in a Blob worker, or on the main thread when workers are refused.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { DateDay, Float64, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { parseHTML } from "linkedom";
import { CHARTS } from "../../www/registry.js";
import { FINDINGS } from "../../www/text/findings.js";
import { launch, nodeModule, watch } from "./harness.mjs";

const FILE = resolve("dist/civic-pulse-report.html");
const URL_ = pathToFileURL(FILE).href;
let browser;
before(async () => {
  if (!existsSync(FILE))
    execFileSync(process.execPath, ["tools/offline.mjs"], { stdio: "inherit" });
  browser = await launch();
  mkdirSync("test-results/offline", { recursive: true });
});
after(async () => {
  await browser?.close();
});

async function open({ noWorker = false } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    offline: true,
    acceptDownloads: true,
  });
  const blocked = [];
  await context.route(
    (u) => u.protocol !== "file:",
    (r) => {
      blocked.push(r.request().url());
      return r.abort();
    },
  );
  if (noWorker)
    await context.addInitScript(() => {
      window.Worker = () => {
        throw new DOMException("workers refused", "SecurityError");
      };
    });
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(URL_);
  await page.waitForSelector("html[data-ready=true]", { timeout: 90_000 });
  return { context, page, seen, blocked };
}

function allRendered(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main figure.chart[data-chart]")]
      .filter((f) => f.dataset.rendered !== "true" || !f.querySelector(".plot svg"))
      .map((f) => f.id),
  );
}

test("from file:// with no network: every section, chart, toggle, STL view and download", async () => {
  const { context, page, seen, blocked } = await open();
  assert.equal(await page.getAttribute("html", "data-engine"), "worker");
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute("content");
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:/);
  // Every section with its content.
  assert.equal(await page.locator("section.report-section").count(), 9);
  assert.equal(await page.locator("main figure.chart").count(), CHARTS.length);
  assert.deepEqual(await allRendered(page), []);
  // One card per key finding (www/text/findings.js; issue 12 asks for 3-5).
  assert.equal(await page.locator("#overview .headlines .card").count(), FINDINGS.length);
  assert.ok((await page.locator("#chart-claims tbody tr").count()) > 100);
  assert.equal(await page.locator("#own-file").count(), 1);
  await page.screenshot({ path: "test-results/offline/report-offline-1280.png" });

  // Every toggle of every chart: each option redraws its chart without error.
  const toggles = await page.locator("main figure.chart fieldset.toggle input[type=radio]").all();
  let switched = 0;
  for (const input of toggles) {
    if (await input.isChecked()) continue;
    const figId = await input.evaluate((el) => el.closest("figure").id);
    await input.check({ force: true });
    await page.waitForFunction((id) => {
      const f = document.getElementById(id);
      return (
        !f.hasAttribute("aria-busy") &&
        f.dataset.rendered === "true" &&
        f.querySelector(".plot svg")
      );
    }, figId);
    switched++;
  }
  assert.ok(switched >= 20, `only ${switched} toggle options`);
  assert.deepEqual(await allRendered(page), []);
  // STL views: components are four facets; seasonally adjusted is one panel.
  const stl = page.locator("#chart-sg-stl");
  await stl.locator('input[value="components"]').check({ force: true });
  await page.waitForFunction(
    () =>
      document.querySelectorAll("#chart-sg-stl .plot svg g[aria-label='text'] text").length >= 4,
  );
  // The adjusted line is named at its end (end-labels.js), not in the legend.
  await stl.locator('input[value="adjusted"]').check({ force: true });
  await page.waitForFunction(
    () =>
      /季节调整后/.test(
        document.querySelector("#chart-sg-stl .plot svg g[aria-label='end labels']")?.textContent,
      ) && !document.querySelector("#chart-sg-stl").hasAttribute("aria-busy"),
  );

  // Downloads.
  const download = async (selector) => {
    const [dl] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
    return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
  };
  const csv = await download("#chart-railway-12306-monthly .dl-csv");
  assert.equal(csv.name, "railway-12306-monthly.csv");
  assert.match(csv.bytes.subarray(3).toString("utf8"), /\r\n2023-09-01,铁路12306,11900,/); // (after the toggles: growth column too)
  const arrow = await download("#chart-consistency .dl-arrow");
  const m = await nodeModule();
  const snap = m.Snapshot.fromIpc(new Uint8Array(arrow.bytes));
  assert.equal(
    snap.numRows,
    Number(await page.locator("#chart-consistency .dl-arrow").getAttribute("data-rows")),
  );
  assert.ok(snap.column("is_contradiction").every(Boolean));
  snap.free();
  const svg = await download("#chart-jg-tiers .dl-svg");
  assert.match(svg.bytes.toString("utf8"), /交管12123 城市等级分布/);
  const png = await download("#chart-jg-tiers .dl-png");
  assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const cat = await download("#catalog-link");
  assert.ok(JSON.parse(cat.bytes.toString("utf8")).length > 30);

  // A reader's own file, analysed by the inlined module.
  const date = [];
  const entity = [];
  const value = [];
  for (let i = 0; i < 36; i++) {
    date.push(new Date(Date.UTC(2021, i, 1)));
    entity.push("A");
    value.push(100 * (1 + 0.01 * i) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12)));
  }
  const buffer = Buffer.from(
    tableToIPC(
      new Table({
        date: vectorFromArray(date, new DateDay()),
        entity: vectorFromArray(entity, new Utf8()),
        value: vectorFromArray(value, new Float64()),
      }),
      "file",
    ),
  );
  await page
    .locator("#own-file")
    .setInputFiles({ name: "mine.arrow", mimeType: "application/vnd.apache.arrow.file", buffer });
  await page.waitForSelector("#own-panel .own-result[data-state=done]", { timeout: 30_000 });
  assert.ok((await page.locator("#own-panel .own-result svg").count()) >= 2);

  // The language switch redraws everything offline too.
  await page.locator("#lang-switch").click();
  await page.waitForFunction(
    () =>
      document.documentElement.lang === "en" && document.documentElement.dataset.ready === "true",
  );
  assert.deepEqual(await allRendered(page), []);
  assert.match(
    await page.locator("#chart-railway-12306-monthly .description").textContent(),
    /119M/,
  );
  await page.screenshot({ path: "test-results/offline/report-offline-en.png" });

  assert.deepEqual(seen.errors, []);
  assert.deepEqual(blocked, []);
  assert.deepEqual([...seen.hosts], []);
  await context.close();
});

test("the offline file falls back to the main thread when no worker can be made", async () => {
  const { context, page, seen, blocked } = await open({ noWorker: true });
  assert.equal(await page.getAttribute("html", "data-engine"), "main-thread");
  assert.deepEqual(await allRendered(page), []);
  await page.locator('#chart-sg-stl input[value="components"]').check({ force: true });
  await page.waitForFunction(
    () =>
      document.querySelectorAll("#chart-sg-stl .plot svg g[aria-label='text'] text").length >= 4,
  );
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(blocked, []);
  await context.close();
});

test("the offline file is one self-contained file", () => {
  const html = readFileSync(FILE, "utf8");
  const { document } = parseHTML(html);
  const external = [
    ...document.querySelectorAll(
      "script[src], link[href], img[src], iframe, object, embed, a[href]",
    ),
  ]
    .map((e) => e.getAttribute("src") ?? e.getAttribute("href"))
    .filter((u) => !/^(data:|#)/.test(u));
  assert.deepEqual(external, []);
  const scripts = [...document.querySelectorAll("script")].map((s) => s.getAttribute("type"));
  assert.deepEqual(scripts, ["module", "application/octet-stream", "text/plain"]);
  const { size } = statSync(FILE);
  console.log(`dist/civic-pulse-report.html: ${(size / 1024).toFixed(1)} KB`);
  assert.ok(size < 8 * 1024 * 1024);
});
