// Direct labels for line charts: each series named at the end of its line, in the right margin,
// with a short leader in the series' colour from its last point to its name. Where several lines
// share a chart a legend makes the reader look back and forth between the key and the lines;
// a name at the line's end does not. Names are moved apart vertically (in their lines' order)
// so none overlaps another; where they cannot fit (too many, or a name too long even on three
// lines) the chart keeps its legend instead.

import { plainName } from "./i18n.js";
import { textWidth, wrapLabel } from "./labels.js";

// The widest line a name may take before it wraps (px at the charts' 11 px), and how many
// lines all names together may take in a chart's height (its plot area is at least ~160 px:
// 8 lines of 14 px and their gaps fit).
const MAX_LINE = 100;
const MAX_LINES_TOTAL = 8;
// Vertical step of a name's lines, the gap between two names, and the leader's run (px).
const LINE_PX = 14;
const GAP_PX = 3;
const LEAD_PX = 10;

/** A series' name as a chart draws it (no Chinese on the English page: SVG text is unmarked). */
export const seriesLabel = (vm, s, lang) => vm.seriesNames?.[s]?.[lang] ?? plainName(s, lang);

/**
 * Which names a line chart draws at its lines' ends, or null (then the legend names the
 * series). A chart of two or more series gets them when they fit; a chart of one series only
 * when it asks (`vm.endLabels: true`, e.g. one line standing for several entities). Does not
 * depend on the width, so the legend (drawn before the width is known, and once for the phone
 * and the desktop picture of the build) agrees with every drawing.
 * @returns {{ labels: {series: string, lines: string[]}[], width: number } | null}
 *   width: the right margin the names need.
 */
export function endLabels(vm, lang) {
  if (vm.kind !== "line" || vm.endLabels === false) return null;
  const series = [...new Set(vm.rows.filter((r) => Number.isFinite(r.y)).map((r) => r.series))];
  if (series.length < (vm.endLabels ? 1 : 2)) return null;
  const labels = series.map((s) => ({
    series: s,
    lines: wrapLabel(seriesLabel(vm, s, lang), MAX_LINE),
  }));
  const total = labels.reduce((n, l) => n + l.lines.length, 0);
  if (labels.some((l) => l.lines.length > 3) || total > MAX_LINES_TOTAL) return null;
  const widest = Math.max(...labels.flatMap((l) => l.lines.map((t) => textWidth(t))));
  return { labels, width: Math.ceil(widest) + LEAD_PX + 10 };
}

/**
 * Centres for boxes of heights `h` wanted at `want` (px, top to bottom order of the lines'
 * ends), kept within [top, bottom] and at least GAP_PX apart, each as near its own line as that
 * allows: pushed down from the top, then back up from the bottom.
 */
export function dodge(want, h, top, bottom) {
  const c = [...want];
  for (let i = 0; i < c.length; i++) {
    const min = i === 0 ? top + h[0] / 2 : c[i - 1] + (h[i - 1] + h[i]) / 2 + GAP_PX;
    c[i] = Math.max(c[i], min);
  }
  for (let i = c.length - 1; i >= 0; i--) {
    const max = i === c.length - 1 ? bottom - h[i] / 2 : c[i + 1] - (h[i] + h[i + 1]) / 2 - GAP_PX;
    c[i] = Math.min(c[i], max);
  }
  return c;
}

/**
 * Draws the names of `plan` into a rendered Plot line chart: at each series' last point (by the
 * chart's own x and y scales), in the right margin, with a leader in the series' colour.
 * `colour(series)` gives that colour.
 */
export function drawEndLabels(plot, vm, plan, colour) {
  const ns = "http://www.w3.org/2000/svg";
  const x = plot.scale("x");
  const y = plot.scale("y");
  const last = new Map();
  for (const r of vm.rows)
    if (Number.isFinite(r.y) && !(+last.get(r.series)?.x > +r.x)) last.set(r.series, r);
  const items = plan.labels
    .filter((l) => last.has(l.series))
    .map((l) => {
      const p = last.get(l.series);
      return { ...l, px: x.apply(p.x), py: y.apply(p.y), h: l.lines.length * LINE_PX };
    })
    .filter((d) => Number.isFinite(d.px) && Number.isFinite(d.py))
    .sort((a, b) => a.py - b.py);
  if (!items.length) return;
  const [y0, y1] = [Math.min(...y.range), Math.max(...y.range)];
  const centres = dodge(
    items.map((d) => d.py),
    items.map((d) => d.h),
    y0,
    y1,
  );
  const right = Math.max(...x.range);
  const g = document.createElementNS(ns, "g");
  g.setAttribute("aria-hidden", "true");
  const leaders = document.createElementNS(ns, "g");
  // A mark like Plot's own (the look tests check its contrast as they check lines).
  leaders.setAttribute("aria-label", "link");
  const names = document.createElementNS(ns, "g");
  names.setAttribute("aria-label", "end labels");
  items.forEach((d, i) => {
    const tx = right + LEAD_PX + 4;
    const path = document.createElementNS(ns, "path");
    const bend = Math.max(d.px + 6, right + 2);
    path.setAttribute("d", `M${d.px + 5},${d.py}L${bend},${d.py}L${tx - 2},${centres[i]}`);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", colour(d.series));
    path.setAttribute("stroke-width", "1.5");
    leaders.append(path);
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", String(tx));
    text.setAttribute("y", String(centres[i] - ((d.lines.length - 1) * LINE_PX) / 2));
    text.setAttribute("fill", "currentColor");
    text.setAttribute("text-anchor", "start");
    d.lines.forEach((line, k) => {
      const span = document.createElementNS(ns, "tspan");
      span.setAttribute("x", String(tx));
      span.setAttribute("dy", k === 0 ? "0.32em" : `${LINE_PX}px`);
      span.textContent = line;
      text.append(span);
    });
    names.append(text);
  });
  g.append(leaders, names);
  plot.append(g);
}
