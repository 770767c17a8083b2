// `make bench` in headless Chromium: serves the module, the peers' UMD builds and generated files
// from a loopback server on a free port (127.0.0.1:0), runs bench/browser-page.mjs and returns
// its timings. CLI: node bench/browser.mjs [parse]   (BENCH_PKG=dir: another build)
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { launch } from "../tests/e2e/harness.mjs";
import { generateTidy } from "./e2e.mjs";
import { benchBytes } from "./parse.mjs";

// BENCH_PKG=dir measures another build of the module (default pkg/).
const PKG = process.env.BENCH_PKG ?? "pkg";

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="/vendor/arrow.js"></script><script src="/vendor/arquero.js"></script>
<script src="/vendor/flechette.js"></script>
<script type="module" src="/bench/browser-page.mjs"></script>`;

function files() {
  const js = "text/javascript";
  const at = (p, type) => [readFileSync(p), type];
  return new Map([
    ["/", [Buffer.from(PAGE), "text/html"]],
    ["/pkg/civic_pulse.js", at(`${PKG}/civic_pulse.js`, js)],
    ["/pkg/civic_pulse_bg.wasm", at(`${PKG}/civic_pulse_bg.wasm`, "application/wasm")],
    ["/bench/stl.mjs", at("bench/stl.mjs", js)],
    ["/bench/browser-page.mjs", at("bench/browser-page.mjs", js)],
    ["/bench/parse-contenders.mjs", at("bench/parse-contenders.mjs", js)],
    ["/vendor/arrow.js", at("node_modules/apache-arrow/Arrow.es2015.min.js", js)],
    ["/vendor/arquero.js", at("bench/node_modules/arquero/dist/arquero.min.js", js)],
    ["/vendor/flechette.js", at("node_modules/@uwdata/flechette/dist/flechette.min.js", js)],
    ["/data/e2e.arrow", [generateTidy(), "application/octet-stream"]],
    ["/data/panel48.arrow", [generateTidy(1000, 48), "application/octet-stream"]],
    ["/data/parse.arrow", [benchBytes(), "application/octet-stream"]],
  ]);
}

/** Timings (ms; µs for the STL rows) measured in headless Chromium; `only: "parse"` runs just
 * the parse + sum rows. */
export async function browserBench({ only = "" } = {}) {
  const table = files();
  const server = createServer((req, res) => {
    const hit = table.get(new URL(req.url ?? "/", "http://x").pathname);
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": hit[1] }).end(hit[0]);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/${only ? `?only=${only}` : ""}`);
    await page.waitForFunction(() => globalThis.benchResult || globalThis.benchError, null, {
      timeout: 900_000,
      polling: 500,
    });
    const error = await page.evaluate(() => globalThis.benchError);
    if (error) throw new Error(error);
    return await page.evaluate(() => globalThis.benchResult);
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await browserBench({ only: process.argv[2] ?? "" }), null, 1));
}
