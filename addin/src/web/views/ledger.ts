// 打开台账文件: open an .xlsx (chooser or drop), pick its sheet, see the shared check's findings in a table,
// and download the file with the problems marked (the no-add-in way to mark cells).
import type { Diagnostic } from '@tuanjian/shared';
import type { Session } from '../../ui/context';
import { shanghaiToday } from '../../ui/dates';
import { type Child, h } from '../../ui/dom';
import type { Messages } from '../../ui/i18n';
import type { SheetCheck } from '../../ui/ledger-check';
import { checkNotice, checkUnit, sheetProblemsView, unitPicker } from '../../ui/ledger-view';
import { actionButton, actionRow, field, noticeView, select, stat } from '../../ui/widgets';
import type { WebContext } from '../context';
import { findingsTable } from '../diagnostics-table';
import { downloadBytes, isXlsxName, markedFileName, readFileBytes } from '../files';
import {
  checkWorkbookSheet,
  type Finding,
  findingsOf,
  markedCells,
  mergeDiagnostics,
  problemLines,
  type SortOrder,
  trackingSheetName,
  type WorkbookSheet,
} from '../ledger-file';

const TAB = 'ledger';

interface OpenedFile {
  name: string;
  bytes: ArrayBuffer;
  sheets: WorkbookSheet[];
}

/** The ledger as last checked: what an upload sends and what the marked download marks. */
export interface CheckedLedger {
  /** Changes whenever the file, sheet, unit or connection does: an upload prepared for another id is stale. */
  id: number;
  fileName: string;
  sheetName: string;
  check: SheetCheck;
}

export interface LedgerFileView {
  render(): Child;
  /** The ledger checked for the current file, sheet, unit and session; null without a file or a session. */
  current(): CheckedLedger | null;
  /** Keeps what the server found for ledger `id` (a refusal, or warnings), for the marked download. */
  noteServerFindings(id: number, diagnostics: readonly Diagnostic[]): void;
}

/** What the page's 台账文件 section remembers between renders. */
interface LedgerFileState {
  opened: OpenedFile | null;
  sheetName: string;
  /** The file being read, while it is. */
  reading: string | null;
  dragging: boolean;
  order: SortOrder;
  /** The last check, kept while its file, sheet, unit and session stay the same. */
  checked: (CheckedLedger & { session: Session; unitCode: string | null; file: OpenedFile }) | null;
  serverFindings: { id: number; diagnostics: readonly Diagnostic[] } | null;
  nextId: number;
}

function current(ctx: WebContext, state: LedgerFileState): CheckedLedger | null {
  const session = ctx.session();
  if (!state.opened || !session) return null;
  const unitCode = checkUnit(ctx, session);
  if (
    state.checked &&
    state.checked.file === state.opened &&
    state.checked.sheetName === state.sheetName &&
    state.checked.session === session &&
    state.checked.unitCode === unitCode
  ) {
    return state.checked;
  }
  const sheet = state.opened.sheets.find((each) => each.name === state.sheetName);
  if (!sheet) return null;
  const check = checkWorkbookSheet(sheet, {
    units: session.units,
    unitCode,
    today: shanghaiToday(ctx.now()),
  });
  state.checked = {
    id: state.nextId++,
    fileName: state.opened.name,
    sheetName: state.sheetName,
    check,
    session,
    unitCode,
    file: state.opened,
  };
  const notice = checkNotice(check);
  ctx.announce(notice.summary(ctx.m(), ctx.lang()));
  return state.checked;
}

async function open(ctx: WebContext, state: LedgerFileState, file: File): Promise<void> {
  if (!isXlsxName(file.name)) {
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.web.file.notXlsx(file.name) });
    return;
  }
  state.reading = file.name;
  ctx.refresh();
  try {
    const [tools, bytes] = await Promise.all([ctx.workbookTools(), readFileBytes(file)]);
    let sheets: WorkbookSheet[];
    try {
      sheets = await tools.readWorkbook(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.notify(TAB, {
        kind: 'error',
        summary: (m) => m.web.file.unreadable(file.name),
        detail: () => reason,
      });
      return;
    }
    const first = trackingSheetName(sheets);
    if (first === null) {
      ctx.notify(TAB, { kind: 'error', summary: (m) => m.web.file.noSheets(file.name) });
      return;
    }
    state.opened = { name: file.name, bytes, sheets };
    state.sheetName = first;
    state.serverFindings = null;
  } finally {
    state.reading = null;
  }
}

