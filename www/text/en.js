// The English text layer: every string the page writes in English. UI strings, units,
// provenance names, error explanations, English names of the Chinese data labels (places,
// apps, indicators) and the names of the consistency checks; chart sentences are functions of
// computed facts (sentences.en.js). A name that keeps its Chinese original (apps) is shown with
// lang="zh-CN" on the original (lang-mark.js).

export const ui = {
  legendDerived: "computed from the reports' published figures (by the module)",
  datasetUnit: "; dataset unit: {unit}",
  nav_overview: "1 Overview",
  nav_transport: "2 Transport",
  nav_infrastructure: "3 Infrastructure",
  nav_finance: "4 Finance",
  nav_gov2017: "5 Gov apps 2017",
  nav_smartcity: "6 Smart cities",
  nav_claims: "7 Claim check",
  nav_consistency: "8 Consistency",
  nav_own: "9 Your file",
  pageTitle: "Civic Pulse · City public-service apps",
  h1: "Civic Pulse · China's city public-service apps",
  lede: "交管12123 (traffic police), 铁路12306 (rail tickets), 网上国网 (State Grid), 个人所得税 (income tax), 云闪付 (UnionPay) and local government apps: the charts and figures of five published reports, made explorable and checkable.",
  langSwitch: "中文",
  langSwitchLabel: "Switch to Chinese",
  toc: "Contents",
  skip: "Skip to content",
  legendPublished: "published in a report",
  legendExternal: "external statistic (not report data)",
  legendReconstructed: "reconstructed (a shape drawn to the report's constraints, not data)",
  legendPublishedBar: "published in a report",
  source: "Source",
  sourceReports: "the five reports this site covers",
  unit: "Unit",
  dataTable: "Data table",
  downloads: "Download & share",
  csv: "CSV",
  arrow: "Arrow (whole dataset)",
  arrowSlice: "Arrow (these rows)",
  embed: "Embed code",
  embedIframe: "iframe code (add resize.js once for automatic height)",
  embedComponent: "Web component: one script tag and one element",
  embedCopy: "Copy",
  embedCopied: "Embed code copied",
  embedCopyFailed: "No clipboard access: the code is selected, press Ctrl+C (⌘C) to copy",
  embedOpenReport: "Open in the full Civic Pulse report",
  staticNote:
    "Static picture (made at build time); with JavaScript the chart is interactive: views, a sortable table, downloads.",
  png: "PNG",
  svg: "SVG",
  permalink: "Permalink",
  copied: "Link copied",
  copyFailed: "Link ready to copy",
  loading: "Computing…",
  failed: "This chart could not be drawn: ",
  hashMismatch:
    "Note: this link was made for dataset SHA-256 {a}, the page now has {b}; the figures may have been updated.",
  hashOk: "The dataset matches the link (SHA-256 {a}…).",
  footer:
    "Data: data/catalog.json lists every Arrow IPC dataset with its SHA-256. All computation runs in your browser in the WebAssembly module; the page makes no request to any other host.",
  catalog: "Data catalogue",
  sortBy: "Sort by this column",
  filterReport: "Report",
  filterVerdict: "Verdict",
  all: "All",
  verdict_matches: "✓ matches",
  verdict_differs: "✗ differs",
  verdict_not_computable: "not computable",
  verdict_error: "error",
  claimsLive: "Verdicts computed live by the WebAssembly module's checkClaims().",
  claimsExpected:
    "This build has no live claim evaluator yet: the table shows the verdicts precomputed by the datasets build (the expected column of claims.arrow), not a computation made on this page.",
  rowsShown: "Showing {n} of {total}",
  contradictionsOnly: "Contradictions only",
  headline: "Headlines",
  checkLink: "see claim check",
  printed: "printed",
  recomputed: "recomputed",
  difference: "difference",
  colId: "ID",
  colReport: "Report",
  colQuote: "Quote",
  colSubject: "Subject",
  colPrinted: "Printed",
  colRecomputed: "Recomputed",
  colVerdict: "Verdict",
  colReason: "Note",
  colItem: "Item",
  colStated: "Stated",
  colArithmetic: "Arithmetic",
  colEvidence: "Evidence",
  ownOpen: "Choose an Arrow IPC file",
  ownDrop: "or drop a file here",
  ownDate: "Date column",
  ownEntity: "Entity column (optional)",
  ownValue: "Value column",
  ownPick: "Entity",
  ownNone: "(no grouping)",
  ownRun: "Analyse",
  ownPeriod: "Seasonal period",
  ownRead: "Read {name}: {rows} rows, {cols} columns.",
  ownPrivacy: "Your file is read and analysed in your browser only; it is never uploaded.",
  ownGrowth: "Growth",
  ownStl: "STL decomposition",
  ownTier: "Breakdown by group",
  ownNoStl: "Too few points for a seasonal decomposition (at least two full periods are needed).",
  ownNoDate: "No usable date column.",
  ownNoValue: "No numeric column.",
  ownColumns: "Columns",
  toggles: "View",
};

