// Issue 14 on the page: the own-file analysis of every entity runs in more than one Web Worker when
// the browser reports ≥ 2 cores, shows one progress bar, can be cancelled (the workers end) and
// leaves the page responsive (a click handler runs while the analysis is going).

import assert from "node:assert/strict";
import { test } from "node:test";
import { DateDay, Float64, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { openReport, serveAndLaunch } from "./harness.mjs";
import { panelViolations } from "./own-file-axe.mjs";

const env = serveAndLaunch();

/** `entities` × `months` monthly rows with a seasonal wave; deterministic. */
function file(entities, months) {
  const n = entities * months;
  const date = new Array(n);
  const entity = new Array(n);
  const value = new Float64Array(n);
  let i = 0;
  for (let e = 0; e < entities; e++)
    for (let m = 0; m < months; m++, i++) {
      date[i] = new Date(Date.UTC(2000, m, 1));
      entity[i] = `城市${e}`;
      value[i] = 100 + e + m * 0.5 + 10 * Math.sin((2 * Math.PI * m) / 12) + ((e * 7 + m) % 5);
    }
  const t = new Table({
    date: vectorFromArray(date, new DateDay()),
    entity: vectorFromArray(entity, new Utf8()),
    value: vectorFromArray(value, new Float64()),
  });
  return Buffer.from(tableToIPC(t, "file"));
}

async function open(cores, buffer) {
  const env2 = await openReport(env.browser, env.server);
  const { page } = env2;
  // A browser reporting `cores` cores; own-slice workers are counted as they start and end.
  await page.evaluate((c) => {
    Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => c });
  }, cores);
  env2.slices = { started: 0, closed: 0 };
  page.on("worker", (w) => {
    if (!w.url().endsWith("/own-slice-worker.js")) return;
    env2.slices.started++;
    w.on("close", () => env2.slices.closed++);
  });
  await page.locator("#own-file").setInputFiles({
    name: "cities.arrow",
    mimeType: "application/vnd.apache.arrow.file",
    buffer,
  });
  await page.waitForSelector("#own-panel .own-result[data-state=done]", { timeout: 60_000 });
  return env2;
}

test("every entity over 4 workers: one progress bar, results for each entity", async () => {
  const { page, seen, context, slices } = await open(4, file(40, 36));
  const panel = page.locator("#own-panel");
  await panel.locator("button.own-all-run").click();
  await page.waitForSelector("#own-panel .own-all-host[data-state=done]", { timeout: 60_000 });
  assert.equal(slices.started, 4);
  const fig = panel.locator(".own-all-host figure");
  assert.match(await fig.locator(".own-all-text").textContent(), /40 个实体，4 个工作线程/);
  const rows = await fig.locator("table tbody tr").count();
  assert.equal(rows, 40);
  // Each entity's seasonal strength is the one the single-entity view computes for it.
  const first = await fig
    .locator("table tbody tr")
    .first()
    .evaluate((tr) => [...tr.children].map((td) => td.textContent));
  assert.equal(first[0], "城市0");
  assert.equal(first[1], "36");
  await panel.locator("select").nth(2).selectOption("城市0");
  await panel.locator("button.run").first().click();
  await page.waitForFunction(() =>
    /城市0/.test(document.querySelector("#own-panel .own-result h3")?.textContent ?? ""),
  );
  const desc = await panel
    .locator(".own-result figure")
    .nth(1)
    .locator(".description")
    .textContent();
  const ss = Number(first[6]).toFixed(2);
  assert.ok(desc.includes(`季节强度${ss}`), `${desc} vs ${ss}`);
  await fig.screenshot({ path: "test-results/own-all-entities.png" });
  assert.deepEqual(await panelViolations(page), []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("one core: one worker; progress, a responsive page, and Cancel ends the workers", async () => {
  const one = await open(1, file(20, 24));
  await one.page.locator("#own-panel button.own-all-run").click();
  await one.page.waitForSelector("#own-panel .own-all-host[data-state=done]", { timeout: 60_000 });
  assert.equal(one.slices.started, 1);
  await one.context.close();

  // Heavy enough to be caught running: 4,000 entities × 240 months (960,000 rows), period 60
  // (STL's trend window grows with the period).
  const { page, seen, context, slices } = await open(2, file(4000, 240));
  await page.evaluate(() => {
    const b = document.createElement("button");
    b.id = "probe";
    b.textContent = "probe";
    b.addEventListener("click", (e) => {
      window.probe = document.querySelector("#own-panel .own-all-host")?.dataset.state;
      // From the input event's creation to its handler: the main thread's delay.
      window.probeDelay = performance.now() - e.timeStamp;
    });
    document.body.append(b);
    window.longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries())
        window.longTasks.push(`${Math.round(e.startTime)}+${Math.round(e.duration)}`);
    }).observe({ type: "longtask" });
  });
  // Idle baseline of the same measure, on this (shared, loaded) machine.
  await page.locator("#probe").click();
  const idle = await page.evaluate(() => window.probeDelay);
  await page.locator("#own-panel input[type=number]").fill("60");
  const tStart = await page.evaluate(() => performance.now());
  await page.locator("#own-panel button.own-all-run").click();
  await page.waitForFunction(
    () => document.querySelector("#own-panel .own-all-bar")?.value > 0,
    null,
    { timeout: 60_000 },
  );
  await page.locator("#probe").click();
  assert.equal(await page.evaluate(() => window.probe), "running", "handler ran mid-analysis");
  const delay = await page.evaluate(() => window.probeDelay);
  console.log(`input delay: idle ${idle} ms, during the analysis ${delay} ms`);
  console.log(
    `long tasks (start+ms) since ${Math.round(tStart)}: ${await page.evaluate(() => window.longTasks.join(" "))}`,
  );
  assert.ok(delay >= 0 && delay < 1000, `click handled ${delay} ms after the input event`);
  assert.equal(slices.started, 2);
  const progress = await page.locator("#own-panel .own-all-text").textContent();
  assert.match(progress, /正在分析 \d+\/4000 个实体（2 个工作线程）/);
  await page.screenshot({
    path: "test-results/own-all-progress.png",
    clip: await page.locator("#own-panel .own-all-host").boundingBox(),
  });
  await page.locator("#own-panel button.own-all-cancel").click({ force: true });
  await page.waitForSelector("#own-panel .own-all-host[data-state=cancelled]");
  assert.match(await page.locator("#own-panel .own-all-host").textContent(), /cancelled/);
  for (let i = 0; i < 50 && slices.closed < 2; i++) await page.waitForTimeout(100);
  assert.equal(slices.closed, 2, "Cancel terminated both workers");
  // Cancel while the engine is still splitting the file (before any worker starts) works too.
  await page.locator("#own-panel button.own-all-run").click();
  await page.locator("#own-panel button.own-all-cancel").click({ force: true });
  await page.waitForSelector("#own-panel .own-all-host[data-state=cancelled]");
  await page.waitForTimeout(3000); // the dropped split returns; no workers start from it
  assert.equal(slices.started, slices.closed);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
