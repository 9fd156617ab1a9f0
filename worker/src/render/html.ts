// A bulletin as a printable A4 HTML page, from the same layout as the Excel sheet and the .xlsx
// (shared bulletinLayout): the same sections in the same order, the same figures and formats, the 落款.
// Inline styles, a Chinese font stack, no external assets; colours kept in print, no heading left alone
// at the foot of a page.
import {
  type AnnualReport,
  BULLETIN_COLORS,
  type BulletinLayout,
  type BulletinSource,
  bulletinLayout,
  chineseDate,
  formatGap,
  formatPercent,
  type LayoutTable,
  type LayoutText,
  type LayoutValue,
  type SummaryResponse,
} from '@tuanjian/shared';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const thousands = (value: number) => Math.round(value).toLocaleString('en-US');

/** A cell as its number format shows it in Excel (the layout's formats: 家, %, signed points, 元). */
export function formattedValue(value: LayoutValue, format: string | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (format) {
    case '0.0%':
      return formatPercent(value);
    case '+0.0;-0.0;0.0':
      return formatGap(value);
    case '0"家"':
      return `${value}家`;
    case '#,##0"元"':
      return `${thousands(value)}元`;
    case '#,##0':
      return thousands(value);
    default:
      return String(value);
  }
}

/** 主要指标 across the page (labels over values): the same cells as the sheet's two columns, in two rows. */
function totalsHtml(table: LayoutTable): string {
  const labels = table.rows.map((cells) => `<th>${escapeHtml(String(cells[0] ?? ''))}</th>`).join('');
  const values = table.rows
    .map(
      (cells, index) =>
        `<td class="num">${escapeHtml(formattedValue(cells[1] ?? null, table.formats[index]?.[1] ?? null))}</td>`,
    )
    .join('');
  return `<table class="t-totals"><thead><tr>${labels}</tr></thead><tbody><tr>${values}</tr></tbody></table>`;
}

function tableHtml(table: LayoutTable, layout: BulletinLayout): string {
  if (table.id === 'totals') return totalsHtml(table);
  const status = layout.status;
  const isUnits = status !== null && table.row === status.row - 1;
  const head = table.headers
    ? `<thead><tr>${table.headers.map((header) => `<th>${escapeHtml(header).replace(/\n/gu, '<br>')}</th>`).join('')}</tr></thead>`
    : '';
  const bars = isUnits ? layout.dataBars : null;
  const body = table.rows
    .map((cells, rowIndex) => {
      const state = isUnits && status ? cells[status.column - 1] : null;
      const isTotal = table.total === true && rowIndex === table.rows.length - 1;
      const rowClass = isTotal
        ? ' class="total"'
        : state === '滞后'
          ? ' class="lagging"'
          : state === '已完成'
            ? ' class="done"'
            : '';
      const tds = cells
        .map((cell, index) => {
          const text = escapeHtml(formattedValue(cell, table.formats[rowIndex]?.[index] ?? null));
          if (typeof cell !== 'number') return `<td>${text}</td>`;
          // 完成率 with its data bar (0 to 100%), as the sheet draws it.
          const bar = bars !== null && !isTotal && index === bars.column - 1;
          if (!bar) return `<td class="num">${text}</td>`;
          const width = Math.max(0, Math.min(1, cell)) * 100;
          return `<td class="num rate" style="--bar:${width.toFixed(1)}%">${text}</td>`;
        })
        .join('');
      return `<tr${rowClass}>${tds}</tr>`;
    })
    .join('');
  return `<table class="t-${escapeHtml(table.id)}">${head}<tbody>${body}</tbody></table>`;
}

