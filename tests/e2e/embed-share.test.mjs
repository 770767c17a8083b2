// Issue 13, paste-a-link and offline: every chart page advertises its oEmbed response, which is
// valid oEmbed 1.0 "rich" JSON whose HTML, pasted into a host on another origin, renders the
// chart. Every chart has a 1200 × 630 share PNG named by its Open Graph / Twitter metadata, and
// the PNG shows Chinese glyphs (its title band against a blank render and against the title
// drawn here in the CJK font). After one visit, an embed page loads with the network cut.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { CHARTS } from "../../www/registry.js";
import { articlePage, hostServer } from "./embed-host.mjs";
import { launch, startServer, watch } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Width and height from a PNG's IHDR chunk (bytes 16..24), read independently of any decoder. */
function pngSize(buf) {
  assert.equal(buf.subarray(1, 4).toString("latin1"), "PNG");
  assert.equal(buf.subarray(12, 16).toString("latin1"), "IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test("every chart page has Open Graph / Twitter metadata and an oEmbed link; the JSON is valid and its HTML renders the chart", async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const seen = watch(page);
  for (const lang of ["zh", "en"])
    for (const spec of CHARTS) {
      const html = readFileSync(`www/chart/${lang}/${spec.id}.html`, "utf8");
      const meta = (p) =>
        html.match(new RegExp(`<meta (?:property|name)="${p}" content="([^"]*)"`))?.[1];
      assert.equal(meta("og:image:width"), "1200", spec.id);
      assert.equal(meta("og:image:height"), "630", spec.id);
      assert.equal(meta("twitter:card"), "summary_large_image", spec.id);
      assert.ok(meta("og:image").endsWith(`share/${lang}/${spec.id}.png`), spec.id);
      assert.ok(meta("og:title").length > 3, spec.id);
      const png = readFileSync(`www/share/${lang}/${spec.id}.png`);
      assert.deepEqual(pngSize(png), { width: 1200, height: 630 }, `${lang}/${spec.id}`);
      const o = JSON.parse(readFileSync(`www/oembed/${lang}/${spec.id}.json`, "utf8"));
      assert.equal(o.version, "1.0");
      assert.equal(o.type, "rich");
      assert.equal(o.provider_name, "Civic Pulse");
      assert.equal(typeof o.title, "string");
      assert.ok(Number.isInteger(o.width) && Number.isInteger(o.height) && o.height >= 300);
      assert.match(
        o.html,
        /^<iframe src="[^"]+" title="[^"]+" data-civic-pulse-chart="[a-z0-9-]+"/,
      );
      assert.ok(o.html.includes(`embed/${lang}/${spec.id}.html?theme=light`), o.html);
    }

  // Discovery as an oEmbed consumer does it: the chart page's <link>, then the JSON, then the HTML.
  await page.goto(`${server.url}chart/zh/jg-trend.html`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  assert.equal(await page.locator("h1").count(), 1);
  const href = await page
    .locator('link[rel=alternate][type="application/json+oembed"]')
    .getAttribute("href");
  const jsonUrl = new URL(href, page.url());
  const res = await page.request.get(jsonUrl.href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()["content-type"], /^application\/json/);
  const o = await res.json();
  assert.equal(o.type, "rich");
  const iframe = o.html.replace(/src="([^"]+)"/, (_, s) => `src="${new URL(s, jsonUrl).href}"`);
  const host = await hostServer(server.url, { "/paste.html": articlePage("Pasted", iframe) });
  try {
    await page.goto(`${host.origin}/paste.html`);
    const fr = await (await page.locator("iframe").elementHandle()).contentFrame();
    await fr.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
    assert.ok((await fr.locator(".plot svg").count()) >= 1);
    assert.equal(await fr.locator("h1.chart-title").textContent(), o.title);
  } finally {
    host.close();
  }
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("a share card shows Chinese glyphs: its title band differs from a blank render and matches the title drawn in the CJK font", async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  // A same-origin page to decode the PNG in (the server's CSP allows fetches to itself).
  await page.goto(`${server.url}share/zh/sg-stl.png`);
  const title = CHARTS.find((c) => c.id === "sg-stl").title.zh;
  const ink = await page.evaluate(async (title) => {
    const dark = (data) => {
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i] * 0.3 + data[i + 1] * 0.59 + data[i + 2] * 0.11 < 110) n++;
      return n;
    };
    const bmp = await createImageBitmap(await (await fetch("/share/zh/sg-stl.png")).blob());
    const c = new OffscreenCanvas(1200, 630);
    const g = c.getContext("2d");
    g.drawImage(bmp, 0, 0);
    // The title band: below the brand line, above the chart (one line at 40 px).
    const band = g.getImageData(40, 75, 1100, 60).data;
    // A blank render: the card's background only.
    g.fillStyle = "#fdfdfc";
    g.fillRect(0, 0, 1200, 630);
    const blank = g.getImageData(40, 75, 1100, 60).data;
    // The same title drawn here in WenQuanYi Micro Hei, bold 40 px.
    g.fillStyle = "#1b1f24";
    g.font = 'bold 40px "WenQuanYi Micro Hei"';
    g.textBaseline = "top";
    g.fillText(title, 0, 0);
    const ref = g.getImageData(0, 0, 1100, 60).data;
    let diff = 0;
    for (let i = 0; i < band.length; i += 4) if (Math.abs(band[i] - blank[i]) > 40) diff++;
    return { band: dark(band), blank: dark(blank), ref: dark(ref), diff };
  }, title);
  assert.equal(ink.blank, 0);
  assert.ok(ink.diff > 3000, JSON.stringify(ink));
  // Tofu boxes or a Latin-only fallback would give a very different amount of ink.
  assert.ok(ink.band > 0.75 * ink.ref && ink.band < 1.33 * ink.ref, JSON.stringify(ink));
  await page.close();
});

test("after one visit an embed page loads with the network cut", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 600 } });
  const page = await context.newPage();
  const seen = watch(page);
  const url = `${server.url}embed/en/railway-12306-monthly.html?theme=light`;
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  // The service worker has cached the whole build (it switches to a build only when complete).
  // Polled from here: waitForFunction would take an async predicate's promise as truthy.
  const cached = () =>
    page.evaluate(async () => {
      // "current" as the worker (at the site root) names it, not relative to this page.
      const meta = await caches.open("civic-pulse-meta");
      const cur = await meta.match(new URL("/current", location.href).href);
      return Boolean(navigator.serviceWorker.controller && cur);
    });
  for (let i = 0; i < 240 && !(await cached()); i++) await page.waitForTimeout(250);
  assert.ok(await cached(), "the service worker never finished caching the build");
  await context.setOffline(true);
  assert.ok((await page.reload()).fromServiceWorker());
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  assert.ok((await page.locator(".plot svg").count()) >= 1, "live chart offline");
  assert.match(await page.locator("h1.chart-title").textContent(), /12306/);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
