import { randomBytes } from 'node:crypto';
import { compileMeiliFilter, MeilisearchEngine } from './meilisearch.engine.js';
import { describeEngineContract } from './search.contract.js';

/** the run against a real server is enabled by MEILI_HOST (and MEILI_API_KEY when it needs one) */
const meili = { host: process.env.MEILI_HOST || undefined, apiKey: process.env.MEILI_API_KEY || undefined };

describeEngineContract(
  'meilisearch',
  async () => {
    const prefix = `test_${randomBytes(4).toString('hex')}_`;
    const engine = await MeilisearchEngine.connect({ host: meili.host!, apiKey: meili.apiKey, indexPrefix: prefix });
    return {
      engine,
      async close() {
        const { results } = await engine.client.getIndexes({ limit: 1000 });
        for (const index of results.filter((i) => i.uid.startsWith(prefix)))
          await engine.client.deleteIndex(index.uid).waitTask({ timeout: 30_000 });
      },
    };
  },
  { skip: meili.host ? undefined : 'MEILI_HOST is not set; point it at a Meilisearch server to run this suite' },
);

describe('Meilisearch filter strings', () => {
  it('compiles and/or/eq/in with quoted strings and bare numbers and booleans', () => {
    expect(
      compileMeiliFilter({
        or: [
          { field: 'visibility', eq: 'public' },
          {
            and: [
              { field: 'groupIds', in: ['g1', 'g2'] },
              { field: 'grade', in: [8, 9] },
              { field: 'published', eq: true },
            ],
          },
        ],
      }),
    ).toBe('(visibility = "public" OR (groupIds IN ["g1", "g2"] AND grade IN [8, 9] AND published = true))');
  });

  it('escapes double quotes so a value cannot close its string', () => {
    expect(compileMeiliFilter({ field: 'schoolId', eq: 's1" OR schoolId = "s2' })).toBe('schoolId = "s1\\" OR schoolId = \\"s2"');
    expect(() => compileMeiliFilter({ field: 'schoolId', eq: 'a\\' })).toThrow(/backslash/);
  });
});
