// Section "finance" (Finance and public services): its charts in reading order.

import * as fmt from "../format.js";
import { monthOf } from "../format.js";
import { name, term, title } from "../i18n.js";
import { distinct } from "../view.js";
import { col, growthChart, MODE, pts, said, tidyColumns } from "./common.js";
import { profileChart } from "./profile.js";
import { provincesChart } from "./provinces.js";

export default [
  {
    id: "iit-trend",
    section: "finance",
    dataset: "iit_monthly",
    title: title("iit-trend"),
    unit: "10k",
    toggles: [MODE],
    async prepare(ctx) {
      const { rows, mode, chart } = await growthChart(ctx, this.dataset, "10k");
      const { lang } = ctx;
      // Only printed values are named: the report prints the March-2023 peak, not a March
      // peak every year (the other months are reconstructed).
      const printed = rows.filter((r) => said(r, "10k", lang));
      const annotations =
        mode === "level"
          ? printed.map((r) => ({ x: r.x, y: r.value, text: fmt.monthName(monthOf(r.date), lang) }))
          : [];
      return { ...chart, annotations, description: ctx.say(this.id, { rows }) };
    },
  },
  {
    id: "iit-penetration",
    section: "finance",
    dataset: "iit_penetration_monthly",
    title: title("iit-penetration"),
    unit: "pct",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const iit = await ctx.rows("iit_monthly");
      const base = await ctx.rows("mobile_internet_devices_monthly");
      const live = await ctx.wasm(
        "penetration",
        Float64Array.from(iit, (r) => r.value),
        Float64Array.from(base, (r) => r.value),
      );
      const { lang } = ctx;
      const y20 = rows.filter((r) => r.date.startsWith("2020"));
      const y23 = rows.filter((r) => r.date.startsWith("2023"));
      const e20 = await ctx.wasm(
        "extremes",
        Float64Array.from(y20, (r) => r.value),
      );
      const e23 = await ctx.wasm(
        "extremes",
        Float64Array.from(y23, (r) => r.value),
      );
      const pp = await ctx.wasm("ppChange", [e20.max.value / 100], [e23.max.value / 100]);
      const p20 = y20[e20.max.index];
      const p23 = y23[e23.max.index];
      return {
        kind: "line",
        xType: "time",
        unit: "pct",
        rows: pts(rows),
        annotations: [p20, p23]
          .filter((r) => said(r, "pct", lang))
          .map((r) => ({ x: r.x, y: r.value, text: said(r, "pct", lang, { digits: 1 }) })),
        description: ctx.say(this.id, { rows, p20, p23, pp: pp[0] }),
        table: {
          columns: tidyColumns("pct", {
            extra: [{ key: "live", label: term("recomputedPct"), type: "num", unit: "pct" }],
          }),
          rows: rows.map((r) => ({
            ...r,
            live: live[iit.findIndex((q) => q.date === r.date)] * 100,
          })),
        },
      };
    },
  },
  {
    // No TGI here: the reports give no base distribution to compute it against (issue 11);
    // `tgi` stays for readers' own files.
    id: "iit-tiers",
    section: "finance",
    dataset: "city_tier_shares",
    title: title("iit-tiers"),
    unit: "pct",
    async prepare(ctx) {
      const app = await ctx.rows(this.dataset, { entity: "个人所得税", metric: "user_share_pct" });
      const tiers = app.map((r) => r.category);
      const { lang } = ctx;
      return {
        kind: "bar",
        unit: "pct",
        rows: app.map((r) => ({
          x: r.category,
          y: r.value,
          series: "个人所得税",
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        series: ["个人所得税"],
        order: tiers,
        tickName: (v) => name(v, lang),
        labelDigits: 1,
        description: ctx.say(this.id, { rows: app }),
        table: {
          columns: [col.category(term("cityTier")), col.value("pct", term("appShare")), col.prov()],
          rows: app,
        },
      };
    },
  },
  profileChart({ id: "iit-demo", section: "finance", app: "个人所得税" }),
  {
    id: "gov-top20",
    section: "finance",
    dataset: "local_gov_apps_top20_2023_12",
    title: title("gov-top20"),
    unit: "10k",
    sortable: true,
    toggles: [
      {
        key: "metric",
        label: term("measure"),
        options: [
          { value: "monthly", label: term("monthlyDevices") },
          { value: "daily", label: term("dailyDevices") },
          { value: "growth", label: term("growth6m") },
        ],
        default: "monthly",
      },
    ],
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const metric = ctx.tog("metric");
      const key = {
        monthly: "monthly_unique_devices_2023_12_10k",
        daily: "daily_avg_unique_devices_2023_12_10k",
        growth: "compound_growth_last_6_months_pct",
      }[metric];
      // Six months earlier implied by the printed compound rate (module impliedStart()).
      const implied = [];
      for (const r of rows)
        implied.push(
          await ctx.wasm(
            "impliedStart",
            r.monthly_unique_devices_2023_12_10k,
            r.compound_growth_last_6_months_pct / 100,
            6,
          ),
        );
      const withImplied = rows.map((r, i) => ({ ...r, implied: implied[i] }));
      const ex = await ctx.wasm(
        "extremes",
        Float64Array.from(rows, (r) => r.compound_growth_last_6_months_pct),
      );
      const fastest = rows[ex.max.index];
      const slowest = rows[ex.min.index];
      return {
        kind: "bar",
        horizontal: true,
        unit: metric === "growth" ? "pct" : "10k",
        rowHeight: 20,
        rows: rows.map((r) => ({
          x: r.app_name,
          y: r[key],
          series: "app",
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        series: ["app"],
        // The report prints devices to 0.1万 (1796.8万): five significant digits, not "1800万".
        labelDigits: metric === "growth" ? 1 : 5,
        description: ctx.say(this.id, { first: rows[0], second: rows[1], fastest, slowest }),
        table: {
          columns: [
            { key: "rank", label: term("listNumber"), type: "num" },
            { key: "app_name", label: term("app"), type: "text" },
            { key: "region", label: term("appRegion"), type: "name" },
            {
              key: "monthly_unique_devices_2023_12_10k",
              label: term("monthlyDevices"),
              type: "num",
              unit: "10k",
            },
            {
              key: "daily_avg_unique_devices_2023_12_10k",
              label: term("dailyDevices"),
              type: "num",
              unit: "10k",
            },
            {
              key: "compound_growth_last_6_months_pct",
              label: term("cagr6mPct"),
              type: "num",
              unit: "pct",
            },
            {
              key: "implied",
              label: term("implied6mEarlier"),
              type: "num",
              unit: "10k",
            },
            col.prov(),
          ],
          rows: withImplied,
        },
      };
    },
  },
  provincesChart({
    id: "ysf-provinces",
    section: "finance",
    dataset: "yunshanfu_provinces_top15_2023_12",
    app: "云闪付",
    n: 15,
    perDevice: true,
  }),
  {
    id: "ysf-profile",
    section: "finance",
    dataset: "yunshanfu_profile_2023_12",
    title: title("ysf-profile"),
    unit: "pct",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const { lang } = ctx;
      const label = {
        label_share_pct: term("whiteCollarUsers"),
        payment_industry_penetration_pct: term("paymentIndustryPenetration"),
        exclusive_user_share_vs_alipay_pct: term("exclusiveNoAlipay"),
      };
      return {
        kind: "bar",
        horizontal: true,
        unit: "pct",
        rows: rows.map((r) => ({
          x: label[r.metric][lang],
          y: r.value,
          series: "云闪付",
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        series: ["云闪付"],
        labelDigits: 1,
        description: ctx.say(this.id, {}),
        table: {
          columns: [
            col.entity(),
            { key: "metric", label: term("measure"), type: "text" },
            col.category(),
            col.value("pct"),
            col.prov(),
          ],
          rows,
        },
      };
    },
  },
  {
    id: "bank-trend",
    section: "finance",
    dataset: "state_bank_apps_monthly",
    title: title("bank-trend"),
    unit: "ratio",
    async prepare(ctx) {
      const groups = await ctx.bySeries(this.dataset);
      const rows = groups.flatMap(([, rs]) => rs);
      const banks = groups.map(([ent]) => ent);
      // The report prints no level and lists the apps "排名不分先后" (in no order): where the
      // levels are reconstructed each bank is an index of its own (Jan 2020 = 1), never a level.
      const mode = rows.every((r) => r.provenance === "reconstructed") ? "ratio" : "level";
      const ratios = [];
      for (const [, rs] of groups)
        ratios.push(
          await ctx.wasm(
            "ratioToBase",
            Float64Array.from(rs, (r) => r.value),
            0,
          ),
        );
      // Indexes that are one path (the dataset builds them so) are drawn once, as the banks'
      // shared illustrative index: six lines on top of each other would read as six banks
      // moving in step, and a legend of six would name lines no one can tell apart.
      const [first] = groups;
      const shared =
        mode === "ratio" &&
        groups.every(
          ([, rs], i) =>
            rs.length === first[1].length &&
            rs.every((r, j) => r.date === first[1][j].date && ratios[i][j] === ratios[0][j]),
        );
      const line = (ent, rs, ratio) =>
        rs.map((r, i) => ({
          x: r.x,
          y: mode === "ratio" ? ratio[i] : r.value,
          series: ent,
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
          date: r.date,
        }));
      const out = shared
        ? line("shared", first[1], ratios[0])
        : groups.flatMap(([ent, rs], i) => line(ent, rs, ratios[i]));
      const series = shared ? ["shared"] : banks;
      return {
        kind: "line",
        xType: "time",
        unit: mode === "ratio" ? "ratio" : "10k",
        baseLine: mode === "ratio" ? 1 : null,
        rows: out,
        series,
        legendSeries: series,
        seriesNames: shared ? { shared: term("bankSharedIndex") } : undefined,
        endLabels: shared,
        description: ctx.say(this.id, { banks, shared }),
        table: {
          columns: tidyColumns("10k", {
            extra: [{ key: "ratio", label: term("ratioToJan2020"), type: "num", unit: "ratio" }],
          }),
          rows: groups.flatMap(([, rs], i) => rs.map((r, j) => ({ ...r, ratio: ratios[i][j] }))),
        },
      };
    },
  },
  {
    id: "bank-hourly",
    section: "finance",
    dataset: "state_bank_apps_hourly_2023_12",
    title: title("bank-hourly"),
    unit: "pct",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const ents = distinct(rows.map((r) => r.entity));
      return {
        kind: "line",
        xType: "hour",
        unit: "pct",
        series: ents,
        legendSeries: ents,
        rows: rows.map((r) => ({
          x: r.x.getUTCHours(),
          y: r.value,
          series: r.entity,
          provenance: r.provenance,
          qualifier: r.qualifier ?? null,
        })),
        description: ctx.say(this.id, {}),
        table: { columns: tidyColumns("pct", { dateType: "hour" }), rows },
      };
    },
  },
];
