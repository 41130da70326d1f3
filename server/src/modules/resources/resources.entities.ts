import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Subject, Term } from './vocabulary.js';

export const RESOURCE_KINDS = [
  'lesson_plan',
  'courseware',
  'exercise',
  'exam_paper',
  'teaching_design',
  'micro_lesson',
  'image',
  'audio',
  'other',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const VISIBILITIES = ['private', 'school', 'group', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const AUDIENCES = ['teachers_only', 'everyone'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const REVIEW_STATES = ['none', 'pending', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const PREVIEW_STATES = ['pending', 'ready', 'unavailable', 'failed'] as const;
export type PreviewState = (typeof PREVIEW_STATES)[number];
export const LICENSES = ['all_rights_reserved', 'cc_by', 'cc_by_sa', 'cc_by_nc', 'cc_by_nc_sa', 'cc0'] as const;
export type License = (typeof LICENSES)[number];
/** blob kinds (from the uploads module's sniffing) a resource file may have */
export const RESOURCE_FILE_KINDS = ['pdf', 'image', 'audio', 'video', 'word', 'presentation', 'spreadsheet', 'archive', 'text'];

/** One printed volume (册) of a textbook edition, e.g. 人教版 数学 七年级上册 (2024 revision). */
@Entity('textbook')
export class Textbook {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** natural key: subject|edition|stage|volume|revision */
  @Column({ type: 'text', name: 'natural_key' }) naturalKey: string;
  @Column({ type: 'varchar', length: 20 }) subject: Subject;
  @Column({ type: 'varchar', length: 40 }) edition: string;
  @Column({ type: 'varchar', length: 60, default: '' }) publisher: string;
  /** 小学 / 初中 / 高中 */
  @Column({ type: 'varchar', length: 10 }) stage: string;
  @Column({ type: 'smallint' }) grade: number;
  /** 上 / 下 / 全一册 */
  @Column({ type: 'varchar', length: 10 }) term: Term;
  /** 册, e.g. 七年级上册 */
  @Column({ type: 'varchar', length: 40 }) volume: string;
  @Column({ type: 'text', default: '' }) revision: string;
  @Column({ type: 'varchar', length: 20, default: '' }) confidence: string;
  @Column({ type: 'text', array: true, name: 'source_ids', default: () => "'{}'" }) sourceIds: string[];
  @Column({ type: 'varchar', length: 20, nullable: true }) isbn: string | null;
  @Column({ type: 'int', default: 0 }) position: number;
}

/** A node of a volume's table of contents: level 1 = 单元/章, level 2 = 节/课. */
@Entity('chapter')
export class Chapter {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'textbook_id' }) textbookId: string;
  @Column({ type: 'uuid', name: 'parent_id', nullable: true }) parentId: string | null;
  /** stable within the textbook: "3" for the third unit, "3.2" for its second lesson */
  @Column({ type: 'varchar', length: 20 }) key: string;
  @Column({ type: 'smallint' }) level: number;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'varchar', length: 20, nullable: true }) number: string | null;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) kind: string | null;
  @Column({ type: 'int', nullable: true }) page: number | null;
}

@Entity('resource')
export class Resource {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'varchar', length: 20 }) kind: ResourceKind;
  @Column({ type: 'varchar', length: 20 }) subject: Subject;
  @Column({ type: 'smallint', array: true, default: () => "'{}'" }) grades: number[];
  @Column({ type: 'uuid', name: 'textbook_id', nullable: true }) textbookId: string | null;
  @Column({ type: 'uuid', name: 'chapter_id', nullable: true }) chapterId: string | null;
  /** the level-1 ancestor of chapter_id (or chapter_id itself), so a unit lists its lessons' resources by index */
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags: string[];
  @Column({ type: 'varchar', length: 20 }) license: License;
  @Column({ type: 'uuid', name: 'author_id' }) authorId: string;
  @Column({ type: 'uuid', name: 'school_id', nullable: true }) schoolId: string | null;
  @Column({ type: 'varchar', length: 10 }) visibility: Visibility;
  @Column({ type: 'varchar', length: 20 }) audience: Audience;
  @Column({ type: 'varchar', length: 10, name: 'review_state' }) reviewState: ReviewState;
  @Column({ type: 'varchar', length: 500, name: 'review_reason', nullable: true }) reviewReason: string | null;
  @Column({ type: 'uuid', name: 'reviewed_by', nullable: true }) reviewedBy: string | null;
  @Column({ type: 'timestamptz', name: 'reviewed_at', nullable: true }) reviewedAt: Date | null;
  @Column({ type: 'int', name: 'view_count', default: 0 }) viewCount: number;
  @Column({ type: 'int', name: 'download_count', default: 0 }) downloadCount: number;
  @Column({ type: 'int', name: 'favourite_count', default: 0 }) favouriteCount: number;
  @Column({ type: 'int', name: 'rating_count', default: 0 }) ratingCount: number;
  @Column({ type: 'int', name: 'rating_sum', default: 0 }) ratingSum: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'timestamptz', name: 'deleted_at', nullable: true }) deletedAt: Date | null;
}

/** One file of a resource; its content lives in versions, the latest being the default download. */
@Entity('resource_file')
export class ResourceFile {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'resource_id' }) resourceId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'uuid', name: 'latest_version_id', nullable: true }) latestVersionId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('resource_version')
export class ResourceVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'file_id' }) fileId: string;
  @Column({ type: 'uuid', name: 'resource_id' }) resourceId: string;
  @Column({ type: 'int' }) number: number;
  @Column({ type: 'uuid', name: 'blob_id' }) blobId: string;
  @Column({ type: 'varchar', length: 255, name: 'file_name' }) fileName: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) size: number;
  @Column({ type: 'varchar', length: 120 }) mime: string;
  @Column({ type: 'varchar', length: 20, name: 'file_kind' }) fileKind: string;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'text', name: 'storage_key' }) storageKey: string;
  @Column({ type: 'varchar', length: 500, name: 'change_note', default: '' }) changeNote: string;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'varchar', length: 12, name: 'preview_state' }) previewState: PreviewState;
  @Column({ type: 'text', name: 'preview_key', nullable: true }) previewKey: string | null;
  @Column({ type: 'text', name: 'thumbnail_key', nullable: true }) thumbnailKey: string | null;
  @Column({ type: 'varchar', length: 500, name: 'preview_error', nullable: true }) previewError: string | null;
}

@Entity('resource_favourite')
export class ResourceFavourite {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId: string;
  @PrimaryColumn({ type: 'uuid', name: 'resource_id' }) resourceId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('resource_rating')
export class ResourceRating {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId: string;
  @PrimaryColumn({ type: 'uuid', name: 'resource_id' }) resourceId: string;
  @Column({ type: 'smallint' }) stars: number;
  @Column({ type: 'varchar', length: 200, default: '' }) comment: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Every download, with the downloader's school: analytics follows resources from city to village. */
@Entity('resource_download')
export class ResourceDownload {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'resource_id' }) resourceId: string;
  @Column({ type: 'uuid', name: 'version_id' }) versionId: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'varchar', length: 20 }) role: string;
  @Column({ type: 'uuid', name: 'school_id', nullable: true }) schoolId: string | null;
  /** the resource author's school at download time */
  @Column({ type: 'uuid', name: 'source_school_id', nullable: true }) sourceSchoolId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
