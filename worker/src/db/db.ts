// What every SQL module shares: the database handle (a D1 database or a D1 session) and the chunking
// of bulk parameters under D1's limits.

/** A D1 database or a D1 Sessions API session: everything the SQL modules call. */
export type Db = Pick<D1Database, 'prepare' | 'batch'>;

/** Largest JSON parameter per statement: D1 caps a string at 2 MB and a statement at 100 KB of SQL. */
export const MAX_PARAM_BYTES = 900_000;

const encoder = new TextEncoder();

/**
 * Values as JSON arrays, each under `maxBytes`, for statements that read them back with json_each:
 * one bound parameter per statement, whatever the number of values. With `encoded`, the values are
 * already JSON text (rows encoded once by the caller).
 * @example jsonChunks([1, 2, 3]) // => ['[1,2,3]']
 */
export function jsonChunks(
  values: readonly unknown[],
  options: { encoded?: boolean; maxBytes?: number } = {},
): string[] {
  const maxBytes = options.maxBytes ?? MAX_PARAM_BYTES;
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const value of values) {
    const text = options.encoded && typeof value === 'string' ? value : JSON.stringify(value);
    const bytes = encoder.encode(text).length + 1;
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
