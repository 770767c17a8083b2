// Chinese names and quotes on the English page carry lang="zh-CN", so that screen readers switch
// voice. Only what the page keeps in Chinese on purpose is marked: names whose English rendering
// keeps the original (交管12123 → "交管12123 (traffic police)"), titles in 《》 and quotes in “”.
// Any other Chinese stays unmarked, so a test can still find an untranslated string. One pass
// over a subtree after it is drawn: such runs are wrapped in <span lang="zh-CN">; an SVG text
// element made of one such name gets the attribute.
import { keptNames } from "./i18n.js";

/** Whether a run of Chinese is a name or quote kept on purpose. */
function kept(run) {
  return /^[《“]/.test(run) || keptNames().has(run);
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff《》（）“”、：；，。]/;
const RUN =
  /[\u3400-\u9fff\uf900-\ufaff《》“”（][\u3400-\u9fff\uf900-\ufaff《》（）“”、：；，。0-9A-Za-z]*/g;

/**
 * Marks the Chinese in `root` (an element of the English page). `all`: every Chinese run is an
 * original (a dataset string, a report's title in a source line, a quote inside a note), not
 * only the kept names.
 */
export function markChinese(root, { all = false } = {}) {
  const keep = all ? () => true : kept;
  if (!root) return;
  const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (HAN.test(n.data)) nodes.push(n);
  for (const n of nodes) {
    const parent = n.parentElement;
    if (!parent || parent.closest('[lang="zh-CN"]')) continue;
    const svg = parent.namespaceURI === "http://www.w3.org/2000/svg";
    if (svg && keep(n.data.trim())) {
      parent.setAttribute("lang", "zh-CN");
      continue;
    }
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const m of n.data.matchAll(RUN)) {
      if (!keep(m[0])) continue;
      if (m.index > last) frag.append(n.data.slice(last, m.index));
      // In an SVG a nested <tspan> carries the language (a wrapped label: "北京交警 (Beijing").
      const span = svg
        ? document.createElementNS("http://www.w3.org/2000/svg", "tspan")
        : document.createElement("span");
      span.setAttribute("lang", "zh-CN");
      span.textContent = m[0];
      frag.append(span);
      last = m.index + m[0].length;
    }
    if (last === 0) continue; // nothing kept on purpose in this text
    if (last < n.data.length) frag.append(n.data.slice(last));
    n.replaceWith(frag);
  }
}
