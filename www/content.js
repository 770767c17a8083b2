// The report's sections in reading order. Their titles and paragraphs are the text layer's
// (text/zh.js, text/en.js `sections`); charts are attached by the registry (section ids match),
// special panels (claims, consistency, own file) by main.js.
import * as en from "./text/en.js";
import * as zh from "./text/zh.js";

const ORDER = [
  "overview",
  "transport",
  "infrastructure",
  "finance",
  "gov2017",
  "smartcity",
  "claims",
  "consistency",
  "own",
];

export const SECTIONS = ORDER.map((id) => ({
  id,
  title: { zh: zh.sections[id].title, en: en.sections[id].title },
  text: { zh: zh.sections[id].text, en: en.sections[id].text },
}));
