import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SubjectField, SubjectProperty, TermField, TermProperty } from '../resources/vocabulary.fields.js';
import { SCHOOL_TERMS, type Subject, type Term } from '../resources/vocabulary.js';
import {
  LECTURE_SUBJECTS,
  SERIES_VISIBILITY,
  VIDEO_STATES,
  type SeriesVisibility,
  type VideoState,
} from './lectures.entities.js';

export class LecturerDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID() userId?: string | null;
  @ApiProperty({ maxLength: 50 }) @IsString() @MinLength(1) @MaxLength(50) name: string;
  @ApiProperty({ maxLength: 50, example: '正高级教师' }) @IsString() @MaxLength(50) title: string;
  @ApiProperty({ maxLength: 100 }) @IsString() @MaxLength(100) school: string;
}

export class CreateSeriesDto {
  @ApiProperty({ maxLength: 120 }) @IsString() @MinLength(2) @MaxLength(120) title: string;
  @SubjectField({ allowed: LECTURE_SUBJECTS }) subject: Subject;
  @ApiProperty({ minimum: 1, maximum: 12 }) @IsInt() @Min(1) @Max(12) grade: number;
  @TermField({ allowed: SCHOOL_TERMS }) term: Term;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ enum: SERIES_VISIBILITY }) @IsIn(SERIES_VISIBILITY) visibility: SeriesVisibility;
  @ApiPropertyOptional({ format: 'uuid', description: 'defaults to the caller’s group' })
  @IsOptional()
  @IsUUID()
  groupId?: string;
  @ApiProperty({ type: [LecturerDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LecturerDto)
  lecturers: LecturerDto[];
}

export class SeriesQuery {
  @SubjectField({ optional: true, allowed: LECTURE_SUBJECTS }) subject?: Subject;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(12) grade?: number;
}

export class MarkerDto {
  @ApiProperty({ description: 'seconds from the start' }) @IsNumber() @Min(0) @Max(86400) at: number;
  @ApiProperty({ maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) title: string;
}

/** Decorators written one above the other, applied bottom first as stacked decorators are (validation keeps its order). */
const stacked = (...decorators: PropertyDecorator[]) => applyDecorators(...decorators.reverse());

/** An episode's textbook chapter (a catalogue chapter id), its linked resources and its chapter markers. */
const ChapterIdField = () =>
  stacked(
    ApiPropertyOptional({ maxLength: 64, nullable: true, type: String }),
    IsOptional(),
    IsString(),
    Matches(/^[\w.-]{1,64}$/),
  );
const ResourceIdsField = () =>
  stacked(ApiPropertyOptional({ type: [String] }), IsOptional(), IsArray(), ArrayMaxSize(20), IsUUID('all', { each: true }));
const MarkersField = () =>
  stacked(
    ApiPropertyOptional({ type: [MarkerDto] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => MarkerDto),
  );

export class CreateEpisodeDto {
  @ApiProperty({ maxLength: 120 }) @IsString() @MinLength(2) @MaxLength(120) title: string;
  @ApiPropertyOptional({ description: 'defaults to the next number' }) @IsOptional() @IsInt() @Min(1) @Max(9999) number?: number;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ChapterIdField() chapterId?: string | null;
  @ApiPropertyOptional({ minimum: 1, maximum: 30, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  teachingWeek?: number | null;
  @ResourceIdsField() resourceIds?: string[];
  @ApiPropertyOptional({ description: 'ISO time; defaults to now' }) @IsOptional() @IsDateString() publishAt?: string;
  @MarkersField() markers?: MarkerDto[];
}

export class UpdateEpisodeDto {
  @ApiPropertyOptional({ maxLength: 120 }) @IsOptional() @IsString() @MinLength(2) @MaxLength(120) title?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ChapterIdField() chapterId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(1) @Max(30) teachingWeek?: number | null;
  @ResourceIdsField() resourceIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsDateString() publishAt?: string;
  @MarkersField() markers?: MarkerDto[];
}

export class AttachVideoDto {
  @ApiProperty({ format: 'uuid', description: 'a finished resumable upload (purpose lecture)' }) @IsUUID() uploadId: string;
}

export class CaptionDto {
  @ApiProperty({ enum: ['zh', 'en'] }) @IsIn(['zh', 'en']) lang: 'zh' | 'en';
  @ApiProperty({ description: 'the text of a WebVTT or SRT file', maxLength: 900_000 })
  @IsString()
  @MaxLength(900_000)
  content: string;
}

export class ProgressDto {
  @ApiProperty({ description: 'playhead, seconds' }) @IsNumber() @Min(0) @Max(86400) position: number;
  @ApiProperty({ description: 'seconds actually played since the last report' }) @IsNumber() @Min(0) @Max(600) played: number;
}

export class CalendarDto {
  @ApiProperty({ minimum: 2000, maximum: 2100 }) @IsInt() @Min(2000) @Max(2100) schoolYear: number;
  @TermField({ allowed: SCHOOL_TERMS }) term: Term;
  @ApiProperty({ description: 'Monday of teaching week 1, YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) week1Monday: string;
  @ApiProperty({ minimum: 1, maximum: 30 }) @IsInt() @Min(1) @Max(30) weeks: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'defaults to the caller’s group; a platform admin names one' })
  @IsOptional()
  @IsUUID()
  groupId?: string;
}

export class CalendarQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'one group (a platform admin may name any)' })
  @IsOptional()
  @IsUUID()
  groupId?: string;
}

export class ThisWeekQuery {
  @ApiPropertyOptional({ description: 'for staff and parents; students use their own grade' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  grade?: number;
}

// ---- views ----

export class LecturerView {
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() title: string;
  @ApiProperty() school: string;
}

export class SeriesView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @SubjectProperty() subject: Subject;
  @ApiProperty() grade: number;
  @TermProperty() term: Term;
  @ApiProperty() description: string;
  @ApiProperty({ enum: SERIES_VISIBILITY }) visibility: SeriesVisibility;
  @ApiProperty({ type: [LecturerView] }) lecturers: LecturerView[];
  @ApiProperty() episodeCount: number;
  @ApiProperty() totalViews: number;
  @ApiProperty({ nullable: true, type: String }) thumbnailUrl: string | null;
  @ApiProperty() canManage: boolean;
}

export class MarkerView {
  @ApiProperty() at: number;
  @ApiProperty() title: string;
}

export class VideoStatusView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: VIDEO_STATES }) state: VideoState;
  @ApiProperty() percent: number;
  @ApiProperty() playable: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'why it failed, in the caller’s language' }) failure: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationS: number | null;
  @ApiProperty({ nullable: true, type: Number }) firstPlayableS: number | null;
  @ApiProperty() originalName: string;
  @ApiProperty() createdAt: string;
}

