// Embeds in a news article on another origin: a test article served from a second loopback
// port with a strict CSP (no inline script, no inline style, frames only from the report's
// origin) embeds three charts by iframe + embed/resize.js and one by the <civic-pulse-chart>
// web component. They render, take their content's height, follow viewport changes, and log no
// errors; forged or malformed height messages are ignored. Screenshots: test-results/embed/.
// An embed page fills its frame (embed.css, issue 13), so "its content's height" is what the
// content would take with the chart at its own aspect ratio (naturalHeight below), not the
// document's height (which is the frame's by construction).

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { snippets } from "../../www/embed-code.js";
import { launch, startServer, watch } from "./harness.mjs";

const OUT = "test-results/embed";
const IFRAMES = [
  { chart: "railway-12306-monthly", lang: "zh" },
  { chart: "sg-stl", lang: "en" },
  { chart: "jg-tiers", lang: "zh" },
];
const COMPONENT = { chart: "gov-top20", lang: "en" };

let server, article, browser;

/** The article's own origin: HTML + CSS only, CSP header without 'unsafe-inline'. */
function articleServer(embedBase) {
  const origin = new URL(embedBase).origin;
  const css = `body{font:17px/1.6 Georgia,serif;max-width:44rem;margin:0 auto;padding:1rem;color:#222;background:#fff}
h1{font-size:1.8rem;line-height:1.2}.kicker{color:#a00;text-transform:uppercase;font:600 .8rem system-ui}
iframe.civic-pulse{display:block;width:100%;aspect-ratio:4/3;border:0;margin:1.5rem 0}
civic-pulse-chart{margin:1.5rem 0}`;
  const frames = IFRAMES.map(({ chart, lang }) => {
    // The snippet's iframe as generated (it has no style attribute, which this host's CSP would
    // refuse), plus a class from the host's own stylesheet (docs/embed.md).
    const { iframe } = snippets({
      base: embedBase,
      chart,
      lang,
      title: chart,
      width: 720,
      height: 540,
    });
    return iframe.split("\n")[0].replace("<iframe ", '<iframe class="civic-pulse" ');
  });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test article · The Daily Loopback</title><link rel="stylesheet" href="/article.css">
<script src="${embedBase}embed/resize.js" async></script>
<script src="${embedBase}embed/civic-pulse.js" async></script>
</head><body><p class="kicker">Data</p><h1>Trains, taxes and the power grid: China's public-service apps in four charts</h1>
<p>Paragraph one of the article. The charts below come from another origin and resize themselves.</p>
${frames[0]}
<p>Paragraph two, between the embeds.</p>
${frames[1]}
<p>Paragraph three.</p>
${frames[2]}
<p>The last chart is a web component:</p>
<civic-pulse-chart chart="${COMPONENT.chart}" lang="${COMPONENT.lang}"></civic-pulse-chart>
<p>The end.</p></body></html>`;
  const csp = `default-src 'none'; script-src ${origin}; frame-src ${origin}; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'`;
  // A second page: the iframe snippet exactly as copied (its inline style allowed here), no script.
  const plain = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain</title></head><body>${snippets({ base: embedBase, chart: "sg-hourly", lang: "zh", title: "t", width: 720, height: 480 }).iframe.split("\n")[0]}</body></html>`;
  return new Promise((resolve) => {
    const srv = createServer((req, res) => {
      const headers = { "Content-Security-Policy": csp, "Cache-Control": "no-store" };
      if (req.url === "/article.css")
        res.writeHead(200, { ...headers, "Content-Type": "text/css" }).end(css);
      else if (req.url === "/article.html")
        res.writeHead(200, { ...headers, "Content-Type": "text/html; charset=utf-8" }).end(html);
      else if (req.url === "/plain.html")
        res
          .writeHead(200, {
            ...headers,
            "Content-Security-Policy": csp.replace(
              "style-src 'self'",
              "style-src 'self' 'unsafe-inline'",
            ),
            "Content-Type": "text/html; charset=utf-8",
          })
          .end(plain);
      else if (req.url === "/favicon.ico") res.writeHead(204, headers).end();
      else res.writeHead(404, headers).end();
    });
    srv.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${srv.address().port}/article.html`,
        origin: `http://127.0.0.1:${srv.address().port}`,
        close: () => srv.close(),
      }),
    );
  });
}

