import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry for the process; modules add their own metrics to it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'mumian_' });

export const httpDuration = new Histogram({
  name: 'mumian_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const jobsProcessed = new Counter({
  name: 'mumian_jobs_total',
  help: 'Jobs finished, by queue and outcome',
  labelNames: ['queue', 'outcome'] as const,
  registers: [metricsRegistry],
});

let queueDepthSource: (() => Promise<{ queue: string; due: number }[]>) | null = null;

/** Where the queue-depth gauge reads from (the jobs module sets it; the last app of a process wins). */
export function setQueueDepthSource(source: () => Promise<{ queue: string; due: number }[]>): void {
  queueDepthSource = source;
}

/** Jobs due and not yet picked, per queue: what the worker autoscaler (KEDA) scales on. */
export const jobQueueDepth = new Gauge({
  name: 'mumian_job_queue_depth',
  help: 'Jobs due to run and not yet picked, by queue',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
  async collect() {
    if (!queueDepthSource) return;
    const rows = await queueDepthSource();
    this.reset();
    for (const r of rows) this.set({ queue: r.queue }, r.due);
  },
});
