// A small static server for the report: www/ at "/", pkg/ at "/pkg/", loopback only.
// Usage: node tools/serve.mjs [--port 8000] [--root .]
// Sends the page's Content-Security-Policy as a header too (the <meta> copy cannot carry
// frame-ancestors), the right MIME type for .wasm, and never lists directories.
// Per path: the report may only be framed by itself (frame-ancestors 'self'); the embed pages
// (embed.html, embed/**) by any page (frame-ancestors *); standalone SVGs get a CSP of their own
// (no script, their inline <style> only). ETag / If-None-Match, so revalidation (the service
// worker's no-cache fetches, Cache-Control: no-cache) costs a 304, not the file.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(opt("port", process.env.PORT ?? 8000));
const root = resolve(opt("root", "."));
const host = "127.0.0.1";

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

/** The CSP of a response by path: embeds may be framed anywhere, the report only by itself. */
export function cspFor(urlPath) {
  const p = urlPath.split("?")[0];
  if (p.endsWith(".svg")) return "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  const embed = p === "/embed.html" || p.startsWith("/embed/");
  return `${CSP}; frame-ancestors ${embed ? "*" : "'self'"}`;
}

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
    if (!file || !(await stat(file)).isFile()) throw new Error("not found");
    const body = await readFile(file);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { ...headers, ETag: etag });
      res.end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      ETag: etag,
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" });
    res.end("not found\n");
  }
});

server.listen(port, host, () => {
  console.log(`Civic Pulse: http://${host}:${server.address().port}/  (Ctrl-C stops)`);
});
