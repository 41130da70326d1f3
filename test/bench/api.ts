import autocannon from 'autocannon';
import { machine, startStack } from './support/stack.js';

/**
 * `npm run bench:api`: requests/s and p50/p99 latency of sign-in and of an authenticated,
 * keyset-paginated list endpoint, under fixed concurrency on loopback.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

async function run(title: string, opts: autocannon.Options) {
  const result = await autocannon({ duration: DURATION, ...opts });
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `${title.padEnd(44)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   errors ${errors}`,
  );
  return result;
}

async function main() {
  const stack = await startStack();
  try {
    const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'group.admin', password: 'Mumian2026' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    // a realistic list: 2,000 students of one school
    await stack.app.get((await import('typeorm')).DataSource).query(
      `INSERT INTO app_user (username, display_name, password_hash, role, school_id, grade)
       SELECT 'bench.s' || g, '学生' || g, 'x', 'student', $1, 1 + g % 6 FROM generate_series(1, 2000) g`,
      [stack.seed.schools.rural],
    );
    console.log(`machine: ${machine()}; ${DURATION}s per run; loopback`);
    await run('POST /api/auth/login (argon2id), c=8', {
      url: `${stack.baseUrl}/api/auth/login`,
      connections: 8,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'teacher.li', password: 'Mumian2026' }),
    });
    await run('GET /api/users?limit=50 (signed in), c=32', {
      url: `${stack.baseUrl}/api/users?limit=50&schoolId=${stack.seed.schools.rural}`,
      connections: 32,
      headers: { authorization: `Bearer ${token}` },
    });
    await run('GET /api/health (floor), c=32', { url: `${stack.baseUrl}/api/health`, connections: 32 });
  } finally {
    await stack.stop();
  }
}

void main();
