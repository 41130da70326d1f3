import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { returning } from '../../common/sql.js';
import { Shipment, ShipmentEvent, ShipmentItem, type ShipmentState } from './bookdrift.entities.js';

export type ItemStatus = ShipmentItem['status'];

/** Shipments, the copies in each box and their state history (shipment, shipment_item, shipment_event). */
@Injectable()
export class ShipmentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(id: string, m: EntityManager = this.db.manager, lock = false): Promise<Shipment | null> {
    return m
      .getRepository(Shipment)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  ofCampaign(campaignId: string): Promise<Shipment[]> {
    return this.db.getRepository(Shipment).find({ where: { campaignId }, order: { round: 'ASC', createdAt: 'ASC' } });
  }

  /** What a school sends or receives, newest first. */
  ofSchool(schoolId: string, limit: number): Promise<Shipment[]> {
    return this.db
      .getRepository(Shipment)
      .createQueryBuilder('s')
      .where('(s.to_school_id = :id OR s.from_school_id = :id)', { id: schoolId })
      .orderBy('s.created_at', 'DESC')
      .take(limit)
      .getMany();
  }

  // ---- the campaign's progress

  /** The last round with (outbound, not cancelled) shipments; 0 before the first. */
  async shippedThrough(m: EntityManager, campaignId: string): Promise<number> {
    const r: { max: number | null }[] = await m.query(
      `SELECT max(round) AS max FROM shipment WHERE campaign_id = $1 AND NOT is_return AND state <> 'cancelled'`,
      [campaignId],
    );
    return Number(r[0]?.max ?? 0);
  }

