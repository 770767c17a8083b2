// The generic figure: title, unit, toggles, legend, the chart, its text description, the data
// table, downloads (CSV with BOM, Arrow, PNG, SVG) and the permalink. One function for every
// chart in the registry; what differs lives in the registry's view models.
import { PALETTE, render, seriesColours } from "./charts.js";
import { snippets } from "./embed-code.js";
import { endLabels } from "./end-labels.js";
import * as exp from "./export.js";
import { name, t, unitLine as unitName } from "./i18n.js";
import { markChinese } from "./lang-mark.js";
import * as rpc from "./rpc.js";
import * as state from "./state.js";
import * as tbl from "./table.js";
import { context } from "./view.js";

const make = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
const langAttr = (lang) => (lang === "zh" ? "zh-CN" : "en");

// Page-wide options: set once by the entry module (main.js, embed.js, offline.js).
//   inlineData: the datasets are not files next to the page (offline file): Arrow via the engine
//   embedBase:  the site root URL for embed snippets, or null to leave the action out
const options = { inlineData: false, embedBase: null };
export function configure(o) {
  Object.assign(options, o);
}

let catalogPromise;
function catalogEntry(id) {
  catalogPromise ??= rpc.call("catalog");
  return catalogPromise.then((c) => c.find((d) => d.id === id));
}

/**
 * Creates the (empty) figure element of a chart spec. `placeholder`: the build-time static figure
 * of the same chart (index.html, embed pages): its texts and <img> stay until the live chart is drawn.
 */
export function create(spec, { placeholder = null, lang = "zh" } = {}) {
  const fig = make("figure", "chart");
  fig.id = `chart-${spec.id}`;
  fig.dataset.chart = spec.id;
  fig.dataset.dataset = spec.dataset;
  fig.setAttribute("aria-busy", "true");
  fig.setAttribute("aria-labelledby", `${fig.id}-title`);
  const title = make("h3", "chart-title");
  title.id = `${fig.id}-title`;
  const unit = make("p", "chart-unit");
  const toggles = make("div", "toggles");
  const legend = make("div", "legend");
  const plot = make("div", "plot");
  plot.setAttribute("role", "img");
  plot.setAttribute("aria-describedby", `${fig.id}-desc`);
  // Tap (touch) or click on a mark shows its value, date, provenance and qualifier (the mark's
  // <title>, which a mouse also shows on hover).
  const tip = make("p", "tip");
  tip.setAttribute("role", "status");
  tip.hidden = true;
  plot.addEventListener("click", (ev) => {
    const text = ev.target.querySelector?.(":scope > title")?.textContent;
    tip.hidden = !text;
    if (!text) return;
    tip.textContent = text;
    const box = fig.getBoundingClientRect();
    tip.style.left = `${Math.min(ev.clientX - box.left + 8, Math.max(0, box.width - 180))}px`;
    tip.style.top = `${ev.clientY - box.top + 8}px`;
  });
  const desc = make("p", "description");
  desc.id = `${fig.id}-desc`;
  const notice = make("p", "notice");
  notice.hidden = true;
  const details = make("details", "data");
  // Labelled from the start: a placeholder never shows a bare disclosure triangle.
  const summary = make("summary", null, t(lang, "dataTable"));
  summary.id = `${fig.id}-sum`;
  const wrapT = make("div", "table-wrap");
  wrapT.tabIndex = 0;
  wrapT.setAttribute("role", "region");
  details.append(summary, wrapT);
  const actions = make("div", "actions");
  const caption = make("figcaption", "source");
  fig.append(title, unit, toggles, legend, plot, tip, desc, notice, details, actions, caption);
  if (placeholder) adopt(fig, placeholder, lang);
  return fig;
}

