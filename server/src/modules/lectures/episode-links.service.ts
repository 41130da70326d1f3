import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { CatalogueService } from '../resources/catalogue.service.js';
import type { ResourceSummaryView } from '../resources/resources.dto.js';
import { ResourcesService } from '../resources/resources.service.js';
import type { EpisodeChapterView } from './lectures.dto.js';

/** What an episode links to in the resources module: a textbook chapter, courseware and exercises. */
@Injectable()
export class EpisodeLinks {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly resources: ResourcesService,
  ) {}

  /**
   * A chapter must exist in the catalogue; newly linked resources must be ones the editor can see
   * (already linked ones may stay: a co-lecturer may have linked their own).
   */
  async check(p: Principal, dto: { chapterId?: string | null; resourceIds?: string[] }, linked: string[]): Promise<void> {
    if (dto.chapterId && !(await this.catalogue.chapterPaths([dto.chapterId])).has(dto.chapterId))
      throw AppError.field('chapterId', 'lecture.chapterNotFound');
    if (dto.resourceIds?.length) {
      if (new Set(dto.resourceIds).size !== dto.resourceIds.length)
        throw AppError.field('resourceIds', 'lecture.resourceDuplicate');
      const added = dto.resourceIds.filter((r) => !linked.includes(r));
      const seen = new Set((await this.resources.visibleSummaries(p, added)).map((r) => r.id));
      const missing = added.filter((r) => !seen.has(r)).length;
      if (missing) throw AppError.field('resourceIds', 'lecture.resourceNotFound', { n: missing });
    }
  }

  /** Title paths of catalogue chapters (unit › lesson) with their textbook, in one query for any number. */
  chapters(ids: (string | null)[]): Promise<Map<string, EpisodeChapterView>> {
    return this.catalogue.chapterPaths(ids);
  }

  /** The linked resources the caller may see, in the teacher’s order. */
  resourcesFor(p: Principal, resourceIds: string[]): Promise<ResourceSummaryView[]> {
    return this.resources.visibleSummaries(p, resourceIds);
  }
}
