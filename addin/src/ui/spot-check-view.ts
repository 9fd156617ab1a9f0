// 抽查 (admins), for the pane and the web page alike: draw a month's sample as a call sheet, then submit the
// filled-in sheet with located problems. Where the sheet goes and comes from is the surface's CallSheetPort:
// the workbook in the pane, an .xlsx download and upload on the web page.
import {
  type CallSheetReading,
  type CallSheetUnit,
  callSheetName,
  callSheetRows,
  callSheetSeed,
  type Diagnostic,
  readCallSheet,
} from '@tuanjian/shared';
import { cellAddress } from '../sheet/address';
import type { PaneContext, Session } from './context';
import { pickerYears, previousMonth, shanghaiToday } from './dates';
import { type Child, h } from './dom';
import { actionButton, actionRow, diagnosticList, field, noticeView, prerequisites, select } from './widgets';

const TAB = 'checks';
const SIZES = [1, 2, 3, 5, 10, 20];
const ALL = '';

/** A filled call sheet's cells, from sheet row `firstRow` and column `firstColumn` (1-based). */
export interface CallSheetValues {
  sheetName: string;
  values: unknown[][];
  firstRow: number;
  firstColumn: number;
}

/** Where a surface puts the call sheet and where it reads the filled one from. */
export interface CallSheetPort {
  /** 'excel': the sheet is written into the workbook and read from the active sheet; 'file': an .xlsx. */
  kind: 'excel' | 'file';
  /** Hands the sheet to the user: writes it into the workbook, or downloads it (returns the name shown). */
  deliver(rows: ReturnType<typeof callSheetRows>, sheetName: string): Promise<string>;
  /** The filled sheet's cells (the active sheet, or a chosen file's), or null when the user chose none. */
  collect(): Promise<CallSheetValues | null>;
  /** Marks the diagnosed cells in the workbook (the pane); the page lists them only. */
  mark?(values: CallSheetValues, reading: CallSheetReading): Promise<void>;
  /** Shows a cell (the pane's jump list). */
  jump?(sheetName: string, address: string): Promise<void>;
}

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
  port: CallSheetPort,
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
  const name = await port.deliver(
    callSheetRows(state.year, state.month, drawn),
    callSheetName(state.year, state.month),
  );
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) =>
      port.kind === 'excel'
        ? m.spotChecks.written(name, rows, drawn.length)
        : m.spotChecks.downloaded(name, rows, drawn.length),
  });
}

/** Reads the active sheet as a call sheet; marks bad cells, or records the filled-in results. */
async function submit(
  ctx: PaneContext,
  state: SpotCheckState,
  port: CallSheetPort,
  session: Session,
): Promise<void> {
  state.problems = null;
  const values = await port.collect();
  if (!values) return;
  const reading = readCallSheet(values.values, values.firstRow, shanghaiToday(ctx.now()));
  if (!reading) {
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.spotChecks.notCallSheet(values.sheetName) });
    return;
  }
  const errors = reading.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  await port.mark?.(values, reading);
  if (errors.length > 0) {
    state.problems = {
      sheetName: values.sheetName,
      diagnostics: reading.diagnostics,
      reading,
      firstColumn: values.firstColumn,
    };
    const marked = port.mark !== undefined;
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.spotChecks.problems(errors.length, marked) });
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
  // A 不属实 takes the organization out of the figures (a later 属实 brings it back): count again.
  if (recorded.checks.length > 0) ctx.figuresChanged?.();
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) =>
      m.spotChecks.recorded(recorded.checks.length, untrue, recorded.alreadyRecorded, reading.pending),
  });
}

function problemsView(ctx: PaneContext, state: SpotCheckState, port: CallSheetPort): Child {
  const current = state.problems;
  if (!current) return null;
  const addressOf = (diagnostic: Diagnostic): string | null => {
    const offset =
      diagnostic.column === null ? undefined : current.reading.columnIndexByKey[diagnostic.column];
    return diagnostic.row === null || offset === undefined
      ? null
      : cellAddress(diagnostic.row, current.firstColumn + offset);
  };
  const jump = port.jump;
  return diagnosticList(
    ctx,
    'checks-problems',
    current.diagnostics,
    jump ? addressOf : () => null,
    (address) => {
      if (jump) void ctx.run(TAB, () => jump(current.sheetName, address));
    },
  );
}

function renderSpotCheckView(ctx: PaneContext, state: SpotCheckState, port: CallSheetPort | null): Child {
  const m = ctx.m();
  const session = ctx.session();
  const head: Child = [
    h('h2', { class: 'panel__heading' }, m.spotChecks.heading),
    h('p', { class: 'intro' }, m.spotChecks.intro),
  ];
  const missing = prerequisites(ctx, TAB, { excel: port === null, connection: true });
  if (!port || !session || missing) return [head, missing];
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
        port.kind === 'excel' ? m.spotChecks.draw : m.spotChecks.download,
        () => void ctx.run(TAB, () => draw(ctx, state, port, session)),
        {
          variant: 'primary',
        },
      ),
      actionButton(
        ctx,
        TAB,
        'checks-submit',
        port.kind === 'excel' ? m.spotChecks.submit : m.spotChecks.submitFile,
        () => void ctx.run(TAB, () => submit(ctx, state, port, session)),
        { describedBy: 'checks-submit-hint' },
      ),
    ),
    h(
      'p',
      { class: 'hint', id: 'checks-submit-hint' },
      port.kind === 'excel' ? m.spotChecks.submitHint : m.spotChecks.submitFileHint,
    ),
    noticeView(ctx, TAB),
    problemsView(ctx, state, port),
  ];
}

/**
 * The 抽查 tab (or section): the month to draw for defaults to the last ended month, three organizations
 * per unit. `port` is null in the pane outside Excel (the tab then says it needs Excel).
 */
export function createSpotCheckView(ctx: PaneContext, port: CallSheetPort | null): { render(): Child } {
  const last = previousMonth(ctx.now());
  const state: SpotCheckState = {
    year: last.year,
    month: last.month,
    unitCode: ALL,
    size: 3,
    problems: null,
  };
  return { render: () => renderSpotCheckView(ctx, state, port) };
}

/** The pane's port: the call sheet is a sheet of the open workbook, marked where it is wrong. */
export function excelCallSheetPort(excel: NonNullable<PaneContext['excel']>): CallSheetPort {
  return {
    kind: 'excel',
    deliver: async (rows, sheetName) => (await excel.writeCallSheet(rows, sheetName)).sheetName,
    collect: () => excel.readCallSheetValues(),
    mark: async (values, reading) => {
      await excel.markDiagnostics(
        values.sheetName,
        reading.headerRow + 1,
        values.firstColumn,
        reading.columnIndexByKey,
        reading.diagnostics,
      );
    },
    jump: (sheetName, address) => excel.selectCell(sheetName, address),
  };
}
