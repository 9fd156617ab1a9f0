// What the pane's 上传 and the web page's 预检与上传 share about a previewed upload: what it sends (the
// removals it confirms and the ledger version its preview saw), the tick box that confirms removals,
// and the fresh preview a 409 ledger_changed brings back.
import type { SheetRow, UploadResponse, UploadSource } from '@tuanjian/shared';
import { ApiClientError } from '../api/client';
import { h } from './dom';
import type { Messages } from './i18n';

/** An upload waiting for the user's go: the dry run's answer, and the key that makes retries safe. */
export interface PreviewedUpload {
  request: { unitCode: string; rows: SheetRow[] };
  preview: UploadResponse;
  /** Kept until the upload succeeds: a retry after a lost answer is recognized by the server. */
  idempotencyKey: string;
  /** The user ticked 「我确认删除以下N个组织」 (only asked when the preview removes any). */
  removalsConfirmed: boolean;
}

/**
 * The upload's body: the previewed rows, the number of removals the user confirmed (the preview's) and
 * the version the preview was computed against. The server refuses it (409) if either no longer holds.
 */
export function uploadRequest(upload: PreviewedUpload, source: UploadSource) {
  return {
    ...upload.request,
    source,
    expectRemoved: upload.preview.diff.removed.length,
    baseVersion: upload.preview.ledgerVersion,
  };
}

/** Whether the upload may be sent: something changes, and any removal has been confirmed. */
export function readyToSend(upload: PreviewedUpload): boolean {
  const { added, changed, removed } = upload.preview.diff;
  return (
    added.length + changed.length + removed.length > 0 && (removed.length === 0 || upload.removalsConfirmed)
  );
}

/**
 * The tick box that must be ticked before an upload that removes organizations can be sent. Null when
 * the upload removes nothing.
 */
export function removalConfirmation(
  m: Messages,
  upload: PreviewedUpload,
  onChange: (confirmed: boolean) => void,
): HTMLElement | null {
  const count = upload.preview.diff.removed.length;
  if (count === 0) return null;
  const box = h('input', {
    type: 'checkbox',
    id: 'upload-confirm-removals',
    checked: upload.removalsConfirmed,
    'aria-describedby': 'upload-confirm-removals-hint',
    on: { change: () => onChange(box.checked) },
  });
  return h(
    'div',
    { class: 'confirm confirm--removals' },
    h(
      'p',
      { class: 'confirm__text', id: 'upload-confirm-removals-hint' },
      m.upload.removedConfirmNeeded(count),
    ),
    h(
      'label',
      { class: 'checkbox', for: 'upload-confirm-removals' },
      box,
      h('span', {}, m.upload.removedConfirm(count)),
    ),
  );
}

/**
 * After 409 ledger_changed, the same upload previewed against the ledger as it is now: the server's fresh
 * diff and version, a new key (the body now differs), and removals to be confirmed again. Null for any
 * other failure.
 */
export function previewAfterConflict(
  upload: PreviewedUpload,
  error: unknown,
  newKey: string,
): PreviewedUpload | null {
  if (!(error instanceof ApiClientError)) return null;
  const fresh = error.ledgerChanged;
  if (!fresh) return null;
  return {
    request: upload.request,
    preview: {
      ...upload.preview,
      uploadId: null,
      dryRun: true,
      replayed: false,
      ledgerVersion: fresh.ledgerVersion,
      baseVersion: fresh.ledgerVersion,
      diff: fresh.diff,
    },
    idempotencyKey: newKey,
    removalsConfirmed: false,
  };
}
