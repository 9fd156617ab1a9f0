// 重复 (admins): the organizations several units report, each unit's record side by side, whom each counts
// for (默认: 最早建团时间, or the committee's assignment), and the control to count it for another unit with a
// reason (confirmed), or to revoke that. One view for the pane's tab and the web page's section: it writes
// no sheet, so both surfaces show it alike.
import './duplicate.css';
import type { DistrictDuplicate, DuplicateRow, UnitDuplicate } from '@tuanjian/shared';
import { z } from 'zod';
import { ApiClientError } from '../api/client';
import type { PaneContext, Session } from './context';
import { dayText, whenText } from './dates';
import { type Child, h } from './dom';
import type { DuplicateMessages } from './duplicate-messages';
import type { Lang, Messages } from './i18n';
import { actionButton, actionRow, field, noticeView, prerequisites } from './widgets';

const TAB = 'duplicates';
const FIELDS = [
  'orgName',
  'creditCode',
  'status',
  'establishedOn',
  'leagueOrgType',
  'mode',
  'secretary',
  'phone',
  'checkResult',
  'firstReportedAt',
] as const;

/** An assignment being written: the duplicate, the unit it is to count for, the reason, and the step. */
interface Draft {
  orgKey: string;
  unitCode: string;
  reason: string;
  step: 'reason' | 'confirm';
  /** The reason was found missing on 下一步. */
  missing: boolean;
}

interface DuplicateState {
  list: DistrictDuplicate[] | null;
  /** The connection (server and token) the list was loaded with. */
  loadedFor: string | null;
  draft: Draft | null;
  /** The duplicate whose revoke waits for confirmation. */
  revoking: string | null;
}

function connectionOf(session: Session): string {
  return `${session.serverUrl}\u0000${session.me.tokenId}`;
}

/** Focuses an element by id once the screen has been laid out again. */
function focusLater(id: string): void {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

async function load(state: DuplicateState, session: Session): Promise<DistrictDuplicate[]> {
  const answer = await session.client.duplicates();
  // A unit token reads its own note on its desk; this screen is the district's.
  const list = answer.scope === 'district' ? answer.duplicates : [];
  state.list = list;
  state.loadedFor = connectionOf(session);
  return list;
}

const ProblemsSchema = z.object({ problems: z.array(z.object({ code: z.string() })) });

/**
 * A refusal the screen can explain better than the generic message: the duplicate is gone, or the unit
 * cannot take it. The list is loaded again for the first two (it moved under the admin's feet).
 */
export function knownRefusal(
  error: unknown,
): { text: (t: DuplicateMessages) => string; reload: boolean } | null {
  if (!(error instanceof ApiClientError)) return null;
  if (error.code === 'not_found') return { text: (t) => t.errors.gone, reload: true };
  if (error.code !== 'validation_failed') return null;
  const parsed = ProblemsSchema.safeParse(error.details);
  const code = parsed.success ? parsed.data.problems[0]?.code : undefined;
  if (code === 'duplicate.unitNotReporting') return { text: (t) => t.errors.unitNotReporting, reload: true };
  if (code === 'duplicate.notEstablished') return { text: (t) => t.errors.notEstablished, reload: false };
  if (code === 'duplicate.isDefault') return { text: (t) => t.errors.isDefault, reload: false };
  return null;
}

/** Runs a write; a known refusal becomes its own message (and a fresh list when it went stale). */
async function settle(
  ctx: PaneContext,
  state: DuplicateState,
  session: Session,
  write: () => Promise<void>,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    const known = knownRefusal(error);
    if (!known) throw error;
    state.draft = null;
    state.revoking = null;
    if (known.reload) await load(state, session);
    ctx.notify(TAB, { kind: 'error', summary: (m) => known.text(m.duplicates) });
  }
}

function unitNameIn(duplicate: DistrictDuplicate, unitCode: string | null): string {
  if (unitCode === null) return '';
  return duplicate.rows.find((row) => row.unitCode === unitCode)?.unitName ?? unitCode;
}

function cellText(row: DuplicateRow, key: (typeof FIELDS)[number], m: Messages, lang: Lang): string {
  const t = m.duplicates;
  switch (key) {
    case 'firstReportedAt':
      return whenText(row.firstReportedAt, lang);
    case 'creditCode':
      return row.creditCode ?? t.noCode;
    case 'establishedOn':
      if (row.establishedOn === null) return t.empty;
      return dayText(row.establishedOn, lang);
    default:
      return row[key] ?? t.empty;
  }
}

