// Issue 14's large file in the page: a 10M-row, 160 MB tidy Arrow file (bench/gen.mjs) opened
// in the own-file panel and analysed for every entity over the workers, with progress and Cancel;
// reports the times and the WASM memory of the engine and of each worker. Slow (minutes), so it
// runs only with CP_LARGE=1:  CP_LARGE=1 node --test tests/e2e/own-file-large.test.mjs
// (the file is written to test-results/own-10m.arrow first if it is not there).

import assert from "node:assert/strict";
import { closeSync, existsSync, openSync, statSync, writeFileSync, writeSync } from "node:fs";
import { test } from "node:test";
import { generate } from "../../bench/gen.mjs";
import { openReport, serveAndLaunch } from "./harness.mjs";

const PATH = "test-results/own-10m.arrow";
const large = process.env.CP_LARGE === "1";
const env = large ? serveAndLaunch() : null;

test("10M rows: opened, every entity analysed with progress, then cancelled mid-way", {
  skip: !large,
  timeout: 1_800_000,
}, async () => {
  if (!existsSync(PATH)) writeFileSync(PATH, generate(10_000_000));
  const size = statSync(PATH).size;
  const { page, seen, context } = await openReport(env.browser, env.server);
  await page.evaluate(() => {
    Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => 2 });
  });
  let t = Date.now();
  await page.locator("#own-file").setInputFiles(PATH);
  await page.waitForSelector("#own-panel .own-result[data-state=done]", { timeout: 1_200_000 });
  const openMs = Date.now() - t;
  assert.match(await page.locator("#own-panel .status").textContent(), /10000000 行|10,000,000 行/);
  t = Date.now();
  await page.locator("#own-panel button.own-all-run").click();
  await page.waitForFunction(
    () => document.querySelector("#own-panel .own-all-bar")?.value > 0,
    null,
    {
      timeout: 1_200_000,
    },
  );
  const firstProgressMs = Date.now() - t;
  await page.waitForSelector("#own-panel .own-all-host[data-state=done]", { timeout: 1_200_000 });
  const allMs = Date.now() - t;
  const memory = JSON.parse(
    await page.locator("#own-panel .own-all-host").getAttribute("data-wasm-memory"),
  );
  const text = await page.locator("#own-panel .own-all-text").textContent();
  assert.match(text, /50 个实体，2 个工作线程/);
  const peak = memory.engine + memory.workers.reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({ size, openMs, firstProgressMs, allMs, memory, peakOverFile: peak / size }),
  );
  // Issue 14's budget: peak WASM memory at most 2× the file. The slices are columns cut from
  // the engine's decoded file, so the on-demand module (sliceIpc) is never loaded for them.
  assert.equal(memory.engineModules.extra, 0, "the on-demand module holds no copy of the file");
  assert.ok(peak <= 2 * size, `peak WASM memory ${peak} B > 2 × the file (${size} B)`);
  // Cancel on the same file: the workers stop, the panel says so.
  await page.locator("#own-panel button.own-all-run").click();
  await page.waitForSelector("#own-panel .own-all-cancel");
  await page.locator("#own-panel button.own-all-cancel").click({ force: true });
  await page.waitForSelector("#own-panel .own-all-host[data-state=cancelled]", {
    timeout: 120_000,
  });
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("a file above 256 MiB is refused from its size, with its size and the limit named", {
  skip: !large,
  timeout: 300_000,
}, async () => {
  // A sparse 300 MiB file that starts like Arrow (the page checks the first bytes).
  const path = "test-results/own-300mib.arrow";
  const fd = openSync(path, "w");
  writeSync(fd, Buffer.from("ARROW1\0\0"));
  writeSync(fd, Buffer.from([0]), 0, 1, 300 * 2 ** 20 - 1);
  closeSync(fd);
  const { page, seen, context } = await openReport(env.browser, env.server);
  await page.locator("#own-file").setInputFiles(path);
  const alert = page.locator("#own-panel [role=alert]");
  await alert.waitFor({ timeout: 60_000 });
  assert.match(await alert.textContent(), /too_large: .*300 MB.*256 MB/);
  // Refused from File.size (own.js), so the file never reached the engine: no "read" status.
  assert.doesNotMatch(await page.locator("#own-panel .status").textContent(), /已读取|Read /);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
