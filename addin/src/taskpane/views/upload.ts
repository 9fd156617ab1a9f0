// 上传: a dry run first (added / changed / removed), then the upload with progress, retries that never count twice.
import type { UploadResponse } from '@tuanjian/shared';
import type { ApiClientError } from '../../api/client';
import type { ExcelPort, PaneContext, Session } from '../../ui/context';
import { type Child, h } from '../../ui/dom';
import { describeError } from '../../ui/errors';
import { cellFinder, sameRows } from '../../ui/ledger-check';
import { checkNotice, unitPicker } from '../../ui/ledger-view';
import { pendingKeptHint, uploadControls } from '../../ui/upload-controls';
import { type PendingUpload as FlowUpload, UploadFlow } from '../../ui/upload-flow';
import type { PreviewedUpload } from '../../ui/upload-guard';
import { diffSection } from '../../ui/upload-view';
import { diagnosticList, noticeView, prerequisites, progressView } from '../../ui/widgets';
import { type CheckedSheet, checkAndMark, checkResultView, jumper } from './ledger';

const TAB = 'upload';

type Step = 'read' | 'validate' | 'dryRun' | 'upload' | 'done';
const PREVIEW_STEPS: readonly Step[] = ['read', 'validate', 'dryRun'];
const UPLOAD_STEPS: readonly Step[] = ['read', 'validate', 'upload', 'done'];

/** An upload waiting for the user's go, with the sheet it was read from (its marks, for the jump list). */
type PendingUpload = FlowUpload<CheckedSheet>;

type Outcome =
  | { kind: 'none' }
  | { kind: 'localErrors'; checked: CheckedSheet }
  | { kind: 'refused'; checked: CheckedSheet; error: ApiClientError }
  | { kind: 'done'; response: UploadResponse; checked: CheckedSheet };

/**
 * The server also warns about what only it knows (an organization another unit already reports): those
 * warnings replace the sheet's marks, so the jump list can reach them. Nothing to do without warnings.
 */
async function markWarnings(
  excel: ExcelPort,
  checked: CheckedSheet,
  response: UploadResponse,
): Promise<CheckedSheet> {
  if (response.warnings.length === 0) return checked;
  const { check } = checked;
  const marks = await excel.markDiagnostics(
    check.sheetName,
    check.firstRow,
    check.firstColumn,
    check.columnIndexByKey,
    response.warnings,
  );
  return { check, marks };
}

function _changes(upload: PreviewedUpload): number {
  const { added, changed, removed } = upload.preview.diff;
  return added.length + changed.length + removed.length;
}

/** What the 上传 tab remembers between renders. */
interface UploadState {
  step: Step | null;
  steps: readonly Step[];
  outcome: Outcome;
  flow: UploadFlow<CheckedSheet>;
}

function setStep(ctx: PaneContext, state: UploadState, next: Step): void {
  state.step = next;
  ctx.refresh();
}

/** A ledger too large for one request goes in parts: say how far it has got. */
function showProgress(ctx: PaneContext, sent: number, total: number): void {
  ctx.notify(TAB, { kind: 'info', summary: (m) => m.upload.sendingParts(sent, total) });
}

function unitName(session: Session, unitCode: string): string {
  return session.units.find((unit) => unit.code === unitCode)?.name ?? unitCode;
}

/** Read → check → (no errors) → dry run. Leaves a pending upload, or the errors to fix. */
async function preview(
  ctx: PaneContext,
  state: UploadState,
  excel: ExcelPort,
  session: Session,
  notice?: 'sheetChanged',
): Promise<void> {
  state.flow.discard();
  state.outcome = { kind: 'none' };
  state.steps = PREVIEW_STEPS;
  setStep(ctx, state, 'read');
  const checked = await readAndCheck(ctx, state, excel, session);
  const unitCode = checked.check.unitCode;
  // An empty sheet would upload as "remove every organization": never offer that from a stray sheet.
  if (checked.check.blocked || unitCode === null || checked.check.read.rows.length === 0) {
    state.outcome = { kind: 'localErrors', checked };
    state.step = null;
    const base = checkNotice(checked.check);
    ctx.notify(TAB, {
      kind: 'error',
      summary: (m, lang) =>
        checked.check.errorCount > 0 ? m.upload.localErrors(checked.check.errorCount) : base.summary(m, lang),
    });
    return;
  }
  setStep(ctx, state, 'dryRun');
  const request = { unitCode, rows: checked.check.read.rows };
  let result: Awaited<ReturnType<typeof state.flow.preview>>;
  try {
    result = await state.flow.preview(session.client, request, checked);
  } finally {
    state.step = null;
  }
  if (result.kind === 'refused') {
    await showRefusal(ctx, state, excel, checked, result.error);
    return;
  }
  const { response } = result;
  try {
    state.flow.reread(await markWarnings(excel, checked, response));
  } catch (error) {
    state.flow.discard();
    throw error;
  }
  {
    const { added, changed, removed } = response.diff;
    ctx.notify(TAB, {
      kind: added.length + changed.length + removed.length === 0 ? 'info' : 'success',
      summary: (m) =>
        notice === 'sheetChanged'
          ? m.upload.sheetChanged
          : added.length + changed.length + removed.length === 0
            ? m.upload.nothingChanged
            : m.upload.previewReady(added.length, changed.length, removed.length),
    });
  }
}

