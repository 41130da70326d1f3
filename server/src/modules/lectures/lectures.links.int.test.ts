import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { Resource } from '../resources/resources.entities.js';
import { TermCalendar } from './lectures.entities.js';

/** An episode's textbook chapter and linked resources; the term calendar editor's rules. */
let t: TestApp;
let teacher: string;
let wang: string;
let student: string;
let groupAdmin: string;
let admin: string;
let seriesId: string;
let unit: { id: string; title: string; number: string };
let lesson: { id: string; title: string; number: string };
let textbookId: string;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function resource(over: Partial<Resource>): Promise<string> {
  const r = await t.db.getRepository(Resource).save({
    title: '资源',
    description: '',
    kind: 'courseware',
    subject: '数学',
    grades: [8],
    tags: [],
    license: 'cc_by_nc',
    authorId: t.seed.users.teacher,
    schoolId: t.seed.schools.core,
    visibility: 'public',
    audience: 'everyone',
    reviewState: 'approved',
    ...over,
  } as Resource);
  return r.id;
}

beforeAll(async () => {
  t = await createTestApp();
  [teacher, wang, student, groupAdmin, admin] = await Promise.all(
    ['teacher.li', 'teacher.wang', 'student.chen', 'group.admin', 'admin'].map((u) => t.login(u)),
  );
  const books = await t.http().get('/api/textbooks').query({ subject: '数学' }).set(auth(teacher));
  const book = books.body.find(
    (b: { volume: string; revision: string }) => b.volume === '八年级上册' && b.revision.startsWith('旧版'),
  );
  textbookId = book.id;
  const tree = await t.http().get(`/api/textbooks/${book.id}/chapters`).set(auth(teacher));
  unit = tree.body.chapters.find((c: { level: number; title: string }) => c.level === 1 && c.title.endsWith('全等三角形'));
  lesson = tree.body.chapters.find((c: { parentId: string }) => c.parentId === unit.id);
  const res = await t
    .http()
    .post('/api/lectures/series')
    .set(auth(teacher))
    .send({ title: '名师辅导讲堂 · 八年级数学', subject: 'math', grade: 8, term: 'first', visibility: 'public', lecturers: [] });
  expect(res.status).toBe(201);
  seriesId = res.body.id;
});
afterAll(() => t.close());

describe('episode chapter', () => {
  it('shows the chapter’s title path (unit › lesson) in every episode view, resolved for the whole list', async () => {
    const a = await t
      .http()
      .post(`/api/lectures/series/${seriesId}/episodes`)
      .set(auth(teacher))
      .send({ title: '全等三角形的性质', chapterId: lesson.id });
    expect(a.status).toBe(201);
    expect(a.body.chapterTitle).toBe('第十二章 全等三角形 › 12.1 全等三角形');
    expect(a.body.chapter).toEqual({
      id: lesson.id,
      textbookId,
      textbook: '人教版 数学 八年级上册',
      path: ['第十二章 全等三角形', '12.1 全等三角形'],
    });
    const b = await t
      .http()
      .post(`/api/lectures/series/${seriesId}/episodes`)
      .set(auth(teacher))
      .send({ title: '全等三角形单元复习', chapterId: unit.id });
    expect(b.body.chapterTitle).toBe('第十二章 全等三角形');
    // the series page lists them (its manager sees episodes without a video yet)
    const series = await t.http().get(`/api/lectures/series/${seriesId}`).set(auth(teacher));
    expect(series.body.episodes.map((e: { chapterTitle: string }) => e.chapterTitle)).toEqual([
      '第十二章 全等三角形 › 12.1 全等三角形',
      '第十二章 全等三角形',
    ]);
    // one episode, before any video: its watch/edit view
    const one = await t.http().get(`/api/lectures/episodes/${a.body.id}`).set(auth(student));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ canManage: false, episode: { chapterTitle: '第十二章 全等三角形 › 12.1 全等三角形' } });
    expect(one.body.series).toMatchObject({ id: seriesId, subject: 'math', grade: 8 });
    const mine = await t.http().get(`/api/lectures/episodes/${a.body.id}`).set(auth(teacher));
    expect(mine.body.canManage).toBe(true);
    // cleared
    const cleared = await t.http().patch(`/api/lectures/episodes/${b.body.id}`).set(auth(teacher)).send({ chapterId: null });
    expect(cleared.body).toMatchObject({ chapterId: null, chapterTitle: null, chapter: null });
  });

  it('refuses a chapter that is not in the catalogue, on the chapterId field', async () => {
    const res = await t
      .http()
      .post(`/api/lectures/series/${seriesId}/episodes`)
      .set(auth(teacher))
      .send({ title: '无效章节', chapterId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'chapterId', message: '所选教材章节不存在' })]);
    const word = await t
      .http()
      .post(`/api/lectures/series/${seriesId}/episodes`)
      .set(auth(teacher))
      .send({ title: '无效章节', chapterId: 'unit-3' });
    expect(word.status).toBe(400);
    expect(word.body.fields[0].field).toBe('chapterId');
  });
});

