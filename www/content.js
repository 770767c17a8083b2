// The report's sections in reading order. Their titles and paragraphs are the text layer's
// (text/zh.js, text/en.js `sections`); charts are attached by the registry (section ids match),
// special panels (claims, consistency, own file) by main.js.
import { sectionText } from "./i18n.js";

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

// {zh, en} pairs read when asked for (the English text layer loads on demand: i18n.js).
const pair = (id, part) => ({
  get zh() {
    return sectionText("zh", id)[part];
  },
  get en() {
    return sectionText("en", id)[part];
  },
});

export const SECTIONS = ORDER.map((id) => ({
  id,
  title: pair(id, "title"),
  text: pair(id, "text"),
}));
