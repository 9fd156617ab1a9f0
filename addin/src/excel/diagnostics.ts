// Marks diagnosed cells in the sheet (fill colour, and a comment where ExcelApi 1.10 allows) and clears old marks.
// Which cells and how they look is pure (sheet/marks.ts); this module only paints them.
//
// Finding the previous run's marks (issue 11). Rows get inserted, deleted and sorted between runs, so a remembered
// address ('C7') soon points at another cell, and clearing it would wipe the user's own fill there. A mark is found
// through anchors Excel keeps current, and its fill is cleared only while it still looks like ours:
// - our threaded comments (ExcelApi 1.10): a comment moves with its cell (insert, delete, sort, cut and paste) and
//   goes with a deleted cell, so its location is where our fill is;
// - for marks without our comment (hosts before 1.10, cells with someone's comment or a legacy note), hidden
//   worksheet-scoped names 'TuanjianMarks_1' … = '台账'!$C$7,'台账'!$D$9,… (names: ExcelApi 1.4, reading their
//   formula: 1.7, both within the manifest's 1.8). Excel rewrites a name's references when rows move and turns a
//   deleted cell into #REF!; names do not follow a sort, which the next check covers;
// - a located cell's fill is cleared only when it is still exactly ERROR_FILL or WARNING_FILL: a cell the user
//   has repainted keeps the user's colour.
// - legacy notes of ours (【团建台账】…, ExcelApi 1.18 reads notes): the web page's marked download writes notes,
//   not comments; a file marked there and opened in Excel loses them, and their fills, like the pane's own marks.
//   A 问题清单 sheet that download added goes once a check finds nothing (the pane lists findings itself).
// The setting older versions kept ('tuanjian.diagnosticMarks', raw addresses) is dropped, never trusted. RangeAreas
// (1.9) would only shorten requests, so it is not used and 1.8 hosts work the same way.
//
// Excel on the web refuses a request over 5 MB. Every phase is split into syncs of at most REQUEST_BUDGET_BYTES,
// estimated per operation: 1 read, then ⌈locate ÷ budget⌉, ⌈write ÷ budget⌉, ⌈comments ÷ budget⌉ syncs (about
// 1 + cells ÷ 2,000 for fresh marks), +2 per comment Excel refuses (one by one up to MAX_COMMENT_RECOVERIES, then
// +2 per chunk with a refusal), +1 to anchor those. A comment is added in its own syncs after all fills, so a refused comment never costs a fill.
import type { ColumnKey, Diagnostic } from '@tuanjian/shared';
import { qualified } from '../sheet/address';
import {
  COMMENT_PREFIX,
  cellsFromDiagnostics,
  ERROR_FILL,
  type MarkedCell,
  PROBLEMS_HEADERS,
  PROBLEMS_SHEET,
  WARNING_FILL,
} from '../sheet/marks';
import { ExcelLayerError, isItemNotFound } from './errors';
import { supportsExcelApi } from './requirements';

/** The workbook setting older versions kept (per sheet, the marked addresses): removed, never used to clear. */
export const MARKS_SETTING = 'tuanjian.diagnosticMarks';
/** The worksheet-scoped names anchoring marks that carry no comment of ours: TuanjianMarks_1, _2 … */
export const MARK_NAME_PREFIX = 'TuanjianMarks_';
/** Excel caps a formula at 8,192 characters; a name's reference is one. */
const NAME_FORMULA_LIMIT = 8_000;
/**
 * The most one sync may carry, as estimated by operationBytes: half of Excel on the web's 5 MB, because the real
 * request JSON per operation (object paths for range, format and fill, the action, ids) can only be guessed here.
 */
export const REQUEST_BUDGET_BYTES = 2_500_000;
/** One queued operation's share of Office.js's request JSON beyond its arguments (about 4 object paths + 1 action). */
const OPERATION_BYTES = 400;
/** How many refused comments are looked for one by one (2 syncs each) before the rest get fills only. */
const MAX_COMMENT_RECOVERIES = 8;
/** The codes Excel answers a comment it will not add with (a legacy note or a comment on the cell). */
const REFUSED_COMMENT_CODES = new Set(['InvalidArgument', 'InvalidOperation', 'GeneralException']);

