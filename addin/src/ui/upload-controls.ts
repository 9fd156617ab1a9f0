// The upload's controls as both apps show them: the removal tick box, then 预览/预检, 确认上传/上传, 重试 and
// 放弃 (each only when it applies), and the note that a failed upload is kept for a retry.
import type { PaneContext, TabId } from './context';
import { type Child, h } from './dom';
import type { PendingUpload, UploadFlow } from './upload-flow';
import { readyToSend, removalConfirmation } from './upload-guard';
import { actionButton, actionRow } from './widgets';

export interface UploadActions<O> {
  /** The dry run's button; `run` null disables it, `hintId` then says why. */
  preview: { id: string; label: string; run: (() => void) | null; hintId?: string };
  /** The send button's id and label, and what sending a pending upload does (also the retry). */
  send: { id: string; label: string; run: ((upload: PendingUpload<O>) => void) | null };
  discard: () => void;
}

function changes(upload: PendingUpload<unknown>): number {
  const { added, changed, removed } = upload.preview.diff;
  return added.length + changed.length + removed.length;
}

/** The removal tick box (when the upload removes organizations) and the row of buttons. */
export function uploadControls<O>(
  ctx: PaneContext,
  tab: TabId,
  flow: UploadFlow<O>,
  actions: UploadActions<O>,
): Child[] {
  const m = ctx.m();
  const upload = flow.pending;
  const busy = ctx.busy(tab);
  const send = actions.send.run;
  return [
    upload && !busy && !flow.canRetry
      ? removalConfirmation(m, upload, (confirmed) => {
          flow.confirmRemovals(upload, confirmed);
          ctx.refresh();
        })
      : null,
    actionRow(
      actionButton(ctx, tab, actions.preview.id, actions.preview.label, () => actions.preview.run?.(), {
        variant: upload ? 'secondary' : 'primary',
        disabled: actions.preview.run === null,
        describedBy: actions.preview.run === null ? actions.preview.hintId : undefined,
      }),
      upload && send && !flow.canRetry && changes(upload) > 0
        ? actionButton(ctx, tab, actions.send.id, actions.send.label, () => send(upload), {
            variant: 'primary',
            disabled: !readyToSend(upload),
            describedBy: readyToSend(upload) ? undefined : 'upload-confirm-removals-hint',
          })
        : null,
      upload && send && flow.canRetry
        ? actionButton(ctx, tab, 'upload-retry', m.retry, () => send(upload), { variant: 'primary' })
        : null,
      upload && !busy
        ? actionButton(ctx, tab, 'upload-discard', m.upload.discard, actions.discard, { variant: 'link' })
        : null,
    ),
  ];
}

/** After a failure a retry can fix: the upload is kept, and sending it again never counts twice. */
export function pendingKeptHint(ctx: PaneContext, flow: UploadFlow<unknown>): Child {
  return flow.pending && flow.canRetry
    ? h('p', { class: 'hint', id: 'upload-pending-kept' }, ctx.m().upload.pendingKept)
    : null;
}
