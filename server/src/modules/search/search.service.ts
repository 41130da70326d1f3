import { HttpStatus, Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { ReadinessRegistry } from '../health/readiness.js';
import { JobsService } from '../jobs/jobs.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { SEARCH_DRAIN_QUEUE } from './search.jobs.js';
import {
  InvalidSearchQueryError,
  SEARCH_ENGINE,
  UnknownSearchIndexError,
  validateDefinition,
  type SearchEngine,
  type SearchIndexDefinition,
  type SearchQuery,
  type SearchResult,
} from './search.engine.js';

const DRAIN_BATCH = 500;
const RELOAD_BATCH = 500;
const SWEEP_MS = 30_000;
const MAX_DOC_ID = 200;

/**
 * Search for the other modules. An owner module registers its index (fields + a loader of its
 * current documents), writes outbox rows in the same transaction as its changes (`enqueue`), and
 * the `search.drain` job brings the engine up to date: idempotent (it reloads current state), retried
 * by the job queue, and safe to run twice.
 */
@Injectable()
export class SearchService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Search');
  private readonly defs = new Map<string, SearchIndexDefinition>();
  private readonly ready = new Map<string, Promise<void>>();
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    @Inject(SEARCH_ENGINE) readonly engine: SearchEngine,
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobsService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SEARCH_DRAIN_QUEUE, async () => void (await this.drain()), {
      concurrency: 1,
      leaseSeconds: 600,
    });
    this.readiness.register('search', () => this.engine.ping());
    // Safety net: an enqueue that lands while a drain is finishing joins the running job
    // (singleton key) and could wait for the next change; the worker re-checks now and then.
    if (process.env.MUMIAN_PROCESS === 'worker') {
      this.sweep = setInterval(() => void this.enqueueDrainIfPending(), SWEEP_MS);
      this.sweep.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  /** Called in the owner module's onModuleInit. */
  registerIndex(def: SearchIndexDefinition): void {
    validateDefinition(def);
    if (this.defs.has(def.name)) throw new Error(`search index "${def.name}" is registered twice`);
    this.defs.set(def.name, def);
  }

  indexNames(): string[] {
    return [...this.defs.keys()];
  }

  /** Marks documents for (re)indexing, inside the caller's transaction. */
  async enqueue(manager: EntityManager, index: string, ids: string[]): Promise<void> {
    if (!this.defs.has(index)) throw new UnknownSearchIndexError(index);
    const unique = [...new Set(ids.map(String))];
    if (!unique.length) return;
    const bad = unique.find((id) => !id || id.length > MAX_DOC_ID);
    if (bad !== undefined) throw new Error(`search document id must be 1..${MAX_DOC_ID} characters`);
    await this.outbox.add(manager, index, unique);
    await this.jobs.enqueue(SEARCH_DRAIN_QUEUE, {}, { manager, singletonKey: SEARCH_DRAIN_QUEUE.name });
  }

  async search(index: string, query: SearchQuery): Promise<SearchResult> {
    await this.ensure(index);
    try {
      return await this.engine.search(index, query);
    } catch (err) {
      if (err instanceof InvalidSearchQueryError) throw AppError.badRequest('search.invalidQuery', { reason: err.message });
      if (err instanceof UnknownSearchIndexError || err instanceof AppError) throw err;
      this.logger.error(`search in ${index} failed: ${(err as Error).message}`);
      throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'search.unavailable');
    }
  }

  /** Rebuilds an index from its owner's data (`def.allIds`); returns the number of documents. */
  async reindex(index: string): Promise<number> {
    const def = await this.ensure(index);
    if (!def.allIds) throw new Error(`search index "${index}" has no allIds(): it cannot be rebuilt`);
    await this.engine.clear(index);
    let count = 0;
    for await (const batch of def.allIds()) {
      for (let i = 0; i < batch.length; i += RELOAD_BATCH) {
        const docs = await def.load(batch.slice(i, i + RELOAD_BATCH));
        await this.engine.upsert(index, docs);
        count += docs.length;
      }
    }
    this.logger.log(`reindexed ${index}: ${count} documents`);
    return count;
  }

  /** Rebuilds the named indexes (all registered ones when none is named); refuses unknown names first. */
  async reindexMany(names: string[] = []): Promise<Record<string, number>> {
    const targets = names.length ? names : this.indexNames();
    const unknown = targets.filter((n) => !this.defs.has(n));
    if (unknown.length) throw new UnknownSearchIndexError(unknown.join(', '));
    const counts: Record<string, number> = {};
    for (const name of targets) counts[name] = await this.reindex(name);
    return counts;
  }

  /** Processes the whole outbox now (tests, tools); the job handler does the same. */
  async flush(): Promise<void> {
    await this.drain();
  }

  /** Drains the outbox batch by batch; returns how many outbox rows were processed. */
  async drain(): Promise<number> {
    let processed = 0;
    for (;;) {
      const n = await this.drainBatch();
      if (n === 0) return processed;
      processed += n;
    }
  }

  private async drainBatch(): Promise<number> {
    const names = [...this.defs.keys()];
    if (!names.length) return 0;
    return this.outbox.takeBatch(names, DRAIN_BATCH, async (rows) => {
      const byIndex = new Map<string, Set<string>>();
      for (const r of rows) {
        let ids = byIndex.get(r.index_name);
        if (!ids) byIndex.set(r.index_name, (ids = new Set()));
        ids.add(r.doc_id);
      }
      for (const [index, idSet] of byIndex) {
        const def = await this.ensure(index);
        const ids = [...idSet];
        const docs = await def.load(ids);
        const present = new Set(docs.map((d) => String(d.id)));
        await this.engine.upsert(index, docs);
        await this.engine.delete(
          index,
          ids.filter((id) => !present.has(id)),
        );
      }
    });
  }

  /** The worker's periodic safety net: queues a drain when outbox rows wait without one. */
  async enqueueDrainIfPending(): Promise<void> {
    try {
      const names = [...this.defs.keys()];
      if (!names.length) return;
      if (await this.outbox.hasPending(names))
        await this.jobs.enqueue(SEARCH_DRAIN_QUEUE, {}, { singletonKey: SEARCH_DRAIN_QUEUE.name });
    } catch (err) {
      this.logger.warn(`outbox sweep failed: ${(err as Error).message}`);
    }
  }

  /** The definition, with its engine index created/updated once per process. */
  private async ensure(index: string): Promise<SearchIndexDefinition> {
    const def = this.defs.get(index);
    if (!def) throw new UnknownSearchIndexError(index);
    let ready = this.ready.get(index);
    if (!ready) {
      ready = this.engine.ensureIndex(def);
      this.ready.set(index, ready);
      ready.catch(() => this.ready.delete(index)); // try again next time
    }
    await ready;
    return def;
  }
}
