// Office.js round trips of the add-in's Excel layer, counted as context.sync() calls on office-addin-mock.

import { createTrackingTemplate, markDiagnostics, writeBulletinSheet } from '@tuanjian/addin/excel';
import { FakeWorkbook } from '@tuanjian/addin/excel/testing';
import {
  COLUMNS,
  type ColumnKey,
  hasErrors,
  readTrackingSheet,
  renderBulletin,
  type SummaryResponse,
  type Unit,
  validateRows,
} from '@tuanjian/shared';
import { type LedgerFactory, sheetValues } from './data';

export interface RoundTripFigure {
  operation: string;
  syncs: number;
  /** What the code under test says it took (its own count), where it reports one. */
  reported: number | null;
}

const SHEET = '团建台账';

/** Installs a fresh fake host as the globals the Excel layer calls (Excel, Office). */
function installFake(sheets?: string[]): FakeWorkbook {
  const workbook = new FakeWorkbook(sheets ? { sheets } : {});
  Reflect.set(globalThis, 'Excel', workbook.root);
  Reflect.set(globalThis, 'Office', workbook.office());
  return workbook;
}

function removeFake(): void {
  Reflect.deleteProperty(globalThis, 'Excel');
  Reflect.deleteProperty(globalThis, 'Office');
}

async function counted<T>(
  workbook: FakeWorkbook,
  run: () => Promise<T>,
): Promise<{ syncs: number; value: T }> {
  const before = workbook.syncCount;
  const value = await run();
  return { syncs: workbook.syncCount - before, value };
}

/** The 40-unit bulletin with its unit table cut or repeated to `units` rows. */
function withUnits(figures: SummaryResponse, count: number): SummaryResponse {
  const source = figures.summary.units;
  const units = Array.from({ length: count }, (_, index) => {
    const unit = source[index % source.length];
    if (!unit) throw new Error('the district has units');
    return index < source.length
      ? unit
      : { ...unit, unitCode: `U${index + 1}`, unitName: `单位${index + 1}` };
  });
  const summary = { ...figures.summary, units };
  const { issueNumber, date, issuer } = figures.bulletin;
  return { summary, bulletin: renderBulletin(summary, { issueNumber, date, issuer }) };
}

export async function benchOffice(
  factory: LedgerFactory,
  units: Unit[],
  uploader: Unit,
  today: string,
  live: SummaryResponse,
): Promise<{ figures: RoundTripFigure[]; diagnostics: number; sheetRows: number }> {
  const figures: RoundTripFigure[] = [];
  try {
    // 1. A new tracking-sheet template.
    let workbook = installFake();
    const template = await counted(workbook, () => createTrackingTemplate({ unitName: uploader.name }));
    figures.push({ operation: 'create the tracking-sheet template', syncs: template.syncs, reported: null });

    // 2. 1,000 diagnostics on a 10,000-row sheet: 1,000 rows get an invalid phone number.
    const sheetRows = 10_000;
    const values = sheetValues(factory.ledger(sheetRows, uploader), units, false);
    const phone = COLUMNS.findIndex((column) => column.key === 'phone');
    let broken = 0;
    for (let index = 3; index < values.length && broken < 1000; index += 3) {
      const cells = values[index];
      if (!cells || cells[phone] === '') continue;
      cells[phone] = '12345';
      broken++;
    }
    const read = readTrackingSheet(values);
    const { diagnostics } = validateRows(read.rows, { units, uploaderUnitCode: uploader.code, today });
    if (diagnostics.length !== 1000 || !hasErrors(diagnostics))
      throw new Error(`expected 1,000 diagnostics, got ${diagnostics.length}`);
    const columnIndex: Partial<Record<ColumnKey, number>> = Object.fromEntries(
      read.columns.map((column) => [column.key, column.index]),
    );
    workbook = installFake([SHEET]);
    workbook.sheet(SHEET).setValues('A1', values);
    const firstMarks = await counted(workbook, () => markDiagnostics(SHEET, 1, 1, columnIndex, diagnostics));
    figures.push({
      operation: `mark ${diagnostics.length.toLocaleString('en-US')} diagnostics on a ${sheetRows.toLocaleString('en-US')}-row sheet (first run)`,
      syncs: firstMarks.syncs,
      reported: null,
    });
    const againMarks = await counted(workbook, () => markDiagnostics(SHEET, 1, 1, columnIndex, diagnostics));
    figures.push({
      operation: 'mark them again (the previous run’s fills and comments removed first)',
      syncs: againMarks.syncs,
      reported: null,
    });

    // 3. The bulletin: the real 40-unit one, and cut or repeated to 10 and 200 units.
    for (const unitCount of [40, 10, 200]) {
      workbook = installFake();
      const source = { year: live.summary.year, month: live.summary.month, issueNumber: null };
      const shaped = withUnits(live, unitCount);
      const first = await counted(workbook, () => writeBulletinSheet(shaped, { source }));
      figures.push({
        operation: `write a ${unitCount}-unit bulletin (new sheet)`,
        syncs: first.syncs,
        reported: first.value.syncs,
      });
      const again = await counted(workbook, () => writeBulletinSheet(shaped, { source }));
      figures.push({
        operation: `write a ${unitCount}-unit bulletin (refresh: the sheet exists)`,
        syncs: again.syncs,
        reported: again.value.syncs,
      });
    }
    return { figures, diagnostics: diagnostics.length, sheetRows };
  } finally {
    removeFake();
  }
}
