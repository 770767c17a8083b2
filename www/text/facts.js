// What the sentences of the text layer (zh.js, en.js) use to turn a chart's computed facts into
// words in their language: numbers and dates through format.js, data labels through the
// language's names, and the provenance rule of issue 11 — a reconstructed value is never said
// as a figure (said() returns null for it, so the sentence says what the report says instead).
import * as fmt from "../format.js";

/** Formatting helpers bound to one language and its names / provenance words. */
export function helpers(lang, names, provenance) {
  const name = (s) => (s == null ? "" : (names[s] ?? String(s)));
  /** A value as a sentence may print it (with its qualifier), or null when reconstructed. */
  const said = (p, unit, opts) =>
    !p || p.provenance === "reconstructed" || !Number.isFinite(p.value)
      ? null
      : `${fmt.qualifier(p.qualifier)}${fmt.value(p.value, unit, lang, opts)}`;
  return {
    name,
    said,
    prov: (p) => provenance[p] ?? p ?? "",
    value: (v, unit, opts) => fmt.value(v, unit, lang, opts),
    month: (iso) => fmt.month(iso, lang),
    monthName: (m) => fmt.monthName(m, lang),
    hour: (iso) => fmt.hour(iso, lang),
    list: (items) => fmt.list(items, lang),
    /** "广东1080万、…" for the printed points; null when every point is reconstructed. */
    printedList(rows, unit, label) {
      const items = rows.map((r) => [label(r), said(r, unit)]).filter(([, v]) => v);
      if (!items.length) return null;
      return items
        .map(([k, v]) => `${k}${lang === "zh" ? "" : " "}${v}`)
        .join(lang === "zh" ? "、" : ", ");
    },
  };
}
