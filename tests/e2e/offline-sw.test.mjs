// Offline after the first visit (www/sw.js): the first visit caches the build named by
// build-manifest.json (shell, modules, Plot, static SVGs, pkg/, every dataset, checked against
// their SHA-256); a reload with the network cut renders the whole report from that cache; a new
// build (a changed file, a new manifest) is cached beside it on the next online visit, becomes
// current, and the old build's cache is deleted. The site is served from a scratch root whose
// www/ links to the real files, so the "new build" touches nothing in the repository.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { CHARTS } from "../../www/registry.js";
import { FINDINGS } from "../../www/text/findings.js";
import { launch, startServer, watch } from "./harness.mjs";

let root, server, browser;
before(async () => {
  root = mkdtempSync(join(tmpdir(), "civic-pulse-sw-"));
  symlinkSync(resolve("pkg"), join(root, "pkg"));
  mkdirSync(join(root, "www"));
  for (const f of readdirSync("www")) {
    if (f === "site.css" || f === "build-manifest.json")
      writeFileSync(join(root, "www", f), readFileSync(join("www", f)));
    else symlinkSync(resolve("www", f), join(root, "www", f));
  }
  server = await startServer(["--root", root]);
  browser = await launch();
  mkdirSync("test-results/offline", { recursive: true });
});
after(async () => {
  await browser?.close();
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const currentBuild = (page) =>
  page.evaluate(async () => {
    const r = await (await caches.open("civic-pulse-meta")).match("current");
    return r ? (await r.json()).build : null;
  });

async function waitForBuild(page, build) {
  for (let i = 0; i < 240; i++) {
    if ((await currentBuild(page)) === build) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`build ${build} never became current (now ${await currentBuild(page)})`);
}

const unrendered = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("main figure.chart[data-chart]")]
      .filter((f) => f.dataset.rendered !== "true" || !f.querySelector(".plot svg"))
      .map((f) => f.id),
  );

test("a reload with the network cut works; a new build replaces the old cache", async () => {
  const manifest = JSON.parse(readFileSync(join(root, "www/build-manifest.json"), "utf8"));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(server.url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  await waitForBuild(page, manifest.build);
  assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [
    "civic-pulse-" + manifest.build,
    "civic-pulse-meta",
  ]);
  const cached = await page.evaluate(
    async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname),
    "civic-pulse-" + manifest.build,
  );
  assert.equal(cached.length, Object.keys(manifest.files).length);
  for (const p of [
    "/",
    "/main.js",
    "/worker.js",
    "/pkg/civic_pulse_bg.wasm",
    "/data/catalog.json",
    "/data/claims.arrow",
    "/vendor/plot.js",
  ])
    assert.ok(cached.includes(p), p);

  // Network off: the whole report from the cache.
  await context.setOffline(true);
  const res = await page.reload();
  assert.ok(res.fromServiceWorker());
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  assert.deepEqual(await unrendered(page), []);
  assert.equal(await page.locator("main figure.chart[data-chart]").count(), CHARTS.length);
  // One card per key finding (www/text/findings.js; issue 12 asks for 3-5).
  assert.equal(await page.locator("#overview .headlines .card").count(), FINDINGS.length);
  await page.screenshot({ path: "test-results/offline/sw-offline-reload.png" });
  // A toggle (the module in the worker, from the cache).
  await page.locator('#chart-sg-stl input[value="components"]').check({ force: true });
  await page.waitForFunction(
    () =>
      document.querySelectorAll("#chart-sg-stl .plot svg g[aria-label='text'] text").length >= 4,
  );

  // A new build: site.css changes, the manifest names a new build.
  await context.setOffline(false);
  const css = readFileSync(join(root, "www/site.css"), "utf8") + "\n/* build 2 */\n";
  writeFileSync(join(root, "www/site.css"), css);
  const files = { ...manifest.files, "site.css": createHash("sha256").update(css).digest("hex") };
  const build2 = createHash("sha256").update(JSON.stringify(files)).digest("hex").slice(0, 16);
  writeFileSync(join(root, "www/build-manifest.json"), JSON.stringify({ build: build2, files }));
  await page.reload(); // served from build 1; the navigation makes the worker fetch build 2
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  await waitForBuild(page, build2);
  assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [
    "civic-pulse-" + build2,
    "civic-pulse-meta",
  ]);
  await page.reload();
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  assert.match(await page.evaluate(() => fetch("site.css").then((r) => r.text())), /build 2/);
  // And offline again, on the new build.
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  assert.deepEqual(await unrendered(page), []);
  assert.match(await page.evaluate(() => fetch("site.css").then((r) => r.text())), /build 2/);

  assert.deepEqual(seen.errors, []);
  assert.deepEqual([...seen.hosts], ["127.0.0.1"]);
  await context.close();
});
