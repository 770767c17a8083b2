// Data tables (real <table>, sortable, keyboard reachable) and CSV text. Every cell is set with
// textContent: strings from datasets or from a reader's file are never parsed as HTML.
import * as fmt from "./format.js";
import { name, provName, t, unitHead } from "./i18n.js";
import { markChinese } from "./lang-mark.js";

/** Column header text with its unit. */
export function header(c, lang) {
  const label = typeof c.label === "string" ? c.label : (c.label?.[lang] ?? c.key);
  const u = c.unit && unitHead(c.unit, lang);
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
    case "numOrText":
      return typeof v === "number" ? fmt.plain(v, lang) : String(v);
    case "prov":
      return provName(v, lang);
    case "verdict":
      return t(lang, `verdict_${v}`);
    case "name":
      return lang === "zh" || name(v, lang).includes(String(v))
        ? name(v, lang)
        : `${name(v, lang)} (${v})`;
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
          const v = r[c.key];
          if (
            c.type === "name" &&
            lang !== "zh" &&
            v != null &&
            !name(v, lang).includes(String(v))
          ) {
            // "Beijing (北京)": the original keeps its language for screen readers and tests.
            const orig = document.createElement("span");
            orig.lang = "zh-CN";
            orig.textContent = String(v);
            td.append(`${name(v, lang)} (`, orig, ")");
          } else td.textContent = cell(c, v, lang);
          // Chinese originals (quotes, units) on the English page: screen readers switch voice.
          // A column of originals says its language; a cell written in English (a printed
          // value the datasets note in English) says so instead.
          if (c.lang) {
            const text = td.textContent;
            const own = /[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]+){2,}/.test(text)
              ? "en"
              : /[\u3400-\u9fff]/.test(text)
                ? "zh-CN"
                : /[A-Za-z]{2,}/.test(text)
                  ? "en"
                  : c.lang;
            if (own !== (lang === "zh" ? "zh-CN" : "en")) td.lang = own;
          }
          if (c.type === "num") td.className = "num";
          // Dataset strings on the English page are originals: their Chinese keeps its language.
          if (lang !== "zh" && (c.type === "text" || c.type === "name" || c.type === "numOrText"))
            markChinese(td, { all: true });
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
