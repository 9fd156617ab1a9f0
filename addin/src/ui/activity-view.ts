// 活动台账 (issue 15), for the pane's tab and the web page's section alike: a unit's activities of its League
// organizations — the sheet (written into the workbook, or downloaded as .xlsx), its dry run with every problem
// located (marked in the workbook), the upload (removals confirmed by number), the year's activities, and the
// upload history with restore. A unit sees its own; an admin chooses the unit.
import './work.css';
import {
  ACTIVITY_COLUMNS,
  ACTIVITY_SHEET,
  type ActivityColumnKey,
  type ActivitySheetReading,
  type ActivityUploadRecord,
  type ActivityUploadRequest,
  type ActivityUploadResponse,
  activitySheetRows,
  type Diagnostic,
  type LedgerActivity,
  readActivitySheet,
  shanghaiDate,
} from '@tuanjian/shared';
import { ApiClientError } from '../api/client';
import { cellAddress } from '../sheet/address';
import type { ActivityMessages } from './activity-messages';
import type { PaneContext, Session } from './context';
import { dayText, pickerYears, whenText } from './dates';
import { type Child, h } from './dom';
import {
  actionButton,
  actionRow,
  diagnosticList,
  field,
  LIST_LIMIT,
  noticeView,
  prerequisites,
  select,
} from './widgets';
import { connectionOf, rowAction } from './work-state';

const TAB = 'activities';

export interface ActivitySheetValues {
  sheetName: string;
  values: unknown[][];
  firstRow: number;
  firstColumn: number;
}

/** Where a surface puts the activity sheet and reads the filled one from: the workbook, or an .xlsx file. */
export interface ActivitySheetPort {
  kind: 'excel' | 'file';
  /** Hands the sheet to the user; answers the name shown (the sheet's or the file's). */
  deliver(rows: (string | number | null)[][], name: string): Promise<string>;
  /** The filled sheet, or null when none was chosen. */
  collect(): Promise<ActivitySheetValues | null>;
  /**
   * Activities already in the sheet `deliver` would write (the pane's 活动台账): it is not overwritten while
   * it holds any, so nothing not yet uploaded is lost. The page downloads a new file: none.
   */
  existing?(): Promise<number>;
  /** Marks the problems' cells in the workbook (the pane; the page lists them only). */
  mark?(
    values: ActivitySheetValues,
    reading: ActivitySheetReading,
    diagnostics: readonly Diagnostic[],
  ): Promise<void>;
  jump?(sheetName: string, address: string): Promise<void>;
}

interface Problems {
  sheetName: string;
  diagnostics: Diagnostic[];
  columnIndex: Map<ActivityColumnKey, number>;
  firstColumn: number;
}

interface ActivityState {
  /** The admin's chosen unit; a unit token's own. */
  unitCode: string;
  year: number;
  loadedFor: string | null;
  ledger: { version: number; activities: LedgerActivity[] } | null;
  uploads: ActivityUploadRecord[] | null;
  /** The last dry run, with the request it checked (the upload sends the same). */
  pending: { request: ActivityUploadRequest; response: ActivityUploadResponse } | null;
  problems: Problems | null;
  /** A restore's dry run awaiting confirmation. */
  restore: { upload: ActivityUploadRecord; response: ActivityUploadResponse } | null;
}

function unitOf(state: ActivityState, session: Session): string {
  return session.me.role === 'unit' ? (session.me.unitCode ?? '') : state.unitCode;
}

function unitName(session: Session, code: string): string {
  return session.units.find((unit) => unit.code === code)?.name ?? code;
}

function loadKey(session: Session, unitCode: string): string {
  return `${connectionOf(session)}|${unitCode}`;
}

async function load(state: ActivityState, session: Session, unitCode: string): Promise<void> {
  const [ledger, history] = await Promise.all([
    session.client.activityLedger(unitCode),
    session.client.activityUploads(unitCode),
  ]);
  state.ledger = { version: ledger.version, activities: ledger.activities };
  state.uploads = history.uploads;
  state.loadedFor = loadKey(session, unitCode);
}

/** The server's located problems of a refused sheet, or null when the failure was something else. */
function diagnosticsOf(error: unknown): Diagnostic[] | null {
  if (!(error instanceof ApiClientError) || error.code !== 'validation_failed') return null;
  return error.diagnostics.length > 0 ? error.diagnostics : null;
}

