// 单位与令牌 (admins): units (add, rename, deactivate or reactivate, each confirmed), access tokens (issue,
// revoke, when last used) and the 开通说明 a new token is handed over with (copy, print). One view for the
// pane's tab and the web page's section: the two shells mount it alike.
import './units.css';
import type { AccessToken, UnitKind, UnitRecord } from '@tuanjian/shared';
import { UnitKindSchema } from '@tuanjian/shared';
import type { PaneContext, Session as PaneSession } from './context';
import { type Child, h } from './dom';
import type { UnitsMessages } from './units-messages';
import {
  instantText,
  lastUsedText,
  type SetupGuide,
  setupGuide,
  setupGuideText,
  unitDraftProblems,
} from './units-text';
import { actionButton, actionRow, field, noticeView, prerequisites, select, toClipboard } from './widgets';

const TAB = 'units';

type Confirm =
  | { action: 'deactivate' | 'reactivate'; code: string; name: string; from: string }
  | { action: 'revoke'; id: string; label: string; self: boolean; from: string };

/** A token just issued: its plain text lives here only, until the admin closes it. */
interface Issued {
  token: string;
  record: AccessToken;
  unitName: string | null;
  serverUrl: string;
}

/** What 单位与令牌 remembers between renders. */
interface UnitsState {
  /** The session the lists were loaded for (a new connection loads them again). */
  loadedFor: PaneSession | null;
  units: UnitRecord[];
  tokens: AccessToken[];
  draft: { code: string; name: string; kind: UnitKind };
  problems: ('code' | 'name')[];
  renaming: { code: string; before: string; name: string } | null;
  /** The 报送联系人 and phone being edited for one unit (the 报送 screen and the 催报 list show them). */
  contact: { code: string; name: string; contact: string; phone: string } | null;
  confirm: Confirm | null;
  issue: { role: 'unit' | 'reader'; unitCode: string; label: string; problem: 'label' | 'unit' | null };
  issued: Issued | null;
}

/** Focuses an element by id once the screen has been laid out again. */
function focusLater(id: string): void {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

async function load(state: UnitsState, session: PaneSession): Promise<void> {
  const [units, tokens] = await Promise.all([session.client.units(), session.client.tokens()]);
  state.units = units;
  state.tokens = tokens;
  // The other views' unit pickers read the session's units: they follow additions and renames.
  session.units = units;
}

async function addUnit(ctx: PaneContext, state: UnitsState, session: PaneSession): Promise<void> {
  const draft = { code: state.draft.code.trim(), name: state.draft.name.trim(), kind: state.draft.kind };
  state.problems = unitDraftProblems(draft);
  if (state.problems.length > 0) {
    const problems = state.problems;
    ctx.notify(TAB, {
      kind: 'error',
      summary: (m) => problems.map((problem) => m.units.problems[problem]).join(' '),
    });
    focusLater(problems[0] === 'code' ? 'units-add-code' : 'units-add-name');
    return;
  }
  const unit = await session.client.createUnit({ ...draft, active: true });
  state.draft = { code: '', name: '', kind: draft.kind };
  await load(state, session);
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.units.added(unit.name) });
}

async function saveRename(ctx: PaneContext, state: UnitsState, session: PaneSession): Promise<void> {
  const renaming = state.renaming;
  if (!renaming) return;
  const name = renaming.name.trim();
  if (unitDraftProblems({ code: renaming.code, name }).includes('name')) {
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.units.problems.name });
    focusLater('units-rename-input');
    return;
  }
  const unit = await session.client.updateUnit(renaming.code, { name });
  state.renaming = null;
  await load(state, session);
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.units.renamed(renaming.before, unit.name) });
  focusLater(`units-rename-${unit.code}`);
}

