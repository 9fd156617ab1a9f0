// Writes a 2D block of values, split so no request to Excel carries more than ~4 MB (Excel on the web: 5 MB).
import { rangeAddress } from '../sheet/address';

export type CellInput = string | number | boolean | null;

/** Budget per request: Excel on the web rejects payloads over 5 MB (RequestPayloadSizeLimitExceeded). */
export const MAX_REQUEST_BYTES = 4_000_000;

const utf8 = new TextEncoder();

/**
 * Queues `values` into `sheet` with its top-left cell at (row, column), 1-based. Small blocks are a single
 * queued write and cost no sync (the caller's next sync sends them). A block whose JSON exceeds `maxBytes`
 * is cut into row slices, one range write each, and the queue is flushed with `context.sync()` before a
 * slice would push the pending request over the budget — several writes in one batch would still be one
 * oversized request. `null` is written as an empty cell (Office.js would otherwise leave the cell unchanged).
 * Returns the number of syncs it made.
 */
export async function writeValues(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  row: number,
  column: number,
  values: readonly (readonly CellInput[])[],
  maxBytes: number = MAX_REQUEST_BYTES,
): Promise<number> {
  const width = values[0]?.length ?? 0;
  if (width === 0) return 0;
  let syncs = 0;
  let sliceStart = 0;
  let sliceBytes = 0;
  const flushSlice = (end: number) => {
    if (end > sliceStart) {
      const slice = values.slice(sliceStart, end).map((cells) => cells.map((cell) => cell ?? ''));
      sheet.getRange(rangeAddress(row + sliceStart, column, end - sliceStart, width)).values = slice;
    }
    sliceStart = end;
    sliceBytes = 0;
  };
  for (let index = 0; index < values.length; index++) {
    const cells = values[index] ?? [];
    if (cells.length !== width)
      throw new RangeError(`row ${index} has ${cells.length} cells, expected ${width}`);
    const rowBytes = utf8.encode(JSON.stringify(cells)).length + 1;
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
