// 抽查 (admins): draw a month's sample as a call sheet, then submit the filled-in sheet with located problems.
import {
  type CallSheetReading,
  type CallSheetUnit,
  callSheetName,
  callSheetRows,
  callSheetSeed,
  type Diagnostic,
  readCallSheet,
} from '@tuanjian/shared';
import { cellAddress } from '../../sheet/address';
import type { ExcelPort, PaneContext, Session } from '../../ui/context';
import { pickerYears, previousMonth, shanghaiToday } from '../../ui/dates';
import { type Child, h } from '../../ui/dom';
import {
  actionButton,
  actionRow,
  diagnosticList,
  field,
  noticeView,
  prerequisites,
  select,
} from '../../ui/widgets';

const TAB = 'checks';
const SIZES = [1, 2, 3, 5, 10, 20];
const ALL = '';

/** What the 抽查 tab remembers between renders. */
interface SpotCheckState {
  year: number;
  month: number;
  /** A unit's code, or '' for every active unit. */
  unitCode: string;
  size: number;
  /** The last submitted sheet's problems, listed under it and marked in it. */
  problems: {
    sheetName: string;
    diagnostics: Diagnostic[];
    reading: CallSheetReading;
    firstColumn: number;
  } | null;
}

/** The sample of each chosen unit (one request per unit, progress on the status line), then the sheet. */
async function draw(
  ctx: PaneContext,
  state: SpotCheckState,
  excel: ExcelPort,
  session: Session,
): Promise<void> {
  state.problems = null;
  const units = session.units.filter(
    (unit) => unit.active && (state.unitCode === ALL || unit.code === state.unitCode),
  );
  const seed = callSheetSeed(state.year, state.month);
  const drawn: CallSheetUnit[] = [];
  for (const [index, unit] of units.entries()) {
    ctx.setStatus({ kind: 'info', summary: (m) => m.spotChecks.drawing(index, units.length) });
    const answer = await session.client.spotCheckSample(unit.code, state.size, seed);
    if (answer.sample.length > 0)
      drawn.push({ unitCode: unit.code, unitName: unit.name, sample: answer.sample });
  }
  ctx.setStatus(null);
  const rows = drawn.reduce((sum, unit) => sum + unit.sample.length, 0);
  if (rows === 0) {
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.spotChecks.nothingDrawn });
    return;
  }
  const sheet = await excel.writeCallSheet(
    callSheetRows(state.year, state.month, drawn),
    callSheetName(state.year, state.month),
  );
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) => m.spotChecks.written(sheet.sheetName, sheet.rowCount, drawn.length),
  });
}

/** Reads the active sheet as a call sheet; marks bad cells, or records the filled-in results. */
async function submit(
  ctx: PaneContext,
  state: SpotCheckState,
  excel: ExcelPort,
  session: Session,
): Promise<void> {
  state.problems = null;
  const values = await excel.readCallSheetValues();
  const reading = readCallSheet(values.values, values.firstRow, shanghaiToday(ctx.now()));
  if (!reading) {
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.spotChecks.notCallSheet(values.sheetName) });
    return;
  }
  const errors = reading.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  await excel.markDiagnostics(
    values.sheetName,
    reading.headerRow + 1,
    values.firstColumn,
    reading.columnIndexByKey,
    reading.diagnostics,
  );
  if (errors.length > 0) {
    state.problems = {
      sheetName: values.sheetName,
      diagnostics: reading.diagnostics,
      reading,
      firstColumn: values.firstColumn,
    };
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.spotChecks.problems(errors.length) });
    return;
  }
  if (reading.checks.length === 0) {
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.spotChecks.nothingFilled(reading.pending) });
    return;
  }
  const recorded = await session.client.recordSpotChecks(
    reading.checks.map(({ row: _row, ...check }) => check),
  );
  const untrue = recorded.checks.filter((check) => check.result === '不属实').length;
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) =>
      m.spotChecks.recorded(recorded.checks.length, untrue, recorded.alreadyRecorded, reading.pending),
  });
}