export const errors = {
  invalid_ipc:
    "This is not a valid Arrow IPC file (it may be damaged, cut short, or another format such as CSV or Parquet).",
  unsupported_type: "The file is valid Arrow but has a column type this page cannot read.",
  no_such_column: "The chosen column does not exist.",
  schema_mismatch: "The file's columns do not have the expected structure.",
  missing_values: "The chosen values have gaps, so they cannot be decomposed.",
  too_short: "Too few data points for this computation.",
  invalid_argument: "An argument was not valid.",
  unknown: "The computation failed.",
};

/** The unit line under a chart title, by format.js unit key. */
export const unitLines = {
  "10k": "Unit: devices (the dataset counts in units of 10,000)",
  "100m": "Unit: people (the dataset counts in units of 100 million)",
  "100m-printed": "Unit: monthly users or devices",
  pct: "Unit: %",
  pp: "Unit: percentage points",
  ratio: "Unit: × January 2020",
  index: "Unit: index",
  points: "Unit: points",
  count: "Unit: count",
};

/** A unit as a table column header adds it. */
export const unitHeads = {
  "10k": "×10,000 devices",
  "100m": "×100 million",
  pct: "%",
  pp: "pp",
  ratio: "×",
  points: "points",
  count: "count",
};

/** Short names of the consistency checks (consistency.arrow check_id) for chart labels. */
export const checks = {
  K01: "Weights, table 1 vs 3",
  K02: "National mean score",
  K03: "East mean score",
  K04: "Central mean score",
  K05: "West mean score",
  K06: "User-experience rate",
  K08: "Operation mean (text: 14.1)",
  K09: "Operation national mean",
  K10: "Operation rate, east",
  K12: "Service supply mean, east",
  K19: "Apps updated late",
  K20: "QR-code coverage",
  K21: "Not in main channels",
  K23: "Income-tax peak penetration",
  K25: "State Grid top-5 share",
  K32: "Full-service apps share",
  K33: "Mobile web access share",
  K34: "4G users",
  K36: "Online Service Index rank",
  K39: "Sub-provincial cities",
  K40: "Provincial capitals",
  K42: "Netizens, 2020",
};

/** The claims' units: the English ones are the page's own. */
export const claimUnits = {};

/** The reader's word for a provenance. */
export const provenance = {
  published: "published",
  external: "external",
  reconstructed: "reconstructed",
};

import { helpers } from "./facts.js";
import { names } from "./names.en.js";

/** Labels of the chart declarations (toggles, options, table columns, series), by key. */
export { terms } from "./terms.en.js";
export { names };

const h = helpers("en", names, provenance);

