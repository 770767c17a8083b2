// A small static server for the report: www/ at "/", pkg/ at "/pkg/", loopback only.
// Usage: node tools/serve.mjs [--port 8000] [--root .] [--no-compress]
// Sends the page's Content-Security-Policy as a header too (the <meta> copy cannot carry
// frame-ancestors), the right MIME type for .wasm, and never lists directories.
// Per path: the report may only be framed by itself (frame-ancestors 'self'); the embed pages
// (embed.html, embed/**) by any page (frame-ancestors *); standalone SVGs get a CSP of their own
// (no script, their inline <style> only). ETag / If-None-Match, so revalidation (the service
// worker's no-cache fetches, Cache-Control: no-cache) costs a 304, not the file.
// Compression (issue 15): Accept-Encoding is negotiated (br, then gzip); the precompressed
// <file>.br / <file>.gz written by tools/compress.mjs are sent when they are at least as new as
// the file, otherwise the file is compressed once in memory. Every compressible response says
// Vary: Accept-Encoding; each encoding has its own ETag. Content-hashed names
// (name.<8+ hex>.ext) are cached for a year as immutable; everything else is revalidated.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { basename, extname, join, normalize, resolve, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(opt("port", process.env.PORT ?? 8000));
const root = resolve(opt("root", "."));
const host = "127.0.0.1";
// --no-compress: identity only (the "before" column of bench/pageload.mjs).
const compress = !args.includes("--no-compress");

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * The CSP of a response by path: embeds may be framed anywhere, the report only by itself.
 * `policy`: an HTML file's own <meta> policy (index.html allows its inline critical CSS and
 * deep-link script by hash, tools/critical-path.mjs), used instead of the default.
 */
export function cspFor(urlPath, policy = CSP) {
  const p = urlPath.split("?")[0];
  if (p.endsWith(".svg")) return "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  const embed = p === "/embed.html" || p.startsWith("/embed/");
  return `${policy}; frame-ancestors ${embed ? "*" : "'self'"}`;
}

const META_CSP = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".arrow": "application/vnd.apache.arrow.file",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** Maps a URL path to a file under www/ or pkg/, or null if it escapes them. */
function locate(urlPath) {
  let p = decodeURIComponent(urlPath.split("?")[0]);
  if (p.endsWith("/")) p += "index.html";
  const [base, rest] = p.startsWith("/pkg/") ? ["pkg", p.slice(5)] : ["www", p.slice(1)];
  const dir = join(root, base);
  const file = normalize(join(dir, rest));
  return file.startsWith(dir + sep) ? file : null;
}

/** Same list as tools/compress.mjs (kept here so the server has no build-tool imports). */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|wasm|arrow|ts|csv|txt|webmanifest)$/;
/** A content hash in the file name: the bytes behind that URL never change. */
// (tools/bundle.mjs's esbuild names carry an 8-character base-32 hash: app-main.V7YB72O2.js.)
export const HASHED = /(?:[.-][0-9a-f]{8,}|^app-[a-z]+\.[A-Z0-9]{8})\.[a-z0-9]+$/;

/**
 * The encoding to send for an Accept-Encoding header: "br", "gzip" or null (identity). q=0
 * refuses; "*" accepts both; br wins a tie (smaller).
 */
export function negotiate(accept = "") {
  const q = {};
  for (const part of String(accept).toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    const qp = params.map((x) => x.trim()).find((x) => x.startsWith("q="));
    q[name] = qp ? Number(qp.slice(2)) || 0 : 1;
  }
  const ok = (enc) => (q[enc] ?? q["*"] ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return null;
}

const memo = new Map(); // file -> {mtimeMs, br?, gzip?}: on-the-fly copies when none is on disk
/** The body of `file` in `enc`: the fresh precompressed copy, or compressed here once. */
async function encoded(file, mtimeMs, body, enc) {
  const ext = enc === "br" ? "br" : "gz";
  try {
    const st = await stat(`${file}.${ext}`);
    if (st.mtimeMs >= mtimeMs) return await readFile(`${file}.${ext}`);
  } catch {}
  let m = memo.get(file);
  if (m?.mtimeMs !== mtimeMs) {
    m = { mtimeMs };
    memo.set(file, m);
  }
  m[enc] ??=
    enc === "br"
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : gzipSync(body, { level: 6 });
  return m[enc];
}

let warned = false;
/** www/index.html is generated (tools/prerender.mjs); without it, serve the template. */
async function withFallback(file) {
  if (!file?.endsWith(`${sep}www${sep}index.html`)) return file;
  try {
    await stat(file);
    return file;
  } catch {
    if (!warned)
      console.warn(
        "www/index.html missing (run node tools/prerender.mjs): serving index.template.html without static charts",
      );
    warned = true;
    return file.replace(/index\.html$/, "index.template.html");
  }
}

const server = createServer(async (req, res) => {
  const headers = {
    "Content-Security-Policy": cspFor(req.url ?? "/"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
  };
  try {
    const file = await withFallback(locate(req.url ?? "/"));
    const st = file ? await stat(file) : null;
    if (!st?.isFile()) throw new Error("not found");
    let body = await readFile(file);
    // The header carries the page's own policy (the <meta> copy cannot say frame-ancestors).
    const meta = extname(file) === ".html" && META_CSP.exec(body.toString("utf8", 0, 4096));
    if (meta) headers["Content-Security-Policy"] = cspFor(req.url ?? "/", meta[1]);
    let etag = createHash("sha256").update(body).digest("base64url").slice(0, 27);
    // oEmbed responses are read by other sites' editors (in the browser, for some of them).
    if ((req.url ?? "").startsWith("/oembed/")) headers["Access-Control-Allow-Origin"] = "*";
    if (HASHED.test(basename(file)))
      headers["Cache-Control"] = "public, max-age=31536000, immutable";
    if (COMPRESSIBLE.test(file)) {
      headers.Vary = "Accept-Encoding";
      const enc = compress ? negotiate(req.headers["accept-encoding"]) : null;
      if (enc) {
        body = await encoded(file, st.mtimeMs, body, enc);
        headers["Content-Encoding"] = enc;
        etag += `-${enc}`;
      }
    }
    etag = `"${etag}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { ...headers, ETag: etag });
      res.end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      ETag: etag,
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": body.length,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" });
    res.end("not found\n");
  }
});

if (import.meta.url === `file://${process.argv[1]}`)
  server.listen(port, host, () => {
    console.log(`Civic Pulse: http://${host}:${server.address().port}/  (Ctrl-C stops)`);
  });