async function saveContact(ctx: PaneContext, state: UnitsState, session: PaneSession): Promise<void> {
  const editing = state.contact;
  if (!editing) return;
  // An empty text clears the contact (PATCH /units/{code}).
  await session.client.updateUnit(editing.code, {
    contact: editing.contact.trim(),
    phone: editing.phone.trim(),
  });
  state.contact = null;
  await load(state, session);
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.units.contactSaved(editing.name) });
  focusLater(`units-contact-${editing.code}`);
}

/** The unit's 报送联系人 and phone, under its name. */
function contactLine(ctx: PaneContext, unit: UnitRecord): HTMLElement {
  const t = ctx.m().units;
  const known = [unit.contact, unit.phone].filter((part) => part !== undefined && part !== '').join(' · ');
  return h('div', { class: 'units-contact' }, `${t.contactColumn}：${known === '' ? t.noContact : known}`);
}

/** The row under a unit where its 报送联系人 and phone are edited (full width: the pane is narrow). */
function contactRow(
  ctx: PaneContext,
  state: UnitsState,
  session: PaneSession,
  unit: UnitRecord,
): HTMLElement | null {
  const t = ctx.m().units;
  const editing = state.contact?.code === unit.code ? state.contact : null;
  if (!editing) return null;
  const cancel = () => {
    state.contact = null;
    ctx.refresh();
    focusLater(`units-contact-${unit.code}`);
  };
  const save = () => void ctx.run(TAB, () => saveContact(ctx, state, session));
  return h(
    'tr',
    { class: 'units-contact-row' },
    h(
      'td',
      { colspan: 5 },
      h(
        'div',
        { class: 'units-contact-form', role: 'group', 'aria-label': `${unit.name} ${t.contactColumn}` },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'units-contact-input' }, t.contactLabel),
          Object.assign(
            textInput(editing.contact, (value) => (editing.contact = value), {
              maxlength: 50,
              onEnter: save,
              onEscape: cancel,
            }),
            { id: 'units-contact-input' },
          ),
        ),
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'units-phone-input' }, t.phoneLabel),
          Object.assign(
            textInput(editing.phone, (value) => (editing.phone = value), {
              maxlength: 30,
              onEnter: save,
              onEscape: cancel,
            }),
            { id: 'units-phone-input', inputMode: 'tel' },
          ),
        ),
        actionRow(
          actionButton(ctx, TAB, 'units-contact-save', t.saveContact, save, { variant: 'primary' }),
          actionButton(ctx, TAB, 'units-contact-cancel', t.cancel, cancel),
        ),
      ),
    ),
  );
}

async function confirmed(ctx: PaneContext, state: UnitsState, session: PaneSession): Promise<void> {
  const confirm = state.confirm;
  if (!confirm) return;
  if (confirm.action === 'revoke') {
    await session.client.revokeToken(confirm.id);
    state.confirm = null;
    await load(state, session);
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.units.revoked(confirm.label) });
    focusLater('units-tokens-heading');
    return;
  }
  const active = confirm.action === 'reactivate';
  await session.client.updateUnit(confirm.code, { active });
  state.confirm = null;
  await load(state, session);
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) => (active ? m.units.reactivated(confirm.name) : m.units.deactivated(confirm.name)),
  });
  focusLater(`units-${active ? 'deactivate' : 'reactivate'}-${confirm.code}`);
}

async function issueToken(ctx: PaneContext, state: UnitsState, session: PaneSession): Promise<void> {
  const issue = state.issue;
  const label = issue.label.trim();
  const unit = state.units.find((each) => each.code === issue.unitCode && each.active) ?? null;
  issue.problem =
    label.length === 0 || label.length > 100 ? 'label' : issue.role === 'unit' && !unit ? 'unit' : null;
  const problem = issue.problem;
  if (problem) {
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.units.problems[problem] });
    focusLater(problem === 'label' ? 'units-issue-label' : 'units-issue-unit');
    return;
  }
  const created = await session.client.createToken({
    role: issue.role,
    unitCode: issue.role === 'unit' ? issue.unitCode : null,
    label,
  });
  state.issued = {
    token: created.token,
    record: created.record,
    unitName: unit && issue.role === 'unit' ? unit.name : null,
    serverUrl: session.serverUrl,
  };
  state.issue = { role: issue.role, unitCode: '', label: '', problem: null };
  await load(state, session);
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.units.issued(label) });
  focusLater('units-issued-token');
}

