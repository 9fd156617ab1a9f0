// 工作记录 as sheets (issue 15): a sheet per kind — 走访记录, 例会记录, 领导联系 — written with the year's
// records (or blank) and read back with located diagnostics, as the pane (an Excel sheet) and the web page
// (an .xlsx file) both do. The kind is told by the header row; dates may be Excel serials or written out.
import { chineseDate, isCalendarDate } from './dates';
import { parseDateCell } from './normalize';
import type { Diagnostic, Unit } from './schemas';
import type { LeaderLink, MeetingInput, VisitInput } from './work-records';

export type WorkSheetKind = 'visits' | 'meetings' | 'leaders';
export type WorkSheetCell = string | number | null;

interface WorkColumn {
  field: string;
  header: string;
  width: number;
  required: boolean;
}

/** Each kind's sheet: its name, the line under the title, and its columns in order. */
export const WORK_SHEETS: Record<
  WorkSheetKind,
  { name: string; instruction: string; columns: readonly WorkColumn[] }
> = {
  visits: {
    name: '走访记录',
    instruction:
      '一行一次走访。走访人、走访组织、走访单位可填多个，用顿号“、”分隔；走访单位填单位名称或代码（领导走访联系单位时填写）。填好后点“提交工作表”。',
    columns: [
      { field: 'visitedOn', header: '走访日期', width: 90, required: true },
      { field: 'visitors', header: '走访人', width: 120, required: true },
      { field: 'organizations', header: '走访组织', width: 220, required: false },
      { field: 'unitCodes', header: '走访单位', width: 140, required: false },
      { field: 'notes', header: '情况记录', width: 280, required: false },
    ],
  },
  meetings: {
    name: '例会记录',
    instruction:
      '一行一次双月例会。参会单位填单位名称或代码，用顿号“、”分隔，全部单位参会可填“全部”。填好后点“提交工作表”。',
    columns: [
      { field: 'heldOn', header: '例会日期', width: 90, required: true },
      { field: 'attendingUnits', header: '参会单位', width: 220, required: false },
      { field: 'topics', header: '议题', width: 240, required: true },
      { field: 'decisions', header: '议定事项', width: 240, required: false },
    ],
  },
  leaders: {
    name: '领导联系',
    instruction:
      '一行一位团区委领导。联系单位填单位名称或代码，用顿号“、”分隔；联系支持中心填“是”或“否”。提交后，本表即为本年度的全部领导联系。',
    columns: [
      { field: 'leader', header: '领导姓名', width: 80, required: true },
      { field: 'title', header: '职务', width: 100, required: false },
      { field: 'unitCodes', header: '联系单位', width: 320, required: false },
      { field: 'centre', header: '联系支持中心', width: 90, required: false },
    ],
  },
};

export const WORK_SHEET_KINDS: readonly WorkSheetKind[] = ['visits', 'meetings', 'leaders'];
/** Title in row 1, instruction in row 2, headers in row 3, records from row 4. */
export const WORK_SHEET_HEADER_ROW = 3;
/** The word that stands for every unit in a 参会单位 cell or field. */
export const ALL_UNITS = '全部';

function listText(items: readonly string[]): string {
  return items.join('、');
}

function unitNames(codes: readonly string[], units: readonly Pick<Unit, 'code' | 'name'>[]): string {
  return listText(codes.map((code) => units.find((unit) => unit.code === code)?.name ?? code));
}

