import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { DashboardFigures, DashboardRow } from './bookdrift.present.js';
import { CampaignsService } from './campaigns.service.js';
import { JourneysRepository } from './journeys.repository.js';
import { NotesRepository } from './notes.repository.js';
import { ShipmentsRepository } from './shipments.repository.js';

const DAY_MS = 86400000;

/** A campaign's figures: totals, per school, per round, urban vs township/rural. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly journeys: JourneysRepository,
    private readonly shipments: ShipmentsRepository,
    private readonly notes: NotesRepository,
    private readonly orgs: OrganizationsService,
  ) {}

  async dashboard(p: Principal, campaignId: string): Promise<DashboardFigures> {
    const view = await this.campaigns.get(p, campaignId);
    const schools = new Map((await this.orgs.schoolsByIds(view.schools.map((s) => s.schoolId))).map((s) => [s.id, s]));
    const copies = await this.journeys.copiesOfCampaign(campaignId);
    const receipts = await this.shipments.receiptsOfCampaign(campaignId);
    const notes = await this.notes.onCopies(copies.map((x) => x.id));
    const start = new Date(view.startDate + 'T00:00:00Z').getTime();
    const roundOf = (d: Date) =>
      Math.min(view.rounds, Math.max(1, Math.floor((new Date(d).getTime() - start) / (view.roundWeeks * 7 * DAY_MS)) + 1));
    const row = <K extends string>(
      key: K,
      f: { school?: (id: string) => boolean; round?: number },
    ): DashboardRow & { key: K } => {
      const inSchool = (id: string) => (f.school ? f.school(id) : true);
      const rec = receipts.filter(
        (r) => !r.is_return && inSchool(r.to_school_id) && (f.round === undefined || r.round === f.round),
      );
      const ns = notes.filter((n) => inSchool(n.school_id) && (f.round === undefined || roundOf(n.created_at) === f.round));
      const own = copies.filter((x) => inSchool(x.school_id));
      return {
        key,
        booksDrifting:
          f.round === undefined ? own.filter((x) => x.state === 'drifting').length : new Set(rec.map((r) => r.copy_id)).size,
        copiesReceived: rec.length,
        copiesRead: new Set(ns.filter((n) => n.status === 'approved').map((n) => n.copy_id)).size,
        notesWritten: ns.length,
        lost: f.round === undefined ? own.filter((x) => x.state === 'lost').length : 0,
        damaged: f.round === undefined ? own.filter((x) => x.state === 'damaged').length : 0,
      };
    };
    const total = row('all', {});
    const isUrban = (id: string) => schools.get(id)?.locality === 'urban';
    return {
      booksDrifting: total.booksDrifting,
      schoolsReached: new Set(receipts.filter((r) => !r.is_return).map((r) => r.to_school_id)).size,
      copiesRead: total.copiesRead,
      notesWritten: total.notesWritten,
      lost: total.lost,
      damaged: total.damaged,
      perSchool: view.schools.map((s) => ({ ...row(s.schoolId, { school: (id) => id === s.schoolId }), label: s.name })),
      perRound: Array.from({ length: view.rounds }, (_, i) => row(String(i + 1), { round: i + 1 })),
      perLocality: [row('urban', { school: isUrban }), row('rural', { school: (id) => !isUrban(id) })],
    };
  }
}
