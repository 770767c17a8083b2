// SVG and PNG export of a chart: title, unit, the Plot SVG, legend and source composed into one
// standalone SVG with CJK font fallbacks (so Chinese glyphs survive); PNG draws that SVG onto a
// canvas. Nothing leaves the browser.

const NS = "http://www.w3.org/2000/svg";
export const FONT_STACK = `system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif`;

function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
}

/** Rough text wrapping by character widths (CJK ≈ 1 em, Latin ≈ 0.55 em). */
function wrap(text, width, size) {
  const lines = [];
  let line = "";
  let w = 0;
  for (const ch of String(text)) {
    const cw = /[\u2e80-\uffff]/.test(ch) ? size : size * 0.56;
    if (w + cw > width && line) {
      const cut = /[\u2e80-\uffff]/.test(ch)
        ? line.length
        : line.lastIndexOf(" ") + 1 || line.length;
      lines.push(line.slice(0, cut).trimEnd());
      line = line.slice(cut);
      w = [...line].reduce((a, c) => a + (/[\u2e80-\uffff]/.test(c) ? size : size * 0.56), 0);
    }
    line += ch;
    w += cw;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Builds the standalone SVG of a figure.
 * parts: { title, unit, legend: [{kind: 'solid'|'dashed'|'dot'|'hollow'|'hatch'|'swatch', color, text}], description, source, lang }
 */
export function compose(chartSvg, parts) {
  const cs = getComputedStyle(document.documentElement);
  const fg = cs.getPropertyValue("--fg").trim() || "#1b1f24";
  const bg = cs.getPropertyValue("--bg").trim() || "#ffffff";
  const muted = cs.getPropertyValue("--muted").trim() || "#5b6470";
  const w = Number(chartSvg.getAttribute("width")) || chartSvg.viewBox.baseVal.width || 720;
  const h = Number(chartSvg.getAttribute("height")) || chartSvg.viewBox.baseVal.height || 320;
  const pad = 16;
  const root = el("svg", {
    xmlns: NS,
    width: w + 2 * pad,
    lang: parts.lang === "zh" ? "zh-CN" : "en",
    color: fg,
    "font-family": FONT_STACK,
  });
  const style = el(
    "style",
    {},
    `svg{--bg:${bg};font-family:${FONT_STACK}}text{font-family:${FONT_STACK}}`,
  );
  root.append(style);
  const bgRect = el("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: bg });
  root.append(bgRect);
  let y = pad;
  for (const line of wrap(parts.title, w, 17)) {
    y += 20;
    root.append(el("text", { x: pad, y, "font-size": 17, "font-weight": "bold", fill: fg }, line));
  }
  if (parts.unit) {
    y += 18;
    root.append(el("text", { x: pad, y, "font-size": 12, fill: muted }, parts.unit));
  }
  y += 8;
  const chart = chartSvg.cloneNode(true);
  chart.setAttribute("x", pad);
  chart.setAttribute("y", y);
  chart.setAttribute("width", w);
  chart.setAttribute("height", h);
  chart.removeAttribute("aria-hidden");
  chart.setAttribute("font-family", FONT_STACK);
  chart.setAttribute("font-size", "10");
  root.append(chart);
  y += h + 8;
  let x = pad;
  for (const item of parts.legend ?? []) {
    const label = item.text;
    const lw = Math.min(
      w,
      28 + [...label].reduce((a, c) => a + (/[\u2e80-\uffff]/.test(c) ? 12 : 6.7), 0),
    );
    if (x + lw > w + pad && x > pad) {
      x = pad;
      y += 18;
    }
    const cy = y + 9;
    const color = item.color ?? fg;
    if (item.kind === "dashed")
      root.append(
        el("line", {
          x1: x,
          y1: cy,
          x2: x + 20,
          y2: cy,
          stroke: color,
          "stroke-width": 2,
          "stroke-dasharray": "5,4",
        }),
      );
    else if (item.kind === "solid")
      root.append(
        el("line", { x1: x, y1: cy, x2: x + 20, y2: cy, stroke: color, "stroke-width": 2 }),
      );
    else if (item.kind === "dot")
      root.append(el("circle", { cx: x + 10, cy, r: 4.5, fill: color }));
    else if (item.kind === "hollow")
      root.append(
        el("circle", { cx: x + 10, cy, r: 4, fill: bg, stroke: color, "stroke-width": 2 }),
      );
    else if (item.kind === "hatch")
      root.append(
        el("rect", {
          x,
          y: cy - 6,
          width: 20,
          height: 12,
          fill: "none",
          stroke: color,
          "stroke-dasharray": "3,2",
        }),
      );
    else root.append(el("rect", { x, y: cy - 6, width: 20, height: 12, fill: color }));
    const lines = wrap(label, w - (x - pad) - 28, 12);
    for (const [i, ln] of lines.entries())
      root.append(el("text", { x: x + 26, y: cy + 4 + i * 16, "font-size": 12, fill: fg }, ln));
    if (lines.length > 1) {
      y += (lines.length - 1) * 16 + 18;
      x = pad;
    } else x += lw + 12;
  }
  y += 40;
  for (const block of [parts.description, parts.source]) {
    if (!block) continue;
    for (const line of wrap(block, w, 11)) {
      root.append(el("text", { x: pad, y, "font-size": 11, fill: muted }, line));
      y += 15;
    }
    y += 4;
  }
  const H = y + pad;
  root.setAttribute("height", H);
  root.setAttribute("viewBox", `0 0 ${w + 2 * pad} ${H}`);
  return root;
}

/** The SVG file text. */
export function svgText(svg) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}

/** Rasterises a standalone SVG to a PNG blob (2× for sharp text). */
export async function pngBlob(svg, scale = 2) {
  const text = svgText(svg);
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    img.decoding = "sync";
    await new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = () => reject(new Error("could not rasterise the SVG"));
      img.src = url;
    });
    const w = Number(svg.getAttribute("width"));
    const h = Number(svg.getAttribute("height"));
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(w * scale);
    canvas.height = Math.ceil(h * scale);
    const g = canvas.getContext("2d");
    g.scale(scale, scale);
    g.drawImage(img, 0, 0, w, h);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob under a file name (an <a download> click; no navigation). */
export function save(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