/** The chart the sheet draws (各单位完成率), as bars: one per unit, the rate's width, capped at 100%. */
function chartHtml(layout: BulletinLayout): string {
  const [, ...rates] = layout.helper.rates;
  const bars = rates
    .map(([name, rate]) => {
      const value = typeof rate === 'number' ? rate : null;
      const width = value === null ? 0 : Math.min(100, Math.max(0, value * 100));
      return (
        `<div class="bar"><span class="bar__label">${escapeHtml(String(name ?? ''))}</span>` +
        `<span class="bar__track"><span class="bar__fill" style="width:${width.toFixed(1)}%"></span></span>` +
        `<span class="bar__value">${value === null ? '—' : escapeHtml(formatPercent(value))}</span></div>`
      );
    })
    .join('');
  return `<div class="chart" role="img" aria-label="各单位完成率">${bars}</div>`;
}

function textHtml(text: LayoutText): string {
  const content = escapeHtml(text.text);
  switch (text.style) {
    case 'title':
      return `<h1>${content}</h1>`;
    case 'issueLine':
      return `<p class="issue-line">${content}</p>`;
    case 'narrative':
      return `<p class="narrative">${content}</p>`;
    case 'section':
      return `<h2>${content}</h2>`;
    default:
      return `<p class="line">${content}</p>`;
  }
}

const STYLE = `
@page { size: A4 portrait; margin: 10mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "FangSong", "仿宋", "STFangsong", "Songti SC", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  color: #111; margin: 0 auto; max-width: 186mm; font-size: 10pt; line-height: 1.45; }
h1 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 17pt;
  text-align: center; color: ${BULLETIN_COLORS.rule}; margin: 0 0 1mm; line-height: 1.3; }
.issue-line { text-align: center; margin: 0; }
.masthead { display: flex; justify-content: space-between; border-bottom: 2px solid ${BULLETIN_COLORS.rule};
  padding: 1mm 0 1.5mm; margin-bottom: 3mm; }
p { margin: 0 0 1mm; }
p.narrative { text-indent: 2em; margin-bottom: 2.5mm; }
h2 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 11pt; margin: 2.5mm 0 1mm;
  break-after: avoid; page-break-after: avoid; }
section { break-inside: avoid; page-break-inside: avoid; }
/* The unit table and the chart may run over a page: their heading stays with their first rows. */
section.long { break-inside: auto; page-break-inside: auto; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; line-height: 1.3; }
thead { display: table-header-group; }
th, td { border: 1px solid ${BULLETIN_COLORS.border}; padding: 0.5mm 1.2mm; text-align: center; }
th { background: ${BULLETIN_COLORS.headerFill}; }
td.num { text-align: right; }
td:first-child { text-align: left; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.lagging td { background-color: ${BULLETIN_COLORS.laggingFill}; color: ${BULLETIN_COLORS.laggingFont}; }
tr.done td { background-color: ${BULLETIN_COLORS.doneFill}; color: ${BULLETIN_COLORS.doneFont}; }
tr.total td { font-weight: bold; border-top: 3px double #808080; }
td.rate { background-image: linear-gradient(to right, ${BULLETIN_COLORS.dataBar}66 var(--bar), transparent var(--bar)); }
.t-totals td { text-align: center; }
.side { display: flex; gap: 4mm; align-items: flex-start; }
.side table { width: auto; flex: 1; }
.chart { font-size: 8pt; line-height: 1.2; columns: 2; column-gap: 6mm; }
.bar { display: flex; align-items: center; gap: 2mm; margin: 0.2mm 0; break-inside: avoid; }
.bar__label { width: 27mm; text-align: right; white-space: nowrap; overflow: hidden; }
.bar__track { flex: 1; height: 2.2mm; background: #f2f2f2; }
.bar__fill { display: block; height: 100%; background: #4472c4; }
.bar__value { width: 12mm; }
.signature { margin-top: 4mm; text-align: right; break-inside: avoid; }
.signature p { margin: 0; }
`;

/**
 * The bulletin of a summary as a printable page, laid out like the add-in's sheet and the .xlsx.
 * @example bulletinHtml({ summary, bulletin }, { year: 2026, month: 11, issueNumber: 8 })
 */
