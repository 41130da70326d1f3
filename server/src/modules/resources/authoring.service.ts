import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { JobsService } from '../jobs/jobs.service.js';
import { BlobsService, type StoredBlob } from '../storage/index.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { FileRepository } from './files.repository.js';
import { ResourceViews } from './resource-views.js';
import { ResourceAccess } from './resources.access.js';
import type { CreateResourceDto, NewVersionDto, ResourceDetailView, UpdateResourceDto } from './resources.dto.js';
import {
  RESOURCE_FILE_KINDS,
  type Resource,
  type ResourceFile,
  type ReviewState,
  type Visibility,
} from './resources.entities.js';
import { PREVIEW_QUEUE } from './resources.jobs.js';
import { ResourceRepository } from './resources.repository.js';
import { ResourceSearchIndex } from './resources.search.js';
import { SUBJECT_NAMES, type Subject } from './vocabulary.js';

const MAX_FILES = 10;

/** Sharing beyond the school goes through review first. */
function reviewStateFor(visibility: Visibility): ReviewState {
  return visibility === 'group' || visibility === 'public' ? 'pending' : 'none';
}

const cleanTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
const cleanGrades = (grades: number[]) => [...new Set(grades)].sort((a, b) => a - b);
const needsSchool = (visibility: Visibility | undefined) => visibility === 'school' || visibility === 'group';

