// What the pane's shell and the web page's shell share: the language, the session, notices per tab or
// section (announced once to screen readers), the busy state, the status line and the language switch.
// Each app adds where it lives (the Excel layer or files, tabs or sections) and lays the screen out.
import { ApiClientError } from '../api/client';
import type { Notice, PaneContext, Session, TabId } from './context';
import { type Child, h } from './dom';
import { errorNotice, runTask } from './errors';
import { brandHeader } from './header';
import { type Lang, messagesFor } from './i18n';
import { noticeText, speak } from './live';
import { type KeyValueStore, saveLanguage } from './state';

/** The part of a view's context every shell provides the same way. */
export type ShellContext = Pick<
  PaneContext,
  | 'lang'
  | 'm'
  | 'session'
  | 'setSession'
  | 'refresh'
  | 'notify'
  | 'notice'
  | 'setStatus'
  | 'fail'
  | 'run'
  | 'busy'
>;

export interface ShellOptions {
  lang: Lang;
  stores: readonly KeyValueStore[];
  /** Lays the screen out again (called after every change of state). */
  render: () => void;
  /** Told of every connect and disconnect, before the screen is laid out again. */
  onSessionChange?: (session: Session | null) => void;
  /** Told when the user switches language. */
  onLanguageChange?: (lang: Lang) => void;
  /** Failures the app explains by their code; anything else is a bug, logged with its stack. */
  expected?: (error: unknown) => boolean;
}

export interface Shell {
  /** The element the app lays its screen out in (beside the two live regions). */
  element: HTMLElement;
  context: ShellContext;
  /** A tab or section is busy (its buttons ignore clicks meanwhile). */
  busy(id: TabId): boolean;
  /** The brand header with the language switch. */
  header(subtitle: string): Child;
  /** The status line under the connection, if one is set. */
  statusLine(id: string): Child;
  /** Says something politely to screen readers. */
  announce(text: string): void;
}

/** Builds the shell's shared state into `root` (the screen, a polite announcer and an alerter). */
export function createShell(root: HTMLElement, options: ShellOptions): Shell {
  let lang = options.lang;
  let session: Session | null = null;
  let status: Notice | null = null;
  const notices = new Map<TabId, Notice>();
  const busy = new Set<TabId>();
  const expected = options.expected ?? ((error: unknown) => error instanceof ApiClientError);

  const element = h('div', { class: 'shell' });
  const announcer = h('div', {
    class: 'sr-only',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });
  const alerter = h('div', { class: 'sr-only', role: 'alert', 'aria-atomic': 'true' });
  root.replaceChildren(element, announcer, alerter);
  const render = () => options.render();

  /** Screen readers hear a notice once, when it is set (the visible copy is re-rendered without announcing). */
  const context: ShellContext = {
    lang: () => lang,
    m: () => messagesFor(lang),
    session: () => session,
    setSession(next) {
      session = next;
      options.onSessionChange?.(next);
      render();
    },
    refresh: render,
    notify(id, notice) {
      if (notice) {
        notices.set(id, notice);
        speak(notice.kind === 'error' ? alerter : announcer, noticeText(notice, lang));
      } else {
        notices.delete(id);
      }
      render();
    },
    notice: (id) => notices.get(id) ?? null,
    setStatus(next) {
      status = next;
      render();
    },
    fail(id, error) {
      // Failures with a code are expected and explained; anything else is a bug worth a stack in the console.
      if (!expected(error)) console.error(`[${id}]`, error);
      context.notify(id, errorNotice(error, session?.serverUrl));
    },
    run: (id, task) => runTask(id, task, { busy, notices, render, fail: context.fail }),
    busy: (id) => busy.has(id),
  };

  return {
    element,
    context,
    busy: (id) => busy.has(id),
    header: (subtitle) =>
      brandHeader(lang, subtitle, (other) => {
        lang = other;
        options.onLanguageChange?.(lang);
        render();
        saveLanguage(options.stores, lang).catch((error: unknown) => {
          console.warn('the language choice could not be saved', error);
        });
      }),
    statusLine: (id) =>
      status
        ? h('p', { class: `status status--${status.kind}`, id }, status.summary(messagesFor(lang), lang))
        : null,
    announce: (text) => speak(announcer, text),
  };
}
