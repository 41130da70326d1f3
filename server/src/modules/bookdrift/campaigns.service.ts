import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { registerMessages } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { User } from '../identity/identity.entities.js';
import { JobsService } from '../jobs/jobs.service.js';
import { MISSING_SWEEP_QUEUE } from './bookdrift.jobs.js';
import { School } from '../organizations/organization.entities.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import {
  BookCopy,
  BookTitle,
  CampaignBatch,
  CampaignLeg,
  CampaignSchool,
  CopyEvent,
  DriftCampaign,
  Shipment,
  ShipmentEvent,
  ShipmentItem,
  type ShipmentState,
} from './bookdrift.entities.js';
import type {
  CampaignView,
  CreateCampaignDto,
  LegDto,
  ScanResultView,
  ShipmentDetailView,
  ShipmentView,
  WhereView,
} from './bookdrift.dto.js';
import { formatDriftCode, normaliseDriftCode } from './drift-code.js';
import { checkSchedule, lastRound, planRotation, relink, withLateSchool, withoutSchool, type Leg } from './scheduler.js';

registerMessages({
  'bookdrift.campaignNotFound': { zh: '漂流活动不存在', en: 'Campaign not found' },
  'bookdrift.schoolsOutsideGroup': {
    zh: '参与学校必须都属于同一个教育集团',
    en: 'All participating schools must belong to one education group',
  },
  'bookdrift.duplicateSchools': { zh: '参与学校有重复', en: 'A school is listed twice' },
  'bookdrift.scheduleInvalid': {
    zh: '轮换安排不合规：第 {round} 轮 {problem}',
    en: 'The rotation breaks a rule in round {round}: {problem}',
  },
  'bookdrift.scheduleLocked': {
    zh: '第 {round} 轮及之前的运单已生成，只能调整之后的轮次',
    en: 'Shipments exist up to round {round}; only later rounds can be changed',
  },
  'bookdrift.schoolNotInCampaign': { zh: '该学校未参加此活动', en: 'That school is not in this campaign' },
  'bookdrift.schoolAlreadyInCampaign': { zh: '该学校已参加此活动', en: 'That school is already in this campaign' },
  'bookdrift.batchCopyInvalid': {
    zh: '《{title}》不能加入漂流批次：须为本校已共享、在架且未加入其他活动的图书',
    en: '"{title}" cannot join the batch: it must be a shared copy of the school, on the shelf and in no other campaign',
  },
  'bookdrift.batchLocked': { zh: '该批次已经出发，不能再修改', en: 'This batch has already left; it can no longer change' },
  'bookdrift.roundOutOfRange': { zh: '轮次 {round} 不在本活动范围内', en: 'Round {round} is not part of this campaign' },
  'bookdrift.roundAlreadyPlanned': { zh: '第 {round} 轮的运单已生成', en: 'Shipments for round {round} already exist' },
  'bookdrift.previousRoundOpen': {
    zh: '上一轮还有运单未签收，不能安排下一轮',
    en: 'Shipments of the previous round are not received yet',
  },
  'bookdrift.shipmentNotFound': { zh: '运单不存在', en: 'Shipment not found' },
  'bookdrift.shipmentState': {
    zh: '运单当前状态为“{state}”，不能执行此操作',
    en: 'The shipment is {state}; this step is not possible now',
  },
  'bookdrift.alreadyReceived': { zh: '该运单已签收过了，无需重复签收', en: 'This shipment has already been received' },
  'bookdrift.notSender': { zh: '只有寄出学校的管理员可以执行此操作', en: 'Only the sending school’s admin can do this' },
  'bookdrift.notReceiver': { zh: '只有收书学校的管理员可以签收', en: 'Only the receiving school’s admin can receive it' },
  'bookdrift.codeInvalid': {
    zh: '“{code}”不是有效的漂流码（8 位，如 ABCD-EFGH，请检查是否输错）',
    en: '"{code}" is not a valid drift code (8 characters like ABCD-EFGH; check for typos)',
  },
  'bookdrift.codeUnknown': { zh: '漂流码 {code} 不存在', en: 'No copy has drift code {code}' },
  'bookdrift.otherCampaign': {
    zh: '《{title}》（{code}）属于另一个漂流活动，不在这个运单里',
    en: '"{title}" ({code}) belongs to another drift campaign, not this shipment',
  },
  'bookdrift.wrongSchool': {
    zh: '《{title}》（{code}）不在这个运单里，它应当送往：{school}',
    en: '"{title}" ({code}) is not in this shipment; it should go to {school}',
  },
  'bookdrift.emptyBatch': { zh: '批次里没有可寄出的图书', en: 'The batch has no copies to send' },
});

/** `query()` answers an UPDATE … RETURNING with [rows, count]: this returns the rows. */
async function updateReturning<T>(m: EntityManager | DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const res = (await m.query(sql, params)) as unknown;
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number') return res[0] as T[];
  return res as T[];
}

