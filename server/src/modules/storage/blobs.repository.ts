import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { returning } from '../../common/sql.js';
import { Blob, type BlobKind } from './storage.entities.js';

/** Stored bytes under `key`, identified by their SHA-256, with the real type verification found. */
export interface BlobFacts {
  sha256: string;
  key: string;
  size: number;
  mime: string;
  kind: BlobKind;
  ext: string;
}

/** Every read and write of the `blob` table. `m` is the caller's transaction, if any. */
@Injectable()
export class BlobsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(id: string): Promise<Blob | null> {
    return this.db.getRepository(Blob).findOneBy({ id });
  }

  /**
   * Stores a blob with one reference, or, when the same bytes are already stored, adds a
   * reference to that one: the key returned is where the bytes live.
   */
  async addOrReference(m: EntityManager, b: BlobFacts): Promise<{ id: string; key: string }> {
    const [row] = await returning<{ id: string; key: string }>(
      m,
      `INSERT INTO blob (sha256, key, size, mime, kind, ext, ref_count) VALUES ($1, $2, $3, $4, $5, $6, 1)
       ON CONFLICT (sha256) DO UPDATE SET ref_count = blob.ref_count + 1
       RETURNING id, key`,
      [b.sha256, b.key, b.size, b.mime, b.kind, b.ext],
    );
    return row;
  }

  /** One more reference; false when there is no such blob. */
  async addRef(m: EntityManager, id: string): Promise<boolean> {
    const rows = await returning(m, `UPDATE blob SET ref_count = ref_count + 1 WHERE id=$1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  /** One reference fewer (never below zero); null when there is no such blob. */
  async dropRef(m: EntityManager, id: string): Promise<{ refCount: number; key: string } | null> {
    const rows = await returning<{ ref_count: number; key: string }>(
      m,
      `UPDATE blob SET ref_count = GREATEST(ref_count - 1, 0) WHERE id=$1 RETURNING ref_count, key`,
      [id],
    );
    return rows.length ? { refCount: Number(rows[0].ref_count), key: rows[0].key } : null;
  }

  /** Deletes the blob if nobody references it; gives its key when it did. */
  async deleteUnreferenced(id: string): Promise<string | null> {
    const rows = await returning<{ key: string }>(this.db.manager, `DELETE FROM blob WHERE id=$1 AND ref_count=0 RETURNING key`, [
      id,
    ]);
    return rows.length ? String(rows[0].key) : null;
  }

  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM blob WHERE id=$1`, [id]);
    return rows.length > 0;
  }

  /** Blobs nobody references, older than five minutes (younger ones may be about to be claimed). */
  unreferenced(): Promise<{ id: string; key: string }[]> {
    return this.db.query(`SELECT id, key FROM blob WHERE ref_count = 0 AND created_at < now() - interval '5 minutes' LIMIT 500`);
  }
}
