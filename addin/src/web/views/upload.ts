// 预检与上传: a dry run of the opened ledger (added / changed / removed), then the upload with a key kept until it
// succeeds, so a retry after a lost answer never counts twice; a refusal (422) lists the server's findings.
import type { Diagnostic, UploadResponse } from '@tuanjian/shared';
import type { ApiClientError } from '../../api/client';
import type { Session } from '../../ui/context';
import { type Child, h } from '../../ui/dom';
import { checkNotice } from '../../ui/ledger-view';
import { pendingKeptHint, uploadControls } from '../../ui/upload-controls';
import { type PendingUpload as FlowUpload, UploadFlow } from '../../ui/upload-flow';
import { diffSection } from '../../ui/upload-view';
import { noticeView, prerequisites } from '../../ui/widgets';
import type { WebContext } from '../context';
import { findingsTable } from '../diagnostics-table';
import { findingsOf, type SortOrder } from '../ledger-file';
import type { CheckedLedger, LedgerFileView } from './ledger';

const TAB = 'upload';

/** An upload waiting for the user's go, with the opened file it was read from (its id). */
type PendingUpload = FlowUpload<number>;

type Outcome =
  | { kind: 'none' }
  | { kind: 'refused'; ledger: CheckedLedger; diagnostics: Diagnostic[] }
  | { kind: 'done'; ledgerId: number; response: UploadResponse };

/** What the page's 预检与上传 section remembers between renders. */
interface WebUploadState {
  outcome: Outcome;
  flow: UploadFlow<number>;
  order: SortOrder;
  /** The ledger the section's notice speaks of: a notice about another file is not shown. */
  noticeLedgerId: number | null;
  /** The opened files (the ledger section's). */
  ledgers: LedgerFileView;
}

/** A ledger too large for one request goes in parts: say how far it has got. */
function showProgress(ctx: WebContext, sent: number, total: number): void {
  ctx.notify(TAB, { kind: 'info', summary: (m) => m.upload.sendingParts(sent, total) });
}

function unitName(session: Session, unitCode: string): string {
  return session.units.find((unit) => unit.code === unitCode)?.name ?? unitCode;
}

/** A 422 lists the server's findings. */
function showRefusal(
  ctx: WebContext,
  state: WebUploadState,
  ledger: CheckedLedger,
  error: ApiClientError,
): void {
  state.outcome = { kind: 'refused', ledger, diagnostics: error.diagnostics };
  state.ledgers.noteServerFindings(ledger.id, error.diagnostics);
  const errors = error.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  ctx.notify(TAB, { kind: 'error', summary: (m) => m.web.upload.refused(errors) });
}

async function dryRun(
  ctx: WebContext,
  state: WebUploadState,
  session: Session,
  ledger: CheckedLedger,
): Promise<void> {
  state.noticeLedgerId = ledger.id;
  state.flow.discard();
  state.outcome = { kind: 'none' };
  const { check } = ledger;
  // An empty sheet would upload as "remove every organization": never offer that from a stray sheet.
  if (check.blocked || check.unitCode === null || check.read.rows.length === 0) {
    const base = checkNotice(check);
    ctx.notify(TAB, {
      kind: 'error',
      summary: (m, lang) =>
        check.errorCount > 0 ? m.upload.localErrors(check.errorCount) : base.summary(m, lang),
    });
    return;
  }
  const request = { unitCode: check.unitCode, rows: check.read.rows };
  const result = await state.flow.preview(session.client, request, ledger.id);
  if (result.kind === 'refused') {
    showRefusal(ctx, state, ledger, result.error);
    return;
  }
  const preview = result.response;
  state.ledgers.noteServerFindings(ledger.id, preview.warnings);
  const { added, changed, removed } = preview.diff;
  const changes = added.length + changed.length + removed.length;
  ctx.notify(TAB, {
    kind: changes === 0 ? 'info' : 'success',
    summary: (m) =>
      changes === 0
        ? m.upload.nothingChanged
        : m.web.upload.previewReady(added.length, changed.length, removed.length),
  });
}

/** Sends the pending upload with its key: the first attempt and every retry. */
async function send(
  ctx: WebContext,
  state: WebUploadState,
  session: Session,
  ledger: CheckedLedger,
  upload: PendingUpload,
): Promise<void> {
  state.noticeLedgerId = ledger.id;
  const result = await state.flow.send(session.client, upload);
  if (result.kind === 'conflict') {
    // The ledger moved since the dry run (a colleague uploaded): the diff against it, to confirm again.
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.upload.ledgerChanged });
    return;
  }
  if (result.kind === 'refused') {
    showRefusal(ctx, state, ledger, result.error);
    return;
  }
  const { response } = result;
  ctx.figuresChanged?.();
  state.outcome = { kind: 'done', ledgerId: upload.origin, response };
  state.ledgers.noteServerFindings(ledger.id, response.warnings);
  const { added, changed, removed } = response.diff;
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) =>
      response.replayed
        ? m.upload.alreadyUploaded(added.length, changed.length, removed.length)
        : m.upload.done(added.length, changed.length, removed.length),
  });
}

