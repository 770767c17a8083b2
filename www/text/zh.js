// The Chinese text layer: every string the page writes in Chinese. UI strings, units,
// provenance names, error explanations and the names of the consistency checks live here; the
// sentences that describe charts are functions of the facts a chart computes (sentences.zh.js).
// The datasets are in Chinese, so data labels are their own names on this page.
import { helpers } from "./facts.js";

export const ui = {
  legendDerived: "由报告公布的数字计算（模块计算）",
  datasetUnit: "；数据集单位：{unit}",
  nav_overview: "1 概览",
  nav_transport: "2 交通",
  nav_infrastructure: "3 基础设施",
  nav_finance: "4 金融与公共服务",
  nav_gov2017: "5 政务APP 2017",
  nav_smartcity: "6 智慧城市",
  nav_claims: "7 论断核查",
  nav_consistency: "8 一致性",
  nav_own: "9 你的文件",
  pageTitle: "Civic Pulse · 城市公共服务APP报告",
  h1: "Civic Pulse · 城市公共服务APP",
  lede: "交管12123、铁路12306、网上国网、个人所得税、云闪付与地方政务APP：五份公开报告里的图表和数字，变成可交互、可核查的数据。",
  langSwitch: "English",
  langSwitchLabel: "切换到英文",
  toc: "目录",
  skip: "跳到正文",
  legendPublished: "报告公布值",
  legendExternal: "外部统计（非报告数据）",
  legendReconstructed: "重建值（按报告约束画出的形状，不是数据）",
  legendPublishedBar: "报告公布值",
  source: "来源",
  sourceReports: "本站收录的五份报告",
  unit: "单位",
  dataTable: "数据表",
  downloads: "下载与分享",
  csv: "CSV",
  arrow: "Arrow（整个数据集）",
  arrowSlice: "Arrow（本图数据行）",
  embed: "嵌入代码",
  embedIframe: "iframe 嵌入代码（可选 resize.js 自动调整高度）",
  embedComponent: "网页组件：一个脚本标签加一个元素",
  embedCopy: "复制",
  embedCopied: "嵌入代码已复制",
  embedCopyFailed: "无法访问剪贴板：代码已选中，请按 Ctrl+C（⌘C）复制",
  embedOpenReport: "在 Civic Pulse 完整报告中查看",
  staticNote: "静态图（构建时生成）；启用 JavaScript 后图表可交互：切换视图、排序数据表、下载。",
  png: "PNG",
  svg: "SVG",
  permalink: "永久链接",
  copied: "链接已复制",
  copyFailed: "已生成链接，可手动复制",
  loading: "正在计算…",
  failed: "无法绘制此图：",
  hashMismatch:
    "注意：此链接生成时的数据集（SHA-256 {a}）与现在的版本（{b}）不同，图中数字可能已更新。",
  hashOk: "数据集与链接一致（SHA-256 {a}…）。",
  footer:
    "数据：data/catalog.json 列出全部 Arrow IPC 数据集及其 SHA-256。所有计算在浏览器内由 WebAssembly 模块完成，页面不向任何第三方发出请求。",
  catalog: "数据目录",
  sortBy: "按此列排序",
  filterReport: "报告",
  filterVerdict: "结论",
  all: "全部",
  verdict_matches: "✓ 相符",
  verdict_differs: "✗ 不符",
  verdict_not_computable: "无法计算",
  verdict_error: "出错",
  claimsLive: "结论由 WebAssembly 模块的核算函数 checkClaims() 实时计算。",
  claimsExpected:
    "当前构建尚无实时核算函数：下表显示的是数据集构建时预先计算的结论（claims.arrow 的 expected 列），不是本页实时计算的结果。",
  rowsShown: "显示 {n} / {total} 条",
  contradictionsOnly: "只看矛盾",
  headline: "要点",
  checkLink: "见论断核查",
  printed: "报告所印",
  recomputed: "重新计算",
  difference: "差",
  colId: "编号",
  colReport: "报告",
  colQuote: "原文",
  colSubject: "对象",
  colPrinted: "所印数值",
  colRecomputed: "重算值",
  colVerdict: "结论",
  colReason: "说明",
  colItem: "项目",
  colStated: "报告所述",
  colArithmetic: "算式",
  colEvidence: "依据",
  ownOpen: "选择 Arrow IPC 文件",
  ownDrop: "或把文件拖到这里",
  ownDate: "日期列",
  ownEntity: "实体列（可选）",
  ownValue: "数值列",
  ownPick: "实体",
  ownNone: "（不分组）",
  ownRun: "分析",
  ownPeriod: "季节周期",
  ownRead: "已读取 {name}：{rows} 行，{cols} 列。",
  ownPrivacy: "文件只在你的浏览器里读取和计算，不会上传。",
  ownGrowth: "增长率",
  ownStl: "STL 分解",
  ownTier: "分组占比",
  ownNoStl: "数据点太少，无法做季节分解（至少需要两个完整周期）。",
  ownNoDate: "没有可用的日期列。",
  ownNoValue: "没有数值列。",
  ownColumns: "列",
  toggles: "视图",
};

