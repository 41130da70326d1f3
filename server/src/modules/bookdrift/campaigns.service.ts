import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { BookdriftAccess } from './bookdrift.access.js';
import type { CampaignLeg, DriftCampaign } from './bookdrift.entities.js';
import type { CampaignView, CreateCampaignDto, LegDto } from './campaigns.dto.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { JourneysRepository } from './journeys.repository.js';
import { checkSchedule, lastRound, planRotation, relink, withLateSchool, withoutSchool, type Leg } from './scheduler.js';
import { ShipmentViewsService } from './shipment-views.service.js';
import { ShipmentsRepository } from './shipments.repository.js';

const toLeg = (l: CampaignLeg): Leg => ({ round: l.round, batch: l.batchSchoolId, from: l.fromSchoolId, to: l.toSchoolId });

/** Drift campaigns: creating one, its rotation schedule, the schools taking part and their batches. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly shipments: ShipmentsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly journeys: JourneysRepository,
    private readonly shipmentViews: ShipmentViewsService,
    private readonly orgs: OrganizationsService,
    private readonly access: BookdriftAccess,
  ) {}

  /** The campaign if the caller's groups hold it, else not found. */
  async visible(p: Principal, id: string, m?: EntityManager): Promise<DriftCampaign> {
    const c = await this.campaigns.find(id, m);
    if (!c || !this.access.canSeeCampaign(p, c)) throw AppError.notFound('bookdrift.campaignNotFound');
    return c;
  }

  /** Opens a transaction on a campaign the caller manages, with its row locked. */
  private managed<T>(p: Principal, id: string, work: (m: EntityManager, c: DriftCampaign) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      const c = await this.visible(p, id, m);
      this.access.assertManagesCampaign(p, c);
      await this.campaigns.lock(m, id);
      return work(m, c);
    });
  }

  /** The one group holding every school (a group admin's own group), or null. */
  private async groupOfAll(p: Principal, schoolIds: string[]): Promise<string | null> {
    const wanted = this.access.groupForNewCampaign(p);
    const candidates = schoolIds.length ? await this.orgs.groupIdsOfSchool(schoolIds[0]) : [];
    for (const g of candidates.filter((x) => !wanted || x === wanted)) {
      const members = new Set(await this.orgs.schoolIdsOfGroups([g]));
      if (schoolIds.every((s) => members.has(s))) return this.access.mayPlanInGroup(p, g) ? g : null;
    }
    return null;
  }

  async create(p: Principal, dto: CreateCampaignDto): Promise<CampaignView> {
    if (new Set(dto.schoolIds).size !== dto.schoolIds.length) throw AppError.field('schoolIds', 'bookdrift.duplicateSchools');
    const groupId = await this.groupOfAll(p, dto.schoolIds);
    if (!groupId) throw AppError.field('schoolIds', 'bookdrift.schoolsOutsideGroup');
    const legs = planRotation(dto.schoolIds, dto.rounds);
    const id = await this.db.transaction(async (m) => {
      const c = await this.campaigns.create(m, {
        groupId,
        name: dto.name,
        startDate: dto.startDate,
        roundWeeks: dto.roundWeeks,
        rounds: Math.max(1, lastRound(legs)),
        missingDays: dto.missingDays ?? 14,
        createdBy: p.userId,
      });
      await this.campaigns.addSchools(m, c.id, dto.schoolIds);
      await this.campaigns.replaceLegs(m, c.id, legs);
      return c.id;
    });
    return this.get(p, id);
  }

  async list(p: Principal): Promise<CampaignView[]> {
    const rows = await this.campaigns.list(this.access.campaignGroups(p));
    return Promise.all(rows.map((r) => this.get(p, r.id)));
  }

  async get(p: Principal, id: string): Promise<CampaignView> {
    const c = await this.visible(p, id);
    const members = await this.campaigns.members(id);
    const schools = new Map((await this.orgs.schoolsByIds(members.map((m) => m.schoolId))).map((s) => [s.id, s]));
    const batches = await this.campaigns.batches(id);
    const counts = await this.journeys.countByBatch(batches.map((b) => b.id));
    const legs = await this.campaigns.legs(id);
    const shipments = await this.shipments.ofCampaign(id);
    return {
      id: c.id,
      groupId: c.groupId,
      name: c.name,
      startDate: c.startDate,
      roundWeeks: c.roundWeeks,
      rounds: c.rounds,
      missingDays: c.missingDays,
      schools: members
        .map((mb) => {
          const b = batches.find((x) => x.schoolId === mb.schoolId);
          return {
            schoolId: mb.schoolId,
            name: schools.get(mb.schoolId)?.name ?? '',
            locality: schools.get(mb.schoolId)?.locality ?? '',
            joinedRound: mb.joinedRound,
            leftRound: mb.leftRound,
            batchId: b?.id ?? null,
            batchCopies: (b && counts.get(b.id)) ?? 0,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      legs: legs.map((l) => ({
        round: l.round,
        batchSchoolId: l.batchSchoolId,
        fromSchoolId: l.fromSchoolId,
        toSchoolId: l.toSchoolId,
      })),
      shipments: await this.shipmentViews.views(shipments),
    };
  }

  /** An admin's adjustment of the rounds not shipped yet; the rules are checked on the whole plan. */
  async adjustSchedule(p: Principal, id: string, legs: LegDto[]): Promise<CampaignView> {
    await this.managed(p, id, async (m) => {
      const shipped = await this.shipments.shippedThrough(m, id);
      const minRound = Math.min(...legs.map((l) => l.round), Infinity);
      if (minRound <= shipped) throw AppError.conflict('bookdrift.scheduleLocked', { round: shipped });
      const members = new Set((await this.campaigns.members(id, m)).map((s) => s.schoolId));
      for (const l of legs)
        if (!members.has(l.batchSchoolId) || !members.has(l.toSchoolId))
          throw AppError.badRequest('bookdrift.schoolNotInCampaign');
      const kept = (await this.campaigns.legs(id, m)).filter((l) => l.round <= shipped).map(toLeg);
      const all = relink([...kept, ...legs.map((l) => ({ round: l.round, batch: l.batchSchoolId, from: '', to: l.toSchoolId }))]);
      await this.savePlan(m, id, all, shipped, shipped + 1);
    });
    return this.get(p, id);
  }

  /** Checks the rules on the whole plan, then stores its legs from `fromRound` on. */
  private async savePlan(m: EntityManager, id: string, legs: Leg[], shipped: number, fromRound: number) {
    const problems = checkSchedule(legs);
    if (problems.length) throw AppError.badRequest(`bookdrift.scheduleInvalid.${problems[0].kind}`, { round: problems[0].round });
    await this.campaigns.replaceLegs(m, id, legs, fromRound);
    await this.campaigns.setRounds(m, id, Math.max(shipped, lastRound(legs)));
  }

  /** A school joins late (its visits are fitted in, others unchanged) or leaves (its batch goes home). */
  async changeMembership(p: Principal, id: string, schoolId: string, fromRound: number, join: boolean): Promise<CampaignView> {
    await this.managed(p, id, async (m, c) => {
      const shipped = await this.shipments.shippedThrough(m, id);
      if (fromRound <= shipped) throw AppError.conflict('bookdrift.scheduleLocked', { round: shipped });
      const members = await this.campaigns.members(id, m);
      const current = members.find((s) => s.schoolId === schoolId);
      const legs = (await this.campaigns.legs(id, m)).map(toLeg);
      let next: Leg[];
      if (join) {
        if (current && current.leftRound === null) throw AppError.conflict('bookdrift.schoolAlreadyInCampaign');
        if (!this.access.reachesSchool(p, schoolId)) throw AppError.badRequest('bookdrift.schoolsOutsideGroup');
        if (!(await this.orgs.schoolIdsOfGroups([c.groupId])).includes(schoolId))
          throw AppError.badRequest('bookdrift.schoolsOutsideGroup');
        const active = members.filter((s) => s.leftRound === null).map((s) => s.schoolId);
        next = withLateSchool(legs, [...active, schoolId], schoolId, fromRound);
        if (current) await this.campaigns.setMembership(m, id, schoolId, { leftRound: null, joinedRound: fromRound });
        else await this.campaigns.addSchools(m, id, [schoolId], fromRound);
      } else {
        if (!current || current.leftRound !== null) throw AppError.badRequest('bookdrift.schoolNotInCampaign');
        next = withoutSchool(legs, schoolId, fromRound);
        await this.campaigns.setMembership(m, id, schoolId, { leftRound: fromRound });
      }
      await this.savePlan(m, id, next, shipped, fromRound);
    });
    return this.get(p, id);
  }

  /** The school's batch: shared copies of its own library, on the shelf, in no other campaign. */
  async setBatch(p: Principal, id: string, schoolId: string, copyIds: string[]): Promise<CampaignView> {
    await this.db.transaction(async (m) => {
      await this.visible(p, id, m);
      this.access.assertAdministers(p, schoolId);
      const batch = await this.campaigns.batchOf(m, id, schoolId);
      if (!batch) throw AppError.badRequest('bookdrift.schoolNotInCampaign');
      if (await this.shipments.batchHasLeft(m, batch.id)) throw AppError.conflict('bookdrift.batchLocked');
      const copies = await this.catalogue.lockCopies(m, copyIds);
      const titles = await this.catalogue.titlesByIds(
        copies.map((c) => c.titleId),
        m,
      );
      for (const copyId of copyIds) {
        const c = copies.find((x) => x.id === copyId);
        if (!c) throw AppError.notFound('bookdrift.copyNotFound');
        if (c.schoolId !== schoolId || !c.shared || c.state !== 'on_shelf' || (c.batchId && c.batchId !== batch.id))
          throw AppError.badRequest('bookdrift.batchCopyInvalid', { title: titles.get(c.titleId)?.title ?? '' });
      }
      await this.journeys.setBatch(m, batch.id, copyIds);
    });
    return this.get(p, id);
  }
}
