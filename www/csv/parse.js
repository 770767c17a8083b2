// RFC 4180 records from text that arrives in chunks: quoted fields may hold the delimiter,
// doubled quotes and line breaks (\n, \r\n or \r); a record cut by a chunk boundary is kept and
// finished by the next chunk. Rows are numbered as a spreadsheet numbers them (the first record
// is row 1, blank lines count but yield nothing), which is what located errors quote.

import { CsvError, thousands } from "./errors.js";

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class RecordParser {
  constructor(delimiter) {
    this.delim = delimiter.charCodeAt(0);
    this.carry = "";
    this.row = 0; // rows completed so far
  }

  /** Parses `text` after what came before; calls onRecord(fields, row) per complete record. */
  push(text, onRecord) {
    this.parse(this.carry ? this.carry + text : text, false, onRecord);
  }

  /** Parses what is left at the end of the input. */
  end(onRecord) {
    if (this.carry) this.parse(this.carry, true, onRecord);
    this.carry = "";
  }

  parse(s, final, onRecord) {
    const n = s.length;
    const d = this.delim;
    let i = 0;
    let start = 0;
    let fields = [];
    while (i < n) {
      // One field starting at i.
      let value;
      if (s.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let buf = "";
        for (;;) {
          const k = s.indexOf('"', j);
          if (k < 0 || (k + 1 === n && !final)) {
            if (final)
              throw new CsvError(
                "unclosed_quote",
                `row ${thousands(this.row + 1)}: a quoted field opens and never closes`,
                { row: this.row + 1 },
              );
            this.carry = s.slice(start);
            return;
          }
          if (s.charCodeAt(k + 1) === QUOTE) {
            buf += s.slice(j, k + 1);
            j = k + 2;
            continue;
          }
          buf += s.slice(j, k);
          i = k + 1;
          break;
        }
        // Text after the closing quote up to the delimiter is kept (as Excel does).
        let e = i;
        while (e < n) {
          const c = s.charCodeAt(e);
          if (c === d || c === LF || c === CR) break;
          e++;
        }
        value = e > i ? buf + s.slice(i, e) : buf;
        i = e;
      } else {
        let e = i;
        while (e < n) {
          const c = s.charCodeAt(e);
          if (c === d || c === LF || c === CR) break;
          e++;
        }
        value = s.slice(i, e);
        i = e;
      }
      fields.push(value);
      if (i >= n) {
        if (!final) {
          this.carry = s.slice(start);
          return;
        }
        this.emit(fields, onRecord);
        fields = [];
        break;
      }
      const c = s.charCodeAt(i);
      if (c === d) {
        i++;
        if (i === n && final) {
          fields.push("");
          this.emit(fields, onRecord);
          fields = [];
        }
        continue;
      }
      // End of record: \n, \r\n or \r. A \r at the chunk's end may be followed by \n.
      if (c === CR) {
        if (i + 1 === n && !final) {
          this.carry = s.slice(start);
          return;
        }
        i += s.charCodeAt(i + 1) === LF ? 2 : 1;
      } else i++;
      this.emit(fields, onRecord);
      fields = [];
      start = i;
    }
    // Out of text mid-record (e.g. right after a delimiter): finish it with the next chunk.
    this.carry = final ? "" : s.slice(start);
  }

  emit(fields, onRecord) {
    this.row++;
    if (fields.length === 1 && fields[0] === "") return; // a blank line
    onRecord(fields, this.row);
  }
}

const CANDIDATES = [",", "\t", ";", "|"];

/**
 * Guesses the delimiter from the start of the text: the candidate whose first records split into
 * the same number (> 1) of fields most consistently; ties go to more fields, then to the order
 * above (`hint`, e.g. tab for .tsv, first). A single column falls back to `hint` or ",".
 */
export function detectDelimiter(sample, hint = ",") {
  const order = [hint, ...CANDIDATES.filter((c) => c !== hint)];
  let best = { delim: hint, score: -1, width: 1 };
  for (const delim of order) {
    const counts = [];
    const p = new RecordParser(delim);
    p.push(sample.slice(0, 64 * 1024), (f) => counts.length < 30 && counts.push(f.length));
    if (!counts.length) continue;
    const freq = new Map();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [width, agree] = [...freq].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    if (width < 2) continue;
    const score = agree / counts.length;
    if (score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && width > best.width))
      best = { delim, score, width };
  }
  return best.delim;
}
