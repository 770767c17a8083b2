// Generic chart renderers with Observable Plot (self-hosted in vendor/). A view model in,
// an SVG out: no fetching, no analytics here. Provenance is drawn the same way everywhere:
//   published      solid line, filled dot / solid bar
//   external       solid line, hollow dot / lighter bar with a solid outline
//   reconstructed  dashed line, no dot / hatched bar with a dashed outline

import { drawEndLabels, endLabels } from "./end-labels.js";
import * as fmt from "./format.js";
import { name, plainName, provName } from "./i18n.js";
import { fitLabels, textWidth } from "./labels.js";
import * as Plot from "./vendor/plot.js";

// The smallest text a chart draws (ticks, labels): 11 px stays legible on a 390 px phone.
export const FONT_PX = 11;

// Okabe–Ito hues (colour-blind safe), darkened where needed so that every mark has at least
// 3:1 contrast against the page and card backgrounds in both light and dark themes
// (#fdfdfc, #f3f4f6, #15171a, #1f2226; lowest 3.08).
export const PALETTE = [
  "#0072B2",
  "#B86E00",
  "#0A7F6E",
  "#A8559A",
  "#2B8CC4",
  "#D55E00",
  "#9C7A00",
];

// One colour per app across the whole report (the palette index); other series take the
// palette colours in order.
const APP_COLOUR = {
  交管12123: 0,
  铁路12306: 1,
  网上国网: 2,
  个人所得税: 3,
  云闪付: 4,
  中油好客e站: 5,
  易捷加油: 6,
};

/** The colours of a chart's series, in domain order: an app keeps its colour everywhere. */
export function seriesColours(domain) {
  const own = domain.every((s) => s in APP_COLOUR);
  return domain.map((s, i) => PALETTE[own ? APP_COLOUR[s] : i % PALETTE.length]);
}
export const DASH = "5,4";

/** Plot attaches an inline <style>; the page's CSP forbids inline styles, and site.css carries it. */
function csp(svg) {
  for (const s of svg.querySelectorAll("style")) s.remove();
  return svg;
}

/** Hatch patterns for reconstructed bars, one per palette colour (ids are per-SVG unique). */
let hatchSeq = 0;
function addHatches(svg, colors) {
  const ns = "http://www.w3.org/2000/svg";
  const defs = document.createElementNS(ns, "defs");
  const prefix = `hatch${++hatchSeq}-`;
  colors.forEach((c, i) => {
    const p = document.createElementNS(ns, "pattern");
    p.setAttribute("id", prefix + i);
    p.setAttribute("patternUnits", "userSpaceOnUse");
    p.setAttribute("width", "6");
    p.setAttribute("height", "6");
    p.setAttribute("patternTransform", "rotate(45)");
    const bg = document.createElementNS(ns, "rect");
    bg.setAttribute("width", "6");
    bg.setAttribute("height", "6");
    bg.setAttribute("fill", c);
    bg.setAttribute("fill-opacity", "0.18");
    const line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("y1", "0");
    line.setAttribute("x2", "0");
    line.setAttribute("y2", "6");
    line.setAttribute("stroke", c);
    line.setAttribute("stroke-width", "2.5");
    p.append(bg, line);
    defs.append(p);
  });
  svg.prepend(defs);
  return prefix;
}

/** Splits each series into runs of solid (both ends not reconstructed) and dashed segments. */
function runs(points, key = "series") {
  const groups = new Map();
  for (const p of points) {
    if (!Number.isFinite(p.y)) continue;
    const k = p[key] ?? "";
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(p);
  }
  const solid = [];
  const dashed = [];
  for (const [k, pts] of groups) {
    let run = null;
    let n = 0;
    for (let i = 1; i < pts.length; i++) {
      const style =
        pts[i - 1].provenance === "reconstructed" || pts[i].provenance === "reconstructed"
          ? "d"
          : "s";
      if (!run || run.style !== style) {
        run = { style, id: `${k}#${n++}`, pts: [pts[i - 1]] };
        (style === "d" ? dashed : solid).push(run);
      }
      run.pts.push(pts[i]);
    }
    if (pts.length === 1) solid.push({ style: "s", id: `${k}#0`, pts });
  }
  const flat = (rs) => rs.flatMap((r) => r.pts.map((p) => ({ ...p, run: r.id })));
  return { solid: flat(solid), dashed: flat(dashed) };
}

/** How many time ticks fit: a label ("2021年", "Sep") and its gap take about 110 px. */
const timeTicks = (width) => Math.max(3, Math.floor((width - 80) / 110));