async function copyToken(ctx: PaneContext, token: string): Promise<void> {
  if (await toClipboard(token)) {
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.units.copied });
    return;
  }
  ctx.notify(TAB, { kind: 'info', summary: (m) => m.units.copySelected });
  const input = document.getElementById('units-issued-token');
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

async function copyGuide(ctx: PaneContext, guide: SetupGuide): Promise<void> {
  if (await toClipboard(setupGuideText(guide))) {
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.units.guideCopied });
    return;
  }
  ctx.notify(TAB, { kind: 'info', summary: (m) => m.units.guideSelected });
  const sheet = document.getElementById('units-guide');
  const selection = window.getSelection();
  if (!sheet || !selection) return;
  const range = document.createRange();
  range.selectNodeContents(sheet);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Prints the 开通说明 alone (the print stylesheet hides everything else while the class is on). */
function printGuide(ctx: PaneContext): void {
  const done = () => document.body.classList.remove('units-printing');
  document.body.classList.add('units-printing');
  window.addEventListener('afterprint', done, { once: true });
  try {
    window.print();
  } catch {
    done();
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.units.printFailed });
  }
}

function textInput(
  value: string,
  onInput: (value: string) => void,
  options: { mono?: boolean; maxlength?: number; onEnter?: () => void; onEscape?: () => void } = {},
): HTMLInputElement {
  return h('input', {
    type: 'text',
    class: options.mono ? 'input input--mono' : 'input',
    value,
    maxlength: options.maxlength ?? null,
    autocomplete: 'off',
    spellcheck: 'false',
    on: {
      input: (event) => {
        if (event.target instanceof HTMLInputElement) onInput(event.target.value);
      },
      keydown: (event) => {
        if (event.key === 'Enter' && options.onEnter) {
          event.preventDefault();
          options.onEnter();
        } else if (event.key === 'Escape' && options.onEscape) {
          event.preventDefault();
          options.onEscape();
        }
      },
    },
  });
}

function confirmView(ctx: PaneContext, state: UnitsState, session: PaneSession, confirm: Confirm): Child {
  const t = ctx.m().units;
  const text =
    confirm.action === 'revoke'
      ? [t.revokeConfirm(confirm.label), confirm.self ? ` ${t.revokeSelf}` : ''].join('')
      : confirm.action === 'deactivate'
        ? t.deactivateConfirm(confirm.name)
        : t.reactivateConfirm(confirm.name);
  const yes =
    confirm.action === 'revoke'
      ? t.confirmRevoke
      : confirm.action === 'deactivate'
        ? t.confirmDeactivate
        : t.confirmReactivate;
  return h(
    'div',
    { class: 'confirm units-confirm', role: 'group', 'aria-labelledby': 'units-confirm-text' },
    h('p', { id: 'units-confirm-text', class: 'units-confirm__text' }, text),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'units-confirm-yes',
        yes,
        () => void ctx.run(TAB, () => confirmed(ctx, state, session)),
        { variant: confirm.action === 'reactivate' ? 'primary' : 'danger' },
      ),
      actionButton(ctx, TAB, 'units-confirm-no', t.cancel, () => {
        state.confirm = null;
        ctx.refresh();
        focusLater(confirm.from);
      }),
    ),
  );
}

function askToConfirm(ctx: PaneContext, state: UnitsState, confirm: Confirm): void {
  state.confirm = confirm;
  state.renaming = null;
  ctx.refresh();
  focusLater('units-confirm-yes');
}

