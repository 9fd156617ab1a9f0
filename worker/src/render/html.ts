// A bulletin as a printable A4 HTML page: inline styles, Chinese font stack, no external assets.
import type { Bulletin, BulletinTable } from '@tuanjian/shared';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function table(data: BulletinTable, className: string): string {
  const head = data.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = data.rows
    .map((row) => {
      const state = row[data.headers.indexOf('状态')];
      const rowClass = state === '滞后' ? ' class="lagging"' : state === '已完成' ? ' class="done"' : '';
      const cells = row.map((cell) => `<td>${cell === null ? '—' : escapeHtml(String(cell))}</td>`).join('');
      return `<tr${rowClass}>${cells}</tr>`;
    })
    .join('');
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const STYLE = `
@page { size: A4 portrait; margin: 18mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "FangSong", "仿宋", "STFangsong", "Songti SC", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  color: #111; margin: 0 auto; max-width: 180mm; font-size: 11pt; line-height: 1.6; }
h1 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 18pt;
  text-align: center; color: #c00; margin: 0 0 4mm; }
.issue { text-align: center; border-bottom: 2px solid #c00; padding-bottom: 2mm; margin-bottom: 4mm; }
.issue span { margin: 0 4mm; }
p.narrative { text-indent: 2em; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; page-break-inside: auto; }
th, td { border: 1px solid #444; padding: 1mm 1.5mm; text-align: center; }
th { background: #f2f2f2; }
tr { page-break-inside: avoid; }
tr.lagging td { background: #ffc7ce; }
tr.done td { background: #c6efce; }
.totals td:first-child { text-align: left; }
.reporting td:last-child { text-align: left; }
.small { display: flex; gap: 6mm; }
.small table { width: auto; flex: 1; }
footer { margin-top: 6mm; font-size: 9pt; color: #555; }
`;

export function bulletinHtml(bulletin: Bulletin): string {
  const totals: BulletinTable = {
    headers: ['指标', '数值'],
    rows: bulletin.totals.map((t) => [t.label, t.value]),
  };
  const lagging =
    bulletin.lagging.length > 0 ? `<p>进度滞后单位：${escapeHtml(bulletin.lagging.join('、'))}</p>` : '';
  const notStarted =
    bulletin.notStarted.length > 0
      ? `<p>尚未启动单位：${escapeHtml(bulletin.notStarted.join('、'))}</p>`
      : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(bulletin.title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(bulletin.title)}</h1>
<div class="issue"><span>${escapeHtml(bulletin.issueLine)}</span><span>${escapeHtml(bulletin.issuer)}</span><span>${escapeHtml(bulletin.date)}</span></div>
<p class="narrative">${escapeHtml(bulletin.narrative)}</p>
<h2>一、总体情况</h2>${table(totals, 'totals')}
<h2>二、各单位完成情况</h2>${table(bulletin.unitTable, 'units')}
${lagging}${notStarted}
<h2>三、建团模式与电话抽查</h2><div class="small">${table(bulletin.modeTable, 'modes')}${table(bulletin.spotCheckTable, 'checks')}</div>
${bulletin.reportingTable ? `<h2>四、报送情况</h2>${table(bulletin.reportingTable, 'reporting')}` : ''}
<footer>本通报由团建台账系统根据各单位上报台账自动生成。</footer>
</body></html>`;
}
