// Office.js round trips of the add-in's Excel layer, counted as context.sync() calls on office-addin-mock.

import { createTrackingTemplate, markDiagnostics, writeBulletinSheet } from '@tuanjian/addin/excel';
import { FakeWorkbook } from '@tuanjian/addin/excel/testing';
import {
  COLUMNS,
  type ColumnKey,
  type Diagnostic,
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
  /** The largest single request (one sync), as the fake estimates Office.js's JSON; Excel on the web takes 5 MB. */
  maxRequestBytes?: number;
}

/** Marks `count` cells (two per row, realistic zh-CN messages), then marks them again: syncs and largest request. */
export async function benchMarks(count: number): Promise<RoundTripFigure[]> {
  const diagnostics: Diagnostic[] = [];
  for (let index = 0; index < count; index++) {
    const column: ColumnKey = index % 2 === 0 ? 'orgName' : 'phone';
    const message =
      column === 'orgName'
        ? '组织名称“协”只有1个字，应为2–100个字'
        : '联系电话“021-5888”位数不对，应为11位手机号或带区号的固定电话';
    diagnostics.push({
      row: 2 + Math.floor(index / 2),
      column,
      header: null,
      severity: index % 3 === 0 ? 'warning' : 'error',
      code: 'BENCH',
      message,
      messageEn: message,
    });
  }
  const columnIndex: Partial<Record<ColumnKey, number>> = { orgName: 0, phone: 1 };
  const label = count.toLocaleString('en-US');
  try {
    const workbook = installFake([SHEET]);
    const figures: RoundTripFigure[] = [];
    for (const run of ['first run', 'again: the previous marks found and cleared first']) {
      workbook.requestBytes.length = 0;
      const marked = await counted(workbook, () => markDiagnostics(SHEET, 1, 1, columnIndex, diagnostics));
      figures.push({
        operation: `mark ${label} cells (${run})`,
        syncs: marked.syncs,
        reported: null,
        maxRequestBytes: workbook.maxRequestBytes,
      });
    }
    return figures;
  } finally {
    removeFake();
  }
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

    // 3. Marks alone at 100, 1,000 and 10,000 cells, with each run's largest request (issue 11).
    for (const count of [100, 1_000, 10_000]) figures.push(...(await benchMarks(count)));
    workbook = installFake();

    // 4. The bulletin: the real 40-unit one, and cut or repeated to 10 and 200 units.
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
