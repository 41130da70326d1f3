import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { registerMessages } from '../../common/i18n.js';
import { decodeCursor, encodeCursor } from '../../common/pagination.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { PREVIEW_QUEUE } from './resources.jobs.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { Filter } from '../search/search.engine.js';
import { SearchService } from '../search/search.service.js';
import { StorageService } from '../storage/storage.service.js';
import { RESOURCE_BLOBS, type ResourceBlobs, type StoredBlob } from './blobs.js';
import { toTextbookView } from './catalogue.service.js';
import type {
  CreateResourceDto,
  DownloadDto,
  DownloadView,
  FileView,
  NewVersionDto,
  PreviewView,
  RatingDto,
  RatingView,
  ResourceDetailView,
  ResourcePage,
  ResourceQuery,
  ResourceSummaryView,
  ReviewDto,
  ReviewQueueQuery,
  UpdateResourceDto,
  VersionView,
} from './resources.dto.js';
import {
  Chapter,
  RESOURCE_FILE_KINDS,
  Resource,
  ResourceFavourite,
  ResourceFile,
  ResourceRating,
  ResourceVersion,
  Textbook,
  type ReviewState,
  type Visibility,
} from './resources.entities.js';
import { canSee, searchFilterFor, visibleTo } from './visibility.js';

registerMessages({
  'resources.notFound': { zh: '资源不存在或您无权查看', en: 'Resource not found, or you may not see it' },
  'resources.fileNotFound': { zh: '文件不存在', en: 'File not found' },
  'resources.versionNotFound': { zh: '该文件版本不存在', en: 'No such file version' },
  'resources.textbookNotFound': { zh: '所选教材不存在', en: 'The chosen textbook does not exist' },
  'resources.chapterNeedsTextbook': { zh: '选择章节前请先选择教材', en: 'Choose a textbook before choosing a chapter' },
  'resources.chapterOutsideTextbook': {
    zh: '所选章节不属于该教材（版本/册）',
    en: 'The chosen chapter does not belong to that textbook (edition/volume)',
  },
  'resources.subjectMismatch': {
    zh: '学科与所选教材不一致（教材学科：{subject}）',
    en: 'The subject does not match the chosen textbook ({subject})',
  },
  'resources.noSchool': {
    zh: '您的账号未关联学校，不能设为校内/集团可见',
    en: 'Your account has no school, so school or group visibility is not possible',
  },
  'resources.reasonRequired': { zh: '驳回时请填写原因', en: 'Give a reason when rejecting' },
  'resources.notReviewable': { zh: '该资源不需要审核', en: 'This resource does not need review' },
  'resources.ownReview': { zh: '不能审核自己上传的资源', en: 'You cannot review your own resource' },
  'resources.tooManyFiles': { zh: '一个资源最多 {n} 个文件', en: 'A resource may hold at most {n} files' },
});

const MAX_FILES = 10;

interface SummaryRow {
  id: string;
  title: string;
  kind: ResourceSummaryView['kind'];
  subject: string;
  grades: number[];
  textbook_id: string | null;
  chapter_id: string | null;
  chapter_title: string | null;
  tags: string[];
  author_id: string;
  author_name: string;
  school_id: string | null;
  school_name: string | null;
  visibility: Visibility;
  audience: ResourceSummaryView['audience'];
  review_state: ReviewState;
  review_reason: string | null;
  view_count: number;
  download_count: number;
  favourite_count: number;
  rating_count: number;
  rating_sum: number;
  file_kind: string | null;
  thumbnail_key: string | null;
  created_at: Date;
  updated_at: Date;
  ts: string;
}

const SUMMARY_SELECT = `
  r.id, r.title, r.kind, r.subject, r.grades, r.textbook_id, r.chapter_id, c.title AS chapter_title, r.tags,
  r.author_id, u.display_name AS author_name, r.school_id, s.name AS school_name, r.visibility, r.audience,
  r.review_state, r.review_reason, r.view_count, r.download_count, r.favourite_count, r.rating_count, r.rating_sum,
  fv.file_kind, fv.thumbnail_key, r.created_at, r.updated_at, r.created_at::text AS ts`;
