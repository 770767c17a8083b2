// The measurements themselves, run inside the page by page.evaluate (so this function must not
// use anything from its module: Playwright sends only its source text). For every
// figure[data-chart] it lists the offenders of each rule; the page text outside the figures is
// checked for language only and reported under the id "(page)".
//
// Geometry is measured as the browser lays it out: SVG <text> by its glyph box (getBBox) mapped
// through getScreenCTM, so rotated labels are compared as the rotated quadrilaterals they are,
// not as their (larger) axis-aligned bounding boxes; HTML text by the line boxes of each text
// node (Range.getClientRects). Colours are resolved by a 1×1 canvas, which understands every
// CSS colour syntax computed styles can return.

/**
 * `only`: measure one chart (its figure's language only), e.g. after changing its toggle.
 * @param {{ lang: "zh" | "en", only?: string, tolerance?: number, minFont?: number,
 *   minContrast?: number }} o
 * @returns {{ charts: object[], page: object }}
 */
export function measureInPage(o) {
  const TOL = o.tolerance ?? 1;
  const MIN_FONT = o.minFont ?? 11;
  const MIN_CONTRAST = o.minContrast ?? 3;
  // Plot's aria-label of each data mark group; axes, grids, rules and frames are not marks.
  const MARKS = new Set(["line", "dot", "bar", "area", "rect", "cell", "link", "arrow", "tick"]);
  const SHAPES = "path, line, rect, circle, ellipse, polyline, polygon, use";
  const SKIP_TEXT = "script, style, noscript, template, textarea, code, pre, kbd, samp";
  const HAN =
    /[\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF01-\uFF60]/;
  // An English sentence: three or more latin words in a row, one of them a lower-case word
  // (so runs of acronyms and names such as "CSV PNG SVG" or "Apache Arrow IPC" do not count).
  const WORDS = /[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){2,}/g;
  const clip = (s) => {
    const t = String(s).replace(/\s+/g, " ").trim();
    return t.length > 40 ? `${t.slice(0, 39)}…` : t;
  };

  // --- colours ---------------------------------------------------------------------------
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const colorCache = new Map();
  function rgba(css) {
    if (colorCache.has(css)) return colorCache.get(css);
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0,0,0,0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    const out = { r, g, b, a: a / 255 };
    colorCache.set(css, out);
    return out;
  }
  const hex = (c) => `#${[c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  const lin = (v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const lum = (c) => 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const blend = (c, alpha, bg) => ({
    r: Math.round(c.r * alpha + bg.r * (1 - alpha)),
    g: Math.round(c.g * alpha + bg.g * (1 - alpha)),
    b: Math.round(c.b * alpha + bg.b * (1 - alpha)),
  });
  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.a > 0.99) return c;
    }
    const dark = matchMedia("(prefers-color-scheme: dark)").matches;
    return dark ? { r: 0, g: 0, b: 0, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };
  }

  // --- geometry ----------------------------------------------------------------------------
  /** The quadrilateral (client coordinates) of an SVG text's glyph box. */
  function quadOf(t) {
    const b = t.getBBox();
    const m = t.getScreenCTM();
    if (!m || b.width === 0 || b.height === 0) return null;
    const pt = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
    return [
      pt(b.x, b.y),
      pt(b.x + b.width, b.y),
      pt(b.x + b.width, b.y + b.height),
      pt(b.x, b.y + b.height),
    ];
  }
  const rectQuad = (r) => [
    [r.left, r.top],
    [r.right, r.top],
    [r.right, r.bottom],
    [r.left, r.bottom],
  ];
  const aabb = (q) => {
    const xs = q.map((p) => p[0]);
    const ys = q.map((p) => p[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  };
  /** Penetration depth of two convex quads (separating axis theorem); ≤ 0 when apart. */
  function depth(p, q) {
    let best = Number.POSITIVE_INFINITY;
    for (const poly of [p, q]) {
      for (let i = 0; i < 4; i++) {
        const [x1, y1] = poly[i];
        const [x2, y2] = poly[(i + 1) % 4];
        const len = Math.hypot(x2 - x1, y2 - y1);
        if (len === 0) continue;
        const ax = -(y2 - y1) / len;
        const ay = (x2 - x1) / len;
        const proj = (s) => s.map(([x, y]) => x * ax + y * ay);
        const a = proj(p);
        const b = proj(q);
        const d = Math.min(Math.max(...a) - Math.min(...b), Math.max(...b) - Math.min(...a));
        best = Math.min(best, d);
      }
    }
    return best;
  }
  const visible = (el) =>
    el.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ??
    el.getClientRects().length > 0;

  /** The box an element's content is clipped to by its scrolling/clipping ancestors. */
  function clipOf(el, root) {
    const c = [-Infinity, -Infinity, Infinity, Infinity];
    for (let e = el.parentElement; e && e !== root.parentElement; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
      const r = e.getBoundingClientRect();
      c[0] = Math.max(c[0], r.left);
      c[1] = Math.max(c[1], r.top);
      c[2] = Math.min(c[2], r.right);
      c[3] = Math.min(c[3], r.bottom);
    }
    return c;
  }

  // --- per figure ----------------------------------------------------------------------------
  function textBoxes(fig) {
    const boxes = [];
    for (const t of fig.querySelectorAll("svg text")) {
      if (!t.textContent.trim() || t.closest("defs") || !visible(t)) continue;
      const q = quadOf(t);
      if (q) boxes.push({ el: t, svg: true, quad: q, box: aabb(q), text: clip(t.textContent) });
    }
    const walker = document.createTreeWalker(fig, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.data.trim() || !el || el.closest("svg") || el.closest(SKIP_TEXT)) continue;
      if (!visible(el)) continue;
      const er = el.getBoundingClientRect();
      if (er.width <= 1 || er.height <= 1) continue; // visually hidden (screen-reader) text
      const range = document.createRange();
      range.selectNodeContents(n);
      // Text scrolled out of a scrolling box (a long data table) is not on screen: clip to it.
      const c = clipOf(el, fig);
      const rects = [...range.getClientRects()]
        .map(
          (r) =>
            new DOMRect(
              Math.max(r.left, c[0]),
              Math.max(r.top, c[1]),
              Math.min(r.right, c[2]) - Math.max(r.left, c[0]),
              Math.min(r.bottom, c[3]) - Math.max(r.top, c[1]),
            ),
        )
        .filter((r) => r.width > 0 && r.height > 0);
      // Lines of one text node share a node id: they are never compared with each other.
      for (const r of rects)
        boxes.push({
          el,
          node: n,
          svg: false,
          quad: rectQuad(r),
          box: [r.left, r.top, r.right, r.bottom],
          text: clip(n.data),
        });
    }
    return boxes;
  }

  function overlaps(boxes) {
    const out = [];
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j];
        if (a.node && a.node === b.node) continue;
        if (a.el === b.el && a.svg) continue;
        if (
          a.box[0] >= b.box[2] - TOL ||
          b.box[0] >= a.box[2] - TOL ||
          a.box[1] >= b.box[3] - TOL ||
          b.box[1] >= a.box[3] - TOL
        )
          continue;
        const d = depth(a.quad, b.quad);
        if (d > TOL) out.push({ a: a.text, b: b.text, px: +d.toFixed(1) });
      }
    }
    return out;
  }

  function outside(fig) {
    const out = [];
    for (const t of fig.querySelectorAll("svg text")) {
      if (!t.textContent.trim() || t.closest("defs") || !visible(t)) continue;
      let svg = t.ownerSVGElement;
      while (svg?.ownerSVGElement) svg = svg.ownerSVGElement;
      const q = quadOf(t);
      if (!svg || !q) continue;
      const r = svg.getBoundingClientRect();
      const [x0, y0, x1, y1] = aabb(q);
      const px = Math.max(r.left - x0, r.top - y0, x1 - r.right, y1 - r.bottom);
      if (px > TOL) out.push({ text: clip(t.textContent), px: +px.toFixed(1) });
    }
    return out;
  }

  function undersized(fig) {
    const out = [];
    for (const t of fig.querySelectorAll("svg text")) {
      if (!t.textContent.trim() || t.closest("defs") || !visible(t)) continue;
      const m = t.getScreenCTM();
      const scale = m ? Math.hypot(m.a, m.b) : 1;
      const px = Number.parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < MIN_FONT - 0.01) out.push({ text: clip(t.textContent), px: +px.toFixed(1) });
    }
    const walker = document.createTreeWalker(fig, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.data.trim() || !el || el.closest("svg") || el.closest("script, style, template")) {
        continue;
      }
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue;
      const px = Number.parseFloat(getComputedStyle(el).fontSize);
      if (px < MIN_FONT - 0.01) out.push({ text: clip(n.data), px: +px.toFixed(1) });
    }
    return out;
  }

  /** Low-contrast marks, one entry per colour: the worst ratio and how many elements. */
  function lowContrast(fig) {
    const byColor = new Map();
    for (const svg of fig.querySelectorAll("svg")) {
      if (svg.ownerSVGElement) continue;
      const bg = background(svg);
      for (const g of svg.querySelectorAll("g[aria-label], [data-mark]")) {
        const label = g.getAttribute("data-mark") ?? g.getAttribute("aria-label");
        if (!MARKS.has(label)) continue;
        for (const el of g.querySelectorAll(SHAPES)) {
          if (el.closest("defs") || !visible(el)) continue;
          const cs = getComputedStyle(el);
          let op = 1;
          for (let e = el; e && e !== svg.parentElement; e = e.parentElement) {
            op *= Number.parseFloat(getComputedStyle(e).opacity);
          }
          const cands = [];
          const paint = (value, alpha) => {
            if (!value || value === "none" || alpha <= 0) return;
            const url = value.match(/url\(["']?#([^"')]+)/);
            if (url) {
              // A pattern fill (hatching): its strokes and fills are what the reader sees.
              const pat = svg.querySelector(`[id="${CSS.escape(url[1])}"]`);
              for (const c of pat?.querySelectorAll(SHAPES) ?? []) {
                const s = getComputedStyle(c);
                paint(s.stroke, Number.parseFloat(s.strokeOpacity) * alpha);
                paint(s.fill, Number.parseFloat(s.fillOpacity) * alpha);
              }
              return;
            }
            const c = rgba(value);
            if (c.a === 0) return;
            const seen = blend(c, c.a * alpha, bg);
            cands.push({ color: hex(c), ratio: ratio(seen, bg) });
          };
          if (Number.parseFloat(cs.strokeWidth) > 0) {
            paint(cs.stroke, Number.parseFloat(cs.strokeOpacity) * op);
          }
          paint(cs.fill, Number.parseFloat(cs.fillOpacity) * op);
          if (cands.length === 0) continue;
          const best = cands.reduce((x, y) => (y.ratio > x.ratio ? y : x));
          if (best.ratio >= MIN_CONTRAST) continue;
          const e = byColor.get(best.color) ?? { color: best.color, ratio: best.ratio, n: 0 };
          e.n++;
          e.ratio = Math.min(e.ratio, best.ratio);
          e.mark = label;
          e.bg = hex(bg);
          byColor.set(best.color, e);
        }
      }
    }
    return [...byColor.values()].map((e) => ({ ...e, ratio: +e.ratio.toFixed(2) }));
  }

  // --- language ----------------------------------------------------------------------------
  /** Strings in the wrong language, keyed by the figure they belong to ("(page)" otherwise). */
  function language() {
    const other = o.lang === "en" ? "zh" : "en";
    const wrong = (s) => {
      if (o.lang === "en") return HAN.test(s);
      return (s.match(WORDS) ?? []).some((m) => /(^|[^A-Za-z])[a-z]{2,}/.test(m));
    };
    const allowed = (el) => {
      const l = el.closest("[lang]")?.getAttribute("lang") ?? "";
      return l.toLowerCase().startsWith(other);
    };
    const out = new Map();
    const add = (el, text) => {
      const id = el.closest("figure[data-chart]")?.dataset.chart ?? "(page)";
      if (!out.has(id)) out.set(id, []);
      out.get(id).push({ text: clip(text) });
    };
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.data.trim() || el.closest(SKIP_TEXT)) continue;
      if (wrong(n.data) && !allowed(el)) add(el, n.data);
    }
    // What assistive technology reads out.
    for (const el of scope.querySelectorAll("[aria-label], [title], [alt]")) {
      if (el.closest(SKIP_TEXT) || el.closest('[aria-hidden="true"]')) continue;
      for (const a of ["aria-label", "title", "alt"]) {
        const v = el.getAttribute(a);
        if (v && wrong(v) && !allowed(el)) add(el, `@${a}: ${v}`);
      }
    }
    return out;
  }

  const figs = [...document.querySelectorAll("figure[data-chart]")].filter(
    (f) => o.only == null || f.dataset.chart === o.only,
  );
  const scope = o.only == null ? document.body : figs[0];
  const lang = scope ? language() : new Map();
  const charts = figs.map((fig) => ({
    id: fig.dataset.chart,
    drawn: fig.querySelector("svg text") !== null,
    overlaps: overlaps(textBoxes(fig)).sort((a, b) => b.px - a.px),
    outside: outside(fig).sort((a, b) => b.px - a.px),
    undersized: undersized(fig).sort((a, b) => a.px - b.px),
    lowContrast: lowContrast(fig).sort((a, b) => a.ratio - b.ratio),
    untranslated: lang.get(fig.dataset.chart) ?? [],
  }));
  return { charts, page: { id: "(page)", untranslated: lang.get("(page)") ?? [] } };
}