async function loadNow(ctx: PaneContext, state: ActivityState, session: Session, unitCode: string) {
  await ctx.run(TAB, async () => {
    await load(state, session, unitCode);
    const version = state.ledger?.version ?? 0;
    const count = state.ledger?.activities.length ?? 0;
    ctx.notify(TAB, {
      kind: 'success',
      summary: (m) => m.activities.loaded(unitName(session, unitCode), version, count),
    });
  });
  ctx.refresh();
}

async function deliver(
  ctx: PaneContext,
  state: ActivityState,
  session: Session,
  port: ActivitySheetPort,
  unitCode: string,
) {
  await ctx.run(TAB, async () => {
    if (state.loadedFor !== loadKey(session, unitCode)) await load(state, session, unitCode);
    const already = (await port.existing?.()) ?? 0;
    if (already > 0) {
      ctx.notify(TAB, { kind: 'warning', summary: (m) => m.activities.sheetKept(ACTIVITY_SHEET, already) });
      return;
    }
    const activities = state.ledger?.activities ?? [];
    const name = unitName(session, unitCode);
    const rows = activitySheetRows(name, activities);
    const shown = await port.deliver(
      rows,
      port.kind === 'excel' ? ACTIVITY_SHEET : `${name}${ACTIVITY_SHEET}`,
    );
    ctx.notify(TAB, {
      kind: 'success',
      summary: (m) =>
        port.kind === 'excel'
          ? m.activities.sheetWritten(shown, activities.length)
          : m.activities.sheetDownloaded(shown, activities.length),
    });
  });
  ctx.refresh();
}

/** Reads the filled sheet, lists (and in the pane marks) its problems, else asks the server for a dry run. */
async function check(
  ctx: PaneContext,
  state: ActivityState,
  session: Session,
  port: ActivitySheetPort,
  unitCode: string,
) {
  await ctx.run(TAB, async () => {
    state.pending = null;
    state.problems = null;
    state.restore = null;
    const values = await port.collect();
    if (!values) return;
    const reading = readActivitySheet(values.values, values.firstRow);
    if (!reading) {
      ctx.notify(TAB, { kind: 'error', summary: (m) => m.activities.notActivitySheet(values.sheetName) });
      return;
    }
    const problems = (diagnostics: Diagnostic[]): Problems => ({
      sheetName: values.sheetName,
      diagnostics,
      columnIndex: reading.columnIndex,
      firstColumn: values.firstColumn,
    });
    const refuse = async (diagnostics: Diagnostic[]) => {
      state.problems = problems(diagnostics);
      await port.mark?.(values, reading, diagnostics);
      const count = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
      ctx.notify(TAB, { kind: 'error', summary: (m) => m.activities.sheetProblems(values.sheetName, count) });
    };
    if (reading.diagnostics.length > 0) {
      await refuse(reading.diagnostics);
      return;
    }
    if (reading.rows.length === 0) {
      ctx.notify(TAB, { kind: 'warning', summary: (m) => m.activities.emptySheet(values.sheetName) });
      return;
    }
    const request: ActivityUploadRequest = {
      unitCode,
      rows: reading.rows,
      source: port.kind === 'excel' ? 'addin' : 'web',
    };
    let response: ActivityUploadResponse;
    try {
      response = await session.client.uploadActivities(request, { dryRun: true });
    } catch (error) {
      const diagnostics = diagnosticsOf(error);
      if (!diagnostics) throw error;
      await refuse(diagnostics);
      return;
    }
    // A clean dry run clears the marks an earlier one left (warnings stay marked to be checked).
    await port.mark?.(values, reading, response.warnings);
    state.problems = response.warnings.length > 0 ? problems(response.warnings) : null;
    state.pending = { request: { ...request, baseVersion: response.version }, response };
    const { added, changed, removed, unchanged } = response.diff;
    const nothing = added.length + changed.length + removed.length === 0;
    ctx.notify(TAB, {
      kind: 'success',
      summary: (m) =>
        nothing
          ? m.activities.nothingChanged
          : m.activities.checked(added.length, changed.length, removed.length, unchanged),
    });
  });
  ctx.refresh();
}

