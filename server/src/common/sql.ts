import type { EntityManager } from 'typeorm';

/** Anything that runs SQL: the DataSource's manager or a transaction's. */
export type Runner = Pick<EntityManager, 'query'>;

/** TypeORM answers an UPDATE … RETURNING with `[rows, count]`; a SELECT with rows. */
export function updatedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

/** Runs an UPDATE/DELETE … RETURNING and gives the returned rows. */
export async function returning<T = Record<string, unknown>>(runner: Runner, sql: string, params: unknown[] = []): Promise<T[]> {
  return updatedRows<T>(await runner.query(sql, params));
}
