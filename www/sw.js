// Offline after the first visit. The build writes build-manifest.json ({build, files: {path:
// sha256}}: the page shell, its modules, Plot, the static SVGs, pkg/ and every dataset with the
// catalog's SHA-256). This worker keeps one cache per build, "civic-pulse-<build>", filled from
// the manifest: entries whose hash did not change are copied from the previous build's cache,
// the rest are fetched and checked against their SHA-256 (a half-deployed build is not cached).
// Only when a build's cache is complete does it become current (cache "civic-pulse-meta"), and
// the caches of older builds are deleted. Files of the current build are served from the cache
// (one consistent build per page load); everything else goes to the network, and falls back to
// the cache when the network is down. A navigation checks for a newer build in the background,
// which the next load uses. Scope: the site root (pkg/ is /pkg/, under it).
const PREFIX = "civic-pulse-";
const META = "civic-pulse-meta";
const SCOPE = self.registration.scope;
const HASH_HEADER = "x-civic-pulse-sha256";
// Entries are stored gzip-compressed (a third of the disk for the WASM module and the data);
// this header marks them, and respond() inflates them on the way out. Checked against the
// SHA-256 before compression. fetch() hands the worker decoded bytes whatever the server's
// Content-Encoding, so that header (and the matching Content-Length) is dropped.
const GZ_HEADER = "x-civic-pulse-stored";

let currentPromise = null;
/** The current build's manifest (from the meta cache), or null before the first install. */
function current() {
  currentPromise ??= caches
    .open(META)
    .then((c) => c.match("current"))
    .then((r) => (r ? r.json() : null))
    .catch(() => null);
  return currentPromise;
}

const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

async function fetchChecked(url, sha256) {
  const res = await fetch(url, { cache: "no-cache" });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const body = await res.arrayBuffer();
  const got = hex(await crypto.subtle.digest("SHA-256", body));
  if (got !== sha256)
    throw new Error(`${url}: SHA-256 ${got.slice(0, 12)} ≠ manifest ${sha256.slice(0, 12)}`);
  const headers = new Headers(res.headers);
  headers.delete("content-encoding");
  headers.delete("content-length");
  headers.set(HASH_HEADER, sha256);
  if (typeof CompressionStream !== "function") return new Response(body, { status: 200, headers });
  headers.set(GZ_HEADER, "gzip");
  const gz = new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Response(await new Response(gz).arrayBuffer(), { status: 200, headers });
}

/** A cached entry as the page must see it: inflated if it was stored compressed. */
function served(hit) {
  if (hit.headers.get(GZ_HEADER) !== "gzip") return hit;
  const headers = new Headers(hit.headers);
  headers.delete(GZ_HEADER);
  return new Response(hit.body.pipeThrough(new DecompressionStream("gzip")), {
    status: 200,
    headers,
  });
}

let updating = null;
/** Fetches the manifest; if it names a new build, caches it completely, then switches to it. */
function update() {
  updating ??= (async () => {
    const res = await fetch(new URL("build-manifest.json", SCOPE), { cache: "no-store" });
    if (!res.ok) throw new Error(`build-manifest.json: HTTP ${res.status}`);
    const manifest = await res.json();
    const cur = await current();
    const name = PREFIX + manifest.build;
    if (cur?.build === manifest.build && (await caches.has(name))) return false;
    const cache = await caches.open(name);
    const older = (await caches.keys()).filter(
      (k) => k.startsWith(PREFIX) && k !== name && k !== META,
    );
    for (const [path, sha256] of Object.entries(manifest.files)) {
      const url = new URL(path, SCOPE).href;
      const have = await cache.match(url);
      if (have?.headers.get(HASH_HEADER) === sha256) continue;
      let hit = null;
      for (const k of older) {
        const r = await (await caches.open(k)).match(url);
        if (r?.headers.get(HASH_HEADER) === sha256) {
          hit = r;
          break;
        }
      }
      await cache.put(url, hit ?? (await fetchChecked(url, sha256)));
    }
    await (await caches.open(META)).put(
      "current",
      new Response(JSON.stringify(manifest), { headers: { "content-type": "application/json" } }),
    );
    currentPromise = Promise.resolve(manifest);
    for (const k of older) await caches.delete(k);
    return true;
  })().finally(() => {
    updating = null;
  });
  return updating;
}

self.addEventListener("install", (ev) => {
  ev.waitUntil(update().catch((e) => console.warn("civic-pulse sw: precache failed:", e.message)));
  self.skipWaiting();
});

self.addEventListener("activate", (ev) => {
  ev.waitUntil(self.clients.claim());
});

/** The manifest key of a URL under the scope ("./" for the page itself), or null. */
function keyOf(url) {
  if (!url.href.startsWith(SCOPE)) return null;
  const rel = url.pathname.slice(new URL(SCOPE).pathname.length);
  return rel === "" || rel === "index.html" ? "./" : rel;
}

async function respond(ev, url) {
  const req = ev.request;
  const cur = await current();
  const key = keyOf(url);
  if (cur && key && Object.hasOwn(cur.files, key)) {
    const hit = await (await caches.open(PREFIX + cur.build)).match(new URL(key, SCOPE).href);
    if (hit) {
      if (req.mode === "navigate") ev.waitUntil(update().catch(() => {}));
      return served(hit);
    }
  }
  try {
    const res = await fetch(req);
    if (req.mode === "navigate") ev.waitUntil(update().catch(() => {}));
    return res;
  } catch (e) {
    const hit =
      (await caches.match(req, { ignoreSearch: true })) ??
      (req.mode === "navigate" && cur ? await caches.match(new URL("./", SCOPE).href) : undefined);
    if (hit) return served(hit);
    throw e;
  }
}

self.addEventListener("fetch", (ev) => {
  const url = new URL(ev.request.url);
  if (
    ev.request.method !== "GET" ||
    url.origin !== self.location.origin ||
    url.pathname.endsWith("/build-manifest.json")
  )
    return;
  ev.respondWith(respond(ev, url));
});
