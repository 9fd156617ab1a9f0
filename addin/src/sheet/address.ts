// A1-style addresses from 1-based row and column numbers: pure sheet geometry shared by the Excel and xlsx writers.

/**
 * The column letters for a 1-based column number.
 * @example columnLetter(1) // => 'A'
 * @example columnLetter(28) // => 'AB'
 */
export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 1)
    throw new RangeError(`column must be a positive integer: ${column}`);
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** @example cellAddress(5, 3) // => 'C5' */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/**
 * A rectangular range from its top-left cell and size; a single cell when the size is 1 × 1.
 * @example rangeAddress(4, 1, 2, 16) // => 'A4:P5'
 */
export function rangeAddress(row: number, column: number, rowCount = 1, columnCount = 1): string {
  const topLeft = cellAddress(row, column);
  if (rowCount === 1 && columnCount === 1) return topLeft;
  return `${topLeft}:${cellAddress(row + rowCount - 1, column + columnCount - 1)}`;
}

/** A whole-column range: columnsAddress(11, 2) => 'K:L'. */
export function columnsAddress(column: number, columnCount = 1): string {
  return `${columnLetter(column)}:${columnLetter(column + columnCount - 1)}`;
}

/** A sheet-qualified address; the name is always quoted, so any sheet name is safe. */
export function qualified(sheetName: string, address: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${address}`;
}
