// Section 9, "analyse your own file": open or drop an Arrow IPC file, or a CSV/TSV (read by
// own-csv.js, loaded only then, into an Arrow file that takes the same path), pick columns, see
// growth, STL and a breakdown. Everything from the file is put on the page with textContent (never
// innerHTML); errors are shown inline in plain words; the rest of the page is untouched.
import { render } from "./charts.js";
import * as fmt from "./format.js";
import { toDate } from "./format.js";
import { ERRORS, t } from "./i18n.js";
import { baselineLabel, baselineOf, fillBaseline, renderTier } from "./own-tier.js";
import * as rpc from "./rpc.js";
import * as tbl from "./table.js";

const make = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};

let lang = "zh";
let info = null; // the inspected file
let fileName = "";
let last = null; // last analysis, for re-rendering on language change
let csv = null; // { mod, file, options, result } while the file is a CSV
const ui = {};

// Plain words for the CSV reader's codes (the module's codes are in i18n.js).
const CSV_ERRORS = {
  zh: {
    invalid_csv: "无法把这个文件读成表格（CSV/TSV）。",
    too_large: "文件太大，本页不读取。",
    cancelled: "已取消读取。",
    worker: "无法启动 CSV 读取器。",
  },
  en: {
    invalid_csv: "This file could not be read as a table (CSV/TSV).",
    too_large: "The file is too large to read here.",
    cancelled: "Reading was cancelled.",
    worker: "The CSV reader could not start.",
  },
};
// Largest own Arrow file read, refused from File.size before any byte is read (a 10M-row,
// 160 MB tidy file fits; the engine then holds the file, its decoded columns and the slices).
export const MAX_ARROW_BYTES = 256 * 1024 * 1024;
const TOO_LARGE = {
  zh: (mb) => `文件有 ${mb} MB，超过本页可分析的上限 256 MB。`,
  en: (mb) => `The file is ${mb} MB, above the 256 MB this page analyses.`,
};
const ALL_LABEL = { zh: "分析全部实体（多线程）", en: "Analyse every entity (in parallel)" };
const OPEN_LABEL = { zh: "选择 Arrow 或 CSV 文件", en: "Choose an Arrow or CSV file" };
const METRIC_LABEL = { zh: "指标", en: "Metric" };
let par = null; // own-parallel.js, loaded on the first "every entity" analysis
let metricColumn = null; // a CSV column with the metric role: the analysis keeps one metric

function explain(err) {
  const code = err?.code ?? "unknown";
  const plain = ERRORS[lang][code] ?? CSV_ERRORS[lang][code] ?? ERRORS[lang].unknown;
  return `${plain} (${code}: ${err?.message ?? ""})`;
}

function showError(host, err) {
  const p = make("p", "error", explain(err));
  p.setAttribute("role", "alert");
  host.replaceChildren(p);
}

function labelled(text, control) {
  const l = make("label", "field");
  l.append(make("span", null, text), control);
  return l;
}

function option(value, text) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  return o;
}

