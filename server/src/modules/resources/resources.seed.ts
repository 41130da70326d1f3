import type { Principal, Role } from '../../common/roles.js';
import type { SeedContext } from '../../dev/seed-context.js';
import { StorageService } from '../storage/storage.service.js';
import { UploadsService } from '../storage/uploads.service.js';
import { VerificationService } from '../storage/verification.service.js';
import { makePdf } from './resources.fixtures.js';
import { AuthoringService } from './authoring.service.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { DownloadsService } from './downloads.service.js';
import { EngagementService } from './engagement.service.js';
import { ReviewService } from './review.service.js';
import type { Subject } from './vocabulary.js';

interface DemoResource {
  by: 'teacher' | 'ruralTeacher';
  file: string;
  pages: string[];
  title: string;
  description: string;
  kind: 'lesson_plan' | 'courseware' | 'exercise' | 'exam_paper' | 'teaching_design';
  subject: Subject;
  volume: string;
  revision: string;
  chapter: string;
  tags: string[];
  visibility: 'school' | 'group' | 'public';
  audience: 'teachers_only' | 'everyone';
  review?: 'approve' | 'reject';
  reason?: string;
}

const DEMO: DemoResource[] = [
  {
    by: 'teacher',
    file: '1.1 正数和负数 教案.pdf',
    pages: [
      '1.1 正数和负数（第1课时）教案\n教学目标：\n1. 结合生活实例理解正数、负数的意义；\n2. 会用正数、负数表示具有相反意义的量。\n教学重点：正数、负数的概念。\n教学难点：负数的意义。',
      '教学过程\n一、情境引入：温度计上的零上5℃与零下5℃，如何区分？\n二、探究新知：像 +5、+1.2 这样的数叫正数，像 -5、-1.2 这样的数叫负数。\n三、课堂练习：教材第3页练习第1、2题。\n四、小结与作业。',
    ],
    title: '1.1 正数和负数 第1课时 教案',
    description: '新人教版七年级上册第一章第一节。含情境引入、探究、分层练习，适合城乡学校同步使用。',
    kind: 'lesson_plan',
    subject: 'math',
    volume: '七年级上册',
    revision: '2024',
    chapter: '1.1',
    tags: ['新课标', '第1课时'],
    visibility: 'group',
    audience: 'teachers_only',
    review: 'approve',
  },
  {
    by: 'teacher',
    file: '有理数的加法 分层练习.pdf',
    pages: [
      '有理数的加法 分层练习\nA组（基础）：(1) (-3)+(-9)  (2) 15+(-22)  (3) (-0.9)+1.5\nB组（提高）：计算 (-2.5)+(+7.5)+(-3)\nC组（拓展）：小明存款变化 +50、-30、+20，共变化多少元？',
    ],
    title: '2.1 有理数的加法 分层练习',
    description: 'A/B/C 三组题目，附答案。',
    kind: 'exercise',
    subject: 'math',
    volume: '七年级上册',
    revision: '2024',
    chapter: '2.1',
    tags: ['分层作业'],
    visibility: 'group',
    audience: 'everyone',
    review: 'approve',
  },
  {
    by: 'teacher',
    file: '第一章 有理数 单元测试卷.pdf',
    pages: [
      '第一章 有理数 单元测试卷（含答案）\n一、选择题（每题3分）\n1. 下列各数中，是负数的是（  ）\nA. 0  B. 2  C. -3  D. 1/2\n答案：C',
    ],
    title: '第一章 有理数 单元测试卷（含答案）',
    description: '满分100分，考试时间60分钟。',
    kind: 'exam_paper',
    subject: 'math',
    volume: '七年级上册',
    revision: '2024',
    chapter: '1',
    tags: ['单元测试'],
    visibility: 'school',
    audience: 'teachers_only',
  },
  {
    by: 'ruralTeacher',
    file: '5以内数的认识 练习.pdf',
    pages: ['5以内数的认识 课堂练习\n1. 数一数，连一连：苹果、小鸟、花朵各有几个？\n2. 在○里填上 >、< 或 =：3○4  5○2  1○1'],
    title: '5以内数的认识 课堂练习（村小自编）',
    description: '配合一年级上册第一单元，题量适中，可打印。',
    kind: 'exercise',
    subject: 'math',
    volume: '一年级上册',
    revision: '修订版',
    chapter: '2',
    tags: ['一年级', '可打印'],
    visibility: 'group',
    audience: 'everyone',
  },
  {
    by: 'ruralTeacher',
    file: '古诗三首 教学设计.pdf',
    pages: ['《古诗三首》教学设计\n望洞庭、山行、夜书所见\n教学目标：会认生字，正确、流利地朗读、背诵古诗，想象诗中描绘的景色。'],
    title: '古诗三首（望洞庭 山行 夜书所见）教学设计',
    description: '三年级上册第二单元。',
    kind: 'teaching_design',
    subject: 'chinese',
    volume: '三年级上册',
    revision: '修订版',
    chapter: '2.1',
    tags: ['古诗'],
    visibility: 'public',
    audience: 'teachers_only',
    review: 'reject',
    reason: '请补充板书设计和课后作业，再重新提交。',
  },
];

