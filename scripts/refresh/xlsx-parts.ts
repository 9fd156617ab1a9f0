// Finds what an exceljs round trip would silently drop from an .xlsx (charts, pivot tables, macros, connections…).
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** Something in the workbook that rewriting it with exceljs would lose. */
export interface LossyContent {
  /** The sheet it sits on; null for the workbook as a whole. */
  sheet: string | null;
  what: string;
  whatEn: string;
}

/** The package's parts by name, read on demand. */
export interface XlsxParts {
  names: string[];
  read(name: string): string | undefined;
}

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * The parts of a zip package (an .xlsx), from its central directory; a part's text is inflated when read.
 * @throws Error when the bytes are not a zip this reader understands (ZIP64 included).
 */
export function zipParts(bytes: Uint8Array): XlsxParts {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let offset = buffer.length - 22; offset >= Math.max(0, buffer.length - 22 - 0xffff); offset--) {
    if (buffer.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  if (offset === 0xffffffff) throw new Error('ZIP64 packages are not supported');
  const entries = new Map<string, ZipEntry>();
  for (let index = 0; index < count; index++) {
    if (buffer.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error('corrupt central directory');
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name, {
      method: buffer.readUInt16LE(offset + 10),
      compressedSize: buffer.readUInt32LE(offset + 20),
      localHeaderOffset: buffer.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return {
    names: [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      if (!entry) return undefined;
      const local = entry.localHeaderOffset;
      if (buffer.readUInt32LE(local) !== LOCAL_FILE_HEADER) throw new Error(`corrupt local header: ${name}`);
      const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const data = buffer.subarray(start, start + entry.compressedSize);
      if (entry.method === 0) return data.toString('utf8');
      if (entry.method === 8) return inflateRawSync(data).toString('utf8');
      throw new Error(`unsupported compression method ${entry.method}: ${name}`);
    },
  };
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    found.set(match[1] ?? '', unescapeXml(match[2] ?? match[3] ?? ''));
  return found;
}

function unescapeXml(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex, dec, named) => {
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[String(named).toLowerCase()] ?? '';
  });
}

interface Relationship {
  type: string;
  target: string;
}

/** The relationships of a part, targets resolved to part names; external targets are left out. */
function relationships(parts: XlsxParts, part: string): Map<string, Relationship> {
  const rels = parts.read(
    path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`),
  );
  const found = new Map<string, Relationship>();
  for (const match of (rels ?? '').matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const attrs = attributes(match[0]);
    if (attrs.get('TargetMode') === 'External') continue;
    const target = attrs.get('Target') ?? '';
    found.set(attrs.get('Id') ?? '', {
      type: (attrs.get('Type') ?? '').split('/').pop() ?? '',
      target: target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(path.posix.dirname(part), target)),
    });
  }
  return found;
}

const WORKBOOK_LOSSES: readonly { prefix: string; what: string; whatEn: string }[] = [
  { prefix: 'xl/vbaProject', what: '宏（VBA）', whatEn: 'macros (VBA)' },
  { prefix: 'xl/chartsheets/', what: '图表工作表', whatEn: 'chart sheets' },
  { prefix: 'xl/dialogsheets/', what: '对话框工作表', whatEn: 'dialog sheets' },
  { prefix: 'xl/macrosheets/', what: '宏表', whatEn: 'macro sheets' },
  { prefix: 'xl/externalLinks/', what: '外部工作簿链接', whatEn: 'links to other workbooks' },
  {
    prefix: 'xl/connections.xml',
    what: '数据连接（Power Query 等）',
    whatEn: 'data connections (Power Query…)',
  },
  { prefix: 'xl/queryTables/', what: '查询表（Power Query 等）', whatEn: 'query tables (Power Query…)' },
  { prefix: 'xl/model/', what: '数据模型（Power Pivot）', whatEn: 'data model (Power Pivot)' },
  { prefix: 'xl/slicerCaches/', what: '切片器', whatEn: 'slicers' },
  { prefix: 'xl/timelineCaches/', what: '日程表', whatEn: 'timelines' },
];

const DRAWING_LOSSES: readonly { element: RegExp; what: string; whatEn: string }[] = [
  { element: /<(?:\w+:)?graphicFrame[\s>]/, what: '图表或 SmartArt', whatEn: 'charts or SmartArt' },
  { element: /<(?:\w+:)?(?:sp|cxnSp|grpSp)[\s>]/, what: '形状或文本框', whatEn: 'shapes or text boxes' },
];

const SHEET_RELATION_LOSSES: ReadonlyMap<string, { what: string; whatEn: string }> = new Map([
  ['pivotTable', { what: '数据透视表', whatEn: 'pivot tables' }],
  ['oleObject', { what: '嵌入对象（OLE）', whatEn: 'embedded (OLE) objects' }],
  ['control', { what: '控件', whatEn: 'controls' }],
  ['queryTable', { what: '查询表（Power Query 等）', whatEn: 'query tables (Power Query…)' }],
]);

const SHEET_XML_LOSSES: readonly { element: RegExp; what: string; whatEn: string }[] = [
  { element: /<(?:\w+:)?sparklineGroups[\s>]/, what: '迷你图', whatEn: 'sparklines' },
  // Excel keeps list validations whose source is on another sheet in the x14 extension, which exceljs drops.
  {
    element: /<x14:dataValidations[\s>]/,
    what: '引用其他工作表的数据验证',
    whatEn: 'data validation lists on other sheets',
  },
];

/**
 * What rewriting the workbook with exceljs would lose, sheet by sheet; the sheet `replacedSheet` (the bulletin
 * sheet about to be replaced, say with the add-in's chart on it) is left out, compared case-insensitively.
 * @example
 * findLossyContent(zipParts(bytes), '通报2026-10'); // => [{ sheet: '汇总', what: '图表或 SmartArt', … }]
 */
export function findLossyContent(parts: XlsxParts, replacedSheet: string | null): LossyContent[] {
  const found: LossyContent[] = [];
  const add = (sheet: string | null, what: string, whatEn: string) => {
    if (!found.some((item) => item.sheet === sheet && item.what === what))
      found.push({ sheet, what, whatEn });
  };
  for (const loss of WORKBOOK_LOSSES)
    if (parts.names.some((name) => name.startsWith(loss.prefix))) add(null, loss.what, loss.whatEn);

  const workbookPart = 'xl/workbook.xml';
  const workbookRels = relationships(parts, workbookPart);
  const skipped = replacedSheet?.toLocaleLowerCase();
  for (const match of (parts.read(workbookPart) ?? '').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const attrs = attributes(match[0]);
    const name = attrs.get('name') ?? '';
    const relationId = [...attrs].find(([key]) => /^\w+:id$/.test(key))?.[1];
    const sheetPart = relationId === undefined ? undefined : workbookRels.get(relationId)?.target;
    if (sheetPart === undefined || name.toLocaleLowerCase() === skipped) continue;
    const sheetXml = parts.read(sheetPart) ?? '';
    for (const loss of SHEET_XML_LOSSES) if (loss.element.test(sheetXml)) add(name, loss.what, loss.whatEn);
    for (const relation of relationships(parts, sheetPart).values()) {
      const loss = SHEET_RELATION_LOSSES.get(relation.type);
      if (loss) add(name, loss.what, loss.whatEn);
      if (relation.type !== 'drawing') continue;
      const drawing = parts.read(relation.target) ?? '';
      for (const drawingLoss of DRAWING_LOSSES)
        if (drawingLoss.element.test(drawing)) add(name, drawingLoss.what, drawingLoss.whatEn);
    }
  }
  return found;
}