export const errors = {
  invalid_ipc:
    "这不是有效的 Arrow IPC 文件（文件可能损坏、被截断，或是别的格式，例如 CSV 或 Parquet）。",
  unsupported_type: "文件是有效的 Arrow，但其中有本页无法读取的列类型。",
  no_such_column: "找不到所选的列。",
  schema_mismatch: "文件的列结构与要求不符。",
  missing_values: "所选数值中有缺失值，无法做季节分解。",
  too_short: "数据点太少，无法完成这项计算。",
  invalid_argument: "参数无效。",
  unknown: "计算出错。",
};

/** The unit line under a chart title, by format.js unit key. */
export const unitLines = {
  "10k": "单位：台（数据集以万台计）",
  "100m": "单位：人（数据集以亿计）",
  "100m-printed": "单位：月活跃用户或月独立设备",
  pct: "单位：%",
  pp: "单位：百分点",
  ratio: "单位：倍（2020年1月 = 1）",
  index: "单位：指数",
  points: "单位：分",
  count: "单位：个",
};

/** A unit as a table column header adds it. */
export const unitHeads = {
  "10k": "万台",
  "100m": "亿",
  pct: "%",
  pp: "百分点",
  ratio: "倍",
  points: "分",
  count: "个",
};

/** Short names of the consistency checks (consistency.arrow check_id) for chart labels. */
export const checks = {
  K01: "表1与表3的权重",
  K02: "全国总分均值",
  K03: "东部总分均值",
  K04: "中部总分均值",
  K05: "西部总分均值",
  K06: "用户体验得分率",
  K08: "平台运营均分（文中14.1）",
  K09: "平台运营全国均分",
  K10: "平台运营东部得分率",
  K12: "服务供给东部均分",
  K19: "更新不及时占比",
  K20: "二维码下载覆盖率",
  K21: "未覆盖主流渠道占比",
  K23: "个税渗透率峰值",
  K25: "网上国网TOP5合计占比",
  K32: "综合服务型APP占比",
  K33: "手机上网比例",
  K34: "4G用户数",
  K36: "在线服务指数排名",
  K39: "副省级城市数",
  K40: "省会城市数",
  K42: "2020年网民数",
};

/** The claims' units (claims.arrow `unit`, written in English where the report gives none). */
export const claimUnits = {
  apps: "个",
  "apps per domain": "个/领域",
  "apps per feature": "个/功能",
  areas: "个领域",
  banks: "家",
  bodies: "个机构",
  categories: "类",
  channels: "个渠道",
  cities: "个城市",
  codes: "个代码",
  criteria: "条标准",
  date: "日期",
  "day of month": "日",
  deadline: "期限",
  decade: "年代",
  departments: "个部门",
  dimensions: "个维度",
  domains: "个领域",
  enterprises: "家企业",
  findings: "项发现",
  functions: "项功能",
  "half-year": "半年",
  "hour of day": "时",
  index: "指数",
  "index (0-1)": "指数（0–1）",
  indicators: "项指标",
  industries: "个行业",
  interfaces: "个接口",
  items: "项",
  layers: "层",
  ministries: "个部委",
  models: "种模式",
  modes: "种方式",
  modules: "个模块",
  month: "月",
  "month range": "月份区间",
  paths: "条路径",
  "percentage points": "个百分点",
  platforms: "个平台",
  points: "分",
  provinces: "个省份",
  "provincial units": "个省级单位",
  quarter: "季度",
  rank: "名次",
  "rank (3 consecutive years)": "名次（连续三年）",
  ratio: "比例",
  regions: "个地区",
  reports: "份报告",
  scenarios: "个场景",
  schemes: "种方案",
  services: "项服务",
  share: "占比",
  stages: "个阶段",
  times: "倍",
  trend: "趋势",
  versions: "个版本",
  weekday: "星期",
  "weight points": "权重分",
  year: "年",
  "year (end of)": "年末",
  years: "年",
};

