import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/roles.js';
import { EngagementRepository } from './engagement.repository.js';
import { ResourceAccess } from './resources.access.js';
import type { RatingDto, RatingView } from './resources.dto.js';

/** How teachers use each other's work: favourites and ratings (downloads: DownloadsService). */
@Injectable()
export class EngagementService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ResourceAccess,
    private readonly engagement: EngagementRepository,
  ) {}

  async favourite(p: Principal, id: string, on: boolean): Promise<{ favourite: boolean; favouriteCount: number }> {
    await this.access.requireVisible(p, id);
    return this.db.transaction(async (m) => {
      const changed = await this.engagement.setFavourite(m, p.userId, id, on);
      const favouriteCount = await this.engagement.addFavourites(m, id, changed ? (on ? 1 : -1) : 0);
      return { favourite: on, favouriteCount };
    });
  }

  async rate(p: Principal, id: string, dto: RatingDto): Promise<{ ratingAverage: number; ratingCount: number }> {
    await this.access.requireVisible(p, id);
    return this.db.transaction(async (m) => {
      const prev = await this.engagement.lockRating(m, p.userId, id);
      await this.engagement.upsertRating(m, p.userId, id, dto.stars, dto.comment?.trim() ?? '');
      const { rating_sum, rating_count } = await this.engagement.addRatings(m, id, dto.stars - (prev?.stars ?? 0), prev ? 0 : 1);
      return { ratingAverage: Math.round((rating_sum / rating_count) * 10) / 10, ratingCount: rating_count };
    });
  }

  async ratings(p: Principal, id: string): Promise<RatingView[]> {
    await this.access.requireVisible(p, id);
    const rows = await this.engagement.recentRatings(id);
    return rows.map((r) => ({
      userName: r.display_name,
      schoolName: r.school_name,
      stars: r.stars,
      comment: r.comment,
      updatedAt: r.updated_at.toISOString(),
    }));
  }
}
