// Page start-up: build the sections from content.js, a figure per registry chart, the special
// panels (headlines, own file), and wire state (language, toggles, permalinks) to rendering.
import { SECTIONS } from "./content.js";
import * as figure from "./figure.js";
import { loadLang, t } from "./i18n.js";
import { markChinese } from "./lang-mark.js";
import { chartsOf } from "./registry.js";
import * as rpc from "./rpc.js";
import * as state from "./state.js";
import { FINDINGS, findingNumber } from "./text/findings.js";

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

const main = document.querySelector("main");
const nav = document.querySelector("nav.toc ol");
// On a wide screen the contents are a row of short section names under the top bar (always
// open); on a phone they are a compact menu that opens on a tap.
const WIDE = matchMedia("(min-width: 64rem)");
const syncNav = () => {
  nav.closest("details").open = WIDE.matches;
};
WIDE.addEventListener("change", syncNav);
// On a wide screen the contents' label does not fold the row away.
nav
  .closest("details")
  .querySelector("summary")
  .addEventListener("click", (ev) => {
    if (WIDE.matches) ev.preventDefault();
  });
const figures = []; // [spec, fig, sectionId]

// The own-file panel's code (own.js and what it imports) is not needed for the first screen: it
// loads when its section nears the viewport, or once every chart is live.
let ownSection = null;
let ownPanel = null; // Promise of the mounted own.js module
function loadOwn() {
  ownPanel ??= import("./own.js").then((own) => {
    own.mount(ownSection, state.get().lang);
    return own;
  });
  return ownPanel;
}
const ownSetLang = (lang) => ownPanel?.then((own) => own.setLang(lang));

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
    sec.append(h);
    // The story first: the overview opens with its key chart (its first chart) and the key
    // findings side by side (stacked on a phone), then the section's text and other charts,
    // in the order of the build's static page (tools/prerender.mjs).
    const story = s.id === "overview" ? make("div", "story") : null;
    if (story) sec.append(story);
    story?.append(make("aside", "headlines"));
    sec.append(text);
    for (const spec of chartsOf(s.id)) {
      const fig = figure.create(spec, {
        placeholder: statics.get(spec.id),
        lang: state.get().lang,
      });
      (story && !story.querySelector("figure") ? story : sec).append(fig);
      figures.push([spec, fig, s.id]);
      figure.watchWidth(fig);
    }
    if (s.id === "own") ownSection = sec;
    frag.append(sec);
    const li = make("li");
    const a = make("a");
    a.href = `#section=${s.id}`;
    a.dataset.section = s.id;
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      if (!WIDE.matches) nav.closest("details").open = false; // the phone menu closes on a choice
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
  document.querySelector("nav.toc summary").textContent = t(lang, "toc");
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
    const link = nav.querySelector(`a[data-section="${s.id}"]`);
    link.textContent = t(lang, `nav_${s.id}`);
  }
  if (lang === "en") for (const el of [document.querySelector("header"), main]) markChinese(el);
}

// The key findings next to the key chart: each printed number links to its own row in the
// claim check. Their verdicts arrive when the claim check has run (its section).
const FINDING_COLUMNS = ["id", "printed_value", "unit", "qualifier"];
let verdicts = null; // Map claim id -> verdict, once the claim check has run

// The build writes each finding's printed number, unit and qualifier (from claims.arrow) onto its
// static card (tools/prerender.mjs), so the first screen does not download the claims table; a
// page without them (the single-file report) asks the engine.
const printed = [...document.querySelectorAll("main .headlines [data-claim]")].map((e) => ({
  ...e.dataset,
}));
const findingColumns = async () =>
  printed.length
    ? {
        id: printed.map((p) => p.claim),
        printed_value: printed.map((p) => p.printed),
        unit: printed.map((p) => p.unit),
        qualifier: printed.map((p) => p.qualifier ?? null),
      }
    : (await rpc.table("claims", FINDING_COLUMNS)).columns;

