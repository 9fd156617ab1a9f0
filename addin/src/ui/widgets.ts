// Building blocks the views share: buttons, labelled fields, notices, prerequisites, progress and the jump list.
import type { Diagnostic } from '@tuanjian/shared';
import type { PaneContext, TabId } from './context';
import type { Child } from './dom';
import { h } from './dom';
import type { Messages } from './i18n';

interface ButtonOptions {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  /** Not usable now (a prerequisite is missing); stays focusable and says so. */
  disabled?: boolean;
  describedBy?: string;
}

/** A row of buttons (the null ones left out). */
export function actionRow(...buttons: Child[]): HTMLElement {
  return h('div', { class: 'actions' }, ...buttons);
}

/**
 * A button of a tab's action. While the tab is busy, or when `disabled`, it is aria-disabled and ignores
 * clicks, but keeps keyboard focus (a real `disabled` would drop focus to the page).
 */
export function actionButton(
  ctx: PaneContext,
  tab: TabId,
  id: string,
  label: string,
  onClick: () => void,
  options: ButtonOptions = {},
): HTMLButtonElement {
  const inactive = options.disabled === true || ctx.busy(tab);
  return h(
    'button',
    {
      type: 'button',
      id,
      class: `button button--${options.variant ?? 'secondary'}`,
      'aria-disabled': inactive ? 'true' : null,
      'aria-describedby': options.describedBy ?? null,
      on: {
        click: () => {
          if (!inactive) onClick();
        },
      },
    },
    label,
  );
}

/** A label, its control and an optional hint tied to the control (aria-describedby). */
export function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id = id;
  const hintId = `${id}-hint`;
  if (hint) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, class: 'field__label' }, label),
    control,
    hint ? h('p', { id: hintId, class: 'field__hint' }, hint) : null,
  );
}

export interface Option {
  value: string;
  label: string;
}

export function select(
  options: readonly Option[],
  value: string,
  onChange: (value: string) => void,
): HTMLSelectElement {
  const element = h(
    'select',
    { class: 'select', on: { change: () => onChange(element.value) } },
    options.map((option) =>
      h('option', { value: option.value, selected: option.value === value }, option.label),
    ),
  );
  return element;
}

const NOTICE_ICON = { info: 'ℹ', success: '✓', warning: '!', error: '✕' } as const;

/** The tab's current notice, shown in place (the shell also announces it through a live region). */
export function noticeView(ctx: PaneContext, tab: TabId): HTMLElement | null {
  const notice = ctx.notice(tab);
  if (!notice) return null;
  const m = ctx.m();
  const lang = ctx.lang();
  const detail = notice.detail?.(m, lang) ?? null;
  return h(
    'div',
    { class: `notice notice--${notice.kind}`, id: `${tab}-notice` },
    h('span', { class: 'notice__icon', 'aria-hidden': 'true' }, NOTICE_ICON[notice.kind]),
    h(
      'div',
      { class: 'notice__text' },
      h('p', { class: 'notice__summary' }, notice.summary(m, lang)),
      detail ? h('p', { class: 'notice__detail' }, detail) : null,
    ),
  );
}

/** A busy indicator with the steps of the running action, the current one marked for screen readers too. */
export function progressView(
  label: string,
  steps: readonly { key: string; label: string }[],
  current: string,
  stepNow: (step: string) => string,
): HTMLElement {
  const index = steps.findIndex((step) => step.key === current);
  const now = steps[index]?.label ?? '';
  return h(
    'div',
    { class: 'progress' },
    h('progress', { class: 'progress__bar', 'aria-label': label, 'aria-valuetext': stepNow(now) }),
    h(
      'ol',
      { class: 'steps', 'aria-label': label },
      steps.map((step, position) =>
        h(
          'li',
          {
            class: `steps__item ${position < index ? 'steps__item--done' : position === index ? 'steps__item--current' : ''}`,
            'aria-current': position === index ? 'step' : null,
          },
          h(
            'span',
            { class: 'steps__mark', 'aria-hidden': 'true' },
            position < index ? '✓' : String(position + 1),
          ),
          step.label,
        ),
      ),
    ),
  );
}

/**
 * What a tab needs before it can work (a connection, Excel, a role), as a message with a way forward;
 * null when all is there.
 */