export class EpisodeChapterView {
  @ApiProperty() id: string;
  @ApiProperty() textbookId: string;
  @ApiProperty({ description: 'e.g. 人教版 数学 八年级上册' }) textbook: string;
  @ApiProperty({ type: [String], description: 'labels from the unit down, e.g. ["第十二章 全等三角形", "12.1 全等三角形"]' })
  path: string[];
}

export class EpisodeView {
  @ApiProperty() id: string;
  @ApiProperty() seriesId: string;
  @ApiProperty() number: number;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) chapterId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the chapter’s title path, e.g. 第十二章 全等三角形 › 12.1 全等三角形',
  })
  chapterTitle: string | null;
  @ApiProperty({ nullable: true, type: EpisodeChapterView }) chapter: EpisodeChapterView | null;
  @ApiProperty({ nullable: true, type: Number }) teachingWeek: number | null;
  @ApiProperty({ type: [String] }) resourceIds: string[];
  @ApiProperty() publishAt: string;
  @ApiProperty() published: boolean;
  @ApiProperty() views: number;
  @ApiProperty({ nullable: true, type: Number }) durationS: number | null;
  @ApiProperty() playable: boolean;
  @ApiProperty({ nullable: true, type: String }) thumbnailUrl: string | null;
  @ApiProperty({ type: [MarkerView] }) markers: MarkerView[];
  @ApiProperty({ nullable: true, type: VideoStatusView, description: 'the newest upload (managers only)' })
  processing: VideoStatusView | null;
}

