import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SearchQuery, SearchResult } from '../search/search.engine.js';
import { SearchService } from '../search/search.service.js';
import { ResourceRepository } from './resources.repository.js';

export const RESOURCE_INDEX = 'resources';

/**
 * What a resource contributes to the search engine: the index's fields, its documents and every
 * id for a reindex. Writers call `reindex` inside their transaction (the search outbox).
 */
@Injectable()
export class ResourceSearchIndex implements OnModuleInit {
  constructor(
    private readonly search: SearchService,
    private readonly resources: ResourceRepository,
  ) {}

  onModuleInit() {
    this.search.registerIndex({
      name: RESOURCE_INDEX,
      searchable: ['title', 'tags', 'chapterTitle', 'description', 'authorName', 'schoolName'],
      filterable: [
        'kind',
        'subject',
        'grades',
        'textbookId',
        'chapterId',
        'unitId',
        'schoolId',
        'authorId',
        'visibility',
        'audience',
        'reviewState',
      ],
      sortable: ['createdAt'],
      load: (ids) => this.documents(ids),
      allIds: () => this.allIds(),
    });
  }

  private async documents(ids: string[]) {
    const rows = await this.resources.searchDocuments(ids);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      tags: r.tags,
      description: r.description,
      chapterTitle: r.chapter_title ?? '',
      authorName: r.author_name,
      schoolName: r.school_name ?? '',
      kind: r.kind,
      subject: r.subject,
      grades: r.grades,
      textbookId: r.textbook_id ?? '',
      chapterId: r.chapter_id ?? '',
      unitId: r.unit_id ?? '',
      schoolId: r.school_id ?? '',
      authorId: r.author_id,
      visibility: r.visibility,
      audience: r.audience,
      reviewState: r.review_state,
      createdAt: r.created_at.toISOString(),
    }));
  }

  private async *allIds(): AsyncIterable<string[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = await this.resources.idsAfter(after, 1000);
      if (!ids.length) return;
      yield ids;
      after = ids[ids.length - 1];
    }
  }

  /** Marks the resource for reindexing, inside the caller's transaction. */
  reindex(m: EntityManager, id: string): Promise<void> {
    return this.search.enqueue(m, RESOURCE_INDEX, [id]);
  }

  find(query: SearchQuery): Promise<SearchResult> {
    return this.search.search(RESOURCE_INDEX, query);
  }
}
