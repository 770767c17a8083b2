// Label layout for the charts: how wide a label is at the charts' font size, and category
// names wrapped to the room a chart has at its width (a phone's 358 px or a desktop's 900), so
// no label overlaps another or runs out of the chart's box.

// The smallest text a chart draws (charts.js FONT_PX): 11 px stays legible on a 390 px phone.
const FONT_PX = 11;

let measurer;
let measurerPx = 0;
// Widths measured so far, by size and text: a chart measures the same ticks, names and labels
// again at every redraw (language, toggle, resize).
const measured = new Map();
/**
 * Advance width (px) of a label at FONT_PX in the charts' font: measured by a canvas in the
 * browser; estimated at build time (no canvas), generously, as CJK glyphs square and Latin
 * letters about 0.6 em.
 */
export function textWidth(s, px = FONT_PX) {
  if (measurer === undefined) {
    try {
      measurer = document.createElement("canvas").getContext("2d") ?? null;
    } catch {
      measurer = null;
    }
  }
  if (measurer) {
    const key = `${px}|${s ?? ""}`;
    let w = measured.get(key);
    if (w === undefined) {
      if (measurerPx !== px) {
        measurer.font = `${px}px system-ui, sans-serif`;
        measurerPx = px;
      }
      w = measurer.measureText(String(s ?? "")).width;
      measured.set(key, w);
    }
    return w;
  }
  let w = 0;
  for (const ch of String(s ?? "")) {
    if (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF01-\uFF60]/.test(ch)) w += px;
    else if (/[A-Z0-9%#@MW]/.test(ch)) w += px * 0.72;
    else if (/[ il.,:;'|!()[\]]/.test(ch)) w += px * 0.34;
    else w += px * 0.62;
  }
  return w;
}

/**
 * A label broken into lines no wider than `max` px: at spaces (and after "/" or "("), or between
 * CJK glyphs. A single word wider than `max` stays whole (it is then the line's width).
 */
export function wrapLabel(s, max) {
  const text = String(s ?? "");
  if (textWidth(text) <= max) return [text];
  const tokens =
    text.match(
      /[\u2E80-\u9FFF\uF900-\uFAFF\uFF01-\uFF60]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF01-\uFF60/(]+[/(]?|[/(]|\s+/g,
    ) ?? [];
  const lines = [];
  let cur = "";
  for (const tok of tokens) {
    const next = cur + tok;
    if (cur.trim() && textWidth(next.trimEnd()) > max) {
      lines.push(cur.trim());
      cur = tok.trimStart();
    } else cur = next;
  }
  if (cur.trim()) lines.push(cur.trim());
  return lines;
}

/**
 * Category labels laid out for a band of `budget` px: wrapped to at most `maxLines` lines;
 * returns the label function (lines joined by "\n", which Plot draws as lines) and the widest
 * line's width.
 */
export function fitLabels(keys, nameOf, budget, maxLines = 2) {
  const wrapped = new Map();
  let widest = 0;
  let lines = 1;
  for (const k of keys) {
    let ls = wrapLabel(nameOf(k), budget);
    if (ls.length > maxLines) {
      ls = ls.slice(0, maxLines);
      ls[maxLines - 1] = `${ls[maxLines - 1].replace(/.$/u, "")}…`;
    }
    wrapped.set(k, ls.join("\n"));
    lines = Math.max(lines, ls.length);
    for (const l of ls) widest = Math.max(widest, textWidth(l));
  }
  return { label: (k) => wrapped.get(k) ?? String(k), widest, lines };
}