function xTimeFormat(lang) {
  return (d) => {
    if (!(d instanceof Date)) return String(d);
    return d.getUTCMonth() === 0 ? fmt.year(d, lang) : fmt.monthName(d.getUTCMonth() + 1, lang);
  };
}

function colorScale(vm) {
  const domain = vm.series ?? [...new Set(vm.rows.map((r) => r.series))];
  return { domain, range: seriesColours(domain), legend: false };
}

/**
 * The tooltip of a mark (hover, or tap on a touch screen): what it is, its value with the printed
 * qualifier, its date, and where the number comes from.
 */
function tipText(vm, lang, { label, when } = {}) {
  return (d) =>
    [
      label?.(d),
      when?.(d),
      `${fmt.qualifier(d.qualifier)}${fmt.value(d.y, vm.unit, lang, { digits: vm.labelDigits })}`,
      provName(d.provenance, lang),
    ]
      .filter(Boolean)
      .join("\n");
}

/** Line chart over time (or hours): vm.rows = [{x: Date|number, y, series, provenance}]. */
function line(vm, { width, lang }) {
  const xs = vm.rows.map((r) => +r.x).filter(Number.isFinite);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const anchorAt = (x) => {
    const f = (+x - x0) / (x1 - x0 || 1);
    return f > 0.75 ? "end" : f < 0.25 ? "start" : "middle";
  };
  const { solid, dashed } = runs(vm.rows);
  const published = vm.rows.filter((r) => r.provenance === "published" && Number.isFinite(r.y));
  // Label only the last point of a run of published points (consecutive labels would collide).
  const labelled = published.filter((r) => {
    const same = vm.rows.filter((q) => q.series === r.series);
    const next = same[same.indexOf(r) + 1];
    if (vm.annotations?.some((a) => a.text && +a.x === +r.x)) return false; // the annotation says it
    return next?.provenance !== "published";
  });
  const external = vm.rows.filter((r) => r.provenance === "external" && Number.isFinite(r.y));
  const hourly = vm.xType === "hour";
  const marks = [
    vm.zeroLine ? Plot.ruleY([0], { stroke: "currentColor", strokeOpacity: 0.5 }) : null,
    vm.baseLine != null
      ? Plot.ruleY([vm.baseLine], { stroke: "currentColor", strokeOpacity: 0.5 })
      : null,
    Plot.lineY(solid, { x: "x", y: "y", z: "run", stroke: "series", strokeWidth: 2 }),
    Plot.lineY(dashed, {
      x: "x",
      y: "y",
      z: "run",
      stroke: "series",
      strokeWidth: 2,
      strokeDasharray: DASH,
    }),
    Plot.dot(external, {
      x: "x",
      y: "y",
      stroke: "series",
      fill: "var(--bg, white)",
      r: 4,
      strokeWidth: 2,
    }),
    Plot.dot(published, { x: "x", y: "y", fill: "series", r: 4.5 }),
    vm.labelPublished !== false
      ? Plot.text(labelled, {
          x: "x",
          y: "y",
          text: (d) => `${fmt.qualifier(d.qualifier)}${fmt.value(d.y, vm.unit, lang)}`,
          dy: -12,
          fontWeight: "bold",
          stroke: "var(--bg, white)",
          strokeWidth: 3,
          paintOrder: "stroke",
          fill: "currentColor",
        })
      : null,
    vm.annotations?.length
      ? Plot.dot(vm.annotations, {
          x: "x",
          y: "y",
          r: 7,
          stroke: "currentColor",
          strokeWidth: 1.5,
          fill: "none",
        })
      : null,
    // Near an edge the text runs inwards, so it stays inside the chart (one mark per anchor:
    // Plot's textAnchor is a constant).
    ...["start", "middle", "end"].map((anchor) =>
      Plot.text(
        (vm.annotations ?? []).filter((d) => anchorAt(d.x) === anchor),
        {
          x: "x",
          y: "y",
          text: "text",
          textAnchor: anchor,
          dx: anchor === "start" ? -6 : anchor === "end" ? 6 : 0,
          dy: -14,
          fontSize: FONT_PX,
          stroke: "var(--bg, white)",
          strokeWidth: 3,
          paintOrder: "stroke",
          fill: "currentColor",
        },
      ),
    ),
    // Tap and hover targets: an invisible dot per point carrying its tooltip (figure.js shows
    // the <title> on tap; browsers show it on hover).
    Plot.dot(
      vm.rows.filter((r) => Number.isFinite(r.y)),
      {
        x: "x",
        y: "y",
        r: 9,
        fill: "currentColor",
        fillOpacity: 0,
        ariaLabel: "tip target",
        title: tipText(vm, lang, {
          label: (d) => vm.seriesNames?.[d.series]?.[lang] ?? plainName(d.series, lang),
          when: (d) =>
            hourly
              ? lang === "zh"
                ? `${d.x}时`
                : `${String(d.x).padStart(2, "0")}:00`
              : d.date
                ? fmt.month(d.date, lang)
                : null,
        }),
      },
    ),
  ].filter(Boolean);
  // Several lines are named at their ends (end-labels.js), in a right margin wide enough.
  const ends = endLabels(vm, lang);
  const color = colorScale(vm);
  const plot = Plot.plot({
    style: { fontSize: `${FONT_PX}px` },
    width,
    height: vm.height ?? Math.max(220, Math.min(340, width * 0.55)),
    marginLeft: vm.marginLeft ?? 60,
    marginRight: ends ? Math.max(16, ends.width) : 16,
    marginTop: 24,
    x: hourly
      ? {
          label: null,
          domain: [0, 23],
          ticks: width < 480 ? [0, 6, 12, 18, 23] : [0, 3, 6, 9, 12, 15, 18, 21, 23],
          tickFormat: (h) => (lang === "zh" ? `${h}时` : `${String(h).padStart(2, "0")}:00`),
        }
      : vm.xType === "time"
        ? {
            type: "utc",
            label: null,
            tickFormat: xTimeFormat(lang),
            ticks: timeTicks(width),
            inset: 14,
          }
        : { label: null },
    y: {
      grid: true,
      label: vm.yLabel ?? null,
      tickFormat: fmt.tick(vm.unit, lang),
      zero: vm.zero ?? false,
      domain: vm.yDomain,
      reverse: vm.yReverse ?? false,
    },
    color,
    marks,
  });
  if (ends)
    drawEndLabels(plot, vm, ends, (s) => color.range[color.domain.indexOf(s)] ?? "currentColor");
  return plot;
}