function unitRow(ctx: PaneContext, state: UnitsState, session: PaneSession, unit: UnitRecord): HTMLElement {
  const t = ctx.m().units;
  const renaming = state.renaming?.code === unit.code ? state.renaming : null;
  const nameCell: Child = renaming
    ? h(
        'div',
        { class: 'units-rename' },
        h('label', { for: 'units-rename-input', class: 'sr-only' }, t.renameLabel(unit.name)),
        Object.assign(
          textInput(renaming.name, (value) => (renaming.name = value), {
            maxlength: 50,
            onEnter: () => void ctx.run(TAB, () => saveRename(ctx, state, session)),
            onEscape: () => {
              state.renaming = null;
              ctx.refresh();
              focusLater(`units-rename-${unit.code}`);
            },
          }),
          { id: 'units-rename-input' },
        ),
        actionRow(
          actionButton(
            ctx,
            TAB,
            'units-rename-save',
            t.saveName,
            () => void ctx.run(TAB, () => saveRename(ctx, state, session)),
            { variant: 'primary' },
          ),
          actionButton(ctx, TAB, 'units-rename-cancel', t.cancel, () => {
            state.renaming = null;
            ctx.refresh();
            focusLater(`units-rename-${unit.code}`);
          }),
        ),
      )
    : [h('div', {}, unit.name), contactLine(ctx, unit)];
  const toggle = unit.active ? 'deactivate' : 'reactivate';
  return h(
    'tr',
    { class: unit.active ? 'units-row' : 'units-row units-row--inactive', id: `units-unit-${unit.code}` },
    h('td', { class: 'units-mono' }, unit.code),
    h('td', {}, nameCell),
    h('td', {}, t.kinds[unit.kind] ?? unit.kind),
    h(
      'td',
      {},
      h(
        'span',
        { class: `badge ${unit.active ? 'badge--ok' : 'badge--warning'}` },
        unit.active ? t.active : t.inactive,
      ),
    ),
    h(
      'td',
      { class: 'units-actions' },
      renaming
        ? null
        : actionButton(ctx, TAB, `units-rename-${unit.code}`, t.rename, () => {
            state.renaming = { code: unit.code, before: unit.name, name: unit.name };
            state.contact = null;
            state.confirm = null;
            ctx.refresh();
            focusLater('units-rename-input');
          }),
      state.contact?.code === unit.code
        ? null
        : actionButton(ctx, TAB, `units-contact-${unit.code}`, t.editContact, () => {
            state.contact = {
              code: unit.code,
              name: unit.name,
              contact: unit.contact ?? '',
              phone: unit.phone ?? '',
            };
            state.renaming = null;
            state.confirm = null;
            ctx.refresh();
            focusLater('units-contact-input');
          }),
      actionButton(
        ctx,
        TAB,
        `units-${toggle}-${unit.code}`,
        unit.active ? t.deactivate : t.reactivate,
        () =>
          askToConfirm(ctx, state, {
            action: toggle,
            code: unit.code,
            name: unit.name,
            from: `units-${toggle}-${unit.code}`,
          }),
        { variant: unit.active ? 'danger' : 'secondary' },
      ),
    ),
  );
}

function unitsSection(ctx: PaneContext, state: UnitsState, session: PaneSession): Child {
  const t = ctx.m().units;
  const confirm = state.confirm && state.confirm.action !== 'revoke' ? state.confirm : null;
  return h(
    'section',
    { class: 'units-block', 'aria-labelledby': 'units-units-heading' },
    h('h3', { class: 'units-block__heading', id: 'units-units-heading', tabindex: -1 }, t.unitsHeading),
    confirm ? confirmView(ctx, state, session, confirm) : null,
    state.units.length === 0
      ? h('p', { class: 'hint' }, t.noUnits)
      : h(
          'div',
          { class: 'units-table-wrap' },
          h(
            'table',
            { class: 'units-table', id: 'units-table' },
            h('caption', { class: 'sr-only' }, t.unitsCaption),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [t.code, t.name, t.kind, t.state, t.actions].map((label) => h('th', { scope: 'col' }, label)),
              ),
            ),
            h(
              'tbody',
              {},
              state.units.flatMap((unit) => [
                unitRow(ctx, state, session, unit),
                contactRow(ctx, state, session, unit),
              ]),
            ),
          ),
        ),
    addForm(ctx, state, session),
  );
}

