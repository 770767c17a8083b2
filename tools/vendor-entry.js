// The parts of Observable Plot the page uses; esbuild tree-shakes the rest away.
export { plot, lineY, dot, ruleY, ruleX, barY, barX, text, frame } from "@observablehq/plot";
