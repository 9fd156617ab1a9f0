// Checks tracking-sheet rows against every rule of SPEC §2 and turns the clean ones into typed records.

import {
  CHECK_RESULTS,
  COLUMN_BY_KEY,
  COLUMNS,
  type ColumnKey,
  LEAGUE_ORG_TYPES,
  MODES,
  ORG_TYPES,
  STATUSES,
} from './columns';
import {
  CREDIT_CODE_CHARSET,
  civilAffairsOrgType,
  creditCodeCheckChar,
  creditCodeProblem,
} from './credit-code';
import { isCalendarDate } from './dates';
import {
  DIAGNOSTIC_MESSAGES,
  DIAGNOSTIC_SEVERITY,
  type DiagnosticCode,
  type DiagnosticParams,
} from './messages';
import { normalizeText } from './normalize';
import { normalizeOrgName } from './org-key';
import type { Diagnostic, SheetRow, TrackingRecord, Unit } from './schemas';

type ThresholdType = '团支部' | '团总支' | '团委';

export interface ValidationContext {
  /** Known units (code, name, kind, active). */
  units: Unit[];
  /** For a `unit` token: only this unit's rows are allowed; null for admin. */
  uploaderUnitCode: string | null;
  /** YYYY-MM-DD (Asia/Shanghai date of the upload): dates after it are errors. */
  today: string;
  /** Members a League organization type needs under 独立建团; default 团支部 3, 团总支 30, 团委 100 (团章 art. 24). */
  thresholds?: Partial<Record<ThresholdType, number>>;
  /** Organizations already in other units' ledgers, for the cross-unit duplicate warning. */
  otherUnits?: { orgKey: string; orgName: string; unitCode: string }[];
}

export interface ValidationResult {
  records: TrackingRecord[];
  diagnostics: Diagnostic[];
}

const DEFAULT_THRESHOLDS: Readonly<Record<ThresholdType, number>> = { 团支部: 3, 团总支: 30, 团委: 100 };
/** 团章: three League members or more form a branch, so an organization on its own needs three. */
const INDEPENDENT_MINIMUM = 3;
const TEXT_LENGTH: Partial<Record<ColumnKey, { min: number; max: number }>> = {
  orgName: { min: 2, max: 100 },
  secretary: { min: 1, max: 50 },
  note: { min: 1, max: 1000 },
};
const REQUIRED_WHEN_ESTABLISHED = ['establishedOn', 'mode', 'leagueOrgType', 'secretary', 'phone'] as const;
/** Excel's calendar starts in 1900; anything earlier is a typo, not a League organization. */
const EARLIEST_YEAR = 1900;
/** No League organization before the League itself (founded 5 May 1922): an earlier 建团时间 is an error. */
const LEAGUE_FOUNDED = '1922-05-05';
/** 建团 in a youth social organization before 1990 is possible but rare: a warning, to catch typos (1900 for 2000). */
const EARLY_ESTABLISHED = '1990-01-01';
const INTEGER_TEXT = /^[+-]?\d{1,15}$/;
const MOBILE = /^(?:\+?86-?)?1[3-9]\d{9}$/;
const LANDLINE = /^(?:0\d{2,3}-?|\(0\d{2,3}\)-?)?[1-9]\d{6,7}(?:(?:-|转|ext\.?)\d{1,6})?$/i;
const DISPLAY_LIMIT = 40;
const COLUMN_ORDER: ReadonlyMap<ColumnKey, number> = new Map(
  COLUMNS.map((column, index) => [column.key, index]),
);

type Finding = Omit<Diagnostic, 'row' | 'header' | 'column'> & { column: ColumnKey };

interface CheckedCreditCode {
  /** NFKC, whitespace removed, upper-case — whether or not it is valid. */
  code: string;
  valid: boolean;
}

/** A row's values as its record would hold them, null where a required cell gave nothing. */
type RecordDraft = { row: number } & {
  [K in Exclude<keyof TrackingRecord, 'row'>]: TrackingRecord[K] | null;
};

interface CheckedRow {
  findings: Finding[];
  /** The credit code as written, valid or not: a duplicate is one either way. */
  creditCode: CheckedCreditCode | null;
  /** Becomes the row's record, as it is, when the row has no errors. */
  draft: RecordDraft;
}