/** Each unit's record in a column, the fields in rows: the two (or more) reports read across. */
function sideBySide(ctx: PaneContext, duplicate: DistrictDuplicate, index: number): Child {
  const m = ctx.m();
  const t = m.duplicates;
  const lang = ctx.lang();
  return h(
    'div',
    { class: 'duplicate-scroll' },
    h(
      'table',
      { class: 'duplicate-table', id: `duplicate-${index}-table` },
      h('caption', { class: 'sr-only' }, t.tableCaption(duplicate.orgName)),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t.field),
          duplicate.rows.map((row) =>
            h(
              'th',
              {
                scope: 'col',
                class: row.unitCode === duplicate.countedFor ? 'duplicate-table__counted' : null,
                'data-unit': row.unitCode,
              },
              row.unitName,
              row.unitCode === duplicate.countedFor
                ? h('span', { class: 'duplicate-badge' }, t.countedBadge)
                : null,
            ),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        FIELDS.map((key) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, t.fields[key]),
            duplicate.rows.map((row) =>
              h(
                'td',
                { class: row.unitCode === duplicate.countedFor ? 'duplicate-table__counted' : null },
                cellText(row, key, m, lang),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function countedLine(duplicate: DistrictDuplicate, t: DuplicateMessages): string {
  if (duplicate.countedFor === null) return t.countedNone;
  const unit = unitNameIn(duplicate, duplicate.countedFor);
  return duplicate.assignment && duplicate.assignment.unitCode === duplicate.countedFor
    ? t.countedAssigned(unit)
    : t.countedDefault(unit);
}

function draftView(
  ctx: PaneContext,
  state: DuplicateState,
  session: Session,
  duplicate: DistrictDuplicate,
  index: number,
  draft: Draft,
): Child {
  const t = ctx.m().duplicates;
  const to = unitNameIn(duplicate, draft.unitCode);
  const from = unitNameIn(duplicate, duplicate.countedFor ?? duplicate.defaultUnitCode);
  const prefix = `duplicate-${index}`;
  const cancel = actionButton(ctx, TAB, `${prefix}-cancel`, t.cancel, () => {
    state.draft = null;
    ctx.refresh();
    focusLater(`${prefix}-assign-${draft.unitCode}`);
  });
  if (draft.step === 'confirm') {
    return h(
      'div',
      { class: 'confirm duplicate-confirm', role: 'group', 'aria-labelledby': `${prefix}-confirm-text` },
      h(
        'p',
        { id: `${prefix}-confirm-text`, class: 'confirm__text' },
        t.confirmText(duplicate.orgName, from, to),
      ),
      h('p', { class: 'hint', id: `${prefix}-confirm-reason` }, t.confirmReason(draft.reason.trim())),
      actionRow(
        actionButton(
          ctx,
          TAB,
          `${prefix}-confirm`,
          t.confirmAssign,
          () =>
            void ctx.run(TAB, () =>
              settle(ctx, state, session, async () => {
                const result = await session.client.assignDuplicate(
                  duplicate.orgKey,
                  draft.unitCode,
                  draft.reason,
                );
                state.draft = null;
                await load(state, session);
                // Counts and subsidies follow the assignment: the progress panel counts again.
                if (result.changed) ctx.figuresChanged?.();
                const name = duplicate.orgName;
                ctx.notify(TAB, {
                  kind: 'success',
                  summary: (m) =>
                    result.changed ? m.duplicates.assigned(name, to) : m.duplicates.unchanged(name, to),
                });
                focusLater(`duplicate-${index}-heading`);
              }),
            ),
          { variant: 'primary' },
        ),
        cancel,
      ),
    );
  }
  const reasonId = `${prefix}-reason`;
  const area = h(
    'textarea',
    {
      class: 'input duplicate-reason',
      rows: 3,
      maxlength: 500,
      required: true,
      'aria-required': 'true',
      'aria-invalid': draft.missing ? 'true' : null,
      on: {
        input: (event) => {
          if (event.target instanceof HTMLTextAreaElement) draft.reason = event.target.value;
        },
      },
    },
    draft.reason,
  );
  const next = () => {
    if (draft.reason.trim().length < 2) {
      draft.missing = true;
      ctx.refresh();
      focusLater(reasonId);
      return;
    }
    draft.missing = false;
    draft.step = 'confirm';
    ctx.refresh();
    focusLater(`${prefix}-confirm`);
  };
  return h(
    'div',
    { class: 'duplicate-draft' },
    field(reasonId, t.reasonLabel(to), area, t.reasonHint),
    draft.missing
      ? h('p', { class: 'duplicate-error', id: `${reasonId}-error`, role: 'alert' }, t.reasonRequired)
      : null,
    actionRow(actionButton(ctx, TAB, `${prefix}-next`, t.next, next, { variant: 'primary' }), cancel),
  );
}

function revokeView(
  ctx: PaneContext,
  state: DuplicateState,
  session: Session,
  duplicate: DistrictDuplicate,
  index: number,
): Child {
  const t = ctx.m().duplicates;
  const prefix = `duplicate-${index}`;
  const back = unitNameIn(duplicate, duplicate.defaultUnitCode);
  return h(
    'div',
    { class: 'confirm duplicate-confirm', role: 'group', 'aria-labelledby': `${prefix}-revoke-text` },
    h(
      'p',
      { id: `${prefix}-revoke-text`, class: 'confirm__text' },
      t.revokeConfirmText(duplicate.orgName, back),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        `${prefix}-revoke-confirm`,
        t.confirmRevoke,
        () =>
          void ctx.run(TAB, () =>
            settle(ctx, state, session, async () => {
              const result = await session.client.revokeDuplicateAssignment(duplicate.orgKey);
              state.revoking = null;
              await load(state, session);
              if (result.changed) ctx.figuresChanged?.();
              const name = duplicate.orgName;
              ctx.notify(TAB, {
                kind: 'success',
                summary: (m) =>
                  result.changed ? m.duplicates.revoked(name, back) : m.duplicates.revokeNothing(name),
              });
              focusLater(`duplicate-${index}-heading`);
            }),
          ),
        { variant: 'danger' },
      ),
      actionButton(ctx, TAB, `${prefix}-revoke-cancel`, t.cancel, () => {
        state.revoking = null;
        ctx.refresh();
        focusLater(`${prefix}-revoke`);
      }),
    ),
  );
}

/** The controls under a duplicate: count it for another unit (one button per unit that may take it), revoke. */
function controls(
  ctx: PaneContext,
  state: DuplicateState,
  session: Session,
  duplicate: DistrictDuplicate,
  index: number,
): Child {
  const t = ctx.m().duplicates;
  const prefix = `duplicate-${index}`;
  if (state.draft?.orgKey === duplicate.orgKey)
    return draftView(ctx, state, session, duplicate, index, state.draft);
  if (state.revoking === duplicate.orgKey) return revokeView(ctx, state, session, duplicate, index);
  const units = [...new Map(duplicate.rows.map((row) => [row.unitCode, row])).values()].filter(
    (row) => row.unitCode !== duplicate.countedFor && row.unitCode !== duplicate.defaultUnitCode,
  );
  const start = (unitCode: string) => {
    state.draft = { orgKey: duplicate.orgKey, unitCode, reason: '', step: 'reason', missing: false };
    state.revoking = null;
    ctx.notify(TAB, null);
    focusLater(`${prefix}-reason`);
  };
  return [
    actionRow(
      units.map((row) =>
        actionButton(
          ctx,
          TAB,
          `${prefix}-assign-${row.unitCode}`,
          t.assignTo(row.unitName),
          () => start(row.unitCode),
          {
            disabled: !row.eligible || duplicate.foundUntrue,
            describedBy: row.eligible ? undefined : `${prefix}-not-eligible-${row.unitCode}`,
          },
        ),
      ),
      duplicate.assignment
        ? actionButton(ctx, TAB, `${prefix}-revoke`, t.revoke, () => {
            state.revoking = duplicate.orgKey;
            state.draft = null;
            ctx.refresh();
            focusLater(`${prefix}-revoke-confirm`);
          })
        : null,
    ),
    units
      .filter((row) => !row.eligible)
      .map((row) =>
        h('p', { class: 'hint', id: `${prefix}-not-eligible-${row.unitCode}` }, t.notEligible(row.unitName)),
      ),
  ];
}

function duplicateCard(
  ctx: PaneContext,
  state: DuplicateState,
  session: Session,
  duplicate: DistrictDuplicate,
  index: number,
): Child {
  const t = ctx.m().duplicates;
  const headingId = `duplicate-${index}-heading`;
  const assignment = duplicate.assignment;
  return h(
    'article',
    {
      class: `card duplicate${assignment ? ' duplicate--assigned' : ''}`,
      id: `duplicate-${index}`,
      'data-org-key': duplicate.orgKey,
      'aria-labelledby': headingId,
    },
    h(
      'h3',
      { class: 'duplicate__title', id: headingId, tabindex: -1 },
      duplicate.orgName,
      h('span', { class: 'duplicate__code' }, duplicate.creditCode ?? t.noCode),
    ),
    h('p', { class: 'duplicate__counted', id: `duplicate-${index}-counted` }, countedLine(duplicate, t)),
    assignment && assignment.unitCode === duplicate.countedFor
      ? [
          h('p', { class: 'hint' }, t.defaultIs(unitNameIn(duplicate, duplicate.defaultUnitCode))),
          h(
            'p',
            { class: 'hint duplicate__reason' },
            t.assignmentLine(
              assignment.reason,
              whenText(assignment.assignedAt, ctx.lang()),
              assignment.assignedBy,
            ),
          ),
        ]
      : null,
    assignment && assignment.unitCode !== duplicate.countedFor
      ? h(
          'p',
          { class: 'hint duplicate__idle' },
          t.assignmentIdle(unitNameIn(duplicate, assignment.unitCode)),
        )
      : null,
    sideBySide(ctx, duplicate, index),
    controls(ctx, state, session, duplicate, index),
  );
}

function renderDuplicateView(ctx: PaneContext, state: DuplicateState): Child {
  const t = ctx.m().duplicates;
  const session = ctx.session();
  const head: Child = [h('h2', { class: 'panel__heading' }, t.heading), h('p', { class: 'intro' }, t.intro)];
  const missing = prerequisites(ctx, TAB, { connection: true });
  if (!session || missing) return [head, missing];
  if (session.me.role !== 'admin') return [head, h('p', { class: 'hint' }, t.adminOnly)];
  const list = state.loadedFor === connectionOf(session) ? state.list : null;
  return [
    head,
    actionRow(
      actionButton(
        ctx,
        TAB,
        'duplicates-load',
        list ? t.reload : t.load,
        () =>
          void ctx.run(TAB, async () => {
            state.draft = null;
            state.revoking = null;
            const loaded = await load(state, session);
            ctx.notify(TAB, { kind: 'success', summary: (m) => m.duplicates.loaded(loaded.length) });
          }),
        { variant: list ? 'secondary' : 'primary' },
      ),
    ),
    noticeView(ctx, TAB),
    list === null
      ? null
      : list.length === 0
        ? h('p', { class: 'hint', id: 'duplicates-none' }, t.none)
        : [
            h(
              'p',
              { class: 'hint', id: 'duplicates-overview' },
              t.overview(list.length, list.filter((duplicate) => duplicate.assignment !== null).length),
            ),
            h(
              'div',
              { class: 'duplicates', id: 'duplicates-list' },
              list.map((duplicate, index) => duplicateCard(ctx, state, session, duplicate, index)),
            ),
          ],
  ];
}

/** The 重复 view (admins). */
export function createDuplicateView(ctx: PaneContext): { render(): Child } {
  const state: DuplicateState = { list: null, loadedFor: null, draft: null, revoking: null };
  return { render: () => renderDuplicateView(ctx, state) };
}

/** A unit's note on its desk: its organizations another unit reports too, and whom each counts for. */
export function unitDuplicateNote(m: Messages, duplicates: readonly UnitDuplicate[]): Child {
  if (duplicates.length === 0) return null;
  const t = m.duplicates.unitNote;
  return h(
    'div',
    { class: 'duplicate-note', id: 'desk-duplicates', role: 'note' },
    h('h4', { class: 'duplicate-note__heading' }, t.heading(duplicates.length)),
    h('p', { class: 'hint' }, t.intro),
    h(
      'ul',
      { class: 'orgs' },
      duplicates.map((duplicate) =>
        h(
          'li',
          { 'data-org-key': duplicate.orgKey },
          t.item(duplicate.orgName, duplicate.otherUnits.map((unit) => unit.unitName).join(t.separator)),
          ' · ',
          duplicate.countedHere
            ? t.countedHere
            : duplicate.countedFor
              ? t.countedElsewhere(duplicate.countedFor.unitName)
              : t.countedNone,
          duplicate.assigned ? t.byCommittee : '',
        ),
      ),
    ),
  );
}
