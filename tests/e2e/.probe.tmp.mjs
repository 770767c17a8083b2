import { launch, startServer, watch } from "./harness.mjs";
const server = await startServer();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const seen = watch(page);
await page.goto(server.url + (process.argv[2] ?? ""));
try { await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 }); } catch (e) { console.log("not ready"); }
const res = await page.$$eval("figure.chart[data-chart]", (fs) => fs.map((f) => `${f.dataset.chart}: ${f.dataset.rendered} ${f.querySelector(".error")?.textContent ?? ""}`));
console.log(res.join("\n"));
console.log("errors", seen.errors);
console.log("hosts", [...seen.hosts]);
await page.screenshot({ path: "/tmp/cp/probe.png", fullPage: false });
await browser.close(); server.close();
