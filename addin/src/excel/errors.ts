// The one error type the Excel layer throws for expected failures; the pane picks its message from `code`.

export type ExcelErrorCode = 'SHEET_NOT_FOUND' | 'TABLE_NOT_FOUND' | 'HEADER_NOT_FOUND';

export class ExcelLayerError extends Error {
  readonly code: ExcelErrorCode;
  /** The Office.js error behind this one (kept by hand: Error's `cause` option is ES2022, newer than Office 2019). */
  readonly cause: unknown;

  constructor(code: ExcelErrorCode, message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'ExcelLayerError';
    this.code = code;
    this.cause = options?.cause;
  }
}

/** True for Office.js's `ItemNotFound` (a sheet or table looked up by a name that does not exist). */
export function isItemNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ItemNotFound';
}
