// Text a spreadsheet would take for a formula when it opens or re-enters it: = + - @, a tab or a carriage
// return at the start, or their full-width forms (＝ ＋ － ＠), which some spreadsheets fold to ASCII. Every
// CSV cell of that kind gets a leading apostrophe; every such .xlsx text cell the text format (@).

const FORMULA_TRIGGER = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/**
 * @example startsLikeFormula('=1+1') // => true
 * @example startsLikeFormula('陆家嘴街道') // => false
 */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/**
 * A text as a CSV cell may hold it: an apostrophe before a formula's first character.
 * @example csvSafeText('＝HYPERLINK("x")') // => "'＝HYPERLINK(\"x\")"
 */
export function csvSafeText(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}
