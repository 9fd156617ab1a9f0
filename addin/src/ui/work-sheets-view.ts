// 工作记录 as sheets: where a surface puts a kind's sheet and reads the filled one from (the workbook in the
// pane, an .xlsx on the web page), and the block that writes, submits and lists a sheet's problems.
import {
  type Diagnostic,
  readWorkSheet,
  shanghaiDate,
  WORK_SHEET_KINDS,
  WORK_SHEETS,
  type WorkSheetCell,
  type WorkSheetKind,
  type WorkSheetReading,
  workSheetRows,
} from '@tuanjian/shared';
import { cellAddress } from '../sheet/address';
import type { PaneContext, Session } from './context';
import { type Child, h } from './dom';
import { actionButton, actionRow, diagnosticList, field, select } from './widgets';
import type { WorkMessages } from './work-messages';

import { load, TAB, type WorkState } from './work-state';
export interface WorkSheetValues {
  sheetName: string;
  values: unknown[][];
  firstRow: number;
  firstColumn: number;
}

/** Where a surface puts a 工作记录 sheet and reads the filled one from: the workbook, or an .xlsx file. */
export interface WorkSheetPort {
  kind: 'excel' | 'file';
  /** Hands the sheet to the user; answers the name shown (the sheet's or the file's). */
  deliver(kind: WorkSheetKind, rows: WorkSheetCell[][], sheetName: string): Promise<string>;
  /** The filled sheet (the active sheet, or the right sheet of a chosen file), or null when none was chosen. */
  collect(): Promise<WorkSheetValues | null>;
  /** Marks the problems' cells in the workbook (the pane); the page lists them only. */
  mark?(values: WorkSheetValues, reading: WorkSheetReading): Promise<void>;
  jump?(sheetName: string, address: string): Promise<void>;
}

async function deliverSheet(ctx: PaneContext, state: WorkState, session: Session, port: WorkSheetPort) {
  await ctx.run(TAB, async () => {
    const records = state.records ?? (await session.client.workRecords(state.year));
    const kind = state.sheetKind;
    const rows = workSheetRows(kind, state.year, records, session.units);
    const sheetName = `${state.year}年${WORK_SHEETS[kind].name}`;
    const name = await port.deliver(kind, rows, sheetName);
    const count = rows.length - 3;
    ctx.notify(TAB, {
      kind: 'success',
      summary: (m) =>
        port.kind === 'excel' ? m.work.sheetWritten(name, count) : m.work.sheetDownloaded(name, count),
    });
  });
  ctx.refresh();
}

/** Sends a read sheet's records: visits and meetings in batches (those already recorded are skipped by the
 * server), leader links as the year's whole list. */
async function sendSheet(session: Session, year: number, reading: WorkSheetReading) {
  const BATCH = 500;
  let added = 0;
  let already = 0;
  if (reading.kind === 'visits') {
    for (let start = 0; start < reading.visits.length; start += BATCH) {
      const answer = await session.client.recordVisits(reading.visits.slice(start, start + BATCH));
      added += answer.visits.length;
      already += answer.alreadyRecorded;
    }
  } else if (reading.kind === 'meetings') {
    for (let start = 0; start < reading.meetings.length; start += BATCH) {
      const answer = await session.client.recordMeetings(reading.meetings.slice(start, start + BATCH));
      added += answer.meetings.length;
      already += answer.alreadyRecorded;
    }
  } else {
    await session.client.setLeaderLinks(year, reading.links);
    added = reading.links.length;
  }
  return { added, already };
}