describe('linked resources', () => {
  let episode: string;
  let forAll: string;
  let teachersOnly: string;
  let wangsPrivate: string;

  beforeAll(async () => {
    forAll = await resource({ title: '12.1 全等三角形 课后练习', kind: 'exercise' });
    teachersOnly = await resource({ title: '12.1 教师用书 答案详解', kind: 'lesson_plan', audience: 'teachers_only' });
    wangsPrivate = await resource({
      title: '王老师的私人草稿',
      authorId: t.seed.users.ruralTeacher,
      schoolId: t.seed.schools.rural,
      visibility: 'private',
      reviewState: 'none',
    });
    const res = await t
      .http()
      .post(`/api/lectures/series/${seriesId}/episodes`)
      .set(auth(teacher))
      .send({ title: '三角形全等的判定', resourceIds: [teachersOnly, forAll] });
    expect(res.status).toBe(201);
    episode = res.body.id;
  });

  it('a student sees only what the resource rules let them see, in the teacher’s order; no titles leak', async () => {
    const mine = await t.http().get(`/api/lectures/episodes/${episode}/resources`).set(auth(teacher));
    expect(mine.status).toBe(200);
    expect(mine.body.map((r: { id: string }) => r.id)).toEqual([teachersOnly, forAll]);
    const theirs = await t.http().get(`/api/lectures/episodes/${episode}/resources`).set(auth(student));
    expect(theirs.status).toBe(200);
    expect(theirs.body.map((r: { title: string; kind: string }) => [r.title, r.kind])).toEqual([
      ['12.1 全等三角形 课后练习', 'exercise'],
    ]);
    expect(JSON.stringify(theirs.body)).not.toContain('教师用书');
    // reordered by the teacher
    await t
      .http()
      .patch(`/api/lectures/episodes/${episode}`)
      .set(auth(teacher))
      .send({ resourceIds: [forAll, teachersOnly] });
    const again = await t.http().get(`/api/lectures/episodes/${episode}/resources`).set(auth(teacher));
    expect(again.body.map((r: { id: string }) => r.id)).toEqual([forAll, teachersOnly]);
  });

  it('a deleted resource disappears from the episode', async () => {
    const gone = await resource({ title: '已删除的课件' });
    await t
      .http()
      .patch(`/api/lectures/episodes/${episode}`)
      .set(auth(teacher))
      .send({ resourceIds: [forAll, gone] });
    await t.db.getRepository(Resource).update({ id: gone }, { deletedAt: new Date() });
    const res = await t.http().get(`/api/lectures/episodes/${episode}/resources`).set(auth(student));
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([forAll]);
  });

  it('a teacher cannot link a resource they cannot see, nor the same one twice; an outsider cannot list them', async () => {
    const hidden = await t
      .http()
      .patch(`/api/lectures/episodes/${episode}`)
      .set(auth(teacher))
      .send({ resourceIds: [forAll, wangsPrivate] });
    expect(hidden.status).toBe(400);
    expect(hidden.body.fields).toEqual([expect.objectContaining({ field: 'resourceIds' })]);
    expect(JSON.stringify(hidden.body)).not.toContain('私人草稿');
    const twice = await t
      .http()
      .patch(`/api/lectures/episodes/${episode}`)
      .set(auth(teacher))
      .send({ resourceIds: [forAll, forAll] });
    expect(twice.status).toBe(400);
    // a teacher who does not manage the episode cannot change its links
    expect((await t.http().patch(`/api/lectures/episodes/${episode}`).set(auth(wang)).send({ resourceIds: [] })).status).toBe(
      403,
    );
    // an unpublished episode's resources are not listed for viewers
    const later = await t
      .http()
      .post(`/api/lectures/series/${seriesId}/episodes`)
      .set(auth(teacher))
      .send({ title: '下周的课', resourceIds: [forAll], publishAt: new Date(Date.now() + 86400_000).toISOString() });
    expect((await t.http().get(`/api/lectures/episodes/${later.body.id}/resources`).set(auth(student))).status).toBe(404);
    expect((await t.http().get(`/api/lectures/episodes/${later.body.id}`).set(auth(student))).status).toBe(404);
    expect((await t.http().get(`/api/lectures/episodes/${later.body.id}/resources`)).status).toBe(401);
  });
});