/**
 * Validates the rows of one tracking sheet: every cell, the rules between cells of a row, duplicates
 * within the sheet and organizations other units already report. Rows without errors become records.
 * @throws RangeError when `context.today` is not a YYYY-MM-DD date (a programming error, not bad input).
 * @example
 * const { records, diagnostics } = validateRows(rows, { units, uploaderUnitCode: 'huamu', today: '2026-11-25' });
 * if (hasErrors(diagnostics)) showDiagnostics(diagnostics); else upload(records);
 */
export function validateRows(rows: SheetRow[], context: ValidationContext): ValidationResult {
  const validator = new RowValidator(context);
  // A sheet's rows arrive in order: copy and sort only the rare list that is not.
  validator.add(isInSheetOrder(rows) ? rows : [...rows].sort((a, b) => a.row - b.row));
  return validator.result();
}

function isInSheetOrder(rows: readonly SheetRow[]): boolean {
  for (let index = 1; index < rows.length; index++) {
    const previous = rows[index - 1];
    const current = rows[index];
    if (previous !== undefined && current !== undefined && previous.row > current.row) return false;
  }
  return true;
}

/**
 * validateRows for a sheet that arrives in pieces (an upload in parts): `add` each piece in sheet
 * order, then `result`. Duplicates are found across pieces; a piece's rows need not be held once added.
 * @example
 * const validator = new RowValidator(context);
 * for (const part of parts) validator.add(part.rows);
 * const { records, diagnostics } = validator.result();
 */
export class RowValidator {
  private readonly otherUnitsByKey: OtherUnitIndex;
  private readonly firsts: FirstOccurrences = { rowByCode: new Map(), byName: new Map() };
  private readonly records: TrackingRecord[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly run: RunContext;
  private lastRow = 0;

  constructor(private readonly context: ValidationContext) {
    if (!isSheetDate(context.today)) throw new RangeError(`today must be YYYY-MM-DD, got ${context.today}`);
    this.otherUnitsByKey = groupOtherUnits(context);
    this.run = { ...context, reads: columnReads(context) };
  }

  /**
   * Checks the next rows of the sheet.
   * @throws RangeError when a row comes before one already added (pieces must follow the sheet's order).
   */
  add(rows: readonly SheetRow[]): void {
    for (const sheetRow of rows) {
      if (sheetRow.row < this.lastRow)
        throw new RangeError(`row ${sheetRow.row} comes after row ${this.lastRow}: add rows in sheet order`);
      this.lastRow = sheetRow.row;
      this.check(sheetRow);
    }
  }

  private check(sheetRow: SheetRow): void {
    const checked = checkRow(sheetRow, this.run);
    const { draft, findings } = checked;
    // The name's key serves both duplicate checks: fold it once.
    const nameKey = draft.orgName === null ? null : normalizeOrgName(draft.orgName);
    checkInSheetDuplicate(checked, nameKey, this.firsts);
    // Every entry of otherUnits is indexed by name: none there, no other unit to match.
    if (draft.orgName !== null && nameKey !== null && this.otherUnitsByKey.byName.size > 0) {
      const identity = {
        orgName: draft.orgName,
        nameKey,
        creditCode: draft.creditCode,
        unitCode: draft.unitCode,
      };
      checkOtherUnits(identity, this.otherUnitsByKey, this.context.units, findings);
    }
    // Most rows are clean: no diagnostics to sort and copy.
    if (findings.length > 0 && this.addDiagnostics(draft.row, findings)) return;
    if (isComplete(draft)) this.records.push(draft);
  }

  /** Adds a row's findings in column order; true when one of them is an error. */
  private addDiagnostics(row: number, findings: Finding[]): boolean {
    let error = false;
    for (const finding of findings.sort(byColumnOrder)) {
      this.diagnostics.push(toDiagnostic(row, finding));
      if (finding.severity === 'error') error = true;
    }
    return error;
  }

  result(): ValidationResult {
    return { records: this.records, diagnostics: this.diagnostics };
  }
}

/**
 * The unit a 所属单位 cell names: by code (exactly, then case-insensitively) or by name, both compared
 * after NFKC with every space removed.
 * @example resolveUnit(' 花木 街道 ', units) // => { code: 'huamu', name: '花木街道', kind: '街道', active: true }
 * @example resolveUnit('HUAMU', units)?.code // => 'huamu'
 */
export function resolveUnit(value: string, units: Unit[]): Unit | null {
  const exact = compactNfkc(value);
  if (exact === '') return null;
  const folded = normalizeOrgName(value);
  return (
    units.find((unit) => unit.code === exact) ??
    units.find((unit) => normalizeOrgName(unit.name) === folded) ??
    units.find((unit) => normalizeOrgName(unit.code) === folded) ??
    null
  );
}

/**
 * Whether any diagnostic blocks an upload.
 * @example hasErrors([{ ...diagnostic, severity: 'warning' }]) // => false
 */
export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

/** Adds a diagnostic of `code` about `column` to a row's findings. */
function report<C extends DiagnosticCode>(
  findings: Finding[],
  column: ColumnKey,
  code: C,
  params: DiagnosticParams[C],
): void {
  findings.push({
    column,
    severity: DIAGNOSTIC_SEVERITY[code],
    code,
    ...DIAGNOSTIC_MESSAGES[code](params),
  });
}

function byColumnOrder(a: Finding, b: Finding): number {
  return (COLUMN_ORDER.get(a.column) ?? 0) - (COLUMN_ORDER.get(b.column) ?? 0);
}

/**
 * resolveUnit for many lookups against the same units: each unit's code and folded name and code are
 * indexed once, instead of folded again for every lookup.
 */
class UnitIndex {
  private readonly byCode = new Map<string, Unit>();
  private readonly byFoldedName = new Map<string, Unit>();
  private readonly byFoldedCode = new Map<string, Unit>();

