// Generic chart renderers with Observable Plot (self-hosted in vendor/). A view model in,
// an SVG out: no fetching, no analytics here. Provenance is drawn the same way everywhere:
//   published      solid line, filled dot / solid bar
//   external       solid line, hollow dot / lighter bar with a solid outline
//   reconstructed  dashed line, no dot / hatched bar with a dashed outline

import * as fmt from "./format.js";
import { name, provName } from "./i18n.js";
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
    vm.annotations?.length
      ? Plot.text(vm.annotations, {
          x: "x",
          y: "y",
          text: "text",
          dy: -14,
          fontSize: FONT_PX,
          stroke: "var(--bg, white)",
          strokeWidth: 3,
          paintOrder: "stroke",
          fill: "currentColor",
        })
      : null,
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
          label: (d) => vm.seriesNames?.[d.series]?.[lang] ?? name(d.series, lang),
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
  return Plot.plot({
    style: { fontSize: `${FONT_PX}px` },
    width,
    height: vm.height ?? Math.max(220, Math.min(340, width * 0.55)),
    marginLeft: vm.marginLeft ?? 60,
    marginRight: 16,
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
            ticks: width < 480 ? 4 : 8,
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
    color: colorScale(vm),
    marks,
  });
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
  // A reconstructed value is never printed as a figure (issue 11): its bar has no label. A
  // printed qualifier (≈, >, …) stays with its number.
  const label = (d) =>
    d.provenance === "reconstructed"
      ? ""
      : `${fmt.qualifier(d.qualifier)}${fmt.value(d.y, vm.unit, lang, { digits: vm.labelDigits })}`;
  const H = horizontal ? Plot.barX : Plot.barY;
  const title = tipText(vm, lang, {
    label: (d) => vm.tickName?.(d.x) ?? vm.groupName?.(d.group) ?? name(d.x, lang),
  });
  const common = horizontal
    ? { y: "x", x: "y", fy: grouped ? "group" : undefined, title }
    : { x: grouped ? "series" : "x", y: "y", fx: grouped ? "group" : undefined, title };
  const fillKey = vm.colorBy === "x" ? "x" : "series";
  if (vm.colorBy === "x") colors.domain = order;
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
    ...(vm.showLabels !== false && (horizontal || (width - 60) / Math.max(1, rows.length) > 34)
      ? horizontal
        ? [
            Plot.text(
              rows.filter((d) => d.y >= 0),
              {
                ...common,
                text: label,
                textAnchor: "start",
                dx: 4,
                fontSize: FONT_PX,
                fill: "currentColor",
              },
            ),
            Plot.text(
              rows.filter((d) => d.y < 0),
              {
                ...common,
                text: label,
                textAnchor: "end",
                dx: -4,
                fontSize: FONT_PX,
                fill: "currentColor",
              },
            ),
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
  const n = order.length;
  const svg = Plot.plot({
    style: { fontSize: `${FONT_PX}px` },
    width,
    height: horizontal
      ? (vm.height ?? Math.max(120, (grouped ? rows.length : n) * (vm.rowHeight ?? 24) + 60))
      : (vm.height ?? Math.max(220, Math.min(320, width * 0.5))),
    marginLeft: horizontal ? (vm.marginLeft ?? 110) : (vm.marginLeft ?? 56),
    marginRight: horizontal ? 64 : 12,
    marginBottom: horizontal ? 30 : (vm.marginBottom ?? (grouped && width < 560 ? 64 : 40)),
    marginTop: 20,
    x: horizontal
      ? {
          grid: true,
          label: vm.yLabel ?? null,
          tickFormat: fmt.tick(vm.unit, lang),
          ticks: width < 480 ? 3 : 6,
          domain: vm.yDomain,
        }
      : grouped
        ? { axis: null, domain: vm.series ?? colors.domain }
        : {
            label: null,
            domain: order,
            tickFormat: (v) => vm.tickName?.(v) ?? v,
            tickRotate: vm.tickRotate ?? (n > 8 && width < 700 ? -40 : 0),
          },
    y: horizontal
      ? {
          label: null,
          domain: grouped ? undefined : order,
          tickFormat: (v) => vm.tickName?.(v) ?? v,
        }
      : {
          grid: true,
          label: vm.yLabel ?? null,
          tickFormat: fmt.tick(vm.unit, lang),
          domain: vm.yDomain,
        },
    fx:
      grouped && !horizontal
        ? {
            label: null,
            domain: vm.groups,
            tickFormat: (v) => vm.groupName?.(v) ?? v,
            tickRotate: width < 560 ? -35 : 0,
          }
        : undefined,
    fy:
      grouped && horizontal
        ? { label: null, domain: vm.groups, tickFormat: (v) => vm.groupName?.(v) ?? v }
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

/** STL components stacked (observed, trend, seasonal, remainder): rows carry `facet`. */
function facets(vm, { width, lang }) {
  const { solid, dashed } = runs(vm.rows.map((r) => ({ ...r, series: `${r.facet}|${r.series}` })));
  return Plot.plot({
    style: { fontSize: `${FONT_PX}px` },
    width,
    height: vm.facets.length * (width < 480 ? 120 : 140) + 40,
    marginLeft: 60,
    marginRight: 16,
    x: { type: "utc", label: null, tickFormat: xTimeFormat(lang), ticks: width < 480 ? 4 : 8 },
    y: { grid: true, label: null, tickFormat: fmt.tick(vm.unit, lang) },
    // Panel names are drawn inside each panel (top left), so they stay in the chart's box and
    // in exported pictures at any width.
    fy: { label: null, domain: vm.facets, axis: null },
    facet: { data: vm.rows, y: "facet" },
    color: { domain: vm.series, range: seriesColours(vm.series) },
    marks: [
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.2 }),
      Plot.text(
        vm.facets.map((f) => ({ facet: f })),
        {
          fy: "facet",
          text: (d) => vm.facetName?.(d.facet) ?? d.facet,
          frameAnchor: "top-left",
          dx: 6,
          dy: 6,
          fontWeight: "bold",
          fill: "currentColor",
          stroke: "var(--bg, white)",
          strokeWidth: 3,
          paintOrder: "stroke",
        },
      ),
      Plot.ruleY([0], { stroke: "currentColor", strokeOpacity: 0.3 }),
      Plot.lineY(solid, {
        x: "x",
        y: "y",
        z: "run",
        fy: "facet",
        stroke: (d) => d.series.split("|")[1],
        strokeWidth: 1.8,
      }),
      Plot.lineY(dashed, {
        x: "x",
        y: "y",
        z: "run",
        fy: "facet",
        stroke: (d) => d.series.split("|")[1],
        strokeWidth: 1.8,
        strokeDasharray: DASH,
      }),
    ],
  });
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
