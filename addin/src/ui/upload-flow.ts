// The upload as both apps run it, without any screen: a dry run leaves a pending upload; sending it uses
// the key kept until it succeeds (a retry after a lost answer never counts twice); a 409 ledger_changed
// brings a fresh preview to confirm again; a 422 is a refusal with located findings. The pane and the
// web page differ only in where the rows come from (`origin`: a checked sheet, an opened file) and how
// they show the outcome.
import type { SheetRow, UploadResponse, UploadSource } from '@tuanjian/shared';
import { type ApiClient, ApiClientError } from '../api/client';
import { type PreviewedUpload, previewAfterConflict, uploadRequest } from './upload-guard';
import { newIdempotencyKey, retryable } from './upload-view';

/** A previewed upload and where its rows came from. */
export interface PendingUpload<O> extends PreviewedUpload {
  origin: O;
}

export type PreviewResult =
  | { kind: 'ready'; response: UploadResponse }
  | { kind: 'refused'; error: ApiClientError };

export type SendResult =
  | { kind: 'done'; response: UploadResponse }
  /** The ledger moved since the preview: `pending` now holds the fresh diff, to confirm again. */
  | { kind: 'conflict' }
  | { kind: 'refused'; error: ApiClientError };

/** A 422 validation_failed is an answer to show; any other failure is thrown on. */
function refusal(error: unknown): { kind: 'refused'; error: ApiClientError } {
  if (error instanceof ApiClientError && error.code === 'validation_failed')
    return { kind: 'refused', error };
  throw error;
}

export class UploadFlow<O> {
  /** The upload waiting for the user's go, if any. */
  pending: PendingUpload<O> | null = null;
  /** Set when the last attempt failed in a way sending the same upload again can fix. */
  canRetry = false;

  constructor(
    private readonly surface: UploadSource,
    /** A ledger too large for one request goes in parts: how far it has got. */
    private readonly onProgress: (sentRows: number, totalRows: number) => void,
  ) {}

  /** The dry run: a pending upload with a new key, or the server's refusal. Other failures are thrown. */
  async preview(
    client: ApiClient,
    request: { unitCode: string; rows: SheetRow[] },
    origin: O,
  ): Promise<PreviewResult> {
    this.discard();
    let response: UploadResponse;
    try {
      response = await client.upload(request, { dryRun: true, onProgress: this.onProgress });
    } catch (error) {
      return refusal(error);
    }
    this.pending = {
      request,
      preview: response,
      idempotencyKey: newIdempotencyKey(),
      removalsConfirmed: false,
      origin,
    };
    return { kind: 'ready', response };
  }

  /**
   * Sends `upload` (the pending one by default) with its key: the first attempt and every retry. A
   * retryable failure is thrown with `canRetry` set and the upload kept pending.
   */
  async send(client: ApiClient, upload: PendingUpload<O> | null = this.pending): Promise<SendResult> {
    if (!upload) throw new Error('there is no previewed upload to send');
    this.pending = upload;
    this.canRetry = false;
    let response: UploadResponse;
    try {
      response = await client.upload(uploadRequest(upload, this.surface), {
        dryRun: false,
        idempotencyKey: upload.idempotencyKey,
        onProgress: this.onProgress,
      });
    } catch (error) {
      if (retryable(error)) {
        this.canRetry = true;
        throw error;
      }
      // The ledger moved since the preview (a colleague uploaded): the diff against it, to confirm again.
      const fresh = previewAfterConflict(upload, error, newIdempotencyKey());
      if (fresh) {
        this.pending = { ...fresh, origin: upload.origin };
        return { kind: 'conflict' };
      }
      this.pending = null;
      return refusal(error);
    }
    this.pending = null;
    return { kind: 'done', response };
  }

  /** The user ticked (or unticked) 「我确认删除以下N个组织」 for this upload. */
  confirmRemovals(upload: PendingUpload<O>, confirmed: boolean): void {
    if (this.pending === upload) this.pending = { ...upload, removalsConfirmed: confirmed };
  }

  /** The pending upload's rows were read again (unchanged): keep it, with the new origin. */
  reread(origin: O): void {
    if (this.pending) this.pending = { ...this.pending, origin };
  }

  discard(): void {
    this.pending = null;
    this.canRetry = false;
  }
}