/** The reader's word for a provenance. */
export const provenance = {
  published: "报告公布值",
  external: "外部统计",
  reconstructed: "重建值",
};

/** Data labels whose Chinese name differs from the dataset's string (none: data are Chinese). */
export const names = {};

/** Labels of the chart declarations (toggles, options, table columns, series), by key. */
export { terms } from "./terms.zh.js";

const h = helpers("zh", names, provenance);

/** The report's sections: title and paragraphs, by section id (content.js gives the order). */
export const sections = {
  overview: {
    title: "1 概览：约13.9亿台设备里的公共服务",
    text: [
      "截至2023年末，中国移动互联网月独立设备数已连续数月保持在约13.9亿台，整体流量增长遇到瓶颈；城市基础及公共服务类APP却仍在高速增长。艾瑞咨询把原因归于“大APP战略”：把一个领域的服务整合进一个官方应用，提供一体化服务。",
      "这些应用之所以重要，是因为它们承担的是办事而不是娱乐：驾照和车辆业务、火车票、电费、个税汇算、地方政务。国务院办公厅2021年的《建设指南》要求各地、各部门的移动政务服务在2022年底前与国家平台“应接尽接、应上尽上”。",
      "报告把这些应用分成三个行业：交通运输（交管12123、铁路12306）、基础设施（网上国网、中油好客e站、易捷加油）、金融与公共服务（个人所得税、地方政务APP、云闪付、国有银行）。本站另收录2017年政务服务APP评价与2021年智慧城市报告的背景数据。",
      "读图须知：报告多数图表只有图形、没有数值。虚线和斜线填充表示“重建值”——本站按报告文字与图形给出的约束重建的序列，用来展示形状，不是数据；实线与实心点是报告公布的数字；空心点是外部统计。每张图下都有数据表、下载和永久链接。",
    ],
  },
  transport: {
    title: "2 交通运输：交管12123 与 铁路12306",
    text: [
      "交管12123是公安部的交通安全综合服务平台，2015年底上线，六大业务模块、27项细分业务可在手机上办理。2023年它上线了轻微事故视频快处等功能，月活跃用户峰值突破1.4亿，12月用户规模约为2020年1月的1.9倍。广东、湖南、四川用户最多，广东是唯一破千万的省份；男性、已婚、40岁及以下分别是各自维度中最大的用户群；四、五线城市用户占比分别提高0.6和1.5个百分点。",
      "铁路12306是移动端购票的唯一官方平台，2013年底上线，正从售票渠道转向一体化出行服务。2023年出行热潮中，其流量在9月升至1.19亿的历史最高点；北京、上海、深圳的用户小高峰出现在4月和9月。",
    ],
  },
  infrastructure: {
    title: "3 基础设施：网上国网 与 加油APP",
    text: [
      "网上国网是国家电网2018年起打造的线上办电平台。它的流量有明显季节性：春季是用电淡季，流量缓慢爬升，6月达上半年峰值；入夏后购电需求带动活跃用户高位波动。下面用 STL（按季节和趋势的局部加权回归分解）把月度序列拆成趋势、季节和残差，可切换查看季节调整后的序列。12月用户最多的五个省份是山东、四川、河北、河南、山西，合计占36.8%；一天中10点和15点最活跃。",
      "两家石油公司的加油APP也在增长：中油好客e站月活超过700万，易捷加油同比增长超过30%。报告只印了这些界限，曲线是重建值。",
    ],
  },
  finance: {
    title: "4 金融与公共服务：个税、地方政务、云闪付、国有银行",
    text: [
      "个人所得税APP的流量跟着汇算清缴走：2023年3月汇算清缴季达到1.8亿台；2023年渗透率峰值为13.0%，比2020年的峰值提高五个百分点；用户男女约6:4，25–35岁占38.3%，新一线与二线城市合计超过四成。",
      "地方政务APP中，福建的闽政通以1796.8万月独立设备数居首，约为第二名浙里办的2.2倍；表格可按任一列排序，表中的“近6个月复合增长率”为报告所印。云闪付在支付行业的渗透率为11.5%，湖南用户最多；六家国有银行的手机银行APP整体稳步增长（报告未印数值，排名不分先后）；其中农业银行、工商银行、建设银行和中国银行四家在一天中11点和17点最活跃。",
    ],
  },
  gov2017: {
    title: "5 政务服务APP（2017）",
    text: [
      "中国信通院统计，截至2017年11月底全国共有政务服务APP 2393个，地级和县级占八成以上。同年国脉研究院评价了22个城市的移动政务APP：用户体验、平台运营、服务供给三个一级指标、11个二级指标，加上平台创新加分。杭州82分居首，南京81分、宁波74分次之。",
      "报告自身有几处算术不一致：表1表头与表3的权重不同（35/40 对 30/45）；按推断的东中西划分，13个区域均值能复现11个，全国均值印作57.4，而22城总分之和除以22是57.32。详见第7、8节。",
    ],
  },
  smartcity: {
    title: "6 智慧城市背景",
    text: [
      "2021年的智慧城市服务平台报告给出宏观背景：中国的联合国电子政务发展指数（EGDI）从2010年的0.47升至2020年的0.7948，进入“非常高”组；网民从2015年的6.88亿增至2020年的9.89亿，互联网普及率70.4%。数字政府评估把城市分为副省级城市、省会城市和其他大中城市。",
    ],
  },
  claims: {
    title: "7 论断核查",
    text: [
      "五份报告中的每一个数字论断：原文、报告所印数值、用数据集重新计算的结果，以及“相符（✓）”或差多少。无法从数据计算的论断（政策事实、日期、自我描述）注明原因。可按报告和结论筛选。",
    ],
  },
  consistency: {
    title: "8 报告与自身不一致之处",
    text: [
      "报告之间、报告内部的算术核查：所印数字、重新计算的数字和算式。标为矛盾的条目是原文的错误或互相冲突的说法；其余条目保留作背景。",
    ],
  },
  own: {
    title: "9 分析你自己的文件",
    text: [
      "打开或拖入一个 Arrow IPC 文件（file 或 stream 格式），选择日期列、实体列和数值列，即可得到增长率、STL 季节分解和按组的占比。文件只在本机浏览器中由 WebAssembly 模块读取，出错时会用平实的话说明原因，页面其他部分不受影响。",
    ],
  },
};

