import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { BookdriftAccess } from './bookdrift.access.js';
import type { Shipment } from './bookdrift.entities.js';
import type { ShipmentDetailView, ShipmentView } from './shipments.dto.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { ShipmentsRepository } from './shipments.repository.js';
import { UsersService } from '../identity/users.service.js';

/** Reading shipments: the lists a school sees, one shipment with its box and history. */
@Injectable()
export class ShipmentViewsService {
  constructor(
    private readonly shipments: ShipmentsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly users: UsersService,
    private readonly orgs: OrganizationsService,
    private readonly access: BookdriftAccess,
  ) {}

  /** The shipment if the caller handles it (sending or receiving school), else not found. */
  async visible(p: Principal, id: string, m?: EntityManager, lock = false): Promise<Shipment> {
    const s = await this.shipments.find(id, m, lock);
    if (!s || !this.access.canSeeShipment(p, s)) throw AppError.notFound('bookdrift.shipmentNotFound');
    return s;
  }

  async views(rows: Shipment[]): Promise<ShipmentView[]> {
    if (!rows.length) return [];
    const schools = new Map(
      (await this.orgs.schoolsByIds([...new Set(rows.flatMap((s) => [s.fromSchoolId, s.toSchoolId]))])).map((s) => [
        s.id,
        s.name,
      ]),
    );
    const campaigns = await this.campaigns.byIds([...new Set(rows.map((r) => r.campaignId))]);
    const batches = await this.campaigns.batchesByIds([...new Set(rows.map((r) => r.batchId))]);
    const count = await this.shipments.itemCounts(rows.map((r) => r.id));
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
  async ofSchool(p: Principal, schoolId: string): Promise<ShipmentView[]> {
    this.access.assertAdministers(p, schoolId);
    return this.views(await this.shipments.ofSchool(schoolId, 200));
  }

  async detail(p: Principal, id: string): Promise<ShipmentDetailView> {
    const s = await this.visible(p, id);
    const [view] = await this.views([s]);
    const items = await this.shipments.items(id);
    const history = await this.shipments.history(id);
    const names = await this.users.displayNames(history.map((h) => h.actor_id));
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
        actor: names.get(h.actor_id ?? '') ?? '',
        at: new Date(h.at).toISOString(),
      })),
    };
  }
}
