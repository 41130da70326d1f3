import {
  InvalidSearchQueryError,
  UnknownSearchIndexError,
  type SearchDocument,
  type SearchEngine,
  type SearchIndexDefinition,
  type SearchQuery,
} from './search.engine.js';

export interface EngineUnderTest {
  engine: SearchEngine;
  /** drops whatever the run created (indexes, databases) */
  close(): Promise<void>;
}

/**
 * The one behaviour every search engine adapter must show. Run by postgres.engine.int.test.ts (always)
 * and meilisearch.engine.test.ts (when MEILI_HOST is set).
 */
export function describeEngineContract(
  name: string,
  makeEngine: () => Promise<EngineUnderTest>,
  opts: { skip?: string } = {},
): void {
  const describeOrSkip = opts.skip ? describe.skip : describe;
  describeOrSkip(`search engine contract: ${name}${opts.skip ? ` (skipped: ${opts.skip})` : ''}`, () => {
    let under: EngineUnderTest;
    let engine: SearchEngine;
    const suffix = Math.random().toString(36).slice(2, 8);
    const indexName = (base: string) => `${base}_${suffix}`;

    const definition = (name: string): SearchIndexDefinition => ({
      name,
      searchable: ['title', 'tags', 'description'],
      filterable: ['visibility', 'schoolId', 'groupIds', 'grade', 'kind', 'published'],
      sortable: ['createdAt', 'downloads'],
      load: async () => [],
    });

    const docs: SearchDocument[] = [
      {
        id: 'r1',
        title: '一元二次方程的解法',
        tags: ['数学', '9年级'],
        description: '配方法与公式法',
        visibility: 'public',
        schoolId: 's1',
        groupIds: ['g1', 'g2'],
        grade: 9,
        kind: 'lesson_plan',
        published: true,
        createdAt: 1,
        downloads: 30,
      },
      {
        id: 'r2',
        title: '勾股定理 课件',
        tags: ['PPT', '8年级'],
        description: '直角三角形三边的关系',
        visibility: 'group',
        schoolId: 's2',
        groupIds: ['g1'],
        grade: 8,
        kind: 'courseware',
        published: false,
        createdAt: 2,
        downloads: 10,
      },
      {
        id: 'r3',
        title: '分数的初步认识',
        tags: ['三年级'],
        description: '把一个圆平均分成几份',
        visibility: 'school',
        schoolId: 's1',
        groupIds: [],
        grade: 3,
        kind: 'lesson_plan',
        published: false,
        createdAt: 3,
        downloads: 50,
      },
      {
        id: 'r4',
        title: 'Unit 3 English reading 课件',
        tags: ['PPT'],
        description: '8年级 上册',
        visibility: 'public',
        schoolId: 's3',
        groupIds: ['g2'],
        grade: 8,
        kind: 'courseware',
        published: false,
        createdAt: 4,
        downloads: 0,
      },
      {
        id: 'r5',
        title: '圆的面积',
        tags: [],
        description: '',
        visibility: 'private',
        schoolId: 's1',
        groupIds: ['g3'],
        grade: 6,
        kind: 'exercise',
        published: false,
        createdAt: 5,
        downloads: 20,
      },
    ];

    const main = indexName('contract');
    const ids = async (q: Partial<SearchQuery>, index = main) => (await engine.search(index, { limit: 20, ...q })).ids;
    const idSet = async (q: Partial<SearchQuery>, index = main) => (await ids(q, index)).sort();

    beforeAll(async () => {
      under = await makeEngine();
      engine = under.engine;
      await engine.ping();
      await engine.ensureIndex(definition(main));
      await engine.clear(main);
      await engine.upsert(main, docs);
    });
    afterAll(async () => {
      await under?.close();
    });

    describe('Chinese text', () => {
      it('finds a phrase inside a longer title, and only that document', async () => {
        expect(await ids({ q: '二次方程' })).toEqual(['r1']);
      });

      it('finds a title by its first two characters', async () => {
        expect(await ids({ q: '勾股' })).toEqual(['r2']);
      });

      it('answers a one-character query, title matches first', async () => {
        const found = await ids({ q: '圆' });
        expect([...found].sort()).toEqual(['r3', 'r5']);
        expect(found[0]).toBe('r5');
      });

      it('finds nothing for text no document holds', async () => {
        expect(await ids({ q: '化学方程式' })).toEqual([]);
        expect((await engine.search(main, { q: '化学方程式', limit: 10 })).total).toBe(0);
      });
    });

    describe('mixed Chinese, English and digits', () => {
      it('matches Latin words case-insensitively', async () => {
        expect(await idSet({ q: 'PPT' })).toEqual(['r2', 'r4']);
        expect(await idSet({ q: 'ppt' })).toEqual(['r2', 'r4']);
      });

      it('matches digits glued to Chinese ("8年级") and not other grades', async () => {
        expect(await idSet({ q: '8年级' })).toEqual(['r2', 'r4']);
      });

      it('needs every query term: English word plus Chinese word', async () => {
        expect(await ids({ q: 'english 课件' })).toEqual(['r4']);
        expect(await ids({ q: '勾股 english' })).toEqual([]);
      });

      it('treats a query of only punctuation as no query', async () => {
        expect(await idSet({ q: '，。！' })).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
      });
    });

    describe('filters', () => {
      it('matches an array field when any element equals the value', async () => {
        expect(await idSet({ filter: { field: 'groupIds', eq: 'g1' } })).toEqual(['r1', 'r2']);
      });

      it('matches "in" over an array field', async () => {
        expect(await idSet({ filter: { field: 'groupIds', in: ['g2', 'g9'] } })).toEqual(['r1', 'r4']);
      });

      it('matches numbers and booleans', async () => {
        expect(await idSet({ filter: { field: 'grade', eq: 8 } })).toEqual(['r2', 'r4']);
        expect(await idSet({ filter: { field: 'grade', in: [3, 6] } })).toEqual(['r3', 'r5']);
        expect(await idSet({ filter: { field: 'published', eq: true } })).toEqual(['r1']);
      });

      it('combines and/or the way visibility rules need', async () => {
        const filter = {
          or: [
            { field: 'visibility', eq: 'public' },
            {
              and: [
                { field: 'schoolId', eq: 's1' },
                { field: 'groupIds', in: ['g1'] },
              ],
            },
            {
              and: [
                { field: 'visibility', eq: 'school' },
                { field: 'schoolId', eq: 's1' },
              ],
            },
          ],
        };
        expect(await idSet({ filter })).toEqual(['r1', 'r3', 'r4']);
      });

      it('combines text with filters', async () => {
        expect(await ids({ q: '课件', filter: { field: 'visibility', eq: 'public' } })).toEqual(['r4']);
        expect(await idSet({ q: '课件', filter: { field: 'kind', eq: 'courseware' } })).toEqual(['r2', 'r4']);
      });

      it('treats an empty "in" as matching nothing and an empty "and" as no filter', async () => {
        expect(await engine.search(main, { limit: 10, filter: { field: 'groupIds', in: [] } })).toMatchObject({
          ids: [],
          total: 0,
        });
        expect((await engine.search(main, { limit: 10, filter: { and: [] } })).total).toBe(5);
      });

      it('quotes values safely (no injection through a filter value)', async () => {
        const evil = `s1" OR schoolId = "s2' OR '1'='1`;
        expect(await ids({ filter: { field: 'schoolId', eq: evil } })).toEqual([]);
        expect(await ids({ filter: { field: 'schoolId', in: [evil, 's2'] } })).toEqual(['r2']);
      });

      it('refuses a field that is not filterable or sortable', async () => {
        await expect(engine.search(main, { limit: 10, filter: { field: 'title', eq: 'x' } })).rejects.toBeInstanceOf(
          InvalidSearchQueryError,
        );
        await expect(engine.search(main, { limit: 10, sort: [{ field: 'grade', direction: 'asc' }] })).rejects.toBeInstanceOf(
          InvalidSearchQueryError,
        );
      });
    });

    describe('sort and pagination', () => {
      it('sorts by a numeric field both ways', async () => {
        expect(await ids({ sort: [{ field: 'downloads', direction: 'desc' }] })).toEqual(['r3', 'r1', 'r5', 'r2', 'r4']);
        expect(await ids({ sort: [{ field: 'createdAt', direction: 'asc' }] })).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
      });

      it('sorts the matches of a text query', async () => {
        expect(await ids({ q: 'PPT', sort: [{ field: 'createdAt', direction: 'desc' }] })).toEqual(['r4', 'r2']);
      });

      it('pages with limit/offset and always reports the total', async () => {
        const sort = [{ field: 'createdAt', direction: 'asc' as const }];
        expect(await engine.search(main, { sort, limit: 2, offset: 2 })).toMatchObject({ ids: ['r3', 'r4'], total: 5 });
        expect(await engine.search(main, { sort, limit: 2, offset: 4 })).toMatchObject({ ids: ['r5'], total: 5 });
        expect(await engine.search(main, { sort, limit: 3, offset: 1 })).toMatchObject({
          ids: ['r2', 'r3', 'r4'],
          total: 5,
        });
        expect(await engine.search(main, { sort, limit: 2, offset: 10 })).toMatchObject({ ids: [], total: 5 });
        expect(await engine.search(main, { limit: 0, filter: { field: 'grade', eq: 8 } })).toMatchObject({
          ids: [],
          total: 2,
        });
      });

      it('reports how long the search took', async () => {
        const res = await engine.search(main, { q: '课件', limit: 5 });
        expect(res.tookMs).toBeGreaterThanOrEqual(0);
        expect(res.tookMs).toBeLessThan(5000);
      });
    });

    describe('writes', () => {
      const writes = indexName('writes');
      beforeAll(async () => {
        await engine.ensureIndex(definition(writes));
        await engine.clear(writes);
        await engine.upsert(writes, docs);
      });

      it('replaces a whole document on upsert (old text and old filter values are gone)', async () => {
        await engine.upsert(writes, [{ ...docs[0], title: '二次函数的图像', description: '', groupIds: ['g3'], createdAt: 9 }]);
        expect(await ids({ q: '二次方程' }, writes)).toEqual([]);
        expect(await ids({ q: '函数' }, writes)).toEqual(['r1']);
        expect(await idSet({ filter: { field: 'groupIds', eq: 'g1' } }, writes)).toEqual(['r2']);
        expect((await engine.search(writes, { limit: 10 })).total).toBe(5);
      });

      it('deletes documents, and deleting an unknown id is harmless', async () => {
        await engine.delete(writes, ['r2', 'no-such-doc']);
        expect(await ids({ q: '勾股' }, writes)).toEqual([]);
        expect((await engine.search(writes, { limit: 10 })).total).toBe(4);
        await engine.delete(writes, ['r2']);
        await engine.delete(writes, []);
      });

      it('clears one index without touching another', async () => {
        await engine.clear(writes);
        expect((await engine.search(writes, { limit: 10 })).total).toBe(0);
        expect((await engine.search(main, { limit: 10 })).total).toBe(5);
      });

      it('keeps documents of two indexes apart', async () => {
        await engine.upsert(writes, [{ id: 'w1', title: '勾股定理的证明' }]);
        expect(await ids({ q: '勾股' }, writes)).toEqual(['w1']);
        expect(await ids({ q: '勾股' })).toEqual(['r2']);
      });
    });

    describe('unknown indexes', () => {
      it('refuses to search, write or clear an index nobody ensured', async () => {
        const nope = indexName('nope');
        await expect(engine.search(nope, { limit: 10 })).rejects.toBeInstanceOf(UnknownSearchIndexError);
        await expect(engine.upsert(nope, [{ id: 'x', title: 'x' }])).rejects.toBeInstanceOf(UnknownSearchIndexError);
        await expect(engine.delete(nope, ['x'])).rejects.toBeInstanceOf(UnknownSearchIndexError);
        await expect(engine.clear(nope)).rejects.toBeInstanceOf(UnknownSearchIndexError);
      });
    });
  });
}
