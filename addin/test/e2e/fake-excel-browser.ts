// Browser build of the fake Excel for the e2e harness: installs it in the pane's page, and draws its sheets.
//
// Bundled into one script (see harness.ts) and injected with page.addInitScript, so it runs before the pane's
// own scripts. It defines the global `Excel` and, once office.js is ready, answers Office.context.requirements;
// it exposes `window.__fakeExcel` for the test to load cells and read back fills. For the screenshots it also
// narrows the pane to a 380 px column on the right and draws the workbook to its left, as Excel shows them —
// a test aid, not part of the product. (The pane cannot sit in an iframe here: office.js in a frame waits for
// an Office host to answer and never becomes ready.)
import { z } from 'zod';
import { boxAddress, FakeWorkbook, parseAddress } from '../../src/excel/testing/fake-excel';
import { columnLetter } from '../../src/sheet/address';

const PANE_WIDTH = 380;

interface CellSnapshot {
  row: number;
  column: number;
  text: string;
  fill: string | null;
  color: string | null;
  bold: boolean;
  comment: string | null;
}

/** What the harness draws of one sheet. */
interface Snapshot {
  sheets: { name: string; active: boolean }[];
  name: string;
  rows: number;
  columns: number;
  cells: CellSnapshot[];
  merges: string[];
  hiddenColumns: number[];
  columnWidths: [number, number][];
  selected: string | null;
  charts: { title: string; labels: string[]; values: (number | null)[] }[];
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/0+$/u, '');
  return String(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * A cell as Excel would show it under the number formats the add-in writes (0.0%, 0"家", #,##0"元",
 * +0.0;-0.0;0.0), so the screenshots show what a user sees; anything else as its plain text.
 */
function shown(value: unknown, format: unknown): string {
  if (typeof value !== 'number' || typeof format !== 'string' || format === 'General') return text(value);
  const grouped = (n: number) => Math.round(n).toLocaleString('en-US');
  switch (format) {
    case '0.0%':
      return `${(value * 100).toFixed(1)}%`;
    case '0"家"':
      return `${Math.round(value)}家`;
    case '#,##0':
      return grouped(value);
    case '#,##0"元"':
      return `${grouped(value)}元`;
    case '+0.0;-0.0;0.0': {
      const rounded = value.toFixed(1);
      return value > 0 && rounded !== '0.0' ? `+${rounded}` : rounded === '-0.0' ? '0.0' : rounded;
    }
    default:
      return text(value);
  }
}

function snapshot(workbook: FakeWorkbook, sheetName?: string): Snapshot {
  const sheet = sheetName ? workbook.sheet(sheetName) : workbook.active;
  const box = sheet.usedBox() ?? { top: 1, left: 1, bottom: 1, right: 1 };
  const contains = (
    rule: { address: string; props: Record<string, unknown> },
    row: number,
    column: number,
    value: string,
  ) => {
    const area = parseAddress(rule.address);
    const wanted = rule.props['textComparison.rule'];
    const needle = z.object({ text: z.string() }).safeParse(wanted);
    return (
      row >= area.top &&
      row <= area.bottom &&
      column >= area.left &&
      column <= area.right &&
      needle.success &&
      value.includes(needle.data.text)
    );
  };
  const cells: Snapshot['cells'] = [];
  for (let row = 1; row <= box.bottom; row++) {
    for (let column = 1; column <= box.right; column++) {
      const address = boxAddress({ top: row, left: column, bottom: row, right: column });
      const value = shown(sheet.value(address), sheet.format(address, 'numberFormat'));
      const rule = sheet.conditionalFormats.find((candidate) => contains(candidate, row, column, value));
      const fill =
        stringOrNull(rule?.props['textComparison.format.fill.color']) ??
        stringOrNull(sheet.format(address, 'format.fill.color'));
      const color =
        stringOrNull(rule?.props['textComparison.format.font.color']) ??
        stringOrNull(sheet.format(address, 'format.font.color'));
      const comment = sheet.comments.find((candidate) => candidate.address === address)?.content ?? null;
      const bold = sheet.format(address, 'format.font.bold') === true;
      if (value === '' && fill === null && comment === null) continue;
      cells.push({ row, column, text: value, fill, color, bold, comment });
    }
  }
  const charts = sheet.liveCharts().map((chart) => {
    const source = parseAddress(chart.source);
    const labels: string[] = [];
    const values: (number | null)[] = [];
    for (let row = source.top + 1; row <= source.bottom; row++) {
      labels.push(
        text(sheet.value(boxAddress({ top: row, left: source.left, bottom: row, right: source.left }))),
      );
      const rate = sheet.value(
        boxAddress({ top: row, left: source.right, bottom: row, right: source.right }),
      );
      values.push(typeof rate === 'number' ? rate : null);
    }
    return { title: text(chart.props['title.text']), labels, values };
  });
  return {
    sheets: workbook.sheets.map((candidate) => ({
      name: candidate.name,
      active: candidate === workbook.active,
    })),
    name: sheet.name,
    rows: box.bottom,
    columns: box.right,
    cells,
    merges: [...sheet.merges],
    hiddenColumns: [...sheet.hiddenColumns],
    columnWidths: [...sheet.columnWidths.entries()],
    selected: workbook.selected?.sheet === sheet.name ? workbook.selected.address : null,
    charts,
  };
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  content = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content) node.textContent = content;
  return node;
}

