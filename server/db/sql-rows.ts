import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

/**
 * Runs one hand-written SQL statement and returns its rows. Both drivers answer `execute` with an
 * object carrying `rows`; reports and figures use this where a query builder would only obscure
 * the SQL.
 */
export async function queryRows<Row>(db: Db | Tx, statement: SQL): Promise<Row[]> {
  const result = (await db.execute(statement)) as unknown as { rows: Row[] };
  return result.rows;
}
