// Which text encoding a CSV is in, from its first bytes, and a streaming decoder for the rest.
// Excel on a Chinese Windows machine writes GBK ("ANSI"), or UTF-8 with a BOM ("CSV UTF-8"), or
// UTF-16 LE with a BOM ("Unicode text", tab-separated). Without a BOM, bytes that are valid
// UTF-8 are read as UTF-8, anything else as GB18030 (a superset of GBK and GB2312); the
// platform's TextDecoder does the decoding (browsers, and Node 20 built with full ICU).
import { CsvError } from "./errors.js";

const SNIFF = 64 * 1024;

/**
 * Picks the encoding of `head` (the file's first bytes; `complete` when that is the whole file).
 * Returns { encoding, bom } where bom is the number of BOM bytes to skip.
 * @throws {CsvError} binary content: a NUL byte or too many control characters.
 */
export function sniffEncoding(head, complete = false) {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: "utf-8", bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  const probe = head.subarray(0, SNIFF);
  const nul = probe.indexOf(0);
  if (nul >= 0)
    throw new CsvError(
      "binary",
      `not a text file: byte ${nul} is 0x00 (a binary file, or UTF-16 without a byte-order mark)`,
    );
  let controls = 0;
  for (const b of probe) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) controls++;
  if (controls > Math.max(2, probe.length / 100))
    throw new CsvError(
      "binary",
      `not a text file: ${controls} control bytes in the first ${probe.length}`,
    );
  try {
    // stream: true tolerates a multi-byte character cut at the end of the probe.
    new TextDecoder("utf-8", { fatal: true }).decode(probe, {
      stream: !complete || probe.length < head.length,
    });
    return { encoding: "utf-8", bom: 0 };
  } catch {
    return { encoding: "gb18030", bom: 0 };
  }
}

/** A streaming decoder: push(bytes) → text, end() → the rest. UTF-8 is decoded strictly. */
export function decoder(encoding) {
  let td;
  try {
    td = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
  } catch {
    throw new CsvError("encoding", `this browser cannot decode ${encoding}`);
  }
  let offset = 0;
  const wrap = (fn, n) => {
    try {
      return fn();
    } catch {
      throw new CsvError(
        "encoding",
        `the file started as UTF-8 but bytes ${offset}–${offset + n} are not UTF-8; save it again as "CSV UTF-8"`,
      );
    } finally {
      offset += n;
    }
  };
  return {
    encoding: td.encoding,
    push: (bytes) => wrap(() => td.decode(bytes, { stream: true }), bytes.length),
    end: () => wrap(() => td.decode(), 0),
  };
}
