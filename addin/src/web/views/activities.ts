// The web page's 活动台账 section: the pane's screen, with the unit's activity ledger as an .xlsx download and
// the filled-in file chosen to dry-run and upload it.
import { readActivitySheet } from '@tuanjian/shared';
import { type ActivitySheetPort, createActivityView } from '../../ui/activity-view';
import type { Child } from '../../ui/dom';
import type { WebContext } from '../context';
import { chooseXlsxFile, downloadBytes, readFileBytes } from '../files';

/** The page's port: the sheet is downloaded, and the filled file's activity sheet is read with exceljs. */
export function webActivitySheetPort(ctx: WebContext): ActivitySheetPort {
  return {
    kind: 'file',
    async deliver(rows, name) {
      const tools = await ctx.workbookTools();
      const fileName = `${name}.xlsx`;
      downloadBytes(await tools.activitySheetWorkbook(rows, name.slice(0, 31)), fileName);
      return fileName;
    },
    async collect() {
      const file = await chooseXlsxFile('activity-file');
      if (!file) return null;
      const [bytes, tools] = await Promise.all([readFileBytes(file), ctx.workbookTools()]);
      const sheets = await tools.readWorkbook(bytes);
      // The sheet with an activity header (a unit's workbook holds its 团建台账 too), else the first.
      const sheet = sheets.find((each) => readActivitySheet(each.values, 1) !== null) ?? sheets[0];
      return { sheetName: file.name, values: sheet?.values ?? [], firstRow: 1, firstColumn: 1 };
    },
  };
}

export function createWebActivityView(ctx: WebContext): { render(): Child } {
  return createActivityView(ctx, webActivitySheetPort(ctx));
}
