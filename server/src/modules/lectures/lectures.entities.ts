import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SUBJECTS, type Subject, type Term } from '../resources/vocabulary.js';

/**
 * The subjects a lecture series may be filed under: the catalogue's vocabulary as the lectures API
 * has offered it so far (its enum in the OpenAPI document). The catalogue's newer subjects (music,
 * art, pe, it) join when the API may change.
 */
export const LECTURE_SUBJECTS = SUBJECTS.filter((s) => !['music', 'art', 'pe', 'it'].includes(s));
export const SERIES_VISIBILITY = ['public', 'group'] as const;
export type SeriesVisibility = (typeof SERIES_VISIBILITY)[number];
export const VIDEO_STATES = ['queued', 'probing', 'transcoding', 'ready', 'failed'] as const;
export type VideoState = (typeof VIDEO_STATES)[number];

export interface Lecturer {
  userId: string | null;
  name: string;
  /** e.g. 正高级教师, 特级教师, 市名师 */
  title: string;
  school: string;
}

export interface ChapterMarker {
  /** seconds from the start */
  at: number;
  title: string;
}

export interface CaptionTrack {
  lang: 'zh' | 'en';
  label: string;
  key: string;
}

/** A caption track is named in its own language, as players list it: the same for every viewer. */
export const CAPTION_LABELS: Record<CaptionTrack['lang'], string> = { zh: '中文', en: 'English' };

export interface RenditionRow {
  name: string;
  kind: 'video' | 'audio';
  width: number;
  height: number;
  bitrate: number;
  bandwidth: number;
  codecs: string;
}

export interface StoryboardRow {
  key: string;
  interval: number;
  count: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

@Entity('lecture_series')
export class LectureSeries {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 120 }) title: string;
  @Column({ type: 'varchar', length: 20 }) subject: Subject;
  @Column({ type: 'smallint' }) grade: number;
  @Column({ type: 'varchar', length: 10 }) term: Term;
  @Column({ type: 'varchar', length: 2000, default: '' }) description: string;
  @Column({ type: 'varchar', length: 10 }) visibility: SeriesVisibility;
  @Index() @Column({ type: 'uuid', name: 'group_id', nullable: true }) groupId: string | null;
  @Column({ type: 'uuid', name: 'school_id', nullable: true }) schoolId: string | null;
  @Column({ type: 'jsonb', default: [] }) lecturers: Lecturer[];
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('lecture_episode')
@Index(['seriesId', 'number'], { unique: true })
export class LectureEpisode {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'series_id' }) seriesId: string;
  @Column({ type: 'int' }) number: number;
  @Column({ type: 'varchar', length: 120 }) title: string;
  @Column({ type: 'varchar', length: 2000, default: '' }) description: string;
  /** textbook chapter id of the resources catalogue */
  @Column({ type: 'varchar', length: 64, name: 'chapter_id', nullable: true }) chapterId: string | null;
  @Column({ type: 'smallint', name: 'teaching_week', nullable: true }) teachingWeek: number | null;
  @Column({ type: 'uuid', array: true, name: 'resource_ids', default: () => "'{}'" }) resourceIds: string[];
  @Column({ type: 'uuid', name: 'teacher_id' }) teacherId: string;
  @Column({ type: 'timestamptz', name: 'publish_at' }) publishAt: Date;
  @Column({ type: 'jsonb', default: [] }) markers: ChapterMarker[];
  @Column({ type: 'jsonb', default: [] }) captions: CaptionTrack[];
  /** the video being played (ready); a replacement takes its place once ready */
  @Column({ type: 'uuid', name: 'video_id', nullable: true }) videoId: string | null;
  @Column({ type: 'int', default: 0 }) views: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('lecture_video')