export interface MarkResult {
  sheetName: string;
  /** One entry per marked cell, in sheet order (row, then column): the pane's jump list. */
  cells: MarkedCell[];
  /** Cells that got a comment (0 where comments are unsupported; not those with a note or someone's comment). */
  commented: number;
  /** Diagnostics with no cell to mark (sheet-level, or a column missing from the sheet). */
  unplaced: Diagnostic[];
  /** What a marked download (the web page) had left and this run removed: its notes, its 问题清单 sheet. */
  leftovers: Leftovers;
}

export interface Leftovers {
  notes: number;
  problemsSheet: boolean;
}

/** How far a long marking run has got: reported after each sync that paints. */
export interface MarkProgress {
  cells: number;
  filled: number;
  commented: number;
}

export interface MarkOptions {
  onProgress?: (progress: MarkProgress) => void;
  /** The per-sync budget (estimated bytes); REQUEST_BUDGET_BYTES unless a test measures another. */
  requestBudgetBytes?: number;
}

const encoder = new TextEncoder();

/** A queued operation's estimated request size: OPERATION_BYTES plus its arguments as UTF-8 JSON. */
function operationBytes(...args: string[]): number {
  return OPERATION_BYTES + encoder.encode(JSON.stringify(args)).length;
}

interface Operation {
  bytes: number;
  /** Queues the operation; may return what to read once the sync is done. */
  queue: () => (() => void) | undefined;
}

/**
 * Splits operations, in order, into requests of at most `budget` estimated bytes (one over budget goes alone).
 * @example packRequests([{ bytes: 3 }, { bytes: 3 }, { bytes: 3 }], 6) // => [[…, …], […]]
 */
export function packRequests<T extends { bytes: number }>(operations: readonly T[], budget: number): T[][] {
  const requests: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const operation of operations) {
    if (current.length > 0 && bytes + operation.bytes > budget) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(operation);
    bytes += operation.bytes;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

/** Runs operations in budgeted syncs, reading each sync's results after it; `after` sees each finished chunk. */
async function runPacked(
  context: Excel.RequestContext,
  operations: readonly Operation[],
  budget: number,
  after?: (chunk: readonly Operation[]) => void,
): Promise<void> {
  for (const chunk of packRequests(operations, budget)) {
    const readers = chunk.map((operation) => operation.queue());
    await context.sync();
    for (const read of readers) read?.();
    after?.(chunk);
  }
}

/** The cell address part of 'Sheet'!C7 or Sheet!$C$7, upper-cased and without $. */
function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return address
    .slice(bang + 1)
    .replace(/\$/g, '')
    .toUpperCase();
}

