// Controls that keep your place (issue 12): every chart's toggle group is reachable with Tab
// and operable with the arrow keys, and the focus stays on the toggle while its chart redraws;
// a toggle changed on one chart does not outlive a move to another section in the URL, and that
// URL opens on the section chosen.

import assert from "node:assert/strict";
import { test } from "node:test";
import { serveAndLaunch } from "./harness.mjs";
import { focusGroup, focusInfo, listGroups, settled } from "./look/controls.mjs";
import { openLook } from "./look/measure.mjs";

const env = serveAndLaunch();
const open = () =>
  openLook(env.browser, env.server, { width: 1280, lang: "zh", scheme: "light", height: 800 });
const name = (g) => `${g.chart}#${g.index} "${g.legend}"`;

test("keyboard: every toggle group is a Tab stop", async () => {
  const { context, page } = await open();
  try {
    const groups = await page.evaluate(listGroups);
    assert.ok(groups.length > 0, "no toggle groups on the page");
    await page.evaluate(() => document.activeElement?.blur());
    // Tab through the whole page once: stop when the focus leaves the page or comes back round.
    const reached = new Set();
    await page.evaluate(() => {
      window.__lookSeen = new WeakSet();
    });
    for (let i = 0; i < 3000; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(`(() => {
        const a = document.activeElement;
        if (!a || a === document.body) return "out";
        if (window.__lookSeen.has(a)) return "again";
        window.__lookSeen.add(a);
        return (${focusInfo})();
      })()`);
      if (typeof f === "string") break;
      if (f.chart) reached.add(`${f.chart}#${f.index}`);
    }
    const missing = groups.filter((g) => !reached.has(`${g.chart}#${g.index}`)).map(name);
    assert.deepEqual(missing, [], `toggle groups Tab never reaches: ${missing.join(", ")}`);
  } finally {
    await context.close();
  }
});

test("keyboard: ArrowRight walks every toggle group's options and keeps the focus", async () => {
  const { context, page } = await open();
  try {
    const groups = await page.evaluate(listGroups);
    assert.ok(groups.length > 0, "no toggle groups on the page");
    const failures = [];
    for (const g of groups) {
      if (!(await page.evaluate(focusGroup, g))) {
        failures.push(`${name(g)}: cannot be focused`);
        continue;
      }
      // Round every option once from the checked one, one ArrowRight at a time (radio groups
      // wrap from the last option to the first).
      const n = g.options.length;
      const from = Math.max(0, g.checked);
      for (let step = 1; step < n; step++) {
        await page.keyboard.press("ArrowRight");
        await page.evaluate(settled);
        const at = (from + step) % n;
        const now = (await page.evaluate(listGroups)).find(
          (x) => x.chart === g.chart && x.index === g.index,
        );
        const f = await page.evaluate(focusInfo);
        const want = g.options[at];
        if (now?.checked !== at) {
          failures.push(
            `${name(g)}: ArrowRight to "${want}" left "${now?.options[now.checked] ?? "?"}" checked`,
          );
          break;
        }
        if (f.chart !== g.chart || f.index !== g.index || f.option !== at) {
          failures.push(
            `${name(g)}: after ArrowRight to "${want}" and the redraw the focus is on ` +
              (f.chart ? `${f.chart}#${f.index} option ${f.option}` : `<${f.tag}>`),
          );
          break;
        }
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${groups.length} toggle groups fail`);
  } finally {
    await context.close();
  }
});

test("permalink: choosing a section after a toggle drops the stale chart and opens there", async () => {
  const problems = [];
  const { context, page } = await open();
  let url;
  try {
    const g = (await page.evaluate(listGroups)).find((x) => x.options.length > 1);
    assert.ok(g, "no toggle group with two options");
    // Click the first option that is not checked (its label: native radios may be hidden).
    const target = await page.evaluateHandle(
      ({ chart, index, checked }) => {
        const GROUP = "fieldset.toggle, [role=radiogroup]";
        const fig = document.querySelector(`figure[data-chart="${CSS.escape(chart)}"]`);
        const grp = [...fig.querySelectorAll(GROUP)].filter((x) => !x.parentElement.closest(GROUP))[
          index
        ];
        const opts = [...grp.querySelectorAll("input[type=radio], [role=radio]")];
        const o = opts[checked === 0 ? 1 : 0];
        return o.closest("label") ?? o;
      },
      { chart: g.chart, index: g.index, checked: g.checked },
    );
    await target.click();
    await page.evaluate(settled);
    await page.locator('nav a[href*="claims"]:visible').first().click();
    await page.evaluate(settled);
    url = page.url();
    const u = new URL(url);
    const params = new URLSearchParams(`${u.search.slice(1)}&${u.hash.slice(1)}`);
    if (params.get("chart") === g.chart) problems.push(`the URL keeps the stale chart: ${url}`);
    if (!/claims/.test(url)) problems.push(`the URL does not name the claims section: ${url}`);
  } finally {
    await context.close();
  }
  const context2 = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page2 = await context2.newPage();
    await page2.goto(url);
    await page2.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
    await page2.evaluate(settled);
    const where = await page2.evaluate(() => {
      // The section under a line 30% down the viewport is the one the reader sees first.
      const y = innerHeight * 0.3;
      const secs = [...document.querySelectorAll("main section[id]")];
      return secs.find((s) => {
        const r = s.getBoundingClientRect();
        return r.top <= y && r.bottom > y;
      })?.id;
    });
    if (where !== "claims") problems.push(`opening it lands on section "${where}", not "claims"`);
  } finally {
    await context2.close();
  }
  assert.deepEqual(problems, []);
});
