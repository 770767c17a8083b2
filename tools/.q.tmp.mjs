import { tableFromIPC } from "apache-arrow";
import { readFileSync } from "node:fs";
const t = tableFromIPC(readFileSync("www/data/claims.arrow"));
for (const r of t.toArray()) { const o = r.toJSON(); if (o.computable && o.report.startsWith("001")) console.log(o.id, o.expected, o.op, o.dataset, "|", o.printed_value, o.unit, "|", o.quote.slice(0,60)); }
const rep = {}; for (const r of t.toArray()) { const o=r.toJSON(); rep[o.report+" "+o.expected]=(rep[o.report+" "+o.expected]||0)+1 } console.log(rep);
