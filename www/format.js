// Number, date and unit formatting for both languages (Intl only; no analytics here).
// Units are the datasets' own (see each dataset's `unit`): "10k" = 万台 (×10,000 devices),
// "100m" = 亿 (×100,000,000), "pct" = per cent, "pp" = percentage points, "index" = plain
// number (TGI, EGDI), "count", "rank", "points", "ratio" (×, e.g. ratio to January 2020).

const locales = { zh: "zh-CN", en: "en" };
const cache = new Map();
function nf(lang, opts) {
  const key = lang + JSON.stringify(opts);
  if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(locales[lang] ?? "zh-CN", opts));
  return cache.get(key);
}

/** A number as a table prints it: grouped, up to four decimals ("1,796.8"). */
export function plain(v, lang) {
  return nf(lang, { maximumFractionDigits: 4 }).format(v);
}

/** A compact count: 13.9亿 / 1.39B, 7,260万 / 72.6M. */
export function compact(v, lang, digits = 3) {
  if (!Number.isFinite(v)) return "—";
  return nf(lang, { notation: "compact", maximumSignificantDigits: digits }).format(v);
}

/** Formats a dataset value in its unit. */
export function value(v, unit, lang, { digits } = {}) {
  if (!Number.isFinite(v)) return "—";
  switch (unit) {
    case "10k":
      return compact(v * 1e4, lang, digits ?? 3);
    case "100m":
      return compact(v * 1e8, lang, digits ?? 3);
    case "pct":
      return nf(lang, { maximumFractionDigits: digits ?? 2 }).format(v) + "%";
    case "frac": // a fraction 0..1 shown as per cent
      return nf(lang, { style: "percent", maximumFractionDigits: digits ?? 1 }).format(v);
    case "pp": {
      const s = nf(lang, { maximumFractionDigits: digits ?? 1, signDisplay: "exceptZero" }).format(
        v,
      );
      return lang === "zh" ? `${s}个百分点` : `${s} pp`;
    }
    case "ratio":
      return nf(lang, { maximumFractionDigits: digits ?? 2 }).format(v) + "×";
    case "rank":
      return lang === "zh" ? `第${nf(lang, {}).format(v)}名` : `#${nf(lang, {}).format(v)}`;
    default:
      return nf(lang, { maximumFractionDigits: digits ?? 4 }).format(v);
  }
}

/** A short axis tick in the unit (no "个百分点" on every tick). */
export function tick(unit, lang) {
  switch (unit) {
    case "10k":
    case "100m":
      return (v) => value(v, unit, lang, { digits: 3 });
    case "pct":
      return (v) => nf(lang, { maximumFractionDigits: 2 }).format(v) + "%";
    case "frac":
      return (v) => nf(lang, { style: "percent", maximumFractionDigits: 0 }).format(v);
    case "pp":
      return (v) => nf(lang, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(v);
    case "ratio":
      return (v) => nf(lang, { maximumFractionDigits: 2 }).format(v) + "×";
    default:
      return (v) => nf(lang, { maximumFractionDigits: 3 }).format(v);
  }
}

/** "2023年9月" / "Sep 2023" from an ISO date. */
export function month(iso, lang) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso ?? "");
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  if (lang === "zh") return `${y}年${m}月`;
  return EN_MONTH_YEAR.format(d);
}
// Made once: a formatter per call was a large share of drawing the report's tables and axes.
const EN_MONTH_YEAR = new Intl.DateTimeFormat("en", {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const EN_MONTH = new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" });

/** "2023年" / "2023". */
export function year(iso, lang) {
  const y = new Date(iso).getUTCFullYear();
  return lang === "zh" ? `${y}年` : String(y);
}

/** "15时" / "15:00" from an ISO timestamp. */
export function hour(iso, lang) {
  const h = new Date(iso).getUTCHours();
  return lang === "zh" ? `${h}时` : `${String(h).padStart(2, "0")}:00`;
}

/** Month name only: "9月" / "Sep". */
export function monthName(m, lang) {
  if (lang === "zh") return `${m}月`;
  return EN_MONTH.format(Date.UTC(2000, m - 1, 1));
}

/** A list joined in the language: "4月和9月" / "Apr and Sep". */
export function list(items, lang) {
  return new Intl.ListFormat(locales[lang], { style: "long", type: "conjunction" }).format(items);
}

/** ISO date / timestamp (as the module renders them) to a UTC Date. */
export function toDate(iso) {
  if (iso == null) return null;
  const s = String(iso);
  return new Date(/T/.test(s) && !/(Z|[+-]\d\d:?\d\d)$/.test(s) ? `${s}Z` : s);
}

/** The month (1–12) of an ISO date. */
export function monthOf(iso) {
  return toDate(iso).getUTCMonth() + 1;
}

const QUALIFIERS = new Set(["≈", ">", "<", "≥", "≤"]);
/** The printed qualifier to show before a number ("≈", ">", …); "" for exact values ("=", null). */
export function qualifier(q) {
  const c = String(q ?? "").trim()[0];
  return QUALIFIERS.has(c) ? c : "";
}
