// The .xlsx side of formula neutralization: a text cell that starts like a formula (shared startsLikeFormula)
// gets the text number format (@), so Excel keeps it text even when someone edits it and presses Enter.
// (An apostrophe stored in an .xlsx is part of the text, and would travel back into the ledger on the next
// upload; Excel's own quote-prefix flag is a style exceljs cannot write.) Every exceljs writer ends with it.
import { startsLikeFormula } from '@tuanjian/shared';
import type ExcelJS from 'exceljs';

/** The text of a cell's value when it is text (plain or rich), else null. */
function textOf(value: ExcelJS.CellValue): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value)
    return value.richText.map((run) => run.text).join('');
  return null;
}

/**
 * Formats every text cell of `sheet` that starts like a formula as text; answers how many it formatted.
 * @example guardFormulaText(sheet) // => 1 (a unit named "=1+1")
 */
export function guardFormulaText(sheet: ExcelJS.Worksheet): number {
  let guarded = 0;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      const text = textOf(cell.value);
      if (text === null || !startsLikeFormula(text)) return;
      cell.numFmt = '@';
      guarded++;
    });
  });
  return guarded;
}
