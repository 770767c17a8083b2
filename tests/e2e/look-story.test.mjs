// Tests that look (issue 12), the story and the lines: on a 390 × 844 phone and a 1280 × 800
// desktop, in Chinese and in English, the key chart (drawn, with its axis) and every key finding
// are above the fold, each finding links to its own claim row, the key chart shows printed
// numbers only, and no two charts share space on the page. Line charts of several series name
// each line at its end (no legend to look back to) unless the names cannot fit, and the six
// banks' identical indexes are one line.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serveAndLaunch } from "./harness.mjs";
import { openLook } from "./look/measure.mjs";

const env = serveAndLaunch();

/** Boxes of the story's parts and what the key chart shows, measured in the page. */
function story() {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
  };
  const fig = document.querySelector("#overview .story figure.chart");
  const plot = fig?.querySelector(".plot svg, .plot img");
  // Figures that share space (two charts drawn over each other), by their boxes on the page.
  const figs = [...document.querySelectorAll("figure[data-chart]")].map((f) => [
    f.dataset.chart,
    f.getBoundingClientRect(),
  ]);
  const stacked = [];
  for (const [i, [a, p]] of figs.entries())
    for (const [b, q] of figs.slice(i + 1)) {
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 1 && h > 1) stacked.push(`${a} × ${b}`);
    }
  return {
    stacked,
    chart: fig?.dataset.chart ?? null,
    plot: plot ? box(plot) : null,
    provenances: [...(fig?.querySelectorAll(".legend [class*=prov-]") ?? [])].map((e) =>
      [...e.classList].find((c) => c.startsWith("prov-")),
    ),
    cards: [...document.querySelectorAll("#overview .headlines .card")].map((c) => ({
      ...box(c),
      href: c.querySelector("a.big")?.getAttribute("href"),
      id: c.querySelector(".what")?.id,
    })),
  };
}

for (const [width, height] of [
  [390, 844],
  [1280, 800],
]) {
  for (const lang of ["zh", "en"]) {
    test(`story above the fold at ${width} × ${height}, ${lang}`, async () => {
      const { context, page, errors } = await openLook(env.browser, env.server, {
        width,
        height,
        lang,
        scheme: "light",
      });
      try {
        const s = await page.evaluate(story);
        assert.ok(s.chart, "no key chart in the story");
        assert.ok(s.plot, `${s.chart}: not drawn`);
        assert.ok(
          s.plot.top >= 0 && s.plot.bottom <= height,
          `${s.chart} spans ${s.plot.top}–${s.plot.bottom} px; the fold is at ${height}`,
        );
        assert.ok(s.cards.length >= 3 && s.cards.length <= 5, `${s.cards.length} findings`);
        for (const c of s.cards) {
          assert.ok(c.bottom <= height, `finding ${c.href} ends at ${c.bottom} px`);
          const claim = c.href?.match(/claim=(C\d+)$/)?.[1];
          assert.ok(claim, `finding links to ${c.href}, not to a claim row`);
          assert.equal(c.id, `finding-${claim}`);
        }
        assert.deepEqual(s.stacked, [], "figures drawn over each other");
        // Printed numbers only: the legend names no reconstructed or external values.
        assert.deepEqual(s.provenances, ["prov-published"], `${s.chart}: ${s.provenances}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

/** Per line chart: its line colours, end-label texts and legend series entries. */
function lines() {
  const out = {};
  for (const fig of document.querySelectorAll("figure[data-chart]")) {
    const svg = fig.querySelector(".plot svg");
    const strokes = new Set(
      [...(svg?.querySelectorAll('g[aria-label="line"] path') ?? [])].map((p) =>
        (p.getAttribute("stroke") ?? p.closest("g").getAttribute("stroke") ?? "").toLowerCase(),
      ),
    );
    if (!strokes.size) continue;
    out[fig.dataset.chart] = {
      strokes: strokes.size,
      ends: [...(svg.querySelectorAll('g[aria-label="end labels"] text') ?? [])].map((t) =>
        t.textContent.trim(),
      ),
      legendSeries: fig.querySelectorAll(".legend .sw-solid").length,
    };
  }
  return out;
}

// The charts whose names fit at their lines' ends in both languages.
const LABELLED = ["rw-first-tier", "sg-stl", "fuel-trend", "bank-trend"];

for (const width of [390, 1280]) {
  for (const lang of ["zh", "en"]) {
    test(`lines named at their ends at ${width} px, ${lang}`, async () => {
      const { context, page } = await openLook(env.browser, env.server, {
        width,
        lang,
        scheme: "light",
      });
      try {
        const all = await page.evaluate(lines);
        for (const id of LABELLED) {
          const c = all[id];
          assert.ok(c, `${id}: no line chart`);
          assert.equal(c.ends.length, c.strokes, `${id}: ${c.strokes} lines, named ${c.ends}`);
          assert.equal(c.legendSeries, 0, `${id}: a legend repeats the line names`);
        }
        // Every other chart of several lines names them somewhere: at the ends or in a legend.
        for (const [id, c] of Object.entries(all))
          if (c.strokes > 1)
            assert.ok(c.ends.length === c.strokes || c.legendSeries >= c.strokes, `${id}`);
        // The six banks' indexes are one path: one line, named as the shared index.
        const bank = all["bank-trend"];
        assert.equal(bank.strokes, 1);
        assert.equal(bank.ends.length, 1);
        assert.match(bank.ends[0], lang === "zh" ? /六家银行/ : /Six banks/);
        const desc = await page.locator("#chart-bank-trend .description").textContent();
        const banks =
          lang === "zh"
            ? ["工商银行", "建设银行", "农业银行", "中国银行", "交通银行", "邮储银行"]
            : ["ICBC", "China Construction Bank", "Agricultural Bank", "Bank of China"];
        for (const b of banks) assert.ok(desc.includes(b), `bank-trend: "${b}" not named`);
      } finally {
        await context.close();
      }
    });
  }
}
