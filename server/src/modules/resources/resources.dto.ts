import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination.js';
import {
  AUDIENCES,
  LICENSES,
  PREVIEW_STATES,
  RESOURCE_KINDS,
  REVIEW_STATES,
  VISIBILITIES,
  type Audience,
  type License,
  type PreviewState,
  type ResourceKind,
  type ReviewState,
  type Visibility,
} from './resources.entities.js';
import { SubjectField, SubjectProperty, TermProperty } from './vocabulary.fields.js';
import type { Subject, Term } from './vocabulary.js';

/**
 * Decorators applied as if stacked above a field in this order (applyDecorators runs them first
 * to last; stacked ones run bottom-up), so validation stops at the same first error.
 */
const stacked = (...decorators: PropertyDecorator[]) => applyDecorators(...decorators.reverse());

/** Grades 1–12, one to twelve of them. */
function GradesField(optional: boolean) {
  const doc = { type: [Number], description: '1–12 (一年级 … 高三)' } satisfies ApiPropertyOptions;
  return stacked(
    optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(optional ? [IsOptional()] : []),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(12),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(12, { each: true }),
  );
}

/** Up to ten tags of 1–20 characters. */
const TagsField = () =>
  stacked(
    ApiPropertyOptional({ type: [String] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(10),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(20, { each: true }),
  );

// ---------- catalogue ----------

export class TextbookView {
  @ApiProperty() id: string;
  @SubjectProperty() subject: Subject;
  @ApiProperty() edition: string;
  @ApiProperty() publisher: string;
  @ApiProperty({ description: '小学 / 初中 / 高中' }) stage: string;
  @ApiProperty() grade: number;
  @TermProperty() term: Term;
  @ApiProperty({ description: '册, e.g. 七年级上册' }) volume: string;
  @ApiProperty() revision: string;
  @ApiProperty({ description: 'high / medium / secondary / low: how well the chapter names are sourced' })
  confidence: string;
}

export class ChapterNodeView {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty({ description: '1 = 单元/章, 2 = 节/课' }) level: number;
  @ApiProperty() position: number;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) kind: string | null;
  @ApiProperty({ type: Number, nullable: true }) page: number | null;
  @ApiProperty({ description: 'resources the caller can see here, lessons included for a unit' }) resourceCount: number;
}

export class ChapterTreeView {
  @ApiProperty({ type: TextbookView }) textbook: TextbookView;
  @ApiProperty({ type: [ChapterNodeView], description: 'flat, in reading order; rebuild the tree with parentId' })
  chapters: ChapterNodeView[];
  @ApiProperty({ description: 'resources the caller can see in the whole volume' }) resourceCount: number;
}

export class CatalogueImportDto {
  @ApiProperty({ description: 'editions → volumes → units → sections, the shape of data/chapters.json' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  editions: unknown[];
  @ApiPropertyOptional() @IsOptional() @Allow() schema_version?: unknown;
  @ApiPropertyOptional() @IsOptional() @Allow() generated_at?: unknown;
  @ApiPropertyOptional() @IsOptional() @Allow() description?: unknown;
  @ApiPropertyOptional() @IsOptional() @Allow() sources?: unknown;
  @ApiPropertyOptional() @IsOptional() @Allow() corrections?: unknown;
}

export class CatalogueImportView {
  @ApiProperty() textbooks: number;
  @ApiProperty() chaptersCreated: number;
  @ApiProperty() chaptersUpdated: number;
}

// ---------- resources ----------

const toArray = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : Array.isArray(value) ? value : String(value).split(',').filter(Boolean);

export class NewFileDto {
  @ApiProperty({ format: 'uuid', description: 'a finished upload (purpose "resource")' }) @IsUUID() uploadId: string;
}

export class CreateResourceDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(2) @MaxLength(200) title: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ enum: RESOURCE_KINDS }) @IsIn(RESOURCE_KINDS) kind: ResourceKind;
  @SubjectField() subject: Subject;
  @GradesField(false) grades: number[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() textbookId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'must belong to textbookId' }) @IsOptional() @IsUUID() chapterId?: string;
  @TagsField() tags?: string[];
  @ApiProperty({ enum: LICENSES }) @IsIn(LICENSES) license: License;
  @ApiProperty({ enum: VISIBILITIES }) @IsIn(VISIBILITIES) visibility: Visibility;
  @ApiProperty({ enum: AUDIENCES }) @IsIn(AUDIENCES) audience: Audience;
  @ApiProperty({ type: [NewFileDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => NewFileDto)
  files: NewFileDto[];
}

export class UpdateResourceDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MinLength(2) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ enum: RESOURCE_KINDS }) @IsOptional() @IsIn(RESOURCE_KINDS) kind?: ResourceKind;
  @SubjectField({ optional: true }) subject?: Subject;
  @GradesField(true) grades?: number[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: no textbook (and no chapter)' })
  @IsOptional()
  @IsUUID()
  textbookId?: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'must belong to the textbook; null: no chapter; left out: kept unless the textbook changes',
  })
  @IsOptional()
  @IsUUID()
  chapterId?: string | null;
  @TagsField() tags?: string[];
  @ApiPropertyOptional({ enum: LICENSES }) @IsOptional() @IsIn(LICENSES) license?: License;
  @ApiPropertyOptional({ enum: VISIBILITIES }) @IsOptional() @IsIn(VISIBILITIES) visibility?: Visibility;
  @ApiPropertyOptional({ enum: AUDIENCES }) @IsOptional() @IsIn(AUDIENCES) audience?: Audience;
}