/** Draws a snapshot like a spreadsheet grid: headers, fills, merged title rows, comments, selection, charts. */
function draw(container: HTMLElement, data: Snapshot): void {
  const byKey = new Map(data.cells.map((cell) => [`${cell.row},${cell.column}`, cell]));
  const hidden = new Set(data.hiddenColumns);
  const widths = new Map(data.columnWidths);
  const spans = new Map<string, number>();
  const covered = new Set<string>();
  for (const merge of data.merges) {
    const box = parseAddress(merge);
    if (box.top !== box.bottom || box.right > 200) continue;
    spans.set(`${box.top},${box.left}`, box.right - box.left + 1);
    for (let column = box.left + 1; column <= box.right; column++) covered.add(`${box.top},${column}`);
  }
  const visible: number[] = [];
  for (let column = 1; column <= Math.max(data.columns, 8); column++)
    if (!hidden.has(column)) visible.push(column);
  const table = element('table', 'grid');
  const head = element('tr', '');
  head.appendChild(element('th', 'corner'));
  for (const column of visible) {
    const th = element('th', '', columnLetter(column));
    const width = widths.get(column);
    th.style.width = `${Math.round(Math.min(180, Math.max(48, (width ?? 64) * 1.05)))}px`;
    head.appendChild(th);
  }
  table.appendChild(head);
  for (let row = 1; row <= Math.max(data.rows, 20); row++) {
    const tr = element('tr', '');
    tr.appendChild(element('th', 'rowhead', String(row)));
    for (const column of visible) {
      const key = `${row},${column}`;
      if (covered.has(key)) continue;
      const cell = byKey.get(key);
      const td = element('td', '', cell?.text ?? '');
      const span = spans.get(key);
      if (span) {
        td.colSpan = visible.filter((candidate) => candidate >= column && candidate < column + span).length;
        td.className = 'merged';
      }
      if (cell?.fill) td.style.background = cell.fill;
      if (cell?.color && cell.color !== '#FFFF00') td.style.color = cell.color;
      if (cell?.bold) td.style.fontWeight = '600';
      if (cell?.comment) {
        td.classList.add('commented');
        td.title = cell.comment;
      }
      if (data.selected === `${columnLetter(column)}${row}`) td.classList.add('selected');
      tr.appendChild(td);
    }
    table.appendChild(tr);
  }
  const charts = data.charts.map((chart) => {
    const box = element('figure', 'chart');
    box.appendChild(element('figcaption', '', chart.title));
    chart.labels.forEach((label, index) => {
      const value = chart.values[index] ?? 0;
      const line = element('div', 'bar');
      line.appendChild(element('span', 'bar__label', label));
      const bar = element('span', 'bar__fill');
      bar.style.width = `${Math.max(1, Math.min(100, value * 100))}%`;
      line.appendChild(bar);
      line.appendChild(element('span', 'bar__value', `${(value * 100).toFixed(1)}%`));
      box.appendChild(line);
    });
    return box;
  });
  const tabs = element('div', 'sheet-tabs');
  for (const sheet of data.sheets)
    tabs.appendChild(element('span', sheet.active ? 'sheet-tab active' : 'sheet-tab', sheet.name));
  const scroller = element('div', 'grid-scroll');
  scroller.appendChild(table);
  for (const chart of charts) scroller.appendChild(chart);
  container.replaceChildren(scroller, tabs);
}

declare global {
  interface Window {
    __fakeExcel?: FakeExcelHandle;
    __harness?: { refresh(sheetName?: string): void };
  }
}

export interface FakeExcelHandle {
  /** Replaces a sheet's cells (creating the sheet), top-left at A1, and makes it active. */
  load(sheetName: string, values: unknown[][]): void;
  /** Writes one cell (what a user typing into the workbook would do). */
  setCell(sheetName: string, address: string, value: unknown): void;
  /** Every cell with a fill, as { A1: '#FFC7CE' }. */
  fills(sheetName: string): Record<string, string>;
  value(sheetName: string, address: string): unknown;
  sheetNames(): string[];
  selected(): { sheet: string; address: string } | null;
  /** Selects a range of a sheet and makes the sheet active (what a user dragging over rows would do). */
  select(sheetName: string, address: string): void;
}