/** Bar chart. vm.horizontal: categories on y. Grouped bars: rows carry `group` (facet). */
function bar(vm, { width, lang }) {
  const horizontal = vm.horizontal ?? false;
  const colors = colorScale(vm);
  const rows = vm.rows.filter((r) => Number.isFinite(r.y));
  const pub = rows.filter((r) => r.provenance === "published");
  const ext = rows.filter((r) => r.provenance === "external");
  const rec = rows.filter((r) => r.provenance === "reconstructed");
  const order = vm.order ?? [...new Set(rows.map((r) => r.x))];
  const grouped = rows.some((r) => r.group != null);
  const groups = vm.groups ?? [...new Set(rows.map((r) => r.group))];
  const narrow = width < 480;
  // A reconstructed value is never printed as a figure (issue 11): its bar has no label. A
  // printed qualifier (≈, >, …) stays with its number.
  const label = (d) =>
    d.provenance === "reconstructed"
      ? ""
      : `${fmt.qualifier(d.qualifier)}${fmt.value(d.y, vm.unit, lang, { digits: vm.labelDigits })}`;
  const labelW = Math.max(0, ...rows.map((d) => textWidth(label(d))));
  // Category names in the page language, laid out for the width: wrapped, never cut by the box.
  const tickName = (v) => vm.tickName?.(v) ?? name(v, lang);
  const groupName = (v) => vm.groupName?.(v) ?? name(v, lang);
  const H = horizontal ? Plot.barX : Plot.barY;
  const title = tipText(vm, lang, {
    label: (d) => vm.tickName?.(d.x) ?? vm.groupName?.(d.group) ?? plainName(d.x, lang),
  });
  const common = horizontal
    ? { y: "x", x: "y", fy: grouped ? "group" : undefined, title }
    : { x: grouped ? "series" : "x", y: "y", fx: grouped ? "group" : undefined, title };
  const fillKey = vm.colorBy === "x" ? "x" : "series";
  if (vm.colorBy === "x") colors.domain = order;
  let layout;
  if (horizontal) {
    const budget = Math.max(72, Math.min(width * (narrow ? 0.36 : 0.3), 240));
    const fit = fitLabels(grouped ? groups : order, grouped ? groupName : tickName, budget, 3);
    const inner = grouped ? fitLabels(order, tickName, budget / 2, 1) : null;
    const rowH = Math.max(vm.rowHeight ?? 24, fit.lines * 13 + 8);
    layout = {
      marginLeft: Math.ceil(fit.widest + (inner ? inner.widest + 8 : 0) + 12),
      marginRight: Math.ceil(Math.max(16, labelW + 10)),
      height: Math.max(120, (grouped ? rows.length : order.length) * rowH + 50),
      yTick: grouped ? inner.label : fit.label,
      fyTick: grouped ? fit.label : undefined,
    };
  } else {
    const marginLeft = 56;
    const plotW = width - marginLeft - 12;
    const slots = grouped ? groups.length : order.length;
    const band = plotW / Math.max(1, slots);
    // Grouped bars name every group (wrapped to its band); plain bars wrap a long name to a
    // readable width and, when that is still wider than a band, label every k-th category (the
    // table has them all).
    const room = grouped ? band - 6 : Math.max(band - 6, 64);
    const fit = fitLabels(grouped ? groups : order, grouped ? groupName : tickName, room, 3);
    const k = grouped ? 1 : Math.max(1, Math.ceil((fit.widest + 8) / band));
    const every = k > 1 ? order.filter((_, i) => i % k === 0) : undefined;
    const barsPerSlot = grouped ? Math.max(1, (vm.series ?? colors.domain).length) : 1;
    layout = {
      marginLeft,
      marginBottom: Math.max(30, fit.lines * 13 + 18),
      height: vm.height ?? Math.max(220, Math.min(320, width * 0.5)),
      xTick: fit.label,
      ticks: grouped ? undefined : every,
      valueLabels: labelW + 4 <= band / barsPerSlot,
    };
  }
  const showLabels = vm.showLabels !== false && (horizontal || layout.valueLabels);
  const marks = [
    H(pub, { ...common, fill: fillKey }),
    H(ext, { ...common, fill: fillKey, fillOpacity: 0.5, stroke: fillKey, strokeWidth: 1.5 }),
    H(rec, {
      ...common,
      fill: fillKey,
      stroke: fillKey,
      strokeWidth: 1.5,
      strokeDasharray: "4,3",
      className: "cp-reconstructed",
    }),
    horizontal
      ? Plot.ruleX([0], { stroke: "currentColor" })
      : Plot.ruleY([0], { stroke: "currentColor" }),
    ...(showLabels
      ? horizontal
        ? [
            // A negative bar's label goes on the other side of zero, clear of the names.
            Plot.text(rows, {
              ...common,
              x: (d) => Math.max(d.y, 0),
              text: label,
              textAnchor: "start",
              dx: 4,
              fontSize: FONT_PX,
              fill: "currentColor",
            }),
          ]
        : [
            Plot.text(
              rows.filter((d) => d.y >= 0),
              { ...common, text: label, dy: -7, fontSize: FONT_PX, fill: "currentColor" },
            ),
            Plot.text(
              rows.filter((d) => d.y < 0),
              { ...common, text: label, dy: 9, fontSize: FONT_PX, fill: "currentColor" },
            ),
          ]
      : []),
  ].filter(Boolean);
  const svg = Plot.plot({
    style: { fontSize: `${FONT_PX}px` },
    width,
    height: layout.height,
    marginLeft: layout.marginLeft,
    marginRight: horizontal ? layout.marginRight : 12,
    marginBottom: horizontal ? 30 : layout.marginBottom,
    marginTop: 20,
    x: horizontal
      ? {
          grid: true,
          label: vm.yLabel ?? null,
          tickFormat: fmt.tick(vm.unit, lang),
          ticks: narrow ? 3 : 6,
          domain: vm.yDomain,
        }
      : grouped
        ? { axis: null, domain: vm.series ?? colors.domain }
        : { label: null, domain: order, tickFormat: layout.xTick, ticks: layout.ticks },
    y: horizontal
      ? { label: null, domain: grouped ? undefined : order, tickFormat: layout.yTick }
      : {
          grid: true,
          label: vm.yLabel ?? null,
          tickFormat: fmt.tick(vm.unit, lang),
          domain: vm.yDomain,
        },
    fx:
      grouped && !horizontal
        ? { label: null, domain: groups, tickFormat: layout.xTick, padding: 0.15 }
        : undefined,
    fy:
      grouped && horizontal
        ? { label: null, domain: groups, tickFormat: layout.fyTick }
        : undefined,
    color: colors,
    marks,
  });
  // Reconstructed bars: replace the flat fill with a hatch of the same colour.
  const prefix = addHatches(svg, PALETTE);
  for (const el of svg.querySelectorAll(".cp-reconstructed rect, .cp-reconstructed path")) {
    const i = PALETTE.indexOf((el.getAttribute("fill") ?? "").toUpperCase());
    if (i >= 0) el.setAttribute("fill", `url(#${prefix}${i})`);
  }
  return svg;
}

