// Issue 13: embeds that survive a newsroom. A host article on a second origin with a strict CSP
// embeds three charts by the plain iframe snippet (as published in each chart's oEmbed response),
// with no script at all, at 320, 390, 768 and 1280 px: every chart is wholly visible in its frame
// and nothing logs an error. With embed/resize.js the frames take the height their content asks
// for (the chart unsqueezed) with no console warnings. A dark-mode reader on a light host gets a
// light embed unless the snippet asks otherwise. Screenshots: test-results/embed-fit/.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { articlePage, fitOf, hostServer } from "./embed-host.mjs";
import { launch, startServer } from "./harness.mjs";

const OUT = "test-results/embed-fit";
const CHARTS = [
  { chart: "sg-stl", lang: "zh" }, // line + STL toggle
  { chart: "gov-top20", lang: "en" }, // tall horizontal bars
  { chart: "jg-tiers", lang: "zh" },
];
const WIDTHS = [320, 390, 768, 1280];

let server, host, browser;

/** The no-script iframe snippet of a chart, from its oEmbed file, made absolute. */
function snippet(base, { chart, lang }) {
  const o = JSON.parse(readFileSync(`www/oembed/${lang}/${chart}.json`, "utf8"));
  const jsonUrl = new URL(`oembed/${lang}/${chart}.json`, base);
  return o.html.replace(/src="([^"]+)"/, (_, src) => `src="${new URL(src, jsonUrl).href}"`);
}

before(async () => {
  server = await startServer();
  const frames = CHARTS.map((c) => snippet(server.url, c));
  const body = frames.map((f, i) => `<p>Paragraph ${i + 1}.</p>\n${f}`).join("\n");
  const resize = `<script src="${server.url}embed/resize.js" async></script>`;
  host = await hostServer(server.url, {
    "/noscript.html": articlePage("Three charts, no script", body),
    "/resize.html": articlePage("Three charts, resize.js", `${body}\n${resize}`),
  });
  browser = await launch();
  mkdirSync(OUT, { recursive: true });
});
after(async () => {
  await browser?.close();
  host?.close();
  server?.close();
});

/** Opens a host page and waits until every embed frame has drawn its live chart. */
async function open(path, { width, height = 900, colorScheme = "light" }) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  const logs = [];
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && logs.push(m.text()));
  page.on("pageerror", (e) => logs.push(String(e)));
  await page.goto(host.origin + path);
  const frames = [];
  for (let i = 0; i < CHARTS.length; i++) {
    const el = page.locator("iframe").nth(i);
    // Lazy frames load near the viewport, and Chromium throttles off-screen cross-origin frames.
    await el.scrollIntoViewIfNeeded();
    const fr = await (await el.elementHandle()).contentFrame();
    await fr.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
    frames.push({ el, fr });
  }
  return { context, page, frames, logs };
}

/** A full-page picture with every (cross-origin) frame painted. */
async function shoot(page, path) {
  const vp = page.viewportSize();
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: vp.width, height: h });
  await page.waitForTimeout(800);
  await page.screenshot({ path });
  await page.setViewportSize(vp);
}

for (const width of WIDTHS) {
  test(`no script, strict CSP, ${width} px: three charts wholly visible in their snippet frames`, async () => {
    const { context, page, frames, logs } = await open("/noscript.html", { width });
    for (const [i, { el, fr }] of frames.entries()) {
      await el.scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      const box = await el.evaluate((e) => e.getBoundingClientRect());
      const f = await fr.evaluate(fitOf);
      const what = `${CHARTS[i].chart} @${width}: ${JSON.stringify({ box, f })}`;
      // The host's CSP drops the snippet's style attribute: the height attribute sizes the frame.
      assert.ok(box.height >= 300 && box.width >= 300, what);
      assert.ok(f.scrollHeight <= f.innerHeight, `document scrolls: ${what}`);
      assert.ok(f.bodyScroll <= f.innerHeight + 1, `content overflows: ${what}`);
      assert.ok(f.svg && f.svg.h >= 60, `no chart: ${what}`);
      assert.ok(f.svg.top >= 0 && f.svg.bottom <= f.innerHeight + 0.5, `chart cut: ${what}`);
      assert.ok(f.svg.left >= 0 && f.svg.right <= f.innerWidth + 0.5, `chart cut: ${what}`);
      assert.equal(f.slice, false, what);
      assert.equal(f.h1, 1, `one <h1>: ${what}`);
    }
    if (width === 390 || width === 1280) await shoot(page, `${OUT}/noscript-${width}.png`);
    assert.deepEqual(logs, []);
    await context.close();
  });
}

