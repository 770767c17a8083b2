// The own-file tier breakdown on the page (issue 16, "same analyses"): each entity's share at the
// latest date, named by city tier where the module parses it, and — when the reader picks a
// baseline (another numeric column, or another metric of the file) — the baseline's shares and
// TGI (100 = as in the baseline). A chart, a table and a CSV download, like the other outputs.
import { render } from "./charts.js";
import * as tbl from "./table.js";

const TEXT = {
  zh: {
    share: "占比 %",
    base: "基准占比 %",
    tgi: "TGI",
    tgiChart: "TGI（100 = 与基准相同）",
    baseline: "基准（TGI）",
    none: "无",
    column: "列",
    metric: "指标",
    download: "下载分层与 TGI（CSV）",
    against: "基准：{b}",
  },
  en: {
    share: "Share %",
    base: "Baseline share %",
    tgi: "TGI",
    tgiChart: "TGI (100 = as in the baseline)",
    baseline: "Baseline (TGI)",
    none: "none",
    column: "column",
    metric: "metric",
    download: "Download tiers and TGI (CSV)",
    against: "Baseline: {b}",
  },
};
const tx = (lang, k, b) => TEXT[lang === "zh" ? "zh" : "en"][k].replace("{b}", b ?? "");

const make = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};

/** Label of the baseline select. */
export function baselineLabel(lang) {
  return tx(lang, "baseline");
}

/**
 * Fills the baseline <select>: none, the other numeric columns, the other metrics. Values are
 * JSON (`{"column": …}` / `{"metric": …, "metricColumn": …}`); keeps the choice when it still exists.
 */
export function fillBaseline(select, { numbers, value, metricColumn, metrics, metric }, lang) {
  const keep = select.value;
  const opt = (v, text) => {
    const o = document.createElement("option");
    o.value = v;
    o.textContent = text;
    return o;
  };
  select.replaceChildren(
    opt("", tx(lang, "none")),
    ...numbers
      .filter((n) => n !== value)
      .map((n) => opt(JSON.stringify({ column: n }), `${tx(lang, "column")}: ${n}`)),
    ...(metricColumn ? metrics : [])
      .filter((m) => m !== metric)
      .map((m) => opt(JSON.stringify({ metric: m, metricColumn }), `${tx(lang, "metric")}: ${m}`)),
  );
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

/** The chosen baseline for analyseOwn, or null. */
export function baselineOf(select) {
  return select.value ? JSON.parse(select.value) : null;
}

/** The breakdown figure's contents: chart(s), table, download. */
export function renderTier(bd, opts, { lang, width }) {
  const nameOf = (k, i) =>
    bd.tiers[i]
      ? `${bd.tiers[i][lang === "zh" ? "zh" : "en"]}${String(k) !== bd.tiers[i].zh ? ` (${k})` : ""}`
      : String(k ?? "—");
  const names = bd.keys.map(nameOf);
  const bl = bd.baseline;
  const nodes = [];
  const bar = (rows, unit, cls) => {
    const p = make("div", `plot ${cls}`);
    p.append(
      render(
        {
          kind: "bar",
          horizontal: true,
          unit,
          rows,
          series: [...new Set(rows.map((r) => r.series))],
          marginLeft: 120,
        },
        { width, lang },
      ),
    );
    return p;
  };
  const shareRows = names.map((x, i) => ({
    x,
    y: bd.shares[i],
    series: "share",
    provenance: "published",
  }));
  nodes.push(bar(shareRows, "frac", "own-share"));
  if (bl) {
    nodes.push(
      make("h4", "own-tgi-title", `${tx(lang, "tgiChart")} · ${tx(lang, "against", bl.label)}`),
    );
    const tgiRows = names
      .map((x, i) => ({ x, y: bl.tgi[i], series: "tgi", provenance: "published" }))
      .filter((r) => Number.isFinite(r.y));
    nodes.push(bar(tgiRows, "index", "own-tgi"));
  }
  const columns = [
    { key: "k", label: opts.entity, type: "text" },
    { key: "sum", label: opts.value, type: "num" },
    { key: "share", label: tx(lang, "share"), type: "num" },
  ];
  if (bl)
    columns.push(
      { key: "bsum", label: bl.label, type: "num" },
      { key: "bshare", label: tx(lang, "base"), type: "num" },
      { key: "tgi", label: tx(lang, "tgi"), type: "num" },
    );
  const view = {
    columns,
    rows: bd.keys.map((k, i) => ({
      k: names[i],
      sum: bd.sums[i],
      share: bd.shares[i] * 100,
      bsum: bl?.sums[i],
      bshare: bl ? bl.shares[i] * 100 : undefined,
      tgi: bl?.tgi[i],
    })),
  };
  const wrap = make("div", "table-wrap");
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", opts.entity);
  wrap.append(tbl.build(view, { caption: opts.entity, lang }));
  const dl = make("button", "own-tier-download", tx(lang, "download"));
  dl.type = "button";
  dl.addEventListener("click", async () => {
    const { save } = await import("./export.js");
    save(new Blob([tbl.csv(view, lang)], { type: "text/csv;charset=utf-8" }), "own-tiers.csv");
  });
  const box = make("div", "actions"); // the page's shared button look
  box.append(dl);
  nodes.push(wrap, box);
  return nodes;
}
