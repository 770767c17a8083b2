// Smoke test of the served page: the WASM module reads a real snapshot and the chart is drawn
// from its output, with no console error and no request to any host but 127.0.0.1.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { test } from "node:test";
import { serveAndLaunch, watch } from "./harness.mjs";

const env = serveAndLaunch();

test("the page draws the 12306 chart from WASM output", async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const seen = watch(page);
  await page.goto(env.server.url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
  const fig = page.locator("#chart-railway-12306-monthly");
  assert.equal(await fig.getAttribute("data-rendered"), "true");
  // The line is drawn: Plot's path has one vertex per month (48).
  const d = await fig.locator("svg [stroke-dasharray] path").first().getAttribute("d");
  assert.ok(
    d && d.split(/[LM]/).filter(Boolean).length >= 48,
    `path has too few points: ${d?.slice(0, 80)}`,
  );
  // The published Sep-2023 peak is labelled with the value read from the snapshot (11900万 = 1.19亿).
  assert.match(await fig.locator("svg").textContent(), /1\.19亿/);
  assert.match(await fig.locator(".chart-title").textContent(), /12306/);
  assert.match(await fig.locator(".description").textContent(), /2023年9月达到峰值1\.19亿/);
  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: "test-results/smoke-1280.png", fullPage: true });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual([...seen.hosts], ["127.0.0.1"]);
});