async function readAndCheck(
  ctx: PaneContext,
  state: UploadState,
  excel: ExcelPort,
  session: Session,
): Promise<CheckedSheet> {
  const sheet = await excel.readActiveSheet();
  setStep(ctx, state, 'validate');
  return checkAndMark(ctx, excel, session, sheet);
}

/** A 422 is marked on the sheet and listed. */
async function showRefusal(
  ctx: PaneContext,
  state: UploadState,
  excel: ExcelPort,
  checked: CheckedSheet,
  error: ApiClientError,
): Promise<void> {
  const { check } = checked;
  const marks = await excel.markDiagnostics(
    check.sheetName,
    check.firstRow,
    check.firstColumn,
    check.columnIndexByKey,
    error.diagnostics,
  );
  state.outcome = { kind: 'refused', checked: { check, marks }, error };
  const errors = error.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  ctx.notify(TAB, { kind: 'error', summary: (m) => m.upload.refused(errors) });
}

/** Re-reads the sheet; uploads the previewed rows when unchanged, or previews again when the sheet moved on. */
async function confirm(
  ctx: PaneContext,
  state: UploadState,
  excel: ExcelPort,
  session: Session,
  upload: PendingUpload,
): Promise<void> {
  state.steps = UPLOAD_STEPS;
  setStep(ctx, state, 'read');
  const checked = await readAndCheck(ctx, state, excel, session);
  if (
    checked.check.unitCode !== upload.request.unitCode ||
    !sameRows(checked.check.read.rows, upload.request.rows)
  ) {
    await preview(ctx, state, excel, session, 'sheetChanged');
    return;
  }
  await send(ctx, state, excel, session, { ...upload, origin: checked });
}

/** Sends the pending upload with its idempotency key: the first attempt and every retry. */
async function send(
  ctx: PaneContext,
  state: UploadState,
  excel: ExcelPort,
  session: Session,
  upload: PendingUpload,
): Promise<void> {
  state.steps = UPLOAD_STEPS;
  setStep(ctx, state, 'upload');
  let result: Awaited<ReturnType<typeof state.flow.send>>;
  try {
    result = await state.flow.send(session.client, upload);
  } catch (error) {
    state.step = null;
    throw error;
  }
  if (result.kind === 'conflict') {
    state.step = null;
    // The ledger moved since the preview (a colleague uploaded): the diff against it, to confirm again.
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.upload.ledgerChanged });
    return;
  }
  if (result.kind === 'refused') {
    state.step = null;
    await showRefusal(ctx, state, excel, upload.origin, result.error);
    return;
  }
  const { response } = result;
  ctx.figuresChanged?.();
  setStep(ctx, state, 'done');
  // The upload is in; failing to mark the server's warnings must not hide that, so it is told alongside.
  let checked = upload.origin;
  let markFailure: unknown = null;
  try {
    checked = await markWarnings(excel, upload.origin, response);
  } catch (error) {
    markFailure = error;
  }
  state.outcome = { kind: 'done', response, checked };
  const { added, changed, removed } = response.diff;
  ctx.notify(TAB, {
    kind: markFailure === null ? 'success' : 'warning',
    summary: (m) =>
      response.replayed
        ? m.upload.alreadyUploaded(added.length, changed.length, removed.length)
        : m.upload.done(added.length, changed.length, removed.length),
    detail: (m, lang) =>
      markFailure === null ? null : m.upload.warningsNotMarked(describeError(markFailure, lang).summary),
  });
}

