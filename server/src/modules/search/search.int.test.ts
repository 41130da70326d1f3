import { AppError } from '../../common/errors.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { UnknownSearchIndexError, type SearchIndexDefinition } from './search.engine.js';
import { SEARCH_DRAIN_QUEUE } from './search.jobs.js';
import { SearchService } from './search.service.js';

/**
 * SearchService end to end on the real app: a tiny owner table, outbox rows written in the owner's
 * transaction, the drain job run by the job queue, reindex, and the readiness check.
 */
describe('search service: outbox, drain job, reindex (real Postgres)', () => {
  let t: TestApp;
  let search: SearchService;
  let failNextLoad = false;
  let loads = 0;

  const lessons: SearchIndexDefinition = {
    name: 'test_lessons',
    searchable: ['title', 'tags'],
    filterable: ['schoolId', 'groupIds'],
    sortable: ['createdAt'],
    async load(ids) {
      loads++;
      if (failNextLoad) {
        failNextLoad = false;
        throw new Error('owner database hiccup');
      }
      const rows: { id: string; title: string; tags: string[]; school_id: string; group_ids: string[]; n: number }[] =
        await t.db.query(`SELECT * FROM test_lesson WHERE id = ANY($1::text[])`, [ids]);
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        tags: r.tags,
        schoolId: r.school_id,
        groupIds: r.group_ids,
        createdAt: r.n,
      }));
    },
    async *allIds() {
      const rows: { id: string }[] = await t.db.query(`SELECT id FROM test_lesson ORDER BY id`);
      for (let i = 0; i < rows.length; i += 2) yield rows.slice(i, i + 2).map((r) => r.id);
    },
  };

  const find = async (q: string, filter?: Parameters<SearchService['search']>[1]['filter']) =>
    (await search.search('test_lessons', { q, filter, limit: 20 })).ids.sort();

  /** an owner's write: the row and its outbox entry in one transaction */
  const save = (id: string, title: string, tags: string[] = [], schoolId = 's1', groupIds: string[] = []) =>
    t.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO test_lesson (id, title, tags, school_id, group_ids, n) VALUES ($1,$2,$3,$4,$5,
           (SELECT count(*) FROM test_lesson))
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, tags = EXCLUDED.tags, group_ids = EXCLUDED.group_ids`,
        [id, title, tags, schoolId, groupIds],
      );
      await search.enqueue(m, 'test_lessons', [id]);
    });

  const pendingOutbox = async () => Number((await t.db.query(`SELECT count(*) AS n FROM search_outbox`))[0].n);
  const drainJobs = async () =>
    (await t.db.query(`SELECT state, attempts, last_error FROM job WHERE queue = $1 ORDER BY created_at`, [
      SEARCH_DRAIN_QUEUE.name,
    ])) as { state: string; attempts: number; last_error: string | null }[];

  beforeAll(async () => {
    t = await createTestApp();
    search = t.app.get(SearchService);
    await t.db.query(
      `CREATE TABLE test_lesson (id text PRIMARY KEY, title text NOT NULL, tags text[] NOT NULL, school_id text NOT NULL,
         group_ids text[] NOT NULL, n int NOT NULL)`,
    );
    search.registerIndex(lessons);
  });
  afterAll(() => t?.close());

  it('indexes a change only after the job runs, and coalesces a burst into one drain job', async () => {
    await save('l1', '一元二次方程的解法', ['数学', '9年级'], 's1', ['g1']);
    await save('l2', '勾股定理 课件', ['PPT', '8年级'], 's2', ['g1', 'g2']);
    await save('l3', '分数的初步认识', ['三年级'], 's1', []);
    expect(await find('二次方程')).toEqual([]); // not yet indexed
    expect(await pendingOutbox()).toBe(3);
    expect((await drainJobs()).filter((j) => j.state === 'queued')).toHaveLength(1);

    await t.jobs.drain();
    expect(await pendingOutbox()).toBe(0);
    expect(await find('二次方程')).toEqual(['l1']);
    expect(await find('勾股')).toEqual(['l2']);
    expect(await find('8年级')).toEqual(['l2']);
    expect(await find('', { field: 'groupIds', eq: 'g1' })).toEqual(['l1', 'l2']);
    expect((await drainJobs()).every((j) => j.state === 'done')).toBe(true);
  });

  it('writes nothing to the outbox when the owner transaction rolls back', async () => {
    await expect(
      t.db.transaction(async (m) => {
        await m.query(`INSERT INTO test_lesson VALUES ('l9','圆的面积','{}','s1','{}',9)`);
        await search.enqueue(m, 'test_lessons', ['l9']);
        throw new Error('validation failed later in the request');
      }),
    ).rejects.toThrow('validation failed');
    expect(await pendingOutbox()).toBe(0);
    await t.jobs.drain();
    expect(await find('圆')).toEqual([]);
  });

  it('replaces the indexed text on update and removes documents whose row is gone', async () => {
    await save('l1', '二次函数的图像', ['数学'], 's1', ['g3']);
    await t.db.transaction(async (m) => {
      await m.query(`DELETE FROM test_lesson WHERE id = 'l3'`);
      await search.enqueue(m, 'test_lessons', ['l3']);
    });
    await t.jobs.drain();
    expect(await find('二次方程')).toEqual([]);
    expect(await find('函数')).toEqual(['l1']);
    expect(await find('分数')).toEqual([]);
    expect(await find('', { field: 'groupIds', eq: 'g1' })).toEqual(['l2']);
  });

  it('keeps the outbox rows when loading fails, retries, and indexes once the owner recovers', async () => {
    failNextLoad = true;
    await save('l4', '圆的周长', ['六年级']);
    await t.jobs.drain(); // the attempt fails; the job is queued again with backoff
    const [failed] = (await drainJobs()).filter((j) => j.state === 'queued');
    expect(failed).toMatchObject({ attempts: 1, last_error: 'owner database hiccup' });
    expect(await pendingOutbox()).toBe(1);
    expect(await find('圆')).toEqual([]);

    await search.flush(); // the retry (run now rather than after the backoff)
    expect(await pendingOutbox()).toBe(0);
    expect(await find('圆')).toEqual(['l4']);
    // the queued retry finds an empty outbox and is a no-op
    const before = loads;
    await t.db.query(`UPDATE job SET run_after = now() WHERE queue = $1 AND state = 'queued'`, [SEARCH_DRAIN_QUEUE.name]);
    await t.jobs.drain();
    expect(loads).toBe(before);
    expect((await drainJobs()).every((j) => j.state === 'done')).toBe(true);
  });

  it('rebuilds an index from the owner data with reindex', async () => {
    await t.db.query(`INSERT INTO test_lesson VALUES ('l5','Unit 3 English reading 课件','{PPT}','s3','{g2}',5)`);
    expect(await find('english')).toEqual([]); // written without the outbox: not indexed
    await search.engine.upsert('test_lessons', [{ id: 'ghost', title: '勾股定理的证明' }]); // stale entry
    expect(await search.reindex('test_lessons')).toBe(4);
    expect(await find('english')).toEqual(['l5']);
    expect(await find('勾股')).toEqual(['l2']);
    expect((await search.search('test_lessons', { limit: 10 })).total).toBe(4);
    // what the reindex command runs
    await expect(search.reindexMany(['test_lessons', 'nope'])).rejects.toBeInstanceOf(UnknownSearchIndexError);
    expect(await search.reindexMany()).toMatchObject({ test_lessons: 4 });
  });

  it('answers a bad query with a translated 400 and refuses unknown indexes', async () => {
    await expect(search.search('test_lessons', { limit: 10, filter: { field: 'title', eq: 'x' } })).rejects.toMatchObject({
      status: 400,
      key: 'search.invalidQuery',
    });
    await expect(search.search('test_lessons', { limit: 10, q: '圆'.repeat(201) })).rejects.toBeInstanceOf(AppError);
    await expect(search.search('nope', { limit: 10 })).rejects.toBeInstanceOf(UnknownSearchIndexError);
    await expect(t.db.transaction((m) => search.enqueue(m, 'nope', ['x']))).rejects.toBeInstanceOf(UnknownSearchIndexError);
    expect(() => search.registerIndex(lessons)).toThrow(/twice/);
  });

  it('queues a drain when outbox rows wait without a job (the worker sweep)', async () => {
    await t.db.query(`INSERT INTO test_lesson VALUES ('l6','古诗三首','{}','s1','{}',6)`);
    await t.db.query(`INSERT INTO search_outbox (index_name, doc_id) VALUES ('test_lessons','l6')`); // no job
    await t.jobs.drain();
    expect(await find('古诗')).toEqual([]);
    await search.enqueueDrainIfPending();
    await t.jobs.drain();
    expect(await find('古诗')).toEqual(['l6']);
    const queued = () => t.db.query(`SELECT 1 FROM job WHERE queue = $1 AND state = 'queued'`, [SEARCH_DRAIN_QUEUE.name]);
    await search.enqueueDrainIfPending(); // nothing pending: no job
    expect(await queued()).toHaveLength(0);
  });

  it('reports the search engine in the readiness check', async () => {
    const res = await t.http().get('/api/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.checks.search).toBe('ok');
    const ping = jest.spyOn(search.engine, 'ping').mockRejectedValueOnce(new Error('connection refused'));
    const down = await t.http().get('/api/health/ready');
    expect(down.status).toBe(503);
    expect(ping).toHaveBeenCalled();
    ping.mockRestore();
  });
});
