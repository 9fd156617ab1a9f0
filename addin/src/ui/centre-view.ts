// 支持中心 on the 工作记录 screen: the year's figures in the seed's words, the organizations resident in and
// linked to the centre, and the form that adds one by its name in the ledger.
import { isCalendarDate, shanghaiDate } from '@tuanjian/shared';
import type { PaneContext, Session } from './context';
import { dayText } from './dates';
import { type Child, h } from './dom';
import { actionButton, actionRow, field, select } from './widgets';
import type { WorkMessages } from './work-messages';

import { emptyDrafts, input, refuse, rowAction, TAB, type WorkState, workForm, write } from './work-state';

function saveCentre(ctx: PaneContext, state: WorkState, session: Session): void {
  const draft = state.drafts.centre;
  const today = shanghaiDate(ctx.now());
  const orgName = draft.orgName.trim();
  const unitCode = draft.unitCode || session.units[0]?.code || '';
  const problems = [
    ...(orgName === '' ? [(t: WorkMessages) => t.required(t.centreOrgColumn)] : []),
    ...(isCalendarDate(draft.since) ? [] : [(t: WorkMessages) => t.badDate(t.centreSince)]),
    ...(draft.until === '' || isCalendarDate(draft.until)
      ? []
      : [(t: WorkMessages) => t.badDate(t.centreUntil)]),
  ];
  if (problems.length > 0) {
    refuse(ctx, problems, orgName === '' ? 'work-centre-org' : 'work-centre-since');
    return;
  }
  void write(ctx, state, session, async () => {
    const stored = await session.client.setCentreOrganization({
      unitCode,
      orgName,
      relation: draft.relation,
      since: draft.since,
      until: draft.until === '' ? null : draft.until,
    });
    state.drafts.centre = emptyDrafts(today).centre;
    return (t) => t.centreSaved(stored.orgName ?? orgName);
  });
}

export function centreBlock(ctx: PaneContext, state: WorkState, session: Session, t: WorkMessages): Child {
  const centre = state.centre;
  if (!centre) return null;
  const lang = ctx.lang();
  const { headline } = centre;
  const organizations = centre.organizations ?? [];
  const draft = state.drafts.centre;
  const unitName = (code: string) => session.units.find((unit) => unit.code === code)?.name ?? code;
  return h(
    'div',
    { class: 'work-centre', id: 'work-centre', role: 'region', 'aria-labelledby': 'work-centre-heading' },
    h('h3', { class: 'work-heading', id: 'work-centre-heading' }, t.centreHeading),
    h('p', { class: 'hint' }, t.centreIntro),
    h('p', { class: 'work-centre__sentence', id: 'work-centre-sentence' }, centre.sentence),
    h(
      'p',
      { class: 'work-centre__stats', id: 'work-centre-stats' },
      t.centreStats(
        headline.resident,
        headline.linked,
        headline.youth,
        headline.members,
        headline.establishedInYear,
      ),
    ),
    organizations.length === 0
      ? h('p', { class: 'hint' }, t.centreNone)
      : h(
          'div',
          { class: 'work-scroll work-list', tabindex: 0, role: 'region', 'aria-label': t.centreHeading },
          h(
            'table',
            { class: 'work-table', id: 'work-centre-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t.centreOrgColumn),
                h('th', { scope: 'col' }, t.centreUnitColumn),
                h('th', { scope: 'col' }, t.centreRelationColumn),
                h('th', { scope: 'col' }, t.centreDatesColumn),
                h('th', { scope: 'col' }, t.centreStatusColumn),
                h('th', { scope: 'col' }, t.centreYouthColumn),
                h('td', {}, ''),
              ),
            ),
            h(
              'tbody',
              {},
              organizations.map((organization) => {
                const name = organization.orgName ?? `${organization.orgKey}${t.centreLeft}`;
                return h(
                  'tr',
                  { 'data-org': organization.orgKey },
                  h('th', { scope: 'row' }, name),
                  h('td', { class: 'work-cell' }, unitName(organization.unitCode)),
                  h('td', {}, t.relation[organization.relation]),
                  h(
                    'td',
                    { class: 'work-cell' },
                    organization.until === null
                      ? t.centreSinceOnly(dayText(organization.since, lang))
                      : t.centreSpan(dayText(organization.since, lang), dayText(organization.until, lang)),
                  ),
                  h(
                    'td',
                    { class: 'work-cell' },
                    organization.status === '已建团' && organization.establishedOn
                      ? dayText(organization.establishedOn, lang)
                      : (organization.status ?? ''),
                  ),
                  h('td', {}, organization.youthCount === null ? '' : String(organization.youthCount)),
                  rowAction(
                    t.removeFromCentre,
                    `${t.removeFromCentre} ${name}`,
                    () =>
                      void write(ctx, state, session, async () => {
                        await session.client.removeCentreOrganization(
                          organization.unitCode,
                          organization.orgKey,
                        );
                        return (tt) => tt.centreRemoved(name);
                      }),
                  ),
                );
              }),
            ),
          ),
        ),
    workForm(
      'work-centre-form',
      t.centreFormHeading,
      'h4',
      h(
        'div',
        { class: 'work-forms' },
        field(
          'work-centre-unit',
          t.centreUnit,
          select(
            session.units
              .filter((unit) => unit.active)
              .map((unit) => ({ value: unit.code, label: unit.name })),
            draft.unitCode || session.units[0]?.code || '',
            (value) => {
              draft.unitCode = value;
            },
          ),
        ),
        field(
          'work-centre-org',
          t.centreOrgName,
          input(draft.orgName, (value) => (draft.orgName = value)),
        ),
        field(
          'work-centre-relation',
          t.centreRelation,
          select(
            (['resident', 'linked'] as const).map((relation) => ({
              value: relation,
              label: t.relation[relation],
            })),
            draft.relation,
            (value) => {
              draft.relation = value === 'linked' ? 'linked' : 'resident';
            },
          ),
        ),
        field(
          'work-centre-since',
          t.centreSince,
          input(draft.since, (value) => (draft.since = value), { type: 'date' }),
        ),
        field(
          'work-centre-until',
          t.centreUntil,
          input(draft.until, (value) => (draft.until = value), { type: 'date' }),
        ),
      ),
      actionRow(
        actionButton(ctx, TAB, 'work-save-centre', t.saveCentre, () => saveCentre(ctx, state, session)),
      ),
    ),
  );
}
