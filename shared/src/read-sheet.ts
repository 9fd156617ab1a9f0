// Reads a tracking sheet's raw values (Excel range.values or an xlsx reader's) into normalized rows.
import { COLUMN_BY_KEY, COLUMNS, type ColumnKey, type ColumnKind } from './columns';
import { normalizeCell, normalizeHeader, normalizeText } from './normalize';
import type { Cell, Diagnostic, SheetRow } from './schemas';

export interface SheetColumn {
  key: ColumnKey;
  /** The header as written in the sheet. */
  header: string;
  /** 0-based column index within `values`. */
  index: number;
}

export interface SheetReadResult {
  /** 1-based sheet row number of the header, null when none was found. */
  headerRow: number | null;
  columns: SheetColumn[];
  rows: SheetRow[];
  /** Problems with the sheet's layout, apart from problems with the data. */
  problems: Diagnostic[];
}

const HEADER_SCAN_ROWS = 20;
const MIN_HEADER_MATCHES = 3;
/** Excel's last column is XFD: nothing beyond it is read. */
const MAX_COLUMNS = 16_384;

const KEY_BY_HEADER: ReadonlyMap<string, ColumnKey> = new Map(
  COLUMNS.flatMap((column) =>
    [column.header, ...column.aliases].map((header) => [normalizeHeader(header), column.key] as const),
  ),
);

function rowCells(values: readonly unknown[], index: number): readonly unknown[] {
  const row = values[index];
  return Array.isArray(row) ? row : [];
}

/** A header cell's text as written; non-text cells other than numbers and booleans have none. */
function headerText(cell: unknown): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return '';
}

/**
 * Numbering columns almost every real 台账 has in front (序号, 编号…): not data, so ignored without a
 * warning. Compared after normalizeHeader, like the known headers, and in any case (No., NO.).
 */
const NUMBERING_HEADERS = new Set(
  ['序号', '编号', '序', '行号', 'no', 'no.', '#'].map((text) => normalizeHeader(text)),
);

function isNumberingHeader(cell: unknown): boolean {
  return NUMBERING_HEADERS.has(normalizeHeader(headerText(cell)).toLowerCase());
}

function headerKey(cell: unknown): ColumnKey | undefined {
  return KEY_BY_HEADER.get(normalizeHeader(headerText(cell)));
}

function isHeaderRow(cells: readonly unknown[]): boolean {
  const keys = new Set<ColumnKey>();
  for (const cell of cells.slice(0, MAX_COLUMNS)) {
    const key = headerKey(cell);
    if (key !== undefined) keys.add(key);
  }
  return keys.size >= MIN_HEADER_MATCHES && keys.has('orgName');
}

function isEmptyCell(cell: unknown): boolean {
  return normalizeCell('text', cell) === null;
}

function sheetProblem(
  row: number | null,
  column: ColumnKey | null,
  header: string | null,
  severity: Diagnostic['severity'],
  code: string,
  message: string,
  messageEn: string,
): Diagnostic {
  return { row, column, header, severity, code, message, messageEn };
}

/** Columns whose cells repeat down a sheet (options, dates, yes/no, counts, the unit). */
const REPEATING_KINDS: ReadonlySet<ColumnKind> = new Set(['enum', 'date', 'yesNo', 'integer']);
const MEMO_LIMIT = 4096;

/**
 * normalizeCell for one column; for columns whose text repeats, each distinct text is normalized once
 * (up to a bound, so a column of unique values costs no more than without the memo).
 */
function cellNormalizer(key: ColumnKey): (value: unknown) => Cell {
  const kind = COLUMN_BY_KEY[key].kind;
  if (!REPEATING_KINDS.has(kind) && key !== 'unit') return (value) => normalizeCell(kind, value);
  const memo = new Map<string, Cell>();
  return (value) => {
    if (typeof value !== 'string') return normalizeCell(kind, value);
    const known = memo.get(value);
    if (known !== undefined) return known;
    const cell = normalizeCell(kind, value);
    if (memo.size < MEMO_LIMIT) memo.set(value, cell);
    return cell;
  };
}

/**
 * The 0-based indexes, ascending, of columns without a header name that hold data in some row: those
 * past the header's last cell and those whose header cell is blank.
 */
function unnamedColumnsWithData(
  dataRows: readonly (readonly unknown[])[],
  headerLength: number,
  blankHeaders: readonly number[],
): number[] {
  const withData = new Set<number>();
  const note = (cells: readonly unknown[], index: number) => {
    if (!withData.has(index) && !isEmptyCell(cells[index])) withData.add(index);
  };
  // Only these cells can show such a column: the named ones need no look (most of every row).
  for (const cells of dataRows) {
    const end = Math.min(cells.length, MAX_COLUMNS);
    for (const index of blankHeaders) if (index < end) note(cells, index);
    for (let index = headerLength; index < end; index++) note(cells, index);
  }
  return [...withData].sort((a, b) => a - b);
}

/** A column as read: where its cells are and how each is normalized. */
interface ColumnReader extends SheetColumn {
  normalize: (value: unknown) => Cell;
}

/** A data row's non-empty cells, normalized, by column key; null when every cell is empty. */
function normalizeRow(cells: readonly unknown[], readers: readonly ColumnReader[]): SheetRow['cells'] | null {
  const normalized: SheetRow['cells'] = {};
  let filled = false;
  for (const reader of readers) {
    const cell = reader.normalize(cells[reader.index]);
    if (cell === null) continue;
    normalized[reader.key] = cell;
    filled = true;
  }
  return filled ? normalized : null;
}

