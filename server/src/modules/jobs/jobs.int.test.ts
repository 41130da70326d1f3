import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { PermanentJobError } from './jobs.service.js';
import { defineQueue, type Queue } from './queue.js';

/** queues of these tests only: registered by each test after boot, so not declared for the boot check */
const testQueue = <P extends object = object>(name: string): Queue<P> => ({ name });
const flaky = testQueue('test.flaky');
const broken = testQueue('test.broken');
const lease = testQueue<{ n: number }>('test.lease');
const slow = testQueue('test.slow');

describe('durable job queue in Postgres', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const state = async (id: string) =>
    (await t.db.query(`SELECT state, attempts, last_error FROM job WHERE id=$1`, [id]))[0] as {
      state: string;
      attempts: number;
      last_error: string | null;
    };

  it('retries a failing job with backoff and then succeeds', async () => {
    let calls = 0;
    t.jobs.register(
      flaky,
      async () => {
        calls++;
        if (calls < 3) throw new Error(`glitch ${calls}`);
      },
      { backoffSeconds: 0.01 },
    );
    const id = await t.jobs.enqueue(flaky, {});
    for (let i = 0; i < 20 && (await state(id)).state !== 'done'; i++) {
      await t.jobs.drain();
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(await state(id)).toEqual({ state: 'done', attempts: 3, last_error: null });
  });

  it('marks a job failed with its reason after the last attempt, and an admin retry runs it again', async () => {
    let fail = true;
    t.jobs.register(broken, async () => {
      if (fail) throw new PermanentJobError('the file is not a video');
    });
    const id = await t.jobs.enqueue(broken, {});
    await t.jobs.drain();
    expect(await state(id)).toMatchObject({ state: 'failed', attempts: 1, last_error: 'the file is not a video' });
    fail = false;
    expect(await t.jobs.retry(id)).toBe(true);
    await t.jobs.drain();
    expect((await state(id)).state).toBe('done');
  });

  it('takes over a job whose worker died (expired lease) and coalesces singleton jobs', async () => {
    const seen: string[] = [];
    t.jobs.register(lease, async (payload) => {
      seen.push(String(payload.n));
    });
    const id = await t.jobs.enqueue(lease, { n: 1 });
    // a crashed worker: running, lease expired
    await t.db.query(
      `UPDATE job SET state='running', attempts=1, locked_by='dead-worker', lease_until=now() - interval '1 minute' WHERE id=$1`,
      [id],
    );
    await t.jobs.drain();
    expect(await state(id)).toMatchObject({ state: 'done', attempts: 2 });
    const a = await t.jobs.enqueue(lease, { n: 2 }, { singletonKey: 'same' });
    const b = await t.jobs.enqueue(lease, { n: 3 }, { singletonKey: 'same' });
    expect(b).toBe(a);
    await t.jobs.drain();
    expect(seen).toEqual(['1', '2']);
  });

  it('releases the job in hand on shutdown so another worker can finish it', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    t.jobs.register(slow, async (_p, ctx) => {
      started();
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, 10000);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      });
    });
    const id = await t.jobs.enqueue(slow, {});
    void t.jobs.start(20);
    await running;
    await t.jobs.stop(100);
    expect(await state(id)).toMatchObject({ state: 'queued', attempts: 0 });
  });

  it('refuses to boot when a declared queue has no handler', async () => {
    defineQueue<{ id: string }>('test.nobody-handles-me');
    await expect(createTestApp()).rejects.toThrow('job queues without a handler: test.nobody-handles-me');
  });

  it('exports the jobs due per queue as a gauge for the worker autoscaler', async () => {
    const depth = testQueue('test.depth');
    await t.jobs.enqueue(depth, {});
    await t.jobs.enqueue(depth, {});
    await t.jobs.enqueue(depth, {}, { runAfter: new Date(Date.now() + 3_600_000) }); // not due yet
    const metrics = await t.http().get('/api/metrics');
    expect(metrics.text).toMatch(/mumian_job_queue_depth\{queue="test.depth"\} 2\n/);
  });
});
