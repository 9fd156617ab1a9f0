// The web page's 工作记录 section: the pane's screen, with each kind's sheet as an .xlsx download and the
// filled-in file chosen to submit it.
import { readWorkSheet, shanghaiDate } from '@tuanjian/shared';
import type { Child } from '../../ui/dom';
import { createWorkView, type WorkSheetPort } from '../../ui/work-view';
import type { WebContext } from '../context';
import { chooseXlsxFile, downloadBytes, readFileBytes } from '../files';

/** The page's port: the sheet is downloaded, and the filled file is read with exceljs. */
export function webWorkSheetPort(ctx: WebContext): WorkSheetPort {
  return {
    kind: 'file',
    async deliver(kind, rows, sheetName) {
      const tools = await ctx.workbookTools();
      const fileName = `${sheetName}.xlsx`;
      downloadBytes(await tools.workSheetWorkbook(kind, rows, sheetName), fileName);
      return fileName;
    },
    async collect() {
      const file = await chooseXlsxFile('work-file');
      if (!file) return null;
      const [bytes, tools] = await Promise.all([readFileBytes(file), ctx.workbookTools()]);
      const sheets = await tools.readWorkbook(bytes);
      const context = { today: shanghaiDate(ctx.now()), units: ctx.session()?.units ?? [] };
      // The sheet with a 工作记录 header, else the first.
      const sheet = sheets.find((each) => readWorkSheet(each.values, 1, context) !== null) ?? sheets[0];
      return { sheetName: file.name, values: sheet?.values ?? [], firstRow: 1, firstColumn: 1 };
    },
  };
}

export function createWebWorkView(ctx: WebContext): { render(): Child } {
  return createWorkView(ctx, webWorkSheetPort(ctx));
}
