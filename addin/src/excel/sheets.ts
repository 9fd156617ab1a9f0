// A sheet the add-in rewrites whole (quota sheet, 报送情况, call sheet): created, or cleared in place.

/**
 * The sheet `sheetName`, added when the workbook has none, else cleared of contents and formats so it can
 * be written again at the same position. One sync (the lookup).
 */
export async function emptySheet(context: Excel.RequestContext, sheetName: string): Promise<Excel.Worksheet> {
  const existing = context.workbook.worksheets.getItemOrNullObject(sheetName);
  existing.load('name');
  await context.sync();
  if (existing.isNullObject) return context.workbook.worksheets.add(sheetName);
  existing.getRange().clear('All');
  return existing;
}
