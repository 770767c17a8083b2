// Section "gov2017" (政务服务APP 2017): its charts in reading order.

import * as fmt from "../format.js";
import { name, term, title } from "../i18n.js";
import { distinct } from "../view.js";
import { col } from "./common.js";

export default [
  {
    id: "caict-2017",
    section: "gov2017",
    dataset: "caict_gov_apps_2017",
    title: title("caict-2017"),
    unit: "pct",
    toggles: [
      {
        key: "unit",
        label: term("unit"),
        options: [
          { value: "pct", label: term("sharesPct") },
          { value: "count", label: term("counts") },
        ],
        default: "pct",
      },
    ],
    async prepare(ctx) {
      const all = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const u = ctx.tog("unit");
      const rows = all.filter((r) => (u === "pct" ? r.unit === "%" : r.unit !== "%"));
      const total = all.find((r) => r.item === "政务服务APP总数");
      return {
        kind: "bar",
        horizontal: true,
        unit: u === "pct" ? "pct" : "count",
        rowHeight: 22,
        // Items by their name in the page language, with the printed qualifier (≈, >) first.
        tickName: (item) => {
          const q = fmt.qualifier(rows.find((r) => r.item === item)?.qualifier);
          return `${q ? `${q} ` : ""}${name(item, lang)}`;
        },
        rows: rows.map((r) => ({
          x: r.item,
          y: r.value,
          series: "caict",
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        series: ["caict"],
        labelDigits: 4,
        description: ctx.say(this.id, { total: total.value }),
        table: {
          columns: [
            { key: "dimension", label: term("dimension"), type: "text" },
            { key: "item", label: term("item"), type: "text" },
            { key: "value", label: term("value"), type: "num" },
            { key: "unit", label: term("unit"), type: "text" },
            { key: "qualifier", label: term("qualifier"), type: "text" },
            // The notes are English build text: on the English page only (issue 11).
            ...(lang === "en" ? [{ key: "note", label: term("note"), type: "text" }] : []),
            col.prov(),
          ],
          rows: all,
        },
      };
    },
  },
  {
    id: "features-2017",
    section: "gov2017",
    dataset: "gov_app_features_2017",
    title: title("features-2017"),
    unit: "count",
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const groups = distinct(rows.map((r) => r.figure));
      // One bar per item, each labelled with its own item and coloured by its figure (a
      // legend names the figures): no panel repeats every other figure's items.
      const key = (r) => `${r.figure}|${r.item}`;
      const counted = rows.filter((r) => Number.isFinite(r.count));
      return {
        kind: "bar",
        horizontal: true,
        unit: "count",
        rowHeight: 20,
        rows: counted.map((r) => ({
          x: key(r),
          y: r.count,
          series: r.figure,
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        order: counted.map(key),
        tickName: (k) => name(k.slice(k.indexOf("|") + 1), lang),
        series: groups,
        legendSeries: groups,
        labelDigits: 3,
        description: ctx.say(this.id, {}),
        table: {
          columns: [
            { key: "figure", label: term("figure"), type: "text" },
            { key: "item", label: term("item"), type: "text" },
            { key: "count", label: term("count"), type: "num" },
            { key: "base", label: term("base"), type: "num" },
            { key: "share_pct", label: term("sharePct"), type: "num", unit: "pct" },
            // The notes are English build text: on the English page only (issue 11).
            ...(lang === "en" ? [{ key: "note", label: term("note"), type: "text" }] : []),
            col.prov(),
          ],
          rows,
        },
      };
    },
  },
  {
    id: "scores-2017",
    section: "gov2017",
    dataset: "scores_2017",
    title: title("scores-2017"),
    unit: "points",
    toggles: [
      {
        key: "view",
        label: term("view"),
        options: [
          { value: "level1", label: term("byLevel1Indicator") },
          { value: "level2", label: term("byLevel2Indicator") },
        ],
        default: "level1",
      },
    ],
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const view = ctx.tog("view");
      const L2 = [
        "L2_initialization_experience",
        "L2_account_authentication",
        "L2_ease_of_use",
        "L2_acquisition_channels",
        "L2_content_operation",
        "L2_interaction_operation",
        "L2_user_operation",
        "L2_convenience_services",
        "L2_service_guides",
        "L2_approval_services",
        "L2_service_status_query",
        "bonus_platform_innovation",
      ];
      const zhCols = (await ctx.table(this.dataset)).metadata.columns_zh?.split("|") ?? [];
      const names = (await ctx.table(this.dataset)).names;
      const colZh = (k) => zhCols[names.indexOf(k)] ?? k;
      const parts =
        view === "level2"
          ? L2
          : ["ux_subtotal", "ops_subtotal", "svc_subtotal", "bonus_platform_innovation"];
      const partName = (k) =>
        name(
          colZh(k)
            .replace(/\(.*\)|小计/g, "")
            .trim() || k,
          lang,
        ) || k;
      const seriesNames = parts.map((k) => (lang === "zh" ? colZh(k) : partName(k)));
      const order = rows.map((r) => r.city);
      const out = [];
      for (const r of rows)
        for (const [j, k] of parts.entries())
          out.push({ x: r.city, y: r[k], series: seriesNames[j], provenance: r.provenance });
      const mean = await ctx.wasm(
        "groupBy",
        rows.map(() => "all"),
        Float64Array.from(rows, (r) => r.total_score),
      );
      return {
        kind: "bar",
        horizontal: true,
        unit: "points",
        rows: out,
        order,
        series: seriesNames,
        legendSeries: seriesNames,
        showLabels: false,
        rowHeight: 20,
        tickName: (v) => name(v, lang),
        description: ctx.say(this.id, { top: rows.slice(0, 3), mean: mean.mean[0] }),
        table: {
          columns: [
            { key: "rank", label: term("rank"), type: "num" },
            { key: "city", label: term("city"), type: "name" },
            { key: "admin_level", label: term("adminLevel"), type: "name" },
            { key: "region_3belt", label: term("regionInferred"), type: "name" },
            ...L2.map((k) => ({
              key: k,
              label: lang === "zh" ? colZh(k) : partName(k),
              type: "num",
            })),
            { key: "total_score", label: term("total"), type: "num" },
            col.prov(),
          ],
          rows,
        },
      };
    },
  },
  {
    id: "weights-2017",
    section: "gov2017",
    dataset: "indicator_weights_2017",
    title: title("weights-2017"),
    unit: "points",
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const l1 = distinct(rows.map((r) => r.level1_indicator));
      const sums = await ctx.wasm(
        "groupBy",
        rows.map((r) => r.level1_indicator),
        Float64Array.from(rows, (r) => r.level2_weight),
      );
      return {
        kind: "bar",
        horizontal: true,
        unit: "points",
        rowHeight: 20,
        rows: rows.map((r) => ({
          x: r.level2_indicator,
          y: r.level2_weight,
          series: r.level1_indicator,
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        series: l1,
        legendSeries: l1,
        tickName: (v) => name(v, lang),
        labelDigits: 2,
        description: ctx.say(this.id, { sums: sums.keys.map((k, i) => [k, sums.sum[i]]) }),
        table: {
          columns: [
            { key: "level1_indicator", label: term("level1"), type: "name" },
            {
              key: "level1_weight_table3",
              label: term("l1WeightTable3"),
              type: "num",
            },
            {
              key: "level1_weight_as_printed_in_table1_header",
              label: term("l1WeightTable1Header"),
              type: "num",
            },
            { key: "level2_indicator", label: term("level2"), type: "name" },
            { key: "level2_weight", label: term("l2Weight"), type: "num" },
            col.prov(),
          ],
          rows,
        },
      };
    },
  },
  {
    id: "regions-2017",
    section: "gov2017",
    dataset: "scores_2017",
    title: title("regions-2017"),
    unit: "points",
    toggles: [
      {
        key: "measure",
        label: term("measure"),
        options: [
          { value: "total_score", label: term("total") },
          { value: "ux_subtotal", label: term("userExperience") },
          { value: "ops_subtotal", label: term("operation") },
          { value: "svc_subtotal", label: term("serviceSupply") },
        ],
        default: "total_score",
      },
    ],
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const m = ctx.tog("measure");
      const g = await ctx.wasm(
        "groupBy",
        rows.map((r) => r.region_3belt),
        Float64Array.from(rows, (r) => r[m]),
      );
      const all = await ctx.wasm(
        "groupBy",
        rows.map(() => "全国"),
        Float64Array.from(rows, (r) => r[m]),
      );
      const keys = [...g.keys, "全国"];
      const means = [...g.mean, all.mean[0]];
      const counts = [...g.count, all.count[0]];
      return {
        kind: "bar",
        unit: "points",
        colorBy: "x",
        order: keys,
        tickName: (v) => name(v, lang),
        labelDigits: 4,
        sliceRows: rows.map((r) => r._row),
        rows: keys.map((k, i) => ({ x: k, y: means[i], series: k, provenance: "published" })),
        series: keys,
        description: ctx.say(this.id, {
          groups: keys.map((key, i) => ({ key, mean: means[i], count: counts[i] })),
        }),
        table: {
          columns: [
            { key: "region", label: term("region"), type: "name" },
            { key: "n", label: term("cities"), type: "num" },
            { key: "mean", label: term("mean"), type: "num" },
          ],
          rows: keys.map((k, i) => ({ region: k, n: counts[i], mean: means[i] })),
        },
        legendKind: "derived",
      };
    },
  },
];
