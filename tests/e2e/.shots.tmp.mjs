import { launch, startServer, watch } from "./harness.mjs";
const server = await startServer();
const browser = await launch();
const [w, hash, scheme, sel] = [Number(process.argv[2] ?? 1280), process.argv[3] ?? "", process.argv[4] ?? "light", process.argv[5]];
const ctx = await browser.newContext({ viewport: { width: w, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
const page = await ctx.newPage();
const seen = watch(page);
await page.goto(server.url + hash);
await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
if (sel) { for (const s of sel.split(",")) await page.locator(s).screenshot({ path: `/tmp/cp/${s.replace(/[^a-z0-9]/gi, "")}-${w}-${scheme}.png` }); }
else await page.screenshot({ path: `/tmp/cp/full-${w}-${scheme}.png`, fullPage: true });
console.log("errors", seen.errors);
await browser.close(); server.close();
