// The report's first round trip (issue 15): tools/prerender.mjs passes www/index.html through
// criticalPath() so that the first screen needs nothing but the HTML itself (≤ 14 KB compressed,
// the initial TCP window of RFC 6928):
//   - the critical CSS inline: the rules of site.css that match the header and the first section
//     (selectors matched against the static page itself, pseudo-classes ignored, so a rule is
//     kept rather than dropped when in doubt); the full site.css follows at the end of <body>,
//     where it does not block the first paint;
//   - the first chart's build-time SVG inline (data: URIs): the desktop drawing as the <img>
//     the live figure adopts, the phone drawing through the critical CSS (content: url(), the
//     image shown in its place on a narrow screen);
//   - an inline script that puts a deep link (#…&chart=<id> or #section=<id>) on its target
//     before the first paint, and shows the English static drawings for #lang=en; when the
//     address has a fragment, a second one in <head> holds the first frame until it has run
//     (below, DEEP_HOLD);
//   - the boot script inline (when the page is bundled), which starts the engine's worker;
//   - the page's Content-Security-Policy allows exactly these inline blocks by SHA-256
//     (tools/serve.mjs sends an HTML file's own <meta> policy as its header).
import { createHash } from "node:crypto";
import { parseHTML } from "linkedom";

/** Splits a stylesheet into top-level blocks: {prelude, body} (at-rules keep their inner text). */
function blocks(css) {
  const out = [];
  const src = css.replace(/\/\*[\s\S]*?\*\//g, "");
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf("{", i);
    if (open < 0) break;
    let depth = 1;
    let j = open + 1;
    for (; j < src.length && depth; j++) {
      if (src[j] === "{") depth++;
      else if (src[j] === "}") depth--;
    }
    out.push({ prelude: src.slice(i, open).trim(), body: src.slice(open + 1, j - 1).trim() });
    i = j;
  }
  return out;
}

/** Whether any selector of a rule may apply to `doc` (pseudo-classes and -elements ignored). */
function applies(doc, prelude) {
  for (const sel of prelude.split(",")) {
    const bare = sel
      .replace(/::?[a-z-]+(\((?:[^()]|\([^)]*\))*\))?/gi, "")
      .replace(/\s*>\s*$/, "")
      .trim();
    if (!bare) return true; // :root, :focus-visible, …
    try {
      if (doc.querySelector(bare)) return true;
    } catch {
      return true; // a selector the DOM shim cannot parse: keep the rule
    }
  }
  return false;
}

/** The rules of `css` that may apply to `doc`, minified lightly (whitespace). */
export function criticalCss(css, doc) {
  const keep = [];
  for (const { prelude, body } of blocks(css)) {
    if (prelude.startsWith("@media") || prelude.startsWith("@supports")) {
      const inner = criticalCss(body, doc);
      if (inner) keep.push(`${prelude}{${inner}}`);
    } else if (prelude.startsWith("@")) {
      keep.push(`${prelude}{${body}}`);
    } else if (applies(doc, prelude)) {
      keep.push(`${prelude}{${body}}`);
    }
  }
  return keep
    .join("")
    .replace(/\s*\n\s*/g, "")
    .replace(/\s*([{};:,>])\s*/g, "$1")
    .replace(/;}/g, "}");
}

