// Test double for Excel built on office-addin-mock: a small workbook model behind OfficeMockObject proxies.
//
// office-addin-mock gives load/sync semantics (reading an unloaded or unsynced property yields an error string)
// but only for a fixed object tree. Excel hands out new proxies on every call (getRange, worksheets.add, charts.add),
// so each one is an OfficeMockObject built on demand and registered here, and `context.sync()` syncs them all.
// Writes go through a JS Proxy that records them into the model (cells, formats, validations, charts …), so tests
// assert on what ended up in the workbook, and `syncCount` counts round trips.
import { OfficeMockObject } from 'office-addin-mock';
import { columnLetter, rangeAddress } from '../../sheet/address';

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** Ranges up to this many cells get per-cell formats and a values snapshot; bigger ones (whole columns) do not. */
const CELL_LIMIT = 250_000;

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** 'A1', 'B2:C9', 'K:L', '$A$1', "'Sheet'!A1" → a 1-based inclusive box. */
export function parseAddress(address: string): Box {
  const local = address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '');
  const [first = '', second = first] = local.split(':');
  const corner = (text: string, isEnd: boolean) => {
    const match = /^([A-Z]*)(\d*)$/u.exec(text.toUpperCase());
    if (!match || (match[1] === '' && match[2] === '')) throw new Error(`bad address: ${address}`);
    const letters = match[1] ?? '';
    const digits = match[2] ?? '';
    const column =
      letters === ''
        ? isEnd
          ? MAX_COLUMNS
          : 1
        : [...letters].reduce((sum, ch) => sum * 26 + ch.charCodeAt(0) - 64, 0);
    const row = digits === '' ? (isEnd ? MAX_ROWS : 1) : Number(digits);
    return { row, column };
  };
  const start = corner(first, false);
  const end = corner(second, true);
  return { top: start.row, left: start.column, bottom: end.row, right: end.column };
}

export function boxAddress(box: Box): string {
  if (box.top === 1 && box.bottom === MAX_ROWS) return `${columnLetter(box.left)}:${columnLetter(box.right)}`;
  return rangeAddress(box.top, box.left, box.bottom - box.top + 1, box.right - box.left + 1);
}

function boxCells(box: Box): number {
  return (box.bottom - box.top + 1) * (box.right - box.left + 1);
}

function overlaps(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function contains(outer: Box, row: number, column: number): boolean {
  return row >= outer.top && row <= outer.bottom && column >= outer.left && column <= outer.right;
}

const key = (row: number, column: number) => `${row},${column}`;

/** Excel on the web refuses a request (one sync's queued operations) over 5 MB: RequestPayloadSizeLimitExceeded. */
export const EXCEL_WEB_REQUEST_LIMIT = 5_000_000;
/** What one queued action costs in Office.js's request JSON beyond its payload (ids, action type, object path). */
const ACTION_BYTES = 120;
const encoder = new TextEncoder();

/** The UTF-8 size of a value as JSON (what Office.js puts on the wire for a write or a call's arguments). */
function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value) ?? '').length;
}

