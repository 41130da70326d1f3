import type { Index, Meilisearch, SearchParams, Settings, Task } from 'meilisearch';
import { performance } from 'node:perf_hooks';
import {
  attributeFields,
  fieldText,
  InvalidSearchQueryError,
  MAX_TOTAL_HITS,
  normalizeFilter,
  UnknownSearchIndexError,
  validateDefinition,
  validateQuery,
  type Filter,
  type SearchDocument,
  type SearchEngine,
  type SearchIndexDefinition,
  type SearchQuery,
  type SearchResult,
} from './search.engine.js';
import { indexSlots, queryTokens } from './tokenizer.js';

const TASK_WAIT = { timeout: 30_000, interval: 50 };
const BATCH = 1000;
/** the tokenized text of searchable field i lives in this attribute (see search.engine.ts) */
const textAttribute = (i: number) => `mm_text_${i}`;

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** prepended to every index uid (tests use a random one) */
  indexPrefix?: string;
}

/**
 * The production engine. Documents hold `id`, the filterable/sortable values, and for each
 * searchable field (in priority order) the output of our tokenizer joined by spaces, so that
 * Meilisearch matches Chinese the same way the Postgres engine does instead of by jieba words.
 * Every write waits for its task, so a write is searchable when the call returns.
 */
export class MeilisearchEngine implements SearchEngine {
  readonly kind = 'meilisearch' as const;
  private readonly defs = new Map<string, SearchIndexDefinition>();

  constructor(
    readonly client: Meilisearch,
    private readonly indexPrefix = '',
  ) {}

  /** Loads the (ESM-only) client lazily, so a Postgres-only deployment never imports it. */
  static async connect(opts: MeilisearchEngineOptions): Promise<MeilisearchEngine> {
    const { Meilisearch } = await import('meilisearch');
    return new MeilisearchEngine(
      new Meilisearch({ host: opts.host, apiKey: opts.apiKey, timeout: 10_000 }),
      opts.indexPrefix ?? '',
    );
  }

  uid(index: string): string {
    return `${this.indexPrefix}${index}`;
  }

  private index(name: string): { def: SearchIndexDefinition; index: Index } {
    const def = this.defs.get(name);
    if (!def) throw new UnknownSearchIndexError(name);
    return { def, index: this.client.index(this.uid(name)) };
  }

  async ensureIndex(def: SearchIndexDefinition): Promise<void> {
    validateDefinition(def);
    const created = await this.client.createIndex(this.uid(def.name), { primaryKey: 'id' }).waitTask(TASK_WAIT);
    if (created.status === 'failed' && created.error?.code !== 'index_already_exists') throwFailed(created);
    const settings: Settings = {
      searchableAttributes: def.searchable.map((_, i) => textAttribute(i)),
      filterableAttributes: def.filterable,
      sortableAttributes: def.sortable ?? [],
      displayedAttributes: ['id'],
      // an explicit sort wins over relevance (as in the Postgres engine); relevance breaks ties
      rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
      localizedAttributes: [{ attributePatterns: ['mm_text_*'], locales: ['cmn'] }],
      pagination: { maxTotalHits: MAX_TOTAL_HITS },
    };
    throwFailed(await this.client.index(this.uid(def.name)).updateSettings(settings).waitTask(TASK_WAIT));
    this.defs.set(def.name, def);
  }

  async upsert(name: string, docs: SearchDocument[]): Promise<void> {
    const { def, index } = this.index(name);
    const all = [...new Map(docs.map((d) => [String(d.id), d])).values()].map((d) => toMeiliDocument(def, d));
    for (let i = 0; i < all.length; i += BATCH)
      // addDocuments replaces whole documents (updateDocuments would merge)
      throwFailed(await index.addDocuments(all.slice(i, i + BATCH), { primaryKey: 'id' }).waitTask(TASK_WAIT));
  }

  async delete(name: string, ids: string[]): Promise<void> {
    const { index } = this.index(name);
    for (let i = 0; i < ids.length; i += BATCH)
      throwFailed(await index.deleteDocuments(ids.slice(i, i + BATCH)).waitTask(TASK_WAIT));
  }

  async clear(name: string): Promise<void> {
    const { index } = this.index(name);
    throwFailed(await index.deleteAllDocuments().waitTask(TASK_WAIT));
  }

  async ping(): Promise<void> {
    await this.client.health();
  }

  async search(name: string, query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const { def, index } = this.index(name);
    validateQuery(def, query);
    const filter = normalizeFilter(def, query.filter);
    if (filter === false) return { ids: [], total: 0, tookMs: performance.now() - started };
    const params: SearchParams = {
      attributesToRetrieve: ['id'],
      matchingStrategy: 'all',
      locales: ['cmn'],
    };
    if (filter !== true) params.filter = compileMeiliFilter(filter);
    if (query.sort?.length) params.sort = query.sort.map((s) => `${s.field}:${s.direction}`);
    const offset = query.offset ?? 0;
    // page/hitsPerPage gives an exact total; offset/limit only an estimate
    if (query.limit === 0) Object.assign(params, { page: 1, hitsPerPage: 0 });
    else if (offset % query.limit === 0) Object.assign(params, { page: offset / query.limit + 1, hitsPerPage: query.limit });
    else Object.assign(params, { offset, limit: query.limit });
    const q = queryTokens(query.q ?? '')
      .map((t) => t.term)
      .join(' ');
    const res = await index.search(q, params);
    const total =
      'totalHits' in res && typeof res.totalHits === 'number'
        ? res.totalHits
        : ((res as { estimatedTotalHits?: number }).estimatedTotalHits ?? 0);
    return {
      ids: res.hits.map((h) => String((h as { id: unknown }).id)),
      total,
      tookMs: performance.now() - started,
    };
  }
}

function toMeiliDocument(def: SearchIndexDefinition, doc: SearchDocument): Record<string, unknown> {
  const out: Record<string, unknown> = { ...attributeFields(def, doc), id: String(doc.id) };
  def.searchable.forEach((field, i) => {
    out[textAttribute(i)] = indexSlots(fieldText(doc[field]).slice(0, 20_000)).flat().join(' ');
  });
  return out;
}

function throwFailed(task: Task): void {
  if (task.status === 'failed' || task.status === 'canceled')
    throw new Error(`meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`);
}

/**
 * The filter AST as a Meilisearch filter string. Field names are checked identifiers; strings are
 * double-quoted with `"` escaped. Meilisearch's parser only unescapes `\"`, so a backslash cannot
 * be written safely: values holding one are refused.
 */
export function compileMeiliFilter(filter: Filter): string {
  if ('and' in filter) return `(${filter.and.map(compileMeiliFilter).join(' AND ')})`;
  if ('or' in filter) return `(${filter.or.map(compileMeiliFilter).join(' OR ')})`;
  if ('eq' in filter) return `${filter.field} = ${meiliValue(filter.eq)}`;
  return `${filter.field} IN [${filter.in.map(meiliValue).join(', ')}]`;
}

function meiliValue(v: string | number | boolean): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v.includes('\\')) throw new InvalidSearchQueryError('filter values cannot contain a backslash');
  return `"${v.replace(/"/g, '\\"')}"`;
}
