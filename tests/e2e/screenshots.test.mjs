// Full-page screenshots at 375 px and 1280 px, in Chinese and English (and dark mode), written
// to test-results/screenshots/ for people to look at; the test checks the layout does not
// overflow horizontally (nothing wider than the phone screen).

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
  [375, "zh", "light"],
  [375, "en", "light"],
  [1280, "zh", "light"],
  [1280, "en", "light"],
  [375, "zh", "dark"],
  [1280, "en", "dark"],
];
for (const [width, lang, scheme] of CASES) {
  test(`screenshot ${width}px ${lang} ${scheme}`, async () => {
    const { page, seen, context } = await openReport(browser, server, {
      width,
      height: 800,
      hash: `#lang=${lang}`,
      colorScheme: scheme,
    });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the ${width}px viewport`);
    const name = `${DIR}/report-${width}-${lang}${scheme === "dark" ? "-dark" : ""}.png`;
    await page.screenshot({ path: name, fullPage: true });
    // The first screen on its own, easier to look at.
    await page.screenshot({ path: name.replace(".png", "-top.png") });
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}