export class LectureVideo {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column({ type: 'uuid', name: 'episode_id' }) episodeId: string;
  @Column({ type: 'varchar', length: 500, name: 'source_key' }) sourceKey: string;
  @Column({ type: 'uuid', name: 'source_blob_id', nullable: true }) sourceBlobId: string | null;
  @Column({ type: 'bigint', name: 'source_size', default: 0 }) sourceSize: string;
  @Column({ type: 'varchar', length: 200, name: 'original_name', default: '' }) originalName: string;
  @Column({ type: 'varchar', length: 12 }) state: VideoState;
  @Column({ type: 'smallint', default: 0 }) percent: number;
  /** message key of a failure; the view translates it */
  @Column({ type: 'varchar', length: 100, name: 'failure_key', nullable: true }) failureKey: string | null;
  @Column({ type: 'jsonb', name: 'failure_params', default: {} }) failureParams: Record<string, string | number>;
  @Column({ type: 'uuid', name: 'job_id', nullable: true }) jobId: string | null;
  /** objects of the current attempt live under this prefix; older attempts are deleted */
  @Column({ type: 'varchar', length: 300, name: 'output_prefix', nullable: true }) outputPrefix: string | null;
  /** segments of every rendition are in the store: can be watched while the ladder finishes */
  @Column({ type: 'boolean', default: false }) playable: boolean;
  @Column({ type: 'real', name: 'duration_s', nullable: true }) durationS: number | null;
  @Column({ type: 'int', nullable: true }) width: number | null;
  @Column({ type: 'int', nullable: true }) height: number | null;
  @Column({ type: 'boolean', name: 'has_audio', nullable: true }) hasAudio: boolean | null;
  @Column({ type: 'jsonb', default: [] }) renditions: RenditionRow[];
  @Column({ type: 'varchar', length: 300, name: 'poster_key', nullable: true }) posterKey: string | null;
  @Column({ type: 'varchar', length: 300, name: 'thumbnail_key', nullable: true }) thumbnailKey: string | null;
  @Column({ type: 'jsonb', nullable: true }) storyboard: StoryboardRow | null;
  @Column({ type: 'real', name: 'first_playable_s', nullable: true }) firstPlayableS: number | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'timestamptz', name: 'ready_at', nullable: true }) readyAt: Date | null;
}

/** Maps teaching weeks of a term to dates, per group. */
@Entity('lecture_term_calendar')
@Index(['groupId', 'schoolYear', 'term'], { unique: true })
export class TermCalendar {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'group_id' }) groupId: string;
  /** e.g. 2026 for 2026–2027 */
  @Column({ type: 'smallint', name: 'school_year' }) schoolYear: number;
  @Column({ type: 'varchar', length: 10 }) term: Term;
  /** Monday of teaching week 1 */
  @Column({ type: 'date', name: 'week1_monday' }) week1Monday: string;
  @Column({ type: 'smallint' }) weeks: number;
}

@Entity('lecture_watch')
export class LectureWatch {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId: string;
  @PrimaryColumn({ type: 'uuid', name: 'episode_id' }) episodeId: string;
  @Column({ type: 'real', name: 'position_s', default: 0 }) positionS: number;
  @Column({ type: 'real', name: 'duration_s', default: 0 }) durationS: number;
  @Column({ type: 'real', name: 'watched_s', default: 0 }) watchedS: number;
  @Column({ type: 'boolean', default: false }) completed: boolean;
  @Column({ type: 'bigint', name: 'window_no', default: 0 }) windowNo: string;
  @Column({ type: 'real', name: 'window_watched_s', default: 0 }) windowWatchedS: number;
  @Column({ type: 'timestamptz', name: 'last_at' }) lastAt: Date;
}

@Entity('lecture_view')
@Index(['episodeId', 'userId', 'windowNo'], { unique: true })
export class LectureView {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'episode_id' }) episodeId: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'uuid', name: 'school_id', nullable: true }) schoolId: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) locality: string | null;
  @Column({ type: 'bigint', name: 'window_no' }) windowNo: string;
  @CreateDateColumn({ name: 'at', type: 'timestamptz' }) at: Date;
}