export function bulletinHtml(issue: SummaryResponse, source: BulletinSource): string {
  const layout = bulletinLayout(issue, source);
  const { bulletin } = issue;
  // Blocks in sheet order; tables that share a row stand side by side; a section keeps its content with it.
  const rows = new Map<number, string[]>();
  const add = (row: number, html: string) => rows.set(row, [...(rows.get(row) ?? []), html]);
  const masthead = layout.texts.filter((text) => text.row === layout.ruleRow);
  const signatureStart = layout.texts.filter((text) => text.style === 'date' && text.row > layout.ruleRow);
  for (const text of layout.texts) {
    if (masthead.includes(text) || signatureStart.includes(text)) continue;
    add(text.row, textHtml(text));
  }
  add(
    layout.ruleRow,
    `<div class="masthead">${masthead.map((text) => `<span>${escapeHtml(text.text)}</span>`).join('')}</div>`,
  );
  const byRow = new Map<number, LayoutTable[]>();
  for (const table of layout.tables) byRow.set(table.row, [...(byRow.get(table.row) ?? []), table]);
  for (const [row, tables] of byRow)
    add(
      row,
      tables.length > 1
        ? `<div class="side">${tables.map((table) => tableHtml(table, layout)).join('')}</div>`
        : tableHtml(tables[0] as LayoutTable, layout),
    );
  if (layout.chart) add(layout.chart.firstRow, chartHtml(layout));

  // Group each section heading with what follows it, up to the next heading: printed together.
  const sectionRows = new Set(
    layout.texts.filter((text) => text.style === 'section').map((text) => text.row),
  );
  // The unit table and the chart may run over a page; every other section is printed whole.
  const unitsRow = layout.tables.find((table) => table.id === 'units')?.row;
  const longRows = new Set(
    [unitsRow, layout.chart?.firstRow].filter((row) => row !== undefined).map((row) => row - 1),
  );
  const parts: string[] = [];
  let open = false;
  for (const row of [...rows.keys()].sort((a, b) => a - b)) {
    if (sectionRows.has(row)) {
      if (open) parts.push('</section>');
      parts.push(longRows.has(row) ? '<section class="long">' : '<section>');
      open = true;
    }
    parts.push(...(rows.get(row) ?? []));
  }
  if (open) parts.push('</section>');
  const signature = `<div class="signature">${signatureStart.map((text) => `<p>${escapeHtml(text.text)}</p>`).join('')}</div>`;

  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(bulletin.title)}</title>
<style>${STYLE}</style></head><body>
${parts.join('\n')}
${signature}
</body></html>`;
}

const SECTION_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/**
 * A year-end report (年度通报) as a printable A4 page in the bulletin's style: title, masthead, the narrative,
 * each table under its numbered heading, then 落款.
 * @example annualReportHtml(renderAnnualReport(figures, { date: '2027-01-05', issuer, published: true }))
 */
export function annualReportHtml(report: AnnualReport): string {
  const cell = (value: string | number | null) =>
    value === null
      ? '<td>—</td>'
      : typeof value === 'number'
        ? `<td class="num">${escapeHtml(String(value))}</td>`
        : `<td>${escapeHtml(value)}</td>`;
  const tables = report.tables.map(
    ({ title, table }, index) => `<section${table.rows.length > 20 ? ' class="long"' : ''}>
<h2>${SECTION_NUMBERS[index] ?? index + 1}、${escapeHtml(title)}</h2>
<table><thead><tr>${table.headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>${table.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')}</tbody></table>
</section>`,
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(report.title)}</h1>
<p class="issue-line">${escapeHtml(report.issueLine)}</p>
<div class="masthead"><span>${escapeHtml(report.issuer)}</span><span>${escapeHtml(chineseDate(report.date))}</span></div>
${report.paragraphs.map((paragraph) => `<p class="narrative">${escapeHtml(paragraph)}</p>`).join('\n')}
${tables.join('\n')}
<div class="signature"><p>${escapeHtml(report.issuer)}</p><p>${escapeHtml(chineseDate(report.date))}</p></div>
</body></html>`;
}