function addForm(ctx: PaneContext, state: UnitsState, session: PaneSession): Child {
  const t = ctx.m().units;
  const submit = () => void ctx.run(TAB, () => addUnit(ctx, state, session));
  const code = textInput(state.draft.code, (value) => (state.draft.code = value), {
    mono: true,
    maxlength: 32,
    onEnter: submit,
  });
  const name = textInput(state.draft.name, (value) => (state.draft.name = value), {
    maxlength: 50,
    onEnter: submit,
  });
  if (state.problems.includes('code')) code.setAttribute('aria-invalid', 'true');
  if (state.problems.includes('name')) name.setAttribute('aria-invalid', 'true');
  return h(
    'fieldset',
    { class: 'units-form' },
    h('legend', { class: 'units-form__legend' }, t.addHeading),
    h(
      'div',
      { class: 'row' },
      field('units-add-code', t.addCode, code, t.addCodeHint),
      field('units-add-name', t.addName, name, t.addNameHint),
      field(
        'units-add-kind',
        t.addKind,
        select(
          UnitKindSchema.options.map((kind) => ({ value: kind, label: t.kinds[kind] ?? kind })),
          state.draft.kind,
          (value) => {
            state.draft.kind = UnitKindSchema.parse(value);
          },
        ),
      ),
    ),
    actionRow(actionButton(ctx, TAB, 'units-add', t.addSubmit, submit, { variant: 'primary' })),
  );
}

function tokenState(
  t: UnitsMessages,
  token: AccessToken,
  units: readonly UnitRecord[],
  lang: PaneContext['lang'],
) {
  if (token.revokedAt !== null)
    return { text: t.revokedAt(instantText(token.revokedAt, lang())), tone: 'error' };
  const unit = token.unitCode === null ? null : units.find((each) => each.code === token.unitCode);
  if (unit && !unit.active) return { text: t.unitStopped, tone: 'warning' };
  return { text: t.valid, tone: 'ok' };
}

function tokensSection(ctx: PaneContext, state: UnitsState, session: PaneSession): Child {
  const m = ctx.m();
  const t = m.units;
  const lang = ctx.lang();
  const confirm = state.confirm?.action === 'revoke' ? state.confirm : null;
  const newestFirst = [...state.tokens].reverse();
  return h(
    'section',
    { class: 'units-block', 'aria-labelledby': 'units-tokens-heading' },
    h('h3', { class: 'units-block__heading', id: 'units-tokens-heading', tabindex: -1 }, t.tokensHeading),
    issueForm(ctx, state, session),
    state.issued ? issuedView(ctx, state, state.issued) : null,
    confirm ? confirmView(ctx, state, session, confirm) : null,
    newestFirst.length === 0
      ? h('p', { class: 'hint' }, t.noTokens)
      : h(
          'div',
          { class: 'units-table-wrap' },
          h(
            'table',
            { class: 'units-table', id: 'units-tokens', 'aria-describedby': 'units-last-used-hint' },
            h('caption', { class: 'sr-only' }, t.tokensCaption),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [t.label, t.unit, t.created, t.lastUsed, t.stateAndAction].map((label) =>
                  h('th', { scope: 'col' }, label),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              newestFirst.map((token) => {
                const self = token.id === session.me.tokenId;
                const unit = state.units.find((each) => each.code === token.unitCode);
                const status = tokenState(t, token, state.units, ctx.lang);
                return h(
                  'tr',
                  {
                    id: `units-token-${token.id}`,
                    class: token.revokedAt ? 'units-row units-row--inactive' : 'units-row',
                  },
                  h(
                    'td',
                    {},
                    token.label,
                    self ? h('span', { class: 'hint' }, t.current) : null,
                    h('span', { class: 'units-role' }, m.roles[token.role]),
                  ),
                  h('td', {}, token.unitCode === null ? '—' : (unit?.name ?? token.unitCode)),
                  h('td', { class: 'units-when' }, instantText(token.createdAt, lang)),
                  h('td', { class: 'units-when' }, lastUsedText(token.lastUsedAt, lang, t)),
                  h(
                    'td',
                    { class: 'units-actions' },
                    h('span', { class: `badge badge--${status.tone} units-state` }, status.text),
                    token.revokedAt === null
                      ? actionButton(
                          ctx,
                          TAB,
                          `units-revoke-${token.id}`,
                          t.revoke,
                          () =>
                            askToConfirm(ctx, state, {
                              action: 'revoke',
                              id: token.id,
                              label: token.label,
                              self,
                              from: `units-revoke-${token.id}`,
                            }),
                          { variant: 'danger' },
                        )
                      : null,
                  ),
                );
              }),
            ),
          ),
        ),
    h('p', { class: 'hint', id: 'units-last-used-hint' }, t.lastUsedHint),
  );
}

