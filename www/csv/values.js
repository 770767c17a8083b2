// Reading one CSV cell: missing-value markers, numbers as spreadsheets in China print them
// (thousands separators, %, 万/亿 suffixes) and dates (2023/1/1, 2023-01, 2023年1月, ISO).
// Numbers are rebuilt from their decimal digits with a shifted exponent (Number("1.2e8")), so
// "1.2亿" is the double nearest 120,000,000 and not 1.2 × 1e8 rounded twice.

/** Cells read as missing (pyarrow's default null markers plus the dashes Excel users type). */
const NULLS = new Set([
  "",
  "#N/A",
  "#N/A N/A",
  "#NA",
  "N/A",
  "NA",
  "NULL",
  "NaN",
  "n/a",
  "nan",
  "null",
  "-",
  "--",
  "—",
  "–",
  "..",
  "…",
]);

export function isNull(s) {
  return s === "" || NULLS.has(s) || NULLS.has(s.trim());
}

// Most cells are plain decimals: Number() reads them exactly as the general path would.
export const PLAIN = /^-?\d+(?:\.\d+)?$/;

// Sign, integer part (plain or grouped by commas in threes), fraction, exponent, then an
// optional suffix. Currency signs in front are dropped; U+2212 and full-width minus read as "-".
const NUMBER =
  /^([+-]?)[¥￥$]?\s*(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?\s*(%|‰|万亿|亿|万)?$/;
const SHIFT = { "%": 0, "‰": 0, 万: 4, 亿: 8, 万亿: 12 };

/**
 * Parses a number cell. Returns null when the text is not a number.
 * `value` is in base units for 万/亿 (the suffix is reported as `unit`); % and ‰ keep the
 * printed number (35% → 35, unit "%"). `grouped` says a thousands separator was seen.
 * @example parseNumber("1.2亿") // { value: 120000000, unit: "亿", grouped: false }
 */
export function parseNumber(text) {
  if (PLAIN.test(text)) return { value: Number(text), unit: "", grouped: false };
  const s = text.trim().replace(/^[\u2212\uFF0D]/, "-");
  const m = NUMBER.exec(s);
  if (!m) return null;
  const [, sign, int, frac, exp, unit] = m;
  if (!int && !frac) return null;
  const e = (exp ? Number(exp) : 0) + (unit ? SHIFT[unit] : 0);
  const digits = `${sign}${int ? int.replaceAll(",", "") : "0"}${frac ? `.${frac}` : ""}`;
  const value = Number(e ? `${digits}e${e}` : digits);
  if (!Number.isFinite(value)) return null;
  return { value, unit: unit ?? "", grouped: int.includes(",") };
}

const DAY = 864e5;
function utc(y, m, d = 1, hh = 0, mm = 0, ss = 0, ms = 0) {
  if (m < 1 || m > 12 || d < 1 || hh > 23 || mm > 59 || ss > 59) return null;
  const t = Date.UTC(y, m - 1, d, hh, mm, ss, ms);
  // Date.UTC rolls 2023-02-30 over into March: refuse instead.
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return null;
  return t;
}

const QUARTER = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
// Each form: a regex and how to turn its groups into [ms, grain, form label].
const DATE_FORMS = [
  [
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    (m) => {
      if (m[4] == null) return [utc(+m[1], +m[2], +m[3]), "day", "YYYY-MM-DD"];
      let t = utc(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), +(m[7] ?? "0").padEnd(3, "0"));
      if (t != null && m[8] && m[8] !== "Z") {
        const z = /([+-])(\d{2}):?(\d{2})/.exec(m[8]);
        t -= (z[1] === "-" ? -1 : 1) * (+z[2] * 60 + +z[3]) * 6e4;
      }
      return [t, "time", "ISO 8601"];
    },
  ],
  [/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, (m) => [utc(+m[1], +m[2], +m[3]), "day", "YYYY/M/D"]],
  [/^(\d{4})\.(\d{1,2})\.(\d{1,2})$/, (m) => [utc(+m[1], +m[2], +m[3]), "day", "YYYY.M.D"]],
  [
    /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$/,
    (m) => [utc(+m[1], +m[2], +m[3]), "day", "YYYY年M月D日"],
  ],
  [/^(\d{4})-(\d{1,2})$/, (m) => [utc(+m[1], +m[2]), "month", "YYYY-MM"]],
  [/^(\d{4})\/(\d{1,2})$/, (m) => [utc(+m[1], +m[2]), "month", "YYYY/M"]],
  [/^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?$/, (m) => [utc(+m[1], +m[2]), "month", "YYYY年M月"]],
  [
    /^(\d{4})\s*(?:年\s*第?\s*([一二三四1-4])\s*季度?|-?Q([1-4]))$/i,
    (m) => [utc(+m[1], 3 * QUARTER[m[2] ?? m[3]] - 2), "quarter", "YYYY年第N季度 / YYYYQn"],
  ],
  [/^(\d{4})\s*年$/, (m) => [utc(+m[1], 1), "year", "YYYY年"]],
];

/**
 * Parses a date cell. Returns null when the text is not one of the forms above, or names a day
 * that does not exist. `ms` is the UTC instant (first day of the month/quarter/year for coarser
 * grains); `grain` is day, month, quarter, year or time.
 * @example parseDate("2023年1月") // { ms: 1672531200000, grain: "month", form: "YYYY年M月" }
 */
export function parseDate(text) {
  let hit = cache.get(text);
  if (hit === undefined) {
    hit = parseDateUncached(text);
    // Dates repeat (a monthly file has a few hundred distinct ones): remember a bounded number.
    if (cache.size > 50_000) cache.clear();
    cache.set(text, hit);
  }
  return hit;
}
const cache = new Map();

function parseDateUncached(text) {
  const s = text.trim();
  if (s.length < 5 || s.length > 40) return null;
  for (const [re, f] of DATE_FORMS) {
    const m = re.exec(s);
    if (!m) continue;
    const [ms, grain, form] = f(m);
    return ms == null ? null : { ms, grain, form };
  }
  return null;
}

/** A bare year (1000–2999) as a date: used for year-named columns and wide headers like "2019". */
export function parseYear(text) {
  const s = text.trim();
  if (!/^[12]\d{3}$/.test(s)) return null;
  return { ms: Date.UTC(+s, 0, 1), grain: "year", form: "YYYY" };
}

/** A header or column name that says "this column holds dates/years". */
export const DATE_NAME =
  /^(date|time|year|month|period|日期|时间|年份?|月份?|年月|期间|统计时间)$/i;

/** ISO text of a day (for messages and reports). */
export function isoDay(ms) {
  return new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10);
}
