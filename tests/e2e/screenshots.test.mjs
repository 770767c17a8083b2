// Full-page screenshots at 390 x 844 (a phone) and 1280 x 800, in Chinese and English (and dark
// mode), written to test-results/screenshots/ for people to look at. The test checks the layout
// does not overflow horizontally, and that the story comes first: the key findings and the key
// chart start on the first screen, without scrolling (issue 12).

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { launch, openReport, startServer } from "./harness.mjs";

const DIR = "test-results/screenshots";
let server, browser;
before(async () => {
  mkdirSync(DIR, { recursive: true });
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const CASES = [
  [390, "zh", "light"],
  [390, "en", "light"],
  [1280, "zh", "light"],
  [1280, "en", "light"],
  [390, "zh", "dark"],
  [390, "en", "dark"],
  [1280, "zh", "dark"],
  [1280, "en", "dark"],
];
const HEIGHT = { 390: 844, 1280: 800 };
for (const [width, lang, scheme] of CASES) {
  test(`screenshot ${width}px ${lang} ${scheme}`, async () => {
    const { page, seen, context } = await openReport(browser, server, {
      width,
      height: HEIGHT[width],
      hash: `#lang=${lang}`,
      colorScheme: scheme,
    });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the ${width}px viewport`);
    // The story first: every key finding and the top of the key chart on the first screen.
    await page.evaluate(() => window.scrollTo(0, 0));
    const fold = await page.evaluate(() => ({
      findings: [...document.querySelectorAll("#overview .headlines .card")].map(
        (c) => c.getBoundingClientRect().bottom,
      ),
      chart: document.querySelector("#overview figure.chart .plot svg")?.getBoundingClientRect()
        .top,
    }));
    assert.ok(fold.findings.length >= 3, "key findings");
    for (const b of fold.findings) assert.ok(b <= HEIGHT[width], `a finding ends at ${b}px`);
    assert.ok(fold.chart < HEIGHT[width], `the key chart starts at ${fold.chart}px`);
    const name = `${DIR}/report-${width}-${lang}${scheme === "dark" ? "-dark" : ""}.png`;
    await page.screenshot({ path: name, fullPage: true });
    // The first screen on its own, easier to look at.
    await page.screenshot({ path: name.replace(".png", "-top.png") });
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}
