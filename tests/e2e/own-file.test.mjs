// Section 9: the reader's own Arrow file — a good file, a corrupt file, and a file whose
// strings are HTML/script (rendered as text; nothing executes; the rest of the page keeps working).

import assert from "node:assert/strict";
import { test } from "node:test";
import { DateDay, Float64, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { openReport, serveAndLaunch } from "./harness.mjs";

function monthly(entities, n = 36) {
  const date = [];
  const entity = [];
  const value = [];
  entities.forEach((e, k) => {
    for (let i = 0; i < n; i++) {
      date.push(new Date(Date.UTC(2021, i, 1)));
      entity.push(e);
      value.push((100 + 10 * k) * (1 + 0.01 * i) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12)));
    }
  });
  return { date, entity, value };
}

function ipc({ date, entity, value }, names = { date: "date", entity: "entity", value: "value" }) {
  const t = new Table({
    [names.date]: vectorFromArray(date, new DateDay()),
    [names.entity]: vectorFromArray(entity, new Utf8()),
    [names.value]: vectorFromArray(value, new Float64()),
  });
  return Buffer.from(tableToIPC(t, "file"));
}

const env = serveAndLaunch();

async function upload(page, name, buffer) {
  await page
    .locator("#own-file")
    .setInputFiles({ name, mimeType: "application/vnd.apache.arrow.file", buffer });
}

test("a good file: growth, STL and a tier breakdown", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  await upload(page, "tiers.arrow", ipc(monthly(["一线城市", "四线城市", "五线城市及以下"])));
  await page.waitForSelector("#own-panel .own-result[data-state=done]");
  const panel = page.locator("#own-panel");
  assert.match(await panel.locator(".status").textContent(), /tiers\.arrow：108 行，3 列/);
  assert.equal(await panel.locator(".own-result figure").count(), 3);
  assert.equal(await panel.locator(".own-result .error").count(), 0);
  assert.ok((await panel.locator(".own-result svg").count()) === 3);
  assert.match(await panel.locator(".own-result").textContent(), /季节强度/);
  // Tier names parsed by the module.
  assert.match(await panel.locator(".own-result figure").nth(2).textContent(), /四线/);
  // Picking another entity re-runs the analysis.
  await panel.locator("select").nth(2).selectOption("四线城市");
  await panel.locator("button.run").click();
  await page.waitForFunction(() =>
    /四线城市/.test(document.querySelector("#own-panel .own-result h3")?.textContent ?? ""),
  );
  assert.deepEqual(seen.errors, []);
  assert.deepEqual([...seen.hosts], ["127.0.0.1"]);
  await context.close();
});

test("a corrupt or short file: plain-words errors inline, the page keeps working", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  const good = ipc(monthly(["A"]));
  await upload(page, "broken.arrow", good.subarray(0, 200));
  await page.waitForSelector("#own-panel .own-result .error");
  const msg = await page.locator("#own-panel .own-result .error").textContent();
  assert.match(msg, /不是有效的 Arrow IPC 文件/);
  assert.match(msg, /invalid_ipc/);
  // A file named .arrow that is not Arrow stays on the Arrow path (a CSV is read since issue 16,
  // see own-file-csv.test.mjs).
  await upload(page, "notes.arrow", Buffer.from("date,value\n2023-01-01,1\n"));
  await page.waitForFunction(() =>
    /invalid_ipc/.test(document.querySelector("#own-panel .own-result .error")?.textContent ?? ""),
  );
  await upload(page, "notes.csv", Buffer.from("date,value\n2023-01-01,1\n2023-02-01,2\n"));
  await page.waitForFunction(
    () => document.querySelector("#own-panel .own-result")?.dataset.state === "done",
  );
  // Too short for STL: the growth part still works, the STL part explains.
  await upload(page, "short.arrow", ipc(monthly(["A"], 10)));
  await page.waitForSelector("#own-panel .own-result[data-state=done]");
  assert.match(await page.locator("#own-panel .own-result").textContent(), /数据点太少/);
  // The rest of the page is intact and still interactive.
  const fig = page.locator("#chart-jg-trend");
  await fig.locator('input[value="mom"]').check();
  await page.waitForFunction(() =>
    /环比/.test(document.querySelector("#chart-jg-trend .description")?.textContent ?? ""),
  );
  assert.equal(
    await page.locator('figure.chart[data-rendered="true"]').count(),
    await page.locator("figure.chart[data-chart]").count(),
  );
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("strings with HTML and script are shown as text and never run", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  const evil = [
    '<img src="x-pwned.png" onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    '"><svg onload="window.__pwned=3">',
  ];
  const data = monthly(evil, 30);
  const bytes = ipc(data, {
    date: "date",
    entity: "<b onmouseover=alert(1)>who</b>",
    value: "<i>value</i>",
  });
  await upload(page, '<img src=x onerror="window.__pwned=4">.arrow', bytes);
  await page.waitForSelector("#own-panel .own-result[data-state=done]");
  const panel = page.locator("#own-panel");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await panel.locator("img, script, b, i, svg[onload]").count(), 0);
  const text = await panel.textContent();
  assert.ok(
    text.includes('<img src="x-pwned.png" onerror="window.__pwned=1">'),
    "entity shown literally",
  );
  assert.ok(text.includes("<i>value</i>"), "column name shown literally");
  assert.ok(
    text.includes('<img src=x onerror="window.__pwned=4">.arrow'),
    "file name shown literally",
  );
  const options = await panel.locator("select option").allTextContents();
  assert.ok(options.includes("<script>window.__pwned=2</script>"));
  // Chart tick labels carry the strings as text too.
  assert.ok(
    (await panel.locator(".own-result svg").last().textContent()).includes(
      "<script>window.__pwned=2</script>",
    ),
  );
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok(
    !seen.requests.some((u) => /pwned|\/x$/.test(u)),
    seen.requests.filter((u) => /pwned|\/x$/.test(u)).join(),
  );
  assert.deepEqual(seen.errors, []);
  await context.close();
});
