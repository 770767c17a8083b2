// Section "smartcity" (Smart-city context): its charts in reading order.
import * as fmt from "../format.js";
import { name } from "../i18n.js";
import { distinct } from "../view.js";
import { col, L, pts, T, tidyColumns } from "./common.js";

export default [
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
          qualifier: r.qualifier ?? null,
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
];
