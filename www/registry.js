// The declarative chart registry: per chart its id, section, dataset, title, unit, toggles
// and a prepare(ctx) that turns the dataset (decoded in the worker) and the module's analytics
// into a view model for the generic renderers (charts.js) and the figure (figure.js).
// prepare() never computes a statistic in JS: growth, ratios, peaks, STL, TGI, group means
// and penetration all come from the WASM module through ctx.wasm().
import * as fmt from "./format.js";
import { monthOf } from "./format.js";
import { name } from "./i18n.js";
import { distinct } from "./view.js";

const L = (lang, zh, en) => (lang === "zh" ? zh : en);
const T = (zh, en) => ({ zh, en });

// --- table column helpers --------------------------------------------------------------------
const col = {
  date: (type = "month") => ({ key: "date", label: T("日期", "Date"), type }),
  entity: () => ({ key: "entity", label: T("对象", "Entity"), type: "name" }),
  category: (label = T("类别", "Category")) => ({ key: "category", label, type: "name" }),
  value: (unit, label = T("数值", "Value")) => ({ key: "value", label, type: "num", unit }),
  prov: () => ({ key: "provenance", label: T("来源类型", "Provenance"), type: "prov" }),
};
const tidyColumns = (unit, { category = false, dateType = "month", extra = [] } = {}) => [
  col.date(dateType),
  col.entity(),
  ...(category ? [col.category()] : []),
  col.value(unit),
  ...extra,
  col.prov(),
];

/** Line points from tidy rows. */
const pts = (rows, series = (r) => r.entity, y = (r) => r.value) =>
  rows.map((r, i) => ({
    x: r.x,
    y: y(r, i),
    series: series(r),
    provenance: r.provenance,
    date: r.date,
  }));

/** Peak sentence from the module's extremes(): "2023年9月达到峰值1.19亿". */
async function peakSentence(ctx, rows, unit, who = "") {
  const ex = await ctx.wasm(
    "extremes",
    Float64Array.from(rows, (r) => r.value),
  );
  if (!ex.max) return "";
  const r = rows[ex.max.index];
  const when = fmt.month(r.date, ctx.lang);
  const v = fmt.value(ex.max.value, unit, ctx.lang);
  return ctx.lang === "zh"
    ? `${who}${when}达到峰值${v}（${provName(r.provenance, "zh")}）`
    : `${who}${who ? " " : ""}peaked at ${v} in ${when} (${provName(r.provenance, "en")})`;
}

export function provName(p, lang) {
  const zh = { published: "报告公布值", external: "外部统计", reconstructed: "重建值" };
  const en = { published: "published", external: "external", reconstructed: "reconstructed" };
  return (lang === "zh" ? zh : en)[p] ?? p ?? "";
}

const MODE = {
  key: "mode",
  label: T("指标", "Measure"),
  options: [
    { value: "level", ...T("月度规模", "Monthly level") },
    { value: "yoy", ...T("同比", "Year on year") },
    { value: "mom", ...T("环比", "Month on month") },
  ],
  default: "level",
};

/** Level / 同比 / 环比 of one or more monthly series (growth from the module). */
async function growthView(ctx, groups, unit) {
  const mode = ctx.tog("mode");
  const out = [];
  const tableRows = [];
  const lag = mode === "yoy" ? 12 : 1;
  for (const [ent, rs] of groups) {
    const g =
      mode === "level"
        ? null
        : await ctx.wasm(
            "growth",
            Float64Array.from(rs, (r) => r.value),
            lag,
          );
    rs.forEach((r, i) => {
      const y = g ? g[i] * 100 : r.value;
      out.push({ x: r.x, y, series: ent, provenance: r.provenance, date: r.date });
      tableRows.push({ ...r, growth: g ? g[i] * 100 : undefined });
    });
  }
  return { points: out, mode, tableRows, unit: mode === "level" ? unit : "pct" };
}