/** Moves the static figure's content into the live one (same classes), so nothing jumps. */
function adopt(fig, ph, lang) {
  for (const cls of ["chart-title", "chart-unit", "description", "source"]) {
    const from = ph.querySelector(`.${cls}`);
    if (from) fig.querySelector(`.${cls}`).textContent = from.textContent;
  }
  const legend = ph.querySelector(".legend");
  if (legend) fig.querySelector(".legend").replaceChildren(...legend.childNodes);
  // The build-time picture (a phone and a desktop layout, chosen by the browser) stays until
  // the live chart replaces it.
  const img = ph.querySelector("img.static-chart");
  if (img) {
    const pic = img.closest("picture") ?? img;
    if (lang === "en") {
      img.src = img.getAttribute("src").replace(/\.zh\.svg$/, ".en.svg");
      for (const src of pic.querySelectorAll?.("source") ?? [])
        src.srcset = src.getAttribute("srcset").replace(/\.zh\.phone\.svg$/, ".en.phone.svg");
    }
    fig.querySelector(".plot").replaceChildren(pic);
  }
}

export function legendItems(vm, lang) {
  const items = [];
  const provs = new Set(vm.rows.map((r) => r.provenance));
  const line = vm.kind === "line" || vm.kind === "facets";
  // Series named at their lines' ends need no key.
  if (vm.legendSeries && !endLabels(vm, lang))
    for (const [i, s] of vm.legendSeries.entries())
      items.push({
        kind: line ? "solid" : "swatch",
        color:
          seriesColours(vm.series ?? vm.legendSeries)[(vm.series ?? vm.legendSeries).indexOf(s)] ??
          PALETTE[i],
        text: vm.seriesNames?.[s]?.[lang] ?? name(s, lang),
      });
  if (vm.legendKind === "derived") {
    items.push({
      kind: "note",
      text: t(lang, "legendDerived"),
    });
    return items;
  }
  if (provs.has("published"))
    items.push({
      kind: line ? "dot" : "swatch",
      text: t(lang, "legendPublished"),
      prov: "published",
    });
  if (provs.has("external"))
    items.push({
      kind: line ? "hollow" : "swatch-ext",
      text: t(lang, "legendExternal"),
      prov: "external",
    });
  if (provs.has("reconstructed"))
    items.push({
      kind: line ? "dashed" : "hatch",
      text: t(lang, "legendReconstructed"),
      prov: "reconstructed",
    });
  return items;
}

function drawLegend(host, items) {
  host.replaceChildren(
    ...items.map((it) => {
      const span = make("span", "item");
      const sw = make("span", `sw sw-${it.kind}`);
      if (it.color) sw.style.setProperty("--c", it.color); // CSSOM, allowed by the CSP
      sw.setAttribute("aria-hidden", "true");
      span.append(sw, document.createTextNode(it.text));
      if (it.prov) span.classList.add(`prov-${it.prov}`);
      return span;
    }),
  );
}

/**
 * The chart's toggles: one radio group (fieldset) each. Native radios give the roving tabindex
 * (only the checked one is in the tab order) and arrow-key movement. Built once per language;
 * a redraw only syncs which radio is checked, so focus stays where the reader put it.
 */