  async roundPlanned(m: EntityManager, campaignId: string, round: number): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM shipment WHERE campaign_id = $1 AND round = $2 AND state <> 'cancelled'`,
      [campaignId, round],
    );
    return rows.length > 0;
  }

  async roundOpen(m: EntityManager, campaignId: string, round: number): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM shipment WHERE campaign_id = $1 AND round = $2 AND state IN ('planned','packed','in_transit')`,
      [campaignId, round],
    );
    return rows.length > 0;
  }

  /** Has the batch left its home (a shipment of it is or was on the road)? */
  async batchHasLeft(m: EntityManager, batchId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM shipment WHERE batch_id = $1 AND state IN ('in_transit','received','passed_on','returned_home')`,
      [batchId],
    );
    return rows.length > 0;
  }

  /** The school of the batch's last received shipment, or null before its first. */
  async batchLastStop(m: EntityManager, batchId: string): Promise<string | null> {
    const last: { to_school_id: string }[] = await m.query(
      `SELECT to_school_id FROM shipment WHERE batch_id = $1 AND state IN ('received','passed_on','returned_home')
       ORDER BY round DESC, created_at DESC LIMIT 1`,
      [batchId],
    );
    return last[0]?.to_school_id ?? null;
  }

  /** Where the copy's last shipment (not cancelled) took or takes it; null if it never shipped. */
  async lastDestinationOf(m: EntityManager, copyId: string): Promise<string | null> {
    const r: { to_school_id: string }[] = await m.query(
      `SELECT s.to_school_id FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id
       WHERE i.copy_id = $1 AND s.state <> 'cancelled' ORDER BY s.round DESC, s.created_at DESC LIMIT 1`,
      [copyId],
    );
    return r[0]?.to_school_id ?? null;
  }

  /** Every copy received in the campaign: where and in which round. */
  receiptsOfCampaign(
    campaignId: string,
  ): Promise<{ copy_id: string; to_school_id: string; round: number; is_return: boolean }[]> {
    return this.db.query(
      `SELECT i.copy_id, s.to_school_id, s.round, s.is_return FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id
       WHERE s.campaign_id = $1 AND i.status = 'received'`,
      [campaignId],
    );
  }

  // ---- state changes

  /** New shipments, planned, with their first history entry. */
  async createPlanned(m: EntityManager, rows: Partial<Shipment>[], actorId: string): Promise<Shipment[]> {
    if (!rows.length) return [];
    const repo = m.getRepository(Shipment);
    const saved = await repo.save(rows.map((r) => repo.create(r)));
    for (const s of saved)
      await m.getRepository(ShipmentEvent).insert({ shipmentId: s.id, fromState: '', toState: 'planned', actorId });
    return saved;
  }

  async transition(m: EntityManager, s: Shipment, to: ShipmentState, actorId: string): Promise<void> {
    await m.getRepository(ShipmentEvent).insert({ shipmentId: s.id, fromState: s.state, toState: to, actorId });
    await m.query(`UPDATE shipment SET state = $2, version = version + 1 WHERE id = $1`, [s.id, to]);
    s.state = to;
  }

  /** The shipment that brought the batch to `schoolId` and has not been passed on yet (locked). */
  previousStop(m: EntityManager, batchId: string, schoolId: string): Promise<Shipment | null> {
    return m.getRepository(Shipment).findOne({
      where: { batchId, toSchoolId: schoolId, state: 'received' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** A cancelled shipment gives the sender the batch back: its arrival there counts as received again. */
  async reopenArrival(m: EntityManager, batchId: string, schoolId: string): Promise<void> {
    await m.query(`UPDATE shipment SET state = 'received' WHERE batch_id = $1 AND to_school_id = $2 AND state = 'passed_on'`, [
      batchId,
      schoolId,
    ]);
  }

  // ---- the box

  async fillBox(m: EntityManager, shipmentId: string, copyIds: string[]): Promise<void> {
    await m.query(`DELETE FROM shipment_item WHERE shipment_id = $1`, [shipmentId]);
    await m.query(`INSERT INTO shipment_item (shipment_id, copy_id) SELECT $1, unnest($2::uuid[])`, [shipmentId, copyIds]);
  }

  async boxedCopyIds(m: EntityManager, shipmentId: string): Promise<string[]> {
    const items: { copy_id: string }[] = await m.query(`SELECT copy_id FROM shipment_item WHERE shipment_id = $1`, [shipmentId]);
    return items.map((i) => i.copy_id);
  }

  async takeOut(m: EntityManager, shipmentId: string, copyIds: string[]): Promise<void> {
    await m.query(`DELETE FROM shipment_item WHERE shipment_id = $1 AND copy_id = ANY($2::uuid[])`, [shipmentId, copyIds]);
  }

  item(m: EntityManager, shipmentId: string, copyId: string): Promise<ShipmentItem | null> {
    return m.getRepository(ShipmentItem).findOneBy({ shipmentId, copyId });
  }

  async markReceived(m: EntityManager, shipmentId: string, copyId: string, by: string): Promise<void> {
    await m.query(
      `UPDATE shipment_item SET status = 'received', scanned_at = now(), scanned_by = $3 WHERE shipment_id = $1 AND copy_id = $2`,
      [shipmentId, copyId, by],
    );
  }

  /** Closing the check: every copy not scanned is missing. Returns their ids. */
  async markUnscannedMissing(m: EntityManager, shipmentId: string): Promise<string[]> {
    const rows = await returning<{ copy_id: string }>(
      m,
      `UPDATE shipment_item SET status = 'missing' WHERE shipment_id = $1 AND status = 'expected' RETURNING copy_id`,
      [shipmentId],
    );
    return rows.map((r) => r.copy_id);
  }

  /** Copies per status, for each shipment. */
  async itemCounts(
    shipmentIds: string[],
    m: EntityManager = this.db.manager,
  ): Promise<(id: string, status?: ItemStatus) => number> {
    const counts: { shipment_id: string; status: string; n: string }[] = shipmentIds.length
      ? await m.query(
          `SELECT shipment_id, status, count(*) n FROM shipment_item WHERE shipment_id = ANY($1::uuid[]) GROUP BY 1, 2`,
          [shipmentIds],
        )
      : [];
    return (id, status) =>
      counts.filter((c) => c.shipment_id === id && (!status || c.status === status)).reduce((a, c) => a + Number(c.n), 0);
  }

  /** The box's copies with their titles, by title. */
  items(
    shipmentId: string,
  ): Promise<{ copy_id: string; drift_code: string; title: string; status: ItemStatus; scanned_at: Date | null }[]> {
    return this.db.query(
      `SELECT i.copy_id, c.drift_code, t.title, i.status, i.scanned_at FROM shipment_item i
         JOIN book_copy c ON c.id = i.copy_id JOIN book_title t ON t.id = c.title_id
         WHERE i.shipment_id = $1 ORDER BY t.title, c.drift_code`,
      [shipmentId],
    );
  }

  history(shipmentId: string): Promise<{ from_state: string; to_state: string; actor_id: string | null; at: Date }[]> {
    return this.db.query(`SELECT from_state, to_state, actor_id, at FROM shipment_event WHERE shipment_id = $1 ORDER BY id`, [
      shipmentId,
    ]);
  }
}
