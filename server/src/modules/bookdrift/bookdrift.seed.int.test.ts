import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { seedBookdrift } from './bookdrift.seed.js';

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
});