/** The charts' titles, by chart id. */
export const titles = {
  claims: "报告论断核查",
  consistency: "报告数据一致性核查",
  "iit-trend": "个人所得税APP 月独立设备数",
  "iit-penetration": "个人所得税APP 渗透率",
  "iit-tiers": "个人所得税APP 城市等级分布（2023年12月）",
  "gov-top20": "地方政务类APP 用户规模 TOP20（2023年12月）",
  "ysf-profile": "云闪付 渗透率、白领占比与独占用户（2023年12月）",
  "bank-trend": "六家国有银行手机银行APP：一条共用的示意指数（不表示规模或排名）",
  "bank-hourly": "四家国有银行APP 24小时活跃分布（2023年12月）",
  "caict-2017": "全国政务服务APP发展情况（截至2017年11月底）",
  "features-2017": "22个政务APP的下载渠道、智能技术与运营（2017）",
  "scores-2017": "2017中国城市移动政务服务能力评价：22城得分",
  "weights-2017": "2017评价指标体系的权重",
  "regions-2017": "2017 东中西部城市平均得分",
  "sg-stl": "网上国网 月独立设备数与 STL 季节分解",
  "sg-hourly": "网上国网 24小时活跃用户分布（2023年12月）",
  "fuel-trend": "中油好客e站与易捷加油 月活跃设备数",
  "fuel-yoy": "易捷加油 月活同比增长",
  "ov-peaks": "三款全国性公共服务APP的峰值月用户规模（报告所印，2023年）",
  "ov-base": "中国移动互联网月独立设备数（渗透率的分母）",
  egdi: "中国电子政务发展指数（EGDI）与世界排名 2010–2020",
  netizens: "我国网民规模及互联网普及率 2015–2021",
  "city-types": "不同类型城市名单（数字政府评估）",
  "platform-levels": "省级政府一体化政务服务平台的能力等级 2016–2020",
  "jg-trend": "交管12123 月活跃设备数",
  "jg-ratio": "交管12123 相对2020年1月的倍数",
  "jg-tiers": "交管12123 城市等级分布：2022 → 2023",
  "jg-provinces": "交管12123 用户最多的6个省份（2023年12月）",
  "railway-12306-monthly": "铁路12306 月独立设备数",
  "rw-first-tier": "铁路12306 一线城市月度用户（2023年）",
  "iit-demo": "个人所得税 用户画像（2023年12月）",
  "jg-demo": "交管12123 用户画像（2023年12月）",
  "ysf-provinces": "云闪付 用户省份 TOP15（2023年12月）",
  "sg-provinces": "网上国网 用户省份 TOP5（2023年12月）",
};