/** Builds the panel inside `host` (a section element). */
export function mount(host, initialLang) {
  lang = initialLang;
  const panel = make("div", "own");
  panel.id = "own-panel";
  ui.drop = make("div", "dropzone");
  ui.input = document.createElement("input");
  ui.input.type = "file";
  ui.input.id = "own-file";
  ui.input.accept =
    ".arrow,.arrows,.feather,.ipc,application/vnd.apache.arrow.file,application/vnd.apache.arrow.stream,.csv,.tsv,.txt,text/csv,text/tab-separated-values";
  ui.inputLabel = make("label", "file-label");
  ui.inputLabel.htmlFor = "own-file";
  ui.dropText = make("span", "drop-text");
  ui.privacy = make("p", "muted");
  ui.drop.append(ui.inputLabel, ui.input, ui.dropText);
  ui.status = make("p", "status");
  ui.status.setAttribute("role", "status");
  ui.status.setAttribute("aria-live", "polite");
  ui.form = make("form", "own-form");
  ui.form.hidden = true;
  ui.date = document.createElement("select");
  ui.entity = document.createElement("select");
  ui.pick = document.createElement("select");
  ui.metric = document.createElement("select");
  ui.value = document.createElement("select");
  ui.period = document.createElement("input");
  ui.period.type = "number";
  ui.period.min = "2";
  ui.period.max = "366";
  ui.period.value = "12";
  ui.run = make("button", "run");
  ui.run.type = "submit";
  ui.baseline = document.createElement("select");
  ui.baseline.className = "own-baseline";
  ui.all = make("button", "own-all-run");
  ui.all.type = "button";
  ui.allHost = make("div", "own-all-host");
  ui.allHost.setAttribute("aria-live", "polite");
  ui.fields = make("div", "fields");
  const allBox = make("span", "actions"); // the shared button look, not class "run"
  allBox.append(ui.all);
  ui.form.append(ui.fields, ui.run, " ", allBox);
  ui.csv = make("div", "own-csv");
  ui.columns = make("p", "muted columns");
  ui.result = make("div", "own-result");
  ui.result.setAttribute("aria-live", "polite");
  panel.append(ui.drop, ui.privacy, ui.status, ui.csv, ui.columns, ui.form, ui.result, ui.allHost);
  host.append(panel);

  ui.input.addEventListener("change", () => ui.input.files?.[0] && open(ui.input.files[0]));
  for (const ev of ["dragenter", "dragover"]) {
    ui.drop.addEventListener(ev, (e) => {
      e.preventDefault();
      ui.drop.classList.add("over");
    });
  }
  for (const ev of ["dragleave", "drop"])
    ui.drop.addEventListener(ev, () => ui.drop.classList.remove("over"));
  ui.drop.addEventListener("drop", (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) open(f);
  });
  ui.entity.addEventListener("change", fillPick);
  for (const s of [ui.value, ui.metric]) s.addEventListener("change", fillBase);
  ui.all.addEventListener("click", analyseAll);
  ui.form.addEventListener("submit", (e) => {
    e.preventDefault();
    analyse();
  });
  setLang(lang);
}

/** Re-labels the panel (and redraws the last result) in a language. */
export function setLang(l) {
  lang = l;
  ui.inputLabel.textContent = OPEN_LABEL[lang] ?? t(lang, "ownOpen");
  ui.dropText.textContent = t(lang, "ownDrop");
  ui.privacy.textContent = t(lang, "ownPrivacy");
  ui.run.textContent = t(lang, "ownRun");
  ui.fields.replaceChildren(
    labelled(t(lang, "ownDate"), ui.date),
    labelled(t(lang, "ownEntity"), ui.entity),
    labelled(t(lang, "ownPick"), ui.pick),
    labelled(t(lang, "ownValue"), ui.value),
    labelled(t(lang, "ownPeriod"), ui.period),
    labelled(baselineLabel(lang), ui.baseline),
  );
  ui.all.textContent = ALL_LABEL[lang] ?? ALL_LABEL.en;
  ui.metricField = labelled(METRIC_LABEL[lang], ui.metric);
  showMetricField();
  ui.fields.insertBefore(ui.metricField, ui.fields.children[3]);
  if (info) {
    describeFile();
    const noneOpt = ui.entity.querySelector('option[value=""]');
    if (noneOpt) noneOpt.textContent = t(lang, "ownNone");
  }
  if (info) fillBase();
  if (csv?.result) showCsv();
  if (last) show(last);
}

/** The metric field only for a file with a metric column. (The stylesheet's `.own-form .field`
 * display overrides the hidden attribute, so its display is set too.) */
function showMetricField() {
  ui.metricField.hidden = !metricColumn;
  ui.metricField.style.display = metricColumn ? "" : "none";
}

/** Arrow by name or by its first bytes ("ARROW1" file magic, 0xFFFFFFFF stream marker). */
async function isArrow(file) {
  if (/\.(arrow|arrows|feather|ipc)$/i.test(file.name)) return true;
  const h = new Uint8Array(await file.slice(0, 6).arrayBuffer());
  return (
    String.fromCharCode(...h) === "ARROW1" ||
    (h.length >= 4 && h.subarray(0, 4).every((b) => b === 255))
  );
}

