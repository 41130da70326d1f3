import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { returning } from '../../common/sql.js';
import { ResourceFavourite, ResourceRating } from './resources.entities.js';

export interface RatingRow {
  display_name: string;
  school_name: string | null;
  stars: number;
  comment: string;
  updated_at: Date;
}

export interface DownloadRecord {
  resourceId: string;
  versionId: string;
  userId: string;
  role: string;
  schoolId: string | null;
  /** the author's school at download time */
  sourceSchoolId: string | null;
}

/** Favourites, ratings and downloads, with the counters they keep on `resource`. */
@Injectable()
export class EngagementRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  isFavourite(userId: string, resourceId: string): Promise<boolean> {
    return this.db.getRepository(ResourceFavourite).existsBy({ userId, resourceId });
  }

  /** Marks (or unmarks) it; true when that changed anything. */
  async setFavourite(m: EntityManager, userId: string, resourceId: string, on: boolean): Promise<boolean> {
    const changed = on
      ? await returning(
          m,
          `INSERT INTO resource_favourite (user_id, resource_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
          [userId, resourceId],
        )
      : await returning(m, `DELETE FROM resource_favourite WHERE user_id = $1 AND resource_id = $2 RETURNING user_id`, [
          userId,
          resourceId,
        ]);
    return changed.length > 0;
  }

  /** Moves the favourite count by `delta` and gives the new count. */
  async addFavourites(m: EntityManager, resourceId: string, delta: number): Promise<number> {
    const [row] = await returning<{ favourite_count: number }>(
      m,
      `UPDATE resource SET favourite_count = favourite_count + $2 WHERE id = $1 RETURNING favourite_count`,
      [resourceId, delta],
    );
    return row.favourite_count;
  }

  rating(userId: string, resourceId: string): Promise<ResourceRating | null> {
    return this.db.getRepository(ResourceRating).findOneBy({ userId, resourceId });
  }

  /** The caller's rating, locked until the transaction ends. */
  lockRating(m: EntityManager, userId: string, resourceId: string): Promise<ResourceRating | null> {
    return m.getRepository(ResourceRating).findOne({ where: { userId, resourceId }, lock: { mode: 'pessimistic_write' } });
  }

  async upsertRating(m: EntityManager, userId: string, resourceId: string, stars: number, comment: string): Promise<void> {
    await m.query(
      `INSERT INTO resource_rating (user_id, resource_id, stars, comment) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, resource_id) DO UPDATE SET stars = EXCLUDED.stars, comment = EXCLUDED.comment, updated_at = now()`,
      [userId, resourceId, stars, comment],
    );
  }

  /** Moves the rating sum and count and gives the new ones. */
  async addRatings(
    m: EntityManager,
    resourceId: string,
    sumDelta: number,
    countDelta: number,
  ): Promise<{ rating_sum: number; rating_count: number }> {
    const [row] = await returning<{ rating_sum: number; rating_count: number }>(
      m,
      `UPDATE resource SET rating_sum = rating_sum + $2, rating_count = rating_count + $3 WHERE id = $1
       RETURNING rating_sum, rating_count`,
      [resourceId, sumDelta, countDelta],
    );
    return row;
  }

  /** The latest 50 ratings with the raters' names and schools. */
  recentRatings(resourceId: string): Promise<RatingRow[]> {
    return this.db.query(
      `SELECT u.display_name, s.name AS school_name, rr.stars, rr.comment, rr.updated_at
       FROM resource_rating rr JOIN app_user u ON u.id = rr.user_id LEFT JOIN school s ON s.id = u.school_id
       WHERE rr.resource_id = $1 ORDER BY rr.updated_at DESC LIMIT 50`,
      [resourceId],
    );
  }

  /** One download, counted on the resource. */
  async recordDownload(m: EntityManager, d: DownloadRecord): Promise<void> {
    await m.query(
      `INSERT INTO resource_download (resource_id, version_id, user_id, role, school_id, source_school_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [d.resourceId, d.versionId, d.userId, d.role, d.schoolId, d.sourceSchoolId],
    );
    await m.query(`UPDATE resource SET download_count = download_count + 1 WHERE id = $1`, [d.resourceId]);
  }
}
