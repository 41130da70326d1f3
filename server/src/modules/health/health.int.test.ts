import { defineQueue } from '../jobs/queue.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

describe('health, readiness and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and checks Postgres and the object store for readiness', async () => {
    expect((await t.http().get('/api/health')).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ database: 'ok', objectStore: 'ok' });
  });

  it('exports Prometheus metrics for requests and jobs, and tags responses with a request id', async () => {
    const metricsQueue = defineQueue('test.metrics');
    t.jobs.register(metricsQueue, async () => undefined);
    await t.jobs.enqueue(metricsQueue, {});
    await t.jobs.drain();
    const res = await t.http().get('/api/metrics').set('x-request-id', 'trace-me-123');
    expect(res.headers['x-request-id']).toBe('trace-me-123');
    expect(res.text).toContain('mumian_http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/mumian_jobs_total\{queue="test.metrics",outcome="done"\} 1/);
  });
});
