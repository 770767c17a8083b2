// The embed snippets a newsroom pastes into its CMS (the "Embed code" action of every figure).
// String building: every attribute value is escaped. The only DOM reads are the drawn chart's
// size (for the no-script height) and the AMP row added to the panel figure.js builds.

const esc = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );

/** The static-first embed page of a chart (works without JavaScript): embed/<lang>/<chart>.html. */
export function embedUrl(base, chart, lang) {
  return new URL(`embed/${lang === "en" ? "en" : "zh"}/${encodeURIComponent(chart)}.html`, base)
    .href;
}

/** Each chart's own page (share card, oEmbed discovery): chart/<lang>/<chart>.html. */
export function chartPageUrl(base, chart, lang) {
  return new URL(`chart/${lang === "en" ? "en" : "zh"}/${encodeURIComponent(chart)}.html`, base)
    .href;
}

/**
 * The no-script iframe height for a chart at phone width (about 360 px), in CSS pixels. The
 * embed page fits any frame (embed.css), so this only decides how much room the chart gets:
 * charts.js draws width-dependent charts (lines, vertical bars) 220 px tall on a phone and
 * row- or facet-counted ones (horizontal bars, small multiples) at their own height; the rest is
 * the title, unit, toggles, legend, table toggle, actions and source line.
 * plotHeight: the chart's drawn height (desktop or phone), toggles: how many toggle groups.
 *
 * # Example
 * phoneHeight({ plotHeight: 340, toggles: 1 }) // 490: a line chart with one toggle
 */
export function phoneHeight({ plotHeight = 300, toggles = 0 } = {}) {
  const plot = plotHeight <= 345 ? 220 : Math.min(900, plotHeight);
  const chrome = 210 + 60 * Math.min(2, toggles);
  return Math.round((plot + chrome) / 10) * 10;
}

/** The drawn chart's height and toggle count, read from the report page (if it is there). */
function shapeOf(chart) {
  if (typeof document === "undefined") return {};
  const fig = document.querySelector(`figure.chart[data-chart="${CSS.escape(chart)}"]`);
  const svg = fig?.querySelector(".plot svg, .plot img");
  const h = Number(svg?.getAttribute("height"));
  return {
    plotHeight: h > 0 ? h : undefined,
    toggles: fig?.querySelectorAll(".toggles fieldset").length ?? 0,
  };
}

/**
 * iframe + resize script, script + web component, and AMP, for one chart.
 * base: the site root URL (where index.html and embed/ live). theme: light (default), dark or
 * auto, always written out. fragment: toggle/table state ("#jg-trend.mode=yoy"), only when the
 * caller asks to capture it; by default a snippet shows the chart as the reader first sees it.
 * width/height (the figure's current size) are accepted for compatibility and not used: the
 * height comes from the chart's shape at phone width (phoneHeight), not from whatever the report
 * shows at the moment of copying (an open table used to freeze a 1,047 px frame).
 */
export function snippets({ base, chart, lang, title, theme = "light", fragment = "", shape }) {
  const l = lang === "en" ? "en" : "zh";
  const th = ["dark", "auto"].includes(theme) ? theme : "light";
  const h = phoneHeight(shape ?? shapeOf(chart));
  const url = new URL(embedUrl(base, chart, l));
  url.searchParams.set("theme", th);
  if (fragment) url.hash = fragment.replace(/^#/, "");
  const src = url.href;
  const resize = new URL("embed/resize.js", base).href;
  const component = new URL("embed/civic-pulse.js", base).href;
  // Attributes only, no style attribute: a host CSP without 'unsafe-inline' would drop it and
  // log a violation. width/height/frameborder size the frame everywhere; resize.js (CSSOM) can
  // still change the height.
  const iframe =
    `<iframe src="${esc(src)}" title="${esc(title)}" data-civic-pulse-chart="${esc(chart)}" width="100%" height="${h}" ` +
    `frameborder="0" loading="lazy" referrerpolicy="no-referrer"></iframe>\n` +
    `<script src="${esc(resize)}" async></script>`;
  const element =
    `<script src="${esc(component)}" async></script>\n` +
    `<civic-pulse-chart chart="${esc(chart)}" lang="${l}" theme="${th}"></civic-pulse-chart>`;
  // AMP: amp-iframe needs https, a layout with known proportions, and a placeholder shown until
  // the frame loads: the build-time SVG of the chart.
  const svg = new URL(`static/${encodeURIComponent(chart)}.${l}.svg`, base).href;
  const amp =
    `<amp-iframe src="${esc(src)}" title="${esc(title)}" width="360" height="${h}" layout="responsive" ` +
    `sandbox="allow-scripts allow-same-origin allow-popups" frameborder="0">\n` +
    `  <amp-img placeholder layout="fill" src="${esc(svg)}" alt="${esc(title)}"></amp-img>\n` +
    `</amp-iframe>`;
  if (typeof document !== "undefined") queueMicrotask(() => addAmpRow(chart, l, amp));
  return { iframe, element, amp, src, height: h };
}

const AMP_LABEL = {
  zh: "AMP 页面：amp-iframe（带占位图）",
  en: "AMP pages: amp-iframe (with a placeholder picture)",
};
const COPY = { zh: "复制", en: "Copy" };

/**
 * Adds the AMP snippet to the figure's embed-code panel, which figure.js fills synchronously
 * right after calling snippets() (this runs at its first await). Skipped if the panel already
 * has the row (figure.js may list "amp" itself).
 */
function addAmpRow(chart, lang, amp) {
  const panel = document.getElementById(`chart-${chart}-embed`);
  if (!panel || panel.querySelector(".embed-amp")) return;
  const wrap = document.createElement("div");
  wrap.className = "embed-snippet embed-amp";
  const id = `${panel.id}-amp`;
  const lab = document.createElement("label");
  lab.htmlFor = id;
  lab.textContent = AMP_LABEL[lang];
  const ta = document.createElement("textarea");
  ta.id = id;
  ta.readOnly = true;
  ta.rows = 4;
  ta.spellcheck = false;
  ta.value = amp;
  ta.addEventListener("focus", () => ta.select());
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "copy";
  copy.textContent = COPY[lang];
  copy.addEventListener("click", () => {
    ta.focus();
    ta.select();
    navigator.clipboard?.writeText(ta.value).catch(() => {});
  });
  wrap.append(lab, ta, copy);
  panel.append(wrap);
}
