import { tableFromIPC } from "apache-arrow";
import { readFileSync } from "node:fs";
const cat = JSON.parse(readFileSync("www/data/catalog.json"));
const only = process.argv[2];
for (const e of cat) {
  if (only && !only.split(",").includes(e.id)) continue;
  const t = tableFromIPC(readFileSync("www/data/" + e.file));
  const md = Object.fromEntries(t.schema.metadata);
  console.log("=== " + e.id, "rows", t.numRows, "unit:", e.unit);
  console.log("cols:", t.schema.fields.map(f => f.name + ":" + f.type).join(", "));
  for (const k of ["notes","entity_column","columns_zh","grain","free_scale"]) if (md[k]) console.log(" ", k, "=", md[k].slice(0, 400));
  const rows = t.toArray().map(r => r.toJSON());
  const n = only ? rows.length : 4;
  for (const r of rows.slice(0, n)) { const o = {...r}; delete o.constraints; if (o.date instanceof Date || typeof o.date === "number") o.date = new Date(o.date).toISOString().slice(0,13); console.log("  ", JSON.stringify(o,(k,v)=>typeof v==="bigint"?Number(v):v)); }
  if (!only) {
    const cols = t.schema.fields.map(f=>f.name);
    for (const c of ["entity","metric","category"]) if (cols.includes(c)) console.log("  distinct", c, [...new Set(rows.map(r=>r[c]))].join("|"));
  }
}
