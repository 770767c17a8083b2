// Chart rendering with Observable Plot (self-hosted in vendor/). Data in, SVG out: no fetching,
// no analytics here.
import * as Plot from "./vendor/plot.js";

const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Plot attaches an inline <style>; the page's CSP forbids inline styles, and site.css carries it. */
function csp(svg) {
  for (const s of svg.querySelectorAll("style")) s.remove();
  return svg;
}

/**
 * A monthly line chart: reconstructed values dashed, published values as labelled dots.
 * rows: [{date: Date, entity, value, provenance}]
 */
export function timeSeries(rows, { width = 720, height = 320, unitLabel = "", lang = "zh", format = (v) => v } = {}) {
  const published = rows.filter((r) => r.provenance === "published");
  const svg = Plot.plot({
    width,
    height,
    marginLeft: 56,
    x: { type: "utc", label: null },
    y: { grid: true, label: unitLabel, tickFormat: format },
    color: { range: PALETTE },
    marks: [
      Plot.lineY(rows, { x: "date", y: "value", z: "entity", stroke: "entity", strokeWidth: 2, strokeDasharray: "5,4" }),
      Plot.dotY(published, { x: "date", y: "value", fill: "entity", r: 4.5 }),
      Plot.text(published, {
        x: "date",
        y: "value",
        text: (d) => format(d.value),
        dy: -12,
        fontWeight: "bold",
      }),
    ],
    ariaLabel: lang === "zh" ? "折线图" : "line chart",
  });
  return csp(svg);
}
