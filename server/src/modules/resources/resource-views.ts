import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '../../common/pagination.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { StorageService } from '../storage/storage.service.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { toTextbookView } from './catalogue.service.js';
import { EngagementRepository } from './engagement.repository.js';
import { FileRepository, type VersionRow } from './files.repository.js';
import { ResourceAccess } from './resources.access.js';
import type { FileView, ResourceDetailView, ResourceSummaryView, VersionView } from './resources.dto.js';
import type { Chapter } from './resources.entities.js';
import { ResourceRepository, type SummaryRow } from './resources.repository.js';

function toVersionView(v: VersionRow): VersionView {
  return {
    id: v.id,
    fileId: v.file_id,
    number: v.number,
    fileName: v.file_name,
    size: Number(v.size),
    mime: v.mime,
    fileKind: v.file_kind,
    changeNote: v.change_note,
    createdBy: v.created_by,
    createdByName: v.created_by_name,
    createdAt: v.created_at.toISOString(),
    previewState: v.preview_state,
  };
}

/** The summary and detail views of resources, as the caller may see them (every service answers with these). */
@Injectable()
export class ResourceViews {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
    private readonly access: ResourceAccess,
    private readonly resources: ResourceRepository,
    private readonly files: FileRepository,
    private readonly engagement: EngagementRepository,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async summary(p: Principal, row: SummaryRow): Promise<ResourceSummaryView> {
    const facts = { authorId: row.author_id, schoolId: row.school_id, reviewState: row.review_state };
    return {
      id: row.id,
      title: row.title,
      kind: row.kind,
      subject: row.subject,
      grades: row.grades,
      textbookId: row.textbook_id,
      chapterId: row.chapter_id,
      chapterTitle: row.chapter_title,
      tags: row.tags,
      authorId: row.author_id,
      authorName: row.author_name,
      schoolId: row.school_id,
      schoolName: row.school_name,
      visibility: row.visibility,
      audience: row.audience,
      reviewState: row.review_state,
      reviewReason: this.access.seesReviewReason(p, facts) ? row.review_reason : null,
      viewCount: row.view_count,
      downloadCount: row.download_count,
      favouriteCount: row.favourite_count,
      ratingCount: row.rating_count,
      ratingAverage: row.rating_count ? Math.round((row.rating_sum / row.rating_count) * 10) / 10 : null,
      fileKind: row.file_kind,
      thumbnailUrl: row.thumbnail_key
        ? await this.storage.presignGet(row.thumbnail_key, this.config.RESOURCE_URL_TTL_SECONDS)
        : null,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  summaries(p: Principal, rows: SummaryRow[]): Promise<ResourceSummaryView[]> {
    return Promise.all(rows.map((row) => this.summary(p, row)));
  }

  async page(p: Principal, page: Page<SummaryRow>): Promise<Page<ResourceSummaryView>> {
    return { items: await this.summaries(p, page.items), nextCursor: page.nextCursor };
  }

  async detail(p: Principal, id: string): Promise<ResourceDetailView> {
    const row = await this.resources.summary(id);
    const r = await this.resources.getById(id);
    const summary = await this.summary(p, row);
    const textbook = r.textbookId ? await this.catalogue.textbook(r.textbookId) : null;
    const path: Chapter[] = [];
    if (r.chapterId) {
      const ids = [...new Set([r.unitId, r.chapterId].filter((x): x is string => !!x))];
      const chapters = await this.catalogue.chapters(ids);
      path.push(...chapters.sort((a, b) => a.level - b.level));
    }
    const [fav, rating] = await Promise.all([this.engagement.isFavourite(p.userId, id), this.engagement.rating(p.userId, id)]);
    return {
      ...summary,
      description: r.description,
      license: r.license,
      textbook: textbook ? toTextbookView(textbook) : null,
      chapterPath: path.map((c) => ({ id: c.id, title: c.title, number: c.number, level: c.level })),
      files: await this.fileViews(id),
      favourite: fav,
      myRating: rating ? { stars: rating.stars, comment: rating.comment } : null,
      canEdit: this.access.canEdit(p, r),
      canReview: this.access.canReview(p, r),
    };
  }

  private async fileViews(resourceId: string): Promise<FileView[]> {
    const files = await this.files.filesOf(resourceId);
    const versions = (await this.files.versionRowsOf(resourceId)).map(toVersionView);
    return files.map((f) => {
      const mine = versions.filter((v) => v.fileId === f.id);
      return { id: f.id, position: f.position, latest: mine.find((v) => v.id === f.latestVersionId) ?? mine[0], versions: mine };
    });
  }
}
