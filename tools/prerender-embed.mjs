// The embed side of the build (called by tools/prerender.mjs with the charts it rendered):
//   www/embed/<zh|en>/<chart>.html   static-first embed pages (www/embed.html with one figure)
//   www/chart/<zh|en>/<chart>.html   each chart's own page: the same figure, plus Open Graph and
//                                    Twitter card metadata and the oEmbed discovery <link>
//   www/oembed/<zh|en>/<chart>.json  oEmbed 1.0 "rich" responses (iframe HTML, size, provider)
// Share-card PNGs (www/share/<zh|en>/<chart>.png, 1200 × 630) are drawn by tools/share-cards.mjs.
// URLs: absolute under CIVIC_PULSE_SITE (e.g. https://news.example/civic-pulse/) when it is set
// at build time, as Open Graph scrapers and oEmbed consumers require; otherwise relative to the
// file that holds them (right for any host path, resolved by the test and by browsers).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { snippets } from "../www/embed-code.js";

export const SITE = process.env.CIVIC_PULSE_SITE
  ? new URL(process.env.CIVIC_PULSE_SITE.replace(/\/?$/, "/")).href
  : null;
const PROVIDER = "Civic Pulse";

/** A site path as written into a file two folders deep (<dir>/<lang>/<file>). */
const at = (path) => (SITE ? new URL(path, SITE).href : `../../${path}`);

/**
 * Writes the embed pages, chart pages and oEmbed files; returns their site paths (for the
 * service-worker manifest). rendered: Map "<id>.<lang>" → the prerender's chart record.
 */
export function writeEmbeds({ WWW, CHARTS, rendered, figureHtml, esc, embedTpl }) {
  const written = [];
  const cards = []; // what tools/share-cards.mjs draws
  const page = (r, lang, kind) => {
    const { spec } = r;
    const shape = {
      plotHeight: r.height,
      toggles: spec.toggles?.length ?? 0,
    };
    // Relative snippet URLs cannot go in an oEmbed response; the site root is "../../" here.
    const base = SITE ?? "http://civic-pulse.invalid/";
    const code = snippets({ base, chart: spec.id, lang, title: r.title, shape });
    const figure = figureHtml(r, {
      src: `../../static/${spec.id}.${lang}.svg`,
      eager: true,
      table: true,
    })
      // A lone chart: its title is the document's level-one heading (visually hidden when plain).
      .replace(
        /<h3 class="chart-title"([^>]*)>([\s\S]*?)<\/h3>/,
        '<h1 class="chart-title"$1>$2</h1>',
      )
      // One row that scrolls sideways in a narrow frame: reachable by keyboard (embed.js too).
      .replace(
        '<div class="legend">',
        `<div class="legend" tabindex="0" role="group" aria-label="${lang === "zh" ? "图例" : "Legend"}">`,
      );
    let head = "";
    if (kind === "chart") {
      const url = at(`chart/${lang}/${spec.id}.html`);
      const img = at(`share/${lang}/${spec.id}.png`);
      const desc = (r.vm.description ?? r.unit ?? "").slice(0, 300);
      head = [
        `<link rel="alternate" type="application/json+oembed" href="${esc(at(`oembed/${lang}/${spec.id}.json`))}" title="${esc(r.title)}">`,
        `<link rel="canonical" href="${esc(url)}">`,
        `<meta name="description" content="${esc(desc)}">`,
        `<meta property="og:type" content="article">`,
        `<meta property="og:site_name" content="${PROVIDER}">`,
        `<meta property="og:title" content="${esc(r.title)}">`,
        `<meta property="og:description" content="${esc(desc)}">`,
        `<meta property="og:url" content="${esc(url)}">`,
        `<meta property="og:locale" content="${lang === "zh" ? "zh_CN" : "en_US"}">`,
        `<meta property="og:image" content="${esc(img)}">`,
        `<meta property="og:image:type" content="image/png">`,
        `<meta property="og:image:width" content="1200">`,
        `<meta property="og:image:height" content="630">`,
        `<meta property="og:image:alt" content="${esc(r.title)}">`,
        `<meta name="twitter:card" content="summary_large_image">`,
        `<meta name="twitter:title" content="${esc(r.title)}">`,
        `<meta name="twitter:description" content="${esc(desc)}">`,
        `<meta name="twitter:image" content="${esc(img)}">`,
        `<meta name="twitter:image:alt" content="${esc(r.title)}">`,
      ].join("\n");
      const oembed = {
        version: "1.0",
        type: "rich",
        provider_name: PROVIDER,
        provider_url: SITE ?? "../../",
        title: r.title,
        html: code.iframe.split("\n")[0].replaceAll(base, SITE ?? "../../"),
        width: 360,
        height: code.height,
        thumbnail_url: img,
        thumbnail_width: 1200,
        thumbnail_height: 630,
        cache_age: 86400,
      };
      writeFileSync(
        join(WWW, "oembed", lang, `${spec.id}.json`),
        `${JSON.stringify(oembed, null, 1)}\n`,
      );
      written.push(`oembed/${lang}/${spec.id}.json`);
      cards.push({ id: spec.id, lang, title: r.title, unit: r.unit, source: r.source });
    }
    const html = embedTpl
      .replace(
        /<html lang="zh-CN" data-embed[^>]*>/,
        `<html lang="${lang === "zh" ? "zh-CN" : "en"}" data-embed data-theme="light" data-chart="${esc(spec.id)}" data-lang="${lang}"${kind === "chart" ? " data-chart-page" : ""}>`,
      )
      .replace(
        "<title>Civic Pulse</title>",
        `<title>${esc(r.title)} · Civic Pulse</title>${head ? `\n${head}` : ""}`,
      )
      .replaceAll('href="favicon.svg"', 'href="../../favicon.svg"')
      .replaceAll('href="site.css"', 'href="../../site.css"')
      .replaceAll('href="embed.css"', 'href="../../embed.css"')
      .replace(/src="((?:app-)?embed[.\w]*\.js)"/, 'src="../../$1"')
      .replace(/<main id="embed">[\s\S]*?<\/main>/, `<main id="embed">\n${figure}\n</main>`)
      .replace(/<noscript>[\s\S]*?<\/noscript>\n?/, "");
    writeFileSync(
      join(WWW, kind, lang, `${spec.id}.html`),
      `<!-- Generated by tools/prerender.mjs from embed.html. -->\n${html}`,
    );
    written.push(`${kind}/${lang}/${spec.id}.html`);
  };
  for (const lang of ["zh", "en"]) {
    for (const dir of ["embed", "chart", "oembed"]) {
      rmSync(join(WWW, dir, lang), { recursive: true, force: true });
      mkdirSync(join(WWW, dir, lang), { recursive: true });
    }
    for (const spec of CHARTS) {
      const r = rendered.get(`${spec.id}.${lang}`);
      page(r, lang, "embed");
      page(r, lang, "chart");
    }
  }
  mkdirSync(join(WWW, "..", "target"), { recursive: true });
  writeFileSync(join(WWW, "..", "target", "share-cards.json"), JSON.stringify(cards));
  return written;
}
