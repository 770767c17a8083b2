// `make bench`, page load (issue 15): the report at 390 and 1280 px and one embedded chart, each
// loaded 5 times in a fresh browser context (cold cache, no service worker) under Lighthouse's
// "Slow 4G" profile, once from a server that sends no Content-Encoding (before) and once with
// br/gzip negotiation (after). Median of the loads; targets from issue 15 in a column.
//   network: a throttling TCP proxy in front of tools/serve.mjs: 150 ms round trip (75 ms each
//            way) and 1.6 Mbit/s down shared by all connections, so the page's and its Web
//            Worker's requests (WASM, datasets) are all throttled and all counted: "bytes on the
//            wire" is every byte the proxy sends to the browser (headers included).
//   CPU:     4× slower through Chrome DevTools Protocol (Emulation.setCPUThrottlingRate).
// Milestones, from navigation start (performance.now() in the page, polled every animation frame):
//   first chart   a chart (build-time <img> or live <svg>) drawn inside the first screen
//   first screen  every figure that intersects the first screen is live (data-live="true", or
//                 data-rendered="true" before the page has data-live)
//   (no figure in the first screen, as at 390 px: the first figure of the page stands in)
//   all live      after scrolling to the end, every chart live (<html data-ready="true">)
// Then start-up robustness: --robust (default 10) throttled loads of the report in a row, each
// until every chart is live, counting page errors (uncaught exceptions, unhandled rejections)
// and loads that never became ready; and the first screen's bytes on the wire per file (the
// proxy attributes each response's bytes to the request line before it), median load.
// Usage: node bench/pageload.mjs [--runs 5] [--robust 10] [--compressed-only]
//        [--chart railway-12306-monthly] [--json out.json]
import { writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { launch, startServer } from "../tests/e2e/harness.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt("runs", 5));
const ROBUST = Number(opt("robust", 10));
const CHART = opt("chart", "railway-12306-monthly");
const RTT = 150;
const DOWN = 1.6e6 / 8; // bytes per second
const CPU = 4;

/**
 * A TCP proxy adding RTT/2 each way and a shared downstream bandwidth; counts bytes down, in
 * total and per requested path (`files`: HTTP/1.1 without pipelining, so a connection's bytes
 * down belong to the last request line it sent).
 */
function throttle(target) {
  const counter = { down: 0, files: new Map() };
  let linkFree = 0; // when the shared downlink is next idle (ms, performance clock)
  const srv = createServer((client) => {
    const upstream = createConnection(target);
    let delivered = 0; // when this connection's last queued chunk reaches the browser
    let path = "?";
    client.on("data", (b) => {
      const line = /^(?:GET|HEAD) (\S+) HTTP/.exec(b.toString("latin1", 0, 2048));
      if (line) path = line[1].split("?")[0];
      setTimeout(() => upstream.write(b), RTT / 2);
    });
    upstream.on("data", (b) => {
      const start = Math.max(performance.now(), linkFree);
      linkFree = start + (b.length / DOWN) * 1000;
      counter.down += b.length;
      counter.files.set(path, (counter.files.get(path) ?? 0) + b.length);
      delivered = linkFree + RTT / 2;
      setTimeout(() => client.writable && client.write(b), delivered - performance.now());
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    // The server closing must not cut off chunks still queued on the throttled link.
    upstream.on("error", end).on("close", () => {
      setTimeout(() => client.end(), Math.max(0, delivered - performance.now()) + 10);
    });
  });
  return new Promise((resolve) =>
    srv.listen(0, "127.0.0.1", () =>
      resolve({ port: srv.address().port, counter, close: () => srv.close() }),
    ),
  );
}

/** In every page: milestone times (performance.now) recorded on animation frames. */
function milestones() {
  const m = { firstChart: null, firstScreen: null };
  window.__cpLoad = m;
  const h = innerHeight;
  const inFirst = (el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < h && r.height > 0;
  };
  const live = (f) => f.dataset.live === "true" || f.dataset.rendered === "true";
  // At 390 px the report's first screen is header, headline cards and text: then the first
  // chart in document order stands for "the first screen" (the next thing a reader sees).
  const tick = () => {
    const figs = [...document.querySelectorAll("figure.chart[data-chart]")];
    let first = figs.filter(inFirst);
    if (!first.length && figs.length) first = [figs[0]];
    if (m.firstChart === null) {
      const drawn = first.some(
        (f) =>
          f.querySelector(".plot svg") ||
          [...f.querySelectorAll("img.static-chart")].some((i) => i.complete && i.naturalWidth),
      );
      if (drawn) m.firstChart = performance.now();
    }
    if (m.firstScreen === null && first.length && first.every(live))
      m.firstScreen = performance.now();
    if (m.firstScreen === null || m.firstChart === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function load(browser, origin, path, width) {
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 900 },
    serviceWorkers: "block", // a cold first visit; the worker's precache is not page load
  });
  await context.addInitScript(milestones);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const bytes0 = origin.counter.down;
  origin.counter.files.clear();
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${origin.port}/${path}`, { waitUntil: "commit" });
  await page.waitForFunction(() => typeof window.__cpLoad?.firstScreen === "number", null, {
    timeout: 120_000,
    polling: 100,
  });
  const first = await page.evaluate(() => window.__cpLoad);
  const bytesFirst = origin.counter.down - bytes0;
  const filesFirst = new Map(origin.counter.files);
  // Scroll to the end, a screen at a time, as a reader would, until every chart is live.
  for (let i = 0; i < 200; i++) {
    const done = await page.evaluate(() => {
      scrollBy(0, innerHeight * 0.9);
      return (
        document.documentElement.dataset.ready === "true" ||
        document.documentElement.dataset.ready === "error"
      );
    });
    if (done) break;
    await page.waitForTimeout(150);
  }
  await page.waitForSelector("html[data-ready=true]", { timeout: 120_000 });
  const all = await page.evaluate(() => performance.now());
  const row = {
    bytesFirst,
    bytesAll: origin.counter.down - bytes0,
    firstChart: first.firstChart,
    firstScreen: first.firstScreen,
    all,
    wall: Date.now() - t0,
    errors: errors.length,
    errorTexts: errors,
    filesFirst,
  };
  await context.close();
  return row;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const SCENARIOS = [
  {
    name: "report 390 px",
    path: "",
    width: 390,
    target: "≤ 300 KB / ≤ 2.5 s; all ≤ 450 KB / ≤ 6 s",
  },
  {
    name: "report 1280 px",
    path: "",
    width: 1280,
    target: "≤ 300 KB / ≤ 2.5 s; all ≤ 450 KB / ≤ 6 s",
  },
  {
    name: `embed ${CHART} 390 px`,
    path: `embed/zh/${CHART}.html`,
    width: 390,
    target: "≤ 300 KB / ≤ 2.5 s",
  },
];

const browser = await launch();
const results = [];
const robust = { loads: 0, errors: 0, failed: 0, texts: [] };
try {
  const modes = [
    ["before (identity)", ["--no-compress"]],
    ["after (br/gzip)", []],
  ];
  for (const [mode, serverArgs] of args.includes("--compressed-only") ? modes.slice(1) : modes) {
    const server = await startServer(serverArgs);
    const proxy = await throttle({ host: "127.0.0.1", port: Number(new URL(server.url).port) });
    try {
      for (const sc of SCENARIOS) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await load(browser, proxy, sc.path, sc.width));
        const med = (k) => median(runs.map((r) => r[k]));
        results.push({
          scenario: sc.name,
          mode,
          runs: RUNS,
          bytesFirst: med("bytesFirst"),
          firstChart: med("firstChart"),
          firstScreen: med("firstScreen"),
          bytesAll: med("bytesAll"),
          all: med("all"),
          errors: runs.reduce((n, r) => n + r.errors, 0),
          target: sc.target,
          // The first screen's files of the load with the median first-screen bytes.
          profile: [...runs].sort((a, b) => a.bytesFirst - b.bytesFirst)[(RUNS - 1) >> 1]
            .filesFirst,
        });
        console.error(`pageload: ${sc.name}, ${mode}: done`);
      }
    } finally {
      proxy.close();
      server.close();
    }
  }
  // Robust start-up: loads in a row, throttled, compressed, each until every chart is live.
  if (ROBUST > 0) {
    const server = await startServer([]);
    const proxy = await throttle({ host: "127.0.0.1", port: Number(new URL(server.url).port) });
    try {
      for (let i = 0; i < ROBUST; i++) {
        try {
          const r = await load(browser, proxy, "", 390);
          robust.errors += r.errors;
          robust.texts.push(...r.errorTexts);
        } catch (e) {
          robust.failed += 1;
          robust.texts.push(`load ${i + 1}: ${e.message.split("\n")[0]}`);
        }
        robust.loads += 1;
      }
    } finally {
      proxy.close();
      server.close();
    }
    console.error(`pageload: ${ROBUST} loads in a row: done`);
  }
} finally {
  await browser.close();
}

const kb = (b) => `${Math.round(b / 1024).toLocaleString("en")} KB`;
const s = (ms) => (ms === null || Number.isNaN(ms) ? "–" : `${(ms / 1000).toFixed(2)} s`);
console.log(
  `\n## Page load, Slow 4G (${RTT} ms RTT, ${((DOWN * 8) / 1e6).toFixed(1)} Mbit/s down, CPU ${CPU}×), median of ${RUNS}\n`,
);
console.log(
  "| page | server | first chart | first screen live: bytes / time | all charts live: bytes / time | page errors | target (first screen; all) |",
);
console.log("|---|---|---|---|---|---|---|");
for (const r of results)
  console.log(
    `| ${r.scenario} | ${r.mode} | ${s(r.firstChart)} | ${kb(r.bytesFirst)} / ${s(r.firstScreen)} | ${kb(r.bytesAll)} / ${s(r.all)} | ${r.errors} | ${r.target} |`,
  );
if (robust.loads)
  console.log(
    `\nRobust start-up: ${robust.loads} throttled loads of the report (390 px, br/gzip) in a row: ${robust.errors} page errors, ${robust.failed} loads not ready (target 0 in 10)${robust.texts.length ? `\n${robust.texts.map((t) => `  - ${t}`).join("\n")}` : ""}`,
  );
for (const r of results.filter((x) => x.mode.startsWith("after"))) {
  const files = [...r.profile].sort((a, b) => b[1] - a[1]);
  console.log(`\nFirst screen on the wire, ${r.scenario} (br/gzip, median load):`);
  console.log("| file | KB |\n|---|---|");
  for (const [f, b] of files) console.log(`| ${f} | ${(b / 1024).toFixed(1)} |`);
}
const out = opt("json", null);
if (out)
  writeFileSync(
    out,
    `${JSON.stringify({ results: results.map((r) => ({ ...r, profile: Object.fromEntries(r.profile) })), robust }, null, 1)}\n`,
  );