export class NewVersionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() uploadId: string;
  @ApiPropertyOptional({ maxLength: 500, description: 'what changed' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  changeNote?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) decision: 'approve' | 'reject';
  @ApiPropertyOptional({ maxLength: 500, description: 'required when rejecting' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RatingDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) stars: number;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) comment?: string;
}

export class DownloadDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'default: the first file' }) @IsOptional() @IsUUID() fileId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'default: the latest version' })
  @IsOptional()
  @IsUUID()
  versionId?: string;
}

export class ResourceQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() textbookId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'a unit lists its lessons’ resources too' })
  @IsOptional()
  @IsUUID()
  chapterId?: string;
  @ApiPropertyOptional({ enum: RESOURCE_KINDS, isArray: true })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(9)
  @IsIn(RESOURCE_KINDS, { each: true })
  kind?: ResourceKind[];
  @ApiPropertyOptional({ format: 'uuid', description: 'author’s school' }) @IsOptional() @IsUUID() schoolId?: string;
  @SubjectField({ optional: true }) subject?: Subject;
  @ApiPropertyOptional({ minimum: 1, maximum: 12 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  grade?: number;
  @ApiPropertyOptional({ maxLength: 100, description: 'keywords (search engine)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: ['all', 'mine', 'favourites'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'mine', 'favourites'])
  scope?: 'all' | 'mine' | 'favourites';
}

export class ReviewQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  state?: 'pending' | 'approved' | 'rejected';
}

export class FavouriteDto {
  @ApiProperty() @IsBoolean() favourite: boolean;
}

export class VersionView {
  @ApiProperty() id: string;
  @ApiProperty() fileId: string;
  @ApiProperty() number: number;
  @ApiProperty() fileName: string;
  @ApiProperty() size: number;
  @ApiProperty() mime: string;
  @ApiProperty({ description: 'pdf, image, audio, video, word, presentation, spreadsheet, archive, text' }) fileKind: string;
  @ApiProperty() changeNote: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdByName: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ enum: PREVIEW_STATES }) previewState: PreviewState;
}

export class FileView {
  @ApiProperty() id: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: VersionView, description: 'the default download' }) latest: VersionView;
  @ApiProperty({ type: [VersionView], description: 'newest first' }) versions: VersionView[];
}

export class ResourceSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: RESOURCE_KINDS }) kind: ResourceKind;
  @SubjectProperty() subject: Subject;
  @ApiProperty({ type: [Number] }) grades: number[];
  @ApiProperty({ type: String, nullable: true }) textbookId: string | null;
  @ApiProperty({ type: String, nullable: true }) chapterId: string | null;
  @ApiProperty({ type: String, nullable: true }) chapterTitle: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() authorId: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ type: String, nullable: true }) schoolId: string | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({ enum: AUDIENCES }) audience: Audience;
  @ApiProperty({ enum: REVIEW_STATES }) reviewState: ReviewState;
  @ApiProperty({ type: String, nullable: true, description: 'shown to the author and reviewers only' })
  reviewReason: string | null;
  @ApiProperty() viewCount: number;
  @ApiProperty() downloadCount: number;
  @ApiProperty() favouriteCount: number;
  @ApiProperty() ratingCount: number;
  @ApiProperty({ type: Number, nullable: true }) ratingAverage: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'main file kind' }) fileKind: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'short-lived URL of a small picture' }) thumbnailUrl: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ResourcePage extends PageOf(ResourceSummaryView) {
  @ApiPropertyOptional({ description: 'total matches (keyword search only)' }) total?: number;
}

export class ChapterRefView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() level: number;
}

export class MyRatingView {
  @ApiProperty() stars: number;
  @ApiProperty() comment: string;
}

export class ResourceDetailView extends ResourceSummaryView {
  @ApiProperty() description: string;
  @ApiProperty({ enum: LICENSES }) license: License;
  @ApiProperty({ type: TextbookView, nullable: true }) textbook: TextbookView | null;
  @ApiProperty({ type: [ChapterRefView], description: 'from unit down to the lesson' }) chapterPath: ChapterRefView[];
  @ApiProperty({ type: [FileView] }) files: FileView[];
  @ApiProperty() favourite: boolean;
  @ApiProperty({ type: MyRatingView, nullable: true }) myRating: MyRatingView | null;
  @ApiProperty() canEdit: boolean;
  @ApiProperty() canReview: boolean;
}

export class RatingView {
  @ApiProperty() userName: string;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty() stars: number;
  @ApiProperty() comment: string;
  @ApiProperty() updatedAt: string;
}

export class PreviewView {
  @ApiProperty({ enum: ['pdf', 'image', 'audio', 'video', 'text', 'none'] })
  mode: 'pdf' | 'image' | 'audio' | 'video' | 'text' | 'none';
  @ApiProperty({ enum: PREVIEW_STATES }) state: PreviewState;
  @ApiProperty({ type: String, nullable: true, description: 'short-lived, inline' }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) expiresAt: string | null;
}

export class DownloadView {
  @ApiProperty({ description: 'short-lived URL; the browser saves the file under its name' }) url: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty() fileName: string;
  @ApiProperty() versionId: string;
}

export class TextbookQuery {
  @SubjectField({ optional: true }) subject?: Subject;
  @ApiPropertyOptional({ maxLength: 10 }) @IsOptional() @IsString() @MaxLength(10) stage?: string;
}

export class FavouriteView {
  @ApiProperty() favourite: boolean;
  @ApiProperty() favouriteCount: number;
}

export class RatingSummaryView {
  @ApiProperty() ratingAverage: number;
  @ApiProperty() ratingCount: number;
}
