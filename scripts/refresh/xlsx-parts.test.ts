// What an exceljs rewrite would lose: found per sheet, the bulletin sheet being replaced left out.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findLossyContent, type XlsxParts, zipParts } from './xlsx-parts';

const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function parts(files: Record<string, string>): XlsxParts {
  return { names: Object.keys(files), read: (name) => files[name] };
}

function relsXml(relations: [id: string, type: string, target: string][]): string {
  return `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relations
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${RELS}/${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;
}

/** A workbook as Excel lays it out: 汇总 with a chart, the add-in's bulletin sheet with its chart, 台账 plain. */
function excelLikeParts(extra: Record<string, string> = {}): XlsxParts {
  const chartDrawing =
    '<xdr:wsDr xmlns:xdr="x"><xdr:twoCellAnchor><xdr:graphicFrame macro=""><a:graphic/></xdr:graphicFrame></xdr:twoCellAnchor></xdr:wsDr>';
  return parts({
    'xl/workbook.xml': `<workbook xmlns:r="${RELS}"><sheets><sheet name="汇总 &amp; 图" sheetId="1" r:id="rId1"/><sheet name="通报2026-10" sheetId="2" r:id="rId2"/><sheet name="台账" sheetId="3" r:id="rId3"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': relsXml([
      ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
      ['rId2', 'worksheet', '/xl/worksheets/sheet2.xml'],
      ['rId3', 'worksheet', 'worksheets/sheet3.xml'],
    ]),
    'xl/worksheets/sheet1.xml': '<worksheet><drawing r:id="rId1"/></worksheet>',
    'xl/worksheets/_rels/sheet1.xml.rels': relsXml([['rId1', 'drawing', '../drawings/drawing1.xml']]),
    'xl/drawings/drawing1.xml': chartDrawing,
    'xl/worksheets/sheet2.xml': '<worksheet><drawing r:id="rId1"/></worksheet>',
    'xl/worksheets/_rels/sheet2.xml.rels': relsXml([['rId1', 'drawing', '../drawings/drawing2.xml']]),
    'xl/drawings/drawing2.xml': chartDrawing,
    'xl/worksheets/sheet3.xml': '<worksheet><sheetData/></worksheet>',
    ...extra,
  });
}

describe('findLossyContent', () => {
  it('names a chart on another sheet, and leaves out the bulletin sheet that is about to be replaced', () => {
    expect(findLossyContent(excelLikeParts(), '通报2026-10')).toEqual([
      { sheet: '汇总 & 图', what: '图表或 SmartArt', whatEn: 'charts or SmartArt' },
    ]);
    expect(findLossyContent(excelLikeParts(), '通报2026-09').map((item) => item.sheet)).toEqual([
      '汇总 & 图',
      '通报2026-10',
    ]);
  });

  it('names pivot tables, sparklines, shapes, macros and Power Query connections', () => {
    const found = findLossyContent(
      excelLikeParts({
        'xl/worksheets/sheet3.xml':
          '<worksheet><extLst><ext><x14:sparklineGroups><x14:sparklineGroup/></x14:sparklineGroups></ext></extLst></worksheet>',
        'xl/worksheets/_rels/sheet3.xml.rels': relsXml([
          ['rId1', 'pivotTable', '../pivotTables/pivotTable1.xml'],
          ['rId2', 'drawing', '../drawings/drawing3.xml'],
        ]),
        'xl/drawings/drawing3.xml':
          '<xdr:wsDr><xdr:oneCellAnchor><xdr:sp macro=""/></xdr:oneCellAnchor></xdr:wsDr>',
        'xl/vbaProject.bin': '',
        'xl/connections.xml': '<connections/>',
      }),
      '通报2026-10',
    );
    expect(found.map((item) => `${item.sheet ?? '*'}: ${item.what}`)).toEqual([
      '*: 宏（VBA）',
      '*: 数据连接（Power Query 等）',
      '汇总 & 图: 图表或 SmartArt',
      '台账: 迷你图',
      '台账: 数据透视表',
      '台账: 形状或文本框',
    ]);
  });

  it('finds nothing to lose in what exceljs itself keeps: pictures, tables, notes, validation, formats', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addTable({
      name: 'Ledger',
      ref: 'A1',
      headerRow: true,
      columns: [{ name: '组织名称' }, { name: '青年人数' }],
      rows: [['浦东青年志愿者协会', 12]],
    });
    sheet.getCell('A2').note = '核对过';
    sheet.getCell('B2').dataValidation = { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] };
    sheet.addConditionalFormatting({
      ref: 'B2:B9',
      rules: [{ type: 'cellIs', operator: 'lessThan', priority: 1, formulae: [3], style: {} }],
    });
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    sheet.addImage(workbook.addImage({ buffer: new Uint8Array(png).buffer, extension: 'png' }), 'D2:E4');
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const zip = zipParts(bytes);
    expect(zip.names).toContain('xl/workbook.xml');
    expect(zip.names.some((name) => name.startsWith('xl/drawings/drawing'))).toBe(true);
    expect(zip.read('xl/workbook.xml')).toContain('name="台账"');
    expect(findLossyContent(zip, null)).toEqual([]);
  });

  it('refuses bytes that are no zip', () => {
    expect(() => zipParts(new TextEncoder().encode('组织名称,所属单位\n'))).toThrow(/not a zip/);
  });
});