/** The sheet of a kind for `year`: title, instruction, headers, then the records given (none: a blank form). */
export function workSheetRows(
  kind: WorkSheetKind,
  year: number,
  records: {
    visits?: readonly VisitInput[];
    meetings?: readonly MeetingInput[];
    links?: readonly LeaderLink[];
  },
  units: readonly Pick<Unit, 'code' | 'name'>[],
): WorkSheetCell[][] {
  const sheet = WORK_SHEETS[kind];
  const width = sheet.columns.length;
  const line = (text: string): WorkSheetCell[] => [text, ...Array<WorkSheetCell>(width - 1).fill(null)];
  const rows: WorkSheetCell[][] = [
    line(`${year}年${sheet.name}`),
    line(sheet.instruction),
    sheet.columns.map((column) => column.header),
  ];
  if (kind === 'visits') {
    for (const visit of records.visits ?? []) {
      rows.push([
        chineseDate(visit.visitedOn),
        listText(visit.visitors),
        listText(visit.organizations),
        unitNames(visit.unitCodes, units),
        visit.notes,
      ]);
    }
  } else if (kind === 'meetings') {
    for (const meeting of records.meetings ?? []) {
      rows.push([
        chineseDate(meeting.heldOn),
        unitNames(meeting.attendingUnits, units),
        meeting.topics,
        meeting.decisions,
      ]);
    }
  } else {
    for (const link of records.links ?? []) {
      rows.push([link.leader, link.title, unitNames(link.unitCodes, units), link.centre ? '是' : '否']);
    }
  }
  return rows;
}

