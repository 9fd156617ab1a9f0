// 台账: create a template; check the active sheet, mark its cells, and list the findings to jump to.
import type { Diagnostic } from '@tuanjian/shared';
import type { MarkResult, SheetValues } from '../../excel';
import type { ExcelPort, Notice, PaneContext, Session } from '../context';
import { shanghaiToday } from '../dates';
import { type Child, h } from '../dom';
import type { Messages } from '../i18n';
import { cellFinder, checkSheet, type SheetCheck } from '../ledger-check';
import { actionButton, diagnosticList, field, noticeView, prerequisites, select, stat } from './common';

const TAB = 'ledger';

export interface CheckedSheet {
  check: SheetCheck;
  marks: MarkResult;
}

/** The unit a check is for: a unit token's own; for admins the chosen one, or null to decide from the sheet. */
export function checkUnit(ctx: PaneContext, session: Session): string | null {
  if (session.me.role === 'unit') return session.me.unitCode;
  return ctx.chosenUnit === '' ? null : ctx.chosenUnit;
}

/** Reads the active sheet, checks it with the shared rules and marks the findings in it (old marks go). */
export async function checkActiveSheet(
  ctx: PaneContext,
  excel: ExcelPort,
  session: Session,
): Promise<CheckedSheet> {
  return checkAndMark(ctx, excel, session, await excel.readActiveSheet());
}

/** Checks values already read from a sheet and marks the findings in that sheet. */
export async function checkAndMark(
  ctx: PaneContext,
  excel: ExcelPort,
  session: Session,
  sheet: SheetValues,
): Promise<CheckedSheet> {
  const check = checkSheet(sheet, {
    units: session.units,
    unitCode: checkUnit(ctx, session),
    today: shanghaiToday(ctx.now()),
  });
  const marks = await excel.markDiagnostics(
    check.sheetName,
    check.firstRow,
    check.firstColumn,
    check.columnIndexByKey,
    check.diagnostics,
  );
  return { check, marks };
}

/** The outcome of a check in one sentence. */
export function checkNotice(check: SheetCheck): Notice {
  const rows = check.read.rows.length;
  if (check.read.headerRow !== null && rows === 0) {
    return { kind: 'warning', summary: (m) => m.ledger.emptySheet };
  }
  if (check.errorCount > 0) {
    return { kind: 'error', summary: (m) => m.ledger.hasErrors(check.errorCount, check.warningCount) };
  }
  if (check.unitMissing) return { kind: 'error', summary: (m) => m.ledger.unitNotChosen };
  if (check.warningCount > 0) {
    return { kind: 'warning', summary: (m) => m.ledger.onlyWarnings(check.warningCount) };
  }
  return { kind: 'success', summary: (m) => m.ledger.allGood(rows) };
}

/** Problems of the sheet as a whole (no row to jump to), in their own list; nothing when there are none. */
export function sheetProblemsView(
  idPrefix: string,
  problems: readonly Diagnostic[],
  m: Messages,
  english: boolean,
): Child {
  if (problems.length === 0) return null;
  return h(
    'div',
    { class: 'sheet-problems', id: `${idPrefix}-problems` },
    h('h4', {}, m.ledger.sheetProblems),
    h('p', { class: 'hint' }, m.ledger.sheetProblemsHint),
    h(
      'ul',
      {},
      problems.map((problem) =>
        h(
          'li',
          { class: `problem problem--${problem.severity}` },
          h('span', { class: `badge badge--${problem.severity}` }, m.severity[problem.severity]),
          english ? problem.messageEn : problem.message,
        ),
      ),
    ),
  );
}

/** The result block: counts, sheet-level problems apart, then the jump list. */
export function checkResultView(
  ctx: PaneContext,
  idPrefix: string,
  checked: CheckedSheet,
  onJump: (address: string) => void,
): HTMLElement {
  const m = ctx.m();
  const english = ctx.lang() === 'en';
  const { check, marks } = checked;
  return h(
    'section',
    { class: 'result', 'aria-labelledby': `${idPrefix}-result-heading` },
    h('h3', { id: `${idPrefix}-result-heading` }, m.ledger.resultHeading(check.sheetName)),
    h(
      'div',
      { class: 'stats' },
      stat(m.ledger.rows, check.read.rows.length),
      stat(m.ledger.errors, check.errorCount, check.errorCount > 0 ? 'bad' : 'good'),
      stat(m.ledger.warnings, check.warningCount, check.warningCount > 0 ? 'warn' : 'plain'),
      stat(m.ledger.ready, check.validRows, 'good'),
    ),
    sheetProblemsView(idPrefix, check.problems, m, english),
    check.diagnostics.length > 0 ? h('h4', {}, m.ledger.listHeading) : null,
    diagnosticList(ctx, idPrefix, check.diagnostics, cellFinder(marks.cells), onJump),
  );
}