before(async () => {
  server = await startServer();
  article = await articleServer(server.url);
  browser = await launch();
  mkdirSync(OUT, { recursive: true });
});
after(async () => {
  await browser?.close();
  article?.close();
  server?.close();
});

/**
 * In an embed frame: the height its content wants, i.e. what is laid out with the chart's box
 * (.plot) replaced by the chart at its own aspect ratio for the width it has. Equal to the frame
 * height when the frame fits the content: a bigger frame leaves the chart letterboxed, a smaller
 * one squeezes it.
 */
function naturalHeight() {
  const plot = document.querySelector("figure.chart .plot");
  const vb = plot.querySelector("svg").viewBox.baseVal;
  return Math.ceil(
    document.body.scrollHeight - plot.clientHeight + (plot.clientWidth * vb.height) / vb.width,
  );
}

/**
 * Heights of the embeds: the iframe's box, the height it was given, and its content's height.
 * Each embed is scrolled into view first: Chromium throttles rendering (and so ResizeObserver)
 * in cross-origin iframes outside the viewport, so an off-screen embed resizes when it is seen.
 */
async function measure(page) {
  for (const loc of [page.locator("iframe.civic-pulse"), page.locator("civic-pulse-chart")]) {
    for (let i = 0; i < (await loc.count()); i++) {
      await loc.nth(i).scrollIntoViewIfNeeded();
      await page.waitForTimeout(150);
    }
  }
  const frames = page.locator("iframe.civic-pulse");
  const out = [];
  for (let i = 0; i < IFRAMES.length; i++) {
    const f = frames.nth(i);
    const box = await f.evaluate((el) => el.getBoundingClientRect().height);
    const given = Number(await f.getAttribute("data-civic-pulse-height"));
    const content = await (await f.elementHandle())
      .contentFrame()
      .then((fr) => fr.evaluate(naturalHeight));
    out.push({ box, given, content });
  }
  const el = page.locator("civic-pulse-chart");
  const cbox = await el.evaluate(
    (e) => e.shadowRoot.querySelector("iframe").getBoundingClientRect().height,
  );
  const cframe = page
    .frames()
    .find((fr) => fr.url().includes(`/embed/${COMPONENT.lang}/${COMPONENT.chart}.html`));
  const ccontent = await cframe.evaluate(naturalHeight);
  out.push({ box: cbox, given: Number(await el.getAttribute("data-height")), content: ccontent });
  return out;
}

/**
 * A full-page picture with every embed painted: the viewport is made as tall as the page (a
 * fullPage screenshot leaves off-screen cross-origin iframes unpainted), then restored.
 */
async function shoot(page, path) {
  const vp = page.viewportSize();
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: vp.width, height: h });
  await page.waitForTimeout(1000);
  await page.screenshot({ path });
  await page.setViewportSize(vp);
}

async function settled(page) {
  // Every embed drawn and sized to its content (resize messages are asynchronous).
  await page.waitForFunction(
    () =>
      document.querySelectorAll("iframe.civic-pulse[data-civic-pulse-height]").length === 3 &&
      document.querySelector("civic-pulse-chart[data-height]"),
    null,
    { timeout: 60_000 },
  );
  for (const fr of page.frames().filter((f) => f.url().includes("/embed/")))
    await fr.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  let last;
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(250);
    last = await measure(page);
    if (last.every((m) => Math.abs(m.box - m.content) <= 2)) return last;
  }
  return last;
}

