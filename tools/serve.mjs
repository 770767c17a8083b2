// A small static server for the report: www/ at "/", pkg/ at "/pkg/", loopback only.
// Usage: node tools/serve.mjs [--port 8000] [--root .]
// Sends the page's Content-Security-Policy as a header too (the <meta> copy cannot carry
// frame-ancestors), the right MIME type for .wasm, and never lists directories.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
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

const server = createServer(async (req, res) => {
  const headers = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
  };
  try {
    const file = locate(req.url ?? "/");
    if (!file || !(await stat(file)).isFile()) throw new Error("not found");
    const body = await readFile(file);
    res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" });
    res.end("not found\n");
  }
});

server.listen(port, host, () => {
  console.log(`Civic Pulse: http://${host}:${server.address().port}/  (Ctrl-C stops)`);
});