/** Days from Excel's day 0 (1899-12-30, the 1900 date system) to a calendar date. */
function excelSerial(year: number, month: number, day: number): number | null {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return Math.round((time - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * What Excel (zh-CN) makes of a string written to a cell whose number format is not text (@): a formula
 * for '=…', a number for '+2.5' or '1,234', a fraction for '51.7%', a date serial for '2026年4月1日',
 * '2026-04-01' or '2026/4/1', a boolean for TRUE/FALSE; a leading apostrophe keeps the rest as text.
 * Formulas are not evaluated: their cell reads back '#NAME?' (the text is kept in FakeSheet.formulas).
 */
export function excelParse(text: string): { value: unknown; formula: string | null } {
  if (text.startsWith("'")) return { value: text.slice(1), formula: null };
  if (text.length > 1 && text.startsWith('=')) return { value: '#NAME?', formula: text };
  const trimmed = text.trim();
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$/u.test(trimmed))
    return { value: Number(trimmed.replace(/,/g, '')), formula: null };
  const percent = /^([+-]?\d+(\.\d+)?)%$/u.exec(trimmed);
  if (percent) return { value: Number(percent[1]) / 100, formula: null };
  const date =
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/u.exec(trimmed) ??
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/u.exec(trimmed);
  if (date) {
    const serial = excelSerial(Number(date[1]), Number(date[2]), Number(date[3]));
    if (serial !== null) return { value: serial, formula: null };
  }
  if (/^(true|false)$/iu.test(trimmed)) return { value: trimmed.toUpperCase() === 'TRUE', formula: null };
  return { value: text, formula: null };
}

/** A bounded range's fill as Excel reads it: the one colour of all its cells, '#FFFFFF' for none, null if mixed. */
function fillColor(sheet: FakeSheet, box: Box, bounded: boolean): string | null {
  if (!bounded) return null;
  const colours = new Set<unknown>();
  for (let row = box.top; row <= box.bottom; row++) {
    for (let column = box.left; column <= box.right; column++)
      colours.add(sheet.cellFormats.get(key(row, column))?.['format.fill.color'] ?? '#FFFFFF');
  }
  return colours.size === 1 ? String([...colours][0]) : null;
}

function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export interface FakeChart {
  type: string;
  source: string;
  seriesBy: string;
  props: Record<string, unknown>;
  position: [string, string] | null;
  deleted: boolean;
}

export interface FakeConditionalFormat {
  address: string;
  type: string;
  props: Record<string, unknown>;
}

export interface FakeValidation {
  address: string;
  props: Record<string, unknown>;
}

export interface FakeComment {
  id: string;
  address: string;
  content: string;
}

/** A worksheet-scoped named item: `formula` as Excel keeps it ('=台账!$C$7,台账!$D$9'), rewritten as rows move. */
export interface FakeName {
  name: string;
  formula: string;
  visible: boolean;
}

/** Moves a row number through a row insert (count > 0 at `at`) or delete (count < 0 from `at`); null if deleted. */
function shiftedRow(row: number, at: number, count: number): number | null {
  if (row < at) return row;
  if (count < 0 && row < at - count) return null;
  return row + count;
}

/** Rewrites the references to `sheetName` in a formula as Excel does when rows move; a deleted cell becomes #REF!. */
function shiftFormula(formula: string, sheetName: string, at: number, count: number): string {
  return formula.replace(
    /('(?:[^']|'')+'|[^'!,=()\s]+)!(\$?)([A-Z]{1,3})(\$?)(\d+)/gu,
    (whole, sheetPart: string, columnDollar: string, letters: string, rowDollar: string, digits: string) => {
      const referenced = sheetPart.replace(/^'(.*)'$/u, '$1').replace(/''/g, "'");
      if (referenced.toLowerCase() !== sheetName.toLowerCase()) return whole;
      const row = shiftedRow(Number(digits), at, count);
      return row === null ? `${sheetPart}!#REF!` : `${sheetPart}!${columnDollar}${letters}${rowDollar}${row}`;
    },
  );
}

export interface FakeTable {
  name: string;
  address: string;
  hasHeaders: boolean;
  props: Record<string, unknown>;
}

export class FakeSheet {
  readonly cells = new Map<string, unknown>();
  readonly cellFormats = new Map<string, Record<string, unknown>>();
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly rowHeights = new Map<number, number>();
  readonly merges: string[] = [];
  readonly validations: FakeValidation[] = [];
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  readonly charts: FakeChart[] = [];
  readonly comments: FakeComment[] = [];
  /** Legacy notes (Excel's 批注 before threaded comments), by cell address: a comment cannot be added over one. */
  readonly notes = new Map<string, string>();
  /** Formulas Excel made of written strings ('=…'), by cell key "row,column". */
  readonly formulas = new Map<string, string>();
  readonly tables: FakeTable[] = [];
  /** Worksheet-scoped named items (worksheet.names, ExcelApi 1.4). */
  readonly names: FakeName[] = [];
  /** Sheet-level writes (pageLayout.*, tabColor …) by path. */
  readonly props: Record<string, unknown> = {};
  /** Method calls on this sheet and its ranges, in order: { path: 'freezePanes.freezeRows', args: [4] }. */
  readonly calls: { target: string; path: string; args: unknown[] }[] = [];
  frozenRows = 0;

  constructor(public name: string) {}

  value(address: string): unknown {
    const box = parseAddress(address);
    return this.cells.get(key(box.top, box.left)) ?? '';
  }

  /** The grid's values in `address`, '' where empty (as Excel's range.values gives them). */
  valuesOf(address: string): unknown[][] {
    const box = parseAddress(address);
    const rows: unknown[][] = [];
    for (let row = box.top; row <= box.bottom; row++) {
      const cells: unknown[] = [];
      for (let column = box.left; column <= box.right; column++)
        cells.push(this.cells.get(key(row, column)) ?? '');
      rows.push(cells);
    }
    return rows;
  }

  /** A format of one cell as last written ('format.fill.color', 'numberFormat', 'format.font.bold' …). */
  format(address: string, path: string): unknown {
    const box = parseAddress(address);
    return this.cellFormats.get(key(box.top, box.left))?.[path];
  }

  /** Non-empty cells' bounding box, or null for an empty sheet. */
  usedBox(): Box | null {
    let box: Box | null = null;
    for (const [cellKey, value] of this.cells) {
      if (value === '' || value === null || value === undefined) continue;
      const [row = 0, column = 0] = cellKey.split(',').map(Number);
      box = box
        ? {
            top: Math.min(box.top, row),
            left: Math.min(box.left, column),
            bottom: Math.max(box.bottom, row),
            right: Math.max(box.right, column),
          }
        : { top: row, left: column, bottom: row, right: column };
    }
    return box;
  }

  /** Fills cells from a 2D array with its top-left at `address` (test setup). */
  setValues(address: string, values: readonly (readonly unknown[])[]): void {
    const box = parseAddress(address);
    values.forEach((cells, rowOffset) => {
      cells.forEach((cell, columnOffset) => {
        this.cells.set(key(box.top + rowOffset, box.left + columnOffset), cell);
      });
    });
  }