test("with resize.js the frames take their content's height (the chart unsqueezed), no warnings", async () => {
  const { context, page, frames, logs } = await open("/resize.html", { width: 390 });
  for (const [i, { el, fr }] of frames.entries()) {
    await el.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (e) => e.hasAttribute("data-civic-pulse-height"),
      await el.elementHandle(),
      { timeout: 15_000 },
    );
    await page.waitForTimeout(400); // the last ResizeObserver round trip
    const f = await fr.evaluate(fitOf);
    const box = await el.evaluate((e) => e.getBoundingClientRect().height);
    const what = `${CHARTS[i].chart}: ${JSON.stringify({ box, f })}`;
    // Unsqueezed: the SVG box is drawn at its own aspect ratio for the width it has.
    const natural = ((f.svg.right - f.svg.left) * f.vb.h) / f.vb.w;
    assert.ok(Math.abs(f.svg.h - natural) <= 3, `chart squeezed: ${what}`);
    assert.ok(f.scrollHeight <= f.innerHeight, `document scrolls: ${what}`);
    assert.ok(Math.abs(box - f.innerHeight) <= 1, what);
    // Not the snippet's fixed height any more, for at least the tall bar chart.
    if (CHARTS[i].chart === "gov-top20")
      assert.notEqual(Math.round(box), Number(await el.getAttribute("height")), what);
  }
  // Opening the data table: it replaces the chart and the frame grows to show it.
  const { el, fr } = frames[0];
  const before = await el.evaluate((e) => e.getBoundingClientRect().height);
  await fr.locator("details.data summary").click();
  await page.waitForFunction(
    ([e, h]) => e.getBoundingClientRect().height > h + 100,
    [await el.elementHandle(), before],
    { timeout: 10_000 },
  );
  assert.equal(await fr.locator(".plot").isVisible(), false, "table opens in place of the chart");
  assert.ok(await fr.locator(".table-wrap table").isVisible());
  assert.deepEqual(logs, [], "console errors or warnings in the host");
  await context.close();
});

test("a dark-mode reader on a light host gets a light embed by default; theme=dark and auto still work", async () => {
  const { context, page, frames, logs } = await open("/noscript.html", {
    width: 768,
    colorScheme: "dark",
  });
  for (const { fr } of frames) {
    assert.equal(await fr.locator("html").getAttribute("data-theme"), "light");
    assert.equal((await fr.evaluate(fitOf)).bg, "rgb(253, 253, 252)");
  }
  for (const [theme, bg] of [
    ["dark", "rgb(21, 23, 26)"],
    ["auto", "rgb(21, 23, 26)"], // follows the dark-mode reader
    ["light", "rgb(253, 253, 252)"],
  ]) {
    await page.goto(`${server.url}embed/en/sg-stl.html?theme=${theme}`);
    await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), bg);
  }
  assert.deepEqual(logs, []);
  await context.close();
});

test("render options: plain keeps a hidden <h1> only; static loads no script module beyond the embed script and no WASM", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 500 } });
  const page = await context.newPage();
  const urls = [];
  page.on("request", (r) => urls.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}embed/zh/sg-stl.html?plain`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  const h1 = page.locator("h1.chart-title");
  assert.equal(await h1.count(), 1);
  assert.match(await h1.textContent(), /STL/);
  assert.ok((await h1.boundingBox()).height <= 1, "plain: the <h1> is visually hidden");
  assert.equal(await page.locator(".chart-unit").isVisible(), false);

  urls.length = 0;
  await page.goto(`${server.url}embed/en/gov-top20.html?static`);
  await page.waitForSelector("html[data-ready=static]");
  assert.ok(await page.locator(".plot img.static-chart").isVisible());
  assert.ok(await page.evaluate(() => document.querySelector("img.static-chart").complete));
  const scripts = urls.filter((u) => /\.(js|wasm)$/.test(u) && !u.endsWith("/sw.js"));
  // The embed page's own script (bundled by tools/bundle.mjs as app-embed.<hash>.js) and nothing
  // else: no chart code, no worker, no WASM.
  assert.equal(scripts.length, 1, scripts.join(", "));
  assert.match(scripts[0], /^\/(app-embed\.[A-Z0-9]{8}|embed)\.js$/);
  const f = await page.evaluate(fitOf);
  assert.ok(f.scrollHeight <= f.innerHeight, JSON.stringify(f));
  await context.close();
});
