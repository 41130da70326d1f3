import { Client } from 'pg';
import { machine, startStack } from './support/stack.js';

/**
 * `npm run bench:catalogue`: seeds 1,000,000 resources (one file + version each) spread over the
 * shipped textbook chapters, 40 schools and 400 teachers, then times what a teacher does when
 * browsing: GET /api/resources for a chapter (unit or lesson) with filters, first page and the
 * next page by keyset cursor, through the real HTTP API. Also times the chapter tree with
 * per-chapter counts. Prints p50/p95 (goal: listing p95 < 30 ms).
 */
const TOTAL = Number(process.env.BENCH_RESOURCES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${pct(xs, 100).toFixed(1)} ms (n=${xs.length})`;

async function seed(databaseUrl: string, seedSchools: string[]) {
  const db = new Client({ connectionString: databaseUrl });
  db.on('error', () => undefined);
  await db.connect();
  const t0 = performance.now();
  // 36 more schools in the demo group, 10 teachers per school
  await db.query(`
    INSERT INTO school (name, code, locality, stage, district)
    SELECT '测试学校' || g, 'B-' || g, (ARRAY['urban','township','rural'])[1 + g % 3], 'primary', '木棉县'
    FROM generate_series(1, 36) g`);
  await db.query(`
    INSERT INTO group_membership (group_id, school_id, role)
    SELECT (SELECT id FROM education_group LIMIT 1), id, 'member' FROM school WHERE code LIKE 'B-%'`);
  await db.query(`
    INSERT INTO app_user (username, display_name, password_hash, role, school_id, titles, must_change_password)
    SELECT 'bench.t' || s.rn || '.' || g, '教师' || s.rn || '-' || g, 'x', 'teacher', s.id, '{}', false
    FROM (SELECT id, row_number() OVER (ORDER BY id) rn FROM school) s, generate_series(1, 10) g`);
  await db.query(`CREATE TEMP TABLE ch AS
    SELECT row_number() OVER (ORDER BY c.id) - 1 AS n, c.id, COALESCE(c.parent_id, c.id) AS unit_id, c.textbook_id, t.subject, t.grade
    FROM chapter c JOIN textbook t ON t.id = c.textbook_id`);
  await db.query(`CREATE TEMP TABLE au AS
    SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, school_id FROM app_user WHERE role = 'teacher'`);
  const [{ chapters }] = (await db.query(`SELECT count(*)::int AS chapters FROM ch`)).rows;
  const [{ authors }] = (await db.query(`SELECT count(*)::int AS authors FROM au`)).rows;
  const chunk = 200_000;
  for (let from = 0; from < TOTAL; from += chunk) {
    const to = Math.min(TOTAL, from + chunk) - 1;
    await db.query(
      `INSERT INTO resource (id, title, kind, subject, grades, textbook_id, chapter_id, unit_id, tags, license, author_id, school_id,
                             visibility, audience, review_state, download_count, created_at, updated_at)
       SELECT gen_random_uuid(), '资源 ' || i, (ARRAY['lesson_plan','courseware','exercise','exam_paper','teaching_design','micro_lesson','image','audio','other'])[1 + i % 9],
              ch.subject, ARRAY[ch.grade]::smallint[], ch.textbook_id, ch.id, ch.unit_id, '{}', 'cc_by_nc', au.id, au.school_id,
              v.visibility, CASE WHEN i % 3 = 0 THEN 'teachers_only' ELSE 'everyone' END,
              CASE WHEN v.visibility IN ('group','public') THEN 'approved' ELSE 'none' END,
              i % 50, ts, ts
       FROM generate_series($1::int, $2::int) i
       JOIN ch ON ch.n = (i::bigint * 7919) % $3
       JOIN au ON au.n = (i::bigint * 104729) % $4
       CROSS JOIN LATERAL (SELECT (ARRAY['private','school','school','school','group','group','group','group','public','public'])[1 + (i::bigint * 31) % 10] AS visibility) v
       CROSS JOIN LATERAL (SELECT now() - make_interval(secs => ((i::bigint * 7777) / 1000) % 31536000) AS ts) t`,
      [from, to, chapters, authors],
    );
    process.stdout.write(`  ${to + 1} resources\r`);
  }
  await db.query(`INSERT INTO resource_file (id, resource_id, position) SELECT gen_random_uuid(), id, 1 FROM resource`);
  await db.query(`
    INSERT INTO resource_version (id, file_id, resource_id, number, blob_id, file_name, size, mime, file_kind, sha256, storage_key, created_by, preview_state)
    SELECT gen_random_uuid(), f.id, f.resource_id, 1, gen_random_uuid(), 'x.pdf', 1000, 'application/pdf', 'pdf', md5(f.id::text) || md5(f.resource_id::text),
           'blobs/x', r.author_id, 'ready'
    FROM resource_file f JOIN resource r ON r.id = f.resource_id`);
  await db.query(`UPDATE resource_file f SET latest_version_id = v.id FROM resource_version v WHERE v.file_id = f.id`);
  await db.query(`VACUUM ANALYZE`);
  const seconds = (performance.now() - t0) / 1000;
  const sample = (await db.query(`SELECT c.id, c.level FROM chapter c ORDER BY md5(c.id::text) LIMIT 400`)).rows as {
    id: string;
    level: number;
  }[];
  const textbooks = (await db.query(`SELECT id FROM textbook ORDER BY md5(id::text) LIMIT 40`)).rows as { id: string }[];
  const schools = (await db.query(`SELECT id FROM school`)).rows.map((r) => r.id as string);
  await db.end();
  void seedSchools;
  return { seconds, chapters: sample, textbooks, schools };
}

async function main() {
  const stack = await startStack();
  try {
    console.log(`machine: ${machine()}`);
    console.log(`seeding ${TOTAL.toLocaleString('en')} resources…`);
    const data = await seed(stack.databaseUrl, Object.values(stack.seed.schools));
    console.log(`seeded in ${data.seconds.toFixed(1)} s`);
    const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'teacher.wang', password: 'Mumian2026' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const get = async (path: string) => {
      const t0 = performance.now();
      const res = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items?: unknown[]; nextCursor?: string | null };
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t0, body };
    };
    const kinds = ['lesson_plan', 'courseware', 'exercise', 'exam_paper'];
    // warm-up
    for (let i = 0; i < 20; i++) await get(`/api/resources?chapterId=${data.chapters[i].id}&limit=30`);
    const first: number[] = [];
    const next: number[] = [];
    const units: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const c = data.chapters[i % data.chapters.length];
      const q = new URLSearchParams({ chapterId: c.id, limit: '30' });
      if (i % 3 >= 1) q.set('kind', kinds[i % kinds.length]);
      if (i % 3 === 2) q.append('kind', kinds[(i + 1) % kinds.length]);
      if (i % 4 === 3) q.set('schoolId', data.schools[i % data.schools.length]);
      const a = await get(`/api/resources?${q}`);
      first.push(a.ms);
      if (c.level === 1) units.push(a.ms);
      rows += a.body.items?.length ?? 0;
      if (a.body.nextCursor) {
        q.set('cursor', a.body.nextCursor);
        const b = await get(`/api/resources?${q}`);
        next.push(b.ms);
      }
    }
    const trees: number[] = [];
    for (const t of data.textbooks) trees.push((await get(`/api/textbooks/${t.id}/chapters`)).ms);
    const all = [...first, ...next];
    console.log(`chapter listing, first page (30 rows, filters by kind/school): ${fmt(first)}`);
    console.log(`  of which units (a unit lists its lessons' resources too): ${fmt(units)}`);
    console.log(`chapter listing, next page by keyset cursor: ${fmt(next)}`);
    console.log(`chapter listing, all requests: ${fmt(all)}  — goal p95 < 30 ms: ${pct(all, 95) < 30 ? 'met' : 'NOT met'}`);
    console.log(`average rows per first page: ${(rows / first.length).toFixed(1)}`);
    console.log(
      `chapter tree with visible counts per chapter (one volume ≈ ${Math.round(TOTAL / 40).toLocaleString('en')} resources): ${fmt(trees)}`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
