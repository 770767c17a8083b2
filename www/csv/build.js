// Typed columns from records, one cell at a time, and the Arrow IPC file they become
// (@uwdata/flechette writes it). A cell that does not fit its column's type stops the read with
// its row, column and text; a wide table can be written long (one row per entity and period).
import {
  dateDay,
  dictionary,
  float64,
  int32,
  tableFromArrays,
  tableToIPC,
  timestamp,
  utf8,
} from "@uwdata/flechette";
import { badCell, CsvError, thousands } from "./errors.js";
import { isNull, PLAIN, parseDate, parseNumber, parseYear } from "./values.js";

/**
 * Numbers (and dates as ms) kept unboxed in a growing Float64Array with a missing-value mask,
 * instead of a JS array of boxed doubles and nulls (which the garbage collector pays for).
 */
class Doubles {
  constructor() {
    this.buf = new Float64Array(1024);
    this.mask = null; // 1 where missing, allocated at the first missing value
    this.length = 0;
  }
  push(v) {
    if (this.length === this.buf.length) {
      const b = new Float64Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
      if (this.mask) {
        const m = new Uint8Array(b.length);
        m.set(this.mask);
        this.mask = m;
      }
    }
    if (v === null) {
      this.mask ??= new Uint8Array(this.buf.length);
      this.mask[this.length] = 1;
      this.buf[this.length++] = Number.NaN;
    } else this.buf[this.length++] = v;
  }
  /** A Float64Array when nothing is missing (written without a copy), else values and nulls. */
  out() {
    const v = this.buf.subarray(0, this.length);
    const m = this.mask;
    return m ? Array.from(v, (x, i) => (m[i] ? null : x)) : v;
  }
}

/** One column being filled: push(cell, row) appends a value or throws a located error. */
function columnBuilder(col) {
  const values = col.type === "text" ? [] : new Doubles();
  const seen = { units: {}, grains: {}, forms: {}, grouped: false, nulls: 0 };
  const tally = (o, k) => {
    o[k] = (o[k] ?? 0) + 1;
  };
  let push;
  if (col.type === "number") {
    push = (cell, row) => {
      // Plain decimals first (most cells), then the general reader, then missing markers.
      if (cell != null && PLAIN.test(cell)) return values.push(Number(cell));
      const p = cell == null ? null : parseNumber(cell);
      if (!p) {
        if (cell != null && !isNull(cell)) throw badCell(row, col.name, cell, "number");
        seen.nulls++;
        return values.push(null);
      }
      if (p.unit) tally(seen.units, p.unit);
      if (p.grouped) seen.grouped = true;
      values.push(p.value);
    };
  } else if (col.type === "date") {
    const year = col.grain === "year" && col.forms?.includes("YYYY");
    push = (cell, row) => {
      const p = cell == null ? null : (parseDate(cell) ?? (year ? parseYear(cell) : null));
      if (!p) {
        if (cell != null && !isNull(cell)) throw badCell(row, col.name, cell, "date");
        seen.nulls++;
        return values.push(null);
      }
      tally(seen.grains, p.grain);
      tally(seen.forms, p.form);
      values.push(p.ms);
    };
  } else {
    // Repeated text (entities, metrics) is stored once: a cell is a slice of its 4 MiB chunk and
    // would keep the whole chunk alive; the first copy of each value is flattened instead.
    const seenText = new Map();
    push = (cell) => {
      if (cell == null || cell === "") {
        seen.nulls++;
        return values.push(null);
      }
      let v = seenText.get(cell);
      if (v === undefined) {
        v = (" " + cell).slice(1);
        if (seenText.size < 100_000) seenText.set(v, v);
      }
      values.push(v);
    };
  }
  return { col, values, seen, push };
}

/** Arrow type of a finished column: dates with a time of day as timestamps, else date32. */
function arrowType(b) {
  if (b.col.type === "number") return float64();
  if (b.col.type === "date") return b.seen.grains.time ? timestamp() : dateDay();
  return dictionary(utf8(), int32());
}

