// What the task pane and the web page show on top: the 团 mark, title and language switch; the connection.

import { sessionLabel } from './connect';
import type { Session } from './context';
import { h } from './dom';
import { type Lang, type Messages, messagesFor } from './i18n';

/** The header of the pane and the web page: the 团 mark, title and subtitle, and the language switch. */
export function brandHeader(lang: Lang, subtitle: string, onSwitch: (next: Lang) => void): HTMLElement {
  const m = messagesFor(lang);
  const other: Lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return h(
    'header',
    { class: 'header' },
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'brand__mark', 'aria-hidden': 'true' }, '团'),
      h(
        'div',
        {},
        h('h1', { class: 'brand__title' }, m.appTitle),
        h('p', { class: 'brand__subtitle' }, subtitle),
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        id: 'lang-toggle',
        class: 'button button--link lang-toggle',
        lang: other,
        'aria-label': m.switchLanguageLabel,
        on: { click: () => onSwitch(other) },
      },
      m.switchLanguage,
    ),
  );
}

/** The connection line under the header: a dot and who the token stands for, or 未连接. */
export function connectionStatus(m: Messages, session: Session | null): HTMLElement {
  return h(
    'p',
    { class: `chip ${session ? 'chip--on' : 'chip--off'}`, id: 'connection-status' },
    h('span', { class: 'chip__dot', 'aria-hidden': 'true' }),
    session ? m.connectedAs(sessionLabel(session, m)) : m.notConnected,
  );
}
