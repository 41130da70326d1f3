import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine, startStack } from './support/stack.js';

/**
 * `npm run bench:bookdrift`:
 *  1. imports a 100,000-copy catalogue CSV (80,000 titles, every fifth row a duplicate ISBN that
 *     merges into an existing title) through the real HTTP endpoint and prints rows/s;
 *  2. plans a 30-school, 29-round drift campaign: the pure scheduler, and the whole
 *     POST /api/bookdrift/campaigns (validation, planning, 870 legs written) — prints the time.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const dist = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../server/dist');

function isbn13(n: number): string {
  const body = '978' + String(n).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

function catalogueCsv(rows: number): string {
  const lines = ['ISBN,书名,作者,出版社,出版年,适读年级,分类,标签,架位'];
  for (let i = 0; i < rows; i++) {
    const n = i % 5 === 4 ? i - 4 : i; // every fifth row repeats an ISBN
    lines.push(
      `${isbn13(710_000_000 + n)},测试图书 第${n}册,作者${n % 997},木棉出版社,${1990 + (n % 35)},3-6,童话;成长,自立,A-${n % 300}`,
    );
  }
  return lines.join('\n') + '\n';
}

async function main() {
  const stack = await startStack();
  try {
    const login = async (username: string) => {
      const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: username, password: 'Mumian2026' }),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    console.log(`machine: ${machine()}`);

    const csv = Buffer.from(catalogueCsv(ROWS));
    const token = await login('school.admin');
    const form = new FormData();
    form.set('schoolId', stack.seed.schools.core);
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'catalogue.csv');
    const t0 = performance.now();
    const res = await fetch(`${stack.baseUrl}/api/bookdrift/catalogue/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const ms = performance.now() - t0;
    const report = (await res.json()) as { rows: number; titlesCreated: number; copiesCreated: number; millis: number };
    if (res.status !== 201) throw new Error(`import failed: ${res.status} ${JSON.stringify(report)}`);
    console.log(
      `catalogue import: ${report.rows} rows (${(csv.length / 2 ** 20).toFixed(1)} MB CSV) → ${report.titlesCreated} titles, ${report.copiesCreated} copies ` +
        `in ${(ms / 1000).toFixed(2)} s over HTTP = ${Math.round(report.rows / (ms / 1000))} rows/s (server-side ${report.millis} ms)`,
    );

    const { planRotation, checkSchedule } = (await import(
      pathToFileURL(join(dist, 'modules/bookdrift/scheduler.js')).href
    )) as typeof import('../../server/src/modules/bookdrift/scheduler.js');
    const ids = Array.from({ length: 30 }, (_, i) => `school-${i}`);
    const p0 = performance.now();
    let legs = planRotation(ids, 29);
    for (let i = 0; i < 99; i++) legs = planRotation(ids, 29);
    const pureMs = (performance.now() - p0) / 100;
    if (checkSchedule(legs).length || legs.length !== 870) throw new Error('bad schedule');
    console.log(
      `scheduler: 30 schools × 29 rounds = ${legs.length} legs in ${pureMs.toFixed(3)} ms (pure function, mean of 100)`,
    );

    // 26 more schools in the demo group, then the whole campaign over HTTP
    const { DataSource } = await import('typeorm');
    const db = stack.app.get(DataSource);
    const rows: { id: string }[] = await db.query(
      `INSERT INTO school (name, code, locality, stage) SELECT '漂流测试学校' || g, 'BD-' || g, 'rural', 'primary'
       FROM generate_series(1, 26) g RETURNING id`,
    );
    await db.query(`INSERT INTO group_membership (group_id, school_id, role) SELECT $1, unnest($2::uuid[]), 'member'`, [
      stack.seed.groupId,
      rows.map((r) => r.id),
    ]);
    const groupToken = await login('group.admin');
    const schoolIds = [...Object.values(stack.seed.schools), ...rows.map((r) => r.id)];
    const c0 = performance.now();
    const created = await fetch(`${stack.baseUrl}/api/bookdrift/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${groupToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '30 校漂流', schoolIds, startDate: '2026-03-02', roundWeeks: 1, rounds: 29 }),
    });
    const campaignMs = performance.now() - c0;
    const body = (await created.json()) as { legs: unknown[] };
    if (created.status !== 201) throw new Error(`campaign failed: ${created.status} ${JSON.stringify(body)}`);
    console.log(
      `campaign: POST 30 schools × 29 rounds (${body.legs.length} legs stored) in ${campaignMs.toFixed(0)} ms over HTTP`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
