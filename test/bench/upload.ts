import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine } from './support/stack.js';

/**
 * `npm run bench:upload`: a generated file (1 GiB by default) through the real browser-facing
 * path — create the upload, presigned part PUTs in parallel straight to the object store, record
 * each part in the API's ledger, complete, wait for server-side verification — beside a plain S3
 * upload of the same bytes to the same store (SDK multipart with the same part size and
 * parallelism, and one single PUT). The API runs in its own process (with its job runner, so it
 * also verifies the file), and samples its own RSS: the figure is its peak growth.
 *
 * BENCH_UPLOAD_MIB (default 1024), BENCH_PARALLEL (parts in flight, default 4), BENCH_ROUNDS (default 2).
 */
const MiB = 1024 ** 2;
const SIZE = Number(process.env.BENCH_UPLOAD_MIB ?? 1024) * MiB;
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const here = fileURLToPath(new URL('.', import.meta.url));
const dist = resolve(here, '../../server/dist');
const load = <T>(rel: string): Promise<T> => import(pathToFileURL(join(dist, rel)).href) as Promise<T>;

type Msg = { type: 'ready'; port: number } | { type: 'rss'; base: number; peak: number } | { type: 'reset' };

/** The API process: the same createApp as production, plus the job runner (verification). */
async function apiChild() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { createApp, prepare } = await load<typeof import('../../server/src/bootstrap.js')>('bootstrap.js');
  const { loadConfig } = await load<typeof import('../../server/src/config/config.js')>('config/config.js');
  const { seedDemo } = await load<typeof import('../../server/src/dev/seed.js')>('dev/seed.js');
  const { JobsService } =
    await load<typeof import('../../server/src/modules/jobs/jobs.service.js')>('modules/jobs/jobs.service.js');
  const config = loadConfig(JSON.parse(process.env.BENCH_API_ENV!) as Record<string, string>);
  const app = await createApp(config, { httpLog: false });
  await prepare(app);
  await app.listen(0, '127.0.0.1');
  await seedDemo(app, () => undefined, { modules: false });
  app.get(JobsService).start(200);
  let base = process.memoryUsage().rss;
  let peak = base;
  setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  }, 20).unref();
  const send = (m: Msg) => process.send!(m);
  process.on('message', (m: string) => {
    if (m === 'reset') {
      (globalThis as { gc?: () => void }).gc?.();
      base = process.memoryUsage().rss;
      peak = base;
      send({ type: 'reset' });
    } else if (m === 'report') send({ type: 'rss', base, peak });
    else if (m === 'stop') void app.close().finally(() => process.exit(0));
  });
  send({ type: 'ready', port: (app.getHttpServer().address() as { port: number }).port });
}

