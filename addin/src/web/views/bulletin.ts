// 下载月度通报: the live bulletin of a month as an .xlsx, laid out as the add-in writes it into a sheet.
import { type Bulletin, bulletinSheetName } from '@tuanjian/shared';
import type { Session } from '../../ui/context';
import { pickerYears, previousMonth } from '../../ui/dates';
import { type Child, h } from '../../ui/dom';
import { actionButton, actionRow, noticeView, periodPicker, prerequisites } from '../../ui/widgets';
import type { WebContext } from '../context';
import { downloadBytes } from '../files';

const TAB = 'bulletin';

export function createWebBulletinView(ctx: WebContext): { render(): Child } {
  const start = previousMonth(ctx.now());
  let year = start.year;
  let month = start.month;
  let made: Bulletin | null = null;

  async function download(session: Session): Promise<void> {
    const source = { year, month, issueNumber: null };
    const [figures, tools] = await Promise.all([session.client.summary(year, month), ctx.workbookTools()]);
    const { bulletin } = figures;
    const bytes = await tools.bulletinWorkbook(figures, source);
    const fileName = `${bulletinSheetName(source)}.xlsx`;
    downloadBytes(bytes, fileName);
    made = bulletin;
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.web.bulletin.downloaded(fileName) });
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
      const years = pickerYears(ctx.now());
      return [
        head,
        periodPicker(m, years, { year, month }, (next) => {
          year = next.year;
          month = next.month;
          made = null;
          ctx.refresh();
        }),
        actionRow(
          actionButton(
            ctx,
            TAB,
            'bulletin-download',
            m.web.bulletin.download,
            () => void ctx.run(TAB, () => download(session)),
            { variant: 'primary' },
          ),
        ),
        ctx.busy(TAB) ? h('progress', { class: 'progress__bar', 'aria-label': m.working }) : null,
        noticeView(ctx, TAB),
        made
          ? h(
              'section',
              { class: 'card', id: 'bulletin-preview', 'aria-labelledby': 'bulletin-preview-heading' },
              h('h3', { id: 'bulletin-preview-heading' }, m.bulletin.previewHeading),
              h('p', { class: 'card__title' }, made.title),
              h('p', { class: 'narrative' }, made.narrative),
            )
          : null,
      ];
    },
  };
}