/** Splits a union reference on the commas outside quoted sheet names. */
function unionParts(reference: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index < reference.length; index++) {
    const ch = reference[index];
    if (ch === "'") quoted = !quoted;
    else if (ch === ',' && !quoted) {
      parts.push(reference.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(reference.slice(start));
  return parts;
}

/**
 * The cells of `sheetName` one of our names refers to now (Excel has rewritten it as rows moved); a deleted
 * cell (#REF!) and a cell moved to another sheet are left out.
 * @example namedCells("='台账'!$C$9,'台账'!#REF!", '台账') // => ['C9']
 */
export function namedCells(formula: string, sheetName: string): string[] {
  const reference = formula.startsWith('=') ? formula.slice(1) : formula;
  const cells: string[] = [];
  for (const part of unionParts(reference)) {
    const bang = part.lastIndexOf('!');
    if (bang < 0) continue;
    const sheetPart = part
      .slice(0, bang)
      .trim()
      .replace(/^'(.*)'$/u, '$1')
      .replace(/''/g, "'");
    const cell = part
      .slice(bang + 1)
      .trim()
      .replace(/\$/g, '')
      .toUpperCase();
    if (sheetPart.toLowerCase() === sheetName.toLowerCase() && /^[A-Z]{1,3}\d+$/u.test(cell))
      cells.push(cell);
  }
  return cells;
}

/** Name references for `addresses`, each under NAME_FORMULA_LIMIT: ["='台账'!$C$7,'台账'!$D$9", …]. */
export function nameFormulas(sheetName: string, addresses: readonly string[]): string[] {
  const formulas: string[] = [];
  let current = '';
  for (const address of addresses) {
    const reference = qualified(sheetName, address.replace(/^([A-Z]+)(\d+)$/u, '$$$1$$$2'));
    if (current !== '' && current.length + 1 + reference.length > NAME_FORMULA_LIMIT) {
      formulas.push(current);
      current = '';
    }
    current = current === '' ? `=${reference}` : `${current},${reference}`;
  }
  if (current !== '') formulas.push(current);
  return formulas;
}

function isOurFill(color: string | null | undefined): boolean {
  const upper = color?.toUpperCase();
  return upper === ERROR_FILL || upper === WARNING_FILL;
}

function commentText(cell: MarkedCell): string {
  return `${COMMENT_PREFIX}${cell.messages.join('\n')}`;
}

function refusedComment(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    REFUSED_COMMENT_CODES.has(error.code)
  );
}

/** Queues names anchoring `addresses`, numbered from `firstIndex`; returns the operations. */
function nameOperations(
  sheet: Excel.Worksheet,
  sheetName: string,
  addresses: readonly string[],
  firstIndex: number,
): Operation[] {
  return nameFormulas(sheetName, addresses).map((formula, index) => {
    const name = `${MARK_NAME_PREFIX}${firstIndex + index}`;
    return {
      bytes: operationBytes(name, formula) + OPERATION_BYTES,
      queue: () => {
        sheet.names.add(name, formula).visible = false;
        return undefined;
      },
    };
  });
}

/**
 * Replaces the add-in's marks on `sheetName` with `cells` (see the top of this file); answers how many got a
 * comment, and what of a marked download's it removed.
 */
async function replaceMarks(
  sheetName: string,
  cells: readonly MarkedCell[],
  options: MarkOptions,
): Promise<{ commented: number; leftovers: Leftovers }> {
  const withComments = supportsExcelApi('1.10');
  const withNotes = supportsExcelApi('1.18');
  const budget = options.requestBudgetBytes ?? REQUEST_BUDGET_BYTES;
  const progress: MarkProgress = { cells: cells.length, filled: 0, commented: 0 };
  try {
    return await Excel.run(async (context) => {
      // 1. Read: our names, the sheet's comments and (1.18) notes, the old setting.
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const legacy = context.workbook.settings.getItemOrNullObject(MARKS_SETTING);
      legacy.load('key');
      const names = sheet.names.load('items/name,formula');
      const comments = withComments ? sheet.comments.load('items/content') : null;
      const notes = withNotes ? sheet.notes.load('items/authorName,content') : null;
      const problems = context.workbook.worksheets.getItemOrNullObject(PROBLEMS_SHEET);
      problems.load('name');
      await context.sync();
      const ourNames = names.items.filter((item) => item.name.startsWith(MARK_NAME_PREFIX));
      const ourComments = comments?.items.filter((item) => item.content.startsWith(COMMENT_PREFIX)) ?? [];
      const othersComments = comments?.items.filter((item) => !item.content.startsWith(COMMENT_PREFIX)) ?? [];
      const ourNotes = notes?.items.filter((item) => item.content.startsWith(COMMENT_PREFIX)) ?? [];
      const othersNotes = notes?.items.filter((item) => !item.content.startsWith(COMMENT_PREFIX)) ?? [];
      const named = new Set(
        ourNames.flatMap((item) =>
          typeof item.formula === 'string' ? namedCells(item.formula, sheetName) : [],
        ),
      );

      // 2. Locate: where our marks are now and whether they still wear our fill; cells we must not comment.
      const found: { address: string; fill: string | null }[] = [];
      const occupied = new Set<string>();
      const locate: Operation[] = [];
      const locateFill = (range: () => Excel.Range, bytes: number): Operation => ({
        bytes,
        queue: () => {
          const location = range().load('address,format/fill/color');
          return () =>
            found.push({ address: localAddress(location.address), fill: location.format.fill.color });
        },
      });
      for (const comment of ourComments)
        locate.push(locateFill(() => comment.getLocation(), OPERATION_BYTES));
      for (const note of ourNotes) locate.push(locateFill(() => note.getLocation(), OPERATION_BYTES));
      for (const address of named)
        locate.push(locateFill(() => sheet.getRange(address), operationBytes(address)));
      // A 问题清单 sheet is the download's when its header is.
      let problemsHeader: string[] = [];
      if (cells.length === 0 && !problems.isNullObject)
        locate.push({
          bytes: OPERATION_BYTES,
          queue: () => {
            const range = problems.getRange('A1:E1').load('values');
            return () => {
              problemsHeader = (range.values[0] ?? []).map(String);
            };
          },
        });
      for (const item of [...othersComments, ...othersNotes]) {
        locate.push({
          bytes: OPERATION_BYTES,
          queue: () => {
            const location = item.getLocation().load('address');
            return () => occupied.add(localAddress(location.address));
          },
        });
      }
      await runPacked(context, locate, budget);

      // 3. Write: drop the old record and anchors, clear our fills that are still ours, paint the new fills.
      const marking = new Set(cells.map((cell) => cell.address));
      const toClear = new Set(
        found
          .filter((mark) => isOurFill(mark.fill) && !marking.has(mark.address))
          .map((mark) => mark.address),
      );
      const commentable = withComments ? cells.filter((cell) => !occupied.has(cell.address)) : [];
      const fillOnly = withComments ? cells.filter((cell) => occupied.has(cell.address)) : [...cells];
      const write: Operation[] = [];
      // Its addresses are stale for every sheet alike: no later run would use them.
      if (!legacy.isNullObject) write.push({ bytes: OPERATION_BYTES, queue: () => void legacy.delete() });
      for (const item of ourNames) write.push({ bytes: OPERATION_BYTES, queue: () => void item.delete() });
      const anchors = nameOperations(
        sheet,
        sheetName,
        fillOnly.map((cell) => cell.address),
        1,
      );
      write.push(...anchors);
      for (const address of toClear) {
        write.push({
          bytes: operationBytes(address),
          queue: () => void sheet.getRange(address).format.fill.clear(),
        });
      }
      for (const comment of ourComments)
        write.push({ bytes: OPERATION_BYTES, queue: () => void comment.delete() });
      for (const note of ourNotes) write.push({ bytes: OPERATION_BYTES, queue: () => void note.delete() });
      // The download's 问题清单, recognized by its header, once nothing is left to list.
      const staleProblems = PROBLEMS_HEADERS.every((text, index) => problemsHeader[index] === text);
      if (staleProblems) write.push({ bytes: OPERATION_BYTES, queue: () => void problems.delete() });
      const fills = new Set<Operation>();
      for (const cell of cells) {
        const color = cell.severity === 'error' ? ERROR_FILL : WARNING_FILL;
        const fill: Operation = {
          bytes: operationBytes(cell.address, color),
          queue: () => {
            sheet.getRange(cell.address).format.fill.color = color;
            return undefined;
          },
        };
        fills.add(fill);
        write.push(fill);
      }
      await runPacked(context, write, budget, (chunk) => {
        const filled = chunk.filter((operation) => fills.has(operation)).length;
        if (filled === 0) return;
        progress.filled += filled;
        options.onProgress?.({ ...progress });
      });

      // 4. Comments, in their own syncs. Below 1.18 a legacy note cannot be seen beforehand and Excel refuses a
      // comment over it, failing that sync: the comments queued before it were added, so the sheet's comment count
      // says which one was refused; that cell keeps its fill only and the rest of the chunk goes again.
      let commentCount = othersComments.length;
      let recoveries = 0;
      const refused: string[] = [];
      const additions = commentable.map((cell) => ({
        cell,
        bytes: operationBytes(qualified(sheetName, cell.address), commentText(cell)),
      }));
      for (const chunk of packRequests(additions, budget)) {
        let start = 0;
        while (start < chunk.length) {
          const rest = chunk.slice(start);
          try {
            for (const { cell } of rest)
              context.workbook.comments.add(qualified(sheetName, cell.address), commentText(cell));
            await context.sync();
            progress.commented += rest.length;
            commentCount += rest.length;
            break;
          } catch (error) {
            if (!refusedComment(error)) throw error;
            const count = sheet.comments.getCount();
            await context.sync();
            const applied = count.value - commentCount;
            commentCount = count.value;
            if (applied < 0 || applied >= rest.length) {
              // The count does not tell which one: the rest keep their fills without comments.
              refused.push(...rest.map(({ cell }) => cell.address));
              break;
            }
            progress.commented += applied;
            if (recoveries >= MAX_COMMENT_RECOVERIES) {
              // Out of recoveries: the refused one and those after it in this chunk keep fills only.
              refused.push(...rest.slice(applied).map(({ cell }) => cell.address));
              break;
            }
            recoveries++;
            refused.push(rest[applied]?.cell.address ?? '');
            start += applied + 1;
          }
        }
        options.onProgress?.({ ...progress });
      }
      // 5. Cells whose comment was refused are anchored by name like the other fill-only ones.
      await runPacked(context, nameOperations(sheet, sheetName, refused, anchors.length + 1), budget);
      return {
        commented: progress.commented,
        leftovers: { notes: ourNotes.length, problemsSheet: staleProblems },
      };
    });
  } catch (error) {
    if (isItemNotFound(error)) {
      throw new ExcelLayerError('SHEET_NOT_FOUND', `找不到工作表“${sheetName}”`, { cause: error });
    }
    throw error;
  }
}

/**
 * Marks every diagnosed cell — errors light red, warnings yellow, the messages in a comment — after removing
 * the marks of the previous run on that sheet. `columnIndexByKey` gives each column's offset within the
 * values that were read (0 = the column at `firstColumn`); rows are the sheet's own row numbers.
 * @example
 * const { cells } = await markDiagnostics(sheet.sheetName, sheet.firstRow, sheet.firstColumn, columns, diagnostics);
 */
export async function markDiagnostics(
  sheetName: string,
  firstRow: number,
  firstColumn: number,
  columnIndexByKey: Partial<Record<ColumnKey, number>>,
  diagnostics: readonly Diagnostic[],
  options: MarkOptions & { columnIndexByHeader?: ReadonlyMap<string, number> } = {},
): Promise<MarkResult> {
  const { cells, unplaced } = cellsFromDiagnostics(
    firstRow,
    firstColumn,
    columnIndexByKey,
    diagnostics,
    options.columnIndexByHeader,
  );
  const { commented, leftovers } = await replaceMarks(sheetName, cells, options);
  return { sheetName, cells, commented, unplaced, leftovers };
}

/** Removes the add-in's fills and comments from `sheetName` (wherever the last run's marks are now). */
export async function clearDiagnostics(sheetName: string, options: MarkOptions = {}): Promise<void> {
  await replaceMarks(sheetName, [], options);
}

/** Shows a cell: activates its sheet and selects it (the pane's jump list). */
export async function selectCell(sheetName: string, address: string): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
    });
  } catch (error) {
    if (isItemNotFound(error)) {
      throw new ExcelLayerError('SHEET_NOT_FOUND', `找不到工作表“${sheetName}”`, { cause: error });
    }
    throw error;
  }
}