function drawToggles(spec, fig, host, lang, onChange) {
  const v = state.view(fig);
  if (v.togglesLang === lang && host.childElementCount === (spec.toggles ?? []).length) {
    for (const tg of spec.toggles ?? []) {
      const current = state.toggle(spec.id, tg.key, tg.default);
      for (const input of host.querySelectorAll(`input[name="${spec.id}.${tg.key}"]`))
        input.checked = input.value === current;
    }
    return;
  }
  v.togglesLang = lang;
  host.replaceChildren();
  for (const tg of spec.toggles ?? []) {
    const fs = make("fieldset", "toggle");
    const lg = make("legend", null, tg.label[lang]);
    fs.append(lg);
    const current = state.toggle(spec.id, tg.key, tg.default);
    for (const o of tg.options) {
      const lab = make("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `${spec.id}.${tg.key}`;
      input.value = o.value;
      input.checked = o.value === current;
      input.addEventListener("change", () => onChange(tg.key, o.value));
      lab.append(input, make("span", null, o.label[lang]));
      fs.append(lab);
    }
    host.append(fs);
  }
}

/**
 * Renders (or re-renders) a chart into its figure. Keeps the last view model on the element so
 * a resize only redraws the SVG.
 */
export async function draw(spec, fig, { lang, sectionId, embed = null }) {
  fig.setAttribute("aria-busy", "true");
  fig.lang = langAttr(lang);
  const $ = (s) => fig.querySelector(s);
  try {
    const entry = await catalogEntry(spec.dataset);
    const ctx = context(
      lang,
      (key) => state.toggle(spec.id, key, spec.toggles?.find((x) => x.key === key)?.default),
      rpc,
    );
    const vm = await spec.prepare(ctx);
    state.view(fig).vm = vm;
    state.view(fig).entry = entry;
    const title = spec.title[lang];
    $(".chart-title").textContent = title;
    const unitText = unitLine(spec, vm, entry, lang);
    $(".chart-unit").textContent = unitText;
    drawToggles(spec, fig, $(".toggles"), lang, (key, value) => {
      state.set({ section: sectionId, chart: spec.id, key, value });
      draw(spec, fig, { lang: state.get().lang, sectionId, embed });
    });
    const items = legendItems(vm, lang);
    state.view(fig).legend = items;
    drawLegend($(".legend"), items);
    $(".description").textContent = vm.description ?? "";
    // Named by the title and described by the description: elements, not attribute strings,
    // so the Chinese names in them keep their lang="zh-CN" for screen readers.
    $(".plot").setAttribute("aria-labelledby", `${fig.id}-title`);
    state.view(fig).dirty = true;
    redraw(fig, lang);
    // Data table.
    $("details.data summary").textContent = `${t(lang, "dataTable")}（${vm.table.rows.length}）`
      .replace("（", lang === "zh" ? "（" : " (")
      .replace("）", lang === "zh" ? "）" : ")");
    const wrapT = $(".table-wrap");
    wrapT.setAttribute("aria-labelledby", `${fig.id}-sum ${fig.id}-title`);
    wrapT.replaceChildren(tbl.build(vm.table, { caption: title, lang }));
    if (vm.tableOpen || spec.tableOpen) $("details.data").open = true;
    // Downloads and permalink.
    if (embed) drawEmbedActions(spec, fig, entry, lang, sectionId, embed);
    else await drawActions(spec, fig, vm, entry, lang, sectionId);
    $(".source").textContent = sourceLine(entry, vm, lang);
    if (lang === "en") {
      markChinese(fig);
      // A source line names reports and charts by their original (Chinese) titles.
      markChinese($(".source"), { all: true });
    }
    // A permalink's dataset hash is checked against the catalog.
    const st = state.get();
    const notice = $(".notice");
    if (st.chart === spec.id && st.sha256 && entry) {
      notice.hidden = false;
      notice.className = st.sha256 === entry.sha256 ? "notice ok" : "notice warn";
      notice.textContent =
        st.sha256 === entry.sha256
          ? t(lang, "hashOk", { a: entry.sha256.slice(0, 12) })
          : t(lang, "hashMismatch", { a: st.sha256.slice(0, 12), b: entry.sha256.slice(0, 12) });
    } else notice.hidden = true;
    fig.dataset.rendered = "true";
    fig.querySelector(".error")?.remove();
  } catch (e) {
    console.warn(e);
    let p = fig.querySelector(".error");
    if (!p) {
      p = make("p", "error");
      fig.append(p);
    }
    p.textContent = t(lang, "failed") + (e?.message ?? String(e));
    fig.dataset.rendered = "error";
  } finally {
    fig.removeAttribute("aria-busy");
  }
}

export function unitLine(spec, vm, entry, lang) {
  const u = unitName(vm.unitLine ?? vm.unit, lang);
  // The catalog's unit is written in Chinese: named on the Chinese page only.
  const own = entry?.unit && lang === "zh" && HAN.test(entry.unit) ? entry.unit : null;
  return own ? `${u}${t(lang, "datasetUnit", { unit: own })}` : u;
}

/** The figure's source line from the catalog entry. */
export function sourceLine(entry, vm, lang) {
  const sep = lang === "zh" ? "：" : ": ";
  return `${t(lang, "source")}${sep}${readerSource(entry?.[`source_${lang}`] ?? entry?.source ?? vm.source ?? "", lang)}`;
}

// A source line names the report and its chart or table, never a file or folder (build notes).
const FILE_NOTE = /(\.\.\/|\/shared\/|\.(csv|md|arrow|json)\b)/;
const HAN = /[\u3400-\u9fff]/;
function readerSource(text, lang) {
  // The catalog writes sources in English around the reports' Chinese titles: the Chinese page
  // names the titles (《…》) only.
  if (lang === "zh") {
    const titles = [...new Set([...String(text).matchAll(/《[^》]+》/g)].map((m) => m[0]))];
    return titles.length ? titles.join("；") : t(lang, "sourceReports");
  }
  const parts = String(text)
    .split(/;\s*/)
    .map((p) => p.replace(/\s*\([^)]*\)/g, (m) => (FILE_NOTE.test(m) ? "" : m)))
    .filter((p) => p.trim() && !FILE_NOTE.test(p));
  return parts.length ? parts.join(lang === "zh" ? "；" : "; ") : t(lang, "sourceReports");
}

