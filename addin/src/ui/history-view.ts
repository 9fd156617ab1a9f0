// 历史 (the pane's tab and the page's section): a unit's uploads newest first, one opened with its full diff,
// and the restore of the ledger as it stood after it — a dry run first, removals confirmed with their count,
// a 409 ledger_changed previewed again, retries under the same key — as the upload does it.
import {
  COLUMNS,
  type LedgerRecord,
  type UploadDetail,
  type UploadRecord,
  type UploadSource,
} from '@tuanjian/shared';
import type { PaneContext, Session } from './context';
import { whenText } from './dates';
import { type Child, h } from './dom';
import type { Lang, Messages } from './i18n';
import { type PreviewedUpload, previewAfterConflict, readyToSend, removalConfirmation } from './upload-guard';
import { diffSection, newIdempotencyKey, retryable } from './upload-view';
import { actionButton, actionRow, field, noticeView, prerequisites, select } from './widgets';

const TAB = 'history';

/** A previewed restore: the dry run's answer and key (as an upload's), and the upload it brings back. */
interface PendingRestore extends PreviewedUpload {
  target: UploadRecord;
}

/** What 历史 remembers between renders. */
interface HistoryState {
  /** Where restores are made from (history shows it). */
  surface: UploadSource;
  /** The admin's chosen unit ('' = none yet); a unit token always sees its own. */
  unitCode: string;
  list: { unitCode: string; uploads: UploadRecord[] } | null;
  detail: UploadDetail | null;
  restore: PendingRestore | null;
  /** The last restore failed in a way sending it again (same key) can fix. */
  canRetry: boolean;
}

function unitOf(session: Session, state: HistoryState): string {
  return session.me.role === 'unit' ? (session.me.unitCode ?? '') : state.unitCode;
}

function unitName(session: Session, unitCode: string): string {
  return session.units.find((unit) => unit.code === unitCode)?.name ?? unitCode;
}

async function loadList(ctx: PaneContext, state: HistoryState, session: Session): Promise<void> {
  const unitCode = unitOf(session, state);
  if (unitCode === '') {
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.history.unitPick });
    return;
  }
  const uploads = await session.client.uploads(unitCode);
  state.list = { unitCode, uploads };
  if (state.detail && !uploads.some((upload) => upload.id === state.detail?.upload.id)) state.detail = null;
  if (uploads.length === 0) ctx.notify(TAB, { kind: 'info', summary: (m) => m.history.empty });
}

async function openUpload(state: HistoryState, session: Session, upload: UploadRecord): Promise<void> {
  state.restore = null;
  state.canRetry = false;
  state.detail = await session.client.uploadDetail(upload.id);
}

/** The restore's dry run: what bringing the upload's ledger back would add, change and remove. */
async function previewRestore(
  ctx: PaneContext,
  state: HistoryState,
  session: Session,
  target: UploadRecord,
): Promise<void> {
  state.restore = null;
  state.canRetry = false;
  const preview = await session.client.restore(target.id, {}, { dryRun: true });
  const { added, changed, removed } = preview.diff;
  const changes = added.length + changed.length + removed.length;
  state.restore = {
    request: { unitCode: target.unitCode, rows: [] },
    preview,
    idempotencyKey: newIdempotencyKey(),
    removalsConfirmed: false,
    target,
  };
  ctx.notify(TAB, {
    kind: changes === 0 ? 'info' : 'success',
    summary: (m) =>
      changes === 0
        ? m.history.restoreNothing(target.version)
        : m.history.restoreReady(added.length, changed.length, removed.length),
  });
}

/**
 * The restore itself, with the removals and the version its dry run showed. A 409 ledger_changed brings the
 * fresh diff back to confirm again; a failure a retry can fix keeps the restore and its key.
 */
async function sendRestore(
  ctx: PaneContext,
  state: HistoryState,
  session: Session,
  pending: PendingRestore,
): Promise<void> {
  state.canRetry = false;
  let response: Awaited<ReturnType<typeof session.client.restore>>;
  try {
    response = await session.client.restore(
      pending.target.id,
      {
        source: state.surface,
        expectRemoved: pending.preview.diff.removed.length,
        baseVersion: pending.preview.ledgerVersion,
      },
      { dryRun: false, idempotencyKey: pending.idempotencyKey },
    );
  } catch (error) {
    if (retryable(error)) {
      state.canRetry = true;
      throw error;
    }
    // The ledger moved since the dry run (an upload came in): the diff against it, to confirm again.
    const fresh = previewAfterConflict(pending, error, newIdempotencyKey());
    if (!fresh) {
      state.restore = null;
      throw error;
    }
    state.restore = { ...fresh, target: pending.target };
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.upload.ledgerChanged });
    // The upload that moved the ledger belongs in the list too.
    state.list = {
      unitCode: pending.target.unitCode,
      uploads: await session.client.uploads(pending.target.unitCode),
    };
    return;
  }
  state.restore = null;
  const { added, changed, removed } = response.diff;
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) => m.history.restored(pending.target.version, added.length, changed.length, removed.length),
  });
  ctx.figuresChanged?.();
  await loadList(ctx, state, session);
}