function problemsView(ctx: PaneContext, state: SpotCheckState, excel: ExcelPort): Child {
  const current = state.problems;
  if (!current) return null;
  const addressOf = (diagnostic: Diagnostic): string | null => {
    const offset =
      diagnostic.column === null ? undefined : current.reading.columnIndexByKey[diagnostic.column];
    return diagnostic.row === null || offset === undefined
      ? null
      : cellAddress(diagnostic.row, current.firstColumn + offset);
  };
  return diagnosticList(ctx, 'checks-problems', current.diagnostics, addressOf, (address) => {
    void ctx.run(TAB, () => excel.selectCell(current.sheetName, address));
  });
}

function renderSpotCheckView(ctx: PaneContext, state: SpotCheckState): Child {
  const m = ctx.m();
  const excel = ctx.excel;
  const session = ctx.session();
  const head: Child = [
    h('h2', { class: 'panel__heading' }, m.spotChecks.heading),
    h('p', { class: 'intro' }, m.spotChecks.intro),
  ];
  const missing = prerequisites(ctx, TAB, { excel: true, connection: true });
  if (!excel || !session || missing) return [head, missing];
  if (session.me.role !== 'admin') return [head, h('p', { class: 'hint' }, m.spotChecks.adminOnly)];
  return [
    head,
    h(
      'div',
      { class: 'row' },
      field(
        'checks-year',
        m.spotChecks.year,
        select(
          pickerYears(ctx.now()).map((value) => ({
            value: String(value),
            label: m.bulletin.yearOption(value),
          })),
          String(state.year),
          (value) => {
            state.year = Number(value);
            ctx.refresh();
          },
        ),
      ),
      field(
        'checks-month',
        m.spotChecks.month,
        select(
          Array.from({ length: 12 }, (_, index) => ({
            value: String(index + 1),
            label: m.bulletin.monthOption(index + 1),
          })),
          String(state.month),
          (value) => {
            state.month = Number(value);
            ctx.refresh();
          },
        ),
      ),
    ),
    h(
      'div',
      { class: 'row' },
      field(
        'checks-unit',
        m.spotChecks.unit,
        select(
          [
            { value: ALL, label: m.spotChecks.allUnits },
            ...session.units
              .filter((unit) => unit.active)
              .map((unit) => ({ value: unit.code, label: unit.name })),
          ],
          state.unitCode,
          (value) => {
            state.unitCode = value;
            ctx.refresh();
          },
        ),
      ),
      field(
        'checks-size',
        m.spotChecks.size,
        select(
          SIZES.map((size) => ({ value: String(size), label: m.spotChecks.sizeOption(size) })),
          String(state.size),
          (value) => {
            state.size = Number(value);
            ctx.refresh();
          },
        ),
      ),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'checks-draw',
        m.spotChecks.draw,
        () => void ctx.run(TAB, () => draw(ctx, state, excel, session)),
        {
          variant: 'primary',
        },
      ),
      actionButton(
        ctx,
        TAB,
        'checks-submit',
        m.spotChecks.submit,
        () => void ctx.run(TAB, () => submit(ctx, state, excel, session)),
        { describedBy: 'checks-submit-hint' },
      ),
    ),
    h('p', { class: 'hint', id: 'checks-submit-hint' }, m.spotChecks.submitHint),
    noticeView(ctx, TAB),
    problemsView(ctx, state, excel),
  ];
}

/** The 抽查 tab: the month to draw for defaults to the last ended month, three organizations per unit. */
export function createSpotCheckView(ctx: PaneContext): { render(): Child } {
  const last = previousMonth(ctx.now());
  const state: SpotCheckState = {
    year: last.year,
    month: last.month,
    unitCode: ALL,
    size: 3,
    problems: null,
  };
  return { render: () => renderSpotCheckView(ctx, state) };
}