// --- the registry ----------------------------------------------------------------------------
export const CHARTS = [
  // 1 Overview ---------------------------------------------------------------------------------
  {
    id: "ov-base",
    section: "overview",
    dataset: "mobile_internet_devices_monthly",
    title: T(
      "中国移动互联网月独立设备数（渗透率的分母）",
      "Monthly unique devices of China's mobile internet (the penetration denominator)",
    ),
    unit: "10k",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const first = rows[0];
      const last = rows.at(-1);
      const years = (rows.length - 1) / 12;
      const rate = await ctx.wasm("cagr", first.value, last.value, years);
      const { lang } = ctx;
      return {
        kind: "line",
        xType: "time",
        unit: "10k",
        rows: pts(rows),
        description: L(
          lang,
          `${fmt.month(last.date, lang)}中国移动互联网月独立设备数为${fmt.value(last.value, "10k", lang)}（${provName(last.provenance, lang)}），${fmt.month(first.date, lang)}为${fmt.value(first.value, "10k", lang)}，年均复合增长${fmt.value(rate, "frac", lang, { digits: 2 })}：整体流量已近饱和。`,
          `China's mobile internet counted ${fmt.value(last.value, "10k", lang)} monthly unique devices in ${fmt.month(last.date, lang)} (${provName(last.provenance, lang)}), up from ${fmt.value(first.value, "10k", lang)} in ${fmt.month(first.date, lang)}: ${fmt.value(rate, "frac", lang, { digits: 2 })} a year compounded — overall traffic has plateaued.`,
        ),
        table: { columns: tidyColumns("10k"), rows },
      };
    },
  },

  // 2 Transport --------------------------------------------------------------------------------
  {
    id: "jg-trend",
    section: "transport",
    dataset: "jiaoguan_12123_monthly",
    title: T("交管12123 月活跃设备数", "交管12123 monthly active devices"),
    unit: "10k",
    toggles: [MODE],
    async prepare(ctx) {
      const groups = await ctx.bySeries(this.dataset);
      const rows = groups.flatMap(([, rs]) => rs);
      const { points, mode, tableRows, unit } = await growthView(ctx, groups, "10k");
      const { lang } = ctx;
      let description;
      if (mode === "level") {
        description =
          (await peakSentence(ctx, rows, "10k", L(lang, "交管12123 ", "交管12123"))) +
          L(
            lang,
            "；报告只印了“峰值突破1.4亿”和倍数关系，月度数值全部是重建值。",
            "; the report prints only “peak above 140 million” and ratios, so every monthly value is reconstructed.",
          );
      } else {
        const last = points.at(-1);
        description = L(
          lang,
          `${fmt.month(last.date, lang)}${mode === "yoy" ? "同比" : "环比"}${fmt.value(last.y, "pct", lang, { digits: 1 })}（重建值计算）。`,
          `${mode === "yoy" ? "Year-on-year" : "Month-on-month"} growth in ${fmt.month(last.date, lang)}: ${fmt.value(last.y, "pct", lang, { digits: 1 })} (computed from reconstructed values).`,
        );
      }
      return {
        kind: "line",
        xType: "time",
        unit,
        zeroLine: mode !== "level",
        rows: points,
        description,
        table: {
          columns: tidyColumns("10k", {
            extra:
              mode === "level"
                ? []
                : [
                    {
                      key: "growth",
                      label: mode === "yoy" ? T("同比 %", "YoY %") : T("环比 %", "MoM %"),
                      type: "num",
                      unit: "pct",
                    },
                  ],
          }),
          rows: tableRows,
        },
      };
    },
  },
  {
    id: "jg-ratio",
    section: "transport",
    dataset: "jiaoguan_12123_monthly",
    title: T("交管12123 相对2020年1月的倍数", "交管12123 relative to January 2020"),
    unit: "ratio",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const ratio = await ctx.wasm(
        "ratioToBase",
        Float64Array.from(rows, (r) => r.value),
        0,
      );
      const { lang } = ctx;
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
        description: L(
          lang,
          `${fmt.month(rows[last].date, lang)}的用户规模是2020年1月的${fmt.value(ratio[last], "ratio", lang)}（报告：约1.9倍）。`,
          `In ${fmt.month(rows[last].date, lang)} the user base was ${fmt.value(ratio[last], "ratio", lang)} its January 2020 level (the report: about 1.9×).`,
        ),
        table: {
          columns: tidyColumns("10k", {
            extra: [
              { key: "ratio", label: T("相对2020年1月", "× Jan 2020"), type: "num", unit: "ratio" },
            ],
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
    title: T("交管12123 城市等级分布：2022 → 2023", "交管12123 users by city tier: 2022 → 2023"),
    unit: "pct",
    toggles: [
      {
        key: "view",
        label: T("视图", "View"),
        options: [
          { value: "share", ...T("占比", "Shares") },
          { value: "pp", ...T("变化（百分点）", "Change (pp)") },
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
      const view = ctx.tog("view");
      const tableRows = tiers.map((t, i) => ({
        category: t,
        y2022: pick(y22)[i],
        y2023: pick(y23)[i],
        pp: pp[i],
        provenance: "reconstructed",
      }));
      const up = tiers.map((t, i) => [t, pp[i]]).filter(([, v]) => v > 0);
      const vm =
        view === "pp"
          ? {
              kind: "bar",
              unit: "pp",
              rows: tiers.map((t, i) => ({
                x: t,
                y: pp[i],
                series: "pp",
                provenance: "reconstructed",
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
        description: L(
          lang,
          `与2022年相比，2023年${up.map(([t, v]) => `${t}占比${fmt.value(v, "pp", lang)}`).join("、")}（报告印：四线+0.6、五线+1.5个百分点；各级占比为重建值）。`,
          `From 2022 to 2023 the share rose for ${up.map(([t, v]) => `${name(t, lang)} (${fmt.value(v, "pp", lang)})`).join(", ")} (printed: tier 4 +0.6 pp, tier 5 +1.5 pp; the tier shares are reconstructed).`,
        ),
        table: {
          columns: [
            col.category(T("城市等级", "City tier")),
            { key: "y2022", label: T("2022年 %", "2022 %"), type: "num", unit: "pct" },
            { key: "y2023", label: T("2023年 %", "2023 %"), type: "num", unit: "pct" },
            { key: "pp", label: T("变化（百分点）", "Change (pp)"), type: "num", unit: "pp" },
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
    title: T(
      "交管12123 用户最多的6个省份（2023年12月）",
      "交管12123: the six provinces with most users (Dec 2023)",
    ),
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
        })),
        tickName: (v) => name(v, lang),
        series: ["交管12123"],
        description: L(
          lang,
          `广东、湖南、四川用户规模分列前三，广东是唯一用户破千万的省份（数值为重建值：${rows.map((r) => `${r.entity}${fmt.value(r.value, "10k", lang)}`).join("、")}）。`,
          `Guangdong, Hunan and Sichuan rank first to third; Guangdong is the only province above 10 million (values reconstructed: ${rows.map((r) => `${name(r.entity, lang)} ${fmt.value(r.value, "10k", lang)}`).join(", ")}).`,
        ),
        table: { columns: tidyColumns("10k"), rows },
      };
    },
  },
  ...["交管12123", "个人所得税"].map((app) => ({
    id: app === "交管12123" ? "jg-demo" : "iit-demo",
    section: app === "交管12123" ? "transport" : "finance",
    dataset: "demographics_2023_12",
    title: T(`${app} 用户画像（2023年12月）`, `${app} user profile (Dec 2023)`),
    unit: "pct",
    toggles: [
      {
        key: "metric",
        label: T("维度", "Dimension"),
        options: [
          { value: "gender_share_pct", ...T("性别", "Gender") },
          { value: "age_share_pct", ...T("年龄", "Age") },
          { value: "marital_share_pct", ...T("婚姻状况", "Marital status") },
        ],
        default: "gender_share_pct",
      },
    ],
    async prepare(ctx) {
      const metric = ctx.tog("metric");
      const rows = await ctx.rows(this.dataset, { entity: app, metric });
      const { lang } = ctx;
      const ex = await ctx.wasm(
        "extremes",
        Float64Array.from(rows, (r) => r.value),
      );
      const top = ex.max ? rows[ex.max.index] : null;
      return {
        kind: "bar",
        horizontal: true,
        unit: "pct",
        rows: rows.map((r) => ({
          x: r.category,
          y: r.value,
          series: app,
          provenance: r.provenance,
        })),
        tickName: (v) => name(v, lang),
        series: [app],
        marginLeft: 90,
        labelDigits: 1,
        description: rows.length
          ? L(
              lang,
              `${app}用户中${top.category}占比最高，为${fmt.value(top.value, "pct", lang)}（${provName(top.provenance, lang)}）。`,
              `Among ${app} users, ${name(top.category, lang)} is the largest group at ${fmt.value(top.value, "pct", lang)} (${provName(top.provenance, lang)}).`,
            )
          : L(lang, `${app}没有这一维度的数据。`, `No data on this dimension for ${app}.`),
        table: { columns: tidyColumns("pct", { category: true }), rows },
      };
    },
  })),
  {
    id: "railway-12306-monthly",
    section: "transport",
    dataset: "railway_12306_monthly",
    title: T("铁路12306 月独立设备数", "铁路12306 monthly unique devices"),
    unit: "10k",
    toggles: [MODE],
    async prepare(ctx) {
      const groups = await ctx.bySeries(this.dataset);
      const rows = groups.flatMap(([, rs]) => rs);
      const { points, mode, tableRows, unit } = await growthView(ctx, groups, "10k");
      const { lang } = ctx;
      const peak = await peakSentence(ctx, rows, "10k");
      const ex = await ctx.wasm(
        "extremes",
        Float64Array.from(rows, (r) => r.value),
      );
      return {
        kind: "line",
        xType: "time",
        unit,
        zeroLine: mode !== "level",
        rows: points,
        annotations:
          mode === "level" && ex.max
            ? [
                {
                  x: rows[ex.max.index].x,
                  y: ex.max.value,
                  text: `${L(lang, "历史最高", "all-time high")} ${fmt.value(ex.max.value, "10k", lang)}`,
                },
              ]
            : [],
        description: `${L(lang, "铁路12306：", "铁路12306 ")}${peak}${L(lang, "。2023年出行热潮推动流量升至历史最高点。", ". The 2023 travel boom lifted traffic to its all-time high.")}`,
        table: {
          columns: tidyColumns("10k", {
            extra:
              mode === "level"
                ? []
                : [
                    {
                      key: "growth",
                      label: mode === "yoy" ? T("同比 %", "YoY %") : T("环比 %", "MoM %"),
                      type: "num",
                      unit: "pct",
                    },
                  ],
          }),
          rows: tableRows,
        },
      };
    },
  },
  {
    id: "rw-first-tier",
    section: "transport",
    dataset: "railway_12306_first_tier_2023",
    title: T(
      "铁路12306 一线城市月度用户（2023年）",
      "铁路12306 users in the four first-tier cities (2023)",
    ),
    unit: "10k",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const { lang } = ctx;
      const annotations = [];
      const peakText = [];
      for (const [city, rs] of await ctx.bySeries(this.dataset)) {
        const p = await ctx.wasm(
          "peaks",
          Float64Array.from(rs, (r) => r.value),
        );
        const months = Array.from(p, (i) => monthOf(rs[i].date));
        peakText.push(
          L(
            lang,
            `${city}${months.map((m) => `${m}月`).join("、")}`,
            `${name(city, lang)}: ${fmt.list(
              months.map((m) => fmt.monthName(m, lang)),
              lang,
            )}`,
          ),
        );
        if (city !== "广州")
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
        description: L(
          lang,
          `局部高峰（模块 peaks() 计算）：${peakText.join("；")}。报告说北京、上海、深圳的小高峰都在4月和9月，京沪走势相近；所有数值为重建值。`,
          `Local peaks (computed by the module's peaks()): ${peakText.join("; ")}. The report says Beijing, Shanghai and Shenzhen peak in April and September and Beijing and Shanghai move together; all values are reconstructed.`,
        ),
        table: { columns: tidyColumns("10k"), rows },
      };
    },
  },

  // 3 Infrastructure ---------------------------------------------------------------------------
  {
    id: "sg-stl",
    section: "infrastructure",
    dataset: "state_grid_monthly",
    title: T(
      "网上国网 月独立设备数与 STL 季节分解",
      "网上国网 monthly devices and STL decomposition",
    ),
    unit: "10k",
    heavy: true,
    toggles: [
      {
        key: "view",
        label: T("视图", "View"),
        options: [
          { value: "observed", ...T("原值与趋势", "Observed and trend") },
          { value: "components", ...T("趋势 / 季节 / 残差", "Trend / seasonal / remainder") },
          { value: "adjusted", ...T("季节调整后", "Seasonally adjusted") },
        ],
        default: "observed",
      },
    ],
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const values = Float64Array.from(rows, (r) => r.value);
      const stl = await ctx.wasm("stl", values, 12, {});
      const months = rows.map((r) => String(monthOf(r.date)));
      const byMonth = await ctx.wasm("groupBy", months, stl.seasonal);
      const top = await ctx.wasm("extremes", byMonth.mean);
      const { lang } = ctx;
      const view = ctx.tog("view");
      const comp = {
        observed: T("原值", "Observed"),
        trend: T("趋势", "Trend"),
        seasonal: T("季节", "Seasonal"),
        remainder: T("残差", "Remainder"),
        adjusted: T("季节调整后", "Seasonally adjusted"),
      };
      const nm = (k) => comp[k][lang];
      let vm;
      if (view === "components") {
        const facetsRows = [];
        rows.forEach((r, i) => {
          facetsRows.push({
            x: r.x,
            y: r.value,
            facet: nm("observed"),
            series: "observed",
            provenance: r.provenance,
          });
          facetsRows.push({
            x: r.x,
            y: stl.trend[i],
            facet: nm("trend"),
            series: "trend",
            provenance: r.provenance,
          });
          facetsRows.push({
            x: r.x,
            y: stl.seasonal[i],
            facet: nm("seasonal"),
            series: "seasonal",
            provenance: r.provenance,
          });
          facetsRows.push({
            x: r.x,
            y: stl.remainder[i],
            facet: nm("remainder"),
            series: "remainder",
            provenance: r.provenance,
          });
        });
        vm = {
          kind: "facets",
          unit: "10k",
          rows: facetsRows,
          facets: ["observed", "trend", "seasonal", "remainder"].map(nm),
          series: ["observed", "trend", "seasonal", "remainder"],
        };
      } else {
        const second = view === "adjusted" ? "adjusted" : "trend";
        const sv = view === "adjusted" ? stl.seasonallyAdjusted : stl.trend;
        vm = {
          kind: "line",
          xType: "time",
          unit: "10k",
          series: [nm("observed"), nm(second)],
          legendSeries: [nm("observed"), nm(second)],
          rows: [
            ...pts(rows, () => nm("observed")),
            ...rows.map((r, i) => ({
              x: r.x,
              y: sv[i],
              series: nm(second),
              provenance: r.provenance,
              date: r.date,
            })),
          ],
        };
      }
      const peakMonth = Number(byMonth.keys[top.max.index]);
      const lowMonth = Number(byMonth.keys[top.min.index]);
      return {
        ...vm,
        description: L(
          lang,
          `STL（周期12个月，模块计算）：季节强度${fmt.value(stl.seasonalStrength, "index", lang, { digits: 2 })}，趋势强度${fmt.value(stl.trendStrength, "index", lang, { digits: 2 })}；季节成分在${peakMonth}月最高、${lowMonth}月最低。报告描述：春季是用电淡季，6月达上半年峰值，夏季购电需求带动高位波动。数值全部为重建值。`,
          `STL (12-month period, computed by the module): seasonal strength ${fmt.value(stl.seasonalStrength, "index", lang, { digits: 2 })}, trend strength ${fmt.value(stl.trendStrength, "index", lang, { digits: 2 })}; the seasonal component is highest in ${fmt.monthName(peakMonth, lang)} and lowest in ${fmt.monthName(lowMonth, lang)}. The report: spring is the low season, June the first-half peak, summer demand keeps usage high. All values are reconstructed.`,
        ),
        table: {
          columns: [
            ...tidyColumns("10k"),
            { key: "trend", label: T("趋势", "Trend"), type: "num", unit: "10k" },
            { key: "seasonal", label: T("季节", "Seasonal"), type: "num", unit: "10k" },
            { key: "remainder", label: T("残差", "Remainder"), type: "num", unit: "10k" },
            {
              key: "adjusted",
              label: T("季节调整后", "Seasonally adjusted"),
              type: "num",
              unit: "10k",
            },
          ],
          rows: rows.map((r, i) => ({
            ...r,
            trend: stl.trend[i],
            seasonal: stl.seasonal[i],
            remainder: stl.remainder[i],
            adjusted: stl.seasonallyAdjusted[i],
          })),
        },
      };
    },
  },
  ...[
    {
      id: "sg-provinces",
      section: "infrastructure",
      dataset: "state_grid_provinces_top5_2023_12",
      app: "网上国网",
      n: 5,
    },
    {
      id: "ysf-provinces",
      section: "finance",
      dataset: "yunshanfu_provinces_top15_2023_12",
      app: "云闪付",
      n: 15,
    },
  ].map((d) => ({
    ...d,
    title: T(
      `${d.app} 用户省份 TOP${d.n}（2023年12月）`,
      `${d.app} users by province, top ${d.n} (Dec 2023)`,
    ),
    unit: "10k",
    toggles: [
      {
        key: "metric",
        label: T("指标", "Measure"),
        options: [
          { value: "devices", ...T("设备数", "Devices") },
          { value: "tgi", ...T("TGI", "TGI") },
          ...(d.n === 15
            ? [
                { value: "uses", ...T("单机单日使用次数", "Uses per device per day") },
                { value: "minutes", ...T("单机单日有效时间", "Minutes per device per day") },
              ]
            : []),
        ],
        default: "devices",
      },
    ],
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const metric = ctx.tog("metric");
      const colName = {
        devices: "unique_devices_2023_12_10k",
        tgi: "TGI",
        uses: "uses_per_device_per_day",
        minutes: "effective_minutes_per_device_per_day",
      }[metric];
      const unit = metric === "devices" ? "10k" : "index";
      const tgiMax = await ctx.wasm(
        "extremes",
        Float64Array.from(rows, (r) => r.TGI),
      );
      const hi = rows[tgiMax.max.index];
      return {
        kind: "bar",
        horizontal: true,
        unit,
        baseLine: metric === "tgi" ? 100 : null,
        rows: rows.map((r) => ({
          x: r.province,
          y: r[colName],
          series: d.app,
          provenance: r.provenance,
        })),
        tickName: (v) => name(v, lang),
        series: [d.app],
        marginLeft: 80,
        description: L(
          lang,
          `${rows[0].province}以${fmt.value(rows[0].unique_devices_2023_12_10k, "10k", lang)}居首；TGI 最高的是${hi.province}（${hi.TGI}，高于100表示该省用户占比高于基准人群）。${d.n === 15 ? "湖南与江苏的 TGI 同为119.6；报告没有说明 TGI 的基准人群。" : "TOP5 合计占全部用户的36.8%。"}`,
          `${name(rows[0].province, lang)} leads with ${fmt.value(rows[0].unique_devices_2023_12_10k, "10k", lang)}; the highest TGI is ${name(hi.province, lang)} (${hi.TGI}; above 100 means the province is over-represented against the base population). ${d.n === 15 ? "Hunan and Jiangsu both print TGI 119.6; the report does not define the TGI base." : "The top five hold 36.8 % of all users."}`,
        ),
        table: {
          columns: [
            { key: "rank", label: T("排名", "Rank"), type: "num" },
            { key: "province", label: T("省份", "Province"), type: "name" },
            {
              key: "unique_devices_2023_12_10k",
              label: T("设备数", "Devices"),
              type: "num",
              unit: "10k",
            },
            { key: "TGI", label: T("TGI", "TGI"), type: "num" },
            ...(d.n === 15
              ? [
                  {
                    key: "uses_per_device_per_day",
                    label: T("单机单日使用次数", "Uses/device/day"),
                    type: "num",
                  },
                  {
                    key: "effective_minutes_per_device_per_day",
                    label: T("单机单日有效时间（分）", "Minutes/device/day"),
                    type: "num",
                  },
                ]
              : []),
            col.prov(),
          ],
          rows,
        },
      };
    },
  })),
  {
    id: "sg-hourly",
    section: "infrastructure",
    dataset: "state_grid_hourly_2023_12",
    title: T(
      "网上国网 24小时活跃用户分布（2023年12月）",
      "网上国网 active users by hour of day (Dec 2023)",
    ),
    unit: "pct",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const p = await ctx.wasm(
        "peaks",
        Float64Array.from(rows, (r) => r.value),
      );
      const { lang } = ctx;
      const hours = Array.from(p, (i) => rows[i].x.getUTCHours());
      return {
        kind: "line",
        xType: "hour",
        unit: "pct",
        rows: rows.map((r) => ({
          x: r.x.getUTCHours(),
          y: r.value,
          series: r.entity,
          provenance: r.provenance,
          date: r.date,
        })),
        annotations: Array.from(p, (i) => ({
          x: rows[i].x.getUTCHours(),
          y: rows[i].value,
          text: fmt.hour(rows[i].date, lang),
        })),
        description: L(
          lang,
          `一天中有${hours.length}个活跃高峰：${hours.map((h) => `${h}时`).join("和")}（模块 peaks() 计算；报告文字说10点、15点，分布为重建值）。`,
          `${hours.length} daily peaks: ${fmt.list(
            hours.map((h) => `${String(h).padStart(2, "0")}:00`),
            lang,
          )} (module peaks(); the report says 10:00 and 15:00; the profile is reconstructed).`,
        ),
        table: { columns: tidyColumns("pct", { dateType: "hour" }), rows },
      };
    },
  },
  {
    id: "fuel-trend",
    section: "infrastructure",
    dataset: "fuel_apps_monthly",
    title: T(
      "中油好客e站与易捷加油 月活跃设备数",
      "中油好客e站 and 易捷加油 monthly active devices",
    ),
    unit: "10k",
    toggles: [MODE],
    async prepare(ctx) {
      const groups = await ctx.bySeries(this.dataset);
      const rows = groups.flatMap(([, rs]) => rs);
      const { points, mode, tableRows, unit } = await growthView(ctx, groups, "10k");
      const { lang } = ctx;
      const ents = distinct(rows.map((r) => r.entity));
      const sentences = [];
      for (const [ent, rs] of groups)
        sentences.push(await peakSentence(ctx, rs, "10k", L(lang, ent, name(ent, lang))));
      return {
        kind: "line",
        xType: "time",
        unit,
        zeroLine: mode !== "level",
        rows: points,
        series: ents,
        legendSeries: ents,
        description:
          sentences.join(L(lang, "；", "; ")) +
          L(
            lang,
            "。报告只印了“月活超过700万”和“同比增长超过30%”这类界限，曲线为重建值。",
            ". The report prints only bounds (“over 7 million”, “over 30 % year on year”); the curves are reconstructed.",
          ),
        table: {
          columns: tidyColumns("10k", {
            extra:
              mode === "level"
                ? []
                : [
                    {
                      key: "growth",
                      label: mode === "yoy" ? T("同比 %", "YoY %") : T("环比 %", "MoM %"),
                      type: "num",
                      unit: "pct",
                    },
                  ],
          }),
          rows: tableRows,
        },
      };
    },
  },
  {
    id: "fuel-yoy",
    section: "infrastructure",
    dataset: "fuel_apps_monthly",
    title: T("易捷加油 月活同比增长", "易捷加油 year-on-year growth of monthly devices"),
    unit: "pct",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset, { entity: "易捷加油" });
      const g = await ctx.wasm(
        "growth",
        Float64Array.from(rows, (r) => r.value),
        12,
      );
      const { lang } = ctx;
      const withYoy = rows.map((r, i) => ({ ...r, yoy: g[i] * 100 }));
      const shown = withYoy.filter((r) => Number.isFinite(r.yoy));
      const last = shown.at(-1);
      const ex = await ctx.wasm(
        "extremes",
        Float64Array.from(shown, (r) => r.yoy),
      );
      const lo = shown[ex.min.index];
      const label = (r) =>
        lang === "zh"
          ? `${r.x.getUTCFullYear() % 100}年${r.x.getUTCMonth() + 1}月`
          : fmt.month(r.date, lang);
      return {
        kind: "bar",
        unit: "pct",
        labelDigits: 1,
        order: shown.map(label),
        tickRotate: -45,
        marginBottom: 56,
        rows: shown.map((r) => ({
          x: label(r),
          y: r.yoy,
          series: "易捷加油",
          provenance: r.provenance,
        })),
        series: ["易捷加油"],
        description: L(
          lang,
          `2023年12月易捷加油月活${fmt.value(last.value, "10k", lang)}，同比${fmt.value(last.yoy, "pct", lang, { digits: 1 })}（报告：同比增长超过30%）；每个月的同比都在${fmt.value(lo.yoy, "pct", lang, { digits: 1 })}以上（模块 growth() 计算，数值为重建值）。`,
          `In Dec 2023 易捷加油 had ${fmt.value(last.value, "10k", lang)} monthly devices, ${fmt.value(last.yoy, "pct", lang, { digits: 1 })} year on year (the report: more than 30 %); every month's growth is at least ${fmt.value(lo.yoy, "pct", lang, { digits: 1 })} (module growth(); values reconstructed).`,
        ),
        table: {
          columns: tidyColumns("10k", {
            extra: [{ key: "yoy", label: T("同比 %", "YoY %"), type: "num", unit: "pct" }],
          }),
          rows: withYoy,
        },
      };
    },
  },

  // 4 Finance and public services ---------------------------------------------------------------
  {
    id: "iit-trend",
    section: "finance",
    dataset: "iit_monthly",
    title: T("个人所得税APP 月独立设备数", "个人所得税 (income tax) app monthly unique devices"),
    unit: "10k",
    toggles: [MODE],
    async prepare(ctx) {
      const groups = await ctx.bySeries(this.dataset);
      const rows = groups.flatMap(([, rs]) => rs);
      const { points, mode, tableRows, unit } = await growthView(ctx, groups, "10k");
      const { lang } = ctx;
      const annotations = [];
      const peaksTxt = [];
      for (const y of distinct(rows.map((r) => r.date.slice(0, 4)))) {
        const rs = rows.filter((r) => r.date.startsWith(y));
        const ex = await ctx.wasm(
          "extremes",
          Float64Array.from(rs, (r) => r.value),
        );
        const r = rs[ex.max.index];
        peaksTxt.push(
          L(
            lang,
            `${fmt.month(r.date, lang)} ${fmt.value(r.value, "10k", lang)}`,
            `${fmt.month(r.date, lang)} ${fmt.value(r.value, "10k", lang)}`,
          ),
        );
        if (mode === "level")
          annotations.push({ x: r.x, y: r.value, text: fmt.monthName(monthOf(r.date), lang) });
      }
      return {
        kind: "line",
        xType: "time",
        unit,
        zeroLine: mode !== "level",
        rows: points,
        annotations,
        description: L(
          lang,
          `每年的年度高峰都在3月汇算清缴季：${peaksTxt.join("、")}。2023年3月的1.8亿是报告公布值，也是历史最高。`,
          `Every year peaks in March, at the start of the annual tax settlement: ${peaksTxt.join(", ")}. March 2023's 180 million is printed in the report and is the all-time high.`,
        ),
        table: {
          columns: tidyColumns("10k", {
            extra:
              mode === "level"
                ? []
                : [
                    {
                      key: "growth",
                      label: mode === "yoy" ? T("同比 %", "YoY %") : T("环比 %", "MoM %"),
                      type: "num",
                      unit: "pct",
                    },
                  ],
          }),
          rows: tableRows,
        },
      };
    },
  },
  {
    id: "iit-penetration",
    section: "finance",
    dataset: "iit_penetration_monthly",
    title: T("个人所得税APP 渗透率", "个人所得税 app penetration of the mobile internet"),
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
        annotations: [p20, p23].map((r) => ({
          x: r.x,
          y: r.value,
          text: fmt.value(r.value, "pct", lang, { digits: 1 }),
        })),
        description: L(
          lang,
          `渗透率峰值从${fmt.month(p20.date, lang)}的${fmt.value(p20.value, "pct", lang, { digits: 1 })}升到${fmt.month(p23.date, lang)}的${fmt.value(p23.value, "pct", lang, { digits: 1 })}，提高${fmt.value(pp[0], "pp", lang)}（报告：“五个百分点”）。模块以个税设备数÷全网设备数重新计算，2023年3月为${fmt.value(live[iit.findIndex((r) => r.date === p23.date)] * 100, "pct", lang, { digits: 2 })}。`,
          `Peak penetration rose from ${fmt.value(p20.value, "pct", lang, { digits: 1 })} in ${fmt.month(p20.date, lang)} to ${fmt.value(p23.value, "pct", lang, { digits: 1 })} in ${fmt.month(p23.date, lang)}, ${fmt.value(pp[0], "pp", lang)} (the report: “five percentage points”). Recomputed by the module as app devices ÷ all devices: ${fmt.value(live[iit.findIndex((r) => r.date === p23.date)] * 100, "pct", lang, { digits: 2 })} in March 2023.`,
        ),
        table: {
          columns: tidyColumns("pct", {
            extra: [
              { key: "live", label: T("模块重算 %", "Recomputed %"), type: "num", unit: "pct" },
            ],
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
    id: "iit-tiers",
    section: "finance",
    dataset: "city_tier_shares",
    title: T(
      "个人所得税APP 城市等级分布与 TGI（2023年12月）",
      "个人所得税 users by city tier and TGI (Dec 2023)",
    ),
    unit: "pct",
    toggles: [
      {
        key: "view",
        label: T("视图", "View"),
        options: [
          { value: "share", ...T("占比", "Shares") },
          { value: "tgi", ...T("TGI", "TGI") },
        ],
        default: "share",
      },
    ],
    async prepare(ctx) {
      const app = await ctx.rows(this.dataset, { entity: "个人所得税", metric: "user_share_pct" });
      const basis = await ctx.rows(this.dataset, { entity: "移动网民(TGI基准)" });
      const tiers = app.map((r) => r.category);
      const shares = Float64Array.from(app, (r) => r.value);
      const baseShares = Float64Array.from(
        tiers,
        (t) => basis.find((r) => r.category === t)?.value ?? NaN,
      );
      const tgi = await ctx.wasm("tgi", shares, baseShares);
      const { lang } = ctx;
      const view = ctx.tog("view");
      const ng2 = app.filter((r) => r.category === "新一线城市" || r.category === "二线城市");
      const vm =
        view === "tgi"
          ? {
              kind: "bar",
              unit: "index",
              rows: tiers.map((t, i) => ({
                x: t,
                y: tgi[i],
                series: "TGI",
                provenance: "reconstructed",
              })),
              series: ["TGI"],
              order: tiers,
              tickName: (v) => name(v, lang),
              labelDigits: 0,
            }
          : {
              kind: "bar",
              unit: "pct",
              rows: [
                ...app.map((r) => ({
                  x: r.category,
                  y: r.value,
                  group: r.category,
                  series: "个人所得税",
                  provenance: r.provenance,
                })),
                ...basis.map((r) => ({
                  x: r.category,
                  y: r.value,
                  group: r.category,
                  series: "移动网民(TGI基准)",
                  provenance: r.provenance,
                })),
              ],
              groups: tiers,
              groupName: (v) => name(v, lang),
              series: ["个人所得税", "移动网民(TGI基准)"],
              legendSeries: ["个人所得税", "移动网民(TGI基准)"],
              labelDigits: 1,
            };
      return {
        ...vm,
        sliceRows: [...app, ...basis].map((r) => r._row),
        description: L(
          lang,
          `新一线与二线城市用户合计${fmt.value(ng2[0].value + ng2[1].value, "pct", lang, { digits: 1 })}（报告：超过40%）。TGI（模块计算，基准为假设的移动网民分布，不可引用）：${tiers.map((t, i) => `${t}${Math.round(tgi[i])}`).join("、")}。`,
          `New-tier-1 and tier-2 cities together hold ${fmt.value(ng2[0].value + ng2[1].value, "pct", lang, { digits: 1 })} (the report: over 40 %). TGI (module; the base is an assumed netizen distribution, not citable): ${tiers.map((t, i) => `${name(t, lang)} ${Math.round(tgi[i])}`).join(", ")}.`,
        ),
        table: {
          columns: [
            col.category(T("城市等级", "City tier")),
            { key: "share", label: T("个税用户占比 %", "App share %"), type: "num", unit: "pct" },
            {
              key: "base",
              label: T("基准占比 %（假设）", "Base share % (assumed)"),
              type: "num",
              unit: "pct",
            },
            { key: "tgi", label: T("TGI", "TGI"), type: "num" },
            col.prov(),
          ],
          rows: tiers.map((t, i) => ({
            category: t,
            share: shares[i],
            base: baseShares[i],
            tgi: tgi[i],
            provenance: "reconstructed",
          })),
        },
      };
    },
  },
  {
    id: "gov-top20",
    section: "finance",
    dataset: "local_gov_apps_top20_2023_12",
    title: T(
      "地方政务类APP 用户规模 TOP20（2023年12月）",
      "Top-20 local government apps (Dec 2023)",
    ),
    unit: "10k",
    sortable: true,
    toggles: [
      {
        key: "metric",
        label: T("指标", "Measure"),
        options: [
          { value: "monthly", ...T("月独立设备数", "Monthly devices") },
          { value: "daily", ...T("日均独立设备数", "Daily devices") },
          { value: "growth", ...T("近6个月复合增长率", "6-month compound growth") },
        ],
        default: "monthly",
      },
    ],
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
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
        })),
        series: ["app"],
        marginLeft: 96,
        labelDigits: metric === "growth" ? 1 : 3,
        description: L(
          lang,
          `${rows[0].app_name}（${rows[0].region}）以${fmt.value(rows[0].monthly_unique_devices_2023_12_10k, "10k", lang)}月独立设备数居首，约为第二名${rows[1].app_name}的${fmt.value(rows[0].monthly_unique_devices_2023_12_10k / rows[1].monthly_unique_devices_2023_12_10k, "ratio", lang, { digits: 1 })}。近6个月复合增长最快的是${fastest.app_name}（${fmt.value(fastest.compound_growth_last_6_months_pct, "pct", lang)}），最慢的是${slowest.app_name}（${fmt.value(slowest.compound_growth_last_6_months_pct, "pct", lang)}）。`,
          `${rows[0].app_name} (${name(rows[0].region, lang)}) leads with ${fmt.value(rows[0].monthly_unique_devices_2023_12_10k, "10k", lang)} monthly devices, about ${fmt.value(rows[0].monthly_unique_devices_2023_12_10k / rows[1].monthly_unique_devices_2023_12_10k, "ratio", lang, { digits: 1 })} the second, ${rows[1].app_name}. Fastest 6-month compound growth: ${fastest.app_name} (${fmt.value(fastest.compound_growth_last_6_months_pct, "pct", lang)}); slowest: ${slowest.app_name} (${fmt.value(slowest.compound_growth_last_6_months_pct, "pct", lang)}).`,
        ),
        table: {
          columns: [
            { key: "rank", label: T("序号", "Rank"), type: "num" },
            { key: "app_name", label: T("APP名称", "App"), type: "text" },
            { key: "region", label: T("所属地区", "Region"), type: "name" },
            {
              key: "monthly_unique_devices_2023_12_10k",
              label: T("月独立设备数", "Monthly devices"),
              type: "num",
              unit: "10k",
            },
            {
              key: "daily_avg_unique_devices_2023_12_10k",
              label: T("日均独立设备数", "Daily devices"),
              type: "num",
              unit: "10k",
            },
            {
              key: "compound_growth_last_6_months_pct",
              label: T("近6个月复合增长率 %", "6-month CAGR %"),
              type: "num",
              unit: "pct",
            },
            {
              key: "implied",
              label: T("6个月前（按复合率推算）", "6 months earlier (implied)"),
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
  {
    id: "ysf-profile",
    section: "finance",
    dataset: "yunshanfu_profile_2023_12",
    title: T(
      "云闪付 渗透率、白领占比与独占用户（2023年12月）",
      "云闪付: payment penetration, white-collar share, exclusive users (Dec 2023)",
    ),
    unit: "pct",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const { lang } = ctx;
      const label = {
        label_share_pct: T("白领用户占比", "White-collar users"),
        payment_industry_penetration_pct: T("支付行业渗透率", "Payment-industry penetration"),
        exclusive_user_share_vs_alipay_pct: T("独占用户（未用支付宝）", "Exclusive (no Alipay)"),
      };
      return {
        kind: "bar",
        horizontal: true,
        unit: "pct",
        marginLeft: 150,
        rows: rows.map((r) => ({
          x: label[r.metric][lang],
          y: r.value,
          series: "云闪付",
          provenance: r.provenance,
        })),
        series: ["云闪付"],
        labelDigits: 1,
        description: L(
          lang,
          "云闪付在支付行业的渗透率为11.5%，白领是最大的用户群（30.3%），与支付宝的独占用户接近四成（38.6%为重建值）。",
          "云闪付 reaches 11.5 % of the payment industry; white-collar workers are its largest group (30.3 %); close to 40 % of its users do not use Alipay (38.6 % is reconstructed).",
        ),
        table: {
          columns: [
            col.entity(),
            { key: "metric", label: T("指标", "Measure"), type: "text" },
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
    title: T(
      "六家国有银行手机银行APP 月独立设备数",
      "Mobile-banking apps of the six state banks, monthly devices",
    ),
    unit: "10k",
    toggles: [
      {
        key: "mode",
        label: T("指标", "Measure"),
        options: [
          { value: "level", ...T("月度规模", "Monthly level") },
          { value: "ratio", ...T("相对2020年1月", "Relative to Jan 2020") },
        ],
        default: "level",
      },
    ],
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const { lang } = ctx;
      const mode = ctx.tog("mode");
      const out = [];
      const tableRows = [];
      const grow = [];
      for (const [ent, rs] of await ctx.bySeries(this.dataset)) {
        const ratio = await ctx.wasm(
          "ratioToBase",
          Float64Array.from(rs, (r) => r.value),
          0,
        );
        rs.forEach((r, i) => {
          out.push({
            x: r.x,
            y: mode === "ratio" ? ratio[i] : r.value,
            series: ent,
            provenance: r.provenance,
          });
          tableRows.push({ ...r, ratio: ratio[i] });
        });
        grow.push([ent, ratio.at(-1)]);
      }
      const ents = distinct(rows.map((r) => r.entity));
      return {
        kind: "line",
        xType: "time",
        unit: mode === "ratio" ? "ratio" : "10k",
        baseLine: mode === "ratio" ? 1 : null,
        rows: out,
        series: ents,
        legendSeries: ents,
        description: L(
          lang,
          `六家银行APP整体稳步增长；2023年12月相对2020年1月：${grow.map(([e, v]) => `${e}${fmt.value(v, "ratio", lang)}`).join("、")}。报告未印任何数值或排名，水平全部为重建值。`,
          `All six apps grew steadily; Dec 2023 relative to Jan 2020: ${grow.map(([e, v]) => `${name(e, lang)} ${fmt.value(v, "ratio", lang)}`).join(", ")}. The report prints no value or ranking; all levels are reconstructed.`,
        ),
        table: {
          columns: tidyColumns("10k", {
            extra: [
              { key: "ratio", label: T("相对2020年1月", "× Jan 2020"), type: "num", unit: "ratio" },
            ],
          }),
          rows: tableRows,
        },
      };
    },
  },
  {
    id: "bank-hourly",
    section: "finance",
    dataset: "state_bank_apps_hourly_2023_12",
    title: T(
      "四家国有银行APP 24小时活跃分布（2023年12月）",
      "Four state banks' apps: active users by hour (Dec 2023)",
    ),
    unit: "pct",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const { lang } = ctx;
      const txt = [];
      for (const [ent, rs] of await ctx.bySeries(this.dataset)) {
        const p = await ctx.wasm(
          "peaks",
          Float64Array.from(rs, (r) => r.value),
        );
        txt.push(
          L(
            lang,
            `${ent}${Array.from(p, (i) => `${rs[i].x.getUTCHours()}时`).join("、")}`,
            `${name(ent, lang)} ${Array.from(p, (i) => `${String(rs[i].x.getUTCHours()).padStart(2, "0")}:00`).join(", ")}`,
          ),
        );
      }
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
        })),
        description: L(
          lang,
          `局部高峰（模块计算）：${txt.join("；")}。报告说活跃高峰在11点和17点；分布为重建值。`,
          `Local peaks (module): ${txt.join("; ")}. The report says usage peaks at 11:00 and 17:00; the profiles are reconstructed.`,
        ),
        table: { columns: tidyColumns("pct", { dateType: "hour" }), rows },
      };
    },
  },

  // 5 政务服务APP 2017 ---------------------------------------------------------------------------
  {
    id: "caict-2017",
    section: "gov2017",
    dataset: "caict_gov_apps_2017",
    title: T(
      "全国政务服务APP发展情况（截至2017年11月底）",
      "Government-service apps in China (end of Nov 2017)",
    ),
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
        marginLeft: lang === "zh" ? 190 : 190,
        rowHeight: 22,
        rows: rows.map((r) => ({
          x: `${r.qualifier && r.qualifier !== "=" ? r.qualifier + " " : ""}${r.item}`,
          y: r.value,
          series: "caict",
          provenance: r.provenance,
        })),
        series: ["caict"],
        labelDigits: 4,
        description: L(
          lang,
          `截至2017年11月底全国共有政务服务APP ${total.value} 个；地级占40%、县级占41%，省级及中央占19%（由100−40−41推算，为重建值）。`,
          `By the end of November 2017 China had ${total.value} government-service apps; 40 % prefecture-level, 41 % county-level, and 19 % provincial or central (derived as 100 − 40 − 41, reconstructed).`,
        ),
        table: {
          columns: [
            { key: "dimension", label: T("维度", "Dimension"), type: "text" },
            { key: "item", label: T("项目", "Item"), type: "text" },
            { key: "value", label: T("数值", "Value"), type: "num" },
            { key: "unit", label: T("单位", "Unit"), type: "text" },
            { key: "qualifier", label: T("限定", "Qualifier"), type: "text" },
            { key: "note", label: T("说明", "Note"), type: "text" },
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
    title: T(
      "22个政务APP的下载渠道、智能技术与运营（2017）",
      "The 22 evaluated apps: download channels, smart features, operations (2017)",
    ),
    unit: "count",
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const groups = distinct(rows.map((r) => r.figure));
      return {
        kind: "bar",
        horizontal: true,
        unit: "count",
        marginLeft: 200,
        rowHeight: 20,
        rows: rows
          .filter((r) => Number.isFinite(r.count))
          .map((r) => ({
            x: r.item,
            y: r.count,
            series: "count",
            group: r.figure,
            provenance: r.provenance,
          })),
        groups,
        groupName: (v) => v,
        series: ["count"],
        labelDigits: 3,
        description: L(
          lang,
          "22个被评APP中20个上架苹果应用市场、16个上架安卓主流市场，13个同时覆盖前三个下载入口；图5按27项饼图读出的智能技术占比见数据表。",
          "Of the 22 evaluated apps, 20 are in Apple's App Store, 16 in the main Android stores and 13 cover all three leading channels; the smart-feature shares (read as a 27-item pie) are in the table.",
        ),
        table: {
          columns: [
            { key: "figure", label: T("图表", "Figure"), type: "text" },
            { key: "item", label: T("项目", "Item"), type: "text" },
            { key: "count", label: T("数量", "Count"), type: "num" },
            { key: "base", label: T("基数", "Base"), type: "num" },
            { key: "share_pct", label: T("占比 %", "Share %"), type: "num", unit: "pct" },
            { key: "note", label: T("说明", "Note"), type: "text" },
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
    title: T(
      "2017中国城市移动政务服务能力评价：22城得分",
      "2017 city mobile-government scores: 22 cities",
    ),
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
        marginLeft: 64,
        tickName: (v) => name(v, lang),
        description: L(
          lang,
          `${rows[0].city}以${rows[0].total_score}分居首，${rows[1].city}${rows[1].total_score}分、${rows[2].city}${rows[2].total_score}分次之；22城平均${fmt.value(mean.mean[0], "index", lang, { digits: 2 })}分（报告印57.4）。`,
          `${name(rows[0].city, lang)} ranks first with ${rows[0].total_score} points, then ${name(rows[1].city, lang)} (${rows[1].total_score}) and ${name(rows[2].city, lang)} (${rows[2].total_score}); the 22-city mean is ${fmt.value(mean.mean[0], "index", lang, { digits: 2 })} (printed: 57.4).`,
        ),
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
    title: T("2017评价指标体系的权重", "2017 evaluation indicator weights"),
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
        marginLeft: 110,
        rows: rows.map((r) => ({
          x: r.level2_indicator,
          y: r.level2_weight,
          series: r.level1_indicator,
          provenance: r.provenance,
        })),
        series: l1,
        legendSeries: l1,
        tickName: (v) => name(v, lang),
        labelDigits: 2,
        description: L(
          lang,
          `二级权重之和：${sums.keys.map((k, i) => `${k} ${sums.sum[i]}`).join("、")}。表1表头把平台运营、服务供给印成35/40，表3为30/45；二级权重之和支持30/45。`,
          `Level-2 weights sum to: ${sums.keys.map((k, i) => `${name(k, lang)} ${sums.sum[i]}`).join(", ")}. Table 1's header prints 35/40 for operation/supply, table 3 prints 30/45; the level-2 sums support 30/45.`,
        ),
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
    title: T(
      "2017 东中西部城市平均得分",
      "2017 mean scores of eastern, central and western cities",
    ),
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
        description: L(
          lang,
          `平均分（模块 groupBy 计算；东中西划分为推断）：${keys.map((k, i) => `${k}${fmt.value(means[i], "index", lang, { digits: 2 })}（${counts[i]}城）`).join("、")}。`,
          `Means (module groupBy; the east/central/west assignment is inferred): ${keys.map((k, i) => `${name(k === "全国" ? "中国" : k, lang)} ${fmt.value(means[i], "index", lang, { digits: 2 })} (${counts[i]} cities)`).join(", ")}.`,
        ),
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

  // 6 Smart-city context ------------------------------------------------------------------------
  {
    id: "egdi",
    section: "smartcity",
    dataset: "egdi_2010_2020",
    title: T(
      "中国电子政务发展指数（EGDI）与世界排名 2010–2020",
      "China's UN E-Government Development Index (EGDI) and rank, 2010–2020",
    ),
    unit: "index",
    toggles: [
      {
        key: "metric",
        label: T("指标", "Measure"),
        options: [
          { value: "egdi", ...T("EGDI 指数", "EGDI") },
          { value: "egdi_world_rank", ...T("世界排名", "World rank") },
        ],
        default: "egdi",
      },
    ],
    async prepare(ctx) {
      const metric = ctx.tog("metric");
      const rows = await ctx.rows(this.dataset, { metric });
      const { lang } = ctx;
      const first = rows[0];
      const last = rows.at(-1);
      const g = await ctx.wasm("growth", [first.value, last.value], 1);
      return {
        kind: "line",
        xType: "time",
        unit: metric === "egdi" ? "index" : "index",
        yReverse: metric !== "egdi",
        rows: pts(rows),
        description:
          metric === "egdi"
            ? L(
                lang,
                `EGDI 从2010年的${first.value}升至2020年的${last.value}（+${fmt.value(g[1] * 100, "pct", lang, { digits: 1 })}），进入“非常高”（≥0.75）组；2012–2018年的数值为联合国调查的外部数据，2014年的下降源于调查方法变化。`,
                `The EGDI rose from ${first.value} in 2010 to ${last.value} in 2020 (+${fmt.value(g[1] * 100, "pct", lang, { digits: 1 })}), entering the “very high” group (≥ 0.75); 2012–2018 values are external (UN surveys), the 2014 dip reflects a method change.`,
              )
            : L(
                lang,
                `世界排名从2010年第${first.value}名升至2020年第${last.value}名（排名为外部数据）。`,
                `World rank moved from ${first.value} in 2010 to ${last.value} in 2020 (ranks are external data).`,
              ),
        table: { columns: tidyColumns("index", { dateType: "year" }), rows },
      };
    },
  },
  {
    id: "netizens",
    section: "smartcity",
    dataset: "netizens_2015_2021",
    title: T(
      "我国网民规模及互联网普及率 2015–2021",
      "Chinese netizens and internet penetration, 2015–2021",
    ),
    unit: "100m",
    toggles: [
      {
        key: "metric",
        label: T("指标", "Measure"),
        options: [
          { value: "netizens_100m", ...T("网民规模", "Netizens") },
          { value: "internet_penetration_pct", ...T("普及率", "Penetration") },
        ],
        default: "netizens_100m",
      },
    ],
    async prepare(ctx) {
      const metric = ctx.tog("metric");
      const rows = await ctx.rows(this.dataset, { metric });
      const { lang } = ctx;
      const unit = metric === "netizens_100m" ? "100m" : "pct";
      const first = rows[0];
      const last = rows.at(-1);
      const years = (last.x - first.x) / (365.25 * 864e5);
      const rate = await ctx.wasm("cagr", first.value, last.value, years);
      return {
        kind: "line",
        xType: "time",
        unit,
        rows: pts(rows),
        description: L(
          lang,
          `${fmt.month(first.date, lang)}为${fmt.value(first.value, unit, lang)}，${fmt.month(last.date, lang)}为${fmt.value(last.value, unit, lang)}（年均复合${fmt.value(rate, "frac", lang, { digits: 1 })}）；2015与2020年为报告公布值，其余为 CNNIC 外部统计。`,
          `${fmt.value(first.value, unit, lang)} in ${fmt.month(first.date, lang)}, ${fmt.value(last.value, unit, lang)} in ${fmt.month(last.date, lang)} (${fmt.value(rate, "frac", lang, { digits: 1 })} a year compounded); 2015 and 2020 are printed in the report, the rest are CNNIC statistics (external).`,
        ),
        table: { columns: tidyColumns(unit), rows },
      };
    },
  },
  {
    id: "city-types",
    section: "smartcity",
    dataset: "city_types_2021",
    title: T("不同类型城市名单（数字政府评估）", "City types in the digital-government assessment"),
    unit: "count",
    async prepare(ctx) {
      const rows = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const g = await ctx.wasm(
        "groupBy",
        rows.map((r) => r.city_type),
        Float64Array.from(rows, () => 1),
      );
      return {
        kind: "bar",
        horizontal: true,
        unit: "count",
        marginLeft: lang === "zh" ? 100 : 190,
        colorBy: "x",
        order: g.keys,
        tickName: (v) => name(v, lang),
        rows: g.keys.map((k, i) => ({ x: k, y: g.count[i], series: k, provenance: "published" })),
        series: g.keys,
        legendKind: "derived",
        description: L(
          lang,
          `名单共${rows.length}项：${g.keys.map((k, i) => `${k}${g.count[i]}个`).join("、")}；副省级名单含苏州而缺西安（疑为原文错误），9个城市同时出现在副省级与省会名单中。`,
          `${rows.length} entries: ${g.keys.map((k, i) => `${name(k, lang)} ${g.count[i]}`).join(", ")}; the sub-provincial list includes Suzhou and omits Xi'an (probably a source error), and 9 cities appear in both the sub-provincial and capital lists.`,
        ),
        table: {
          columns: [
            { key: "city_type", label: T("城市类型", "City type"), type: "name" },
            { key: "order_in_list", label: T("列表顺序", "Order"), type: "num" },
            { key: "city", label: T("城市", "City"), type: "name" },
            col.prov(),
          ],
          rows,
        },
      };
    },
  },
  {
    id: "platform-levels",
    section: "smartcity",
    dataset: "provincial_platform_levels_2016_2020",
    title: T(
      "省级政府一体化政务服务平台的能力等级 2016–2020",
      "Provincial integrated government-service platforms by level, 2016–2020",
    ),
    unit: "count",
    async prepare(ctx) {
      const rows = await ctx.rows(this.dataset);
      const { lang } = ctx;
      const levels = distinct(rows.map((r) => r.category));
      const years = distinct(rows.map((r) => r.date.slice(0, 4)));
      return {
        kind: "bar",
        unit: "count",
        order: years,
        showLabels: false,
        rows: rows.map((r) => ({
          x: r.date.slice(0, 4),
          y: r.value,
          series: r.category,
          provenance: r.provenance,
        })),
        series: levels,
        legendSeries: levels,
        description: L(
          lang,
          "报告只说32个省级平台的能力“持续提升”、2019年起不再有低水平平台；各年的分级数量全部为重建值。",
          "The report says only that the 32 provincial platforms improved continuously and that no platform was at the low level from 2019; every yearly count is reconstructed.",
        ),
        table: { columns: tidyColumns("count", { category: true, dateType: "year" }), rows },
      };
    },
  },
  // 7 Claim check -------------------------------------------------------------------------------
  {
    id: "claims",
    section: "claims",
    dataset: "claims",
    title: T("报告论断核查", "Claims of the reports, checked"),
    unit: "count",
    tableOpen: true,
    toggles: [
      {
        key: "report",
        label: T("报告", "Report"),
        options: [
          { value: "all", ...T("全部", "All") },
          ...["001", "002", "003", "004"].map((r) => ({ value: r, zh: r, en: r })),
        ],
        default: "all",
      },
      {
        key: "verdict",
        label: T("结论", "Verdict"),
        options: [
          { value: "all", ...T("全部", "All") },
          { value: "matches", ...T("✓ 相符", "✓ matches") },
          { value: "differs", ...T("✗ 不符", "✗ differs") },
          { value: "not_computable", ...T("无法计算", "not computable") },
        ],
        default: "all",
      },
    ],
    async prepare(ctx) {
      const { rows: all } = await ctx.claims();
      const { lang } = ctx;
      const rep = ctx.tog("report");
      const ver = ctx.tog("verdict");
      const rows = all
        .filter(
          (r) =>
            (rep === "all" || r.report.startsWith(rep)) && (ver === "all" || r.verdict === ver),
        )
        .map((r) => ({ ...r, report: r.report.slice(0, 3), note: r.explanation ?? r.reason }));
      const disagree = all.filter((r) => r.expected && r.verdict !== r.expected).map((r) => r.id);
      const g = await ctx.wasm(
        "groupBy",
        rows.map((r) => `${r.report}|${r.verdict}`),
        Float64Array.from(rows, () => 1),
      );
      const verdictName = (v) =>
        ({
          matches: T("✓ 相符", "✓ matches"),
          differs: T("✗ 不符", "✗ differs"),
          not_computable: T("无法计算", "not computable"),
          error: T("出错", "error"),
        })[v]?.[lang] ?? v;
      const verdicts = ["matches", "differs", "not_computable", "error"].filter((v) =>
        all.some((r) => r.verdict === v),
      );
      const reports = distinct(all.map((r) => r.report.slice(0, 3))).sort();
      const counts = await ctx.wasm(
        "groupBy",
        all.map((r) => r.verdict),
        Float64Array.from(all, () => 1),
      );
      const cnt = (v) => counts.count[counts.keys.indexOf(v)] ?? 0;
      const diffs = all.filter((r) => r.verdict === "differs").map((r) => r.id);
      return {
        kind: "bar",
        horizontal: true,
        unit: "count",
        order: reports,
        marginLeft: 48,
        rowHeight: 30,
        rows: g.keys
          .map((k, i) => ({
            x: k.split("|")[0],
            y: g.count[i],
            v: k.split("|")[1],
            series: verdictName(k.split("|")[1]),
            provenance: "published",
          }))
          .sort((a, b) => verdicts.indexOf(a.v) - verdicts.indexOf(b.v)),
        series: verdicts.map(verdictName),
        legendSeries: verdicts.map(verdictName),
        showLabels: false,
        legendKind: "derived",
        description: L(
          lang,
          `${all.length}条论断中，${cnt("matches")}条与数据相符，${cnt("differs")}条不符（${diffs.join("、")}），${cnt("not_computable")}条无法从数据计算。结论由模块 checkClaims() 实时计算${disagree.length ? `；与数据集构建时的预期不同的有：${disagree.join("、")}` : "，与数据集构建时的预期结论全部一致"}。`,
          `Of ${all.length} claims, ${cnt("matches")} match the data, ${cnt("differs")} differ (${diffs.join(", ")}) and ${cnt("not_computable")} cannot be computed from data. Verdicts computed live by the module's checkClaims()${disagree.length ? `; different from the datasets build's expectation: ${disagree.join(", ")}` : ", all equal to the datasets build's expectation"}.`,
        ),
        table: {
          columns: [
            { key: "id", label: T("编号", "ID"), type: "text" },
            { key: "report", label: T("报告", "Report"), type: "text" },
            { key: "quote", label: T("原文", "Quote"), type: "text", wide: true },
            { key: "printed", label: T("所印数值", "Printed"), type: "text" },
            { key: "unit", label: T("单位", "Unit"), type: "text" },
            { key: "value", label: T("重算值", "Recomputed"), type: "numOrText" },
            {
              key: "verdict",
              label: T("结论（实时）", "Verdict (live)"),
              type: "verdict",
            },
            { key: "difference", label: T("差", "Difference"), type: "num" },
            { key: "note", label: T("说明", "Note"), type: "text" },
            { key: "assumption", label: T("假设", "Assumption"), type: "text" },
          ],
          rowId: (r) => `claim-${r.id}`,
          rows,
        },
      };
    },
  },

  // 8 Consistency -------------------------------------------------------------------------------
  {
    id: "consistency",
    section: "consistency",
    dataset: "consistency",
    title: T("报告数据一致性核查", "Arithmetic consistency of the reports' own figures"),
    unit: "pct",
    tableOpen: true,
    toggles: [
      {
        key: "filter",
        label: T("范围", "Show"),
        options: [
          { value: "all", ...T("全部核查", "All checks") },
          { value: "contradictions", ...T("只看矛盾", "Contradictions only") },
        ],
        default: "contradictions",
      },
    ],
    async prepare(ctx) {
      const all = (await ctx.table(this.dataset)).rows;
      const { lang } = ctx;
      const f = ctx.tog("filter");
      const rows = f === "all" ? all : all.filter((r) => r.is_contradiction);
      const numeric = rows.filter(
        (r) => Number.isFinite(r.printed) && Number.isFinite(r.recomputed) && r.recomputed !== 0,
      );
      const rel = await ctx.batch(numeric.map((r) => ["growth", [r.recomputed, r.printed], 1]));
      const nC = all.filter((r) => r.is_contradiction).length;
      const withRel = rows.map((r) => {
        const i = numeric.indexOf(r);
        return { ...r, rel: i >= 0 ? rel[i][1] * 100 : NaN };
      });
      return {
        kind: "bar",
        horizontal: true,
        unit: "pct",
        rowHeight: 20,
        marginLeft: 48,
        labelDigits: 2,
        rows: numeric.map((r, i) => ({
          x: r.check_id,
          y: rel[i][1] * 100,
          series: r.is_contradiction ? "contradiction" : "ok",
          provenance: "published",
        })),
        series: ["contradiction", "ok"],
        legendSeries: f === "all" ? ["contradiction", "ok"] : null,
        seriesNames: {
          contradiction: T("矛盾", "contradiction"),
          ok: T("一致或可解释", "consistent or explained"),
        },
        legendKind: "derived",
        description: L(
          lang,
          `${all.length}项核查中${nC}项是矛盾（原文错误、文字冲突或与外部来源冲突）。图中为数值型核查的“所印 ÷ 重算 − 1”（模块 growth() 计算）；例如全国均分所印57.4，22城总分之和÷22为57.32。`,
          `${nC} of ${all.length} checks are contradictions (slips, conflicting text, or conflicts with outside sources). The chart shows printed ÷ recomputed − 1 for the numeric checks (module growth()); e.g. the national mean is printed 57.4 while the 22 totals give 57.32.`,
        ),
        table: {
          columns: [
            { key: "check_id", label: T("编号", "ID"), type: "text" },
            { key: "report", label: T("报告", "Report"), type: "text" },
            { key: "item", label: T("项目", "Item"), type: "text" },
            { key: "stated", label: T("报告所述", "Stated"), type: "text" },
            { key: "printed", label: T("所印", "Printed"), type: "num" },
            { key: "recomputed", label: T("重算", "Recomputed"), type: "num" },
            { key: "rel", label: T("相对差 %", "Relative difference %"), type: "num", unit: "pct" },
            { key: "arithmetic", label: T("算式", "Arithmetic"), type: "text" },
            { key: "evidence", label: T("依据", "Evidence"), type: "text" },
            { key: "verdict", label: T("结论", "Verdict"), type: "text" },
            { key: "is_contradiction", label: T("矛盾", "Contradiction"), type: "text" },
          ],
          rows: withRel,
        },
      };
    },
  },
];

// Reading order within sections (the array above groups charts by how they are built).
const ORDER = [
  "ov-base",
  "jg-trend",
  "jg-ratio",
  "jg-tiers",
  "jg-provinces",
  "jg-demo",
  "railway-12306-monthly",
  "rw-first-tier",
  "sg-stl",
  "sg-provinces",
  "sg-hourly",
  "fuel-trend",
  "fuel-yoy",
  "iit-trend",
  "iit-penetration",
  "iit-tiers",
  "iit-demo",
  "gov-top20",
  "ysf-provinces",
  "ysf-profile",
  "bank-trend",
  "bank-hourly",
  "caict-2017",
  "features-2017",
  "scores-2017",
  "weights-2017",
  "regions-2017",
  "egdi",
  "netizens",
  "city-types",
  "platform-levels",
  "claims",
  "consistency",
];

export function chartsOf(section) {
  return CHARTS.filter((c) => c.section === section).sort(
    (a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id),
  );
}

export function byId(id) {
  return CHARTS.find((c) => c.id === id);
}