describe('term calendar', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    schoolYear: 2026,
    term: 'first',
    week1Monday: '2026-08-31',
    weeks: 20,
    ...over,
  });

  it('a group admin sets their group’s term; mistakes come back on the right field', async () => {
    const tue = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(groupAdmin))
      .send(body({ week1Monday: '2026-09-01' }));
    expect(tue.status).toBe(400);
    expect(tue.body.fields).toEqual([
      expect.objectContaining({ field: 'week1Monday', message: '第 1 周的起始日应为星期一（2026-09-01 是星期二）' }),
    ]);
    const en = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(groupAdmin))
      .set('Accept-Language', 'en')
      .send(body({ week1Monday: '2026-09-01' }));
    expect(en.body.fields[0].message).toContain('Tuesday');
    const wrongYear = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(groupAdmin))
      .send(body({ week1Monday: '2026-03-02' }));
    expect(wrongYear.body.fields[0]).toMatchObject({ field: 'week1Monday' });
    expect(wrongYear.body.fields[0].message).toContain('2026-07-01');
    const tooMany = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(groupAdmin))
      .send(body({ weeks: 31 }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields[0].field).toBe('weeks');

    const ok = await t.http().put('/api/lectures/calendars').set(auth(groupAdmin)).send(body());
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      groupId: t.seed.groupId,
      schoolYear: 2026,
      term: 'first',
      week1Monday: '2026-08-31',
      weeks: 20,
    });
    // editing the same term again replaces it
    const edited = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(groupAdmin))
      .send(body({ weeks: 19 }));
    expect(edited.body.id).toBe(ok.body.id);
    expect(edited.body.weeks).toBe(19);
    // the second term may not overlap the first
    const overlap = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(groupAdmin))
      .send(body({ term: 'second', week1Monday: '2027-01-04' }));
    expect(overlap.status).toBe(400);
    expect(overlap.body.fields[0]).toMatchObject({ field: 'week1Monday' });
    expect(overlap.body.fields[0].message).toContain('上学期');
    const second = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(groupAdmin))
      .send(body({ term: 'second', week1Monday: '2027-02-22', weeks: 18 }));
    expect(second.status).toBe(200);
    const list = await t.http().get('/api/lectures/calendars').set(auth(teacher));
    expect(list.body.map((c: { term: string }) => c.term)).toEqual(['second', 'first']);
  });

  it('teachers cannot edit; a platform admin names the group', async () => {
    expect((await t.http().put('/api/lectures/calendars').set(auth(teacher)).send(body())).status).toBe(403);
    const none = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(admin))
      .send(body({ schoolYear: 2027, week1Monday: '2027-08-30' }));
    expect(none.status).toBe(400);
    expect(none.body.fields[0].field).toBe('groupId');
    const named = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(admin))
      .send(body({ schoolYear: 2027, week1Monday: '2027-08-30', groupId: t.seed.groupId }));
    expect(named.status).toBe(200);
    const list = await t.http().get('/api/lectures/calendars').query({ groupId: t.seed.groupId }).set(auth(admin));
    expect(list.body.map((c: { schoolYear: number }) => c.schoolYear)).toEqual([2027, 2026, 2026]);
    // a group admin cannot edit another group's calendar
    const other = await t
      .http()
      .put('/api/lectures/calendars')
      .set(auth(groupAdmin))
      .send(body({ groupId: '00000000-0000-4000-8000-000000000000' }));
    expect(other.status).toBe(403);
    expect(await t.db.getRepository(TermCalendar).countBy({ groupId: t.seed.groupId })).toBe(3);
  });
});