function showCsv() {
  ui.csv.replaceChildren(csv.mod.describe(csv.result, lang, reread, csv.options));
}

function reread(options) {
  openCsv(csv.file, options);
}

async function open(file) {
  csv?.mod.cancel();
  par?.cancel();
  ui.allHost.replaceChildren();
  csv = null;
  ui.csv.replaceChildren();
  let bytes;
  try {
    if (!(await isArrow(file))) return openCsv(file, {});
    if (file.size > MAX_ARROW_BYTES)
      throw Object.assign(new Error(TOO_LARGE[lang](Math.round(file.size / 2 ** 20))), {
        code: "too_large",
      });
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    return showError(ui.result, e);
  }
  return openBytes(file.name, bytes, null);
}

/** A CSV or TSV: read into an Arrow file by the CSV worker, then the Arrow path. */
async function openCsv(file, options) {
  fileName = file.name;
  reset();
  let result;
  try {
    // A URL, not a literal: bundlers (size report, offline file) leave the CSV code out of the
    // page's graph; it is fetched on the first CSV only.
    // The single-file offline report has no CSV reader (it needs the served page).
    if (document.documentElement.hasAttribute("data-offline-file"))
      throw Object.assign(
        new Error("CSV files are read on the served page, not in the single-file report"),
        { code: "worker" },
      );
    const mod = await import(new URL("./own-csv.js", import.meta.url).href).catch((e) => {
      throw Object.assign(new Error(String(e?.message ?? e)), { code: "worker" });
    });
    csv = { mod, file, options, result: null };
    result = await mod.read(file, options, ui.csv, lang);
  } catch (e) {
    if (csv && csv.file !== file) return; // a newer file replaced this one
    ui.status.textContent = "";
    return showError(ui.result, e);
  }
  csv.result = result;
  showCsv();
  return openBytes(file.name, result.ipc, csv.mod.roleHints(result.report));
}

function reset() {
  info = null;
  last = null;
  ui.form.hidden = true;
  ui.columns.textContent = "";
  ui.result.replaceChildren();
  delete ui.result.dataset.state;
  ui.status.textContent = t(lang, "loading");
}

/** The Arrow path, for a dropped Arrow file and for the one a CSV became. */
async function openBytes(name, bytes, hints) {
  fileName = name;
  reset();
  try {
    info = await rpc.call("inspectOwn", bytes);
  } catch (e) {
    ui.status.textContent = "";
    showError(ui.result, e);
    return;
  }
  describeFile();
  const dates = info.columns.filter((c) => c.kind === "date");
  const nums = info.columns.filter((c) => c.kind === "number");
  const strs = info.columns.filter((c) => c.kind === "string");
  ui.date.replaceChildren(...dates.map((c) => option(c.name, c.name)));
  ui.value.replaceChildren(...nums.map((c) => option(c.name, c.name)));
  ui.entity.replaceChildren(
    option("", t(lang, "ownNone")),
    ...strs.map((c) => option(c.name, c.name)),
  );
  const guess = strs.find((c) => /entity|name|city|province|app/i.test(c.name)) ?? strs[0];
  ui.entity.value = guess?.name ?? "";
  const v = nums.find((c) => /value/i.test(c.name)) ?? nums[0];
  if (v) ui.value.value = v.name;
  // A CSV's roles (inferred or the reader's) choose the columns.
  if (hints?.date && dates.some((c) => c.name === hints.date)) ui.date.value = hints.date;
  if (hints?.value && nums.some((c) => c.name === hints.value)) ui.value.value = hints.value;
  if (hints && strs.some((c) => c.name === hints.entity)) ui.entity.value = hints.entity;
  else if (hints) ui.entity.value = "";
  const metric = strs.find((c) => c.name === hints?.metric && c.name !== ui.entity.value);
  metricColumn = metric?.name ?? null;
  ui.metric.replaceChildren(...(metric?.distinct ?? []).map((v) => option(v, v)));
  showMetricField();
  fillPick();
  fillBase();
  if (!dates.length || !nums.length) {
    showError(ui.result, {
      code: "schema_mismatch",
      message: !dates.length ? t(lang, "ownNoDate") : t(lang, "ownNoValue"),
    });
    return;
  }
  ui.form.hidden = false;
  await analyse();
}

