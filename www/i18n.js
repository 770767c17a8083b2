// The one translation lookup of the page: UI strings, error explanations, provenance names, the
// names of data labels and the labels chart declarations refer to by key (term()), read from
// the text layer of each language (text/zh.js, text/en.js).
import * as en from "./text/en.js";
import * as zh from "./text/zh.js";

const TEXT = { zh, en };
const of = (lang) => TEXT[lang] ?? zh;

/** UI strings by language (kept as an export for modules that list them). */
export const UI = { zh: zh.ui, en: en.ui };

/** Plain-words explanations of the module's error codes. */
export const ERRORS = { zh: zh.errors, en: en.errors };

/** A UI string, with {placeholders} filled from `vars`. */
export function t(lang, key, vars = {}) {
  let s = of(lang).ui[key] ?? zh.ui[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** The name of a data label in the language (Chinese originals kept in zh). */
export function name(s, lang) {
  if (s == null) return "";
  return of(lang).names[s] ?? String(s);
}

/**
 * A data label's name with no Chinese in it, for places that cannot mark a language (tooltips,
 * attributes): "交管12123 (traffic police)" → "traffic police" on the English page.
 */
export function plainName(s, lang) {
  const n = name(s, lang);
  if (lang === "zh" || !/[\u3400-\u9fff]/.test(n)) return n;
  return n.match(/\(([^)]*)\)\s*$/)?.[1] ?? n;
}

/** The reader's word for a provenance (published / external / reconstructed). */
export function provName(p, lang) {
  return of(lang).provenance[p] ?? p ?? "";
}

/** The unit line under a chart's title ("" for a unit without one). */
export function unitLine(unit, lang) {
  return of(lang).unitLines[unit] ?? "";
}

/** A unit as a table header adds it ("万台", "pp"), or undefined. */
export function unitHead(unit, lang) {
  return of(lang).unitHeads[unit];
}

/** The readable name of a consistency check (its id when it has none). */
export function checkName(id, lang) {
  return of(lang).checks[id] ?? String(id);
}

/** A claim's unit in the language (claims.arrow keeps the report's or an English unit). */
export function claimUnit(u, lang) {
  return of(lang).claimUnits[u] ?? u;
}

/** A chart's title in both languages ({zh, en}, as declarations carry it), from the text layer. */
export function title(id) {
  return { zh: zh.titles[id], en: en.titles[id] };
}

/**
 * A label of the chart declarations (toggle, option, table column, series) in both languages,
 * `{zh, en}`, from the text layer's `terms` by key. A key missing in either language throws
 * when the declarations load, so a typo cannot reach the page as a blank label.
 */
export function term(key) {
  const pair = { zh: zh.terms[key], en: en.terms[key] };
  if (pair.zh === undefined || pair.en === undefined)
    throw new Error(`no term "${key}" in both text layers (text/terms.zh.js, terms.en.js)`);
  return pair;
}

/** A chart's sentence in the language, from the facts it computed (text/<lang>.js `say`). */
export function say(lang, key, facts) {
  const fn = of(lang).say?.[key];
  if (!fn) throw new Error(`no sentence "${key}" in the ${lang} text layer`);
  return fn(facts);
}

/** Chinese names the English page keeps (their English rendering includes the original). */
export const KEPT_NAMES = new Set(Object.keys(en.names).filter((k) => en.names[k].includes(k)));
