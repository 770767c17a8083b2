// Issue 14 in the single-file offline report (dist/, tools/offline.mjs), opened from disk with no
// network: the analysis of every entity falls back to the engine (its Blob worker, or the main
// thread when workers are refused) and gives the same per-entity table as the served page.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { DateDay, Float64, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { launch, watch } from "./harness.mjs";

const FILE = resolve("dist/civic-pulse-report.html");
let browser;
before(async () => {
  if (!existsSync(FILE))
    execFileSync(process.execPath, ["tools/offline.mjs"], { stdio: "inherit" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function file() {
  const date = [];
  const entity = [];
  const value = [];
  for (let e = 0; e < 6; e++)
    for (let m = 0; m < 36; m++) {
      date.push(new Date(Date.UTC(2020, m, 1)));
      entity.push(`E${e}`);
      value.push(100 + e + m + 10 * Math.sin((2 * Math.PI * m) / 12) + ((e + m) % 3));
    }
  return Buffer.from(
    tableToIPC(
      new Table({
        date: vectorFromArray(date, new DateDay()),
        entity: vectorFromArray(entity, new Utf8()),
        value: vectorFromArray(value, new Float64()),
      }),
      "file",
    ),
  );
}

for (const noWorker of [false, true]) {
  test(`offline report, ${noWorker ? "workers refused (main thread)" : "Blob worker"}: every entity analysed`, async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
    await context.route(
      (u) => u.protocol !== "file:",
      (r) => r.abort(),
    );
    if (noWorker)
      await context.addInitScript(() => {
        window.Worker = () => {
          throw new DOMException("workers refused", "SecurityError");
        };
      });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(pathToFileURL(FILE).href);
    await page.waitForSelector("html[data-ready=true]", { timeout: 90_000 });
    assert.equal(
      await page.getAttribute("html", "data-engine"),
      noWorker ? "main-thread" : "worker",
    );
    await page.locator("#own-file").setInputFiles({
      name: "six.arrow",
      mimeType: "application/vnd.apache.arrow.file",
      buffer: file(),
    });
    await page.waitForSelector("#own-panel .own-result[data-state=done]", { timeout: 60_000 });
    await page.locator("#own-panel button.own-all-run").click();
    await page.waitForSelector("#own-panel .own-all-host[data-state=done]", { timeout: 60_000 });
    const rows = await page
      .locator("#own-panel .own-all-host table tbody tr td:first-child")
      .allTextContents();
    assert.deepEqual(rows, ["E0", "E1", "E2", "E3", "E4", "E5"]);
    const ss = await page
      .locator("#own-panel .own-all-host table tbody tr td:nth-child(7)")
      .allTextContents();
    assert.ok(
      ss.every((x) => Number(x) > 0.5 && Number(x) <= 1),
      ss.join(),
    );
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}
