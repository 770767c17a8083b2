// Section "claims" (Claim check): its chart declarations in reading order.

import { claimUnit, title } from "../i18n.js";
import { distinct } from "../view.js";
import { T } from "./common.js";

// The five source reports by a short name (catalog sources give the full titles).
const REPORT_NAMES = {
  "000": T("艾瑞 2023 城市APP（摘要）", "iResearch 2023 city apps (summary)"),
  "001": T("艾瑞 2023 城市APP", "iResearch 2023 city apps"),
  "002": T("信通院 政务APP", "CAICT gov. apps"),
  "003": T("国脉 2017 评价", "Guomai 2017 ranking"),
  "004": T("艾瑞 2021 智慧城市", "iResearch 2021 smart city"),
};

// What kind of check a verdict is (claims.arrow check_kind, from checkClaims as checkKind).
const CHECK_KIND = {
  independent: T("独立重算", "independent"),
  read_back: T("回读原数", "read back"),
  by_construction: T("按构造相符", "by construction"),
  not_computable: T("无法计算", "not computable"),
};

export default [
  {
    id: "claims",
    section: "claims",
    dataset: "claims",
    title: title("claims"),
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
        .map((r) => ({
          ...r,
          report: r.report.slice(0, 3),
          note: r.explanation ?? r.reason,
          unit: claimUnit(r.unit, lang),
          kind: CHECK_KIND[r.checkKind]?.[lang] ?? "—",
        }));
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
      const diffs = all.filter((r) => r.verdict === "differs").map((r) => r.id);
      // The tally by kind of check, and by verdict within each kind.
      const kinds = {};
      for (const r of all) {
        const key = r.checkKind ?? "not_computable";
        kinds[key] ??= { n: 0, matches: 0, differs: 0 };
        const k = kinds[key];
        k.n++;
        if (r.verdict === "matches") k.matches++;
        if (r.verdict === "differs") k.differs++;
      }
      return {
        kind: "bar",
        horizontal: true,
        unit: "count",
        order: reports,
        // Reports by a short name, not their file numbers (the table keeps the number).
        tickName: (r) => REPORT_NAMES[r]?.[lang] ?? r,
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
        // The independent checks lead: a read-back or a match by construction proves nothing.
        description: ctx.say(this.id, { total: all.length, kinds, diffs, disagree }),
        table: {
          columns: [
            { key: "id", label: T("编号", "ID"), type: "text" },
            { key: "report", label: T("报告", "Report"), type: "text" },
            { key: "quote", label: T("原文", "Quote"), type: "text", wide: true, lang: "zh-CN" },
            { key: "printed", label: T("所印数值", "Printed"), type: "text" },
            { key: "unit", label: T("单位", "Unit"), type: "text" },
            { key: "value", label: T("重算值", "Recomputed"), type: "numOrText" },
            {
              key: "verdict",
              label: T("结论（实时）", "Verdict (live)"),
              type: "verdict",
            },
            { key: "kind", label: T("核查方式", "Kind of check"), type: "text" },
            { key: "difference", label: T("差", "Difference"), type: "num" },
            // The evaluator's explanations and assumptions are English build text: English page
            // only (issue 11).
            ...(lang === "en"
              ? [
                  { key: "note", label: T("说明", "Note"), type: "text" },
                  { key: "assumption", label: T("假设", "Assumption"), type: "text" },
                ]
              : []),
          ],
          rowId: (r) => `claim-${r.id}`,
          rows,
        },
      };
    },
  },
];