export class SeriesDetailView extends SeriesView {
  @ApiProperty({ type: [EpisodeView] }) episodes: EpisodeView[];
}

export class EpisodeDetailView {
  @ApiProperty({ type: EpisodeView }) episode: EpisodeView;
  @ApiProperty({ type: SeriesView }) series: SeriesView;
  @ApiProperty({ description: 'the caller may edit this episode' }) canManage: boolean;
}

export class CaptionView {
  @ApiProperty({ enum: ['zh', 'en'] }) lang: 'zh' | 'en';
  @ApiProperty() label: string;
  @ApiProperty() url: string;
}

export class RenditionView {
  @ApiProperty() name: string;
  @ApiProperty() height: number;
  @ApiProperty() width: number;
}

export class StoryboardView {
  @ApiProperty() url: string;
  @ApiProperty() interval: number;
  @ApiProperty() count: number;
  @ApiProperty() columns: number;
  @ApiProperty() rows: number;
  @ApiProperty() tileWidth: number;
  @ApiProperty() tileHeight: number;
}

export class PlaybackView {
  @ApiProperty({ type: EpisodeView }) episode: EpisodeView;
  @ApiProperty() seriesTitle: string;
  @ApiProperty({ description: 'API path of the master playlist' }) masterUrl: string;
  @ApiProperty({ nullable: true, type: String }) audioOnlyUrl: string | null;
  @ApiProperty({
    description:
      'API path of the master playlist behind a signed link (no Authorization header needed: native HLS in Safari/iOS); expires with the segment URLs',
  })
  linkMasterUrl: string;
  @ApiProperty({ nullable: true, type: String, description: 'the audio-only playlist behind the same signed link' })
  linkAudioOnlyUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) posterUrl: string | null;
  @ApiProperty({ nullable: true, type: StoryboardView }) storyboard: StoryboardView | null;
  @ApiProperty({ type: [CaptionView] }) captions: CaptionView[];
  @ApiProperty({ type: [RenditionView] }) renditions: RenditionView[];
  @ApiProperty({ description: 'where this viewer left off, seconds' }) resumeAt: number;
  @ApiProperty() canManage: boolean;
  @ApiProperty({ description: 'false while the ladder is still being encoded (playable already; storyboard comes when ready)' })
  ready: boolean;
}

export class WatchItemView {
  @ApiProperty() episodeId: string;
  @ApiProperty() seriesId: string;
  @ApiProperty() seriesTitle: string;
  @ApiProperty() number: number;
  @ApiProperty() title: string;
  @ApiProperty() positionS: number;
  @ApiProperty() durationS: number;
  @ApiProperty() watchedS: number;
  @ApiProperty() completed: boolean;
  @ApiProperty() lastAt: string;
  @ApiProperty({ nullable: true, type: String }) thumbnailUrl: string | null;
}

export class ThisWeekView {
  @ApiProperty({ nullable: true, type: Number }) week: number | null;
  @ApiProperty({ nullable: true, type: Number }) grade: number | null;
  @ApiProperty({ type: [EpisodeView] }) episodes: EpisodeView[];
  @ApiProperty({ type: [String], description: 'series titles by episode id' }) seriesTitles: string[];
}

export class CountView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() views: number;
}

export class EpisodeStatsView {
  @ApiProperty() episodeId: string;
  @ApiProperty() views: number;
  @ApiProperty() uniqueViewers: number;
  @ApiProperty() totalWatchS: number;
  @ApiProperty() averageWatchS: number;
  @ApiProperty({ description: '0..1 of viewers who finished' }) completionRate: number;
  @ApiProperty({ type: [CountView] }) bySchool: CountView[];
  @ApiProperty({ type: [CountView] }) byLocality: CountView[];
}

export class CalendarView {
  @ApiProperty() id: string;
  @ApiProperty() groupId: string;
  @ApiProperty() schoolYear: number;
  @TermProperty() term: Term;
  @ApiProperty() week1Monday: string;
  @ApiProperty() weeks: number;
  @ApiProperty({ nullable: true, type: Number, description: 'teaching week of today, if inside this term' }) currentWeek:
    number | null;
}

export class OkView {
  @ApiProperty() ok: boolean;
}
