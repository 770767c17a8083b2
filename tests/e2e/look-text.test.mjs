// One translation mechanism (issue 12): the chart declarations under www/charts/ hold no prose
// in either language. Their labels (toggles, options, table columns, series) are keys into the
// text layer (www/text/terms.{zh,en}.js, read by i18n.js term()); the only Chinese strings left
// in them are data labels a dataset contains (an entity, a city, an item), each with an English
// name in www/text/names.en.js. Reads the source files; no browser.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { names } from "../../www/text/names.en.js";
import { terms as termsEn } from "../../www/text/terms.en.js";
import { terms as termsZh } from "../../www/text/terms.zh.js";

const DIR = "www/charts";
const HAN = /[\u3400-\u9fff]/;

/** Each declaration file's source, comments removed. */
const SOURCES = readdirSync(DIR)
  .filter((f) => f.endsWith(".js"))
  .map((file) => ({
    file,
    src: readFileSync(`${DIR}/${file}`, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(^|[^:\\])\/\/.*$/gm, "$1"),
  }));

/** Every string literal of the declarations (quoted or template), with its file. */
const literals = () =>
  SOURCES.flatMap(({ file, src }) =>
    (src.match(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g) ?? []).map((lit) => ({
      file,
      text: lit.slice(1, -1),
    })),
  );

/** English prose: two words of letters side by side, once template substitutions are gone. */
const prose = (s) => /[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/.test(s.replace(/\$\{[^}]*\}/g, ""));

test("chart declarations contain no Chinese text but data labels with an English name", () => {
  const bad = literals()
    .filter((l) => HAN.test(l.text) && !(l.text in names))
    .map((l) => `${l.file}: "${l.text}"`);
  assert.deepEqual(bad, [], "Chinese text in www/charts (move it to the text layer, by key)");
});

test("chart declarations contain no English prose literals", () => {
  const bad = literals()
    .filter((l) => !/^\.\.?\//.test(l.text) && prose(l.text))
    .map((l) => `${l.file}: "${l.text}"`);
  assert.deepEqual(bad, [], "English prose in www/charts (move it to the text layer, by key)");
});

test("no bilingual pairs in the declarations: no T(zh, en), no {zh, en} literals", () => {
  const bad = [];
  for (const { file, src } of SOURCES) {
    if (/\bT\(/.test(src)) bad.push(`${file}: T(`);
    if (/\{\s*zh\s*:[^}]*\ben\s*:/.test(src)) bad.push(`${file}: {zh, en}`);
  }
  assert.deepEqual(bad, []);
});

test("the terms are the same keys in both languages, each used by a declaration", () => {
  assert.deepEqual(Object.keys(termsZh).sort(), Object.keys(termsEn).sort());
  const used = new Set();
  for (const { src } of SOURCES)
    for (const m of src.matchAll(/\bterm\("([^"]+)"\)/g)) used.add(m[1]);
  for (const k of used) assert.ok(k in termsZh, `term("${k}") is not in the text layer`);
  const unused = Object.keys(termsZh).filter((k) => !used.has(k));
  assert.deepEqual(unused, [], "terms no declaration refers to");
  for (const [k, v] of Object.entries(termsEn))
    assert.ok(!HAN.test(v), `English term ${k} has Chinese in it: "${v}"`);
});

test("every declaration loads with both titles and every toggle labelled in both languages", async () => {
  const { CHARTS } = await import("../../www/registry.js");
  await (await import("../../www/i18n.js")).loadLang("en");
  for (const c of CHARTS) {
    for (const lang of ["zh", "en"]) assert.ok(c.title?.[lang], `${c.id}: no ${lang} title`);
    for (const tg of c.toggles ?? []) {
      for (const lang of ["zh", "en"]) assert.ok(tg.label?.[lang], `${c.id}.${tg.key}: ${lang}`);
      for (const o of tg.options)
        for (const lang of ["zh", "en"])
          assert.ok(o.label?.[lang], `${c.id}.${tg.key}=${o.value}: ${lang}`);
    }
  }
});