  constructor(units: readonly Unit[]) {
    // Only the first unit with a key, as resolveUnit's `find` would return it.
    for (const unit of units) {
      addFirst(this.byCode, unit.code, unit);
      addFirst(this.byFoldedName, normalizeOrgName(unit.name), unit);
      addFirst(this.byFoldedCode, normalizeOrgName(unit.code), unit);
    }
  }

  /** resolveUnit(value, units): by code exactly, else by folded name, else by folded code. */
  resolve(value: string): Unit | null {
    const exact = compactNfkc(value);
    if (exact === '') return null;
    const exactMatch = this.byCode.get(exact);
    if (exactMatch !== undefined) return exactMatch;
    const folded = normalizeOrgName(value);
    return this.byFoldedName.get(folded) ?? this.byFoldedCode.get(folded) ?? null;
  }
}

function addFirst<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

/** One read of a cell: its value, and what was wrong with the cell. */
interface CellRead<T> {
  value: T;
  findings: readonly Finding[];
}

/** Distinct texts a column remembers: a column of unique texts costs little more than without it. */
const MEMO_LIMIT = 4096;

/**
 * A column's read, remembered per distinct cell text. Options, counts, dates, yes/no and the unit repeat
 * down a sheet, and what reading one gives depends only on its text and the column (and on the
 * validation's context, fixed for the validator's life): each distinct text is read once per validator.
 */
class RememberedRead<T> {
  private readonly known = new Map<string, CellRead<T>>();

  constructor(private readonly read: (value: unknown, findings: Finding[]) => T) {}

