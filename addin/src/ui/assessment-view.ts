// 年度考核 (admins), for the pane's tab and the web page's section alike: a year's standing — each unit's four
// parts, total and rank (ties shared) — with the weights it used, and the form to set the year's weights.
import './work.css';
import { type Assessment, type AssessmentWeights, shanghaiDate } from '@tuanjian/shared';
import { type AnnualReportState, annualReportBlock, annualReportState } from './annual-report-view';
import type { PaneContext, Session } from './context';
import { pickerYears, whenText } from './dates';
import { type Child, h } from './dom';
import { actionButton, actionRow, field, noticeView, prerequisites, select } from './widgets';

const TAB = 'assessment';
const PARTS = ['completion', 'reporting', 'accuracy', 'activities'] as const;

interface AssessmentState {
  year: number;
  standing: Assessment | null;
  loadedFor: string | null;
  weights: AssessmentWeights | null;
  annual: AnnualReportState;
}

function connectionOf(session: Session): string {
  return `${session.serverUrl}\u0000${session.me.tokenId}`;
}

/** A score as the screen shows it: up to two decimals, no trailing zeros. */
function score(value: number | null): string {
  return value === null ? '—' : String(Math.round(value * 100) / 100);
}

async function load(ctx: PaneContext, state: AssessmentState, session: Session): Promise<void> {
  await ctx.run(TAB, async () => {
    state.standing = await session.client.assessment(state.year);
    state.weights = { ...state.standing.weights };
    state.loadedFor = connectionOf(session);
    const year = state.year;
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.assessment.loaded(year) });
  });
  ctx.refresh();
}

async function saveWeights(ctx: PaneContext, state: AssessmentState, session: Session): Promise<void> {
  const weights = state.weights;
  if (!weights) return;
  const sum = PARTS.reduce((total, part) => total + weights[part], 0);
  if (sum !== 100) {
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.assessment.weightsSum(sum) });
    ctx.refresh();
    return;
  }
  await ctx.run(TAB, async () => {
    const { version } = await session.client.setAssessmentWeights(state.year, weights);
    state.standing = await session.client.assessment(state.year);
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.assessment.weightsSaved(version) });
  });
  ctx.refresh();
}

function numberInput(value: number, onInput: (value: number) => void): HTMLInputElement {
  const element = h('input', {
    class: 'input',
    type: 'number',
    min: 0,
    max: 100,
    step: 1,
    value,
  }) as HTMLInputElement;
  element.addEventListener('input', () => onInput(Number(element.value)));
  return element;
}

function standingTable(standing: Assessment, ctx: PaneContext): Child {
  const t = ctx.m().assessment;
  return h(
    'div',
    { class: 'work-scroll' },
    h(
      'table',
      { class: 'work-table', id: 'assessment-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t.rank),
          h('th', { scope: 'col' }, t.unit),
          PARTS.map((part) => h('th', { scope: 'col' }, t[part])),
          h('th', { scope: 'col' }, t.total),
        ),
      ),
      h(
        'tbody',
        {},
        standing.units.map((unit) =>
          h(
            'tr',
            { 'data-unit': unit.unitCode },
            h(
              'td',
              { class: 'work-cell' },
              unit.rank === null ? t.noQuota : `${unit.rank}${unit.tied ? t.tied : ''}`,
            ),
            h('th', { scope: 'row' }, unit.unitName),
            PARTS.map((part) => h('td', { class: 'number' }, score(unit.parts[part]))),
            h('td', { class: 'number assessment-total' }, score(unit.total)),
          ),
        ),
      ),
    ),
  );
}

function weightsForm(ctx: PaneContext, state: AssessmentState, session: Session): Child {
  const t = ctx.m().assessment;
  const weights = state.weights;
  if (!weights) return null;
  return h(
    'form',
    {
      class: 'work-form',
      id: 'assessment-weights-form',
      'aria-labelledby': 'assessment-weights-heading',
      on: { submit: (event: Event) => event.preventDefault() },
    },
    h('h3', { class: 'work-heading', id: 'assessment-weights-heading' }, t.weightsHeading),
    h('p', { class: 'hint' }, t.weightsHint),
    h(
      'div',
      { class: 'work-forms' },
      PARTS.map((part) =>
        field(
          `assessment-weight-${part}`,
          `${t[part]}（%）`,
          numberInput(weights[part], (value) => {
            weights[part] = value;
          }),
        ),
      ),
      field(
        'assessment-per-org',
        t.perOrg,
        numberInput(weights.activitiesPerOrganization, (value) => {
          weights.activitiesPerOrganization = value;
        }),
      ),
      field(
        'assessment-cap',
        t.completionCapLabel,
        numberInput(weights.completionCap, (value) => {
          weights.completionCap = value;
        }),
      ),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'assessment-save-weights',
        t.saveWeights,
        () => void saveWeights(ctx, state, session),
      ),
    ),
  );
}

function renderAssessmentView(ctx: PaneContext, state: AssessmentState): Child {
  const m = ctx.m();
  const t = m.assessment;
  const session = ctx.session();
  const head: Child = [h('h2', { class: 'panel__heading' }, t.heading), h('p', { class: 'intro' }, t.intro)];
  const missing = prerequisites(ctx, TAB, { connection: true });
  if (!session || missing) return [head, missing];
  if (session.me.role !== 'admin') return [head, h('p', { class: 'hint' }, t.adminOnly)];
  const standing = state.loadedFor === connectionOf(session) ? state.standing : null;
  const w = standing?.weights;
  return [
    head,
    h(
      'div',
      { class: 'row' },
      field(
        'assessment-year',
        t.year,
        select(
          pickerYears(ctx.now()).map((value) => ({ value: String(value), label: t.yearOption(value) })),
          String(state.year),
          (value) => {
            state.year = Number(value);
            state.standing = null;
            ctx.notify(TAB, null);
            ctx.refresh();
          },
        ),
      ),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'assessment-load',
        standing ? t.reload : t.load,
        () => void load(ctx, state, session),
        {
          variant: standing ? 'secondary' : 'primary',
        },
      ),
    ),
    noticeView(ctx, TAB),
    standing && w
      ? [
          h(
            'div',
            { class: 'assessment-basis', id: 'assessment-basis' },
            h('p', {}, t.span(standing.year, standing.months, standing.final)),
            h(
              'p',
              {},
              t.weightsLine(
                w.completion,
                w.reporting,
                w.accuracy,
                w.activities,
                w.activitiesPerOrganization,
                w.completionCap,
              ),
              ' ',
              standing.weightsVersion === 0 || !standing.weightsSetAt
                ? t.weightsDefault
                : t.weightsVersion(standing.weightsVersion, whenText(standing.weightsSetAt, ctx.lang())),
            ),
            standing.reportingFrom === null
              ? h('p', { class: 'hint' }, t.noReporting)
              : standing.reportingFrom > 1
                ? h('p', { class: 'hint' }, t.reportingFrom(standing.reportingFrom))
                : null,
            standing.activitiesRecorded ? null : h('p', { class: 'hint' }, t.noActivities),
          ),
          standingTable(standing, ctx),
          weightsForm(ctx, state, session),
          annualReportBlock(ctx, state.annual, session, state.year),
        ]
      : null,
  ];
}

export function createAssessmentView(ctx: PaneContext): { render(): Child } {
  const state: AssessmentState = {
    year: Number(shanghaiDate(ctx.now()).slice(0, 4)),
    standing: null,
    loadedFor: null,
    weights: null,
    annual: annualReportState(Number(shanghaiDate(ctx.now()).slice(0, 4))),
  };
  return { render: () => renderAssessmentView(ctx, state) };
}
