// The one error type of the CSV reader. `code` is "invalid_csv" for anything wrong with the
// file's content (the page's stable error codes are extended, never renamed), "too_large" for a
// file over the limit and "cancelled" when the reader stopped it. `reason` says which check
// failed; `row`, `column` and `value` locate the cell when there is one.

export class CsvError extends Error {
  constructor(reason, message, where = {}) {
    super(message);
    this.name = "CsvError";
    this.reason = reason;
    this.code = reason === "too_large" || reason === "cancelled" ? reason : "invalid_csv";
    Object.assign(this, where);
  }
}

/** "1,204": row numbers as a spreadsheet shows them. */
export const thousands = (n) => n.toLocaleString("en-US");

/** The located message for a cell that does not fit its column's type. */
export function badCell(row, column, value, kind) {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return new CsvError(
    "bad_cell",
    `row ${thousands(row)}, column ${column}: '${shown}' is not a ${kind}`,
    { row, column, value, kind },
  );
}