function install(): FakeWorkbook {
  const workbook = new FakeWorkbook({ sheets: ['团建台账'] });
  Reflect.set(globalThis, 'Excel', workbook.root);
  const fakeContext = workbook.office().context;
  // office.js (loaded by the page after this script) owns `Office`; once it is ready, answer requirement checks
  // from the fake. This listener runs before the pane's module script, so before the pane's own onReady.
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive' || typeof Office === 'undefined') return;
    void Office.onReady(() => {
      Reflect.set(Office.context, 'requirements', Reflect.get(Object(fakeContext), 'requirements'));
    });
  });
  window.__fakeExcel = {
    load(sheetName, values) {
      const sheet = workbook.findSheet(sheetName) ?? workbook.addSheet(sheetName);
      sheet.cells.clear();
      sheet.cellFormats.clear();
      sheet.setValues('A1', values);
      workbook.active = sheet;
    },
    setCell(sheetName, address, value) {
      workbook.sheet(sheetName).setValues(address, [[value]]);
    },
    fills(sheetName) {
      const sheet = workbook.sheet(sheetName);
      const fills: Record<string, string> = {};
      for (const [cellKey, formats] of sheet.cellFormats) {
        const color = formats['format.fill.color'];
        if (typeof color !== 'string') continue;
        const [row = 0, column = 0] = cellKey.split(',').map(Number);
        fills[boxAddress({ top: row, left: column, bottom: row, right: column })] = color;
      }
      return fills;
    },
    value: (sheetName, address) => workbook.sheet(sheetName).value(address),
    sheetNames: () => workbook.sheets.map((sheet) => sheet.name),
    selected: () => workbook.selected,
    select(sheetName, address) {
      const sheet = workbook.sheet(sheetName);
      workbook.active = sheet;
      workbook.selected = { sheet: sheet.name, address };
    },
  };
  return workbook;
}

const HARNESS_CSS = `
  body { margin-left: calc(100vw - ${PANE_WIDTH}px) !important; width: ${PANE_WIDTH}px; min-height: 100vh;
    border-left: 1px solid #c8c6c4; }
  #e2e-workbook { position: fixed; top: 0; left: 0; bottom: 0; right: ${PANE_WIDTH + 1}px; display: flex;
    flex-direction: column; background: #fff; font-family: 'Segoe UI', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif; }
  #e2e-workbook .titlebar { height: 34px; flex: none; display: flex; align-items: center; padding: 0 12px;
    background: #217346; color: #fff; font-size: 13px; }
  #e2e-workbook .titlebar small { opacity: .8; margin-left: 8px; }
  #e2e-sheet { flex: 1; min-height: 0; display: flex; flex-direction: column; }
  #e2e-sheet .grid-scroll { flex: 1; overflow: auto; }
  #e2e-sheet .grid { border-collapse: collapse; table-layout: fixed; font-size: 11px; }
  #e2e-sheet .grid th { background: #f3f3f3; color: #444; font-weight: 400; border: 1px solid #d4d4d4; height: 18px; }
  #e2e-sheet .grid th.rowhead, #e2e-sheet .grid th.corner { width: 30px; }
  #e2e-sheet .grid td { border: 1px solid #e1e1e1; height: 18px; padding: 0 3px; white-space: nowrap; overflow: hidden;
    text-overflow: ellipsis; max-width: 180px; }
  #e2e-sheet .grid td.merged { white-space: normal; overflow: visible; }
  #e2e-sheet .grid td.commented { position: relative; }
  #e2e-sheet .grid td.commented::after { content: ''; position: absolute; top: 0; right: 0; border-top: 6px solid #c00;
    border-left: 6px solid transparent; }
  #e2e-sheet .grid td.selected { outline: 2px solid #217346; outline-offset: -2px; }
  #e2e-sheet .chart { margin: 12px 40px; padding: 8px 12px; border: 1px solid #d4d4d4; width: 560px; font-size: 11px; }
  #e2e-sheet .chart figcaption { font-weight: 600; text-align: center; margin-bottom: 6px; }
  #e2e-sheet .bar { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
  #e2e-sheet .bar__label { width: 110px; text-align: right; }
  #e2e-sheet .bar__fill { height: 10px; background: #4472c4; }
  #e2e-sheet .sheet-tabs { display: flex; gap: 2px; padding: 4px 8px; background: #f3f3f3; border-top: 1px solid #d4d4d4;
    font-size: 12px; }
  #e2e-sheet .sheet-tab { padding: 2px 10px; color: #444; }
  #e2e-sheet .sheet-tab.active { background: #fff; color: #217346; font-weight: 600; border-bottom: 2px solid #217346; }
`;

/** Adds the workbook view left of the pane once the page is parsed; `__harness.refresh()` redraws it. */
function installHarness(workbook: FakeWorkbook): void {
  const view = element('div', '');
  view.id = 'e2e-workbook';
  view.setAttribute('aria-hidden', 'true');
  const title = element('div', 'titlebar', 'Excel（模拟工作簿）');
  title.appendChild(element('small', '', 'office-addin-mock · 仅用于测试截图'));
  const sheet = element('div', '');
  sheet.id = 'e2e-sheet';
  view.append(title, sheet);
  const style = element('style', '', HARNESS_CSS);
  document.addEventListener('DOMContentLoaded', () => {
    document.head.appendChild(style);
    document.documentElement.appendChild(view);
  });
  window.__harness = {
    refresh(sheetName) {
      draw(sheet, snapshot(workbook, sheetName));
    },
  };
}

installHarness(install());
