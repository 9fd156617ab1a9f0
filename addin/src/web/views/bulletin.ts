// 月度通报 on the web page, as in the pane: a month's live figures or a published issue, downloaded as the
// .xlsx the add-in would write, opened as a printable page, its narrative copied; an admin makes a
// read-only link to a published issue.
import { type Bulletin, bulletinSheetName } from '@tuanjian/shared';
import {
  type BulletinChoice,
  choiceChanged,
  chosenSource,
  fetchChosen,
  issuePicker,
  narrativeCard,
  openPrintView,
  shareCard,
  sourcePicker,
} from '../../ui/bulletin-choice';
import type { Session } from '../../ui/context';
import { pickerYears, previousMonth } from '../../ui/dates';
import { type Child, h } from '../../ui/dom';
import { actionButton, actionRow, noticeView, periodPicker, prerequisites } from '../../ui/widgets';
import type { WebContext } from '../context';
import { downloadBytes } from '../files';

const TAB = 'bulletin';

interface WebBulletinState extends BulletinChoice {
  /** The bulletin last downloaded, shown with its narrative to copy. */
  made: Bulletin | null;
}

export function createWebBulletinView(ctx: WebContext): { render(): Child } {
  const start = previousMonth(ctx.now());
  const state: WebBulletinState = {
    year: start.year,
    month: start.month,
    source: 'live',
    issues: null,
    issueNumber: null,
    share: null,
    made: null,
  };

  async function download(session: Session): Promise<void> {
    const [chosen, tools] = await Promise.all([fetchChosen(state, session), ctx.workbookTools()]);
    if (!chosen) return;
    const bytes = await tools.bulletinWorkbook(chosen.issue, chosen.source);
    const fileName = `${bulletinSheetName(chosen.source)}.xlsx`;
    downloadBytes(bytes, fileName);
    state.made = chosen.issue.bulletin;
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.web.bulletin.downloaded(fileName) });
  }

  function changed(session: Session): void {
    state.made = null;
    choiceChanged(ctx, state, session);
  }

  return {
    render() {
      const m = ctx.m();
      const session = ctx.session();
      const head: Child = [
        h('h2', { class: 'panel__heading', id: 'web-bulletin-heading' }, m.web.bulletin.heading),
        h('p', { class: 'intro' }, m.web.bulletin.intro),
      ];
      const missing = prerequisites(ctx, TAB, { connection: true });
      if (!session || missing) return [head, missing];
      const ready = chosenSource(state) !== null;
      return [
        head,
        periodPicker(m, pickerYears(ctx.now()), { year: state.year, month: state.month }, (next) => {
          state.year = next.year;
          state.month = next.month;
          changed(session);
        }),
        sourcePicker(state, m, () => changed(session)),
        issuePicker(ctx, state, session),
        actionRow(
          actionButton(
            ctx,
            TAB,
            'bulletin-download',
            m.web.bulletin.download,
            () => void ctx.run(TAB, () => download(session)),
            { variant: 'primary', disabled: !ready },
          ),
          actionButton(
            ctx,
            TAB,
            'bulletin-print',
            m.bulletin.printView,
            () => void ctx.run(TAB, () => openPrintView(ctx, state, session)),
            { disabled: !ready, describedBy: 'bulletin-print-hint' },
          ),
        ),
        h('p', { class: 'hint', id: 'bulletin-print-hint' }, m.bulletin.printHint),
        ctx.busy(TAB) ? h('progress', { class: 'progress__bar', 'aria-label': m.working }) : null,
        noticeView(ctx, TAB),
        state.made ? narrativeCard(ctx, state.made) : null,
        shareCard(ctx, state, session),
      ];
    },
  };
}
