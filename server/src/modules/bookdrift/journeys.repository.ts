import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { returning } from '../../common/sql.js';
import { CopyEvent, type CopyState } from './bookdrift.entities.js';

/** What happened to a copy, where, in which shipment and by whom. */
export interface CopyEventFacts {
  kind: string;
  schoolId?: string | null;
  shipmentId?: string | null;
  actorId?: string | null;
  /** what staff typed, or a `bookdrift.event.*` message key for notes the system writes */
  note?: string;
}

export interface CopyEventRow {
  kind: string;
  school_id: string | null;
  actor_id: string | null;
  note: string;
  at: Date;
}

/**
 * Copies on their way through a campaign (book_copy's batch, place and state) and the journal
 * of every change (copy_event).
 */
@Injectable()
export class JourneysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ---- the journal

  async record(m: EntityManager, copyId: string, e: CopyEventFacts): Promise<void> {
    await m.getRepository(CopyEvent).insert({ copyId, ...e });
  }

  /** The same event for many copies, in one statement. */
  async recordAll(m: EntityManager, copyIds: string[], e: CopyEventFacts): Promise<void> {
    if (!copyIds.length) return;
    await m.query(
      `INSERT INTO copy_event (copy_id, kind, school_id, shipment_id, actor_id, note)
       SELECT unnest($1::uuid[]), $2, $3::uuid, $4::uuid, $5::uuid, $6`,
      [copyIds, e.kind, e.schoolId ?? null, e.shipmentId ?? null, e.actorId ?? null, e.note ?? ''],
    );
  }

  events(copyId: string): Promise<CopyEventRow[]> {
    return this.db.query(`SELECT kind, school_id, actor_id, note, at FROM copy_event WHERE copy_id = $1 ORDER BY id`, [copyId]);
  }

  // ---- batches

  async countByBatch(batchIds: string[]): Promise<Map<string, number>> {
    const rows: { batch_id: string; n: string }[] = batchIds.length
      ? await this.db.query(`SELECT batch_id, count(*) n FROM book_copy WHERE batch_id = ANY($1::uuid[]) GROUP BY batch_id`, [
          batchIds,
        ])
      : [];
    return new Map(rows.map((r) => [r.batch_id, Number(r.n)]));
  }

  async setBatch(m: EntityManager, batchId: string, copyIds: string[]): Promise<void> {
    await m.query(`UPDATE book_copy SET batch_id = NULL WHERE batch_id = $1`, [batchId]);
    if (copyIds.length) await m.query(`UPDATE book_copy SET batch_id = $1 WHERE id = ANY($2::uuid[])`, [batchId, copyIds]);
  }

  /** Home again: the copies of the batch that are at `schoolId` leave it. */
  async releaseBatchAt(m: EntityManager, batchId: string, schoolId: string): Promise<void> {
    await m.query(`UPDATE book_copy SET batch_id = NULL WHERE batch_id = $1 AND location_school_id = $2`, [batchId, schoolId]);
  }

  /** Batches of the campaign with a copy that can still travel (on the shelf or drifting). */
  async batchesWithCopies(m: EntityManager, campaignId: string): Promise<Set<string>> {
    const rows: { batch_id: string }[] = await m.query(
      `SELECT DISTINCT batch_id FROM book_copy WHERE batch_id IN (SELECT id FROM campaign_batch WHERE campaign_id = $1)
         AND state IN ('on_shelf','drifting')`,
      [campaignId],
    );
    return new Set(rows.map((r) => r.batch_id));
  }

  /** Copies of the campaign: in its batches now, or shipped in it. */
  copiesOfCampaign(campaignId: string): Promise<{ id: string; state: CopyState; school_id: string }[]> {
    return this.db.query(
      `SELECT DISTINCT c.id, c.state, c.school_id FROM book_copy c
       WHERE c.batch_id IN (SELECT id FROM campaign_batch WHERE campaign_id = $1)
          OR c.id IN (SELECT i.copy_id FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id WHERE s.campaign_id = $1)`,
      [campaignId],
    );
  }

  // ---- moves

  /** The batch's copies at `schoolId` that can travel, locked: what goes into the box. */
  async packable(m: EntityManager, batchId: string, schoolId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM book_copy WHERE batch_id = $1 AND location_school_id = $2 AND state IN ('on_shelf','drifting') FOR UPDATE`,
      [batchId, schoolId],
    );
    return rows.map((r) => r.id);
  }

  /** Those of the copies still at `fromSchoolId` go on the road in the shipment; returns their ids. */
  async putOnTheRoad(m: EntityManager, copyIds: string[], shipmentId: string, fromSchoolId: string): Promise<string[]> {
    const rows = await returning<{ id: string }>(
      m,
      `UPDATE book_copy SET state = 'drifting', location_school_id = NULL, shipment_id = $2, version = version + 1
       WHERE id = ANY($1::uuid[]) AND location_school_id = $3 AND state IN ('on_shelf','drifting') RETURNING id`,
      [copyIds, shipmentId, fromSchoolId],
    );
    return rows.map((r) => r.id);
  }

  /** Scanned at `schoolId`: on the shelf at home, drifting elsewhere. */
  async arrive(m: EntityManager, copyId: string, schoolId: string, home: boolean): Promise<void> {
    await m.query(
      `UPDATE book_copy SET state = $2, location_school_id = $3, shipment_id = NULL, missing_since = NULL, version = version + 1 WHERE id = $1`,
      [copyId, home ? 'on_shelf' : 'drifting', schoolId],
    );
  }

  async markMissing(m: EntityManager, copyIds: string[], shipmentId: string): Promise<void> {
    await m.query(
      `UPDATE book_copy SET state = 'missing', shipment_id = NULL, location_school_id = NULL, missing_since = now(), version = version + 1
       WHERE id = ANY($1::uuid[]) AND shipment_id = $2`,
      [copyIds, shipmentId],
    );
  }

  /** A cancelled shipment's copies are back at the sender; returns their ids. */
  async backToSender(m: EntityManager, shipmentId: string, senderId: string): Promise<string[]> {
    const rows = await returning<{ id: string }>(
      m,
      `UPDATE book_copy SET location_school_id = $2, shipment_id = NULL,
         state = CASE WHEN school_id = $2 THEN 'on_shelf' ELSE 'drifting' END, version = version + 1
       WHERE shipment_id = $1 RETURNING id`,
      [shipmentId, senderId],
    );
    return rows.map((r) => r.id);
  }

  /** Copies missing longer than their campaign allows become lost; returns their ids. */
  async losePastDeadline(m: EntityManager): Promise<string[]> {
    const rows = await returning<{ id: string }>(
      m,
      `UPDATE book_copy c SET state = 'lost', version = c.version + 1
       FROM campaign_batch b JOIN drift_campaign d ON d.id = b.campaign_id
       WHERE c.batch_id = b.id AND c.state = 'missing'
         AND c.missing_since < now() - make_interval(days => d.missing_days)
       RETURNING c.id`,
    );
    return rows.map((r) => r.id);
  }
}
