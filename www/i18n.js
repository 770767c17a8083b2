// The one translation lookup of the page: UI strings, error explanations, provenance names, the
// names of data labels and the labels chart declarations refer to by key (term()), read from
// the text layer of each language (text/zh.js, text/en.js).
// Chinese, the report's language and the page's default, is built in; English is loaded on
// demand (loadLang("en"), about 40 KB of text a Chinese reader never needs). Until it is loaded,
// asking for an English string throws rather than answering in the wrong language.
import * as zh from "./text/zh.js";

const TEXT = { zh, en: null };
let english = null; // Promise of the English text layer, once asked for

/** Loads a language's text layer (a no-op for Chinese, or English once loaded). */
export function loadLang(lang) {
  if (lang !== "en") return Promise.resolve();
  english ??= import("./text/en.js").then((m) => {
    TEXT.en = m;
  });
  // A failed load (network) is not kept: the next call tries again.
  english.catch(() => {
    english = null;
  });
  return english;
}

function of(lang) {
  if (lang !== "en") return zh;
  if (!TEXT.en) throw new Error('the English text layer is not loaded: await loadLang("en") first');
  return TEXT.en;
}

/** Plain-words explanations of the module's error codes, by language. */
export const ERRORS = {
  zh: zh.errors,
  get en() {
    return of("en").errors;
  },
};

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
  return {
    zh: zh.titles[id],
    get en() {
      return of("en").titles[id];
    },
  };
}

/**
 * A label of the chart declarations (toggle, option, table column, series) in both languages,
 * `{zh, en}`, from the text layer's `terms` by key (English read when asked for). A key missing
 * in Chinese throws when the declarations load; tests/e2e/look-text.test.mjs holds both
 * languages to the same keys, so a typo cannot reach the page as a blank label.
 */
export function term(key) {
  if (zh.terms[key] === undefined)
    throw new Error(`no term "${key}" in the text layer (text/terms.zh.js)`);
  return {
    zh: zh.terms[key],
    get en() {
      const s = of("en").terms[key];
      if (s === undefined) throw new Error(`no term "${key}" in text/terms.en.js`);
      return s;
    },
  };
}

/** A label that reads the same in both languages (a report number, an id): `{zh, en}`. */
export function same(s) {
  return { zh: s, en: s };
}

/** A report section's title and paragraphs in the language (`{title, text}`). */
export function sectionText(lang, id) {
  return of(lang).sections[id];
}

/** A chart's sentence in the language, from the facts it computed (text/<lang>.js `say`). */
export function say(lang, key, facts) {
  const fn = of(lang).say?.[key];
  if (!fn) throw new Error(`no sentence "${key}" in the ${lang} text layer`);
  return fn(facts);
}

let kept = null;
/** Chinese names the English page keeps (their English rendering includes the original). */
export function keptNames() {
  const { names } = of("en");
  kept ??= new Set(Object.keys(names).filter((k) => names[k].includes(k)));
  return kept;
}