/** Demo data of this module for `npm start`: real-looking resources by the demo teachers on real chapters. */
export async function seedResources(ctx: SeedContext): Promise<void> {
  const uploads = ctx.app.get(UploadsService);
  const verification = ctx.app.get(VerificationService);
  const storage = ctx.app.get(StorageService);
  const catalogue = ctx.app.get(CatalogueRepository);
  const authoring = ctx.app.get(AuthoringService);
  const downloads = ctx.app.get(DownloadsService);
  const engagement = ctx.app.get(EngagementService);
  const reviews = ctx.app.get(ReviewService);
  const schoolIds = Object.values(ctx.schools);
  const as = (userId: string, role: Role, schoolId: string | null): Principal => ({
    userId,
    sessionId: 'seed',
    role,
    displayName: 'seed',
    schoolId,
    groupIds: [ctx.groupId],
    groupSchoolIds: schoolIds,
    titles: [],
    restricted: false,
  });
  const people = {
    teacher: as(ctx.users.teacher, 'teacher', ctx.schools.core),
    ruralTeacher: as(ctx.users.ruralTeacher, 'teacher', ctx.schools.rural),
  };
  const coreAdmin = as(ctx.users.schoolAdmin, 'school_admin', ctx.schools.core);
  const ruralAdmin = as(ctx.users.ruralSchoolAdmin, 'school_admin', ctx.schools.rural);

  /** The browser's path, done in-process: create, store the part, record it, complete, verify. */
  const upload = async (p: Principal, fileName: string, bytes: Buffer): Promise<string> => {
    const { upload: created } = await uploads.create(p, { purpose: 'resource', fileName, size: bytes.length });
    const etag = await storage.uploadPart(created.key, created.s3UploadId, 1, bytes);
    await uploads.recordPart(p, created.id, 1, { etag, size: bytes.length });
    await uploads.complete(p, created.id);
    await verification.verify(created.id);
    return created.id;
  };

  const created: Record<string, string> = {};
  for (const d of DEMO) {
    const p = people[d.by];
    const [book] = (await catalogue.textbooks({ subject: d.subject, volume: d.volume })).filter((b) =>
      b.revision.startsWith(d.revision),
    );
    const chapter = book ? await catalogue.chapterByKey(book.id, d.chapter) : null;
    const uploadId = await upload(p, d.file, await makePdf(d.pages));
    const r = await authoring.create(p, {
      title: d.title,
      description: d.description,
      kind: d.kind,
      subject: d.subject,
      grades: [book?.grade ?? 7],
      textbookId: book?.id,
      chapterId: chapter?.id,
      tags: d.tags,
      license: 'cc_by_nc',
      visibility: d.visibility,
      audience: d.audience,
      files: [{ uploadId }],
    });
    created[d.title] = r.id;
    if (d.review) {
      const reviewer = d.by === 'teacher' ? coreAdmin : ruralAdmin;
      await reviews.review(reviewer, r.id, { decision: d.review, reason: d.reason });
    }
  }
  // the rural school uses the core school's work: downloads, a favourite and a rating
  const first = created[DEMO[0].title];
  await downloads.download(people.ruralTeacher, first, {});
  await downloads.download(people.ruralTeacher, created[DEMO[1].title], {});
  await engagement.favourite(people.ruralTeacher, first, true);
  await engagement.rate(people.ruralTeacher, first, { stars: 5, comment: '情境引入很好，村小学生也能听懂。' });
  ctx.log(`resources: ${DEMO.length} demo resources on real textbook chapters`);
}
