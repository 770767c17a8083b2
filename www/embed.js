// One chart of the report, alone, for an iframe in someone else's page:
//   embed.html?chart=<id>&lang=zh|en&theme=auto|light|dark          (JavaScript only)
//   embed/<lang>/<id>.html?theme=…                                   (static SVG first, built by tools/prerender.mjs)
// The same registry and figure code as the report (no fork). The page posts its height to the
// host: {type: "civic-pulse:height", version: 1, chart, height, title} (embed/resize.js and the
// <civic-pulse-chart> element listen), and answers {type: "civic-pulse:ping", version: 1}.
import * as figure from "./figure.js";
import { t } from "./i18n.js";
import { byId } from "./registry.js";
import * as state from "./state.js";

const root = document.documentElement;
const params = new URLSearchParams(location.search);
const chartId = root.dataset.chart || params.get("chart") || "";
const lang = (params.get("lang") ?? root.dataset.lang) === "en" ? "en" : "zh";
const theme = ["light", "dark"].includes(params.get("theme")) ? params.get("theme") : "auto";
root.dataset.theme = theme;
root.lang = lang === "zh" ? "zh-CN" : "en";
// The report lives at the site root: two levels up from embed/<lang>/<id>.html, one from embed.html.
const siteRoot = new URL(root.dataset.chart ? "../../" : "./", location.href);
const host = document.getElementById("embed");
const spec = /^[a-z0-9-]{1,64}$/.test(chartId) ? byId(chartId) : null;

// --- height messages ---------------------------------------------------------------------------
let lastHeight = 0;
function postHeight(force = false) {
  if (window.parent === window) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (!force && height === lastHeight) return;
  lastHeight = height;
  const title = spec ? spec.title[lang] : "Civic Pulse";
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

async function start() {
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
  const placeholder = host.querySelector(`figure[data-static][data-chart="${spec.id}"]`);
  const fig = figure.create(spec, { placeholder, lang });
  host.replaceChildren(fig);
  new ResizeObserver(() => postHeight()).observe(document.documentElement);
  await figure.draw(spec, fig, {
    lang,
    sectionId: spec.section,
    embed: { reportUrl: siteRoot.href },
  });
  let timer;
  new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => figure.redraw(fig, lang), 100);
  }).observe(host);
  root.dataset.ready = "true";
  postHeight(true);
}

start().catch((e) => {
  console.error(e);
  const p = document.createElement("p");
  p.className = "error";
  p.textContent = t(lang, "failed") + (e?.message ?? String(e));
  host.append(p);
  root.dataset.ready = "error";
});
