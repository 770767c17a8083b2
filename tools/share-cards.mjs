// Share cards (issue 13): one 1200 × 630 PNG per chart and language, www/share/<lang>/<id>.png,
// named by each chart page's og:image / twitter:image. Drawn by headless Chromium (the same
// Debian package the tests use; tools/setup.sh installs it and the WenQuanYi Micro Hei font for
// the Chinese glyphs) from the build-time SVG in the light theme, with the title, unit and source
// line. Reads target/share-cards.json, written by tools/prerender.mjs.
// Usage: node tools/share-cards.mjs         (after tools/prerender.mjs)
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const ROOT = new URL("..", import.meta.url).pathname;
const WWW = join(ROOT, "www");
const cards = JSON.parse(readFileSync(join(ROOT, "target/share-cards.json"), "utf8"));

const esc = (s) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );

// The font is named first: the card must not depend on whichever CJK font fontconfig prefers.
const FONT = `"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", sans-serif`;
const CSS = `*{box-sizing:border-box}html,body{margin:0;width:1200px;height:630px;background:#fdfdfc;color:#1b1f24;font-family:${FONT}}
.card{display:flex;flex-direction:column;width:1200px;height:630px;padding:36px 48px 28px;border-top:10px solid #0061a0}
.brand{font-size:22px;font-weight:600;color:#4f5863;margin:0 0 6px}
h1{font-size:40px;line-height:1.2;margin:0;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}
.unit{font-size:20px;color:#4f5863;margin:6px 0 10px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.chart{flex:1;min-height:0;display:flex;justify-content:center}
.chart img{max-width:100%;max-height:100%;object-fit:contain}
.source{font-size:17px;color:#4f5863;margin:10px 0 0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}`;

function cardHtml(c, svg) {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
  return `<!doctype html><html lang="${c.lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><style>${CSS}</style></head>
<body><div class="card"><p class="brand">Civic Pulse${c.lang === "zh" ? " · 公共服务数字化报告" : " · China's public-service apps"}</p>
<h1>${esc(c.title)}</h1><p class="unit">${esc(c.unit)}</p>
<div class="chart"><img src="${src}" alt=""></div><p class="source">${esc(c.source)}</p></div></body></html>`;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--font-render-hinting=none"],
});
try {
  const page = await browser.newPage({
    viewport: { width: 1200, height: 630 },
    deviceScaleFactor: 1,
    colorScheme: "light", // the SVGs turn dark under prefers-color-scheme: dark
  });
  for (const lang of ["zh", "en"]) {
    rmSync(join(WWW, "share", lang), { recursive: true, force: true });
    mkdirSync(join(WWW, "share", lang), { recursive: true });
  }
  for (const c of cards) {
    const svg = readFileSync(join(WWW, "static", `${c.id}.${c.lang}.svg`), "utf8");
    await page.setContent(cardHtml(c, svg), { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({
      path: join(WWW, "share", c.lang, `${c.id}.png`),
      clip: { x: 0, y: 0, width: 1200, height: 630 },
    });
  }
  console.log(`share-cards: ${cards.length} PNGs (1200 × 630) in www/share/`);
} finally {
  await browser.close();
}
