// Shared test harness: the report's static server on a free loopback port, and Debian's
// Chromium driven by playwright-core with the flags this closed network needs (Playwright
// gives each launch a fresh temporary profile).

import { spawn } from "node:child_process";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

/** Starts tools/serve.mjs on a free port; resolves to { url, close }. */
export function startServer(args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["tools/serve.mjs", "--port", "0", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      const m = chunk.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve({ url: m[0], close: () => child.kill() });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Launches headless Debian Chromium (no downloads, no background traffic). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

/** Records console errors, page errors and every request's host on a page. */
export function watch(page) {
  const seen = { errors: [], hosts: new Set(), requests: [] };
  page.on("console", (m) => m.type() === "error" && seen.errors.push(m.text()));
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("request", (r) => {
    const u = new URL(r.url());
    seen.requests.push(r.url());
    if (u.protocol.startsWith("http")) seen.hosts.add(u.hostname);
  });
  return seen;
}

/** Opens the report in a fresh context and waits until every chart has been drawn. */
export async function openReport(
  browser,
  server,
  { width = 1280, height = 900, hash = "", colorScheme = "light", bypassCSP = false } = {},
) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    acceptDownloads: true,
    bypassCSP,
  });
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(server.url + hash);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  return { context, page, seen };
}

/** Initialises the WASM module in Node (for re-reading downloaded Arrow files). */
export async function nodeModule() {
  const { readFileSync } = await import("node:fs");
  const m = await import(new URL("../../pkg/civic_pulse.js", import.meta.url));
  m.initSync({ module: readFileSync(new URL("../../pkg/civic_pulse_bg.wasm", import.meta.url)) });
  return m;
}

/**
 * Starts the report's server and Chromium before a test file's tests and stops both after; the
 * returned object's `server` and `browser` are set once `before` has run.
 */
export function serveAndLaunch(serverArgs = []) {
  const env = {};
  before(async () => {
    env.server = await startServer(serverArgs);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}
