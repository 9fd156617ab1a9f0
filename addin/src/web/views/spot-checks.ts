// The web page's 抽查 section: the pane's spot-check workflow, with the call sheet as an .xlsx download and
// the filled-in file chosen to submit it.
import { readCallSheet } from '@tuanjian/shared';
import type { Child } from '../../ui/dom';
import { type CallSheetPort, createSpotCheckView } from '../../ui/spot-check-view';
import type { WebContext } from '../context';
import { chooseXlsxFile, downloadBytes, readFileBytes } from '../files';

/** The page's port: the call sheet is downloaded, and the filled file is read with exceljs. */
export function webCallSheetPort(ctx: WebContext): CallSheetPort {
  return {
    kind: 'file',
    async deliver(rows, sheetName) {
      const tools = await ctx.workbookTools();
      const fileName = `${sheetName}.xlsx`;
      downloadBytes(await tools.callSheetWorkbook(rows, sheetName), fileName);
      return fileName;
    },
    async collect() {
      const file = await chooseXlsxFile('checks-file');
      if (!file) return null;
      const [bytes, tools] = await Promise.all([readFileBytes(file), ctx.workbookTools()]);
      const sheets = await tools.readWorkbook(bytes);
      // The sheet with the call sheet's header (any date will do to find it), else the first.
      const sheet = sheets.find((each) => readCallSheet(each.values, 1, '9999-12-31') !== null) ?? sheets[0];
      return { sheetName: file.name, values: sheet?.values ?? [], firstRow: 1, firstColumn: 1 };
    },
  };
}

export function createWebSpotCheckView(ctx: WebContext): { render(): Child } {
  return createSpotCheckView(ctx, webCallSheetPort(ctx));
}