/** The report's sections: title and paragraphs, by section id (content.js gives the order). */
export const sections = {
  overview: {
    title: "1 Overview: public services on about 1.39 billion devices",
    text: [
      "By the end of 2023 China's mobile internet had held at about 1.39 billion monthly unique devices for several months: overall traffic had stopped growing. City infrastructure and public-service apps were still growing fast. iResearch credits the “super-app strategy”: one official app that bundles a whole domain's services.",
      "These apps matter because they carry errands, not entertainment: driving licences and vehicle paperwork, train tickets, electricity bills, the annual income-tax settlement, local government services. The State Council's 2021 guideline required every province and ministry to connect its mobile services to the national platform by the end of 2022.",
      "The report groups the apps into three sectors: transport (交管12123, 铁路12306), infrastructure (网上国网, 中油好客e站, 易捷加油) and finance and public services (个人所得税, local government apps, 云闪付, the state banks). This page adds the 2017 evaluation of government-service apps and the context figures of a 2021 smart-city report.",
      "How to read the charts: most of the reports' charts are pictures without numbers. Dashed lines and hatched bars are reconstructed values — series rebuilt here to satisfy the constraints the reports' words and pictures set; they show a shape, they are not data. Solid lines and filled dots are figures the reports print; hollow dots are external statistics. Every chart has a data table, downloads and a permalink.",
    ],
  },
  transport: {
    title: "2 Transport: 交管12123 and 铁路12306",
    text: [
      "交管12123 is the Ministry of Public Security's traffic-services app, launched at the end of 2015; 27 services in six modules (vehicles, licences, accidents…) can be done on a phone. In 2023 it added video handling of minor accidents; monthly active users peaked above 140 million and December's user base was about 1.9 times January 2020's. Guangdong, Hunan and Sichuan have most users — Guangdong is the only province above 10 million; among users, men, the married and those aged 40 or under are each the largest group; the shares of tier-4 and tier-5 cities rose by 0.6 and 1.5 percentage points.",
      "铁路12306 is the only official way to buy train tickets on a phone (since the end of 2013) and is turning from a ticket office into a whole-journey service. In the 2023 travel boom its traffic reached an all-time high of 119 million in September; in Beijing, Shanghai and Shenzhen usage peaked in April and September.",
    ],
  },
  infrastructure: {
    title: "3 Infrastructure: State Grid and fuel apps",
    text: [
      "网上国网 is State Grid's online service app, built since 2018. Its traffic is seasonal: spring is the low season with a slow climb to a first-half peak in June; summer demand for electricity keeps usage high. Below, STL (seasonal-trend decomposition by loess) splits the monthly series into trend, seasonal and remainder; a toggle shows the seasonally adjusted series. The five provinces with most users in December — Shandong, Sichuan, Hebei, Henan, Shanxi — hold 36.8 %; usage peaks at 10:00 and 15:00.",
      "The two oil companies' fuel apps grow too: 中油好客e站 has over 7 million monthly users and 易捷加油 grew more than 30 % year on year. The report prints only these bounds; the curves are reconstructed.",
    ],
  },
  finance: {
    title: "4 Finance and public services: income tax, local government, UnionPay, state banks",
    text: [
      "The income-tax app follows the annual settlement: 180 million devices in March 2023, in the settlement season; the 2023 peak penetration of 13.0 % is five percentage points above the 2020 peak. Users are about 60 % men, 38.3 % are 25–35, and new-tier-1 plus tier-2 cities hold over 40 %.",
      "Among local government apps, Fujian's 闽政通 leads with 17.968 million monthly devices, about 2.2 times the second, 浙里办; the table sorts by any column; its 6-month compound growth is as printed in the report. 云闪付 (UnionPay) reaches 11.5 % of the payment industry, with most users in Hunan; the six state banks' apps grew steadily (the report prints no values and lists them in no order), and four of them (Agricultural Bank, ICBC, China Construction Bank, Bank of China) are busiest at 11:00 and 17:00.",
    ],
  },
  gov2017: {
    title: "5 Government-service apps (2017)",
    text: [
      "CAICT counted 2,393 government-service apps in China at the end of November 2017, over 80 % of them at prefecture or county level. The same year 国脉研究院 evaluated the apps of 22 cities on three level-1 indicators (user experience, operation, service supply), 11 level-2 indicators and an innovation bonus: Hangzhou ranked first with 82, then Nanjing (81) and Ningbo (74).",
      "The report is not always consistent with itself: table 1's header and table 3 give different weights (35/40 vs 30/45); with the inferred east/central/west assignment 11 of its 13 regional means reproduce, and the national mean is printed 57.4 while the 22 totals give 57.32. See sections 7 and 8.",
    ],
  },
  smartcity: {
    title: "6 Smart-city context",
    text: [
      "The 2021 smart-city platform report sets the scene: China's UN E-Government Development Index rose from 0.47 in 2010 to 0.7948 in 2020, into the “very high” group; netizens grew from 688 million in 2015 to 989 million in 2020, an internet penetration of 70.4 %. The digital-government assessment groups cities into sub-provincial cities, provincial capitals and other large and medium cities.",
    ],
  },
  claims: {
    title: "7 Claim check",
    text: [
      "Every numeric claim of the five reports: the quote, the printed figure, the value recomputed from the datasets, and ✓ or the difference. Claims that cannot be computed from data (policy facts, dates, self-descriptions) say why. Filter by report and verdict.",
    ],
  },
  consistency: {
    title: "8 Where the reports disagree with themselves",
    text: [
      "Arithmetic checks within and across the reports: the printed figure, the recomputed figure and the arithmetic. Rows marked as contradictions are slips or conflicting statements in the sources; the others are kept for context.",
    ],
  },
  own: {
    title: "9 Analyse your own file",
    text: [
      "Open or drop an Arrow IPC file (file or stream format), pick the date, entity and value columns, and get growth, an STL decomposition and a breakdown by group. The file is read by the WebAssembly module in your browser only; errors are explained in plain words and the rest of the page keeps working.",
    ],
  },
};

