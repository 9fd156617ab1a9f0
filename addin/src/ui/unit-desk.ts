// A unit's own desk under 连接 (SPEC §7): the spot-check results and subsidies of its own organizations for
// the year, and which of them another unit reports too (重复), read with its own token (the server scopes
// every read to the token's unit).
import {
  CHECK_RESULTS,
  type CheckResult,
  paidDate,
  type SpotCheck,
  type SubsidyLedger,
  toRecover,
  type UnitDuplicate,
} from '@tuanjian/shared';
import type { ApiClient } from '../api/client';
import { dayText } from './dates';
import { type Child, h } from './dom';
import { unitDuplicateNote } from './duplicate-view';
import type { Lang, Messages } from './i18n';
import { stat } from './widgets';

export interface UnitDesk {
  year: number;
  checks: SpotCheck[];
  subsidies: SubsidyLedger;
  /** Its organizations another unit reports too (other units' names only). */
  duplicates: UnitDuplicate[];
}

/** The year's spot checks and subsidies of the token's own unit, and its organizations reported elsewhere. */
export async function loadUnitDesk(client: ApiClient, year: number): Promise<UnitDesk> {
  const [checks, subsidies, duplicates] = await Promise.all([
    client.spotChecks(),
    client.subsidies(year),
    client.duplicates(),
  ]);
  return {
    year,
    checks: checks.filter((check) => check.checkedOn.startsWith(`${year}-`)),
    subsidies,
    duplicates: duplicates.scope === 'unit' ? duplicates.duplicates : [],
  };
}

/** The latest check of each organization: what stands for it now. */
function latestByOrganization(checks: readonly SpotCheck[]): SpotCheck[] {
  const latest = new Map<string, SpotCheck>();
  // Newest first from the server: the first seen of each organization is its latest.
  for (const check of checks) if (!latest.has(check.orgKey)) latest.set(check.orgKey, check);
  return [...latest.values()];
}

/** Each of the unit's organizations with its subsidy (read-only), folded: the figures above say the totals. */
function subsidyList(m: Messages, organizations: SubsidyLedger['organizations']): Child {
  if (organizations.length === 0) return null;
  const state = { due: m.desk.due, paid: m.desk.paid, withheld: m.desk.withheld } as const;
  return h(
    'details',
    { class: 'disclosure', id: 'desk-subsidy-list' },
    h('summary', {}, m.desk.subsidyList(organizations.length)),
    h(
      'ul',
      { class: 'orgs' },
      organizations.map((item) =>
        h(
          'li',
          {},
          m.desk.subsidyLine(
            item.orgName,
            toRecover(item) ? m.desk.recover : state[item.status],
            item.amount,
            paidDate(item.paidAt),
          ),
        ),
      ),
    ),
  );
}

export function unitDeskView(m: Messages, lang: Lang, desk: UnitDesk, unitCode: string): HTMLElement {
  const checks = latestByOrganization(desk.checks);
  const count = (result: CheckResult) => checks.filter((check) => check.result === result).length;
  const findings = checks.filter((check) => check.result !== '属实');
  const unit = desk.subsidies.units.find((each) => each.unitCode === unitCode);
  // Paid, then found 不属实: the committee will ask for the money back.
  const recovering = desk.subsidies.organizations.filter(toRecover);
  const tone = { 属实: 'good', 不属实: 'bad', 无法联系: 'warn' } as const;
  const list: Child =
    findings.length === 0
      ? null
      : h(
          'details',
          { class: 'disclosure disclosure--removed', id: 'desk-findings', open: true },
          h('summary', {}, m.desk.findings(findings.length)),
          h(
            'ul',
            { class: 'orgs' },
            findings.map((check) =>
              h(
                'li',
                {},
                m.desk.finding(
                  check.orgName ?? check.orgKey,
                  m.desk.results[check.result],
                  dayText(check.checkedOn, lang),
                ),
              ),
            ),
          ),
        );
  return h(
    'section',
    { class: 'card', id: 'desk', 'aria-labelledby': 'desk-heading' },
    h('h3', { id: 'desk-heading' }, m.desk.heading(desk.year)),
    h(
      'div',
      { class: 'stats', id: 'desk-checks' },
      stat(m.desk.checks, checks.length),
      CHECK_RESULTS.map((result) =>
        stat(m.desk.results[result], count(result), count(result) > 0 ? tone[result] : 'plain'),
      ),
    ),
    list,
    unit
      ? h(
          'div',
          { class: 'stats', id: 'desk-subsidies' },
          stat(m.desk.due, m.desk.amount(unit.due, unit.dueAmount)),
          stat(m.desk.paid, m.desk.amount(unit.paid, unit.paidAmount), 'good'),
          stat(
            m.desk.withheld,
            m.desk.amount(unit.withheld, unit.withheldAmount),
            unit.withheld > 0 ? 'bad' : 'plain',
          ),
          recovering.length > 0
            ? stat(
                m.desk.recover,
                m.desk.amount(
                  recovering.length,
                  recovering.reduce((sum, item) => sum + item.amount, 0),
                ),
                'bad',
              )
            : null,
        )
      : null,
    subsidyList(m, desk.subsidies.organizations),
    unitDuplicateNote(m, desk.duplicates),
  );
}
