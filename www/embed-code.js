// The embed snippets a newsroom pastes into its CMS (the "Embed code" action of every figure).
// Pure string building: every attribute value is escaped, nothing here touches the DOM.

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

/**
 * iframe + resize script, and script + web component, for one chart.
 * base: the site root URL (where index.html and embed/ live); width/height: the figure's size
 * now, which becomes the iframe's fixed aspect ratio when the host adds no script.
 */
export function snippets({ base, chart, lang, title, width = 640, height = 480 }) {
  const w = Math.max(280, Math.round(width));
  const h = Math.max(160, Math.round(height));
  const src = embedUrl(base, chart, lang);
  const resize = new URL("embed/resize.js", base).href;
  const component = new URL("embed/civic-pulse.js", base).href;
  const iframe =
    `<iframe src="${esc(src)}" title="${esc(title)}" data-civic-pulse-chart="${esc(chart)}" width="100%" height="${h}" ` +
    `style="width:100%;height:auto;aspect-ratio:${w}/${h};border:0" loading="lazy" referrerpolicy="no-referrer"></iframe>\n` +
    `<script src="${esc(resize)}" async></script>`;
  const element =
    `<script src="${esc(component)}" async></script>\n` +
    `<civic-pulse-chart chart="${esc(chart)}" lang="${lang === "en" ? "en" : "zh"}" theme="auto"></civic-pulse-chart>`;
  return { iframe, element, src };
}
