// The parts of Observable Plot the page uses; esbuild tree-shakes the rest away.
export { barX, barY, dot, frame, lineY, plot, ruleX, ruleY, text } from "@observablehq/plot";
