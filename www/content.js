// The report's sections: ids, titles and text in both languages. Charts are attached by the
// registry (section ids match); special panels (claims, consistency, own file) by main.js.

export const SECTIONS = [
  {
    id: "overview",
    title: {
      zh: "1 概览：13.9亿台设备里的公共服务",
      en: "1 Overview: public services on 1.39 billion devices",
    },
    text: {
      zh: [
        "截至2023年末，中国移动互联网月独立设备数已连续数月保持在约13.9亿台，整体流量增长遇到瓶颈；城市基础及公共服务类APP却仍在高速增长。艾瑞咨询把原因归于“大APP战略”：把一个领域的服务整合进一个官方应用，提供一体化服务。",
        "这些应用之所以重要，是因为它们承担的是办事而不是娱乐：驾照和车辆业务、火车票、电费、个税汇算、地方政务。国务院办公厅2021年的《建设指南》要求各地、各部门的移动政务服务在2022年底前与国家平台“应接尽接、应上尽上”。",
        "报告把这些应用分成三个行业：交通运输（交管12123、铁路12306）、基础设施（网上国网、中油好客e站、易捷加油）、金融与公共服务（个人所得税、地方政务APP、云闪付、国有银行）。本站另收录2017年政务服务APP评价与2021年智慧城市报告的背景数据。",
        "读图须知：报告多数图表只有图形、没有数值。虚线和斜线填充表示“重建值”——本站按报告文字与图形给出的约束重建的序列，用来展示形状，不是数据；实线与实心点是报告公布的数字；空心点是外部统计。每张图下都有数据表、下载和永久链接。",
      ],
      en: [
        "By the end of 2023 China's mobile internet had held at about 1.39 billion monthly unique devices for several months: overall traffic had stopped growing. City infrastructure and public-service apps were still growing fast. iResearch credits the “super-app strategy”: one official app that bundles a whole domain's services.",
        "These apps matter because they carry errands, not entertainment: driving licences and vehicle paperwork, train tickets, electricity bills, the annual income-tax settlement, local government services. The State Council's 2021 guideline required every province and ministry to connect its mobile services to the national platform by the end of 2022.",
        "The report groups the apps into three sectors: transport (交管12123, 铁路12306), infrastructure (网上国网, 中油好客e站, 易捷加油) and finance and public services (个人所得税, local government apps, 云闪付, the state banks). This page adds the 2017 evaluation of government-service apps and the context figures of a 2021 smart-city report.",
        "How to read the charts: most of the reports' charts are pictures without numbers. Dashed lines and hatched bars are reconstructed values — series rebuilt here to satisfy the constraints the reports' words and pictures set; they show a shape, they are not data. Solid lines and filled dots are figures the reports print; hollow dots are external statistics. Every chart has a data table, downloads and a permalink.",
      ],
    },
  },
  {
    id: "transport",
    title: { zh: "2 交通运输：交管12123 与 铁路12306", en: "2 Transport: 交管12123 and 铁路12306" },
    text: {
      zh: [
        "交管12123是公安部的交通安全综合服务平台，2015年底上线，六大业务模块、27项细分业务可在手机上办理。2023年它上线了轻微事故视频快处等功能，月活跃用户峰值突破1.4亿，12月用户规模约为2020年1月的1.9倍。广东、湖南、四川用户最多，广东是唯一破千万的省份；男性、已婚、40岁及以下分别是各自维度中最大的用户群；四、五线城市用户占比分别提高0.6和1.5个百分点。",
        "铁路12306是移动端购票的唯一官方平台，2013年底上线，正从售票渠道转向一体化出行服务。2023年出行热潮中，其流量在9月升至1.19亿的历史最高点；北京、上海、深圳的用户小高峰出现在4月和9月。",
      ],
      en: [
        "交管12123 is the Ministry of Public Security's traffic-services app, launched at the end of 2015; 27 services in six modules (vehicles, licences, accidents…) can be done on a phone. In 2023 it added video handling of minor accidents; monthly active users peaked above 140 million and December's user base was about 1.9 times January 2020's. Guangdong, Hunan and Sichuan have most users — Guangdong is the only province above 10 million; among users, men, the married and those aged 40 or under are each the largest group; the shares of tier-4 and tier-5 cities rose by 0.6 and 1.5 percentage points.",
        "铁路12306 is the only official way to buy train tickets on a phone (since the end of 2013) and is turning from a ticket office into a whole-journey service. In the 2023 travel boom its traffic reached an all-time high of 119 million in September; in Beijing, Shanghai and Shenzhen usage peaked in April and September.",
      ],
    },
  },
  {
    id: "infrastructure",
    title: {
      zh: "3 基础设施：网上国网 与 加油APP",
      en: "3 Infrastructure: State Grid and fuel apps",
    },
    text: {
      zh: [
        "网上国网是国家电网2018年起打造的线上办电平台。它的流量有明显季节性：春季是用电淡季，流量缓慢爬升，6月达上半年峰值；入夏后购电需求带动活跃用户高位波动。下面用 STL（按季节和趋势的局部加权回归分解）把月度序列拆成趋势、季节和残差，可切换查看季节调整后的序列。12月用户最多的五个省份是山东、四川、河北、河南、山西，合计占36.8%；一天中10点和15点最活跃。",
        "两家石油公司的加油APP也在增长：中油好客e站月活超过700万，易捷加油同比增长超过30%。报告只印了这些界限，曲线是重建值。",
      ],
      en: [
        "网上国网 is State Grid's online service app, built since 2018. Its traffic is seasonal: spring is the low season with a slow climb to a first-half peak in June; summer demand for electricity keeps usage high. Below, STL (seasonal-trend decomposition by loess) splits the monthly series into trend, seasonal and remainder; a toggle shows the seasonally adjusted series. The five provinces with most users in December — Shandong, Sichuan, Hebei, Henan, Shanxi — hold 36.8 %; usage peaks at 10:00 and 15:00.",
        "The two oil companies' fuel apps grow too: 中油好客e站 has over 7 million monthly users and 易捷加油 grew more than 30 % year on year. The report prints only these bounds; the curves are reconstructed.",
      ],
    },
  },
  {
    id: "finance",
    title: {
      zh: "4 金融与公共服务：个税、地方政务、云闪付、国有银行",
      en: "4 Finance and public services: income tax, local government, UnionPay, state banks",
    },
    text: {
      zh: [
        "个人所得税APP的流量跟着汇算清缴走：2023年3月汇算清缴季达到1.8亿台；2023年渗透率峰值为13.0%，比2020年的峰值提高五个百分点；用户男女约6:4，25–35岁占38.3%，新一线与二线城市合计超过四成。",
        "地方政务APP中，福建的闽政通以1796.8万月独立设备数居首，约为第二名浙里办的2.2倍；表格可按任一列排序，表中的“近6个月复合增长率”为报告所印。云闪付在支付行业的渗透率为11.5%，湖南用户最多；六家国有银行的手机银行APP整体稳步增长（报告未印数值，排名不分先后）；其中农业银行、工商银行、建设银行和中国银行四家在一天中11点和17点最活跃。",
      ],
      en: [
        "The income-tax app follows the annual settlement: 180 million devices in March 2023, in the settlement season; the 2023 peak penetration of 13.0 % is five percentage points above the 2020 peak. Users are about 60 % men, 38.3 % are 25–35, and new-tier-1 plus tier-2 cities hold over 40 %.",
        "Among local government apps, Fujian's 闽政通 leads with 17.968 million monthly devices, about 2.2 times the second, 浙里办; the table sorts by any column; its 6-month compound growth is as printed in the report. 云闪付 (UnionPay) reaches 11.5 % of the payment industry, with most users in Hunan; the six state banks' apps grew steadily (the report prints no values and lists them in no order), and four of them (Agricultural Bank, ICBC, China Construction Bank, Bank of China) are busiest at 11:00 and 17:00.",
      ],
    },
  },
  {
    id: "gov2017",
    title: { zh: "5 政务服务APP（2017）", en: "5 Government-service apps (2017)" },
    text: {
      zh: [
        "中国信通院统计，截至2017年11月底全国共有政务服务APP 2393个，地级和县级占八成以上。同年国脉研究院评价了22个城市的移动政务APP：用户体验、平台运营、服务供给三个一级指标、11个二级指标，加上平台创新加分。杭州82分居首，南京81分、宁波74分次之。",
        "报告自身有几处算术不一致：表1表头与表3的权重不同（35/40 对 30/45）；按推断的东中西划分，13个区域均值能复现11个，全国均值印作57.4，而22城总分之和除以22是57.32。详见第7、8节。",
      ],
      en: [
        "CAICT counted 2,393 government-service apps in China at the end of November 2017, over 80 % of them at prefecture or county level. The same year 国脉研究院 evaluated the apps of 22 cities on three level-1 indicators (user experience, operation, service supply), 11 level-2 indicators and an innovation bonus: Hangzhou ranked first with 82, then Nanjing (81) and Ningbo (74).",
        "The report is not always consistent with itself: table 1's header and table 3 give different weights (35/40 vs 30/45); with the inferred east/central/west assignment 11 of its 13 regional means reproduce, and the national mean is printed 57.4 while the 22 totals give 57.32. See sections 7 and 8.",
      ],
    },
  },
  {
    id: "smartcity",
    title: { zh: "6 智慧城市背景", en: "6 Smart-city context" },
    text: {
      zh: [
        "2021年的智慧城市服务平台报告给出宏观背景：中国的联合国电子政务发展指数（EGDI）从2010年的0.47升至2020年的0.7948，进入“非常高”组；网民从2015年的6.88亿增至2020年的9.89亿，互联网普及率70.4%。数字政府评估把城市分为副省级城市、省会城市和其他大中城市。",
      ],
      en: [
        "The 2021 smart-city platform report sets the scene: China's UN E-Government Development Index rose from 0.47 in 2010 to 0.7948 in 2020, into the “very high” group; netizens grew from 688 million in 2015 to 989 million in 2020, an internet penetration of 70.4 %. The digital-government assessment groups cities into sub-provincial cities, provincial capitals and other large and medium cities.",
      ],
    },
  },
  {
    id: "claims",
    title: { zh: "7 论断核查", en: "7 Claim check" },
    text: {
      zh: [
        "五份报告中的每一个数字论断：原文、报告所印数值、用数据集重新计算的结果，以及“相符（✓）”或差多少。无法从数据计算的论断（政策事实、日期、自我描述）注明原因。可按报告和结论筛选。",
      ],
      en: [
        "Every numeric claim of the five reports: the quote, the printed figure, the value recomputed from the datasets, and ✓ or the difference. Claims that cannot be computed from data (policy facts, dates, self-descriptions) say why. Filter by report and verdict.",
      ],
    },
  },
  {
    id: "consistency",
    title: { zh: "8 报告与自身不一致之处", en: "8 Where the reports disagree with themselves" },
    text: {
      zh: [
        "报告之间、报告内部的算术核查：所印数字、重新计算的数字和算式。标为矛盾的条目是原文的错误或互相冲突的说法；其余条目保留作背景。",
      ],
      en: [
        "Arithmetic checks within and across the reports: the printed figure, the recomputed figure and the arithmetic. Rows marked as contradictions are slips or conflicting statements in the sources; the others are kept for context.",
      ],
    },
  },
  {
    id: "own",
    title: { zh: "9 分析你自己的文件", en: "9 Analyse your own file" },
    text: {
      zh: [
        "打开或拖入一个 Arrow IPC 文件（file 或 stream 格式），选择日期列、实体列和数值列，即可得到增长率、STL 季节分解和按组的占比。文件只在本机浏览器中由 WebAssembly 模块读取，出错时会用平实的话说明原因，页面其他部分不受影响。",
      ],
      en: [
        "Open or drop an Arrow IPC file (file or stream format), pick the date, entity and value columns, and get growth, an STL decomposition and a breakdown by group. The file is read by the WebAssembly module in your browser only; errors are explained in plain words and the rest of the page keeps working.",
      ],
    },
  },
];
