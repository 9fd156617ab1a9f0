// Test helper: reads CSV bytes as Power Query does with the README's query — Csv.Document, PromoteHeaders, TransformColumnTypes.

/** The column types the README's query uses. */
export type MType = 'text' | 'date' | 'number' | 'Int64';

/** A value after Table.TransformColumnTypes: a failed conversion is a cell error, as Power Query shows it. */
export type MValue = string | number | Date | null | { error: string };

const UTF8_BOM = '\uFEFF';

/**
 * Csv.Document(bytes, [Delimiter = ",", Encoding = 65001, QuoteStyle = QuoteStyle.Csv]): UTF-8 with the BOM
 * dropped; a field that starts with a quote is quoted (CsvStyle.QuoteAfterDelimiter), "" inside it is one
 * quote, and its commas and line breaks are data; CRLF, LF or CR ends a record elsewhere. Every value is text.
 */
export function csvDocument(bytes: Uint8Array): string[][] {
  let text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  if (text.startsWith(UTF8_BOM)) text = text.slice(1);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  let atFieldStart = true;
  const endField = () => {
    record.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (index < text.length) {
    const char = text[index];
    if (atFieldStart && char === '"') {
      atFieldStart = false;
      index++;
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field');
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        field += text[index];
        index++;
      }
      continue;
    }
    atFieldStart = false;
    if (char === ',') {
      endField();
      index++;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
    } else {
      field += char;
      index++;
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Table.PromoteHeaders(Source, [PromoteAllScalars = true]): the first record names the columns. */
export function promoteHeaders(records: string[][]): Record<string, string>[] {
  const [headers = [], ...rows] = records;
  return rows.map((row) => Object.fromEntries(headers.map((header, index) => [header, row[index] ?? ''])));
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One text cell converted as Table.TransformColumnTypes(…, "en-US") converts it; empty text becomes null. */
export function convert(text: string, type: MType): MValue {
  if (type === 'text') return text;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (type === 'date') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!date || date.toISOString().slice(0, 10) !== trimmed) return { error: `not a date: ${text}` };
    return date;
  }
  if (!DECIMAL.test(trimmed)) return { error: `not a number: ${text}` };
  const number = Number(trimmed);
  if (type === 'Int64' && !Number.isInteger(number)) return { error: `not a whole number: ${text}` };
  return number;
}

/** Table.TransformColumnTypes(Promoted, types, "en-US"). */
export function transformColumnTypes(
  rows: Record<string, string>[],
  types: [column: string, type: MType][],
): Record<string, MValue>[] {
  return rows.map((row) => {
    const typed: Record<string, MValue> = { ...row };
    for (const [column, type] of types) {
      const text = row[column];
      typed[column] = text === undefined ? { error: `no column ${column}` } : convert(text, type);
    }
    return typed;
  });
}

const M_TYPES: Record<string, MType> = {
  'type text': 'text',
  'type date': 'date',
  'type number': 'number',
  'Int64.Type': 'Int64',
};

/** The `{"列", type …}` pairs of the Table.TransformColumnTypes step of an M query, in order. */
export function mQueryColumnTypes(query: string): [string, MType][] {
  const step = /Table\.TransformColumnTypes\(([\s\S]*?)\)\s*in\b/.exec(query)?.[1] ?? '';
  return [...step.matchAll(/\{\s*"([^"]+)"\s*,\s*(type text|type date|type number|Int64\.Type)\s*\}/g)].map(
    ([, column = '', type = '']) => [column, M_TYPES[type] ?? 'text'],
  );
}

/** The M query in the README's "Power Query" section (its ```m fenced block). */
export function readmeMQuery(readme: string): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Power Query'));
  const query = /```m\n([\s\S]*?)```/.exec(section ?? '')?.[1];
  if (!query) throw new Error('no ```m block in the README’s Power Query section');
  return query;
}