  /** The cell's value; its findings (the same as reading it afresh would give) go into `findings`. */
  value(cell: unknown, findings: Finding[]): T {
    if (typeof cell !== 'string') return this.read(cell, findings);
    let known = this.known.get(cell);
    if (known === undefined) {
      const found: Finding[] = [];
      known = { value: this.read(cell, found), findings: found };
      if (this.known.size < MEMO_LIMIT) this.known.set(cell, known);
    }
    // Findings are never changed once made: rows with the same text can share them.
    for (const finding of known.findings) findings.push(finding);
    return known.value;
  }
}

/** The reads of the columns whose cells repeat, one memory per column (a text means one thing per column). */
function columnReads(context: ValidationContext) {
  const units = new UnitIndex(context.units);
  const { today } = context;
  return {
    orgType: new RememberedRead((cell, found) => readEnum('orgType', cell, ORG_TYPES, found)),
    unit: new RememberedRead((cell, found) => readUnit(cell, units, context, found)),
    youthCount: new RememberedRead((cell, found) => readInteger('youthCount', cell, found)),
    memberCount: new RememberedRead((cell, found) => readInteger('memberCount', cell, found)),
    status: new RememberedRead((cell, found) => readEnum('status', cell, STATUSES, found)),
    establishedOn: new RememberedRead((cell, found) => readDate('establishedOn', cell, today, found)),
    mode: new RememberedRead((cell, found) => readEnum('mode', cell, MODES, found)),
    leagueOrgType: new RememberedRead((cell, found) =>
      readEnum('leagueOrgType', cell, LEAGUE_ORG_TYPES, found),
    ),
    hasPartyOrg: new RememberedRead((cell, found) => readYesNo('hasPartyOrg', cell, found)),
    checkedOn: new RememberedRead((cell, found) => readDate('checkedOn', cell, today, found)),
    checkResult: new RememberedRead((cell, found) => readEnum('checkResult', cell, CHECK_RESULTS, found)),
  };
}

/** One validator's context, with the reads it remembers between rows. */
interface RunContext extends ValidationContext {
  reads: ReturnType<typeof columnReads>;
}

/** Cells every row must have, in sheet order. */
const REQUIRED_KEYS: readonly ColumnKey[] = COLUMNS.filter((column) => column.required).map(
  (column) => column.key,
);

function checkRow(sheetRow: SheetRow, context: RunContext): CheckedRow {
  const findings: Finding[] = [];
  // Plain reads, no per-row closures: this runs for every row of every upload.
  const cells = sheetRow.cells;

  for (const key of REQUIRED_KEYS) {
    if (isEmpty(cells[key])) report(findings, key, 'required', { column: key });
  }

  const { reads } = context;
  const orgName = readText('orgName', cells.orgName, findings);
  const creditCode = readCreditCode(cells.creditCode, findings);
  const orgType = reads.orgType.value(cells.orgType, findings);
  const unit = reads.unit.value(cells.unit, findings);
  const youthCount = reads.youthCount.value(cells.youthCount, findings);
  const memberCount = reads.memberCount.value(cells.memberCount, findings);
  const status = reads.status.value(cells.status, findings);

  let establishedOn: string | null = null;
  if ((status === '筹建中' || status === '未建团') && !isEmpty(cells.establishedOn)) {
    report(findings, 'establishedOn', 'establishedOn.notAllowed', {
      status,
      found: display(cells.establishedOn),
    });
  } else {
    establishedOn = reads.establishedOn.value(cells.establishedOn, findings);
  }
  const mode = reads.mode.value(cells.mode, findings);
  const leagueOrgType = reads.leagueOrgType.value(cells.leagueOrgType, findings);
  const secretary = readText('secretary', cells.secretary, findings);
  const phone = readPhone(cells.phone, findings);
  const hasPartyOrg = reads.hasPartyOrg.value(cells.hasPartyOrg, findings);
  const checkedOn = reads.checkedOn.value(cells.checkedOn, findings);
  const checkResult = reads.checkResult.value(cells.checkResult, findings);
  const note = readText('note', cells.note, findings);

  if (status === '已建团') {
    for (const key of REQUIRED_WHEN_ESTABLISHED) {
      if (isEmpty(cells[key])) report(findings, key, 'requiredWhenEstablished', { column: key });
    }
  }

  if (creditCode?.valid && orgType !== null) {
    const codeType = civilAffairsOrgType(creditCode.code);
    if (codeType !== null && codeType !== orgType) {
      report(findings, 'creditCode', 'creditCode.categoryMismatch', {
        found: creditCode.code,
        digit: creditCode.code.charAt(1),
        codeType,
        orgType,
      });
    }
  }

  if (memberCount !== null && youthCount !== null && memberCount > youthCount) {
    report(findings, 'memberCount', 'memberCount.exceedsYouth', { memberCount, youthCount });
  }

  if (mode === '独立建团' && memberCount !== null) {
    if (memberCount < INDEPENDENT_MINIMUM) {
      report(findings, 'mode', 'mode.independentNeedsThree', { memberCount, minimum: INDEPENDENT_MINIMUM });
    }
    if (leagueOrgType !== null && leagueOrgType !== '联合团支部') {
      const threshold = context.thresholds?.[leagueOrgType] ?? DEFAULT_THRESHOLDS[leagueOrgType];
      // Below three members the error above already says all this warning would.
      const saidAlready = memberCount < INDEPENDENT_MINIMUM && threshold <= INDEPENDENT_MINIMUM;
      if (memberCount < threshold && !saidAlready) {
        report(findings, 'leagueOrgType', 'leagueOrgType.belowThreshold', {
          leagueOrgType,
          threshold,
          memberCount,
        });
      }
    }
  }

  const hasCheckedOn = !isEmpty(cells.checkedOn);
  const hasCheckResult = !isEmpty(cells.checkResult);
  if (hasCheckedOn && !hasCheckResult) {
    report(findings, 'checkResult', 'checkResult.requiredWhenChecked', {
      checkedOn: display(cells.checkedOn),
    });
  }
  if (hasCheckResult && !hasCheckedOn) {
    report(findings, 'checkedOn', 'checkedOn.requiredWithResult', {
      checkResult: display(cells.checkResult),
    });
  }
  if (checkedOn !== null && establishedOn !== null && checkedOn < establishedOn) {
    report(findings, 'checkedOn', 'checkedOn.beforeEstablished', { checkedOn, establishedOn });
  }

  // In TrackingRecord's order: a clean row's draft is its record.
  const draft: RecordDraft = {
    row: sheetRow.row,
    orgName,
    creditCode: creditCode?.valid ? creditCode.code : null,
    orgType,
    unitCode: unit?.code ?? null,
    youthCount,
    memberCount,
    status,
    establishedOn,
    mode,
    leagueOrgType,
    secretary,
    phone,
    hasPartyOrg,
    checkedOn,
    checkResult,
    note,
  };
  return { findings, creditCode, draft };
}

/** The unit a 所属单位 cell names, when it is one the uploader may report for. */
function readUnit(
  cell: unknown,
  units: UnitIndex,
  context: ValidationContext,
  findings: Finding[],
): Unit | null {
  const text = readText('unit', cell, findings);
  if (text === null) return null;
  const unit = units.resolve(text);
  if (unit === null) {
    report(findings, 'unit', 'unit.unknown', { found: text });
    return null;
  }
  const uploader = context.uploaderUnitCode;
  if (uploader !== null && unit.code !== uploader) {
    report(findings, 'unit', 'unit.notYours', {
      unit: unit.name,
      uploaderUnit: unitName(uploader, context.units),
    });
  } else if (!unit.active) {
    report(findings, 'unit', 'unit.inactive', { unit: unit.name });
  }
  return unit;
}

/** The first row of each credit code and of each organization name (by its key) seen so far. */
interface FirstOccurrences {
  /** The found text is the code itself: only the row is kept. */
  rowByCode: Map<string, number>;
  byName: Map<string, { row: number; found: string }>;
}

function checkInSheetDuplicate(checked: CheckedRow, nameKey: string | null, firsts: FirstOccurrences): void {
  const { row, orgName } = checked.draft;
  const code = checked.creditCode?.code ?? null;
  const sameCodeRow = code === null ? undefined : firsts.rowByCode.get(code);
  const sameName = nameKey === null ? undefined : firsts.byName.get(nameKey);
  if (code !== null && sameCodeRow !== undefined) {
    report(checked.findings, 'creditCode', 'duplicate.inSheet', {
      column: 'creditCode',
      firstRow: sameCodeRow,
      found: code,
      firstFound: code,
    });
  } else if (orgName !== null && sameName) {
    report(checked.findings, 'orgName', 'duplicate.inSheet', {
      column: 'orgName',
      firstRow: sameName.row,
      found: orgName,
      firstFound: sameName.found,
    });
  }
  if (code !== null && sameCodeRow === undefined) firsts.rowByCode.set(code, row);
  if (nameKey !== null && orgName !== null && !sameName) firsts.byName.set(nameKey, { row, found: orgName });
}

type OtherUnitEntry = NonNullable<ValidationContext['otherUnits']>[number];

interface OtherUnitIndex {
  byCode: Map<string, OtherUnitEntry[]>;
  byName: Map<string, OtherUnitEntry[]>;
}

const NO_ENTRIES: readonly OtherUnitEntry[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function groupOtherUnits(context: ValidationContext): OtherUnitIndex {
  const index: OtherUnitIndex = { byCode: new Map(), byName: new Map() };
  for (const entry of context.otherUnits ?? []) {
    if (entry.orgKey.startsWith('c:')) push(index.byCode, entry.orgKey.slice(2), entry);
    push(index.byName, normalizeOrgName(entry.orgName), entry);
  }
  return index;
}

/** What the cross-unit check needs of a row: its name and its key, its credit code (when valid), its unit. */
interface OrganizationIdentity {
  orgName: string;
  /** normalizeOrgName(orgName) */
  nameKey: string;
  creditCode: string | null;
  unitCode: string | null;
}

/**
 * Another unit reports the same organization (SPEC §3): the same credit code, or the same normalized
 * name where either of the two has no credit code.
 */
function checkOtherUnits(
  identity: OrganizationIdentity,
  otherUnits: OtherUnitIndex,
  units: Unit[],
  findings: Finding[],
): void {
  const code = identity.creditCode;
  // The other units in the order they are named: credit-code matches first, then name matches.
  const otherUnitCodes = new Set<string>();
  let matchedByCode = false;
  for (const entry of code === null ? NO_ENTRIES : (otherUnits.byCode.get(code) ?? NO_ENTRIES)) {
    if (entry.unitCode === identity.unitCode) continue;
    otherUnitCodes.add(entry.unitCode);
    matchedByCode = true;
  }
  for (const entry of otherUnits.byName.get(identity.nameKey) ?? NO_ENTRIES) {
    // Where both have a credit code, the codes alone decide (the loop above).
    if (code !== null && entry.orgKey.startsWith('c:')) continue;
    if (entry.unitCode !== identity.unitCode) otherUnitCodes.add(entry.unitCode);
  }
  if (otherUnitCodes.size === 0) return;
  const match = matchedByCode ? 'creditCode' : 'orgName';
  report(findings, match, 'duplicate.otherUnit', {
    orgName: identity.orgName,
    units: [...otherUnitCodes].map((unitCode) => unitName(unitCode, units)),
    match,
  });
}

/**
 * The duplicate-within-the-sheet error for two rows known only by identity (an upload patch: a row sent
 * and a row the ledger keeps unchanged), worded and placed as validateRows places it: on the later row,
 * by credit code when both rows have the same one, else by name.
 * @example inSheetDuplicateDiagnostic({ row: 9, orgName: '浦东青年会', creditCode: null }, { row: 4, orgName: '浦东 青年会', creditCode: null })
 */
export function inSheetDuplicateDiagnostic(
  one: { row: number; orgName: string; creditCode: string | null },
  other: { row: number; orgName: string; creditCode: string | null },
): Diagnostic {
  const [first, later] = one.row <= other.row ? [one, other] : [other, one];
  const byCode = later.creditCode !== null && later.creditCode === first.creditCode;
  const findings: Finding[] = [];
  report(findings, byCode ? 'creditCode' : 'orgName', 'duplicate.inSheet', {
    column: byCode ? 'creditCode' : 'orgName',
    firstRow: first.row,
    found: byCode ? (later.creditCode ?? '') : later.orgName,
    firstFound: byCode ? (first.creditCode ?? '') : first.orgName,
  });
  const [finding] = findings;
  if (finding === undefined) throw new Error('unreachable');
  return toDiagnostic(later.row, finding);
}

function toDiagnostic(row: number, finding: Finding): Diagnostic {
  return {
    row,
    column: finding.column,
    header: COLUMN_BY_KEY[finding.column].header,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    messageEn: finding.messageEn,
  };
}

/**
 * The cross-unit duplicate warnings for records already validated: what `validateRows` reports with
 * `otherUnits`, for a caller that looks the other units up only after the rows are known to be valid.
 * @example crossUnitDiagnostics(records, [{ orgKey: 'n:浦东青年会', orgName: '浦东青年会', unitCode: 'ZJ' }], units)
 */
export function crossUnitDiagnostics(
  records: readonly TrackingRecord[],
  otherUnits: NonNullable<ValidationContext['otherUnits']>,
  units: Unit[],
): Diagnostic[] {
  const index = groupOtherUnits({ units, uploaderUnitCode: null, today: '', otherUnits });
  return records.flatMap((record) => {
    const findings: Finding[] = [];
    checkOtherUnits(
      {
        orgName: record.orgName,
        nameKey: normalizeOrgName(record.orgName),
        creditCode: record.creditCode,
        unitCode: record.unitCode,
      },
      index,
      units,
      findings,
    );
    return findings.map((finding) => toDiagnostic(record.row, finding));
  });
}

/**
 * Diagnostics from two passes in the order `validateRows` gives them: by row, then by column in sheet
 * order (sheet-level ones last); the first list's order is kept where they tie.
 */
export function mergeDiagnostics(first: readonly Diagnostic[], second: readonly Diagnostic[]): Diagnostic[] {
  const position = (diagnostic: Diagnostic): [number, number] => [
    diagnostic.row ?? Number.MAX_SAFE_INTEGER,
    diagnostic.column === null ? Number.MAX_SAFE_INTEGER : (COLUMN_ORDER.get(diagnostic.column) ?? 0),
  ];
  return [...first, ...second]
    .map((diagnostic, order) => ({ diagnostic, order, at: position(diagnostic) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.order - b.order)
    .map(({ diagnostic }) => diagnostic);
}

/** Whether the draft has every field a record needs: then it is the record. */
function isComplete(draft: RecordDraft): draft is TrackingRecord {
  return (
    draft.orgName !== null &&
    draft.orgType !== null &&
    draft.unitCode !== null &&
    draft.youthCount !== null &&
    draft.memberCount !== null &&
    draft.status !== null
  );
}

function unitName(code: string, units: Unit[]): string {
  return units.find((unit) => unit.code === code)?.name ?? code;
}

function isEmpty(value: unknown): boolean {
  if (typeof value === 'string') return isBlank(value);
  return value === undefined || value === null;
}

/** Nothing but whitespace. Most cells start with a visible ASCII or CJK character: no need to trim those. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if ((first > 0x20 && first < 0x7f) || (first >= 0x4e00 && first <= 0x9fff)) return false;
  return text.trim() === '';
}

/** Printable ASCII and the space: NFKC changes none of it, and the space is its only whitespace. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** NFKC with every whitespace removed; text NFKC cannot change (most codes and phones) skips it. */
function compactNfkc(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.replace(/ /g, '');
  return text.normalize('NFKC').replace(/\s/gu, '');
}

/** The cell as the user wrote it, short enough for a message. */
function display(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = typeof value === 'string' ? value.trim() : String(value);
  // No more UTF-16 units than the limit: no more characters either.
  if (text.length <= DISPLAY_LIMIT) return text;
  const characters = [...text];
  return characters.length > DISPLAY_LIMIT ? `${characters.slice(0, DISPLAY_LIMIT).join('')}…` : text;
}

/** The characters of `text` as `[...text]` counts them (a surrogate pair is one), without the array. */
function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Half of a UTF-16 surrogate pair with no other half: not text any system can store faithfully. */
function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return true;
    }
  }
  return false;
}
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
/**
 * Names that Excel would take for a formula are refused, never stored: =, +, @ at the start, or - unless the
 * whole cell is a negative number ("-1+1|cmd" is a formula; full-width forms are folded by normalizeText).
 */
const FORMULA_START = /^(?:[=+@]|-(?![0-9]+(?:\.[0-9]+)?$))/u;
const FORMULA_CHECKED: ReadonlySet<ColumnKey> = new Set(['orgName', 'secretary']);

function readText(key: ColumnKey, value: unknown, findings: Finding[]): string | null {
  if (isEmpty(value)) return null;
  const text =
    typeof value === 'string' ? normalizeText(value) : isFiniteNumber(value) ? String(value) : null;
  if (text === null) {
    report(findings, key, 'text.invalid', { column: key, found: display(value) });
    return null;
  }
  if (hasLoneSurrogate(text) || CONTROL_CHARACTER.test(text)) {
    report(findings, key, 'text.malformed', { column: key });
    return null;
  }
  if (FORMULA_CHECKED.has(key) && FORMULA_START.test(text)) {
    report(findings, key, 'text.formula', { column: key, found: display(text) });
    return null;
  }
  const limits = TEXT_LENGTH[key];
  const length = limits ? codePointLength(text) : 0;
  if (limits && (length < limits.min || length > limits.max)) {
    report(findings, key, 'text.length', { column: key, found: display(text), length, ...limits });
    return null;
  }
  return text;
}

function readCreditCode(value: unknown, findings: Finding[]): CheckedCreditCode | null {
  if (isEmpty(value)) return null;
  if (typeof value !== 'string' && !isFiniteNumber(value)) {
    report(findings, 'creditCode', 'text.invalid', { column: 'creditCode', found: display(value) });
    return null;
  }
  const code = compactNfkc(String(value)).toUpperCase();
  switch (creditCodeProblem(code)) {
    case null:
      return { code, valid: true };
    case 'length':
      report(findings, 'creditCode', 'creditCode.length', { found: display(code), length: [...code].length });
      break;
    case 'charset':
      report(findings, 'creditCode', 'creditCode.charset', {
        found: display(code),
        char: [...code].find((char) => !CREDIT_CODE_CHARSET.includes(char)) ?? '',
      });
      break;
    case 'checkChar':
      report(findings, 'creditCode', 'creditCode.checkChar', {
        found: display(code),
        actual: code.charAt(17),
        expected: creditCodeCheckChar(code.slice(0, 17)) ?? '',
      });
      break;
  }
  return { code, valid: false };
}

function readEnum<T extends string>(
  key: ColumnKey,
  value: unknown,
  options: readonly T[],
  findings: Finding[],
): T | null {
  if (isEmpty(value)) return null;
  const compact = typeof value === 'string' ? value.normalize('NFKC').replace(/\s/gu, '') : null;
  const match = options.find((option) => option === compact);
  if (match === undefined) {
    report(findings, key, 'enum.invalid', { column: key, found: display(value), options });
    return null;
  }
  return match;
}

function readInteger(key: ColumnKey, value: unknown, findings: Finding[]): number | null {
  if (isEmpty(value)) return null;
  let integer: number | null = null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) integer = value;
  if (typeof value === 'string') {
    const text = value.normalize('NFKC').trim();
    if (INTEGER_TEXT.test(text)) integer = Number(text);
  }
  if (integer === null) {
    report(findings, key, 'integer.invalid', { column: key, found: display(value) });
    return null;
  }
  if (integer < 0) {
    report(findings, key, 'integer.negative', { column: key, value: integer });
    return null;
  }
  return integer === 0 ? 0 : integer;
}