test("a strict-CSP article on another origin embeds 3 iframes + 1 web component; they render, resize, log no errors", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = watch(page);
  const violations = [];
  page.on(
    "console",
    (m) => /Content Security Policy|Refused/i.test(m.text()) && violations.push(m.text()),
  );
  await page.goto(article.url);
  await settled(page);

  // Each embed shows its chart: title, live SVG, legend, source, data-table toggle.
  const embeds = page.frames().filter((f) => f.url().includes("/embed/"));
  assert.equal(embeds.length, 4, embeds.map((f) => f.url()).join("\n"));
  for (const fr of embeds) {
    const fig = fr.locator("figure.chart");
    assert.equal(await fig.getAttribute("data-rendered"), "true", fr.url());
    assert.ok((await fig.locator(".plot svg").count()) >= 1, `${fr.url()}: no live chart`);
    assert.ok((await fig.locator(".chart-title").textContent()).length > 3);
    assert.match(await fig.locator(".source").textContent(), /来源|Source/);
    assert.ok((await fig.locator(".legend .item").count()) >= 1);
    assert.equal(await fig.locator("details.data summary").count(), 1);
    assert.equal(new URL(fr.url()).origin, new URL(server.url).origin);
  }
  // English where asked.
  const en = embeds.find((f) => f.url().includes("/embed/en/sg-stl.html"));
  assert.equal(await en.locator("html").getAttribute("lang"), "en");
  assert.match(await en.locator(".source").textContent(), /^Source/);

  const wide = await measure(page);
  for (const m of wide) {
    assert.ok(Math.abs(m.box - m.content) <= 2, `iframe ${m.box}px vs content ${m.content}px`);
    assert.equal(m.given, Math.round(m.box));
  }
  await shoot(page, `${OUT}/article-1280.png`);

  // The viewport narrows: the charts redraw narrower, the content grows taller, the iframes follow.
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  await page.waitForFunction(
    (prev) => {
      const f = document.querySelector("iframe.civic-pulse");
      return Number(f.dataset.civicPulseHeight) !== prev;
    },
    wide[0].given,
    { timeout: 15_000 },
  );
  await settled(page);
  const narrow = await measure(page);
  for (let i = 0; i < narrow.length; i++) {
    assert.ok(
      Math.abs(narrow[i].box - narrow[i].content) <= 2,
      `narrow ${i}: ${JSON.stringify(narrow)}`,
    );
    assert.notEqual(narrow[i].box, wide[i].box, `embed ${i} did not resize`);
  }
  assert.ok(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    "article wider than the phone viewport",
  );
  await shoot(page, `${OUT}/article-390.png`);
  await page
    .locator("iframe.civic-pulse")
    .first()
    .screenshot({ path: `${OUT}/iframe-railway-390.png` });

  // Back to wide: heights shrink again.
  await page.setViewportSize({ width: 1024, height: 800 });
  await settled(page);
  const back = await measure(page);
  for (const m of back)
    assert.ok(
      Math.abs(m.box - m.content) <= 2,
      `1024: iframe ${m.box}px vs content ${m.content}px`,
    );

  // Forged and malformed messages change nothing.
  const before = await page
    .locator("iframe.civic-pulse")
    .first()
    .getAttribute("data-civic-pulse-height");
  await page.evaluate(() =>
    window.postMessage(
      { type: "civic-pulse:height", version: 1, chart: "railway-12306-monthly", height: 5000 },
      "*",
    ),
  );
  const first = embeds.find((f) => f.url().includes("railway-12306-monthly"));
  await first.evaluate(() => {
    parent.postMessage(
      { type: "civic-pulse:height", version: 2, chart: "railway-12306-monthly", height: 3000 },
      "*",
    );
    parent.postMessage(
      { type: "civic-pulse:height", version: 1, chart: "railway-12306-monthly", height: 1e9 },
      "*",
    );
    parent.postMessage(
      { type: "civic-pulse:height", version: 1, chart: "<img src=x>", height: 3000 },
      "*",
    );
    parent.postMessage(
      { type: "civic-pulse:height", version: 1, chart: "railway-12306-monthly", height: "3000" },
      "*",
    );
    parent.postMessage("civic-pulse:height 3000", "*");
  });
  await page.waitForTimeout(500);
  assert.equal(
    await page.locator("iframe.civic-pulse").first().getAttribute("data-civic-pulse-height"),
    before,
  );

  assert.deepEqual(seen.errors, []);
  assert.deepEqual(violations, []);
  assert.deepEqual([...seen.hosts], ["127.0.0.1"]);
  await context.close();
});