/** An SVG file's text as a data: URI (percent-encoding only what a URL or attribute needs). */
export function svgDataUri(svg) {
  const body = svg
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace(/\s*\n\s*/g, " ")
    .replace(/[%#<>&"]/g, encodeURIComponent);
  return `data:image/svg+xml,${body}`;
}

// Runs before the first paint (end of <body>, parser-inserted): a deep link lands on its chart
// or section at once (main.js scrolls there again once its live figures replace the static
// ones, which keep their sizes), and #lang=en shows the English static drawings.
const DEEP_LINK = `(()=>{const p=new URLSearchParams(location.hash.slice(1)),d=document,c=p.get("chart"),s=p.get("section"),t=(c&&d.getElementById("chart-"+c))||(s&&d.getElementById(s));if(p.get("lang")==="en"){d.documentElement.dataset.staticLang="en";for(const i of d.querySelectorAll("img.static-chart"))i.src=i.dataset.en||i.getAttribute("src").replace(/\\.zh\\.svg$/,".en.svg")}if(t)t.scrollIntoView({block:"start",behavior:"instant"})})();`;

// The first frame of a deep link waits for DEEP_LINK to have run. <link rel=expect
// blocking=render> releases rendering when the element it names has finished parsing; DEEP_LINK
// runs after site.css has loaded (a parser-inserted script waits for the style sheets before it),
// so the element named is the marker *after* the script, not the script itself, whose end tag
// is parsed (and rendering released, first frame at the top: issue 15's CI run) before it runs.
// Only an address with a fragment is held: a plain load paints as soon as its HTML is parsed,
// without waiting for site.css.
const MARK = "cp-deep-link-done";
const DEEP_HOLD = `if(location.hash.length>1){const l=document.createElement("link");l.rel="expect";l.href="#${MARK}";l.setAttribute("blocking","render");document.head.append(l)}`;

const sha = (s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

/**
 * index.html with its critical path inlined. `first`: {id, desktop, phone} — the first chart's
 * id and its standalone SVG files at desktop and phone width; `css`: site.css.
 */
export function criticalPath(html, { css, first, boot = null }) {
  // The first screen: header and first section of the static page (the rest removed).
  const { document } = parseHTML(html);
  const sections = [...document.querySelectorAll("main > section")];
  for (const s of sections.slice(1)) s.remove();
  document.querySelector("footer")?.remove();
  // The JS-only state the first paint already has: none (html carries no data-js yet).
  const id = first.id;
  const sel = `#chart-${id} img.static-chart`;
  const phone = `@media (max-width:40rem){:root:not([data-static-lang=en]) ${sel}{content:url("${svgDataUri(first.phone)}")}}`;
  const style = criticalCss(css, document) + phone;
  let out = html;
  // The first chart: its desktop drawing inline, the English file for #lang=en.
  const img = new RegExp(
    `(<figure class="chart" id="chart-${id}"[\\s\\S]*?<img class="static-chart" )src="([^"]+)"([^>]*)>`,
  );
  if (!img.test(out)) throw new Error(`critical path: no static image of ${id}`);
  // The first chart's phone drawing comes inline through the critical CSS above, so its
  // <picture> loses the <source> that would fetch the phone file instead.
  out = out.replace(
    new RegExp(`(<figure class="chart" id="chart-${id}"[\\s\\S]*?)<source [^>]*>`),
    (_, pre) => pre,
  );
  out = out.replace(img, (_, pre, src, rest) => {
    const attrs = rest.replace(/ decoding="async"/, "");
    return `${pre}src="${svgDataUri(first.desktop)}" data-en="${src.replace(/\.zh\.svg$/, ".en.svg")}"${attrs}>`;
  });
  const link = '<link rel="stylesheet" href="site.css">';
  if (!out.includes(link)) throw new Error("critical path: no site.css link in index.html");
  out = out
    // A deep link's first frame waits until the deep-link script has run (DEEP_HOLD): the first
    // frame is already at the link's target. The whole page arrives in the first round trip.
    .replace(link, () => `<style>${style}</style>\n<script>${DEEP_HOLD}</script>`)
    .replace(
      "</body>",
      () =>
        `${link}\n<script id="cp-deep-link">${DEEP_LINK}</script><template id="${MARK}"></template>\n</body>`,
    );
  // The boot script (the bundled www/boot.js, a few hundred bytes) inline: the engine's worker
  // starts, and with it the WASM and first datasets' downloads, as soon as the HTML is parsed
  // rather than a request later.
  const bootTag = /<script type="module" async src="app-boot\.[A-Z0-9]+\.js"><\/script>/;
  if (boot) {
    if (!bootTag.test(out)) throw new Error("critical path: no boot script in index.html");
    out = out.replace(bootTag, () => `<script type="module" async>${boot}</script>`);
  }
  // The policy: the inline blocks by hash, nothing else inline.
  out = out.replace(
    /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(">)/,
    (_, a, policy, b) =>
      a +
      policy
        .replace(
          "script-src 'self'",
          `script-src 'self' ${sha(DEEP_HOLD)} ${sha(DEEP_LINK)}${boot ? ` ${sha(boot)}` : ""}`,
        )
        .replace("style-src 'self'", `style-src 'self' ${sha(style)}`) +
      b,
  );
  if (!out.includes(sha(style))) throw new Error("critical path: CSP not updated");
  return out;
}