// Each chart's width as the browser last laid it out, reported by a ResizeObserver (whose
// callbacks run when layout is clean): reading clientWidth while other charts are being
// inserted forced a layout of the whole page per chart drawn.
const widths = new WeakMap();
let sizes;
/** Starts reporting `fig`'s chart width to redraw(); the page calls it as it creates figures. */
export function watchWidth(fig) {
  sizes ??= new ResizeObserver((entries) => {
    for (const e of entries) widths.set(e.target, e.target.clientWidth);
  });
  const host = fig.querySelector(".plot");
  if (host) sizes.observe(host);
}

/** Redraws only the SVG (language unchanged, width changed). */
export function redraw(fig, lang) {
  const host = fig.querySelector(".plot");
  const v = state.view(fig);
  if (!v.vm) return;
  const width = widths.get(host) || host.clientWidth || fig.clientWidth || 640;
  if (v.width === width && v.drawnLang === lang && host.firstChild && !v.dirty) return;
  host.replaceChildren(render(v.vm, { width, lang }));
  if (lang === "en") markChinese(host);
  v.width = width;
  v.drawnLang = lang;
  v.dirty = false;
}

async function drawActions(spec, fig, vm, entry, lang, sectionId) {
  const host = fig.querySelector(".actions");
  host.replaceChildren();
  host.setAttribute("role", "group");
  host.setAttribute("aria-label", t(lang, "downloads"));
  const btn = (cls, label, onClick) => {
    const b = make("button", cls, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    host.append(b);
    return b;
  };
  const title = spec.title[lang];
  btn("dl-csv", t(lang, "csv"), () =>
    exp.save(
      new Blob([tbl.csv(vm.table, lang)], { type: "text/csv;charset=utf-8" }),
      `${spec.id}.csv`,
    ),
  );
  if (entry) {
    // The chart's rows, cut by the module (Snapshot.sliceIpc) from the dataset kept in the
    // worker: the snapshot rows (`_row`, from each series' `rows`) behind the data table, or
    // vm.sliceRows for derived tables (group means, pivots).
    const rows = [
      ...new Set(
        (vm.sliceRows ?? vm.table.rows.map((r) => r._row)).filter((i) => Number.isInteger(i)),
      ),
    ].sort((a, b) => a - b);
    if (rows.length > 0 || options.inlineData) {
      // No file next to the page (offline file): the whole dataset is every row, cut the same way.
      const whole = rows.length === 0;
      const cut = whole ? Array.from({ length: entry.rows }, (_, i) => i) : rows;
      const b = btn("dl-arrow", t(lang, whole ? "arrow" : "arrowSlice"), async () => {
        const bytes = await rpc.call("slice", spec.dataset, cut);
        exp.save(
          new Blob([bytes], { type: "application/vnd.apache.arrow.file" }),
          whole ? entry.file : `${spec.id}.arrow`,
        );
      });
      b.dataset.rows = String(cut.length);
    } else {
      const a = make("a", "dl-arrow", t(lang, "arrow"));
      a.href = `data/${entry.file}`;
      a.download = entry.file;
      a.type = "application/vnd.apache.arrow.file";
      host.append(a);
    }
  }
  const composed = () =>
    exp.compose(fig.querySelector(".plot svg"), {
      title,
      unit: fig.querySelector(".chart-unit").textContent,
      legend: state.view(fig).legend,
      description: vm.description,
      source: fig.querySelector(".source").textContent,
      lang,
    });
  btn("dl-svg", t(lang, "svg"), () =>
    exp.save(
      new Blob([exp.svgText(composed())], { type: "image/svg+xml;charset=utf-8" }),
      `${spec.id}.svg`,
    ),
  );
  btn("dl-png", t(lang, "png"), async () =>
    exp.save(await exp.pngBlob(composed()), `${spec.id}.png`),
  );
  const link = make("a", "permalink", t(lang, "permalink"));
  link.href = state.permalink(spec.id, sectionId, entry?.sha256);
  link.addEventListener("click", async (ev) => {
    // Copy instead of navigating; the link stays a link for keyboard and context menus.
    ev.preventDefault();
    link.href = state.permalink(spec.id, sectionId, entry?.sha256);
    history.replaceState(null, "", link.href);
    try {
      await navigator.clipboard.writeText(link.href);
      status.textContent = t(lang, "copied");
    } catch {
      status.textContent = t(lang, "copyFailed");
    }
  });
  host.append(link);
  if (options.embedBase) embedAction(spec, fig, host, lang, () => status);
  const status = make("span", "status");
  status.setAttribute("role", "status");
  host.append(status);
  state.view(fig).refreshPermalink = () =>
    (link.href = state.permalink(spec.id, sectionId, entry?.sha256));
}

/**
 * "Embed code": copies the iframe snippet with the clipboard API and always shows both snippets
 * in read-only textareas (the visible fallback: selected when the clipboard is refused).
 */
function embedAction(spec, fig, host, lang, statusOf) {
  const b = make("button", "embed-code", t(lang, "embed"));
  b.type = "button";
  b.setAttribute("aria-expanded", "false");
  const panelId = `${fig.id}-embed`;
  host.append(b);
  b.addEventListener("click", async () => {
    let panel = fig.querySelector(".embed-panel");
    const plot = fig.querySelector(".plot");
    // The figure's own proportions become the iframe's fixed aspect ratio (no-script hosts).
    const width = fig.clientWidth || 640;
    const height =
      Math.max(200, fig.clientHeight - host.offsetHeight - (panel?.offsetHeight ?? 0) + 24) ||
      plot.clientHeight + 260;
    const code = snippets({
      base: options.embedBase,
      chart: spec.id,
      lang,
      title: spec.title[lang],
      width,
      height,
    });
    if (!panel) {
      panel = make("div", "embed-panel");
      panel.id = panelId;
      host.after(panel);
    }
    panel.hidden = false;
    b.setAttribute("aria-controls", panelId); // once the panel exists
    b.setAttribute("aria-expanded", "true");
    const areas = [];
    panel.replaceChildren(
      ...[
        ["iframe", "embedIframe"],
        ["element", "embedComponent"],
      ].map(([key, label]) => {
        const wrap = make("div", `embed-snippet embed-${key}`);
        const id = `${panelId}-${key}`;
        const lab = make("label", null, t(lang, label));
        lab.htmlFor = id;
        const ta = document.createElement("textarea");
        ta.id = id;
        ta.readOnly = true;
        ta.rows = key === "iframe" ? 4 : 3;
        ta.spellcheck = false;
        ta.value = code[key];
        ta.addEventListener("focus", () => ta.select());
        areas.push(ta);
        const copy = make("button", "copy", t(lang, "embedCopy"));
        copy.type = "button";
        copy.addEventListener("click", () => copyText(ta, statusOf(), lang));
        wrap.append(lab, ta, copy);
        return wrap;
      }),
    );
    await copyText(areas[0], statusOf(), lang);
  });
}

async function copyText(ta, status, lang) {
  try {
    if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
    await navigator.clipboard.writeText(ta.value);
    status.textContent = t(lang, "embedCopied");
  } catch {
    ta.focus();
    ta.select();
    status.textContent = t(lang, "embedCopyFailed");
  }
}

/** Embedded figure: one link back to the chart in the full report (new tab). */
function drawEmbedActions(spec, fig, entry, lang, sectionId, embed) {
  const host = fig.querySelector(".actions");
  const a = make("a", "open-report", `${t(lang, "embedOpenReport")} ↗`);
  const url = new URL(embed.reportUrl);
  url.hash = state.serialise({
    ...state.get(),
    lang,
    section: sectionId,
    chart: spec.id,
    sha256: entry?.sha256,
  });
  a.href = url.href;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  host.replaceChildren(a);
}

/** Marks a figure for a full redraw (language change). */
export function invalidate(fig) {
  state.view(fig).dirty = true;
}
