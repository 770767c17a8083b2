// The look measurements as counts per chart and category, and the failure text that lists the
// worst offenders. The measuring runs in the page (inpage.mjs); this side opens the page in a
// language, width and colour scheme, and turns the lists into numbers people can compare.

import { choose, listGroups, settled } from "./controls.mjs";
import { measureInPage } from "./inpage.mjs";

/** The rule categories, in the order they are reported. */
export const CATEGORIES = ["overlaps", "outside", "undersized", "lowContrast", "untranslated"];

const DESCRIBE = {
  overlaps: (x) => `"${x.a}" × "${x.b}" (${x.px} px)`,
  outside: (x) => `"${x.text}" ${x.px} px outside the SVG`,
  undersized: (x) => `"${x.text}" at ${x.px} px`,
  lowContrast: (x) => `${x.mark} ${x.color} on ${x.bg}: ${x.ratio}:1 (${x.n} elements)`,
  untranslated: (x) => `"${x.text}"`,
};

/**
 * Opens the report at a width, in a language and a colour scheme, and waits until it is drawn.
 * The language goes in both the query and the fragment (the page reads one of them), and is
 * checked on <html lang> so a page that ignored it cannot pass as the other language.
 */
export async function openLook(browser, server, { width, lang, scheme, height = 844 }) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.url}?lang=${lang}#lang=${lang}`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  const htmlLang = await page.evaluate(() => document.documentElement.lang);
  if (!htmlLang.toLowerCase().startsWith(lang)) {
    throw new Error(`asked for lang=${lang}, the page says <html lang="${htmlLang}">`);
  }
  return { context, page, errors };
}

/** Measures every chart of an open page as drawn: { charts, page, counts, totals }. */
export async function measure(page, lang) {
  return tally(await page.evaluate(measureInPage, { lang }));
}

/**
 * Measures each chart again in every other option of each of its toggle groups, reported as
 * "<chart> [<option>]", and adds them to a result of measure(). Strings in the wrong language
 * count only when the default view did not already show them (a data table is not counted
 * once per option). Leaves the toggles changed.
 */
export async function measureToggles(page, lang, result) {
  const charts = [...result.charts];
  for (const g of await page.evaluate(listGroups)) {
    const known = new Set(
      result.charts.find((c) => c.id === g.chart)?.untranslated.map((x) => x.text),
    );
    for (let option = 0; option < g.options.length; option++) {
      if (option === g.checked) continue;
      if (!(await page.evaluate(choose, { ...g, option }))) continue;
      await page.evaluate(settled);
      const [c] = (await page.evaluate(measureInPage, { lang, only: g.chart })).charts;
      if (!c) continue;
      c.untranslated = c.untranslated.filter((x) => !known.has(x.text));
      charts.push({ ...c, id: `${g.chart} [${g.options[option]}]` });
    }
  }
  return tally({ charts, page: result.page });
}

function tally(r) {
  const counts = {};
  for (const c of [...r.charts, r.page]) {
    counts[c.id] = Object.fromEntries(CATEGORIES.map((k) => [k, c[k]?.length ?? 0]));
  }
  const totals = Object.fromEntries(
    CATEGORIES.map((k) => [k, Object.values(counts).reduce((s, c) => s + c[k], 0)]),
  );
  return { ...r, counts, totals };
}

/**
 * The failure message of one category: the total, then the charts with the most offenders
 * first, each with its worst few offenders.
 */
export function offenders(result, category, { charts = 8, each = 4 } = {}) {
  const rows = [...result.charts, result.page]
    .filter((c) => c[category]?.length)
    .sort((a, b) => b[category].length - a[category].length);
  const lines = [`${result.totals[category]} ${category} in ${rows.length} chart(s):`];
  for (const c of rows.slice(0, charts)) {
    const worst = c[category].slice(0, each).map(DESCRIBE[category]);
    lines.push(`  ${c.id} (${c[category].length}): ${worst.join("; ")}`);
  }
  if (rows.length > charts) lines.push(`  … and ${rows.length - charts} more chart(s)`);
  return lines.join("\n");
}

/** A Markdown table of counts per chart (rows with any offender) for the report to people. */
export function countsTable(results) {
  const head = `| case | chart | ${CATEGORIES.join(" | ")} |`;
  const rule = `|${" --- |".repeat(CATEGORIES.length + 2)}`;
  const rows = [];
  for (const [name, r] of Object.entries(results)) {
    rows.push(`| ${name} | **total** | ${CATEGORIES.map((k) => r.totals[k]).join(" | ")} |`);
    for (const [id, c] of Object.entries(r.counts)) {
      if (CATEGORIES.some((k) => c[k] > 0)) {
        rows.push(`| ${name} | ${id} | ${CATEGORIES.map((k) => c[k]).join(" | ")} |`);
      }
    }
  }
  return [head, rule, ...rows].join("\n");
}