function issueForm(ctx: PaneContext, state: UnitsState, session: PaneSession): Child {
  const t = ctx.m().units;
  const issue = state.issue;
  const submit = () => void ctx.run(TAB, () => issueToken(ctx, state, session));
  const label = textInput(issue.label, (value) => (issue.label = value), { maxlength: 100, onEnter: submit });
  if (issue.problem === 'label') label.setAttribute('aria-invalid', 'true');
  const unitPicker = select(
    [
      { value: '', label: t.issueUnitPick },
      ...state.units
        .filter((unit) => unit.active)
        .map((unit) => ({ value: unit.code, label: `${unit.name}（${unit.code}）` })),
    ],
    issue.unitCode,
    (value) => {
      const before = state.units.find((unit) => unit.code === issue.unitCode)?.name ?? '';
      issue.unitCode = value;
      // The label follows the unit until the admin writes their own.
      if (issue.label.trim() === '' || issue.label === before) {
        issue.label = state.units.find((unit) => unit.code === value)?.name ?? '';
      }
      ctx.refresh();
    },
  );
  if (issue.problem === 'unit') unitPicker.setAttribute('aria-invalid', 'true');
  return h(
    'fieldset',
    { class: 'units-form' },
    h('legend', { class: 'units-form__legend' }, t.issueHeading),
    h(
      'div',
      { class: 'row' },
      field(
        'units-issue-role',
        t.issueRole,
        select(
          [
            { value: 'unit', label: t.issueRoles.unit },
            { value: 'reader', label: t.issueRoles.reader },
          ],
          issue.role,
          (value) => {
            issue.role = value === 'reader' ? 'reader' : 'unit';
            ctx.refresh();
          },
        ),
      ),
      issue.role === 'unit' ? field('units-issue-unit', t.issueUnit, unitPicker) : null,
    ),
    field('units-issue-label', t.issueLabel, label, t.issueLabelHint),
    actionRow(actionButton(ctx, TAB, 'units-issue', t.issueSubmit, submit, { variant: 'primary' })),
  );
}

