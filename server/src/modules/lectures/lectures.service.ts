import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { registerMessages, t, type Lang } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { TRANSCODE_QUEUE } from './lectures.jobs.js';
import { CaptionError, toWebVtt } from '../media/captions.js';
import type { ResourceSummaryView } from '../resources/resources.dto.js';
import { ResourcesService } from '../resources/resources.service.js';
import { StorageService } from '../storage/storage.service.js';
import type {
  CalendarDto,
  CalendarView,
  CaptionDto,
  CreateEpisodeDto,
  CreateSeriesDto,
  EpisodeChapterView,
  EpisodeDetailView,
  EpisodeView,
  SeriesDetailView,
  SeriesQuery,
  SeriesView,
  ThisWeekView,
  UpdateEpisodeDto,
  VideoStatusView,
  WatchItemView,
} from './lectures.dto.js';
import { LectureEpisode, LectureSeries, LectureVideo, TermCalendar, type Term } from './lectures.entities.js';

registerMessages({
  'lecture.seriesNotFound': { zh: '讲堂系列不存在', en: 'No such lecture series' },
  'lecture.episodeNotFound': { zh: '这一讲不存在或尚未发布', en: 'No such lecture, or it is not published yet' },
  'lecture.videoNotFound': { zh: '视频不存在', en: 'No such video' },
  'lecture.notReady': { zh: '视频还在处理中，请稍后再看', en: 'The video is still being processed; try again shortly' },
  'lecture.numberTaken': { zh: '第 {number} 讲已存在', en: 'Episode {number} already exists' },
  'lecture.groupRequired': { zh: '请选择所属教育集团', en: 'Choose the education group' },
  'lecture.restricted': {
    zh: '未满 14 周岁且未绑定监护人的学生只能观看公开讲堂',
    en: 'Students under 14 without a linked guardian can only watch public lectures',
  },
  'lecture.retryOnlyFailed': { zh: '只有失败的转码任务可以重试', en: 'Only a failed transcode can be retried' },
  'lecture.rendition': { zh: '清晰度 {name} 不存在', en: 'No rendition {name}' },
  'lecture.linkExpired': {
    zh: '播放链接已失效，请刷新页面后重新播放',
    en: 'This playback link has expired; reload the page to play again',
  },
  'lecture.notGuardian': { zh: '您不是该学生的监护人', en: 'You are not this student’s guardian' },
  'lecture.caption.zh': { zh: '中文', en: 'Chinese' },
  'lecture.caption.en': { zh: '英文', en: 'English' },
});