function waitFor<T extends Msg['type']>(child: ChildProcess, type: T): Promise<Extract<Msg, { type: T }>> {
  return new Promise((ok, fail) => {
    const onMessage = (m: Msg) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      ok(m as Extract<Msg, { type: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => fail(new Error(`child exited with ${code}`)));
  });
}

/** A presigned PUT over node:http with keep-alive: the same client stack the SDK baseline uses. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
function putPresigned(url: string, body: Buffer): Promise<string> {
  return new Promise((ok, fail) => {
    const req = request(url, { method: 'PUT', agent, headers: { 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? ok(String(res.headers.etag)) : fail(new Error(`part PUT: HTTP ${res.statusCode}`)),
      );
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function pool<T>(items: T[], parallel: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const embedded = await load<typeof import('../../server/src/dev/embedded.js')>('dev/embedded.js');
  const { loadConfig } = await load<typeof import('../../server/src/config/config.js')>('config/config.js');
  const { StorageService } = await load<typeof import('../../server/src/modules/storage/storage.service.js')>(
    'modules/storage/storage.service.js',
  );
  const root = mkdtempSync(join(tmpdir(), 'mumian-bench-upload-'));
  chmodSync(root, 0o755);
  const children: ChildProcess[] = [];
  const pg = await embedded.startEmbeddedPostgres(join(root, 'pg'), { fast: true });
  try {
    await pg.createDatabase('bench');
    const s3Port = await embedded.freePort();
    const s3 = fork(join(dist, 'dev/s3-server.js'), [join(root, 's3'), String(s3Port)], {
      execArgv: ['--openssl-legacy-provider'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(s3);
    await new Promise<void>((ok, fail) => {
      s3.once('message', () => ok());
      s3.once('exit', (code) => fail(new Error(`s3rver exited with ${code}`)));
    });
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      DATABASE_URL: pg.url('bench'),
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_BUCKET: 'bench',
      S3_ACCESS_KEY: embedded.S3_KEY,
      S3_SECRET_KEY: embedded.S3_SECRET,
      S3_CREATE_BUCKET: 'true',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    };
    const api = fork(fileURLToPath(import.meta.url), ['api-child'], {
      env: { ...process.env, BENCH_API_ENV: JSON.stringify(env) },
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(api);
    const base = `http://127.0.0.1:${(await waitFor(api, 'ready')).port}`;

    // the file: a PDF header and random content (so that neither side can compress or dedupe it)
    const file = join(root, 'bench.pdf');
    {
      const block = randomBytes(16 * MiB);
      Buffer.from('%PDF-1.7\n').copy(block);
      const fh = await open(file, 'w');
      for (let at = 0; at < SIZE; at += block.length) {
        await fh.write(block, 0, Math.min(block.length, SIZE - at));
        block.writeUInt32LE(at / block.length + 1, 64); // keep blocks distinct
      }
      await fh.close();
    }
    const fh = await open(file, 'r');
    const readPart = async (start: number, length: number) => {
      const buf = Buffer.allocUnsafe(length);
      await fh.read(buf, 0, length, start);
      return buf;
    };

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'teacher.li', password: 'Mumian2026' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const apiCall = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };

    const storage = new StorageService(loadConfig(env));
    const partSize = 8 * MiB;
    const numbers = Array.from({ length: Math.ceil(SIZE / partSize) }, (_, i) => i + 1);

    /** plain S3: SDK multipart with the same part size and parallelism, straight to the store */
    const plainMultipart = async (round: number) => {
      const t0 = performance.now();
      const key = `bench/plain-multipart-${round}`;
      const uploadId = await storage.createMultipart(key);
      const etags = new Map<number, string>();
      await pool(numbers, PARALLEL, async (n) => {
        const start = (n - 1) * partSize;
        etags.set(n, await storage.uploadPart(key, uploadId, n, await readPart(start, Math.min(partSize, SIZE - start))));
      });
      const parts = (performance.now() - t0) / 1000;
      await storage.completeMultipart(
        key,
        uploadId,
        numbers.map((n) => ({ partNumber: n, etag: etags.get(n)! })),
      );
      const total = (performance.now() - t0) / 1000;
      await storage.delete([key]);
      return { total, parts };
    };

    /** the browser-facing path through the API, then the wait for verification */
    let rssGrowthUpload = 0;
    let rssGrowthAll = 0;
    let rssBase = 0;
    let verifySeconds = Infinity;
    let verdict = '';
    const browserPath = async (round: number) => {
      api.send('reset');
      await waitFor(api, 'reset');
      const t0 = performance.now();
      const created = await apiCall<{ id: string; partSize: number; partCount: number }>('POST', '/api/uploads', {
        purpose: 'resource',
        fileName: `基准测试-${round}.pdf`,
        size: SIZE,
      });
      const parts = Array.from({ length: created.partCount }, (_, i) => i + 1);
      const urls = new Map<number, string>();
      for (let i = 0; i < parts.length; i += 100) {
        const res = await apiCall<{ urls: { partNumber: number; url: string }[] }>(
          'POST',
          `/api/uploads/${created.id}/part-urls`,
          { partNumbers: parts.slice(i, i + 100) },
        );
        for (const u of res.urls) urls.set(u.partNumber, u.url);
      }
      // like the web uploader: recording a part in the ledger does not hold up the next part's bytes
      const records: Promise<unknown>[] = [];
      await pool(parts, PARALLEL, async (n) => {
        const start = (n - 1) * created.partSize;
        const body = await readPart(start, Math.min(created.partSize, SIZE - start));
        const etag = await putPresigned(urls.get(n)!, body);
        records.push(apiCall('PUT', `/api/uploads/${created.id}/parts/${n}`, { etag, size: body.length }));
      });
      await Promise.all(records);
      const partsSeconds = (performance.now() - t0) / 1000;
      await apiCall('POST', `/api/uploads/${created.id}/complete`);
      const total = (performance.now() - t0) / 1000;
      api.send('report');
      const uploadRss = await waitFor(api, 'rss');
      let state = 'verifying';
      let reason: string | null = null;
      while (state === 'verifying') {
        await new Promise((r) => setTimeout(r, 250));
        ({ state, reason } = await apiCall<{ state: string; reason: string | null }>('GET', `/api/uploads/${created.id}`));
      }
      verifySeconds = Math.min(verifySeconds, (performance.now() - t0) / 1000 - total);
      verdict = `${state}${reason ? ` (${reason})` : ''}`;
      api.send('report');
      const rss = await waitFor(api, 'rss');
      rssBase = rss.base;
      rssGrowthUpload = Math.max(rssGrowthUpload, uploadRss.peak - uploadRss.base);
      rssGrowthAll = Math.max(rssGrowthAll, rss.peak - rss.base);
      return { total, parts: partsSeconds };
    };

    // alternate the two, best of ROUNDS each: this machine is shared and noisy
    const sdkRuns: { total: number; parts: number }[] = [];
    const pathRuns: { total: number; parts: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (round % 2) {
        sdkRuns.push(await plainMultipart(round));
        pathRuns.push(await browserPath(round));
      } else {
        pathRuns.push(await browserPath(round));
        sdkRuns.push(await plainMultipart(round));
      }
    }
    const best = (runs: { total: number; parts: number }[]) => runs.reduce((a, b) => (b.total < a.total ? b : a));
    const sdk = best(sdkRuns);
    const path = best(pathRuns);

    // plain S3: one single PUT of the whole file
    const putStart = performance.now();
    await storage.put('bench/plain-put', createReadStream(file), 'application/octet-stream', SIZE);
    const putSeconds = (performance.now() - putStart) / 1000;
    await fh.close();
    const sdkSeconds = sdk.total;
    const sdkPartsSeconds = sdk.parts;
    const pathSeconds = path.total;
    const partsSeconds = path.parts;

    const mibs = (s: number) => SIZE / MiB / s;
    const row = (label: string, s: number) =>
      console.log(`${label.padEnd(58)} ${s.toFixed(1).padStart(6)} s ${mibs(s).toFixed(1).padStart(7)} MiB/s`);
    console.log(`machine: ${machine()}; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
    console.log(
      `file: ${SIZE / MiB} MiB, parts of ${partSize / MiB} MiB, ${PARALLEL} in flight, best of ${ROUNDS} alternating rounds; s3rver on loopback`,
    );
    row('plain S3 multipart (SDK, same parts and parallelism)', sdkSeconds);
    row('plain S3 single PUT', putSeconds);
    row('browser path: create, presigned part PUTs, ledger, complete', pathSeconds);
    console.log(
      `  of which parts ${partsSeconds.toFixed(1)} s + complete ${(pathSeconds - partsSeconds).toFixed(1)} s ` +
        `(plain multipart: parts ${sdkPartsSeconds.toFixed(1)} s + complete ${(sdkSeconds - sdkPartsSeconds).toFixed(1)} s)`,
    );
    console.log(
      `browser path vs plain multipart: ${((mibs(pathSeconds) / mibs(sdkSeconds)) * 100).toFixed(0)}%; ` +
        `vs single PUT: ${((mibs(pathSeconds) / mibs(putSeconds)) * 100).toFixed(0)}% (goal ≥ 90%)`,
    );
    console.log(`verification (size, sniff, SHA-256 streamed) done ${verifySeconds.toFixed(1)} s after complete: ${verdict}`);
    console.log(
      `API process RSS: ${(rssBase / MiB).toFixed(0)} MiB before; peak growth ` +
        `${(rssGrowthUpload / MiB).toFixed(1)} MiB during the upload, ` +
        `${(rssGrowthAll / MiB).toFixed(1)} MiB including verification (goal < 100 MiB)`,
    );
  } finally {
    for (const c of children) {
      if (c.exitCode === null) c.send?.('stop');
    }
    await new Promise((r) => setTimeout(r, 1500));
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await pg.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'api-child') await apiChild();
else await main();