function describeFile() {
  ui.status.textContent = t(lang, "ownRead", {
    name: fileName,
    rows: info.numRows,
    cols: info.columns.length,
  });
  ui.columns.textContent = `${t(lang, "ownColumns")}: ${info.columns.map((c) => `${c.name} (${c.kind})`).join(", ")}`;
}

function fillPick() {
  const c = info?.columns.find((x) => x.name === ui.entity.value);
  ui.pick.replaceChildren(
    option("", t(lang, "all")),
    ...(c?.distinct ?? []).map((v) => option(v, v)),
  );
  ui.pick.disabled = !c;
  if (c?.distinct?.length) ui.pick.value = c.distinct[0];
}

/** The baseline choices for TGI: other numeric columns, other metrics of the metric column. */
function fillBase() {
  if (!info) return;
  fillBaseline(
    ui.baseline,
    {
      numbers: info.columns.filter((c) => c.kind === "number").map((c) => c.name),
      value: ui.value.value,
      metricColumn,
      metrics: info.columns.find((c) => c.name === metricColumn)?.distinct ?? [],
      metric: ui.metric.value,
    },
    lang,
  );
}

function choices() {
  return {
    date: ui.date.value,
    entity: ui.entity.value || null,
    value: ui.value.value,
    where: metricColumn ? [{ column: metricColumn, value: ui.metric.value }] : [],
    period: Math.max(2, Number(ui.period.value) || 12),
  };
}

/** Growth and STL of every entity, over Web Workers (own-parallel.js). */
async function analyseAll() {
  if (!info) return;
  const opts = choices();
  if (!opts.entity)
    return showError(ui.allHost, { code: "invalid_argument", message: t(lang, "ownEntity") });
  try {
    par ??= await import("./own-parallel.js").catch((e) => {
      throw Object.assign(new Error(String(e?.message ?? e)), { code: "worker" });
    });
    await par.analyseAll(opts, ui.allHost, lang);
  } catch (e) {
    if (e?.code === "cancelled") {
      ui.allHost.replaceChildren(make("p", "muted", `${par.cancelledText(lang)} (cancelled)`));
      ui.allHost.dataset.state = "cancelled";
      return;
    }
    showError(ui.allHost, e);
    ui.allHost.dataset.state = "error";
  }
}

async function analyse() {
  if (!info) return;
  ui.status.textContent = t(lang, "loading");
  const opts = {
    ...choices(),
    pick: ui.pick.disabled ? null : ui.pick.value,
    baseline: ui.entity.value ? baselineOf(ui.baseline) : null,
  };
  try {
    last = { opts, res: await rpc.call("analyseOwn", opts) };
    describeFile();
    show(last);
  } catch (e) {
    ui.status.textContent = "";
    showError(ui.result, e);
  }
}

function block(title) {
  const f = make("figure", "chart own-chart");
  f.append(make("h3", "chart-title", title));
  return f;
}