function unitPicker(ctx: PaneContext, state: HistoryState, session: Session, m: Messages): Child {
  if (session.me.role !== 'admin') return null;
  const options = [
    { value: '', label: m.history.unitPick },
    ...session.units
      .filter((unit) => unit.active)
      .map((unit) => ({ value: unit.code, label: `${unit.name}（${unit.code}）` })),
  ];
  return field(
    'history-unit',
    m.history.unit,
    select(options, state.unitCode, (value) => {
      state.unitCode = value;
      state.list = null;
      state.detail = null;
      state.restore = null;
      ctx.refresh();
    }),
  );
}

function uploadTable(
  ctx: PaneContext,
  state: HistoryState,
  session: Session,
  list: { unitCode: string; uploads: UploadRecord[] },
  m: Messages,
): Child {
  if (list.uploads.length === 0) return null;
  const versionOf = (id: string) => list.uploads.find((upload) => upload.id === id)?.version;
  return h(
    'section',
    { class: 'result', 'aria-labelledby': 'history-list-heading' },
    h('h3', { id: 'history-list-heading' }, m.history.listHeading(unitName(session, list.unitCode))),
    h(
      'table',
      { class: 'table history', id: 'history-list' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, m.history.version),
          h('th', { scope: 'col' }, m.history.when),
          h('th', { scope: 'col' }, m.history.source),
          h('th', { scope: 'col' }, m.history.counts),
          h('th', { scope: 'col' }, ''),
        ),
      ),
      h(
        'tbody',
        {},
        list.uploads.map((upload) => {
          const restored = upload.restoredFrom === null ? undefined : versionOf(upload.restoredFrom);
          return h(
            'tr',
            {
              id: `history-v${upload.version}`,
              class: state.detail?.upload.id === upload.id ? 'history__row--open' : null,
            },
            h('td', {}, m.history.versionLabel(upload.version)),
            h('td', {}, whenText(upload.createdAt, ctx.lang())),
            h(
              'td',
              {},
              m.history.sources[upload.source],
              upload.restoredFrom === null
                ? null
                : h(
                    'span',
                    { class: 'hint' },
                    ` · ${m.history.restoreOf(restored === undefined ? upload.restoredFrom : m.history.versionLabel(restored))}`,
                  ),
              upload.uploadedBy === null
                ? null
                : h('div', { class: 'hint history__by' }, m.history.uploadedBy(upload.uploadedBy)),
            ),
            h('td', {}, `${upload.added} / ${upload.changed} / ${upload.removed}`),
            h(
              'td',
              {},
              actionButton(
                ctx,
                TAB,
                `history-open-v${upload.version}`,
                m.history.open,
                () => void ctx.run(TAB, () => openUpload(state, session, upload)),
                { variant: 'link' },
              ),
            ),
          );
        }),
      ),
    ),
  );
}

function restoreControls(ctx: PaneContext, state: HistoryState, session: Session, m: Messages): Child {
  const pending = state.restore;
  if (!pending) return null;
  const busy = ctx.busy(TAB);
  const { added, changed, removed } = pending.preview.diff;
  const changes = added.length + changed.length + removed.length;
  return [
    diffSection(
      m,
      m.history.restorePreviewHeading(pending.target.version),
      pending.preview.diff,
      null,
      'restore',
    ),
    busy || state.canRetry
      ? null
      : removalConfirmation(m, pending, (confirmed) => {
          if (state.restore === pending) state.restore = { ...pending, removalsConfirmed: confirmed };
          ctx.refresh();
        }),
    actionRow(
      changes > 0 && !state.canRetry
        ? actionButton(
            ctx,
            TAB,
            'history-restore-confirm',
            m.history.restoreConfirm,
            () => void ctx.run(TAB, () => sendRestore(ctx, state, session, pending)),
            {
              variant: 'primary',
              disabled: !readyToSend(pending),
              describedBy: readyToSend(pending) ? undefined : 'upload-confirm-removals-hint',
            },
          )
        : null,
      state.canRetry
        ? actionButton(
            ctx,
            TAB,
            'history-restore-retry',
            m.retry,
            () => void ctx.run(TAB, () => sendRestore(ctx, state, session, pending)),
            { variant: 'primary' },
          )
        : null,
      busy
        ? null
        : actionButton(
            ctx,
            TAB,
            'history-restore-discard',
            m.history.discard,
            () => {
              state.restore = null;
              state.canRetry = false;
              ctx.notify(TAB, { kind: 'info', summary: (mm) => mm.history.restoreDiscarded });
            },
            { variant: 'link' },
          ),
    ),
  ];
}

