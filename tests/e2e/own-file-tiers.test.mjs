// Issue 16, "same analyses": a reader's CSV with city tiers gets tier shares and TGI against a
// baseline the reader picks (another metric of the file, or another numeric column), with a
// chart, a table and a CSV download. Expected numbers are computed here from the fixture.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { openReport, serveAndLaunch } from "./harness.mjs";
import { panelViolations } from "./own-file-axe.mjs";

const env = serveAndLaunch();

const TIERS = ["五线及以下", "一线城市", "三线城市", "二线城市", "四线城市"]; // not in tier order
const ORDER = ["一线城市", "二线城市", "三线城市", "四线城市", "五线及以下"];
const USERS = { 一线城市: 52, 二线城市: 61, 三线城市: 47, 四线城市: 23, 五线及以下: 17 }; // 万
const PEOPLE = { 一线城市: 8, 二线城市: 21, 三线城市: 30, 四线城市: 24, 五线及以下: 17 }; // 千万

/** Long CSV: 月份, 城市级别, 指标 (用户数 / 人口), 数值 — 24 months, the last month as above. */
function fixture() {
  const lines = ["月份,城市级别,指标,数值"];
  for (let m = 0; m < 24; m++) {
    const d = `${2022 + Math.floor(m / 12)}年${(m % 12) + 1}月`;
    for (const t of TIERS) {
      const k = ORDER.indexOf(t);
      const u = m === 23 ? USERS[t] : 20 + k + (m % 12);
      const p = m === 23 ? PEOPLE[t] : 10 + k;
      lines.push(`${d},${t},用户数,${u}`, `${d},${t},人口,${p}`);
    }
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`);
}

/** Whether the form's metric field (label 指标) takes space on the page. */
function metricFieldShown(page) {
  return page.evaluate(() => {
    const f = [...document.querySelectorAll("#own-panel label.field")].find(
      (l) => l.firstChild?.textContent === "指标",
    );
    return Boolean(f && f.offsetHeight > 0);
  });
}

function expected(seg, base) {
  const s = ORDER.map((t) => seg[t]);
  const b = ORDER.map((t) => base[t]);
  const ss = s.reduce((a, x) => a + x, 0);
  const bs = b.reduce((a, x) => a + x, 0);
  return ORDER.map((t, i) => ({
    tier: t,
    share: (100 * s[i]) / ss,
    base: (100 * b[i]) / bs,
    tgi: (100 * (s[i] / ss)) / (b[i] / bs),
  }));
}

test("tier shares and TGI against another metric of the file: chart, table, download", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  await page
    .locator("#own-file")
    .setInputFiles({ name: "城市级别.csv", mimeType: "text/csv", buffer: fixture() });
  await page.waitForSelector("#own-panel .own-result[data-state=done]", { timeout: 30_000 });
  const panel = page.locator("#own-panel");
  // 指标 is the metric column: the analysis keeps 用户数, and 人口 is offered as the baseline.
  assert.equal(await metricFieldShown(page), true);
  const options = await panel.locator("select.own-baseline option").allTextContents();
  assert.deepEqual(options, ["无", "指标: 人口"]);
  const tierFig = panel.locator(".own-result figure").nth(2);
  assert.match(await tierFig.locator("h3").textContent(), /城市级别 · 2023-12-01/);
  // Without a baseline: shares only, in tier order.
  assert.equal(await tierFig.locator(".own-tgi").count(), 0);
  await panel.locator("select.own-baseline").selectOption({ label: "指标: 人口" });
  await panel.locator("button.run").first().click();
  await page.waitForFunction(
    () => document.querySelectorAll("#own-panel .own-result .own-tgi svg").length === 1,
  );
  const rows = await tierFig
    .locator("table tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const want = expected(USERS, PEOPLE);
  assert.equal(rows.length, 5);
  rows.forEach((r, i) => {
    assert.ok(r[0].startsWith(want[i].tier.replace("城市", "").slice(0, 2)), `${r[0]} ${i}`);
    const num = (s) => Number(s.replaceAll(",", ""));
    assert.equal(num(r[1]), USERS[want[i].tier]);
    assert.ok(Math.abs(num(r[2]) - want[i].share) < 1e-4, `share ${r[2]}`);
    assert.equal(num(r[3]), PEOPLE[want[i].tier]);
    assert.ok(Math.abs(num(r[4]) - want[i].base) < 1e-4, `base ${r[4]}`);
    assert.ok(Math.abs(num(r[5]) - want[i].tgi) < 1e-4, `tgi ${r[5]} vs ${want[i].tgi}`);
  });
  // 一线: 52/200 over 8/100 = 325; 五线: 17/200 over 17/100 = 50.
  assert.equal(rows[0][5], "325");
  assert.equal(rows[4][5], "50");
  // The TGI chart has one bar per tier.
  assert.equal((await tierFig.locator(".own-tgi svg rect").count()) >= 5, true);
  // The download is the table as CSV.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    tierFig.locator("button.own-tier-download").click(),
  ]);
  assert.equal(download.suggestedFilename(), "own-tiers.csv");
  const text = readFileSync(await download.path(), "utf8");
  const lines = text.trim().split(/\r\n/);
  assert.equal(lines.length, 6);
  assert.match(lines[0], /城市级别,数值,占比 %,人口,基准占比 %,TGI/);
  assert.match(lines[1], /^一线.*,52,26,8,8,325$/);
  await tierFig.screenshot({ path: "test-results/own-tiers-tgi.png" });
  assert.deepEqual(await panelViolations(page), []);
  // English re-labels the baseline and the table.
  await page.locator("#lang-switch").click();
  await page.waitForFunction(() =>
    /Baseline: 人口/.test(document.querySelector("#own-panel .own-result")?.textContent ?? ""),
  );
  assert.deepEqual(seen.errors, []);
  assert.deepEqual([...seen.hosts], ["127.0.0.1"]);
  await context.close();
});

test("TGI against another numeric column of an Arrow-like wide layout", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  const lines = ["月份,城市级别,用户数,人口"];
  for (let m = 0; m < 24; m++)
    for (const t of ORDER)
      lines.push(
        `2022-${String((m % 12) + 1).padStart(2, "0")}-01`.replace(
          "2022",
          String(2022 + Math.floor(m / 12)),
        ) + `,${t},${m === 23 ? USERS[t] : 30},${m === 23 ? PEOPLE[t] : 10}`,
      );
  await page.locator("#own-file").setInputFiles({
    name: "cols.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${lines.join("\n")}\n`),
  });
  await page.waitForSelector("#own-panel .own-result[data-state=done]", { timeout: 30_000 });
  const panel = page.locator("#own-panel");
  // No metric column: the metric field is not shown (it was, empty, before).
  assert.equal(await metricFieldShown(page), false);
  await panel.locator("select.own-baseline").selectOption({ label: "列: 人口" });
  await panel.locator("button.run").first().click();
  await page.waitForFunction(
    () => document.querySelectorAll("#own-panel .own-result .own-tgi svg").length === 1,
  );
  const tgi = await panel
    .locator(".own-result figure")
    .nth(2)
    .locator("table tbody tr td:nth-child(6)")
    .allTextContents();
  assert.deepEqual(
    tgi,
    expected(USERS, PEOPLE).map((r) =>
      new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 }).format(r.tgi),
    ),
  );
  assert.deepEqual(seen.errors, []);
  await context.close();
});