const SUMMARY_JOINS = `
  JOIN app_user u ON u.id = r.author_id
  LEFT JOIN school s ON s.id = r.school_id
  LEFT JOIN chapter c ON c.id = r.chapter_id
  LEFT JOIN LATERAL (
    SELECT v.file_kind, v.thumbnail_key FROM resource_file f JOIN resource_version v ON v.id = f.latest_version_id
    WHERE f.resource_id = r.id ORDER BY f.position LIMIT 1) fv ON true`;

/** Teaching resources: catalogue placement, files and versions, sharing and review, use. */
export const RESOURCE_INDEX = 'resources';

@Injectable()
export class ResourcesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RESOURCE_BLOBS) private readonly blobs: ResourceBlobs,
    private readonly storage: StorageService,
    private readonly jobs: JobsService,
    private readonly orgs: OrganizationsService,
    private readonly search: SearchService,
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
      load: (ids) => this.searchDocuments(ids),
      allIds: () => this.allIds(),
    });
  }

  private async searchDocuments(ids: string[]) {
    const rows = (await this.db.query(
      `SELECT r.id, r.title, r.tags, r.description, r.kind, r.subject, r.grades, r.textbook_id, r.chapter_id, r.unit_id,
              r.school_id, r.author_id, r.visibility, r.audience, r.review_state, r.created_at,
              c.title AS chapter_title, u.display_name AS author_name, s.name AS school_name
       FROM resource r JOIN app_user u ON u.id = r.author_id LEFT JOIN school s ON s.id = r.school_id
       LEFT JOIN chapter c ON c.id = r.chapter_id
       WHERE r.id = ANY($1::uuid[]) AND r.deleted_at IS NULL`,
      [ids],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string,
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
      createdAt: (r.created_at as Date).toISOString(),
    }));
  }

  private async *allIds(): AsyncIterable<string[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await this.db.query(`SELECT id FROM resource WHERE deleted_at IS NULL AND id > $1 ORDER BY id LIMIT 1000`, [
        after,
      ])) as { id: string }[];
      if (!rows.length) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1].id;
    }
  }

  private reindex(m: EntityManager, id: string) {
    return this.search.enqueue(m, RESOURCE_INDEX, [id]);
  }

  /** Keyword search through the engine, scoped like every other query, then loaded from SQL. */
  private async keywordSearch(p: Principal, q: ResourceQuery): Promise<ResourcePage> {
    const limit = q.limit ?? 30;
    const cursor = decodeCursor(q.cursor, 2);
    const offset = cursor ? Number(cursor[1]) : 0;
    const and: Filter[] = [q.scope === 'mine' ? { field: 'authorId', eq: p.userId } : searchFilterFor(p)];
    if (q.chapterId) {
      const chapter = await this.db.getRepository(Chapter).findOneBy({ id: q.chapterId });
      and.push({ field: chapter?.level === 1 ? 'unitId' : 'chapterId', eq: q.chapterId });
    } else if (q.textbookId) and.push({ field: 'textbookId', eq: q.textbookId });
    if (q.kind?.length) and.push({ field: 'kind', in: q.kind });
    if (q.schoolId) and.push({ field: 'schoolId', eq: q.schoolId });
    if (q.subject) and.push({ field: 'subject', eq: q.subject });
    if (q.grade) and.push({ field: 'grades', eq: q.grade });
    const found = await this.search.search(RESOURCE_INDEX, { q: q.q!.trim(), filter: { and }, limit, offset });
    if (!found.ids.length) return { items: [], nextCursor: null, total: found.total };
    const params: unknown[] = [found.ids];
    const visible = visibleTo(p, 'r', params);
    if (q.scope === 'favourites') params.push(p.userId);
    const extra =
      q.scope === 'favourites'
        ? ` AND EXISTS (SELECT 1 FROM resource_favourite fa WHERE fa.resource_id = r.id AND fa.user_id = $${params.length})`
        : '';
    // the index may lag a moment behind: the SQL rule has the last word
    const rows = (await this.db.query(
      `SELECT ${SUMMARY_SELECT} FROM resource r ${SUMMARY_JOINS} WHERE r.id = ANY($1::uuid[]) AND ${visible}${extra}`,
      params,
    )) as SummaryRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = found.ids.map((id) => byId.get(id)).filter((r): r is SummaryRow => !!r);
    const items = await Promise.all(ordered.map((row) => this.toSummary(p, row)));
    const next = offset + found.ids.length;
    return { items, nextCursor: next < found.total ? encodeCursor(['search', next]) : null, total: found.total };
  }

  private get ttl() {
    return this.config.RESOURCE_URL_TTL_SECONDS;
  }

  // ---------- reading ----------

  async list(p: Principal, q: ResourceQuery): Promise<ResourcePage> {
    if (q.q?.trim()) return this.keywordSearch(p, q);
    const limit = q.limit ?? 30;
    const params: unknown[] = [];
    const arg = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (q.scope === 'mine') where.push(`r.author_id = ${arg(p.userId)}::uuid AND r.deleted_at IS NULL`);
    else where.push(visibleTo(p, 'r', params));
    if (q.scope === 'favourites')
      where.push(`EXISTS (SELECT 1 FROM resource_favourite fa WHERE fa.resource_id = r.id AND fa.user_id = ${arg(p.userId)})`);
    if (q.chapterId) {
      const chapter = await this.db.getRepository(Chapter).findOneBy({ id: q.chapterId });
      if (!chapter) return { items: [], nextCursor: null };
      where.push(chapter.level === 1 ? `r.unit_id = ${arg(chapter.id)}` : `r.chapter_id = ${arg(chapter.id)}`);
    } else if (q.textbookId) where.push(`r.textbook_id = ${arg(q.textbookId)}`);
    if (q.kind?.length) where.push(`r.kind = ANY(${arg(q.kind)}::text[])`);
    if (q.schoolId) where.push(`r.school_id = ${arg(q.schoolId)}`);
    if (q.subject) where.push(`r.subject = ${arg(q.subject)}`);
    if (q.grade) where.push(`${arg(q.grade)}::smallint = ANY(r.grades)`);
    const cursor = decodeCursor(q.cursor, 2);
    if (cursor) where.push(`(r.created_at, r.id) < (${arg(cursor[0])}::timestamptz, ${arg(cursor[1])}::uuid)`);
    // first the page's ids (an index-only scan over the covering browse indexes), then its rows
    const rows = (await this.db.query(
      `WITH page AS MATERIALIZED (
         SELECT r.id, r.created_at FROM resource r WHERE ${where.join(' AND ')}
         ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit + 1})
       SELECT ${SUMMARY_SELECT} FROM page JOIN resource r ON r.id = page.id ${SUMMARY_JOINS}
       ORDER BY r.created_at DESC, r.id DESC`,
      params,
    )) as SummaryRow[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const items = await Promise.all(page.map((row) => this.toSummary(p, row)));
    return { items, nextCursor: more ? encodeCursor([page[page.length - 1].ts, page[page.length - 1].id]) : null };
  }

  /**
   * Summaries of the given resources that the caller may see, in the order of `ids` (others left
   * out without a trace): for other modules that link to resources, e.g. a lecture's courseware.
   */
  async visibleSummaries(p: Principal, ids: string[]): Promise<ResourceSummaryView[]> {
    if (!ids.length) return [];
    const params: unknown[] = [ids];
    const rows = (await this.db.query(
      `SELECT ${SUMMARY_SELECT} FROM resource r ${SUMMARY_JOINS} WHERE r.id = ANY($1::uuid[]) AND ${visibleTo(p, 'r', params)}`,
      params,
    )) as SummaryRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids.map((id) => byId.get(id)).filter((r): r is SummaryRow => !!r);
    return Promise.all(ordered.map((row) => this.toSummary(p, row)));
  }

  async get(p: Principal, id: string): Promise<ResourceDetailView> {
    const r = await this.visible(p, id);
    if (r.authorId !== p.userId) await this.db.query(`UPDATE resource SET view_count = view_count + 1 WHERE id = $1`, [id]);
    return this.detail(p, id);
  }

  private async detail(p: Principal, id: string): Promise<ResourceDetailView> {
    const [row] = (await this.db.query(`SELECT ${SUMMARY_SELECT} FROM resource r ${SUMMARY_JOINS} WHERE r.id = $1`, [
      id,
    ])) as SummaryRow[];
    const r = await this.db.getRepository(Resource).findOneByOrFail({ id });
    const summary = await this.toSummary(p, row);
    const textbook = r.textbookId ? await this.db.getRepository(Textbook).findOneBy({ id: r.textbookId }) : null;
    const path: Chapter[] = [];
    if (r.chapterId) {
      const ids = [...new Set([r.unitId, r.chapterId].filter((x): x is string => !!x))];
      const chapters = await this.db.getRepository(Chapter).findBy({ id: In(ids) });
      path.push(...chapters.sort((a, b) => a.level - b.level));
    }
    const [fav, rating] = await Promise.all([
      this.db.getRepository(ResourceFavourite).existsBy({ userId: p.userId, resourceId: id }),
      this.db.getRepository(ResourceRating).findOneBy({ userId: p.userId, resourceId: id }),
    ]);
    return {
      ...summary,
      description: r.description,
      license: r.license,
      textbook: textbook ? toTextbookView(textbook) : null,
      chapterPath: path.map((c) => ({ id: c.id, title: c.title, number: c.number, level: c.level })),
      files: await this.files(id),
      favourite: fav,
      myRating: rating ? { stars: rating.stars, comment: rating.comment } : null,
      canEdit: this.canEdit(p, r),
      canReview: this.canReview(p, r),
    };
  }

  private async files(resourceId: string): Promise<FileView[]> {
    const files = await this.db.getRepository(ResourceFile).find({ where: { resourceId }, order: { position: 'ASC' } });
    const versions = (await this.db.query(
      `SELECT v.*, u.display_name AS created_by_name FROM resource_version v JOIN app_user u ON u.id = v.created_by
       WHERE v.resource_id = $1 ORDER BY v.number DESC`,
      [resourceId],
    )) as Record<string, unknown>[];
    const view = (v: Record<string, unknown>): VersionView => ({
      id: v.id as string,
      fileId: v.file_id as string,
      number: v.number as number,
      fileName: v.file_name as string,
      size: Number(v.size),
      mime: v.mime as string,
      fileKind: v.file_kind as string,
      changeNote: v.change_note as string,
      createdBy: v.created_by as string,
      createdByName: v.created_by_name as string,
      createdAt: (v.created_at as Date).toISOString(),
      previewState: v.preview_state as VersionView['previewState'],
    });
    return files.map((f) => {
      const mine = versions.filter((v) => v.file_id === f.id).map(view);
      return { id: f.id, position: f.position, latest: mine.find((v) => v.id === f.latestVersionId) ?? mine[0], versions: mine };
    });
  }

  private async toSummary(p: Principal, row: SummaryRow): Promise<ResourceSummaryView> {
    const insider = row.author_id === p.userId || (row.school_id !== null && this.orgs.canAdministerSchool(p, row.school_id));
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
      reviewReason: insider ? row.review_reason : null,
      viewCount: row.view_count,
      downloadCount: row.download_count,
      favouriteCount: row.favourite_count,
      ratingCount: row.rating_count,
      ratingAverage: row.rating_count ? Math.round((row.rating_sum / row.rating_count) * 10) / 10 : null,
      fileKind: row.file_kind,
      thumbnailUrl: row.thumbnail_key ? await this.storage.presignGet(row.thumbnail_key, this.ttl) : null,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /** Loads a resource the caller may see, else 404 (not 403: its existence is not disclosed). */
  private async visible(p: Principal, id: string): Promise<Resource> {
    const r = await this.db.getRepository(Resource).findOneBy({ id });
    if (!r || !canSee(p, r)) throw AppError.notFound('resources.notFound');
    return r;
  }

  private canEdit(p: Principal, r: Resource): boolean {
    return r.authorId === p.userId || (r.schoolId !== null && this.orgs.canAdministerSchool(p, r.schoolId));
  }

  private canReview(p: Principal, r: Resource): boolean {
    return (
      r.reviewState !== 'none' &&
      r.authorId !== p.userId &&
      ['platform_admin', 'group_admin', 'school_admin'].includes(p.role) &&
      r.schoolId !== null &&
      this.orgs.canAdministerSchool(p, r.schoolId)
    );
  }

  private async editable(p: Principal, id: string): Promise<Resource> {
    const r = await this.visible(p, id);
    if (!this.canEdit(p, r)) throw AppError.forbidden();
    return r;
  }

  // ---------- writing ----------

  private async placement(dto: { subject: string; textbookId?: string; chapterId?: string }) {
    if (dto.chapterId && !dto.textbookId) throw AppError.field('chapterId', 'resources.chapterNeedsTextbook');
    if (!dto.textbookId) return { textbookId: null, chapterId: null, unitId: null };
    const textbook = await this.db.getRepository(Textbook).findOneBy({ id: dto.textbookId });
    if (!textbook) throw AppError.field('textbookId', 'resources.textbookNotFound');
    if (textbook.subject !== dto.subject)
      throw AppError.field('subject', 'resources.subjectMismatch', { subject: textbook.subject });
    if (!dto.chapterId) return { textbookId: textbook.id, chapterId: null, unitId: null };
    const chapter = await this.db.getRepository(Chapter).findOneBy({ id: dto.chapterId });
    if (!chapter || chapter.textbookId !== textbook.id) throw AppError.field('chapterId', 'resources.chapterOutsideTextbook');
    return { textbookId: textbook.id, chapterId: chapter.id, unitId: chapter.parentId ?? chapter.id };
  }

  private reviewStateFor(visibility: Visibility): ReviewState {
    return visibility === 'group' || visibility === 'public' ? 'pending' : 'none';
  }

  async create(p: Principal, dto: CreateResourceDto): Promise<ResourceDetailView> {
    const place = await this.placement(dto);
    if ((dto.visibility === 'school' || dto.visibility === 'group') && !p.schoolId)
      throw AppError.field('visibility', 'resources.noSchool');
    const tags = [...new Set((dto.tags ?? []).map((t) => t.trim()).filter(Boolean))];
    const id = await this.db.transaction(async (m) => {
      const r = await m.getRepository(Resource).save(
        m.getRepository(Resource).create({
          title: dto.title.trim(),
          description: dto.description?.trim() ?? '',
          kind: dto.kind,
          subject: dto.subject.trim(),
          grades: [...new Set(dto.grades)].sort((a, b) => a - b),
          ...place,
          tags,
          license: dto.license,
          authorId: p.userId,
          schoolId: p.schoolId,
          visibility: dto.visibility,
          audience: dto.audience,
          reviewState: this.reviewStateFor(dto.visibility),
        }),
      );
      let position = 0;
      for (const f of dto.files) await this.addFileIn(m, p, r.id, ++position, f.uploadId, '');
      await this.reindex(m, r.id);
      return r.id;
    });
    return this.detail(p, id);
  }

  private async addFileIn(m: EntityManager, p: Principal, resourceId: string, position: number, uploadId: string, note: string) {
    const file = await m.getRepository(ResourceFile).save(m.getRepository(ResourceFile).create({ resourceId, position }));
    const blob = await this.blobs.claim(p, uploadId, RESOURCE_FILE_KINDS, m);
    await this.addVersionIn(m, p, file, 1, blob, note);
  }

  private async addVersionIn(m: EntityManager, p: Principal, file: ResourceFile, number: number, blob: StoredBlob, note: string) {
    const version = await m.getRepository(ResourceVersion).save(
      m.getRepository(ResourceVersion).create({
        fileId: file.id,
        resourceId: file.resourceId,
        number,
        blobId: blob.id,
        fileName: blob.originalName.slice(0, 255),
        size: blob.size,
        mime: blob.mime,
        fileKind: blob.kind,
        sha256: blob.sha256,
        storageKey: blob.key,
        changeNote: note,
        createdBy: p.userId,
        previewState: 'pending',
      }),
    );
    await m.getRepository(ResourceFile).update({ id: file.id }, { latestVersionId: version.id });
    await this.jobs.enqueue(PREVIEW_QUEUE, { versionId: version.id }, { manager: m, singletonKey: version.id });
  }

  async update(p: Principal, id: string, dto: UpdateResourceDto): Promise<ResourceDetailView> {
    const r = await this.editable(p, id);
    if ((dto.visibility === 'school' || dto.visibility === 'group') && !r.schoolId)
      throw AppError.field('visibility', 'resources.noSchool');
    const patch: Partial<Resource> = {};
    if (dto.title !== undefined) patch.title = dto.title.trim();
    if (dto.description !== undefined) patch.description = dto.description.trim();
    if (dto.kind !== undefined) patch.kind = dto.kind;
    if (dto.grades !== undefined) patch.grades = [...new Set(dto.grades)].sort((a, b) => a - b);
    if (dto.subject !== undefined || dto.textbookId !== undefined || dto.chapterId !== undefined) {
      const subject = dto.subject?.trim() ?? r.subject;
      const textbookId = dto.textbookId !== undefined ? dto.textbookId : r.textbookId;
      // a new textbook drops the old chapter unless a chapter is given with it
      const chapterId = dto.chapterId !== undefined ? dto.chapterId : textbookId === r.textbookId ? r.chapterId : null;
      const place = await this.placement({ subject, textbookId: textbookId ?? undefined, chapterId: chapterId ?? undefined });
      Object.assign(patch, { subject }, place);
    }
    if (dto.tags !== undefined) patch.tags = [...new Set(dto.tags.map((t) => t.trim()).filter(Boolean))];
    if (dto.license !== undefined) patch.license = dto.license;
    if (dto.audience !== undefined) patch.audience = dto.audience;
    if (dto.visibility !== undefined && dto.visibility !== r.visibility) {
      patch.visibility = dto.visibility;
      const next = this.reviewStateFor(dto.visibility);
      // widening to group/public asks for a new review; narrowing needs none
      patch.reviewState = next === 'pending' && r.reviewState === 'approved' && r.visibility === 'public' ? 'approved' : next;
      if (patch.reviewState !== r.reviewState) Object.assign(patch, { reviewReason: null, reviewedBy: null, reviewedAt: null });
    }
    if (Object.keys(patch).length)
      await this.db.transaction(async (m) => {
        await m.getRepository(Resource).update({ id }, patch);
        await this.reindex(m, id);
      });
    return this.detail(p, id);
  }

  async remove(p: Principal, id: string): Promise<void> {
    await this.editable(p, id);
    await this.db.transaction(async (m) => {
      const done = await m.query(`UPDATE resource SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id`, [
        id,
      ]);
      if (!(done as unknown[][])[0]?.length) return;
      const versions = await m.getRepository(ResourceVersion).findBy({ resourceId: id });
      for (const v of versions) await this.blobs.release(v.blobId, m);
      await this.reindex(m, id);
    });
  }

  async addFile(p: Principal, id: string, dto: NewVersionDto): Promise<ResourceDetailView> {
    const r = await this.editable(p, id);
    await this.db.transaction(async (m) => {
      await m.query(`SELECT id FROM resource WHERE id = $1 FOR UPDATE`, [id]);
      const count = await m.getRepository(ResourceFile).countBy({ resourceId: id });
      if (count >= MAX_FILES) throw AppError.badRequest('resources.tooManyFiles', { n: MAX_FILES });
      await this.addFileIn(m, p, id, count + 1, dto.uploadId, dto.changeNote?.trim() ?? '');
      await this.afterContentChange(m, r);
    });
    return this.detail(p, id);
  }

  async addVersion(p: Principal, id: string, fileId: string, dto: NewVersionDto): Promise<ResourceDetailView> {
    const r = await this.editable(p, id);
    await this.db.transaction(async (m) => {
      const file = await m
        .getRepository(ResourceFile)
        .findOne({ where: { id: fileId, resourceId: id }, lock: { mode: 'pessimistic_write' } });
      if (!file) throw AppError.notFound('resources.fileNotFound');
      const [{ n }] = (await m.query(`SELECT COALESCE(max(number), 0)::int AS n FROM resource_version WHERE file_id = $1`, [
        fileId,
      ])) as { n: number }[];
      const blob = await this.blobs.claim(p, dto.uploadId, RESOURCE_FILE_KINDS, m);
      await this.addVersionIn(m, p, file, n + 1, blob, dto.changeNote?.trim() ?? '');
      await this.afterContentChange(m, r);
    });
    return this.detail(p, id);
  }

  /** New content in a shared resource goes back through review. */
  private async afterContentChange(m: EntityManager, r: Resource) {
    const patch: Partial<Resource> = { updatedAt: new Date() };
    if (r.visibility === 'group' || r.visibility === 'public')
      Object.assign(patch, { reviewState: 'pending', reviewReason: null, reviewedBy: null, reviewedAt: null });
    await m.getRepository(Resource).update({ id: r.id }, patch);
    await this.reindex(m, r.id);
  }

  // ---------- preview and download ----------

  private async version(resourceId: string, fileId?: string, versionId?: string): Promise<ResourceVersion> {
    const versions = this.db.getRepository(ResourceVersion);
    if (versionId) {
      const v = await versions.findOneBy({ id: versionId, resourceId });
      if (!v || (fileId && v.fileId !== fileId)) throw AppError.notFound('resources.versionNotFound');
      return v;
    }
    const file = fileId
      ? await this.db.getRepository(ResourceFile).findOneBy({ id: fileId, resourceId })
      : await this.db.getRepository(ResourceFile).findOne({ where: { resourceId }, order: { position: 'ASC' } });
    if (!file?.latestVersionId) throw AppError.notFound('resources.fileNotFound');
    return versions.findOneByOrFail({ id: file.latestVersionId });
  }

  async preview(p: Principal, id: string, versionId: string): Promise<PreviewView> {
    await this.visible(p, id);
    const v = await this.version(id, undefined, versionId);
    const expiresAt = new Date(Date.now() + this.ttl * 1000).toISOString();
    const inline = (key: string, contentType: string) =>
      this.storage.presignGet(key, this.ttl, { inline: true, downloadName: v.fileName, contentType });
    switch (v.fileKind) {
      case 'pdf':
        return { mode: 'pdf', state: 'ready', url: await inline(v.storageKey, 'application/pdf'), expiresAt };
      case 'image':
      case 'audio':
      case 'video':
        return { mode: v.fileKind, state: 'ready', url: await inline(v.storageKey, v.mime), expiresAt };
      case 'text':
        return { mode: 'text', state: 'ready', url: await inline(v.storageKey, 'text/plain; charset=utf-8'), expiresAt };
      default:
        if (v.previewState === 'ready' && v.previewKey)
          return {
            mode: 'pdf',
            state: 'ready',
            url: await this.storage.presignGet(v.previewKey, this.ttl, {
              inline: true,
              downloadName: `${v.fileName.replace(/\.[^.]+$/, '')}.pdf`,
              contentType: 'application/pdf',
            }),
            expiresAt,
          };
        return { mode: 'none', state: v.previewState, url: null, expiresAt: null };
    }
  }

  async download(p: Principal, id: string, dto: DownloadDto): Promise<DownloadView> {
    const r = await this.visible(p, id);
    const v = await this.version(id, dto.fileId, dto.versionId);
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO resource_download (resource_id, version_id, user_id, role, school_id, source_school_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, v.id, p.userId, p.role, p.schoolId, r.schoolId],
      );
      await m.query(`UPDATE resource SET download_count = download_count + 1 WHERE id = $1`, [id]);
    });
    return {
      url: await this.storage.presignGet(v.storageKey, this.ttl, { downloadName: v.fileName }),
      expiresAt: new Date(Date.now() + this.ttl * 1000).toISOString(),
      fileName: v.fileName,
      versionId: v.id,
    };
  }

  // ---------- favourites and ratings ----------

  async favourite(p: Principal, id: string, on: boolean): Promise<{ favourite: boolean; favouriteCount: number }> {
    await this.visible(p, id);
    return this.db.transaction(async (m) => {
      const changed = on
        ? ((await m.query(
            `INSERT INTO resource_favourite (user_id, resource_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
            [p.userId, id],
          )) as unknown[])
        : (
            (await m.query(`DELETE FROM resource_favourite WHERE user_id = $1 AND resource_id = $2 RETURNING user_id`, [
              p.userId,
              id,
            ])) as unknown[][]
          )[0];
      const delta = changed.length ? (on ? 1 : -1) : 0;
      const [row] = (await m.query(
        `UPDATE resource SET favourite_count = favourite_count + $2 WHERE id = $1 RETURNING favourite_count`,
        [id, delta],
      )) as [{ favourite_count: number }[], number];
      return { favourite: on, favouriteCount: row[0].favourite_count };
    });
  }

  async rate(p: Principal, id: string, dto: RatingDto): Promise<{ ratingAverage: number; ratingCount: number }> {
    await this.visible(p, id);
    return this.db.transaction(async (m) => {
      const prev = await m.getRepository(ResourceRating).findOne({
        where: { userId: p.userId, resourceId: id },
        lock: { mode: 'pessimistic_write' },
      });
      await m.query(
        `INSERT INTO resource_rating (user_id, resource_id, stars, comment) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, resource_id) DO UPDATE SET stars = EXCLUDED.stars, comment = EXCLUDED.comment, updated_at = now()`,
        [p.userId, id, dto.stars, dto.comment?.trim() ?? ''],
      );
      const [rows] = (await m.query(
        `UPDATE resource SET rating_sum = rating_sum + $2, rating_count = rating_count + $3 WHERE id = $1
         RETURNING rating_sum, rating_count`,
        [id, dto.stars - (prev?.stars ?? 0), prev ? 0 : 1],
      )) as [{ rating_sum: number; rating_count: number }[], number];
      const { rating_sum, rating_count } = rows[0];
      return { ratingAverage: Math.round((rating_sum / rating_count) * 10) / 10, ratingCount: rating_count };
    });
  }

  async ratings(p: Principal, id: string): Promise<RatingView[]> {
    await this.visible(p, id);
    const rows = (await this.db.query(
      `SELECT u.display_name, s.name AS school_name, rr.stars, rr.comment, rr.updated_at
       FROM resource_rating rr JOIN app_user u ON u.id = rr.user_id LEFT JOIN school s ON s.id = u.school_id
       WHERE rr.resource_id = $1 ORDER BY rr.updated_at DESC LIMIT 50`,
      [id],
    )) as { display_name: string; school_name: string | null; stars: number; comment: string; updated_at: Date }[];
    return rows.map((r) => ({
      userName: r.display_name,
      schoolName: r.school_name,
      stars: r.stars,
      comment: r.comment,
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  // ---------- review ----------

  async reviewQueue(p: Principal, q: ReviewQueueQuery): Promise<ResourcePage> {
    const limit = q.limit ?? 30;
    const params: unknown[] = [q.state ?? 'pending'];
    const arg = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`r.review_state = $1`, `r.deleted_at IS NULL`];
    if (p.role === 'group_admin') where.push(`r.school_id = ANY(${arg(p.groupSchoolIds)}::uuid[])`);
    else if (p.role === 'school_admin') where.push(`r.school_id = ${arg(p.schoolId)}::uuid`);
    where.push(`r.author_id <> ${arg(p.userId)}::uuid`);
    const cursor = decodeCursor(q.cursor, 2);
    if (cursor) where.push(`(r.created_at, r.id) > (${arg(cursor[0])}::timestamptz, ${arg(cursor[1])}::uuid)`);
    const rows = (await this.db.query(
      `SELECT ${SUMMARY_SELECT} FROM resource r ${SUMMARY_JOINS} WHERE ${where.join(' AND ')}
       ORDER BY r.created_at, r.id LIMIT ${limit + 1}`,
      params,
    )) as SummaryRow[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const items = await Promise.all(page.map((row) => this.toSummary(p, row)));
    return { items, nextCursor: more ? encodeCursor([page[page.length - 1].ts, page[page.length - 1].id]) : null };
  }

  async review(p: Principal, id: string, dto: ReviewDto): Promise<ResourceDetailView> {
    const r = await this.visible(p, id);
    if (r.schoolId === null || !this.orgs.canAdministerSchool(p, r.schoolId)) throw AppError.forbidden();
    if (r.authorId === p.userId) throw AppError.forbidden('resources.ownReview');
    if (r.reviewState === 'none') throw AppError.badRequest('resources.notReviewable');
    const reason = dto.reason?.trim() ?? '';
    if (dto.decision === 'reject' && !reason) throw AppError.field('reason', 'resources.reasonRequired');
    await this.db.transaction(async (m) => {
      await m.getRepository(Resource).update(
        { id },
        {
          reviewState: dto.decision === 'approve' ? 'approved' : 'rejected',
          reviewReason: reason || null,
          reviewedBy: p.userId,
          reviewedAt: new Date(),
        },
      );
      await this.reindex(m, id);
    });
    return this.detail(p, id);
  }
}
