import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { jobsProcessed, setQueueDepthSource } from '../health/metrics.js';
import { updatedRows } from '../../common/sql.js';
import { Job } from './job.entity.js';
import { declaredQueues, nextSlot, queuesWithoutHandler, type PeriodicPayload, type Queue } from './queue.js';

export interface JobContext {
  job: Job;
  /** aborted when the worker shuts down; a handler should stop and let the job be retried */
  signal: AbortSignal;
  /** keep the lease while doing long work (media transcodes) */
  extendLease(seconds?: number): Promise<void>;
}

export type JobHandler<P extends object = Record<string, unknown>> = (payload: P, ctx: JobContext) => Promise<void>;

export interface QueueOptions {
  /** how long a picked job is owned before another worker may take it over */
  leaseSeconds?: number;
  /** max jobs of this queue one worker runs at once */
  concurrency?: number;
  /** first retry delay; doubles each attempt */
  backoffSeconds?: number;
}

export interface EnqueueOptions {
  manager?: EntityManager;
  singletonKey?: string;
  runAfter?: Date;
  maxAttempts?: number;
}

/**
 * A durable job queue in Postgres: `FOR UPDATE SKIP LOCKED` picking, leases so a crashed
 * worker's job is taken over, exponential backoff, a failed state with the reason, and a
 * graceful stop that releases the job in hand. No Redis needed.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, { handler: JobHandler; opts: Required<QueueOptions> }>();
  private readonly periodic = new Map<string, number>();
  private readonly running = new Map<string, { queue: string; abort: AbortController; done: Promise<void> }>();
  private readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Jobs due and not yet picked, per queue (the `mumian_job_queue_depth` gauge). */
  async dueByQueue(): Promise<{ queue: string; due: number }[]> {
    return this.db.query(
      `SELECT queue, count(*)::int AS due FROM job WHERE state = 'queued' AND run_after <= now() GROUP BY queue`,
    );
  }

  register<P extends object>(queue: Queue<P>, handler: JobHandler<P>, opts: QueueOptions = {}): void {
    if (this.handlers.has(queue.name)) throw new Error(`job queue ${queue.name} has two handlers`);
    this.handlers.set(queue.name, {
      handler: handler as JobHandler,
      opts: {
        leaseSeconds: opts.leaseSeconds ?? 300,
        concurrency: opts.concurrency ?? this.config.WORKER_CONCURRENCY,
        backoffSeconds: opts.backoffSeconds ?? 5,
      },
    });
  }

  /**
   * A job that runs every `intervalMs`: one queued job per time slot (its singleton key, so several
   * workers schedule it once), which schedules the next slot when it has run. The first slot is
   * scheduled by `schedulePeriodic`, after the migrations (the worker's `start`).
   */
  every(queue: Queue<PeriodicPayload>, intervalMs: number, run: () => Promise<unknown>, opts: QueueOptions = {}): void {
    this.periodic.set(queue.name, intervalMs);
    this.register(
      queue,
      async ({ slot }) => {
        await run();
        // the next slot after this one, even when this one ran early
        await this.schedule(queue, Math.max(Date.now(), Number(slot) || 0));
      },
      opts,
    );
  }

  /** Queues the next run of every periodic job (idempotent: one job per slot). */
  async schedulePeriodic(): Promise<void> {
    for (const name of this.periodic.keys()) await this.schedule({ name });
  }

  /** Queues the periodic job's next slot after `after` (default now), in `manager`'s transaction if given. */
  async schedule(queue: Queue<PeriodicPayload>, after = Date.now(), manager?: EntityManager): Promise<void> {
    const slot = nextSlot(after, this.periodic.get(queue.name)!);
    await this.enqueue(queue, { slot }, { manager, singletonKey: `slot:${slot}`, runAfter: new Date(slot) });
  }

  /** Every declared queue needs a handler in every process, or its jobs would wait forever. */
  onApplicationBootstrap(): void {
    const missing = queuesWithoutHandler(declaredQueues(), new Set(this.handlers.keys()));
    if (missing.length) throw new Error(`job queues without a handler: ${missing.join(', ')}`);
    setQueueDepthSource(() => this.dueByQueue());
  }

  async enqueue<P extends object>(queue: Queue<P>, payload: P, opts: EnqueueOptions = {}): Promise<string> {
    const runner = opts.manager ?? this.db.manager;
    const rows: { id: string }[] = await runner.query(
      `INSERT INTO job (queue, payload, max_attempts, run_after, singleton_key)
       VALUES ($1, $2, $3, COALESCE($4, now()), $5)
       ON CONFLICT (queue, singleton_key) WHERE singleton_key IS NOT NULL AND state IN ('queued','running')
       DO UPDATE SET updated_at = now()
       RETURNING id`,
      [queue.name, JSON.stringify(payload), opts.maxAttempts ?? 5, opts.runAfter ?? null, opts.singletonKey ?? null],
    );
    return rows[0].id;
  }

  async get(id: string): Promise<Job | null> {
    return this.db.getRepository(Job).findOneBy({ id });
  }

  /** Puts a failed job back in the queue (admin "retry"). */
  async retry(id: string): Promise<boolean> {
    const rows = updatedRows(
      await this.db.query(
        `UPDATE job SET state='queued', attempts=0, run_after=now(), last_error=NULL, updated_at=now()
         WHERE id=$1 AND state='failed' RETURNING id`,
        [id],
      ),
    );
    return rows.length > 0;
  }

  /** Schedules the periodic jobs and starts polling (the worker calls this once it has migrated). */
  async start(pollMs = 500): Promise<void> {
    await this.schedulePeriodic();
    this.stopping = false;
    const tick = async () => {
      if (this.stopping) return;
      try {
        await this.pickAvailable();
      } catch (err) {
        this.logger.error(`poll failed: ${(err as Error).message}`);
      }
      if (!this.stopping) this.timer = setTimeout(tick, pollMs);
    };
    this.timer = setTimeout(tick, 0);
    this.logger.log(`worker ${this.workerId} polling queues: ${[...this.handlers.keys()].join(', ')}`);
  }

  /** Runs jobs in this process until none is due (tests and one-shot tools). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let i = 0; i < maxRounds; i++) {
      const started = await this.pickAvailable();
      if (started === 0 && this.running.size === 0) return;
      await Promise.all([...this.running.values()].map((r) => r.done));
    }
  }

  private async pickAvailable(): Promise<number> {
    let started = 0;
    for (const [queue, { opts }] of this.handlers) {
      const inQueue = [...this.running.values()].filter((r) => r.queue === queue).length;
      for (let free = opts.concurrency - inQueue; free > 0; free--) {
        const job = await this.pick(queue, opts.leaseSeconds);
        if (!job) break;
        this.run(job);
        started++;
      }
    }
    return started;
  }

  private async pick(queue: string, leaseSeconds: number): Promise<Job | null> {
    const rows = updatedRows(
      await this.db.query(
        `UPDATE job SET state='running', attempts=attempts+1, locked_by=$2,
              lease_until=now() + make_interval(secs => $3), updated_at=now()
       WHERE id = (
         SELECT id FROM job
         WHERE queue=$1 AND ((state='queued' AND run_after <= now()) OR (state='running' AND lease_until < now()))
         ORDER BY run_after
         FOR UPDATE SKIP LOCKED LIMIT 1)
       RETURNING *`,
        [queue, this.workerId, leaseSeconds],
      ),
    );
    if (!rows.length) return null;
    return this.db.getRepository(Job).create({
      id: rows[0].id as string,
      queue,
      payload: rows[0].payload as Record<string, unknown>,
      attempts: rows[0].attempts as number,
      maxAttempts: rows[0].max_attempts as number,
    });
  }

  private run(job: Job): void {
    const entry = this.handlers.get(job.queue)!;
    const abort = new AbortController();
    const ctx: JobContext = {
      job,
      signal: abort.signal,
      extendLease: async (seconds = entry.opts.leaseSeconds) => {
        await this.db.query(`UPDATE job SET lease_until = now() + make_interval(secs => $2) WHERE id=$1 AND locked_by=$3`, [
          job.id,
          seconds,
          this.workerId,
        ]);
      },
    };
    const done = (async () => {
      try {
        await entry.handler(job.payload, ctx);
        await this.db.query(
          `UPDATE job SET state='done', lease_until=NULL, last_error=NULL, updated_at=now() WHERE id=$1 AND locked_by=$2`,
          [job.id, this.workerId],
        );
        jobsProcessed.inc({ queue: job.queue, outcome: 'done' });
      } catch (err) {
        if (abort.signal.aborted) {
          await this.release(job.id);
          return;
        }
        const message = (err as Error).message?.slice(0, 2000) ?? String(err);
        const permanent = (err as { permanent?: boolean }).permanent === true;
        const failed = permanent || job.attempts >= job.maxAttempts;
        const delay = entry.opts.backoffSeconds * 2 ** Math.max(0, job.attempts - 1);
        this.logger.warn(`job ${job.queue}/${job.id} attempt ${job.attempts} failed: ${message}`);
        jobsProcessed.inc({ queue: job.queue, outcome: failed ? 'failed' : 'retry' });
        await this.db.query(
          `UPDATE job SET state=$2, last_error=$3, lease_until=NULL, run_after=now() + make_interval(secs => $4), updated_at=now()
           WHERE id=$1 AND locked_by=$5`,
          [job.id, failed ? 'failed' : 'queued', message, Math.min(delay, 3600), this.workerId],
        );
      } finally {
        this.running.delete(job.id);
      }
    })().catch((err) => this.logger.error(`job ${job.id} bookkeeping failed: ${(err as Error).message}`));
    this.running.set(job.id, { queue: job.queue, abort, done });
  }

  private async release(id: string): Promise<void> {
    await this.db.query(
      `UPDATE job SET state='queued', attempts=GREATEST(attempts-1,0), lease_until=NULL, locked_by=NULL, updated_at=now()
       WHERE id=$1 AND locked_by=$2 AND state='running'`,
      [id, this.workerId],
    );
  }

  /** Stops picking, lets the jobs in hand finish for `graceMs`, then aborts and releases them. */
  async stop(graceMs = 20000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    if (!this.running.size) return;
    const all = Promise.all([...this.running.values()].map((r) => r.done));
    const timedOut = await Promise.race([all.then(() => false), new Promise((r) => setTimeout(() => r(true), graceMs))]);
    if (timedOut) {
      for (const [id, r] of this.running) {
        r.abort.abort();
        await this.release(id);
      }
      await Promise.race([all, new Promise((r) => setTimeout(r, 5000))]);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

/** Throw this from a handler to fail a job at once, without retries (bad input, not a glitch). */
export class PermanentJobError extends Error {
  readonly permanent = true;
}
