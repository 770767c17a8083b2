// First paint without JavaScript: the build (tools/prerender.mjs) renders every chart to a static
// SVG with the page's own registry and Plot code. With JavaScript disabled the report and an
// embed still show their charts, titles, descriptions and sources; with JavaScript the live
// charts replace them. The first chart is visible after ≤ 30 KB gzip (before any script).

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { CHARTS } from "../../www/registry.js";
import { launch, startServer, watch } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
  mkdirSync("test-results/static", { recursive: true });
});
after(async () => {
  await browser?.close();
  server?.close();
});

test("without JavaScript the report shows every chart as a static SVG", async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  const seen = watch(page);
  const res = await page.goto(server.url);
  assert.equal(res.status(), 200);
  assert.equal(await page.locator("main figure.chart[data-static]").count(), CHARTS.length);
  assert.equal(await page.locator("main img.static-chart").count(), CHARTS.length);
  // The first chart is drawn before anything is scrolled: its SVG image has loaded.
  const first = page.locator("main img.static-chart").first();
  await page.waitForFunction(() => {
    const img = document.querySelector("main img.static-chart");
    return img.complete && img.naturalWidth > 0;
  });
  // The key chart: the printed peaks of the national apps (issue 12: printed numbers first).
  assert.match(await first.getAttribute("alt"), /全国性公共服务APP/);
  // Every static chart loads (scrolled into view: the others are loading="lazy").
  for (const img of await page.locator("main img.static-chart").all()) {
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (el) => el.complete && el.naturalWidth > 0,
      await img.elementHandle(),
      { timeout: 10_000 },
    );
  }
  // Texts from the build: title, description from the module's analytics, source.
  const fig = page.locator("#chart-railway-12306-monthly");
  assert.match(await fig.locator(".chart-title").textContent(), /铁路12306/);
  assert.match(await fig.locator(".description").textContent(), /2023年9月达到峰值1\.19亿/);
  assert.match(await fig.locator(".source").textContent(), /^来源：/);
  assert.ok((await fig.locator(".legend .item").count()) >= 2);
  assert.equal(await page.locator("nav.toc li").count(), 9);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/static/report-nojs-1280.png" });
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("without JavaScript an embed page shows its static chart and data table", async () => {
  const context = await browser.newContext({
    viewport: { width: 600, height: 800 },
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  const seen = watch(page);
  for (const [lang, title] of [
    ["zh", /铁路12306/],
    ["en", /12306/],
  ]) {
    await page.goto(`${server.url}embed/${lang}/railway-12306-monthly.html`);
    await page.waitForFunction(
      () =>
        document.querySelector("img.static-chart")?.complete &&
        document.querySelector("img.static-chart").naturalWidth > 0,
    );
    assert.match(await page.locator(".chart-title").textContent(), title);
    assert.equal(await page.locator("html").getAttribute("lang"), lang === "zh" ? "zh-CN" : "en");
    assert.equal(await page.locator("details.data table tbody tr").count(), 48);
    await page.screenshot({ path: `test-results/static/embed-nojs-${lang}.png`, fullPage: true });
  }
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("the static SVG is replaced by the live chart; first chart within 30 KB gzip before JS", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(server.url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  assert.equal(await page.locator("main img.static-chart").count(), 0);
  assert.equal(await page.locator("main figure[data-static]").count(), 0);
  assert.equal(
    await page.locator("main figure.chart[data-rendered=true] .plot svg").count(),
    CHARTS.length,
  );
  // The bytes a reader needs before the first chart shows: the HTML alone, which carries the
  // critical CSS and the first chart's drawing inline (issue 15, tools/critical-path.mjs; the
  // stylesheet and the SVG file were separate requests before).
  const html = readFileSync("www/index.html", "utf8");
  const svg = html.match(/<img class="static-chart" src="([^"]+)"/)[1];
  assert.match(svg, /^data:image\/svg\+xml,/);
  const bytes = gzipSync(readFileSync("www/index.html"), { level: 9 }).length;
  assert.ok(bytes <= 30 * 1024, `${bytes} bytes`);
  assert.match(html, /fetchpriority="high"/);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("build-manifest.json (the service worker's list) matches the files as built", () => {
  const m = JSON.parse(readFileSync("www/build-manifest.json", "utf8"));
  const stale = Object.entries(m.files).filter(([p, sha]) => {
    const f = p === "./" ? "www/index.html" : p.startsWith("pkg/") ? p : `www/${p}`;
    return createHash("sha256").update(readFileSync(f)).digest("hex") !== sha;
  });
  assert.deepEqual(
    stale.map(([p]) => p),
    [],
    "stale: run node tools/prerender.mjs after changing www/ or pkg/",
  );
  assert.ok(Object.keys(m.files).length > 100);
});