/** A record's every filled column but its name, as 「header：value」 (history keeps added and removed rows whole). */
export function recordLine(record: LedgerRecord, lang: Lang): string {
  const parts: string[] = [];
  for (const column of COLUMNS) {
    const { key } = column;
    if (key === 'unit' || key === 'orgName') continue;
    const value = record[key];
    if (value === null) continue;
    const yes = lang === 'en' ? 'Yes' : '是';
    const no = lang === 'en' ? 'No' : '否';
    const text = typeof value === 'boolean' ? (value ? yes : no) : String(value);
    parts.push(lang === 'en' ? `${column.headerEn}: ${text}` : `${column.header}：${text}`);
  }
  return parts.join(lang === 'en' ? '; ' : '；');
}

/** The added or removed rows of an upload in full, closed until asked for. */
function fullRecords(
  id: string,
  summary: string,
  records: readonly LedgerRecord[],
  m: Messages,
  lang: Lang,
): Child {
  if (records.length === 0) return null;
  return h(
    'details',
    { class: 'disclosure', id },
    h('summary', {}, summary),
    h(
      'ul',
      { class: 'orgs' },
      records.map((record) =>
        h(
          'li',
          {},
          h('span', { class: 'orgs__name' }, record.orgName),
          h('span', { class: 'orgs__row' }, m.upload.rowRef(record.row)),
          h('p', { class: 'hint' }, recordLine(record, lang)),
        ),
      ),
    ),
  );
}

function detailView(ctx: PaneContext, state: HistoryState, session: Session, m: Messages): Child {
  const detail = state.detail;
  if (!detail) return null;
  const { upload } = detail;
  return [
    diffSection(
      m,
      m.history.detailHeading(upload.version, whenText(upload.createdAt, ctx.lang())),
      detail.diff,
      detail.legacy
        ? h('p', { class: 'hint' }, m.history.legacy)
        : [
            fullRecords(
              'history-added-full',
              m.history.addedFull(detail.diff.added.length),
              detail.diff.added,
              m,
              ctx.lang(),
            ),
            fullRecords(
              'history-removed-full',
              m.history.removedFull(detail.diff.removed.length),
              detail.diff.removed,
              m,
              ctx.lang(),
            ),
          ],
      'history',
    ),
    state.restore?.target.id === upload.id
      ? null
      : actionRow(
          actionButton(
            ctx,
            TAB,
            'history-restore-preview',
            m.history.restorePreview,
            () => void ctx.run(TAB, () => previewRestore(ctx, state, session, upload)),
          ),
        ),
  ];
}

function renderHistoryView(ctx: PaneContext, state: HistoryState): Child {
  const m = ctx.m();
  const session = ctx.session();
  const head: Child = [
    h('h2', { class: 'panel__heading' }, m.history.heading),
    h('p', { class: 'intro' }, m.history.intro),
  ];
  const missing = prerequisites(ctx, TAB, { connection: true });
  if (!session || missing) return [head, missing];
  if (session.me.role === 'reader') return [head, h('p', { class: 'hint' }, m.history.readerNo)];
  const list = state.list?.unitCode === unitOf(session, state) ? state.list : null;
  return [
    head,
    unitPicker(ctx, state, session, m),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'history-load',
        list ? m.history.reload : m.history.load,
        () => void ctx.run(TAB, () => loadList(ctx, state, session)),
        { variant: list ? 'secondary' : 'primary', disabled: unitOf(session, state) === '' },
      ),
    ),
    noticeView(ctx, TAB),
    list ? uploadTable(ctx, state, session, list, m) : null,
    detailView(ctx, state, session, m),
    restoreControls(ctx, state, session, m),
  ];
}

/** 历史 for the pane (`surface` 'addin') or the web page ('web'). */
export function createHistoryView(ctx: PaneContext, surface: UploadSource): { render(): Child } {
  const state: HistoryState = {
    surface,
    unitCode: '',
    list: null,
    detail: null,
    restore: null,
    canRetry: false,
  };
  return { render: () => renderHistoryView(ctx, state) };
}
