import chapters from './data/chapters.json' with { type: 'json' };
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { uploadFile } from '../../testing/upload-file.js';
import { CatalogueService } from './catalogue.service.js';
import { makePdf } from './resources.fixtures.js';
import { VocabularyCodes1765100000000 } from './migrations/1765100000000-vocabulary-codes.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Subjects and terms are the vocabulary's codes everywhere; Chinese names are still read on input. */
describe('one vocabulary of subjects and terms (real Postgres)', () => {
  let t: TestApp;
  let li: string;

  beforeAll(async () => {
    t = await createTestApp();
    li = await t.login('teacher.li');
  });
  afterAll(() => t?.close());

  const math7 = async (token: string) => {
    const books = await t.http().get('/api/textbooks').query({ subject: '数学' }).set(auth(token));
    return books.body.find((b: { volume: string }) => b.volume === '七年级上册') as { id: string; subject: string; term: string };
  };

  it('reads 数学 as math on input and always answers with the code', async () => {
    const book = await math7(li);
    expect(book).toMatchObject({ subject: 'math', term: 'first' });
    const uploadId = await uploadFile(t, li, await makePdf(['有理数 学案']), '学案.pdf');
    const created = await t
      .http()
      .post('/api/resources')
      .set(auth(li))
      .send({
        title: '有理数 学案',
        kind: 'lesson_plan',
        subject: '数学',
        grades: [7],
        textbookId: book.id,
        license: 'cc_by_nc',
        visibility: 'school',
        audience: 'teachers_only',
        files: [{ uploadId }],
      });
    expect(created.status).toBe(201);
    expect(created.body.subject).toBe('math');
    const byName = await t.http().get('/api/resources').query({ subject: '数学' }).set(auth(li));
    const byCode = await t.http().get('/api/resources').query({ subject: 'math' }).set(auth(li));
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expect(byCode.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expect(byCode.body.items.every((r: { subject: string }) => r.subject === 'math')).toBe(true);
  });

  it('answers an unknown subject with a 400 on the subject field, in the caller’s language, and stores nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM resource`);
    const created = await t
      .http()
      .post('/api/resources')
      .set(auth(li))
      .send({
        title: '烹饪 教案',
        kind: 'lesson_plan',
        subject: '烹饪',
        grades: [7],
        license: 'cc_by_nc',
        visibility: 'school',
        audience: 'teachers_only',
        files: [{ uploadId: '00000000-0000-4000-8000-000000000000' }],
      });
    expect(created.status).toBe(400);
    expect(created.body.fields[0]).toEqual({ field: 'subject', message: 'subject 的取值不在允许范围内' });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM resource`)).toEqual(before);
    const filter = await t.http().get('/api/resources').query({ subject: 'cooking' }).set(auth(li)).set('Accept-Language', 'en');
    expect(filter.status).toBe(400);
    expect(filter.body.fields[0]).toEqual({ field: 'subject', message: 'subject has a value that is not allowed' });
    expect((await t.http().get('/api/textbooks').query({ subject: '烹饪' }).set(auth(li))).status).toBe(400);
  });

  it('migrates free-text subjects and terms to codes, keeps natural keys stable and queues a reindex', async () => {
    const book = await math7(li);
    const [resource] = (await t.db.query(`SELECT id FROM resource ORDER BY created_at LIMIT 1`)) as { id: string }[];
    // the data as it was stored before the vocabulary: Chinese names, 上/下/全一册
    await t.db.query(`
      UPDATE textbook SET
        subject = CASE subject WHEN 'math' THEN '数学' WHEN 'chinese' THEN '语文' WHEN 'physics' THEN '物理' ELSE subject END,
        term = CASE term WHEN 'first' THEN '上' WHEN 'second' THEN '下' WHEN 'whole' THEN '全一册' ELSE term END`);
    await t.db.query(`UPDATE textbook SET natural_key = subject || substr(natural_key, strpos(natural_key, '|'))`);
    await t.db.query(`UPDATE resource SET subject = '数学'`);
    await t.db.query(`UPDATE resource SET subject = '烹饪' WHERE id = $1`, [resource.id]);
    await t.db.query(`DELETE FROM search_outbox`);
    const old = await t.db.query(`SELECT subject, term, natural_key FROM textbook WHERE id = $1`, [book.id]);
    expect(old[0]).toMatchObject({ subject: '数学', term: '上' });
    expect(old[0].natural_key).toMatch(/^数学\|/);

    const q = t.db.createQueryRunner();
    try {
      await new VocabularyCodes1765100000000().up(q);
    } finally {
      await q.release();
    }

    const now = await t.db.query(`SELECT subject, term, natural_key FROM textbook WHERE id = $1`, [book.id]);
    expect(now[0]).toMatchObject({ subject: 'math', term: 'first' });
    expect(now[0].natural_key).toMatch(/^math\|人教版\|/);
    const subjects = await t.db.query(`SELECT DISTINCT subject FROM textbook ORDER BY subject`);
    expect(subjects.map((r: { subject: string }) => r.subject)).toEqual(['chinese', 'math', 'physics']);
    const terms = await t.db.query(`SELECT DISTINCT term FROM textbook ORDER BY term`);
    expect(terms.map((r: { term: string }) => r.term)).toEqual(['first', 'second', 'whole']);
    const resources = await t.db.query(`SELECT id, subject FROM resource`);
    expect(resources.find((r: { id: string }) => r.id === resource.id).subject).toBe('other');
    expect(resources.filter((r: { subject: string }) => r.subject === 'math')).toHaveLength(resources.length - 1);
    const queued = await t.db.query(`SELECT doc_id FROM search_outbox WHERE index_name = 'resources'`);
    expect(new Set(queued.map((r: { doc_id: string }) => r.doc_id))).toEqual(new Set(resources.map((r: { id: string }) => r.id)));

    // re-importing the shipped file (Chinese names) finds the same textbooks
    const count = await t.db.query(`SELECT count(*)::int AS n FROM textbook`);
    const again = await t.app.get(CatalogueService).import(chapters);
    expect(again.chaptersCreated).toBe(0);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM textbook`)).toEqual(count);
  });
});