async function uploadPending(ctx: PaneContext, state: ActivityState, session: Session, unitCode: string) {
  const pending = state.pending;
  if (!pending) return;
  await ctx.run(TAB, async () => {
    try {
      const removed = pending.response.diff.removed.length;
      const answer = await session.client.uploadActivities(
        { ...pending.request, expectRemoved: removed },
        { dryRun: false, idempotencyKey: crypto.randomUUID() },
      );
      state.pending = null;
      state.problems = null;
      await load(state, session, unitCode);
      ctx.figuresChanged?.();
      const { added, changed } = answer.diff;
      ctx.notify(TAB, {
        kind: 'success',
        summary: (m) =>
          answer.replayed
            ? m.activities.alreadyUploaded(answer.version)
            : m.activities.uploaded(answer.version, added.length, changed.length, answer.diff.removed.length),
      });
    } catch (error) {
      if (!(error instanceof ApiClientError) || error.code !== 'ledger_changed') throw error;
      state.pending = null;
      ctx.notify(TAB, { kind: 'warning', summary: (m) => m.activities.moved });
    }
  });
  ctx.refresh();
}

async function restoreCheck(
  ctx: PaneContext,
  state: ActivityState,
  session: Session,
  upload: ActivityUploadRecord,
) {
  await ctx.run(TAB, async () => {
    state.pending = null;
    const response = await session.client.restoreActivities(upload.id, {}, { dryRun: true });
    state.restore = { upload, response };
    const { added, changed, removed } = response.diff;
    ctx.notify(TAB, {
      kind: 'info',
      summary: (m) => m.activities.restoreCheck(upload.version, added.length, changed.length, removed.length),
    });
  });
  ctx.refresh();
}

async function restoreConfirm(
  ctx: PaneContext,
  state: ActivityState,
  session: Session,
  unitCode: string,
  source: 'addin' | 'web',
) {
  const restore = state.restore;
  if (!restore) return;
  await ctx.run(TAB, async () => {
    try {
      const answer = await session.client.restoreActivities(
        restore.upload.id,
        {
          expectRemoved: restore.response.diff.removed.length,
          baseVersion: restore.response.version,
          source,
        },
        { dryRun: false },
      );
      state.restore = null;
      await load(state, session, unitCode);
      ctx.figuresChanged?.();
      ctx.notify(TAB, {
        kind: 'success',
        summary: (m) => m.activities.restored(answer.version, restore.upload.version),
      });
    } catch (error) {
      if (!(error instanceof ApiClientError) || error.code !== 'ledger_changed') throw error;
      state.restore = null;
      ctx.notify(TAB, { kind: 'warning', summary: (m) => m.activities.moved });
    }
  });
  ctx.refresh();
}

function pendingBlock(
  ctx: PaneContext,
  state: ActivityState,
  session: Session,
  unitCode: string,
  t: ActivityMessages,
): Child {
  const pending = state.pending;
  if (!pending) return null;
  const { diff } = pending.response;
  const removed = diff.removed;
  const changes = diff.added.length + diff.changed.length + removed.length;
  return h(
    'div',
    { class: 'activity-pending', id: 'activity-pending' },
    removed.length > 0
      ? [
          h('p', {}, t.removedHeading(removed.length)),
          h(
            'ul',
            { id: 'activity-removed' },
            removed
              .slice(0, LIST_LIMIT)
              .map((activity) =>
                h('li', {}, `${dayText(activity.heldOn, ctx.lang())} ${activity.orgName}“${activity.title}”`),
              ),
          ),
        ]
      : null,
    changes > 0
      ? actionRow(
          actionButton(
            ctx,
            TAB,
            'activity-upload',
            t.upload,
            () => void uploadPending(ctx, state, session, unitCode),
            {
              variant: 'primary',
            },
          ),
        )
      : null,
  );
}

/** A day of the year the list is headed by: 11月15日, or 11-15 in English (the pane is narrow). */
function monthDay(isoDate: string, lang: string): string {
  const [, month, day] = isoDate.split('-');
  return lang === 'en' ? `${month}-${day}` : `${Number(month)}月${Number(day)}日`;
}

