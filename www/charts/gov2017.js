// Section "gov2017" (政务服务APP 2017): its charts in reading order.

import * as fmt from "../format.js";
import { name, title } from "../i18n.js";
import { distinct } from "../view.js";
import { col, T } from "./common.js";

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
        label: T("单位", "Unit"),
        options: [
          { value: "pct", ...T("占比 %", "Shares %") },
          { value: "count", ...T("数量（个）", "Counts") },
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
            { key: "dimension", label: T("维度", "Dimension"), type: "text" },
            { key: "item", label: T("项目", "Item"), type: "text" },
            { key: "value", label: T("数值", "Value"), type: "num" },
            { key: "unit", label: T("单位", "Unit"), type: "text" },
            { key: "qualifier", label: T("限定", "Qualifier"), type: "text" },
            // The notes are English build text: on the English page only (issue 11).
            ...(lang === "en" ? [{ key: "note", label: T("说明", "Note"), type: "text" }] : []),
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
        seriesNames: Object.fromEntries(groups.map((g) => [g, { zh: g, en: name(g, "en") }])),
        labelDigits: 3,
        description: ctx.say(this.id, {}),
        table: {
          columns: [
            { key: "figure", label: T("图表", "Figure"), type: "text" },
            { key: "item", label: T("项目", "Item"), type: "text" },
            { key: "count", label: T("数量", "Count"), type: "num" },
            { key: "base", label: T("基数", "Base"), type: "num" },
            { key: "share_pct", label: T("占比 %", "Share %"), type: "num", unit: "pct" },
            // The notes are English build text: on the English page only (issue 11).
            ...(lang === "en" ? [{ key: "note", label: T("说明", "Note"), type: "text" }] : []),
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
        label: T("视图", "View"),
        options: [
          { value: "level1", ...T("按一级指标", "By level-1 indicator") },
          { value: "level2", ...T("按二级指标", "By level-2 indicator") },
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
            { key: "rank", label: T("排名", "Rank"), type: "num" },
            { key: "city", label: T("城市", "City"), type: "name" },
            { key: "admin_level", label: T("行政级别", "Level"), type: "name" },
            { key: "region_3belt", label: T("东中西（推断）", "Region (inferred)"), type: "name" },
            ...L2.map((k) => ({ key: k, label: T(colZh(k), partName(k)), type: "num" })),
            { key: "total_score", label: T("总分", "Total"), type: "num" },
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
            { key: "level1_indicator", label: T("一级指标", "Level 1"), type: "name" },
            {
              key: "level1_weight_table3",
              label: T("一级权重（表3）", "L1 weight (table 3)"),
              type: "num",
            },
            {
              key: "level1_weight_as_printed_in_table1_header",
              label: T("一级权重（表1表头）", "L1 weight (table 1 header)"),
              type: "num",
            },
            { key: "level2_indicator", label: T("二级指标", "Level 2"), type: "name" },
            { key: "level2_weight", label: T("二级权重", "L2 weight"), type: "num" },
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
        label: T("指标", "Measure"),
        options: [
          { value: "total_score", ...T("总分", "Total") },
          { value: "ux_subtotal", ...T("用户体验", "User experience") },
          { value: "ops_subtotal", ...T("平台运营", "Operation") },
          { value: "svc_subtotal", ...T("服务供给", "Service supply") },
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
            { key: "region", label: T("区域", "Region"), type: "name" },
            { key: "n", label: T("城市数", "Cities"), type: "num" },
            { key: "mean", label: T("平均分", "Mean"), type: "num" },
          ],
          rows: keys.map((k, i) => ({ region: k, n: counts[i], mean: means[i] })),
        },
        legendKind: "derived",
      };
    },
  },
];
