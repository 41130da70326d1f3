import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CampaignBatch, CampaignLeg, CampaignSchool, DriftCampaign } from './bookdrift.entities.js';
import type { Leg } from './scheduler.js';

/** Campaigns, their schools, batches and planned legs (drift_campaign, campaign_school, campaign_batch, campaign_leg). */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(id: string, m: EntityManager = this.db.manager): Promise<DriftCampaign | null> {
    return m.getRepository(DriftCampaign).findOneBy({ id });
  }

  /** Serialises changes to one campaign's plan. */
  async lock(m: EntityManager, id: string): Promise<void> {
    await m.query(`SELECT id FROM drift_campaign WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Newest first; `groupIds` null for every group. */
  list(groupIds: string[] | null): Promise<DriftCampaign[]> {
    return this.db.getRepository(DriftCampaign).find({
      ...(groupIds ? { where: { groupId: In(groupIds) } } : {}),
      order: { startDate: 'DESC' },
    });
  }

  async byIds(ids: string[]): Promise<Map<string, DriftCampaign>> {
    const rows = ids.length ? await this.db.getRepository(DriftCampaign).findBy({ id: In(ids) }) : [];
    return new Map(rows.map((c) => [c.id, c]));
  }

  create(m: EntityManager, fields: Omit<DriftCampaign, 'id' | 'createdAt'>): Promise<DriftCampaign> {
    const repo = m.getRepository(DriftCampaign);
    return repo.save(repo.create(fields));
  }

  async setRounds(m: EntityManager, id: string, rounds: number): Promise<void> {
    await m.update(DriftCampaign, { id }, { rounds });
  }

  // ---- participating schools and their batches

  members(campaignId: string, m: EntityManager = this.db.manager): Promise<CampaignSchool[]> {
    return m.getRepository(CampaignSchool).findBy({ campaignId });
  }

  /** Schools join with a batch of their own. */
  async addSchools(m: EntityManager, campaignId: string, schoolIds: string[], joinedRound?: number): Promise<void> {
    await m.getRepository(CampaignSchool).insert(schoolIds.map((schoolId) => ({ campaignId, schoolId, joinedRound })));
    await m.getRepository(CampaignBatch).insert(schoolIds.map((schoolId) => ({ campaignId, schoolId })));
  }

  async setMembership(
    m: EntityManager,
    campaignId: string,
    schoolId: string,
    change: Partial<Pick<CampaignSchool, 'joinedRound' | 'leftRound'>>,
  ): Promise<void> {
    await m.update(CampaignSchool, { campaignId, schoolId }, change);
  }

  batches(campaignId: string, m: EntityManager = this.db.manager): Promise<CampaignBatch[]> {
    return m.getRepository(CampaignBatch).findBy({ campaignId });
  }

  batchOf(m: EntityManager, campaignId: string, schoolId: string): Promise<CampaignBatch | null> {
    return m.getRepository(CampaignBatch).findOneBy({ campaignId, schoolId });
  }

  batch(m: EntityManager, id: string): Promise<CampaignBatch | null> {
    return m.getRepository(CampaignBatch).findOneBy({ id });
  }

  async batchesByIds(ids: string[]): Promise<Map<string, CampaignBatch>> {
    const rows = ids.length ? await this.db.getRepository(CampaignBatch).findBy({ id: In(ids) }) : [];
    return new Map(rows.map((b) => [b.id, b]));
  }

  // ---- the rotation

  /** The planned legs, by round (of one round when given). */
  async legs(campaignId: string, m: EntityManager = this.db.manager, round?: number): Promise<CampaignLeg[]> {
    return m
      .getRepository(CampaignLeg)
      .find({ where: { campaignId, ...(round === undefined ? {} : { round }) }, order: { round: 'ASC' } });
  }

  /** Replaces the legs from `fromRound` on with those of `legs`. */
  async replaceLegs(m: EntityManager, campaignId: string, legs: Leg[], fromRound = 1): Promise<void> {
    await m.query(`DELETE FROM campaign_leg WHERE campaign_id = $1 AND round >= $2`, [campaignId, fromRound]);
    const keep = legs.filter((l) => l.round >= fromRound);
    for (let i = 0; i < keep.length; i += 1000)
      await m.getRepository(CampaignLeg).insert(
        keep.slice(i, i + 1000).map((l) => ({
          campaignId,
          round: l.round,
          batchSchoolId: l.batch,
          fromSchoolId: l.from,
          toSchoolId: l.to,
        })),
      );
  }
}