registerMessages({
  'lecture.chapterNotFound': { zh: '所选教材章节不存在', en: 'No such textbook chapter' },
  'lecture.resourceNotFound': {
    zh: '有 {n} 个资源不存在或您无权查看，不能关联',
    en: '{n} of the resources do not exist or are not visible to you, so they cannot be linked',
  },
  'lecture.resourceDuplicate': { zh: '同一个资源只能关联一次', en: 'Each resource can be linked only once' },
  'lecture.calendar.badDate': { zh: '日期无效', en: 'Not a valid date' },
  'lecture.calendar.notMonday': {
    zh: '第 1 周的起始日应为星期一（{date} 是{weekday}）',
    en: 'Week 1 must start on a Monday ({date} is a {weekday})',
  },
  'lecture.calendar.outsideYear': {
    zh: '{term}应在 {from} 至 {to} 之间开学',
    en: 'The {term} should start between {from} and {to}',
  },
  'lecture.calendar.overlap': {
    zh: '与 {year} 学年{term}（{from} 起 {weeks} 周）的日期重叠',
    en: 'Overlaps the {year} {term} ({weeks} weeks from {from})',
  },
  'lecture.calendar.first': { zh: '上学期', en: 'first term' },
  'lecture.calendar.second': { zh: '下学期', en: 'second term' },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WEEKDAYS = {
  zh: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export function videoPrefix(videoId: string): string {
  return `lectures/videos/${videoId}/`;
}

/** Series, episodes, the term calendar, uploads of videos and captions. */
@Injectable()
export class LecturesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
    private readonly jobs: JobsService,
    private readonly resources: ResourcesService,
  ) {}

  // ---------- permissions ----------

  canManage(p: Principal, s: LectureSeries, e?: LectureEpisode): boolean {
    if (p.role === 'platform_admin') return true;
    if (p.role === 'group_admin') return !!s.groupId && p.groupIds.includes(s.groupId);
    if (p.role === 'school_admin') return !!s.schoolId && s.schoolId === p.schoolId;
    if (p.role === 'teacher')
      return s.createdBy === p.userId || e?.teacherId === p.userId || s.lecturers.some((l) => l.userId === p.userId);
    return false;
  }

  canSee(p: Principal, s: LectureSeries): boolean {
    if (this.canManage(p, s)) return true;
    if (s.visibility === 'public') return true;
    if (p.restricted) return false;
    return !!s.groupId && p.groupIds.includes(s.groupId);
  }

  async seriesFor(p: Principal, id: string): Promise<LectureSeries> {
    const s = await this.db.getRepository(LectureSeries).findOneBy({ id });
    if (!s) throw AppError.notFound('lecture.seriesNotFound');
    if (!this.canSee(p, s))
      throw p.restricted ? AppError.forbidden('lecture.restricted') : AppError.notFound('lecture.seriesNotFound');
    return s;
  }

  /** An episode the caller may watch (published, or the caller manages it). */
  async episodeFor(p: Principal, id: string): Promise<{ series: LectureSeries; episode: LectureEpisode; manage: boolean }> {
    const episode = await this.db.getRepository(LectureEpisode).findOneBy({ id });
    if (!episode) throw AppError.notFound('lecture.episodeNotFound');
    const series = await this.db.getRepository(LectureSeries).findOneByOrFail({ id: episode.seriesId });
    return { series, episode, manage: this.authorizeEpisode(p, series, episode) };
  }

  /** Throws unless the caller may watch the episode; true when they also manage it. */
  authorizeEpisode(p: Principal, series: LectureSeries, episode: LectureEpisode): boolean {
    if (this.canManage(p, series, episode)) return true;
    if (!this.canSee(p, series))
      throw p.restricted && series.visibility !== 'public'
        ? AppError.forbidden('lecture.restricted')
        : AppError.notFound('lecture.episodeNotFound');
    if (episode.publishAt.getTime() > Date.now()) throw AppError.notFound('lecture.episodeNotFound');
    return false;
  }

  async managedEpisode(p: Principal, id: string): Promise<{ series: LectureSeries; episode: LectureEpisode }> {
    const r = await this.episodeFor(p, id);
    if (!r.manage) throw AppError.forbidden();
    return r;
  }

  // ---------- series ----------

  async createSeries(p: Principal, dto: CreateSeriesDto): Promise<SeriesView> {
    const groupId = dto.groupId ?? p.groupIds[0] ?? null;
    if (!groupId) throw AppError.field('groupId', 'lecture.groupRequired');
    if (p.role !== 'platform_admin' && !p.groupIds.includes(groupId)) throw AppError.forbidden();
    const s = await this.db.getRepository(LectureSeries).save({
      title: dto.title.trim(),
      subject: dto.subject,
      grade: dto.grade,
      term: dto.term,
      description: dto.description ?? '',
      visibility: dto.visibility,
      groupId,
      schoolId: p.schoolId,
      lecturers: dto.lecturers.map((l) => ({ userId: l.userId ?? null, name: l.name, title: l.title, school: l.school })),
      createdBy: p.userId,
    });
    return (await this.seriesViews(p, [s]))[0];
  }

  async listSeries(p: Principal, q: SeriesQuery): Promise<SeriesView[]> {
    const qb = this.db.getRepository(LectureSeries).createQueryBuilder('s').orderBy('s.grade').addOrderBy('s.created_at', 'DESC');
    if (q.subject) qb.andWhere('s.subject = :subject', { subject: q.subject });
    if (q.grade) qb.andWhere('s.grade = :grade', { grade: q.grade });
    const all = await qb.limit(500).getMany();
    return this.seriesViews(
      p,
      all.filter((s) => this.canSee(p, s)),
    );
  }

  async getSeries(p: Principal, id: string, lang: Lang): Promise<SeriesDetailView> {
    const s = await this.seriesFor(p, id);
    const manage = this.canManage(p, s);
    const episodes = await this.db.getRepository(LectureEpisode).find({ where: { seriesId: s.id }, order: { number: 'ASC' } });
    const visible = manage ? episodes : episodes.filter((e) => e.publishAt.getTime() <= Date.now() && e.videoId);
    const [view] = await this.seriesViews(p, [s]);
    return { ...view, episodes: await this.episodeViews(visible, manage, lang) };
  }

  private async seriesViews(p: Principal, list: LectureSeries[]): Promise<SeriesView[]> {
    if (!list.length) return [];
    const rows: { series_id: string; n: string; views: string; thumb: string | null }[] = await this.db.query(
      `SELECT e.series_id, count(*) FILTER (WHERE e.publish_at <= now() AND e.video_id IS NOT NULL) AS n, COALESCE(sum(e.views),0) AS views,
              (SELECT v.thumbnail_key FROM lecture_episode e2 JOIN lecture_video v ON v.id = e2.video_id
               WHERE e2.series_id = e.series_id ORDER BY e2.number LIMIT 1) AS thumb
       FROM lecture_episode e WHERE e.series_id = ANY($1) GROUP BY e.series_id`,
      [list.map((s) => s.id)],
    );
    const by = new Map(rows.map((r) => [r.series_id, r]));
    return Promise.all(
      list.map(async (s) => ({
        id: s.id,
        title: s.title,
        subject: s.subject,
        grade: s.grade,
        term: s.term,
        description: s.description,
        visibility: s.visibility,
        lecturers: s.lecturers,
        episodeCount: Number(by.get(s.id)?.n ?? 0),
        totalViews: Number(by.get(s.id)?.views ?? 0),
        thumbnailUrl: by.get(s.id)?.thumb ? await this.storage.presignGet(by.get(s.id)!.thumb!, 3600) : null,
        canManage: this.canManage(p, s),
      })),
    );
  }

  // ---------- episodes ----------

  async createEpisode(p: Principal, seriesId: string, dto: CreateEpisodeDto, lang: Lang): Promise<EpisodeView> {
    const s = await this.seriesFor(p, seriesId);
    if (!this.canManage(p, s)) throw AppError.forbidden();
    await this.checkLinks(p, dto, []);
    const episode = await this.db.transaction(async (m) => {
      await m.query('SELECT id FROM lecture_series WHERE id=$1 FOR UPDATE', [s.id]);
      const [{ next }] = (await m.query('SELECT COALESCE(max(number),0)+1 AS next FROM lecture_episode WHERE series_id=$1', [
        s.id,
      ])) as { next: number }[];
      const number = dto.number ?? Number(next);
      if (await m.getRepository(LectureEpisode).existsBy({ seriesId: s.id, number }))
        throw AppError.conflict('lecture.numberTaken', { number });
      return m.getRepository(LectureEpisode).save({
        seriesId: s.id,
        number,
        title: dto.title.trim(),
        description: dto.description ?? '',
        chapterId: dto.chapterId ?? null,
        teachingWeek: dto.teachingWeek ?? null,
        resourceIds: dto.resourceIds ?? [],
        teacherId: p.userId,
        publishAt: dto.publishAt ? new Date(dto.publishAt) : new Date(),
        markers: sortMarkers(dto.markers ?? []),
        captions: [],
        videoId: null,
        views: 0,
      });
    });
    return (await this.episodeViews([episode], true, lang))[0];
  }

  async updateEpisode(p: Principal, id: string, dto: UpdateEpisodeDto, lang: Lang): Promise<EpisodeView> {
    const { episode } = await this.managedEpisode(p, id);
    await this.checkLinks(p, dto, episode.resourceIds);
    const patch: Partial<LectureEpisode> = {};
    if (dto.title !== undefined) patch.title = dto.title.trim();
    if (dto.description !== undefined) patch.description = dto.description;
    if (dto.chapterId !== undefined) patch.chapterId = dto.chapterId;
    if (dto.teachingWeek !== undefined) patch.teachingWeek = dto.teachingWeek;
    if (dto.resourceIds !== undefined) patch.resourceIds = dto.resourceIds;
    if (dto.publishAt !== undefined) patch.publishAt = new Date(dto.publishAt);
    if (dto.markers !== undefined) patch.markers = sortMarkers(dto.markers);
    await this.db.getRepository(LectureEpisode).update({ id: episode.id }, patch);
    const fresh = await this.db.getRepository(LectureEpisode).findOneByOrFail({ id: episode.id });
    return (await this.episodeViews([fresh], true, lang))[0];
  }

  /**
   * A chapter must exist in the catalogue; newly linked resources must be ones the editor can see
   * (already linked ones may stay: a co-lecturer may have linked their own).
   */
  private async checkLinks(p: Principal, dto: { chapterId?: string | null; resourceIds?: string[] }, linked: string[]) {
    if (dto.chapterId) {
      const found = UUID.test(dto.chapterId)
        ? ((await this.db.query('SELECT 1 FROM chapter WHERE id = $1', [dto.chapterId])) as unknown[]).length > 0
        : false;
      if (!found) throw AppError.field('chapterId', 'lecture.chapterNotFound');
    }
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
  async chapterViews(ids: (string | null)[]): Promise<Map<string, EpisodeChapterView>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x && UUID.test(x)))];
    const out = new Map<string, EpisodeChapterView>();
    if (!wanted.length) return out;
    const rows = (await this.db.query(
      `WITH RECURSIVE up AS (
         SELECT c.id AS leaf, c.id, c.parent_id, c.level, c.number, c.title, c.textbook_id, 0 AS depth
           FROM chapter c WHERE c.id = ANY($1::uuid[])
         UNION ALL
         SELECT up.leaf, c.id, c.parent_id, c.level, c.number, c.title, c.textbook_id, up.depth + 1
           FROM chapter c JOIN up ON c.id = up.parent_id WHERE up.depth < 5
       )
       SELECT up.leaf, up.number, up.title, up.textbook_id, t.edition, t.subject, t.volume
         FROM up JOIN textbook t ON t.id = up.textbook_id
        ORDER BY up.leaf, up.depth DESC`,
      [wanted],
    )) as {
      leaf: string;
      number: string | null;
      title: string;
      textbook_id: string;
      edition: string;
      subject: string;
      volume: string;
    }[];
    for (const r of rows) {
      const label = r.number && !r.title.startsWith(r.number) ? `${r.number} ${r.title}` : r.title;
      const view = out.get(r.leaf);
      if (view) view.path.push(label);
      else
        out.set(r.leaf, {
          id: r.leaf,
          textbookId: r.textbook_id,
          textbook: `${r.edition} ${r.subject} ${r.volume}`,
          path: [label],
        });
    }
    return out;
  }

  async episodeViews(list: LectureEpisode[], manage: boolean, lang: Lang): Promise<EpisodeView[]> {
    if (!list.length) return [];
    const chapters = await this.chapterViews(list.map((e) => e.chapterId));
    const videoIds = list.map((e) => e.videoId).filter((x): x is string => !!x);
    const current = videoIds.length ? await this.db.getRepository(LectureVideo).findBy({ id: In(videoIds) }) : [];
    const byId = new Map(current.map((v) => [v.id, v]));
    const latest = new Map<string, LectureVideo>();
    if (manage) {
      const rows = await this.db
        .getRepository(LectureVideo)
        .createQueryBuilder('v')
        .distinctOn(['v.episode_id'])
        .where('v.episode_id IN (:...ids)', { ids: list.map((e) => e.id) })
        .orderBy('v.episode_id')
        .addOrderBy('v.created_at', 'DESC')
        .getMany();
      for (const v of rows) latest.set(v.episodeId, v);
    }
    return Promise.all(
      list.map(async (e) => {
        const v = e.videoId ? byId.get(e.videoId) : undefined;
        const pending = latest.get(e.id);
        return {
          id: e.id,
          seriesId: e.seriesId,
          number: e.number,
          title: e.title,
          description: e.description,
          chapterId: e.chapterId,
          chapterTitle: e.chapterId ? (chapters.get(e.chapterId)?.path.join(' › ') ?? null) : null,
          chapter: (e.chapterId && chapters.get(e.chapterId)) || null,
          teachingWeek: e.teachingWeek,
          resourceIds: e.resourceIds,
          publishAt: e.publishAt.toISOString(),
          published: e.publishAt.getTime() <= Date.now(),
          views: e.views,
          durationS: v?.durationS ?? null,
          playable: !!v,
          thumbnailUrl: v?.thumbnailKey ? await this.storage.presignGet(v.thumbnailKey, 3600) : null,
          markers: e.markers,
          processing: pending ? this.statusView(pending, lang) : null,
        };
      }),
    );
  }

  /** One episode for its watch or edit page, with its series (works before a video is attached). */
  async getEpisode(p: Principal, id: string, lang: Lang): Promise<EpisodeDetailView> {
    const { series, episode, manage } = await this.episodeFor(p, id);
    const [[view], [seriesView]] = await Promise.all([this.episodeViews([episode], manage, lang), this.seriesViews(p, [series])]);
    return { episode: view, series: seriesView, canManage: manage };
  }

  /** The courseware and exercises linked to an episode that the caller may see, in the teacher’s order. */
  async linkedResources(p: Principal, id: string): Promise<ResourceSummaryView[]> {
    const { episode } = await this.episodeFor(p, id);
    return this.resources.visibleSummaries(p, episode.resourceIds);
  }

  statusView(v: LectureVideo, lang: Lang): VideoStatusView {
    return {
      id: v.id,
      state: v.state,
      percent: v.state === 'ready' ? 100 : v.percent,
      playable: v.playable,
      failure: v.failureKey ? t(v.failureKey, lang, v.failureParams) : null,
      durationS: v.durationS,
      firstPlayableS: v.firstPlayableS,
      originalName: v.originalName,
      createdAt: v.createdAt.toISOString(),
    };
  }

  // ---------- videos ----------

  /**
   * Registers a source video for an episode and queues its transcode in the same transaction.
   * A replacement keeps the episode (number, views); it takes over once ready.
   */
  async addVideo(
    p: Principal,
    episodeId: string,
    source: { key: string; size: number; originalName: string; blobId?: string | null },
    manager?: EntityManager,
  ): Promise<LectureVideo> {
    const work = async (m: EntityManager) => {
      const id = randomUUID();
      const video = await m.getRepository(LectureVideo).save({
        id,
        episodeId,
        sourceKey: source.key,
        sourceBlobId: source.blobId ?? null,
        sourceSize: String(source.size),
        originalName: source.originalName.slice(0, 200),
        state: 'queued' as const,
        percent: 0,
        failureKey: null,
        failureParams: {},
        playable: false,
        renditions: [],
        createdBy: p.userId,
      });
      video.jobId = await this.jobs.enqueue(TRANSCODE_QUEUE, { videoId: id }, { manager: m, singletonKey: id, maxAttempts: 4 });
      await m.getRepository(LectureVideo).update({ id }, { jobId: video.jobId });
      return video;
    };
    return manager ? work(manager) : this.db.transaction(work);
  }

  async videoStatus(p: Principal, episodeId: string, lang: Lang): Promise<VideoStatusView | null> {
    await this.managedEpisode(p, episodeId);
    const v = await this.db.getRepository(LectureVideo).findOne({ where: { episodeId }, order: { createdAt: 'DESC' } });
    return v ? this.statusView(v, lang) : null;
  }

  /** Admin retry of a failed transcode: the source is still there. */
  async retryVideo(p: Principal, videoId: string, lang: Lang): Promise<VideoStatusView> {
    const v = await this.db.getRepository(LectureVideo).findOneBy({ id: videoId });
    if (!v) throw AppError.notFound('lecture.videoNotFound');
    await this.managedEpisode(p, v.episodeId);
    if (v.state !== 'failed') throw AppError.conflict('lecture.retryOnlyFailed');
    await this.db.transaction(async (m) => {
      const jobId = await this.jobs.enqueue(TRANSCODE_QUEUE, { videoId }, { manager: m, singletonKey: videoId, maxAttempts: 4 });
      await m
        .getRepository(LectureVideo)
        .update({ id: videoId }, { state: 'queued', percent: 0, failureKey: null, failureParams: {}, jobId });
    });
    return this.statusView(await this.db.getRepository(LectureVideo).findOneByOrFail({ id: videoId }), lang);
  }

  // ---------- captions ----------

  async putCaption(p: Principal, episodeId: string, dto: CaptionDto, lang: Lang): Promise<EpisodeView> {
    const { episode } = await this.managedEpisode(p, episodeId);
    let vtt: string;
    try {
      vtt = toWebVtt(Buffer.from(dto.content, 'utf8'));
    } catch (err) {
      if (err instanceof CaptionError) throw AppError.field('content', err.key);
      throw err;
    }
    const key = `lectures/captions/${episode.id}/${dto.lang}-${randomUUID().slice(0, 8)}.vtt`;
    await this.storage.put(key, vtt, 'text/vtt; charset=utf-8');
    const old = episode.captions.filter((c) => c.lang === dto.lang).map((c) => c.key);
    const captions = [
      ...episode.captions.filter((c) => c.lang !== dto.lang),
      { lang: dto.lang, label: dto.lang === 'zh' ? '中文' : 'English', key },
    ];
    await this.db.getRepository(LectureEpisode).update({ id: episode.id }, { captions });
    if (old.length) await this.storage.delete(old);
    return (await this.episodeViews([{ ...episode, captions }], true, lang))[0];
  }

  // ---------- calendar, this week ----------

  async putCalendar(p: Principal, dto: CalendarDto, lang: Lang = 'zh-CN'): Promise<CalendarView> {
    if (!['platform_admin', 'group_admin'].includes(p.role)) throw AppError.forbidden();
    const groupId = dto.groupId ?? p.groupIds[0];
    if (!groupId) throw AppError.field('groupId', 'lecture.groupRequired');
    if (p.role !== 'platform_admin' && !p.groupIds.includes(groupId)) throw AppError.forbidden();
    if (
      p.role === 'platform_admin' &&
      !((await this.db.query('SELECT 1 FROM education_group WHERE id=$1', [groupId])) as []).length
    )
      throw AppError.field('groupId', 'lecture.groupRequired');
    await this.checkCalendar(groupId, dto, lang);
    await this.db.query(
      `INSERT INTO lecture_term_calendar (group_id, school_year, term, week1_monday, weeks) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (group_id, school_year, term) DO UPDATE SET week1_monday = EXCLUDED.week1_monday, weeks = EXCLUDED.weeks`,
      [groupId, dto.schoolYear, dto.term, dto.week1Monday, dto.weeks],
    );
    const c = await this.db.getRepository(TermCalendar).findOneByOrFail({ groupId, schoolYear: dto.schoolYear, term: dto.term });
    return calendarView(c);
  }

  /** Week 1 starts on a Monday, inside its school year, and the term does not overlap the group's other terms. */
  private async checkCalendar(groupId: string, dto: CalendarDto, lang: Lang) {
    const start = new Date(`${dto.week1Monday}T00:00:00Z`);
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== dto.week1Monday)
      throw AppError.field('week1Monday', 'lecture.calendar.badDate');
    const wd = start.getUTCDay();
    if (wd !== 1)
      throw AppError.field('week1Monday', 'lecture.calendar.notMonday', {
        date: dto.week1Monday,
        weekday: WEEKDAYS[lang === 'en' ? 'en' : 'zh'][wd],
      });
    // first term opens Jul–Dec of the school year, second term Jan–Jun of the next calendar year
    const [from, to] =
      dto.term === 'first'
        ? [`${dto.schoolYear}-07-01`, `${dto.schoolYear}-12-31`]
        : [`${dto.schoolYear + 1}-01-01`, `${dto.schoolYear + 1}-06-30`];
    if (dto.week1Monday < from || dto.week1Monday > to)
      throw AppError.field('week1Monday', 'lecture.calendar.outsideYear', {
        term: t(`lecture.calendar.${dto.term}`, lang),
        from,
        to,
      });
    const end = start.getTime() + dto.weeks * 7 * 86400_000;
    const others = await this.db.getRepository(TermCalendar).findBy({ groupId });
    for (const o of others) {
      if (o.schoolYear === dto.schoolYear && o.term === dto.term) continue;
      const oStart = new Date(`${o.week1Monday}T00:00:00Z`).getTime();
      if (oStart < end && start.getTime() < oStart + o.weeks * 7 * 86400_000)
        throw AppError.field('week1Monday', 'lecture.calendar.overlap', {
          year: o.schoolYear,
          term: t(`lecture.calendar.${o.term}`, lang),
          from: o.week1Monday,
          weeks: o.weeks,
        });
    }
  }

  async calendars(p: Principal, groupId?: string): Promise<CalendarView[]> {
    const groups = groupId ? (p.role === 'platform_admin' || p.groupIds.includes(groupId) ? [groupId] : []) : p.groupIds;
    if (!groups.length) return [];
    const list = await this.db.getRepository(TermCalendar).find({
      where: { groupId: In(groups) },
      order: { schoolYear: 'DESC', term: 'DESC' },
    });
    return list.map(calendarView);
  }

  /** The teaching week of today in the caller's group calendar, and the published lectures of that week for a grade. */
  async thisWeek(p: Principal, gradeQuery: number | undefined, lang: Lang, grade: number | null): Promise<ThisWeekView> {
    const g = p.role === 'student' ? grade : (gradeQuery ?? grade);
    const cals = (await this.calendars(p)).filter((c) => c.currentWeek !== null);
    const cal = cals[0];
    if (!g || !cal) return { week: cal?.currentWeek ?? null, grade: g ?? null, episodes: [], seriesTitles: [] };
    const term: Term = cal.term;
    const series = (await this.db.getRepository(LectureSeries).findBy({ grade: g, term })).filter((s) => this.canSee(p, s));
    if (!series.length) return { week: cal.currentWeek, grade: g, episodes: [], seriesTitles: [] };
    const eps = await this.db
      .getRepository(LectureEpisode)
      .createQueryBuilder('e')
      .where('e.series_id IN (:...ids)', { ids: series.map((s) => s.id) })
      .andWhere('e.teaching_week = :w', { w: cal.currentWeek })
      .andWhere('e.publish_at <= now()')
      .andWhere('e.video_id IS NOT NULL')
      .orderBy('e.number')
      .getMany();
    const titles = new Map(series.map((s) => [s.id, s.title]));
    return {
      week: cal.currentWeek,
      grade: g,
      episodes: await this.episodeViews(eps, false, lang),
      seriesTitles: eps.map((e) => titles.get(e.seriesId) ?? ''),
    };
  }

  async watchHistory(userId: string, limit = 20): Promise<WatchItemView[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT w.*, e.series_id, e.number, e.title, s.title AS series_title, v.thumbnail_key
       FROM lecture_watch w JOIN lecture_episode e ON e.id = w.episode_id JOIN lecture_series s ON s.id = e.series_id
       LEFT JOIN lecture_video v ON v.id = e.video_id
       WHERE w.user_id = $1 ORDER BY w.last_at DESC LIMIT $2`,
      [userId, limit],
    );
    return Promise.all(
      rows.map(async (r) => ({
        episodeId: r.episode_id as string,
        seriesId: r.series_id as string,
        seriesTitle: r.series_title as string,
        number: r.number as number,
        title: r.title as string,
        positionS: Number(r.position_s),
        durationS: Number(r.duration_s),
        watchedS: Number(r.watched_s),
        completed: r.completed as boolean,
        lastAt: (r.last_at as Date).toISOString(),
        thumbnailUrl: r.thumbnail_key ? await this.storage.presignGet(r.thumbnail_key as string, 3600) : null,
      })),
    );
  }

  maxBytes(): number {
    return this.config.LECTURE_MAX_BYTES;
  }
}

function sortMarkers(m: { at: number; title: string }[]) {
  return [...m].map((x) => ({ at: Math.round(x.at * 10) / 10, title: x.title.trim() })).sort((a, b) => a.at - b.at);
}

function calendarView(c: TermCalendar): CalendarView {
  const start = new Date(`${c.week1Monday}T00:00:00+08:00`).getTime();
  const week = Math.floor((Date.now() - start) / (7 * 86400_000)) + 1;
  return {
    id: c.id,
    groupId: c.groupId,
    schoolYear: c.schoolYear,
    term: c.term,
    week1Monday: c.week1Monday,
    weeks: c.weeks,
    currentWeek: week >= 1 && week <= c.weeks ? week : null,
  };
}
