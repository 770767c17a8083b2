// Issue 15, serving: tools/compress.mjs writes .br and .gz beside the static assets and
// tools/serve.mjs negotiates Accept-Encoding: the right Content-Encoding, Vary, Content-Type
// (application/wasm), ETag per encoding, bodies that decode to the very file on disk (checked
// with node:zlib), identity when the client accepts nothing, immutable caching for
// content-hashed names only. Runs the compressor on a copy of the served tree.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { HASHED, negotiate } from "../../tools/serve.mjs";
import { startServer } from "./harness.mjs";

let root, server;
before(async () => {
  root = mkdtempSync(join(tmpdir(), "cp-serve-"));
  for (const d of ["www/data", "www/embed", "www/oembed", "pkg", "tools"])
    cpSync(d, join(root, d), { recursive: true, filter: (p) => !/\.(br|gz)$/.test(p) });
  cpSync("www/share/zh/sg-stl.png", join(root, "www/share/zh/sg-stl.png"));
  for (const f of ["www/index.html", "www/site.css", "www/embed.js", "www/favicon.svg"])
    cpSync(f, join(root, f));
  execFileSync(process.execPath, [join(root, "tools/compress.mjs"), "--quiet"]);
  server = await startServer(["--root", root]);
});
after(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path, enc) =>
  fetch(server.url + path, { headers: enc === undefined ? {} : { "Accept-Encoding": enc } });

test("Accept-Encoding is negotiated: br, then gzip, else identity; q=0 refuses", () => {
  assert.equal(negotiate("gzip, deflate, br, zstd"), "br");
  assert.equal(negotiate("gzip"), "gzip");
  assert.equal(negotiate("br;q=0, gzip;q=0.5"), "gzip");
  assert.equal(negotiate("*"), "br");
  assert.equal(negotiate("identity"), null);
  assert.equal(negotiate(""), null);
  assert.ok(
    HASHED.test("plot.3f9a2c1b.js") &&
      HASHED.test("app-main.V7YB72O2.js") &&
      !HASHED.test("plot.js") &&
      !HASHED.test("sg-stl.zh.svg") &&
      !HASHED.test("app-main.js"),
  );
});

test("the build's .br/.gz copies decode to the file; the server sends them with the right headers", async () => {
  for (const [path, file, type] of [
    ["pkg/civic_pulse_bg.wasm", "pkg/civic_pulse_bg.wasm", "application/wasm"],
    ["", "www/index.html", "text/html; charset=utf-8"],
    ["embed/resize.js", "www/embed/resize.js", "text/javascript; charset=utf-8"],
    ["data/claims.arrow", "www/data/claims.arrow", "application/vnd.apache.arrow.file"],
  ]) {
    const raw = readFileSync(join(root, file));
    const br = readFileSync(join(root, `${file}.br`));
    assert.deepEqual(brotliDecompressSync(br), raw, file);
    assert.deepEqual(gunzipSync(readFileSync(join(root, `${file}.gz`))), raw, file);
    assert.ok(br.length < raw.length * 0.6, `${file}: ${br.length} of ${raw.length}`);
    // Node's fetch decodes: check the wire with the raw header and length instead.
    for (const [accept, enc, copy] of [
      ["gzip, deflate, br", "br", `${file}.br`],
      ["gzip", "gzip", `${file}.gz`],
    ]) {
      const res = await get(path, accept);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-encoding"), enc, `${path} ${accept}`);
      assert.equal(res.headers.get("vary"), "Accept-Encoding");
      assert.equal(res.headers.get("content-type"), type);
      assert.equal(Number(res.headers.get("content-length")), statSync(join(root, copy)).size);
      assert.equal(res.headers.get("cache-control"), "no-cache");
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), raw, `${path}: decoded body`);
      // Revalidation: the ETag names the encoding, so a 304 never pairs with another one.
      const etag = res.headers.get("etag");
      assert.ok(etag.endsWith(`-${enc}"`), etag);
      const again = await fetch(server.url + path, {
        headers: { "Accept-Encoding": accept, "If-None-Match": etag },
      });
      assert.equal(again.status, 304);
    }
    const plain = await get(path, "identity");
    assert.equal(plain.headers.get("content-encoding"), null);
    assert.equal(Number(plain.headers.get("content-length")), raw.length);
  }
});

test("a stale copy is never sent: a file newer than its .br is compressed afresh", async () => {
  const f = join(root, "www/site.css");
  const changed = Buffer.concat([readFileSync(f), Buffer.from("\n/* rebuilt */\n")]);
  writeFileSync(f, changed);
  const now = Date.now() / 1000;
  utimesSync(`${f}.br`, now - 60, now - 60);
  utimesSync(f, now, now);
  const res = await get("site.css", "br");
  assert.equal(res.headers.get("content-encoding"), "br");
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), changed);
});

test("PNG is sent as is; oEmbed JSON may be read cross-origin", async () => {
  const png = await get("share/zh/sg-stl.png", "gzip, br");
  assert.equal(png.headers.get("content-type"), "image/png");
  assert.equal(png.headers.get("content-encoding"), null);
  assert.equal(png.headers.get("vary"), null);
  const o = await get("oembed/zh/sg-stl.json", "br");
  assert.equal(o.headers.get("access-control-allow-origin"), "*");
  assert.equal((await o.json()).type, "rich");
});