/** Selects a cell from the jump list; a failure shows on `tab`. */
export function jumper(ctx: PaneContext, tab: 'ledger' | 'upload', excel: ExcelPort, sheetName: string) {
  return (address: string) => {
    excel.selectCell(sheetName, address).catch((error: unknown) => ctx.fail(tab, error));
  };
}

export function unitPicker(ctx: PaneContext, session: Session, m: Messages, idPrefix: string): Child {
  if (session.me.role !== 'admin') return null;
  const options = [
    { value: '', label: m.ledger.unitAuto },
    ...session.units
      .filter((unit) => unit.active)
      .map((unit) => ({ value: unit.code, label: `${unit.name}（${unit.code}）` })),
  ];
  return field(
    `${idPrefix}-unit`,
    m.ledger.unitSelect,
    select(options, ctx.chosenUnit, (value) => {
      ctx.chosenUnit = value;
      ctx.refresh();
    }),
    m.ledger.unitSelectHint,
  );
}

export function createLedgerView(ctx: PaneContext): { render(): Child } {
  let checked: CheckedSheet | null = null;

  async function validate(excel: ExcelPort, session: Session): Promise<void> {
    checked = await checkActiveSheet(ctx, excel, session);
    ctx.notify(TAB, checkNotice(checked.check));
  }

  async function createTemplate(excel: ExcelPort): Promise<void> {
    const session = ctx.session();
    const chosen = session?.units.find((unit) => unit.code === ctx.chosenUnit);
    const unitName = session?.me.unitName ?? chosen?.name;
    const template = await excel.createTrackingTemplate(unitName ? { unitName } : {});
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.ledger.templateCreated(template.sheetName) });
  }

  async function clearMarks(excel: ExcelPort, sheetName: string): Promise<void> {
    await excel.clearDiagnostics(sheetName);
    checked = null;
    ctx.notify(TAB, { kind: 'info', summary: (m) => m.ledger.marksCleared(sheetName) });
  }

  return {
    render() {
      const m = ctx.m();
      const excel = ctx.excel;
      const session = ctx.session();
      const head: Child = [
        h('h2', { class: 'panel__heading' }, m.ledger.heading),
        h('p', { class: 'intro' }, m.ledger.intro),
      ];
      if (!excel) return [head, prerequisites(ctx, TAB, { excel: true })];
      const current = checked;
      return [
        head,
        session ? unitPicker(ctx, session, m, 'ledger') : null,
        h(
          'div',
          { class: 'actions' },
          session
            ? actionButton(
                ctx,
                TAB,
                'ledger-validate',
                ctx.busy(TAB) ? m.ledger.validating : m.ledger.validate,
                () => void ctx.run(TAB, () => validate(excel, session)),
                { variant: 'primary' },
              )
            : null,
          current
            ? actionButton(
                ctx,
                TAB,
                'ledger-clear',
                m.ledger.clearMarks,
                () => void ctx.run(TAB, () => clearMarks(excel, current.check.sheetName)),
              )
            : null,
        ),
        session ? null : prerequisites(ctx, TAB, { connection: true }),
        noticeView(ctx, TAB),
        current
          ? checkResultView(ctx, 'ledger', current, jumper(ctx, TAB, excel, current.check.sheetName))
          : null,
        h(
          'section',
          { class: 'card card--quiet', 'aria-labelledby': 'ledger-template-heading' },
          h('h3', { id: 'ledger-template-heading' }, m.ledger.templateHeading),
          h('p', { class: 'hint', id: 'ledger-template-hint' }, m.ledger.templateHint),
          actionButton(
            ctx,
            TAB,
            'ledger-template',
            m.ledger.template,
            () => void ctx.run(TAB, () => createTemplate(excel)),
            { describedBy: 'ledger-template-hint' },
          ),
        ),
      ];
    },
  };
}
