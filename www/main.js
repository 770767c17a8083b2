// Page start-up: build the sections from content.js, a figure per registry chart, the special
// panels (headlines, own file), and wire state (language, toggles, permalinks) to rendering.
import { SECTIONS } from "./content.js";
import * as figure from "./figure.js";
import { t } from "./i18n.js";
import * as own from "./own.js";
import { chartsOf } from "./registry.js";
import * as rpc from "./rpc.js";
import * as state from "./state.js";

const make = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};

// The build-time static page (tools/prerender.mjs): its figures are adopted by the live ones.
const statics = new Map(
  [...document.querySelectorAll("main figure[data-static]")].map((f) => [f.dataset.chart, f]),
);

const HEADLINES = ["C0001", "C0009", "C0022", "C0045", "C0047", "C0053"];
const main = document.querySelector("main");
const nav = document.querySelector("nav.toc ol");
const figures = []; // [spec, fig, sectionId]

function buildSkeleton() {
  const frag = document.createDocumentFragment();
  const items = [];
  for (const s of SECTIONS) {
    const sec = make("section", "report-section");
    sec.id = s.id;
    sec.setAttribute("aria-labelledby", `${s.id}-h`);
    const h = make("h2");
    h.id = `${s.id}-h`;
    h.tabIndex = -1;
    const text = make("div", "section-text");
    sec.append(h, text);
    if (s.id === "overview") sec.append(make("div", "headlines"));
    for (const spec of chartsOf(s.id)) {
      const fig = figure.create(spec, {
        placeholder: statics.get(spec.id),
        lang: state.get().lang,
      });
      sec.append(fig);
      figures.push([spec, fig, s.id]);
    }
    if (s.id === "own") own.mount(sec, state.get().lang);
    frag.append(sec);
    const li = make("li");
    const a = make("a");
    a.href = `#section=${s.id}`;
    a.dataset.section = s.id;
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      goTo(s.id);
    });
    li.append(a);
    items.push(li);
  }
  // One swap: the static sections are replaced by the live ones that carry the same content.
  main.replaceChildren(frag);
  nav.replaceChildren(...items);
}

function goTo(id, focus = true) {
  const sec = document.getElementById(id);
  if (!sec) return;
  state.set({ section: id });
  sec.scrollIntoView({ block: "start", behavior: "instant" });
  if (focus) sec.querySelector("h2").focus({ preventScroll: true });
}

/** Static texts in the current language. */
function applyTexts(lang) {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.title = t(lang, "pageTitle");
  document.querySelector("header h1").textContent = t(lang, "h1");
  document.querySelector("header .lede").textContent = t(lang, "lede");
  document.querySelector(".skip").textContent = t(lang, "skip");
  document.querySelector("nav.toc h2").textContent = t(lang, "toc");
  const sw = document.getElementById("lang-switch");
  sw.textContent = t(lang, "langSwitch");
  sw.title = t(lang, "langSwitchLabel");
  sw.lang = lang === "zh" ? "en" : "zh-CN";
  document.querySelector("footer .lede").textContent = t(lang, "footer");
  const cat = document.getElementById("catalog-link");
  cat.textContent = t(lang, "catalog");
  for (const s of SECTIONS) {
    const sec = document.getElementById(s.id);
    sec.querySelector("h2").textContent = s.title[lang];
    sec
      .querySelector(".section-text")
      .replaceChildren(...s.text[lang].map((p) => make("p", null, p)));
    nav.querySelector(`a[data-section="${s.id}"]`).textContent = s.title[lang];
  }
}

async function headlines(lang) {
  const host = document.querySelector("#overview .headlines");
  try {
    const { live, rows } = await rpc.claims();
    const cards = HEADLINES.map((id) => rows.find((r) => r.id === id))
      .filter(Boolean)
      .map((r) => {
        const card = make("div", "card");
        const big = make("p", "big", `${r.printed} ${r.unit.replace(/\(.*\)/, "")}`);
        const q = make("blockquote", null, r.quote);
        q.lang = "zh-CN";
        const v = make(
          "p",
          `verdict v-${r.verdict}`,
          `${t(lang, `verdict_${r.verdict}`)} · ${r.id}${live ? "" : lang === "zh" ? "（预先计算）" : " (precomputed)"}`,
        );
        const a = make("a", null, t(lang, "checkLink"));
        a.href = "#section=claims";
        a.addEventListener("click", (ev) => {
          ev.preventDefault();
          goTo("claims");
        });
        card.append(big, q, v, a);
        return card;
      });
    const h = make("h3", null, t(lang, "headline"));
    host.replaceChildren(h, make("div", "cards"));
    host.querySelector(".cards").append(...cards);
  } catch (e) {
    host.replaceChildren(make("p", "error", String(e.message)));
  }
}

async function drawAll(lang) {
  // Charts first in reading order; the worker does the heavy lifting, so the page stays usable.
  await Promise.all([
    headlines(lang),
    ...figures.map(([spec, fig, sec]) => {
      figure.invalidate(fig);
      return figure.draw(spec, fig, { lang, sectionId: sec });
    }),
  ]);
}

function setupResize() {
  let timer;
  const ro = new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const [, fig] of figures) figure.redraw(fig, state.get().lang);
    }, 150);
  });
  ro.observe(main);
}

// --- start ------------------------------------------------------------------------------------
// Embed snippets point at this site (not offered from file://, which has no public address).
figure.configure({
  embedBase: location.protocol.startsWith("http") ? new URL("./", location.href).href : null,
});
state.init();
document.documentElement.dataset.js = "";
buildSkeleton();
applyTexts(state.get().lang);
document.getElementById("lang-switch").addEventListener("click", async () => {
  const lang = state.get().lang === "zh" ? "en" : "zh";
  state.set({ lang });
  applyTexts(lang);
  own.setLang(lang);
  document.documentElement.dataset.ready = "false";
  await drawAll(lang);
  document.documentElement.dataset.ready = "true";
});
state.subscribe(() => {
  for (const [, fig] of figures) fig._refreshPermalink?.();
});
window.addEventListener("hashchange", async () => {
  // A pasted permalink: restore everything it carries.
  const prev = state.get().lang;
  state.init(location.hash);
  const s = state.get();
  if (s.lang !== prev) {
    applyTexts(s.lang);
    own.setLang(s.lang);
  }
  await drawAll(s.lang);
  scrollToState();
});

function scrollToState() {
  const s = state.get();
  const target =
    (s.chart && document.getElementById(`chart-${s.chart}`)) ||
    (s.section && document.getElementById(s.section));
  if (target) target.scrollIntoView({ block: "start", behavior: "instant" });
}

await drawAll(state.get().lang);
setupResize();
scrollToState();
document.documentElement.dataset.ready = "true";

// Offline after the first visit (sw.js): registered once the page is drawn, so its precache
// does not compete with the first load. Not on file:// (the single-file report needs none).
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker
    .register(new URL("sw.js", location.href), { scope: "./" })
    .catch((e) => console.warn("service worker:", e.message));
}
