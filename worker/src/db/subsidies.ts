// SQL for subsidy payments: one payment per organization, whichever unit reports it.
import type { Db } from './db';

export interface SubsidyPayment {
  orgKey: string;
  unitCode: string;
  year: number;
  amount: number;
  paidAt: string;
  paidBy: string;
}

export async function listPayments(db: Db): Promise<Map<string, SubsidyPayment>> {
  const { results } = await db
    .prepare('SELECT org_key, unit_code, year, amount, paid_at, paid_by FROM subsidy_payments')
    .all<{
      org_key: string;
      unit_code: string;
      year: number;
      amount: number;
      paid_at: string;
      paid_by: string;
    }>();
  return new Map(
    results.map((row) => [
      row.org_key,
      {
        orgKey: row.org_key,
        unitCode: row.unit_code,
        year: row.year,
        amount: row.amount,
        paidAt: row.paid_at,
        paidBy: row.paid_by,
      },
    ]),
  );
}

/** Records payments; an organization already paid is left as it was (never paid twice). */
export function insertPaymentsStatement(db: Db, payments: SubsidyPayment[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO subsidy_payments (org_key, unit_code, year, amount, paid_at, paid_by)
       SELECT value->>'orgKey', value->>'unitCode', value->>'year', value->>'amount', value->>'paidAt', value->>'paidBy'
       FROM json_each(?1) WHERE true
       ON CONFLICT (org_key) DO NOTHING`,
    )
    .bind(JSON.stringify(payments));
}
