// The findings table of the web page (行, 列, 单元格, 级别, 说明), sortable by row, column or level.
import { COLUMNS } from '@tuanjian/shared';
import { type Child, h } from '../ui/dom';
import type { Lang, Messages } from '../ui/i18n';
import { type Finding, type SortKey, type SortOrder, sortFindings } from './ledger-file';

/** Rows drawn at most; the marked-ledger download has every finding. */
export const TABLE_LIMIT = 500;

export interface FindingsTableOptions {
  id: string;
  caption: string;
  findings: readonly Finding[];
  order: SortOrder;
  onSort: (order: SortOrder) => void;
  m: Messages;
  lang: Lang;
}

function columnName(finding: Finding, lang: Lang): string {
  const { column, header } = finding.diagnostic;
  if (column === null) return header ?? '—';
  if (lang === 'en') return COLUMNS.find((each) => each.key === column)?.headerEn ?? header ?? column;
  return header ?? column;
}

/**
 * A table of findings with sortable headers (buttons, aria-sort), in a scrolling region that keyboards reach.
 * Rows of the same sheet row after the first are marked `--continued`, so sorting by row reads as groups.
 * @example findingsTable({ id: 'ledger-findings', caption, findings, order, onSort, m, lang })
 */
export function findingsTable(options: FindingsTableOptions): Child {
  const { id, m, lang, order } = options;
  const t = m.web.table;
  const sorted = sortFindings(options.findings, order);
  const shown = sorted.slice(0, TABLE_LIMIT);

  const sortable = (key: SortKey, label: string) => {
    const active = order.key === key;
    return h(
      'th',
      {
        scope: 'col',
        class: `findings__${key}`,
        'aria-sort': active ? (order.descending ? 'descending' : 'ascending') : 'none',
      },
      h(
        'button',
        {
          type: 'button',
          id: `${id}-sort-${key}`,
          class: 'sort',
          on: { click: () => options.onSort({ key, descending: active ? !order.descending : false }) },
        },
        label,
        h(
          'span',
          { class: 'sort__mark', 'aria-hidden': 'true' },
          active ? (order.descending ? '▼' : '▲') : '↕',
        ),
      ),
    );
  };

  let previousRow: number | null | undefined;
  const rows = shown.map((finding) => {
    const { diagnostic, address } = finding;
    const continued = order.key === 'row' && diagnostic.row !== null && diagnostic.row === previousRow;
    previousRow = diagnostic.row;
    return h(
      'tr',
      {
        class: `findings__item findings__item--${diagnostic.severity}${continued ? ' findings__item--continued' : ''}`,
        'data-cell': address ?? '',
        'data-code': diagnostic.code,
      },
      h('td', { class: 'findings__row' }, diagnostic.row === null ? '—' : diagnostic.row),
      h('td', {}, columnName(finding, lang)),
      h('td', { class: 'findings__cell mono' }, address ?? '—'),
      h(
        'td',
        {},
        h('span', { class: `badge badge--${diagnostic.severity}` }, m.severity[diagnostic.severity]),
      ),
      h('td', { class: 'findings__message' }, lang === 'en' ? diagnostic.messageEn : diagnostic.message),
    );
  });

  return [
    h(
      'div',
      { class: 'table-wrap', role: 'region', 'aria-labelledby': `${id}-caption`, tabindex: 0 },
      h(
        'table',
        { class: 'findings', id },
        h(
          'caption',
          { id: `${id}-caption` },
          options.caption,
          h('span', { class: 'findings__hint' }, t.sortHint),
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            sortable('row', t.row),
            sortable('column', t.column),
            h('th', { scope: 'col' }, t.cell),
            sortable('severity', t.severity),
            h('th', { scope: 'col' }, t.message),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
    sorted.length > shown.length ? h('p', { class: 'hint' }, t.more(shown.length, sorted.length)) : null,
  ];
}
