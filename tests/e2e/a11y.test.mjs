// axe-core scan of the whole report (both languages, light and dark): no serious or critical
// violation. axe is injected through the DevTools protocol (page.evaluate), which the page's
// CSP does not govern, so the page is tested with its real CSP.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { openReport, serveAndLaunch } from "./harness.mjs";

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);
const env = serveAndLaunch();

for (const [lang, scheme] of [
  ["zh", "light"],
  ["en", "dark"],
]) {
  test(`axe: no serious or critical violations (${lang}, ${scheme})`, async () => {
    const { page, seen, context } = await openReport(env.browser, env.server, {
      hash: `#lang=${lang}`,
      colorScheme: scheme,
    });
    // Open every data table so that they are scanned too.
    await page.$$eval("details.data", (ds) => {
      for (const d of ds) d.open = true;
    });
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        resultTypes: ["violations"],
        runOnly: {
          type: "tag",
          values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
      }),
    );
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    const report = bad
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(" "))
            .join(" | ")}`,
      )
      .join("\n");
    assert.equal(bad.length, 0, report);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

test("axe: an embed page (data table open) and the report's embed-code panel", async () => {
  const context = await env.browser.newContext({ viewport: { width: 700, height: 900 } });
  const page = await context.newPage();
  const run = async () => {
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        resultTypes: ["violations"],
        runOnly: {
          type: "tag",
          values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
      }),
    );
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(" "))
            .join(" | ")}`,
      );
  };
  await page.goto(`${env.server.url}embed/en/jg-tiers.html?theme=dark`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  await page.$$eval("details.data", (ds) => {
    for (const d of ds) d.open = true;
  });
  assert.deepEqual(await run(), []);
  await page.goto(env.server.url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  await page.locator("#chart-jg-trend button.embed-code").click();
  await page.locator("#chart-jg-trend .embed-panel textarea").first().waitFor();
  assert.deepEqual(await run(), []);
  await context.close();
});