function activityTable(ctx: PaneContext, state: ActivityState, t: ActivityMessages): Child {
  const year = state.year;
  const activities = (state.ledger?.activities ?? []).filter((activity) =>
    activity.heldOn.startsWith(`${year}-`),
  );
  if (activities.length === 0) return h('p', { class: 'hint', id: 'activity-list-empty' }, t.listEmpty(year));
  // Newest first; a long year shows its latest LIST_LIMIT.
  const shown = [...activities].reverse().slice(0, LIST_LIMIT);
  return [
    h('h3', { class: 'work-heading', id: 'activity-list-heading' }, t.listHeading(year, activities.length)),
    h(
      'div',
      { class: 'work-list' },
      h(
        'table',
        { class: 'table work-table', id: 'activity-list', 'aria-labelledby': 'activity-list-heading' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [t.heldOn, t.org, t.title, t.kind, t.served].map((label) => h('th', { scope: 'col' }, label)),
          ),
        ),
        h(
          'tbody',
          {},
          shown.map((activity) =>
            h(
              'tr',
              {},
              h('td', { class: 'work-cell' }, monthDay(activity.heldOn, ctx.lang())),
              h('td', {}, activity.orgName),
              h('td', {}, activity.title),
              h('td', { class: 'work-cell' }, activity.kind),
              h('td', { class: 'work-cell num' }, String(activity.served)),
            ),
          ),
        ),
      ),
    ),
    activities.length > shown.length
      ? h('p', { class: 'hint' }, t.listMore(shown.length, activities.length))
      : null,
  ];
}

function historyTable(
  ctx: PaneContext,
  state: ActivityState,
  session: Session,
  unitCode: string,
  t: ActivityMessages,
  source: 'addin' | 'web',
): Child {
  const uploads = state.uploads ?? [];
  const versionOf = new Map(uploads.map((upload) => [upload.id, upload.version]));
  const current = state.ledger?.version ?? 0;
  return [
    h('h3', { class: 'work-heading', id: 'activity-history-heading' }, t.historyHeading),
    uploads.length === 0
      ? h('p', { class: 'hint' }, t.historyEmpty)
      : h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            {
              class: 'table work-table',
              id: 'activity-history',
              'aria-labelledby': 'activity-history-heading',
            },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [t.version, t.when, t.by, t.changes, ''].map((label) => h('th', { scope: 'col' }, label)),
              ),
            ),
            h(
              'tbody',
              {},
              uploads.map((upload) => {
                const from = upload.restoredFrom ? versionOf.get(upload.restoredFrom) : undefined;
                return h(
                  'tr',
                  {},
                  h('td', {}, `${upload.version}${from === undefined ? '' : t.restoredFrom(from)}`),
                  h('td', {}, whenText(upload.createdAt, ctx.lang())),
                  h('td', {}, upload.uploadedBy ?? '—'),
                  h('td', {}, t.changeCounts(upload.added, upload.changed, upload.removed)),
                  upload.version === current
                    ? h('td', {})
                    : rowAction(t.restore, t.restoreLabel(upload.version), () => {
                        void restoreCheck(ctx, state, session, upload);
                      }),
                );
              }),
            ),
          ),
        ),
    state.restore
      ? actionRow(
          actionButton(
            ctx,
            TAB,
            'activity-restore-confirm',
            t.restoreConfirm,
            () => void restoreConfirm(ctx, state, session, unitCode, source),
            {
              variant: 'primary',
            },
          ),
          actionButton(ctx, TAB, 'activity-restore-cancel', t.restoreCancel, () => {
            state.restore = null;
            ctx.notify(TAB, null);
            ctx.refresh();
          }),
        )
      : null,
  ];
}