async function headlines(lang) {
  const host = document.querySelector("#overview .headlines");
  try {
    const c = await findingColumns();
    const items = FINDINGS.map((f) => [f, c.id.indexOf(f.claim)])
      .filter(([, i]) => i >= 0)
      .map(([f, i]) => {
        const li = make("li", "card");
        const a = make(
          "a",
          "big",
          findingNumber(c.printed_value[i], c.unit[i], c.qualifier[i], lang),
        );
        a.href = `#section=claims&claim=${f.claim}`;
        a.setAttribute("aria-describedby", `finding-${f.claim}`);
        a.addEventListener("click", (ev) => {
          ev.preventDefault();
          goToClaim(f.claim);
        });
        const label = make("p", "what", f[lang]);
        label.id = `finding-${f.claim}`;
        const v = make("p", "verdict", `${t(lang, "checkLink")} · ${f.claim}`);
        v.dataset.claim = f.claim;
        li.append(a, label, v);
        return li;
      });
    const h = make("h3", null, t(lang, "headline"));
    const list = make("ul", "cards");
    list.append(...items);
    host.replaceChildren(h, list);
    if (lang === "en") markChinese(host);
    showVerdicts(lang);
  } catch (e) {
    host.replaceChildren(make("p", "error", String(e.message)));
  }
}

function showVerdicts(lang) {
  if (!verdicts) return;
  for (const p of document.querySelectorAll("#overview .headlines .verdict")) {
    const v = verdicts.get(p.dataset.claim);
    p.className = `verdict v-${v}`;
    p.textContent = `${t(lang, `verdict_${v}`)} · ${p.dataset.claim}`;
  }
}

/** Scrolls to one claim's row in the claim check (drawn first if it is not yet). */
async function goToClaim(id) {
  // The claim check's own table (found by its section, not by the dataset it reads).
  const entry = figures.find(([, , sec]) => sec === "claims");
  if (entry) await ensureDrawn(entry);
  goTo("claims", false);
  const row = document.getElementById(`claim-${id}`);
  if (!row) return;
  row.closest("details").open = true;
  row.scrollIntoView({ block: "center", behavior: "instant" });
  row.focus({ preventScroll: true });
}

// --- lazy drawing -------------------------------------------------------------------------------
// A chart is drawn (its dataset fetched and decoded in the worker) when it nears the viewport;
// once the charts on screen are live, the rest follow one at a time in reading order, so that
// <html data-ready> still comes to mean "every chart is live" (the page contract).
const drawing = new WeakMap(); // figure -> Promise of its current drawing

function ensureDrawn([spec, fig, sec]) {
  if (!drawing.has(fig)) {
    const lang = state.get().lang;
    drawing.set(
      fig,
      figure.draw(spec, fig, { lang, sectionId: sec }).then(() => {
        if (fig.dataset.rendered === "true") fig.dataset.live = "true";
        // Verdicts come with the claim check's section, not with any chart of claims.arrow: the
        // check runs only when a reader reaches it.
        if (sec === "claims") claimsChecked(lang);
        markReady();
      }),
    );
  }
  return drawing.get(fig);
}

async function claimsChecked(lang) {
  const { rows } = await rpc.claims();
  verdicts = new Map(rows.map((r) => [r.id, r.verdict]));
  showVerdicts(lang);
}

function markReady() {
  // "Ready" (the page contract: every chart live) also waits for the own-file panel, so that a
  // reader or test who waits for it finds the whole page in place.
  const all = ownMounted && figures.every(([, fig]) => drawing.has(fig) && fig.dataset.rendered);
  document.documentElement.dataset.ready = String(all);
}

const NEAR = "600px 0px"; // how far ahead of the viewport a chart starts loading
let observer;
function observe() {
  observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        if (e.target === ownSection) {
          observer.unobserve(ownSection);
          whenOwnMounted();
          continue;
        }
        const entry = figures.find(([, fig]) => fig === e.target);
        observer.unobserve(e.target);
        if (entry) ensureDrawn(entry);
      }
    },
    { rootMargin: NEAR },
  );
  for (const [, fig] of figures) observer.observe(fig);
  if (ownSection) observer.observe(ownSection);
}