const STATE_ZH: Record<string, string> = {
  planned: '待打包',
  packed: '已打包',
  in_transit: '运输中',
  received: '已签收',
  passed_on: '已转出',
  returned_home: '已归还',
  cancelled: '已取消',
};
const PROBLEM_ZH: Record<string, string> = {
  two_batches_to_school: '同一所学校收到两批书',
  batch_moves_twice: '同一批书一轮内移动两次',
  batch_visits_home: '批次被送回了自己学校',
  batch_revisits_school: '批次重复到访同一所学校',
};

/** The job that turns copies missing past their campaign's deadline into lost ones. */
const MISSING_SWEEP_EVERY_MS = 3600_000;

@Injectable()
export class CampaignsService implements OnModuleInit {
  private readonly logger = new Logger('Bookdrift');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly orgs: OrganizationsService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.every(MISSING_SWEEP_QUEUE, MISSING_SWEEP_EVERY_MS, () => this.sweepMissing());
  }

  // ---------------------------------------------------------------- campaigns

  private async loadCampaign(p: Principal, id: string, m: EntityManager = this.db.manager): Promise<DriftCampaign> {
    const c = await m.getRepository(DriftCampaign).findOneBy({ id });
    if (!c || (p.role !== 'platform_admin' && !p.groupIds.includes(c.groupId)))
      throw AppError.notFound('bookdrift.campaignNotFound');
    return c;
  }

  private assertGroupAdmin(p: Principal, c: DriftCampaign) {
    if (p.role === 'platform_admin') return;
    if (p.role === 'group_admin' && p.groupIds.includes(c.groupId)) return;
    throw AppError.forbidden();
  }

  async create(p: Principal, dto: CreateCampaignDto): Promise<CampaignView> {
    if (new Set(dto.schoolIds).size !== dto.schoolIds.length) throw AppError.field('schoolIds', 'bookdrift.duplicateSchools');
    const groupId = p.role === 'group_admin' ? p.groupIds[0] : null;
    const memberships: { group_id: string; n: string }[] = await this.db.query(
      `SELECT group_id, count(*) AS n FROM group_membership WHERE school_id = ANY($1::uuid[]) GROUP BY group_id`,
      [dto.schoolIds],
    );
    const group = memberships.find((r) => Number(r.n) === dto.schoolIds.length && (!groupId || r.group_id === groupId));
    if (!group || (p.role === 'group_admin' && !p.groupIds.includes(group.group_id)))
      throw AppError.field('schoolIds', 'bookdrift.schoolsOutsideGroup');
    const legs = planRotation(dto.schoolIds, dto.rounds);
    const id = await this.db.transaction(async (m) => {
      const c = await m.getRepository(DriftCampaign).save(
        m.getRepository(DriftCampaign).create({
          groupId: group.group_id,
          name: dto.name,
          startDate: dto.startDate,
          roundWeeks: dto.roundWeeks,
          rounds: Math.max(1, lastRound(legs)),
          missingDays: dto.missingDays ?? 14,
          createdBy: p.userId,
        }),
      );
      await m.getRepository(CampaignSchool).insert(dto.schoolIds.map((schoolId) => ({ campaignId: c.id, schoolId })));
      await m.getRepository(CampaignBatch).insert(dto.schoolIds.map((schoolId) => ({ campaignId: c.id, schoolId })));
      await this.saveLegs(m, c.id, legs);
      return c.id;
    });
    return this.get(p, id);
  }

  private async saveLegs(m: EntityManager, campaignId: string, legs: Leg[], fromRound = 1) {
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

  async list(p: Principal): Promise<CampaignView[]> {
    const rows =
      p.role === 'platform_admin'
        ? await this.db.getRepository(DriftCampaign).find({ order: { startDate: 'DESC' } })
        : await this.db.getRepository(DriftCampaign).find({ where: { groupId: In(p.groupIds) }, order: { startDate: 'DESC' } });
    return Promise.all(rows.map((r) => this.get(p, r.id)));
  }

  async get(p: Principal, id: string): Promise<CampaignView> {
    const c = await this.loadCampaign(p, id);
    const members = await this.db.getRepository(CampaignSchool).findBy({ campaignId: id });
    const schools = new Map((await this.orgs.schoolsByIds(members.map((m) => m.schoolId))).map((s) => [s.id, s]));
    const batches = await this.db.getRepository(CampaignBatch).findBy({ campaignId: id });
    const counts: { batch_id: string; n: string }[] = batches.length
      ? await this.db.query(`SELECT batch_id, count(*) n FROM book_copy WHERE batch_id = ANY($1::uuid[]) GROUP BY batch_id`, [
          batches.map((b) => b.id),
        ])
      : [];
    const legs = await this.db.getRepository(CampaignLeg).find({ where: { campaignId: id }, order: { round: 'ASC' } });
    const shipments = await this.db
      .getRepository(Shipment)
      .find({ where: { campaignId: id }, order: { round: 'ASC', createdAt: 'ASC' } });
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
            batchCopies: Number(counts.find((x) => x.batch_id === b?.id)?.n ?? 0),
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      legs: legs.map((l) => ({
        round: l.round,
        batchSchoolId: l.batchSchoolId,
        fromSchoolId: l.fromSchoolId,
        toSchoolId: l.toSchoolId,
      })),
      shipments: await this.shipmentViews(shipments),
    };
  }

  private async shippedThrough(m: EntityManager, campaignId: string): Promise<number> {
    const r: { max: number | null }[] = await m.query(
      `SELECT max(round) AS max FROM shipment WHERE campaign_id = $1 AND NOT is_return AND state <> 'cancelled'`,
      [campaignId],
    );
    return Number(r[0]?.max ?? 0);
  }

  /** An admin's adjustment of the rounds not shipped yet; the rules are checked on the whole plan. */
  async adjustSchedule(p: Principal, id: string, legs: LegDto[]): Promise<CampaignView> {
    await this.db.transaction(async (m) => {
      const c = await this.loadCampaign(p, id, m);
      this.assertGroupAdmin(p, c);
      await m.query(`SELECT id FROM drift_campaign WHERE id = $1 FOR UPDATE`, [id]);
      const shipped = await this.shippedThrough(m, id);
      const minRound = Math.min(...legs.map((l) => l.round), Infinity);
      if (minRound <= shipped) throw AppError.conflict('bookdrift.scheduleLocked', { round: shipped });
      const members = new Set((await m.getRepository(CampaignSchool).findBy({ campaignId: id })).map((s) => s.schoolId));
      for (const l of legs)
        if (!members.has(l.batchSchoolId) || !members.has(l.toSchoolId))
          throw AppError.badRequest('bookdrift.schoolNotInCampaign');
      const kept = (await m.getRepository(CampaignLeg).findBy({ campaignId: id }))
        .filter((l) => l.round <= shipped)
        .map((l) => ({ round: l.round, batch: l.batchSchoolId, from: l.fromSchoolId, to: l.toSchoolId }));
      const all = relink([...kept, ...legs.map((l) => ({ round: l.round, batch: l.batchSchoolId, from: '', to: l.toSchoolId }))]);
      this.assertValid(all);
      await this.saveLegs(m, id, all, shipped + 1);
      await m.update(DriftCampaign, { id }, { rounds: Math.max(shipped, lastRound(all)) });
    });
    return this.get(p, id);
  }

  private assertValid(legs: Leg[]) {
    const problems = checkSchedule(legs);
    if (problems.length)
      throw AppError.badRequest('bookdrift.scheduleInvalid', { round: problems[0].round, problem: PROBLEM_ZH[problems[0].kind] });
  }

  /** A school joins late (its visits are fitted in, others unchanged) or leaves (its batch goes home). */
  async changeMembership(p: Principal, id: string, schoolId: string, fromRound: number, join: boolean): Promise<CampaignView> {
    await this.db.transaction(async (m) => {
      const c = await this.loadCampaign(p, id, m);
      this.assertGroupAdmin(p, c);
      await m.query(`SELECT id FROM drift_campaign WHERE id = $1 FOR UPDATE`, [id]);
      const shipped = await this.shippedThrough(m, id);
      if (fromRound <= shipped) throw AppError.conflict('bookdrift.scheduleLocked', { round: shipped });
      const members = await m.getRepository(CampaignSchool).findBy({ campaignId: id });
      const current = members.find((s) => s.schoolId === schoolId);
      const legs: Leg[] = (await m.getRepository(CampaignLeg).findBy({ campaignId: id })).map((l) => ({
        round: l.round,
        batch: l.batchSchoolId,
        from: l.fromSchoolId,
        to: l.toSchoolId,
      }));
      let next: Leg[];
      if (join) {
        if (current && current.leftRound === null) throw AppError.conflict('bookdrift.schoolAlreadyInCampaign');
        if (!p.groupSchoolIds.includes(schoolId) && p.role !== 'platform_admin')
          throw AppError.badRequest('bookdrift.schoolsOutsideGroup');
        const inGroup: unknown[] = await m.query(`SELECT 1 FROM group_membership WHERE group_id = $1 AND school_id = $2`, [
          c.groupId,
          schoolId,
        ]);
        if (!inGroup.length) throw AppError.badRequest('bookdrift.schoolsOutsideGroup');
        const active = members.filter((s) => s.leftRound === null).map((s) => s.schoolId);
        next = withLateSchool(legs, [...active, schoolId], schoolId, fromRound);
        if (current) await m.update(CampaignSchool, { campaignId: id, schoolId }, { leftRound: null, joinedRound: fromRound });
        else {
          await m.getRepository(CampaignSchool).insert({ campaignId: id, schoolId, joinedRound: fromRound });
          await m.getRepository(CampaignBatch).insert({ campaignId: id, schoolId });
        }
      } else {
        if (!current || current.leftRound !== null) throw AppError.badRequest('bookdrift.schoolNotInCampaign');
        next = withoutSchool(legs, schoolId, fromRound);
        await m.update(CampaignSchool, { campaignId: id, schoolId }, { leftRound: fromRound });
      }
      this.assertValid(next);
      await this.saveLegs(m, id, next, fromRound);
      await m.update(DriftCampaign, { id }, { rounds: Math.max(shipped, lastRound(next)) });
    });
    return this.get(p, id);
  }

  /** The school's batch: shared copies of its own library, on the shelf, in no other campaign. */
  async setBatch(p: Principal, id: string, schoolId: string, copyIds: string[]): Promise<CampaignView> {
    await this.db.transaction(async (m) => {
      await this.loadCampaign(p, id, m);
      this.orgs.assertAdministersSchool(p, schoolId);
      const batch = await m.getRepository(CampaignBatch).findOneBy({ campaignId: id, schoolId });
      if (!batch) throw AppError.badRequest('bookdrift.schoolNotInCampaign');
      const left: unknown[] = await m.query(
        `SELECT 1 FROM shipment WHERE batch_id = $1 AND state IN ('in_transit','received','passed_on','returned_home')`,
        [batch.id],
      );
      if (left.length) throw AppError.conflict('bookdrift.batchLocked');
      const copies = copyIds.length
        ? await m.getRepository(BookCopy).find({ where: { id: In(copyIds) }, lock: { mode: 'pessimistic_write' } })
        : [];
      const titles = new Map(
        (copies.length ? await m.getRepository(BookTitle).findBy({ id: In(copies.map((c) => c.titleId)) }) : []).map((t) => [
          t.id,
          t,
        ]),
      );
      for (const id2 of copyIds) {
        const c = copies.find((x) => x.id === id2);
        if (!c) throw AppError.notFound('bookdrift.copyNotFound');
        if (c.schoolId !== schoolId || !c.shared || c.state !== 'on_shelf' || (c.batchId && c.batchId !== batch.id))
          throw AppError.badRequest('bookdrift.batchCopyInvalid', { title: titles.get(c.titleId)?.title ?? '' });
      }
      await m.query(`UPDATE book_copy SET batch_id = NULL WHERE batch_id = $1`, [batch.id]);
      if (copyIds.length) await m.query(`UPDATE book_copy SET batch_id = $1 WHERE id = ANY($2::uuid[])`, [batch.id, copyIds]);
    });
    return this.get(p, id);
  }

  /**
   * Plans the shipments of a round (group admin): one per leg, from where the batch is now.
   * Round `rounds + 1` plans the trips home.
   */
  async planRound(p: Principal, id: string, round: number): Promise<ShipmentView[]> {
    const created = await this.db.transaction(async (m) => {
      const c = await this.loadCampaign(p, id, m);
      this.assertGroupAdmin(p, c);
      await m.query(`SELECT id FROM drift_campaign WHERE id = $1 FOR UPDATE`, [id]);
      if (round < 1 || round > c.rounds + 1) throw AppError.badRequest('bookdrift.roundOutOfRange', { round });
      const exists: unknown[] = await m.query(
        `SELECT 1 FROM shipment WHERE campaign_id = $1 AND round = $2 AND state <> 'cancelled'`,
        [id, round],
      );
      if (exists.length) throw AppError.conflict('bookdrift.roundAlreadyPlanned', { round });
      if (round > 1) {
        const open: unknown[] = await m.query(
          `SELECT 1 FROM shipment WHERE campaign_id = $1 AND round = $2 AND state IN ('planned','packed','in_transit')`,
          [id, round - 1],
        );
        if (open.length) throw AppError.conflict('bookdrift.previousRoundOpen');
      }
      // batches with nothing to send (no copies, or all lost) get no shipment
      const live: { batch_id: string }[] = await m.query(
        `SELECT DISTINCT batch_id FROM book_copy WHERE batch_id IN (SELECT id FROM campaign_batch WHERE campaign_id = $1)
           AND state IN ('on_shelf','drifting')`,
        [id],
      );
      const liveSet = new Set(live.map((x) => x.batch_id));
      const batches = (await m.getRepository(CampaignBatch).findBy({ campaignId: id })).filter((b) => liveSet.has(b.id));
      const rows: Partial<Shipment>[] = [];
      if (round <= c.rounds) {
        const legs = await m.getRepository(CampaignLeg).findBy({ campaignId: id, round });
        for (const l of legs) {
          const b = batches.find((x) => x.schoolId === l.batchSchoolId);
          if (b) rows.push({ campaignId: id, batchId: b.id, round, fromSchoolId: l.fromSchoolId, toSchoolId: l.toSchoolId });
        }
        // a batch whose school left goes home now
        const members = await m.getRepository(CampaignSchool).findBy({ campaignId: id });
        for (const mb of members.filter((x) => x.leftRound !== null && x.leftRound === round)) {
          const b = batches.find((x) => x.schoolId === mb.schoolId);
          if (!b) continue;
          const at = await this.batchLocation(m, b);
          if (at && at !== b.schoolId)
            rows.push({ campaignId: id, batchId: b.id, round, fromSchoolId: at, toSchoolId: b.schoolId, isReturn: true });
        }
      } else {
        for (const b of batches) {
          const at = await this.batchLocation(m, b);
          if (at && at !== b.schoolId)
            rows.push({ campaignId: id, batchId: b.id, round, fromSchoolId: at, toSchoolId: b.schoolId, isReturn: true });
        }
      }
      const saved = rows.length ? await m.getRepository(Shipment).save(rows.map((r) => m.getRepository(Shipment).create(r))) : [];
      for (const s of saved)
        await m.getRepository(ShipmentEvent).insert({ shipmentId: s.id, fromState: '', toState: 'planned', actorId: p.userId });
      return saved;
    });
    return this.shipmentViews(created);
  }

  /** Where a batch is: the school of its last received shipment, else its home. */
  private async batchLocation(m: EntityManager, b: CampaignBatch): Promise<string | null> {
    const last: { to_school_id: string; state: string }[] = await m.query(
      `SELECT to_school_id, state FROM shipment WHERE batch_id = $1 AND state IN ('received','passed_on','returned_home')
       ORDER BY round DESC, created_at DESC LIMIT 1`,
      [b.id],
    );
    return last[0]?.to_school_id ?? b.schoolId;
  }

  // ---------------------------------------------------------------- shipments

  async shipmentViews(rows: Shipment[]): Promise<ShipmentView[]> {
    if (!rows.length) return [];
    const schools = new Map(
      (await this.orgs.schoolsByIds([...new Set(rows.flatMap((s) => [s.fromSchoolId, s.toSchoolId]))])).map((s) => [
        s.id,
        s.name,
      ]),
    );
    const campaigns = new Map(
      (await this.db.getRepository(DriftCampaign).findBy({ id: In([...new Set(rows.map((r) => r.campaignId))]) })).map((c) => [
        c.id,
        c,
      ]),
    );
    const batches = new Map(
      (await this.db.getRepository(CampaignBatch).findBy({ id: In([...new Set(rows.map((r) => r.batchId))]) })).map((b) => [
        b.id,
        b,
      ]),
    );
    const counts: { shipment_id: string; status: string; n: string }[] = await this.db.query(
      `SELECT shipment_id, status, count(*) n FROM shipment_item WHERE shipment_id = ANY($1::uuid[]) GROUP BY 1, 2`,
      [rows.map((r) => r.id)],
    );
    const count = (id: string, status?: string) =>
      counts.filter((c) => c.shipment_id === id && (!status || c.status === status)).reduce((a, c) => a + Number(c.n), 0);
    return rows.map((s) => ({
      id: s.id,
      campaignId: s.campaignId,
      campaignName: campaigns.get(s.campaignId)?.name ?? '',
      round: s.round,
      isReturn: s.isReturn,
      batchSchoolId: batches.get(s.batchId)?.schoolId ?? '',
      fromSchoolId: s.fromSchoolId,
      fromSchoolName: schools.get(s.fromSchoolId) ?? '',
      toSchoolId: s.toSchoolId,
      toSchoolName: schools.get(s.toSchoolId) ?? '',
      state: s.state,
      expected: count(s.id),
      received: count(s.id, 'received'),
      missing: count(s.id, 'missing'),
    }));
  }

  /** Shipments a school sends or receives (school admins: their own school). */
  async listShipments(p: Principal, schoolId: string): Promise<ShipmentView[]> {
    if (!this.orgs.canAdministerSchool(p, schoolId)) throw AppError.forbidden();
    const rows = await this.db
      .getRepository(Shipment)
      .createQueryBuilder('s')
      .where('(s.to_school_id = :id OR s.from_school_id = :id)', { id: schoolId })
      .orderBy('s.created_at', 'DESC')
      .take(200)
      .getMany();
    return this.shipmentViews(rows);
  }

  private async loadShipment(p: Principal, id: string, m: EntityManager, lock = false): Promise<Shipment> {
    const s = await m
      .getRepository(Shipment)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!s || !(this.orgs.canAdministerSchool(p, s.fromSchoolId) || this.orgs.canAdministerSchool(p, s.toSchoolId)))
      throw AppError.notFound('bookdrift.shipmentNotFound');
    return s;
  }

  async shipmentDetail(p: Principal, id: string): Promise<ShipmentDetailView> {
    const s = await this.loadShipment(p, id, this.db.manager);
    const [view] = await this.shipmentViews([s]);
    const items: {
      copy_id: string;
      drift_code: string;
      title: string;
      status: 'expected' | 'received' | 'missing';
      scanned_at: Date | null;
    }[] = await this.db.query(
      `SELECT i.copy_id, c.drift_code, t.title, i.status, i.scanned_at FROM shipment_item i
         JOIN book_copy c ON c.id = i.copy_id JOIN book_title t ON t.id = c.title_id
         WHERE i.shipment_id = $1 ORDER BY t.title, c.drift_code`,
      [id],
    );
    const history: { from_state: string; to_state: string; display_name: string | null; at: Date }[] = await this.db.query(
      `SELECT e.from_state, e.to_state, u.display_name, e.at FROM shipment_event e LEFT JOIN app_user u ON u.id = e.actor_id
       WHERE e.shipment_id = $1 ORDER BY e.id`,
      [id],
    );
    return {
      ...view,
      items: items.map((i) => ({
        copyId: i.copy_id,
        driftCode: i.drift_code,
        title: i.title,
        status: i.status,
        scannedAt: i.scanned_at ? new Date(i.scanned_at).toISOString() : null,
      })),
      history: history.map((h) => ({
        fromState: h.from_state,
        toState: h.to_state,
        actor: h.display_name ?? '',
        at: new Date(h.at).toISOString(),
      })),
    };
  }

  private async transition(m: EntityManager, s: Shipment, to: ShipmentState, actorId: string) {
    await m.getRepository(ShipmentEvent).insert({ shipmentId: s.id, fromState: s.state, toState: to, actorId });
    await m.query(`UPDATE shipment SET state = $2, version = version + 1 WHERE id = $1`, [s.id, to]);
    s.state = to;
  }

  private requireState(s: Shipment, ...states: ShipmentState[]) {
    if (!states.includes(s.state)) throw AppError.conflict('bookdrift.shipmentState', { state: STATE_ZH[s.state] });
  }

  /** Sender packs: the batch's copies that are at the sending school go into the box. */
  async pack(p: Principal, id: string): Promise<ShipmentDetailView> {
    await this.db.transaction(async (m) => {
      const s = await this.loadShipment(p, id, m, true);
      if (!this.orgs.canAdministerSchool(p, s.fromSchoolId)) throw AppError.forbidden('bookdrift.notSender');
      this.requireState(s, 'planned');
      const copies: { id: string }[] = await m.query(
        `SELECT id FROM book_copy WHERE batch_id = $1 AND location_school_id = $2 AND state IN ('on_shelf','drifting') FOR UPDATE`,
        [s.batchId, s.fromSchoolId],
      );
      if (!copies.length) throw AppError.conflict('bookdrift.emptyBatch');
      await m.query(`DELETE FROM shipment_item WHERE shipment_id = $1`, [s.id]);
      await m.query(`INSERT INTO shipment_item (shipment_id, copy_id) SELECT $1, unnest($2::uuid[])`, [
        s.id,
        copies.map((c) => c.id),
      ]);
      await this.transition(m, s, 'packed', p.userId);
    });
    return this.shipmentDetail(p, id);
  }

  /** Sender hands the box over: its copies are in transit, the batch's previous stop is passed on. */
  async send(p: Principal, id: string): Promise<ShipmentDetailView> {
    await this.db.transaction(async (m) => {
      const s = await this.loadShipment(p, id, m, true);
      if (!this.orgs.canAdministerSchool(p, s.fromSchoolId)) throw AppError.forbidden('bookdrift.notSender');
      this.requireState(s, 'packed');
      const items: { copy_id: string }[] = await m.query(`SELECT copy_id FROM shipment_item WHERE shipment_id = $1`, [s.id]);
      const ids = items.map((i) => i.copy_id);
      const moved = await updateReturning<{ id: string }>(
        m,
        `UPDATE book_copy SET state = 'drifting', location_school_id = NULL, shipment_id = $2, version = version + 1
         WHERE id = ANY($1::uuid[]) AND location_school_id = $3 AND state IN ('on_shelf','drifting') RETURNING id`,
        [ids, s.id, s.fromSchoolId],
      );
      const movedSet = new Set(moved.map((x) => x.id));
      // copies that changed meanwhile (reported damaged, …) stay behind
      const stayed = ids.filter((x) => !movedSet.has(x));
      if (stayed.length)
        await m.query(`DELETE FROM shipment_item WHERE shipment_id = $1 AND copy_id = ANY($2::uuid[])`, [s.id, stayed]);
      if (!moved.length) throw AppError.conflict('bookdrift.emptyBatch');
      await m.query(
        `INSERT INTO copy_event (copy_id, kind, school_id, shipment_id, actor_id) SELECT unnest($1::uuid[]), 'sent', $2, $3, $4`,
        [[...movedSet], s.fromSchoolId, s.id, p.userId],
      );
      const previous = await m.getRepository(Shipment).findOne({
        where: { batchId: s.batchId, toSchoolId: s.fromSchoolId, state: 'received' },
        lock: { mode: 'pessimistic_write' },
      });
      if (previous) await this.transition(m, previous, 'passed_on', p.userId);
      await this.transition(m, s, 'in_transit', p.userId);
    });
    return this.shipmentDetail(p, id);
  }

  /**
   * The receiving librarian scans or types one code. Locks the shipment row, so two librarians
   * scanning at once are serialised; a copy is received once.
   */
  async scan(p: Principal, id: string, rawCode: string): Promise<ScanResultView> {
    const code = normaliseDriftCode(rawCode);
    if (!code) throw AppError.field('code', 'bookdrift.codeInvalid', { code: rawCode.slice(0, 40) });
    return this.db.transaction(async (m) => {
      const s = await this.loadShipment(p, id, m, true);
      if (!this.orgs.canAdministerSchool(p, s.toSchoolId)) throw AppError.forbidden('bookdrift.notReceiver');
      this.requireState(s, 'in_transit', 'received', 'returned_home');
      const copy = await m.getRepository(BookCopy).findOne({ where: { driftCode: code }, lock: { mode: 'pessimistic_write' } });
      if (!copy) throw AppError.notFound('bookdrift.codeUnknown', { code: formatDriftCode(code) });
      const title = (await m.getRepository(BookTitle).findOneBy({ id: copy.titleId }))!.title;
      const item = await m.getRepository(ShipmentItem).findOneBy({ shipmentId: s.id, copyId: copy.id });
      if (!item) throw await this.misplaced(m, s, copy, title);
      const totals = async () => {
        const r: { status: string; n: string }[] = await m.query(
          `SELECT status, count(*) n FROM shipment_item WHERE shipment_id = $1 GROUP BY status`,
          [s.id],
        );
        return {
          received: Number(r.find((x) => x.status === 'received')?.n ?? 0),
          expected: r.reduce((a, x) => a + Number(x.n), 0),
        };
      };
      if (item.status === 'received') return { result: 'already_received' as const, driftCode: code, title, ...(await totals()) };
      const found = item.status === 'missing';
      const home = s.toSchoolId === copy.schoolId;
      await m.query(
        `UPDATE shipment_item SET status = 'received', scanned_at = now(), scanned_by = $3 WHERE shipment_id = $1 AND copy_id = $2`,
        [s.id, copy.id, p.userId],
      );
      await m.query(
        `UPDATE book_copy SET state = $2, location_school_id = $3, shipment_id = NULL, missing_since = NULL, version = version + 1 WHERE id = $1`,
        [copy.id, home ? 'on_shelf' : 'drifting', s.toSchoolId],
      );
      await m.getRepository(CopyEvent).insert({
        copyId: copy.id,
        kind: found ? 'found' : 'received',
        schoolId: s.toSchoolId,
        shipmentId: s.id,
        actorId: p.userId,
      });
      return { result: found ? ('found' as const) : ('received' as const), driftCode: code, title, ...(await totals()) };
    });
  }

  /** The error for a copy scanned into the wrong shipment: where it should go instead. */
  private async misplaced(m: EntityManager, s: Shipment, copy: BookCopy, title: string): Promise<AppError> {
    const batch = copy.batchId ? await m.getRepository(CampaignBatch).findOneBy({ id: copy.batchId }) : null;
    const code = formatDriftCode(copy.driftCode!);
    if (!batch || batch.campaignId !== s.campaignId) return AppError.badRequest('bookdrift.otherCampaign', { title, code });
    const target = await this.whereShouldItBe(m, copy);
    return AppError.conflict('bookdrift.wrongSchool', { title, code, school: target?.name ?? '—' });
  }

  private async whereShouldItBe(m: EntityManager, copy: BookCopy): Promise<School | null> {
    const r: { to_school_id: string }[] = await m.query(
      `SELECT s.to_school_id FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id
       WHERE i.copy_id = $1 AND s.state <> 'cancelled' ORDER BY s.round DESC, s.created_at DESC LIMIT 1`,
      [copy.id],
    );
    const id = r[0]?.to_school_id ?? copy.schoolId;
    return m.getRepository(School).findOneBy({ id });
  }

  /** "Where does this copy belong?" for any code scanned at a school. */
  async where(p: Principal, rawCode: string): Promise<WhereView> {
    const code = normaliseDriftCode(rawCode);
    if (!code) throw AppError.field('code', 'bookdrift.codeInvalid', { code: rawCode.slice(0, 40) });
    const copy = await this.db.getRepository(BookCopy).findOneBy({ driftCode: code });
    if (!copy || !(p.role === 'platform_admin' || p.groupSchoolIds.includes(copy.schoolId)))
      throw AppError.notFound('bookdrift.codeUnknown', { code: formatDriftCode(code) });
    const title = (await this.db.getRepository(BookTitle).findOneBy({ id: copy.titleId }))!.title;
    const target = await this.whereShouldItBe(this.db.manager, copy);
    const here = p.schoolId && target?.id === p.schoolId;
    return {
      driftCode: code,
      title,
      message: here ? `《${title}》应当在本校。` : `《${title}》应当送往：${target?.name ?? '—'}`,
      shouldGoToSchoolId: target?.id ?? null,
      shouldGoToSchoolName: target?.name ?? null,
    };
  }

  /** Receiver closes the check: copies not scanned are missing (lost after the campaign's deadline). */
  async completeReceipt(p: Principal, id: string): Promise<ShipmentDetailView> {
    await this.db.transaction(async (m) => {
      const s = await this.loadShipment(p, id, m, true);
      if (!this.orgs.canAdministerSchool(p, s.toSchoolId)) throw AppError.forbidden('bookdrift.notReceiver');
      if (s.state === 'received' || s.state === 'passed_on' || s.state === 'returned_home')
        throw AppError.conflict('bookdrift.alreadyReceived');
      this.requireState(s, 'in_transit');
      const missing = await updateReturning<{ copy_id: string }>(
        m,
        `UPDATE shipment_item SET status = 'missing' WHERE shipment_id = $1 AND status = 'expected' RETURNING copy_id`,
        [s.id],
      );
      const ids = missing.map((x) => x.copy_id);
      if (ids.length) {
        await m.query(
          `UPDATE book_copy SET state = 'missing', shipment_id = NULL, location_school_id = NULL, missing_since = now(), version = version + 1
           WHERE id = ANY($1::uuid[]) AND shipment_id = $2`,
          [ids, s.id],
        );
        await m.query(
          `INSERT INTO copy_event (copy_id, kind, school_id, shipment_id, actor_id, note)
           SELECT unnest($1::uuid[]), 'missing', $2, $3, $4, '签收时未扫描到'`,
          [ids, s.toSchoolId, s.id, p.userId],
        );
        await this.jobs.schedule(MISSING_SWEEP_QUEUE, Date.now(), m);
      }
      await this.transition(m, s, s.isReturn ? 'returned_home' : 'received', p.userId);
      if (s.isReturn)
        await m.query(`UPDATE book_copy SET batch_id = NULL WHERE batch_id = $1 AND location_school_id = $2`, [
          s.batchId,
          s.toSchoolId,
        ]);
    });
    return this.shipmentDetail(p, id);
  }

  /** Cancelled: copies already on the road go back to the sender. */
  async cancel(p: Principal, id: string): Promise<ShipmentDetailView> {
    await this.db.transaction(async (m) => {
      const s = await this.loadShipment(p, id, m, true);
      const c = await this.loadCampaign(p, s.campaignId, m);
      if (!this.orgs.canAdministerSchool(p, s.fromSchoolId) && !(p.role === 'group_admin' && p.groupIds.includes(c.groupId)))
        throw AppError.forbidden('bookdrift.notSender');
      this.requireState(s, 'planned', 'packed', 'in_transit');
      if (s.state === 'in_transit') {
        const back = await updateReturning<{ id: string; school_id: string }>(
          m,
          `UPDATE book_copy SET location_school_id = $2, shipment_id = NULL,
             state = CASE WHEN school_id = $2 THEN 'on_shelf' ELSE 'drifting' END, version = version + 1
           WHERE shipment_id = $1 RETURNING id, school_id`,
          [s.id, s.fromSchoolId],
        );
        if (back.length)
          await m.query(
            `INSERT INTO copy_event (copy_id, kind, school_id, shipment_id, actor_id) SELECT unnest($1::uuid[]), 'returned_to_sender', $2, $3, $4`,
            [back.map((b) => b.id), s.fromSchoolId, s.id, p.userId],
          );
        // the sender has the batch again
        await m.query(
          `UPDATE shipment SET state = 'received' WHERE batch_id = $1 AND to_school_id = $2 AND state = 'passed_on'`,
          [s.batchId, s.fromSchoolId],
        );
      }
      await this.transition(m, s, 'cancelled', p.userId);
    });
    return this.shipmentDetail(p, id);
  }

  /** Missing copies past their campaign's deadline become lost. Idempotent; run by the hourly job. */
  async sweepMissing(): Promise<number> {
    const lost = await this.db.transaction(async (m) => {
      const rows = await updateReturning<{ id: string }>(
        m,
        `UPDATE book_copy c SET state = 'lost', version = c.version + 1
         FROM campaign_batch b JOIN drift_campaign d ON d.id = b.campaign_id
         WHERE c.batch_id = b.id AND c.state = 'missing'
           AND c.missing_since < now() - make_interval(days => d.missing_days)
         RETURNING c.id`,
        [],
      );
      if (rows.length)
        await m.query(
          `INSERT INTO copy_event (copy_id, kind, note) SELECT unnest($1::uuid[]), 'lost', '缺失超过期限，记为丢失'`,
          [rows.map((r) => r.id)],
        );
      return rows.length;
    });
    if (lost) this.logger.log(`missing-copy sweep: ${lost} copies past their campaign's deadline marked lost`);
    return lost;
  }

  /** Display names for the journey (staff only). */
  async userNames(ids: string[]): Promise<Map<string, string>> {
    const users = ids.length ? await this.db.getRepository(User).findBy({ id: In(ids) }) : [];
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
