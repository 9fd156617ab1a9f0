// What the pane's 上传 and the web page's 预检与上传 both show and decide about an upload: the diff
// (counts, then the organizations added, changed and removed), its idempotency key and which failures
// may be retried with it.
import type { Cell, UploadDiff } from '@tuanjian/shared';
import { ApiClientError } from '../api/client';
import { type Child, h } from './dom';
import type { Messages } from './i18n';
import { stat } from './widgets';

/** A random v4 UUID; crypto.randomUUID where the host has it (EdgeHTML 18 in Office 2019 does not). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Failures after which sending the same upload again is the right move (nothing on our side to fix). */
export function retryable(error: unknown): boolean {
  return (
    error instanceof ApiClientError &&
    ['network', 'timeout', 'internal', 'rate_limited', 'bad_response', 'unauthorized'].includes(error.code)
  );
}

function cellText(value: Cell, m: Messages): string {
  return value === null || value === '' ? m.upload.empty : String(value);
}

/**
 * What an upload changes: the counts, then the added, changed and removed organizations. `idPrefix` keeps
 * the ids apart where two diffs share a page (历史 beside 上传 on the web page).
 */
export function diffCounts(
  { added, changed, removed, unchanged }: UploadDiff,
  m: Messages,
  idPrefix = 'upload',
): Child[] {
  return [
    h(
      'div',
      { class: 'stats', id: `${idPrefix}-counts` },
      stat(m.upload.added, added.length, added.length > 0 ? 'good' : 'plain'),
      stat(m.upload.changed, changed.length, changed.length > 0 ? 'warn' : 'plain'),
      stat(m.upload.removed, removed.length, removed.length > 0 ? 'bad' : 'plain'),
      stat(m.upload.unchanged, unchanged),
    ),
    orgList(`${idPrefix}-added`, m.upload.addedList(added.length), added, m),
    orgList(`${idPrefix}-changed`, m.upload.changedList(changed.length), changed, m),
    // What would be removed is shown open and in red: nothing leaves the ledger unseen.
    orgList(`${idPrefix}-removed`, m.upload.removedList(removed.length), removed, m, m.upload.removedHint, {
      open: true,
      tone: 'removed',
    }),
  ];
}

/** A disclosure listing organizations of a diff (added, changed with their field changes, removed). */
export function orgList(
  id: string,
  summary: string,
  items: readonly {
    orgName: string;
    row: number | null;
    changes?: { field: string; before: Cell; after: Cell }[];
  }[],
  m: Messages,
  hint?: string,
  options: { open?: boolean; tone?: 'removed' } = {},
): Child {
  if (items.length === 0) return null;
  return h(
    'details',
    {
      class: options.tone === 'removed' ? 'disclosure disclosure--removed' : 'disclosure',
      id,
      open: options.open === true,
    },
    h('summary', {}, summary),
    hint ? h('p', { class: 'hint' }, hint) : null,
    h(
      'ul',
      { class: 'orgs' },
      items.map((item) =>
        h(
          'li',
          {},
          h('span', { class: 'orgs__name' }, item.orgName),
          h('span', { class: 'orgs__row' }, m.upload.rowRef(item.row)),
          item.changes
            ? h(
                'ul',
                { class: 'changes' },
                item.changes.map((change) =>
                  h(
                    'li',
                    {},
                    m.upload.fieldChange(change.field, cellText(change.before, m), cellText(change.after, m)),
                  ),
                ),
              )
            : null,
        ),
      ),
    ),
  );
}

/** The diff of a preview or of an upload made: heading, counts and lists, then the server's warnings. */
export function diffSection(
  m: Messages,
  heading: string,
  diff: UploadDiff,
  warnings: Child,
  idPrefix = 'upload',
): HTMLElement {
  return h(
    'section',
    { class: 'result', 'aria-labelledby': `${idPrefix}-diff-heading` },
    h('h3', { id: `${idPrefix}-diff-heading` }, heading),
    diffCounts(diff, m, idPrefix),
    warnings,
  );
}