/**
 * Finds the header row among the first 20 rows (title rows above it are skipped), maps its cells to
 * columns by name and alias, and normalizes every non-blank row below it. Never throws.
 * @example
 * const { headerRow, rows } = readTrackingSheet([
 *   ['浦东新区青年社会组织团建台账'],
 *   ['组织名称', '所属单位', '青年人数'],
 *   ['浦东青年志愿者协会', '花木街道', '１２'],
 * ]);
 * // headerRow === 2, rows[0] → { row: 3, cells: { orgName: '浦东青年志愿者协会', unit: '花木街道', youthCount: 12 } }
 */
export function readTrackingSheet(values: unknown[][], options: { firstRow?: number } = {}): SheetReadResult {
  const sheet: readonly unknown[] = Array.isArray(values) ? values : [];
  const requestedFirstRow = options?.firstRow;
  const firstRow =
    requestedFirstRow !== undefined && Number.isSafeInteger(requestedFirstRow) && requestedFirstRow >= 1
      ? requestedFirstRow
      : 1;

  let headerIndex = -1;
  for (let index = 0; index < Math.min(sheet.length, HEADER_SCAN_ROWS); index++) {
    if (isHeaderRow(rowCells(sheet, index))) {
      headerIndex = index;
      break;
    }
  }
  if (headerIndex < 0) {
    return {
      headerRow: null,
      columns: [],
      rows: [],
      problems: [
        sheetProblem(
          null,
          null,
          null,
          'error',
          'sheet.noHeader',
          `找不到表头行：前${HEADER_SCAN_ROWS}行中没有包含“组织名称”等列名的行（至少需要${MIN_HEADER_MATCHES}个可识别的列名）`,
          `No header row found in the first ${HEADER_SCAN_ROWS} rows: none holds “组织名称” (Organization) and at least ${MIN_HEADER_MATCHES} known column names`,
        ),
      ],
    };
  }

  const headerRow = firstRow + headerIndex;
  const headerCells = rowCells(sheet, headerIndex);
  const dataRows: (readonly unknown[])[] = [];
  for (let index = headerIndex + 1; index < sheet.length; index++) dataRows.push(rowCells(sheet, index));

  const columns: SheetColumn[] = [];
  const problems: Diagnostic[] = [];
  const unnamed = new Set<number>();
  for (let index = 0; index < Math.min(headerCells.length, MAX_COLUMNS); index++) {
    const written = headerText(headerCells[index]);
    const shown = normalizeText(written);
    if (shown === '') {
      unnamed.add(index);
      continue;
    }
    const key = headerKey(headerCells[index]);
    if (key === undefined && isNumberingHeader(headerCells[index])) continue;
    if (key === undefined) {
      problems.push(
        sheetProblem(
          headerRow,
          null,
          written,
          'warning',
          'sheet.unknownColumn',
          `无法识别的列“${shown}”，已忽略该列`,
          `Unknown column “${shown}” is ignored`,
        ),
      );
      continue;
    }
    const first = columns.find((column) => column.key === key);
    if (first === undefined) {
      columns.push({ key, header: written, index });
      continue;
    }
    const firstShown = normalizeText(first.header);
    problems.push(
      sheetProblem(
        headerRow,
        key,
        written,
        'error',
        'sheet.duplicateColumn',
        `第${index + 1}列“${shown}”与第${first.index + 1}列“${firstShown}”重复（都对应“${COLUMN_BY_KEY[key].header}”），只使用第${first.index + 1}列`,
        `Column ${index + 1} “${shown}” duplicates column ${first.index + 1} “${firstShown}” (both are ${COLUMN_BY_KEY[key].headerEn}); only column ${first.index + 1} is used`,
      ),
    );
  }

  for (const index of unnamedColumnsWithData(dataRows, headerCells.length, [...unnamed])) {
    problems.push(
      sheetProblem(
        headerRow,
        null,
        null,
        'warning',
        'sheet.unnamedColumn',
        `第${index + 1}列有数据但没有表头，已忽略该列`,
        `Column ${index + 1} holds data but has no header; it is ignored`,
      ),
    );
  }

  for (const column of COLUMNS) {
    if (!column.required || columns.some((mapped) => mapped.key === column.key)) continue;
    problems.push(
      sheetProblem(
        headerRow,
        column.key,
        column.header,
        'error',
        'sheet.missingColumn',
        `缺少必填列“${column.header}”`,
        `Required column “${column.header}” (${column.headerEn}) is missing`,
      ),
    );
  }

  const rows: SheetRow[] = [];
  const readers = columns.map((column) => ({ ...column, normalize: cellNormalizer(column.key) }));
  for (let offset = 0; offset < dataRows.length; offset++) {
    const cells = normalizeRow(dataRows[offset] ?? [], readers);
    if (cells !== null) rows.push({ row: headerRow + 1 + offset, cells });
  }
  if (rows.length === 0) {
    problems.push(
      sheetProblem(
        headerRow,
        null,
        null,
        'error',
        'sheet.empty',
        `表头（第${headerRow}行）下面没有数据行：空台账不能上传`,
        `No data rows below the header (row ${headerRow}): an empty ledger cannot be uploaded`,
      ),
    );
  }

  return { headerRow, columns, rows, problems };
}
