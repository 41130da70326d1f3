import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `npm start` as a user runs it: first start seeds the demo group, Ctrl-C stops everything
 * (no stray PostgreSQL or s3rver), and the next start keeps the data.
 */
const root = resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

async function start(dataDir: string, port: number): Promise<{ child: ChildProcess; log: () => string }> {
  const env = {
    ...process.env,
    PORT: String(port),
    MUMIAN_DATA_DIR: dataDir,
    MUMIAN_PG_PORT: String(await freePort()),
    MUMIAN_S3_PORT: String(await freePort()),
  };
  const child = spawn(process.execPath, [join(root, 'server/dist/dev/start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const t0 = Date.now();
  while (!log.includes('Mumian 木棉 is up')) {
    if (child.exitCode !== null) throw new Error(`exited early:\n${log}`);
    if (Date.now() - t0 > 180000) throw new Error(`no start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, log: () => log };
}

async function stop(child: ChildProcess): Promise<number | null> {
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  return child.exitCode;
}

/** Processes whose command line mentions the data folder (postgres, s3rver, api, worker). */
function strays(dataDir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (cmd.includes(dataDir) || env.includes(`MUMIAN_DATA_DIR=${dataDir}`)) found.push(`${pid}: ${cmd}`);
    } catch {
      /* gone or not ours */
    }
  }
  return found;
}

describe('npm start lifecycle', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mumian-life-'));
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds once, stops cleanly on Ctrl-C and keeps data across restarts', async () => {
    const port = await freePort();
    const first = await start(dataDir, port);
    expect(first.log()).toContain('demo data seeded');
    expect(first.log()).toContain('teacher.li');
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'school.admin', password: 'Mumian2026' }),
    });
    const { accessToken, user } = (await login.json()) as { accessToken: string; user: { schoolId: string } };
    const created = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        username: 'kept.across',
        displayName: '留存测试',
        password: 'Keep12345',
        role: 'teacher',
        schoolId: user.schoolId,
      }),
    });
    expect(created.status).toBe(201);
    // the web app is served on the same port
    const html = await (await fetch(`${base}/resources/some/client/route`)).text();
    expect(html).toContain('<div id="root">');

    expect(await stop(first.child)).toBe(0);
    expect(strays(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await start(dataDir, port);
    expect(second.log()).not.toContain('demo data seeded');
    const again = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'kept.across', password: 'Keep12345' }),
    });
    expect(again.status).toBe(200);
    expect(await stop(second.child)).toBe(0);
    expect(strays(dataDir)).toEqual([]);
  });
});