/**
 * Small multiples (STL components: observed, trend, seasonal, remainder): rows carry `facet`.
 * Each panel is its own plot with its own y domain and ticks (a remainder of a few per cent
 * must not be drawn on the observed series' scale), stacked in one SVG on a shared time axis;
 * the panel's name sits above its frame, inside the chart's box and in exported pictures.
 */
function facets(vm, { width, lang }) {
  const ns = "http://www.w3.org/2000/svg";
  const xs = vm.rows.map((r) => +r.x).filter(Number.isFinite);
  const xDomain = [new Date(Math.min(...xs)), new Date(Math.max(...xs))];
  const color = { domain: vm.series, range: seriesColours(vm.series) };
  const panelH = width < 480 ? 110 : 130;
  const outer = document.createElementNS(ns, "svg");
  let top = 0;
  vm.facets.forEach((f, i) => {
    const last = i === vm.facets.length - 1;
    const rows = vm.rows.filter((r) => r.facet === f);
    const { solid, dashed } = runs(rows);
    const ys = rows.map((r) => r.y).filter(Number.isFinite);
    const crossesZero = Math.min(...ys) < 0 && Math.max(...ys) > 0;
    const height = panelH + (last ? 26 : 0);
    const panel = Plot.plot({
      style: { fontSize: `${FONT_PX}px` },
      width,
      height,
      marginLeft: 60,
      marginRight: 16,
      marginTop: 22,
      marginBottom: last ? 30 : 4,
      x: {
        type: "utc",
        domain: xDomain,
        label: null,
        axis: last ? "bottom" : null,
        tickFormat: xTimeFormat(lang),
        ticks: timeTicks(width),
      },
      y: { grid: true, label: null, ticks: 3, tickFormat: fmt.tick(vm.unit, lang) },
      color,
      marks: [
        Plot.frame({ stroke: "currentColor", strokeOpacity: 0.2 }),
        Plot.text([vm.facetName?.(f) ?? f], {
          text: (d) => d,
          frameAnchor: "top-left",
          dy: -11,
          dx: -4,
          fontWeight: "bold",
          fill: "currentColor",
        }),
        crossesZero ? Plot.ruleY([0], { stroke: "currentColor", strokeOpacity: 0.3 }) : null,
        Plot.lineY(solid, { x: "x", y: "y", z: "run", stroke: "series", strokeWidth: 1.8 }),
        Plot.lineY(dashed, {
          x: "x",
          y: "y",
          z: "run",
          stroke: "series",
          strokeWidth: 1.8,
          strokeDasharray: DASH,
        }),
        Plot.dot(
          rows.filter((r) => Number.isFinite(r.y)),
          {
            x: "x",
            y: "y",
            r: 8,
            fill: "currentColor",
            fillOpacity: 0,
            ariaLabel: "tip target",
            title: tipText(vm, lang, {
              label: () => vm.facetName?.(f) ?? f,
              when: (d) => (d.date ? fmt.month(d.date, lang) : null),
            }),
          },
        ),
      ].filter(Boolean),
    });
    csp(panel);
    // The panel's content moves into a group of the one SVG (a chart stays one <svg>).
    const g = document.createElementNS(ns, "g");
    g.setAttribute("transform", `translate(0,${top})`);
    for (const a of ["fill", "font-family", "text-anchor"])
      if (panel.hasAttribute(a)) g.setAttribute(a, panel.getAttribute(a));
    g.append(...panel.childNodes);
    if (i === 0) outer.setAttribute("class", panel.getAttribute("class") ?? "plot-facets");
    outer.append(g);
    top += height;
  });
  outer.setAttribute("width", String(width));
  outer.setAttribute("height", String(top));
  outer.setAttribute("viewBox", `0 0 ${width} ${top}`);
  outer.setAttribute("fill", "currentColor");
  outer.setAttribute("font-family", "system-ui, sans-serif");
  outer.setAttribute("font-size", String(FONT_PX));
  return outer;
}

/** Renders a view model to an SVG element (CSP-clean, `lang` set). */
export function render(vm, { width = 720, lang = "zh" } = {}) {
  const kind = vm.kind;
  const w = Math.max(280, Math.floor(width));
  const svg =
    kind === "line"
      ? line(vm, { width: w, lang })
      : kind === "bar"
        ? bar(vm, { width: w, lang })
        : kind === "facets"
          ? facets(vm, { width: w, lang })
          : null;
  if (!svg) throw new Error(`unknown chart kind ${kind}`);
  svg.setAttribute("lang", lang === "zh" ? "zh-CN" : "en");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  return csp(svg);
}