/** The charts' titles, by chart id. */
export const titles = {
  claims: "Claims of the reports, checked",
  consistency: "Arithmetic consistency of the reports' own figures",
  "iit-trend": "个人所得税 (income tax) app monthly unique devices",
  "iit-penetration": "个人所得税 app penetration of the mobile internet",
  "iit-tiers": "个人所得税 users by city tier (Dec 2023)",
  "gov-top20": "Top-20 local government apps (Dec 2023)",
  "ysf-profile": "云闪付: payment penetration, white-collar share, exclusive users (Dec 2023)",
  "bank-trend":
    "Mobile-banking apps of the six state banks: one shared illustrative index (no level, no ranking)",
  "bank-hourly": "Four state banks' apps: active users by hour (Dec 2023)",
  "caict-2017": "Government-service apps in China (end of Nov 2017)",
  "features-2017": "The 22 evaluated apps: download channels, smart features, operations (2017)",
  "scores-2017": "2017 city mobile-government scores: 22 cities",
  "weights-2017": "2017 evaluation indicator weights",
  "regions-2017": "2017 mean scores of eastern, central and western cities",
  "sg-stl": "网上国网 monthly devices and STL decomposition",
  "sg-hourly": "网上国网 active users by hour of day (Dec 2023)",
  "fuel-trend": "中油好客e站 and 易捷加油 monthly active devices",
  "fuel-yoy": "易捷加油 year-on-year growth of monthly devices",
  "ov-peaks": "Three national public-service apps at their printed peaks (2023)",
  "ov-base": "Monthly unique devices on China's mobile internet (the penetration base)",
  egdi: "China's UN E-Government Development Index (EGDI) and rank, 2010–2020",
  netizens: "Chinese netizens and internet penetration, 2015–2021",
  "city-types": "City types in the digital-government assessment",
  "platform-levels": "Provincial integrated government-service platforms by level, 2016–2020",
  "jg-trend": "交管12123 monthly active devices",
  "jg-ratio": "交管12123 relative to January 2020",
  "jg-tiers": "交管12123 users by city tier: 2022 → 2023",
  "jg-provinces": "交管12123: the six provinces with most users (Dec 2023)",
  "railway-12306-monthly": "铁路12306 monthly unique devices",
  "rw-first-tier": "铁路12306 users in the four first-tier cities (2023)",
  "iit-demo": "个人所得税 user profile (Dec 2023)",
  "jg-demo": "交管12123 user profile (Dec 2023)",
  "ysf-provinces": "云闪付 users by province, top 15 (Dec 2023)",
  "sg-provinces": "网上国网 users by province, top 5 (Dec 2023)",
};

/**
 * The charts' sentences, by chart id: functions of the facts the chart computed (points with
 * their provenance and qualifier, module results). A reconstructed value is never said.
 */
