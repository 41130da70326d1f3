import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { uploadFile } from '../../testing/upload-file.js';
import { User } from '../identity/identity.entities.js';
import { hashPassword } from '../identity/passwords.js';
import { EducationGroup, GroupMembership, School } from '../organizations/organization.entities.js';
import { SearchService } from '../search/search.service.js';
import { imageSize, makeImage } from '../media/media-fixtures.js';
import { makeOffice, makePdf, sofficePath } from './resources.fixtures.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('resource library (real Postgres + s3rver)', () => {
  let t: TestApp;
  let li: string; // teacher, core school
  let wang: string; // teacher, rural member school
  let student: string; // township junior school
  let parent: string;
  let schoolAdmin: string; // core school
  let ruralAdmin: string;
  let outsider: string; // teacher in another group
  let admin: string;
  let math7: { id: string };
  let unit1: string;
  let lesson11: string;
  let otherEditionChapter: string;

  beforeAll(async () => {
    t = await createTestApp();
    [li, wang, student, parent, schoolAdmin, ruralAdmin, admin] = await Promise.all(
      ['teacher.li', 'teacher.wang', 'student.chen', 'parent.chen', 'school.admin', 'rural.admin', 'admin'].map((u) =>
        t.login(u),
      ),
    );
    // a second education group with its own school and teacher
    const school = await t.db
      .getRepository(School)
      .save({ name: '远山县第二中学', code: 'YS-2Z', locality: 'urban', stage: 'junior', district: '远山县' });
    const group = await t.db
      .getRepository(EducationGroup)
      .save({ name: '远山县教育集团', kind: 'tight', region: '远山县', coreSchoolId: school.id });
    await t.db.getRepository(GroupMembership).insert({ groupId: group.id, schoolId: school.id, role: 'core' });
    await t.db.getRepository(User).save(
      t.db.getRepository(User).create({
        username: 'teacher.far',
        displayName: '远老师',
        role: 'teacher',
        schoolId: school.id,
        passwordHash: await hashPassword('Mumian2026'),
        titles: [],
        mustChangePassword: false,
      }),
    );
    outsider = await t.login('teacher.far');

    const books = await t.http().get('/api/textbooks').query({ subject: '数学' }).set(auth(li));
    math7 = books.body.find(
      (b: { volume: string; revision: string }) => b.volume === '七年级上册' && b.revision.startsWith('2024'),
    );
    const tree = await t.http().get(`/api/textbooks/${math7.id}/chapters`).set(auth(li));
    unit1 = tree.body.chapters.find((c: { level: number; title: string }) => c.level === 1 && c.title.includes('有理数')).id;
    lesson11 = tree.body.chapters.find((c: { parentId: string }) => c.parentId === unit1).id;
    const old = books.body.find(
      (b: { volume: string; revision: string }) => b.volume === '七年级上册' && b.revision.startsWith('旧版'),
    );
    const oldTree = await t.http().get(`/api/textbooks/${old.id}/chapters`).set(auth(li));
    otherEditionChapter = oldTree.body.chapters[0].id;
  });
  afterAll(() => t.close());

  async function createResource(token: string, over: Record<string, unknown> = {}, file?: Buffer, fileName = '有理数 教案.pdf') {
    const pdf = file ?? (await makePdf([`有理数 教案 ${randomBytes(4).toString('hex')}\n正数和负数的意义`]));
    const uploadId = await uploadFile(t, token, pdf, fileName);
    return t
      .http()
      .post('/api/resources')
      .set(auth(token))
      .send({
        title: '1.1 正数和负数 教案',
        description: '第一课时',
        kind: 'lesson_plan',
        subject: '数学',
        grades: [7],
        textbookId: math7.id,
        chapterId: lesson11,
        tags: ['新课标'],
        license: 'cc_by_nc',
        visibility: 'school',
        audience: 'teachers_only',
        files: [{ uploadId }],
        ...over,
      });
  }

  it('ships the textbook catalogue with real chapter names, two revisions of 七上 kept apart', async () => {
    const books = await t.http().get('/api/textbooks').set(auth(student));
    expect(books.status).toBe(200);
    const names = books.body.map(
      (b: { subject: string; edition: string; volume: string }) => `${b.subject}${b.edition}${b.volume}`,
    );
    expect(names).toEqual(
      expect.arrayContaining(['math人教版一年级上册', 'chinese统编版（部编版）八年级下册', 'physics人教版八年级上册']),
    );
    expect(names.filter((n: string) => n === 'math人教版七年级上册')).toHaveLength(2);
    const tree = await t.http().get(`/api/textbooks/${math7.id}/chapters`).set(auth(li));
    const titles = tree.body.chapters.map((c: { title: string }) => c.title);
    expect(titles).toEqual(expect.arrayContaining(['第一章 有理数', '1.2 有理数及其大小比较']));
    expect(tree.body.textbook).toMatchObject({ confidence: 'high', grade: 7, term: 'first' });
    // 统编版语文 八下 carries the corrected titles from SOURCES.md
    const yuwen = books.body.find(
      (b: { subject: string; volume: string }) => b.subject === 'chinese' && b.volume === '八年级下册',
    );
    const yt = await t.http().get(`/api/textbooks/${yuwen.id}/chapters`).set(auth(li));
    expect(yt.body.chapters.map((c: { title: string }) => c.title)).toEqual(expect.arrayContaining(['社戏', '回延安']));
  });

  it('lets the platform admin extend the catalogue, idempotently; others and bad files are refused', async () => {
    const file = {
      schema_version: 1,
      editions: [
        {
          subject: '英语',
          edition: '外研版',
          stage: '初中',
          revision: '2024',
          volumes: [
            {
              grade: 7,
              term: '上',
              name: '七年级上册',
              units: [
                { order: 1, name: 'Starter Unit 1', sections: [{ order: 1, name: 'Hello!' }] },
                { order: 2, name: 'Unit 1 A new start' },
              ],
            },
          ],
        },
      ],
    };
    expect((await t.http().post('/api/textbooks/import').set(auth(li)).send(file)).status).toBe(403);
    const first = await t.http().post('/api/textbooks/import').set(auth(admin)).send(file);
    expect(first.body).toEqual({ textbooks: 1, chaptersCreated: 3, chaptersUpdated: 0 });
    const again = await t.http().post('/api/textbooks/import').set(auth(admin)).send(file);
    expect(again.body).toEqual({ textbooks: 1, chaptersCreated: 0, chaptersUpdated: 3 });
    const before = await t.db.query(`SELECT count(*)::int AS n FROM chapter`);
    const bad = structuredClone(file);
    bad.editions[0].volumes[0].grade = 13;
    const refused = await t.http().post('/api/textbooks/import').set(auth(admin)).set('Accept-Language', 'en').send(bad);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('editions.0.volumes.0.grade');
    const dup = structuredClone(file);
    dup.editions[0].volumes[0].units[1].order = 1;
    expect((await t.http().post('/api/textbooks/import').set(auth(admin)).send(dup)).status).toBe(400);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM chapter`)).toEqual(before);
  });

  it('keeps the platform-wide catalogue to the platform admin: a group admin is refused and changes nothing', async () => {
    const file = {
      schema_version: 1,
      editions: [
        {
          subject: '化学',
          edition: '沪教版',
          stage: '初中',
          revision: '2024',
          volumes: [{ grade: 9, term: '上', name: '九年级上册', units: [{ order: 1, name: '第1章 开启化学之门' }] }],
        },
      ],
    };
    const count = async () =>
      (
        await t.db.query(`SELECT (SELECT count(*)::int FROM textbook) AS books, (SELECT count(*)::int FROM chapter) AS chapters`)
      )[0];
    const before = await count();
    const groupAdmin = await t.login('group.admin');
    const refused = await t.http().post('/api/textbooks/import').set(auth(groupAdmin)).send(file);
    expect(refused.status).toBe(403);
    expect(await count()).toEqual(before);
    const imported = await t.http().post('/api/textbooks/import').set(auth(admin)).send(file);
    expect(imported.body).toEqual({ textbooks: 1, chaptersCreated: 1, chaptersUpdated: 0 });
  });

  it('creates a resource on a chapter; the tree counts it for the unit and the lesson', async () => {
    const res = await createResource(li);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: '1.1 正数和负数 教案',
      authorName: '李明华',
      schoolName: '木棉县第一实验学校',
      reviewState: 'none',
      chapterPath: [{ id: unit1 }, { id: lesson11 }],
      files: [{ latest: { number: 1, fileName: '有理数 教案.pdf', fileKind: 'pdf' } }],
    });
    const tree = await t.http().get(`/api/textbooks/${math7.id}/chapters`).set(auth(wang));
    // wang is in another school: a school-only resource is not counted for him
    expect(tree.body.chapters.find((c: { id: string }) => c.id === unit1).resourceCount).toBe(0);
    const mine = await t.http().get(`/api/textbooks/${math7.id}/chapters`).set(auth(schoolAdmin));
    expect(mine.body.chapters.find((c: { id: string }) => c.id === unit1).resourceCount).toBe(1);
    expect(mine.body.chapters.find((c: { id: string }) => c.id === lesson11).resourceCount).toBe(1);
    const listed = await t.http().get('/api/resources').query({ chapterId: unit1 }).set(auth(schoolAdmin));
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
  });

  it('refuses bad input with a clear 400 (or 413) and changes nothing', async () => {
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM resource`))[0].n as number;
    const before = await count();
    const unknownKind = await createResource(li, { kind: 'homework' });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.fields[0].field).toBe('kind');
    const grade = await createResource(li, { grades: [13] });
    expect(grade.status).toBe(400);
    expect(grade.body.fields[0].message).toBe('grades 不能大于 12');
    const wrongEdition = await createResource(li, { chapterId: otherEditionChapter });
    expect(wrongEdition.status).toBe(400);
    expect(wrongEdition.body.fields[0]).toEqual({ field: 'chapterId', message: '所选章节不属于该教材（版本/册）' });
    const subject = await createResource(li, { subject: '语文' });
    expect(subject.status).toBe(400);
    const huge = await t
      .http()
      .post('/api/resources')
      .set(auth(li))
      .send({ title: 'x'.repeat(10 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const long = await createResource(li, { title: '长'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.fields[0].field).toBe('title');
    const missingFile = await t
      .http()
      .post('/api/resources')
      .set(auth(li))
      .set('Accept-Language', 'en')
      .send({
        title: '没有文件',
        kind: 'exercise',
        subject: '数学',
        grades: [7],
        license: 'cc0',
        visibility: 'private',
        audience: 'everyone',
        files: [{ uploadId: '00000000-0000-4000-8000-000000000000' }],
      });
    expect(missingFile.status).toBe(400);
    expect(missingFile.body.message).toMatch(/upload/i);
    const noFiles = await createResource(li, { files: [] });
    expect(noFiles.status).toBe(400);
    expect(await count()).toBe(before);
    // a student may not upload at all
    expect((await createResource(li, {})).status).toBe(201);
    const asStudent = await t.http().post('/api/resources').set(auth(student)).send({});
    expect(asStudent.status).toBe(403);
  });

  it('shows each visibility level to exactly the right people', async () => {
    const make = async (visibility: string, audience: string) => {
      const r = await createResource(li, { visibility, audience, title: `${visibility}/${audience}` });
      expect(r.status).toBe(201);
      if (visibility === 'group' || visibility === 'public') {
        expect(r.body.reviewState).toBe('pending');
        const ok = await t.http().post(`/api/resources/${r.body.id}/review`).set(auth(schoolAdmin)).send({ decision: 'approve' });
        expect(ok.body.reviewState).toBe('approved');
      }
      return r.body.id as string;
    };
    const ids = {
      private: await make('private', 'everyone'),
      school: await make('school', 'everyone'),
      group: await make('group', 'everyone'),
      public: await make('public', 'everyone'),
      publicTeachers: await make('public', 'teachers_only'),
      groupTeachers: await make('group', 'teachers_only'),
    };
    const sees = async (token: string) => {
      const out: string[] = [];
      for (const [name, id] of Object.entries(ids)) {
        const res = await t.http().get(`/api/resources/${id}`).set(auth(token));
        if (res.status === 200) out.push(name);
        else expect(res.status).toBe(404);
      }
      // the list agrees with the detail
      const listed = await t.http().get('/api/resources').query({ textbookId: math7.id, limit: 200 }).set(auth(token));
      const listedIds = new Set(listed.body.items.map((i: { id: string }) => i.id));
      expect(
        Object.entries(ids)
          .filter(([, id]) => listedIds.has(id))
          .map(([n]) => n),
      ).toEqual(out);
      return out;
    };
    expect(await sees(li)).toEqual(['private', 'school', 'group', 'public', 'publicTeachers', 'groupTeachers']);
    expect(await sees(schoolAdmin)).toEqual(['school', 'group', 'public', 'publicTeachers', 'groupTeachers']);
    expect(await sees(wang)).toEqual(['group', 'public', 'publicTeachers', 'groupTeachers']);
    expect(await sees(outsider)).toEqual(['public', 'publicTeachers']);
    expect(await sees(student)).toEqual(['group', 'public']);
    expect(await sees(parent)).toEqual(['public']);
  });

  it('runs the review queue: pending is seen by the school only, a rejection tells the author why', async () => {
    const r = (await createResource(li, { visibility: 'group', audience: 'everyone', title: '待审核的习题' })).body;
    expect((await t.http().get(`/api/resources/${r.id}`).set(auth(wang))).status).toBe(404);
    const queue = await t.http().get('/api/resources/review-queue').set(auth(ruralAdmin));
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(r.id); // another school's admin
    const coreQueue = await t.http().get('/api/resources/review-queue').set(auth(schoolAdmin));
    expect(coreQueue.body.items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect(
      (await t.http().post(`/api/resources/${r.id}/review`).set(auth(ruralAdmin)).send({ decision: 'approve' })).status,
    ).toBe(404);
    const noReason = await t.http().post(`/api/resources/${r.id}/review`).set(auth(schoolAdmin)).send({ decision: 'reject' });
    expect(noReason.status).toBe(400);
    const rejected = await t
      .http()
      .post(`/api/resources/${r.id}/review`)
      .set(auth(schoolAdmin))
      .send({ decision: 'reject', reason: '答案第3题有误，请修改后重新提交' });
    expect(rejected.body.reviewState).toBe('rejected');
    const mine = await t.http().get('/api/resources').query({ scope: 'mine' }).set(auth(li));
    expect(mine.body.items.find((i: { id: string }) => i.id === r.id)).toMatchObject({
      reviewState: 'rejected',
      reviewReason: '答案第3题有误，请修改后重新提交',
    });
    expect((await t.http().get(`/api/resources/${r.id}`).set(auth(wang))).status).toBe(404);
    // a group admin approves it; now the rural school sees it
    const groupAdmin = await t.login('group.admin');
    expect(
      (await t.http().post(`/api/resources/${r.id}/review`).set(auth(groupAdmin)).send({ decision: 'approve' })).status,
    ).toBe(200);
    expect((await t.http().get(`/api/resources/${r.id}`).set(auth(wang))).status).toBe(200);
    // the author cannot approve their own work
    expect((await t.http().post(`/api/resources/${r.id}/review`).set(auth(li)).send({ decision: 'approve' })).status).toBe(403);
  });

  it('keeps version history; the latest is the default download; a new version goes back to review', async () => {
    const r = (await createResource(li, { visibility: 'group', audience: 'everyone', title: '有理数 课件' })).body;
    await t.http().post(`/api/resources/${r.id}/review`).set(auth(schoolAdmin)).send({ decision: 'approve' });
    const v2file = await makePdf(['有理数 课件 第二版\n修正了例题']);
    const uploadId = await uploadFile(t, li, v2file, '有理数 课件 v2.pdf');
    expect(
      (await t.http().post(`/api/resources/${r.id}/files/${r.files[0].id}/versions`).set(auth(wang)).send({ uploadId })).status,
    ).toBe(403);
    const v2 = await t
      .http()
      .post(`/api/resources/${r.id}/files/${r.files[0].id}/versions`)
      .set(auth(li))
      .send({ uploadId, changeNote: '修正了例题' });
    expect(v2.status).toBe(201);
    expect(v2.body.reviewState).toBe('pending');
    expect(
      v2.body.files[0].versions.map((v: { number: number; changeNote: string; createdByName: string }) => [
        v.number,
        v.changeNote,
        v.createdByName,
      ]),
    ).toEqual([
      [2, '修正了例题', '李明华'],
      [1, '', '李明华'],
    ]);
    const dl = await t.http().post(`/api/resources/${r.id}/download`).set(auth(li)).send({});
    expect(dl.body.fileName).toBe('有理数 课件 v2.pdf');
    expect(Buffer.from(await (await fetch(dl.body.url)).arrayBuffer()).equals(v2file)).toBe(true);
    const old = await t
      .http()
      .post(`/api/resources/${r.id}/download`)
      .set(auth(li))
      .send({ versionId: v2.body.files[0].versions[1].id });
    expect(old.body.fileName).toBe('有理数 教案.pdf');
  });

  it('records every download with the downloader’s school, counts views, favourites and ratings', async () => {
    const r = (await createResource(li, { visibility: 'group', audience: 'everyone', title: '分层练习' })).body;
    await t.http().post(`/api/resources/${r.id}/review`).set(auth(schoolAdmin)).send({ decision: 'approve' });
    await t.http().get(`/api/resources/${r.id}`).set(auth(wang));
    const dl = await t.http().post(`/api/resources/${r.id}/download`).set(auth(wang)).send({});
    expect(dl.status).toBe(200);
    await t.http().post(`/api/resources/${r.id}/download`).set(auth(student)).send({});
    const rows = await t.db.query(
      `SELECT d.role, s.name AS school, src.name AS source FROM resource_download d
       LEFT JOIN school s ON s.id = d.school_id LEFT JOIN school src ON src.id = d.source_school_id
       WHERE d.resource_id = $1 ORDER BY d.id`,
      [r.id],
    );
    expect(rows).toEqual([
      { role: 'teacher', school: '柳溪村小学', source: '木棉县第一实验学校' },
      { role: 'student', school: '青石镇初级中学', source: '木棉县第一实验学校' },
    ]);
    expect((await t.http().put(`/api/resources/${r.id}/favourite`).set(auth(wang)).send({ favourite: true })).body).toEqual({
      favourite: true,
      favouriteCount: 1,
    });
    await t.http().put(`/api/resources/${r.id}/favourite`).set(auth(wang)).send({ favourite: true });
    const favs = await t.http().get('/api/resources').query({ scope: 'favourites' }).set(auth(wang));
    expect(favs.body.items.map((i: { id: string }) => i.id)).toEqual([r.id]);
    await t.http().put(`/api/resources/${r.id}/rating`).set(auth(wang)).send({ stars: 5, comment: '很实用' });
    await t.http().put(`/api/resources/${r.id}/rating`).set(auth(wang)).send({ stars: 4, comment: '很实用，题量略大' });
    const rated = await t.http().put(`/api/resources/${r.id}/rating`).set(auth(schoolAdmin)).send({ stars: 3 });
    expect(rated.body).toEqual({ ratingAverage: 3.5, ratingCount: 2 });
    expect((await t.http().put(`/api/resources/${r.id}/rating`).set(auth(wang)).send({ stars: 6 })).status).toBe(400);
    const detail = await t.http().get(`/api/resources/${r.id}`).set(auth(wang));
    expect(detail.body).toMatchObject({ viewCount: 2, downloadCount: 2, favourite: true, myRating: { stars: 4 } });
    const ratings = await t.http().get(`/api/resources/${r.id}/ratings`).set(auth(li));
    expect(ratings.body[1]).toMatchObject({ userName: '王芳', schoolName: '柳溪村小学', stars: 4, comment: '很实用，题量略大' });
  });

  it('pages a chapter with keyset cursors and filters by kind and school', async () => {
    for (const kind of ['exercise', 'exercise', 'exam_paper'])
      await createResource(wang, { kind, visibility: 'school', chapterId: unit1 });
    const wangSchool = (await t.http().get('/api/auth/me').set(auth(wang))).body.schoolId as string;
    const page1 = await t.http().get('/api/resources').query({ chapterId: unit1, kind: 'exercise', limit: 1 }).set(auth(wang));
    expect(page1.body.items).toHaveLength(1);
    const page2 = await t
      .http()
      .get('/api/resources')
      .query({ chapterId: unit1, kind: 'exercise', limit: 1, cursor: page1.body.nextCursor })
      .set(auth(wang));
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    const both = await t
      .http()
      .get('/api/resources')
      .query({ chapterId: unit1, kind: 'exercise,exam_paper', schoolId: wangSchool })
      .set(auth(wang));
    expect(both.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['exam_paper', 'exercise', 'exercise']);
    const bad = await t.http().get('/api/resources').query({ cursor: 'not-a-cursor' }).set(auth(wang));
    expect(bad.status).toBe(400);
  });

  it('finds resources by keyword through the search engine, only those the caller may see', async () => {
    const open = (
      await createResource(li, { title: '勾股定理 探究课件', visibility: 'public', audience: 'everyone', kind: 'courseware' })
    ).body;
    await t.http().post(`/api/resources/${open.id}/review`).set(auth(schoolAdmin)).send({ decision: 'approve' });
    const closed = (await createResource(li, { title: '勾股定理 单元测试卷', visibility: 'school', kind: 'exam_paper' })).body;
    await t.app.get(SearchService).flush();
    const ids = async (token: string, query: Record<string, string>) => {
      const res = await t.http().get('/api/resources').query(query).set(auth(token));
      expect([res.status, res.body.code]).toEqual([200, undefined]);
      return (res.body.items as { id: string }[]).map((i) => i.id);
    };
    expect(new Set(await ids(schoolAdmin, { q: '勾股' }))).toEqual(new Set([open.id, closed.id]));
    expect(await ids(outsider, { q: '勾股定理' })).toEqual([open.id]);
    expect(await ids(schoolAdmin, { q: '勾股', kind: 'exam_paper' })).toEqual([closed.id]);
    expect(await ids(schoolAdmin, { q: '圆周率' })).toEqual([]);
    // deleting takes it out of the results
    await t.http().delete(`/api/resources/${closed.id}`).set(auth(li));
    await t.app.get(SearchService).flush();
    expect(await ids(li, { q: '勾股' })).toEqual([open.id]);
  });

  it('previews a PDF inline through a short-lived URL that stops working after it expires', async () => {
    const short = await createTestApp({ RESOURCE_URL_TTL_SECONDS: '1' });
    try {
      const token = await short.login('teacher.li');
      const uploadId = await uploadFile(short, token, await makePdf(['预览测试']), '预览.pdf');
      const r = await short
        .http()
        .post('/api/resources')
        .set(auth(token))
        .send({
          title: '预览',
          kind: 'courseware',
          subject: '数学',
          grades: [7],
          license: 'cc0',
          visibility: 'private',
          audience: 'everyone',
          files: [{ uploadId }],
        });
      await short.jobs.drain();
      const preview = await short
        .http()
        .get(`/api/resources/${r.body.id}/versions/${r.body.files[0].latest.id}/preview`)
        .set(auth(token));
      expect(preview.body).toMatchObject({ mode: 'pdf', state: 'ready' });
      const now = await fetch(preview.body.url);
      expect(now.status).toBe(200);
      expect(now.headers.get('content-type')).toBe('application/pdf');
      expect(now.headers.get('content-disposition')).toMatch(/^inline/);
      await new Promise((res) => setTimeout(res, 2500));
      expect((await fetch(preview.body.url)).status).toBe(403);
      // the grid gets a thumbnail of the first page
      const list = await short.http().get('/api/resources').query({ scope: 'mine' }).set(auth(token));
      const thumb = await fetch(list.body.items[0].thumbnailUrl);
      expect([thumb.status, thumb.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    } finally {
      await short.close();
    }
  });

  it('makes a small JPEG thumbnail of a large photo with ffmpeg, keyed by content; the preview is the original', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'photo-'));
    const photo = await readFile(await makeImage(join(dir, 'photo.jpg'), 3000, 2000));
    expect(photo.length).toBeGreaterThan(1_000_000);
    const r = await createResource(li, { title: '课堂板书照片', kind: 'image' }, photo, '板书.jpg');
    expect(r.status).toBe(201);
    await t.jobs.drain();
    const list = await t.http().get('/api/resources').query({ scope: 'mine', kind: 'image' }).set(auth(li));
    const item = list.body.items.find((i: { id: string }) => i.id === r.body.id);
    expect(item.thumbnailUrl).toContain('thumb.jpg');
    const thumb = await fetch(item.thumbnailUrl);
    expect([thumb.status, thumb.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    const bytes = Buffer.from(await thumb.arrayBuffer());
    await writeFile(join(dir, 'thumb.jpg'), bytes);
    const size = await imageSize(join(dir, 'thumb.jpg'));
    expect(size).toEqual({ width: 480, height: 320 });
    expect(bytes.length).toBeLessThan(photo.length / 20);
    // the preview still shows the original picture
    const version = r.body.files[0].latest;
    const preview = await t.http().get(`/api/resources/${r.body.id}/versions/${version.id}/preview`).set(auth(li));
    expect(preview.body).toMatchObject({ mode: 'image', state: 'ready' });
    expect(Number((await fetch(preview.body.url)).headers.get('content-length'))).toBe(photo.length);
  });

  const withSoffice = sofficePath() ? it : it.skip;
  if (!sofficePath()) console.warn('LibreOffice (soffice) not found: the Office preview conversion test is skipped');
  withSoffice(
    'converts an Office file to a PDF preview in the background, Chinese text rendered with a CJK font',
    async () => {
      const docx = (await makeOffice('第二章 有理数的运算\n有理数的加法法则：同号两数相加，取相同的符号。'))!;
      const res = await createResource(
        li,
        { title: '有理数的运算 教学设计', kind: 'teaching_design' },
        docx,
        '有理数的运算.docx',
      );
      expect(res.status).toBe(201);
      const version = res.body.files[0].latest;
      expect(version).toMatchObject({ fileKind: 'word', previewState: 'pending' });
      const before = await t.http().get(`/api/resources/${res.body.id}/versions/${version.id}/preview`).set(auth(li));
      expect(before.body).toMatchObject({ mode: 'none', state: 'pending', url: null });
      await t.jobs.drain();
      const after = await t.http().get(`/api/resources/${res.body.id}/versions/${version.id}/preview`).set(auth(li));
      expect(after.body).toMatchObject({ mode: 'pdf', state: 'ready' });
      const pdf = Buffer.from(await (await fetch(after.body.url)).arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const dir = await mkdtemp(join(tmpdir(), 'preview-'));
      await writeFile(join(dir, 'p.pdf'), pdf);
      const text = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('同号两数相加');
      expect(execFileSync('pdffonts', [join(dir, 'p.pdf')], { encoding: 'utf8' })).toMatch(/CJK|Noto|WenQuanYi|Droid/i);
      // download still gives the original .docx
      const dl = await t.http().post(`/api/resources/${res.body.id}/download`).set(auth(li)).send({});
      expect(dl.body.fileName).toBe('有理数的运算.docx');
    },
    180000,
  );

  it('edits details: placement checked against the textbook, widening to group sends it back to review', async () => {
    const r = (await createResource(li, { title: '编辑前' })).body;
    const patch = (token: string, body: Record<string, unknown>) =>
      t.http().patch(`/api/resources/${r.id}`).set(auth(token)).send(body);
    expect((await patch(wang, { title: '别人改' })).status).toBe(404);
    const wrongChapter = await patch(li, { chapterId: otherEditionChapter });
    expect(wrongChapter.status).toBe(400);
    expect(JSON.stringify(wrongChapter.body)).toContain('chapterId');
    expect((await patch(li, { subject: '语文' })).status).toBe(400); // the textbook is a maths book
    expect((await patch(li, { grades: [] })).status).toBe(400);
    const moved = await patch(li, { title: '编辑后', grades: [8, 7, 7], chapterId: unit1, tags: ['复习', '复习'] });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ title: '编辑后', grades: [7, 8], chapterPath: [{ id: unit1 }], tags: ['复习'] });
    const cleared = await patch(li, { textbookId: null, subject: '语文' });
    expect(cleared.body).toMatchObject({ subject: 'chinese', textbookId: null, chapterId: null, chapterPath: [] });
    const widened = await patch(li, { visibility: 'group' });
    expect(widened.body).toMatchObject({ visibility: 'group', reviewState: 'pending' });
    // a school admin of the author's school may edit too
    expect((await patch(schoolAdmin, { description: '管理员补充' })).body.description).toBe('管理员补充');
  });

  it('deletes a resource without deleting bytes another resource still uses', async () => {
    const pdf = await makePdf(['共用的文件']);
    const a = (await createResource(li, { title: '副本一' }, pdf)).body;
    const b = (await createResource(li, { title: '副本二' }, pdf)).body;
    expect((await t.http().delete(`/api/resources/${a.id}`).set(auth(wang))).status).toBe(404);
    expect((await t.http().delete(`/api/resources/${a.id}`).set(auth(li))).status).toBe(204);
    await t.jobs.drain();
    expect((await t.http().get(`/api/resources/${a.id}`).set(auth(li))).status).toBe(404);
    const dl = await t.http().post(`/api/resources/${b.id}/download`).set(auth(li)).send({});
    expect((await fetch(dl.body.url)).status).toBe(200);
  });
});