let ownMounted = false;
async function whenOwnMounted() {
  if (!ownSection) {
    ownMounted = true;
    return;
  }
  await loadOwn();
  ownMounted = true;
  markReady();
}

// Charts drawn side by side after the first screen: while one renders on this thread, the
// engine's worker computes the next ones' series (one at a time, the worker sat idle while the
// page drew, and the page while the worker computed).
const AHEAD = 6;

/**
 * After the first screen: the remaining charts, started in reading order, AHEAD at a time.
 * Their datasets are asked for all at once first, so the engine fetches them side by side (a
 * round trip for all of them, not one per chart) while the charts before them draw.
 */
async function drawRest() {
  // The first screen's frame is painted before the rest of the data competes for the network.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const ids = [...new Set(figures.map(([spec]) => spec.dataset).filter(Boolean))];
  rpc.call("prefetch", ids).catch(() => {}); // each chart's own request reports a failure
  const queue = [...figures];
  const lane = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      await ensureDrawn(entry);
      observer.unobserve(entry[1]);
    }
  };
  await Promise.all(Array.from({ length: AHEAD }, lane));
}

/** A language change: charts already drawn redraw now; the others when they are reached. */
async function redrawLang(lang) {
  document.documentElement.dataset.ready = "false";
  const drawn = figures.filter(([, fig]) => drawing.has(fig));
  for (const [, fig] of drawn) {
    drawing.delete(fig);
    delete fig.dataset.live;
    figure.invalidate(fig);
  }
  await Promise.all([headlines(lang), ...drawn.map(ensureDrawn)]);
  if (verdicts) showVerdicts(lang);
  markReady();
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
// English text loads on demand (i18n.js): a link with #lang=en waits for it before drawing.
await loadLang(state.get().lang);
document.documentElement.dataset.js = "";
buildSkeleton();
syncNav();
applyTexts(state.get().lang);
document.getElementById("lang-switch").addEventListener("click", async () => {
  const lang = state.get().lang === "zh" ? "en" : "zh";
  await loadLang(lang);
  state.set({ lang });
  applyTexts(lang);
  ownSetLang(lang);
  await redrawLang(lang);
});
state.subscribe(() => {
  for (const [, fig] of figures) state.view(fig).refreshPermalink?.();
});
window.addEventListener("hashchange", async () => {
  // A pasted permalink: restore everything it carries.
  const prev = state.get().lang;
  state.init(location.hash);
  const s = state.get();
  await loadLang(s.lang);
  if (s.lang !== prev) {
    applyTexts(s.lang);
    ownSetLang(s.lang);
    await redrawLang(s.lang);
  } else {
    // Toggles may differ: redraw what is drawn.
    await Promise.all(
      figures
        .filter(([, fig]) => drawing.has(fig))
        .map(([spec, fig, sec]) => figure.draw(spec, fig, { lang: s.lang, sectionId: sec })),
    );
  }
  scrollToState();
});

function scrollToState() {
  const s = state.get();
  const target =
    (s.chart && document.getElementById(`chart-${s.chart}`)) ||
    (s.section && document.getElementById(s.section));
  if (target) target.scrollIntoView({ block: "start", behavior: "instant" });
}

document.documentElement.dataset.ready = "false";
scrollToState();
headlines(state.get().lang);
observe();
setupResize();
// The first screen's charts are being drawn by the observer; the rest follow once they are live.
await new Promise((r) => requestAnimationFrame(() => r()));
await Promise.all(figures.filter(([, fig]) => drawing.has(fig)).map(([, fig]) => drawing.get(fig)));
const claimId = new URLSearchParams(location.hash.slice(1)).get("claim");
if (claimId) await goToClaim(claimId);
await drawRest();
await whenOwnMounted();

// Offline after the first visit (sw.js): registered once the page is drawn, so its precache
// does not compete with the first load. Not on file:// (the single-file report needs none).
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker
    .register(new URL("sw.js", location.href), { scope: "./" })
    .catch((e) => console.warn("service worker:", e.message));
}