test("without resize.js an embed keeps the snippet's fixed height and fits its chart in it; embed.html?chart= works; unknown charts say so", async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(`${article.origin}/plain.html`);
  const fr = await (await page.locator("iframe").elementHandle()).contentFrame();
  await fr.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  const box = await page.locator("iframe").evaluate((el) => el.getBoundingClientRect());
  assert.equal(Math.round(box.height), Number(await page.locator("iframe").getAttribute("height")));
  const fit = await fr.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    inner: innerHeight,
    svgBottom: document.querySelector(".plot svg").getBoundingClientRect().bottom,
  }));
  assert.ok(fit.scroll <= fit.inner && fit.svgBottom <= fit.inner, JSON.stringify(fit));

  await page.goto(`${server.url}embed.html?chart=railway-12306-monthly&lang=en&theme=dark`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  assert.match(await page.locator(".chart-title").textContent(), /12306/);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, "rgb(21, 23, 26)");
  const link = await page.locator("a.open-report").getAttribute("href");
  assert.ok(
    link.startsWith(server.url) &&
      link.includes("chart=railway-12306-monthly") &&
      link.includes("lang=en"),
    link,
  );
  await page.screenshot({ path: `${OUT}/embed-dark-en.png`, fullPage: true });

  await page.goto(`${server.url}embed.html?chart=nope`);
  await page.waitForSelector("html[data-ready=error]");
  assert.match(await page.locator("p.error").textContent(), /nope/);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("every chart in the report offers embed code: clipboard, or a selected textarea as fallback", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: new URL(server.url).origin,
  });
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(server.url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  const n = await page.locator("figure.chart").count();
  assert.equal(await page.locator("figure.chart .actions button.embed-code").count(), n);
  const fig = page.locator("#chart-sg-stl");
  await fig.locator("button.embed-code").click();
  await fig.locator(".embed-panel textarea").first().waitFor();
  assert.match(await fig.locator(".status").textContent(), /嵌入代码已复制/);
  const iframeCode = await fig.locator(".embed-iframe textarea").inputValue();
  const elementCode = await fig.locator(".embed-element textarea").inputValue();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), iframeCode);
  assert.match(
    iframeCode,
    new RegExp(
      `^<iframe src="${server.url}embed/zh/sg-stl\\.html\\?theme=light" title="[^"]+" data-civic-pulse-chart="sg-stl" width="100%" height="\\d+" frameborder="0"`,
    ),
  );
  assert.match(
    iframeCode,
    new RegExp(`<script src="${server.url}embed/resize\\.js" async></script>$`),
  );
  assert.match(
    elementCode,
    /<civic-pulse-chart chart="sg-stl" lang="zh" theme="light"><\/civic-pulse-chart>/,
  );
  assert.equal(await fig.locator("button.embed-code").getAttribute("aria-expanded"), "true");
  // The no-script height suits the chart's shape at phone width, not the report's open table.
  const h = Number(iframeCode.match(/height="(\d+)"/)[1]);
  assert.ok(h >= 300 && h <= 1000, iframeCode);
  // The AMP snippet: amp-iframe with the build-time SVG as its placeholder.
  const amp = await fig.locator(".embed-amp textarea").inputValue();
  assert.match(
    amp,
    /^<amp-iframe src="[^"]+embed\/zh\/sg-stl\.html\?theme=light"[^>]* layout="responsive"/,
  );
  assert.match(amp, /<amp-img placeholder layout="fill" src="[^"]+static\/sg-stl\.zh\.svg"/);
  // The copy button of the web-component snippet.
  await fig.locator(".embed-element button.copy").click();
  await page.waitForFunction(
    (code) => navigator.clipboard.readText().then((t) => t === code),
    elementCode,
  );

  // No clipboard access: the code is selected in the visible textarea and the status says so.
  await page.evaluate(() =>
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: () => Promise.reject(new Error("denied")) },
    }),
  );
  const fig2 = page.locator("#chart-railway-12306-monthly");
  await fig2.locator("button.embed-code").click();
  await page.waitForFunction(() =>
    /Ctrl\+C/.test(document.querySelector("#chart-railway-12306-monthly .status").textContent),
  );
  const sel = await page.evaluate(() => ({
    active: document.activeElement.id,
    len: document.activeElement.selectionEnd - document.activeElement.selectionStart,
    total: document.activeElement.value.length,
  }));
  assert.equal(sel.active, "chart-railway-12306-monthly-embed-iframe");
  assert.equal(sel.len, sel.total);
  await fig2.screenshot({ path: `${OUT}/embed-code-panel.png` });
  assert.deepEqual(seen.errors, []);
  await context.close();
});
