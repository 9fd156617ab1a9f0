import type { MarkResult, SheetValues } from '../../excel';
import type { ExcelPort, PaneContext, Session } from '../../ui/context';
import { shanghaiToday } from '../../ui/dates';
import { type Child, h } from '../../ui/dom';
import { cellFinder, checkSheet, type SheetCheck } from '../../ui/ledger-check';
import { checkNotice, checkUnit, sheetProblemsView, unitPicker } from '../../ui/ledger-view';
import { actionButton, actionRow, diagnosticList, noticeView, prerequisites, stat } from '../../ui/widgets';

const TAB = 'ledger';

export interface CheckedSheet {
  check: SheetCheck;
  marks: MarkResult;
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
    // A file the web page marked: what of that marking this check removed.
    marks.leftovers.notes > 0 || marks.leftovers.problemsSheet
      ? h(
          'p',
          { class: 'hint', id: `${idPrefix}-leftovers` },
          m.ledger.leftoversCleared(marks.leftovers.notes, marks.leftovers.problemsSheet),
        )
      : null,
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
        actionRow(
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