/** A real day from 1900 on (Excel's calendar starts there; earlier is a typo). */
function isSheetDate(text: string): boolean {
  return isCalendarDate(text, EARLIEST_YEAR);
}

function readDate(key: ColumnKey, value: unknown, today: string, findings: Finding[]): string | null {
  if (isEmpty(value)) return null;
  const text = typeof value === 'string' ? value.normalize('NFKC').trim() : null;
  if (text === null || !isSheetDate(text)) {
    report(findings, key, 'date.unrecognized', { column: key, found: display(value) });
    return null;
  }
  if (text > today) {
    report(findings, key, 'date.future', { column: key, date: text, today });
    return null;
  }
  if (key === 'establishedOn' && text < LEAGUE_FOUNDED) {
    report(findings, key, 'establishedOn.beforeLeague', { date: text });
    return null;
  }
  if (key === 'establishedOn' && text < EARLY_ESTABLISHED)
    report(findings, key, 'establishedOn.early', { date: text });
  return text;
}

function readYesNo(key: ColumnKey, value: unknown, findings: Finding[]): boolean | null {
  if (isEmpty(value)) return null;
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.normalize('NFKC').trim() : null;
  if (text === '是') return true;
  if (text === '否') return false;
  report(findings, key, 'yesNo.invalid', { column: key, found: display(value) });
  return null;
}

function readPhone(value: unknown, findings: Finding[]): string | null {
  if (isEmpty(value)) return null;
  const text =
    typeof value === 'string'
      ? compactNfkc(value)
      : typeof value === 'number' && Number.isSafeInteger(value) && value > 0
        ? String(value)
        : null;
  if (text === null || !(MOBILE.test(text) || LANDLINE.test(text))) {
    report(findings, 'phone', 'phone.invalid', { found: display(value) });
    return null;
  }
  return text;
}
