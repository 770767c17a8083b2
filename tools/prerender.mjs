// Build-time first paint: renders every registry chart to a static SVG with the page's own code
// (registry prepare() → charts.js render() with Observable Plot) in Node, over a linkedom DOM and
// the WASM module (pkg/, instantiated from its bytes through engine.configure()). Writes:
//   www/static/<chart>.<zh|en>.svg   standalone SVGs (light/dark by prefers-color-scheme)
//   www/index.html                   www/index.template.html with the static sections and figures
//   www/embed/, www/chart/, www/oembed/  embed pages, chart pages, oEmbed (tools/prerender-embed.mjs)
//   www/build-manifest.json          SHA-256 of every file the service worker caches (sw.js)
//   www/site.css                     the page's one stylesheet: www/css/*.css concatenated in
//                                    name order (hand-written in parts, served as one request)
// All of them are generated (git-ignored) and deterministic for the same pkg/ and www/data/.
// Usage: node tools/prerender.mjs            (after tools/build-wasm.sh, build-data, vendor.mjs)
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { criticalPath } from "./critical-path.mjs";
import { writeEmbeds } from "./prerender-embed.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const WWW = join(ROOT, "www");
const WIDTH = 720; // the report's column width at desktop size

// The one stylesheet every page links (and the critical path and offline file inline), from its
// hand-written parts in cascade order. First, because everything below reads it.
const CSS_PARTS = readdirSync(join(WWW, "css"))
  .filter((f) => f.endsWith(".css"))
  .sort();
writeFileSync(
  join(WWW, "site.css"),
  CSS_PARTS.map((f) => readFileSync(join(WWW, "css", f), "utf8")).join(""),
);
// A phone's column (390 px screen less the page padding): the browser picks this picture below
// PHONE_MEDIA, so text drawn at 11 px stays 11 px instead of a 720 px picture shrunk to half.
const PHONE_WIDTH = 358;
const PHONE_MEDIA = "(max-width: 520px)";

// --- a DOM for Plot and the page modules ------------------------------------------------------
const { window, document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
globalThis.window = window;
globalThis.document = document;

const engine = await import("../www/engine.js");
const catalog = JSON.parse(readFileSync(join(WWW, "data/catalog.json"), "utf8"));
const files = { "catalog.json": readFileSync(join(WWW, "data/catalog.json")) };
for (const d of catalog) files[d.file] = new Uint8Array(readFileSync(join(WWW, "data", d.file)));
// The on-demand module (checkClaims for the claim check's figures) from its bytes too.
files["civic_pulse_extra_bg.wasm"] = readFileSync(join(ROOT, "pkg/civic_pulse_extra_bg.wasm"));
engine.configure({ wasm: readFileSync(join(ROOT, "pkg/civic_pulse_bg.wasm")), files });
await engine.start();

const { CHARTS, chartsOf } = await import("../www/registry.js");
const { render, PALETTE } = await import("../www/charts.js");
const { legendItems, unitLine, sourceLine } = await import("../www/figure.js");
const { SECTIONS } = await import("../www/content.js");
const { t, loadLang } = await import("../www/i18n.js");
await loadLang("en"); // the page loads English on demand; the build renders both
const { FONT_STACK } = await import("../www/export.js");
const tbl = await import("../www/table.js");

const esc = (s) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );

const { context } = await import("../www/view.js");
const ctxFor = (spec, lang) =>
  context(lang, (key) => spec.toggles?.find((x) => x.key === key)?.default, {
    seriesAll: engine.seriesAll,
    table: engine.table,
    wasm: engine.analytics,
    claims: engine.claims,
  });