function issuedView(ctx: PaneContext, state: UnitsState, issued: Issued): Child {
  const m = ctx.m();
  const t = m.units;
  const guide = setupGuide(
    {
      serverUrl: issued.serverUrl,
      unitName: issued.unitName,
      role: issued.record.role,
      roleName: t.issueRoles[issued.record.role === 'reader' ? 'reader' : 'unit'],
      token: issued.token,
      issuedAt: issued.record.createdAt,
    },
    t,
    ctx.lang(),
  );
  const tokenInput = h('input', {
    type: 'text',
    class: 'input input--mono units-issued__token',
    value: issued.token,
    readonly: true,
    spellcheck: 'false',
    autocomplete: 'off',
    on: { focus: (event) => (event.target instanceof HTMLInputElement ? event.target.select() : undefined) },
  });
  return h(
    'div',
    { class: 'units-issued', role: 'region', 'aria-labelledby': 'units-issued-heading', id: 'units-issued' },
    h('h4', { class: 'units-issued__heading', id: 'units-issued-heading' }, t.shownOnce),
    h('p', { class: 'units-issued__warning' }, t.shownOnceWarning),
    h(
      'div',
      { class: 'units-issued__row' },
      field('units-issued-token', t.tokenField, tokenInput),
      actionButton(ctx, TAB, 'units-copy', t.copy, () => void copyToken(ctx, issued.token), {
        variant: 'primary',
      }),
    ),
    actionRow(
      actionButton(ctx, TAB, 'units-print', t.print, () => printGuide(ctx)),
      actionButton(ctx, TAB, 'units-copy-guide', t.copyGuide, () => void copyGuide(ctx, guide)),
      actionButton(ctx, TAB, 'units-issued-close', t.closeIssued, () => {
        state.issued = null;
        ctx.notify(TAB, null);
        focusLater('units-issue');
      }),
    ),
    guideView(guide),
  );
}

/** The 开通说明: on screen under the token, and alone on paper. */
function guideView(guide: SetupGuide): HTMLElement {
  return h(
    'article',
    { class: 'units-guide', id: 'units-guide', 'aria-labelledby': 'units-guide-title' },
    h('h4', { class: 'units-guide__title', id: 'units-guide-title' }, guide.title),
    h(
      'dl',
      { class: 'units-guide__fields' },
      guide.fields.map((entry) => [
        h('dt', {}, entry.label),
        h('dd', { class: entry.mono ? 'units-mono' : '' }, entry.value),
      ]),
    ),
    h('h5', { class: 'units-guide__steps-heading' }, guide.stepsHeading),
    h(
      'ol',
      { class: 'units-guide__steps' },
      guide.steps.map((step) => h('li', {}, step)),
    ),
    h('p', { class: 'units-guide__keep' }, guide.keep),
  );
}

function renderUnitsView(ctx: PaneContext, state: UnitsState): Child {
  const m = ctx.m();
  const t = m.units;
  const head: Child = [h('h2', { class: 'panel__heading' }, t.heading), h('p', { class: 'intro' }, t.intro)];
  const session = ctx.session();
  const missing = prerequisites(ctx, TAB, { connection: true });
  if (!session || missing) return [head, missing];
  if (session.me.role !== 'admin') return [head, h('p', { class: 'hint' }, t.adminOnly)];
  if (state.loadedFor !== session) {
    // A new connection: its lists, loaded once (刷新列表 loads them again).
    state.loadedFor = session;
    state.units = session.units.map((unit) => ({ ...unit, active: unit.active }));
    state.tokens = [];
    state.issued = null;
    state.confirm = null;
    state.renaming = null;
    queueMicrotask(() => void ctx.run(TAB, () => load(state, session)));
  }
  return [
    head,
    actionRow(
      actionButton(ctx, TAB, 'units-reload', t.reload, () => void ctx.run(TAB, () => load(state, session))),
    ),
    ctx.busy(TAB) ? h('p', { class: 'hint', role: 'status' }, m.working) : null,
    noticeView(ctx, TAB),
    unitsSection(ctx, state, session),
    tokensSection(ctx, state, session),
  ];
}

export function createUnitsView(ctx: PaneContext): { render(): Child } {
  const state: UnitsState = {
    loadedFor: null,
    units: [],
    tokens: [],
    draft: { code: '', name: '', kind: '街道' },
    problems: [],
    renaming: null,
    contact: null,
    confirm: null,
    issue: { role: 'unit', unitCode: '', label: '', problem: null },
    issued: null,
  };
  return { render: () => renderUnitsView(ctx, state) };
}
