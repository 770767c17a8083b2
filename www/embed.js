// One chart of the report, alone, for an iframe in someone else's page:
//   embed.html?chart=<id>&lang=zh|en&theme=light|dark|auto&plain&static   (JavaScript only)
//   embed/<lang>/<id>.html?theme=…&plain&static                          (static SVG first, built by tools/prerender.mjs)
// theme defaults to light (a white news page is the common host; auto follows the reader's
// system, dark forces dark). plain: the chart only (the title stays as a visually hidden <h1>).
// static: the build-time SVG only; this module stops before loading the live chart (no WASM).
// The page fits its frame (embed.css); it posts the height its content would *like* (the chart at
// its natural aspect ratio, or the open table in full) to the host:
// {type: "civic-pulse:height", version: 1, chart, height, title} (embed/resize.js and the
// <civic-pulse-chart> element listen), and answers {type: "civic-pulse:ping", version: 1}.
const root = document.documentElement;
const params = new URLSearchParams(location.search);
const chartId = root.dataset.chart || params.get("chart") || "";
const lang = (params.get("lang") ?? root.dataset.lang) === "en" ? "en" : "zh";
const theme = ["auto", "dark"].includes(params.get("theme")) ? params.get("theme") : "light";
const flag = (name) => params.has(name) && params.get(name) !== "0" && params.get(name) !== "false";
root.dataset.theme = theme;
if (flag("plain")) root.dataset.plain = "";
root.lang = lang === "zh" ? "zh-CN" : "en";
// The report lives at the site root: two levels up from embed/<lang>/<id>.html, one from embed.html.
const siteRoot = new URL(root.dataset.chart ? "../../" : "./", location.href);
const host = document.getElementById("embed");
const chartOk = /^[a-z0-9-]{1,64}$/.test(chartId);

// --- height messages ---------------------------------------------------------------------------
/** The chart's width:height from its SVG viewBox or the static image, or 0 if not known yet. */
function aspect(plot) {
  const svg = plot?.querySelector(":scope > svg");
  const vb = svg?.viewBox?.baseVal;
  if (vb?.width > 0) return vb.height / vb.width;
  const img = plot?.querySelector(":scope > img");
  if (img?.naturalWidth > 0) return img.naturalHeight / img.naturalWidth;
  const w = Number(img?.getAttribute("width"));
  return w > 0 ? Number(img.getAttribute("height")) / w : 0;
}

/** The height the content wants: what is laid out now, with the chart / open table unsqueezed. */
function naturalHeight() {
  let h = document.body.scrollHeight;
  const fig = host.querySelector("figure.chart");
  const plot = fig?.querySelector(".plot");
  const details = fig?.querySelector("details.data");
  if (details?.open) {
    const wrap = details.querySelector(".table-wrap");
    const summary = details.querySelector("summary");
    h += (summary?.offsetHeight ?? 0) + (wrap?.scrollHeight ?? 0) + 4 - details.offsetHeight;
  } else if (plot && aspect(plot) > 0) {
    h += Math.round(plot.clientWidth * aspect(plot)) - plot.offsetHeight;
  }
  return Math.ceil(Math.min(12000, Math.max(80, h)));
}

let lastHeight = 0;
function postHeight(force = false) {
  if (window.parent === window) return;
  const height = naturalHeight();
  if (!force && height === lastHeight) return;
  lastHeight = height;
  const title = document.querySelector(".chart-title")?.textContent || "Civic Pulse";
  // Height and title are public; the host is unknown in advance, so "*" (hosts check our origin).
  window.parent.postMessage(
    { type: "civic-pulse:height", version: 1, chart: chartId, height, title },
    "*",
  );
}
window.addEventListener("message", (ev) => {
  const d = ev.data;
  if (
    ev.source !== window.parent ||
    !d ||
    typeof d !== "object" ||
    d.type !== "civic-pulse:ping" ||
    d.version !== 1
  )
    return;
  postHeight(true);
});

/** The figure's title is the page's <h1> (a lone chart: its title is the document's heading). */
function titleAsH1(fig) {
  const h = fig.querySelector(".chart-title");
  if (!h || h.tagName === "H1") return;
  const h1 = document.createElement("h1");
  h1.className = h.className;
  h1.id = h.id;
  h1.append(...h.childNodes);
  h.replaceWith(h1);
}

/**
 * The legend is one row that scrolls sideways in a narrow frame (embed.css): keyboard users must
 * be able to reach and scroll it (axe scrollable-region-focusable).
 */
function focusableLegend(fig) {
  const legend = fig.querySelector(".legend");
  if (!legend) return;
  legend.tabIndex = 0;
  legend.setAttribute("role", "group");
  legend.setAttribute("aria-label", lang === "zh" ? "图例" : "Legend");
}

function watchHeight() {
  const ro = new ResizeObserver(() => postHeight());
  ro.observe(document.body);
  const fig = host.querySelector("figure.chart");
  if (fig) for (const el of fig.children) ro.observe(el);
  host.addEventListener("toggle", () => postHeight(), true);
  const img = host.querySelector(".plot > img");
  img?.addEventListener("load", () => postHeight());
}

async function start() {
  const staticFig = host.querySelector(`figure[data-static][data-chart="${chartId}"]`);
  if (staticFig) {
    titleAsH1(staticFig);
    focusableLegend(staticFig);
  }
  if (flag("static") && staticFig) {
    // The build-time picture is the whole page: nothing live is loaded.
    watchHeight();
    root.dataset.ready = "static";
    postHeight(true);
    registerWorker();
    return;
  }
  const [figure, { byId }, state, i18n] = await Promise.all([
    import("./figure.js"),
    import("./registry.js"),
    import("./state.js"),
    import("./i18n.js"),
  ]);
  await i18n.loadLang(lang); // English text loads on demand
  const spec = chartOk ? byId(chartId) : null;
  if (!spec) {
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = lang === "zh" ? `没有这张图：${chartId}` : `No such chart: ${chartId}`;
    host.replaceChildren(p);
    root.dataset.ready = "error";
    postHeight(true);
    return;
  }
  document.title = `${spec.title[lang]} · Civic Pulse`;
  state.init(location.hash);
  state.get().lang = lang;
  const fig = figure.create(spec, { placeholder: staticFig, lang });
  titleAsH1(fig);
  focusableLegend(fig);
  host.replaceChildren(fig);
  watchHeight();
  await figure.draw(spec, fig, {
    lang,
    sectionId: spec.section,
    embed: { reportUrl: siteRoot.href },
  });
  let timer;
  new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      figure.redraw(fig, lang);
      postHeight();
    }, 100);
  }).observe(fig.querySelector(".plot"));
  root.dataset.ready = "true";
  postHeight(true);
  registerWorker();
}

// Offline after one visit, embedded or not: the report's service worker (scope: the site root)
// caches the embed pages with the rest of the build (tools/prerender.mjs lists them).
function registerWorker() {
  if (!("serviceWorker" in navigator) || !location.protocol.startsWith("http")) return;
  navigator.serviceWorker
    .register(new URL("sw.js", siteRoot), { scope: siteRoot.href })
    .catch((e) => console.warn("service worker:", e.message));
}

start().catch(async (e) => {
  console.error(e);
  const { loadLang, t } = await import("./i18n.js");
  // If the English text itself failed to load, the Chinese one says it.
  const l = await loadLang(lang).then(
    () => lang,
    () => "zh",
  );
  const p = document.createElement("p");
  p.className = "error";
  p.textContent = t(l, "failed") + (e?.message ?? String(e));
  host.append(p);
  root.dataset.ready = "error";
});
