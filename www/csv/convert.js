// A CSV or TSV file → an Arrow IPC file, read in chunks: the encoding from the first bytes, the
// delimiter and header from the first records, column types from the first SAMPLE_ROWS data
// rows (as pyarrow infers from its first block); every later cell must fit, or the read stops
// with the cell's row, column and text. Progress is reported per chunk; a signal cancels.
import { tableBuilder } from "./build.js";
import { decoder, sniffEncoding } from "./decode.js";
import { CsvError } from "./errors.js";
import { inferLayout } from "./infer.js";
import { detectDelimiter, RecordParser } from "./parse.js";

/** Files larger than this are refused before any byte is read (documented in the README). */
export const MAX_BYTES = 256 * 1024 * 1024;
export const MAX_COLUMNS = 2000;
const CHUNK = 4 * 1024 * 1024;
const HEAD = 64 * 1024;
const SAMPLE_ROWS = 1000;

/** A source over bytes in memory (tests, Node). */
export function bytesSource(bytes, name = "data.csv") {
  return {
    name,
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, offset + length),
  };
}

/** A source over a browser File or Blob, read slice by slice. */
export function fileSource(file) {
  return {
    name: file.name ?? "data.csv",
    size: file.size,
    read: async (offset, length) =>
      new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()),
  };
}

/**
 * Reads the whole source. Options: `types` ({column: "number"|"date"|"text"}), `roles`
 * ({column: role}), `header` (true/false), `tidy` (a wide table written long), `onProgress`
 * ({loaded, total, rows}), `signal` (an AbortSignal), `chunkSize` and `headBytes` (how much is
 * read for the encoding guess; tests shrink both to cut records and characters everywhere).
 * Resolves to { ipc: Uint8Array, report }.
 * @throws {CsvError} too_large, cancelled, or invalid_csv with a `reason` and location.
 */
export async function convert(source, options = {}) {
  const total = source.size;
  if (total > MAX_BYTES)
    throw new CsvError(
      "too_large",
      `${source.name} is ${(total / 2 ** 20).toFixed(0)} MiB; files over ${MAX_BYTES / 2 ** 20} MiB are not read here`,
    );
  if (total === 0) throw new CsvError("empty", `${source.name} is empty`);
  const chunk = options.chunkSize ?? CHUNK;
  // The encoding is judged on the first HEAD bytes, the delimiter on the first lines.
  const first = await source.read(0, Math.min(Math.max(chunk, options.headBytes ?? HEAD), total));
  const { encoding, bom } = sniffEncoding(first, first.length === total);
  const dec = decoder(encoding);
  let text = dec.push(bom ? first.subarray(bom) : first);
  let loaded = first.length;
  while (loaded < total && !/[\n\r][\s\S]*[\n\r]/.test(text)) {
    const more = await source.read(loaded, Math.min(chunk, total - loaded));
    if (!more.length) break;
    loaded += more.length;
    text += dec.push(more);
  }
  const tsv = /\.(tsv|tab)$/i.test(source.name) || encoding.startsWith("utf-16");
  const delimiter = detectDelimiter(text, tsv ? "\t" : ",");
  const parser = new RecordParser(delimiter);

  let sample = [];
  let table = null;
  let layout = null;
  const startTable = () => {
    if (!sample.length) throw new CsvError("empty", `${source.name} has no rows`);
    layout = inferLayout(
      sample.map((s) => s[0]),
      options,
    );
    if (layout.columns.length > MAX_COLUMNS)
      throw new CsvError("too_wide", `${layout.columns.length} columns; at most ${MAX_COLUMNS}`);
    table = tableBuilder(layout, options.tidy === true);
    for (const [rec, row] of layout.header ? sample.slice(1) : sample) table.push(rec, row);
    sample = null;
  };
  const onRecord = (rec, row) => {
    if (table) return table.push(rec, row);
    sample.push([rec, row]);
    if (sample.length > SAMPLE_ROWS) startTable();
  };
  for (;;) {
    if (options.signal?.aborted) throw new CsvError("cancelled", "reading was cancelled");
    parser.push(text, onRecord);
    options.onProgress?.({ loaded, total, rows: parser.row });
    if (loaded >= total) break;
    const bytes = await source.read(loaded, Math.min(chunk, total - loaded));
    if (!bytes.length) break;
    loaded += bytes.length;
    text = dec.push(bytes);
  }
  parser.push(dec.end(), onRecord);
  parser.end(onRecord);
  if (!table) startTable();
  if (layout.header && table && sample === null && parser.row <= 1 && !options.tidy)
    throw new CsvError("empty", `${source.name} has a header row but no data`);
  const meta = {
    title_zh: source.name,
    title_en: source.name,
    source: source.name,
    csv_encoding: dec.encoding,
    csv_delimiter: delimiter,
    csv_header: String(layout.header),
  };
  const out = table.finish(meta);
  Object.assign(out.report, {
    name: source.name,
    bytes: total,
    encoding: dec.encoding,
    bom: bom > 0,
    delimiter,
    header: layout.header,
    wide: layout.wide ? layout.wide.map((w) => w.label) : null,
    tidy: options.tidy === true && !!layout.wide,
  });
  if (!out.report.rows) throw new CsvError("empty", `${source.name} has a header row but no data`);
  return out;
}
