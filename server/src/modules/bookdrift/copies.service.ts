import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { BookdriftAccess } from './bookdrift.access.js';
import type { CopyView, ReportCopyDto } from './catalogue.dto.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { toCopyView } from './catalogue.service.js';
import { newDriftCode } from './drift-code.js';
import { JourneysRepository } from './journeys.repository.js';
import { renderLabelSheet } from './labels.js';

/** A library's own copies: sharing them for drift (each gets a drift code), their labels, damage and loss. */
@Injectable()
export class CopiesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueRepository,
    private readonly journeys: JourneysRepository,
    private readonly orgs: OrganizationsService,
    private readonly access: BookdriftAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Loads copies for an action by the caller's school, refusing any copy of another school. */
  private async ownCopies(m: EntityManager, p: Principal, copyIds: string[]) {
    const copies = await this.catalogue.lockCopies(m, copyIds);
    if (copies.length !== new Set(copyIds).size) throw AppError.notFound('bookdrift.copyNotFound');
    const titles = await this.catalogue.titlesByIds(
      copies.map((c) => c.titleId),
      m,
    );
    for (const c of copies)
      if (!this.access.keepsCopy(p, c))
        throw AppError.forbidden('bookdrift.copyNotYours', { title: titles.get(c.titleId)?.title ?? '' });
    return { copies, titles };
  }

  /** A drift code no copy has yet. */
  private async freeDriftCode(m: EntityManager): Promise<string> {
    for (let attempt = 0; attempt <= 21; attempt++) {
      const code = newDriftCode();
      if (!(await this.catalogue.driftCodeTaken(m, code))) return code;
    }
    throw new Error('could not find a free drift code');
  }

  /** Marks copies shared (each gets a platform-wide unique drift code) or not shared. */
  async setShared(p: Principal, copyIds: string[], shared: boolean): Promise<CopyView[]> {
    return this.db.transaction(async (m) => {
      const { copies, titles } = await this.ownCopies(m, p, copyIds);
      for (const c of copies) {
        const t = titles.get(c.titleId)!;
        if (shared && c.state !== 'on_shelf' && c.state !== 'drifting')
          throw AppError.conflict(`bookdrift.copyUnavailable.${c.state}`, { title: t.title });
        if (!shared && c.batchId) throw AppError.conflict('bookdrift.copyInCampaign', { title: t.title });
      }
      for (const c of copies) {
        if (c.shared === shared) continue;
        if (shared && !c.driftCode) c.driftCode = await this.freeDriftCode(m);
        await this.catalogue.setShared(m, c.id, shared, c.driftCode);
        c.shared = shared;
        await this.journeys.record(m, c.id, {
          kind: shared ? 'shared' : 'unshared',
          schoolId: c.locationSchoolId,
          actorId: p.userId,
        });
      }
      return copies.map((c) => toCopyView(c, titles.get(c.titleId)!));
    });
  }

  /** The A4 label sheet for shared copies of the caller's school. */
  async labels(p: Principal, copyIds: string[]): Promise<Buffer> {
    const { copies, titles } = await this.db.transaction((m) => this.ownCopies(m, p, copyIds));
    if (copies.some((c) => !c.driftCode)) throw AppError.badRequest('bookdrift.labelsNeedShared');
    const schools = new Map((await this.orgs.schoolsByIds([...new Set(copies.map((c) => c.schoolId))])).map((s) => [s.id, s]));
    const order = new Map(copyIds.map((id, i) => [id, i]));
    copies.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const base = this.config.PUBLIC_URL.replace(/\/+$/, '');
    return renderLabelSheet(
      copies.map((c) => ({
        url: `${base}/drift/${c.driftCode}`,
        driftCode: c.driftCode!,
        schoolName: schools.get(c.schoolId)?.name ?? '',
        title: titles.get(c.titleId)!.title,
      })),
    );
  }

  /** Damaged, lost, withdrawn or back on the shelf: by the school that has the copy or owns it. */
  async reportCopy(p: Principal, copyId: string, dto: ReportCopyDto): Promise<CopyView> {
    return this.db.transaction(async (m) => {
      const c = await this.catalogue.lockCopy(m, copyId);
      if (!c) throw AppError.notFound('bookdrift.copyNotFound');
      const t = await this.catalogue.title(c.titleId, m);
      if (!this.access.mayReportCopy(p, c)) throw AppError.forbidden('bookdrift.copyNotYours', { title: t.title });
      const at = c.locationSchoolId;
      c.state =
        dto.state === 'on_shelf'
          ? c.locationSchoolId && c.locationSchoolId !== c.schoolId
            ? 'drifting'
            : 'on_shelf'
          : dto.state;
      if (dto.state === 'lost') {
        c.locationSchoolId = null;
        c.shipmentId = null;
      }
      if (dto.state === 'on_shelf' && !c.locationSchoolId && !c.shipmentId) c.locationSchoolId = c.schoolId;
      if (dto.state === 'on_shelf') c.missingSince = null;
      await this.catalogue.save(m, c);
      await this.journeys.record(m, c.id, {
        kind: dto.state === 'on_shelf' ? 'restored' : dto.state,
        schoolId: at ?? p.schoolId,
        actorId: p.userId,
        note: dto.note ?? '',
      });
      return toCopyView(c, t);
    });
  }
}