/** What was read for a column, as the report shows it. */
function summary(b, role) {
  const s = b.seen;
  const out = { name: b.col.name, type: b.col.type, role, nulls: s.nulls };
  if (b.col.forced) out.forced = true;
  if (b.col.type === "number") {
    out.units = Object.keys(s.units);
    out.unit = out.units.length === 1 ? out.units[0] : out.units.length ? "mixed" : "";
    out.grouped = s.grouped;
  }
  if (b.col.type === "date") {
    out.forms = Object.keys(s.forms);
    const order = ["year", "quarter", "month", "day", "time"];
    out.grain = order.filter((g) => s.grains[g]).at(-1) ?? b.col.grain ?? "day";
  }
  return out;
}

/**
 * The table being built. `layout` comes from inferLayout; with `tidy` and a wide layout the
 * date-named columns become rows (columns: the other columns, then `date` and `value`).
 */
export function tableBuilder(layout, tidy) {
  const { columns, roles } = layout;
  const width = columns.length;
  const ragged = { short: 0, firstShort: 0 };
  let rows = 0;
  if (tidy && layout.wide) {
    const wideAt = new Set(layout.wide.map((w) => w.index));
    const ids = columns.map((c, i) => [c, i]).filter(([, i]) => !wideAt.has(i));
    const periods = [...layout.wide].sort((a, b) => a.ms - b.ms);
    const free = (n) => (columns.some((c) => c.name === n) ? `${n} (long)` : n);
    const idB = ids.map(([c, i]) => [columnBuilder(c), i]);
    const dateB = columnBuilder({ name: free("date"), type: "date" });
    const valueB = columnBuilder({ name: free("value"), type: "number" });
    return {
      push(rec, row) {
        rows++;
        check(rec, row);
        for (const p of periods) {
          for (const [b, i] of idB) b.push(rec[i], row);
          dateB.values.push(p.ms);
          dateB.seen.grains[p.grain] = 1;
          dateB.seen.forms[p.form] = 1;
          try {
            valueB.push(rec[p.index], row);
          } catch (e) {
            throw badCell(row, p.label, e.value, "number");
          }
        }
      },
      finish: (meta) =>
        finish(
          [
            ...idB.map(([b, i]) => [b, roles[i] === "value" ? "category" : roles[i]]),
            [dateB, "date"],
            [valueB, "value"],
          ],
          meta,
          { periods, ids: ids.map(([c]) => c.name), inputRows: rows },
        ),
    };
  }
  const builders = columns.map((c) => columnBuilder(c));
  function check(rec, row) {
    if (rec.length < width) {
      ragged.short++;
      ragged.firstShort ||= row;
    } else if (rec.length > width) {
      for (let c = width; c < rec.length; c++)
        if (rec[c].trim() !== "")
          throw new CsvError(
            "ragged",
            `row ${thousands(row)} has ${rec.length} fields, the header has ${width}`,
            { row },
          );
    }
  }
  function finish(pairs, meta, reshaped = null) {
    const data = {};
    const types = {};
    for (const [b] of pairs) {
      data[b.col.name] = b.values instanceof Doubles ? b.values.out() : b.values;
      // A Float64Array without a type is taken as float64 by flechette as is (no per-value copy).
      if (!(data[b.col.name] instanceof Float64Array && b.col.type === "number"))
        types[b.col.name] = arrowType(b);
    }
    const table = tableFromArrays(data, { types });
    const report = {
      rows: pairs[0]?.[0].values.length ?? 0,
      columns: pairs.map(([b, role]) => summary(b, role)),
      ragged: ragged.short ? ragged : null,
      reshaped: reshaped && {
        from: reshaped.periods.map((p) => p.label),
        ids: reshaped.ids,
        inputRows: reshaped.inputRows,
      },
    };
    const value = report.columns.find((c) => c.role === "value");
    table.schema.metadata = new Map(
      Object.entries({
        ...meta,
        // 万/亿 values are stored in base units, so only % and ‰ remain a unit of the numbers.
        unit: value?.unit === "%" || value?.unit === "‰" ? value.unit : "",
        csv_report: JSON.stringify(report),
      }),
    );
    return { ipc: tableToIPC(table, { format: "file" }), report };
  }
  return {
    push(rec, row) {
      rows++;
      check(rec, row);
      for (let c = 0; c < width; c++) builders[c].push(rec[c], row);
    },
    finish: (meta) =>
      finish(
        builders.map((b, i) => [b, roles[i]]),
        meta,
      ),
  };
}
