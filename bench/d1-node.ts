// The part of D1's API the worker uses (prepare/bind/all/first/run, atomic batch, sessions), over
// node:sqlite: the worker's own code runs in Node against its own migrations, so its JS heap can be
// measured (workerd does not report an isolate's heap). Not a test double for correctness: the tests
// run in workerd against real local D1.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

type Bound = SQLInputValue;

function meta(changes = 0) {
  return {
    duration: 0,
    size_after: 0,
    rows_read: 0,
    rows_written: changes,
    last_row_id: 0,
    changed_db: changes > 0,
    changes,
    served_by: 'node-sqlite',
  };
}

class Statement {
  constructor(
    private readonly db: DatabaseSync,
    readonly sql: string,
    readonly params: Bound[] = [],
  ) {}

  bind(...values: unknown[]): Statement {
    return new Statement(
      this.db,
      this.sql,
      values.map((value) => (value === undefined ? null : (value as Bound))),
    );
  }

  async all<T>(): Promise<{ results: T[]; success: true; meta: ReturnType<typeof meta> }> {
    return this.allSync<T>();
  }

  allSync<T>(): { results: T[]; success: true; meta: ReturnType<typeof meta> } {
    const statement = this.db.prepare(this.sql);
    if (statement.columns().length === 0) {
      const result = statement.run(...this.params);
      return { results: [], success: true, meta: meta(Number(result.changes)) };
    }
    return { results: statement.all(...this.params) as T[], success: true, meta: meta() };
  }

  async first<T>(column?: string): Promise<T | null> {
    const row = this.db.prepare(this.sql).get(...this.params) as Record<string, unknown> | undefined;
    if (!row) return null;
    return (column === undefined ? row : row[column]) as T;
  }

  async run(): Promise<{ results: never[]; success: true; meta: ReturnType<typeof meta> }> {
    const result = this.db.prepare(this.sql).run(...this.params);
    return { results: [], success: true, meta: meta(Number(result.changes)) };
  }

  async raw<T>(): Promise<T[]> {
    return this.db
      .prepare(this.sql)
      .all(...this.params)
      .map((row) => Object.values(row as object)) as T[];
  }
}

/** A D1Database over one node:sqlite database: `batch` is one transaction, sessions are the same database. */
export class NodeD1 {
  constructor(readonly db: DatabaseSync) {}

  /** A new in-memory database with the worker's migrations applied. */
  static async withMigrations(root: string): Promise<NodeD1> {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    const dir = path.join(root, 'worker', 'migrations');
    for (const file of readdirSync(dir)
      .filter((name) => name.endsWith('.sql'))
      .sort())
      db.exec(readFileSync(path.join(dir, file), 'utf8'));
    return new NodeD1(db);
  }

  prepare(sql: string): Statement {
    return new Statement(this.db, sql);
  }

  async batch<T>(
    statements: Statement[],
  ): Promise<{ results: T[]; success: true; meta: ReturnType<typeof meta> }[]> {
    this.db.exec('BEGIN');
    try {
      const results = statements.map((statement) => statement.allSync<T>());
      this.db.exec('COMMIT');
      return results;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async exec(sql: string): Promise<{ count: number; duration: number }> {
    this.db.exec(sql);
    return { count: 1, duration: 0 };
  }

  withSession(): NodeD1 & { getBookmark(): string | null } {
    return Object.assign(Object.create(this) as NodeD1, { getBookmark: () => null });
  }
}
