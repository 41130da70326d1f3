import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { JobsService } from '../jobs/jobs.service.js';
import type { School } from '../organizations/organization.entities.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { BookdriftAccess } from './bookdrift.access.js';
import type { BookCopy, Shipment, ShipmentState } from './bookdrift.entities.js';
import type { ScanResultView, ShipmentDetailView } from './shipments.dto.js';
import { MISSING_SWEEP_QUEUE } from './bookdrift.jobs.js';
import type { CopyWhereabouts } from './bookdrift.present.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { driftCodeOf, formatDriftCode } from './drift-code.js';
import { JourneysRepository } from './journeys.repository.js';
import { ShipmentViewsService } from './shipment-views.service.js';
import { ShipmentsRepository } from './shipments.repository.js';

function requireState(s: Shipment, ...states: ShipmentState[]) {
  if (!states.includes(s.state)) throw AppError.conflict(`bookdrift.shipmentState.${s.state}`);
}

/** A shipment's life: packed and sent by the sending school, scanned and received by the receiving one, or cancelled. */
@Injectable()
export class ShipmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly shipments: ShipmentsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly journeys: JourneysRepository,
    private readonly views: ShipmentViewsService,
    private readonly campaignsService: CampaignsService,
    private readonly orgs: OrganizationsService,
    private readonly jobs: JobsService,
    private readonly access: BookdriftAccess,
  ) {}

  /** Runs a step on the locked shipment, then answers with its detail. */
  private async step(p: Principal, id: string, work: (m: EntityManager, s: Shipment) => Promise<void>) {
    await this.db.transaction(async (m) => work(m, await this.views.visible(p, id, m, true)));
    return this.views.detail(p, id);
  }

  /** Sender packs: the batch's copies that are at the sending school go into the box. */
  pack(p: Principal, id: string): Promise<ShipmentDetailView> {
    return this.step(p, id, async (m, s) => {
      this.access.assertSender(p, s);
      requireState(s, 'planned');
      const copies = await this.journeys.packable(m, s.batchId, s.fromSchoolId);
      if (!copies.length) throw AppError.conflict('bookdrift.emptyBatch');
      await this.shipments.fillBox(m, s.id, copies);
      await this.shipments.transition(m, s, 'packed', p.userId);
    });
  }

  /** Sender hands the box over: its copies are in transit, the batch's previous stop is passed on. */
  send(p: Principal, id: string): Promise<ShipmentDetailView> {
    return this.step(p, id, async (m, s) => {
      this.access.assertSender(p, s);
      requireState(s, 'packed');
      const ids = await this.shipments.boxedCopyIds(m, s.id);
      const moved = new Set(await this.journeys.putOnTheRoad(m, ids, s.id, s.fromSchoolId));
      // copies that changed meanwhile (reported damaged, …) stay behind
      const stayed = ids.filter((x) => !moved.has(x));
      if (stayed.length) await this.shipments.takeOut(m, s.id, stayed);
      if (!moved.size) throw AppError.conflict('bookdrift.emptyBatch');
      await this.journeys.recordAll(m, [...moved], {
        kind: 'sent',
        schoolId: s.fromSchoolId,
        shipmentId: s.id,
        actorId: p.userId,
      });
      const previous = await this.shipments.previousStop(m, s.batchId, s.fromSchoolId);
      if (previous) await this.shipments.transition(m, previous, 'passed_on', p.userId);
      await this.shipments.transition(m, s, 'in_transit', p.userId);
    });
  }

  /**
   * The receiving librarian scans or types one code. Locks the shipment row, so two librarians
   * scanning at once are serialised; a copy is received once.
   */
  async scan(p: Principal, id: string, rawCode: string): Promise<ScanResultView> {
    const code = driftCodeOf(rawCode);
    return this.db.transaction(async (m) => {
      const s = await this.views.visible(p, id, m, true);
      this.access.assertReceiver(p, s);
      requireState(s, 'in_transit', 'received', 'returned_home');
      const copy = await this.catalogue.byDriftCode(code, m, true);
      if (!copy) throw AppError.notFound('bookdrift.codeUnknown', { code: formatDriftCode(code) });
      const title = (await this.catalogue.title(copy.titleId, m)).title;
      const item = await this.shipments.item(m, s.id, copy.id);
      if (!item) throw await this.misplaced(m, s, copy, title);
      const totals = async () => {
        const count = await this.shipments.itemCounts([s.id], m);
        return { received: count(s.id, 'received'), expected: count(s.id) };
      };
      if (item.status === 'received') return { result: 'already_received' as const, driftCode: code, title, ...(await totals()) };
      const found = item.status === 'missing';
      await this.shipments.markReceived(m, s.id, copy.id, p.userId);
      await this.journeys.arrive(m, copy.id, s.toSchoolId, s.toSchoolId === copy.schoolId);
      await this.journeys.record(m, copy.id, {
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
    const batch = copy.batchId ? await this.campaigns.batch(m, copy.batchId) : null;
    const code = formatDriftCode(copy.driftCode!);
    if (!batch || batch.campaignId !== s.campaignId) return AppError.badRequest('bookdrift.otherCampaign', { title, code });
    const target = await this.whereShouldItBe(m, copy);
    return AppError.conflict('bookdrift.wrongSchool', { title, code, school: target?.name ?? '—' });
  }

  /** The school the copy's last shipment takes it to, else its home. */
  private async whereShouldItBe(m: EntityManager, copy: BookCopy): Promise<School | null> {
    const id = (await this.shipments.lastDestinationOf(m, copy.id)) ?? copy.schoolId;
    return (await this.orgs.schoolsByIds([id]))[0] ?? null;
  }

  /** "Where does this copy belong?" for any code scanned at a school. */
  async where(p: Principal, rawCode: string): Promise<CopyWhereabouts> {
    const code = driftCodeOf(rawCode);
    const copy = await this.catalogue.byDriftCode(code);
    if (!copy || !this.access.canSeeCopy(p, copy))
      throw AppError.notFound('bookdrift.codeUnknown', { code: formatDriftCode(code) });
    const title = (await this.catalogue.title(copy.titleId)).title;
    const target = await this.whereShouldItBe(this.db.manager, copy);
    return {
      driftCode: code,
      title,
      here: !!p.schoolId && target?.id === p.schoolId,
      shouldGoToSchoolId: target?.id ?? null,
      shouldGoToSchoolName: target?.name ?? null,
    };
  }

  /** Receiver closes the check: copies not scanned are missing (lost after the campaign's deadline). */
  completeReceipt(p: Principal, id: string): Promise<ShipmentDetailView> {
    return this.step(p, id, async (m, s) => {
      this.access.assertReceiver(p, s);
      if (s.state === 'received' || s.state === 'passed_on' || s.state === 'returned_home')
        throw AppError.conflict('bookdrift.alreadyReceived');
      requireState(s, 'in_transit');
      const missing = await this.shipments.markUnscannedMissing(m, s.id);
      if (missing.length) {
        await this.journeys.markMissing(m, missing, s.id);
        await this.journeys.recordAll(m, missing, {
          kind: 'missing',
          schoolId: s.toSchoolId,
          shipmentId: s.id,
          actorId: p.userId,
          note: 'bookdrift.event.missingAtReceipt',
        });
        await this.jobs.schedule(MISSING_SWEEP_QUEUE, Date.now(), m);
      }
      await this.shipments.transition(m, s, s.isReturn ? 'returned_home' : 'received', p.userId);
      if (s.isReturn) await this.journeys.releaseBatchAt(m, s.batchId, s.toSchoolId);
    });
  }

  /** Cancelled: copies already on the road go back to the sender. */
  cancel(p: Principal, id: string): Promise<ShipmentDetailView> {
    return this.step(p, id, async (m, s) => {
      const c = await this.campaignsService.visible(p, s.campaignId, m);
      this.access.assertMayCancel(p, s, c);
      requireState(s, 'planned', 'packed', 'in_transit');
      if (s.state === 'in_transit') {
        const back = await this.journeys.backToSender(m, s.id, s.fromSchoolId);
        await this.journeys.recordAll(m, back, {
          kind: 'returned_to_sender',
          schoolId: s.fromSchoolId,
          shipmentId: s.id,
          actorId: p.userId,
        });
        // the sender has the batch again
        await this.shipments.reopenArrival(m, s.batchId, s.fromSchoolId);
      }
      await this.shipments.transition(m, s, 'cancelled', p.userId);
    });
  }
}