  /**
   * Inserts `count` whole rows at `row` (range.insert('Down') on rows): cells, formats, formulas, comments,
   * notes, row heights and this sheet's names below move down; the new rows take the formats of the row above.
   */
  insertRows(row: number, count: number): void {
    this.shiftRows(row, count);
    const above = [...this.cellFormats].filter(([cellKey]) => cellKey.startsWith(`${row - 1},`));
    for (let added = row; added < row + count; added++) {
      for (const [cellKey, formats] of above)
        this.cellFormats.set(key(added, Number(cellKey.split(',')[1])), { ...formats });
    }
  }

  /** Deletes `count` whole rows from `row` (range.delete('Up')): what was on them goes, the rest moves up. */
  deleteRows(row: number, count: number): void {
    this.shiftRows(row, -count);
  }

  private shiftRows(at: number, count: number): void {
    const remap = <T>(map: Map<string, T>) => {
      const entries = [...map];
      map.clear();
      for (const [cellKey, value] of entries) {
        const [row = 0, column = 0] = cellKey.split(',').map(Number);
        const moved = shiftedRow(row, at, count);
        if (moved !== null) map.set(key(moved, column), value);
      }
    };
    remap(this.cells);
    remap(this.cellFormats);
    remap(this.formulas);
    const heights = [...this.rowHeights];
    this.rowHeights.clear();
    for (const [row, height] of heights) {
      const moved = shiftedRow(row, at, count);
      if (moved !== null) this.rowHeights.set(moved, height);
    }
    const movedAddress = (address: string) => {
      const box = parseAddress(address);
      const moved = shiftedRow(box.top, at, count);
      return moved === null ? null : boxAddress({ ...box, top: moved, bottom: moved });
    };
    for (let index = this.comments.length - 1; index >= 0; index--) {
      const comment = this.comments[index];
      const moved = comment ? movedAddress(comment.address) : null;
      if (comment && moved) comment.address = moved;
      else this.comments.splice(index, 1);
    }
    const notes = [...this.notes];
    this.notes.clear();
    for (const [address, text] of notes) {
      const moved = movedAddress(address);
      if (moved) this.notes.set(moved, text);
    }
    for (const named of this.names) named.formula = shiftFormula(named.formula, this.name, at, count);
  }

  liveCharts(): FakeChart[] {
    return this.charts.filter((chart) => !chart.deleted);
  }

  setCellFormat(box: Box, path: string, value: unknown): void {
    if (boxCells(box) > CELL_LIMIT) return;
    for (let row = box.top; row <= box.bottom; row++) {
      for (let column = box.left; column <= box.right; column++) {
        const cellKey = key(row, column);
        const formats = this.cellFormats.get(cellKey) ?? {};
        if (value === undefined) delete formats[path];
        else formats[path] = value;
        this.cellFormats.set(cellKey, formats);
      }
    }
  }

  clear(box: Box, applyTo: string): void {
    if (applyTo === 'All' || applyTo === 'Contents') {
      for (const cellKey of [...this.cells.keys()]) {
        const [row = 0, column = 0] = cellKey.split(',').map(Number);
        if (contains(box, row, column)) this.cells.delete(cellKey);
      }
    }
    if (applyTo === 'All' || applyTo === 'Formats') {
      for (const cellKey of [...this.cellFormats.keys()]) {
        const [row = 0, column = 0] = cellKey.split(',').map(Number);
        if (contains(box, row, column)) this.cellFormats.delete(cellKey);
      }
    }
  }
}

type Data = Record<string, unknown>;

export interface FakeExcelOptions {
  /** Highest ExcelApi version the fake host claims (isSetSupported); default '1.10'. */
  excelApi?: string;
  /** Sheets to start with; the first is active. Default: one sheet named Sheet1. */
  sheets?: string[];
  /** Whether the host has the shared runtime (SharedRuntime 1.1, Office.addin.setStartupBehavior); default false. */
  sharedRuntime?: boolean;
  /**
   * The largest request (one sync's writes and calls, estimated as Office.js's JSON) the host accepts;
   * default Excel on the web's 5 MB. A bigger sync rejects with RequestPayloadSizeLimitExceeded.
   */
  requestLimitBytes?: number;
  /**
   * Whether the workbook uses the 1904 date system (Excel for Mac's old default): `use1904DateSystem` and
   * `functions.date` answer from it; cells still hold whatever serials the test puts in. Default false.
   */
  date1904?: boolean;
  /**
   * Writes and calls the host refuses, by path: 'pageLayout' refuses every pageLayout.* write and call,
   * 'pageLayout.paperSize' that one. A refused one is not recorded and the sync that sends it rejects
   * (InvalidArgument), as Excel rejects a property its host or printer does not support.
   */
  rejectWrites?: string[];
}