function choose(ctx: WebContext, state: LedgerFileState, file: File | undefined): void {
  if (file) void ctx.run(TAB, () => open(ctx, state, file));
}

/** 下载空白台账模板: the pane's template as an .xlsx, titled with the unit's name when the token has one. */
async function downloadTemplate(ctx: WebContext): Promise<void> {
  const unitName = ctx.session()?.me.unitName ?? undefined;
  const tools = await ctx.workbookTools();
  const bytes = await tools.templateWorkbook(unitName);
  const fileName = `${unitName ?? ''}团建台账（模板）.xlsx`;
  downloadBytes(bytes, fileName);
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.web.file.templateMade(fileName) });
}

async function downloadMarked(
  ctx: WebContext,
  state: LedgerFileState,
  ledger: CheckedLedger,
  file: OpenedFile,
): Promise<void> {
  const { check } = ledger;
  const fromServer = state.serverFindings?.id === ledger.id ? state.serverFindings.diagnostics : [];
  const data = mergeDiagnostics(check.diagnostics, fromServer);
  const findings: Finding[] = [
    // Sheet problems (header, columns, merges) are listed, not pinned on a cell.
    ...check.problems.map((diagnostic) => ({ diagnostic, address: null, columnOrder: -1 })),
    ...findingsOf(check, data),
  ];
  const tools = await ctx.workbookTools();
  const bytes = await tools.markedLedgerWorkbook(file.bytes, {
    sheetName: ledger.sheetName,
    cells: markedCells(check, data),
    findings: problemLines(findings),
  });
  const fileName = markedFileName(file.name);
  downloadBytes(bytes, fileName);
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.web.file.annotated(fileName) });
}

function dropZone(ctx: WebContext, state: LedgerFileState): HTMLElement {
  const m = ctx.m();
  const input = h('input', {
    type: 'file',
    class: 'input input--file',
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    on: {
      change: (event) => {
        if (!(event.target instanceof HTMLInputElement)) return;
        const file = event.target.files?.[0];
        // Cleared, so choosing the same file again (after fixing it) opens it again.
        event.target.value = '';
        choose(ctx, state, file);
      },
    },
  });
  const setDragging = (next: boolean) => {
    if (state.dragging === next) return;
    state.dragging = next;
    ctx.refresh();
  };
  return h(
    'div',
    {
      class: `dropzone${state.dragging ? ' dropzone--active' : ''}`,
      id: 'ledger-dropzone',
      on: {
        dragover: (event) => {
          event.preventDefault();
          if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        },
        dragleave: (event) => {
          if (event.relatedTarget instanceof Node && event.currentTarget instanceof Node) {
            if (event.currentTarget.contains(event.relatedTarget)) return;
          }
          setDragging(false);
        },
        drop: (event) => {
          event.preventDefault();
          setDragging(false);
          choose(ctx, state, event.dataTransfer?.files[0]);
        },
      },
    },
    field('ledger-file', m.web.file.choose, input, m.web.file.chooseHint),
    state.dragging ? h('p', { class: 'dropzone__cue', 'aria-hidden': 'true' }, m.web.file.dropHere) : null,
  );
}

function sheetPicker(ctx: WebContext, state: LedgerFileState, file: OpenedFile): Child {
  const m = ctx.m();
  if (file.sheets.length < 2) return null;
  return field(
    'ledger-sheet',
    m.web.file.sheet,
    select(
      file.sheets.map((sheet) => ({ value: sheet.name, label: sheet.name })),
      state.sheetName,
      (value) => {
        state.sheetName = value;
        ctx.refresh();
      },
    ),
    m.web.file.sheetHint,
  );
}

/** What an earlier marked download left in the opened file: its notes on the checked sheet, and 问题清单. */
function leftovers(file: OpenedFile, check: SheetCheck): { notes: number; problemsSheet: boolean } {
  const sheet = file.sheets.find((each) => each.name === check.sheetName);
  return { notes: sheet?.oldNotes ?? 0, problemsSheet: sheet?.problemsSheet ?? false };
}

/** The file is clean now, but still carries marks of an earlier download. */
function staleOnly(file: OpenedFile, check: SheetCheck): boolean {
  const old = leftovers(file, check);
  return (
    check.diagnostics.length === 0 && check.problems.length === 0 && (old.notes > 0 || old.problemsSheet)
  );
}

