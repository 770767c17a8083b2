// Issue 11: no number that traces to a reconstructed row appears as a figure in a chart's
// sentence or value labels, in either language, for any toggle state. Runs the page's own chart
// declarations in Node over the WASM module (as tools/prerender.mjs does) and compares every
// description and label with every way the page formats each reconstructed value.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseHTML } from "linkedom";

const ROOT = new URL("../..", import.meta.url).pathname;
const WWW = join(ROOT, "www");
const { window, document } = parseHTML("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = document;

const engine = await import("../../www/engine.js");
const catalog = JSON.parse(readFileSync(join(WWW, "data/catalog.json"), "utf8"));
const files = { "catalog.json": readFileSync(join(WWW, "data/catalog.json")) };
for (const d of catalog) files[d.file] = new Uint8Array(readFileSync(join(WWW, "data", d.file)));
engine.configure({ wasm: readFileSync(join(ROOT, "pkg/civic_pulse_bg.wasm")), files });
await engine.start();
const { CHARTS } = await import("../../www/registry.js");
const { context } = await import("../../www/view.js");
await (await import("../../www/i18n.js")).loadLang("en"); // the page loads English on demand
const fmt = await import("../../www/format.js");

/** Every toggle state worth checking: the defaults, then each option of each toggle. */
function states(spec) {
  const base = Object.fromEntries((spec.toggles ?? []).map((t) => [t.key, t.default]));
  const out = [base];
  for (const t of spec.toggles ?? [])
    for (const o of t.options) if (o.value !== t.default) out.push({ ...base, [t.key]: o.value });
  return out;
}

/**
 * The texts a reader sees as figures: the description and every annotation, without the
 * report's own words in quotation marks (“峰值突破1.4亿” is what the report says, not a value).
 */
const texts = (vm) =>
  [vm.description ?? "", ...(vm.annotations ?? []).map((a) => a.text ?? "")].map((s) =>
    s.replace(/“[^”]*”/g, "“…”"),
  );

/** Every way the page could print v (unit formats at 1–3 digits), long enough to be telling. */
function renderings(v, units, lang) {
  const out = new Set();
  for (const u of units)
    for (const digits of [undefined, 1, 2, 3]) out.add(fmt.value(v, u, lang, { digits }));
  return [...out].filter((s) => /\d\.\d|\d{3}/.test(s)); // "1" or "20%" match too much prose
}

test("no reconstructed value is printed as a figure in any chart's text (zh, en, every toggle)", async () => {
  const found = [];
  let checked = 0;
  for (const spec of CHARTS) {
    if (spec.dataset === "claims" || spec.dataset === "consistency") continue; // no series
    for (const lang of ["zh", "en"])
      for (const st of states(spec)) {
        const vm = await spec.prepare(
          context(lang, (k) => st[k], {
            seriesAll: engine.seriesAll,
            table: engine.table,
            wasm: engine.analytics,
            claims: engine.claims,
          }),
        );
        const units = [vm.unit, spec.unit].filter(Boolean);
        const rows = vm.table?.rows ?? [];
        const printed = new Set(
          rows
            .filter((r) => r.provenance && r.provenance !== "reconstructed")
            .flatMap((r) => renderings(r.value, units, lang)),
        );
        const text = texts(vm).join(" ");
        for (const r of rows.filter((x) => x.provenance === "reconstructed")) {
          if (!Number.isFinite(r.value)) continue;
          checked++;
          for (const s of renderings(r.value, units, lang))
            if (!printed.has(s) && text.includes(s))
              found.push(`${spec.id} ${lang} ${JSON.stringify(st)}: ${s}`);
        }
      }
  }
  assert.ok(checked > 500, `only ${checked} reconstructed values checked`);
  assert.deepEqual([...new Set(found)], []);
});
