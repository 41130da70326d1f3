import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { decodeCursor } from '../../common/pagination.js';
import type { Principal } from '../../common/roles.js';
import { ResourceViews } from './resource-views.js';
import { ResourceAccess } from './resources.access.js';
import type { ResourceDetailView, ResourcePage, ReviewDto, ReviewQueueQuery } from './resources.dto.js';
import { ResourceRepository } from './resources.repository.js';
import { ResourceSearchIndex } from './resources.search.js';

/** Review of resources shared with the group or the public: the reviewer's queue and the decision. */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ResourceAccess,
    private readonly resources: ResourceRepository,
    private readonly index: ResourceSearchIndex,
    private readonly views: ResourceViews,
  ) {}

  /** Oldest first, within the schools the reviewer administers, their own resources aside. */
  async reviewQueue(p: Principal, q: ReviewQueueQuery): Promise<ResourcePage> {
    const page = await this.resources.reviewQueue(
      q.state ?? 'pending',
      this.access.reviewScope(p),
      p.userId,
      decodeCursor(q.cursor, ['timestamp', 'uuid']),
      q.limit ?? 30,
    );
    return this.views.page(p, page);
  }

  async review(p: Principal, id: string, dto: ReviewDto): Promise<ResourceDetailView> {
    const r = await this.access.requireVisible(p, id);
    this.access.assertCanReview(p, r);
    const reason = dto.reason?.trim() ?? '';
    if (dto.decision === 'reject' && !reason) throw AppError.field('reason', 'resources.reasonRequired');
    await this.db.transaction(async (m) => {
      await this.resources.update(m, id, {
        reviewState: dto.decision === 'approve' ? 'approved' : 'rejected',
        reviewReason: reason || null,
        reviewedBy: p.userId,
        reviewedAt: new Date(),
      });
      await this.index.reindex(m, id);
    });
    return this.views.detail(p, id);
  }
}
