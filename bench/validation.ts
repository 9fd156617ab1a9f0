// Sheet reading + validation in the shared core, against a loop that only copies the cells.
import { hasErrors, readTrackingSheet, type Unit, validateRows } from '@tuanjian/shared';
import { type LedgerFactory, sheetValues } from './data';
import { median, timeSync } from './stats';

export interface ValidationFigure {
  rows: number;
  repeats: number;
  /** Median ms of readTrackingSheet + validateRows. */
  medianMs: number;
  readMs: number;
  validateMs: number;
  rowsPerSecond: number;
  /** Median ms of the copy-only loop over the same values. */
  copyMs: number;
  /** medianMs / copyMs: how many times the floor the reader costs. */
  ratio: number;
  warnings: number;
  samplesMs: number[];
}

const WARMUP_ROWS = 10_000;

/** The floor for any reader: visit every cell of every row once and copy it into a new grid. */
function copyCells(values: unknown[][]): unknown[][] {
  const copy: unknown[][] = new Array(values.length);
  for (let row = 0; row < values.length; row++) {
    const source = values[row] ?? [];
    const target: unknown[] = new Array(source.length);
    for (let column = 0; column < source.length; column++) target[column] = source[column];
    copy[row] = target;
  }
  return copy;
}

export function benchValidation(
  factory: LedgerFactory,
  units: Unit[],
  uploader: Unit,
  today: string,
  sizes: readonly { rows: number; repeats: number }[],
): ValidationFigure[] {
  const figures: ValidationFigure[] = [];
  // Steady state, as in a task pane that has validated before: let the JIT optimize the reader first.
  const warmup = sheetValues(factory.ledger(WARMUP_ROWS, uploader), units, true);
  for (let round = 0; round < 3; round++)
    validateRows(readTrackingSheet(warmup).rows, { units, uploaderUnitCode: uploader.code, today });
  for (const { rows, repeats } of sizes) {
    // Messy cells (serial dates, full-width digits, Y/N, spaced credit codes …) as people type them.
    const values = sheetValues(factory.ledger(rows, uploader), units, true);
    const run = () => {
      const read = timeSync(() => readTrackingSheet(values));
      const checked = timeSync(() =>
        validateRows(read.value.rows, { units, uploaderUnitCode: uploader.code, today }),
      );
      return { read, checked };
    };
    const warm = run();
    if (warm.read.value.rows.length !== rows || hasErrors(warm.checked.value.diagnostics))
      throw new Error(`the ${rows}-row bench sheet does not validate cleanly`);
    const totals: number[] = [];
    const reads: number[] = [];
    const validates: number[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      const { read, checked } = run();
      reads.push(read.ms);
      validates.push(checked.ms);
      totals.push(read.ms + checked.ms);
    }
    const copies: number[] = [];
    copyCells(values);
    for (let repeat = 0; repeat < Math.max(repeats, 9); repeat++)
      copies.push(timeSync(() => copyCells(values)).ms);
    const medianMs = median(totals);
    const copyMs = median(copies);
    figures.push({
      rows,
      repeats,
      medianMs,
      readMs: median(reads),
      validateMs: median(validates),
      rowsPerSecond: rows / (medianMs / 1000),
      copyMs,
      ratio: medianMs / copyMs,
      warnings: warm.checked.value.diagnostics.length,
      samplesMs: totals,
    });
  }
  return figures;
}