export function prerequisites(
  ctx: PaneContext,
  tab: TabId,
  needs: { connection?: boolean; excel?: boolean },
): HTMLElement | null {
  const m = ctx.m();
  if (needs.excel && !ctx.excel) {
    return h('div', { class: 'notice notice--warning' }, h('p', { class: 'notice__summary' }, m.needExcel));
  }
  if (needs.connection && !ctx.session()) {
    return h(
      'div',
      { class: 'notice notice--info' },
      h('p', { class: 'notice__summary' }, m.needConnection),
      actionButton(ctx, tab, `${tab}-go-connect`, m.goToConnect, () => ctx.selectTab('connect', true), {
        variant: 'link',
      }),
    );
  }
  return null;
}

export const LIST_LIMIT = 200;

/**
 * The jump list: one button per diagnostic (第N行 · 列名 · message), errors and warnings labelled in words,
 * not by colour alone. A diagnostic whose cell could not be marked is listed without a button.
 */
export function diagnosticList(
  ctx: PaneContext,
  idPrefix: string,
  diagnostics: readonly Diagnostic[],
  addressOf: (diagnostic: Diagnostic) => string | null,
  onJump: (address: string) => void,
): Child {
  const m = ctx.m();
  const english = ctx.lang() === 'en';
  const shown = diagnostics.slice(0, LIST_LIMIT);
  return [
    h(
      'ul',
      { class: 'diagnostics', id: `${idPrefix}-list` },
      shown.map((diagnostic, index) => {
        const address = addressOf(diagnostic);
        const where = [
          diagnostic.row === null ? null : m.rowLabel(diagnostic.row),
          diagnostic.header,
          address,
        ]
          .filter((part) => part !== null && part !== '')
          .join(' · ');
        const content: Child = [
          h('span', { class: `badge badge--${diagnostic.severity}` }, m.severity[diagnostic.severity]),
          h('span', { class: 'diagnostic__where' }, where),
          h('span', { class: 'diagnostic__message' }, english ? diagnostic.messageEn : diagnostic.message),
        ];
        return h(
          'li',
          { class: 'diagnostics__item' },
          address
            ? h(
                'button',
                {
                  type: 'button',
                  id: `${idPrefix}-item-${index}`,
                  class: `diagnostic diagnostic--${diagnostic.severity}`,
                  on: { click: () => onJump(address) },
                },
                content,
              )
            : h(
                'div',
                { class: `diagnostic diagnostic--${diagnostic.severity} diagnostic--static` },
                content,
              ),
        );
      }),
    ),
    diagnostics.length > shown.length
      ? h('p', { class: 'hint' }, m.ledger.listMore(shown.length, diagnostics.length))
      : null,
  ];
}

/** A small figure with its label, for result counts. */
export function stat(
  label: string,
  value: string | number,
  tone: 'plain' | 'good' | 'bad' | 'warn' = 'plain',
): HTMLElement {
  return h(
    'div',
    { class: `stat stat--${tone}` },
    h('span', { class: 'stat__value' }, String(value)),
    h('span', { class: 'stat__label' }, label),
  );
}

/** The year and month pickers of a bulletin (the pane's 通报 tab and the web page's download). */
export function periodPicker(
  m: Messages,
  years: readonly number[],
  period: { year: number; month: number },
  onChange: (next: { year: number; month: number }) => void,
): HTMLElement {
  return h(
    'div',
    { class: 'row' },
    field(
      'bulletin-year',
      m.bulletin.year,
      select(
        years.map((value) => ({ value: String(value), label: m.bulletin.yearOption(value) })),
        String(period.year),
        (value) => onChange({ year: Number(value), month: period.month }),
      ),
    ),
    field(
      'bulletin-month',
      m.bulletin.month,
      select(
        Array.from({ length: 12 }, (_, index) => ({
          value: String(index + 1),
          label: m.bulletin.monthOption(index + 1),
        })),
        String(period.month),
        (value) => onChange({ year: period.year, month: Number(value) }),
      ),
    ),
  );
}

/** Writes text to the clipboard; false when this webview refuses (the caller then selects it for Ctrl+C). */
export async function toClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens a printable page in a new window: opened at the click (so no popup blocker stops it), titled while it
 * loads, then filled with `page()`'s HTML; closed again if that fails. Says on `tab` what happened.
 */
export async function openPrintWindow(
  ctx: PaneContext,
  tab: TabId,
  page: () => Promise<string>,
): Promise<void> {
  const view = window.open('', '_blank');
  if (!view) {
    ctx.notify(tab, { kind: 'warning', summary: (m) => m.bulletin.printBlocked });
    return;
  }
  view.document.title = ctx.m().bulletin.printLoading;
  try {
    const html = await page();
    view.document.open();
    view.document.write(html);
    view.document.close();
  } catch (error) {
    view.close();
    throw error;
  }
  ctx.notify(tab, { kind: 'success', summary: (m) => m.bulletin.printOpened });
}