/** Reads the filled sheet, marks and lists its problems (nothing sent while any remain), else records it. */
async function submitSheet(ctx: PaneContext, state: WorkState, session: Session, port: WorkSheetPort) {
  await ctx.run(TAB, async () => {
    state.sheetProblems = null;
    const values = await port.collect();
    if (!values) return;
    const reading = readWorkSheet(values.values, values.firstRow, {
      today: shanghaiDate(ctx.now()),
      units: session.units,
    });
    if (!reading) {
      ctx.notify(TAB, { kind: 'error', summary: (m) => m.work.sheetNotFound(values.sheetName) });
      return;
    }
    // A sheet with its header and no record sends nothing: an empty 领导联系 would otherwise clear the year's links.
    if (reading.rows === 0) {
      ctx.notify(TAB, { kind: 'warning', summary: (m) => m.work.sheetEmpty(values.sheetName) });
      return;
    }
    await port.mark?.(values, reading);
    if (reading.diagnostics.length > 0) {
      state.sheetProblems = {
        sheetName: values.sheetName,
        diagnostics: reading.diagnostics,
        reading,
        firstColumn: values.firstColumn,
      };
      const count = reading.diagnostics.length;
      ctx.notify(TAB, { kind: 'error', summary: (m) => m.work.sheetProblems(values.sheetName, count) });
      return;
    }
    const { added, already } = await sendSheet(session, state.year, reading);
    await load(state, session);
    const kind = reading.kind;
    ctx.notify(TAB, {
      kind: 'success',
      summary: (m) => m.work.sheetSubmitted(WORK_SHEETS[kind].name, added, already),
    });
  });
  ctx.refresh();
}

export function sheetBlock(
  ctx: PaneContext,
  state: WorkState,
  session: Session,
  port: WorkSheetPort,
  t: WorkMessages,
): Child {
  const problems = state.sheetProblems;
  const addressOf = (diagnostic: Diagnostic): string | null => {
    if (!problems || diagnostic.row === null) return null;
    const offset = problems.reading.columnIndexByHeader.get(diagnostic.header ?? '') ?? 0;
    return cellAddress(diagnostic.row, problems.firstColumn + offset);
  };
  return h(
    'div',
    { class: 'work-sheets', id: 'work-sheets', role: 'group', 'aria-labelledby': 'work-sheets-heading' },
    h('h3', { class: 'work-heading', id: 'work-sheets-heading' }, t.sheetsHeading),
    h('p', { class: 'hint' }, port.kind === 'excel' ? t.sheetsIntroExcel : t.sheetsIntroFile),
    field(
      'work-sheet-kind',
      t.sheetKind,
      select(
        WORK_SHEET_KINDS.map((kind) => ({ value: kind, label: WORK_SHEETS[kind].name })),
        state.sheetKind,
        (value) => {
          state.sheetKind = WORK_SHEET_KINDS.find((kind) => kind === value) ?? 'visits';
          ctx.refresh();
        },
      ),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'work-sheet-deliver',
        port.kind === 'excel' ? t.writeSheet : t.downloadSheet,
        () => void deliverSheet(ctx, state, session, port),
      ),
      actionButton(
        ctx,
        TAB,
        'work-sheet-submit',
        port.kind === 'excel' ? t.submitSheet : t.submitFile,
        () => void submitSheet(ctx, state, session, port),
        { variant: 'primary' },
      ),
    ),
    problems
      ? diagnosticList(ctx, 'work-sheet', problems.diagnostics, addressOf, (address) => {
          void port.jump?.(problems.sheetName, address);
        })
      : null,
  );
}

export function excelWorkSheetPort(excel: NonNullable<PaneContext['excel']>): WorkSheetPort {
  return {
    kind: 'excel',
    deliver: async (kind, rows, sheetName) => (await excel.writeWorkSheet(kind, rows, sheetName)).sheetName,
    collect: () => excel.readCallSheetValues(),
    mark: async (values, reading) => {
      await excel.markDiagnostics(
        values.sheetName,
        reading.headerRow + 1,
        values.firstColumn,
        {},
        reading.diagnostics,
        {
          columnIndexByHeader: reading.columnIndexByHeader,
        },
      );
    },
    jump: (sheetName, address) => excel.selectCell(sheetName, address),
  };
}
