// The key findings shown under the headline, in reading order: each is one claim of the
// reports (its printed number and qualifier come from claims.arrow) with a short label per
// language. The number links to the claim's own row in the claim check.
import * as fmt from "../format.js";

export const FINDINGS = [
  {
    claim: "C0001",
    zh: "中国移动互联网月独立设备数，2023年末连续数月",
    en: "monthly devices, all of China's mobile internet, late 2023",
  },
  {
    claim: "C0009",
    zh: "交管12123 月活跃用户峰值，2023年",
    en: "traffic-police app: peak monthly users, 2023",
  },
  {
    claim: "C0022",
    zh: "铁路12306 历史峰值，2023年9月",
    en: "railway-ticket app: all-time peak, Sep 2023",
  },
  {
    claim: "C0045",
    zh: "个人所得税APP 历史峰值，2023年3月",
    en: "income-tax app: all-time peak, Mar 2023",
  },
];

const UNITS = [
  [/^亿/, "100m"],
  [/^万/, "10k"],
  [/^%/, "pct"],
];

/** The printed number of a claim in the reader's language, with its qualifier ("≈13.9亿"). */
export function findingNumber(printed, unit, qualifier, lang) {
  const u = UNITS.find(([re]) => re.test(unit ?? ""))?.[1];
  const v = Number(printed);
  return `${fmt.qualifier(qualifier)}${u && Number.isFinite(v) ? fmt.value(v, u, lang) : printed}`;
}
