import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** serialises outbox batches across workers, so an older load never overwrites a newer one */
const DRAIN_LOCK = 727_301;

export interface OutboxRow {
  id: string;
  index_name: string;
  doc_id: string;
}

/** The indexing outbox: rows written with the owner's change, taken batch by batch by the drain job. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Marks documents for (re)indexing, in the caller's transaction. */
  async add(manager: EntityManager, index: string, docIds: string[]): Promise<void> {
    await manager.query(`INSERT INTO search_outbox (index_name, doc_id) SELECT $1, unnest($2::text[])`, [index, docIds]);
  }

  /**
   * Runs `work` on the oldest batch of rows for these indexes, holding the drain lock; the rows are
   * deleted in the same transaction once `work` has succeeded, so a crash or an engine error leaves
   * them for the retry. Returns how many rows the batch held.
   */
  takeBatch(indexes: string[], limit: number, work: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [DRAIN_LOCK]);
      const rows: OutboxRow[] = await m.query(
        `SELECT id, index_name, doc_id FROM search_outbox WHERE index_name = ANY($1::text[]) ORDER BY id LIMIT $2`,
        [indexes, limit],
      );
      if (!rows.length) return 0;
      await work(rows);
      await m.query(`DELETE FROM search_outbox WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  async hasPending(indexes: string[]): Promise<boolean> {
    const rows: { pending: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM search_outbox WHERE index_name = ANY($1::text[])) AS pending`,
      [indexes],
    );
    return rows[0]?.pending ?? false;
  }
}