function discard(ctx: WebContext, state: WebUploadState): void {
  state.noticeLedgerId = null;
  state.flow.discard();
  ctx.notify(TAB, { kind: 'info', summary: (m) => m.upload.discarded });
}

function warningsTable(
  ctx: WebContext,
  state: WebUploadState,
  ledger: CheckedLedger,
  warnings: Diagnostic[],
): Child {
  if (warnings.length === 0) return null;
  const m = ctx.m();
  return findingsTable({
    id: 'upload-warnings',
    caption: `${m.web.upload.warningsCaption}（${warnings.length}）`,
    findings: findingsOf(ledger.check, warnings),
    order: state.order,
    onSort: (next) => {
      state.order = next;
      ctx.refresh();
    },
    m,
    lang: ctx.lang(),
  });
}

function diffView(
  ctx: WebContext,
  state: WebUploadState,
  response: UploadResponse,
  heading: string,
  ledger: CheckedLedger,
): HTMLElement {
  return diffSection(ctx.m(), heading, response.diff, warningsTable(ctx, state, ledger, response.warnings));
}

function outcomeView(ctx: WebContext, state: WebUploadState, ledger: CheckedLedger): Child {
  const m = ctx.m();
  if (state.flow.pending)
    return diffView(ctx, state, state.flow.pending.preview, m.web.upload.previewHeading, ledger);
  switch (state.outcome.kind) {
    case 'none':
      return null;
    case 'refused':
      return h(
        'section',
        { class: 'result', 'aria-labelledby': 'upload-refused-heading' },
        h('h3', { id: 'upload-refused-heading' }, m.web.upload.refusedCaption),
        findingsTable({
          id: 'upload-refused',
          caption: m.web.upload.refusedCaption,
          findings: findingsOf(state.outcome.ledger.check, state.outcome.diagnostics),
          order: state.order,
          onSort: (next) => {
            state.order = next;
            ctx.refresh();
          },
          m,
          lang: ctx.lang(),
        }),
      );
    case 'done':
      return diffView(ctx, state, state.outcome.response, m.upload.resultHeading, ledger);
  }
}

function renderWebUploadView(ctx: WebContext, state: WebUploadState): Child {
  const m = ctx.m();
  const session = ctx.session();
  const head: Child = [
    h('h2', { class: 'panel__heading', id: 'web-upload-heading' }, m.web.upload.heading),
    h('p', { class: 'intro' }, m.web.upload.intro),
  ];
  const missing = prerequisites(ctx, TAB, { connection: true });
  if (!session || missing) return [head, missing];
  if (session.me.role === 'reader') {
    return [head, h('div', { class: 'notice notice--info' }, h('p', {}, m.upload.readerNoUpload))];
  }
  const ledger = state.ledgers.current();
  // Another file, sheet or unit since the dry run: what was previewed is not what would be sent.
  if (ledger === null || (state.flow.pending && state.flow.pending.origin !== ledger.id)) {
    state.flow.discard();
  }
  if (
    ledger === null ||
    (state.outcome.kind === 'refused' && state.outcome.ledger.id !== ledger.id) ||
    (state.outcome.kind === 'done' && state.outcome.ledgerId !== ledger.id)
  ) {
    state.outcome = { kind: 'none' };
  }
  const busy = ctx.busy(TAB);
  return [
    head,
    ledger?.check.unitCode
      ? h(
          'p',
          { class: 'unit-line', id: 'upload-unit' },
          m.upload.unitLine(unitName(session, ledger.check.unitCode)),
        )
      : null,
    ...uploadControls(ctx, TAB, state.flow, {
      preview: {
        id: 'upload-dry-run',
        label: m.web.upload.dryRun,
        run: ledger === null ? null : () => void ctx.run(TAB, () => dryRun(ctx, state, session, ledger)),
        hintId: 'upload-need-file',
      },
      send: {
        id: 'upload-send',
        label: m.web.upload.upload,
        run:
          ledger === null
            ? null
            : (upload) => void ctx.run(TAB, () => send(ctx, state, session, ledger, upload)),
      },
      discard: () => discard(ctx, state),
    }),
    ledger === null ? h('p', { class: 'hint', id: 'upload-need-file' }, m.web.upload.needFile) : null,
    busy ? h('progress', { class: 'progress__bar', 'aria-label': m.working }) : null,
    state.noticeLedgerId === null || state.noticeLedgerId === ledger?.id ? noticeView(ctx, TAB) : null,
    pendingKeptHint(ctx, state.flow),
    busy || !ledger ? null : outcomeView(ctx, state, ledger),
  ];
}

export function createWebUploadView(ctx: WebContext, ledgers: LedgerFileView): { render(): Child } {
  const state: WebUploadState = {
    outcome: { kind: 'none' },
    flow: new UploadFlow<number>('web', (sent, total) => showProgress(ctx, sent, total)),
    order: { key: 'row', descending: false },
    noticeLedgerId: null,
    ledgers: ledgers,
  };
  return { render: () => renderWebUploadView(ctx, state) };
}
