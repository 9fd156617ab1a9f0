// The web page's 补贴 section: the pane's subsidy workflow, with the ledger and 拨付明细 as .xlsx downloads and
// the marked ledger (拨付表) chosen to mark payments.
import { readSubsidySheet } from '@tuanjian/shared';
import type { Child } from '../../ui/dom';
import { createSubsidyView, type SubsidyPort } from '../../ui/subsidy-view';
import type { WebContext } from '../context';
import { chooseXlsxFile, downloadBytes, readFileBytes } from '../files';

/** The page's port: sheets are downloaded; the 拨付表 is an uploaded .xlsx read with exceljs. */
export function webSubsidyPort(ctx: WebContext): SubsidyPort {
  return {
    kind: 'file',
    async deliver(plan) {
      const tools = await ctx.workbookTools();
      const fileName = `${plan.sheetName}.xlsx`;
      downloadBytes(await tools.planWorkbook([plan]), fileName);
      return fileName;
    },
    async collect() {
      const file = await chooseXlsxFile('subsidies-file');
      if (!file) return null;
      const [bytes, tools] = await Promise.all([readFileBytes(file), ctx.workbookTools()]);
      const sheets = await tools.readWorkbook(bytes);
      // The sheet with the ledger's organization table, else the first.
      const sheet = sheets.find((each) => readSubsidySheet(each.values, 1) !== null) ?? sheets[0];
      return {
        sheetName: file.name,
        values: sheet?.values ?? [],
        firstRow: 1,
        firstColumn: 1,
        selectedRows: null,
      };
    },
  };
}

export function createWebSubsidyView(ctx: WebContext): { render(): Child } {
  return createSubsidyView(ctx, webSubsidyPort(ctx));
}
