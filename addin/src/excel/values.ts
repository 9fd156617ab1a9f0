// Writes a 2D block of values, split so no request to Excel carries more than ~4 MB (Excel on the web: 5 MB).
// Text is written as text: Excel reads a string written to `range.values` as if typed ('=1+1' a formula,
// '+2.5' a number, '51.7%' 0.517, '2026年4月1日' a date), unless the cell's number format is text (@).
import { rangeAddress } from '../sheet/address';

export type CellInput = string | number | boolean | null;

/** Budget per request: Excel on the web rejects payloads over 5 MB (RequestPayloadSizeLimitExceeded). */
export const MAX_REQUEST_BYTES = 4_000_000;

/** Excel's text number format: a string written to such a cell stays the string, as does what a user types. */
export const TEXT_FORMAT = '@';

const utf8 = new TextEncoder();

/** The JSON size of a value in UTF-8: what it adds to Office.js's request. */
function jsonBytes(value: unknown): number {
  return utf8.encode(JSON.stringify(value)).length;
}

/**
 * The number formats to write with one row: '@' for a non-empty string (text stays text), the given
 * format otherwise, null (leave the cell's format alone) where none is given; null for the whole row when
 * it changes nothing.
 */
function formatRow(
  cells: readonly CellInput[],
  formats: readonly (string | null)[] | undefined,
): (string | null)[] | null {
  let any = false;
  const row = cells.map((cell, index) => {
    const format = typeof cell === 'string' && cell !== '' ? TEXT_FORMAT : (formats?.[index] ?? null);
    if (format !== null) any = true;
    return format;
  });
  return any ? row : null;
}

export interface WriteValuesOptions {
  /** Number formats for the non-text cells, the same shape as the values (null: leave as it is). */
  formats?: readonly (readonly (string | null)[])[];
  /** Request budget in bytes (values and formats together); default MAX_REQUEST_BYTES. */
  maxBytes?: number;
}

/**
 * Queues `values` into `sheet` with its top-left cell at (row, column), 1-based. Every non-empty string is
 * written as text — its cell formatted '@' in the same request, before the value — so Excel keeps it as
 * written; numbers and booleans are written as they are, with `options.formats` where given.
 * Small blocks are one queued write (number formats, then values) and cost no sync: the caller's next sync
 * sends them. A block whose JSON exceeds the budget is cut into row slices, and the queue is flushed with
 * `context.sync()` before a slice would push the pending request over it — several writes in one batch
 * would still be one oversized request. `null` is written as an empty cell (Office.js would otherwise
 * leave the cell unchanged). Returns the number of syncs it made.
 * @example
 * await writeValues(context, sheet, 1, 1, [['单位', '完成率'], ['=1+1', 0.517]], { formats: [[null, null], [null, '0.0%']] });
 */
export async function writeValues(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  row: number,
  column: number,
  values: readonly (readonly CellInput[])[],
  options: WriteValuesOptions = {},
): Promise<number> {
  const maxBytes = options.maxBytes ?? MAX_REQUEST_BYTES;
  const width = values[0]?.length ?? 0;
  if (width === 0) return 0;
  const formats = values.map((cells, index) => formatRow(cells, options.formats?.[index]));
  let syncs = 0;
  let sliceStart = 0;
  let sliceBytes = 0;
  const flushSlice = (end: number) => {
    if (end > sliceStart) {
      const range = sheet.getRange(rangeAddress(row + sliceStart, column, end - sliceStart, width));
      const sliceFormats = formats.slice(sliceStart, end);
      // The format goes first: Excel reads a value as it arrives, under the cell's format at that moment.
      if (sliceFormats.some((cells) => cells !== null)) {
        range.numberFormat = sliceFormats.map((cells) => cells ?? Array<null>(width).fill(null));
      }
      range.values = values.slice(sliceStart, end).map((cells) => cells.map((cell) => cell ?? ''));
    }
    sliceStart = end;
    sliceBytes = 0;
  };
  for (let index = 0; index < values.length; index++) {
    const cells = values[index] ?? [];
    if (cells.length !== width)
      throw new RangeError(`row ${index} has ${cells.length} cells, expected ${width}`);
    // Counted as if every row carries its formats (a row without any still sends nulls when its slice has some).
    const rowBytes = jsonBytes(cells) + jsonBytes(formats[index] ?? Array<null>(width).fill(null)) + 2;
    if (sliceBytes + rowBytes > maxBytes && index > sliceStart) {
      flushSlice(index);
      await context.sync();
      syncs++;
    }
    sliceBytes += rowBytes;
  }
  flushSlice(values.length);
  return syncs;
}