/** A read sheet: the records of its kind, the problems located by row and column, and where the columns are. */
export interface WorkSheetReading {
  kind: WorkSheetKind;
  visits: VisitInput[];
  meetings: MeetingInput[];
  links: LeaderLink[];
  diagnostics: Diagnostic[];
  /** The header row's sheet row number. */
  headerRow: number;
  /** Each header's 0-based offset from the first value column (for marking cells). */
  columnIndexByHeader: Map<string, number>;
  /** Rows read as records (blank rows skipped). */
  rows: number;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

function split(value: unknown): string[] {
  return [
    ...new Set(
      text(value)
        .split(/[、,，;；\n]+/u)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
}

function findHeader(values: readonly (readonly unknown[])[]): {
  kind: WorkSheetKind;
  index: number;
  at: Map<string, number>;
} | null {
  for (let index = 0; index < Math.min(20, values.length); index++) {
    const cells = (values[index] ?? []).map(text);
    for (const kind of WORK_SHEET_KINDS) {
      const columns = WORK_SHEETS[kind].columns;
      if (!columns.filter((column) => column.required).every((column) => cells.includes(column.header)))
        continue;
      const at = new Map<string, number>();
      for (const column of columns) {
        const found = cells.indexOf(column.header);
        if (found >= 0) at.set(column.header, found);
      }
      return { kind, index, at };
    }
  }
  return null;
}

function problem(row: number, header: string, code: string, message: string, messageEn: string): Diagnostic {
  return { row, column: null, header, severity: 'error', code, message, messageEn };
}

/**
 * Reads a filled 工作记录 sheet: `values` are its cells from sheet row `firstRow`. The kind comes from the header
 * row; each record needs its required cells, a real day from 2000 not after `today`, and known units (名称 or
 * 代码). Returns null when no kind's header is found.
 */
export function readWorkSheet(
  values: readonly (readonly unknown[])[],
  firstRow: number,
  context: { today: string; units: readonly Pick<Unit, 'code' | 'name'>[] },
): WorkSheetReading | null {
  const header = findHeader(values);
  if (!header) return null;
  const { kind, at } = header;
  const reading: WorkSheetReading = {
    kind,
    visits: [],
    meetings: [],
    links: [],
    diagnostics: [],
    headerRow: firstRow + header.index,
    columnIndexByHeader: at,
    rows: 0,
  };
  const cell = (cells: readonly unknown[], name: string): unknown => {
    const column = at.get(name);
    return column === undefined ? null : cells[column];
  };
  const seenLeaders = new Set<string>();
  values.slice(header.index + 1).forEach((cells, offset) => {
    const row = firstRow + header.index + 1 + offset;
    if (cells.every((value) => text(value) === '')) return;
    reading.rows++;
    const problems: Diagnostic[] = [];
    const required = (name: string): string => {
      const value = text(cell(cells, name));
      if (value === '') problems.push(problem(row, name, 'required', `请填写${name}`, `${name} is required`));
      return value;
    };
    const day = (name: string): string => {
      const raw = cell(cells, name);
      if (text(raw) === '') {
        problems.push(problem(row, name, 'required', `请填写${name}`, `${name} is required`));
        return '';
      }
      const parsed = parseDateCell(raw);
      if (!parsed.ok || !isCalendarDate(parsed.date) || parsed.date < '2000-01-01') {
        problems.push(
          problem(
            row,
            name,
            'date.invalid',
            `${name}“${text(raw)}”不是有效日期，请写成2026-11-19或2026年11月19日`,
            `${name} “${text(raw)}” is not a date: write 2026-11-19 or 2026年11月19日`,
          ),
        );
        return '';
      }
      if (parsed.date > context.today) {
        problems.push(
          problem(
            row,
            name,
            'date.future',
            `${name}${chineseDate(parsed.date)}晚于今天（${chineseDate(context.today)}）`,
            `${name} ${parsed.date} is after today (${context.today})`,
          ),
        );
        return '';
      }
      return parsed.date;
    };
    const unitCodes = (name: string, all: boolean): string[] => {
      const items = split(cell(cells, name));
      if (all && items.length === 1 && items[0] === ALL_UNITS) return context.units.map((unit) => unit.code);
      const codes: string[] = [];
      const unknown: string[] = [];
      for (const item of items) {
        const unit = context.units.find((each) => each.code === item || each.name === item);
        if (unit) codes.push(unit.code);
        else unknown.push(item);
      }
      if (unknown.length > 0) {
        problems.push(
          problem(
            row,
            name,
            'unit.unknown',
            `${name}中“${listText(unknown)}”不是已有的单位`,
            `${name}: ${unknown.join(', ')} is not a unit`,
          ),
        );
      }
      return [...new Set(codes)];
    };

    if (kind === 'visits') {
      const visitedOn = day('走访日期');
      const visitors = split(cell(cells, '走访人'));
      if (visitors.length === 0) required('走访人');
      const record: VisitInput = {
        visitedOn,
        visitors,
        organizations: split(cell(cells, '走访组织')),
        unitCodes: unitCodes('走访单位', false),
        notes: text(cell(cells, '情况记录')).slice(0, 2000),
      };
      if (problems.length === 0) reading.visits.push(record);
    } else if (kind === 'meetings') {
      const heldOn = day('例会日期');
      const topics = required('议题');
      const record: MeetingInput = {
        heldOn,
        attendingUnits: unitCodes('参会单位', true),
        topics: topics.slice(0, 2000),
        decisions: text(cell(cells, '议定事项')).slice(0, 2000),
      };
      if (problems.length === 0) reading.meetings.push(record);
    } else {
      const leader = required('领导姓名');
      if (leader !== '' && seenLeaders.has(leader)) {
        problems.push(
          problem(
            row,
            '领导姓名',
            'leader.duplicate',
            `领导“${leader}”已在上面的行中`,
            `${leader} is listed twice`,
          ),
        );
      }
      seenLeaders.add(leader);
      const centreText = text(cell(cells, '联系支持中心'));
      if (!['', '是', '否'].includes(centreText)) {
        problems.push(
          problem(
            row,
            '联系支持中心',
            'yesNo.invalid',
            `联系支持中心应填“是”或“否”，不是“${centreText}”`,
            `联系支持中心 must be 是 or 否, not “${centreText}”`,
          ),
        );
      }
      const record: LeaderLink = {
        leader: leader.slice(0, 40),
        title: text(cell(cells, '职务')).slice(0, 40),
        unitCodes: unitCodes('联系单位', false),
        centre: centreText === '是',
      };
      if (problems.length === 0) reading.links.push(record);
    }
    reading.diagnostics.push(...problems);
  });
  return reading;
}
