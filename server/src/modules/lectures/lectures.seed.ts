import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedContext } from '../../dev/seed-context.js';
import type { Principal } from '../../common/roles.js';
import { makeClip } from '../media/media-fixtures.js';
import { MediaService } from '../media/media.service.js';
import { CatalogueService } from '../resources/catalogue.service.js';
import { StorageService } from '../storage/storage.service.js';
import { CalendarRepository } from './calendar.repository.js';
import { SeriesRepository } from './series.repository.js';
import { VideosService } from './videos.service.js';

export const DEMO_SERIES_TITLE = '名师辅导讲堂 · 初中数学 · 八年级上册';

const EPISODES = [
  {
    title: '三角形的边与角',
    unit: '三角形',
    week: 1,
    markers: [
      { at: 2, title: '三角形三边关系' },
      { at: 8, title: '重难点：内角和定理' },
    ],
  },
  {
    title: '全等三角形的判定',
    unit: '全等三角形',
    week: 2,
    markers: [
      { at: 3, title: 'SSS 与 SAS' },
      { at: 9, title: '重难点：ASA 与 AAS' },
    ],
  },
  {
    title: '轴对称与等腰三角形',
    unit: '轴对称',
    week: 3,
    markers: [
      { at: 4, title: '轴对称的性质' },
      { at: 10, title: '重难点：等腰三角形三线合一' },
    ],
  },
];

/**
 * A short demo series: three generated 14 s episodes (testsrc2 + a tone) whose transcodes are
 * queued, so after `npm start` the worker makes them playable within a minute; a term
 * calendar in which today is teaching week 3.
 */
export async function seedLectures(ctx: SeedContext): Promise<void> {
  const videos = ctx.app.get(VideosService);
  const lectures = ctx.app.get(SeriesRepository);
  const storage = ctx.app.get(StorageService);
  const media = ctx.app.get(MediaService);
  const teacher = ctx.users.teacher;
  const monday = new Date();
  monday.setUTCHours(0, 0, 0, 0);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 14);
  const schoolYear = monday.getUTCMonth() >= 7 ? monday.getUTCFullYear() : monday.getUTCFullYear() - 1;
  await ctx.app.get(CalendarRepository).save({
    groupId: ctx.groupId,
    schoolYear,
    term: 'first',
    week1Monday: monday.toISOString().slice(0, 10),
    weeks: 20,
  });
  const series = await lectures.saveSeries({
    title: DEMO_SERIES_TITLE,
    subject: 'math',
    grade: 8,
    term: 'first',
    description: '市名师工作室联合录制，紧扣统一教学进度，每周一讲，面向全体学生、家长和教师免费开放。',
    visibility: 'public',
    groupId: ctx.groupId,
    schoolId: ctx.schools.core,
    lecturers: [
      { userId: teacher, name: '李明华', title: '正高级教师 · 特级教师', school: '木棉县第一实验学校' },
      { userId: null, name: '陈静', title: '市名师', school: '青石镇初级中学' },
    ],
    createdBy: teacher,
  });
  let bins: string;
  try {
    bins = media.binaries().ffmpeg;
  } catch {
    ctx.log('lectures: no ffmpeg found, demo episodes have no video');
    return;
  }
  const units = await chapterUnits(ctx);
  const dir = await mkdtemp(join(tmpdir(), 'mumian-seed-'));
  try {
    for (const [i, e] of EPISODES.entries()) {
      const ep = await lectures.saveEpisode({
        seriesId: series.id,
        number: i + 1,
        title: e.title,
        description: '',
        chapterId: units.find((u) => u.title.includes(e.unit))?.id ?? null,
        teachingWeek: e.week,
        resourceIds: [],
        teacherId: teacher,
        publishAt: new Date(Date.now() - (EPISODES.length - i) * 86400_000),
        markers: e.markers,
        captions: [],
        videoId: null,
        views: 0,
      });
      const file = await makeClip(join(dir, `ep${i + 1}.mp4`), { width: 854, height: 480, seconds: 14, fps: 25 }, bins);
      const body = await readFile(file);
      const key = `lectures/demo-sources/episode-${i + 1}.mp4`;
      await storage.put(key, body, 'video/mp4');
      await videos.addVideo({ userId: teacher } as Principal, ep.id, {
        key,
        size: body.length,
        originalName: `第${i + 1}讲.mp4`,
      });
    }
    ctx.log(`lectures: series “${DEMO_SERIES_TITLE}” with ${EPISODES.length} episodes queued for transcoding`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The units of 人教版 数学 八年级上册 in the resources catalogue, so episodes link to real chapters. */
async function chapterUnits(ctx: SeedContext): Promise<{ id: string; title: string }[]> {
  try {
    const catalogue = ctx.app.get(CatalogueService);
    const book = (await catalogue.listTextbooks({ subject: 'math' })).find((t) => t.volume === '八年级上册');
    if (!book) return [];
    const admin = {
      userId: ctx.users.platformAdmin,
      role: 'platform_admin',
      groupIds: [],
      groupSchoolIds: [],
      schoolId: null,
    } as unknown as Principal;
    const tree = await catalogue.tree(admin, book.id);
    return tree.chapters.filter((c) => c.level === 1).map((c) => ({ id: c.id, title: c.title }));
  } catch {
    return [];
  }
}