function renderActivityView(ctx: PaneContext, state: ActivityState, port: ActivitySheetPort | null): Child {
  const t = ctx.m().activities;
  const session = ctx.session();
  const head: Child = [
    h('h2', { class: 'panel__heading' }, t.heading),
    h('p', { class: 'intro' }, port?.kind === 'file' ? t.introFile : t.intro),
  ];
  const missing = prerequisites(ctx, TAB, { connection: true, excel: port === null });
  if (!session || missing) return [head, missing];
  if (session.me.role === 'reader') return [head, h('p', { class: 'hint' }, t.readerNone)];
  const unitCode = unitOf(state, session);
  const loaded = unitCode !== '' && state.loadedFor === loadKey(session, unitCode);
  const problems = state.problems;
  const addressOf = (diagnostic: Diagnostic): string | null => {
    if (!problems || diagnostic.row === null) return null;
    const key = [...problems.columnIndex.keys()].find((each) => headerOf(each) === diagnostic.header);
    const offset = key === undefined ? 0 : (problems.columnIndex.get(key) ?? 0);
    return cellAddress(diagnostic.row, problems.firstColumn + offset);
  };
  const source = port?.kind === 'file' ? 'web' : 'addin';
  return [
    head,
    session.me.role === 'admin'
      ? field(
          'activity-unit',
          t.unit,
          select(
            [
              { value: '', label: t.chooseUnit },
              ...session.units.map((unit) => ({ value: unit.code, label: unit.name })),
            ],
            state.unitCode,
            (value) => {
              state.unitCode = value;
              state.pending = null;
              state.problems = null;
              state.restore = null;
              ctx.notify(TAB, null);
              if (value !== '') void loadNow(ctx, state, session, value);
              else ctx.refresh();
            },
          ),
        )
      : null,
    unitCode === ''
      ? null
      : field(
          'activity-year',
          t.year,
          select(
            pickerYears(ctx.now()).map((value) => ({ value: String(value), label: t.yearOption(value) })),
            String(state.year),
            (value) => {
              state.year = Number(value);
              ctx.refresh();
            },
          ),
        ),
    unitCode === ''
      ? null
      : actionRow(
          loaded
            ? null
            : actionButton(
                ctx,
                TAB,
                'activity-load',
                t.load,
                () => void loadNow(ctx, state, session, unitCode),
              ),
          port
            ? actionButton(
                ctx,
                TAB,
                'activity-deliver',
                port.kind === 'excel' ? t.writeSheet : t.downloadSheet,
                () => void deliver(ctx, state, session, port, unitCode),
              )
            : null,
          port
            ? actionButton(
                ctx,
                TAB,
                'activity-check',
                port.kind === 'excel' ? t.check : t.checkFile,
                () => void check(ctx, state, session, port, unitCode),
                { variant: state.pending ? 'secondary' : 'primary' },
              )
            : null,
        ),
    noticeView(ctx, TAB),
    problems
      ? [
          problems.diagnostics.every((diagnostic) => diagnostic.severity === 'warning')
            ? h('p', {}, t.warnings(problems.diagnostics.length))
            : null,
          diagnosticList(ctx, 'activity-sheet', problems.diagnostics, addressOf, (address) => {
            void port?.jump?.(problems.sheetName, address);
          }),
        ]
      : null,
    pendingBlock(ctx, state, session, unitCode, t),
    loaded ? [activityTable(ctx, state, t), historyTable(ctx, state, session, unitCode, t, source)] : null,
  ];
}

function headerOf(key: ActivityColumnKey): string {
  return ACTIVITY_COLUMNS.find((column) => column.key === key)?.header ?? key;
}

export function createActivityView(ctx: PaneContext, port: ActivitySheetPort | null): { render(): Child } {
  const state: ActivityState = {
    unitCode: '',
    year: Number(shanghaiDate(ctx.now()).slice(0, 4)),
    loadedFor: null,
    ledger: null,
    uploads: null,
    pending: null,
    problems: null,
    restore: null,
  };
  return { render: () => renderActivityView(ctx, state, port) };
}

/** The pane's port: the sheet 活动台账 in the workbook (else the active sheet), its problems marked. */
export function excelActivitySheetPort(excel: NonNullable<PaneContext['excel']>): ActivitySheetPort {
  return {
    kind: 'excel',
    deliver: async (rows, name) => (await excel.writeActivitySheet(rows, name)).sheetName,
    collect: async () => {
      try {
        return await excel.readCallSheetValues(ACTIVITY_SHEET);
      } catch (error) {
        if (error instanceof excel.ExcelLayerError && error.code === 'SHEET_NOT_FOUND')
          return excel.readCallSheetValues();
        throw error;
      }
    },
    mark: async (values, reading, diagnostics) => {
      const byHeader = new Map([...reading.columnIndex].map(([key, offset]) => [headerOf(key), offset]));
      await excel.markDiagnostics(
        values.sheetName,
        reading.headerRow + 1,
        values.firstColumn,
        {},
        diagnostics,
        {
          columnIndexByHeader: byHeader,
        },
      );
    },
    existing: async () => {
      try {
        const values = await excel.readCallSheetValues(ACTIVITY_SHEET);
        return readActivitySheet(values.values, values.firstRow)?.rows.length ?? 0;
      } catch (error) {
        if (error instanceof excel.ExcelLayerError && error.code === 'SHEET_NOT_FOUND') return 0;
        throw error;
      }
    },
    jump: (sheetName, address) => excel.selectCell(sheetName, address),
  };
}
