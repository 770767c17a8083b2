// Tests that look (issue 12): every chart of the report at a phone and a desktop width, in
// Chinese and English, in the light and the dark colour scheme, measured as the browser lays it
// out (look/inpage.mjs): no overlapping text, no text outside its SVG, no text under 11 px, every
// mark at least 3:1 against the figure's background, no text in the other language outside an
// element marked with that language. In the light scheme every other option of each toggle is
// measured too (a chart's other views are charts as well). Each case also writes a screenshot of every chart (light
// scheme) to test-results/look/<width>-<lang>/ for a person to look at, and all counts to
// test-results/look/counts.{json,md}.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { after, test } from "node:test";
import { serveAndLaunch } from "./harness.mjs";
import {
  CATEGORIES,
  countsTable,
  measure,
  measureToggles,
  offenders,
  openLook,
} from "./look/measure.mjs";

const DIR = "test-results/look";
const env = serveAndLaunch();
const results = {};

after(() => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(`${DIR}/counts.json`, `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(`${DIR}/counts.md`, `${countsTable(results)}\n`);
});

const RULES = {
  overlaps: "no two text boxes overlap (1 px allowed)",
  outside: "no SVG text outside its SVG's box",
  undersized: "no text under 11 px as rendered",
  lowContrast: "every mark ≥ 3:1 against the figure background",
  untranslated: "no text in the other language outside lang-marked elements",
};

for (const width of [390, 1280]) {
  for (const lang of ["zh", "en"]) {
    for (const scheme of ["light", "dark"]) {
      const name = `${width}-${lang}-${scheme}`;
      test(`look ${name}`, async (t) => {
        const { context, page, errors } = await openLook(env.browser, env.server, {
          width,
          lang,
          scheme,
        });
        try {
          // The page as it opens (and its screenshots), then every other toggle option: in the
          // light scheme only, which keeps the file within its time (the dark scheme changes
          // colours, measured on every chart's default view).
          let r = await measure(page, lang);
          if (scheme === "light") {
            await screenshots(page, `${DIR}/${width}-${lang}`);
            r = await measureToggles(page, lang, r);
          }
          results[name] = { totals: r.totals, counts: r.counts };
          await t.test("every chart is drawn", () => {
            assert.ok(r.charts.length > 0, "no figure[data-chart] on the page");
            const empty = r.charts.filter((c) => !c.drawn).map((c) => c.id);
            assert.deepEqual(empty, [], `charts without SVG text: ${empty.join(", ")}`);
            assert.deepEqual(errors, []);
          });
          // Language does not depend on the colour scheme: checked once per width and language.
          const cats = CATEGORIES.filter((k) => k !== "untranslated" || scheme === "light");
          for (const k of cats) {
            await t.test(RULES[k], () => {
              assert.equal(r.totals[k], 0, offenders(r, k));
            });
          }
        } finally {
          await context.close();
        }
      });
    }
  }
}

/** One PNG per chart, numbered in reading order. */
async function screenshots(page, dir) {
  mkdirSync(dir, { recursive: true });
  const figs = page.locator("figure[data-chart]");
  const n = await figs.count();
  for (let i = 0; i < n; i++) {
    const fig = figs.nth(i);
    const id = await fig.getAttribute("data-chart");
    await fig.screenshot({ path: `${dir}/${String(i + 1).padStart(2, "0")}-${id}.png` });
  }
}
