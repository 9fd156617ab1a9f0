// Live announcements for screen readers, shared by the task pane and the web page.
import type { Notice } from './context';
import { type Lang, messagesFor } from './i18n';

/** A notice as one line: the summary, then the detail when there is one. */
export function noticeText(notice: Notice, lang: Lang): string {
  const m = messagesFor(lang);
  const detail = notice.detail?.(m, lang);
  return detail ? `${notice.summary(m, lang)} ${detail}` : notice.summary(m, lang);
}

/** Puts text into an aria-live region, emptied first so the same text is read again when it repeats. */
export function speak(region: HTMLElement, text: string): void {
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}
