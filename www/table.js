// Data tables (real <table>, sortable, keyboard reachable) and CSV text. Every cell is set with
// textContent: strings from datasets or from a reader's file are never parsed as HTML.
import * as fmt from "./format.js";
import { name, provName, t } from "./i18n.js";

const UNIT_HEAD = {
  zh: {
    "10k": "万台",
    "100m": "亿",
    pct: "%",
    pp: "百分点",
    ratio: "倍",
    points: "分",
    count: "个",
  },
  en: {
    "10k": "×10,000 devices",
    "100m": "×100 million",
    pct: "%",
    pp: "pp",
    ratio: "×",
    points: "points",
    count: "count",
  },
};

/** Column header text with its unit. */
export function header(c, lang) {
  const label = typeof c.label === "string" ? c.label : (c.label?.[lang] ?? c.key);
  const u = c.unit && UNIT_HEAD[lang][c.unit];
  return u && !label.includes(u) ? `${label} (${u})` : label;
}

/** Display text of one cell. */
export function cell(c, v, lang) {
  if (v == null || (typeof v === "number" && Number.isNaN(v))) return "—";
  switch (c.type) {
    case "month":
      return fmt.month(v, lang);
    case "year":
      return fmt.year(v, lang);
    case "hour":
      return fmt.hour(v, lang);
    case "num":
      return typeof v === "number"
        ? new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en", {
            maximumFractionDigits: 4,
          }).format(v)
        : String(v);
    case "numOrText":
      return typeof v === "number"
        ? new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en", {
            maximumFractionDigits: 4,
          }).format(v)
        : String(v);
    case "prov":
      return provName(v, lang);
    case "verdict":
      return t(lang, `verdict_${v}`);
    case "name":
      return lang === "zh" || name(v, lang) === String(v) ? String(v) : `${name(v, lang)} (${v})`;
    default:
      return String(v);
  }
}

/** Raw value of a cell for CSV (ISO dates, full-precision numbers, original strings). */
function raw(c, v) {
  if (v == null || (typeof v === "number" && Number.isNaN(v))) return "";
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV text (UTF-8 BOM first, CRLF lines) of a table view model. */
export function csv(tbl, lang) {
  const lines = [tbl.columns.map((c) => csvField(header(c, lang))).join(",")];
  for (const r of tbl.rows)
    lines.push(tbl.columns.map((c) => csvField(raw(c, r[c.key]))).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/** A sortable <table> element; caption is the chart title. */
export function build(tbl, { caption, lang, id }) {
  const table = document.createElement("table");
  const cap = document.createElement("caption");
  cap.textContent = caption;
  table.append(cap);
  const thead = document.createElement("thead");
  const tr = document.createElement("tr");
  const tbody = document.createElement("tbody");
  let rows = tbl.rows.slice();
  let sortKey = null;
  let dir = 1;
  const fill = () => {
    tbody.replaceChildren(
      ...rows.map((r) => {
        const row = document.createElement("tr");
        // A row other parts of the page link to (a headline card to its claim).
        if (tbl.rowId) {
          row.id = tbl.rowId(r);
          row.tabIndex = -1;
        }
        for (const c of tbl.columns) {
          const td = document.createElement("td");
          td.textContent = cell(c, r[c.key], lang);
          // Chinese originals (quotes, units) on the English page: screen readers switch voice.
          if (c.lang && c.lang !== (lang === "zh" ? "zh-CN" : "en")) td.lang = c.lang;
          if (c.type === "num") td.className = "num";
          row.append(td);
        }
        return row;
      }),
    );
  };
  tbl.columns.forEach((c) => {
    const th = document.createElement("th");
    th.scope = "col";
    const b = document.createElement("button");
    b.type = "button";
    b.className = "sort";
    b.textContent = header(c, lang);
    b.title = t(lang, "sortBy");
    b.addEventListener("click", () => {
      dir = sortKey === c.key ? -dir : c.type === "num" ? -1 : 1;
      sortKey = c.key;
      rows = tbl.rows.slice().sort((a, z) => {
        const x = a[c.key];
        const y = z[c.key];
        if (x == null) return 1;
        if (y == null) return -1;
        if (typeof x === "number" && typeof y === "number") return dir * (x - y);
        return dir * String(x).localeCompare(String(y), lang === "zh" ? "zh-CN" : "en");
      });
      for (const h of tr.children) h.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      fill();
    });
    th.append(b);
    if (c.type === "num") th.className = "num";
    tr.append(th);
  });
  thead.append(tr);
  table.append(thead, tbody);
  fill();
  if (id) table.id = id;
  return table;
}