/** Writing resources: create, update, delete, files and their versions (each new version queues its preview). */
@Injectable()
export class AuthoringService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly blobs: BlobsService,
    private readonly jobs: JobsService,
    private readonly access: ResourceAccess,
    private readonly resources: ResourceRepository,
    private readonly files: FileRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly index: ResourceSearchIndex,
    private readonly views: ResourceViews,
  ) {}

  /** Where the resource hangs in the catalogue: a textbook of its subject and, optionally, one of its chapters. */
  private async placement(dto: { subject: Subject; textbookId?: string; chapterId?: string }) {
    if (dto.chapterId && !dto.textbookId) throw AppError.field('chapterId', 'resources.chapterNeedsTextbook');
    if (!dto.textbookId) return { textbookId: null, chapterId: null, unitId: null };
    const textbook = await this.catalogue.textbook(dto.textbookId);
    if (!textbook) throw AppError.field('textbookId', 'resources.textbookNotFound');
    if (textbook.subject !== dto.subject)
      throw AppError.field('subject', 'resources.subjectMismatch', {
        subject: textbook.subject,
        subjectZh: SUBJECT_NAMES[textbook.subject].zh,
        subjectEn: SUBJECT_NAMES[textbook.subject].en,
      });
    if (!dto.chapterId) return { textbookId: textbook.id, chapterId: null, unitId: null };
    const chapter = await this.catalogue.chapter(dto.chapterId);
    if (!chapter || chapter.textbookId !== textbook.id) throw AppError.field('chapterId', 'resources.chapterOutsideTextbook');
    return { textbookId: textbook.id, chapterId: chapter.id, unitId: chapter.parentId ?? chapter.id };
  }

  async create(p: Principal, dto: CreateResourceDto): Promise<ResourceDetailView> {
    const place = await this.placement(dto);
    if (needsSchool(dto.visibility) && !p.schoolId) throw AppError.field('visibility', 'resources.noSchool');
    const tags = cleanTags(dto.tags ?? []);
    const id = await this.db.transaction(async (m) => {
      const r = await this.resources.insert(m, {
        title: dto.title.trim(),
        description: dto.description?.trim() ?? '',
        kind: dto.kind,
        subject: dto.subject,
        grades: cleanGrades(dto.grades),
        ...place,
        tags,
        license: dto.license,
        authorId: p.userId,
        schoolId: p.schoolId,
        visibility: dto.visibility,
        audience: dto.audience,
        reviewState: reviewStateFor(dto.visibility),
      });
      let position = 0;
      for (const f of dto.files) await this.addFileIn(m, p, r.id, ++position, f.uploadId, '');
      await this.index.reindex(m, r.id);
      return r.id;
    });
    return this.views.detail(p, id);
  }

  private async addFileIn(m: EntityManager, p: Principal, resourceId: string, position: number, uploadId: string, note: string) {
    const file = await this.files.insertFile(m, resourceId, position);
    const blob = await this.blobs.claim(p, uploadId, RESOURCE_FILE_KINDS, m);
    await this.addVersionIn(m, p, file, 1, blob, note);
  }

  private async addVersionIn(m: EntityManager, p: Principal, file: ResourceFile, number: number, blob: StoredBlob, note: string) {
    const version = await this.files.insertVersion(m, {
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
    });
    await this.jobs.enqueue(PREVIEW_QUEUE, { versionId: version.id }, { manager: m, singletonKey: version.id });
  }

  async update(p: Principal, id: string, dto: UpdateResourceDto): Promise<ResourceDetailView> {
    const r = await this.access.requireEditable(p, id);
    if (needsSchool(dto.visibility) && !r.schoolId) throw AppError.field('visibility', 'resources.noSchool');
    const patch: Partial<Resource> = {};
    if (dto.title !== undefined) patch.title = dto.title.trim();
    if (dto.description !== undefined) patch.description = dto.description.trim();
    if (dto.kind !== undefined) patch.kind = dto.kind;
    if (dto.grades !== undefined) patch.grades = cleanGrades(dto.grades);
    if (dto.subject !== undefined || dto.textbookId !== undefined || dto.chapterId !== undefined) {
      const subject = dto.subject ?? r.subject;
      const textbookId = dto.textbookId !== undefined ? dto.textbookId : r.textbookId;
      // a new textbook drops the old chapter unless a chapter is given with it
      const chapterId = dto.chapterId !== undefined ? dto.chapterId : textbookId === r.textbookId ? r.chapterId : null;
      const place = await this.placement({ subject, textbookId: textbookId ?? undefined, chapterId: chapterId ?? undefined });
      Object.assign(patch, { subject }, place);
    }
    if (dto.tags !== undefined) patch.tags = cleanTags(dto.tags);
    if (dto.license !== undefined) patch.license = dto.license;
    if (dto.audience !== undefined) patch.audience = dto.audience;
    if (dto.visibility !== undefined && dto.visibility !== r.visibility) {
      patch.visibility = dto.visibility;
      const next = reviewStateFor(dto.visibility);
      // widening to group/public asks for a new review; narrowing needs none
      patch.reviewState = next === 'pending' && r.reviewState === 'approved' && r.visibility === 'public' ? 'approved' : next;
      if (patch.reviewState !== r.reviewState) Object.assign(patch, { reviewReason: null, reviewedBy: null, reviewedAt: null });
    }
    if (Object.keys(patch).length)
      await this.db.transaction(async (m) => {
        await this.resources.update(m, id, patch);
        await this.index.reindex(m, id);
      });
    return this.views.detail(p, id);
  }

  async remove(p: Principal, id: string): Promise<void> {
    await this.access.requireEditable(p, id);
    await this.db.transaction(async (m) => {
      if (!(await this.resources.softDelete(m, id))) return;
      for (const v of await this.files.versionsOf(m, id)) await this.blobs.release(v.blobId, m);
      await this.index.reindex(m, id);
    });
  }

  async addFile(p: Principal, id: string, dto: NewVersionDto): Promise<ResourceDetailView> {
    const r = await this.access.requireEditable(p, id);
    await this.db.transaction(async (m) => {
      await this.resources.lock(m, id);
      const count = await this.files.countFiles(m, id);
      if (count >= MAX_FILES) throw AppError.badRequest('resources.tooManyFiles', { n: MAX_FILES });
      await this.addFileIn(m, p, id, count + 1, dto.uploadId, dto.changeNote?.trim() ?? '');
      await this.afterContentChange(m, r);
    });
    return this.views.detail(p, id);
  }

  async addVersion(p: Principal, id: string, fileId: string, dto: NewVersionDto): Promise<ResourceDetailView> {
    const r = await this.access.requireEditable(p, id);
    await this.db.transaction(async (m) => {
      const file = await this.files.lockFile(m, id, fileId);
      if (!file) throw AppError.notFound('resources.fileNotFound');
      const n = await this.files.lastVersionNumber(m, fileId);
      const blob = await this.blobs.claim(p, dto.uploadId, RESOURCE_FILE_KINDS, m);
      await this.addVersionIn(m, p, file, n + 1, blob, dto.changeNote?.trim() ?? '');
      await this.afterContentChange(m, r);
    });
    return this.views.detail(p, id);
  }

  /** New content in a shared resource goes back through review. */
  private async afterContentChange(m: EntityManager, r: Resource) {
    const patch: Partial<Resource> = { updatedAt: new Date() };
    if (r.visibility === 'group' || r.visibility === 'public')
      Object.assign(patch, { reviewState: 'pending', reviewReason: null, reviewedBy: null, reviewedAt: null });
    await this.resources.update(m, r.id, patch);
    await this.index.reindex(m, r.id);
  }
}