function versionAtMost(version: string, supported: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [supportedMajor = 0, supportedMinor = 0] = supported.split('.').map(Number);
  return major < supportedMajor || (major === supportedMajor && minor <= supportedMinor);
}

/** Property names in a load argument: 'a,b' / ['a', 'b'] / 'items/name' → ['name'] for collections. */
function loadedProperties(argument: unknown): string[] {
  const parts = Array.isArray(argument) ? argument : typeof argument === 'string' ? argument.split(',') : [];
  return parts
    .filter((part): part is string => typeof part === 'string')
    .map((part) => part.trim().replace(/^items\//u, ''))
    .filter((part) => part !== '' && part !== 'items');
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  readonly root: OfficeMockObject;
  active: FakeSheet;
  selected: { sheet: string; address: string } | null = null;
  syncCount = 0;
  /** The estimated size of each sync's request, in order (bytes of Office.js JSON: writes, calls, ranges). */
  readonly requestBytes: number[] = [];
  private pendingBytes = 0;
  private readonly requestLimitBytes: number;
  /** What Office.addin.setStartupBehavior was last given ('Load' / 'None'), null if never called. */
  startupBehavior: string | null = null;
  private readonly registry: OfficeMockObject[] = [];
  private pending: (() => void)[] = [];
  private nextId = 1;
  private readonly excelApi: string;
  private readonly sharedRuntime: boolean;
  /** FakeExcelOptions.date1904. */
  readonly date1904: boolean;
  private readonly rejectWrites: readonly string[];
  /** The refused write or call queued since the last sync, which makes that sync reject. */
  private rejected: string | null = null;

  constructor(options: FakeExcelOptions = {}) {
    this.excelApi = options.excelApi ?? '1.10';
    this.sharedRuntime = options.sharedRuntime ?? false;
    this.requestLimitBytes = options.requestLimitBytes ?? EXCEL_WEB_REQUEST_LIMIT;
    this.date1904 = options.date1904 ?? false;
    this.rejectWrites = options.rejectWrites ?? [];
    for (const name of options.sheets ?? ['Sheet1']) this.sheets.push(new FakeSheet(name));
    const first = this.sheets[0];
    if (!first) throw new Error('a workbook needs a sheet');
    this.active = first;
    this.root = new OfficeMockObject({
      context: { workbook: this.workbookData() },
      run: async function (this: OfficeMockObject, batch: (context: unknown) => Promise<unknown>) {
        return batch(this.context);
      },
    });
    const context = this.root.context;
    context.sync = async () => {
      this.syncCount++;
      const bytes = this.pendingBytes;
      this.pendingBytes = 0;
      this.requestBytes.push(bytes);
      if (bytes > this.requestLimitBytes) {
        throw officeError(
          'RequestPayloadSizeLimitExceeded',
          `The request payload size has exceeded the limit (${bytes} bytes > ${this.requestLimitBytes})`,
        );
      }
      const rejected = this.rejected;
      if (rejected !== null) {
        this.rejected = null;
        this.pending = [];
        throw officeError(
          'InvalidArgument',
          `The argument is invalid or missing or has an incorrect format (${rejected})`,
        );
      }
      const pending = this.pending;
      this.pending = [];
      for (const hook of pending) hook();
      await OfficeMockObject.prototype.sync.call(context);
      for (const mock of this.registry) await mock.sync();
    };
  }

  /**
   * The Office global the code under test sees: requirement-set checks answer from `excelApi` and
   * `sharedRuntime`; Office.addin.setStartupBehavior records into `startupBehavior`.
   */
  office(): Data {
    return {
      context: {
        requirements: {
          isSetSupported: (name: string, version = '1.1') =>
            (name === 'ExcelApi' && versionAtMost(version, this.excelApi)) ||
            (name === 'SharedRuntime' && this.sharedRuntime && versionAtMost(version, '1.1')),
        },
      },
      StartupBehavior: { none: 'None', load: 'Load' },
      addin: this.sharedRuntime
        ? {
            setStartupBehavior: async (behavior: string) => {
              this.startupBehavior = behavior;
            },
            getStartupBehavior: async () => this.startupBehavior ?? 'None',
          }
        : {},
    };
  }

  /** The largest request any sync has sent so far (bytes). */
  get maxRequestBytes(): number {
    return Math.max(0, ...this.requestBytes);
  }

  /** Counts one queued action and its payload toward the next sync's request. */
  charge(payload: unknown): void {
    this.pendingBytes += ACTION_BYTES + jsonBytes(payload);
  }

  sheet(name: string): FakeSheet {
    const found = this.findSheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): FakeSheet {
    if (this.findSheet(name)) throw officeError('ItemAlreadyExists', `sheet ${name} exists`);
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  /** Whether the host refuses a write or call at `path` (FakeExcelOptions.rejectWrites); if so the next sync rejects. */
  private refuses(path: string): boolean {
    if (!this.rejectWrites.some((refused) => path === refused || path.startsWith(`${refused}.`)))
      return false;
    this.rejected ??= path;
    return true;
  }

  /** The selected sheet and its areas (one address each). */
  private selection(): { sheet: FakeSheet; addresses: string[] } {
    const selected = this.selected;
    const sheet = (selected && this.findSheet(selected.sheet)) || this.active;
    const address = selected && sheet.name === selected.sheet ? selected.address : 'A1';
    return { sheet, addresses: address.split(',').map((part) => part.trim()) };
  }

  private track(mock: OfficeMockObject): OfficeMockObject {
    this.registry.push(mock);
    return mock;
  }

  /** A collection whose load('items/…') fills `items` at the next sync with fresh proxies, those properties loaded. */
  private collection(items: () => OfficeMockObject[], methods: Data): Data {
    const workbook = this;
    return {
      ...methods,
      load: function (this: OfficeMockObject, argument: unknown) {
        const properties = loadedProperties(argument);
        workbook.pending.push(() => {
          this.items = items().map((item) => (properties.length > 0 ? item.load(properties) : item));
        });
        return this;
      },
    };
  }

  private nullObject(): OfficeMockObject {
    const mock = new OfficeMockObject({ load: () => mock });
    mock.isNullObject = true;
    return mock;
  }

  /**
   * Wraps a mock so writes and calls are recorded: `onSet('format.fill.color', value)`. Loads go straight to the
   * mock (its own bookkeeping must not count as writes); nested mocks come back wrapped with their path.
   */
  private observe(
    mock: OfficeMockObject,
    target: string,
    onSet: (path: string, value: unknown) => void,
    log: FakeSheet['calls'] | null,
    prefix = '',
  ): OfficeMockObject {
    const children = new Map<string, OfficeMockObject>();
    const workbook = this;
    const proxy: OfficeMockObject = new Proxy(mock, {
      get(raw, property, receiver) {
        if (typeof property !== 'string') return Reflect.get(raw, property, receiver);
        if (property === 'load') {
          return (argument: string | string[]) => {
            raw.load(argument);
            return proxy;
          };
        }
        const value: unknown = Reflect.get(raw, property);
        if (value instanceof OfficeMockObject) {
          const cached = children.get(property);
          if (cached) return cached;
          const child = workbook.observe(value, target, onSet, log, `${prefix}${property}.`);
          children.set(property, child);
          return child;
        }
        if (typeof value === 'function' && Object.getOwnPropertyDescriptor(raw, property) !== undefined) {
          return (...args: unknown[]) => {
            workbook.charge(args);
            if (workbook.refuses(`${prefix}${property}`)) return undefined;
            log?.push({ target, path: `${prefix}${property}`, args });
            return value.apply(proxy, args);
          };
        }
        return value;
      },
      set(raw, property, value) {
        if (typeof property === 'string') {
          workbook.charge(value);
          if (workbook.refuses(`${prefix}${property}`)) return true;
          onSet(`${prefix}${property}`, value);
        }
        return Reflect.set(raw, property, value);
      },
    });
    return proxy;
  }

  private workbookData(): Data {
    return {
      use1904DateSystem: this.date1904,
      // The selection (range.select() or a test's `selected`, areas joined by commas), on the active sheet
      // when none was made. getSelectedRange refuses several areas, as Excel does.
      getSelectedRange: () => {
        const { sheet, addresses } = this.selection();
        if (addresses.length > 1) throw officeError('InvalidSelection', 'several ranges are selected');
        return this.rangeProxy(sheet, addresses[0] ?? 'A1');
      },
      getSelectedRanges: () => {
        const { sheet, addresses } = this.selection();
        return this.track(
          new OfficeMockObject({
            areas: this.collection(() => addresses.map((address) => this.rangeProxy(sheet, address)), {}),
          }),
        );
      },
      functions: {
        // DATE(y, m, d): the serial of a date in the workbook's date system (ExcelApi 1.2).
        date: (year: number, month: number, day: number) => {
          const serial = excelSerial(year, month, day);
          const value = serial === null ? null : serial - (this.date1904 ? 1462 : 0);
          return this.track(
            new OfficeMockObject(
              // office-addin-mock cannot hold null: an error's value is 0, with `error` set.
              value === null || value < 0 ? { value: 0, error: '#NUM!' } : { value, error: '' },
            ),
          );
        },
      },
      worksheets: this.collection(() => this.sheets.map((sheet) => this.sheetProxy(sheet)), {
        add: (name: string) => this.sheetProxy(this.addSheet(name)),
        getItem: (name: string) => {
          const sheet = this.findSheet(name);
          if (!sheet) throw officeError('ItemNotFound', `no sheet ${name}`);
          return this.sheetProxy(sheet);
        },
        getItemOrNullObject: (name: string) => {
          const sheet = this.findSheet(name);
          return sheet ? this.sheetProxy(sheet) : this.nullObject();
        },
        getActiveWorksheet: () => this.sheetProxy(this.active),
      }),
      tables: this.collection(
        () => this.sheets.flatMap((sheet) => sheet.tables.map((table) => this.tableProxy(sheet, table))),
        {
          getItem: (name: string) => {
            for (const sheet of this.sheets) {
              const table = sheet.tables.find(
                (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
              );
              if (table) return this.tableProxy(sheet, table);
            }
            throw officeError('ItemNotFound', `no table ${name}`);
          },
        },
      ),
      settings: {
        getItemOrNullObject: (settingKey: string) => {
          if (!this.settings.has(settingKey)) return this.nullObject();
          const mock = this.track(
            new OfficeMockObject({
              key: settingKey,
              value: this.settings.get(settingKey),
              delete: () => {
                this.charge([settingKey]);
                this.settings.delete(settingKey);
              },
            }),
          );
          mock.isNullObject = false;
          return mock;
        },
        add: (settingKey: string, value: unknown) => {
          this.charge([settingKey, value]);
          // Settings are stored as JSON by Excel: keep a copy, never the caller's object.
          this.settings.set(settingKey, JSON.parse(JSON.stringify(value)));
        },
      },
      comments: {
        add: (cellAddress: string, content: string) => {
          this.charge([cellAddress, content]);
          const bang = cellAddress.lastIndexOf('!');
          const sheetName = cellAddress
            .slice(0, bang)
            .replace(/^'(.*)'$/u, '$1')
            .replace(/''/g, "'");
          const sheet = this.sheet(sheetName);
          const address = boxAddress(parseAddress(cellAddress));
          if (sheet.comments.some((comment) => comment.address === address)) {
            throw officeError('InvalidArgument', `cell ${address} already has a comment`);
          }
          if (sheet.notes.has(address)) {
            // Excel refuses a threaded comment on a cell that has a legacy note.
            throw officeError('InvalidArgument', `cell ${address} already has a note`);
          }
          sheet.comments.push({ id: `comment-${this.nextId++}`, address, content });
          return new OfficeMockObject({});
        },
      },
    };
  }

  private sheetProxy(sheet: FakeSheet): OfficeMockObject {
    const data: Data = {
      name: sheet.name,
      position: this.sheets.indexOf(sheet),
      getRange: (address?: string) => this.rangeProxy(sheet, address ?? 'A1:XFD1048576'),
      getRangeByIndexes: (row: number, column: number, rowCount: number, columnCount: number) =>
        this.rangeProxy(sheet, rangeAddress(row + 1, column + 1, rowCount, columnCount)),
      getUsedRangeOrNullObject: () => {
        const box = sheet.usedBox();
        return box ? this.rangeProxy(sheet, boxAddress(box)) : this.nullObject();
      },
      activate: () => {
        this.active = sheet;
      },
      delete: () => {
        const index = this.sheets.indexOf(sheet);
        if (index >= 0) this.sheets.splice(index, 1);
        if (this.active === sheet && this.sheets[0]) this.active = this.sheets[0];
      },
      freezePanes: {
        freezeRows: (count: number) => {
          sheet.frozenRows = count;
        },
      },
      pageLayout: {
        setPrintArea: (area: string) => {
          sheet.props['pageLayout.printArea'] = area;
        },
        setPrintTitleRows: (rows: string) => {
          sheet.props['pageLayout.printTitleRows'] = rows;
        },
      },
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          const table: FakeTable = { name: `Table${this.nextId++}`, address, hasHeaders, props: {} };
          sheet.tables.push(table);
          return this.tableProxy(sheet, table);
        },
      },
      charts: this.collection(() => sheet.liveCharts().map((chart) => this.chartProxy(sheet, chart)), {
        add: (type: string, source: OfficeMockObject, seriesBy: string) => {
          const chart: FakeChart = {
            type,
            source: String(source.fakeAddress),
            seriesBy,
            props: {},
            position: null,
            deleted: false,
          };
          sheet.charts.push(chart);
          return this.chartProxy(sheet, chart);
        },
      }),
      comments: this.collection(() => sheet.comments.map((comment) => this.commentProxy(sheet, comment)), {
        getCount: () => {
          const count = this.track(new OfficeMockObject({ value: sheet.comments.length }));
          return count.load('value');
        },
      }),
      notes: this.collection(
        () =>
          [...sheet.notes].map(([address, content]) =>
            this.track(
              new OfficeMockObject({
                authorName: '',
                content,
                getLocation: () => this.rangeProxy(sheet, address),
                delete: () => {
                  sheet.notes.delete(address);
                },
              }),
            ),
          ),
        {},
      ),
      names: this.collection(() => sheet.names.map((named) => this.nameProxy(sheet, named)), {
        add: (name: string, reference: string) => {
          if (sheet.names.some((named) => named.name.toLowerCase() === name.toLowerCase()))
            throw officeError('ItemAlreadyExists', `name ${name} exists`);
          const named: FakeName = { name, formula: reference, visible: true };
          sheet.names.push(named);
          return this.nameProxy(sheet, named);
        },
        getItemOrNullObject: (name: string) => {
          const named = sheet.names.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
          return named ? this.nameProxy(sheet, named) : this.nullObject();
        },
      }),
    };
    const mock = this.track(new OfficeMockObject(data));
    mock.isNullObject = false;
    return this.observe(
      mock,
      `sheet:${sheet.name}`,
      (path, value) => {
        sheet.props[path] = value;
      },
      sheet.calls,
    );
  }

  private nameProxy(sheet: FakeSheet, named: FakeName): OfficeMockObject {
    const mock = this.track(
      new OfficeMockObject({
        name: named.name,
        formula: named.formula,
        visible: named.visible,
        delete: () => {
          const index = sheet.names.indexOf(named);
          if (index >= 0) sheet.names.splice(index, 1);
        },
      }),
    );
    mock.isNullObject = false;
    return this.observe(
      mock,
      `name:${named.name}`,
      (path, value) => {
        if (path === 'visible') named.visible = value === true;
        if (path === 'formula') named.formula = String(value);
      },
      sheet.calls,
    );
  }

  private chartProxy(sheet: FakeSheet, chart: FakeChart): OfficeMockObject {
    const mock = this.track(
      new OfficeMockObject({
        name: String(chart.props.name ?? ''),
        title: { format: { font: {} } },
        legend: {},
        axes: { categoryAxis: {}, valueAxis: {} },
        dataLabels: {},
        setPosition: (start: string, end: string) => {
          chart.position = [start, end];
        },
        delete: () => {
          chart.deleted = true;
        },
      }),
    );
    return this.observe(
      mock,
      'chart',
      (path, value) => {
        chart.props[path] = value;
      },
      sheet.calls,
    );
  }

  private commentProxy(sheet: FakeSheet, comment: FakeComment): OfficeMockObject {
    const mock = this.track(
      new OfficeMockObject({
        id: comment.id,
        content: comment.content,
        getLocation: () => this.rangeProxy(sheet, comment.address),
        delete: () => {
          const index = sheet.comments.indexOf(comment);
          if (index >= 0) sheet.comments.splice(index, 1);
        },
      }),
    );
    return this.observe(mock, `comment:${comment.address}`, () => undefined, sheet.calls);
  }

  private tableProxy(sheet: FakeSheet, table: FakeTable): OfficeMockObject {
    const box = parseAddress(table.address);
    const headerBox = { ...box, bottom: box.top };
    const mock = this.track(
      new OfficeMockObject({
        name: table.name,
        showTotals: table.props.showTotals === true,
        getRange: () => this.rangeProxy(sheet, table.address),
        getHeaderRowRange: () => this.rangeProxy(sheet, boxAddress(headerBox)),
        getDataBodyRange: () => this.rangeProxy(sheet, boxAddress({ ...box, top: box.top + 1 })),
      }),
    );
    mock.worksheet = this.sheetProxy(sheet);
    return this.observe(
      mock,
      `table:${table.name}`,
      (path, value) => {
        if (path === 'name') table.name = String(value);
        table.props[path] = value;
      },
      sheet.calls,
    );
  }

  private rangeProxy(sheet: FakeSheet, address: string): OfficeMockObject {
    this.charge(address);
    const box = parseAddress(address);
    const local = boxAddress(box);
    const bounded = boxCells(box) <= CELL_LIMIT;
    const quoted = /^[\p{L}\p{N}_]+$/u.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
    const data: Data = {
      address: `${quoted}!${local}`,
      rowIndex: box.top - 1,
      columnIndex: box.left - 1,
      rowCount: box.bottom - box.top + 1,
      columnCount: box.right - box.left + 1,
      format: {
        font: {},
        fill: {
          // Excel reads '#FFFFFF' for no fill and null for cells that differ (left out: office-addin-mock takes no null).
          ...(fillColor(sheet, box, bounded) === null ? {} : { color: fillColor(sheet, box, bounded) }),
          clear: () => sheet.setCellFormat(box, 'format.fill.color', undefined),
        },
        borders: {
          getItem: (edge: string) =>
            this.observe(
              this.track(new OfficeMockObject({})),
              local,
              (path, value) => {
                sheet.setCellFormat(box, `format.borders.${edge}.${path}`, value);
              },
              null,
            ),
        },
      },
      dataValidation: {
        clear: () => {
          for (let index = sheet.validations.length - 1; index >= 0; index--) {
            const validation = sheet.validations[index];
            if (validation && overlaps(parseAddress(validation.address), box))
              sheet.validations.splice(index, 1);
          }
        },
      },
      conditionalFormats: {
        add: (type: string) => {
          const conditional: FakeConditionalFormat = { address: local, type, props: {} };
          sheet.conditionalFormats.push(conditional);
          const mock = this.track(
            new OfficeMockObject({
              textComparison: { format: { fill: {}, font: {} } },
              dataBar: { positiveFormat: {} },
            }),
          );
          return this.observe(
            mock,
            local,
            (path, value) => {
              conditional.props[path] = value;
            },
            sheet.calls,
          );
        },
        clearAll: () => {
          for (let index = sheet.conditionalFormats.length - 1; index >= 0; index--) {
            const conditional = sheet.conditionalFormats[index];
            if (conditional && overlaps(parseAddress(conditional.address), box))
              sheet.conditionalFormats.splice(index, 1);
          }
        },
      },
      merge: () => {
        sheet.merges.push(local);
      },
      unmerge: () => {
        for (let index = sheet.merges.length - 1; index >= 0; index--) {
          const merged = sheet.merges[index];
          if (merged && overlaps(parseAddress(merged), box)) sheet.merges.splice(index, 1);
        }
      },
      clear: (applyTo = 'All') => sheet.clear(box, String(applyTo)),
      select: () => {
        this.selected = { sheet: sheet.name, address: local };
      },
      insert: (shift: string) => {
        if (shift !== 'Down' || box.left !== 1 || box.right !== MAX_COLUMNS)
          throw new Error('the fake inserts whole rows only');
        sheet.insertRows(box.top, box.bottom - box.top + 1);
      },
      delete: (shift: string) => {
        if (shift !== 'Up' || box.left !== 1 || box.right !== MAX_COLUMNS)
          throw new Error('the fake deletes whole rows only');
        sheet.deleteRows(box.top, box.bottom - box.top + 1);
      },
    };
    if (bounded) data.values = sheet.valuesOf(local);
    if (bounded) {
      data.numberFormat = Array.from({ length: box.bottom - box.top + 1 }, (_, row) =>
        Array.from(
          { length: box.right - box.left + 1 },
          (_, column) =>
            sheet.cellFormats.get(key(box.top + row, box.left + column))?.numberFormat ?? 'General',
        ),
      );
    }
    const mock = this.track(new OfficeMockObject(data));
    mock.fakeAddress = local;
    return this.observe(
      mock,
      local,
      (path, value) => this.applyRangeWrite(sheet, box, path, value),
      sheet.calls,
    );
  }

  private applyRangeWrite(sheet: FakeSheet, box: Box, path: string, value: unknown): void {
    const perCell = (grid: unknown, apply: (row: number, column: number, cell: unknown) => void) => {
      if (!Array.isArray(grid)) throw new Error(`${path} must be a 2D array`);
      const height = box.bottom - box.top + 1;
      const width = box.right - box.left + 1;
      if (grid.length !== height)
        throw officeError('InvalidArgument', `${path}: ${grid.length} rows for ${height}`);
      grid.forEach((cells: unknown, rowOffset) => {
        if (!Array.isArray(cells) || cells.length !== width) {
          throw officeError('InvalidArgument', `${path}: row ${rowOffset} is not ${width} wide`);
        }
        cells.forEach((cell: unknown, columnOffset) => {
          apply(box.top + rowOffset, box.left + columnOffset, cell);
        });
      });
    };
    switch (path) {
      case 'values':
        perCell(value, (row, column, cell) => {
          // Office.js leaves a cell unchanged for null.
          if (cell === null) return;
          const cellKey = key(row, column);
          sheet.formulas.delete(cellKey);
          // Excel reads a string as the user would have typed it, unless the cell is formatted as text.
          if (typeof cell === 'string' && sheet.cellFormats.get(cellKey)?.numberFormat !== '@') {
            const parsed = excelParse(cell);
            sheet.cells.set(cellKey, parsed.value);
            if (parsed.formula !== null) sheet.formulas.set(cellKey, parsed.formula);
            return;
          }
          sheet.cells.set(cellKey, cell);
        });
        return;
      case 'numberFormat':
        perCell(value, (row, column, cell) => {
          // As for values, Office.js leaves a cell's number format unchanged for null.
          if (cell === null) return;
          sheet.setCellFormat({ top: row, left: column, bottom: row, right: column }, path, cell);
        });
        return;
      case 'format.columnWidth':
        for (let column = box.left; column <= box.right; column++)
          sheet.columnWidths.set(column, Number(value));
        return;
      case 'format.rowHeight':
        for (let row = box.top; row <= Math.min(box.bottom, box.top + CELL_LIMIT); row++)
          sheet.rowHeights.set(row, Number(value));
        return;
      case 'columnHidden':
        for (let column = box.left; column <= box.right; column++) {
          if (value === true) sheet.hiddenColumns.add(column);
          else sheet.hiddenColumns.delete(column);
        }
        return;
      case 'dataValidation.rule':
      case 'dataValidation.errorAlert':
      case 'dataValidation.prompt': {
        const address = boxAddress(box);
        let validation = sheet.validations.find((candidate) => candidate.address === address);
        if (!validation) {
          validation = { address, props: {} };
          sheet.validations.push(validation);
        }
        validation.props[path.slice('dataValidation.'.length)] = value;
        return;
      }
      default:
        sheet.setCellFormat(box, path, value);
    }
  }
}

/** Installs a fake Excel host as the globals `Excel` and `Office`; pass vitest's `vi.stubGlobal`. */
export function installFakeExcel(
  stubGlobal: (name: string, value: unknown) => unknown,
  options: FakeExcelOptions = {},
): FakeWorkbook {
  const workbook = new FakeWorkbook(options);
  stubGlobal('Excel', workbook.root);
  stubGlobal('Office', workbook.office());
  return workbook;
}