/** "交管12123 peaked at 119M in Sep 2023 (published)"; a reconstructed peak is not said. */
function peakEn(who, r) {
  if (!r) return "";
  const v = h.said(r, "10k");
  if (v == null)
    return `${who}${who ? ": " : ""}monthly values reconstructed; the report prints no peak`;
  return `${who}${who ? " " : ""}peaked at ${v} in ${h.month(r.date)} (${h.prov(r.provenance)})`;
}

export const say = {
  "ov-peaks": ({ rows }) =>
    `The peaks the report prints for 2023: ${h.list(rows.map((r) => `${h.name(r.entity)} ${h.said(r, "100m")}`))} (all published values; each is a claim in the claim check).`,
  "ov-base": ({ last }) => {
    const v = h.said(last, "10k");
    return v
      ? `China's mobile internet counted ${v} monthly unique devices in ${h.month(last.date)} (${h.prov(last.provenance)}); the report calls overall traffic near saturation. The other months are reconstructed.`
      : "The report calls overall traffic near saturation; the curve is reconstructed.";
  },
  // Section 2: transport.
  "jg-trend": ({ mode, peak }) =>
    mode === "level"
      ? `${peakEn("交管12123", peak)}; the report prints only “peak above 140 million” and ratios, so every monthly value is reconstructed.`
      : `${mode === "yoy" ? "Year-on-year" : "Month-on-month"} growth computed from the reconstructed monthly values: a shape, not data; the report prints only “peak above 140 million” and ratios.`,
  "jg-ratio": ({ last, ratio }) =>
    `In ${h.month(last.date)} the user base was ${h.value(ratio, "ratio")} its January 2020 level (the report: about 1.9×).`,
  "jg-tiers": ({ printed }) => {
    const ups = printed.length
      ? printed.map((d) => `${h.name(d.tier)} ${h.value(d.pp, "pp")}`).join(", ")
      : null;
    return `The report says the shares of tier-4 and tier-5 cities rose by 0.6 and 1.5 percentage points in 2023${ups ? `; printed changes: ${ups}` : ""}. The tier shares are reconstructed and carry no value labels.`;
  },
  "jg-provinces": ({ rows }) => {
    const printed = h.printedList(rows, "10k", (r) => h.name(r.entity));
    return `Guangdong, Hunan and Sichuan rank first to third; Guangdong is the only province above 10 million. ${
      printed
        ? `Printed in the report: ${printed}; the rest are reconstructed.`
        : "The provincial values are reconstructed; the report prints none."
    }`;
  },
  profile: ({ app, top }) =>
    !top
      ? `No data on this dimension for ${app}.`
      : h.said(top, "pct")
        ? `Among ${app} users, ${h.name(top.category)} is the largest group at ${h.said(top, "pct")} (${h.prov(top.provenance)}).`
        : `The report says ${h.name(top.category)} is the largest group of ${app} users; the values of this dimension are reconstructed and carry no labels.`,
  "railway-12306-monthly": ({ peak }) =>
    `铁路12306 ${peakEn("", peak)}. The 2023 travel boom lifted traffic to its all-time high.`,
  "railway-peak-label": ({ value }) => `all-time high ${h.value(value, "10k")}`,
  "rw-first-tier": ({ peaks }) =>
    `Local peaks (computed by the module's peaks()): ${peaks.map((p) => `${h.name(p.city)}: ${h.list(p.months.map((m) => h.monthName(m)))}`).join("; ")}. The report says Beijing, Shanghai and Shenzhen peak in April and September and Beijing and Shanghai move together; all values are reconstructed.`,
  // Section 3: infrastructure.
  "sg-stl": ({ printedOnly, seasonalStrength, trendStrength, peakMonth, lowMonth }) =>
    printedOnly
      ? `STL (12-month period, computed by the module): seasonal strength ${h.value(seasonalStrength, "index", { digits: 2 })}, trend strength ${h.value(trendStrength, "index", { digits: 2 })}; the seasonal component is highest in ${h.monthName(peakMonth)} and lowest in ${h.monthName(lowMonth)}.`
      : "STL (12-month period, computed by the module) splits the curve into trend, seasonal and remainder; the curve is reconstructed, so the split shows a shape and gives no figures. The report: spring is the low season, June the first-half peak, summer demand keeps usage high.",
  provinces: ({ first, hi, perDevice }) =>
    `${h.name(first.province)} leads with ${h.value(first.unique_devices_2023_12_10k, "10k")}; the highest TGI is ${h.name(hi.province)} (${hi.TGI}; above 100 means the province is over-represented against the base population). ${perDevice ? "Hunan and Jiangsu both print TGI 119.6; the report does not define the TGI base." : "The top five hold 36.8 % of all users."}`,
  "sg-hourly": ({ hours }) =>
    `${hours.length} daily peaks: ${h.list(hours.map((x) => `${String(x).padStart(2, "0")}:00`))} (module peaks(); the report says 10:00 and 15:00; the profile is reconstructed).`,
  "fuel-trend": ({ peaks }) =>
    `${peaks.map(([ent, p]) => peakEn(h.name(ent), p)).join("; ")}. The report prints only bounds (“over 7 million”, “over 30 % year on year”); the curves are reconstructed.`,
  // The monthly values are reconstructed: neither they nor growth computed from them is said.
  "fuel-yoy": () =>
    "The report says 易捷加油 grew more than 30 % year on year; each month's growth here is computed from reconstructed values (module growth()) and shows a shape, not data.",
  "fuel-yoy-month": ({ date }) => h.month(date.toISOString()),
  // Section 4: finance and public services.
  "iit-trend": ({ rows }) => {
    const list = h.printedList(rows, "10k", (r) => h.month(r.date));
    return list
      ? `Monthly values printed in the report: ${list} (the tax-settlement season); the other months are reconstructed.`
      : "The report prints no monthly value; the curve is reconstructed.";
  },
  "iit-penetration": ({ rows, p20, p23, pp }) => {
    if (h.said(p20, "pct") && h.said(p23, "pct"))
      return `Peak penetration rose from ${h.said(p20, "pct", { digits: 1 })} in ${h.month(p20.date)} to ${h.said(p23, "pct", { digits: 1 })} in ${h.month(p23.date)}, ${h.value(pp, "pp")} (the report: “five percentage points”).`;
    const list = h.printedList(rows, "pct", (r) => h.month(r.date));
    return `The report says peak penetration rose by “five percentage points”${list ? `; printed: ${list}` : ""}; the other months are reconstructed. The table's “recomputed” column is app devices ÷ all devices, by the module.`;
  },
  "iit-tiers": ({ rows }) => {
    const printed = h.printedList(rows, "pct", (r) => h.name(r.category));
    return `The report says new-tier-1 and tier-2 cities together hold over 40 % of users. ${printed ? `Printed shares: ${printed}; the rest are reconstructed.` : "The tier shares are reconstructed."}`;
  },
  "gov-top20": ({ first, second, fastest, slowest }) =>
    `${h.name(first.app_name)} in ${h.name(first.region)} leads with ${h.value(first.monthly_unique_devices_2023_12_10k, "10k", { digits: 5 })} monthly devices, about ${h.value(first.monthly_unique_devices_2023_12_10k / second.monthly_unique_devices_2023_12_10k, "ratio", { digits: 1 })} the second, ${h.name(second.app_name)}. Fastest 6-month compound growth: ${h.name(fastest.app_name)} (${h.value(fastest.compound_growth_last_6_months_pct, "pct")}); slowest: ${h.name(slowest.app_name)} (${h.value(slowest.compound_growth_last_6_months_pct, "pct")}).`,
  "ysf-profile": () =>
    "云闪付 reaches 11.5 % of the payment industry; white-collar workers are its largest group (30.3 %); “close to four in ten” of its users do not use Alipay (the report's words; the table's value is reconstructed).",
  "bank-trend": ({ banks, shared }) =>
    shared
      ? `The report says the six state banks' apps grew steadily; it prints no value and lists them in no order. The one line is the illustrative index the six share (${h.list(banks.map(h.name))}; January 2020 = 1, reconstructed): it shows neither size, nor a difference in growth, nor ranking.`
      : "The report says the six state banks' apps grew steadily; it prints no value and lists them in no order. Each curve is an illustrative index of its own bank (January 2020 = 1, reconstructed); it shows neither size nor ranking.",
  "bank-hourly": () =>
    "The report says the apps of four banks (Agricultural Bank, ICBC, China Construction Bank and Bank of China) peak at 11:00 and 17:00; the hourly profiles are reconstructed.",
  // Section 5: government-service apps (2017).
  "caict-2017": ({ total }) =>
    `By the end of November 2017 China had ${total} government-service apps; 40 % prefecture-level, 41 % county-level, and 19 % provincial or central (derived as 100 − 40 − 41, reconstructed).`,
  "features-2017": () =>
    "Of the 22 evaluated apps, 20 are in Apple's App Store, 16 in the main Android stores and 13 cover all three leading channels; the smart-feature shares (read as a 27-item pie) are in the table.",
  "scores-2017": ({ top, mean }) =>
    `${h.name(top[0].city)} ranks first with ${top[0].total_score} points, then ${h.name(top[1].city)} (${top[1].total_score}) and ${h.name(top[2].city)} (${top[2].total_score}); the 22-city mean is ${h.value(mean, "index", { digits: 2 })} (printed: 57.4).`,
  "weights-2017": ({ sums }) =>
    `Level-2 weights sum to: ${sums.map(([k, v]) => `${h.name(k)} ${v}`).join(", ")}. Table 1's header prints 35/40 for operation/supply, table 3 prints 30/45; the level-2 sums support 30/45.`,
  "regions-2017": ({ groups }) =>
    `Means (module groupBy; the east/central/west assignment is inferred): ${groups.map((g) => `${h.name(g.key === "全国" ? "中国" : g.key)} ${h.value(g.mean, "index", { digits: 2 })} (${g.count} cities)`).join(", ")}.`,
  // Section 6: smart-city context.
  egdi: ({ metric, first, last, growth }) =>
    metric === "egdi"
      ? `The EGDI rose from ${first} in 2010 to ${last} in 2020 (+${h.value(growth * 100, "pct", { digits: 1 })}), entering the “very high” group (≥ 0.75); 2012–2018 values are external (UN surveys), the 2014 dip reflects a method change.`
      : `World rank moved from ${first} in 2010 to ${last} in 2020 (ranks are external data).`,
  netizens: ({ first, last, unit, rate }) =>
    `${h.value(first.value, unit)} in ${h.month(first.date)}, ${h.value(last.value, unit)} in ${h.month(last.date)} (${h.value(rate, "frac", { digits: 1 })} a year compounded); 2015 and 2020 are printed in the report, the rest are CNNIC statistics (external).`,
  "city-types": ({ n, groups }) =>
    `${n} entries: ${groups.map(([k, c]) => `${h.name(k)} ${c}`).join(", ")}; the sub-provincial list includes Suzhou and omits Xi'an (probably a source error), and 9 cities appear in both the sub-provincial and capital lists.`,
  "platform-levels": () =>
    "The report says only that the 32 provincial platforms improved continuously and that no platform was at the low level from 2019; every yearly count is reconstructed.",
  // Sections 7 and 8: the claim check and the consistency checks.
  claims: ({ total, kinds, diffs, disagree }) => {
    const k = (x) => kinds[x] ?? { n: 0, matches: 0, differs: 0 };
    const ind = k("independent");
    return `Of ${total} claims, ${ind.n} are checked independently (recomputed from other printed numbers or outside data): ${ind.matches} match, ${ind.differs} differ. ${k("read_back").n} more only read back the sentence's own number, ${k("by_construction").n} match by construction (the reconstruction was fitted to them) and ${k("not_computable").n} cannot be computed from data.${diffs.length ? ` Differing: ${diffs.join(", ")}.` : ""} Verdicts computed live by the module's checkClaims()${disagree.length ? `; different from the datasets build's expectation: ${disagree.join(", ")}` : ", all equal to the datasets build's expectation"}.`;
  },
  consistency: ({ total, contradictions }) =>
    `${contradictions} of ${total} checks are contradictions (slips, conflicting text, or conflicts with outside sources). The chart shows printed ÷ recomputed − 1 for the numeric checks (module growth()); e.g. the national mean is printed 57.4 while the 22 totals give 57.32.`,
};
