import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { BookdriftAccess } from './bookdrift.access.js';
import type { CampaignBatch, Shipment } from './bookdrift.entities.js';
import type { ShipmentView } from './shipments.dto.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { JourneysRepository } from './journeys.repository.js';
import { ShipmentViewsService } from './shipment-views.service.js';
import { ShipmentsRepository } from './shipments.repository.js';

/** Turns a round of a campaign's plan into shipments. */
@Injectable()
export class RoundPlannerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly campaignsService: CampaignsService,
    private readonly campaigns: CampaignsRepository,
    private readonly shipments: ShipmentsRepository,
    private readonly journeys: JourneysRepository,
    private readonly shipmentViews: ShipmentViewsService,
    private readonly access: BookdriftAccess,
  ) {}

  /**
   * Plans the shipments of a round (group admin): one per leg, from where the batch is now.
   * Round `rounds + 1` plans the trips home.
   */
  async planRound(p: Principal, id: string, round: number): Promise<ShipmentView[]> {
    const created = await this.db.transaction(async (m) => {
      const c = await this.campaignsService.visible(p, id, m);
      this.access.assertManagesCampaign(p, c);
      await this.campaigns.lock(m, id);
      if (round < 1 || round > c.rounds + 1) throw AppError.badRequest('bookdrift.roundOutOfRange', { round });
      if (await this.shipments.roundPlanned(m, id, round)) throw AppError.conflict('bookdrift.roundAlreadyPlanned', { round });
      if (round > 1 && (await this.shipments.roundOpen(m, id, round - 1))) throw AppError.conflict('bookdrift.previousRoundOpen');
      // batches with nothing to send (no copies, or all lost) get no shipment
      const live = await this.journeys.batchesWithCopies(m, id);
      const batches = (await this.campaigns.batches(id, m)).filter((b) => live.has(b.id));
      const rows: Partial<Shipment>[] = [];
      const homeward = async (b: CampaignBatch) => {
        const at = await this.batchLocation(m, b);
        if (at && at !== b.schoolId)
          rows.push({ campaignId: id, batchId: b.id, round, fromSchoolId: at, toSchoolId: b.schoolId, isReturn: true });
      };
      if (round <= c.rounds) {
        for (const l of await this.campaigns.legs(id, m, round)) {
          const b = batches.find((x) => x.schoolId === l.batchSchoolId);
          if (b) rows.push({ campaignId: id, batchId: b.id, round, fromSchoolId: l.fromSchoolId, toSchoolId: l.toSchoolId });
        }
        // a batch whose school left goes home now
        const members = await this.campaigns.members(id, m);
        for (const mb of members.filter((x) => x.leftRound !== null && x.leftRound === round)) {
          const b = batches.find((x) => x.schoolId === mb.schoolId);
          if (b) await homeward(b);
        }
      } else for (const b of batches) await homeward(b);
      return this.shipments.createPlanned(m, rows, p.userId);
    });
    return this.shipmentViews.views(created);
  }

  /** Where a batch is: the school of its last received shipment, else its home. */
  private async batchLocation(m: EntityManager, b: CampaignBatch): Promise<string> {
    return (await this.shipments.batchLastStop(m, b.id)) ?? b.schoolId;
  }
}