function discard(ctx: PaneContext, state: UploadState): void {
  state.flow.discard();
  state.step = null;
  ctx.notify(TAB, { kind: 'info', summary: (m) => m.upload.discarded });
}

function diffView(
  ctx: PaneContext,
  response: UploadResponse,
  heading: string,
  excel: ExcelPort,
  checked: CheckedSheet,
): HTMLElement {
  const m = ctx.m();
  return diffSection(
    m,
    heading,
    response.diff,
    response.warnings.length > 0
      ? h(
          'details',
          { class: 'disclosure', id: 'upload-warnings' },
          h('summary', {}, m.upload.serverWarnings(response.warnings.length)),
          diagnosticList(
            ctx,
            'upload-warning',
            response.warnings,
            cellFinder(checked.marks.cells),
            jumper(ctx, TAB, excel, checked.check.sheetName),
          ),
        )
      : null,
  );
}

function outcomeView(ctx: PaneContext, state: UploadState, excel: ExcelPort): Child {
  const m = ctx.m();
  const pending = state.flow.pending;
  if (pending && state.step === null) {
    return diffView(ctx, pending.preview, m.upload.previewHeading, excel, pending.origin);
  }
  switch (state.outcome.kind) {
    case 'none':
      return null;
    case 'localErrors':
      return checkResultView(
        ctx,
        'upload',
        state.outcome.checked,
        jumper(ctx, TAB, excel, state.outcome.checked.check.sheetName),
      );
    case 'refused': {
      const { checked, error } = state.outcome;
      return h(
        'section',
        { class: 'result', 'aria-labelledby': 'upload-refused-heading' },
        h('h3', { id: 'upload-refused-heading' }, m.ledger.listHeading),
        diagnosticList(
          ctx,
          'upload-refused',
          error.diagnostics,
          cellFinder(checked.marks.cells),
          jumper(ctx, TAB, excel, checked.check.sheetName),
        ),
      );
    }
    case 'done':
      return diffView(ctx, state.outcome.response, m.upload.resultHeading, excel, state.outcome.checked);
  }
}

function renderUploadView(ctx: PaneContext, state: UploadState): Child {
  const m = ctx.m();
  const excel = ctx.excel;
  const session = ctx.session();
  const head: Child = [
    h('h2', { class: 'panel__heading' }, m.upload.heading),
    h('p', { class: 'intro' }, m.upload.intro),
  ];
  const missing = prerequisites(ctx, TAB, { excel: true, connection: true });
  if (!excel || !session || missing) return [head, missing];
  if (session.me.role === 'reader') {
    return [head, h('div', { class: 'notice notice--info' }, h('p', {}, m.upload.readerNoUpload))];
  }
  const upload = state.flow.pending;
  const busy = ctx.busy(TAB);
  const stepLabels = state.steps.map((key) => ({ key, label: m.upload.steps[key] }));
  return [
    head,
    unitPicker(ctx, session, m, 'upload'),
    upload
      ? h('p', { class: 'unit-line' }, m.upload.unitLine(unitName(session, upload.request.unitCode)))
      : null,
    ...uploadControls(ctx, TAB, state.flow, {
      preview: {
        id: 'upload-preview',
        label: m.upload.preview,
        run: () => void ctx.run(TAB, () => preview(ctx, state, excel, session)),
      },
      send: {
        id: 'upload-confirm',
        label: m.upload.confirm,
        // The first send re-reads the sheet (previewing again if it moved on); a retry sends as it is.
        run: (upload) =>
          void ctx.run(TAB, () =>
            state.flow.canRetry
              ? send(ctx, state, excel, session, upload)
              : confirm(ctx, state, excel, session, upload),
          ),
      },
      discard: () => discard(ctx, state),
    }),
    busy && state.step
      ? progressView(m.upload.progressLabel, stepLabels, state.step, m.upload.stepNow)
      : null,
    noticeView(ctx, TAB),
    pendingKeptHint(ctx, state.flow),
    busy ? null : outcomeView(ctx, state, excel),
  ];
}

export function createUploadView(ctx: PaneContext): { render(): Child } {
  const state: UploadState = {
    step: null,
    steps: PREVIEW_STEPS,
    outcome: { kind: 'none' },
    flow: new UploadFlow<CheckedSheet>('addin', (sent, total) => showProgress(ctx, sent, total)),
  };
  return { render: () => renderUploadView(ctx, state) };
}
