import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { seedBookdrift } from './bookdrift.seed.js';
import { formatDriftCode, newDriftCode } from './drift-code.js';

describe('book drift demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds catalogues, shared copies, a campaign under way, a reading list and an approved note', async () => {
    await seedBookdrift(t.seed);
    const [{ n }] = await t.db.query(`SELECT count(*)::int n FROM book_copy`);
    expect(n).toBe(36);
    const states = await t.db.query(`SELECT state, count(*)::int n FROM shipment GROUP BY state ORDER BY state`);
    expect(states).toEqual([
      { state: 'in_transit', n: 1 },
      { state: 'received', n: 1 },
    ]);
    const token = await t.login('rural.admin');
    const lists = await t.http().get('/api/bookdrift/lists').set('Authorization', `Bearer ${token}`);
    expect(lists.body[0].name).toContain('三年级暑假书单');
    const [{ drift_code }] = await t.db.query(`SELECT c.drift_code FROM reading_note n JOIN book_copy c ON c.id = n.copy_id`);
    const page = await t.http().get(`/api/bookdrift/drift/${drift_code}`).set('Authorization', `Bearer ${token}`);
    expect(page.body.notes[0].author).toBe('小雨');
    expect(page.body.journey.map((j: { schoolName: string }) => j.schoolName)).toEqual(['木棉县第一实验学校', '青石镇中心小学']);
  });

  it('shows a label’s public page to anyone signed out: book, schools and dates, a note count, no person and no note text', async () => {
    const [{ drift_code: code, copy_id, body, title, author }] = await t.db.query(
      `SELECT c.drift_code, c.id copy_id, n.body, t.title, t.author
       FROM reading_note n JOIN book_copy c ON c.id = n.copy_id JOIN book_title t ON t.id = c.title_id`,
    );
    // as typed from the label (hyphen, lower case) and without any Authorization header
    const res = await t.http().get(`/api/bookdrift/public/drift/${formatDriftCode(code).toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      driftCode: code,
      title,
      author,
      homeSchoolName: '木棉县第一实验学校',
      journey: [
        { schoolName: '木棉县第一实验学校', arrivedAt: expect.any(String) },
        { schoolName: '青石镇中心小学', arrivedAt: expect.any(String) },
      ],
      approvedNotes: 1,
    });
    const raw = JSON.stringify(res.body);
    expect(raw).not.toContain(body);
    expect(raw).not.toContain('小雨');
    expect(raw).not.toContain(copy_id);
    const people: { id: string; username: string; display_name: string }[] = await t.db.query(
      `SELECT id, username, display_name FROM app_user`,
    );
    expect(people.length).toBeGreaterThan(3);
    for (const u of people) {
      expect(raw).not.toContain(u.id);
      expect(raw).not.toContain(u.username);
      expect(raw).not.toContain(u.display_name);
    }
    for (const id of Object.values(t.seed.schools)) expect(raw).not.toContain(id);

    // a malformed code is refused with a clear message in the caller's language; an unknown one is 404
    const typo = code.slice(0, 7) + (code[7] === 'A' ? 'B' : 'A'); // wrong check character
    const bad = await t.http().get(`/api/bookdrift/public/drift/${typo}`).set('Accept-Language', 'en');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('is not a valid drift code');
    const badZh = await t.http().get('/api/bookdrift/public/drift/123');
    expect(badZh.status).toBe(400);
    expect(JSON.stringify(badZh.body)).toContain('不是有效的漂流码');
    let unknown = newDriftCode();
    while (unknown === code) unknown = newDriftCode();
    const missing = await t.http().get(`/api/bookdrift/public/drift/${unknown}`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain(formatDriftCode(unknown));
  });
});