/**
 * The charts' sentences, by chart id: functions of the facts the chart computed (points with
 * their provenance and qualifier, module results). A reconstructed value is never said.
 */
/** "交管12123 2023年9月达到峰值1.19亿（报告公布值）"; a reconstructed peak is not said. */
function peakZh(who, r) {
  if (!r) return "";
  const v = h.said(r, "10k");
  if (v == null) return `${who}月度数值为重建值，报告未印峰值`;
  return `${who}${h.month(r.date)}达到峰值${v}（${h.prov(r.provenance)}）`;
}

export const say = {
  "ov-peaks": ({ rows }) =>
    `报告所印的2023年峰值：${rows.map((r) => `${h.name(r.entity)}${/\d$/.test(r.entity) ? " " : ""}${h.said(r, "100m")}`).join("、")}（均为报告公布值，可在“论断核查”中逐条查看）。`,
  "ov-base": ({ last }) => {
    const v = h.said(last, "10k");
    return v
      ? `${h.month(last.date)}中国移动互联网月独立设备数${v}（${h.prov(last.provenance)}）；报告称整体流量已近饱和。其余各月为重建值。`
      : "报告称整体流量已近饱和；曲线为重建值。";
  },
  // Section 2: transport.
  "jg-trend": ({ mode, peak }) =>
    mode === "level"
      ? `${peakZh("交管12123 ", peak)}；报告只印了“峰值突破1.4亿”和倍数关系，月度数值全部是重建值。`
      : `${mode === "yoy" ? "同比" : "环比"}由重建的月度值计算，只示意形状，不是数据；报告只印了“峰值突破1.4亿”和倍数关系。`,
  "jg-ratio": ({ last, ratio }) =>
    `${h.month(last.date)}的用户规模是2020年1月的${h.value(ratio, "ratio")}（报告：约1.9倍）。`,
  "jg-tiers": ({ printed }) => {
    const ups = printed.length
      ? printed.map((d) => `${h.name(d.tier)} ${h.value(d.pp, "pp")}`).join("、")
      : null;
    return `报告说2023年四线、五线城市的用户占比分别提高0.6和1.5个百分点${ups ? `；报告印出的变化：${ups}` : ""}。各级占比为重建值，图中不标数值。`;
  },
  "jg-provinces": ({ rows }) => {
    const printed = h.printedList(rows, "10k", (r) => h.name(r.entity));
    return `广东、湖南、四川用户规模分列前三，广东是唯一用户破千万的省份。${
      printed ? `报告印出的数值：${printed}；其余为重建值。` : "各省数值为重建值，报告未印。"
    }`;
  },
  profile: ({ app, top }) =>
    !top
      ? `${app}没有这一维度的数据。`
      : h.said(top, "pct")
        ? `${app}用户中${top.category}占比最高，为${h.said(top, "pct")}（${h.prov(top.provenance)}）。`
        : `报告说${app}用户中${top.category}占比最高；这一维度的数值为重建值，图中不标数值。`,
  "railway-12306-monthly": ({ peak }) =>
    `铁路12306：${peakZh("", peak)}。2023年出行热潮推动流量升至历史最高点。`,
  "railway-peak-label": ({ value }) => `历史最高 ${h.value(value, "10k")}`,
  "rw-first-tier": ({ peaks }) =>
    `局部高峰（模块 peaks() 计算）：${peaks.map((p) => `${p.city}${p.months.map((m) => `${m}月`).join("、")}`).join("；")}。报告说北京、上海、深圳的小高峰都在4月和9月，京沪走势相近；所有数值为重建值。`,
  // Section 3: infrastructure.
  "sg-stl": ({ printedOnly, seasonalStrength, trendStrength, peakMonth, lowMonth }) =>
    printedOnly
      ? `STL（周期12个月，模块计算）：季节强度${h.value(seasonalStrength, "index", { digits: 2 })}，趋势强度${h.value(trendStrength, "index", { digits: 2 })}；季节成分在${peakMonth}月最高、${lowMonth}月最低。`
      : "STL（周期12个月，模块计算）把曲线分解为趋势、季节与残差；曲线为重建值，分解只展示形状，不给出数值。报告描述：春季是用电淡季，6月达上半年峰值，夏季购电需求带动高位波动。",
  provinces: ({ first, hi, perDevice }) =>
    `${first.province}以${h.value(first.unique_devices_2023_12_10k, "10k")}居首；TGI 最高的是${hi.province}（${hi.TGI}，高于100表示该省用户占比高于基准人群）。${perDevice ? "湖南与江苏的 TGI 同为119.6；报告没有说明 TGI 的基准人群。" : "TOP5 合计占全部用户的36.8%。"}`,
  "sg-hourly": ({ hours }) =>
    `一天中有${hours.length}个活跃高峰：${hours.map((x) => `${x}时`).join("和")}（模块 peaks() 计算；报告文字说10点、15点，分布为重建值）。`,
  "fuel-trend": ({ peaks }) =>
    `${peaks.map(([ent, p]) => peakZh(ent, p)).join("；")}。报告只印了“月活超过700万”和“同比增长超过30%”这类界限，曲线为重建值。`,
  // The monthly values are reconstructed: neither they nor growth computed from them is said.
  "fuel-yoy": () =>
    "报告说易捷加油月活同比增长超过30%；图中各月同比由重建值计算（模块 growth()），只示意形状，不是数据。",
  "fuel-yoy-month": ({ date }) => `${date.getUTCFullYear() % 100}年${date.getUTCMonth() + 1}月`,
  // Section 4: finance and public services.
  "iit-trend": ({ rows }) => {
    const list = h.printedList(rows, "10k", (r) => h.month(r.date));
    return list
      ? `报告印出的月度数值：${list}（汇算清缴季）；其余各月为重建值。`
      : "报告未印月度数值；曲线为重建值。";
  },
  "iit-penetration": ({ rows, p20, p23, pp }) => {
    if (h.said(p20, "pct") && h.said(p23, "pct"))
      return `渗透率峰值从${h.month(p20.date)}的${h.said(p20, "pct", { digits: 1 })}升到${h.month(p23.date)}的${h.said(p23, "pct", { digits: 1 })}，提高${h.value(pp, "pp")}（报告：“五个百分点”）。`;
    const list = h.printedList(rows, "pct", (r) => h.month(r.date));
    return `报告说渗透率峰值提高了“五个百分点”${list ? `，印出的数值：${list}` : ""}；其余各月为重建值，表中“模块重算”一列由个税设备数÷全网设备数算出。`;
  },
  "iit-tiers": ({ rows }) => {
    const printed = h.printedList(rows, "pct", (r) => h.name(r.category));
    return `报告说新一线与二线城市用户合计超过四成。${printed ? `报告印出的占比：${printed}；其余为重建值。` : "各级占比为重建值。"}`;
  },
  "gov-top20": ({ first, second, fastest, slowest }) =>
    `${first.app_name}（${first.region}）以${h.value(first.monthly_unique_devices_2023_12_10k, "10k", { digits: 5 })}月独立设备数居首，约为第二名${second.app_name}的${h.value(first.monthly_unique_devices_2023_12_10k / second.monthly_unique_devices_2023_12_10k, "ratio", { digits: 1 })}。近6个月复合增长最快的是${fastest.app_name}（${h.value(fastest.compound_growth_last_6_months_pct, "pct")}），最慢的是${slowest.app_name}（${h.value(slowest.compound_growth_last_6_months_pct, "pct")}）。`,
  "ysf-profile": () =>
    "云闪付在支付行业的渗透率为11.5%，白领是最大的用户群（30.3%），与支付宝的独占用户“接近四成”（报告原话；表中数值为重建值）。",
  "bank-trend": ({ banks, shared }) =>
    shared
      ? `报告说六家国有银行APP整体稳步增长，未印任何数值，且“排名不分先后”。图中只有一条线：${h.list(banks.map(h.name))}共用的示意指数（相对2020年1月，重建值），不表示各行规模、增速差异或排名。`
      : "报告说六家国有银行APP整体稳步增长，未印任何数值，且“排名不分先后”。每条曲线是该行相对自身2020年1月的示意指数（重建值），不表示各行规模或排名。",
  "bank-hourly": () =>
    "报告说农业银行、工商银行、建设银行和中国银行四家APP的活跃高峰在11点和17点；各行的分时分布为重建值。",
  // Section 5: government-service apps (2017).
  "caict-2017": ({ total }) =>
    `截至2017年11月底全国共有政务服务APP ${total} 个；地级占40%、县级占41%，省级及中央占19%（由100−40−41推算，为重建值）。`,
  "features-2017": () =>
    "22个被评APP中20个上架苹果应用市场、16个上架安卓主流市场，13个同时覆盖前三个下载入口；图5按27项饼图读出的智能技术占比见数据表。",
  "scores-2017": ({ top, mean }) =>
    `${top[0].city}以${top[0].total_score}分居首，${top[1].city}${top[1].total_score}分、${top[2].city}${top[2].total_score}分次之；22城平均${h.value(mean, "index", { digits: 2 })}分（报告印57.4）。`,
  "weights-2017": ({ sums }) =>
    `二级权重之和：${sums.map(([k, v]) => `${k} ${v}`).join("、")}。表1表头把平台运营、服务供给印成35/40，表3为30/45；二级权重之和支持30/45。`,
  "regions-2017": ({ groups }) =>
    `平均分（模块 groupBy 计算；东中西划分为推断）：${groups.map((g) => `${g.key}${h.value(g.mean, "index", { digits: 2 })}（${g.count}城）`).join("、")}。`,
  // Section 6: smart-city context.
  egdi: ({ metric, first, last, growth }) =>
    metric === "egdi"
      ? `EGDI 从2010年的${first}升至2020年的${last}（+${h.value(growth * 100, "pct", { digits: 1 })}），进入“非常高”（≥0.75）组；2012–2018年的数值为联合国调查的外部数据，2014年的下降源于调查方法变化。`
      : `世界排名从2010年第${first}名升至2020年第${last}名（排名为外部数据）。`,
  netizens: ({ first, last, unit, rate }) =>
    `${h.month(first.date)}为${h.value(first.value, unit)}，${h.month(last.date)}为${h.value(last.value, unit)}（年均复合${h.value(rate, "frac", { digits: 1 })}）；2015与2020年为报告公布值，其余为 CNNIC 外部统计。`,
  "city-types": ({ n, groups }) =>
    `名单共${n}项：${groups.map(([k, c]) => `${k}${c}个`).join("、")}；副省级名单含苏州而缺西安（疑为原文错误），9个城市同时出现在副省级与省会名单中。`,
  "platform-levels": () =>
    "报告只说32个省级平台的能力“持续提升”、2019年起不再有低水平平台；各年的分级数量全部为重建值。",
  // Sections 7 and 8: the claim check and the consistency checks.
  claims: ({ total, kinds, diffs, disagree }) => {
    const k = (x) => kinds[x] ?? { n: 0, matches: 0, differs: 0 };
    const ind = k("independent");
    return `${total}条论断中，${ind.n}条经独立重算（由报告中其他数字或外部数据算出）：${ind.matches}条相符、${ind.differs}条不符。另有${k("read_back").n}条只是回读本句所印的数字，${k("by_construction").n}条因重建值按其拟合而必然相符，${k("not_computable").n}条无法从数据计算。${diffs.length ? `不符的论断：${diffs.join("、")}。` : ""}结论由模块 checkClaims() 实时计算${disagree.length ? `；与数据集构建时的预期不同的有：${disagree.join("、")}` : "，与数据集构建时的预期结论全部一致"}。`;
  },
  consistency: ({ total, contradictions }) =>
    `${total}项核查中${contradictions}项是矛盾（原文错误、文字冲突或与外部来源冲突）。图中为数值型核查的“所印 ÷ 重算 − 1”（模块 growth() 计算）；例如全国均分所印57.4，22城总分之和÷22为57.32。`,
};
