import { monthOf } from "../format.js";
import { name, term, title } from "../i18n.js";
import { distinct } from "../view.js";
import { col, growthChart, MODE, peakOf, pts, tidyColumns } from "./common.js";
import { profileChart } from "./profile.js";

export default [
  {
    id: "jg-trend",
    section: "transport",
    dataset: "jiaoguan_12123_monthly",
    title: title("jg-trend"),
    unit: "10k",
    toggles: [MODE],
    async prepare(ctx) {
      const { rows, mode, points, chart } = await growthChart(ctx, this.dataset, "10k");
      const description = ctx.say(this.id, {
        mode,
        peak: await peakOf(ctx, rows),
        last: points.at(-1),
      });
      return { ...chart, description };
    },
  },
  {
    id: "jg-ratio",
    section: "transport",
    dataset: "jiaoguan_12123_monthly",
    title: title("jg-ratio"),
    unit: "ratio",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const ratio = await ctx.wasm(
        "ratioToBase",
        Float64Array.from(rows, (r) => r.value),
        0,
      );
      const last = rows.length - 1;
      return {
        kind: "line",
        xType: "time",
        unit: "ratio",
        baseLine: 1,
        rows: pts(
          rows,
          (r) => r.entity,
          (r, i) => ratio[i],
        ),
        description: ctx.say(this.id, { last: rows[last], ratio: ratio[last] }),
        table: {
          columns: tidyColumns("10k", {
            extra: [{ key: "ratio", label: term("ratioToJan2020"), type: "num", unit: "ratio" }],
          }),
          rows: rows.map((r, i) => ({ ...r, ratio: ratio[i] })),
        },
      };
    },
  },
  {
    id: "jg-tiers",
    section: "transport",
    dataset: "city_tier_shares",
    title: title("jg-tiers"),
    unit: "pct",
    toggles: [
      {
        key: "view",
        label: term("view"),
        options: [
          { value: "share", label: term("shares") },
          { value: "pp", label: term("changePp") },
        ],
        default: "share",
      },
    ],
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset, {
        entity: "交管12123",
        metric: "user_share_pct_year",
      });
      const y22 = rows.filter((r) => r.date.startsWith("2022"));
      const y23 = rows.filter((r) => r.date.startsWith("2023"));
      const tiers = distinct(rows.map((r) => r.category));
      const pick = (rs) =>
        Float64Array.from(tiers, (t) => rs.find((r) => r.category === t)?.value ?? NaN);
      // ppChange takes shares as fractions (the dataset stores per cent).
      const pp = await ctx.wasm(
        "ppChange",
        pick(y22).map((v) => v / 100),
        pick(y23).map((v) => v / 100),
      );
      const { lang } = ctx;
      const pick22 = tiers.map((t) => y22.find((r) => r.category === t));
      const pick23 = tiers.map((t) => y23.find((r) => r.category === t));
      // A change is printed-derived only when both shares are printed.
      const prov = tiers.map((_, i) =>
        [pick22[i], pick23[i]].every((r) => r && r.provenance !== "reconstructed")
          ? "published"
          : "reconstructed",
      );
      const view = ctx.tog("view");
      const tableRows = tiers.map((t, i) => ({
        category: t,
        y2022: pick(y22)[i],
        y2023: pick(y23)[i],
        pp: pp[i],
        provenance: prov[i],
      }));
      // A change between two reconstructed shares is itself reconstructed: never printed.
      const printedPp = tiers
        .map((t, i) => ({ tier: t, pp: pp[i], prov: [pick22[i], pick23[i]] }))
        .filter((d) => d.prov.every((r) => r && r.provenance !== "reconstructed"));
      const vm =
        view === "pp"
          ? {
              kind: "bar",
              unit: "pp",
              rows: tiers.map((t, i) => ({
                x: t,
                y: pp[i],
                series: "pp",
                provenance: prov[i],
              })),
              order: tiers,
              tickName: (v) => name(v, lang),
              series: ["pp"],
              labelDigits: 1,
            }
          : {
              kind: "bar",
              unit: "pct",
              rows: rows.map((r) => ({
                x: r.category,
                y: r.value,
                series: r.date.slice(0, 4),
                group: r.category,
                provenance: r.provenance,
                qualifier: r.qualifier ?? null,
              })),
              groups: tiers,
              groupName: (v) => name(v, lang),
              series: ["2022", "2023"],
              labelDigits: 1,
            };
      return {
        ...vm,
        sliceRows: rows.map((r) => r._row), // the dataset rows behind the derived table
        legendSeries: view === "pp" ? null : ["2022", "2023"],
        description: ctx.say(this.id, { printed: printedPp }),
        table: {
          columns: [
            col.category(term("cityTier")),
            { key: "y2022", label: term("pct2022"), type: "num", unit: "pct" },
            { key: "y2023", label: term("pct2023"), type: "num", unit: "pct" },
            { key: "pp", label: term("changePp"), type: "num", unit: "pp" },
            col.prov(),
          ],
          rows: tableRows,
        },
      };
    },
  },
  {
    id: "jg-provinces",
    section: "transport",
    dataset: "jiaoguan_12123_provinces_2023_12",
    title: title("jg-provinces"),
    unit: "10k",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const { lang } = ctx;
      return {
        kind: "bar",
        horizontal: true,
        unit: "10k",
        rows: rows.map((r) => ({
          x: r.entity,
          y: r.value,
          series: "交管12123",
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        tickName: (v) => name(v, lang),
        series: ["交管12123"],
        description: ctx.say(this.id, { rows }),
        table: { columns: tidyColumns("10k"), rows },
      };
    },
  },
  profileChart({ id: "jg-demo", section: "transport", app: "交管12123" }),
  {
    id: "railway-12306-monthly",
    section: "transport",
    dataset: "railway_12306_monthly",
    title: title("railway-12306-monthly"),
    unit: "10k",
    toggles: [MODE],
    async prepare(ctx) {
      const { rows, mode, chart } = await growthChart(ctx, this.dataset, "10k");
      const peak = await peakOf(ctx, rows);
      const ex = await ctx.wasm(
        "extremes",
        Float64Array.from(rows, (r) => r.value),
      );
      return {
        ...chart,
        annotations:
          mode === "level" && ex.max
            ? [
                {
                  x: rows[ex.max.index].x,
                  y: ex.max.value,
                  text: ctx.say("railway-peak-label", { value: ex.max.value }),
                },
              ]
            : [],
        description: ctx.say(this.id, { peak }),
      };
    },
  },
  {
    id: "rw-first-tier",
    section: "transport",
    dataset: "railway_12306_first_tier_2023",
    title: title("rw-first-tier"),
    unit: "10k",
    // The cities whose April and September peaks the report names (Guangzhou's it does not).
    reportedPeaks: ["北京", "上海", "深圳"],
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const annotations = [];
      const peaks = [];
      for (const [city, rs] of await ctx.bySeries(this.dataset)) {
        const p = await ctx.wasm(
          "peaks",
          Float64Array.from(rs, (r) => r.value),
        );
        const months = Array.from(p, (i) => monthOf(rs[i].date));
        peaks.push({ city, months });
        if (this.reportedPeaks.includes(city))
          for (const i of p) annotations.push({ x: rs[i].x, y: rs[i].value, text: "" });
      }
      return {
        kind: "line",
        xType: "time",
        unit: "10k",
        rows: pts(rows),
        annotations,
        series: distinct(rows.map((r) => r.entity)),
        legendSeries: distinct(rows.map((r) => r.entity)),
        description: ctx.say(this.id, { peaks }),
        table: { columns: tidyColumns("10k"), rows },
      };
    },
  },
];
