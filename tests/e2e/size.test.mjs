// Measures the page's transfer size: every file the browser actually requests while the whole
// report renders (recorded by Playwright), each gzip-compressed (level 9) as a server would
// send it. Writes test-results/page-size.json and prints the table; docs/page.md quotes it.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { openReport, serveAndLaunch } from "./harness.mjs";

const env = serveAndLaunch();

function local(url) {
  const p = decodeURIComponent(new URL(url).pathname);
  if (p.startsWith("/pkg/")) return p.slice(1);
  return "www" + (p.endsWith("/") ? p + "index.html" : p);
}

test("transfer size of everything the page loads (gzip)", async () => {
  const { page, seen, context } = await openReport(env.browser, env.server);
  await page.waitForTimeout(500);
  const files = [...new Set(seen.requests.filter((u) => u.startsWith("http")).map(local))].sort();
  const rows = files.map((f) => {
    const raw = readFileSync(f);
    return { file: f, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
  const group = (re) =>
    rows
      .filter((r) => re.test(r.file))
      .reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, n: a.n + 1 }), {
        raw: 0,
        gzip: 0,
        n: 0,
      });
  const summary = {
    wasm: group(/\.wasm$/),
    plot: group(/vendor\/plot\.js$/),
    pageCode: group(/^(www\/[^/]+\.(js|css|html|svg)|pkg\/.*\.js)$/),
    data: group(/www\/data\//),
    total: group(/./),
  };
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/page-size.json", JSON.stringify({ files: rows, summary }, null, 2));
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.log(`${"group".padEnd(10)} files      raw KB  gzip KB`);
  for (const [k, v] of Object.entries(summary))
    console.log(`${k.padEnd(10)} ${String(v.n).padStart(5)} ${kb(v.raw)}  ${kb(v.gzip)}`);
  assert.ok(summary.total.n > 10);
  assert.ok(rows.some((r) => r.file.endsWith(".wasm")));
  await context.close();
});
