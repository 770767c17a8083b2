// What the first rows of a CSV say about the whole file: whether row 1 is a header, each
// column's type (date, number or text, with the date form and number unit seen), a role for the
// analysis (date, entity, metric, value, category), and whether the table is wide (one column
// per month, quarter or year). Everything inferred is reported so the reader can correct it.
import { DATE_NAME, isNull, parseDate, parseNumber, parseYear } from "./values.js";

/** Share of a sample's non-missing cells that must parse for a column to take that type. */
const MAJORITY = 0.8;
const GRAIN_ORDER = ["year", "quarter", "month", "day", "time"];

function classify(name, cells) {
  const vals = cells.filter((c) => c != null && !isNull(c));
  const out = { type: "text", count: vals.length };
  if (!vals.length) return out;
  const need = vals.length < 5 ? vals.length : Math.ceil(MAJORITY * vals.length);
  const dates = vals.map((v) => parseDate(v));
  const nDates = dates.filter(Boolean).length;
  if (nDates >= need) {
    const ok = dates.filter(Boolean);
    out.type = "date";
    out.grain = GRAIN_ORDER[Math.max(...ok.map((d) => GRAIN_ORDER.indexOf(d.grain)))];
    out.forms = [...new Set(ok.map((d) => d.form))];
    return out;
  }
  const years = DATE_NAME.test(name.trim()) ? vals.map(parseYear) : [];
  if (years.length && years.every(Boolean)) {
    Object.assign(out, { type: "date", grain: "year", forms: ["YYYY"] });
    return out;
  }
  const nums = vals.map((v) => parseNumber(v));
  if (nums.filter(Boolean).length >= need) {
    const ok = nums.filter(Boolean);
    const units = [...new Set(ok.map((n) => n.unit).filter(Boolean))];
    out.type = "number";
    out.units = units;
    out.grouped = ok.some((n) => n.grouped);
    return out;
  }
  out.distinct = new Set(vals).size;
  return out;
}

/** Whether row 1 looks like data: its cells fit their number/date columns (at least one). */
function rowIsData(first, types) {
  let typed = 0;
  for (let c = 0; c < first.length; c++) {
    const t = types[c]?.type;
    const v = first[c] ?? "";
    if (isNull(v)) continue;
    if (t === "number" && parseNumber(v)) typed++;
    else if (t === "date" && parseDate(v)) typed++;
    else if (t !== "number" && t !== "date")
      continue; // a text cell says nothing either way
    else return false;
  }
  return typed > 0;
}

const ENTITY =
  /entity|name|city|province|region|app|country|地区|城市|省|市|区|名称|应用|企业|品牌|国家/i;
const METRIC = /metric|indicator|measure|指标|项目|口径/i;
const VALUE = /value|amount|count|total|数值|值|数量|金额|销量|销售额|用户|人数|规模/i;

/** A role per column: the first date, the likeliest entity, metric columns, values, the rest. */
export function guessRoles(columns) {
  const roles = columns.map(() => "category");
  const dateAt = columns.findIndex((c) => c.type === "date");
  if (dateAt >= 0) roles[dateAt] = "date";
  columns.forEach((c, i) => {
    if (c.type === "number") roles[i] = "value";
    else if (c.type === "date" && i !== dateAt) roles[i] = "category";
    else if (c.type === "text" && METRIC.test(c.name)) roles[i] = "metric";
  });
  const texts = columns
    .map((c, i) => [c, i])
    .filter(([c, i]) => c.type === "text" && roles[i] !== "metric");
  const ent = texts.find(([c]) => ENTITY.test(c.name)) ?? texts[0];
  if (ent) roles[ent[1]] = "entity";
  return roles;
}

/** The value column the analysis starts with: one named like a value, else the first number. */
export function pickValue(columns, roles) {
  const vals = columns.map((c, i) => [c, i]).filter(([, i]) => roles[i] === "value");
  return (vals.find(([c]) => VALUE.test(c.name)) ?? vals[0])?.[1] ?? -1;
}

/** Header cells that are dates (month, quarter, year): the columns of a wide table. */
export function wideColumns(names) {
  const at = [];
  names.forEach((n, i) => {
    const d = parseDate(n) ?? parseYear(n);
    if (d && d.grain !== "time")
      at.push({ index: i, ms: d.ms, grain: d.grain, form: d.form, label: n.trim() });
  });
  return at.length >= 3 ? at : null;
}

/**
 * Infers the layout from the first records (each an array of strings).
 * `overrides.header` (true/false) and `overrides.types` ({column name: type}) win over guesses.
 * Returns { header, names, columns: [{name, type, grain?, forms?, units?}], roles, wide }.
 */
export function inferLayout(records, overrides = {}) {
  const most = Math.max(...records.map((r) => r.length));
  const col = (rows, c) => rows.map((r) => r[c]);
  const bodyTypes = Array.from({ length: most }, (_, c) => classify("", col(records.slice(1), c)));
  const header = overrides.header ?? !(records.length > 1 && rowIsData(records[0], bodyTypes));
  const first = records[0];
  // With a header, the header says how many columns there are (longer rows are ragged).
  const width = header ? first.length : most;
  const seen = new Map();
  const names = Array.from({ length: width }, (_, c) => {
    let n = header ? (first[c] ?? "").trim() : "";
    if (!n) n = `column ${c + 1}`;
    // Duplicate names get a suffix: Arrow allows them, but columns are picked by name here.
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    return k ? `${n} (${k + 1})` : n;
  });
  const body = header ? records.slice(1) : records;
  const columns = names.map((name, c) => {
    const inferred = classify(name, col(body, c));
    const forced = overrides.types?.[name];
    if (forced && forced !== inferred.type) return { name, type: forced, forced: true };
    return { name, ...inferred };
  });
  const wide = header ? wideColumns(names) : null;
  const roles = guessRoles(columns).map((r, i) => overrides.roles?.[names[i]] ?? r);
  return { header, names, columns, roles, wide };
}
