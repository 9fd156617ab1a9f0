// What every SQL module shares: the database handle (a D1 database or a D1 session) and the chunking
// of bulk parameters under D1's limits.

/** A D1 database or a D1 Sessions API session: everything the SQL modules call. */
export type Db = Pick<D1Database, 'prepare' | 'batch'>;

/** Largest JSON parameter per statement: D1 caps a string at 2 MB and a statement at 100 KB of SQL. */
export const MAX_PARAM_BYTES = 900_000;

/** Bytes of a string in UTF-8, counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && index + 1 < text.length) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Values as JSON arrays, each under `maxBytes` of UTF-8, for statements that read them back with
 * json_each: one bound parameter per statement, whatever the number of values. Each value is encoded
 * (`encode`, JSON by default) only as its chunk is built, so a large upload never holds every row's
 * text and every chunk's text at once.
 * @example jsonChunks([1, 2, 3]) // => ['[1,2,3]']
 */
export function jsonChunks<T>(
  values: readonly T[],
  encode: (value: T) => string = (value) => JSON.stringify(value),
  maxBytes = MAX_PARAM_BYTES,
): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const value of values) {
    const text = encode(value);
    const bytes = utf8Length(text) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += bytes;
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/**
 * Whether a D1 error is a UNIQUE constraint failure (the row exists already): the one place that knows
 * how D1 words it.
 */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}

/** A read that can travel in a batch with others: its statements, and how their rows become a value. */
export interface Read<T> {
  statements: D1PreparedStatement[];
  map: (rows: unknown[][]) => T;
}

type ReadValues<R extends Record<string, Read<unknown>>> = {
  [K in keyof R]: R[K] extends Read<infer T> ? T : never;
};

/**
 * Runs several reads in one D1 batch — one round trip instead of one per query — and maps each.
 * @example const { units, quotas } = await readTogether(db, { units: unitsRead(db), quotas: quotasRead(db, 2026) });
 */
export async function readTogether<R extends Record<string, Read<unknown>>>(
  db: Db,
  reads: R,
): Promise<ReadValues<R>> {
  const entries = Object.entries(reads);
  const results = await db.batch(entries.flatMap(([, read]) => read.statements));
  let offset = 0;
  const values: Record<string, unknown> = {};
  for (const [name, read] of entries) {
    const rows = results.slice(offset, offset + read.statements.length).map((result) => result.results);
    offset += read.statements.length;
    values[name] = read.map(rows);
  }
  return values as ReadValues<R>;
}