function show({ opts, res }) {
  const out = [];
  const s = res.series;
  const x = s.dates.map(toDate);
  const label = [opts.value, ...(opts.where ?? []).map((w) => w.value), opts.pick]
    .filter(Boolean)
    .join(" · ");
  const width = Math.max(300, ui.result.clientWidth || 640);
  // Growth
  const g = block(`${t(lang, "ownGrowth")}: ${label}`);
  if (res.growth) {
    const ex = res.growth.extremes;
    const desc = make("p", "description");
    desc.textContent = ex.max
      ? lang === "zh"
        ? `${s.dates.length}个时点；最高${fmt.value(ex.max.value, "index", lang)}（${s.dates[ex.max.index]}），最低${fmt.value(ex.min.value, "index", lang)}（${s.dates[ex.min.index]}）。`
        : `${s.dates.length} points; highest ${fmt.value(ex.max.value, "index", lang)} (${s.dates[ex.max.index]}), lowest ${fmt.value(ex.min.value, "index", lang)} (${s.dates[ex.min.index]}).`
      : "";
    const rows = [];
    s.dates.forEach((d, i) => {
      rows.push({
        x: x[i],
        y: res.growth.step[i] * 100,
        series: lang === "zh" ? "环比（上一期）" : "vs previous",
        provenance: "published",
      });
      if (res.growth.period)
        rows.push({
          x: x[i],
          y: res.growth.period[i] * 100,
          series:
            lang === "zh" ? `同比（${opts.period}期前）` : `vs ${opts.period} periods earlier`,
          provenance: "published",
        });
    });
    const vm = {
      kind: "line",
      xType: "time",
      unit: "pct",
      zeroLine: true,
      rows,
      labelPublished: false,
    };
    const plot = make("div", "plot");
    plot.append(render(vm, { width, lang }));
    g.append(plot, desc);
    const tableRows = s.dates.map((d, i) => ({
      date: d,
      value: s.values[i],
      step: res.growth.step[i] * 100,
      period: res.growth.period ? res.growth.period[i] * 100 : NaN,
    }));
    const details = make("details", "data");
    details.append(make("summary", null, t(lang, "dataTable")));
    const wrap = make("div", "table-wrap");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", t(lang, "dataTable"));
    wrap.append(
      tbl.build(
        {
          columns: [
            { key: "date", label: opts.date, type: "text" },
            { key: "value", label: opts.value, type: "num" },
            { key: "step", label: lang === "zh" ? "环比 %" : "vs previous %", type: "num" },
            {
              key: "period",
              label: lang === "zh" ? "同比 %" : "vs a period earlier %",
              type: "num",
            },
          ],
          rows: tableRows,
        },
        { caption: label, lang },
      ),
    );
    details.append(wrap);
    g.append(details);
  } else g.append(make("p", "error", explain(res.errors.growth)));
  out.push(g);
  // STL
  const st = block(`${t(lang, "ownStl")}: ${label}`);
  if (res.stl) {
    const names =
      lang === "zh"
        ? ["原值", "趋势", "季节", "残差"]
        : ["Observed", "Trend", "Seasonal", "Remainder"];
    const rows = [];
    s.dates.forEach((d, i) => {
      rows.push({
        x: x[i],
        y: s.values[i],
        facet: names[0],
        series: "observed",
        provenance: "published",
      });
      rows.push({
        x: x[i],
        y: res.stl.trend[i],
        facet: names[1],
        series: "trend",
        provenance: "published",
      });
      rows.push({
        x: x[i],
        y: res.stl.seasonal[i],
        facet: names[2],
        series: "seasonal",
        provenance: "published",
      });
      rows.push({
        x: x[i],
        y: res.stl.remainder[i],
        facet: names[3],
        series: "remainder",
        provenance: "published",
      });
    });
    const plot = make("div", "plot");
    plot.append(
      render(
        {
          kind: "facets",
          unit: "index",
          rows,
          facets: names,
          series: ["observed", "trend", "seasonal", "remainder"],
        },
        { width, lang },
      ),
    );
    const desc = make(
      "p",
      "description",
      lang === "zh"
        ? `季节强度${fmt.value(res.stl.seasonalStrength, "index", lang, { digits: 2 })}，趋势强度${fmt.value(res.stl.trendStrength, "index", lang, { digits: 2 })}（周期${opts.period}）。`
        : `Seasonal strength ${fmt.value(res.stl.seasonalStrength, "index", lang, { digits: 2 })}, trend strength ${fmt.value(res.stl.trendStrength, "index", lang, { digits: 2 })} (period ${opts.period}).`,
    );
    st.append(plot, desc);
  } else st.append(make("p", "error", explain(res.errors.stl)));
  out.push(st);
  // Breakdown
  if (res.breakdown || res.errors.breakdown) {
    const b = block(`${t(lang, "ownTier")}: ${opts.entity} · ${res.breakdown?.date ?? ""}`);
    if (res.breakdown) b.append(...renderTier(res.breakdown, opts, { lang, width }));
    else b.append(make("p", "error", explain(res.errors.breakdown)));
    out.push(b);
  }
  ui.result.replaceChildren(...out);
  ui.result.dataset.state = "done";
}
