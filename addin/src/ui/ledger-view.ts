// What the pane's 台账 and the web page's 台账检查 both show about a checked sheet: which unit it is for,
// the outcome in one sentence, the sheet-level problems, and the admin's unit picker.
import type { Diagnostic } from '@tuanjian/shared';
import type { Notice, PaneContext, Session } from './context';
import { type Child, h } from './dom';
import type { Messages } from './i18n';
import type { SheetCheck } from './ledger-check';
import { field, select } from './widgets';

/** The unit a check is for: a unit token's own; for admins the chosen one, or null to decide from the sheet. */
export function checkUnit(ctx: PaneContext, session: Session): string | null {
  if (session.me.role === 'unit') return session.me.unitCode;
  return ctx.chosenUnit === '' ? null : ctx.chosenUnit;
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