/** Says that the file carries marks of an earlier download, and that a new download drops the stale ones. */
function oldMarksNotice(m: Messages, file: OpenedFile, check: SheetCheck): Child {
  const old = leftovers(file, check);
  if (old.notes === 0 && !old.problemsSheet) return null;
  return h(
    'div',
    { class: 'notice notice--info', id: 'ledger-old-marks' },
    h(
      'p',
      { class: 'notice__summary' },
      staleOnly(file, check)
        ? m.web.file.oldMarksClean(old.notes, old.problemsSheet)
        : m.web.file.oldMarks(old.notes),
    ),
  );
}

function resultView(ctx: WebContext, state: LedgerFileState, ledger: CheckedLedger, file: OpenedFile): Child {
  const m = ctx.m();
  const english = ctx.lang() === 'en';
  const { check } = ledger;
  const notice = checkNotice(check);
  return h(
    'section',
    { class: 'result', 'aria-labelledby': 'ledger-result-heading' },
    h('h3', { id: 'ledger-result-heading' }, m.ledger.resultHeading(check.sheetName)),
    h(
      'div',
      { class: `notice notice--${notice.kind}`, id: 'ledger-check-summary' },
      h('p', { class: 'notice__summary' }, notice.summary(m, ctx.lang())),
    ),
    h(
      'div',
      { class: 'stats', id: 'ledger-counts' },
      stat(m.ledger.rows, check.read.rows.length),
      stat(m.ledger.errors, check.errorCount, check.errorCount > 0 ? 'bad' : 'good'),
      stat(m.ledger.warnings, check.warningCount, check.warningCount > 0 ? 'warn' : 'plain'),
      stat(m.ledger.ready, check.validRows, 'good'),
    ),
    sheetProblemsView('ledger', check.problems, m, english),
    check.diagnostics.length > 0
      ? findingsTable({
          id: 'ledger-findings',
          caption: m.web.table.caption(check.sheetName),
          findings: findingsOf(check, check.diagnostics),
          order: state.order,
          onSort: (next) => {
            state.order = next;
            ctx.refresh();
          },
          m,
          lang: ctx.lang(),
        })
      : null,
    oldMarksNotice(m, file, check),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'ledger-download-marked',
        staleOnly(file, check) ? m.web.file.unmark : m.web.file.annotate,
        () => void ctx.run(TAB, () => downloadMarked(ctx, state, ledger, file)),
        { describedBy: 'ledger-download-marked-hint' },
      ),
    ),
    h(
      'p',
      { class: 'hint', id: 'ledger-download-marked-hint' },
      staleOnly(file, check) ? m.web.file.unmarkHint : m.web.file.annotateHint,
    ),
  );
}

function renderLedgerFileView(ctx: WebContext, state: LedgerFileState): Child {
  const m = ctx.m();
  const session = ctx.session();
  const file = state.opened;
  const ledger = current(ctx, state);
  return [
    h('h2', { class: 'panel__heading', id: 'web-ledger-heading' }, m.web.file.heading),
    h('p', { class: 'intro' }, m.web.file.intro),
    dropZone(ctx, state),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'ledger-template',
        m.web.file.template,
        () => void ctx.run(TAB, () => downloadTemplate(ctx)),
        {
          variant: 'link',
          describedBy: 'ledger-template-hint',
        },
      ),
    ),
    h('p', { class: 'hint', id: 'ledger-template-hint' }, m.web.file.templateHint),
    state.reading ? h('p', { class: 'hint', role: 'status' }, m.web.file.reading(state.reading)) : null,
    noticeView(ctx, TAB),
    file ? h('p', { class: 'unit-line', id: 'ledger-file-name' }, m.web.file.opened(file.name)) : null,
    file ? sheetPicker(ctx, state, file) : null,
    session ? unitPicker(ctx, session, m, 'ledger') : null,
    file && !session
      ? h(
          'div',
          { class: 'notice notice--info', id: 'ledger-need-connection' },
          h('p', { class: 'notice__summary' }, m.web.file.needConnection),
          actionButton(ctx, TAB, 'ledger-go-connect', m.goToConnect, () => ctx.selectTab('connect', true), {
            variant: 'link',
          }),
        )
      : null,
    ledger && file ? resultView(ctx, state, ledger, file) : null,
  ];
}

export function createLedgerFileView(ctx: WebContext): LedgerFileView {
  const state: LedgerFileState = {
    opened: null,
    sheetName: '',
    reading: null,
    dragging: false,
    order: { key: 'row', descending: false },
    checked: null,
    serverFindings: null,
    nextId: 1,
  };
  return {
    current: () => current(ctx, state),
    noteServerFindings(id, diagnostics) {
      state.serverFindings = { id, diagnostics };
    },
    render: () => renderLedgerFileView(ctx, state),
  };
}
