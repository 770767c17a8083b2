// A news article on a second origin (another loopback port) for the embed tests: strict CSP, no
// inline script or style, frames only from the report's origin. Pages are given as HTML bodies
// per path; the stylesheet is shared.

import { createServer } from "node:http";

export const ARTICLE_CSS = `body{font:17px/1.6 Georgia,serif;max-width:44rem;margin:0 auto;padding:0 8px;color:#222;background:#fff}
h1{font-size:1.8rem;line-height:1.2}iframe{display:block;border:0;margin:1rem 0}`;

/** The article's document around some body HTML (no script unless the body has one). */
export function articlePage(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/article.css">
</head><body><h1>${title}</h1>${body}<p>The end.</p></body></html>`;
}

/**
 * Serves `pages` ({"/path": html}) and /article.css from a free port with
 * `default-src 'none'; script-src <embed origin>; frame-src <embed origin>; style-src 'self'`.
 */
export function hostServer(embedBase, pages) {
  const origin = new URL(embedBase).origin;
  const csp = `default-src 'none'; script-src ${origin}; frame-src ${origin}; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'`;
  return new Promise((resolve) => {
    const srv = createServer((req, res) => {
      const headers = { "Content-Security-Policy": csp, "Cache-Control": "no-store" };
      if (req.url === "/article.css")
        res.writeHead(200, { ...headers, "Content-Type": "text/css" }).end(ARTICLE_CSS);
      else if (Object.hasOwn(pages, req.url))
        res
          .writeHead(200, { ...headers, "Content-Type": "text/html; charset=utf-8" })
          .end(pages[req.url]);
      else if (req.url === "/favicon.ico") res.writeHead(204, headers).end();
      else res.writeHead(404, headers).end();
    });
    srv.listen(0, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${srv.address().port}`;
      resolve({ origin: url, close: () => srv.close() });
    });
  });
}

/**
 * Inside an embed frame: whether the whole chart is visible. The document is no taller than
 * the frame (nothing to scroll), the chart's SVG box is inside the viewport, and its drawing is
 * not clipped: the box keeps the SVG's own aspect ratio or is letterboxed (meet), never sliced.
 */
export function fitOf() {
  const svg = document.querySelector("figure.chart .plot svg");
  const r = svg?.getBoundingClientRect();
  const vb = svg?.viewBox?.baseVal;
  const par = svg?.getAttribute("preserveAspectRatio") ?? "";
  return {
    ready: document.documentElement.dataset.ready,
    scrollHeight: document.documentElement.scrollHeight,
    bodyScroll: document.body.scrollHeight,
    innerHeight,
    innerWidth,
    svg: r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right, h: r.height } : null,
    vb: vb ? { w: vb.width, h: vb.height } : null,
    slice: par.includes("slice"),
    h1: document.querySelectorAll("h1").length,
    bg: getComputedStyle(document.body).backgroundColor,
  };
}
