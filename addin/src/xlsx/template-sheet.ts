// The blank tracking sheet (团建台账) as an .xlsx, for the web page (WPS, no add-in): the plan the pane's
// template paints too — title, instructions, the header (required columns in yellow), drop-downs, whole
// numbers, dates as yyyy-mm-dd, text columns as text, the header frozen and filterable.
import type ExcelJS from 'exceljs';
import {
  TEMPLATE_FORMATTED_ROWS,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_INSTRUCTIONS,
  type TemplateRule,
  TRACKING_SHEET_NAME,
  templateColumns,
  templateTitle,
} from '../sheet/template-plan';
import { guardFormulaText } from './formula-guard';

/** Points to Excel's character-width units (as the bulletin sheet converts them). */
function characters(points: number): number {
  return Math.max(4, Math.round(((points * 4) / 3 - 5) / 7));
}

/** The pane's table style (TableStyleMedium2) as plain fills: a blue header with white text. */
const HEADER_FILL = 'FF4472C4';
const HEADER_FONT = 'FFFFFFFF';
const REQUIRED_FONT = 'FFFFFF00';

function validation(rule: TemplateRule): ExcelJS.DataValidation {
  const alert = { showErrorMessage: true, errorTitle: rule.title, error: rule.message, allowBlank: true };
  if (rule.kind === 'list')
    return {
      type: 'list',
      // A list written inline: "是,否" in quotes.
      formulae: [`"${rule.options.join(',')}"`],
      errorStyle: rule.strict ? 'error' : 'warning',
      ...alert,
    };
  return {
    type: 'whole',
    operator: 'greaterThanOrEqual',
    formulae: [rule.min],
    errorStyle: 'error',
    ...alert,
  };
}

/**
 * Adds the blank tracking sheet to `workbook` and answers it.
 * @example writeTemplateSheet(workbook, { unitName: '陆家嘴街道' });
 */
export function writeTemplateSheet(
  workbook: ExcelJS.Workbook,
  options: { unitName?: string } = {},
): ExcelJS.Worksheet {
  const columns = templateColumns();
  const headerRow = TEMPLATE_HEADER_ROW;
  const sheet = workbook.addWorksheet(TRACKING_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = columns.length;

  sheet.mergeCells(1, 1, 1, width);
  const title = sheet.getCell(1, 1);
  title.value = templateTitle(options.unitName);
  title.numFmt = '@';
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 28;
  TEMPLATE_INSTRUCTIONS.forEach((text, index) => {
    const row = 2 + index;
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.numFmt = '@';
    cell.font = { color: { argb: 'FF595959' } };
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(row).height = 30;
  });

  columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = characters(column.width);
    // The whole column's format, so rows past the prepared ones are formatted too.
    if (column.format) sheetColumn.numFmt = column.format;
    const header = sheet.getCell(headerRow, index + 1);
    header.value = column.header;
    header.numFmt = '@';
    header.font = { bold: true, color: { argb: column.required ? REQUIRED_FONT : HEADER_FONT } };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    header.alignment = { vertical: 'middle', wrapText: true };
    if (column.rule) {
      const rule = validation(column.rule);
      for (let row = headerRow + 1; row <= headerRow + TEMPLATE_FORMATTED_ROWS; row++)
        sheet.getCell(row, index + 1).dataValidation = rule;
    }
  });
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: width } };
  guardFormulaText(sheet);
  return sheet;
}
