// Section "claims" (Claim check): its chart declarations in reading order.

import { claimUnit, same, term, title } from "../i18n.js";
import { distinct } from "../view.js";

// The five source reports by a short name (catalog sources give the full titles).
const REPORT_NAMES = {
  "000": term("report000"),
  "001": term("report001"),
  "002": term("report002"),
  "003": term("report003"),
  "004": term("report004"),
};

// What kind of check a verdict is (claims.arrow check_kind, from checkClaims as checkKind).
const CHECK_KIND = {
  independent: term("independent"),
  read_back: term("readBack"),
  by_construction: term("byConstruction"),
  not_computable: term("notComputable"),
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
        label: term("report"),
        options: [
          { value: "all", label: term("all") },
          ...["001", "002", "003", "004"].map((r) => ({ value: r, label: same(r) })),
        ],
        default: "all",
      },
      {
        key: "verdict",
        label: term("verdict"),
        options: [
          { value: "all", label: term("all") },
          { value: "matches", label: term("matches") },
          { value: "differs", label: term("differs") },
          { value: "not_computable", label: term("notComputable") },
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
          matches: term("matches"),
          differs: term("differs"),
          not_computable: term("notComputable"),
          error: term("error"),
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
            { key: "id", label: term("id"), type: "text" },
            { key: "report", label: term("report"), type: "text" },
            { key: "quote", label: term("quote"), type: "text", wide: true, lang: "zh-CN" },
            { key: "printed", label: term("printed"), type: "text" },
            { key: "unit", label: term("unit"), type: "text" },
            { key: "value", label: term("recomputed"), type: "numOrText" },
            {
              key: "verdict",
              label: term("verdictLive"),
              type: "verdict",
            },
            { key: "kind", label: term("kindOfCheck"), type: "text" },
            { key: "difference", label: term("difference"), type: "num" },
            // The evaluator's explanations and assumptions are English build text: English page
            // only (issue 11).
            ...(lang === "en"
              ? [
                  { key: "note", label: term("note"), type: "text" },
                  { key: "assumption", label: term("assumption"), type: "text" },
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
