// Writes a tidy Arrow IPC file of about 17 MB (1M rows: date32, dictionary entity and metric,
// float64 value, dictionary provenance) for the parse benchmarks. Deterministic.
import { writeFileSync } from "node:fs";
import {
  DateDay,
  Dictionary,
  Float64,
  Int8,
  Int16,
  tableFromArrays,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from "apache-arrow";

export function generate(rows = 1_000_000) {
  const entities = Array.from({ length: 50 }, (_, i) => `entity-${i}`);
  const dates = new Array(rows),
    entity = new Array(rows),
    metric = new Array(rows),
    prov = new Array(rows);
  const value = new Float64Array(rows);
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < rows; i++) {
    const e = i % entities.length;
    const t = Math.floor(i / entities.length);
    dates[i] = new Date(Date.UTC(2000, t % 240, 1));
    entity[i] = entities[e];
    metric[i] = "monthly_active_devices";
    prov[i] = t % 7 === 0 ? "published" : "reconstructed";
    value[i] = 1000 + 100 * Math.sin(t / 1.9) + 10 * e + rand();
  }
  const dict = (keys = new Int8()) => new Dictionary(new Utf8(), keys);
  const table = tableFromArrays({
    date: vectorFromArray(dates, new DateDay()),
    entity: vectorFromArray(entity, dict(new Int16())),
    metric: vectorFromArray(metric, dict()),
    value: vectorFromArray(value, new Float64()),
    provenance: vectorFromArray(prov, dict()),
  });
  return tableToIPC(table, "file");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? "target/bench-17mb.arrow";
  const bytes = generate();
  writeFileSync(out, bytes);
  console.log(`${out}: ${bytes.length} bytes`);
}