/** A standalone SVG file of a chart: its own colours (light / dark), fonts, title. */
function svgFile(svg, title) {
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  svg.removeAttribute("aria-hidden");
  svg.removeAttribute("focusable");
  svg.setAttribute("role", "img");
  const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
  style.textContent =
    `svg{color:#1b1f24;font-family:${FONT_STACK};font-size:11px}text,tspan{white-space:pre}` +
    `@media (prefers-color-scheme:dark){svg{color:#e8eaed}}`;
  const tt = document.createElementNS("http://www.w3.org/2000/svg", "title");
  tt.textContent = title;
  svg.prepend(tt, style);
  // Two decimals are plenty for pixel coordinates (and a third of the bytes).
  const text = svg.outerHTML.replace(/="[^"]*"/g, (attr) => attr.replace(/(\d\.\d{2})\d+/g, "$1"));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}

function legendHtml(items) {
  return items
    .map((it) => {
      const ci = it.color ? PALETTE.indexOf(it.color) : -1;
      return `<span class="item${it.prov ? ` prov-${it.prov}` : ""}"><span class="sw sw-${it.kind}${ci >= 0 ? ` c${ci}` : ""}" aria-hidden="true"></span>${esc(it.text)}</span>`;
    })
    .join("");
}

/** The static figure: same classes as figure.js, so the live figure can adopt its parts. */
function figureHtml(r, { src, eager = false, table = false }) {
  const { spec, lang } = r;
  const id = `chart-${spec.id}`;
  const tableHtml = table
    ? `\n<details class="data"><summary>${esc(`${t(lang, "dataTable")}${lang === "zh" ? "（" : " ("}${r.vm.table.rows.length}${lang === "zh" ? "）" : ")"}`)}</summary>` +
      `<div class="table-wrap" tabindex="0" role="region" aria-label="${esc(`${t(lang, "dataTable")}: ${r.title}`)}">${tbl.build(r.vm.table, { caption: r.title, lang }).outerHTML}</div></details>`
    : "";
  return `<figure class="chart" id="${id}" data-chart="${esc(spec.id)}" data-static aria-labelledby="${id}-title">
<h3 class="chart-title" id="${id}-title">${esc(r.title)}</h3>
<p class="chart-unit">${esc(r.unit)}</p>
<div class="legend">${legendHtml(r.legend)}</div>
<div class="plot"><picture><source media="${PHONE_MEDIA}" srcset="${esc(src.replace(/\.svg$/, ".phone.svg"))}" width="${r.phone.width}" height="${r.phone.height}"><img class="static-chart" src="${esc(src)}" width="${r.width}" height="${r.height}" alt="${esc(`${r.title}. ${r.vm.description ?? ""}`)}" ${eager ? 'fetchpriority="high"' : 'loading="lazy"'} decoding="async"></picture></div>
<p class="description">${esc(r.vm.description ?? "")}</p>
<p class="static-note">${esc(t(lang, "staticNote"))}</p>${tableHtml}
<figcaption class="source">${esc(r.source)}</figcaption>
</figure>`;
}

// --- render every chart in both languages -----------------------------------------------------
rmSync(join(WWW, "static"), { recursive: true, force: true });
mkdirSync(join(WWW, "static"), { recursive: true });
const rendered = new Map(); // `${id}.${lang}` -> {spec, lang, vm, title, unit, legend, source, width, height}
for (const lang of ["zh", "en"]) {
  for (const spec of CHARTS) {
    const vm = await spec.prepare(ctxFor(spec, lang));
    const entry = catalog.find((d) => d.id === spec.dataset);
    const svg = render(vm, { width: WIDTH, lang });
    const title = spec.title[lang];
    const r = {
      spec,
      lang,
      vm,
      title,
      unit: unitLine(spec, vm, entry, lang),
      legend: legendItems(vm, lang),
      source: sourceLine(entry, vm, lang),
      width: Number(svg.getAttribute("width")),
      height: Number(svg.getAttribute("height")),
    };
    writeFileSync(join(WWW, "static", `${spec.id}.${lang}.svg`), svgFile(svg, title));
    const phone = render(vm, { width: PHONE_WIDTH, lang });
    r.phone = { width: PHONE_WIDTH, height: Number(phone.getAttribute("height")) };
    writeFileSync(join(WWW, "static", `${spec.id}.${lang}.phone.svg`), svgFile(phone, title));
    rendered.set(`${spec.id}.${lang}`, r);
  }
}

// --- index.html ---------------------------------------------------------------------------------
const { FINDINGS, findingNumber } = await import("../www/text/findings.js");
const claimCols = await engine.table("claims", ["id", "printed_value", "unit", "qualifier"]);
/** The key findings as static HTML (same classes as main.js), linking to their claim rows. */
function findingsHtml(lang) {
  const c = claimCols.columns;
  const items = FINDINGS.map((f) => [f, c.id.indexOf(f.claim)])
    .filter(([, i]) => i >= 0)
    .map(
      ([f, i]) =>
        `<li class="card" data-claim="${f.claim}" data-printed="${esc(c.printed_value[i] ?? "")}" data-unit="${esc(c.unit[i] ?? "")}"${c.qualifier[i] ? ` data-qualifier="${esc(c.qualifier[i])}"` : ""}><a class="big" href="#section=claims&amp;claim=${f.claim}" aria-describedby="finding-${f.claim}">${esc(findingNumber(c.printed_value[i], c.unit[i], c.qualifier[i], lang))}</a><p class="what" id="finding-${f.claim}">${esc(f[lang])}</p><p class="verdict">${esc(`${t(lang, "checkLink")} · ${f.claim}`)}</p></li>`,
    )
    .join("");
  return `<aside class="headlines"><h3>${esc(t(lang, "headline"))}</h3><ul class="cards">${items}</ul></aside>`;
}
// The page's bundles (tools/bundle.mjs), when built: index.html and the embed pages load them
// instead of the source modules, with each entry's static imports preloaded.
const bundles = existsSync(join(WWW, "app-manifest.json"))
  ? JSON.parse(readFileSync(join(WWW, "app-manifest.json"), "utf8"))
  : null;
const preloads = (e) =>
  [e.file, ...e.imports].map((f) => `<link rel="modulepreload" href="${f}">`).join("\n");
// The datasets of the first section's charts, which the boot script has the engine fetch and
// decode at once (www/boot.js).
const prefetch = `<meta name="cp-prefetch" content="${[...new Set(chartsOf(SECTIONS[0].id).map((c) => c.dataset))].join(" ")}">`;
const source = readFileSync(join(WWW, "index.template.html"), "utf8");
const template = bundles
  ? source
      .replace(
        '<link rel="modulepreload" href="vendor/plot.js">',
        `${prefetch}\n${preloads(bundles["app-main"])}`,
      )
      .replace('src="boot.js"', `src="${bundles["app-boot"].file}"`)
      .replace('src="main.js"', `src="${bundles["app-main"].file}"`)
  : source;
let first = null; // the first chart's id: inlined by criticalPath()
const sections = SECTIONS.map((s) => {
  const figs = chartsOf(s.id).map((spec) => {
    const html = figureHtml(rendered.get(`${spec.id}.zh`), {
      src: `static/${spec.id}.zh.svg`,
      eager: first === null,
    });
    first ??= spec.id;
    return html;
  });
  const text = `<div class="section-text">${s.text.zh.map((p) => `<p>${esc(p)}</p>`).join("")}</div>`;
  // The overview opens with the story: key findings and its key chart, then the text (main.js).
  const head =
    s.id === "overview"
      ? `<div class="story">${findingsHtml("zh")}\n${figs.shift() ?? ""}</div>\n${text}`
      : text;
  return `<section class="report-section" id="${s.id}" aria-labelledby="${s.id}-h">
<h2 id="${s.id}-h" tabindex="-1">${esc(s.title.zh)}</h2>
${head}
${figs.join("\n")}
</section>`;
});
const toc = SECTIONS.map(
  (s) => `<li><a href="#section=${s.id}" data-section="${s.id}">${esc(s.title.zh)}</a></li>`,
).join("");
const index = template
  .replace("<!--static:main-->", `\n${sections.join("\n")}\n`)
  .replace("<!--static:toc-->", toc)
  .replace(/<!-- Template:[^>]*-->\n?/, "");
// The first round trip: critical CSS, the first chart (desktop and phone drawings) and the
// deep-link script inline (tools/critical-path.mjs).
const firstR = rendered.get(`${first}.zh`);
const critical = criticalPath(index, {
  boot: bundles
    ? readFileSync(join(WWW, bundles["app-boot"].file), "utf8")
        .replace(/\n\/\/# sourceMappingURL.*$/, "")
        .trim()
    : null,
  css: readFileSync(join(WWW, "site.css"), "utf8"),
  first: {
    id: first,
    desktop: readFileSync(join(WWW, "static", `${first}.zh.svg`), "utf8"),
    phone: svgFile(render(firstR.vm, { width: PHONE_WIDTH, lang: "zh" }), firstR.title),
  },
});
writeFileSync(
  join(WWW, "index.html"),
  `<!-- Generated by tools/prerender.mjs from index.template.html: edit the template. -->\n${critical}`,
);

// --- embed/<lang>/<chart>.html, chart/<lang>/<chart>.html, oembed/<lang>/<chart>.json ----------
const embedFiles = writeEmbeds({
  WWW,
  CHARTS,
  rendered,
  figureHtml,
  esc,
  embedTpl: readFileSync(join(WWW, "embed.html"), "utf8").replace(
    'src="embed.js"',
    `src="${bundles?.["app-embed"].file ?? "embed.js"}"`,
  ),
});

// --- build-manifest.json (service worker) -----------------------------------------------------
const sha = (buf) => createHash("sha256").update(buf).digest("hex");
const manifest = {};
const add = (url, path) => (manifest[url] = sha(readFileSync(path)));
add("./", join(WWW, "index.html"));
for (const f of readdirSync(WWW).sort()) {
  const p = join(WWW, f);
  if (
    !statSync(p).isFile() ||
    /^(build-manifest\.json|index\.template\.html|sw\.js|index\.html)$/.test(f)
  )
    continue;
  if (/\.(js|css|html|svg)$/.test(f)) add(f, p);
}
// The page's module folders (chart declarations per section).
for (const dir of ["charts", "text"])
  for (const f of readdirSync(join(WWW, dir)).sort())
    if (f.endsWith(".js")) add(`${dir}/${f}`, join(WWW, dir, f));
add("vendor/plot.js", join(WWW, "vendor/plot.js"));
add("vendor/csv-worker.js", join(WWW, "vendor/csv-worker.js")); // the CSV reader, offline too
for (const f of readdirSync(join(WWW, "static")).sort()) add(`static/${f}`, join(WWW, "static", f));
for (const f of [
  "civic_pulse.js",
  "civic_pulse_bg.wasm",
  "civic_pulse_extra.js",
  "civic_pulse_extra_bg.wasm",
])
  add(`pkg/${f}`, join(ROOT, "pkg", f));
add("data/catalog.json", join(WWW, "data/catalog.json"));
// Embed pages and their scripts, so an embedded chart also loads offline after one visit.
for (const f of embedFiles.filter((f) => f.startsWith("embed/"))) add(f, join(WWW, f));
for (const f of ["embed/resize.js", "embed/civic-pulse.js"]) add(f, join(WWW, f));
for (const d of catalog) manifest[`data/${d.file}`] = d.sha256; // the catalog's own hashes
const build = sha(JSON.stringify(manifest)).slice(0, 16);
writeFileSync(
  join(WWW, "build-manifest.json"),
  JSON.stringify({ build, files: manifest }, null, 1) + "\n",
);
console.log(
  `prerender: ${rendered.size} SVGs, index.html, ${embedFiles.length} embed/chart/oEmbed files, build ${build} (${Object.keys(manifest).length} files)`,
);
